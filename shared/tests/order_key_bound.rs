//! Order keys stay within `MAX_ORDER_KEY_LEN` however notes and sections are moved: when a key
//! would grow past it, the op rebalances the siblings, and display order is exactly what the
//! moves asked for. Checked against plain lists of ids, the way a person sees the board.

use proptest::prelude::*;
use talkoot_shared::limits::{MAX_NOTES, MAX_ORDER_KEY_LEN, MAX_SECTIONS};
use talkoot_shared::order_key;
use talkoot_shared::*;

fn facilitator() -> Actor {
    Actor {
        participant: ParticipantId::parse("fac").unwrap(),
        role: Role::Facilitator,
        name: None,
    }
}

fn sid(i: usize) -> SectionId {
    SectionId::parse(format!("s{i}")).unwrap()
}

fn nid(i: usize) -> NoteId {
    NoteId::parse(format!("n{i}")).unwrap()
}

/// The board and, beside it, what it should look like: each section's note ids in display order.
struct Story {
    board: Board,
    sections: Vec<SectionId>,
    notes: Vec<Vec<NoteId>>,
    /// Ops whose changes touched more than the one entity they name.
    rebalances: usize,
    longest_key: usize,
}

impl Story {
    fn new(sections: usize) -> Story {
        let meta = BoardMeta {
            title: "Työpaja".into(),
            description: String::new(),
            language: Language::Fi,
        };
        let mut story = Story {
            board: Board::new(BoardId::parse("b").unwrap(), meta),
            sections: Vec::new(),
            notes: Vec::new(),
            rebalances: 0,
            longest_key: 0,
        };
        for i in 0..sections {
            story.run(&Op::AddSection {
                id: sid(i),
                title: format!("Ryhmä {i}"),
                colour: Colour::Blue,
            });
            story.sections.push(sid(i));
            story.notes.push(Vec::new());
        }
        story
    }

    /// Applies and absorbs like a room, then checks everything this file is about.
    fn run(&mut self, op: &Op) -> Vec<Change> {
        let changes = apply(&self.board, &facilitator(), op, 1_000)
            .unwrap_or_else(|e| panic!("{op:?} was rejected: {e}"));
        assert_eq!(
            apply(&self.board, &facilitator(), op, 1_000).as_ref(),
            Ok(&changes),
            "apply is not deterministic"
        );
        if changes.len() > 1 {
            self.rebalances += 1;
        }
        for c in &changes {
            self.board.absorb(c);
        }
        if let Err(broken) = self.board.check_invariants() {
            panic!("after {op:?}: {broken}");
        }

        let keys = self.board.sections.values().map(|s| &s.order);
        let keys = keys.chain(self.board.notes.values().map(|n| &n.order));
        for key in keys {
            assert!(
                key.len() <= MAX_ORDER_KEY_LEN,
                "after {op:?}: a {}-character key {key}",
                key.len()
            );
            self.longest_key = self.longest_key.max(key.len());
        }
        changes
    }

    fn post(&mut self, section: usize, note: NoteId) {
        self.run(&Op::PostNote {
            id: note.clone(),
            section: sid(section),
            text: format!("idea {note}"),
            colour: Colour::Yellow,
            on_behalf_of: None,
        });
        self.notes[section].push(note);
    }

    /// Moves `note` into `section` just before `before` (last when `None`), in the board and in
    /// the expected lists.
    fn move_note(&mut self, note: &NoteId, section: usize, before: Option<&NoteId>) {
        self.run(&Op::MoveNote {
            id: note.clone(),
            section: sid(section),
            before: before.cloned(),
        });
        for list in &mut self.notes {
            list.retain(|n| n != note);
        }
        let list = &mut self.notes[section];
        let at = before.map_or(list.len(), |b| {
            list.iter().position(|n| n == b).expect("before is there")
        });
        list.insert(at, note.clone());
    }

    fn move_section(&mut self, section: &SectionId, before: Option<&SectionId>) {
        self.run(&Op::MoveSection {
            id: section.clone(),
            before: before.cloned(),
        });
        self.sections.retain(|s| s != section);
        let at = before.map_or(self.sections.len(), |b| {
            self.sections
                .iter()
                .position(|s| s == b)
                .expect("before is there")
        });
        self.sections.insert(at, section.clone());
    }

    /// The board's display order is exactly the expected one.
    fn assert_order(&self) {
        let sections: Vec<SectionId> = self
            .board
            .ordered_sections()
            .iter()
            .map(|s| s.id.clone())
            .collect();
        assert_eq!(sections, self.sections);
        for (i, expected) in self.notes.iter().enumerate() {
            let notes: Vec<NoteId> = self
                .board
                .notes_in(&sid(i))
                .iter()
                .map(|n| n.id.clone())
                .collect();
            assert_eq!(&notes, expected, "section {i}");
        }
    }
}

