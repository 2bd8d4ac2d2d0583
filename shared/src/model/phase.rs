use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::PhaseId;

/// One step of a workshop. Phases are data, not a fixed enum: each template has its own list,
/// and the switches are what `apply` and visibility follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Phase {
    pub id: PhaseId,
    pub title: String,
    /// What the room should do now, in the board's language.
    pub instruction: String,
    /// Participants may post new notes.
    pub posting_open: bool,
    /// A participant's new note is seen only by its author and the facilitators until the
    /// board moves to a phase without this switch (the reveal).
    pub private_notes: bool,
    /// Participants may vote (used by voting).
    pub voting_open: bool,
    /// Vote totals are shown to everyone, not only to facilitators (used by voting).
    pub votes_shown: bool,
}
