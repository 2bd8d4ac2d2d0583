use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The board's working language: it picks the UI language a joiner starts with, and the
/// language board content is marked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fi,
    Sv,
    En,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardMeta {
    pub title: String,
    /// The case material: shown pinned above the sections.
    pub description: String,
    pub language: Language,
}

/// How the projector view shows the board. Display choices only: the projector key sees what a
/// participant who wrote nothing sees, whatever these say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProjectorSettings {
    /// Authors' names on the notes; off by default, so a room does not read who wrote what.
    pub show_names: bool,
    /// The case material unfolded; folded to its title when off.
    pub show_case: bool,
}

impl Default for ProjectorSettings {
    fn default() -> Self {
        ProjectorSettings {
            show_names: false,
            show_case: true,
        }
    }
}
