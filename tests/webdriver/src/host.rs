//! A host page of another site: a small HTTP server on loopback, reached as `localhost` (the app
//! is `127.0.0.1`, so for the browser this is another origin and another site), serving
//! whatever page a journey sets, with the headers it sets (a strict CSP). Also the neutral page
//! the form's quick exit leaves to.

use crate::page::Result;
use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use hyper_util::rt::TokioIo;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Content {
    html: String,
    csp: Option<String>,
}

pub struct Host {
    /// `http://localhost:PORT`
    pub other_site: String,
    content: Arc<Mutex<Content>>,
}

impl Host {
    pub async fn start() -> Result<Host> {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let port = l.local_addr().map_err(|e| e.to_string())?.port();
        let content = Arc::new(Mutex::new(Content::default()));
        let shared = content.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = l.accept().await {
                let shared = shared.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req: hyper::Request<_>| {
                        let c = shared.lock().expect("not poisoned").clone();
                        async move {
                            let body = if req.uri().path() == "/neutral" {
                                "<!doctype html><title>Neutral</title><p>neutral page".to_owned()
                            } else {
                                c.html
                            };
                            let mut r = Response::builder()
                                .header("content-type", "text/html; charset=utf-8")
                                .header("cache-control", "no-store");
                            if let Some(csp) = c.csp {
                                r = r.header("content-security-policy", csp);
                            }
                            r.body(Full::new(Bytes::from(body)))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        Ok(Host {
            other_site: format!("http://localhost:{port}"),
            content,
        })
    }

    /// The page served at every path but `/neutral`, with an optional CSP header.
    pub fn set(&self, html: String, csp: Option<String>) {
        *self.content.lock().expect("not poisoned") = Content { html, csp };
    }
}
