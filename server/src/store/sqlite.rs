//! The embedded SQLite store: WAL, one writer connection, `synchronous=FULL`.
//!
//! With `synchronous=FULL` in WAL mode SQLite fsyncs the log on every commit, so an ack sent
//! after `commit` returns survives a power loss. One writer connection serialises writes
//! without SQLITE_BUSY storms; readers use their own pool and never block the writer. Op-log
//! commits from every room share transactions through [`GroupCommit`], one fsync per group.

mod group_commit;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, SqliteConnection};
use talkoot_shared::feedback::summarize;
use talkoot_shared::http::{FeedbackAnswer, FeedbackSummary, StoredFeedback};
use talkoot_shared::{Actor, Board, BoardId, OpId, ParticipantId};

use self::group_commit::GroupCommit;
use super::{
    AppliedOp, DeleteIf, Deletion, FacilitatorKey, Holder, KeyChangeError, LogEntry, NewBoard,
    Store, StoreError, StoredBoard, role_from_name, role_name,
};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

/// The tables with a `board_id` column: deleting a board deletes its rows in each.
const BOARD_TABLES: [&str; 4] = ["ops", "snapshots", "holders", "feedback"];

/// How long a statement waits for a lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Concurrent readers (token lookups, board loads, health).
const READERS: u32 = 4;

pub struct SqliteStore {
    writer: SqlitePool,
    readers: SqlitePool,
    commits: GroupCommit,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and runs migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // A deleted board's text is overwritten in the file, not left in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(BUSY_TIMEOUT);
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options.clone())
            .await?;
        MIGRATIONS.run(&writer).await?;
        let readers = SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(options.read_only(true))
            .await?;
        Ok(SqliteStore {
            commits: GroupCommit::start(writer.clone()),
            writer,
            readers,
        })
    }
}

impl SqliteStore {
    /// After a deletion: copies the write-ahead log into the file (where `secure_delete` has
    /// zeroed the deleted rows) and empties it, so the board's old pages are not left in the
    /// log either. A reader in the way only delays that to a later checkpoint; the rows are
    /// deleted all the same.
    async fn forget_old_pages(&self) {
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.writer)
            .await
        {
            Ok((0, _, _)) => {}
            Ok(_) => tracing::warn!(
                "the log could not be emptied after a deletion; a later checkpoint will"
            ),
            Err(e) => tracing::warn!(error = %e, "checkpoint after a deletion failed"),
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn id<T: TryFrom<String>>(text: String) -> Result<T, StoreError>
where
    T::Error: std::fmt::Display,
{
    T::try_from(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

fn entry_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<LogEntry, StoreError> {
    Ok(LogEntry {
        seq: row.try_get::<i64, _>("seq")? as u64,
        op_id: id(row.try_get("op_id")?)?,
        actor: id(row.try_get("actor")?)?,
        op: from_json(row.try_get("op")?)?,
        changes: from_json(row.try_get("changes")?)?,
        at: row.try_get::<i64, _>("at")? as u64,
    })
}

fn rating(row: &sqlx::sqlite::SqliteRow) -> Result<u8, StoreError> {
    let rating: i64 = row.try_get("rating")?;
    u8::try_from(rating).map_err(|_| StoreError::Corrupt(format!("feedback rating {rating}")))
}

fn feedback_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<StoredFeedback, StoreError> {
    Ok(StoredFeedback {
        rating: rating(row)?,
        text: row.try_get("text")?,
        updated_at: row.try_get::<i64, _>("updated_at")? as u64,
    })
}

async fn insert_holder(
    conn: &mut SqliteConnection,
    board: &BoardId,
    actor: &Actor,
    token_hash: &[u8],
    at: u64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO holders (token_hash, board_id, participant_id, role, name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(board.as_str())
    .bind(actor.participant.as_str())
    .bind(role_name(actor.role))
    .bind(actor.name.as_deref())
    .bind(at as i64)
    .execute(conn)
    .await
    .map_err(|e| match &e {
        _ if is_unique_violation(&e) => StoreError::Conflict,
        // A token for a board deleted since it was looked up.
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NoSuchBoard,
        _ => e.into(),
    })?;
    Ok(())
}

/// Inside a key-changing transaction: refuses unless `by` still holds a facilitator key of
/// `board`. The single writer connection runs one such transaction at a time, so what it checks
/// holds until it commits.
async fn require_facilitator(
    conn: &mut SqliteConnection,
    board: &BoardId,
    by: &ParticipantId,
) -> Result<(), KeyChangeError> {
    let found = sqlx::query(
        "SELECT 1 FROM holders WHERE board_id = ? AND participant_id = ? AND role = 'facilitator'",
    )
    .bind(board.as_str())
    .bind(by.as_str())
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)?;
    found.map(|_| ()).ok_or(KeyChangeError::RequesterRevoked)
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_board(&self, new: NewBoard<'_>) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO boards (id, join_code, created_at, last_active_at) VALUES (?, ?, ?, ?)",
        )
        .bind(new.board.id.as_str())
        .bind(new.join_code)
        .bind(new.at as i64)
        .bind(new.at as i64)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                StoreError::Conflict
            } else {
                e.into()
            }
        })?;
        for (holder, key_hash) in [
            (new.facilitator, new.facilitator_key_hash),
            (new.projector, new.projector_key_hash),
        ] {
            insert_holder(&mut tx, &new.board.id, holder, key_hash, new.at).await?;
        }
        sqlx::query("INSERT INTO snapshots (board_id, seq, board, at) VALUES (?, 0, ?, ?)")
            .bind(new.board.id.as_str())
            .bind(json(new.board)?)
            .bind(new.at as i64)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn board_by_code(&self, code: &str) -> Result<Option<BoardId>, StoreError> {
        let row = sqlx::query("SELECT id FROM boards WHERE join_code = ?")
            .bind(code)
            .fetch_optional(&self.readers)
            .await?;
        row.map(|r| id(r.try_get("id")?)).transpose()
    }

    async fn board_exists(&self, board: &BoardId) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 FROM boards WHERE id = ?")
            .bind(board.as_str())
            .fetch_optional(&self.readers)
            .await?;
        Ok(row.is_some())
    }

