//! A model test: random op sequences from two facilitators, three participants and the
//! projector, sent through a real server over real WebSockets, must end where a small reference
//! model of the board rules ends, and every client must hold exactly what its viewer may see.
//!
//! The model (`reference.rs`) is written from the rules in docs/protocol.md, independently of
//! `talkoot_shared::apply` and `visibility`: sections and notes are plain lists in display
//! order, with no order keys. It decides which ops are accepted (and why the others are
//! rejected: roles, locks, closed posting, phases, closed voting, a spent budget, stacking,
//! ownership of comments), what the board looks like after each (comments and votes going with
//! a deleted note or section, votes with a hidden note or a deleted theme), and what each viewer
//! may see of it (private writing and the reveal, approve-first and hidden notes and comments,
//! their own ballot only, the totals while they may see them). Every client folds the
//! `applied` messages it receives into its own copy; at the end each copy, and the HTTP snapshot
//! for each credential, must be the server's board `as_seen_by` that viewer and the model's view
//! for it. One more connection drops mid-script and resumes with `last_seq` at the end; it
//! must end up with the same view.
//!
//! `PROPTEST_CASES` sets the number of cases (default 24); one server serves them all, and each
//! case gets a fresh board.

mod reference;

use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail, ensure};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use talkoot_shared::http::{BoardCreated, FacilitatorKeyMinted, Snapshot};
use talkoot_shared::limits::{
    MAX_COMMENT_TEXT_CHARS, MAX_INSTRUCTION_CHARS, MAX_NOTE_TEXT_CHARS, MAX_PHASE_TITLE_CHARS,
    MAX_PHASES, MAX_VOTE_BUDGET,
};
use talkoot_shared::{
    Board, ClientMsg, Colour, CommentId, NoteId, Op, OpId, ParticipantId, Phase, PhaseId,
    ProjectorSettings, RejectReason, Role, SectionId, ServerMsg, Status, ThemeId, Viewer,
    VoteTarget, VotingRules,
};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, new_id};

use reference::{Model, Who};

const DEFAULT_CASES: u32 = 24;
/// Ops in one case.
const MIN_STEPS: usize = 10;
const MAX_STEPS: usize = 50;
/// Sections an op can name: the board's two initial ones, then ids that exist only once added.
const SECTION_POOL: usize = 6;
/// Phase ids an op can name: the board's four default phases, then two it does not have yet.
const PHASE_POOL: usize = 6;
/// Who sends: the board's facilitator, a co-facilitator, three participants, the projector.
const CLIENTS: usize = 6;
const ROLES: [Role; CLIENTS] = [
    Role::Facilitator,
    Role::Facilitator,
    Role::Participant,
    Role::Participant,
    Role::Participant,
    Role::Projector,
];
/// Note ids each client mostly works with, so that later ops keep hitting earlier notes.
const NOTES_EACH: usize = 2;
/// Comment ids each client mostly works with.
const COMMENTS_EACH: usize = 2;
/// Theme ids the facilitators make and name.
const THEME_POOL: usize = 3;
/// Budgets a facilitator may set: none (refused), small ones that run out, and one too many.
const BUDGETS: [u32; 5] = [0, 1, 2, 5, MAX_VOTE_BUDGET + 1];
const COLOURS: [Colour; 3] = [Colour::Yellow, Colour::Green, Colour::Purple];

#[derive(Debug, Clone, Copy)]
enum Text {
    Idea(u8),
    Blank,
    /// Exactly the note limit, in two-byte characters.
    LongestNote,
    TooLongNote,
    /// Exactly the comment limit (a fine note, a too long theme title).
    LongestComment,
    TooLongComment,
}

impl Text {
    fn make(self) -> String {
        match self {
            Text::Idea(k) => format!("idea {k}: <b>\"kotiapu\"</b> & ä"),
            Text::Blank => " \n ".into(),
            Text::LongestNote => "ä".repeat(MAX_NOTE_TEXT_CHARS),
            Text::TooLongNote => "x".repeat(MAX_NOTE_TEXT_CHARS + 1),
            Text::LongestComment => "ö".repeat(MAX_COMMENT_TEXT_CHARS),
            Text::TooLongComment => "y".repeat(MAX_COMMENT_TEXT_CHARS + 1),
        }
    }
}

/// A note the script names: mostly one of the sender's own two ids, so that edits and moves
/// are often allowed; sometimes any, so that others' notes are tried too.
#[derive(Debug, Clone, Copy)]
enum NoteRef {
    Own(usize),
    Any(usize),
}

/// A comment the script names, like a note: mostly one of the sender's own.
#[derive(Debug, Clone, Copy)]
enum CommentRef {
    Own(usize),
    Any(usize),
}

/// What a vote goes on: a note, or a theme of the pool.
#[derive(Debug, Clone, Copy)]
enum TargetRef {
    Note(NoteRef),
    Theme(usize),
}

/// A phase's four switches.
#[derive(Debug, Clone, Copy)]
struct Switches {
    posting_open: bool,
    private_notes: bool,
    voting_open: bool,
    votes_shown: bool,
}

/// One phase of a new list, by pool index; a title or instruction may break its limit.
#[derive(Debug, Clone)]
struct PhaseSpec {
    id: usize,
    /// `None` is blank (allowed for an instruction, not for a title); `Some((_, true))` is one
    /// character over the limit.
    title: Option<(u8, bool)>,
    instruction: Option<(u8, bool)>,
    switches: Switches,
}

