//! The HTTP server: accepts TCP connections, counts them per client address and serves each one
//! with hyper under a header-read and an idle timeout (`axum::serve` has neither). On shutdown it
//! stops accepting, lets every connection finish the request it is in, and returns once they
//! have all closed. A connection upgraded to a WebSocket is the session's from then on.

mod accept_errors;
mod connection;
mod tracked_stream;

use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::connection_limit::ConnectionCounts;
use crate::http::client_address::limit_key;
use accept_errors::AcceptErrors;
pub use connection::ConnectionTimeouts;

pub struct HttpOptions {
    pub timeouts: ConnectionTimeouts,
    /// Open TCP connections per peer address. `None` behind a trusted proxy: there every peer
    /// is the proxy, and WebSockets are counted by forwarded address when they upgrade instead.
    pub per_address: Option<Arc<ConnectionCounts>>,
}

/// Serves `app` on `listener` until `shutdown` is cancelled and every connection has closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    options: HttpOptions,
    shutdown: CancellationToken,
) {
    let connections = TaskTracker::new();
    let mut accept_errors = AcceptErrors::default();
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                if let Some(pause) = accept_errors.record(&e) {
                    tokio::select! {
                        () = shutdown.cancelled() => break,
                        () = tokio::time::sleep(pause) => {}
                    }
                }
                continue;
            }
        };
        let slot = match &options.per_address {
            None => None,
            Some(counts) => match counts.try_open(limit_key(peer.ip())) {
                Some(slot) => Some(slot),
                None => {
                    tracing::debug!(%peer, "connection closed: too many from this address");
                    drop(stream);
                    continue;
                }
            },
        };
        connections.spawn(connection::serve(
            stream,
            slot,
            peer,
            app.clone(),
            options.timeouts,
            shutdown.clone(),
        ));
    }
    drop(listener);
    connections.close();
    connections.wait().await;
}
