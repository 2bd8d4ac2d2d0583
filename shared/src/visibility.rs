//! Who sees what, decided once. Every snapshot a client is sent is `board.as_seen_by(viewer)`,
//! and every change is `redact(change, viewer, board)`, so hidden text cannot leak through a
//! path that forgot to filter: the room, the HTTP snapshot and the export all come through here.
//!
//! What hides something:
//! - a private note (written in a private phase, not yet revealed) is seen only by its author
//!   and the facilitators; everyone else, the projector included, learns only that a hidden note
//!   is in a section, so they can show "3 notes in group X";
//! - a note or comment pending approval is seen only by its author and the facilitators, and
//!   one a facilitator hid only by the facilitators; everyone else is sent only the removal of
//!   its id (they may never have held it: the server does not track what each client holds),
//!   never its text, author or section;
//! - a comment is seen only by those who may see its note;
//! - a participant's votes are seen only by that participant; the totals by the facilitators,
//!   and by everyone while the phase shows votes.
//!
//! Tasks are seen whole by everyone. A task made from a note links it by id only (ids are not
//! secret: everyone is sent the removal of a pending note's id), so a task says nothing of a
//! note its reader may not see; the web app shows the note's text only from the reader's own
//! view of the board.

use crate::actor::{Role, Viewer};
use crate::change::Change;
use crate::ids::{NoteId, ParticipantId};
use crate::model::{Board, Comment, Note, Status, VoteCounts};

/// Whether everyone may see `note`: it is neither private nor moderated.
pub fn is_public(note: &Note) -> bool {
    !note.private && note.status == Status::Visible
}

/// Whether `viewer` may see `note` whole.
pub fn may_see(viewer: &Viewer, note: &Note) -> bool {
    viewer.role == Role::Facilitator
        || is_public(note)
        || (note.status != Status::Hidden && viewer.participant == note.author)
}

/// Whether `viewer` may see `comment`, which is on `note` (`None` if that is gone).
pub fn may_see_comment(viewer: &Viewer, comment: &Comment, note: Option<&Note>) -> bool {
    note.is_some_and(|note| may_see(viewer, note))
        && match comment.status {
            Status::Visible => true,
            Status::Pending => {
                viewer.role == Role::Facilitator || viewer.participant == comment.author
            }
            Status::Hidden => viewer.role == Role::Facilitator,
        }
}

/// Whether `viewer` may see vote totals while the phase shows them (`votes_shown`) or not.
pub fn may_see_totals(viewer: &Viewer, votes_shown: bool) -> bool {
    viewer.role == Role::Facilitator || votes_shown
}

/// Whether everyone may see `comment`: it and its note (`None` if gone) are neither private
/// nor moderated.
fn comment_is_public(comment: &Comment, note: Option<&Note>) -> bool {
    comment.status == Status::Visible && note.is_some_and(is_public)
}

/// What redacting one op's changes needs to know of the board after the op: whether the phase
/// shows votes, the notes its comments are on, and the moderated (pending or hidden) notes it
/// gave a new order key. The room keeps it with the op, so a resume much later is redacted as
/// the op was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterOp {
    votes_shown: bool,
    notes: Vec<Note>,
    /// Notes in no one's `hidden_notes` that a renumbering touched: their keys go only to
    /// those who may see them, or the key would tell everyone else which section they are in.
    unlisted: Vec<Note>,
}

impl AfterOp {
    /// For `changes` that `board` has absorbed.
    pub fn new(board: &Board, changes: &[Change]) -> AfterOp {
        let mut notes: Vec<Note> = Vec::new();
        let mut unlisted: Vec<Note> = Vec::new();
        for change in changes {
            match change {
                Change::Comment { comment }
                    if !notes.iter().any(|n| n.id == comment.note)
                        && let Some(note) = board.notes.get(&comment.note) =>
                {
                    notes.push(note.clone());
                }
                Change::NoteOrder { id, .. }
                    if let Some(note) = board.notes.get(id)
                        && note.status != Status::Visible =>
                {
                    unlisted.push(note.clone());
                }
                _ => {}
            }
        }
        AfterOp {
            votes_shown: board.votes_are_shown(),
            notes,
            unlisted,
        }
    }