impl PhaseSpec {
    fn make(&self, pool: &[PhaseId]) -> Phase {
        let title = match self.title {
            None => "  ".into(),
            Some((_, true)) => "v".repeat(MAX_PHASE_TITLE_CHARS + 1),
            Some((k, false)) => format!("Vaihe {k}"),
        };
        let instruction = match self.instruction {
            None => String::new(),
            Some((_, true)) => "o".repeat(MAX_INSTRUCTION_CHARS + 1),
            Some((k, false)) => format!("Ohje {k}: kirjoita & keskustele"),
        };
        with_switches(
            Phase {
                id: pool[self.id].clone(),
                title,
                instruction,
                posting_open: false,
                private_notes: false,
                voting_open: false,
                votes_shown: false,
            },
            self.switches,
        )
    }
}

fn with_switches(phase: Phase, s: Switches) -> Phase {
    Phase {
        posting_open: s.posting_open,
        private_notes: s.private_notes,
        voting_open: s.voting_open,
        votes_shown: s.votes_shown,
        ..phase
    }
}

/// An op by pool indices; ids are filled in once the case's board exists.
#[derive(Debug, Clone)]
enum Action {
    AddSection(usize, Text),
    RenameSection(usize, Text),
    MoveSection(usize, Option<usize>),
    LockSection(usize, bool),
    DeleteSection(usize),
    Post(NoteRef, usize, Text),
    Edit(NoteRef, Text),
    Recolour(NoteRef, usize),
    Move(NoteRef, usize, Option<NoteRef>),
    /// Move a note just before another, into whichever section that one is in now.
    MoveBefore(NoteRef, NoteRef),
    Delete(NoteRef),
    LockBoard(bool),
    SetProjector {
        show_names: bool,
        show_case: bool,
        results_by_group: bool,
    },
    /// Any phase of the pool (one the board may not have), or none.
    GoToPhase(Option<usize>),
    /// The next phase in the board's list (`true`) or the previous one; past either end is
    /// no phase.
    StepPhase(bool),
    SetPhases(Vec<PhaseSpec>),
    /// The board's list as it is, with one phase's switches set: the current phase's, or the
    /// one at this index.
    RetunePhase(Option<usize>, Switches),
    /// One phase more than a board may have.
    TooManyPhases,
    Comment(CommentRef, NoteRef, Text),
    EditComment(CommentRef, Text),
    DeleteComment(CommentRef),
    /// Approve (`false`) or hide (`true`).
    ModerateNote(NoteRef, bool),
    ModerateComment(CommentRef, bool),
    ApproveFirst(bool),
    FeedbackOpen(bool),
    /// A budget from `BUDGETS`, and stacking.
    SetVoting(usize, bool),
    Vote(TargetRef),
    Retract(TargetRef),
    ClearVotes,
    AddTheme(usize, Text),
    RenameTheme(usize, Text),
    DeleteTheme(usize),
    SetNoteTheme(NoteRef, Option<usize>),
}

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        12 => any::<u8>().prop_map(Text::Idea),
        1 => Just(Text::Blank),
        1 => Just(Text::LongestNote),
        1 => Just(Text::TooLongNote),
        1 => Just(Text::LongestComment),
        1 => Just(Text::TooLongComment),
    ]
}

fn comment() -> impl Strategy<Value = CommentRef> {
    prop_oneof![
        4 => (0..COMMENTS_EACH).prop_map(CommentRef::Own),
        1 => (0..COMMENTS_EACH * CLIENTS).prop_map(CommentRef::Any),
    ]
}

/// Mostly a note of the voter's own or anyone's, sometimes a theme.
fn vote_target() -> impl Strategy<Value = TargetRef> {
    prop_oneof![
        2 => note().prop_map(TargetRef::Note),
        2 => (0..NOTES_EACH * CLIENTS).prop_map(|i| TargetRef::Note(NoteRef::Any(i))),
        1 => (0..THEME_POOL).prop_map(TargetRef::Theme),
    ]
}

/// Mostly the two sections the board starts with; sometimes one that must be added first.
fn section() -> impl Strategy<Value = usize> {
    prop_oneof![3 => 0..2usize, 1 => 0..SECTION_POOL]
}

fn note() -> impl Strategy<Value = NoteRef> {
    prop_oneof![
        4 => (0..NOTES_EACH).prop_map(NoteRef::Own),
        1 => (0..NOTES_EACH * CLIENTS).prop_map(NoteRef::Any),
    ]
}

/// Mostly `false`, so that a lock does not shut participants out for the rest of a case.
fn locking() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.4)
}

fn switches() -> impl Strategy<Value = Switches> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(posting_open, private_notes, voting_open, votes_shown)| Switches {
            posting_open,
            private_notes,
            voting_open,
            votes_shown,
        },
    )
}

/// A phase text: mostly fine, sometimes blank or too long.
fn phase_text() -> impl Strategy<Value = Option<(u8, bool)>> {
    prop_oneof![
        14 => any::<u8>().prop_map(|k| Some((k, false))),
        1 => Just(None),
        1 => any::<u8>().prop_map(|k| Some((k, true))),
    ]
}

/// A new list of phases: distinct pool ids in any order, now and then one repeated.
fn phase_list() -> impl Strategy<Value = Vec<PhaseSpec>> {
    let fields = (phase_text(), phase_text(), switches());
    (
        proptest::sample::subsequence((0..PHASE_POOL).collect::<Vec<_>>(), 0..=PHASE_POOL)
            .prop_shuffle(),
        proptest::collection::vec(fields, PHASE_POOL),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(ids, fields, repeat)| {
            let mut specs: Vec<PhaseSpec> = ids
                .into_iter()
                .zip(fields)
                .map(|(id, (title, instruction, switches))| PhaseSpec {
                    id,
                    title,
                    instruction,
                    switches,
                })
                .collect();
            if repeat && let Some(first) = specs.first().cloned() {
                specs.push(first);
            }
            specs
        })
}

