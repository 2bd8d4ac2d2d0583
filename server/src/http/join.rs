//! `POST /api/join`: a join code and an optional name in, a participant token out.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use talkoot_shared::apply::check_name;
use talkoot_shared::http::{ApiErrorCode, JoinBoard, Joined};
use talkoot_shared::{Actor, ParticipantId, Role};

use super::ApiFailure;
use super::boards::{invalid_field, new_id};
use crate::AppState;
use crate::clock::now_ms;
use crate::secret::{JOIN_CODE_DIGITS, SecretKind, hash_secret, new_secret, normalize_join_code};

pub async fn join(
    State(state): State<AppState>,
    body: Result<Json<JoinBoard>, JsonRejection>,
) -> Result<Json<Joined>, ApiFailure> {
    let Json(req) = body?;
    let code = normalize_join_code(&req.code).ok_or_else(|| {
        let msg = format!("a join code is {JOIN_CODE_DIGITS} digits");
        ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiErrorCode::InvalidField,
            msg,
        )
    })?;
    let name = req
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if let Some(name) = &name {
        check_name(name).map_err(invalid_field)?;
    }
    let board_id = state.store.board_by_code(&code).await?.ok_or_else(|| {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            ApiErrorCode::UnknownCode,
            "no workshop has this code",
        )
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
