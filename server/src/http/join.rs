//! `POST /api/join`: a join code and an optional name in, a participant token out. Wrong codes
//! count against the client address (see `join_throttle`), so codes cannot be guessed at speed.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use talkoot_shared::apply::check_name;
use talkoot_shared::blank::is_blank;
use talkoot_shared::http::{ApiErrorCode, JoinBoard, Joined};
use talkoot_shared::{Actor, ParticipantId, Role};

use super::ApiFailure;
use super::boards::{invalid_field, new_id};
use super::client_address::client_address;
use crate::AppState;
use crate::clock::now_ms;
use crate::secret::{JOIN_CODE_DIGITS, SecretKind, hash_secret, new_secret, normalize_join_code};
use crate::store::StoreError;

/// `Retry-After` for a throttle that never refills (a rate of 0 per minute).
const RETRY_MUCH_LATER: Duration = Duration::from_secs(3600);

pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<JoinBoard>, JsonRejection>,
) -> Result<Json<Joined>, ApiFailure> {
    let address = client_address(peer, &headers, state.trust_forwarded_for);
    let attempt = state
        .join_throttle
        .attempt(address, Instant::now())
        .map_err(|wait| {
            tracing::debug!(%address, "join refused: too many wrong codes from this address");
            ApiFailure::rate_limited(
                wait.unwrap_or(RETRY_MUCH_LATER),
                "too many wrong join codes from this address; try again later",
            )
        })?;
    // Every early return below that is not a wrong code drops `attempt`, which refunds it.
    let Json(req) = body?;
    let Some(code) = normalize_join_code(&req.code) else {
        attempt.counts();
        return Err(ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiErrorCode::InvalidField,
            format!("a join code is {JOIN_CODE_DIGITS} digits"),
        ));
    };
    let name = req
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !is_blank(n));
    if let Some(name) = &name {
        check_name(name).map_err(invalid_field)?;
    }
    let Some(board_id) = state.store.board_by_code(&code).await? else {
        attempt.counts();
        return Err(unknown_code());
    };
    // A right code: its charge goes back now, not after the slower write below.
    drop(attempt);
    let actor = Actor {
        participant: new_id::<ParticipantId>()?,
        role: Role::Participant,
        name,
    };
    let token = new_secret(SecretKind::ParticipantToken)?;
    match state
        .store
        .add_holder(&board_id, &actor, &hash_secret(&token), now_ms())
        .await
    {
        Ok(()) => {}
        // The board was deleted since its code was looked up: the code opens nothing now.
        Err(StoreError::NoSuchBoard) => return Err(unknown_code()),
        Err(e) => return Err(e.into()),
    }
    Ok(Json(Joined {
        board_id,
        participant_id: actor.participant,
        token,
    }))
}

fn unknown_code() -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        ApiErrorCode::UnknownCode,
        "no workshop has this code",
    )
}
