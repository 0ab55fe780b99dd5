//! The app's files: which file a URL names, and the headers that file is sent with. Reading,
//! precompressed `.br`/`.gz` siblings (by `Accept-Encoding`, `q=0` honoured), `HEAD`, ranges
//! and `If-Modified-Since` are tower-http's `ServeFile`.
//!
//! A URL maps to a file inside `--dist` only (no `..`, no encoded separators, and no symlink
//! that resolves outside it); `/data/feed.json` and `/config.json` may be overridden by
//! `--feed`/`--config`. App routes without an extension (`/embed`, `/form/step`) are pages of
//! the site's or the form's single-page app. HTML pages get their Content-Security-Policy
//! ([`crate::csp`]); hashed build assets are cached for a year, everything else revalidated.

use crate::serve::{json, method_not_allowed, ServeState};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

pub async fn serve_file(State(ctx): State<Arc<ServeState>>, req: Request) -> Response {
    if !crate::serve::is_read(req.method()) {
        return method_not_allowed();
    }
    let Some(rel) = safe_relative(req.uri().path()) else {
        return json(StatusCode::BAD_REQUEST, r#"{"error":"bad path"}"#);
    };
    if let Some(month) = crate::report_page::month_of(&rel) {
        return crate::report_page::reply(&ctx, month, req.uri().query().unwrap_or("")).await;
    }
    if let Some(page) = crate::card::page_of(&rel) {
        return crate::card::reply(&ctx, page, req.uri().query().unwrap_or("")).await;
    }
    let Some(file) = resolve(&ctx, &rel) else {
        return missing(&rel);
    };
    let br = accepts_br(req.headers());
    if let Some(reply) = widget_page(&ctx, &file, req.uri().query().unwrap_or(""), br).await {
        return reply;
    }
    let served = tower_http::services::ServeFile::new(&file)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await;
    let Ok(reply) = served;
    if reply.status() == StatusCode::NOT_FOUND {
        return missing(&rel);
    }
    let mut reply = reply.map(Body::new);
    let h = reply.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&file)),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&file)),
    );
    h.entry(header::VARY)
        .or_insert(HeaderValue::from_static("accept-encoding"));
    if file.extension().is_some_and(|e| e == "html") {
        let html = tokio::fs::read_to_string(&file).await.unwrap_or_default();
        let embeddable = file.starts_with(ctx.dist_root.join("widget"));
        let policy = crate::csp::policy(&html, &ctx.connect, embeddable);
        if let Ok(v) = HeaderValue::from_str(&policy) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    reply
}

/// The feed file the config names, when that is a path on this site (not `//host/…`, not a
/// URL: another host's feed is not read here).
pub async fn site_feed(ctx: &ServeState) -> Option<PathBuf> {
    let config = resolve(ctx, Path::new("config.json"))?;
    let config = sijil_report::config::parse_config(&tokio::fs::read(&config).await.ok()?).ok()?;
    let feed_path = config.feed_url.split(['?', '#']).next()?;
    if !feed_path.starts_with('/') || feed_path.starts_with("//") {
        return None;
    }
    resolve(ctx, &safe_relative(feed_path)?)
}

/// What a page rendered from `path` depends on: its size, time and name (a new feed or build
/// is a new version).
pub fn version(path: &Path) -> Option<String> {
    let m = std::fs::metadata(path).ok()?;
    Some(format!(
        "{}{:?}{}",
        m.len(),
        m.modified().ok(),
        path.display()
    ))
}