    fn note_of(&self, comment: &Comment) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == comment.note)
    }

    /// The note a `NoteOrder` is for, if it is pending or hidden.
    fn unlisted(&self, id: &NoteId) -> Option<&Note> {
        self.unlisted.iter().find(|n| &n.id == id)
    }
}

/// The change as `viewer` may see it, after the op (`after` says whether totals are shown, and
/// a comment's note whether the comment is). `None` when the change is not for this viewer at
/// all. A note they may not see becomes "a hidden note is in section
/// X" while only private writing hides it, and is removed from their view when moderation does.
/// A renumbering's `NoteOrder` for a pending or hidden note is dropped for whoever may not see
/// it: it would place the note in its section. For a private note it stays (its section is in
/// everyone's `hidden_notes` anyway; a client that lacks the note ignores the key). Every other
/// change carries nothing that is hidden from anyone.
pub fn redact(change: &Change, viewer: &Viewer, after: &AfterOp) -> Option<Change> {
    Some(match change {
        Change::Note { note } if !may_see(viewer, note) => {
            if note.status == Status::Visible {
                Change::HiddenNote {
                    id: note.id.clone(),
                    section: note.section.clone(),
                }
            } else {
                Change::NoteRemoved {
                    id: note.id.clone(),
                }
            }
        }
        Change::Comment { comment }
            if !may_see_comment(viewer, comment, after.note_of(comment)) =>
        {
            Change::CommentRemoved {
                id: comment.id.clone(),
            }
        }
        // A pending or hidden note's new key, to someone who does not hold the note.
        Change::NoteOrder { id, .. }
            if after
                .unlisted(id)
                .is_some_and(|note| !may_see(viewer, note)) =>
        {
            return None;
        }
        Change::Ballot { voter, .. } if voter != &viewer.participant => return None,
        Change::VoteTotal { .. } if !may_see_totals(viewer, after.votes_shown) => return None,
        Change::VoteTotals { .. } if !may_see_totals(viewer, after.votes_shown) => {
            Change::VoteTotals {
                totals: VoteCounts::default(),
            }
        }
        other => other.clone(),
    })
}

/// The changes of one op as `viewer` may see them.
pub fn redact_all(changes: &[Change], viewer: &Viewer, after: &AfterOp) -> Vec<Change> {
    changes
        .iter()
        .filter_map(|c| redact(c, viewer, after))
        .collect()
}

/// Who, besides the actor, may be told who made an op.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorShownTo {
    Everyone,
    /// The op wrote, changed or removed the actor's own note or comment that not everyone may
    /// see: naming them would tell who wrote it.
    Facilitators,
    /// The op was the actor's vote: votes are secret, from the facilitators too.
    Nobody,
}

/// Who may be told that `actor` made `changes`, given the board as it was `before` them; see
/// docs/protocol.md, "Who made an op".
pub fn actor_shown_to(before: &Board, actor: &ParticipantId, changes: &[Change]) -> ActorShownTo {
    let own_note = |note: &Note| &note.author == actor && !is_public(note);
    // A comment is judged with its note as the op leaves it: a reveal changes both at once.
    let note_after = |id: &NoteId| {
        changes
            .iter()
            .rev()
            .find_map(|c| match c {
                Change::Note { note } if &note.id == id => Some(note),
                _ => None,
            })
            .or_else(|| before.notes.get(id))
    };
    let own_comment = |comment: &Comment, note: Option<&Note>| {
        &comment.author == actor && !comment_is_public(comment, note)
    };
    let mut shown = ActorShownTo::Everyone;
    for change in changes {
        let hidden = match change {
            Change::Ballot { voter, .. } if voter == actor => return ActorShownTo::Nobody,
            Change::Note { note } => own_note(note),
            Change::NoteRemoved { id } => before.notes.get(id).is_some_and(own_note),
            Change::Comment { comment } => own_comment(comment, note_after(&comment.note)),
            Change::CommentRemoved { id } => before
                .comments
                .get(id)
                .is_some_and(|c| own_comment(c, before.notes.get(&c.note))),
            // Setting a task's owner: a volunteer's id would tie the name or organisation they
            // wrote to every note they posted anonymously.
            Change::Task { task } => {
                !task.owner.is_empty()
                    && before
                        .tasks
                        .get(&task.id)
                        .is_none_or(|old| old.owner != task.owner)
            }
            _ => false,
        };
        if hidden {
            shown = ActorShownTo::Facilitators;
        }
    }
    shown
}

