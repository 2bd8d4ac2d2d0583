//! Who a presented secret is, on one board: the one check that a WebSocket `hello` and every
//! HTTP request for a board go through, so the rules cannot drift apart. A secret opens only
//! the board it was made for; what its holder may then do is its role's business (`apply`).

use talkoot_shared::BoardId;

use crate::secret::hash_secret;
use crate::store::{Holder, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum Denied {
    #[error("no such board")]
    UnknownBoard,
    /// No holder has this secret, or it is for another board.
    #[error("this secret does not open this board")]
    BadSecret,
    #[error("storage failed: {0}")]
    Unavailable(#[from] StoreError),
}

/// Whether `secret` still belongs to `holder`. A `hello` asks again once it has joined the
/// board's room: a key revoked between its first check and its join would otherwise get in
/// after the room had dismissed that key's holders (`Rooms::revoke`).
pub async fn still_holds(
    store: &dyn Store,
    holder: &Holder,
    secret: &str,
) -> Result<bool, StoreError> {
    Ok(store
        .holder(&hash_secret(secret))
        .await?
        .is_some_and(|h| &h == holder))
}

/// The holder of `secret` on `board`.
pub async fn holder(store: &dyn Store, board: &BoardId, secret: &str) -> Result<Holder, Denied> {
    if !store.board_exists(board).await? {
        return Err(Denied::UnknownBoard);
    }
    match store
        .holder(&hash_secret(secret))
        .await?
        .filter(|h| &h.board == board)
    {
        Some(holder) => Ok(holder),
        // Deleting a board deletes its keys: one deleted since the first look is unknown, so
        // that the device forgets all of it rather than only the secret.
        None if !store.board_exists(board).await? => Err(Denied::UnknownBoard),
        None => Err(Denied::BadSecret),
    }
}
