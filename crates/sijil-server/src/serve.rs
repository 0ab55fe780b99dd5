//! `sijil serve`: the routes and the layers every answer goes through. The app's files are in
//! [`crate::site`], the report intake in [`crate::intake`], connections in [`crate::server`].
//!
//! Layers, outermost first: the log line and the security headers (so every answer has them,
//! errors included); the whole-request deadline (408); load shedding over a concurrency limit
//! (503 with `Retry-After`); the request-body limit (413 before a byte of an announced-too-big
//! body is read).
//!
//! Logs name the method, the path without its query (control characters escaped), the status
//! and the time taken. They never hold a body, a client address or a report id: a log file
//! leaked from the organization's server must not tell anyone who reported what.

use crate::cli::ServeOptions;
use crate::ratelimit::RateLimiter;
use crate::store::Store;
use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Semaphore;

pub const INTAKE_PATH: &str = "/api/reports";
/// Requests handled at once; more are answered 503 at once rather than queued.
pub const MAX_IN_FLIGHT: usize = 512;
/// Bytes of request bodies held in memory at once, over all requests (in KiB permits).
pub const MAX_BODY_BYTES_IN_FLIGHT: usize = 64 * 1024 * 1024;

pub struct ServeState {
    pub opts: ServeOptions,
    pub store: Store,
    pub limiter: RateLimiter,
    /// Other origins the pages may fetch from (the config's feed and intake), for the CSP.
    pub connect: Vec<String>,
    /// The site's own origin (`--origin`, else `http://` + the bound address).
    pub own_origin: String,
    /// Recipient stanzas a report may carry: the config's recipients plus a margin.
    pub max_stanzas: usize,
    /// `dist`, with symlinks resolved: no file outside it is served from it.
    pub dist_root: std::path::PathBuf,
    /// Permits of 1 KiB for request bodies being read.
    pub body_bytes: Arc<Semaphore>,
}

pub fn run(opts: ServeOptions) -> Result<(), String> {
    if !opts.dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: build the app first (`cargo xtask build`)",
            opts.dist.display()
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(run_async(opts))
}

async fn run_async(opts: ServeOptions) -> Result<(), String> {
    let store = Store::open(&opts.store)
        .map_err(|e| format!("cannot open report store {}: {e}", opts.store))?
        .with_quota(opts.quota_bytes)
        .await?;
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
    // The bound address, not the requested one: with port 0 the system picks a free port, which
    // is how tests start servers without racing each other for a port.
    let bound = listener
        .local_addr()
        .map_or_else(|_| opts.addr.to_string(), |a| a.to_string());
    say(&format!(
        "Sijil is being served at http://{bound}/\n  reports are stored in {}",
        store.describe
    ));
    let config = opts
        .config
        .clone()
        .unwrap_or_else(|| opts.dist.join("config.json"));
    let config = std::fs::read(config).unwrap_or_default();
    let recipients = sijil_report::config::parse_config(&config)
        .map(|c| c.age_recipients.len() + crate::agefile::STANZA_MARGIN)
        .unwrap_or(crate::agefile::MAX_STANZAS);
    let ctx = Arc::new(ServeState {
        limiter: RateLimiter::new(opts.rate_per_minute),
        connect: crate::csp::connect_origins(&config),
        own_origin: opts
            .origin
            .clone()
            .unwrap_or_else(|| format!("http://{bound}")),
        max_stanzas: recipients,
        dist_root: std::fs::canonicalize(&opts.dist).map_err(|e| format!("dist: {e}"))?,
        body_bytes: Arc::new(Semaphore::new(MAX_BODY_BYTES_IN_FLIGHT / 1024)),
        opts,
        store,
    });
    crate::server::serve(listener, app(ctx)).await;
    log("sijil: stopped");
    Ok(())
}

pub fn app(ctx: Arc<ServeState>) -> Router {
    let intake = post(crate::intake::receive)
        .options(crate::intake::preflight)
        .layer(middleware::from_fn_with_state(
            ctx.clone(),
            crate::intake::cors,
        ));
    let cors = || middleware::from_fn_with_state(ctx.clone(), crate::intake::cors);
    let uploads = post(crate::uploads::create)
        .options(crate::uploads::options)
        .layer(cors());
    let upload = axum::routing::head(crate::uploads::head)
        .patch(crate::uploads::patch)
        .options(crate::uploads::options)
        .layer(cors());
    let limits = tower::ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
            busy("server busy, retry shortly")
        }))
        .load_shed()
        .concurrency_limit(MAX_IN_FLIGHT);
    Router::new()
        .route("/healthz", get(healthz))
        .route(INTAKE_PATH, intake)
        .route(crate::uploads::UPLOADS_PATH, uploads)
        .route("/api/uploads/{report}/{attachment}", upload)
        .fallback(crate::site::serve_file)
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            crate::intake::MAX_BODY,
        ))
        .layer(limits)
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            crate::server::REQUEST_DEADLINE,
        ))
        .layer(middleware::from_fn(every_answer))
        .with_state(ctx)
}

async fn healthz(State(ctx): State<Arc<ServeState>>) -> Response {
    if ctx.store.healthy().await {
        json(StatusCode::OK, r#"{"status":"ok"}"#)
    } else {
        busy("store unavailable")
    }
}

/// Security headers on every answer and the log line.
async fn every_answer(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = loggable(req.uri().path());
    let mut reply = next.run(req).await;
    let headers = reply.headers_mut();
    for (k, v) in SECURITY_HEADERS {
        headers
            .entry(k)
            .or_insert_with(|| HeaderValue::from_static(v));
    }
    log(&format!(
        "{method} {path} {} {}ms",
        reply.status().as_u16(),
        started.elapsed().as_millis()
    ));
    reply
}

/// A path as it may appear in a log line: an upload's path without its report and attachment
/// ids; printable ASCII, everything else `\xNN`.
fn loggable(path: &str) -> String {
    match path.strip_prefix(crate::uploads::UPLOADS_PATH) {
        Some(rest) if rest.len() > 1 => format!("{}/…", crate::uploads::UPLOADS_PATH),
        _ => escape(path),
    }
}

fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if (0x21..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Writes to stdout/stderr without ever panicking: a server whose terminal or log pipe went away
/// must keep receiving reports.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

pub fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

pub fn json(status: StatusCode, body: &str) -> Response {
    let mut r = Response::new(Body::from(body.to_owned()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// 503 with `Retry-After`: the phone keeps the report and tries again.
pub fn busy(why: &str) -> Response {
    let mut r = json(
        StatusCode::SERVICE_UNAVAILABLE,
        &format!(r#"{{"error":"{why}"}}"#),
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
    r
}

pub fn method_not_allowed() -> Response {
    let mut r = json(
        StatusCode::METHOD_NOT_ALLOWED,
        r#"{"error":"method not allowed"}"#,
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    r
}

/// True for the methods the static files answer.
pub fn is_read(m: &Method) -> bool {
    m == Method::GET || m == Method::HEAD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_paths_escape_control_characters() {
        assert_eq!(escape("/form/"), "/form/");
        assert_eq!(escape("/a\nGET /b 200"), "/a\\x0aGET\\x20/b\\x20200");
        assert_eq!(escape("/\u{1b}[31m"), "/\\x1b[31m");
        assert_eq!(
            loggable("/api/uploads/2f1c3e4a-0000-4000-8000-000000000000/x"),
            "/api/uploads/…"
        );
        assert_eq!(loggable("/api/uploads"), "/api/uploads");
    }
}
