//! The HTTP side of `sijil serve`: static app files, the runtime config, the health check and
//! the report intake.
//!
//! Logs name the method, the path without its query, the status and the time taken. They never
//! hold a body, a client address or a report id: a log file leaked from the organization's
//! server must not tell anyone who reported what.

use crate::cli::ServeOptions;
use crate::http::{Method, Request, Response, Server};
use crate::ratelimit::RateLimiter;
use crate::store::{Store, Stored};
use sijil_core::receipt::ReportId;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Largest accepted report. An encrypted text-only report is a few kilobytes; attachments come
/// later and will need their own limit.
pub const MAX_BODY: usize = 1024 * 1024;
pub const INTAKE_PATH: &str = "/api/reports";
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

struct Ctx {
    opts: ServeOptions,
    store: Store,
    limiter: RateLimiter,
    /// Other origins the pages may fetch from (the config's feed and intake), for the CSP.
    connect: Vec<String>,
}

pub fn run(opts: ServeOptions) -> Result<(), String> {
    if !opts.dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: build the app first (`cargo xtask build`)",
            opts.dist.display()
        ));
    }
    let store = Store::open(&opts.store)
        .map_err(|e| format!("cannot open report store {}: {e}", opts.store.display()))?;
    let server =
        Server::http(opts.addr).map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
    // The bound address, not the requested one: with port 0 the system picks a free port, which
    // is how tests start servers without racing each other for a port.
    let bound = server
        .local_addr()
        .map_or_else(|_| opts.addr.to_string(), |a| a.to_string());
    say(&format!(
        "Sijil is being served at http://{bound}/\n  reports are stored in {}",
        opts.store.display()
    ));
    let limiter = RateLimiter::new(opts.rate_per_minute);
    let config = opts
        .config
        .clone()
        .unwrap_or_else(|| opts.dist.join("config.json"));
    let connect = crate::csp::connect_origins(&fs::read(config).unwrap_or_default());
    let ctx = Arc::new(Ctx {
        opts,
        store,
        limiter,
        connect,
    });
    server.serve(Arc::new(move |req| handle(&ctx, req)));
    Ok(())
}

