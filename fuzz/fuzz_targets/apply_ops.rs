//! `apply` over arbitrary op sequences from a facilitator and three participants, absorbed as a
//! room absorbs them. It must never panic, and after every op:
//! - the board invariants hold (`Board::check_invariants`), order keys within their bound
//!   included;
//! - `apply` is deterministic and absorbing the same changes twice changes nothing;
//! - the changes survive the log's JSON round trip;
//! - a move puts the entity just before `before` in display order, or last without one, and a
//!   post or an added section lands last;
//! - no op reorders anything but its own entity, even when it renumbers the siblings.
//!
//! Besides single ops, a step can swap two notes back and forth hundreds of times, which splits
//! one gap until the keys would pass `MAX_ORDER_KEY_LEN` and the section is renumbered.

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
    /// The facilitator moves one note just before another and back, `2 * times` moves in all.
    /// The two are picked among the notes the board has (by index, so that a swap is likely
    /// to happen at all), and both end up in the section the second was in.
    Alternate {
        first: u8,
        second: u8,
        times: u8,
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

/// The ops a step stands for: one, or a run of alternating moves aimed by the board as it is.
fn ops(step: &FuzzOp, board: &Board) -> Vec<Op> {
    let FuzzOp::Alternate {
        first,
        second,
        times,
    } = step
    else {
        return vec![op(step)];
    };
    let pick = |i: u8| {
        board
            .notes
            .values()
            .nth(usize::from(i) % board.notes.len().max(1))
    };
    let (Some(a), Some(b)) = (pick(*first), pick(*second)) else {
        return Vec::new();
    };
    (0..usize::from(*times) * 2)
        .map(|i| {
            let (moved, before) = if i % 2 == 0 { (a, b) } else { (b, a) };
            Op::MoveNote {
                id: moved.id.clone(),
                section: b.section.clone(),
                before: Some(before.id.clone()),
            }
        })
        .collect()
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
        FuzzOp::Alternate { .. } => unreachable!("`ops` expands it"),
    }
}

fn actors() -> [Actor; 5] {
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
        Actor {
            participant: ParticipantId::parse("projector").expect("valid id"),
            role: Role::Projector,
            name: None,
        },
    ]
}

fn section_ids(board: &Board) -> Vec<SectionId> {
    board
        .ordered_sections()
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

fn note_ids(board: &Board, section: &SectionId) -> Vec<NoteId> {
    board
        .notes_in(section)
        .iter()
        .map(|n| n.id.clone())
        .collect()
}

/// `id` is just before `before` in `ordered`, or last when `before` is `None`.
fn assert_just_before<T: PartialEq + std::fmt::Debug>(ordered: &[T], id: &T, before: Option<&T>) {
    let i = ordered.iter().position(|x| x == id).expect("it is there");
    assert_eq!(ordered.get(i + 1), before, "{id:?} in {ordered:?}");
}

fn check_landed(board: &Board, op: &Op) {
    match op {
        Op::MoveSection { id, before } => {
            assert_just_before(&section_ids(board), id, before.as_ref());
        }
        Op::AddSection { id, .. } => assert_just_before(&section_ids(board), id, None),
        Op::MoveNote {
            id,
            section,
            before,
        } => assert_just_before(&note_ids(board, section), id, before.as_ref()),
        Op::PostNote { id, section, .. } => {
            assert_just_before(&note_ids(board, section), id, None);
        }
        _ => {}
    }
}

/// The entities that were there before and after, other than `own`, are in the same order.
fn assert_order_kept<T: PartialEq + std::fmt::Debug>(before: &[T], after: &[T], own: Option<&T>) {
    fn kept<'a, T: PartialEq>(list: &'a [T], other: &[T], own: Option<&T>) -> Vec<&'a T> {
        list.iter()
            .filter(|x| Some(*x) != own && other.contains(x))
            .collect()
    }
    assert_eq!(
        kept(before, after, own),
        kept(after, before, own),
        "an op reordered others"
    );
}

/// Nothing but the op's own entity moved relative to the others, in any section.
fn check_order_kept(before: &Board, after: &Board, op: &Op) {
    let (own_section, own_note) = match op {
        Op::AddSection { id, .. }
        | Op::UpdateSection { id, .. }
        | Op::MoveSection { id, .. }
        | Op::LockSection { id, .. }
        | Op::DeleteSection { id } => (Some(id), None),
        Op::PostNote { id, .. }
        | Op::EditNote { id, .. }
        | Op::RecolourNote { id, .. }
        | Op::MoveNote { id, .. }
        | Op::DeleteNote { id } => (None, Some(id)),
        Op::UpdateBoard { .. }
        | Op::LockBoard { .. }
        | Op::SetProjector { .. }
        | Op::SetPhases { .. }
        | Op::GoToPhase { .. } => (None, None),
    };
    assert_order_kept(&section_ids(before), &section_ids(after), own_section);
    for section in after.sections.keys() {
        assert_order_kept(
            &note_ids(before, section),
            &note_ids(after, section),
            own_note,
        );
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
        let actor = match step.op {
            FuzzOp::Alternate { .. } => &actors[0],
            _ => &actors[step.actor as usize % actors.len()],
        };
        for op in ops(&step.op, &board) {
            let result = apply(&board, actor, &op, now);
            assert_eq!(
                result,
                apply(&board, actor, &op, now),
                "apply is not deterministic"
            );
            if actor.role == Role::Projector {
                assert!(result.is_err(), "the projector changed the board: {op:?}");
            }
            let Ok(changes) = result else { continue };
            let previous = board.clone();
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
            check_landed(&board, &op);
            check_order_kept(&previous, &board, &op);
            let logged = serde_json::to_string(&changes).expect("changes encode");
            let back: Vec<Change> = serde_json::from_str(&logged).expect("changes decode");
            assert_eq!(back, changes);
        }
    }
});
