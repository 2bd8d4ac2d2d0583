//! `DELETE /api/boards/{id}`: a facilitator deletes the board with everything on it, at once.
//! Storage deletes every row of the board, checking in the same transaction that the asking
//! key still opens it; then every socket on the board is closed with 4410 (`Rooms::delete`), and
//! every later request about the board answers "unknown board".

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};

use super::ApiFailure;
use super::board_holder::{board_facilitator, unknown_board};
use super::keys::to_completion;
use crate::AppState;
use crate::store::{DeleteIf, Deletion};

/// `DELETE /api/boards/{id}`
pub async fn delete(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiFailure> {
    let (board, by) = board_facilitator(&state, board_id, &headers).await?;
    let rooms = state.rooms.clone();
    // Once started, a deletion goes to its end: a client that hangs up must not leave the
    // board deleted in storage with its sockets still open.
    let outcome = to_completion(async move {
        let by = by.actor.participant;
        let outcome = rooms
            .delete(&board, DeleteIf::Facilitator(by.clone()))
            .await?;
        tracing::info!(%board, %by, ?outcome, "board deleted by a facilitator");
        Ok(outcome)
    })
    .await?;
    match outcome {
        Deletion::Deleted => Ok(StatusCode::NO_CONTENT),
        // Another facilitator deleted it first.
        Deletion::NoSuchBoard => Err(unknown_board()),
        // Only the retention rule's condition keeps an active board.
        Deletion::StillActive => Err(ApiFailure::unavailable(
            &"a facilitator's delete was refused",
        )),
    }
}
