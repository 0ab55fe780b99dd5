//! The HTTP/1.1 layer of `sijil serve`: one thread per connection, one request per connection.
//!
//! Why not a library: tiny_http 0.12 (used before) runs connections on a pool that starts a new
//! thread only when none looks idle, and keeps each kept-alive connection on its thread until
//! the browser closes it. A page opening six connections at once could leave the sixth queued
//! forever, and the page never loaded; tiny_http also drops a `Connection: close` header, so it
//! could not be told to let go. This server answers every request with `Connection: close`, so
//! a connection's thread ends as soon as its answer is written.
//!
//! Limits, because clients are untrusted: the request head is at most 16 KB and must arrive
//! within 10 seconds (as must the body), at most 256 connections are served at once (more get a
//! 503), request bodies need a `Content-Length` (chunked uploads get 411). Bodies are read by
//! the handler, which sets its own size limit.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const MAX_HEAD: usize = 16 * 1024;
const MAX_CONNECTIONS: usize = 256;
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Options,
    Other(String),
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Options => "OPTIONS",
            Method::Other(m) => m,
        })
    }
}

pub struct Server {
    listener: TcpListener,
}

pub struct Request {
    method: Method,
    url: String,
    headers: Vec<(String, String)>,
    remote: Option<SocketAddr>,
    reader: BufReader<TcpStream>,
}

