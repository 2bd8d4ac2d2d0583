//! Why an op was not applied, and the names its reasons use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{CommentId, NoteId, PhaseId, SectionId, TaskId, ThemeId};

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
    CommentText,
    ThemeTitle,
    TaskTitle,
    TaskOwner,
    FeedbackText,
}

/// What a board may hold only so many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Countable {
    Sections,
    Notes,
    Phases,
    Comments,
    Themes,
    Tasks,
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
    /// The comment the op names does not exist (any more), or the sender may not see it.
    UnknownComment { id: CommentId },
    /// The theme the op names does not exist (any more).
    UnknownTheme { id: ThemeId },
    /// The task the op names does not exist (any more).
    UnknownTask { id: TaskId },
    /// The phase the op names is not in the board's list.
    UnknownPhase { id: PhaseId },
    /// The new list of phases leaves out the current one: move to another phase first.
    CurrentPhaseRemoved,
    /// The board, or the section the note is (or would be) in, is locked by a facilitator.
    Locked,
    /// The current phase does not take new notes from participants.
    PostingClosed,
    /// The current phase does not open voting.
    VotingClosed,
    /// The sender has `budget` votes on the board already: take one back first.
    BudgetSpent { budget: u32 },
    /// Votes do not stack on this board and the sender already has one on this note or theme.
    AlreadyVoted,
    /// The sender has no vote on this note or theme to take back.
    NoVote,
    /// The facilitators have not opened the tasks for volunteers.
    VolunteeringClosed,
    /// Someone already owns the task: only a facilitator changes its owner.
    TaskTaken,
    /// A due date is not a calendar date written `YYYY-MM-DD`.
    BadDate,
    /// A vote budget is zero or more than `max`.
    BadBudget { max: u32 },
    /// The new voting rules would leave a ballot already cast over the budget or stacked:
    /// clear the votes first, or keep the rules.
    VotesCast,
    /// The timer op needs a timer in another state: pausing a running one, resuming a paused
    /// one, extending or stopping one that exists.
    TimerState,
    /// A duration is zero, or longer than `max_ms` (the timer's limit).
    BadDuration {
        #[ts(type = "number")]
        max_ms: u64,
    },
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
    /// The text holds a Finnish personal identity code (henkilötunnus), which must never be
    /// stored on a board (see `personal_data`). Take it out and send the text again.
    PersonalData,
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
            Field::CommentText => "comment text",
            Field::ThemeTitle => "theme title",
            Field::TaskTitle => "task title",
            Field::TaskOwner => "task owner",
            Field::FeedbackText => "feedback text",
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
            RejectReason::UnknownComment { id } => write!(f, "no comment {id}"),
            RejectReason::UnknownTheme { id } => write!(f, "no theme {id}"),
            RejectReason::UnknownTask { id } => write!(f, "no task {id}"),
            RejectReason::VolunteeringClosed => write!(f, "tasks are not open for volunteers"),
            RejectReason::TaskTaken => write!(f, "someone already owns the task"),
            RejectReason::BadDate => write!(f, "a due date is written YYYY-MM-DD"),
            RejectReason::VotingClosed => write!(f, "this phase is not for voting"),
            RejectReason::BudgetSpent { budget } => {
                write!(f, "all {budget} votes are spent; take one back first")
            }
            RejectReason::AlreadyVoted => write!(f, "you already have a vote on it"),
            RejectReason::NoVote => write!(f, "you have no vote on it to take back"),
            RejectReason::BadBudget { max } => {
                write!(f, "a vote budget is between 1 and {max}")
            }
            RejectReason::VotesCast => {
                write!(
                    f,
                    "votes already cast break the new rules; clear them first"
                )
            }
            RejectReason::TimerState => write!(f, "the timer is not in a state for this"),
            RejectReason::BadDuration { max_ms } => {
                write!(f, "the duration must be between 1 ms and {max_ms} ms")
            }
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
            RejectReason::PersonalData => {
                write!(f, "the text contains a personal identity code; remove it")
            }
            RejectReason::LimitReached { what, max } => {
                let what = match what {
                    Countable::Sections => "sections",
                    Countable::Notes => "notes",
                    Countable::Phases => "phases",
                    Countable::Comments => "comments",
                    Countable::Themes => "themes",
                    Countable::Tasks => "tasks",
                };
                write!(f, "a board holds at most {max} {what}")
            }
            RejectReason::InvalidOp { detail } => write!(f, "the op is invalid: {detail}"),
            RejectReason::StorageUnavailable => write!(f, "storage is unavailable; try again"),
            RejectReason::RateLimited => write!(f, "too many ops; slow down and send it again"),
        }
    }
}
