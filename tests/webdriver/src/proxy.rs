//! The browser's way to the real `sijil serve`: a transparent HTTP proxy on its own loopback
//! port, which the tests can switch off and on ("offline": every request and every kept-alive
//! connection is dropped, as when the phone loses its network) and which adds one
//! same-origin `<script src>` to every HTML page: the error probe (`probe.js`).
//!
//! Why a probe: WebDriver classic has no console API in WebKit or Firefox, so a console error or
//! an uncaught exception would pass unseen. The probe is a file of this origin, so the pages'
//! Content-Security-Policy (`script-src 'self'` plus hashes) runs it unchanged, before the app.
//! Why a proxy for offline: neither WebKitWebDriver nor geckodriver can take a browser offline;
//! a dropped connection is what a phone's fetch sees when its network is gone.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::net::TcpListener;

/// The probe's path on the app's origin (answered by the proxy, never by the server).
pub const PROBE_PATH: &str = "/__sijil-probe.js";
const PROBE: &str = include_str!("probe.js");

#[derive(Clone)]
pub struct Proxy {
    pub url: String,
    online: Arc<AtomicBool>,
}

impl Proxy {
    /// Binds a free loopback port (before the server starts, so the server can be told this
    /// origin with `--origin`). `start` then forwards to the server.
    pub async fn bind() -> Result<(TcpListener, String), String> {
        let l = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("proxy bind: {e}"))?;
        let addr = l.local_addr().map_err(|e| e.to_string())?;
        Ok((l, format!("http://{addr}")))
    }

    pub fn start(listener: TcpListener, url: String, upstream: String) -> Proxy {
        let online = Arc::new(AtomicBool::new(true));
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(TokioExecutor::new()).build_http();
        let (on, up) = (online.clone(), upstream);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                if !on.load(Ordering::SeqCst) {
                    drop(stream); // offline: the connection closes before any answer
                    continue;
                }
                let (client, on, up) = (client.clone(), on.clone(), up.clone());
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| {
                        forward(client.clone(), on.clone(), up.clone(), req)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        Proxy { url, online }
    }

    pub fn set_online(&self, on: bool) {
        self.online.store(on, Ordering::SeqCst);
    }
}

async fn forward(
    client: Client<HttpConnector, Full<Bytes>>,
    online: Arc<AtomicBool>,
    upstream: String,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, String> {
    // Offline: an error here makes hyper close the connection without an answer.
    if !online.load(Ordering::SeqCst) {
        return Err("offline".into());
    }
    if req.uri().path() == PROBE_PATH {
        return Ok(Response::builder()
            .header("content-type", "text/javascript; charset=utf-8")
            .header("cache-control", "no-store")
            .body(Full::new(Bytes::from_static(PROBE.as_bytes())))
            .expect("static response"));
    }
    let (mut parts, body) = req.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    parts.uri = format!("{upstream}{path}")
        .parse()
        .map_err(|e| format!("{e}"))?;
    // Uncompressed answers, so the probe can be added to pages (the server serves .br/.gz).
    parts.headers.remove("accept-encoding");
    let resp = client
        .request(Request::from_parts(parts, Full::new(body)))
        .await
        .map_err(|e| e.to_string())?;
    let (mut parts, body) = resp.into_parts();
    let mut body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    if !online.load(Ordering::SeqCst) {
        return Err("offline".into());
    }
    let html = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        let text = String::from_utf8_lossy(&body);
        // Trunk's minified pages have no `<head>` tag: right after the charset, before any
        // script of the page.
        let after = |tag: &str| {
            text.find(tag)
                .and_then(|i| text[i..].find('>').map(|j| i + j + 1))
        };
        if let Some(at) = after("<meta charset").or_else(|| after("<head")) {
            let page = format!(
                "{}<script src=\"{PROBE_PATH}\"></script>{}",
                &text[..at],
                &text[at..]
            );
            body = Bytes::from(page);
            parts.headers.remove("content-length");
            // Validators describe the unprobed file; never let the browser revalidate into it.
            parts.headers.remove("etag");
            parts.headers.remove("last-modified");
        }
    }
    Ok(Response::from_parts(parts, Full::new(body)))
}