/// The ops about notes, which everyone may try.
fn note_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => (note(), section(), text()).prop_map(|(n, s, t)| Action::Post(n, s, t)),
        3 => (note(), text()).prop_map(|(n, t)| Action::Edit(n, t)),
        1 => (note(), 0..COLOURS.len()).prop_map(|(n, c)| Action::Recolour(n, c)),
        2 => (note(), section(), proptest::option::of(note())).prop_map(|(n, s, b)| Action::Move(n, s, b)),
        3 => (note(), (0..NOTES_EACH * CLIENTS).prop_map(NoteRef::Any)).prop_map(|(n, b)| Action::MoveBefore(n, b)),
        1 => note().prop_map(Action::Delete),
        4 => (comment(), note(), text()).prop_map(|(c, n, t)| Action::Comment(c, n, t)),
        2 => (comment(), text()).prop_map(|(c, t)| Action::EditComment(c, t)),
        1 => comment().prop_map(Action::DeleteComment),
        4 => vote_target().prop_map(Action::Vote),
        2 => vote_target().prop_map(Action::Retract),
    ]
}

/// The ops only a facilitator may make: sections, locks, the projector, phases.
fn board_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => (0..SECTION_POOL, text()).prop_map(|(s, t)| Action::AddSection(s, t)),
        1 => (section(), text()).prop_map(|(s, t)| Action::RenameSection(s, t)),
        1 => (section(), proptest::option::of(section())).prop_map(|(s, b)| Action::MoveSection(s, b)),
        2 => (section(), locking()).prop_map(|(s, l)| Action::LockSection(s, l)),
        1 => section().prop_map(Action::DeleteSection),
        2 => locking().prop_map(Action::LockBoard),
        1 => (any::<bool>(), any::<bool>(), any::<bool>())
            .prop_map(|(show_names, show_case, results_by_group)| Action::SetProjector { show_names, show_case, results_by_group }),
        3 => proptest::option::weighted(0.9, 0..PHASE_POOL).prop_map(Action::GoToPhase),
        3 => any::<bool>().prop_map(Action::StepPhase),
        1 => phase_list().prop_map(Action::SetPhases),
        2 => (proptest::option::of(0..PHASE_POOL), switches()).prop_map(|(i, s)| Action::RetunePhase(i, s)),
        1 => Just(Action::TooManyPhases),
        2 => (note(), prop::bool::weighted(0.6)).prop_map(|(n, h)| Action::ModerateNote(n, h)),
        2 => (comment(), prop::bool::weighted(0.6)).prop_map(|(c, h)| Action::ModerateComment(c, h)),
        2 => locking().prop_map(Action::ApproveFirst),
        1 => any::<bool>().prop_map(Action::FeedbackOpen),
        2 => (0..BUDGETS.len(), any::<bool>()).prop_map(|(b, s)| Action::SetVoting(b, s)),
        1 => Just(Action::ClearVotes),
        2 => (0..THEME_POOL, text()).prop_map(|(t, x)| Action::AddTheme(t, x)),
        1 => (0..THEME_POOL, text()).prop_map(|(t, x)| Action::RenameTheme(t, x)),
        1 => (0..THEME_POOL).prop_map(Action::DeleteTheme),
        2 => (note(), proptest::option::weighted(0.8, 0..THEME_POOL)).prop_map(|(n, t)| Action::SetNoteTheme(n, t)),
    ]
}

/// Who does what: facilitators manage the board and write notes too; participants mostly
/// write, and now and then try a facilitator's op; the projector tries anything.
fn step() -> impl Strategy<Value = (usize, Action)> {
    let facilitator = prop_oneof![Just(0), Just(0), Just(1)];
    prop_oneof![
        5 => (facilitator, prop_oneof![board_action(), note_action()]),
        9 => (2..5usize, prop_oneof![8 => note_action(), 1 => board_action()]),
        1 => (Just(5), prop_oneof![board_action(), note_action()]),
    ]
}

/// One case: the script (in two cases of three opened by the facilitator starting the private
/// Write phase, so that private writing is common; in one of two moved to the Vote phase
/// somewhere, once there are notes to vote on; and in one of three closed by the facilitator
/// moving on to the next phase, often the reveal), which client resumes at the end, and before
/// which step it drops (past the end: after the last).
#[derive(Debug, Clone)]
struct Case {
    script: Vec<(usize, Action)>,
    resumer: usize,
    drop_before: usize,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::bool::weighted(0.67),
        proptest::collection::vec(step(), MIN_STEPS..=MAX_STEPS),
        proptest::option::weighted(0.5, 0..MAX_STEPS),
        prop::bool::weighted(0.33),
        0..CLIENTS,
        0..=MAX_STEPS,
    )
        .prop_map(
            |(write_first, mut steps, vote_at, move_on, resumer, drop_before)| {
                let opening = write_first.then_some((0, Action::GoToPhase(Some(0))));
                if let Some(at) = vote_at {
                    steps.insert(at.min(steps.len()), (0, Action::GoToPhase(Some(2))));
                }
                let closing = move_on.then_some((0, Action::StepPhase(true)));
                Case {
                    script: opening.into_iter().chain(steps).chain(closing).collect(),
                    resumer,
                    drop_before,
                }
            },
        )
}

