//! `POST /api/reports`: one encrypted report, stored exactly once under its UUID.
//!
//! Order of work, cheapest refusal first: the `Idempotency-Key` (a UUID v4), the announced
//! size, a share of the in-flight body budget (so 250 half-sent 1 MiB bodies cannot take the
//! server's memory: beyond [`crate::serve::MAX_BODY_BYTES_IN_FLIGHT`] the answer is 503), the
//! body itself (at most [`MAX_BODY`]; a report is a few kilobytes, and a conditional create needs
//! it whole), the strict age check ([`crate::agefile`]), the client's report budget, the store.
//!
//! A `Replaces: <first id>` header marks a report the phone sends again under a new id after a
//! 409; it is stored as `<id>.replaces-<first id>.age` ([`crate::store::object_name`]).
//!
//! Answers: 201 stored; 200 the same report again (same receipt); 409 another body under a
//! taken id (the original is kept; the phone resends under a new id); 400/413 refused; 429 over
//! the rate; 503 + `Retry-After` when the store fails or the server is saturated; 507 over the
//! store quota. Refused requests are charged to the client's junk budget, well-formed reports to
//! its report budget ([`crate::ratelimit`]).

use crate::ratelimit::Charge;
use crate::serve::{busy, json, log, ServeState};
use crate::server::Peer;
use crate::store::{PutError, Stored};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use sijil_report::receipt::ReportId;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

/// Largest accepted report. An encrypted text-only report is a few kilobytes; attachments come
/// later and will need their own limit.
pub const MAX_BODY: usize = 1024 * 1024;

pub async fn receive(State(ctx): State<Arc<ServeState>>, req: Request) -> Response {
    if hooks::fail_now() {
        return json(
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"error":"internal error"}"#,
        );
    }
    let client = client_ip(&ctx, &req);
    let refuse = |status: StatusCode, body: &str| refuse_with(&ctx, client, status, body);
    let Some(id) =
        header_str(req.headers(), "idempotency-key").and_then(|k| ReportId::parse(k.trim()))
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            r#"{"error":"missing or malformed Idempotency-Key (a UUID v4)"}"#,
        );
    };
    // A report sent again under a new id after a 409 names its first id.
    let replaces = match header_str(req.headers(), "replaces") {
        None => None,
        Some(v) => match ReportId::parse(v.trim()) {
            Some(first) if first != id => Some(first),
            _ => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    r#"{"error":"malformed Replaces (the report's first id, a UUID v4)"}"#,
                )
            }
        },
    };
    let announced =
        header_str(req.headers(), "content-length").and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > MAX_BODY) {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            r#"{"error":"report too large"}"#,
        );
    }
    let kib = announced.unwrap_or(MAX_BODY).div_ceil(1024).max(1) as u32;
    let Ok(_budget) = ctx.body_bytes.clone().try_acquire_many_owned(kib) else {
        return busy("server busy, retry shortly");
    };
    let body = match read_body(req, MAX_BODY).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                r#"{"error":"report too large"}"#,
            );
        }
        Err(BodyError::Unreadable) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                r#"{"error":"could not read the request body"}"#,
            )
        }
    };
    if let Err(e) = crate::agefile::check(&body, ctx.max_stanzas) {
        // Only well-formed age ciphertext is stored: a client bug can never make us keep a
        // plaintext report, and export never meets a file built to stall it.
        return refuse(
            StatusCode::BAD_REQUEST,
            &format!(r#"{{"error":"body is not an age-encrypted report: {e}"}}"#),
        );
    }
    if !ctx.limiter.allow(client, Charge::Report, Instant::now()) {
        return too_many();
    }
    hooks::before_store().await;
    let receipt = id.receipt_code();
    let name = crate::store::object_name(&id, replaces.as_ref());
    match ctx.store.put_once(&name, body).await {
        Ok(stored) => json(
            if stored == Stored::New {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            },
            &format!(r#"{{"receipt":"{receipt}","status":"stored"}}"#),
        ),
        Err(PutError::Conflict) => refuse(
            StatusCode::CONFLICT,
            r#"{"error":"another report is stored under this id; send it again under a new id"}"#,
        ),
        Err(PutError::Full) => {
            log("store error: quota reached");
            json(
                StatusCode::INSUFFICIENT_STORAGE,
                r#"{"error":"the intake is full, retry later"}"#,
            )
        }
        Err(PutError::Unavailable(kind)) => {
            log(&format!("store error: {kind}"));
            busy("could not store the report, retry later")
        }
    }
}

/// Why a request body was not read whole.
pub enum BodyError {
    /// More than the limit.
    TooLarge,
    /// The connection broke or the deadline passed mid-body.
    Unreadable,
}

/// The whole body of `req`, at most `max` bytes.
pub async fn read_body(req: Request, max: usize) -> Result<bytes::Bytes, BodyError> {
    match http_body_util::Limited::new(req.into_body(), max)
        .collect()
        .await
    {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(BodyError::TooLarge),
        Err(_) => Err(BodyError::Unreadable),
    }
}

/// A refusal charged to the client's junk budget (429 once that is spent).
pub fn refuse_with(ctx: &ServeState, client: IpAddr, status: StatusCode, body: &str) -> Response {
    if ctx.limiter.allow(client, Charge::Refused, Instant::now()) {
        json(status, body)
    } else {
        too_many()
    }
}

pub fn too_many() -> Response {
    let mut r = json(
        StatusCode::TOO_MANY_REQUESTS,
        r#"{"error":"too many requests, retry later"}"#,
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    r
}

pub fn header_str<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// The client's address: the TCP peer, or, when the peer is the configured reverse proxy, the
/// last address in `X-Forwarded-For` (the one the proxy itself appended; earlier ones are
/// whatever the client claimed).
pub fn client_ip(ctx: &ServeState, req: &Request) -> IpAddr {
    let peer = req
        .extensions()
        .get::<Peer>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |p| p.0.ip());
    if ctx.opts.trust_proxy != Some(peer) {
        return peer;
    }
    req.headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|a| a.trim().parse().ok())
        .unwrap_or(peer)
}

