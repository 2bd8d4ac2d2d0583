//! `GET /ws`: the WebSocket upgrade. Before upgrading it checks the page's origin and how many
//! sockets the client address already holds, and refuses with a JSON error when either is
//! off, so a refused browser or script learns why.
//!
//! The upgrade is done here with tokio-tungstenite rather than axum's `WebSocket`, because a
//! session must be able to reach the raw socket: after a read error tungstenite ends the
//! stream, and the client's unread bytes must still be drained so the close frame that says
//! why (1009, 1007, 1002) is not lost to a TCP reset.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;
use talkoot_shared::http::ApiErrorCode;
use tokio_tungstenite::WebSocketStream;
use tungstenite::handshake::server::create_response;
use tungstenite::protocol::{Role, WebSocketConfig};

use super::ApiFailure;
use super::client_address::client_address;
use crate::AppState;
use crate::limits::{
    MAX_MESSAGE_BYTES, MAX_WRITE_BUFFER_BYTES, READ_BUFFER_BYTES, WRITE_BUFFER_BYTES,
};

pub async fn upgrade(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (mut parts, _) = request.into_parts();
    // tungstenite checks the handshake headers and makes the 101 answer.
    let mut probe = axum::http::Request::new(());
    *probe.method_mut() = parts.method.clone();
    *probe.version_mut() = parts.version;
    *probe.headers_mut() = parts.headers.clone();
    let switching = match create_response(&probe) {
        Ok(response) => response,
        Err(e) => {
            return ApiFailure::new(
                StatusCode::BAD_REQUEST,
                ApiErrorCode::InvalidRequest,
                format!("this endpoint takes a WebSocket upgrade: {e}"),
            )
            .into_response();
        }
    };
    let Some(on_upgrade) = parts.extensions.remove::<OnUpgrade>() else {
        return ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ApiErrorCode::InvalidRequest,
            "this connection cannot be upgraded to a WebSocket",
        )
        .into_response();
    };
    let headers = &parts.headers;
    if state.shutdown.is_cancelled() {
        return ApiFailure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiErrorCode::Unavailable,
            "the server is restarting; try again shortly",
        )
        .into_response();
    }
    if !state.origins.allows(headers) {
        return ApiFailure::new(
            StatusCode::FORBIDDEN,
            ApiErrorCode::ForbiddenOrigin,
            "pages from this origin may not connect; see --allowed-origins",
        )
        .into_response();
    }
    let address = client_address(peer, headers, state.trust_forwarded_for);
    let Some(slot) = state.connections.try_open(address) else {
        tracing::debug!(%address, "connection refused: too many from this address");
        let max = state.connections.max_per_address();
        return ApiFailure::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorCode::TooManyConnections,
            format!("at most {max} connections from one address"),
        )
        .into_response();
    };
    let session = state.sessions.token();
    tokio::spawn(async move {
        let upgraded = match on_upgrade.await {
            Ok(upgraded) => upgraded,
            Err(e) => {
                tracing::debug!(error = %e, "websocket upgrade failed");
                return;
            }
        };
        let socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config()))
                .await;
        crate::session::run(socket, state, slot).await;
        drop(session);
    });
    switching.map(|()| Body::empty())
}

fn config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES)
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES))
}
