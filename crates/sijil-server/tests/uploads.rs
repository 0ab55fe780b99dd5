//! Resumable attachment uploads (tus 1.0, `crate::uploads`) against the real `sijil` binary
//! over TCP: a real age file streamed by the core in pieces, a connection cut mid-piece and
//! resumed from the server's offset, every refusal, and what is left in the store: the pieces
//! joined are the ciphertext, which the `age` crate decrypts to the original bytes.

mod common;

use common::{raw, start, Log, RECIPIENT};
use sijil_report::receipt::ReportId;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

fn random_id() -> ReportId {
    let mut b = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut b)
        .unwrap();
    ReportId::from_random(b)
}

/// A video-sized stand-in: random bytes, sealed by the core's streaming encryptor.
fn sealed(plain: &[u8]) -> Vec<u8> {
    let mut urandom = std::fs::File::open("/dev/urandom").unwrap();
    let mut random = |b: &mut [u8]| urandom.read_exact(b).unwrap();
    let (mut file, mut stream) =
        sijil_report::age::Stream::start(&[RECIPIENT], &mut random).unwrap();
    let chunks: Vec<&[u8]> = plain.chunks(sijil_report::age::CHUNK).collect();
    for (i, c) in chunks.iter().enumerate() {
        file.extend_from_slice(&stream.seal(c, i + 1 == chunks.len()).unwrap());
    }
    file
}

fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String) {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

fn header(response: &str, name: &str) -> Option<String> {
    response.split("\r\n\r\n").next()?.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
    })
}

fn metadata(report: &ReportId, attachment: &ReportId) -> String {
    let b64 = |id: &ReportId| sijil_core::base64::encode(id.to_string().as_bytes());
    format!(
        "filename cGhvdG8uanBn,report {},attachment {}",
        b64(report),
        b64(attachment)
    )
}

fn tus() -> (&'static str, String) {
    ("Tus-Resumable", "1.0.0".into())
}

fn create(addr: &str, report: &ReportId, attachment: &ReportId, length: usize) -> (u16, String) {
    request(
        addr,
        "POST",
        "/api/uploads",
        &[
            tus(),
            ("Upload-Length", length.to_string()),
            ("Upload-Metadata", metadata(report, attachment)),
        ],
        b"",
    )
}

fn patch(addr: &str, location: &str, offset: usize, piece: &[u8]) -> (u16, String) {
    request(
        addr,
        "PATCH",
        location,
        &[
            tus(),
            ("Upload-Offset", offset.to_string()),
            ("Content-Type", "application/offset+octet-stream".into()),
        ],
        piece,
    )
}

fn offset_of(addr: &str, location: &str) -> usize {
    let (status, response) = request(addr, "HEAD", location, &[tus()], b"");
    assert_eq!(status, 200, "{response}");
    assert_eq!(
        header(&response, "cache-control").as_deref(),
        Some("no-store")
    );
    header(&response, "upload-offset").unwrap().parse().unwrap()
}

/// The pieces of one upload in the store, joined in offset order.
fn joined(store: &Path, report: &ReportId, attachment: &ReportId) -> (Vec<u8>, usize) {
    let dir = store.join(format!("attachments/{report}/{attachment}"));
    let mut parts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "part"))
        .collect();
    parts.sort();
    let bytes = parts
        .iter()
        .flat_map(|p| std::fs::read(p).unwrap())
        .collect();
    (bytes, parts.len())
}

