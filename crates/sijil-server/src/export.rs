//! `sijil export --identity key.txt --store URL --out OUTDIR [--today YYYY-MM-DD] [--config FILE]`
//!
//! Decrypts every `*.age` report in the intake's store (a directory, `file:///…` or
//! `s3://BUCKET/PREFIX`, see [`crate::store`]) with the organization's identity file
//! (the reference `age` crate), reads each with `sijil-report`'s wire reader, which validates it again
//! with the very rules the browser applied, and writes for import into the organization's
//! database:
//!
//! - `reports.json`: an array of wire v2 reports, re-serialized from the validated values (so
//!   names are NFC, phones E.164, derived fields recomputed);
//! - `reports.csv`: one row per report, one column per field ([`COLUMNS`], dotted wire paths),
//!   RFC 4180 quoting, CRLF, UTF-8 with a byte-order mark so Excel shows Arabic correctly.
//!   Every choice column (an id such as `SY12` or `shooting`) is followed by its labels,
//!   `….label_ar` and `….label_en` ([`LABELLED`]); party labels come from `--config` (without
//!   it they are empty, the ids stay). Text cells starting with `=`, `+`, `-` or `@` get a
//!   leading `'` so a spreadsheet never runs a relative's text as a formula. A phone number is
//!   the exception: the form stored it as E.164 (`+` and 8–15 digits, validated again here), which
//!   cannot carry a formula, so it is written as it is; import `about_you.contact.value` as text,
//!   or a spreadsheet reads it as a number and drops the `+`.
//!
//! Attachments: each report's files are joined from their upload pieces
//! ([`crate::uploads`]), decrypted and written beside it as `OUTDIR/<report id>/NN-<name>`
//! (0600 in a 0700 folder), and the SHA-256 of what was decrypted is compared with the one the
//! report carries. In `reports.json` each attachment gets `"export": {"status", "file"}`
//! (`verified`, `mismatch`, `missing`, `incomplete`, `unreadable`); every status but
//! `verified` is also named on stderr and makes the exit code 1. An attachment is never
//! skipped silently, and a file whose upload has no report is never exported (the
//! organization sees attachments only through their report).
//!
//! Reports of one incident (several victims of one attack) are written next to each other,
//! grouped by their `incident` id.
//!
//! Each file's work is bounded before the `age` crate sees it: the strict header check of
//! [`crate::agefile`] (at most [`crate::agefile::MAX_STANZAS`] X25519 stanzas: a header of
//! thousands of fake stanzas made age 0.11.5 work for hours) and [`FILE_TIME_LIMIT`] per file.
//!
//! The output holds plaintext reports: the folder is created 0700, the files 0600, written and
//! fsynced before they are named; an earlier export in the same folder is never overwritten
//! silently: it is kept as `reports.N.json`/`reports.N.csv` and the new name is said.
//!
//! Every file that cannot be decrypted or fails validation is named on stderr with the reason,
//! and the exit code is 1; the valid reports are written all the same. `--today` (default: the
//! current UTC date) is the "today" of the date rules. Without `--config`, any well-formed party
//! id is accepted: a report stays valid when the organization later edits its party list.

use sijil_core::lang::Lang;
use sijil_report::config::{parse_config, PartyChoice};
use sijil_report::form::date::{from_day_number, Date};
use sijil_report::form::{parse_report_json, AllowedParties};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// Largest decrypted report read (the intake caps ciphertexts far below this).
const MAX_PLAINTEXT: u64 = 16 * 1024 * 1024;
/// Longest a single file may take to decrypt; then it is named and the export goes on. A real
/// report decrypts in well under a millisecond.
pub const FILE_TIME_LIMIT: Duration = Duration::from_secs(20);

