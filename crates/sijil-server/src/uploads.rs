//! `/api/uploads`: a report's attachments (photos, documents, videos), encrypted on the phone,
//! uploaded resumably with the tus 1.0 protocol (core + `creation`), so a relative on a line
//! that drops every few minutes never starts a 100 MB video again from zero, and any standard
//! tus client can talk to it.
//!
//! - `OPTIONS /api/uploads`: `Tus-Version: 1.0.0`, `Tus-Extension: creation`, `Tus-Max-Size`.
//! - `POST /api/uploads` with `Upload-Length` and `Upload-Metadata: report <b64 uuid>,attachment
//!   <b64 uuid>` creates the upload `/api/uploads/<report>/<attachment>` (201 + `Location`).
//!   Creating it again with the same length answers the same (a retry after a lost answer);
//!   another length is 409.
//! - `HEAD /api/uploads/<report>/<attachment>`: `Upload-Offset`, the bytes the server holds.
//! - `PATCH` with `Upload-Offset` (must equal the server's, else 409) and
//!   `Content-Type: application/offset+octet-stream` appends one piece (at most [`MAX_PIECE`]).
//!
//! Storage: every piece is its own object, created once at its offset
//! (`attachments/<report>/<attachment>/<offset, 20 digits>.part`, beside an empty
//! `length-<N>` object), through the same conditional create as reports
//! ([`crate::store::Store::put_once`]). So there is no partial object to append to, the state
//! lives in the store (any intake node behind a load balancer can take the next piece, and a
//! restarted node loses nothing), and two racing pieces at one offset cannot both be kept.
//! The upload is complete when its pieces cover `0..N` without a gap ([`state`]); `sijil
//! export` joins and decrypts them. A piece that was cut mid-body is not kept (the phone sends
//! small pieces, so a cut costs at most one).
//!
//! Only age ciphertext is kept: the first piece must hold a well-formed age header whose
//! payload fits the announced length ([`crate::agefile::check_start`]); the server never holds
//! plaintext. Limits: [`crate::cli::ServeOptions::attachment_bytes`] per attachment (sealed
//! size), [`MAX_ATTACHMENTS`] per report. Upload paths carry report ids, so the log line shows
//! `/api/uploads/…` only ([`crate::serve`]).

use crate::intake::{client_ip, header_str, read_body, refuse_with, too_many, BodyError};
use crate::ratelimit::Charge;
use crate::serve::{busy, json, log, ServeState};
use crate::store::{PutError, Store};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use sijil_report::receipt::ReportId;
use std::sync::Arc;
use std::time::Instant;

pub const UPLOADS_PATH: &str = "/api/uploads";
/// Attachments one report may have (the form offers 10).
pub const MAX_ATTACHMENTS: usize = 10;
/// Largest piece one `PATCH` may carry. The phone sends smaller ones on a slow line so that
/// each finishes well inside the request deadline.
pub const MAX_PIECE: usize = 1024 * 1024;
/// Room for the age header (one stanza per recipient) in an attachment's sealed size.
pub const HEADER_ALLOWANCE: u64 = 4096;
const TUS_VERSION: &str = "1.0.0";

/// The folder of one attachment's pieces in the store.
pub fn attachment_dir(report: &ReportId, attachment: &ReportId) -> String {
    format!("attachments/{report}/{attachment}")
}

/// An upload as the store holds it.
#[derive(Debug, PartialEq, Eq)]
pub struct UploadState {
    /// The announced sealed length.
    pub length: u64,
    /// Bytes held without a gap from the start.
    pub offset: u64,
    /// The pieces, in order, up to `offset`: names relative to the store's prefix.
    pub pieces: Vec<String>,
}

impl UploadState {
    pub fn complete(&self) -> bool {
        self.offset == self.length
    }
}