/// A whole answer, body included (every answer of this server fits in memory).
pub struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Server {
    pub fn http(addr: impl ToSocketAddrs) -> io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(addr)?,
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Accepts connections forever, each on its own thread, and hands every request to `handle`.
    pub fn serve(self, handle: Arc<dyn Fn(Request) + Send + Sync>) {
        let open = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                open.fetch_sub(1, Ordering::SeqCst);
                let _ = write_response(&stream, &Response::new(503, b"busy".to_vec()));
                linger(&stream);
                continue;
            }
            let (handle, open) = (handle.clone(), open.clone());
            std::thread::spawn(move || {
                match read_request(stream) {
                    Ok(req) => handle(req),
                    Err(Some((stream, code))) => {
                        let _ = write_response(&stream, &Response::new(code, Vec::new()));
                        linger(&stream);
                    }
                    Err(None) => {}
                }
                open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }
}

/// Reads a request head. On a malformed or oversized head, the stream and the status to answer
/// with; `None` when the client went away.
fn read_request(stream: TcpStream) -> Result<Request, Option<(TcpStream, u16)>> {
    let _ = stream.set_read_timeout(Some(TIMEOUT));
    let _ = stream.set_write_timeout(Some(TIMEOUT));
    let remote = stream.peer_addr().ok();
    let answer = stream.try_clone().ok();
    let fail = |code: u16| {
        answer
            .as_ref()
            .and_then(|s| s.try_clone().ok())
            .map(|s| (s, code))
    };
    let mut reader = BufReader::new(stream);
    let mut lines = Vec::new();
    let mut size = 0;
    loop {
        let mut line = Vec::new();
        let n = (&mut reader)
            .take((MAX_HEAD - size + 1) as u64)
            .read_until(b'\n', &mut line)
            .map_err(|_| None)?;
        size += n;
        if n == 0 {
            return Err(None);
        }
        if size > MAX_HEAD {
            return Err(fail(431));
        }
        let line = String::from_utf8(line).map_err(|_| fail(400))?;
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    let mut first = lines.first().ok_or_else(|| fail(400))?.split(' ');
    let (Some(method), Some(url), Some(version)) = (first.next(), first.next(), first.next())
    else {
        return Err(fail(400));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(fail(505));
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        "OPTIONS" => Method::Options,
        other => Method::Other(other.to_owned()),
    };
    let mut headers = Vec::new();
    for line in &lines[1..] {
        let (k, v) = line.split_once(':').ok_or_else(|| fail(400))?;
        headers.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    let req = Request {
        method,
        url: url.to_owned(),
        headers,
        remote,
        reader,
    };
    if req
        .header("Transfer-Encoding")
        .is_some_and(|t| !t.eq_ignore_ascii_case("identity"))
    {
        return Err(fail(411));
    }
    if req
        .header("Expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        let _ = req
            .reader
            .get_ref()
            .write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    Ok(req)
}

impl Request {
    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The first header of that name (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn remote_addr(&self) -> Option<SocketAddr> {
        self.remote
    }

    pub fn body_length(&self) -> Option<usize> {
        self.header("Content-Length")?.parse().ok()
    }

    /// The body, as long as `Content-Length` says (empty without one).
    pub fn body(&mut self) -> impl Read + '_ {
        let len = self.body_length().unwrap_or(0) as u64;
        (&mut self.reader).take(len)
    }

    /// Writes the answer and closes the connection.
    pub fn respond(self, response: Response) -> io::Result<()> {
        let stream = self.reader.into_inner();
        write_response(&stream, &response)?;
        linger(&stream);
        Ok(())
    }
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.add_header(name, value);
        self
    }

    pub fn add_header(&mut self, name: &str, value: &str) {
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// The answer to a HEAD request: the same headers, no body.
    pub fn without_body(mut self) -> Response {
        self.body.clear();
        self
    }
}

/// Closes our side, then reads and drops what the client still sends (a body we refused, say)
/// until it closes too: closing a socket with unread input makes the system reset the
/// connection, and the client could lose the answer it was about to read.
fn linger(mut stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let (mut buf, mut total) = ([0u8; 8192], 0);
    while total < 1 << 20 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
}

fn write_response(mut stream: &TcpStream, r: &Response) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (k, v) in &r.headers {
        // Values come from this program, but a newline must never split a header.
        if !k.contains(['\r', '\n']) && !v.contains(['\r', '\n']) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        r.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(&r.body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Starts a server on a free port that echoes method, path, one header and the body.
    fn echo() -> SocketAddr {
        let server = Server::http("127.0.0.1:0").unwrap();
        let addr = server.local_addr().unwrap();
        std::thread::spawn(move || {
            server.serve(Arc::new(|mut req: Request| {
                let mut body = Vec::new();
                let _ = req.body().read_to_end(&mut body);
                let text = format!(
                    "{:?} {} {} {}",
                    req.method(),
                    req.url(),
                    req.header("x-test").unwrap_or("-"),
                    String::from_utf8_lossy(&body)
                );
                let _ = req.respond(Response::new(200, text.into_bytes()).with_header("X-A", "b"));
            }))
        });
        addr
    }

    fn exchange(addr: SocketAddr, raw: &[u8]) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(raw).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn answers_with_length_and_closes() {
        let addr = echo();
        let out = exchange(
            addr,
            b"POST /api?x=1 HTTP/1.1\r\nHost: a\r\nX-Test: yes\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert!(out.starts_with("HTTP/1.1 200 OK\r\n"), "{out}");
        assert!(out.contains("X-A: b\r\n"));
        assert!(out.contains("Connection: close\r\n"));
        assert!(out.ends_with("\r\n\r\nPost /api?x=1 yes hello"), "{out}");
        assert!(out.contains("Content-Length: 23\r\n"), "{out}");
    }

    #[test]
    fn many_connections_at_once_are_all_answered() {
        let addr = echo();
        // Open them all before sending anything: a pool that waits for idle threads would
        // strand some of these.
        let mut streams: Vec<TcpStream> =
            (0..12).map(|_| TcpStream::connect(addr).unwrap()).collect();
        for s in &mut streams {
            s.write_all(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
        }
        for mut s in streams {
            let mut out = String::new();
            s.read_to_string(&mut out).unwrap();
            assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
        }
    }

    #[test]
    fn bad_heads_get_their_status() {
        let addr = echo();
        assert!(exchange(addr, b"nonsense\r\n\r\n").starts_with("HTTP/1.1 400 "));
        assert!(exchange(addr, b"GET / HTTP/2.0\r\n\r\n").starts_with("HTTP/1.1 505 "));
        let chunked =
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        assert!(exchange(addr, chunked).starts_with("HTTP/1.1 411 "));
        let mut huge = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        huge.extend_from_slice(b"\r\n\r\n");
        assert!(exchange(addr, &huge).starts_with("HTTP/1.1 431 "));
    }

    #[test]
    fn expect_continue_is_answered_before_the_body() {
        let addr = echo();
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"POST /r HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
            .unwrap();
        let mut first = [0u8; 25];
        s.read_exact(&mut first).unwrap();
        assert_eq!(&first, b"HTTP/1.1 100 Continue\r\n\r\n");
        s.write_all(b"ok").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        assert!(out.ends_with("Post /r - ok"), "{out}");
    }
}