/// Whether `viewer` is told that `actor` made an op shown to `shown_to`; everyone else reads
/// [`ParticipantId::hidden`].
pub fn may_see_actor(viewer: &Viewer, actor: &ParticipantId, shown_to: ActorShownTo) -> bool {
    &viewer.participant == actor
        || match shown_to {
            ActorShownTo::Everyone => true,
            ActorShownTo::Facilitators => viewer.role == Role::Facilitator,
            ActorShownTo::Nobody => false,
        }
}

impl Board {
    /// The board as `viewer` may see it. Private notes they may not see move to
    /// `hidden_notes`, so absorbing the redacted changes into this view gives the view of the
    /// board after them.
    pub fn as_seen_by(&self, viewer: &Viewer) -> Board {
        let mut view = self.clone_without_what_is_hidden();
        for (id, note) in &self.notes {
            if may_see(viewer, note) {
                view.notes.insert(id.clone(), note.clone());
            } else if note.status == Status::Visible {
                view.hidden_notes.insert(id.clone(), note.section.clone());
            }
        }
        view.comments = self
            .comments
            .iter()
            .filter(|(_, c)| may_see_comment(viewer, c, self.notes.get(&c.note)))
            .map(|(id, c)| (id.clone(), c.clone()))
            .collect();
        if let Some(own) = self.ballots.get(&viewer.participant) {
            view.ballots.insert(viewer.participant.clone(), own.clone());
        }
        if may_see_totals(viewer, self.votes_are_shown()) {
            view.vote_totals.clone_from(&self.vote_totals);
        }
        if viewer.role == Role::Facilitator {
            view.previous_part.clone_from(&self.previous_part);
        }
        view
    }

    fn clone_without_what_is_hidden(&self) -> Board {
        Board {
            id: self.id.clone(),
            meta: self.meta.clone(),
            sections: self.sections.clone(),
            notes: Default::default(),
            phases: self.phases.clone(),
            phase: self.phase.clone(),
            locked: self.locked,
            projector: self.projector,
            hidden_notes: self.hidden_notes.clone(),
            comments: Default::default(),
            themes: self.themes.clone(),
            voting: self.voting,
            ballots: Default::default(),
            vote_totals: Default::default(),
            approve_first: self.approve_first,
            timer: self.timer,
            tasks: self.tasks.clone(),
            volunteering: self.volunteering,
            previous_part: None,
            feedback_open: self.feedback_open,
        }
    }
}

/// Viewers who are sent the same bytes: the server encodes a change or a snapshot once per
/// audience, with any one member's view, and never once per member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Nothing is hidden from anyone.
    Everyone,
    /// The facilitators: they see every note and comment, and the totals.
    Facilitators,
    /// The projector, and participants with nothing of their own in it that others may not see.
    Public,
    /// A participant whose own private or pending notes or comments, or votes, are in it.
    Author(ParticipantId),
}

/// What in some changes or a board is not for everyone: whether anything is, and whose it is.
#[derive(Default)]
struct Secrets<'a> {
    any: bool,
    owners: Vec<&'a ParticipantId>,
}

impl<'a> Secrets<'a> {
    fn note(&mut self, note: &'a Note) {
        if !is_public(note) {
            self.any = true;
            self.owners.push(&note.author);
        }
    }

    /// A comment not everyone may see is its author's, and also its note's author's when the
    /// note is what hides it: they see a comment on their private or pending note that others
    /// do not (a facilitator's, say).
    fn comment(&mut self, comment: &'a Comment, note: Option<&'a Note>) {
        if !comment_is_public(comment, note) {
            self.any = true;
            self.owners.push(&comment.author);
            if let Some(note) = note.filter(|n| !is_public(n)) {
                self.owners.push(&note.author);
            }
        }
    }