/// A widget page (`widget/{page}/index.html`) with the widget drawn in it for readers without
/// JavaScript ([`crate::widget_page`]), when the config's feed is a file of this site; `None`
/// (the page as built) otherwise. `br`: compressed with brotli.
async fn widget_page(
    ctx: &Arc<ServeState>,
    file: &Path,
    query: &str,
    br: bool,
) -> Option<Response> {
    let page = file
        .strip_prefix(ctx.dist_root.join("widget"))
        .ok()?
        .to_str()?
        .strip_suffix("/index.html")?
        .to_owned();
    let feed = site_feed(ctx).await?;
    let key = format!("{page}?{query}");
    let version = format!("{}{}", version(&feed)?, version(file)?);
    let html = match crate::widget_page::cached(&key, &version) {
        Some(html) => html,
        None => {
            let template = tokio::fs::read_to_string(file).await.ok()?;
            let bytes = tokio::fs::read(&feed).await.ok()?;
            let query = query.to_owned();
            let own_origin = ctx.own_origin.clone();
            // The app's own default when the URL names no language (`browser::PageParams`).
            let lang = sijil_core::lang::Lang::default();
            let made = tokio::task::spawn_blocking(move || {
                let feed = sijil_core::feed::read_feed(&bytes).ok()?;
                let card = crate::card::url(&own_origin, &page, &feed, &query, lang);
                crate::widget_page::page(&template, &page, &bytes, &query, lang, card.as_deref())
            })
            .await
            .ok()??;
            crate::widget_page::remember(key, version, made)
        }
    };
    let mut reply = rendered(ctx, html.to_string(), true);
    // Brotli for a browser that takes it, as the built files are sent: the page carries its
    // chart, table and feed (tens of KB as text, a few as brotli), and on a slow line it shares
    // the bandwidth with the page's wasm.
    let h = reply.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(body) = brotli(&html).filter(|_| br) {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        *reply.body_mut() = Body::from(body);
    }
    Some(reply)
}

/// Whether the request's `Accept-Encoding` takes brotli (and not with `q=0`).
fn accepts_br(request: &axum::http::HeaderMap) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|e| {
            let mut parts = e.split(';').map(str::trim);
            parts.next() == Some("br") && !parts.any(|q| q.replace(' ', "") == "q=0")
        })
}

/// `text` brotli-compressed at a fast quality (5): every answer is compressed anew.
fn brotli(text: &str) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut out = Vec::with_capacity(text.len() / 4);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(text.as_bytes()).ok()?;
    }
    Some(out)
}

/// A page rendered here (not a file of `dist/`): HTML, revalidated, with its CSP.
pub fn rendered(ctx: &ServeState, html: String, embeddable: bool) -> Response {
    let policy = crate::csp::policy(&html, &ctx.connect, embeddable);
    let mut reply = Response::new(Body::from(html));
    let h = reply.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    reply
}

/// The answer for a file `dist` does not have. Browsers ask every top-level page's origin for
/// `/favicon.ico` by themselves; a site without one gets "no content" (cached for a day), not a
/// 404 that every reader's console reports as an error. A `favicon.ico` put in `dist` is served.
fn missing(rel: &Path) -> Response {
    if rel.as_os_str() != "favicon.ico" {
        return not_found();
    }
    let mut reply = StatusCode::NO_CONTENT.into_response();
    reply.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    reply
}

pub fn not_found() -> Response {
    json(StatusCode::NOT_FOUND, r#"{"error":"not found"}"#)
}

/// The file a relative URL path names (see the module doc), or None.
fn resolve(ctx: &ServeState, rel: &Path) -> Option<PathBuf> {
    if let (true, Some(feed)) = (rel.as_os_str() == "data/feed.json", &ctx.opts.feed) {
        return Some(feed.clone());
    }
    if rel.as_os_str() == "config.json" {
        if let Some(config) = &ctx.opts.config {
            return Some(config.clone());
        }
    }
    let candidate = ctx.dist_root.join(rel);
    let file = if candidate.is_file() {
        candidate
    } else if candidate.join("index.html").is_file() {
        candidate.join("index.html")
    } else if rel.extension().is_none() {
        let form = rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == "form");
        ctx.dist_root.join(if form {
            "form/index.html"
        } else {
            "index.html"
        })
    } else {
        return None;
    };
    // The file and the compressed siblings ServeFile may send instead must all stay inside.
    let inside = |p: &Path| match std::fs::canonicalize(p) {
        Ok(real) => real.starts_with(&ctx.dist_root),
        Err(_) => true, // absent: nothing to send
    };
    let sibling = |ext: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    (inside(&file) && inside(&sibling(".br")) && inside(&sibling(".gz"))).then_some(file)
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