/// A fixed case that goes through every situation the tally asks for, whatever the random
/// cases happen to cover: private writing, a lock, the reveal by each of its three ops, closed
/// posting, private writing again, a section lock, comments, approve-first, a theme, votes
/// (closed, spent, unstacked, stacked, under rules the ballots break, shown to everyone), votes
/// given back by hiding, a deleted theme and a deleted note, and a participant's second device
/// that misses most of it.
fn story() -> Case {
    use Action::*;
    use NoteRef::{Any, Own};
    let idea = Text::Idea;
    let writing = |private_notes| Switches {
        posting_open: true,
        private_notes,
        voting_open: false,
        votes_shown: false,
    };
    Case {
        script: vec![
            (0, GoToPhase(Some(0))),
            (2, Post(Own(0), 0, idea(1))),
            (3, Post(Own(0), 1, idea(2))),
            (4, Post(Own(0), 0, idea(3))),
            (5, Post(Own(0), 0, idea(4))),
            (2, LockBoard(true)),
            (0, LockBoard(true)),
            (3, Edit(Own(0), idea(5))),
            (0, LockBoard(false)),
            (3, Edit(Own(0), idea(6))),
            (1, Post(Own(0), 1, idea(7))),
            // Discuss: the reveal.
            (0, StepPhase(true)),
            // Vote: posting closed.
            (0, GoToPhase(Some(2))),
            (2, Post(Own(1), 0, idea(8))),
            (0, GoToPhase(Some(0))),
            (4, Post(Own(1), 1, idea(9))),
            // Write stops being private: the reveal by `set_phases`.
            (0, RetunePhase(None, writing(false))),
            (0, RetunePhase(None, writing(true))),
            (3, Post(Own(1), 0, idea(10))),
            // No phase: the reveal too.
            (0, GoToPhase(None)),
            (0, GoToPhase(Some(0))),
            (3, MoveBefore(Own(0), NoteRef::Any(2 * NOTES_EACH))),
            (0, LockSection(0, true)),
            (2, Edit(Own(0), idea(11))),
            (4, Edit(Own(1), idea(12))),
            (2, Post(Own(1), 1, idea(13))),
            (4, Move(Own(1), 0, None)),
            (0, LockSection(0, false)),
            // Discuss: comments, on one's own note and on another's.
            (0, StepPhase(true)),
            (2, Comment(CommentRef::Own(0), Own(0), idea(20))),
            (
                4,
                Comment(CommentRef::Own(0), Any(2 * NOTES_EACH), idea(21)),
            ),
            (4, EditComment(CommentRef::Any(2 * COMMENTS_EACH), idea(22))),
            // Approve-first: a pending note and comment, unseen by the others until approved.
            (0, ApproveFirst(true)),
            (3, Delete(Own(1))),
            (3, Post(Own(1), 0, idea(23))),
            (
                3,
                Comment(CommentRef::Own(1), Any(2 * NOTES_EACH), idea(24)),
            ),
            (
                2,
                EditComment(CommentRef::Any(3 * COMMENTS_EACH + 1), idea(25)),
            ),
            (
                0,
                ModerateComment(CommentRef::Any(3 * COMMENTS_EACH + 1), false),
            ),
            (0, ModerateNote(Any(3 * NOTES_EACH + 1), false)),
            (0, ApproveFirst(false)),
            (0, AddTheme(0, idea(26))),
            (0, SetNoteTheme(Any(2 * NOTES_EACH), Some(0))),
            (2, Vote(TargetRef::Theme(0))),
            // Vote, with a budget of two and no stacking, then five with stacking.
            (0, GoToPhase(Some(2))),
            (0, SetVoting(2, false)),
            (2, Vote(TargetRef::Note(Any(3 * NOTES_EACH)))),
            (2, Vote(TargetRef::Note(Any(3 * NOTES_EACH)))),
            (2, Vote(TargetRef::Theme(0))),
            (2, Vote(TargetRef::Note(Any(4 * NOTES_EACH)))),
            (3, Vote(TargetRef::Note(Any(3 * NOTES_EACH)))),
            (0, SetVoting(1, true)),
            (0, SetVoting(3, true)),
            (3, Vote(TargetRef::Note(Any(3 * NOTES_EACH)))),
            (
                0,
                RetunePhase(
                    None,
                    Switches {
                        posting_open: false,
                        private_notes: false,
                        voting_open: true,
                        votes_shown: true,
                    },
                ),
            ),
            (4, Vote(TargetRef::Note(Any(2 * NOTES_EACH)))),
            (4, Retract(TargetRef::Note(Any(2 * NOTES_EACH)))),
            // Hiding a note and deleting a theme give their votes back.
            (0, ModerateNote(Any(3 * NOTES_EACH), true)),
            (0, DeleteTheme(0)),
            (4, Retract(TargetRef::Theme(0))),
            (4, Vote(TargetRef::Note(Any(2 * NOTES_EACH)))),
            // A deleted note takes its comments and votes with it.
            (0, Delete(Any(2 * NOTES_EACH))),
            (3, Vote(TargetRef::Note(Any(4 * NOTES_EACH)))),
            (0, ClearVotes),
        ],
        resumer: 3,
        drop_before: 9,
    }
}

struct Ids {
    sections: Vec<SectionId>,
    notes: Vec<NoteId>,
    phases: Vec<PhaseId>,
    comments: Vec<CommentId>,
    themes: Vec<ThemeId>,
}