    async fn add_holder(
        &self,
        board: &BoardId,
        actor: &Actor,
        token_hash: &[u8],
        at: u64,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer.acquire().await?;
        insert_holder(&mut conn, board, actor, token_hash, at).await
    }

    async fn facilitator_keys(&self, board: &BoardId) -> Result<Vec<FacilitatorKey>, StoreError> {
        sqlx::query(
            "SELECT participant_id, name, created_at FROM holders \
             WHERE board_id = ? AND role = 'facilitator' ORDER BY created_at, participant_id",
        )
        .bind(board.as_str())
        .fetch_all(&self.readers)
        .await?
        .iter()
        .map(|row| {
            Ok(FacilitatorKey {
                participant: id(row.try_get("participant_id")?)?,
                name: row.try_get("name")?,
                created_at: row.try_get::<i64, _>("created_at")? as u64,
            })
        })
        .collect()
    }

    async fn add_facilitator_key(
        &self,
        board: &BoardId,
        by: &ParticipantId,
        key: &Actor,
        key_hash: &[u8],
        at: u64,
        max: usize,
    ) -> Result<(), KeyChangeError> {
        let mut tx = self.writer.begin().await.map_err(StoreError::from)?;
        require_facilitator(&mut tx, board, by).await?;
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM holders WHERE board_id = ? AND role = 'facilitator'",
        )
        .bind(board.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        if held as usize >= max {
            return Err(KeyChangeError::LimitReached);
        }
        insert_holder(&mut tx, board, key, key_hash, at).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }

    async fn remove_facilitator_key(
        &self,
        board: &BoardId,
        by: &ParticipantId,
        key: &ParticipantId,
    ) -> Result<(), KeyChangeError> {
        let mut tx = self.writer.begin().await.map_err(StoreError::from)?;
        require_facilitator(&mut tx, board, by).await?;
        let removed = sqlx::query(
            "DELETE FROM holders WHERE board_id = ? AND participant_id = ? AND role = 'facilitator'",
        )
        .bind(board.as_str())
        .bind(key.as_str())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        if removed.rows_affected() == 0 {
            return Err(KeyChangeError::UnknownKey);
        }
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }

