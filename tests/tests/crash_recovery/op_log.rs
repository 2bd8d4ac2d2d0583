//! The op log as the database file holds it, read with a read-only connection beside the
//! running server, and what can be checked from it alone.

use std::path::Path;

use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use talkoot_shared::{Board, BoardId, Change, Op, OpId, ParticipantId};

/// One row of the op log, read straight from the database file.
pub struct LogRow {
    pub seq: u64,
    pub op_id: OpId,
    pub actor: ParticipantId,
    pub op: Op,
    pub changes: Vec<Change>,
}

pub async fn read_log(db: &Path, board: &BoardId) -> anyhow::Result<Vec<LogRow>> {
    let options = SqliteConnectOptions::new().filename(db).read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let rows = sqlx::query(
        "SELECT seq, op_id, actor, op, changes FROM ops WHERE board_id = ? ORDER BY seq",
    )
    .bind(board.as_str())
    .fetch_all(&pool)
    .await?;
    pool.close().await;
    rows.iter()
        .map(|r| {
            Ok(LogRow {
                seq: r.try_get::<i64, _>("seq")? as u64,
                op_id: OpId::parse(r.try_get::<String, _>("op_id")?)?,
                actor: ParticipantId::parse(r.try_get::<String, _>("actor")?)?,
                op: serde_json::from_str(r.try_get("op")?)?,
                changes: serde_json::from_str(r.try_get("changes")?)?,
            })
        })
        .collect()
}

/// Whether a logged op carries all of its effects (the harness only sends note ops).
pub fn carries_its_effects(row: &LogRow) -> bool {
    match (&row.op, row.changes.as_slice()) {
        (
            Op::PostNote {
                id,
                section,
                text,
                colour,
                on_behalf_of: None,
            },
            [Change::Note { note }, renumbered @ ..],
        ) => {
            only_keys(renumbered)
                && &note.id == id
                && &note.section == section
                && &note.text == text
                && &note.colour == colour
                && note.author == row.actor
        }
        (Op::EditNote { id, text }, [Change::Note { note }]) => {
            &note.id == id && &note.text == text
        }
        (Op::RecolourNote { id, colour }, [Change::Note { note }]) => {
            &note.id == id && &note.colour == colour
        }
        (Op::MoveNote { id, section, .. }, [Change::Note { note }, renumbered @ ..]) => {
            only_keys(renumbered) && &note.id == id && &note.section == section
        }
        (Op::DeleteNote { id }, [Change::NoteRemoved { id: removed }]) => id == removed,
        _ => false,
    }
}

/// Changes that renumber the other notes of a section, as a post or a move may carry.
fn only_keys(changes: &[Change]) -> bool {
    changes
        .iter()
        .all(|c| matches!(c, Change::NoteOrder { .. }))
}

pub fn fold(initial: &Board, rows: &[LogRow]) -> Board {
    let mut board = initial.clone();
    rows.iter()
        .flat_map(|r| &r.changes)
        .for_each(|c| board.absorb(c));
    board
}
