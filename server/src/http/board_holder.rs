//! Who an HTTP request about one board speaks for: its `Authorization: Bearer` secret, checked
//! by `access::holder`, with the same answers on every endpoint.

use axum::http::{HeaderMap, StatusCode};
use talkoot_shared::http::ApiErrorCode;
use talkoot_shared::{BoardId, Role};

use super::ApiFailure;
use super::bearer::bearer_token;
use crate::AppState;
use crate::access::{self, Denied};
use crate::store::Holder;

pub fn unknown_board() -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        ApiErrorCode::UnknownBoard,
        "no such board",
    )
}

pub fn bad_token() -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNAUTHORIZED,
        ApiErrorCode::BadToken,
        "send `Authorization: Bearer <token>` for this board",
    )
}

/// The board in the path and the holder of the request's bearer secret on it.
pub async fn board_holder(
    state: &AppState,
    board_id: String,
    headers: &HeaderMap,
) -> Result<(BoardId, Holder), ApiFailure> {
    let board = BoardId::parse(board_id).map_err(|_| unknown_board())?;
    // No bearer header is a secret that opens nothing; an unknown board is still told apart.
    let secret = bearer_token(headers).unwrap_or_default();
    let holder = access::holder(state.store.as_ref(), &board, secret)
        .await
        .map_err(|denied| match denied {
            Denied::UnknownBoard => unknown_board(),
            Denied::BadSecret => bad_token(),
            Denied::Unavailable(e) => e.into(),
        })?;
    Ok((board, holder))
}

/// As [`board_holder`], for what only a facilitator may do: any other role gets `403 forbidden`.
pub async fn board_facilitator(
    state: &AppState,
    board_id: String,
    headers: &HeaderMap,
) -> Result<(BoardId, Holder), ApiFailure> {
    let (board, holder) = board_holder(state, board_id, headers).await?;
    match holder.actor.role {
        Role::Facilitator => Ok((board, holder)),
        Role::Participant | Role::Projector => Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ApiErrorCode::Forbidden,
            "only a facilitator key may do this",
        )),
    }
}
