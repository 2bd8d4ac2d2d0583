//! `GET /api/instance`: what the web app needs to know about this server, today the address
//! phones join at, so the facilitator's screen can say "join at …" with the right one.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use talkoot_shared::http::InstanceInfo;

use crate::AppState;

pub async fn instance(State(state): State<AppState>) -> impl IntoResponse {
    let info = InstanceInfo {
        public_url: state
            .public_url
            .as_ref()
            .map(|url| url.as_str().to_string()),
    };
    // A restart with another `--public-url` must show at the next page load.
    ([(header::CACHE_CONTROL, "no-cache")], Json(info))
}