    async fn replace_projector_key(
        &self,
        board: &BoardId,
        by: &ParticipantId,
        projector: &Actor,
        key_hash: &[u8],
        at: u64,
    ) -> Result<Vec<ParticipantId>, KeyChangeError> {
        let mut tx = self.writer.begin().await.map_err(StoreError::from)?;
        require_facilitator(&mut tx, board, by).await?;
        let replaced = sqlx::query(
            "DELETE FROM holders WHERE board_id = ? AND role = 'projector' RETURNING participant_id",
        )
        .bind(board.as_str())
        .fetch_all(&mut *tx)
        .await
        .map_err(StoreError::from)?
        .iter()
        .map(|row| id(row.try_get("participant_id")?))
        .collect::<Result<Vec<ParticipantId>, StoreError>>()?;
        insert_holder(&mut tx, board, projector, key_hash, at).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(replaced)
    }

    async fn holder(&self, token_hash: &[u8]) -> Result<Option<Holder>, StoreError> {
        let row = sqlx::query(
            "SELECT board_id, participant_id, role, name FROM holders WHERE token_hash = ?",
        )
        .bind(token_hash)
        .fetch_optional(&self.readers)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let role: String = row.try_get("role")?;
        Ok(Some(Holder {
            board: id(row.try_get("board_id")?)?,
            actor: Actor {
                participant: id::<ParticipantId>(row.try_get("participant_id")?)?,
                role: role_from_name(&role)?,
                name: row.try_get("name")?,
            },
        }))
    }