fn decrypt(file: &[u8]) -> Vec<u8> {
    let key = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dev/dev-identity.txt"),
    )
    .unwrap();
    let id: age::x25519::Identity = key
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap()
        .parse()
        .unwrap();
    let mut out = Vec::new();
    age::Decryptor::new(file)
        .unwrap()
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn a_cut_upload_resumes_from_the_servers_offset_and_arrives_once() {
    let mut server = start("uploads-resume", &[], &[]);
    let log = Log::of(&mut server);
    let addr = server.addr.as_str();
    let mut plain = vec![0u8; 700 * 1024 + 123];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut plain)
        .unwrap();
    let file = sealed(&plain);
    let (report, attachment) = (random_id(), random_id());

    let (status, response) = request(addr, "OPTIONS", "/api/uploads", &[], b"");
    assert_eq!(status, 204);
    assert_eq!(header(&response, "tus-version").as_deref(), Some("1.0.0"));
    assert_eq!(
        header(&response, "tus-extension").as_deref(),
        Some("creation")
    );

    let (status, response) = create(addr, &report, &attachment, file.len());
    assert_eq!(status, 201, "{response}");
    let location = header(&response, "location").unwrap();
    assert_eq!(location, format!("/api/uploads/{report}/{attachment}"));
    // Creating again (a retry after a lost answer) answers the same upload.
    let (status, again) = create(addr, &report, &attachment, file.len());
    assert_eq!(
        (status, header(&again, "location")),
        (201, Some(location.clone()))
    );
    assert_eq!(offset_of(addr, &location), 0);

    let piece = 128 * 1024;
    let mut at = 0;
    // Two pieces, then a connection that dies halfway through the third.
    for _ in 0..2 {
        let (status, response) = patch(addr, &location, at, &file[at..at + piece]);
        assert_eq!(status, 204, "{response}");
        at += piece;
        assert_eq!(header(&response, "upload-offset").unwrap(), at.to_string());
    }
    {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "PATCH {location} HTTP/1.1\r\nHost: {addr}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {at}\r\n\
             Content-Type: application/offset+octet-stream\r\nContent-Length: {piece}\r\n\r\n"
        )
        .unwrap();
        s.write_all(&file[at..at + piece / 2]).unwrap();
    }
    // The server is done with the cut piece once it has answered it (to nobody), or it could
    // still be writing it while we ask.
    log.wait_for("for the cut PATCH", |l| {
        l.starts_with("PATCH ") && !l.contains(" 204 ")
    });
    // The cut piece is not kept; the phone asks and goes on from there.
    assert_eq!(offset_of(addr, &location), at);
    // A piece at the wrong offset is refused with the server's offset.
    let (status, response) = patch(addr, &location, at + 10, &file[at + 10..at + 20]);
    assert_eq!(status, 409);
    assert_eq!(header(&response, "upload-offset").unwrap(), at.to_string());
    while at < file.len() {
        let end = (at + piece).min(file.len());
        let (status, response) = patch(addr, &location, at, &file[at..end]);
        assert_eq!(status, 204, "{response}");
        at = end;
    }
    assert_eq!(offset_of(addr, &location), file.len());
    // Nothing past the announced length.
    let (status, _) = patch(addr, &location, file.len(), b"x");
    assert_eq!(status, 400);

    let (stored, pieces) = joined(&server.store, &report, &attachment);
    assert_eq!(pieces, file.len().div_ceil(piece), "each piece stored once");
    assert_eq!(stored, file);
    assert_eq!(decrypt(&stored), plain);
    drop(server);
}

