use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where moderation has put a note or comment. Moderation is visibility, never deletion: a
/// hidden one stays in the log and the export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Seen by everyone who may see it otherwise.
    #[default]
    Visible,
    /// Posted in approve-first mode and not yet approved: only its author and the facilitators
    /// see it.
    Pending,
    /// Hidden by a facilitator: only the facilitators see it.
    Hidden,
}
