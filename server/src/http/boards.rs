//! `POST /api/boards` creates a workshop board; `GET /api/boards/{id}` returns a snapshot.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use talkoot_shared::http::{ApiErrorCode, BoardCreated, CreateBoard, Snapshot};
use talkoot_shared::limits::{MAX_PHASES, MAX_SECTIONS};
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Actor, Board, BoardId, ParticipantId, PhaseId, Role, SectionId};
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

/// `n` new ids.
pub fn new_ids<T: TryFrom<String>>(n: usize) -> Result<Vec<T>, ApiFailure> {
    (0..n).map(|_| new_id::<T>()).collect()
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
    let (facilitator, projector) = new_holders()?;
    // One id more than a board may hold is enough for the build to refuse a list that is too
    // long, without minting an id for every item of a huge body.
    let section_ids = new_ids::<SectionId>(req.sections.len().min(MAX_SECTIONS + 1))?;
    let phase_ids = new_ids::<PhaseId>(req.phase_count().min(MAX_PHASES + 1))?;
    let board = req
        .build(new_id::<BoardId>()?, &facilitator, section_ids, phase_ids)
        .map_err(invalid_field)?;

    let created = store_new_board(&state, &board, &facilitator, &projector).await?;
    tracing::info!(board = %board.id, "board created");
    Ok((StatusCode::CREATED, Json(created)))
}

/// Both a facilitator and a projector, new, for a board being made.
pub fn new_holders() -> Result<(Actor, Actor), ApiFailure> {
    let holder = |role| -> Result<Actor, ApiFailure> {
        Ok(Actor {
            participant: new_id::<ParticipantId>()?,
            role,
            name: None,
        })
    };
    Ok((holder(Role::Facilitator)?, holder(Role::Projector)?))
}

/// Stores a board just built, with new keys for its facilitator and projector and a free join
/// code; the answer to give its maker.
pub async fn store_new_board(
    state: &AppState,
    board: &Board,
    facilitator: &Actor,
    projector: &Actor,
) -> Result<BoardCreated, ApiFailure> {
    let facilitator_key = new_secret(SecretKind::FacilitatorKey)?;
    let key_hash = hash_secret(&facilitator_key);
    let projector_key = new_secret(SecretKind::ProjectorKey)?;
    let projector_key_hash = hash_secret(&projector_key);
    let at = now_ms();
    for _ in 0..JOIN_CODE_ATTEMPTS {
        let join_code = new_join_code()?;
        let new = NewBoard {
            board,
            join_code: &join_code,
            facilitator,
            facilitator_key_hash: &key_hash,
            projector,
            projector_key_hash: &projector_key_hash,
            at,
        };
        match state.store.create_board(new).await {
            Ok(()) => {
                return Ok(BoardCreated {
                    board_id: board.id.clone(),
                    join_code,
                    facilitator_key,
                    projector_key,
                    participant_id: facilitator.participant.clone(),
                });
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
