use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Colour, Status, Timestamp};
use crate::ids::{NoteId, ParticipantId, SectionId, ThemeId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Note {
    pub id: NoteId,
    pub section: SectionId,
    pub text: String,
    pub colour: Colour,
    pub author: ParticipantId,
    /// The author's display name when they posted; `null` means anonymous.
    pub author_name: Option<String>,
    /// Fractional order key within the section (byte order).
    pub order: String,
    #[ts(type = "number")]
    pub created_at: Timestamp,
    #[ts(type = "number")]
    pub updated_at: Timestamp,
    /// Written in a private phase and not yet revealed: only its author and the facilitators
    /// see it (see `visibility`).
    #[serde(default)]
    pub private: bool,
    /// Moderation: pending approval, or hidden by a facilitator (see `visibility`).
    #[serde(default)]
    pub status: Status,
    /// The theme a facilitator gathered it into, if any.
    #[serde(default)]
    pub theme: Option<ThemeId>,
}
