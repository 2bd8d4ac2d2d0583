//! One HTTP/1.1 connection, served by hyper until it closes or upgrades to a WebSocket.
//!
//! hyper enforces the header-read timeout, and since hyper 1.x starts that timer whenever a
//! connection waits for a request, it also bounds an idle keep-alive connection. The idle
//! timeout here counts bytes instead: a connection that moves none for that long is asked to
//! close (at once between requests, after its response in the middle of one), and one still
//! stuck after as long again, such as an upload that stopped halfway, is dropped.

use std::net::SocketAddr;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use talkoot_shared::http::ApiErrorCode;
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use super::tracked_stream::TrackedStream;
use crate::connection_limit::ConnectionSlot;
use crate::http::ApiFailure;

#[derive(Debug, Clone, Copy)]
pub struct ConnectionTimeouts {
    pub header_read: Duration,
    pub idle: Duration,
    /// One request, from its head to its answer; its body is read in there.
    pub request: Duration,
}

pub async fn serve(
    stream: TcpStream,
    slot: Option<ConnectionSlot>,
    peer: SocketAddr,
    app: Router,
    timeouts: ConnectionTimeouts,
    shutdown: CancellationToken,
) {
    // An edit's `applied` is one small write per socket, often right behind another: with
    // Nagle's algorithm on, it waits for the peer's (delayed) ACK of the one before, ~40 ms.
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(%peer, error = %e, "could not turn off Nagle's algorithm");
    }
    let (stream, activity) = TrackedStream::new(stream, slot);
    let request_timeout = timeouts.request;
    let service = service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        let answer = app.clone().oneshot(request);
        async move {
            match tokio::time::timeout(request_timeout, answer).await {
                Ok(answered) => answered,
                Err(_) => {
                    tracing::debug!(%peer, "HTTP request timed out");
                    Ok(timed_out(request_timeout))
                }
            }
        }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read);
    let mut connection = pin!(
        builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades()
    );
    let mut shutting_down = false;
    // Since when the connection has been asked to close for idling.
    let mut asked_to_close: Option<Instant> = None;
    loop {
        let quiet_since =
            asked_to_close.map_or(activity.last(), |asked| asked.max(activity.last()));
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%peer, %error, "HTTP connection closed");
                }
                return;
            }
            () = shutdown.cancelled(), if !shutting_down => {
                shutting_down = true;
                connection.as_mut().graceful_shutdown();
            }
            () = tokio::time::sleep_until(quiet_since + timeouts.idle) => {
                if activity.last() > quiet_since {
                    continue;
                }
                if asked_to_close.is_some() {
                    tracing::debug!(%peer, "HTTP connection dropped: stalled in a request");
                    return;
                }
                asked_to_close = Some(Instant::now());
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

/// `408` for a request that took too long; the connection closes after it, since the rest of
/// the request may still be on its way.
fn timed_out(after: Duration) -> Response {
    let mut response = ApiFailure::new(
        StatusCode::REQUEST_TIMEOUT,
        ApiErrorCode::InvalidRequest,
        format!("the request took longer than {} s", after.as_secs()),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