#[test]
fn alternating_moves_between_the_same_two_neighbours_rebalance_and_keep_the_order() {
    let mut story = Story::new(1);
    for i in 0..4 {
        story.post(0, nid(i));
    }
    // n0 stays first and n3 last; n1 and n2 swap places between them, 600 times, so every move
    // halves the same gap.
    let (x, y) = (nid(1), nid(2));
    for i in 0..600 {
        let (moved, before) = if i % 2 == 0 { (&y, &x) } else { (&x, &y) };
        story.move_note(moved, 0, Some(before));
        story.assert_order();
    }
    assert!(story.rebalances >= 2, "{} rebalances", story.rebalances);
    assert!(
        story.longest_key > MAX_ORDER_KEY_LEN / 2,
        "the keys did grow"
    );
}

#[test]
fn alternating_section_moves_rebalance_the_sections_and_keep_their_order() {
    let mut story = Story::new(4);
    let (x, y) = (sid(1), sid(2));
    for i in 0..600 {
        let (moved, before) = if i % 2 == 0 { (&y, &x) } else { (&x, &y) };
        story.move_section(moved, Some(before));
        story.assert_order();
    }
    assert!(story.rebalances >= 2, "{} rebalances", story.rebalances);
}

#[test]
fn always_inserting_right_after_the_first_note_stays_within_the_bound() {
    let mut story = Story::new(1);
    story.post(0, nid(0));
    story.post(0, nid(1));
    for i in 2..320 {
        story.post(0, nid(i));
        let second = story.notes[0][1].clone();
        story.move_note(&nid(i), 0, Some(&second));
    }
    story.assert_order();
    assert!(story.rebalances >= 1);
}

#[test]
fn always_inserting_just_before_the_last_note_stays_within_the_bound() {
    let mut story = Story::new(1);
    story.post(0, nid(0));
    story.post(0, nid(1));
    for i in 2..320 {
        story.post(0, nid(i));
        // The new note is last now; put it before the one that was last before it.
        let last = story.notes[0][story.notes[0].len() - 2].clone();
        story.move_note(&nid(i), 0, Some(&last));
    }
    story.assert_order();
    assert!(story.rebalances >= 1);
}

#[test]
fn a_full_boards_worth_of_notes_in_one_section_rebalances_to_short_keys() {
    // MAX_NOTES notes with the keys posting one after another gives them (posting them
    // through `apply` would sort the section 5,000 times).
    let mut story = Story::new(1);
    let mut keys: Vec<String> = Vec::new();
    for _ in 0..MAX_NOTES {
        keys.push(order_key::between(keys.last().map(String::as_str), None));
    }
    // Notes 2,000 and 2,001 have already swapped places between the same neighbours until
    // one more swap or two would pass the bound (through `apply` that would take minutes in
    // a debug build, with 5,000 siblings to sort each time).
    let (x, y) = (2_000, 2_001);
    while keys[x].len() < MAX_ORDER_KEY_LEN - 1 {
        keys[y] = order_key::between(Some(&keys[x - 1]), Some(&keys[x]));
        keys.swap(x, y);
    }
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    for (i, order) in keys.into_iter().enumerate() {
        story.board.absorb(&Change::Note {
            note: Note {
                id: nid(i),
                section: sid(0),
                text: format!("idea {i}"),
                colour: Colour::Yellow,
                author: ParticipantId::parse("fac").unwrap(),
                author_name: None,
                order,
                created_at: 1,
                updated_at: 1,
                private: false,
                status: Default::default(),
                theme: None,
            },
        });
        story.notes[0].push(nid(i));
    }
    story.board.check_invariants().expect("a valid board");
    let mut moves = 0;
    while story.rebalances == 0 {
        let (moved, before) = (&story.notes[0][x + 1].clone(), &story.notes[0][x].clone());
        story.move_note(moved, 0, Some(before));
        moves += 1;
        assert!(moves < 20, "no rebalance after {moves} moves");
    }
    story.assert_order();
    let longest = story.board.notes.values().map(|n| n.order.len()).max();
    assert_eq!(longest, Some(order_key::spread_len(MAX_NOTES)));
    assert!(order_key::spread_len(MAX_NOTES) <= MAX_ORDER_KEY_LEN);
    // And the sections of a full board, too.
    let mut story = Story::new(MAX_SECTIONS);
    let (x, y) = (sid(10), sid(11));
    for i in 0..400 {
        let (moved, before) = if i % 2 == 0 { (&y, &x) } else { (&x, &y) };
        story.move_section(moved, Some(before));
    }
    story.assert_order();
    assert!(story.rebalances >= 1);
}