/// CSV columns: the wire leaves, as dotted paths. A test checks that no leaf of a complete
/// report is missing.
pub const COLUMNS: &[&str] = &[
    "id",
    "receipt",
    "submitted_at",
    "lang",
    "follows",
    "about_you.relationship",
    "about_you.name",
    "about_you.contact.method",
    "about_you.contact.value",
    "about_you.consent.store",
    "about_you.consent.un",
    "about_you.consent.publish_name",
    "victim.name.first",
    "victim.name.father",
    "victim.name.grandfather",
    "victim.name.family",
    "victim.name.full",
    "victim.name.mother",
    "victim.name.nickname",
    "victim.name.latin",
    "victim.sex",
    "victim.age",
    "victim.birth.date",
    "victim.birth.approximate",
    "victim.age_group",
    "victim.civilian",
    "victim.occupation",
    "victim.professions",
    "victim.origin.governorate",
    "victim.origin.town",
    "death.date.date",
    "death.date.approximate",
    "death.governorate",
    "death.district",
    "death.town",
    "death.method",
    "death.weapon",
    "death.party",
    "death.others_killed",
    "death.detained",
    "death.narrative",
    "incident",
    "detention.arrest_date.date",
    "detention.arrest_date.approximate",
    "detention.arresting_party",
    "detention.arrest_place",
    "detention.detention_place",
    "detention.learned_how",
    "detention.learned_date.date",
    "detention.learned_date.approximate",
    "detention.body_handed_over",
    "detention.burial_place",
    "evidence",
    "attachments",
    "warnings",
];

/// The choice columns, each followed in the CSV by its Arabic and English labels.
pub const LABELLED: &[&str] = &[
    "about_you.relationship",
    "about_you.contact.method",
    "victim.sex",
    "victim.age_group",
    "victim.civilian",
    "victim.professions",
    "victim.origin.governorate",
    "death.governorate",
    "death.district",
    "death.method",
    "death.weapon",
    "death.party",
    "death.detained",
    "detention.arresting_party",
    "detention.learned_how",
    "detention.body_handed_over",
];

/// The label of choice `id` in `column`, in `lang`; `None` for an id the lists do not know
/// (a party without `--config`), which leaves the label cell empty and the id in place.
fn label(column: &str, id: &str, lang: Lang, parties: Option<&[PartyChoice]>) -> Option<String> {
    use sijil_report::form::{
        places, AgeGroup, ContactMethod, LearnedHow, Method, Profession, Relationship, Sex, Weapon,
        YesNoUnknown,
    };
    let fixed = match column {
        "about_you.relationship" => Relationship::from_id(id).map(|c| c.label(lang)),
        "about_you.contact.method" => ContactMethod::from_id(id).map(|c| c.label(lang)),
        "victim.sex" => Sex::from_id(id).map(|c| c.label(lang)),
        "victim.age_group" => [AgeGroup::Child, AgeGroup::Adult]
            .into_iter()
            .find(|g| g.id() == id)
            .map(|g| g.label(lang)),
        "victim.civilian" | "death.detained" | "detention.body_handed_over" => {
            YesNoUnknown::from_id(id).map(|c| c.label(lang))
        }
        "victim.professions" => Profession::from_id(id).map(|c| c.label(lang)),
        "victim.origin.governorate" | "death.governorate" => {
            places::governorate_by_code(id).map(|g| g.name(lang))
        }
        "death.district" => places::district_by_code(id).map(|d| d.name(lang)),
        "death.method" => Method::from_id(id).map(|c| c.label(lang)),
        "death.weapon" => Weapon::from_id(id).map(|c| c.label(lang)),
        "detention.learned_how" => LearnedHow::from_id(id).map(|c| c.label(lang)),
        "death.party" | "detention.arresting_party" if id == sijil_report::form::UNKNOWN_PARTY => {
            Some(YesNoUnknown::Unknown.label(lang))
        }
        "death.party" | "detention.arresting_party" => {
            return parties?.iter().find(|p| p.id == id).map(|p| match lang {
                Lang::Ar => p.name.ar.clone(),
                Lang::En => p.name.en.clone(),
            })
        }
        _ => None,
    };
    fixed.map(str::to_owned)
}

