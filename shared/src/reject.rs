//! Why an op was not applied, and the names its reasons use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{NoteId, PhaseId, SectionId};

/// Which text field a length rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    BoardTitle,
    Description,
    SectionTitle,
    NoteText,
    Name,
    PhaseTitle,
    Instruction,
}

/// What a board may hold only so many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Countable {
    Sections,
    Notes,
    Phases,
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
    /// The phase the op names is not in the board's list.
    UnknownPhase { id: PhaseId },
    /// The new list of phases leaves out the current one: move to another phase first.
    CurrentPhaseRemoved,
    /// The board, or the section the note is (or would be) in, is locked by a facilitator.
    Locked,
    /// The current phase does not take new notes from participants.
    PostingClosed,
    /// A new section, note or phase reuses an id that is already taken, or the `op_id` is one that
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
            Field::PhaseTitle => "phase title",
            Field::Instruction => "phase instruction",
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
            RejectReason::UnknownPhase { id } => write!(f, "no phase {id}"),
            RejectReason::CurrentPhaseRemoved => {
                write!(
                    f,
                    "the current phase cannot be removed; move to another first"
                )
            }
            RejectReason::Locked => write!(f, "the board or section is locked"),
            RejectReason::PostingClosed => write!(f, "this phase takes no new notes"),
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
                    Countable::Phases => "phases",
                };
                write!(f, "a board holds at most {max} {what}")
            }
            RejectReason::InvalidOp { detail } => write!(f, "the op is invalid: {detail}"),
            RejectReason::StorageUnavailable => write!(f, "storage is unavailable; try again"),
            RejectReason::RateLimited => write!(f, "too many ops; slow down and send it again"),
        }
    }
}
