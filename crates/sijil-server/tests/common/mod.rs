//! Shared by the integration tests: the real `sijil` binary started on port 0, raw HTTP over
//! TCP, and real age files as the phone writes them.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The development recipient (dev/dev-identity.txt).
pub const RECIPIENT: &str = "age152tjwkw4g25dpsguyf7kv4u8mw47xze7vx920a8ay48crkhcfftqj8ylm4";

/// A real age file, as the phone writes it, of `plain`.
pub fn encrypt(plain: &[u8]) -> Vec<u8> {
    let mut urandom = std::fs::File::open("/dev/urandom").unwrap();
    sijil_report::age::encrypt(&[RECIPIENT], plain, &mut |b: &mut [u8]| {
        urandom.read_exact(b).unwrap()
    })
    .unwrap()
}

/// One fixed report body for the whole test binary.
pub fn body() -> &'static [u8] {
    static BODY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BODY.get_or_init(|| encrypt(b"secret payload bytes"))
}

pub struct Server {
    pub child: Child,
    pub addr: String,
    pub store: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sijil-intake-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn start(name: &str, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let dist = temp(&format!("{name}-dist"));
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    start_with(&dist, &temp(&format!("{name}-store")), extra, env)
}

/// Starts the server on port 0 and reads the port it was given from its first line, so tests
/// running in parallel never race for a port.
pub fn start_with(dist: &Path, store: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
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
    }
}

/// The server's log (its stderr), line by line, read on a thread of its own: a test waits for
/// the line that says the server did something instead of sleeping and hoping it did.
pub struct Log(std::sync::mpsc::Receiver<String>);

impl Log {
    /// Takes the server's stderr (so nothing else may read it).
    pub fn of(server: &mut Server) -> Log {
        use std::io::BufRead;
        let stderr = server.child.stderr.take().expect("stderr not taken yet");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Log(rx)
    }

    /// Waits for the next line that `matches` (at most 30 s, however loaded the machine), and
    /// returns it; lines before it are passed over.
    pub fn wait_for(&self, what: &str, matches: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.0.recv_timeout(left) {
                Ok(line) if matches(&line) => return line,
                Ok(_) => {}
                Err(e) => panic!("no log line {what} ({e})"),
            }
        }
    }
}

/// Sends raw bytes and returns (status, whole response).
pub fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    (status_of(&text), text)
}

/// The status code of a whole HTTP/1.1 response (0 when there is none).
pub fn status_of(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

pub fn post(addr: &str, headers: &str, body: &[u8]) -> (u16, String) {
    let mut req = format!(
        "POST /api/reports HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    raw(addr, &req)
}