impl Ids {
    /// The op an action stands for; `model` only helps aim it, it does not judge it.
    fn op(&self, who: usize, action: &Action, model: &Model) -> Op {
        let s = |i: usize| self.sections[i].clone();
        let n = |r: NoteRef| match r {
            NoteRef::Own(k) => self.notes[who * NOTES_EACH + k].clone(),
            NoteRef::Any(i) => self.notes[i].clone(),
        };
        let c = |r: CommentRef| match r {
            CommentRef::Own(k) => self.comments[who * COMMENTS_EACH + k].clone(),
            CommentRef::Any(i) => self.comments[i].clone(),
        };
        let t = |i: usize| self.themes[i].clone();
        let target = |r: TargetRef| match r {
            TargetRef::Note(r) => VoteTarget::Note(n(r)),
            TargetRef::Theme(i) => VoteTarget::Theme(t(i)),
        };
        let moderated = |hide: bool| {
            if hide {
                Status::Hidden
            } else {
                Status::Visible
            }
        };
        match action {
            Action::AddSection(i, t) => Op::AddSection {
                id: s(*i),
                title: t.make(),
                colour: Colour::Blue,
            },
            Action::RenameSection(i, t) => Op::UpdateSection {
                id: s(*i),
                title: t.make(),
                colour: Colour::Orange,
            },
            Action::MoveSection(i, before) => Op::MoveSection {
                id: s(*i),
                before: before.map(s),
            },
            Action::LockSection(i, locked) => Op::LockSection {
                id: s(*i),
                locked: *locked,
            },
            Action::DeleteSection(i) => Op::DeleteSection { id: s(*i) },
            Action::Post(r, sec, t) => Op::PostNote {
                id: n(*r),
                section: s(*sec),
                text: t.make(),
                colour: Colour::Yellow,
                on_behalf_of: None,
            },
            Action::Edit(r, t) => Op::EditNote {
                id: n(*r),
                text: t.make(),
            },
            Action::Recolour(r, c) => Op::RecolourNote {
                id: n(*r),
                colour: COLOURS[*c],
            },
            Action::Move(r, sec, before) => Op::MoveNote {
                id: n(*r),
                section: s(*sec),
                before: before.map(n),
            },
            Action::MoveBefore(r, before) => {
                let before = n(*before);
                let section = match model.note(&before) {
                    Ok((s, _)) => model.sections[s].id.clone(),
                    Err(_) => s(0),
                };
                Op::MoveNote {
                    id: n(*r),
                    section,
                    before: Some(before),
                }
            }
            Action::Delete(r) => Op::DeleteNote { id: n(*r) },
            Action::LockBoard(locked) => Op::LockBoard { locked: *locked },
            Action::SetProjector {
                show_names,
                show_case,
                results_by_group,
            } => Op::SetProjector {
                settings: ProjectorSettings {
                    show_names: *show_names,
                    show_case: *show_case,
                    results_by_group: *results_by_group,
                },
            },
            Action::GoToPhase(i) => Op::GoToPhase {
                id: i.map(|i| self.phases[i].clone()),
            },
            Action::StepPhase(forward) => {
                let list = &model.phases;
                let at = model
                    .phase
                    .as_ref()
                    .and_then(|id| list.iter().position(|p| &p.id == id));
                let next = match (at, forward) {
                    (None, true) => Some(0),
                    (None, false) => list.len().checked_sub(1),
                    (Some(i), true) => Some(i + 1).filter(|&j| j < list.len()),
                    (Some(i), false) => i.checked_sub(1),
                };
                Op::GoToPhase {
                    id: next.and_then(|i| list.get(i)).map(|p| p.id.clone()),
                }
            }
            Action::SetPhases(specs) => Op::SetPhases {
                phases: specs.iter().map(|p| p.make(&self.phases)).collect(),
            },
            Action::RetunePhase(target, switches) => {
                let mut phases = model.phases.clone();
                let current = model
                    .phase
                    .as_ref()
                    .and_then(|id| phases.iter().position(|p| &p.id == id));
                let at = match target {
                    Some(i) => Some(i % phases.len().max(1)),
                    None => current.or(Some(0)),
                };
                if let Some(phase) = at.and_then(|i| phases.get_mut(i)) {
                    *phase = with_switches(phase.clone(), *switches);
                }
                Op::SetPhases { phases }
            }
            Action::TooManyPhases => Op::SetPhases {
                phases: (0..=MAX_PHASES)
                    .map(|k| Phase {
                        id: new_id(),
                        title: format!("Vaihe {k}"),
                        instruction: String::new(),
                        posting_open: true,
                        private_notes: false,
                        voting_open: false,
                        votes_shown: false,
                    })
                    .collect(),
            },
            Action::Comment(r, on, x) => Op::PostComment {
                id: c(*r),
                note: n(*on),
                text: x.make(),
            },
            Action::EditComment(r, x) => Op::EditComment {
                id: c(*r),
                text: x.make(),
            },
            Action::DeleteComment(r) => Op::DeleteComment { id: c(*r) },
            Action::ModerateNote(r, hide) => Op::ModerateNote {
                id: n(*r),
                status: moderated(*hide),
            },
            Action::ModerateComment(r, hide) => Op::ModerateComment {
                id: c(*r),
                status: moderated(*hide),
            },
            Action::ApproveFirst(on) => Op::SetApproveFirst { on: *on },
            Action::FeedbackOpen(open) => Op::SetFeedbackOpen { open: *open },
            Action::SetVoting(b, stacking) => Op::SetVoting {
                rules: VotingRules {
                    budget: BUDGETS[*b],
                    stacking: *stacking,
                },
            },
            Action::Vote(r) => Op::CastVote { target: target(*r) },
            Action::Retract(r) => Op::RetractVote { target: target(*r) },
            Action::ClearVotes => Op::ClearVotes,
            Action::AddTheme(i, x) => Op::AddTheme {
                id: t(*i),
                title: x.make(),
            },
            Action::RenameTheme(i, x) => Op::RenameTheme {
                id: t(*i),
                title: x.make(),
            },
            Action::DeleteTheme(i) => Op::DeleteTheme { id: t(*i) },
            Action::SetNoteTheme(r, theme) => Op::SetNoteTheme {
                note: n(*r),
                theme: theme.map(t),
            },
        }
    }
}

