//! Group commit across boards. Every room's commit goes to one committer task, which takes all
//! the commits waiting for it and writes them in one transaction, so one fsync covers every
//! board that committed meanwhile. The group grows with the load by itself: while one
//! transaction is being made durable, the next group gathers; nothing waits on a timer.
//!
//! Each board's rows go in their own savepoint, so a board whose rows fail (a duplicate seq
//! after a bug, say) fails only its own commit, never a neighbour's.

use sqlx::{Acquire, QueryBuilder, Sqlite, SqliteConnection, SqlitePool};
use talkoot_shared::BoardId;
use tokio::sync::{mpsc, oneshot};

use super::json;
use crate::store::{LogEntry, StoreError};

/// Commits waiting for the committer; rooms wait (backpressure) when it is full.
const QUEUE: usize = 1024;
/// Most board commits in one transaction.
const MAX_GROUP: usize = 64;
/// Rows per INSERT statement: each statement is a round trip to SQLite's worker thread, so a
/// board's batch goes in one (7 parameters a row stays far below SQLite's 32,766).
const ROWS_PER_INSERT: usize = 256;

/// One op-log row, serialised by the room's task before it queues, so the single writer only
/// writes.
struct Row {
    seq: i64,
    op_id: String,
    actor: String,
    op: String,
    changes: String,
    at: i64,
}

struct Request {
    board: BoardId,
    rows: Vec<Row>,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The way in to the committer task.
pub(super) struct GroupCommit {
    requests: mpsc::Sender<Request>,
}

impl GroupCommit {
    /// Starts the committer; it runs until the store is dropped.
    pub(super) fn start(writer: SqlitePool) -> Self {
        let (requests, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(writer, queue));
        GroupCommit { requests }
    }

    /// Appends `entries` to `board`'s log; returns once they are durable (or failed).
    pub(super) async fn commit(
        &self,
        board: &BoardId,
        entries: &[LogEntry],
    ) -> Result<(), StoreError> {
        let rows = entries
            .iter()
            .map(|e| {
                Ok(Row {
                    seq: e.seq as i64,
                    op_id: e.op_id.as_str().to_owned(),
                    actor: e.actor.as_str().to_owned(),
                    op: json(&e.op)?,
                    changes: json(&e.changes)?,
                    at: e.at as i64,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let (done, answer) = oneshot::channel();
        let request = Request {
            board: board.clone(),
            rows,
            done,
        };
        self.requests.send(request).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn stopped() -> StoreError {
    StoreError::Database(sqlx::Error::PoolClosed)
}

async fn run(writer: SqlitePool, mut queue: mpsc::Receiver<Request>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(request) => group.push(request),
                Err(_) => break,
            }
        }
        match write(&writer, &group).await {
            Ok(results) => {
                for (request, result) in group.into_iter().zip(results) {
                    let _ = request.done.send(result);
                }
            }
            Err(e) => {
                tracing::error!(error = %e, boards = group.len(), "group commit failed");
                let detail = e.to_string();
                for request in group {
                    let error = std::io::Error::other(format!("group commit failed: {detail}"));
                    let _ = request
                        .done
                        .send(Err(StoreError::Database(sqlx::Error::Io(error))));
                }
            }
        }
    }
}

/// Moves the board's last activity to its newest op, for the retention rule.
async fn touch(conn: &mut SqliteConnection, request: &Request) -> Result<(), StoreError> {
    let Some(at) = request.rows.iter().map(|r| r.at).max() else {
        return Ok(());
    };
    sqlx::query("UPDATE boards SET last_active_at = MAX(last_active_at, ?) WHERE id = ?")
        .bind(at)
        .bind(request.board.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// One transaction for the whole group; per board, its result.
async fn write(
    writer: &SqlitePool,
    group: &[Request],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut tx = writer.begin().await?;
    let mut results = Vec::with_capacity(group.len());
    for request in group {
        let mut savepoint = (&mut *tx).begin().await?;
        let mut inserted = Ok(());
        for rows in request.rows.chunks(ROWS_PER_INSERT) {
            let mut insert = QueryBuilder::<Sqlite>::new(
                "INSERT INTO ops (board_id, seq, op_id, actor, op, changes, at) ",
            );
            insert.push_values(rows, |mut values, row| {
                values
                    .push_bind(request.board.as_str())
                    .push_bind(row.seq)
                    .push_bind(&row.op_id)
                    .push_bind(&row.actor)
                    .push_bind(&row.op)
                    .push_bind(&row.changes)
                    .push_bind(row.at);
            });
            if let Err(e) = insert.build().execute(&mut *savepoint).await {
                inserted = Err(StoreError::from(e));
                break;
            }
        }
        if inserted.is_ok() {
            inserted = touch(&mut savepoint, request).await;
        }
        match inserted {
            Ok(()) => savepoint.commit().await?,
            Err(_) => savepoint.rollback().await?,
        }
        results.push(inserted);
    }
    tx.commit().await?;
    Ok(results)
}
