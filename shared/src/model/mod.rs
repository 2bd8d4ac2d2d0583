//! The board. The server's room owns one `Board` per loaded board and changes it only through
//! [`Board::absorb`]; clients hold the same structure, as `visibility` shows it to them, and
//! absorb the same changes (redacted for them), so both sides agree by construction.

mod comment;
mod meta;
mod note;
mod phase;
mod section;
mod series;
mod status;
mod task;
mod theme;
mod timer;
mod vote;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::Change;
use crate::ids::{BoardId, CommentId, NoteId, ParticipantId, PhaseId, SectionId, TaskId, ThemeId};
pub use comment::Comment;
pub use meta::{BoardMeta, Language, ProjectorSettings};
pub use note::Note;
pub use phase::Phase;
pub use section::Section;
pub use series::SeriesLink;
pub use status::Status;
pub use task::{Task, TaskStatus, is_calendar_date};
pub use theme::Theme;
pub use timer::Timer;
pub use vote::{VoteCounts, VoteTarget, VotingRules};

/// Milliseconds since the Unix epoch, as the server's clock saw it.
pub type Timestamp = u64;

/// Sticky-note and section colours. A fixed palette, so that every colour is known to keep text
/// readable (WCAG AA contrast) in the web app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Yellow,
    Pink,
    Blue,
    Green,
    Orange,
    Purple,
}

/// A whole board: what a snapshot carries and what a room holds in memory. Fields added after
/// the first release default, so older stored snapshots still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Board {
    pub id: BoardId,
    pub meta: BoardMeta,
    pub sections: BTreeMap<SectionId, Section>,
    pub notes: BTreeMap<NoteId, Note>,
    /// The workshop's steps, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// The current phase; `null` before the facilitator starts one: posting is open and
    /// nothing is private.
    #[serde(default)]
    pub phase: Option<PhaseId>,
    /// Participants may not post, edit, move or delete notes anywhere.
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub projector: ProjectorSettings,
    /// Notes this viewer may not see, each with the section it is in: how "3 notes in group X"
    /// is known without the notes. Only a view made by `as_seen_by` fills it; the room's own
    /// board keeps every note in `notes` and this empty.
    #[serde(default)]
    pub hidden_notes: BTreeMap<NoteId, SectionId>,
    #[serde(default)]
    pub comments: BTreeMap<CommentId, Comment>,
    #[serde(default)]
    pub themes: BTreeMap<ThemeId, Theme>,
    #[serde(default)]
    pub voting: VotingRules,
    /// Each participant's votes. A view holds only the viewer's own.
    #[serde(default)]
    pub ballots: BTreeMap<ParticipantId, VoteCounts>,
    /// Votes per note and theme, all participants together. A view holds them only while the
    /// viewer may see them: a facilitator always, everyone else while the phase shows votes.
    #[serde(default)]
    pub vote_totals: VoteCounts,
    /// New notes and comments from participants wait for a facilitator's approval.
    #[serde(default)]
    pub approve_first: bool,
    #[serde(default)]
    pub timer: Option<Timer>,
    /// Follow-up tasks, seen by everyone.
    #[serde(default)]
    pub tasks: BTreeMap<TaskId, Task>,
    /// Participants may volunteer as the owner of an unowned task.
    #[serde(default)]
    pub volunteering: bool,
    /// Set when the board was started as the next part of another (facilitators only).
    #[serde(default)]
    pub previous_part: Option<SeriesLink>,
    /// Feedback is open: every participant and facilitator screen offers the form.
    #[serde(default)]
    pub feedback_open: bool,
}

impl Board {
    pub fn new(id: BoardId, meta: BoardMeta) -> Self {
        Board {
            id,
            meta,
            sections: BTreeMap::new(),
            notes: BTreeMap::new(),
            phases: Vec::new(),
            phase: None,
            locked: false,
            projector: ProjectorSettings::default(),
            hidden_notes: BTreeMap::new(),
            comments: BTreeMap::new(),
            themes: BTreeMap::new(),
            voting: VotingRules::default(),
            ballots: BTreeMap::new(),
            vote_totals: VoteCounts::default(),
            approve_first: false,
            timer: None,
            tasks: BTreeMap::new(),
            volunteering: false,
            previous_part: None,
            feedback_open: false,
        }
    }