/// Reads an upload's state from its objects; `None` when it was never created. Two different
/// lengths (two creations racing with different files) are an error: nothing is guessed.
pub async fn state(store: &Store, dir: &str) -> Result<Option<UploadState>, String> {
    let listed = store.list_under(dir).await?;
    let mut length = None;
    let mut parts: Vec<(u64, u64, String)> = Vec::new();
    for l in &listed {
        let Some(leaf) = l.name.strip_prefix(dir).and_then(|n| n.strip_prefix('/')) else {
            continue;
        };
        if let Some(n) = leaf
            .strip_prefix("length-")
            .and_then(|n| n.parse::<u64>().ok())
        {
            if length.is_some_and(|m| m != n) {
                return Err("two lengths announced for one attachment".into());
            }
            length = Some(n);
        } else if let Some(at) = leaf
            .strip_suffix(".part")
            .and_then(|n| n.parse::<u64>().ok())
        {
            parts.push((at, l.size, l.name.clone()));
        }
    }
    let Some(length) = length else {
        return Ok(None);
    };
    parts.sort();
    let (mut offset, mut pieces) = (0u64, Vec::new());
    for (at, size, name) in parts {
        if at != offset || size == 0 {
            break;
        }
        offset += size;
        pieces.push(name);
    }
    Ok(Some(UploadState {
        length,
        offset: offset.min(length),
        pieces,
    }))
}

/// The name of the piece that starts at `offset` (zero-padded, so names sort by offset).
fn piece_name(dir: &str, offset: u64) -> String {
    format!("{dir}/{offset:020}.part")
}

fn tus(mut r: Response) -> Response {
    r.headers_mut()
        .insert("tus-resumable", HeaderValue::from_static(TUS_VERSION));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn empty(status: StatusCode) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    tus(r)
}

fn with_offset(mut r: Response, offset: u64) -> Response {
    r.headers_mut()
        .insert("upload-offset", HeaderValue::from(offset));
    r
}

/// `OPTIONS`: what this server speaks (also answers a CORS preflight, see `intake::cors`).
pub async fn options(State(ctx): State<Arc<ServeState>>) -> Response {
    let mut r = empty(StatusCode::NO_CONTENT);
    let h = r.headers_mut();
    h.insert("tus-version", HeaderValue::from_static(TUS_VERSION));
    h.insert("tus-extension", HeaderValue::from_static("creation"));
    h.insert("tus-max-size", HeaderValue::from(ctx.opts.attachment_bytes));
    r
}

/// The refusal of a request that does not speak tus 1.0.0 (412, naming the version spoken).
fn wrong_version(req: &Request) -> Option<Response> {
    if header_str(req.headers(), "tus-resumable") == Some(TUS_VERSION) {
        return None;
    }
    let mut r = json(
        StatusCode::PRECONDITION_FAILED,
        r#"{"error":"this server speaks tus 1.0.0"}"#,
    );
    r.headers_mut()
        .insert("tus-version", HeaderValue::from_static(TUS_VERSION));
    Some(tus(r))
}

/// `report` and `attachment` from `Upload-Metadata` (`key base64,key base64`).
fn metadata_ids(value: &str) -> Option<(ReportId, ReportId)> {
    let mut report = None;
    let mut attachment = None;
    for pair in value.split(',') {
        let mut kv = pair.trim().splitn(2, ' ');
        let (key, b64) = (kv.next()?, kv.next().unwrap_or(""));
        let decoded = sijil_core::base64::decode(b64.trim())?;
        let id = ReportId::parse(std::str::from_utf8(&decoded).ok()?);
        match key {
            "report" => report = Some(id?),
            "attachment" => attachment = Some(id?),
            _ => {}
        }
    }
    Some((report?, attachment?))
}

