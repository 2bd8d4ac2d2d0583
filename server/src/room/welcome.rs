//! The `welcome` a joiner gets. Its snapshot is the costly part, and in a join storm every
//! joiner would get the same one: it is encoded once per (seq, audience) and spliced into each
//! joiner's own message.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::value::RawValue;
use talkoot_shared::{Audience, Board, Me, Retention, SectionId, Timestamp, Viewer};
use tungstenite::Utf8Bytes;

use crate::metrics;
use crate::wire::encode;

/// `ServerMsg::Welcome` with its snapshot already encoded.
#[derive(Serialize)]
#[serde(tag = "type", rename = "welcome")]
pub(super) struct WelcomeFrame<'a> {
    pub you: &'a Me,
    pub join_code: &'a str,
    pub seq: u64,
    pub snapshot: Option<&'a RawValue>,
    pub online: u32,
    pub groups: &'a BTreeMap<SectionId, u32>,
    pub server_time: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
}

impl WelcomeFrame<'_> {
    pub(super) fn encode(&self) -> Utf8Bytes {
        encode(self)
    }
}

/// Encoded snapshots of the board at one seq, for the audiences many joiners share.
#[derive(Default)]
pub(super) struct Snapshots {
    seq: u64,
    shared: Vec<(Audience, Box<RawValue>)>,
    /// The last author's own view: theirs alone, so it is not kept past the next join.
    authors: Option<Box<RawValue>>,
}

impl Snapshots {
    /// Forgets every encoding: the board changed without a new seq (it was reloaded).
    pub(super) fn clear(&mut self) {
        self.shared.clear();
        self.authors = None;
    }

    /// The board at `seq` as `viewer` may see it, encoded. `None` only if it cannot be
    /// serialised, which a board of strings and numbers never is.
    pub(super) fn for_viewer(
        &mut self,
        board: &Board,
        seq: u64,
        viewer: &Viewer,
    ) -> Option<&RawValue> {
        if seq != self.seq {
            self.clear();
            self.seq = seq;
        }
        let audience = Audience::of_board(board, viewer);
        if let Some(i) = self.shared.iter().position(|(a, _)| *a == audience) {
            return Some(&self.shared[i].1);
        }
        let raw = match &audience {
            // Nothing is hidden: the room's board is everyone's view, with no copy.
            Audience::Everyone => encode_board(board)?,
            _ => encode_board(&board.as_seen_by(viewer))?,
        };
        if matches!(audience, Audience::Author(_)) {
            return Some(self.authors.insert(raw));
        }
        self.shared.push((audience, raw));
        self.shared.last().map(|(_, raw)| &**raw)
    }
}

fn encode_board(board: &Board) -> Option<Box<RawValue>> {
    metrics::SNAPSHOTS_ENCODED.inc();
    match serde_json::value::to_raw_value(board) {
        Ok(raw) => Some(raw),
        Err(e) => {
            tracing::error!(board = %board.id, error = %e, "could not encode a snapshot");
            None
        }
    }
}