/// A story whose section 0 holds 301 notes with the keys an unbounded `between` leaves after
/// inserting into the same gap 300 times, as boards from before the bound may have.
fn story_with_over_long_keys() -> Story {
    let mut keys = vec![order_key::between(None, None)];
    let mut after: Option<String> = None;
    for _ in 0..300 {
        let k = order_key::between(Some(&keys[0]), after.as_deref());
        after = Some(k.clone());
        keys.push(k);
    }
    keys.sort();
    assert!(keys.iter().any(|k| k.len() > MAX_ORDER_KEY_LEN));
    let mut story = Story::new(2);
    for (i, key) in keys.into_iter().enumerate() {
        story.board.absorb(&Change::Note {
            note: Note {
                id: nid(i),
                section: sid(0),
                text: format!("idea {i}"),
                colour: Colour::Yellow,
                author: ParticipantId::parse("fac").unwrap(),
                author_name: None,
                order: key,
                created_at: 1,
                updated_at: 1,
                private: false,
                status: Default::default(),
                theme: None,
            },
        });
        story.notes[0].push(nid(i));
    }
    story
}

#[test]
fn keys_over_the_bound_from_an_older_board_are_rebalanced_by_the_next_post_or_move() {
    // `run` fails the test if any key on the board is still over the bound after the op.
    let mut story = story_with_over_long_keys();
    story.post(0, nid(1_000));
    story.assert_order();
    assert_eq!(story.rebalances, 1);

    let mut story = story_with_over_long_keys();
    let changes = apply(
        &story.board,
        &facilitator(),
        &Op::PostNote {
            id: nid(1_000),
            section: sid(1),
            text: "muualla".into(),
            colour: Colour::Pink,
            on_behalf_of: None,
        },
        1_000,
    )
    .expect("post");
    assert_eq!(changes.len(), 1, "another section's keys are left alone");
    changes.iter().for_each(|c| story.board.absorb(c));
    story.notes[1].push(nid(1_000));
    story.move_note(&nid(1_000), 0, Some(&nid(10)));
    story.assert_order();
    assert_eq!(story.rebalances, 1);
}

/// A step of a random story: a move anywhere, or a burst of alternating moves in one place
/// (the pattern that grows keys fastest).
#[derive(Debug, Clone)]
enum Step {
    Move {
        note: usize,
        section: usize,
        before: Option<usize>,
    },
    Alternate {
        first: usize,
        second: usize,
        times: usize,
    },
    MoveSection {
        section: usize,
        before: Option<usize>,
    },
}

const NOTES: usize = 12;
const SECTIONS: usize = 3;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..NOTES, 0..SECTIONS, proptest::option::of(0..NOTES))
            .prop_map(|(note, section, before)| Step::Move { note, section, before }),
        1 => (0..NOTES, 0..NOTES, 10..200usize)
            .prop_map(|(first, second, times)| Step::Alternate { first, second, times }),
        1 => (0..SECTIONS, proptest::option::of(0..SECTIONS))
            .prop_map(|(section, before)| Step::MoveSection { section, before }),
    ]
}

/// The section a note is in, by the expected lists.
fn section_of(story: &Story, note: &NoteId) -> usize {
    story
        .notes
        .iter()
        .position(|list| list.contains(note))
        .expect("every note is somewhere")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_moves_keep_keys_within_the_bound_and_the_order_as_asked(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let mut story = Story::new(SECTIONS);
        for i in 0..NOTES {
            story.post(i % SECTIONS, nid(i));
        }
        for step in steps {
            match step {
                Step::Move { note, section, before } => {
                    // `before` must be another note in the target section: aim at one.
                    let before = before
                        .map(nid)
                        .filter(|b| *b != nid(note) && section_of(&story, b) == section);
                    story.move_note(&nid(note), section, before.as_ref());
                }
                Step::Alternate { first, second, times } => {
                    if first == second {
                        continue;
                    }
                    let (a, b) = (nid(first), nid(second));
                    for i in 0..times {
                        let (moved, before) = if i % 2 == 0 { (&a, &b) } else { (&b, &a) };
                        let section = section_of(&story, before);
                        story.move_note(moved, section, Some(before));
                    }
                }
                Step::MoveSection { section, before } => {
                    let before = before.map(sid).filter(|b| *b != sid(section));
                    story.move_section(&sid(section), before.as_ref());
                }
            }
            story.assert_order();
        }
    }
}