    fn audience(&self, viewer: &Viewer) -> Audience {
        match viewer.role {
            _ if !self.any => Audience::Everyone,
            Role::Facilitator => Audience::Facilitators,
            Role::Participant if self.owners.contains(&&viewer.participant) => {
                Audience::Author(viewer.participant.clone())
            }
            Role::Participant | Role::Projector => Audience::Public,
        }
    }
}

impl Audience {
    /// Who `viewer` is for the effect of one op.
    pub fn of_changes(changes: &[Change], after: &AfterOp, viewer: &Viewer) -> Audience {
        let mut secrets = Secrets::default();
        for change in changes {
            match change {
                Change::Note { note } => secrets.note(note),
                Change::NoteOrder { id, .. } => {
                    if let Some(note) = after.unlisted(id) {
                        secrets.note(note);
                    }
                }
                Change::Comment { comment } => secrets.comment(comment, after.note_of(comment)),
                Change::Ballot { voter, .. } => {
                    secrets.any = true;
                    secrets.owners.push(voter);
                }
                Change::VoteTotal { .. } | Change::VoteTotals { .. } => {
                    secrets.any |= !after.votes_shown;
                }
                _ => {}
            }
        }
        secrets.audience(viewer)
    }

    /// Who `viewer` is for a snapshot of `board`.
    pub fn of_board(board: &Board, viewer: &Viewer) -> Audience {
        let mut secrets = Secrets::default();
        board.notes.values().for_each(|n| secrets.note(n));
        for comment in board.comments.values() {
            secrets.comment(comment, board.notes.get(&comment.note));
        }
        for voter in board.ballots.keys() {
            secrets.any = true;
            secrets.owners.push(voter);
        }
        secrets.any |= !board.vote_totals.is_empty() && !board.votes_are_shown();
        secrets.any |= board.previous_part.is_some();
        secrets.audience(viewer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Actor;
    use crate::ids::{BoardId, CommentId, NoteId, PhaseId, SectionId};
    use crate::model::{BoardMeta, Colour, Language};
    use crate::op::Op;
    use crate::templates::default_phases;

    fn actor(id: &str, role: Role) -> Actor {
        Actor {
            participant: ParticipantId::parse(id).unwrap(),
            role,
            name: None,
        }
    }

    fn run(board: &mut Board, actor: &Actor, op: Op) -> Vec<Change> {
        let changes = crate::apply(board, actor, &op, 1).unwrap();
        changes.iter().for_each(|c| board.absorb(c));
        changes
    }

    /// A facilitator comments on a participant's private note: its author sees the comment,
    /// the projector and the other participants do not, so they are not one audience.
    #[test]
    fn a_comment_on_a_private_note_is_its_authors_to_see_apart_from_the_public() {
        let meta = BoardMeta {
            title: "Työpaja".into(),
            description: String::new(),
            language: Language::Fi,
        };
        let mut board = Board::new(BoardId::parse("b").unwrap(), meta);
        let phase = PhaseId::parse("w").unwrap();
        board.phases = default_phases(Language::Fi, [phase.clone()]);
        board.phase = Some(phase);
        let (fac, writer) = (actor("f", Role::Facilitator), actor("p", Role::Participant));
        let section = SectionId::parse("s").unwrap();
        let note = NoteId::parse("n").unwrap();
        let add = Op::AddSection {
            id: section.clone(),
            title: "Ryhmä".into(),
            colour: Colour::Blue,
        };
        run(&mut board, &fac, add);
        let post = Op::PostNote {
            id: note.clone(),
            section,
            text: "Oma ajatus".into(),
            colour: Colour::Yellow,
            on_behalf_of: None,
        };
        run(&mut board, &writer, post);
        let comment = Op::PostComment {
            id: CommentId::parse("c").unwrap(),
            note,
            text: "Hyvä".into(),
        };
        let changes = run(&mut board, &fac, comment);
        let after = AfterOp::new(&board, &changes);
        let (author, projector) = (writer.viewer(), actor("pj", Role::Projector).viewer());
        assert_eq!(redact_all(&changes, &author, &after), changes);
        assert_ne!(redact_all(&changes, &projector, &after), changes);
        assert_eq!(
            Audience::of_changes(&changes, &after, &author),
            Audience::Author(author.participant.clone())
        );
        assert_eq!(
            Audience::of_changes(&changes, &after, &projector),
            Audience::Public
        );
    }
}
