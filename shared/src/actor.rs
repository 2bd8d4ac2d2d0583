//! Who is acting, and who is looking: the roles on a board, the actor an op comes from, and the
//! viewer a snapshot or change is redacted for.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::ParticipantId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Holds a facilitator key: may change anything on the board, and sees every note.
    Facilitator,
    /// Joined with the code: may post, and edit, move and delete their own notes.
    Participant,
    /// Holds the projector key, for the screen at the front of the room (often a venue PC):
    /// sees the board as a participant who wrote nothing would, and may change nothing.
    Projector,
}

/// Who sent an op, as the server established it from their token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub participant: ParticipantId,
    pub role: Role,
    /// Display name; `None` is anonymous.
    pub name: Option<String>,
}

impl Actor {
    pub fn viewer(&self) -> Viewer {
        Viewer {
            role: self.role,
            participant: self.participant.clone(),
        }
    }
}

/// Who a board or change is shown to: what they may see depends on their role and, for a
/// participant, on which notes are their own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Viewer {
    pub role: Role,
    pub participant: ParticipantId,
}
