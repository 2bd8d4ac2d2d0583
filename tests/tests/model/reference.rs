//! The reference model: the board rules and who sees what, as docs/protocol.md and the op
//! documentation state them, written apart from `talkoot_shared::apply` and
//! `talkoot_shared::visibility` so that the model test can catch either being wrong. Sections
//! and notes are plain lists in display order, with no order keys; a view lists the notes a
//! viewer may not see only by id, in their section, when private writing hides them, and not
//! at all when moderation does. Vote totals are never kept: they are worked out from the
//! ballots whenever a view shows them.

use std::collections::{BTreeMap, BTreeSet};

use talkoot_shared::limits::{
    MAX_COMMENT_TEXT_CHARS, MAX_COMMENTS, MAX_INSTRUCTION_CHARS, MAX_NOTE_TEXT_CHARS, MAX_NOTES,
    MAX_PHASE_TITLE_CHARS, MAX_PHASES, MAX_SECTION_TITLE_CHARS, MAX_SECTIONS,
    MAX_THEME_TITLE_CHARS, MAX_THEMES, MAX_VOTE_BUDGET,
};
use talkoot_shared::reject::{Countable, Field};
use talkoot_shared::{
    Board, Colour, CommentId, NoteId, Op, ParticipantId, Phase, PhaseId, ProjectorSettings,
    RejectReason, Role, SectionId, Status, ThemeId, VoteCounts, VoteTarget,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelNote {
    id: NoteId,
    text: String,
    colour: Colour,
    author: ParticipantId,
    /// Written by a participant in a private phase, not yet revealed.
    private: bool,
    /// Pending approval, hidden by a facilitator, or visible.
    status: Status,
    theme: Option<ThemeId>,
}

impl ModelNote {
    /// Everyone may see it: not private, not moderated away.
    fn public(&self) -> bool {
        !self.private && self.status == Status::Visible
    }

    /// A facilitator sees every note; anyone a public one; its author their own, unless a
    /// facilitator hid it.
    fn seen_by(&self, who: &Who) -> bool {
        who.role == Role::Facilitator
            || self.public()
            || (self.author == who.participant && self.status != Status::Hidden)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelComment {
    note: NoteId,
    text: String,
    author: ParticipantId,
    status: Status,
}

impl ModelComment {
    /// On a note the viewer sees: a facilitator sees every comment; anyone a visible one; its
    /// author their own pending one.
    fn seen_by(&self, who: &Who, note: &ModelNote) -> bool {
        note.seen_by(who)
            && (who.role == Role::Facilitator
                || self.status == Status::Visible
                || (self.status == Status::Pending && self.author == who.participant))
    }
}

/// Votes per target, without zeros.
pub type Tally = BTreeMap<VoteTarget, u32>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSection {
    pub id: SectionId,
    title: String,
    colour: Colour,
    locked: bool,
    /// In display order.
    notes: Vec<ModelNote>,
    /// Notes here that the viewer may not see. Always empty in the whole board.
    hidden: BTreeSet<NoteId>,
}

/// The board as display-ordered lists: what a person sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub sections: Vec<ModelSection>,
    pub phases: Vec<Phase>,
    pub phase: Option<PhaseId>,
    locked: bool,
    projector: ProjectorSettings,
    /// Hidden notes said to be in a section the board does not have: never, in the model.
    stray_hidden: BTreeSet<NoteId>,
    comments: BTreeMap<CommentId, ModelComment>,
    /// Theme titles.
    themes: BTreeMap<ThemeId, String>,
    budget: u32,
    stacking: bool,
    /// Each voter's votes, without empty ballots; a view holds only its viewer's.
    ballots: BTreeMap<ParticipantId, Tally>,
    /// The totals a view holds; on the whole board, the sums of the ballots.
    totals: Tally,
    approve_first: bool,
    feedback_open: bool,
}

/// Who acts or looks.
#[derive(Debug, Clone)]
pub struct Who {
    pub participant: ParticipantId,
    pub role: Role,
}

fn text_rule(field: Field, text: &str, max: usize) -> Result<(), RejectReason> {
    if text.trim().is_empty() {
        Err(RejectReason::Empty { field })
    } else {
        length_rule(field, text, max)
    }
}

fn length_rule(field: Field, text: &str, max: usize) -> Result<(), RejectReason> {
    if text.chars().count() > max {
        Err(RejectReason::TooLong {
            field,
            max: max as u32,
        })
    } else {
        Ok(())
    }
}

impl Model {
    /// How a real board, or a viewer's view of one, looks as the model sees it.
    pub fn of(board: &Board) -> Model {
        let sections = board
            .ordered_sections()
            .into_iter()
            .map(|s| ModelSection {
                id: s.id.clone(),
                title: s.title.clone(),
                colour: s.colour,
                locked: s.locked,
                notes: board
                    .notes_in(&s.id)
                    .into_iter()
                    .map(|n| ModelNote {
                        id: n.id.clone(),
                        text: n.text.clone(),
                        colour: n.colour,
                        author: n.author.clone(),
                        private: n.private,
                        status: n.status,
                        theme: n.theme.clone(),
                    })
                    .collect(),
                hidden: board
                    .hidden_notes
                    .iter()
                    .filter(|(_, section)| *section == &s.id)
                    .map(|(id, _)| id.clone())
                    .collect(),
            })
            .collect();
        Model {
            sections,
            phases: board.phases.clone(),
            phase: board.phase.clone(),
            locked: board.locked,
            projector: board.projector,
            stray_hidden: board
                .hidden_notes
                .iter()
                .filter(|(_, section)| !board.sections.contains_key(*section))
                .map(|(id, _)| id.clone())
                .collect(),
            comments: board
                .comments
                .values()
                .map(|c| {
                    let comment = ModelComment {
                        note: c.note.clone(),
                        text: c.text.clone(),
                        author: c.author.clone(),
                        status: c.status,
                    };
                    (c.id.clone(), comment)
                })
                .collect(),
            themes: board
                .themes
                .values()
                .map(|t| (t.id.clone(), t.title.clone()))
                .collect(),
            budget: board.voting.budget,
            stacking: board.voting.stacking,
            ballots: board
                .ballots
                .iter()
                .map(|(voter, ballot)| (voter.clone(), tally(ballot)))
                .collect(),
            totals: tally(&board.vote_totals),
            approve_first: board.approve_first,
            feedback_open: board.feedback_open,
        }
    }

    /// The board as `viewer` may see it: a note as `ModelNote::seen_by` says; of a private
    /// note they may not see, everyone else (the projector too) is told its id and section,
    /// and of a pending or hidden one nothing. The comments they may see; their own ballot;
    /// the totals if they are a facilitator or the phase shows votes.
    pub fn seen_by(&self, viewer: &Who) -> Model {
        let mut view = self.clone();
        for section in &mut view.sections {
            let (seen, unseen): (Vec<ModelNote>, Vec<ModelNote>) =
                section.notes.drain(..).partition(|n| n.seen_by(viewer));
            section.notes = seen;
            let hidden = unseen.into_iter().filter(|n| n.status == Status::Visible);
            section.hidden.extend(hidden.map(|n| n.id));
        }
        view.comments
            .retain(|_, c| self.find(&c.note).is_some_and(|n| c.seen_by(viewer, n)));
        view.ballots.retain(|voter, _| voter == &viewer.participant);
        let shown = self.current_phase().is_some_and(|p| p.votes_shown);
        if viewer.role != Role::Facilitator && !shown {
            view.totals.clear();
        }
        view
    }

    /// Notes `viewer` may not see, over the whole board.
    pub fn hidden_count(&self) -> usize {
        self.sections.iter().map(|s| s.hidden.len()).sum()
    }

    /// Comments on the board.
    pub fn comment_count(&self) -> usize {
        self.comments.len()
    }

    /// Votes on the board, all voters together.
    pub fn vote_count(&self) -> u32 {
        self.ballots.values().flat_map(|b| b.values()).sum()
    }

    /// Each voter's ballot, as a board holds it.
    pub fn ballots(&self) -> BTreeMap<ParticipantId, VoteCounts> {
        let counts = |ballot: &Tally| {
            let mut counts = VoteCounts::default();
            for (target, n) in ballot {
                match target {
                    VoteTarget::Note(id) => counts.notes.insert(id.clone(), *n),
                    VoteTarget::Theme(id) => counts.themes.insert(id.clone(), *n),
                };
            }
            counts
        };
        self.ballots
            .iter()
            .map(|(voter, ballot)| (voter.clone(), counts(ballot)))
            .collect()
    }

    /// Notes and comments waiting for approval.
    pub fn pending_count(&self) -> usize {
        let notes = self.sections.iter().flat_map(|s| &s.notes);
        let pending_notes = notes.filter(|n| n.status == Status::Pending).count();
        pending_notes
            + self
                .comments
                .values()
                .filter(|c| c.status == Status::Pending)
                .count()
    }

    /// Private notes on the board.
    pub fn private_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.notes)
            .filter(|n| n.private)
            .count()
    }

    fn section(&self, id: &SectionId) -> Result<usize, RejectReason> {
        self.sections
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| RejectReason::UnknownSection { id: id.clone() })
    }

    fn find(&self, id: &NoteId) -> Option<&ModelNote> {
        self.sections
            .iter()
            .flat_map(|s| &s.notes)
            .find(|n| &n.id == id)
    }

    /// (section index, note index) of a note the actor sees; one they do not is unknown.
    fn seen_note(&self, who: &Who, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        let (s, n) = self.note(id)?;
        if !self.sections[s].notes[n].seen_by(who) {
            return Err(RejectReason::UnknownNote { id: id.clone() });
        }
        Ok((s, n))
    }

    /// (section index, note index) of a note.
    pub fn note(&self, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        self.sections
            .iter()
            .enumerate()
            .find_map(|(s, sec)| sec.notes.iter().position(|n| &n.id == id).map(|n| (s, n)))
            .ok_or_else(|| RejectReason::UnknownNote { id: id.clone() })
    }

    /// Locks bind participants only.
    fn unlocked(&self, who: &Who, section: usize) -> Result<(), RejectReason> {
        if who.role != Role::Facilitator && (self.locked || self.sections[section].locked) {
            Err(RejectReason::Locked)
        } else {
            Ok(())
        }
    }

    /// A note the actor may change: their own while unlocked, or any for a facilitator.
    fn own(&self, who: &Who, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        let (s, n) = self.seen_note(who, id)?;
        if who.role != Role::Facilitator && self.sections[s].notes[n].author != who.participant {
            return Err(RejectReason::Forbidden);
        }
        self.unlocked(who, s)?;
        Ok((s, n))
    }

    /// A comment the actor sees; one they do not is unknown.
    fn seen_comment(&self, who: &Who, id: &CommentId) -> Result<&ModelComment, RejectReason> {
        self.comments
            .get(id)
            .filter(|c| self.find(&c.note).is_some_and(|n| c.seen_by(who, n)))
            .ok_or_else(|| RejectReason::UnknownComment { id: id.clone() })
    }

    /// A comment the actor may change: their own, or any for a facilitator, while its note's
    /// section and the board are unlocked for them.
    fn own_comment(&self, who: &Who, id: &CommentId) -> Result<(), RejectReason> {
        let comment = self.seen_comment(who, id)?;
        if who.role != Role::Facilitator && comment.author != who.participant {
            return Err(RejectReason::Forbidden);
        }
        let (s, _) = self.note(&comment.note)?;
        self.unlocked(who, s)
    }

    /// A participant's new note or comment waits for approval while the board asks for it.
    fn new_status(&self, who: &Who) -> Status {
        if who.role == Role::Participant && self.approve_first {
            Status::Pending
        } else {
            Status::Visible
        }
    }

    /// Participants vote, while the phase opens voting and the board is unlocked, on a note
    /// everyone may see or on a theme.
    fn may_vote(&self, who: &Who, target: &VoteTarget) -> Result<(), RejectReason> {
        if who.role != Role::Participant {
            return Err(RejectReason::Forbidden);
        }
        if !self.current_phase().is_some_and(|p| p.voting_open) {
            return Err(RejectReason::VotingClosed);
        }
        if self.locked {
            return Err(RejectReason::Locked);
        }
        match target {
            VoteTarget::Note(id) if !self.find(id).is_some_and(ModelNote::public) => {
                Err(RejectReason::UnknownNote { id: id.clone() })
            }
            VoteTarget::Theme(id) if !self.themes.contains_key(id) => {
                Err(RejectReason::UnknownTheme { id: id.clone() })
            }
            _ => Ok(()),
        }
    }

    fn votes_of(&self, who: &Who, target: &VoteTarget) -> u32 {
        self.ballots
            .get(&who.participant)
            .and_then(|b| b.get(target))
            .copied()
            .unwrap_or(0)
    }

    fn set_votes(&mut self, who: &Who, target: &VoteTarget, count: u32) {
        let ballot = self.ballots.entry(who.participant.clone()).or_default();
        if count == 0 {
            ballot.remove(target);
        } else {
            ballot.insert(target.clone(), count);
        }
        if ballot.is_empty() {
            self.ballots.remove(&who.participant);
        }
    }

    /// Takes every vote off `target`, given back to the voters.
    fn forget_votes(&mut self, target: &VoteTarget) {
        for ballot in self.ballots.values_mut() {
            ballot.remove(target);
        }
        self.ballots.retain(|_, b| !b.is_empty());
    }

    /// What goes with removed notes: their comments and the votes on them.
    fn forget_notes(&mut self, removed: &[NoteId]) {
        self.comments.retain(|_, c| !removed.contains(&c.note));
        for id in removed {
            self.forget_votes(&VoteTarget::Note(id.clone()));
        }
    }

    fn theme_rule(&self, id: &ThemeId) -> Result<(), RejectReason> {
        if self.themes.contains_key(id) {
            Ok(())
        } else {
            Err(RejectReason::UnknownTheme { id: id.clone() })
        }
    }

    /// Every vote, all voters together.
    fn retally(&mut self) {
        let mut totals = Tally::new();
        for (target, n) in self.ballots.values().flatten() {
            *totals.entry(target.clone()).or_default() += n;
        }
        self.totals = totals;
    }

    fn note_count(&self) -> usize {
        self.sections.iter().map(|s| s.notes.len()).sum()
    }

    fn current_phase(&self) -> Option<&Phase> {
        let id = self.phase.as_ref()?;
        self.phases.iter().find(|p| &p.id == id)
    }

    /// No phase, or one without the switch: nothing is written privately, and nothing stays
    /// private either.
    fn writing_is_private(&self) -> bool {
        self.current_phase().is_some_and(|p| p.private_notes)
    }

    fn posting_is_open(&self) -> bool {
        self.current_phase().is_none_or(|p| p.posting_open)
    }

    /// The reveal: once the board is in a phase that does not keep notes private, none is.
    fn reveal_unless_private(&mut self) {
        if self.writing_is_private() {
            return;
        }
        for note in self.sections.iter_mut().flat_map(|s| &mut s.notes) {
            note.private = false;
        }
    }

    /// Applies `op` by `who`, or says why not; the totals follow the ballots.
    pub fn step(&mut self, who: &Who, op: &Op) -> Result<(), RejectReason> {
        self.rule(who, op)?;
        self.retally();
        Ok(())
    }

    fn rule(&mut self, who: &Who, op: &Op) -> Result<(), RejectReason> {
        // The projector may change nothing at all.
        if who.role == Role::Projector {
            return Err(RejectReason::Forbidden);
        }
        let facilitator_only = || {
            if who.role == Role::Facilitator {
                Ok(())
            } else {
                Err(RejectReason::Forbidden)
            }
        };
        match op {
            Op::LockBoard { locked } => {
                facilitator_only()?;
                self.locked = *locked;
            }
            Op::SetProjector { settings } => {
                facilitator_only()?;
                self.projector = *settings;
            }
            Op::SetPhases { phases } => {
                facilitator_only()?;
                if phases.len() > MAX_PHASES {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Phases,
                        max: MAX_PHASES as u32,
                    });
                }
                for (i, phase) in phases.iter().enumerate() {
                    text_rule(Field::PhaseTitle, &phase.title, MAX_PHASE_TITLE_CHARS)?;
                    length_rule(
                        Field::Instruction,
                        &phase.instruction,
                        MAX_INSTRUCTION_CHARS,
                    )?;
                    if phases[..i].iter().any(|p| p.id == phase.id) {
                        return Err(RejectReason::DuplicateId);
                    }
                }
                if let Some(current) = &self.phase
                    && !phases.iter().any(|p| &p.id == current)
                {
                    return Err(RejectReason::CurrentPhaseRemoved);
                }
                self.phases.clone_from(phases);
                self.reveal_unless_private();
            }
            Op::GoToPhase { id } => {
                facilitator_only()?;
                if let Some(id) = id
                    && !self.phases.iter().any(|p| &p.id == id)
                {
                    return Err(RejectReason::UnknownPhase { id: id.clone() });
                }
                self.phase.clone_from(id);
                self.reveal_unless_private();
            }
            Op::AddSection { id, title, colour } => {
                facilitator_only()?;
                text_rule(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS)?;
                if self.section(id).is_ok() {
                    return Err(RejectReason::DuplicateId);
                }
                if self.sections.len() >= MAX_SECTIONS {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Sections,
                        max: MAX_SECTIONS as u32,
                    });
                }
                self.sections.push(ModelSection {
                    id: id.clone(),
                    title: title.clone(),
                    colour: *colour,
                    locked: false,
                    notes: Vec::new(),
                    hidden: BTreeSet::new(),
                });
            }
            Op::UpdateSection { id, title, colour } => {
                facilitator_only()?;
                text_rule(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS)?;
                let s = self.section(id)?;
                self.sections[s].title = title.clone();
                self.sections[s].colour = *colour;
            }
            Op::MoveSection { id, before } => {
                facilitator_only()?;
                let s = self.section(id)?;
                if before.as_ref() == Some(id) {
                    return Err(RejectReason::BadPosition);
                }
                if let Some(b) = before {
                    self.section(b)?;
                }
                let moved = self.sections.remove(s);
                let at = match before {
                    Some(b) => self.section(b)?,
                    None => self.sections.len(),
                };
                self.sections.insert(at, moved);
            }
            Op::LockSection { id, locked } => {
                facilitator_only()?;
                let s = self.section(id)?;
                self.sections[s].locked = *locked;
            }
            Op::DeleteSection { id } => {
                facilitator_only()?;
                let s = self.section(id)?;
                let removed = self.sections.remove(s);
                let ids: Vec<NoteId> = removed.notes.into_iter().map(|n| n.id).collect();
                self.forget_notes(&ids);
            }
            Op::PostNote {
                id,
                section,
                text,
                colour,
                on_behalf_of: None,
            } => {
                text_rule(Field::NoteText, text, MAX_NOTE_TEXT_CHARS)?;
                let s = self.section(section)?;
                self.unlocked(who, s)?;
                let participant = who.role == Role::Participant;
                if participant && !self.posting_is_open() {
                    return Err(RejectReason::PostingClosed);
                }
                if self.note(id).is_ok() {
                    return Err(RejectReason::DuplicateId);
                }
                if self.note_count() >= MAX_NOTES {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Notes,
                        max: MAX_NOTES as u32,
                    });
                }
                let private = participant && self.writing_is_private();
                let status = self.new_status(who);
                self.sections[s].notes.push(ModelNote {
                    id: id.clone(),
                    text: text.clone(),
                    colour: *colour,
                    author: who.participant.clone(),
                    private,
                    status,
                    theme: None,
                });
            }
            Op::EditNote { id, text } => {
                text_rule(Field::NoteText, text, MAX_NOTE_TEXT_CHARS)?;
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes[n].text = text.clone();
            }
            Op::RecolourNote { id, colour } => {
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes[n].colour = *colour;
            }
            Op::MoveNote {
                id,
                section,
                before,
            } => {
                let (s, n) = self.own(who, id)?;
                let to = self.section(section)?;
                self.unlocked(who, to)?;
                if before.as_ref() == Some(id) {
                    return Err(RejectReason::BadPosition);
                }
                if let Some(b) = before {
                    // A note the mover may not see is unknown to them.
                    let (bs, _) = self.seen_note(who, b)?;
                    if bs != to {
                        return Err(RejectReason::BadPosition);
                    }
                }
                let moved = self.sections[s].notes.remove(n);
                let at = match before {
                    Some(b) => self.note(b)?.1,
                    None => self.sections[to].notes.len(),
                };
                self.sections[to].notes.insert(at, moved);
            }
            Op::DeleteNote { id } => {
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes.remove(n);
                self.forget_notes(std::slice::from_ref(id));
            }
            Op::SetApproveFirst { on } => {
                facilitator_only()?;
                self.approve_first = *on;
            }
            Op::SetFeedbackOpen { open } => {
                facilitator_only()?;
                self.feedback_open = *open;
            }
            Op::PostComment { id, note, text } => {
                text_rule(Field::CommentText, text, MAX_COMMENT_TEXT_CHARS)?;
                let (s, _) = self.seen_note(who, note)?;
                self.unlocked(who, s)?;
                if self.comments.contains_key(id) {
                    return Err(RejectReason::DuplicateId);
                }
                if self.comments.len() >= MAX_COMMENTS {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Comments,
                        max: MAX_COMMENTS as u32,
                    });
                }
                let comment = ModelComment {
                    note: note.clone(),
                    text: text.clone(),
                    author: who.participant.clone(),
                    status: self.new_status(who),
                };
                self.comments.insert(id.clone(), comment);
            }
            Op::EditComment { id, text } => {
                text_rule(Field::CommentText, text, MAX_COMMENT_TEXT_CHARS)?;
                self.own_comment(who, id)?;
                if let Some(c) = self.comments.get_mut(id) {
                    c.text = text.clone();
                }
            }
            Op::DeleteComment { id } => {
                self.own_comment(who, id)?;
                self.comments.remove(id);
            }
            // The script never asks for `pending`, which is refused with a free-text detail.
            Op::ModerateNote { id, status } if *status != Status::Pending => {
                facilitator_only()?;
                let (s, n) = self.note(id)?;
                self.sections[s].notes[n].status = *status;
                if *status == Status::Hidden {
                    self.forget_votes(&VoteTarget::Note(id.clone()));
                }
            }
            Op::ModerateComment { id, status } if *status != Status::Pending => {
                facilitator_only()?;
                self.seen_comment(who, id)?;
                if let Some(c) = self.comments.get_mut(id) {
                    c.status = *status;
                }
            }
            Op::SetVoting { rules } => {
                facilitator_only()?;
                if rules.budget == 0 || rules.budget > MAX_VOTE_BUDGET {
                    return Err(RejectReason::BadBudget {
                        max: MAX_VOTE_BUDGET,
                    });
                }
                let breaks = |ballot: &Tally| {
                    ballot.values().sum::<u32>() > rules.budget
                        || (!rules.stacking && ballot.values().any(|&n| n > 1))
                };
                if self.ballots.values().any(breaks) {
                    return Err(RejectReason::VotesCast);
                }
                self.budget = rules.budget;
                self.stacking = rules.stacking;
            }
            Op::CastVote { target } => {
                self.may_vote(who, target)?;
                let spent: u32 = self
                    .ballots
                    .get(&who.participant)
                    .map_or(0, |b| b.values().sum());
                if spent >= self.budget {
                    return Err(RejectReason::BudgetSpent {
                        budget: self.budget,
                    });
                }
                let mine = self.votes_of(who, target);
                if mine > 0 && !self.stacking {
                    return Err(RejectReason::AlreadyVoted);
                }
                self.set_votes(who, target, mine + 1);
            }
            Op::RetractVote { target } => {
                self.may_vote(who, target)?;
                let mine = self.votes_of(who, target);
                if mine == 0 {
                    return Err(RejectReason::NoVote);
                }
                self.set_votes(who, target, mine - 1);
            }
            Op::ClearVotes => {
                facilitator_only()?;
                self.ballots.clear();
            }
            Op::AddTheme { id, title } => {
                facilitator_only()?;
                text_rule(Field::ThemeTitle, title, MAX_THEME_TITLE_CHARS)?;
                if self.themes.contains_key(id) {
                    return Err(RejectReason::DuplicateId);
                }
                if self.themes.len() >= MAX_THEMES {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Themes,
                        max: MAX_THEMES as u32,
                    });
                }
                self.themes.insert(id.clone(), title.clone());
            }
            Op::RenameTheme { id, title } => {
                facilitator_only()?;
                text_rule(Field::ThemeTitle, title, MAX_THEME_TITLE_CHARS)?;
                self.theme_rule(id)?;
                self.themes.insert(id.clone(), title.clone());
            }
            Op::DeleteTheme { id } => {
                facilitator_only()?;
                self.theme_rule(id)?;
                self.themes.remove(id);
                for note in self.sections.iter_mut().flat_map(|s| &mut s.notes) {
                    if note.theme.as_ref() == Some(id) {
                        note.theme = None;
                    }
                }
                self.forget_votes(&VoteTarget::Theme(id.clone()));
            }
            Op::SetNoteTheme { note, theme } => {
                facilitator_only()?;
                let (s, n) = self.note(note)?;
                if let Some(id) = theme {
                    self.theme_rule(id)?;
                }
                self.sections[s].notes[n].theme.clone_from(theme);
            }
            Op::UpdateBoard { .. }
            | Op::PostNote {
                on_behalf_of: Some(_),
                ..
            }
            | Op::ModerateNote { .. }
            | Op::ModerateComment { .. }
            | Op::StartTimer { .. }
            | Op::PauseTimer
            | Op::ResumeTimer
            | Op::ExtendTimer { .. }
            | Op::StopTimer
            | Op::AddTask { .. }
            | Op::EditTask { .. }
            | Op::SetTaskStatus { .. }
            | Op::DeleteTask { .. }
            | Op::SetVolunteering { .. }
            | Op::VolunteerForTask { .. } => unreachable!("the script never sends {op:?}"),
        }
        Ok(())
    }
}

fn tally(counts: &VoteCounts) -> Tally {
    let notes = counts
        .notes
        .iter()
        .map(|(id, n)| (VoteTarget::Note(id.clone()), *n));
    let themes = counts
        .themes
        .iter()
        .map(|(id, n)| (VoteTarget::Theme(id.clone()), *n));
    notes.chain(themes).collect()
}
