//! `GET /metrics`: the server's counters in Prometheus text format. Counts only, no board ids
//! or names, so it can sit beside `/api/health` without leaking anything.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::AppState;
use crate::metrics;

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let rooms = state.rooms.loaded() as u64;
    let body = metrics::render(&[("talkoot_rooms_loaded", "Boards held in memory.", rooms)]);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
}
