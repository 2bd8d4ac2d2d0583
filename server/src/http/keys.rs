//! A board's keys, managed by its facilitators: more facilitator keys (a backup, a
//! co-facilitator), named, listed and revoked; and a fresh projector key, which replaces the old
//! one. A revoked key stops working at once: storage forgets it first, then the room dismisses
//! every socket that holds it (`Rooms::revoke`).
//!
//! Every change runs in one write transaction that also checks that the asking key still opens
//! the board, so a key being revoked cannot mint its own replacement in the same instant, and two
//! facilitators revoking each other at once leave one of them in.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use talkoot_shared::apply::check_name;
use talkoot_shared::blank::is_blank;
use talkoot_shared::http::{
    ApiErrorCode, FacilitatorKeyInfo, FacilitatorKeyMinted, NewFacilitatorKey, ProjectorKey,
};
use talkoot_shared::reject::{Field, RejectReason};
use talkoot_shared::{Actor, ParticipantId, Role};

use super::ApiFailure;
use super::board_holder::{bad_token, board_facilitator};
use super::boards::{invalid_field, new_id};
use crate::AppState;
use crate::clock::now_ms;
use crate::limits::MAX_FACILITATOR_KEYS;
use crate::secret::{SecretKind, hash_secret, new_secret};
use crate::store::KeyChangeError;

/// Runs a key change together with the dismissal of the sockets it cuts off, as a task of its
/// own: a client that hangs up, or a request that times out, drops its handler, and must not
/// leave a key deleted from storage while sockets that hold it stay open.
pub(super) async fn to_completion<T: Send + 'static>(
    change: impl Future<Output = Result<T, ApiFailure>> + Send + 'static,
) -> Result<T, ApiFailure> {
    tokio::spawn(change)
        .await
        .map_err(|e| ApiFailure::unavailable(&e))?
}

fn unknown_key() -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        ApiErrorCode::UnknownKey,
        "this board has no facilitator key with that participant id",
    )
}

impl From<KeyChangeError> for ApiFailure {
    fn from(e: KeyChangeError) -> Self {
        match e {
            // The asking key was revoked while its request was under way.
            KeyChangeError::RequesterRevoked => bad_token(),
            KeyChangeError::LimitReached => ApiFailure::new(
                StatusCode::CONFLICT,
                ApiErrorCode::LimitReached,
                format!(
                    "a board holds at most {MAX_FACILITATOR_KEYS} facilitator keys; revoke one first"
                ),
            ),
            KeyChangeError::UnknownKey => unknown_key(),
            KeyChangeError::Store(e) => e.into(),
        }
    }
}

/// `POST /api/boards/{id}/facilitator-keys`
pub async fn mint(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<NewFacilitatorKey>, JsonRejection>,
) -> Result<(StatusCode, Json<FacilitatorKeyMinted>), ApiFailure> {
    let (board, by) = board_facilitator(&state, board_id, &headers).await?;
    let Json(req) = body?;
    let name = req.name.trim();
    if is_blank(name) {
        return Err(invalid_field(RejectReason::Empty { field: Field::Name }));
    }
    check_name(name).map_err(invalid_field)?;
    let actor = Actor {
        participant: new_id::<ParticipantId>()?,
        role: Role::Facilitator,
        name: Some(name.to_string()),
    };
    let key = new_secret(SecretKind::FacilitatorKey)?;
    state
        .store
        .add_facilitator_key(
            &board,
            &by.actor.participant,
            &actor,
            &hash_secret(&key),
            now_ms(),
            MAX_FACILITATOR_KEYS,
        )
        .await?;
    tracing::info!(%board, by = %by.actor.participant, participant = %actor.participant, "facilitator key minted");
    let minted = FacilitatorKeyMinted {
        participant_id: actor.participant,
        name: name.to_string(),
        key,
    };
    Ok((StatusCode::CREATED, Json(minted)))
}

/// `GET /api/boards/{id}/facilitator-keys`
pub async fn list(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<FacilitatorKeyInfo>>, ApiFailure> {
    let (board, by) = board_facilitator(&state, board_id, &headers).await?;
    let keys = state.store.facilitator_keys(&board).await?;
    Ok(Json(
        keys.into_iter()
            .map(|k| FacilitatorKeyInfo {
                you: k.participant == by.actor.participant,
                participant_id: k.participant,
                name: k.name,
                created_at: k.created_at,
            })
            .collect(),
    ))
}

/// `DELETE /api/boards/{id}/facilitator-keys/{participant_id}`
pub async fn revoke(
    State(state): State<AppState>,
    Path((board_id, participant)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiFailure> {
    let (board, by) = board_facilitator(&state, board_id, &headers).await?;
    let key = ParticipantId::parse(participant).map_err(|_| unknown_key())?;
    if key == by.actor.participant {
        return Err(ApiFailure::new(
            StatusCode::CONFLICT,
            ApiErrorCode::CannotRevokeOwnKey,
            "you cannot revoke the key you are using; another facilitator can",
        ));
    }
    let (store, rooms) = (state.store.clone(), state.rooms.clone());
    to_completion(async move {
        let by = by.actor.participant;
        store.remove_facilitator_key(&board, &by, &key).await?;
        rooms.revoke(&board, vec![key.clone()]).await;
        tracing::info!(%board, %by, participant = %key, "facilitator key revoked");
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/boards/{id}/projector-key`
pub async fn new_projector_key(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<ProjectorKey>), ApiFailure> {
    let (board, by) = board_facilitator(&state, board_id, &headers).await?;
    let projector = Actor {
        participant: new_id::<ParticipantId>()?,
        role: Role::Projector,
        name: None,
    };
    let key = new_secret(SecretKind::ProjectorKey)?;
    let key_hash = hash_secret(&key);
    let (store, rooms) = (state.store.clone(), state.rooms.clone());
    to_completion(async move {
        let by = by.actor.participant;
        let replaced = store
            .replace_projector_key(&board, &by, &projector, &key_hash, now_ms())
            .await?;
        let count = replaced.len();
        rooms.revoke(&board, replaced).await;
        tracing::info!(%board, %by, replaced = count, "projector key replaced");
        Ok(())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(ProjectorKey { key })))
}
