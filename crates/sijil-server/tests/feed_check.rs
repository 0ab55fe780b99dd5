//! `sijil feed check` end to end: the built binary on the real sample, on a bad feed, and on URLs
//! served over real HTTP by a one-request server on the loopback interface.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// The sample feed as the app ships it (a copy of `../shared/data/snhr-2019-2022.feed.json`).
fn sample() -> PathBuf {
    repo("static/data/feed.json")
}

fn sijil(args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_sijil"))
        .args(args)
        .env_remove("LANG")
        .output()
        .expect("run sijil");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
    (
        status.code().expect("exit code"),
        text(stdout),
        text(stderr),
    )
}

#[test]
fn the_sample_is_accepted_with_its_warnings() {
    let path = sample();
    let (code, out, err) = sijil(&["feed", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("warning: 2019-01: breakdown incomplete: the parties sum to 179, the total is 197 [months[0].by_party]\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "warning: 2020-11: breakdown exceeds total: the parties sum to 175, the total is 172"
        ),
        "{out}"
    );
    assert!(out.contains("warning: 2022-02: torture breakdown incomplete: the parties sum to 64, the torture total is 66"));
    assert_eq!(
        out.lines().filter(|l| l.starts_with("warning: ")).count(),
        14
    );
    assert!(
        out.ends_with("ok: 42 months (2019-01 to 2022-12), 15 parties, 14 warnings\n"),
        "{out}"
    );
    // The shipped copy is the same feed.
    let (code, shipped, _) = sijil(&[
        "feed",
        "check",
        repo("static/data/feed.json").to_str().unwrap(),
    ]);
    assert_eq!((code, shipped), (0, out));
}

#[test]
fn arabic_report_on_request() {
    let path = sample();
    let (code, out, _) = sijil(&["feed", "check", path.to_str().unwrap(), "--lang", "ar"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("تحذير: 2019-01: التوزيع غير مكتمل: مجموع الجهات 179 والإجمالي 197"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "مقبول: عدد الأشهر 42 (من 2019-01 إلى 2022-12)، عدد الجهات 15، عدد التحذيرات 14\n"
        ),
        "{out}"
    );
}

#[test]
fn a_bad_feed_fails_naming_the_path() {
    let bad = repo("crates/sijil-core/tests/feeds/bad/unknown-party.json");
    let (code, out, _) = sijil(&["feed", "check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "error: months[0].by_party[1].party: unknown party \"martians\": not in the feed's parties\nrejected: 1 error\n"
    );
    let (code, out, _) = sijil(&["feed", "check", bad.to_str().unwrap(), "--lang", "ar"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("خطأ: months[0].by_party[1].party: جهة غير معروفة \"martians\""),
        "{out}"
    );
}

/// The massacres listed one by one (`massacres.incidents`): the checker's warnings, with the
/// month, the numbers and the path, and the limit of 200 a month as an error naming the path.
#[test]
fn listed_massacres_are_checked() {
    let fixture = repo("crates/sijil-core/tests/feeds/good-incidents.json");
    let (code, out, _) = sijil(&["feed", "check", fixture.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(", 0 warnings\n"), "{out}");

    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&fixture).unwrap()).unwrap();
    let x = &mut doc["months"][0]["massacres"];
    x["count"] = serde_json::json!(1);
    x["incidents"][1]["deaths"] = serde_json::json!(3);
    x["incidents"][0]["deaths"] = serde_json::json!(12);
    let dir = std::env::temp_dir().join(format!("sijil-incidents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("feed.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let (code, out, _) = sijil(&["feed", "check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "warnings do not reject: {out}");
    for line in [
        "warning: 2021-01: the massacre of 2021-01 lists 3 deaths: a massacre is 5 or more [months[0].massacres.incidents[1]]\n",
        "warning: 2021-01: the massacres listed sum to 15 deaths, more than massacres.deaths (14) [months[0].massacres.incidents]\n",
        "warning: 2021-01: 2 massacres listed, more than massacres.count (1) [months[0].massacres.incidents]\n",
    ] {
        assert!(out.contains(line), "{line}{out}");
    }
    let (_, ar, _) = sijil(&["feed", "check", file.to_str().unwrap(), "--lang", "ar"]);
    assert!(
        ar.contains("تحذير: 2021-01: مجزرة 2021-01 تذكر 3 من الضحايا"),
        "{ar}"
    );

    let many = repo("crates/sijil-core/tests/feeds/bad/too-many-incidents.json");
    let (code, out, _) = sijil(&["feed", "check", many.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "error: months[0].massacres.incidents: 201 items, over the limit of 200\nrejected: 1 error\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unreadable_input_and_bad_usage_exit_2() {
    let (code, _, err) = sijil(&["feed", "check", "/nonexistent/feed.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/feed.json"), "{err}");
    let (code, _, err) = sijil(&["feed", "check"]);
    assert_eq!(code, 2);
    assert!(err.contains("FILE or URL"), "{err}");
    let (code, _, _) = sijil(&["feed", "check", "x.json", "--lang", "fr"]);
    assert_eq!(code, 2);
}

/// Serves one HTTP request on 127.0.0.1 and sends back its request line.
fn serve_once(
    status: &'static str,
    headers: String,
    body: Vec<u8>,
) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        reader.read_line(&mut request_line).unwrap();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 2 {
            line.clear();
        }
        let _ = tx.send(request_line.trim_end().to_string());
        let mut stream = stream;
        let head = format!("HTTP/1.1 {status}\r\n{headers}Connection: close\r\n\r\n");
        // The client may hang up early (the size limit); that is not the server's failure.
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(&body));
    });
    (format!("http://{addr}"), rx)
}

#[test]
fn a_url_is_fetched_over_http() {
    let body = std::fs::read(sample()).unwrap();
    let headers = format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    let (base, requests) = serve_once("200 OK", headers, body);
    let (code, out, err) = sijil(&["feed", "check", &format!("{base}/data/feed.json")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.ends_with("ok: 42 months (2019-01 to 2022-12), 15 parties, 14 warnings\n"),
        "{out}"
    );
    let request = requests.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(request, "GET /data/feed.json HTTP/1.1");
}

#[test]
fn an_http_error_exits_2() {
    let (base, _) = serve_once("404 Not Found", "Content-Length: 0\r\n".into(), Vec::new());
    let (code, _, err) = sijil(&["feed", "check", &format!("{base}/missing.json")]);
    assert_eq!(code, 2);
    assert!(err.contains("HTTP 404"), "{err}");
}

#[test]
fn an_oversized_download_stops_at_the_limit() {
    // No Content-Length: the body runs until the server closes, so only the reader's cap stops it.
    let body = vec![b' '; 6 * 1024 * 1024];
    let (base, _) = serve_once("200 OK", String::new(), body);
    let (code, out, err) = sijil(&["feed", "check", &format!("{base}/big.json")]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.starts_with(
            "error: more than 5242880 bytes, over the limit of 5242880 bytes: stopped reading\n"
        ),
        "{out}"
    );
}

#[test]
fn an_announced_oversized_download_is_not_read() {
    // The server announces 6 MB and sends nothing: the checker must stop at the header.
    let (base, _) = serve_once("200 OK", "Content-Length: 6000000\r\n".into(), Vec::new());
    let (code, out, _) = sijil(&["feed", "check", &format!("{base}/big.json")]);
    assert_eq!(code, 1);
    assert_eq!(out, "error: the document is 6000000 bytes, over the limit of 5242880 bytes\nrejected: 1 error\n");
}

#[test]
fn an_oversized_file_is_refused_by_its_size() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("oversized-feed.json");
    std::fs::write(&path, vec![b' '; 5 * 1024 * 1024 + 1]).unwrap();
    let (code, out, _) = sijil(&["feed", "check", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(code, 1);
    assert_eq!(out, "error: the document is 5242881 bytes, over the limit of 5242880 bytes\nrejected: 1 error\n");
}
