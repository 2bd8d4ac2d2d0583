//! The WebSocket protocol: one JSON object per text frame, tagged by `type`.
//! docs/protocol.md describes the conversation; these types are its single source of truth.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::collections::BTreeMap;

use crate::actor::Role;
use crate::change::Change;
use crate::ids::{BoardId, OpId, ParticipantId, SectionId};
use crate::model::{Board, Timestamp};
use crate::op::Op;
use crate::reject::RejectReason;

/// What a client sends. Its `Debug` leaves the token out, so a logged message leaks no secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    /// The first message on every connection. `token` is a participant token, a facilitator
    /// key or the projector key. `last_seq` is the newest seq the client has absorbed, to
    /// resume from. `group` is the section a participant sits in, if they picked one.
    Hello {
        board: BoardId,
        token: String,
        #[ts(type = "number | null")]
        last_seq: Option<u64>,
        #[serde(default)]
        #[ts(optional)]
        group: Option<SectionId>,
    },
    /// The participant moved to another group (or to none). Presence only: never stored.
    SetGroup { group: Option<SectionId> },
    /// Asks for one edit. Answered by `applied` (to everyone) or `rejected` (to the sender).
    Op { op_id: OpId, op: Op },
}

impl std::fmt::Debug for ClientMsg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientMsg::Hello {
                board,
                token: _,
                last_seq,
                group,
            } => f
                .debug_struct("Hello")
                .field("board", board)
                .field("token", &crate::REDACTED)
                .field("last_seq", last_seq)
                .field("group", group)
                .finish(),
            ClientMsg::SetGroup { group } => {
                f.debug_struct("SetGroup").field("group", group).finish()
            }
            ClientMsg::Op { op_id, op } => f
                .debug_struct("Op")
                .field("op_id", op_id)
                .field("op", op)
                .finish(),
        }
    }
}

/// Who the server took the client to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Me {
    pub participant: ParticipantId,
    pub role: Role,
    pub name: Option<String>,
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// The answer to `hello`. With a `snapshot` (the board as this client may see it), the
    /// client replaces its board with it. Without one, the server still had the history since
    /// `last_seq`: it follows as `applied` messages for every seq after `last_seq` up to `seq`.
    Welcome {
        you: Me,
        /// The board's join code, to show to people who want to join.
        join_code: String,
        #[ts(type = "number")]
        seq: u64,
        snapshot: Option<Box<Board>>,
        online: u32,
        /// Participants online per group (section), for those who picked one.
        groups: BTreeMap<SectionId, u32>,
        /// The server's clock when it sent this (ms since the Unix epoch): a client counts the
        /// timer down against it, whatever its own clock says.
        #[ts(type = "number")]
        server_time: Timestamp,
        /// For facilitators, when the board will be deleted if nothing happens on it; absent
        /// for everyone else, and when the server keeps boards for ever.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        retention: Option<Retention>,
    },
    /// An accepted op and its effect, as this client may see it. Seq numbers per board are
    /// gapless and increase by one, for every client. The sender treats the one with its own
    /// `op_id` as its acknowledgement: it is only sent once the op is durably stored.
    Applied {
        #[ts(type = "number")]
        seq: u64,
        op_id: OpId,
        /// Who made the op; `hidden` to everyone but the facilitators and the actor when the op
        /// wrote, changed or removed the actor's own private note.
        actor: ParticipantId,
        changes: Vec<Change>,
    },
    /// An op that was not applied, sent to its sender only.
    Rejected { op_id: OpId, reason: RejectReason },
    /// How many connections are open on the board, and how many participants sit in each group.
    Presence {
        online: u32,
        groups: BTreeMap<SectionId, u32>,
    },
    /// A message that was not understood or not allowed. The connection stays open unless the
    /// error says otherwise in docs/protocol.md.
    Error { code: ErrorCode, message: String },
}

/// Machine-readable error kinds for [`ServerMsg::Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The frame is not valid JSON.
    MalformedJson,
    /// Valid JSON, but not a message this protocol knows (unknown `type`, missing field…).
    InvalidMessage,
    /// Binary frames are not part of the protocol.
    BinaryNotSupported,
    /// The board in `hello` does not exist.
    UnknownBoard,
    /// The token in `hello` is not valid for that board.
    BadToken,
    /// An `op` arrived before a successful `hello`.
    NotJoined,
    /// A second `hello` on a connection that has already joined.
    AlreadyJoined,
    /// The server cannot serve the board right now (storage failed); try again.
    Unavailable,
    /// A `set_group` over the connection's rate limit (which ops share); it was ignored.
    RateLimited,
    /// A facilitator revoked this connection's key (or made a new projector key): the server
    /// closes the connection (close code 4401), and the key opens nothing any more.
    TokenRevoked,
    /// The board was deleted (by a facilitator, or after its retention period): the server
    /// closes the connection (close code 4410), and nothing of the board is left.
    BoardDeleted,
}

/// When the retention rule will delete the board if nothing happens on it: told to
/// facilitators only, in their `welcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Retention {
    /// The board's last activity plus the retention period (ms since the Unix epoch).
    #[ts(type = "number")]
    pub deletes_at: Timestamp,
    /// The retention period: every op applied to the board moves `deletes_at` to this many
    /// days after it.
    pub inactive_days: u32,
}