struct Options {
    identity: PathBuf,
    store: String,
    out: PathBuf,
    today: Date,
    config: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let (mut identity, mut store, mut out, mut today, mut config) = (None, None, None, None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || crate::cli::flag_value(flag, &mut it);
        match flag.as_str() {
            "--identity" | "-i" => identity = Some(PathBuf::from(value()?)),
            "--store" => store = Some(value()?),
            "--out" | "-o" => out = Some(PathBuf::from(value()?)),
            "--config" => config = Some(PathBuf::from(value()?)),
            "--today" => {
                let v = value()?;
                today = Some(Date::parse(&v).ok_or(format!("--today: `{v}` is not YYYY-MM-DD"))?);
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Options {
        identity: identity.ok_or("--identity FILE is required")?,
        store: store.ok_or("--store URL is required")?,
        out: out.ok_or("--out DIR is required")?,
        today: today.unwrap_or_else(utc_today),
        config,
    })
}

fn unix_now() -> (i64, i64) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    (secs.div_euclid(86_400), secs.rem_euclid(86_400))
}

fn utc_today() -> Date {
    from_day_number(unix_now().0).expect("the clock is between years 1 and 9999")
}

/// The current UTC time as RFC 3339 (`2024-05-01T09:30:00Z`), for `sijil keygen`'s comment.
pub fn now_rfc3339() -> String {
    let (days, secs) = unix_now();
    let date = from_day_number(days).expect("the clock is between years 1 and 9999");
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Reads X25519 identities (`AGE-SECRET-KEY-1…` lines; `#` comments and blank lines skipped).
pub fn read_identities(path: &Path) -> Result<Vec<age::x25519::Identity>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read identity file {}: {e}", path.display()))?;
    let mut ids = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        ids.push(age::x25519::Identity::from_str(line).map_err(|_| {
            format!(
                "{} line {}: not an age X25519 identity (AGE-SECRET-KEY-1…)",
                path.display(),
                n + 1
            )
        })?);
    }
    if ids.is_empty() {
        return Err(format!("{}: no identity found", path.display()));
    }
    Ok(ids)
}

/// Decrypts one stored file with bounded work (see the module doc), on a thread of its own so
/// a file that takes too long can be abandoned.
pub fn decrypt_bounded(
    ids: &Arc<Vec<age::x25519::Identity>>,
    file: bytes::Bytes,
) -> Result<Vec<u8>, String> {
    crate::agefile::check(&file, crate::agefile::MAX_STANZAS).map_err(|e| e.to_string())?;
    let (tx, rx) = std::sync::mpsc::channel();
    let ids = ids.clone();
    std::thread::spawn(move || {
        let _ = tx.send(decrypt(&ids, &file));
    });
    rx.recv_timeout(FILE_TIME_LIMIT).unwrap_or_else(|_| {
        Err(format!(
            "decrypting took longer than {} s; skipped",
            FILE_TIME_LIMIT.as_secs()
        ))
    })
}

