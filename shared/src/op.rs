//! Ops are what a client asks for; changes are what the server says happened. A client never
//! re-runs business rules: it upserts the changes it is sent.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{NoteId, SectionId};
use crate::model::{BoardMeta, Colour, Note, Section};

/// One edit a client asks for. New sections and notes carry client-made ids, so a resent op
/// names the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Op {
    /// Facilitator: set the title, case material and language.
    UpdateBoard { meta: BoardMeta },
    /// Facilitator: add a section at the end.
    AddSection {
        id: SectionId,
        title: String,
        colour: Colour,
    },
    /// Facilitator: rename or recolour a section.
    UpdateSection {
        id: SectionId,
        title: String,
        colour: Colour,
    },
    /// Facilitator: put a section just before `before`, or last when `before` is null.
    MoveSection {
        id: SectionId,
        before: Option<SectionId>,
    },
    /// Facilitator: delete a section together with its notes.
    DeleteSection { id: SectionId },
    /// A facilitator or participant: post a note at the end of a section.
    PostNote {
        id: NoteId,
        section: SectionId,
        text: String,
        colour: Colour,
    },
    /// The author or the facilitator: replace a note's text.
    EditNote { id: NoteId, text: String },
    /// The author or the facilitator: change a note's colour.
    RecolourNote { id: NoteId, colour: Colour },
    /// The author or the facilitator: put a note into `section`, just before `before`, or last
    /// when `before` is null.
    MoveNote {
        id: NoteId,
        section: SectionId,
        before: Option<NoteId>,
    },
    /// The author or the facilitator: delete a note.
    DeleteNote { id: NoteId },
}

/// The effect of an accepted op on one entity: its new version, or its removal.
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
    NoteRemoved {
        id: NoteId,
    },
    /// Only a section's order key changed: the server renumbered the board's sections to keep
    /// keys short. Carries no content, so renumbering a whole board stays small.
    SectionOrder {
        id: SectionId,
        order: String,
    },
    /// Only a note's order key changed: the server renumbered its section's notes.
    NoteOrder {
        id: NoteId,
        order: String,
    },
}

/// Which text field a length rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    BoardTitle,
    Description,
    SectionTitle,
    NoteText,
    Name,
}

/// What a board may hold only so many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Countable {
    Sections,
    Notes,
}

/// Why an op was not applied. Sent only to the op's sender. Every reason but
/// `StorageUnavailable` and `RateLimited` is final: resending the same op gets the same answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RejectReason {
    /// Your role may not do this (for example, editing someone else's note).
    Forbidden,
    /// The section the op names does not exist (any more).
    UnknownSection { id: SectionId },
    /// The note the op names does not exist (any more).
    UnknownNote { id: NoteId },
    /// A new section or note reuses an id that is already taken, or the `op_id` is one that
    /// another participant's op already used.
    DuplicateId,
    /// `before` names the entity itself, or a note in another section.
    BadPosition,
    /// A text field is empty, or shows nothing: only whitespace and invisible characters
    /// such as U+200B.
    Empty { field: Field },
    /// A text field is longer than its limit, counted in characters.
    TooLong { field: Field, max: u32 },
    /// The board already holds the most it may.
    LimitReached { what: Countable, max: u32 },
    /// The op could not be decoded; `detail` says what was wrong with it.
    InvalidOp { detail: String },
    /// The server could not store the op. It was not applied; sending it again later is safe.
    StorageUnavailable,
    /// The connection sent ops faster than its rate limit. The op was not applied; send it
    /// again after a pause. A client that keeps sending is disconnected (close 4429).
    RateLimited,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Field::BoardTitle => "board title",
            Field::Description => "description",
            Field::SectionTitle => "section title",
            Field::NoteText => "note text",
            Field::Name => "name",
        })
    }
}

/// For logs and HTTP error messages; the web app words reasons itself, in the user's language.
impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RejectReason::Forbidden => write!(f, "your role may not do this"),
            RejectReason::UnknownSection { id } => write!(f, "no section {id}"),
            RejectReason::UnknownNote { id } => write!(f, "no note {id}"),
            RejectReason::DuplicateId => write!(f, "the id is already taken"),
            RejectReason::BadPosition => {
                write!(f, "`before` must be another entity in the same place")
            }
            RejectReason::Empty { field } => write!(f, "the {field} is empty"),
            RejectReason::TooLong { field, max } => {
                write!(f, "the {field} is longer than {max} characters")
            }
            RejectReason::LimitReached { what, max } => {
                let what = match what {
                    Countable::Sections => "sections",
                    Countable::Notes => "notes",
                };
                write!(f, "a board holds at most {max} {what}")
            }
            RejectReason::InvalidOp { detail } => write!(f, "the op is invalid: {detail}"),
            RejectReason::StorageUnavailable => write!(f, "storage is unavailable; try again"),
            RejectReason::RateLimited => write!(f, "too many ops; slow down and send it again"),
        }
    }
}