/// One connection and what it has folded in.
struct Member {
    who: Who,
    token: String,
    client: Client,
    replica: Replica,
}

impl Member {
    async fn join(
        server: &TestServer,
        board: &BoardCreated,
        token: &str,
        last_seq: Option<u64>,
        replica: Replica,
    ) -> anyhow::Result<(Self, ServerMsg)> {
        let (client, welcome) =
            Client::join(&server.ws_url(), &board.board_id, token, last_seq).await?;
        let ServerMsg::Welcome { you, .. } = &welcome else {
            bail!("expected a welcome");
        };
        let mut member = Member {
            who: Who {
                participant: you.participant.clone(),
                role: you.role,
            },
            token: token.to_owned(),
            client,
            replica,
        };
        member.replica.welcome(&welcome)?;
        Ok((member, welcome))
    }

    fn viewer(&self) -> Viewer {
        Viewer {
            role: self.who.role,
            participant: self.who.participant.clone(),
        }
    }

    /// Reads until this client's answer to `op_id`, folding everything applied on the way.
    async fn answer_to(&mut self, op_id: &OpId) -> anyhow::Result<Result<(), RejectReason>> {
        loop {
            match self.client.recv_content().await? {
                ServerMsg::Applied {
                    seq,
                    op_id: id,
                    changes,
                    ..
                } => {
                    self.replica.applied(seq, &changes)?;
                    if &id == op_id {
                        return Ok(Ok(()));
                    }
                }
                ServerMsg::Rejected { op_id: id, reason } if &id == op_id => {
                    return Ok(Err(reason));
                }
                other => bail!("unexpected {other:?}"),
            }
        }
    }

    /// Reads until this client has folded everything up to `seq`.
    async fn catch_up(&mut self, seq: u64) -> anyhow::Result<()> {
        while self.replica.seq < seq {
            match self.client.recv_content().await? {
                ServerMsg::Applied {
                    seq: s, changes, ..
                } => {
                    self.replica.applied(s, &changes)?;
                }
                other => bail!("unexpected {other:?}"),
            }
        }
        Ok(())
    }

    /// Folds everything up to `seq`, then closes the connection, keeping what it folded.
    async fn drop_at(mut self, seq: u64) -> anyhow::Result<Replica> {
        self.catch_up(seq).await?;
        self.client.close().await?;
        Ok(self.replica)
    }

    /// What this client holds must be the server's board as its viewer may see it, and the
    /// model's view for it.
    fn check_view(&self, served: &Board, model: &Model, what: &str) -> anyhow::Result<Board> {
        let view = served.as_seen_by(&self.viewer());
        ensure!(
            self.replica.board.as_ref() == Some(&view),
            "{what} ({:?}) does not hold the server's board as it may see it:\nholds {:#?}\nshould {view:#?}",
            self.who.role,
            self.replica.board
        );
        let expected = model.seen_by(&self.who);
        ensure!(
            Model::of(&view) == expected,
            "{what} ({:?}): the server's view differs from the model's:\nserver {:#?}\nmodel {expected:#?}",
            self.who.role,
            Model::of(&view)
        );
        Ok(view)
    }
}

/// What the scripts exercised, over all cases: the test must see plenty of each.
#[derive(Default)]
struct Tally {
    accepted: AtomicUsize,
    rejected: AtomicUsize,
    /// Rejections for locks, for closed posting, for a role that may not, for closed voting,
    /// for a spent budget, for a second vote without stacking, for new rules that cast votes
    /// break.
    locked: AtomicUsize,
    posting_closed: AtomicUsize,
    forbidden: AtomicUsize,
    voting_closed: AtomicUsize,
    budget_spent: AtomicUsize,
    already_voted: AtomicUsize,
    votes_cast: AtomicUsize,
    /// Accepted votes, comments, and posts that wait for approval.
    votes: AtomicUsize,
    comments: AtomicUsize,
    pending: AtomicUsize,
    /// Accepted ops that took comments with a note or section, and votes with a note, a
    /// section, a hidden note or a theme.
    comments_cascaded: AtomicUsize,
    votes_given_back: AtomicUsize,
    /// Accepted phase ops that revealed private notes.
    reveals: AtomicUsize,
    /// Final views, of a participant or the projector, that lacked a hidden note.
    hidden_views: AtomicUsize,
    /// Resumes that had missed an op.
    resumes_behind: AtomicUsize,
}