#[test]
fn refusals_say_why_and_keep_nothing() {
    let mut server = start("uploads-refuse", &["--attachment-mb", "1"], &[]);
    let addr = server.addr.clone();
    let file = sealed(b"a small document");
    let (report, attachment) = (random_id(), random_id());
    // Not tus, no metadata, no length, too large.
    let (status, response) = request(
        &addr,
        "POST",
        "/api/uploads",
        &[("Upload-Length", "10".into())],
        b"",
    );
    assert_eq!(status, 412);
    assert_eq!(header(&response, "tus-version").as_deref(), Some("1.0.0"));
    let (status, _) = request(
        &addr,
        "POST",
        "/api/uploads",
        &[tus(), ("Upload-Length", "10".into())],
        b"",
    );
    assert_eq!(status, 400);
    let (status, _) = request(
        &addr,
        "POST",
        "/api/uploads",
        &[tus(), ("Upload-Metadata", metadata(&report, &attachment))],
        b"",
    );
    assert_eq!(status, 400);
    let (status, _) = create(&addr, &report, &attachment, 2 * 1024 * 1024);
    assert_eq!(status, 413);
    // An unknown upload, a wrong content type.
    let unknown = format!("/api/uploads/{report}/{attachment}");
    assert_eq!(patch(&addr, &unknown, 0, &file).0, 404);
    assert_eq!(request(&addr, "HEAD", &unknown, &[tus()], b"").0, 404);

    let (status, response) = create(&addr, &report, &attachment, file.len());
    assert_eq!(status, 201);
    let location = header(&response, "location").unwrap();
    let (status, _) = request(
        &addr,
        "PATCH",
        &location,
        &[
            tus(),
            ("Upload-Offset", "0".into()),
            ("Content-Type", "text/plain".into()),
        ],
        &file,
    );
    assert_eq!(status, 415);
    // Announced with another length: refused, the first announcement kept.
    assert_eq!(create(&addr, &report, &attachment, file.len() + 1).0, 409);
    // Plaintext is never stored, even behind an age-looking start.
    let mut plaintext = b"age-encryption.org/v1\n".to_vec();
    plaintext.resize(file.len(), b'x');
    let (status, response) = patch(&addr, &location, 0, &plaintext);
    assert_eq!(status, 400, "{response}");
    assert!(response.contains("not age-encrypted"), "{response}");
    assert_eq!(offset_of(&addr, &location), 0);
    assert_eq!(patch(&addr, &location, 0, &file).0, 204);
    assert_eq!(joined(&server.store, &report, &attachment).0, file);

    // Ten attachments per report; the eleventh is refused.
    for _ in 0..9 {
        assert_eq!(create(&addr, &report, &random_id(), file.len()).0, 201);
    }
    assert_eq!(create(&addr, &report, &random_id(), file.len()).0, 413);

    // The log never names a report or an attachment.
    let _ = server.child.kill();
    let mut log = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("PATCH /api/uploads/… 204"), "{log}");
    assert!(
        !log.contains(&report.to_string()) && !log.contains(&attachment.to_string()),
        "{log}"
    );
}

/// Uploads `file` in pieces of `piece` bytes, stopping after `upto` bytes.
fn upload(addr: &str, report: &ReportId, attachment: &ReportId, file: &[u8], upto: usize) {
    let (status, response) = create(addr, report, attachment, file.len());
    assert_eq!(status, 201, "{response}");
    let location = header(&response, "location").unwrap();
    let mut at = offset_of(addr, &location);
    while at < upto {
        let end = (at + 64 * 1024).min(upto);
        assert_eq!(patch(addr, &location, at, &file[at..end]).0, 204);
        at = end;
    }
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sijil_report::form::attachment::hex(&sha2::Sha256::digest(bytes))
}

fn victim(name: &str, incident: &ReportId) -> sijil_report::form::FormInput {
    let mut f = sijil_report::form::FormInput::default();
    f.about_you.relationship = "sibling".into();
    f.about_you.consent_store = true;
    f.victim.full_name = name.into();
    f.victim.sex = "male".into();
    f.death.date_unknown = true;
    f.death.governorate = "SY07".into();
    f.death.method = "airstrike".into();
    f.incident = incident.to_string();
    f
}

fn described(
    id: &ReportId,
    name: &str,
    media_type: &str,
    sent: &[u8],
    original: &[u8],
) -> sijil_report::form::attachment::AttachmentInput {
    sijil_report::form::attachment::AttachmentInput {
        id: id.to_string(),
        name: name.into(),
        media_type: media_type.into(),
        size: sent.len() as u64,
        sha256: sha(sent),
        original_sha256: if sent == original {
            String::new()
        } else {
            sha(original)
        },
        sent: if sent == original {
            "original".into()
        } else {
            "location_removed".into()
        },
    }
}

