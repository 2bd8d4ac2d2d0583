//! Ops are what a client asks for; [`Change`](crate::change::Change)s are what the server says
//! happened. A client never re-runs business rules: it upserts the changes it is sent.
//! This enum is the protocol's table of contents, grouped by what an op is about.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{CommentId, NoteId, PhaseId, SectionId, TaskId, ThemeId};
use crate::model::{
    BoardMeta, Colour, Phase, ProjectorSettings, Status, TaskStatus, VoteTarget, VotingRules,
};

/// One edit a client asks for. New sections and notes carry client-made ids, so a resent op
/// names the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Op {
    // The board (facilitator only).
    /// Set the title, case material and language.
    UpdateBoard {
        meta: BoardMeta,
    },
    /// Lock or unlock the whole board: while locked, participants change no note.
    LockBoard {
        locked: bool,
    },
    /// How the projector view shows the board.
    SetProjector {
        settings: ProjectorSettings,
    },
    /// Turn approve-first moderation on or off: while on, participants' new notes and comments
    /// wait for a facilitator's approval. Turning it off approves nothing by itself.
    SetApproveFirst {
        on: bool,
    },
    /// Open or close feedback: while open, every participant and facilitator screen offers the
    /// feedback form. The answers go over HTTP into their own table, never into this log.
    SetFeedbackOpen {
        open: bool,
    },

    // Phases (facilitator only).
    /// Replace the list of phases. The current phase may not be left out.
    SetPhases {
        phases: Vec<Phase>,
    },
    /// Move to any phase, forward, back or skipping; `null` leaves the phases. Moving to a
    /// phase that does not keep notes private reveals every private note, in this one op.
    GoToPhase {
        id: Option<PhaseId>,
    },

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
    LockSection {
        id: SectionId,
        locked: bool,
    },
    /// Delete a section together with its notes.
    DeleteSection {
        id: SectionId,
    },

    // Notes.
    /// A facilitator or participant: post a note at the end of a section. A facilitator may
    /// post on someone's behalf: `on_behalf_of` is shown as its author (e.g. "Pöytä 3"), and
    /// the note is the facilitator's to edit.
    PostNote {
        id: NoteId,
        section: SectionId,
        text: String,
        colour: Colour,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        on_behalf_of: Option<String>,
    },
    /// The author or a facilitator: replace a note's text.
    EditNote {
        id: NoteId,
        text: String,
    },
    /// The author or a facilitator: change a note's colour.
    RecolourNote {
        id: NoteId,
        colour: Colour,
    },
    /// The author or a facilitator: put a note into `section`, just before `before`, or last
    /// when `before` is null.
    MoveNote {
        id: NoteId,
        section: SectionId,
        before: Option<NoteId>,
    },
    /// The author or a facilitator: delete a note, with its comments and the votes on it.
    DeleteNote {
        id: NoteId,
    },

    // Comments: on a note the sender can see, one level deep.
    /// Anyone but the projector: comment on a note.
    PostComment {
        id: CommentId,
        note: NoteId,
        text: String,
    },
    /// The author or a facilitator: replace a comment's text.
    EditComment {
        id: CommentId,
        text: String,
    },
    /// The author or a facilitator: delete a comment.
    DeleteComment {
        id: CommentId,
    },

    // Moderation (facilitator only).
    /// Approve (`visible`) or hide (`hidden`) a note. Hiding gives its votes back.
    ModerateNote {
        id: NoteId,
        status: Status,
    },
    /// Approve (`visible`) or hide (`hidden`) a comment.
    ModerateComment {
        id: CommentId,
        status: Status,
    },

    // Votes.
    /// A facilitator: the budget and whether votes may stack on one note. Refused while a
    /// ballot already breaks the new rules.
    SetVoting {
        rules: VotingRules,
    },
    /// A participant, while the phase opens voting: put one vote on a note or theme.
    CastVote {
        target: VoteTarget,
    },
    /// A participant, while the phase opens voting: take one of their votes back.
    RetractVote {
        target: VoteTarget,
    },
    /// A facilitator: take every vote off the board, for a new round.
    ClearVotes,

    // Themes (facilitator only).
    /// Make a theme to gather notes from different groups into.
    AddTheme {
        id: ThemeId,
        title: String,
    },
    RenameTheme {
        id: ThemeId,
        title: String,
    },
    /// Delete a theme: its notes stay where they are, in no theme.
    DeleteTheme {
        id: ThemeId,
    },
    /// Put a note into a theme, or take it out with `null`.
    SetNoteTheme {
        note: NoteId,
        theme: Option<ThemeId>,
    },

    // Follow-up tasks: everyone sees them, facilitators make and change them, and participants
    // may volunteer as owners while the facilitator allows it.
    /// A facilitator: add a task at the end of the list, open. `owner` may be empty (no one
    /// yet); `due` is a calendar date `YYYY-MM-DD` or null; `from_note` links the note it was
    /// made from, which must exist.
    AddTask {
        id: TaskId,
        title: String,
        owner: String,
        due: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        from_note: Option<NoteId>,
    },
    /// A facilitator: replace a task's title, owner and due date. The link to its note stays.
    EditTask {
        id: TaskId,
        title: String,
        owner: String,
        due: Option<String>,
    },
    /// A facilitator: open, in progress or done.
    SetTaskStatus {
        id: TaskId,
        status: TaskStatus,
    },
    /// A facilitator: delete a task. Its note, if any, stays.
    DeleteTask {
        id: TaskId,
    },
    /// A facilitator: let participants volunteer as owners of unowned tasks, or stop them.
    SetVolunteering {
        open: bool,
    },
    /// A participant, while volunteering is open: become the owner of a task no one owns,
    /// written as `owner` (a name or an organisation). Only a facilitator changes an owner
    /// once set, so of two who volunteer at once the first wins and the second is refused.
    VolunteerForTask {
        id: TaskId,
        owner: String,
    },

    // The timer (facilitator only).
    /// Start a countdown of `duration_ms`, replacing any timer.
    StartTimer {
        #[ts(type = "number")]
        duration_ms: u64,
    },
    PauseTimer,
    ResumeTimer,
    /// Add time to a running or paused timer; one that has run out starts again from now.
    ExtendTimer {
        #[ts(type = "number")]
        by_ms: u64,
    },
    /// Remove the timer from every screen.
    StopTimer,
}
