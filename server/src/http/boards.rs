//! `POST /api/boards` creates a workshop board; `GET /api/boards/{id}` returns a snapshot.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use talkoot_shared::http::{ApiErrorCode, BoardCreated, CreateBoard, Snapshot};
use talkoot_shared::limits::{MAX_PHASES, MAX_SECTIONS};
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Actor, BoardId, ParticipantId, PhaseId, Role, SectionId};
use uuid::Uuid;

use super::ApiFailure;
use super::board_holder::board_holder;
use crate::AppState;
use crate::clock::now_ms;
use crate::secret::{SecretKind, hash_secret, new_join_code, new_secret};
use crate::store::{NewBoard, StoreError};

/// Join codes are random; a collision just means drawing again.
const JOIN_CODE_ATTEMPTS: usize = 8;

pub fn new_id<T: TryFrom<String>>() -> Result<T, ApiFailure> {
    T::try_from(Uuid::now_v7().to_string())
        .map_err(|_| ApiFailure::unavailable(&"a generated UUID was not a valid id"))
}

pub fn invalid_field(reason: RejectReason) -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ApiErrorCode::InvalidField,
        reason.to_string(),
    )
}

pub async fn create(
    State(state): State<AppState>,
    body: Result<Json<CreateBoard>, JsonRejection>,
) -> Result<(StatusCode, Json<BoardCreated>), ApiFailure> {
    let Json(req) = body?;
    let facilitator = Actor {
        participant: new_id::<ParticipantId>()?,
        role: Role::Facilitator,
        name: None,
    };
    let projector = Actor {
        participant: new_id::<ParticipantId>()?,
        role: Role::Projector,
        name: None,
    };
    // One id more than a board may hold is enough for the build to refuse a list that is too
    // long, without minting an id for every item of a huge body.
    let section_ids = (0..req.sections.len().min(MAX_SECTIONS + 1))
        .map(|_| new_id::<SectionId>())
        .collect::<Result<Vec<_>, _>>()?;
    let phase_ids = (0..req.phase_count().min(MAX_PHASES + 1))
        .map(|_| new_id::<PhaseId>())
        .collect::<Result<Vec<_>, _>>()?;
    let board = req
        .build(new_id::<BoardId>()?, &facilitator, section_ids, phase_ids)
        .map_err(invalid_field)?;

    let facilitator_key = new_secret(SecretKind::FacilitatorKey)?;
    let key_hash = hash_secret(&facilitator_key);
    let projector_key = new_secret(SecretKind::ProjectorKey)?;
    let projector_key_hash = hash_secret(&projector_key);
    let at = now_ms();
    for _ in 0..JOIN_CODE_ATTEMPTS {
        let join_code = new_join_code()?;
        let new = NewBoard {
            board: &board,
            join_code: &join_code,
            facilitator: &facilitator,
            facilitator_key_hash: &key_hash,
            projector: &projector,
            projector_key_hash: &projector_key_hash,
            at,
        };
        match state.store.create_board(new).await {
            Ok(()) => {
                tracing::info!(board = %board.id, "board created");
                let created = BoardCreated {
                    board_id: board.id,
                    join_code,
                    facilitator_key,
                    projector_key,
                    participant_id: facilitator.participant,
                };
                return Ok((StatusCode::CREATED, Json(created)));
            }
            Err(StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiFailure::unavailable(
        &"no free join code after several attempts",
    ))
}

pub async fn snapshot(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Snapshot>, ApiFailure> {
    let (board_id, holder) = board_holder(&state, board_id, &headers).await?;
    let at = state.rooms.snapshot(&board_id).await?;
    Ok(Json(Snapshot {
        seq: at.seq,
        role: holder.actor.role,
        join_code: at.join_code,
        board: at.board.as_seen_by(&holder.actor.viewer()),
    }))
}
