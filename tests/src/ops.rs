//! Op builders the test stories share, with fresh client-made ids.

use talkoot_shared::{Board, Colour, NoteId, Op, Phase, SectionId, ServerMsg};

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
