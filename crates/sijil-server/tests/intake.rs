//! The intake endpoint, tested against the real `sijil serve` binary over real TCP: exactly-once
//! storage, size cap, malformed requests, rate limit, CORS, crash safety and quiet logs.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BODY: &[u8] = b"age-encryption.org/v1\n-> X25519 abc\ndef\n--- ghi\nsecret payload bytes";
const ID: &str = "0123abcd-ef01-4234-8567-89abcdef0123";

struct Server {
    child: Child,
    addr: String,
    store: PathBuf,
    dist: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sijil-intake-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn start(name: &str, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let dist = temp(&format!("{name}-dist"));
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    start_with(&dist, &temp(&format!("{name}-store")), extra, env)
}

/// Starts the server on port 0 and reads the port it was given from its first line, so tests
/// running in parallel never race for a port.
fn start_with(dist: &Path, store: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    use std::io::BufRead;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sijil"));
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--dist"])
        .arg(dist)
        .arg("--store")
        .arg(store)
        .args(extra);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();
    Server {
        child,
        addr,
        store: store.to_owned(),
        dist: dist.to_owned(),
    }
}

/// Sends raw bytes and returns (status, whole response).
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn post(addr: &str, headers: &str, body: &[u8]) -> (u16, String) {
    let mut req = format!(
        "POST /api/reports HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    raw(addr, &req)
}

fn stored(store: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_report_is_stored_once_and_a_repeat_gets_the_same_receipt() {
    let s = start("once", &[], &[]);
    let (a, ra) = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), BODY);
    let (b, rb) = post(
        &s.addr,
        &format!("Idempotency-Key: {ID}\r\n"),
        b"age-encryption.org/v1\nother",
    );
    assert_eq!((a, b), (201, 200), "{ra}\n{rb}");
    assert!(ra.contains("\"receipt\":\"04HT-QKFF\"") && rb.contains("\"receipt\":\"04HT-QKFF\""));
    assert_eq!(stored(&s.store), vec![format!("{ID}.age")]);
    assert_eq!(
        std::fs::read(s.store.join(format!("{ID}.age"))).unwrap(),
        BODY
    );
}

#[test]
fn oversized_bodies_get_413_and_nothing_is_stored() {
    let s = start("big", &[], &[]);
    let big = vec![b'a'; 1024 * 1024 + 1];
    let (status, _) = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), &big);
    assert_eq!(status, 413);
    // Announced too big: refused before the body is read.
    let (status, _) = raw(
        &s.addr,
        format!("POST /api/reports HTTP/1.1\r\nHost: x\r\nIdempotency-Key: {ID}\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 413);
    assert!(stored(&s.store).is_empty());
}

#[test]
fn malformed_requests_get_400_and_nothing_is_stored() {
    let s = start("bad", &[], &[]);
    assert_eq!(post(&s.addr, "", BODY).0, 400, "no key");
    assert_eq!(
        post(&s.addr, "Idempotency-Key: ../../etc/passwd\r\n", BODY).0,
        400,
        "not a uuid"
    );
    assert_eq!(
        post(
            &s.addr,
            "Idempotency-Key: 0123abcd-ef01-1234-8567-89abcdef0123\r\n",
            BODY
        )
        .0,
        400,
        "not v4"
    );
    assert_eq!(
        post(
            &s.addr,
            &format!("Idempotency-Key: {ID}\r\n"),
            b"{\"plaintext\":true}"
        )
        .0,
        400,
        "not age"
    );
    let (status, _) = raw(
        &s.addr,
        b"POST /api/reports HTTP/1.1\r\nHost x\r\nthis is not a header\r\n\r\n",
    );
    assert_eq!(status, 400, "broken header line");
    assert!(stored(&s.store).is_empty());
}

#[test]
fn a_client_over_the_rate_limit_gets_429() {
    let s = start("rate", &["--rate-per-minute", "3"], &[]);
    let codes: Vec<u16> = (0..5)
        .map(|i| {
            post(
                &s.addr,
                &format!("Idempotency-Key: 0123abcd-ef01-4234-8567-89abcdef012{i}\r\n"),
                BODY,
            )
            .0
        })
        .collect();
    assert_eq!(codes, vec![201, 201, 201, 429, 429]);
    assert_eq!(stored(&s.store).len(), 3);
}

#[test]
fn cors_allows_only_configured_origins() {
    let s = start("cors", &["--allow-origin", "https://snhr.org"], &[]);
    let pre = |origin: &str| {
        raw(
            &s.addr,
            format!("OPTIONS /api/reports HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .1
    };
    assert!(pre("https://snhr.org").contains("Access-Control-Allow-Origin: https://snhr.org"));
    assert!(!pre("https://evil.example").contains("Access-Control-Allow-Origin"));
}

#[test]
fn a_crash_between_write_and_rename_leaves_no_partial_report() {
    let dist = temp("crash-dist");
    std::fs::write(dist.join("index.html"), "x").unwrap();
    let store = temp("crash-store");
    let mut s = start_with(
        &dist,
        &store,
        &[],
        &[("SIJIL_TEST_CRASH_BEFORE_RENAME", "1")],
    );
    let _ = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), BODY);
    let status = s.child.wait().unwrap();
    assert!(!status.success(), "the server died mid-write");
    assert!(
        stored(&store).iter().all(|f| f.ends_with(".tmp")),
        "{:?}",
        stored(&store)
    );
    // Restarted normally: the leftover is removed and the retry stores the report once.
    let s2 = start_with(&s.dist, &store, &[], &[]);
    assert!(stored(&store).is_empty(), "{:?}", stored(&store));
    assert_eq!(
        post(&s2.addr, &format!("Idempotency-Key: {ID}\r\n"), BODY).0,
        201
    );
    assert_eq!(stored(&store), vec![format!("{ID}.age")]);
}

#[test]
fn logs_hold_no_body_no_address_and_no_report_id() {
    let mut s = start("logs", &[], &[]);
    post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), BODY);
    raw(
        &s.addr,
        b"GET /healthz?token=abc HTTP/1.1
Host: x
Connection: close

",
    );
    let _ = s.child.kill();
    let mut log = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("POST /api/reports 201"), "{log}");
    for secret in ["secret payload", ID, "127.0.0.1", "token=abc"] {
        assert!(!log.contains(secret), "log leaks {secret}: {log}");
    }
}