fn decrypt(ids: &[age::x25519::Identity], file: &[u8]) -> Result<Vec<u8>, String> {
    let decryptor = age::Decryptor::new(file).map_err(|e| format!("not an age file: {e}"))?;
    let mut reader = decryptor
        .decrypt(ids.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| format!("cannot decrypt: {e}"))?;
    let mut plain = Vec::new();
    (&mut reader)
        .take(MAX_PLAINTEXT + 1)
        .read_to_end(&mut plain)
        .map_err(|e| format!("cannot decrypt: {e}"))?;
    if plain.len() as u64 > MAX_PLAINTEXT {
        return Err(format!(
            "decrypted report is larger than {MAX_PLAINTEXT} bytes"
        ));
    }
    Ok(plain)
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let o = parse_args(args)?;
    let ids = read_identities(&o.identity)?;
    let parties_list = match &o.config {
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
            let config = parse_config(&bytes).map_err(|errors| {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                format!("config {}: {}", path.display(), list.join("; "))
            })?;
            Some(config.parties)
        }
        None => None,
    };
    let parties = match &parties_list {
        Some(list) => AllowedParties::Known(list),
        None => AllowedParties::AnyId,
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let store = crate::store::Store::open(&o.store)?;
    let files: Vec<String> = runtime
        .block_on(store.list())?
        .into_iter()
        .map(|l| l.name)
        .filter(|n| n.ends_with(".age") && !n.contains('/'))
        .collect();
    let ids = Arc::new(ids);

    private_dir(&o.out)?;
    let mut reports = Vec::new();
    let mut failed = 0usize;
    for name in &files {
        let result = runtime
            .block_on(store.get(name))
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| decrypt_bounded(&ids, bytes))
            .and_then(|plain| {
                parse_report_json(&plain, o.today, parties).map_err(|e| e.to_string())
            })
            .and_then(|received| {
                // The intake names each file by the report's id (a replacement by the new id
                // and the report's first one); a mismatch means a file was renamed or swapped,
                // which the organization should know about.
                let carried =
                    crate::store::parse_object_name(name).map(|(id, first)| first.unwrap_or(id));
                match carried {
                    Some(id) if id != received.submission.id => Err(format!(
                        "file name does not match the report id {}",
                        received.submission.id
                    )),
                    _ => Ok(received),
                }
            });
        match result {
            Ok(r) => {
                let mut value = r.report.to_wire_value(&r.submission);
                let exported = crate::export_files::export_attachments(
                    &runtime,
                    &store,
                    &ids,
                    &o.out,
                    &r.submission.id,
                    &r.report.attachments,
                );
                for (i, (status, file)) in exported.into_iter().enumerate() {
                    if status != crate::export_files::Status::Verified {
                        failed += 1;
                        eprintln!(
                            "sijil export: {name}: attachment {} ({}): {}",
                            i + 1,
                            r.report.attachments[i].name,
                            status.describe()
                        );
                    }
                    value["attachments"][i]["export"] = serde_json::json!({
                        "status": status.id(),
                        "file": file,
                    });
                }
                reports.push(value);
            }
            Err(reason) => {
                failed += 1;
                eprintln!("sijil export: {name}: {reason}");
            }
        }
    }

    // Reports of one incident next to each other, then by time sent.
    reports.sort_by_key(|r| {
        let text = |k: &str| r[k].as_str().unwrap_or_default().to_owned();
        let group = r["incident"]
            .as_str()
            .map_or_else(|| text("id"), str::to_owned);
        (group, text("submitted_at"))
    });
    let json = serde_json::to_string_pretty(&reports).expect("values serialize");
    keep_earlier(&o.out)?;
    write_private(&o.out.join("reports.json"), format!("{json}\n").as_bytes())?;
    write_private(
        &o.out.join("reports.csv"),
        to_csv(&reports, parties_list.as_deref()).as_bytes(),
    )?;
    sync_dir(&o.out);
    eprintln!(
        "sijil export: {} report(s) written to {}, {failed} failed",
        reports.len(),
        o.out.display()
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Creates the output folder readable by its owner only (and tightens an existing one).
pub fn private_dir(dir: &Path) -> Result<(), String> {
    let err = |e: std::io::Error| format!("cannot create {}: {e}", dir.display());
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir).map_err(err)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(err)?;
    }
    #[cfg(not(unix))]
    builder.create(dir).map_err(err)?;
    Ok(())
}

/// An earlier export in `dir` is moved aside to the first free `reports.N.*`, and said so.
fn keep_earlier(dir: &Path) -> Result<(), String> {
    let (json, csv) = (dir.join("reports.json"), dir.join("reports.csv"));
    if !json.exists() && !csv.exists() {
        return Ok(());
    }
    let n = (1..)
        .find(|n| {
            !dir.join(format!("reports.{n}.json")).exists()
                && !dir.join(format!("reports.{n}.csv")).exists()
        })
        .expect("a free number");
    for (from, ext) in [(json, "json"), (csv, "csv")] {
        if from.exists() {
            let to = dir.join(format!("reports.{n}.{ext}"));
            std::fs::rename(&from, &to)
                .map_err(|e| format!("cannot keep the earlier {}: {e}", from.display()))?;
        }
    }
    eprintln!(
        "sijil export: the earlier export in {} is kept as reports.{n}.json and reports.{n}.csv",
        dir.display()
    );
    Ok(())
}

/// Writes a new file with mode 0600 and fsyncs it (never replacing one: see `keep_earlier`).
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The cell text of one dotted path: strings as they are, numbers and booleans printed,
/// `null` or absent empty, lists one item per line.
fn cell(report: &serde_json::Value, path: &str) -> String {
    let mut v = report;
    for key in path.split('.') {
        match v.get(key) {
            Some(inner) => v = inner,
            None => return String::new(),
        }
    }
    text_of(v)
}

