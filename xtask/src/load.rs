//! `cargo xtask bench intake [--bin PATH]`: the intake under load and abuse, as table rows.
//!
//! - 300 slow clients (each sends one byte of a request head every 3 s) held open while a normal
//!   `GET /` and a normal report `POST` are timed, during the attack and after it;
//! - reports per second and p50/p99 latency at 1, 16 and 64 concurrent clients, each posting
//!   distinct real age files, against the file store and the S3 store (SeaweedFS on loopback);
//! - `GET /widget/series/` at 64 concurrent clients.
//!
//! Clients speak raw HTTP/1.1 over TCP with `Connection: close` (a new connection per request:
//! the worst case for the server). `--bin` runs the scenarios against another `sijil` binary
//! (an older build, say); rows it cannot run (S3) say so.

use crate::util::{root, Result};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RECIPIENT: &str = "age152tjwkw4g25dpsguyf7kv4u8mw47xze7vx920a8ay48crkhcfftqj8ylm4";

struct Serve {
    child: Child,
    addr: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(bin: &Path, store: &str, env: &[(String, String)]) -> Result<Serve> {
    use std::io::BufRead;
    let mut child = Command::new(bin)
        .args(["serve", "--addr", "127.0.0.1:0", "--dist"])
        .arg(root().join("dist"))
        .args(["--store", store, "--rate-per-minute", "100000000"])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut first)
        .map_err(|e| e.to_string())?;
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .ok_or_else(|| format!("no address in {first:?}"))?
        .to_owned();
    Ok(Serve { child, addr })
}

/// One request on a new connection: its status (0 when it failed) and how long the answer took.
fn request(addr: &str, raw: &[u8]) -> (u16, Duration) {
    let started = Instant::now();
    let status = (|| {
        let mut s = TcpStream::connect(addr).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
        s.write_all(raw).ok()?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).ok()?;
        String::from_utf8_lossy(&buf)
            .split(' ')
            .nth(1)?
            .parse()
            .ok()
    })()
    .unwrap_or(0);
    (status, started.elapsed())
}

fn random_id() -> String {
    let mut b = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = f.read_exact(&mut b);
    }
    sijil_report::receipt::ReportId::from_random(b).to_string()
}

fn report_body() -> Vec<u8> {
    let mut urandom = std::fs::File::open("/dev/urandom").expect("/dev/urandom");
    let plain = vec![b'x'; 4000]; // a text-only report is a few kilobytes
    sijil_report::age::encrypt(&[RECIPIENT], &plain, &mut |b: &mut [u8]| {
        let _ = urandom.read_exact(b);
    })
    .expect("the development recipient is valid")
}

