//! `sijil keygen` and `sijil export`, run as the real binary on a real store: reports encrypted
//! by the core (as the browser does) with the key `keygen` wrote, a report for another key, a
//! garbage file and a report whose answers break the rules.

use sijil_core::lang::Lang;
use sijil_report::form::*;
use sijil_report::receipt::ReportId;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn os_random(buf: &mut [u8]) {
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(buf)
        .unwrap();
}

fn temp_dir(name: &str) -> PathBuf {
    let mut b = [0u8; 8];
    os_random(&mut b);
    let dir = std::env::temp_dir().join(format!("sijil-export-{name}-{}", u64::from_le_bytes(b)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sijil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sijil"))
        .args(args)
        .output()
        .expect("runs")
}

/// `sijil keygen --out FILE`, returning the printed recipient.
fn keygen(path: &Path) -> String {
    let out = sijil(&["keygen", "--out", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recipient = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(recipient.starts_with("age1"), "{recipient}");
    recipient
}

fn today() -> Date {
    Date::parse("2024-05-01").unwrap()
}

fn new_id() -> ReportId {
    let mut b = [0u8; 16];
    os_random(&mut b);
    ReportId::from_random(b)
}

fn date(day: &str, month: &str, year: &str) -> DateInput {
    DateInput {
        day: day.into(),
        month: month.into(),
        year: year.into(),
        approximate: false,
    }
}

/// First report: an airstrike, contact by WhatsApp, two professions, evidence links.
fn airstrike() -> FormInput {
    let mut f = FormInput::default();
    f.about_you.relationship = "sibling".into();
    f.about_you.name = "خالد".into();
    f.about_you.contact_ok = "yes".into();
    f.about_you.contact_method = "whatsapp".into();
    f.about_you.contact_value = "٠٩٣٣ ١٢٣ ٤٥٦".into();
    f.about_you.consent_store = true;
    f.about_you.consent_publish_name = true;
    f.victim.first_name = "محمد".into();
    f.victim.father_name = "أحمد".into();
    f.victim.family_name = "الخطيب".into();
    f.victim.latin_name = "Mohammad al-Khatib".into();
    f.victim.sex = "male".into();
    f.victim.age = "٣٤".into();
    f.victim.civilian = "yes".into();
    f.victim.occupation = "ممرض، ومتطوع".into();
    f.victim.professions = vec!["medical".into(), "media".into()];
    f.victim.origin_governorate = "SY07".into();
    f.death.date = date("٥", "٣", "٢٠١٣");
    f.death.governorate = "SY02".into();
    f.death.district = "SY0203".into();
    f.death.method = "airstrike".into();
    f.death.weapon = "barrel_bomb".into();
    f.death.party = "regime".into();
    f.death.others_killed = "٤".into();
    f.death.narrative = "قصفت طائرة مروحية السوق \"الشعبي\".\nاستشهد مع أربعة آخرين.".into();
    f.evidence.links = vec![
        "https://example.org/video/1".into(),
        "https://example.org/post?id=2".into(),
    ];
    f
}

/// Second report: death in detention, date of death unknown, full name in one field.
fn detention() -> FormInput {
    let mut f = FormInput::default();
    f.about_you.relationship = "parent".into();
    f.about_you.consent_store = true;
    f.victim.full_name = "سارة عبد الله".into();
    f.victim.sex = "female".into();
    f.victim.birth = date("", "", "١٩٩٥");
    f.death.date_unknown = true;
    f.death.governorate = "SY01".into();
    f.death.method = "torture_detention".into();
    f.death.party = "unknown".into();
    f.detention.arrest_date = DateInput {
        approximate: true,
        ..date("", "٦", "٢٠١٢")
    };
    f.detention.arresting_party = "regime".into();
    f.detention.detention_place = "فرع فلسطين".into();
    f.detention.learned_how = "civil_registry".into();
    f.detention.body_handed_over = "no".into();
    f
}

/// Encrypts a validated report as the browser does and stores it as the intake would.
fn store_report(store: &Path, input: &FormInput, recipient: &str, lang: Lang) -> serde_json::Value {
    let report = validate(input, today(), AllowedParties::AnyId).expect("valid report");
    let submission = Submission {
        id: new_id(),
        submitted_at: "2024-05-01T08:15:00.000Z".into(),
        lang,
    };
    let json = report.to_wire_json(&submission);
    let cipher = sijil_report::age::encrypt(&[recipient], json.as_bytes(), &mut os_random).unwrap();
    std::fs::write(store.join(format!("{}.age", submission.id)), cipher).unwrap();
    report.to_wire_value(&submission)
}

/// A minimal RFC 4180 reader for checking the export (quoted fields, doubled quotes, CRLF).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn keygen_writes_a_private_identity_the_age_tool_reads_and_never_overwrites() {
    let dir = temp_dir("keygen");
    let key = dir.join("key.txt");
    let recipient = keygen(&key);
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(text.contains(&format!("# public key: {recipient}\n")));
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("AGE-SECRET-KEY-1"))
            .count(),
        1
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = sijil(&["keygen", "--out", key.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), text);
    // The Debian `age` tool decrypts what the core encrypted to this recipient with this file.
    let cipher =
        sijil_report::age::encrypt(&[&recipient], "مرحبا".as_bytes(), &mut os_random).unwrap();
    let file = dir.join("m.age");
    std::fs::write(&file, cipher).unwrap();
    let out = Command::new("age")
        .args(["-d", "-i"])
        .arg(&key)
        .arg(&file)
        .output()
        .expect("the Debian `age` binary is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "مرحبا");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_writes_the_good_reports_and_names_the_bad_files() {
    let dir = temp_dir("mixed");
    let (store, out_dir) = (dir.join("store"), dir.join("out"));
    std::fs::create_dir_all(&store).unwrap();
    let key = dir.join("key.txt");
    let recipient = keygen(&key);
    let other = keygen(&dir.join("other.txt"));

    let first = store_report(&store, &airstrike(), &recipient, Lang::Ar);
    let second = store_report(&store, &detention(), &recipient, Lang::En);
    let stranger = store_report(&store, &airstrike(), &other, Lang::Ar);
    let stranger_file = format!("{}.age", stranger["id"].as_str().unwrap());
    std::fs::write(store.join("garbage.age"), b"this is not an age file").unwrap();
    std::fs::write(store.join("README.txt"), b"not a report, ignored").unwrap();

    let out = sijil(&[
        "export",
        "--identity",
        key.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--today",
        "2024-05-01",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let bad_lines: Vec<&str> = stderr.lines().filter(|l| l.contains(".age:")).collect();
    assert_eq!(bad_lines.len(), 2, "{stderr}");
    assert!(
        stderr.contains(&format!("{stranger_file}: cannot decrypt")),
        "{stderr}"
    );
    assert!(stderr.contains("garbage.age: not an age file"), "{stderr}");
    assert!(!stderr.contains("README"));

    // JSON: exactly the two good reports, every field as the browser sent it.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("reports.json")).unwrap()).unwrap();
    let mut got = json.as_array().unwrap().clone();
    let mut want = vec![first.clone(), second.clone()];
    let by_id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    got.sort_by_key(by_id);
    want.sort_by_key(by_id);
    assert_eq!(got, want);
    assert_eq!(first["about_you"]["contact"]["value"], "+963933123456");
    assert_eq!(first["victim"]["name"]["first"], "محمد");
    assert_eq!(second["death"]["date"], serde_json::Value::Null);
    assert_eq!(second["detention"]["detention_place"], "فرع فلسطين");

    // CSV: BOM, header, one row per report, Arabic and quoting intact.
    let bytes = std::fs::read(out_dir.join("reports.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"));
    let rows = read_csv(text.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), 3);
    let header = &rows[0];
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row_of = |id: &serde_json::Value| {
        rows.iter()
            .find(|r| r[col("id")] == id.as_str().unwrap())
            .unwrap()
            .clone()
    };
    let (r1, r2) = (row_of(&first["id"]), row_of(&second["id"]));
    assert_eq!(r1[col("receipt")], first["receipt"].as_str().unwrap());
    assert_eq!(r1[col("lang")], "ar");
    assert_eq!(r1[col("victim.name.first")], "محمد");
    assert_eq!(r1[col("victim.name.latin")], "Mohammad al-Khatib");
    assert_eq!(r1[col("victim.occupation")], "ممرض، ومتطوع");
    assert_eq!(r1[col("victim.age")], "34");
    assert_eq!(r1[col("victim.age_group")], "adult");
    assert_eq!(r1[col("victim.professions")], "medical\nmedia");
    assert_eq!(
        r1[col("victim.professions.label_en")],
        "Medical personnel\nMedia worker"
    );
    assert_eq!(r1[col("death.weapon.label_ar")], "برميل متفجّر");
    assert_eq!(
        r1[col("death.district.label_en")],
        sijil_report::form::places::district_by_code("SY0203")
            .unwrap()
            .name(sijil_core::lang::Lang::En)
    );
    // A phone number is E.164 as the form stored it (no formula can hide in `+` and digits).
    assert_eq!(r1[col("about_you.contact.value")], "+963933123456");
    assert_eq!(r1[col("about_you.consent.publish_name")], "true");
    assert_eq!(r1[col("death.date.date")], "2013-03-05");
    assert_eq!(r1[col("death.district")], "SY0203");
    assert_eq!(r1[col("death.weapon")], "barrel_bomb");
    assert_eq!(
        r1[col("death.narrative")],
        "قصفت طائرة مروحية السوق \"الشعبي\".\nاستشهد مع أربعة آخرين."
    );
    assert_eq!(
        r1[col("evidence")],
        "https://example.org/video/1\nhttps://example.org/post?id=2"
    );
    assert_eq!(r1[col("detention.arrest_place")], "");
    assert_eq!(r2[col("lang")], "en");
    assert_eq!(r2[col("victim.name.full")], "سارة عبد الله");
    assert_eq!(r2[col("victim.birth.date")], "1995");
    assert_eq!(r2[col("death.date.date")], "");
    assert_eq!(r2[col("detention.arrest_date.date")], "2012-06");
    assert_eq!(r2[col("detention.arrest_date.approximate")], "true");
    assert_eq!(r2[col("detention.learned_how")], "civil_registry");
    assert_eq!(r2[col("detention.body_handed_over")], "no");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_revalidates_with_the_form_rules_and_exits_0_when_all_are_good() {
    let dir = temp_dir("rules");
    let (store, out_dir) = (dir.join("store"), dir.join("out"));
    std::fs::create_dir_all(&store).unwrap();
    let key = dir.join("key.txt");
    let recipient = keygen(&key);
    store_report(&store, &airstrike(), &recipient, Lang::Ar);
    let args = |today: &str| {
        sijil(&[
            "export",
            "--identity",
            key.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--today",
            today,
        ])
    };
    let ok = args("2024-05-01");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    // A report a tampered client sent: a digit in a name, a javascript: link.
    let mut bad: serde_json::Value = store_report(&dir, &airstrike(), &recipient, Lang::Ar);
    bad["victim"]["name"]["first"] = "محمد1".into();
    bad["evidence"] = serde_json::json!(["javascript:alert(1)"]);
    let cipher =
        sijil_report::age::encrypt(&[&recipient], bad.to_string().as_bytes(), &mut os_random)
            .unwrap();
    let bad_file = format!("{}.age", bad["id"].as_str().unwrap());
    std::fs::write(store.join(&bad_file), cipher).unwrap();
    let out = args("2024-05-01");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{bad_file}: invalid answers: victim.first_name")),
        "{stderr}"
    );
    assert!(stderr.contains("evidence.links[0]"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("reports.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);

    // The same rules, with an earlier "today": the death date is then in the future.
    std::fs::remove_file(store.join(&bad_file)).unwrap();
    let early = args("2013-03-01");
    assert_eq!(early.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&early.stderr).contains("death.date"));

    // A missing identity file is a usage error (2), not a per-report failure.
    let missing = sijil(&[
        "export",
        "--identity",
        "/nonexistent",
        "--store",
        ".",
        "--out",
        ".",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_bounds_each_file_keeps_earlier_exports_and_writes_private_files() {
    let dir = temp_dir("bounded");
    let (store, out_dir) = (dir.join("store"), dir.join("out"));
    std::fs::create_dir_all(&store).unwrap();
    let key = dir.join("key.txt");
    let recipient = keygen(&key);
    let good = store_report(&store, &airstrike(), &recipient, Lang::Ar);
    // A file built to stall the age crate: thousands of recipient stanzas (10,700 made age
    // 0.11.5 work for hours). Named at once, and the export goes on.
    let cipher = sijil_report::age::encrypt(&[&recipient], b"x", &mut os_random).unwrap();
    let text = String::from_utf8_lossy(&cipher).into_owned();
    let stanza: String = text.lines().skip(1).take(2).collect::<Vec<_>>().join("\n") + "\n";
    let flood = format!("age-encryption.org/v1\n{}", stanza.repeat(10_700));
    let flood_name = format!("{}.age", new_id());
    std::fs::write(store.join(&flood_name), flood).unwrap();
    let store_url = format!("file://{}", store.display());
    let run = || {
        let started = std::time::Instant::now();
        let out = sijil(&[
            "export",
            "--identity",
            key.to_str().unwrap(),
            "--store",
            &store_url,
            "--out",
            out_dir.to_str().unwrap(),
            "--today",
            "2024-05-01",
        ]);
        (out, started.elapsed())
    };
    let (first, took) = run();
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(first.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{flood_name}: not an age file of ours: more than")),
        "{stderr}"
    );
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("reports.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap(), &vec![good.clone()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out_dir), 0o700);
        assert_eq!(mode(&out_dir.join("reports.json")), 0o600);
        assert_eq!(mode(&out_dir.join("reports.csv")), 0o600);
    }
    // A second export into the same folder keeps the first, and says so.
    let earlier = std::fs::read(out_dir.join("reports.json")).unwrap();
    let (second, _) = run();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("kept as reports.1.json"), "{stderr}");
    assert_eq!(
        std::fs::read(out_dir.join("reports.1.json")).unwrap(),
        earlier
    );
    assert!(out_dir.join("reports.1.csv").exists() && out_dir.join("reports.json").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn store_check_names_what_is_not_a_report_and_deletes_nothing() {
    let dir = temp_dir("check");
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    let key = dir.join("key.txt");
    let recipient = keygen(&key);
    let other = keygen(&dir.join("other.txt"));
    store_report(&store, &airstrike(), &recipient, Lang::Ar);
    let stranger = store_report(&store, &detention(), &other, Lang::En);
    let stranger_file = format!("{}.age", stranger["id"].as_str().unwrap());
    std::fs::write(store.join("notes.txt"), b"hello").unwrap();
    std::fs::write(
        store.join(format!("{}.age", new_id())),
        b"age-encryption.org/v1\n{\"plaintext\":true}\n",
    )
    .unwrap();
    let before = std::fs::read_dir(&store).unwrap().count();
    let check = |identity: Option<&Path>| {
        let mut args = vec!["store", "check", "--store", store.to_str().unwrap()];
        if let Some(i) = identity {
            args.extend(["--identity", i.to_str().unwrap()]);
        }
        sijil(&args)
    };
    let plain = check(None);
    let stdout = String::from_utf8_lossy(&plain.stdout);
    assert_eq!(plain.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("notes.txt: not named by a report id"),
        "{stdout}"
    );
    assert!(stdout.contains(".age: not an age file"), "{stdout}");
    assert!(
        stdout.contains("4 object(s)") && stdout.contains("2 report(s) well-formed"),
        "{stdout}"
    );
    let with_key = check(Some(&key));
    let stdout = String::from_utf8_lossy(&with_key.stdout);
    assert!(
        stdout.contains(&format!("{stranger_file}: does not decrypt")),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 report(s) well-formed and decrypting"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_dir(&store).unwrap().count(),
        before,
        "nothing deleted"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
