//! `apply` over arbitrary op sequences from a facilitator, three participants and the projector
//! (phases, private writing and the reveal, locks and projector settings included), absorbed as
//! a room absorbs them. It must never panic, and after every op:
//! - the board invariants hold (`Board::check_invariants`), order keys within their bound
//!   and "no note stays private outside private writing" included;
//! - `apply` is deterministic and absorbing the same changes twice changes nothing;
//! - the changes survive the log's JSON round trip;
//! - a move puts the entity just before `before` in display order, or last without one, and a
//!   post or an added section lands last;
//! - no op reorders anything but its own entity, even when it renumbers the siblings;
//! - a new note is private exactly when a participant posts it in private writing, and no note
//!   becomes private again;
//! - each viewer (every actor, and a participant who never acts) is sent the changes redacted
//!   for them, which carry no private note of anyone else, and viewers in the same `Audience`
//!   are sent the same ones (the server encodes once per audience).
//!
//! After every step, who sees what, for every viewer: `as_seen_by` holds every note the viewer
//! may see, unchanged, and of every other note only its id and section, so no participant's
//! view holds another participant's private note (text, colour or author), and the rest of the
//! board as it is; it equals what the viewer's client folded from its redacted changes since
//! the start (redacting commutes with absorbing); the projector's view is that of the
//! participant who never acts; and viewers in one `Audience` get the same snapshot,
//! `Everyone` the board itself.
//!
//! Besides single ops, a step can swap two notes back and forth hundreds of times, which splits
//! one gap until the keys would pass `MAX_ORDER_KEY_LEN` and the section is renumbered.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use talkoot_shared::limits::MAX_DESCRIPTION_CHARS;
use talkoot_shared::templates::{DEFAULT_PHASES, default_phases};
use talkoot_shared::visibility::redact;
use talkoot_shared::{
    Actor, Audience, Board, BoardId, BoardMeta, Change, Colour, Language, NoteId, Op,
    ParticipantId, Phase, PhaseId, ProjectorSettings, Role, SectionId, Viewer, apply,
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
/// `arbitrary` picks a variant by how many there are, so adding one changes what every input
/// means: remake the `seed-*` inputs in fuzz/corpus/apply_ops/ then (docs/testing.md).
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
    LockBoard {
        locked: bool,
    },
    LockSection {
        id: u8,
        locked: bool,
    },
    SetProjector {
        show_names: bool,
        show_case: bool,
    },
    /// A new list of phases: ids from a small pool, so repeats and a missing current phase
    /// happen.
    SetPhases {
        phases: Vec<FuzzPhase>,
    },
    /// The board's own list with one phase's switches set (the current phase's when `at` is
    /// `None`): most arbitrary lists are refused, this one mostly is not.
    RetunePhase {
        at: Option<u8>,
        switches: u8,
    },
    GoToPhase {
        id: Option<u8>,
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
struct FuzzPhase {
    id: u8,
    title: Text,
    instruction: Text,
    /// posting_open, private_notes, voting_open, votes_shown, one bit each.
    switches: u8,
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

/// 8 phase ids: the board's four default phases, then four it does not have yet.
fn phase(n: u8) -> PhaseId {
    PhaseId::parse(format!("ph{}", n % 8)).expect("valid id")
}

fn switched(phase: Phase, bits: u8) -> Phase {
    Phase {
        posting_open: bits & 1 != 0,
        private_notes: bits & 2 != 0,
        voting_open: bits & 4 != 0,
        votes_shown: bits & 8 != 0,
        ..phase
    }
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
    if let FuzzOp::RetunePhase { at, switches } = step {
        let mut phases = board.phases.clone();
        let i = match at {
            Some(i) => usize::from(*i) % phases.len().max(1),
            None => board
                .phase
                .as_ref()
                .and_then(|id| phases.iter().position(|p| &p.id == id))
                .unwrap_or(0),
        };
        if let Some(p) = phases.get_mut(i) {
            *p = switched(p.clone(), *switches);
        }
        return vec![Op::SetPhases { phases }];
    }
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
            colour: c, on_behalf_of: None, } => Op::PostNote {
            id: note(*id),
            section: section(*s),
            text: text.make(),
            colour: colour(*c), on_behalf_of: None, },
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
        FuzzOp::LockBoard { locked } => Op::LockBoard { locked: *locked },
        FuzzOp::LockSection { id, locked } => Op::LockSection {
            id: section(*id),
            locked: *locked,
        },
        FuzzOp::SetProjector {
            show_names,
            show_case,
        } => Op::SetProjector {
            settings: ProjectorSettings {
                show_names: *show_names,
                show_case: *show_case,
            },
        },
        FuzzOp::SetPhases { phases } => Op::SetPhases {
            phases: phases
                .iter()
                .map(|p| {
                    switched(
                        Phase {
                            id: phase(p.id),
                            title: p.title.make(),
                            instruction: p.instruction.make(),
                            posting_open: false,
                            private_notes: false,
                            voting_open: false,
                            votes_shown: false,
                        },
                        p.switches,
                    )
                })
                .collect(),
        },
        FuzzOp::GoToPhase { id } => Op::GoToPhase { id: id.map(phase) },
        FuzzOp::Alternate { .. } | FuzzOp::RetunePhase { .. } => {
            unreachable!("`ops` expands it")
        }
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

/// A participant who never acts: what the projector must see.
fn nobody() -> Viewer {
    Viewer {
        role: Role::Participant,
        participant: ParticipantId::parse("nobody").expect("valid id"),
    }
}

/// A new note is private exactly when a participant posted it in private writing; an old one
/// only ever stops being private.
fn check_private_flags(before: &Board, after: &Board, actor: &Actor) {
    for (id, n) in &after.notes {
        match before.notes.get(id) {
            Some(old) => assert!(!n.private || old.private, "note {id} became private again"),
            None => assert_eq!(
                n.private,
                actor.role == Role::Participant && before.writing_is_private(),
                "note {id} posted by {:?}",
                actor.role
            ),
        }
    }
}

/// `view` is `board` as `viewer` may see it: every note they may see, whole; of every other
/// note only the id and section; everything else as on the board.
fn check_view(board: &Board, view: &Board, viewer: &Viewer) {
    for (id, n) in &board.notes {
        let may_see = !n.private
            || viewer.role == Role::Facilitator
            || (viewer.role == Role::Participant && n.author == viewer.participant);
        if may_see {
            assert_eq!(view.notes.get(id), Some(n), "{viewer:?} lacks note {id}");
            assert!(!view.hidden_notes.contains_key(id));
        } else {
            assert!(
                !view.notes.contains_key(id),
                "{viewer:?} sees {}'s private note {id}",
                n.author
            );
            assert_eq!(view.hidden_notes.get(id), Some(&n.section), "{viewer:?}");
        }
    }
    assert_eq!(
        view.notes.len() + view.hidden_notes.len(),
        board.notes.len(),
        "{viewer:?}'s view has notes the board has not"
    );
    assert!(
        view.id == board.id
            && view.meta == board.meta
            && view.sections == board.sections
            && view.phases == board.phases
            && view.phase == board.phase
            && view.locked == board.locked
            && view.projector == board.projector,
        "{viewer:?}'s view differs beyond its notes"
    );
}

/// Sends each viewer the changes of one op as the server does, redacted for them, and folds
/// them into the view that viewer holds, as its client does. A redacted change carries no note
/// the viewer may not see, and viewers in one `Audience` are sent the same changes.
fn send_changes(changes: &[Change], viewers: &[Viewer], views: &mut [Board]) {
    let sent: Vec<Vec<Change>> = viewers
        .iter()
        .zip(views.iter_mut())
        .map(|(viewer, view)| {
            let redacted: Vec<Change> = changes.iter().map(|c| redact(c, viewer)).collect();
            for change in &redacted {
                if let Change::Note { note } = change {
                    assert!(
                        !note.private
                            || viewer.role == Role::Facilitator
                            || note.author == viewer.participant,
                        "{viewer:?} is sent {}'s private note {}",
                        note.author,
                        note.id
                    );
                }
            }
            redacted.iter().for_each(|c| view.absorb(c));
            redacted
        })
        .collect();
    for (i, a) in viewers.iter().enumerate() {
        let audience = Audience::of_changes(changes, a);
        if audience == Audience::Everyone {
            assert_eq!(
                sent[i], changes,
                "{a:?}: nothing is hidden, yet changes differ"
            );
        }
        for (j, b) in viewers.iter().enumerate().skip(i + 1) {
            if Audience::of_changes(changes, b) == audience {
                assert_eq!(sent[i], sent[j], "{a:?} and {b:?} share a change audience");
            }
        }
    }
}

/// Who sees what on `board`, for every viewer: `as_seen_by` makes the view `check_view`
/// describes; it is what the viewer's client folded from the redacted changes since the
/// start; the projector's is the view of a participant who wrote nothing; and viewers in one
/// `Audience` get the same snapshot, `Everyone` the board itself.
fn check_views(board: &Board, viewers: &[Viewer], folded: &[Board]) {
    let seen: Vec<Board> = viewers.iter().map(|v| board.as_seen_by(v)).collect();
    let nobody = board.as_seen_by(&nobody());
    for (i, (a, view)) in viewers.iter().zip(&seen).enumerate() {
        check_view(board, view, a);
        assert_eq!(&folded[i], view, "{a:?}: the redacted changes folded");
        if a.role == Role::Projector {
            assert_eq!(
                view, &nobody,
                "the projector sees more or less than a participant"
            );
        }
        let audience = Audience::of_board(board, a);
        if audience == Audience::Everyone {
            assert_eq!(
                view, board,
                "{a:?}: nothing is hidden, yet the view differs"
            );
        }
        for (j, b) in viewers.iter().enumerate().skip(i + 1) {
            if Audience::of_board(board, b) == audience {
                assert_eq!(view, &seen[j], "{a:?} and {b:?} share a snapshot audience");
            }
        }
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
    // As a new board is made (two sections, and Write → Discuss → Vote → Act), and already in
    // the private Write phase: the fuzzer leaves it easily, but would seldom find its way in
    // and then have a participant post.
    board.phases = default_phases(Language::Fi, (0..DEFAULT_PHASES as u8).map(phase));
    board.phase = Some(phase(0));
    for (n, title) in [(0, "Nuoret"), (1, "Perheet")] {
        let add = Op::AddSection {
            id: section(n),
            title: title.into(),
            colour: Colour::Blue,
        };
        let changes = apply(&board, &actors[0], &add, 0).expect("a facilitator adds a section");
        changes.iter().for_each(|c| board.absorb(c));
    }
    let viewers: Vec<Viewer> = actors.iter().map(Actor::viewer).chain([nobody()]).collect();
    let mut views: Vec<Board> = viewers.iter().map(|v| board.as_seen_by(v)).collect();
    let mut now = 1_700_000_000_000;
    for step in &steps {
        let mut changed = false;
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
            check_private_flags(&previous, &board, actor);
            send_changes(&changes, &viewers, &mut views);
            changed = true;
            let logged = serde_json::to_string(&changes).expect("changes encode");
            let back: Vec<Change> = serde_json::from_str(&logged).expect("changes decode");
            assert_eq!(back, changes);
        }
        // After the step, not after each move of an alternating run: those only move notes.
        if changed {
            check_views(&board, &viewers, &views);
        }
    }
});
