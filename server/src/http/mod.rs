//! The HTTP side: the JSON API, the WebSocket upgrade and the embedded web app.

mod assets;
mod boards;
mod error;
mod health;
mod join;
mod security_headers;

use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::Response;
use axum::routing::{any, get, post};

use crate::AppState;
use crate::limits::{
    MAX_HTTP_BODY_BYTES, MAX_MESSAGE_BYTES, MAX_WRITE_BUFFER_BYTES, READ_BUFFER_BYTES,
    WRITE_BUFFER_BYTES,
};
pub use error::ApiFailure;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/boards", post(boards::create))
        .route("/boards/{board_id}", get(boards::snapshot))
        .route("/join", post(join::join))
        .route("/health", get(health::health))
        .fallback(any(error::not_found));
    Router::new()
        .nest("/api", api)
        .route("/ws", get(websocket))
        .fallback(get(assets::serve))
        .layer(DefaultBodyLimit::max(MAX_HTTP_BODY_BYTES))
        .layer(axum::middleware::from_fn(security_headers::add))
        .with_state(state)
}

async fn websocket(upgrade: WebSocketUpgrade, State(state): State<AppState>) -> Response {
    upgrade
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| crate::session::run(socket, state))
}
