//! `apply` over arbitrary op sequences from a facilitator and three participants, absorbed as a
//! room absorbs them. It must never panic, and after every op:
//! - the board invariants hold (`Board::check_invariants`);
//! - `apply` is deterministic and absorbing the same changes twice changes nothing;
//! - the changes survive the log's JSON round trip;
//! - a move with `before` puts the entity just before it in display order.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use talkoot_shared::limits::MAX_DESCRIPTION_CHARS;
use talkoot_shared::{
    Actor, Board, BoardId, BoardMeta, Change, Colour, Language, NoteId, Op, ParticipantId, Role,
    SectionId, apply,
};

/// Text from the fuzzer, biased towards the interesting lengths: blank, and around the limits.
#[derive(Arbitrary, Debug)]
enum Text {
    Any(String),
    Repeated { ch: char, len: u16 },
    Blank(u8),
}

impl Text {
    fn make(&self) -> String {
        match self {
            Text::Any(s) => s.clone(),
            Text::Repeated { ch, len } => {
                std::iter::repeat_n(*ch, *len as usize % (MAX_DESCRIPTION_CHARS + 10)).collect()
            }
            Text::Blank(n) => " \t\n".repeat(*n as usize % 4),
        }
    }
}

/// An op over small pools of ids, so that ops keep hitting the same sections and notes.
#[derive(Arbitrary, Debug)]
enum FuzzOp {
    UpdateBoard {
        title: Text,
        description: Text,
        language: u8,
    },
    AddSection {
        id: u8,
        title: Text,
        colour: u8,
    },
    UpdateSection {
        id: u8,
        title: Text,
        colour: u8,
    },
    MoveSection {
        id: u8,
        before: Option<u8>,
    },
    DeleteSection {
        id: u8,
    },
    PostNote {
        id: u8,
        section: u8,
        text: Text,
        colour: u8,
    },
    EditNote {
        id: u8,
        text: Text,
    },
    RecolourNote {
        id: u8,
        colour: u8,
    },
    MoveNote {
        id: u8,
        section: u8,
        before: Option<u8>,
    },
    DeleteNote {
        id: u8,
    },
}

#[derive(Arbitrary, Debug)]
struct Step {
    actor: u8,
    op: FuzzOp,
    /// Milliseconds since the previous op.
    elapsed: u16,
}

/// 40 possible sections, more than a board may hold, so the limit is reachable.
fn section(n: u8) -> SectionId {
    SectionId::parse(format!("s{}", n % 40)).expect("valid id")
}

fn note(n: u8) -> NoteId {
    NoteId::parse(format!("n{}", n % 64)).expect("valid id")
}

fn colour(n: u8) -> Colour {
    [
        Colour::Yellow,
        Colour::Pink,
        Colour::Blue,
        Colour::Green,
        Colour::Orange,
        Colour::Purple,
    ][n as usize % 6]
}

fn op(op: &FuzzOp) -> Op {
    match op {
        FuzzOp::UpdateBoard {
            title,
            description,
            language,
        } => Op::UpdateBoard {
            meta: BoardMeta {
                title: title.make(),
                description: description.make(),
                language: [Language::Fi, Language::Sv, Language::En][*language as usize % 3],
            },
        },
        FuzzOp::AddSection {
            id,
            title,
            colour: c,
        } => Op::AddSection {
            id: section(*id),
            title: title.make(),
            colour: colour(*c),
        },
        FuzzOp::UpdateSection {
            id,
            title,
            colour: c,
        } => Op::UpdateSection {
            id: section(*id),
            title: title.make(),
            colour: colour(*c),
        },
        FuzzOp::MoveSection { id, before } => Op::MoveSection {
            id: section(*id),
            before: before.map(section),
        },
        FuzzOp::DeleteSection { id } => Op::DeleteSection { id: section(*id) },
        FuzzOp::PostNote {
            id,
            section: s,
            text,
            colour: c,
        } => Op::PostNote {
            id: note(*id),
            section: section(*s),
            text: text.make(),
            colour: colour(*c),
        },
        FuzzOp::EditNote { id, text } => Op::EditNote {
            id: note(*id),
            text: text.make(),
        },
        FuzzOp::RecolourNote { id, colour: c } => Op::RecolourNote {
            id: note(*id),
            colour: colour(*c),
        },
        FuzzOp::MoveNote {
            id,
            section: s,
            before,
        } => Op::MoveNote {
            id: note(*id),
            section: section(*s),
            before: before.map(note),
        },
        FuzzOp::DeleteNote { id } => Op::DeleteNote { id: note(*id) },
    }
}

fn actors() -> [Actor; 4] {
    let participant = |id: &str, name: Option<&str>| Actor {
        participant: ParticipantId::parse(id).expect("valid id"),
        role: Role::Participant,
        name: name.map(Into::into),
    };
    [
        Actor {
            participant: ParticipantId::parse("facilitator").expect("valid id"),
            role: Role::Facilitator,
            name: Some("Vetäjä".into()),
        },
        participant("p1", Some("Anna")),
        participant("p2", None),
        participant("p3", Some("Åsa")),
    ]
}

/// The id just after `id` in display order, among sections or one section's notes.
fn next_after<T: PartialEq + Clone>(ordered: &[T], id: &T) -> Option<T> {
    let i = ordered.iter().position(|x| x == id)?;
    ordered.get(i + 1).cloned()
}

fn check_move_landed(board: &Board, op: &Op) {
    match op {
        Op::MoveSection {
            id,
            before: Some(before),
        } => {
            let ordered: Vec<SectionId> = board
                .ordered_sections()
                .iter()
                .map(|s| s.id.clone())
                .collect();
            assert_eq!(
                next_after(&ordered, id).as_ref(),
                Some(before),
                "{ordered:?}"
            );
        }
        Op::MoveNote {
            id,
            section,
            before: Some(before),
        } => {
            let ordered: Vec<NoteId> = board
                .notes_in(section)
                .iter()
                .map(|n| n.id.clone())
                .collect();
            assert_eq!(
                next_after(&ordered, id).as_ref(),
                Some(before),
                "{ordered:?}"
            );
        }
        _ => {}
    }
}

fuzz_target!(|steps: Vec<Step>| {
    let actors = actors();
    let meta = BoardMeta {
        title: "Työpaja".into(),
        description: String::new(),
        language: Language::Fi,
    };
    let mut board = Board::new(BoardId::parse("b").expect("valid id"), meta);
    let mut now = 1_700_000_000_000;
    for step in &steps {
        now += u64::from(step.elapsed);
        let actor = &actors[step.actor as usize % actors.len()];
        let op = op(&step.op);
        let result = apply(&board, actor, &op, now);
        assert_eq!(
            result,
            apply(&board, actor, &op, now),
            "apply is not deterministic"
        );
        let Ok(changes) = result else { continue };
        changes.iter().for_each(|c| board.absorb(c));
        if let Err(broken) = board.check_invariants() {
            panic!("after {op:?} by {}: {broken}", actor.participant);
        }
        let once = board.clone();
        changes.iter().for_each(|c| board.absorb(c));
        assert_eq!(
            board, once,
            "absorbing the same changes twice changed the board"
        );
        check_move_landed(&board, &op);
        let logged = serde_json::to_string(&changes).expect("changes encode");
        let back: Vec<Change> = serde_json::from_str(&logged).expect("changes decode");
        assert_eq!(back, changes);
    }
});