impl Tally {
    fn count(counter: &AtomicUsize) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn answer(&self, answer: &Result<(), RejectReason>) {
        match answer {
            Ok(()) => Self::count(&self.accepted),
            Err(reason) => {
                Self::count(&self.rejected);
                match reason {
                    RejectReason::Locked => Self::count(&self.locked),
                    RejectReason::PostingClosed => Self::count(&self.posting_closed),
                    RejectReason::Forbidden => Self::count(&self.forbidden),
                    RejectReason::VotingClosed => Self::count(&self.voting_closed),
                    RejectReason::BudgetSpent { .. } => Self::count(&self.budget_spent),
                    RejectReason::AlreadyVoted => Self::count(&self.already_voted),
                    RejectReason::VotesCast => Self::count(&self.votes_cast),
                    _ => {}
                }
            }
        }
    }
}

async fn mint_facilitator_key(
    server: &TestServer,
    board: &BoardCreated,
    name: &str,
) -> anyhow::Result<String> {
    let res = server
        .http()
        .post(server.url(&format!("/api/boards/{}/facilitator-keys", board.board_id)))
        .bearer_auth(&board.facilitator_key)
        .json(&serde_json::json!({ "name": name }))
        .send()
        .await?;
    ensure!(res.status() == 201, "mint a key: {}", res.status());
    Ok(res.json::<FacilitatorKeyMinted>().await?.key)
}

async fn http_snapshot(
    server: &TestServer,
    board: &BoardCreated,
    token: &str,
) -> anyhow::Result<Snapshot> {
    let res = server
        .http()
        .get(server.url(&format!("/api/boards/{}", board.board_id)))
        .bearer_auth(token)
        .send()
        .await?;
    ensure!(res.status() == 200, "snapshot: {}", res.status());
    Ok(res.json().await?)
}

async fn run_case(server: &TestServer, case: &Case, tally: &Tally) -> anyhow::Result<()> {
    let made = server.create_board("Malli", &["Nuoret", "Perheet"]).await?;
    let mut tokens = vec![
        made.facilitator_key.clone(),
        mint_facilitator_key(server, &made, "Varavetäjä").await?,
    ];
    for name in [Some("Anna"), None, Some("Åsa")] {
        tokens.push(server.join(&made.join_code, name).await?.token);
    }
    tokens.push(made.projector_key.clone());
    let mut members = Vec::new();
    for (token, role) in tokens.iter().zip(ROLES) {
        let (member, _) = Member::join(server, &made, token, None, Replica::default()).await?;
        ensure!(member.who.role == role, "joined as {:?}", member.who.role);
        members.push(member);
    }
    // A second connection with one of the credentials, that drops and resumes.
    let (resumer, _) = Member::join(
        server,
        &made,
        &tokens[case.resumer],
        None,
        Replica::default(),
    )
    .await?;

    let initial = members[0].replica.board.clone().context("a snapshot")?;
    let mut model = Model::of(&initial);
    let mut sections: Vec<SectionId> = initial
        .ordered_sections()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    sections.extend((sections.len()..SECTION_POOL).map(|_| new_id()));
    let mut phases: Vec<PhaseId> = initial.phases.iter().map(|p| p.id.clone()).collect();
    ensure!(
        phases.len() == 4 && initial.phases[0].private_notes,
        "a new board starts with Write (private) and three more phases"
    );
    phases.extend((phases.len()..PHASE_POOL).map(|_| new_id()));
    let ids = Ids {
        sections,
        notes: (0..NOTES_EACH * CLIENTS).map(|_| new_id()).collect(),
        phases,
        comments: (0..COMMENTS_EACH * CLIENTS).map(|_| new_id()).collect(),
        themes: (0..THEME_POOL).map(|_| new_id()).collect(),
    };

    let mut seq = 0;
    let mut resumer = Some(resumer);
    // The replica the resumer kept when it dropped, and its seq.
    let mut kept = None;
    for (step, (who, action)) in case.script.iter().enumerate() {
        if step == case.drop_before
            && let Some(resumer) = resumer.take()
        {
            kept = Some(resumer.drop_at(seq).await?);
        }
        let op = ids.op(*who, action, &model);
        let private_before = model.private_count();
        let (comments_before, votes_before, pending_before) = (
            model.comment_count(),
            model.vote_count(),
            model.pending_count(),
        );
        let expected = model.step(&members[*who].who, &op);
        let op_id: OpId = new_id();
        let member = &mut members[*who];
        member
            .client
            .send(&ClientMsg::Op {
                op_id: op_id.clone(),
                op: op.clone(),
            })
            .await?;
        let answer = member.answer_to(&op_id).await?;
        ensure!(
            answer == expected,
            "step {step}: client {who} sent {action:?}: the server said {answer:?}, the model {expected:?}"
        );
        tally.answer(&answer);
        if answer.is_ok() {
            seq += 1;
            let phase_op = matches!(op, Op::GoToPhase { .. } | Op::SetPhases { .. });
            if phase_op && model.private_count() < private_before {
                Tally::count(&tally.reveals);
            }
            match op {
                Op::CastVote { .. } => Tally::count(&tally.votes),
                Op::PostComment { .. } => Tally::count(&tally.comments),
                Op::DeleteNote { .. } | Op::DeleteSection { .. }
                    if model.comment_count() < comments_before =>
                {
                    Tally::count(&tally.comments_cascaded)
                }
                _ => {}
            }
            if model.pending_count() > pending_before {
                Tally::count(&tally.pending);
            }
            let retracted = matches!(op, Op::RetractVote { .. } | Op::ClearVotes);
            if !retracted && model.vote_count() < votes_before {
                Tally::count(&tally.votes_given_back);
            }
        }
        // The room answers in order, so the sender has folded every op so far: what it holds
        // now must already be the model's view for it, not only at the end.
        ensure!(
            member.replica.seq == seq,
            "step {step}: client {who} is at seq {} of {seq}",
            member.replica.seq
        );
        let holds = Model::of(member.replica.board.as_ref().context("a board")?);
        let expected = model.seen_by(&member.who);
        ensure!(
            holds == expected,
            "step {step}: after {action:?} client {who} holds\n{holds:#?}\nand the model says it should see\n{expected:#?}"
        );
    }
    let kept = match (kept, resumer) {
        (Some(kept), _) => kept,
        (None, Some(resumer)) => resumer.drop_at(seq).await?,
        (None, None) => bail!("the resumer neither dropped nor stayed"),
    };
    let dropped_at = kept.seq;

    let (client, welcome) = Client::join(
        &server.ws_url(),
        &made.board_id,
        &made.facilitator_key,
        None,
    )
    .await?;
    client.close().await?;
    let mut served = Replica::default();
    ensure!(served.welcome(&welcome)? == seq, "one seq per accepted op");
    // The facilitators' snapshot is the whole board but for the ballots, which only their
    // voters see: the model's ballots complete it, and the served totals must be their sums.
    let mut served = served.board.context("a snapshot")?;
    ensure!(
        served.ballots.is_empty(),
        "a facilitator's snapshot holds a ballot"
    );
    served.ballots = model.ballots();
    served.check_whole_board()?;
    ensure!(
        Model::of(&served) == model,
        "the server's board differs from the model:\nserver {:#?}\nmodel {model:#?}",
        Model::of(&served)
    );

    // Each client, as it folded the live `applied` messages, and each credential over HTTP.
    for (i, member) in members.iter_mut().enumerate() {
        member.catch_up(seq).await?;
        let view = member.check_view(&served, &model, &format!("client {i}"))?;
        let http = http_snapshot(server, &made, &member.token).await?;
        ensure!(
            http.seq == seq && http.role == member.who.role,
            "client {i}'s HTTP snapshot is at seq {} as {:?}",
            http.seq,
            http.role
        );
        ensure!(
            http.board == view,
            "client {i}'s HTTP snapshot is not the board as it may see it:\nsent {:#?}\nshould {view:#?}",
            http.board
        );
        if member.who.role != Role::Facilitator && model.seen_by(&member.who).hidden_count() > 0 {
            Tally::count(&tally.hidden_views);
        }
    }
    // The projector sees what a participant who wrote nothing sees.
    let nobody = Viewer {
        role: Role::Participant,
        participant: new_id::<ParticipantId>(),
    };
    ensure!(
        members[5].replica.board == Some(served.as_seen_by(&nobody)),
        "the projector's view is not a participant's who wrote nothing"
    );

    // The dropped connection resumes from where it was: the `applied` messages it missed,
    // redacted for it, bring it to the same view.
    let (mut resumed, welcome) =
        Member::join(server, &made, &tokens[case.resumer], Some(dropped_at), kept).await?;
    let ServerMsg::Welcome { snapshot, .. } = &welcome else {
        bail!("expected a welcome");
    };
    ensure!(
        snapshot.is_none(),
        "a resume within the window gets the missed ops, not a snapshot"
    );
    resumed.catch_up(seq).await?;
    resumed.check_view(&served, &model, &format!("client {} resumed", case.resumer))?;
    if dropped_at < seq {
        Tally::count(&tally.resumes_behind);
    }
    resumed.client.close().await?;

    for member in members {
        member.client.close().await?;
    }
    Ok(())
}