fn post_report(body: &[u8]) -> Vec<u8> {
    let mut req = format!(
        "POST /api/reports HTTP/1.1\r\nHost: bench\r\nConnection: close\r\nIdempotency-Key: {}\r\nContent-Length: {}\r\n\r\n",
        random_id(),
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    req
}

const GET_HOME: &[u8] = b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n";

/// `clients` threads, each making `per_client` requests built by `make`; (answers/s, p50, p99,
/// errors).
fn load(
    clients: usize,
    per_client: usize,
    addr: &str,
    make: impl Fn() -> Vec<u8> + Sync,
) -> (f64, f64, f64, usize) {
    let started = Instant::now();
    let results: Vec<(u16, Duration)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                s.spawn(|| {
                    (0..per_client)
                        .map(|_| request(addr, &make()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let total = started.elapsed().as_secs_f64();
    let mut ms: Vec<f64> = results
        .iter()
        .map(|(_, d)| d.as_secs_f64() * 1000.0)
        .collect();
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    let errors = results
        .iter()
        .filter(|(s, _)| !(200..300).contains(s))
        .count();
    (results.len() as f64 / total, pct(0.5), pct(0.99), errors)
}

/// Opens `n` connections that each send one byte of a head every 3 s, for `hold`; meanwhile
/// times a GET and a report POST once a second. Returns the worst (status, time) of each,
/// during the attack and in the 3 s after it stopped.
fn slow_clients(addr: &str, n: usize, hold: Duration) -> [(u16, Duration); 4] {
    let body = report_body();
    let attack_over = Instant::now() + hold;
    let worst = |a: (u16, Duration), b: (u16, Duration)| {
        let bad = |x: &(u16, Duration)| (!(200..300).contains(&x.0), x.1);
        if bad(&b) > bad(&a) {
            b
        } else {
            a
        }
    };
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut socks: Vec<TcpStream> = (0..n)
                .filter_map(|_| TcpStream::connect(addr).ok())
                .collect();
            let head = b"GET / HTTP/1.1\r\nHost: bench\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
            let mut i = 0;
            while Instant::now() < attack_over {
                for sock in &mut socks {
                    let _ = sock.write_all(&head[i % head.len()..][..1]);
                }
                i += 1;
                std::thread::sleep(Duration::from_secs(3));
            }
        });
        std::thread::sleep(Duration::from_millis(500));
        let mut during = [(200, Duration::ZERO); 2];
        while Instant::now() + Duration::from_secs(1) < attack_over {
            during[0] = worst(during[0], request(addr, GET_HOME));
            during[1] = worst(during[1], request(addr, &post_report(&body)));
            std::thread::sleep(Duration::from_secs(1));
        }
        std::thread::sleep(attack_over.saturating_duration_since(Instant::now()));
        let mut after = [(200, Duration::ZERO); 2];
        for _ in 0..3 {
            after[0] = worst(after[0], request(addr, GET_HOME));
            after[1] = worst(after[1], request(addr, &post_report(&body)));
            std::thread::sleep(Duration::from_secs(1));
        }
        [during[0], during[1], after[0], after[1]]
    })
}

/// A throw-away SeaweedFS S3 store; None when `weed` is not installed.
struct Weed {
    child: Child,
    dir: PathBuf,
    s3: u16,
}

impl Drop for Weed {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn weed() -> Option<Weed> {
    let bin = crate::setup::weed();
    let ports: Vec<u16> = (0..8)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").ok())
        .collect::<Option<Vec<_>>>()?
        .iter()
        .map(|l| l.local_addr().map(|a| a.port()).unwrap_or(0))
        .collect();
    let dir = std::env::temp_dir().join(format!("sijil-bench-weed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let names = [
        "master", "master", "volume", "volume", "filer", "filer", "s3", "s3",
    ];
    let mut c = Command::new(bin);
    c.args([
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-filer",
        "-s3",
        "-volume.max=16",
    ])
    .args(["-s3.port.iceberg=0", "-s3.port.lance=0"])
    .arg(format!("-dir={}", dir.display()));
    for (i, (name, port)) in names.iter().zip(&ports).enumerate() {
        let grpc = if i % 2 == 1 { ".grpc" } else { "" };
        c.arg(format!("-{name}.port{grpc}={port}"));
    }
    let child = c.stdout(Stdio::null()).stderr(Stdio::null()).spawn().ok()?;
    let w = Weed {
        child,
        dir,
        s3: ports[6],
    };
    let addr = format!("127.0.0.1:{}", w.s3);
    for _ in 0..300 {
        let bucket = request(
            &addr,
            b"PUT /bench HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .0;
        let probe = request(&addr, b"PUT /bench/probe HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok").0;
        if (bucket == 200 || bucket == 409) && probe == 200 {
            return Some(w);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    None
}

/// Runs every scenario and prints its rows with `row(name, value, budget, ok)`.
/// How a row is printed (the bench table's `row`).
pub type Row<'a> = &'a dyn Fn(&str, String, &str, Option<bool>);

pub fn run(bin: Option<PathBuf>, row: Row) -> Result {
    let bin = match bin {
        Some(b) => b,
        None => crate::build::server_binary(false)?,
    };
    // An older `sijil` has no S3 store (its `--store` is a directory).
    let has_s3 = Command::new(&bin)
        .arg("help")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("s3://"));
    let store = std::env::temp_dir().join(format!("sijil-bench-reports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let file = serve(&bin, store.to_str().unwrap_or_default(), &[])?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let [gd, pd, ga, pa] = slow_clients(&file.addr, 300, Duration::from_secs(15));
    for (what, (status, took)) in [
        ("GET / during 300 slow clients (worst, one a second)", gd),
        (
            "report POST during 300 slow clients (worst, one a second)",
            pd,
        ),
        ("GET / after the slow clients (worst of 3)", ga),
        ("report POST after the slow clients (worst of 3)", pa),
    ] {
        let ok = (200..300).contains(&status) && took <= Duration::from_secs(1);
        let value = match status {
            0 => format!("no answer after {:.0} ms", ms(took)),
            s => format!("{s} in {:.0} ms", ms(took)),
        };
        row(&format!("intake: {what}"), value, "1000 ms", Some(ok));
    }
    let body = report_body();
    let mut stores = vec![("file store", file)];
    let s3 = if has_s3 { weed() } else { None };
    if let Some(w) = &s3 {
        let env = [
            ("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{}", w.s3)),
            ("AWS_ACCESS_KEY_ID", "bench".into()),
            ("AWS_SECRET_ACCESS_KEY", "bench".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ALLOW_HTTP", "true".into()),
        ]
        .map(|(k, v)| (k.to_owned(), v));
        stores.push((
            "S3 store (SeaweedFS)",
            serve(&bin, "s3://bench/reports", &env)?,
        ));
    } else {
        row("intake: S3 store", "not run".into(), "-", None);
    }
    for (name, server) in &stores {
        for (clients, per_client) in [(1, 200), (16, 25), (64, 10)] {
            let (rate, p50, p99, errors) =
                load(clients, per_client, &server.addr, || post_report(&body));
            row(
                &format!("intake: reports/s, p50/p99, {name}, {clients} client(s), errors"),
                format!("{rate:.0}/s {p50:.1}/{p99:.1} ms {errors}"),
                "0 errors",
                Some(errors == 0),
            );
        }
    }
    let page = b"GET /widget/series/ HTTP/1.1\r\nHost: bench\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n";
    let (rate, p50, p99, errors) = load(64, 20, &stores[0].1.addr, || page.to_vec());
    row(
        "intake: GET /widget/series/ at 64 clients: pages/s, p50/p99, errors",
        format!("{rate:.0}/s {p50:.1}/{p99:.1} ms {errors}"),
        "0 errors",
        Some(errors == 0),
    );
    drop(stores);
    let _ = std::fs::remove_dir_all(&store);
    Ok(())
}