    async fn load_board(&self, board: &BoardId) -> Result<Option<StoredBoard>, StoreError> {
        // One read transaction, so the snapshot and the log tail are from the same moment.
        let mut tx = self.readers.begin().await?;
        let Some(meta) = sqlx::query("SELECT join_code, last_active_at FROM boards WHERE id = ?")
            .bind(board.as_str())
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let snap = sqlx::query(
            "SELECT seq, board FROM snapshots WHERE board_id = ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(board.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("board {board} has no snapshot")))?;
        let snapshot_seq = snap.try_get::<i64, _>("seq")? as u64;
        let snapshot: Board = from_json(snap.try_get("board")?)?;
        let tail = sqlx::query(
            "SELECT seq, op_id, actor, op, changes, at FROM ops WHERE board_id = ? AND seq > ? ORDER BY seq",
        )
        .bind(board.as_str())
        .bind(snapshot_seq as i64)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(entry_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        let op_ids = sqlx::query("SELECT op_id, seq, actor FROM ops WHERE board_id = ?")
            .bind(board.as_str())
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|r| {
                Ok((
                    id::<OpId>(r.try_get("op_id")?)?,
                    AppliedOp {
                        seq: r.try_get::<i64, _>("seq")? as u64,
                        actor: id(r.try_get("actor")?)?,
                    },
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        tx.commit().await?;
        Ok(Some(StoredBoard {
            snapshot,
            snapshot_seq,
            tail,
            op_ids,
            join_code: meta.try_get("join_code")?,
            last_active_at: meta.try_get::<i64, _>("last_active_at")? as u64,
        }))
    }

    async fn commit(&self, board: &BoardId, entries: &[LogEntry]) -> Result<(), StoreError> {
        self.commits.commit(board, entries).await
    }

    async fn entry(&self, board: &BoardId, seq: u64) -> Result<Option<LogEntry>, StoreError> {
        let row = sqlx::query(
            "SELECT seq, op_id, actor, op, changes, at FROM ops WHERE board_id = ? AND seq = ?",
        )
        .bind(board.as_str())
        .bind(seq as i64)
        .fetch_optional(&self.readers)
        .await?;
        row.as_ref().map(entry_from_row).transpose()
    }

    async fn write_snapshot(&self, board: &Board, seq: u64, at: u64) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT OR REPLACE INTO snapshots (board_id, seq, board, at) VALUES (?, ?, ?, ?)",
        )
        .bind(board.id.as_str())
        .bind(seq as i64)
        .bind(json(board)?)
        .bind(at as i64)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM snapshots WHERE board_id = ? AND seq < ?")
            .bind(board.id.as_str())
            .bind(seq as i64)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_board(
        &self,
        board: &BoardId,
        condition: &DeleteIf,
    ) -> Result<Deletion, KeyChangeError> {
        let mut tx = self.writer.begin().await.map_err(StoreError::from)?;
        let Some(last_active_at) =
            sqlx::query_scalar::<_, i64>("SELECT last_active_at FROM boards WHERE id = ?")
                .bind(board.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(StoreError::from)?
        else {
            return Ok(Deletion::NoSuchBoard);
        };
        match *condition {
            DeleteIf::Facilitator(ref by) => require_facilitator(&mut tx, board, by).await?,
            DeleteIf::InactiveBefore(before) if last_active_at as u64 >= before => {
                return Ok(Deletion::StillActive);
            }
            DeleteIf::InactiveBefore(_) => {}
        }
        // Every table that holds a board's rows, the board itself last. The foreign keys would
        // cascade, but a table added later without one must not keep a deleted board's data:
        // tests/tests/board_deletion.rs checks every table of the file.
        for table in BOARD_TABLES {
            sqlx::query(&format!("DELETE FROM {table} WHERE board_id = ?"))
                .bind(board.as_str())
                .execute(&mut *tx)
                .await
                .map_err(StoreError::from)?;
        }
        sqlx::query("DELETE FROM boards WHERE id = ?")
            .bind(board.as_str())
            .execute(&mut *tx)
            .await
            .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        self.forget_old_pages().await;
        Ok(Deletion::Deleted)
    }

    async fn inactive_boards(&self, before: u64, limit: usize) -> Result<Vec<BoardId>, StoreError> {
        sqlx::query(
            "SELECT id FROM boards WHERE last_active_at < ? ORDER BY last_active_at LIMIT ?",
        )
        .bind(before as i64)
        .bind(limit as i64)
        .fetch_all(&self.readers)
        .await?
        .iter()
        .map(|row| id(row.try_get("id")?))
        .collect()
    }

    async fn put_feedback(
        &self,
        board: &BoardId,
        participant: &ParticipantId,
        answer: &FeedbackAnswer,
        at: u64,
    ) -> Result<StoredFeedback, StoreError> {
        // One statement on the one writer connection: racing answers from one participant
        // leave one row, the last one written.
        let row = sqlx::query(
            "INSERT INTO feedback (board_id, participant_id, rating, text, updated_at) \
             VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (board_id, participant_id) DO UPDATE SET \
             rating = excluded.rating, text = excluded.text, updated_at = excluded.updated_at \
             RETURNING rating, text, updated_at",
        )
        .bind(board.as_str())
        .bind(participant.as_str())
        .bind(i64::from(answer.rating))
        .bind(&answer.text)
        .bind(at as i64)
        .fetch_one(&self.writer)
        .await?;
        feedback_from_row(&row)
    }

    async fn my_feedback(
        &self,
        board: &BoardId,
        participant: &ParticipantId,
    ) -> Result<Option<StoredFeedback>, StoreError> {
        sqlx::query(
            "SELECT rating, text, updated_at FROM feedback WHERE board_id = ? AND participant_id = ?",
        )
        .bind(board.as_str())
        .bind(participant.as_str())
        .fetch_optional(&self.readers)
        .await?
        .as_ref()
        .map(feedback_from_row)
        .transpose()
    }

    async fn feedback_summary(&self, board: &BoardId) -> Result<FeedbackSummary, StoreError> {
        let rows = sqlx::query("SELECT rating, text FROM feedback WHERE board_id = ?")
            .bind(board.as_str())
            .fetch_all(&self.readers)
            .await?;
        let answers = rows
            .iter()
            .map(|row| Ok((rating(row)?, row.try_get::<&str, _>("text")?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(summarize(answers))
    }

    async fn health(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.readers).await?;
        Ok(())
    }
}
