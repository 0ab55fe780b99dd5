//! The intake endpoint, tested against the real `sijil serve` binary over real TCP: exactly-once
//! storage, size cap, malformed requests, rate limit, CORS, crash safety and quiet logs.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

const ID: &str = "0123abcd-ef01-4234-8567-89abcdef0123";

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
    let (a, ra) = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), body());
    let (b, rb) = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), body());
    assert_eq!((a, b), (201, 200), "{ra}\n{rb}");
    assert!(ra.contains("\"receipt\":\"04HT-QKFF\"") && rb.contains("\"receipt\":\"04HT-QKFF\""));
    // The same id with another body (someone holding the phone posting first): refused, and
    // the stored report is kept.
    let (c, rc) = post(
        &s.addr,
        &format!("Idempotency-Key: {ID}\r\n"),
        &encrypt(b"junk"),
    );
    assert_eq!(c, 409, "{rc}");
    assert!(!rc.contains("receipt"), "{rc}");
    assert_eq!(stored(&s.store), vec![format!("{ID}.age")]);
    assert_eq!(
        std::fs::read(s.store.join(format!("{ID}.age"))).unwrap(),
        body()
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
    assert_eq!(post(&s.addr, "", body()).0, 400, "no key");
    assert_eq!(
        post(&s.addr, "Idempotency-Key: ../../etc/passwd\r\n", body()).0,
        400,
        "not a uuid"
    );
    assert_eq!(
        post(
            &s.addr,
            "Idempotency-Key: 0123abcd-ef01-1234-8567-89abcdef0123\r\n",
            body()
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
    let key = format!("Idempotency-Key: {ID}\r\n");
    assert_eq!(
        post(
            &s.addr,
            &key,
            b"age-encryption.org/v1\n{\"plaintext\":true}\n"
        )
        .0,
        400,
        "plaintext behind the version line"
    );
    assert_eq!(post(&s.addr, &key, &body()[..40]).0, 400, "truncated");
    assert_eq!(
        post(&s.addr, &key, &body()[..body().len() - 30]).0,
        400,
        "payload cut short"
    );
    // A header of thousands of recipient stanzas (what stalled `sijil export` for hours).
    let text = String::from_utf8_lossy(body()).into_owned();
    let stanza: String = text.lines().skip(1).take(2).collect::<Vec<_>>().join("\n") + "\n";
    let flood = format!("age-encryption.org/v1\n{}", stanza.repeat(5000));
    assert_eq!(post(&s.addr, &key, flood.as_bytes()).0, 400, "stanza flood");
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
                body(),
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

// Tests that switch a hook on exist only in builds with the hooks (`cargo xtask test`).
#[cfg(feature = "test-hooks")]
#[test]
fn a_crash_before_the_store_answers_leaves_no_partial_report() {
    let dist = temp("crash-dist");
    std::fs::write(dist.join("index.html"), "x").unwrap();
    let store = temp("crash-store");
    // A staging file as a crash inside the store's write leaves it (`name#N`).
    std::fs::write(store.join(format!("{ID}.age#7")), &body()[..30]).unwrap();
    let mut s = start_with(
        &dist,
        &store,
        &[],
        &[("SIJIL_TEST_CRASH_BEFORE_STORE", "1")],
    );
    let _ = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), body());
    let status = s.child.wait().unwrap();
    assert!(!status.success(), "the server died mid-write");
    assert!(
        stored(&store).iter().all(|f| !f.ends_with(".age")),
        "{:?}",
        stored(&store)
    );
    // Restarted normally: the leftover is removed and the retry stores the report once.
    let s2 = start_with(&dist, &store, &[], &[]);
    assert!(stored(&store).is_empty(), "{:?}", stored(&store));
    assert_eq!(
        post(&s2.addr, &format!("Idempotency-Key: {ID}\r\n"), body()).0,
        201
    );
    assert_eq!(stored(&store), vec![format!("{ID}.age")]);
}

#[test]
fn logs_hold_no_body_no_address_and_no_report_id() {
    let mut s = start("logs", &[], &[]);
    post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), body());
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

/// Reads one answer (head and `Content-Length` body) from a kept-alive connection.
fn read_answer(s: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).unwrap() == 0 {
            break;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    s.read_exact(&mut body).unwrap();
    head + &String::from_utf8_lossy(&body)
}

