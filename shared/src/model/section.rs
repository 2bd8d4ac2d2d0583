use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Colour;
use crate::ids::SectionId;

/// One small group or theme: a column of notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub colour: Colour,
    /// Fractional order key: sections sort by it (byte order).
    pub order: String,
    /// Participants may not post, edit, move or delete notes here.
    #[serde(default)]
    pub locked: bool,
}