pub async fn preflight() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

/// CORS for the intake and the uploads: the site's own origin (from config, never the `Host` header) and the
/// `--allow-origin` ones.
pub async fn cors(State(ctx): State<Arc<ServeState>>, req: Request, next: Next) -> Response {
    let origin = header_str(req.headers(), "origin").map(str::to_owned);
    let mut reply = next.run(req).await;
    let allowed = origin.filter(|o| *o == ctx.own_origin || ctx.opts.allow_origins.contains(o));
    let h = reply.headers_mut();
    h.append(header::VARY, HeaderValue::from_static("origin"));
    if let Some(v) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, PATCH, HEAD, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(
                "Content-Type, Idempotency-Key, Replaces, Tus-Resumable, Upload-Length, \
                 Upload-Metadata, Upload-Offset",
            ),
        );
        // Resumable uploads read these from the answers (crate::uploads).
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Location, Tus-Resumable, Upload-Offset, Upload-Length"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
    }
    reply
}

/// Test hooks, compiled only with the `test-hooks` feature (the integration and browser tests
/// enable it), so a production binary has no behaviour an environment variable can switch on.
#[cfg(feature = "test-hooks")]
mod hooks {
    /// `SIJIL_TEST_FAIL_FIRST=N`: the first N report POSTs get a 500 and store nothing, as an
    /// overloaded or broken intake would answer (for the browser's retry tests).
    pub fn fail_now() -> bool {
        use std::sync::atomic::{AtomicU64, Ordering};
        static SEEN: AtomicU64 = AtomicU64::new(0);
        let n: u64 = std::env::var("SIJIL_TEST_FAIL_FIRST")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        n > 0 && SEEN.fetch_add(1, Ordering::SeqCst) < n
    }

    /// `SIJIL_TEST_CRASH_BEFORE_STORE`: die after a report was accepted and before it is stored,
    /// as a power cut would. `SIJIL_TEST_STORE_DELAY_MS=N`: wait before storing, so a test can
    /// stop the server while a report is in flight.
    pub async fn before_store() {
        if std::env::var_os("SIJIL_TEST_CRASH_BEFORE_STORE").is_some() {
            std::process::abort();
        }
        if let Some(ms) = std::env::var("SIJIL_TEST_STORE_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            // Said, so a test stops the server once a report is surely in flight.
            crate::serve::log("test hook: the store waits");
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        }
    }
}

#[cfg(not(feature = "test-hooks"))]
mod hooks {
    pub fn fail_now() -> bool {
        false
    }
    pub async fn before_store() {}
}