/// `POST`: creates an upload (module doc).
pub async fn create(State(ctx): State<Arc<ServeState>>, req: Request) -> Response {
    if let Some(r) = wrong_version(&req) {
        return r;
    }
    let client = client_ip(&ctx, &req);
    let refuse = |status, body: &str| tus(refuse_with(&ctx, client, status, body));
    let Some((report, attachment)) =
        header_str(req.headers(), "upload-metadata").and_then(metadata_ids)
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            r#"{"error":"Upload-Metadata must name the report and the attachment (UUID v4, base64)"}"#,
        );
    };
    let Some(length) =
        header_str(req.headers(), "upload-length").and_then(|v| v.trim().parse::<u64>().ok())
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            r#"{"error":"Upload-Length is required (deferred lengths are not supported)"}"#,
        );
    };
    if length > ctx.opts.attachment_bytes {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            r#"{"error":"attachment too large"}"#,
        );
    }
    if !ctx.limiter.allow(client, Charge::Report, Instant::now()) {
        return tus(too_many());
    }
    let dir = attachment_dir(&report, &attachment);
    let others = match ctx.store.list_under(&format!("attachments/{report}")).await {
        Ok(listed) => {
            let mut dirs: Vec<&str> = listed
                .iter()
                .filter_map(|l| l.name.rsplit_once('/').map(|(d, _)| d))
                .filter(|d| *d != dir)
                .collect();
            dirs.dedup();
            dirs.len()
        }
        Err(_) => {
            log("store error: cannot list attachments");
            return tus(busy("could not reach the store, retry later"));
        }
    };
    if others >= MAX_ATTACHMENTS {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            r#"{"error":"too many attachments for one report"}"#,
        );
    }
    let current = match state(&ctx.store, &dir).await {
        Ok(s) => s,
        Err(e) => return refuse(StatusCode::CONFLICT, &format!(r#"{{"error":"{e}"}}"#)),
    };
    match current {
        Some(s) if s.length != length => {
            return refuse(
                StatusCode::CONFLICT,
                r#"{"error":"this attachment was announced with another length"}"#,
            )
        }
        Some(_) => {}
        None => match ctx
            .store
            .put_once(&format!("{dir}/length-{length}"), bytes::Bytes::new())
            .await
        {
            Ok(_) | Err(PutError::Conflict) => {}
            Err(PutError::Full) => {
                return tus(json(
                    StatusCode::INSUFFICIENT_STORAGE,
                    r#"{"error":"the intake is full, retry later"}"#,
                ))
            }
            Err(PutError::Unavailable(kind)) => {
                log(&format!("store error: {kind}"));
                return tus(busy("could not reach the store, retry later"));
            }
        },
    }
    let mut r = empty(StatusCode::CREATED);
    let location = format!("{UPLOADS_PATH}/{report}/{attachment}");
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&location).expect("ids are ASCII"),
    );
    r
}

/// The upload a path names, with its state; the answer to send when there is none.
async fn find(
    ctx: &ServeState,
    report: &str,
    attachment: &str,
) -> Result<(String, UploadState), Box<Response>> {
    let (Some(report), Some(attachment)) = (ReportId::parse(report), ReportId::parse(attachment))
    else {
        return Err(Box::new(empty(StatusCode::NOT_FOUND)));
    };
    let dir = attachment_dir(&report, &attachment);
    match state(&ctx.store, &dir).await {
        Ok(Some(s)) => Ok((dir, s)),
        Ok(None) => Err(Box::new(empty(StatusCode::NOT_FOUND))),
        Err(e) if e.contains("two lengths") => Err(Box::new(tus(json(
            StatusCode::CONFLICT,
            r#"{"error":"this attachment was announced with two lengths"}"#,
        )))),
        Err(_) => {
            log("store error: cannot list an upload");
            Err(Box::new(tus(busy(
                "could not reach the store, retry later",
            ))))
        }
    }
}

/// `HEAD`: how far the upload got.
pub async fn head(
    State(ctx): State<Arc<ServeState>>,
    Path((report, attachment)): Path<(String, String)>,
) -> Response {
    match find(&ctx, &report, &attachment).await {
        Ok((_, s)) => {
            let mut r = with_offset(empty(StatusCode::OK), s.offset);
            r.headers_mut()
                .insert("upload-length", HeaderValue::from(s.length));
            r
        }
        Err(r) => *r,
    }
}