#[test]
fn many_connections_at_once_and_keep_alive_are_all_answered() {
    let s = start("many", &[], &[]);
    // Open them all before sending anything: a pool that waits for idle threads would strand
    // some of these (a page's sixth request once never loaded).
    let mut streams: Vec<TcpStream> = (0..12)
        .map(|_| TcpStream::connect(&s.addr).unwrap())
        .collect();
    for st in &mut streams {
        st.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        st.write_all(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
    }
    for st in &mut streams {
        assert!(read_answer(st).starts_with("HTTP/1.1 200 OK"));
        // The same connection answers again.
        st.write_all(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
            .unwrap();
        let again = read_answer(st);
        assert!(
            again.starts_with("HTTP/1.1 200 OK") && again.ends_with("{\"status\":\"ok\"}"),
            "{again}"
        );
    }
}

#[test]
fn a_trickling_client_is_cut_off_and_never_delays_others() {
    let s = start("slow", &[], &[]);
    let mut slow = TcpStream::connect(&s.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut cut = false;
    for b in b"GET / HTTP/1.1\r\nHost: a\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n" {
        // One byte a second, as an attacker holding connections open does.
        if slow.write_all(&[*b]).is_err() {
            cut = true;
            break;
        }
        // Meanwhile, a normal request is answered at once.
        let t = std::time::Instant::now();
        let (status, _) = raw(
            &s.addr,
            b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(status, 200);
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        std::thread::sleep(Duration::from_secs(1));
        let mut probe = [0u8; 1];
        slow.set_nonblocking(true).unwrap();
        let closed = matches!(slow.read(&mut probe), Ok(0));
        slow.set_nonblocking(false).unwrap();
        if closed {
            cut = true;
            break;
        }
    }
    assert!(cut, "the trickling head was never cut off");
    // The head deadline is 10 s from the first byte, not per read.
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(20),
        "{took:?}"
    );
}

#[test]
fn every_answer_has_the_security_headers_and_head_gives_the_get_length() {
    let s = start("headers", &[], &[]);
    for req in [
        "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "GET /missing.js HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "DELETE / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "POST /api/reports HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n",
    ] {
        let (status, text) = raw(&s.addr, req.as_bytes());
        let lower = text.to_ascii_lowercase();
        for h in ["x-content-type-options: nosniff", "referrer-policy: no-referrer", "permissions-policy: "] {
            assert!(lower.contains(h), "{status} lacks {h}: {text}");
        }
    }
    let (_, get) = raw(
        &s.addr,
        b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    let (_, head) = raw(
        &s.addr,
        b"HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    let length = |t: &str| {
        t.to_ascii_lowercase()
            .lines()
            .find(|l| l.starts_with("content-length:"))
            .map(str::to_owned)
    };
    assert_eq!(length(&head), length(&get));
    assert!(
        length(&get).is_some_and(|l| l != "content-length: 0"),
        "{get}"
    );
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body: {head}");
}

#[test]
fn ambiguous_framing_is_refused() {
    let s = start("framing", &[], &[]);
    let b = body();
    let mut twice = format!(
        "POST /api/reports HTTP/1.1\r\nHost: a\r\nIdempotency-Key: {ID}\r\nContent-Length: {0}\r\nContent-Length: {0}0\r\nConnection: close\r\n\r\n",
        b.len()
    )
    .into_bytes();
    twice.extend_from_slice(b);
    assert_eq!(raw(&s.addr, &twice).0, 400, "two Content-Lengths");
    let mut plus = format!(
        "POST /api/reports HTTP/1.1\r\nHost: a\r\nIdempotency-Key: {ID}\r\nContent-Length: +{}\r\nConnection: close\r\n\r\n",
        b.len()
    )
    .into_bytes();
    plus.extend_from_slice(b);
    assert_eq!(raw(&s.addr, &plus).0, 400, "+N Content-Length");
    let folded = format!(
        "POST /api/reports HTTP/1.1\r\nHost: a\r\nIdempotency-Key: {ID}\r\n x-folded: yes\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(raw(&s.addr, folded.as_bytes()).0, 400, "folded header");
    let mut huge = b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 20 * 1024));
    huge.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
    assert_eq!(raw(&s.addr, &huge).0, 431, "a head over 16 KB");
    assert!(stored(&s.store).is_empty());
}

#[test]
fn cors_never_trusts_the_host_header() {
    let s = start("cors-host", &["--origin", "https://report.example"], &[]);
    let pre = |host: &str, origin: &str| {
        raw(
            &s.addr,
            format!("OPTIONS /api/reports HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .1
    };
    assert!(!pre("evil.example", "http://evil.example").contains("Access-Control-Allow-Origin"));
    assert!(!pre("evil.example", "http://evil.example")
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
    assert!(pre("x", "https://report.example")
        .to_ascii_lowercase()
        .contains("access-control-allow-origin: https://report.example"));
}

#[test]
fn junk_behind_a_shared_address_does_not_lock_out_a_real_report() {
    // Everyone arrives through the proxy on 127.0.0.1; the proxy names the client.
    let s = start(
        "proxy",
        &["--rate-per-minute", "3", "--trust-proxy", "127.0.0.1"],
        &[],
    );
    let junk = |who: &str| post(&s.addr, &format!("X-Forwarded-For: {who}\r\n"), b"junk").0;
    assert_eq!(
        [
            junk("203.0.113.9"),
            junk("203.0.113.9"),
            junk("203.0.113.9"),
            junk("203.0.113.9")
        ],
        [400, 400, 400, 429]
    );
    // Another relative behind the same proxy is unaffected; the same address too, for a report.
    assert_eq!(junk("203.0.113.10"), 400);
    let report = post(
        &s.addr,
        &format!("X-Forwarded-For: 203.0.113.9\r\nIdempotency-Key: {ID}\r\n"),
        body(),
    );
    assert_eq!(report.0, 201, "{}", report.1);
}

#[test]
fn a_failing_store_answers_503_with_retry_after() {
    let s = start("storefail", &[], &[]);
    // The store's directory is replaced by a file: every write fails.
    std::fs::remove_dir_all(&s.store).unwrap();
    std::fs::write(&s.store, b"not a directory").unwrap();
    let (status, text) = post(&s.addr, &format!("Idempotency-Key: {ID}\r\n"), body());
    assert_eq!(status, 503, "{text}");
    assert!(
        text.to_ascii_lowercase().contains("retry-after: "),
        "{text}"
    );
    let (health, _) = raw(
        &s.addr,
        b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(health, 503);
    std::fs::remove_file(&s.store).unwrap();
}

#[cfg(feature = "test-hooks")]
#[test]
fn a_report_in_flight_is_answered_and_stored_when_the_server_is_stopped() {
    let mut s = start("graceful", &[], &[("SIJIL_TEST_STORE_DELAY_MS", "1500")]);
    let log = Log::of(&mut s);
    let addr = s.addr.clone();
    let sending =
        std::thread::spawn(move || post(&addr, &format!("Idempotency-Key: {ID}\r\n"), body()));
    log.wait_for("from the store hook", |l| l == "test hook: the store waits");
    let pid = s.child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let (status, text) = sending.join().unwrap();
    assert_eq!(status, 201, "{text}");
    assert!(
        s.child.wait().unwrap().success(),
        "a clean exit after draining"
    );
    assert_eq!(stored(&s.store), vec![format!("{ID}.age")]);
    // No new connection is accepted once stopped.
    assert!(TcpStream::connect(&s.addr).is_err());
}

#[test]
fn a_report_resent_under_a_new_id_is_stored_beside_the_one_that_took_its_id() {
    let s = start("replaces", &[], &[]);
    let new = "7e57a1b2-c3d4-4e5f-8a6b-7c8d9e0f1a2b";
    let (status, text) = post(
        &s.addr,
        &format!("Idempotency-Key: {new}\r\nReplaces: {ID}\r\n"),
        body(),
    );
    assert_eq!(status, 201, "{text}");
    // The answer carries the receipt of the id it was sent under: what the phone checks.
    assert!(text.contains(&format!(
        "\"receipt\":\"{}\"",
        sijil_report::receipt::ReportId::parse(new)
            .unwrap()
            .receipt_code()
    )));
    assert_eq!(stored(&s.store), vec![format!("{new}.replaces-{ID}.age")]);
    let bad = post(
        &s.addr,
        &format!("Idempotency-Key: {new}\r\nReplaces: nope\r\n"),
        body(),
    );
    assert_eq!(bad.0, 400);
}

#[test]
fn precompressed_files_honour_q0_and_symlinks_never_leave_dist() {
    let dist = temp("files-dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), "console.log('plain')").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js.br"), "BROTLI").unwrap();
    let secret = temp("files-outside").join("secret.txt");
    std::fs::write(&secret, "outside dist").unwrap();
    std::os::unix::fs::symlink(&secret, dist.join("leak.txt")).unwrap();
    let s = start_with(&dist, &temp("files-store"), &[], &[]);
    let get = |path: &str, accept: &str| {
        raw(
            &s.addr,
            format!("GET {path} HTTP/1.1\r\nHost: a\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .1
    };
    let br = get("/app-0123456789abcdef.js", "gzip, br");
    assert!(
        br.contains("Content-Encoding: br") && br.ends_with("BROTLI"),
        "{br}"
    );
    let refused = get("/app-0123456789abcdef.js", "br;q=0, gzip");
    assert!(
        !refused.contains("Content-Encoding") && refused.ends_with("console.log('plain')"),
        "{refused}"
    );
    let leak = get("/leak.txt", "identity");
    assert!(leak.starts_with("HTTP/1.1 404"), "{leak}");
    assert!(!leak.contains("outside dist"));
}

#[test]
fn a_missing_favicon_is_no_content_and_a_present_one_is_served() {
    let get = |addr: &str, path: &str| {
        raw(
            addr,
            format!("GET {path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .1
    };
    let dist = temp("favicon-dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let s = start_with(&dist, &temp("favicon-store"), &[], &[]);
    let none = get(&s.addr, "/favicon.ico");
    assert!(none.starts_with("HTTP/1.1 204"), "{none}");
    assert!(none.contains("max-age=86400"), "{none}");
    let other = get(&s.addr, "/widget/favicon.ico");
    assert!(other.starts_with("HTTP/1.1 404"), "{other}");
    std::fs::write(dist.join("favicon.ico"), "ICON").unwrap();
    let icon = get(&s.addr, "/favicon.ico");
    assert!(
        icon.starts_with("HTTP/1.1 200") && icon.ends_with("ICON"),
        "{icon}"
    );
}
