//! The connection layer of `sijil serve`: tokio accepts, hyper speaks HTTP/1.1 (its parser
//! refuses duplicate or signed `Content-Length`, a second `Transfer-Encoding` and folded
//! headers), keep-alive included.
//!
//! Every client is untrusted, so every connection is bounded in time, not per read:
//! - the request head must be complete within [`HEAD_DEADLINE`] of the connection (or the end
//!   of the previous answer) being ready to read (hyper's `header_read_timeout`): a client
//!   sending one byte every few seconds, or idling on a kept-alive connection, is let go;
//! - a request's whole handling, body included, has [`REQUEST_DEADLINE`] (a tower timeout in
//!   [`crate::serve`]);
//! - a connection lives at most [`CONNECTION_LIFETIME`]; then it is asked to close after its
//!   current answer, and dropped [`DRAIN`] later whatever it is doing (a client that reads its
//!   answer one byte at a time included).
//!
//! Nothing slow runs on the accept path: a connection over [`MAX_CONNECTIONS`] gets a canned
//! 503 written without waiting (or nothing, if the socket is not writable) and is closed.
//! Each connection is a tokio task, so a page's simultaneous requests never wait for a thread
//! (the invariant the old thread-per-connection server had to keep by closing every connection).
//!
//! Shutdown (SIGTERM or Ctrl-C): stop accepting, ask every connection to close after the
//! request it is handling, wait up to [`DRAIN`] for them, so a report being stored is answered.

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(30);
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
pub const DRAIN: Duration = Duration::from_secs(30);
pub const MAX_CONNECTIONS: u32 = 4096;
/// Largest request head (hyper answers 431 beyond it).
pub const MAX_HEAD: usize = 16 * 1024;

/// The client's TCP address, put in every request's extensions for the rate limiter (which
/// keeps only a salted hash of it). Never logged.
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

/// Serves `app` on `listener` until SIGTERM or Ctrl-C, then drains.
pub async fn serve(listener: TcpListener, app: axum::Router) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS as usize));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_DEADLINE)
        .keep_alive(true)
        // `Content-Type`, not `content-type`: what the hand-written server sent, and what
        // simple clients and the tests match.
        .title_case_headers(true)
        .max_header_size(MAX_HEAD)
        .max_headers(64);
    let builder = Arc::new(builder);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            let _ = stream.try_write(
                b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            continue;
        };
        let _ = stream.set_nodelay(true);
        let svc = tower::ServiceBuilder::new()
            .map_request(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(Peer(peer));
                req
            })
            .service(app.clone());
        let (builder, mut stop) = (builder.clone(), stop_rx.clone());
        tokio::spawn(async move {
            let conn =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc));
            tokio::pin!(conn);
            let lifetime = tokio::time::sleep(CONNECTION_LIFETIME);
            tokio::select! {
                _ = conn.as_mut() => { drop(slot); return; }
                () = lifetime => {}
                _ = stop.wait_for(|s| *s) => {}
            }
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(DRAIN, conn).await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection gives its slot back when it ends: having them all means none is left.
    let _ = tokio::time::timeout(DRAIN, slots.acquire_many(MAX_CONNECTIONS)).await;
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