/// `PATCH`: appends one piece at the server's offset.
pub async fn patch(
    State(ctx): State<Arc<ServeState>>,
    Path((report, attachment)): Path<(String, String)>,
    req: Request,
) -> Response {
    if let Some(r) = wrong_version(&req) {
        return r;
    }
    let client = client_ip(&ctx, &req);
    let refuse = |status, body: &str| tus(refuse_with(&ctx, client, status, body));
    if header_str(req.headers(), "content-type") != Some("application/offset+octet-stream") {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            r#"{"error":"Content-Type must be application/offset+octet-stream"}"#,
        );
    }
    let Some(offset) =
        header_str(req.headers(), "upload-offset").and_then(|v| v.trim().parse::<u64>().ok())
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            r#"{"error":"Upload-Offset is required"}"#,
        );
    };
    let (dir, s) = match find(&ctx, &report, &attachment).await {
        Ok(found) => found,
        Err(r) => {
            ctx.limiter.allow(client, Charge::Refused, Instant::now());
            return *r;
        }
    };
    if offset != s.offset {
        // The phone asks `HEAD` and goes on from the server's offset.
        return with_offset(
            refuse(
                StatusCode::CONFLICT,
                r#"{"error":"Upload-Offset is not the server's"}"#,
            ),
            s.offset,
        );
    }
    let Ok(_budget) = ctx
        .body_bytes
        .clone()
        .try_acquire_many_owned((MAX_PIECE / 1024) as u32)
    else {
        return tus(busy("server busy, retry shortly"));
    };
    let piece = match read_body(req, MAX_PIECE).await {
        Ok(piece) => piece,
        Err(BodyError::TooLarge) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                r#"{"error":"piece too large"}"#,
            )
        }
        Err(BodyError::Unreadable) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                r#"{"error":"could not read the request body"}"#,
            )
        }
    };
    if piece.is_empty() {
        return with_offset(empty(StatusCode::NO_CONTENT), s.offset);
    }
    if offset + piece.len() as u64 > s.length {
        return refuse(
            StatusCode::BAD_REQUEST,
            r#"{"error":"more bytes than Upload-Length"}"#,
        );
    }
    if offset == 0 {
        if let Err(e) = crate::agefile::check_start(&piece, s.length, ctx.max_stanzas) {
            return refuse(
                StatusCode::BAD_REQUEST,
                &format!(r#"{{"error":"attachment is not age-encrypted: {e}"}}"#),
            );
        }
    }
    let len = piece.len() as u64;
    match ctx.store.put_once(&piece_name(&dir, offset), piece).await {
        Ok(_) => with_offset(empty(StatusCode::NO_CONTENT), offset + len),
        Err(PutError::Conflict) => with_offset(
            refuse(
                StatusCode::CONFLICT,
                r#"{"error":"another piece was stored at this offset"}"#,
            ),
            offset,
        ),
        Err(PutError::Full) => tus(json(
            StatusCode::INSUFFICIENT_STORAGE,
            r#"{"error":"the intake is full, retry later"}"#,
        )),
        Err(PutError::Unavailable(kind)) => {
            log(&format!("store error: {kind}"));
            tus(busy("could not store the piece, retry later"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_names_both_ids() {
        let r = ReportId::from_random([1; 16]);
        let a = ReportId::from_random([2; 16]);
        let b64 = |s: String| sijil_core::base64::encode(s.as_bytes());
        let v = format!(
            "filetype aW1hZ2U=,report {},attachment {}",
            b64(r.to_string()),
            b64(a.to_string())
        );
        assert_eq!(metadata_ids(&v), Some((r, a)));
        assert_eq!(
            metadata_ids(&format!("report {}", b64(r.to_string()))),
            None
        );
        assert_eq!(metadata_ids("report !!!,attachment x"), None);
        assert_eq!(
            metadata_ids(&format!(
                "report {},attachment {}",
                b64("x".into()),
                b64(a.to_string())
            )),
            None
        );
    }
}