/// Encrypts the report (wire v2) to `recipient` and posts it as the phone does.
fn send_report(addr: &str, input: &sijil_report::form::FormInput, recipient: &str) -> ReportId {
    let today = sijil_report::form::Date::parse("2024-05-01").unwrap();
    let report =
        sijil_report::form::validate(input, today, sijil_report::form::AllowedParties::AnyId)
            .expect("valid report");
    let id = random_id();
    let submission = sijil_report::form::Submission {
        id,
        submitted_at: "2024-05-01T08:15:00.000Z".into(),
        lang: sijil_core::lang::Lang::Ar,
    };
    let mut urandom = std::fs::File::open("/dev/urandom").unwrap();
    let cipher = sijil_report::age::encrypt(
        &[recipient],
        report.to_wire_json(&submission).as_bytes(),
        &mut |b: &mut [u8]| urandom.read_exact(b).unwrap(),
    )
    .unwrap();
    let (status, response) = common::post(addr, &format!("Idempotency-Key: {id}\r\n"), &cipher);
    assert_eq!(status, 201, "{response}");
    id
}

fn export(key: &Path, store: &Path, out: &Path) -> (i32, String, serde_json::Value) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_sijil"))
        .args(["export", "--today", "2024-05-02", "--identity"])
        .arg(key)
        .arg("--store")
        .arg(store)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&std::fs::read(out.join("reports.json")).unwrap()).unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stderr).unwrap(),
        json,
    )
}