#[test]
fn random_ops_from_every_role_end_where_the_reference_model_ends_for_every_viewer()
-> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    let server = runtime.block_on(TestServer::start())?;
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let mut runner = TestRunner::new(Config {
        cases,
        // Each case talks to a real server: shrink, but within bounds.
        max_shrink_iters: 256,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = Tally::default();
    runtime
        .block_on(run_case(&server, &story(), &tally))
        .context("the fixed story")?;
    let result = runner.run(&case(), |case| {
        runtime
            .block_on(run_case(&server, &case, &tally))
            .map_err(|e| TestCaseError::fail(format!("{e:#}")))
    });
    if let Err(e) = result {
        bail!("{e}");
    }
    let get = |c: &AtomicUsize| c.load(Ordering::Relaxed);
    let figures = [
        ("accepted", get(&tally.accepted)),
        ("rejected", get(&tally.rejected)),
        ("rejected locked", get(&tally.locked)),
        ("rejected posting_closed", get(&tally.posting_closed)),
        ("rejected forbidden", get(&tally.forbidden)),
        ("rejected voting_closed", get(&tally.voting_closed)),
        ("rejected budget_spent", get(&tally.budget_spent)),
        ("rejected already_voted", get(&tally.already_voted)),
        ("rejected votes_cast", get(&tally.votes_cast)),
        ("votes", get(&tally.votes)),
        ("comments", get(&tally.comments)),
        ("pending posts", get(&tally.pending)),
        (
            "comments gone with their note",
            get(&tally.comments_cascaded),
        ),
        ("votes given back", get(&tally.votes_given_back)),
        ("reveals", get(&tally.reveals)),
        ("final views with hidden notes", get(&tally.hidden_views)),
        ("resumes that missed ops", get(&tally.resumes_behind)),
    ];
    println!("model test: the story and {cases} cases; {figures:?}");
    // The story alone makes each of these happen; a zero means the checks above ran on
    // boards too plain to show anything.
    for (what, n) in figures {
        ensure!(n > 0, "the scripts exercised too little: {what} {n}");
    }
    Ok(())
}
