//! Who sees what, decided once. Every snapshot a client is sent is `board.as_seen_by(viewer)`,
//! and every change is `redact(change, viewer)`, so private text cannot leak through a path
//! that forgot to filter: the room, the HTTP snapshot and the export all come through here.
//!
//! Today one rule hides anything: a private note (written in a private phase, not yet revealed)
//! is seen only by its author and the facilitators. Everyone else, the projector included,
//! learns only that a hidden note is in a section, so they can show "3 notes in group X".

use crate::actor::{Role, Viewer};
use crate::change::Change;
use crate::ids::ParticipantId;
use crate::model::{Board, Note};

/// Whether `viewer` may see `note` whole.
pub fn may_see(viewer: &Viewer, note: &Note) -> bool {
    !note.private || viewer.role == Role::Facilitator || viewer.participant == note.author
}

/// The change as `viewer` may see it: a note they may not see becomes "a hidden note is in
/// section X". Every other change carries nothing that is hidden from anyone (a `NoteOrder` is
/// only a key, and a client that lacks the note ignores it).
pub fn redact(change: &Change, viewer: &Viewer) -> Change {
    match change {
        Change::Note { note } if !may_see(viewer, note) => Change::HiddenNote {
            id: note.id.clone(),
            section: note.section.clone(),
        },
        other => other.clone(),
    }
}

/// Whether naming `actor` as the one who made `changes` (on the board as it was `before` them)
/// would tell who wrote a hidden note: the op wrote, changed or removed the actor's own private
/// note. Then only the facilitators and the actor are told who made it (see [`may_see_actor`]).
pub fn hides_actor(before: &Board, actor: &ParticipantId, changes: &[Change]) -> bool {
    let own_private = |note: &Note| note.private && &note.author == actor;
    changes.iter().any(|change| match change {
        Change::Note { note } => own_private(note),
        Change::NoteRemoved { id } => before.notes.get(id).is_some_and(own_private),
        _ => false,
    })
}

/// Whether `viewer` is told that `actor` made an op that [`hides_actor`]; everyone else reads
/// [`ParticipantId::hidden`].
pub fn may_see_actor(viewer: &Viewer, actor: &ParticipantId) -> bool {
    viewer.role == Role::Facilitator || &viewer.participant == actor
}

impl Board {
    /// The board as `viewer` may see it. Hidden notes move to `hidden_notes`, so absorbing the
    /// redacted changes into this view gives the view of the board after them.
    pub fn as_seen_by(&self, viewer: &Viewer) -> Board {
        let (notes, hidden) = self
            .notes
            .iter()
            .partition::<Vec<_>, _>(|(_, note)| may_see(viewer, note));
        let mut view = Board {
            notes: notes
                .into_iter()
                .map(|(id, note)| (id.clone(), note.clone()))
                .collect(),
            hidden_notes: self.hidden_notes.clone(),
            ..self.clone_without_notes()
        };
        view.hidden_notes.extend(
            hidden
                .into_iter()
                .map(|(id, note)| (id.clone(), note.section.clone())),
        );
        view
    }

    fn clone_without_notes(&self) -> Board {
        Board {
            id: self.id.clone(),
            meta: self.meta.clone(),
            sections: self.sections.clone(),
            notes: Default::default(),
            phases: self.phases.clone(),
            phase: self.phase.clone(),
            locked: self.locked,
            projector: self.projector,
            hidden_notes: Default::default(),
        }
    }
}

/// Viewers who are sent the same bytes: the server encodes a change or a snapshot once per
/// audience, with any one member's view, and never once per member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Nothing is hidden from anyone.
    Everyone,
    /// Sees every note.
    Facilitators,
    /// The projector, and participants with nothing private of their own in it.
    Public,
    /// A participant whose own private notes are in it.
    Author(ParticipantId),
}

impl Audience {
    /// Who `viewer` is for the effect of one op.
    pub fn of_changes(changes: &[Change], viewer: &Viewer) -> Audience {
        let private_authors = changes.iter().filter_map(|c| match c {
            Change::Note { note } if note.private => Some(&note.author),
            _ => None,
        });
        Audience::among(private_authors, viewer)
    }

    /// Who `viewer` is for a snapshot of `board`.
    pub fn of_board(board: &Board, viewer: &Viewer) -> Audience {
        let private_authors = board
            .notes
            .values()
            .filter(|n| n.private)
            .map(|n| &n.author);
        Audience::among(private_authors, viewer)
    }

    fn among<'a>(
        mut private_authors: impl Iterator<Item = &'a ParticipantId>,
        viewer: &Viewer,
    ) -> Audience {
        let mut any = false;
        let mut own = false;
        for author in private_authors.by_ref() {
            any = true;
            own |= author == &viewer.participant;
        }
        match viewer.role {
            _ if !any => Audience::Everyone,
            Role::Facilitator => Audience::Facilitators,
            Role::Participant if own => Audience::Author(viewer.participant.clone()),
            Role::Participant | Role::Projector => Audience::Public,
        }
    }
}