#[test]
fn export_writes_each_attachment_beside_its_report_and_names_what_is_missing() {
    let server = start("uploads-export", &[], &[]);
    let addr = server.addr.as_str();
    let work = common::temp("uploads-export-work");
    let key = work.join("key.txt");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_sijil"))
        .args(["keygen", "--out"])
        .arg(&key)
        .output()
        .unwrap();
    let recipient = String::from_utf8(made.stdout).unwrap().trim().to_owned();

    // A photo sent with its location removed, a video, a document cut halfway, one never sent.
    let photo = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../sijil-report/tests/photos/gps-le.jpg"),
    )
    .unwrap();
    let no_gps = sijil_report::exif::strip_gps(&photo).unwrap();
    let mut video = vec![0u8; 300_000];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut video)
        .unwrap();
    let pdf = b"%PDF-1.7\n% death certificate\n".repeat(5000);
    let ids: Vec<ReportId> = (0..4).map(|_| random_id()).collect();
    let incident = random_id();
    let mut first = victim("أحمد العلي", &incident);
    first.evidence.attachments = vec![
        described(&ids[0], "IMG_2041.jpg", "image/jpeg", &no_gps, &photo),
        described(&ids[1], "فيديو.mp4", "video/mp4", &video, &video),
        described(&ids[2], "../شهادة.pdf", "application/pdf", &pdf, &pdf),
        described(
            &ids[3],
            "later.pdf",
            "application/pdf",
            b"never sent",
            b"never sent",
        ),
    ];
    let seal = |plain: &[u8]| {
        let mut urandom = std::fs::File::open("/dev/urandom").unwrap();
        let mut random = |b: &mut [u8]| urandom.read_exact(b).unwrap();
        let (mut file, mut stream) =
            sijil_report::age::Stream::start(&[&recipient], &mut random).unwrap();
        let chunks: Vec<&[u8]> = plain.chunks(sijil_report::age::CHUNK).collect();
        for (i, c) in chunks.iter().enumerate() {
            file.extend_from_slice(&stream.seal(c, i + 1 == chunks.len()).unwrap());
        }
        file
    };
    let report = send_report(addr, &first, &recipient);
    let (sealed_photo, sealed_video, sealed_pdf) = (seal(&no_gps), seal(&video), seal(&pdf));
    upload(addr, &report, &ids[0], &sealed_photo, sealed_photo.len());
    upload(addr, &report, &ids[1], &sealed_video, sealed_video.len());
    upload(addr, &report, &ids[2], &sealed_pdf, sealed_pdf.len() / 2);
    // Another victim of the same attack, and one report of its own in between.
    let alone = send_report(addr, &victim("سامر", &random_id()), &recipient);
    // The same relative adds the second victim and links it to the first report's receipt.
    let mut brother = victim("محمود العلي", &incident);
    brother.about_you.follows = report.receipt_code().to_lowercase().replace('-', " ");
    let second = send_report(addr, &brother, &recipient);

    let out = work.join("export-1");
    let (code, stderr, json) = export(&key, &server.store, &out);
    assert_eq!(
        code, 1,
        "an attachment not yet complete is an error: {stderr}"
    );
    assert!(
        stderr.contains("attachment 3 (شهادة.pdf): incomplete"),
        "{stderr}"
    );
    assert!(
        stderr.contains("attachment 4 (later.pdf): missing"),
        "{stderr}"
    );
    let r = json.as_array().unwrap();
    assert_eq!(r.len(), 3);
    // The two reports of one incident are next to each other.
    let order: Vec<&str> = r.iter().map(|v| v["id"].as_str().unwrap()).collect();
    let (a, b) = (
        order.iter().position(|i| *i == report.to_string()).unwrap(),
        order.iter().position(|i| *i == second.to_string()).unwrap(),
    );
    assert_eq!(a.abs_diff(b), 1, "{order:?} (alone: {alone})");
    assert_eq!(
        r[b]["follows"],
        report.receipt_code(),
        "a typed code is stored normalized"
    );
    let files = &r[a]["attachments"];
    assert_eq!(files[0]["export"]["status"], "verified");
    assert_eq!(files[1]["export"]["status"], "verified");
    assert_eq!(
        files[2]["export"],
        serde_json::json!({"status": "incomplete", "file": null})
    );
    assert_eq!(files[3]["export"]["status"], "missing");
    assert_eq!(
        std::fs::read(out.join(files[0]["export"]["file"].as_str().unwrap())).unwrap(),
        no_gps
    );
    assert_eq!(
        std::fs::read(out.join(format!("{report}/02-فيديو.mp4"))).unwrap(),
        video
    );
    assert!(!sijil_report::exif::has_gps(&no_gps));
    let csv = std::fs::read_to_string(out.join("reports.csv")).unwrap();
    let header: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(
        header[..5],
        ["id", "receipt", "submitted_at", "lang", "follows"]
    );
    assert!(
        csv.contains(&format!(",ar,{},", report.receipt_code())),
        "the follow-up names the first report"
    );
    assert!(
        csv.contains("IMG_2041.jpg (image/jpeg, ")
            && csv.contains("later.pdf (application/pdf, 10 bytes): missing"),
        "{csv}"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(out.join(report.to_string()))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );

    // `store check` sees the uploads: one under way is a note, not an error.
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_sijil"))
        .args(["store", "check", "--store"])
        .arg(&server.store)
        .output()
        .unwrap();
    let said = String::from_utf8(check.stdout).unwrap();
    assert_eq!(check.status.code(), Some(0), "{said}");
    assert!(
        said.contains(&format!(
            "attachments/{report}/{}: note: upload under way",
            ids[2]
        )),
        "{said}"
    );

    // The rest arrives, the last one with other bytes than the report describes.
    upload(addr, &report, &ids[2], &sealed_pdf, sealed_pdf.len());
    let wrong = seal(b"not what was described");
    upload(addr, &report, &ids[3], &wrong, wrong.len());
    let out = work.join("export-2");
    let (code, stderr, json) = export(&key, &server.store, &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("attachment 4 (later.pdf): its SHA-256 is not the one in the report"),
        "{stderr}"
    );
    let r = json.as_array().unwrap();
    let files = &r.iter().find(|v| v["id"] == report.to_string()).unwrap()["attachments"];
    assert_eq!(files[2]["export"]["status"], "verified");
    assert_eq!(files[2]["export"]["file"], format!("{report}/03-شهادة.pdf"));
    assert_eq!(
        std::fs::read(out.join(format!("{report}/03-شهادة.pdf"))).unwrap(),
        pdf
    );
    assert_eq!(files[3]["export"]["status"], "mismatch");
    drop(server);
}