    /// Takes in the effect of an accepted op. Changes are upserts and removals, so absorbing
    /// the same change twice leaves the same board. What hangs on a removed entity goes with
    /// it here, on every copy alike: a note's comments and votes, a theme's votes and members.
    pub fn absorb(&mut self, change: &Change) {
        match change {
            Change::Board { meta } => self.meta = meta.clone(),
            Change::Section { section } => {
                self.sections.insert(section.id.clone(), section.clone());
            }
            Change::SectionRemoved { id } => {
                self.sections.remove(id);
            }
            Change::Note { note } => {
                self.hidden_notes.remove(&note.id);
                // A hidden note holds no votes: they go back to their voters.
                if note.status == Status::Hidden {
                    self.forget_votes(&VoteTarget::Note(note.id.clone()));
                }
                self.notes.insert(note.id.clone(), note.clone());
            }
            Change::HiddenNote { id, section } => {
                self.notes.remove(id);
                self.comments.retain(|_, c| &c.note != id);
                self.hidden_notes.insert(id.clone(), section.clone());
            }
            Change::NoteRemoved { id } => {
                self.notes.remove(id);
                self.hidden_notes.remove(id);
                self.comments.retain(|_, c| &c.note != id);
                self.forget_votes(&VoteTarget::Note(id.clone()));
            }
            Change::Comment { comment } => {
                self.comments.insert(comment.id.clone(), comment.clone());
            }
            Change::CommentRemoved { id } => {
                self.comments.remove(id);
            }
            Change::Theme { theme } => {
                self.themes.insert(theme.id.clone(), theme.clone());
            }
            Change::ThemeRemoved { id } => {
                self.themes.remove(id);
                for note in self.notes.values_mut() {
                    if note.theme.as_ref() == Some(id) {
                        note.theme = None;
                    }
                }
                self.forget_votes(&VoteTarget::Theme(id.clone()));
            }
            Change::VotingRules { rules } => self.voting = *rules,
            Change::Ballot {
                voter,
                target,
                count,
            } => {
                let ballot = self.ballots.entry(voter.clone()).or_default();
                ballot.set(target, *count);
                if ballot.is_empty() {
                    self.ballots.remove(voter);
                }
            }
            Change::VoteTotal { target, total } => self.vote_totals.set(target, *total),
            Change::VoteTotals { totals } => self.vote_totals.clone_from(totals),
            Change::VotesCleared => {
                self.ballots.clear();
                self.vote_totals = VoteCounts::default();
            }
            Change::ApproveFirst { on } => self.approve_first = *on,
            Change::FeedbackOpen { open } => self.feedback_open = *open,
            Change::Timer { timer } => self.timer = *timer,
            Change::Task { task } => {
                self.tasks.insert(task.id.clone(), task.clone());
            }
            Change::TaskRemoved { id } => {
                self.tasks.remove(id);
            }
            Change::Volunteering { open } => self.volunteering = *open,
            Change::SectionOrder { id, order } => {
                if let Some(section) = self.sections.get_mut(id) {
                    section.order.clone_from(order);
                }
            }
            Change::NoteOrder { id, order } => {
                if let Some(note) = self.notes.get_mut(id) {
                    note.order.clone_from(order);
                }
            }
            Change::Phases { phases } => self.phases.clone_from(phases),
            Change::CurrentPhase { id } => self.phase.clone_from(id),
            Change::BoardLock { locked } => self.locked = *locked,
            Change::Projector { settings } => self.projector = *settings,
        }
    }

    /// Takes every vote off `target`, from the totals and from each ballot.
    fn forget_votes(&mut self, target: &VoteTarget) {
        self.vote_totals.set(target, 0);
        self.ballots.retain(|_, ballot| {
            ballot.set(target, 0);
            !ballot.is_empty()
        });
    }

    /// Sections in display order.
    pub fn ordered_sections(&self) -> Vec<&Section> {
        let mut sections: Vec<&Section> = self.sections.values().collect();
        sections.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        sections
    }

    /// The notes of one section in display order.
    pub fn notes_in(&self, section: &SectionId) -> Vec<&Note> {
        let mut notes: Vec<&Note> = self
            .notes
            .values()
            .filter(|n| &n.section == section)
            .collect();
        notes.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        notes
    }

    /// The phase the board is in, if one has been started.
    pub fn current_phase(&self) -> Option<&Phase> {
        let id = self.phase.as_ref()?;
        self.phases.iter().find(|p| &p.id == id)
    }

    /// Whether a participant's new note is private now.
    pub fn writing_is_private(&self) -> bool {
        self.current_phase().is_some_and(|p| p.private_notes)
    }

    /// Whether participants may post new notes now.
    pub fn posting_is_open(&self) -> bool {
        self.current_phase().is_none_or(|p| p.posting_open)
    }

    /// Whether participants may vote now.
    pub fn voting_is_open(&self) -> bool {
        self.current_phase().is_some_and(|p| p.voting_open)
    }

    /// Whether everyone, not only the facilitators, sees the vote totals now.
    pub fn votes_are_shown(&self) -> bool {
        self.current_phase().is_some_and(|p| p.votes_shown)
    }

    /// Tasks in the order they were made.
    pub fn ordered_tasks(&self) -> Vec<&Task> {
        let mut tasks: Vec<&Task> = self.tasks.values().collect();
        tasks.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        tasks
    }

    /// The comments on one note, oldest first.
    pub fn comments_on(&self, note: &NoteId) -> Vec<&Comment> {
        let mut comments: Vec<&Comment> =
            self.comments.values().filter(|c| &c.note == note).collect();
        comments.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        comments
    }
}
