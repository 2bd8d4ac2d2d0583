//! Op builders the test stories share, with fresh client-made ids.

use talkoot_shared::{
    Board, Change, Colour, CommentId, NoteId, Op, ParticipantId, Phase, SectionId, ServerMsg,
    Status, VoteTarget, VotingRules,
};

use crate::client::new_id;

/// A new note in `section`; returns the op and the note's id.
pub fn post(section: &SectionId, text: &str) -> (Op, NoteId) {
    let id: NoteId = new_id();
    (
        Op::PostNote {
            id: id.clone(),
            section: section.clone(),
            text: text.into(),
            colour: Colour::Yellow,
            on_behalf_of: None,
        },
        id,
    )
}

pub fn edit(note: &NoteId, text: &str) -> Op {
    Op::EditNote {
        id: note.clone(),
        text: text.into(),
    }
}

/// The board's sections in display order, from a `welcome` with a snapshot.
pub fn sections(welcome: &ServerMsg) -> Vec<SectionId> {
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(board),
            ..
        } => board
            .ordered_sections()
            .iter()
            .map(|s| s.id.clone())
            .collect(),
        other => panic!("expected a welcome with a snapshot, got {other:?}"),
    }
}

/// The seq of a `welcome`.
pub fn welcome_seq(welcome: &ServerMsg) -> u64 {
    match welcome {
        ServerMsg::Welcome { seq, .. } => *seq,
        other => panic!("expected a welcome, got {other:?}"),
    }
}

/// The board in a `welcome` with a snapshot.
pub fn snapshot(welcome: &ServerMsg) -> &Board {
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(board),
            ..
        } => board,
        other => panic!("expected a welcome with a snapshot, got {other:?}"),
    }
}

/// The board's phases, from a `welcome` with a snapshot.
pub fn phases(welcome: &ServerMsg) -> Vec<Phase> {
    snapshot(welcome).phases.clone()
}

/// Moves the board to `phase`.
pub fn go_to(phase: &Phase) -> Op {
    Op::GoToPhase {
        id: Some(phase.id.clone()),
    }
}

/// A new comment on `note`; returns the op and the comment's id.
pub fn comment(note: &NoteId, text: &str) -> (Op, CommentId) {
    let id: CommentId = new_id();
    (
        Op::PostComment {
            id: id.clone(),
            note: note.clone(),
            text: text.into(),
        },
        id,
    )
}

/// A facilitator's note in `section` on behalf of `label` (a table, a person without a phone).
pub fn post_on_behalf(section: &SectionId, text: &str, label: &str) -> (Op, NoteId) {
    let id: NoteId = new_id();
    (
        Op::PostNote {
            id: id.clone(),
            section: section.clone(),
            text: text.into(),
            colour: Colour::Green,
            on_behalf_of: Some(label.into()),
        },
        id,
    )
}

pub fn vote(note: &NoteId) -> Op {
    Op::CastVote {
        target: VoteTarget::Note(note.clone()),
    }
}

pub fn retract(note: &NoteId) -> Op {
    Op::RetractVote {
        target: VoteTarget::Note(note.clone()),
    }
}

pub fn voting(budget: u32, stacking: bool) -> Op {
    Op::SetVoting {
        rules: VotingRules { budget, stacking },
    }
}

pub fn moderate_note(note: &NoteId, status: Status) -> Op {
    Op::ModerateNote {
        id: note.clone(),
        status,
    }
}

/// The seq, actor and changes of an `applied`.
pub fn applied(msg: &ServerMsg) -> (u64, &ParticipantId, &[Change]) {
    match msg {
        ServerMsg::Applied {
            seq,
            actor,
            changes,
            ..
        } => (*seq, actor, changes),
        other => panic!("expected an applied, got {other:?}"),
    }
}
