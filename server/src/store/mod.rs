//! Durable storage behind one trait, so rooms never know which database they run on.
//! SQLite is the embedded default; PostgreSQL is meant to slot in beside it.
//!
//! Per board the store keeps metadata, participants (by token hash), an append-only op log of
//! op + changes, and snapshots. Loading a board = its newest snapshot + the log after it.

mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use talkoot_shared::http::{FeedbackAnswer, FeedbackSummary, StoredFeedback};
use talkoot_shared::{Actor, Board, BoardId, Change, Op, OpId, ParticipantId, Role};

use crate::config::Config;
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (a join code, a token hash) is taken; the caller picks another.
    #[error("a unique value is already taken")]
    Conflict,
    /// The board a row was for is not there (it was deleted meanwhile).
    #[error("the board does not exist")]
    NoSuchBoard,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Stored JSON that today's types cannot read.
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
}

/// One accepted op as the log keeps it: what was asked and what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub seq: u64,
    pub op_id: OpId,
    pub actor: ParticipantId,
    pub op: Op,
    pub changes: Vec<Change>,
    pub at: u64,
}

/// Where an applied op id went, and whose it was: only its own sender may hear it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedOp {
    pub seq: u64,
    pub actor: ParticipantId,
}

/// A board as storage has it.
#[derive(Debug, Clone)]
pub struct StoredBoard {
    /// The newest snapshot…
    pub snapshot: Board,
    pub snapshot_seq: u64,
    /// …and every entry after it, in seq order.
    pub tail: Vec<LogEntry>,
    /// Every op id ever applied to the board, so resent ops are recognised.
    pub op_ids: Vec<(OpId, AppliedOp)>,
    pub join_code: String,
    /// When the board last had activity (its newest op, or its creation), ms since the epoch.
    pub last_active_at: u64,
}

/// Whoever holds a given token.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub board: BoardId,
    pub actor: Actor,
}

/// A facilitator key as the key list shows it: never the key or its hash.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilitatorKey {
    pub participant: ParticipantId,
    /// `None` for the key the board was created with.
    pub name: Option<String>,
    pub created_at: u64,
}

/// Why a change to a board's keys was not made.
#[derive(Debug, thiserror::Error)]
pub enum KeyChangeError {
    /// The facilitator key that asked no longer opens the board (it was revoked meanwhile).
    #[error("the requesting key no longer opens the board as its facilitator")]
    RequesterRevoked,
    #[error("the board holds the most facilitator keys allowed")]
    LimitReached,
    #[error("the board has no facilitator key with that participant id")]
    UnknownKey,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// When a board may be deleted, checked in the same write transaction that deletes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteIf {
    /// A facilitator asked: `by` must still hold a facilitator key of the board.
    Facilitator(ParticipantId),
    /// The retention rule: the board's last activity must be before this time (ms).
    InactiveBefore(u64),
}

/// What came of a request to delete a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    Deleted,
    /// There is no such board (any more).
    NoSuchBoard,
    /// The retention rule's board has had activity since it was picked: it stays.
    StillActive,
}

