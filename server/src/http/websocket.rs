//! `GET /ws`: the WebSocket upgrade. Before upgrading it checks the page's origin and how many
//! sockets the client address already holds, and refuses with a JSON error when either is
//! off, so a refused browser or script learns why.

use std::net::SocketAddr;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use talkoot_shared::http::ApiErrorCode;

use super::ApiFailure;
use super::client_address::client_address;
use crate::AppState;
use crate::limits::{
    MAX_MESSAGE_BYTES, MAX_WRITE_BUFFER_BYTES, READ_BUFFER_BYTES, WRITE_BUFFER_BYTES,
};

pub async fn upgrade(
    upgrade: WebSocketUpgrade,
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if state.shutdown.is_cancelled() {
        return ApiFailure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiErrorCode::Unavailable,
            "the server is restarting; try again shortly",
        )
        .into_response();
    }
    if !state.origins.allows(&headers) {
        return ApiFailure::new(
            StatusCode::FORBIDDEN,
            ApiErrorCode::ForbiddenOrigin,
            "pages from this origin may not connect; see --allowed-origins",
        )
        .into_response();
    }
    let address = client_address(peer, &headers, state.trust_forwarded_for);
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
    upgrade
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            crate::session::run(socket, state, slot).await;
            drop(session);
        })
}