fn handle(ctx: &Ctx, mut req: Request) {
    let started = Instant::now();
    let path = req.url().split(['?', '#']).next().unwrap_or("/").to_owned();
    let method = req.method().clone();
    let origin = header(&req, "Origin");
    let mut reply = match (&method, path.as_str()) {
        (Method::Get | Method::Head, "/healthz") => json(200, r#"{"status":"ok"}"#),
        (Method::Options, INTAKE_PATH) => Response::new(204, Vec::new()),
        (Method::Post, INTAKE_PATH) => intake(ctx, &mut req),
        (_, INTAKE_PATH) => json(405, r#"{"error":"method not allowed"}"#),
        (Method::Get | Method::Head, _) => static_file(ctx, &req, &path),
        _ => json(405, r#"{"error":"method not allowed"}"#),
    };
    if path == INTAKE_PATH {
        if let Some(origin) = origin.filter(|o| origin_allowed(ctx, &req, o)) {
            reply = cors(reply, &origin);
        }
    }
    for (k, v) in SECURITY_HEADERS {
        reply.add_header(k, v);
    }
    let status = reply.status;
    if method == Method::Head {
        reply = reply.without_body();
    }
    // Logged before the answer is written: writing ends with waiting for the client to close.
    log(&format!(
        "{method} {path} {status} {}ms",
        started.elapsed().as_millis()
    ));
    let _ = req.respond(reply);
}

/// Writes to stdout/stderr without ever panicking: a server whose terminal or log pipe went away
/// must keep receiving reports.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

/// Test hook: with `SIJIL_TEST_FAIL_FIRST=N`, the first N report POSTs get a 500 and store
/// nothing, as an overloaded or broken intake would answer (for the browser's retry tests).
fn failing_on_purpose() -> bool {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEEN: AtomicU64 = AtomicU64::new(0);
    let n: u64 = std::env::var("SIJIL_TEST_FAIL_FIRST")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    n > 0 && SEEN.fetch_add(1, Ordering::SeqCst) < n
}

fn intake(ctx: &Ctx, req: &mut Request) -> Response {
    if failing_on_purpose() {
        return json(500, r#"{"error":"internal error"}"#);
    }
    if let Some(ip) = req.remote_addr().map(|a| a.ip()) {
        if !ctx.limiter.allow(ip, Instant::now()) {
            return json(429, r#"{"error":"too many requests, retry later"}"#)
                .with_header("Retry-After", "60");
        }
    }
    let Some(id) = header(req, "Idempotency-Key").and_then(|k| ReportId::parse(k.trim())) else {
        return json(
            400,
            r#"{"error":"missing or malformed Idempotency-Key (a UUID v4)"}"#,
        );
    };
    if req.body_length().is_some_and(|n| n > MAX_BODY) {
        return json(413, r#"{"error":"report too large"}"#);
    }
    let mut body = Vec::new();
    if req
        .body()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .is_err()
    {
        return json(400, r#"{"error":"could not read the request body"}"#);
    }
    if body.len() > MAX_BODY {
        return json(413, r#"{"error":"report too large"}"#);
    }
    if !body.starts_with(AGE_MAGIC) {
        // Refusing anything but age ciphertext means a client bug can never make us store
        // a plaintext report.
        return json(400, r#"{"error":"body is not an age-encrypted file"}"#);
    }
    let receipt = id.receipt_code();
    match ctx.store.put(&id, &body) {
        Ok(stored) => {
            let status = if stored == Stored::New { 201 } else { 200 };
            json(
                status,
                &format!(r#"{{"receipt":"{receipt}","status":"stored"}}"#),
            )
        }
        Err(e) => {
            log(&format!("store error: {}", e.kind()));
            json(
                503,
                r#"{"error":"could not store the report, retry later"}"#,
            )
        }
    }
}

fn origin_allowed(ctx: &Ctx, req: &Request, origin: &str) -> bool {
    let own = header(req, "Host").map(|host| format!("http://{host}"));
    own.as_deref() == Some(origin) || ctx.opts.allow_origins.iter().any(|o| o == origin)
}

fn cors(reply: Response, origin: &str) -> Response {
    reply
        .with_header("Access-Control-Allow-Origin", origin)
        .with_header("Access-Control-Allow-Methods", "POST, OPTIONS")
        .with_header(
            "Access-Control-Allow-Headers",
            "Content-Type, Idempotency-Key",
        )
        .with_header("Access-Control-Max-Age", "600")
        .with_header("Vary", "Origin")
}

fn static_file(ctx: &Ctx, req: &Request, path: &str) -> Response {
    let Some(rel) = safe_relative(path) else {
        return json(400, r#"{"error":"bad path"}"#);
    };
    let file = if let (true, Some(feed)) = (rel.as_os_str() == "data/feed.json", &ctx.opts.feed) {
        feed.clone()
    } else if rel.as_os_str() == "config.json" {
        ctx.opts
            .config
            .clone()
            .unwrap_or_else(|| ctx.opts.dist.join("config.json"))
    } else {
        let candidate = ctx.opts.dist.join(&rel);
        if candidate.is_file() {
            candidate
        } else if candidate.join("index.html").is_file() {
            candidate.join("index.html")
        } else if rel.extension().is_none() {
            // App routes (/widget, /embed, /form/…) are pages of the two single-page apps.
            let form = rel
                .components()
                .next()
                .is_some_and(|c| c.as_os_str() == "form");
            ctx.opts.dist.join(if form {
                "form/index.html"
            } else {
                "index.html"
            })
        } else {
            return json(404, r#"{"error":"not found"}"#);
        }
    };
    let accepts = header(req, "Accept-Encoding").unwrap_or_default();
    let (body, encoding) = match precompressed(&file, &accepts) {
        Some(found) => found,
        None => match fs::read(&file) {
            Ok(b) => (b, None),
            Err(_) => return json(404, r#"{"error":"not found"}"#),
        },
    };
    let mut reply = Response::new(200, body)
        .with_header("Content-Type", content_type(&file))
        .with_header("Cache-Control", cache_control(&file))
        .with_header("Vary", "Accept-Encoding");
    if let Some(enc) = encoding {
        reply.add_header("Content-Encoding", enc);
    }
    if file.extension().is_some_and(|e| e == "html") {
        let html = fs::read_to_string(&file).unwrap_or_default();
        let embeddable = file.starts_with(ctx.opts.dist.join("widget"));
        let policy = crate::csp::policy(&html, &ctx.connect, embeddable);
        reply.add_header("Content-Security-Policy", &policy);
    }
    reply
}

/// The `.br` or `.gz` sibling written by the build, when the client accepts it.
fn precompressed(file: &Path, accepts: &str) -> Option<(Vec<u8>, Option<&'static str>)> {
    for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepts
            .split(',')
            .any(|a| a.trim().split(';').next() == Some(enc))
        {
            let mut name = file.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            if let Ok(b) = fs::read(PathBuf::from(name)) {
                return Some((b, Some(enc)));
            }
        }
    }
    None
}

/// Turns a URL path into a relative path inside `dist`, refusing anything that could climb out.
fn safe_relative(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = PathBuf::from(decoded.trim_start_matches('/'));
    if rel.components().all(|c| matches!(c, Component::Normal(_))) {
        Some(if rel.as_os_str().is_empty() {
            PathBuf::from("index.html")
        } else {
            rel
        })
    } else {
        None
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Trunk names built assets `name-<hash>.ext`, the hash a 64-bit value in hex without leading
/// zeros (so 16 characters or a few less): those never change and can be cached forever.
/// Everything else (pages, config, feed) must be revalidated so an update reaches readers.
fn cache_control(p: &Path) -> &'static str {
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem.rsplit_once('-').is_some_and(|(_, h)| {
        (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit())
    });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn header(req: &Request, name: &str) -> Option<String> {
    req.header(name).map(str::to_owned)
}

fn json(status: u16, body: &str) -> Response {
    Response::new(status, body.as_bytes().to_vec())
        .with_header("Content-Type", "application/json; charset=utf-8")
        .with_header("Cache-Control", "no-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_dist() {
        assert_eq!(safe_relative("/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            safe_relative("/static/data/feed.json"),
            Some(PathBuf::from("static/data/feed.json"))
        );
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/static/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(safe_relative("/a%00b"), None);
        assert_eq!(safe_relative("/a%5c..%5cb"), None);
        assert_eq!(safe_relative("/bad%zz"), None);
    }

    #[test]
    fn only_hashed_assets_are_immutable() {
        assert_eq!(
            cache_control(Path::new("sijil-app-0123456789abcdef_bg.wasm")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control(Path::new("feed.json")), "no-cache");
        assert_eq!(
            cache_control(Path::new("sijil-app-0123456789abcdef.js")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control(Path::new("index.html")), "no-cache");
        // A hash with a leading zero is written one character shorter.
        assert_eq!(
            cache_control(Path::new("sijil-widget-a3a0023fe325d93_bg.wasm")),
            "public, max-age=31536000, immutable"
        );
    }
}
