use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Timestamp;
use crate::ids::ThemeId;

/// Similar notes from different groups, gathered under one name by a facilitator. A note names
/// its theme (`Note::theme`) and keeps its group and its votes; a theme can take votes of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Theme {
    pub id: ThemeId,
    pub title: String,
    /// Themes are listed in the order they were made.
    #[ts(type = "number")]
    pub created_at: Timestamp,
}
