//! The HTTP side: the JSON API, the WebSocket upgrade and the embedded web app.

mod assets;
mod bearer;
mod board_deletion;
mod board_holder;
mod boards;
pub mod client_address;
mod error;
mod export;
mod feedback;
pub mod feedback_throttle;
mod health;
mod instance;
mod join;
pub mod join_throttle;
mod keys;
mod metrics;
pub mod origin;
mod qr;
pub mod request_base;
mod security_headers;
mod series;
mod templates;
mod websocket;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{any, delete, get, post};

use crate::AppState;
use crate::limits::MAX_HTTP_BODY_BYTES;
pub use error::ApiFailure;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/boards", post(boards::create))
        .route(
            "/boards/{board_id}",
            get(boards::snapshot).delete(board_deletion::delete),
        )
        .route("/boards/{board_id}/export", get(export::export))
        .route(
            "/boards/{board_id}/next-part",
            post(series::start_next_part),
        )
        .route(
            "/boards/{board_id}/previous-part/export",
            get(series::previous_part_export),
        )
        .route(
            "/boards/{board_id}/facilitator-keys",
            get(keys::list).post(keys::mint),
        )
        .route(
            "/boards/{board_id}/facilitator-keys/{participant_id}",
            delete(keys::revoke),
        )
        .route(
            "/boards/{board_id}/projector-key",
            post(keys::new_projector_key),
        )
        .route(
            "/boards/{board_id}/feedback",
            get(feedback::summary).put(feedback::answer),
        )
        .route("/boards/{board_id}/feedback/mine", get(feedback::mine))
        .route("/join", post(join::join))
        .route("/health", get(health::health))
        .route("/instance", get(instance::instance))
        .route("/qr/join.svg", get(qr::join_svg))
        .route("/templates", get(templates::list))
        .method_not_allowed_fallback(error::method_not_allowed)
        .fallback(any(error::not_found));
    Router::new()
        .nest("/api", api)
        // `nest` leaves `/api/` itself to the outer fallback, the web app.
        .route("/api/", any(error::not_found))
        .route("/ws", get(websocket::upgrade))
        .route("/metrics", get(metrics::metrics))
        .method_not_allowed_fallback(error::method_not_allowed)
        .fallback(get(assets::serve))
        .layer(DefaultBodyLimit::max(MAX_HTTP_BODY_BYTES))
        .layer(axum::middleware::from_fn(security_headers::add))
        .with_state(state)
}