fn text_of(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        // An attachment: its name, type, size and what export found.
        Value::Object(a) if a.contains_key("sha256") => format!(
            "{} ({}, {} bytes): {}",
            a.get("name").and_then(Value::as_str).unwrap_or_default(),
            a.get("type").and_then(Value::as_str).unwrap_or_default(),
            a.get("size").map(text_of).unwrap_or_default(),
            a.get("export")
                .and_then(|e| e.get("status"))
                .and_then(Value::as_str)
                .unwrap_or("not checked")
        ),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

/// The CSV header: every wire column, each choice column followed by its two label columns.
fn header() -> Vec<String> {
    let mut out = Vec::new();
    for c in COLUMNS {
        out.push((*c).to_owned());
        if LABELLED.contains(c) {
            out.push(format!("{c}.label_ar"));
            out.push(format!("{c}.label_en"));
        }
    }
    out
}

/// One report's cells, in the order of [`header`].
fn row(report: &serde_json::Value, parties: Option<&[PartyChoice]>) -> Vec<String> {
    let mut out = Vec::new();
    for c in COLUMNS {
        let text = cell(report, c);
        out.push(if *c == "about_you.contact.value" && is_e164(&text) {
            text.clone()
        } else {
            sijil_core::csv_cell::cell(&text)
        });
        if LABELLED.contains(c) {
            for lang in [Lang::Ar, Lang::En] {
                // A list (professions) has one id per line; so has its label cell.
                let labels: Vec<String> = text
                    .lines()
                    .map(|id| label(c, id, lang, parties).unwrap_or_default())
                    .collect();
                out.push(sijil_core::csv_cell::cell(&labels.join("\n")));
            }
        }
    }
    out
}

/// `+` and 8–15 digits: a phone number as the form stores it, which no spreadsheet runs.
fn is_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends.
pub fn to_csv(reports: &[serde_json::Value], parties: Option<&[PartyChoice]>) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = header()
        .iter()
        .map(|c| sijil_core::csv_cell::cell(c))
        .collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for r in reports {
        out.push_str(&row(r, parties).join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every leaf path of a value (arrays are leaves).
    fn leaves(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, inner) in map {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    leaves(inner, &path, out);
                }
            }
            _ => out.push(prefix.to_owned()),
        }
    }

    #[test]
    fn csv_columns_cover_every_wire_field() {
        // A report with every optional object present.
        let report = serde_json::json!({
            "form": "sijil-family-report", "version": 1, "id": "x", "receipt": "x",
            "submitted_at": "x", "lang": "ar", "follows": "x",
            "about_you": {"relationship": "x", "name": "x", "contact": {"method": "x", "value": "x"},
                          "consent": {"store": true, "un": true, "publish_name": true}},
            "victim": {"name": {"first": "x", "father": "x", "grandfather": "x", "family": "x",
                                "full": "x", "mother": "x", "nickname": "x", "latin": "x"},
                       "sex": "x", "age": 1, "birth": {"date": "x", "approximate": true},
                       "age_group": "x", "civilian": "x", "occupation": "x", "professions": [],
                       "origin": {"governorate": "x", "town": "x"}},
            "death": {"date": {"date": "x", "approximate": true}, "governorate": "x",
                      "district": "x", "town": "x", "method": "x", "weapon": "x", "party": "x",
                      "others_killed": 1, "detained": "x", "narrative": "x"},
            "detention": {"arrest_date": {"date": "x", "approximate": true},
                          "arresting_party": "x", "arrest_place": "x", "detention_place": "x",
                          "learned_how": "x", "learned_date": {"date": "x", "approximate": true},
                          "body_handed_over": "x", "burial_place": "x"},
            "evidence": [], "warnings": [], "incident": "x", "attachments": []
        });
        let mut paths = Vec::new();
        leaves(&report, "", &mut paths);
        let mut expected: Vec<&str> = paths
            .iter()
            .map(String::as_str)
            .filter(|p| *p != "form" && *p != "version")
            .collect();
        let mut columns = COLUMNS.to_vec();
        expected.sort();
        columns.sort();
        assert_eq!(columns, expected);
    }

    #[test]
    fn csv_quoting_and_formula_neutralising() {
        assert_eq!(sijil_core::csv_cell::cell("plain"), "plain");
        assert_eq!(sijil_core::csv_cell::cell("a,b"), "\"a,b\"");
        assert_eq!(
            sijil_core::csv_cell::cell("say \"hi\""),
            "\"say \"\"hi\"\"\""
        );
        assert_eq!(sijil_core::csv_cell::cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(
            sijil_core::csv_cell::cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(
            sijil_core::csv_cell::cell("+963933123456"),
            "'+963933123456"
        );
        let csv = to_csv(
            &[serde_json::json!({"id": "a", "evidence": ["u1", "u2"], "victim": {"age": 3}})],
            None,
        );
        assert!(csv.starts_with("\u{feff}id,receipt,"));
        assert!(csv.contains("\"u1\nu2\""));
        assert_eq!(csv.matches("\r\n").count(), 2);
    }

    /// The cells of a one-report CSV by header name.
    fn cells(report: serde_json::Value, parties: Option<&[PartyChoice]>) -> Vec<(String, String)> {
        header().into_iter().zip(row(&report, parties)).collect()
    }

    fn get<'a>(cells: &'a [(String, String)], name: &str) -> &'a str {
        &cells
            .iter()
            .find(|(h, _)| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
            .1
    }

    #[test]
    fn choice_columns_carry_both_labels_and_phones_stay_numbers() {
        let parties = [PartyChoice {
            id: "regime".into(),
            name: sijil_report::config::Bilingual {
                en: "Syrian regime forces".into(),
                ar: "قوات النظام السوري".into(),
            },
        }];
        let report = serde_json::json!({
            "about_you": {"relationship": "sibling", "contact": {"method": "whatsapp", "value": "+963933123456"}},
            "victim": {"civilian": "unknown", "professions": ["media", "medical"], "origin": {"governorate": "SY12"}},
            "death": {"governorate": "SY07", "district": "SY0700", "method": "shooting", "party": "regime"},
            "detention": {"arresting_party": "unknown"}
        });
        let with = cells(report.clone(), Some(&parties));
        assert_eq!(get(&with, "about_you.relationship.label_ar"), "أخ أو أخت");
        assert_eq!(
            get(&with, "about_you.relationship.label_en"),
            "Brother or sister"
        );
        assert_eq!(get(&with, "victim.civilian"), "unknown");
        assert_eq!(get(&with, "victim.civilian.label_en"), "I don't know");
        assert_eq!(
            get(&with, "victim.professions.label_en"),
            "\"Media worker\nMedical personnel\""
        );
        assert_eq!(
            get(&with, "victim.origin.governorate.label_en"),
            sijil_report::form::places::governorate_by_code("SY12")
                .unwrap()
                .name(Lang::En)
        );
        assert_eq!(get(&with, "death.method.label_ar"), "إطلاق نار");
        assert_eq!(get(&with, "death.party.label_ar"), "قوات النظام السوري");
        assert_eq!(
            get(&with, "detention.arresting_party.label_en"),
            "I don't know"
        );
        // The phone number is written as the form stored it; text is still neutralised.
        assert_eq!(get(&with, "about_you.contact.value"), "+963933123456");
        let email = cells(
            serde_json::json!({"about_you": {"contact": {"method": "email", "value": "+1@x"}}}),
            None,
        );
        assert_eq!(get(&email, "about_you.contact.value"), "'+1@x");
        let forged = cells(
            serde_json::json!({"about_you": {"contact": {"value": "+963+SUM(1)"}}}),
            None,
        );
        assert_eq!(get(&forged, "about_you.contact.value"), "'+963+SUM(1)");
        // Without a config a party keeps its id and an empty label; unknown ids never guess.
        let without = cells(report, None);
        assert_eq!(get(&without, "death.party"), "regime");
        assert_eq!(get(&without, "death.party.label_en"), "");
        let odd = cells(serde_json::json!({"death": {"method": "teleport"}}), None);
        assert_eq!(get(&odd, "death.method.label_en"), "");
        assert!(LABELLED.iter().all(|c| COLUMNS.contains(c)));
    }

    #[test]
    fn clock_formats() {
        let t = now_rfc3339();
        assert!(sijil_report::form::wire::is_utc_timestamp(&t), "{t}");
    }
}
