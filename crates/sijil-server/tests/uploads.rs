//! Resumable attachment uploads (tus 1.0, `crate::uploads`) against the real `sijil` binary
//! over TCP: a real age file streamed by the core in pieces, a connection cut mid-piece and
//! resumed from the server's offset, every refusal, and what is left in the store: the pieces
//! joined are the ciphertext, which the `age` crate decrypts to the original bytes.

mod common;

use common::{raw, start, RECIPIENT};
use sijil_core::receipt::ReportId;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

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
    let (mut file, mut stream) = sijil_core::age::Stream::start(&[RECIPIENT], &mut random).unwrap();
    let chunks: Vec<&[u8]> = plain.chunks(sijil_core::age::CHUNK).collect();
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
    let server = start("uploads-resume", &[], &[]);
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
    std::thread::sleep(Duration::from_millis(300));
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