/// A board being created, with its first (facilitator) holder.
pub struct NewBoard<'a> {
    pub board: &'a Board,
    pub join_code: &'a str,
    pub facilitator: &'a Actor,
    pub facilitator_key_hash: &'a [u8],
    /// The board's projector, read-only, with the hash of its key.
    pub projector: &'a Actor,
    pub projector_key_hash: &'a [u8],
    pub at: u64,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Creates a board with its snapshot at seq 0. `Conflict` when the join code is taken.
    async fn create_board(&self, new: NewBoard<'_>) -> Result<(), StoreError>;

    /// The board a join code opens.
    async fn board_by_code(&self, code: &str) -> Result<Option<BoardId>, StoreError>;

    async fn board_exists(&self, board: &BoardId) -> Result<bool, StoreError>;

    /// Records a new token holder for a board.
    async fn add_holder(
        &self,
        board: &BoardId,
        actor: &Actor,
        token_hash: &[u8],
        at: u64,
    ) -> Result<(), StoreError>;

    /// The board's facilitator keys, oldest first.
    async fn facilitator_keys(&self, board: &BoardId) -> Result<Vec<FacilitatorKey>, StoreError>;

    /// Adds a facilitator key, asked for by the facilitator `by`. One write transaction checks
    /// that `by` still holds a facilitator key of the board and that the board has fewer than
    /// `max`, then inserts: racing mints cannot pass the cap, and a key revoked while it mints
    /// makes nothing.
    async fn add_facilitator_key(
        &self,
        board: &BoardId,
        by: &ParticipantId,
        key: &Actor,
        key_hash: &[u8],
        at: u64,
        max: usize,
    ) -> Result<(), KeyChangeError>;

    /// Deletes the facilitator key of participant `key`, asked for by the facilitator `by`, who
    /// must still hold one when it is deleted: of two facilitators revoking each other at the
    /// same moment, only one succeeds, so a board is never left without a facilitator.
    async fn remove_facilitator_key(
        &self,
        board: &BoardId,
        by: &ParticipantId,
        key: &ParticipantId,
    ) -> Result<(), KeyChangeError>;

    /// Replaces every projector key of the board with `projector`'s, asked for by the
    /// facilitator `by` (checked as above). Returns the participant ids of the keys replaced.
    async fn replace_projector_key(
        &self,
        board: &BoardId,
        by: &ParticipantId,
        projector: &Actor,
        key_hash: &[u8],
        at: u64,
    ) -> Result<Vec<ParticipantId>, KeyChangeError>;

    /// Who holds the token with this hash.
    async fn holder(&self, token_hash: &[u8]) -> Result<Option<Holder>, StoreError>;

    /// The board as of its newest snapshot plus the log after it; `None` if it does not exist.
    async fn load_board(&self, board: &BoardId) -> Result<Option<StoredBoard>, StoreError>;

    /// Appends entries to a board's log in one durable transaction: all or none. Returns only
    /// after the data would survive a power loss.
    async fn commit(&self, board: &BoardId, entries: &[LogEntry]) -> Result<(), StoreError>;

    /// One entry of the log, to repeat an old result to a client that resends an op.
    async fn entry(&self, board: &BoardId, seq: u64) -> Result<Option<LogEntry>, StoreError>;

    /// Stores a snapshot of the board at `seq`, replacing older ones.
    async fn write_snapshot(&self, board: &Board, seq: u64, at: u64) -> Result<(), StoreError>;

    /// Deletes the board and every row it has in every table, if `condition` holds, in one
    /// write transaction that checks it. An op commit for the board that comes later fails
    /// (the op log's rows need their board), so nothing can bring it back. `RequesterRevoked`
    /// when the asking facilitator's key is gone.
    async fn delete_board(
        &self,
        board: &BoardId,
        condition: &DeleteIf,
    ) -> Result<Deletion, KeyChangeError>;

    /// Boards whose last activity is before `before` (ms), at most `limit` of them, the longest
    /// inactive first.
    async fn inactive_boards(&self, before: u64, limit: usize) -> Result<Vec<BoardId>, StoreError>;

    /// Stores `participant`'s feedback answer (already checked), replacing theirs if they
    /// answered before: one row per participant, however many requests race. Whether feedback
    /// is open is the room's to check (`Rooms::answer_feedback`), not the store's.
    async fn put_feedback(
        &self,
        board: &BoardId,
        participant: &ParticipantId,
        answer: &FeedbackAnswer,
        at: u64,
    ) -> Result<StoredFeedback, StoreError>;

    /// `participant`'s own answer, if they gave one.
    async fn my_feedback(
        &self,
        board: &BoardId,
        participant: &ParticipantId,
    ) -> Result<Option<StoredFeedback>, StoreError>;

    /// Every answer on the board, summed up without who gave it: for the facilitator's view
    /// and the kooste export. The board's answers go when the board is deleted (the table's
    /// `ON DELETE CASCADE`).
    async fn feedback_summary(&self, board: &BoardId) -> Result<FeedbackSummary, StoreError>;

    /// Whether the database answers.
    async fn health(&self) -> Result<(), StoreError>;
}

/// Opens the configured store, running its migrations.
pub async fn open(config: &Config) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(SqliteStore::open(&config.database_path()).await?))
}

pub(crate) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Facilitator => "facilitator",
        Role::Participant => "participant",
        Role::Projector => "projector",
    }
}

pub(crate) fn role_from_name(name: &str) -> Result<Role, StoreError> {
    match name {
        "facilitator" => Ok(Role::Facilitator),
        "participant" => Ok(Role::Participant),
        "projector" => Ok(Role::Projector),
        other => Err(StoreError::Corrupt(format!("unknown role {other:?}"))),
    }
}
