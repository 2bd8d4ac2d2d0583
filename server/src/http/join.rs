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

/// `Retry-After` for a throttle that never refills (a rate of 0 per minute).
const RETRY_MUCH_LATER: Duration = Duration::from_secs(3600);

/// Why a join failed: only a wrong (or malformed) code counts against the address.
enum Refusal {
    WrongCode(ApiFailure),
    Other(ApiFailure),
}

impl<E: Into<ApiFailure>> From<E> for Refusal {
    fn from(e: E) -> Self {
        Refusal::Other(e.into())
    }
}

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
    match join_with(&state, body).await {
        Ok(joined) => {
            attempt.refund();
            Ok(joined)
        }
        Err(Refusal::WrongCode(failure)) => Err(failure),
        Err(Refusal::Other(failure)) => {
            attempt.refund();
            Err(failure)
        }
    }
}

async fn join_with(
    state: &AppState,
    body: Result<Json<JoinBoard>, JsonRejection>,
) -> Result<Json<Joined>, Refusal> {
    let Json(req) = body?;
    let code = normalize_join_code(&req.code).ok_or_else(|| {
        let msg = format!("a join code is {JOIN_CODE_DIGITS} digits");
        Refusal::WrongCode(ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiErrorCode::InvalidField,
            msg,
        ))
    })?;
    let name = req
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !is_blank(n));
    if let Some(name) = &name {
        check_name(name).map_err(invalid_field)?;
    }
    let board_id = state.store.board_by_code(&code).await?.ok_or_else(|| {
        Refusal::WrongCode(ApiFailure::new(
            StatusCode::NOT_FOUND,
            ApiErrorCode::UnknownCode,
            "no workshop has this code",
        ))
    })?;
    let actor = Actor {
        participant: new_id::<ParticipantId>()?,
        role: Role::Participant,
        name,
    };
    let token = new_secret(SecretKind::ParticipantToken)?;
    state
        .store
        .add_holder(&board_id, &actor, &hash_secret(&token), now_ms())
        .await?;
    Ok(Json(Joined {
        board_id,
        participant_id: actor.participant,
        token,
    }))
}
