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

impl Language {
    /// Its BCP 47 tag, as in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fi => "fi",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
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
    /// The vote results ranked within each group, one list per group; off by default, one
    /// list across all groups. Boards stored before this setting read it as off.
    #[serde(default)]
    pub results_by_group: bool,
}

impl Default for ProjectorSettings {
    fn default() -> Self {
        ProjectorSettings {
            show_names: false,
            show_case: true,
            results_by_group: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ProjectorSettings;

    #[test]
    fn settings_stored_before_results_by_group_read_it_as_off() {
        let old: ProjectorSettings =
            serde_json::from_str(r#"{"show_names":true,"show_case":false}"#).expect("old settings");
        assert_eq!(
            old,
            ProjectorSettings {
                show_names: true,
                show_case: false,
                results_by_group: false,
            }
        );
        // As the log holds them: the op and the change it made.
        let op: crate::Op = serde_json::from_str(
            r#"{"type":"set_projector","settings":{"show_names":true,"show_case":false}}"#,
        )
        .expect("old op");
        assert_eq!(op, crate::Op::SetProjector { settings: old });
        let change: crate::change::Change = serde_json::from_str(
            r#"{"type":"projector","settings":{"show_names":true,"show_case":false}}"#,
        )
        .expect("old change");
        assert_eq!(change, crate::change::Change::Projector { settings: old });
        let new: ProjectorSettings = serde_json::from_str(
            r#"{"show_names":false,"show_case":true,"results_by_group":true}"#,
        )
        .expect("new settings");
        assert!(new.results_by_group);
    }
}
