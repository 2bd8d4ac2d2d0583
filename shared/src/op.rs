//! Ops are what a client asks for; [`Change`](crate::change::Change)s are what the server says
//! happened. A client never re-runs business rules: it upserts the changes it is sent.
//! This enum is the protocol's table of contents, grouped by what an op is about.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{NoteId, PhaseId, SectionId};
use crate::model::{BoardMeta, Colour, Phase, ProjectorSettings};

/// One edit a client asks for. New sections and notes carry client-made ids, so a resent op
/// names the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Op {
    // The board (facilitator only).
    /// Set the title, case material and language.
    UpdateBoard { meta: BoardMeta },
    /// Lock or unlock the whole board: while locked, participants change no note.
    LockBoard { locked: bool },
    /// How the projector view shows the board.
    SetProjector { settings: ProjectorSettings },

    // Phases (facilitator only).
    /// Replace the list of phases. The current phase may not be left out.
    SetPhases { phases: Vec<Phase> },
    /// Move to any phase, forward, back or skipping; `null` leaves the phases. Moving to a
    /// phase that does not keep notes private reveals every private note, in this one op.
    GoToPhase { id: Option<PhaseId> },

    // Sections (facilitator only).
    /// Add a section at the end.
    AddSection {
        id: SectionId,
        title: String,
        colour: Colour,
    },
    /// Rename or recolour a section.
    UpdateSection {
        id: SectionId,
        title: String,
        colour: Colour,
    },
    /// Put a section just before `before`, or last when `before` is null.
    MoveSection {
        id: SectionId,
        before: Option<SectionId>,
    },
    /// Lock or unlock one section: while locked, participants change no note in it.
    LockSection { id: SectionId, locked: bool },
    /// Delete a section together with its notes.
    DeleteSection { id: SectionId },

    // Notes.
    /// A facilitator or participant: post a note at the end of a section.
    PostNote {
        id: NoteId,
        section: SectionId,
        text: String,
        colour: Colour,
    },
    /// The author or a facilitator: replace a note's text.
    EditNote { id: NoteId, text: String },
    /// The author or a facilitator: change a note's colour.
    RecolourNote { id: NoteId, colour: Colour },
    /// The author or a facilitator: put a note into `section`, just before `before`, or last
    /// when `before` is null.
    MoveNote {
        id: NoteId,
        section: SectionId,
        before: Option<NoteId>,
    },
    /// The author or a facilitator: delete a note.
    DeleteNote { id: NoteId },
}
