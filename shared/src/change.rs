//! Changes: the effect of an accepted op on one entity, as `applied` carries it. Clients
//! absorb them without re-running any rule. A change is redacted per viewer (`visibility`)
//! before it leaves the server.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{NoteId, PhaseId, SectionId};
use crate::model::{BoardMeta, Note, Phase, ProjectorSettings, Section};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    Board {
        meta: BoardMeta,
    },
    Section {
        section: Section,
    },
    SectionRemoved {
        id: SectionId,
    },
    Note {
        note: Note,
    },
    /// A note this viewer may not see (yet) is now in `section`: the redacted form of `note`,
    /// with nothing of its text, colour or author.
    HiddenNote {
        id: NoteId,
        section: SectionId,
    },
    NoteRemoved {
        id: NoteId,
    },
    /// Only a section's order key changed: the server renumbered the board's sections to keep
    /// keys short. Carries no content, so renumbering a whole board stays small.
    SectionOrder {
        id: SectionId,
        order: String,
    },
    /// Only a note's order key changed: the server renumbered its section's notes. A viewer
    /// who cannot see the note ignores it.
    NoteOrder {
        id: NoteId,
        order: String,
    },
    Phases {
        phases: Vec<Phase>,
    },
    CurrentPhase {
        id: Option<PhaseId>,
    },
    BoardLock {
        locked: bool,
    },
    Projector {
        settings: ProjectorSettings,
    },
}
