//! Changes: the effect of an accepted op on one entity, as `applied` carries it. Clients
//! absorb them without re-running any rule. A change is redacted per viewer (`visibility`)
//! before it leaves the server.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{CommentId, NoteId, ParticipantId, PhaseId, SectionId, TaskId, ThemeId};
use crate::model::{
    BoardMeta, Comment, Note, Phase, ProjectorSettings, Section, Task, Theme, Timer, VoteCounts,
    VoteTarget, VotingRules,
};

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
    /// The note is gone, with its comments and the votes on it; or, redacted, this viewer may
    /// no longer see it (a facilitator hid it).
    NoteRemoved {
        id: NoteId,
    },
    Comment {
        comment: Comment,
    },
    /// The comment is gone, or this viewer may no longer see it.
    CommentRemoved {
        id: CommentId,
    },
    Theme {
        theme: Theme,
    },
    /// The theme is gone: its notes are in no theme, and the votes on it are given back.
    ThemeRemoved {
        id: ThemeId,
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
    VotingRules {
        rules: VotingRules,
    },
    /// `voter` now has `count` votes on `target`. Only the voter is sent it.
    Ballot {
        voter: ParticipantId,
        target: VoteTarget,
        count: u32,
    },
    /// `target` now has `total` votes from everyone. Sent to those who may see totals.
    VoteTotal {
        target: VoteTarget,
        total: u32,
    },
    /// Every total at once, when the phase starts or stops showing them; empty for a viewer
    /// who may not see them any more.
    VoteTotals {
        totals: VoteCounts,
    },
    /// Every vote was taken off the board: a new round of voting.
    VotesCleared,
    ApproveFirst {
        on: bool,
    },
    /// A task, new or changed. Everyone is sent it whole: it holds nothing hidden.
    Task {
        task: Task,
    },
    TaskRemoved {
        id: TaskId,
    },
    /// Whether participants may volunteer as owners of unowned tasks.
    Volunteering {
        open: bool,
    },
    /// Feedback opened or closed.
    FeedbackOpen {
        open: bool,
    },
    /// The countdown; `null` means none.
    Timer {
        timer: Option<Timer>,
    },
}
