//! `apply` over arbitrary op sequences from a facilitator, three participants and the projector
//! (phases, private writing and the reveal, locks and projector settings, votes, comments,
//! moderation, themes, the timer and posting on someone's behalf included), every op tried by
//! whoever the input picks, absorbed as a room absorbs them. It must never panic, and after
//! every op:
//! - the whole board's invariants hold (`Board::check_whole_board`: order keys within their
//!   bound, "no note stays private outside private writing", ballots within the budget and
//!   unstacked unless stacking is on, votes only on public notes and themes, no orphan comment,
//!   totals the sums of the ballots), and the timer has at most `MAX_TIMER_MS` left;
//! - `apply` is deterministic and absorbing the same changes twice changes nothing;
//! - the changes survive the log's JSON round trip;
//! - a move puts the entity just before `before` in display order, or last without one, and a
//!   post or an added section lands last;
//! - no op reorders anything but its own entity, even when it renumbers the siblings;
//! - a new note is private exactly when a participant posts it in private writing, and no note
//!   becomes private again;
//! - each viewer (every actor, and a participant who never acts) is sent the changes redacted
//!   for them, which carry no note or comment they may not see (private, pending or hidden),
//!   no one else's ballot and no total while they may not see totals, and viewers in the same
//!   `Audience` are sent the same ones (the server encodes once per audience);
//! - who is told the op's actor (`actor_shown_to`) follows the rules: nobody but the voter for
//!   a vote, only the facilitators for an op on the actor's own note or comment that not
//!   everyone may see, everyone otherwise.
//!
//! After every step, who sees what, for every viewer: `as_seen_by` holds every note the viewer
//! may see, unchanged, and of every other note only its id and section if private writing hides
//! it, nothing if moderation does, so no participant's view holds another participant's private
//! or pending note (text, colour or author); the comments they may see and no other; only their
//! own ballot; the totals exactly while they may see them; and the rest of the board as it is;
//! every view passes `check_invariants`; it equals what the viewer's client folded from its redacted changes since
//! the start (redacting commutes with absorbing); the projector's view is that of the
//! participant who never acts; and viewers in one `Audience` get the same snapshot,
//! `Everyone` the board itself.
//!
//! Besides single ops, a step can swap two notes back and forth hundreds of times, which splits
//! one gap until the keys would pass `MAX_ORDER_KEY_LEN` and the section is renumbered.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use talkoot_shared::limits::{MAX_DESCRIPTION_CHARS, MAX_VOTE_BUDGET};
use talkoot_shared::templates::{DEFAULT_PHASES, default_phases};
use talkoot_shared::visibility::{ActorShownTo, AfterOp, actor_shown_to, may_see_actor, redact};
use talkoot_shared::{
    Actor, Audience, Board, BoardId, BoardMeta, Change, Colour, Comment, CommentId, Language, Note,
    NoteId, Op, ParticipantId, Phase, PhaseId, ProjectorSettings, Role, SectionId, Status, ThemeId,
    Viewer, VoteTarget, VotingRules, apply,
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
    /// With a label, a facilitator posts on someone's behalf (anyone else is refused).
    PostNote {
        id: u8,
        section: u8,
        text: Text,
        colour: u8,
        on_behalf_of: Option<Text>,
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
        results_by_group: bool,
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
    SetApproveFirst {
        on: bool,
    },
    SetFeedbackOpen {
        open: bool,
    },
    PostComment {
        id: u8,
        note: u8,
        text: Text,
    },
    EditComment {
        id: u8,
        text: Text,
    },
    DeleteComment {
        id: u8,
    },
    /// Status by `status % 3`: visible, pending (always refused) or hidden.
    ModerateNote {
        id: u8,
        status: u8,
    },
    ModerateComment {
        id: u8,
        status: u8,
    },
    /// A budget from 0 to one over the largest.
    SetVoting {
        budget: u8,
        stacking: bool,
    },
    CastVote {
        target: FuzzTarget,
    },
    RetractVote {
        target: FuzzTarget,
    },
    ClearVotes,
    AddTheme {
        id: u8,
        title: Text,
    },
    RenameTheme {
        id: u8,
        title: Text,
    },
    DeleteTheme {
        id: u8,
    },
    SetNoteTheme {
        note: u8,
        theme: Option<u8>,
    },
    /// Whole seconds, from none to past the longest countdown.
    StartTimer {
        seconds: u16,
    },
    PauseTimer,
    ResumeTimer,
    ExtendTimer {
        seconds: u16,
    },
    StopTimer,
}

#[derive(Arbitrary, Debug)]
enum FuzzTarget {
    Note(u8),
    Theme(u8),
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
    /// Seconds since the previous op: enough for a timer to run out now and then.
    elapsed: u16,
}

/// 40 possible sections, more than a board may hold, so the limit is reachable.
fn section(n: u8) -> SectionId {
    SectionId::parse(format!("s{}", n % 40)).expect("valid id")
}

fn note(n: u8) -> NoteId {
    NoteId::parse(format!("n{}", n % 64)).expect("valid id")
}

fn comment(n: u8) -> CommentId {
    CommentId::parse(format!("c{}", n % 64)).expect("valid id")
}

/// 40 possible themes, more than a board may hold, so the limit is reachable.
fn theme(n: u8) -> ThemeId {
    ThemeId::parse(format!("t{}", n % 40)).expect("valid id")
}

fn target(t: &FuzzTarget) -> VoteTarget {
    match t {
        FuzzTarget::Note(n) => VoteTarget::Note(note(*n)),
        FuzzTarget::Theme(n) => VoteTarget::Theme(theme(*n)),
    }
}

fn status(n: u8) -> Status {
    [Status::Visible, Status::Pending, Status::Hidden][n as usize % 3]
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
            colour: c,
            on_behalf_of,
        } => Op::PostNote {
            id: note(*id),
            section: section(*s),
            text: text.make(),
            colour: colour(*c),
            on_behalf_of: on_behalf_of.as_ref().map(Text::make),
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
        FuzzOp::LockBoard { locked } => Op::LockBoard { locked: *locked },
        FuzzOp::LockSection { id, locked } => Op::LockSection {
            id: section(*id),
            locked: *locked,
        },
        FuzzOp::SetProjector {
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
        FuzzOp::SetApproveFirst { on } => Op::SetApproveFirst { on: *on },
        FuzzOp::SetFeedbackOpen { open } => Op::SetFeedbackOpen { open: *open },
        FuzzOp::PostComment { id, note: n, text } => Op::PostComment {
            id: comment(*id),
            note: note(*n),
            text: text.make(),
        },
        FuzzOp::EditComment { id, text } => Op::EditComment {
            id: comment(*id),
            text: text.make(),
        },
        FuzzOp::DeleteComment { id } => Op::DeleteComment { id: comment(*id) },
        FuzzOp::ModerateNote { id, status: s } => Op::ModerateNote {
            id: note(*id),
            status: status(*s),
        },
        FuzzOp::ModerateComment { id, status: s } => Op::ModerateComment {
            id: comment(*id),
            status: status(*s),
        },
        FuzzOp::SetVoting { budget, stacking } => Op::SetVoting {
            rules: VotingRules {
                budget: u32::from(*budget) % (MAX_VOTE_BUDGET + 2),
                stacking: *stacking,
            },
        },
        FuzzOp::CastVote { target: t } => Op::CastVote { target: target(t) },
        FuzzOp::RetractVote { target: t } => Op::RetractVote { target: target(t) },
        FuzzOp::ClearVotes => Op::ClearVotes,
        FuzzOp::AddTheme { id, title } => Op::AddTheme {
            id: theme(*id),
            title: title.make(),
        },
        FuzzOp::RenameTheme { id, title } => Op::RenameTheme {
            id: theme(*id),
            title: title.make(),
        },
        FuzzOp::DeleteTheme { id } => Op::DeleteTheme { id: theme(*id) },
        FuzzOp::SetNoteTheme { note: n, theme: t } => Op::SetNoteTheme {
            note: note(*n),
            theme: t.map(theme),
        },
        FuzzOp::StartTimer { seconds } => Op::StartTimer {
            duration_ms: u64::from(*seconds) * 1000,
        },
        FuzzOp::PauseTimer => Op::PauseTimer,
        FuzzOp::ResumeTimer => Op::ResumeTimer,
        FuzzOp::ExtendTimer { seconds } => Op::ExtendTimer {
            by_ms: u64::from(*seconds) * 1000,
        },
        FuzzOp::StopTimer => Op::StopTimer,
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
        | Op::DeleteNote { id }
        | Op::ModerateNote { id, .. }
        | Op::SetNoteTheme { note: id, .. } => (None, Some(id)),
        _ => (None, None),
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

/// A new note is private exactly when a participant posted it in private writing, and pending
/// exactly when a participant posted it in approve-first; posted on someone's behalf, it is
/// the facilitator's and shows the label. An old note only ever stops being private.
fn check_new_notes(before: &Board, after: &Board, actor: &Actor, op: &Op) {
    for (id, n) in &after.notes {
        match before.notes.get(id) {
            Some(old) => assert!(!n.private || old.private, "note {id} became private again"),
            None => {
                let participant = actor.role == Role::Participant;
                assert_eq!(
                    n.private,
                    participant && before.writing_is_private(),
                    "note {id} posted by {:?}",
                    actor.role
                );
                assert_eq!(
                    n.status == Status::Pending,
                    participant && before.approve_first,
                    "note {id} posted by {:?}",
                    actor.role
                );
                assert_eq!(n.author, actor.participant);
                if let Op::PostNote {
                    on_behalf_of: Some(label),
                    ..
                } = op
                {
                    assert_eq!(
                        actor.role,
                        Role::Facilitator,
                        "{:?} posted on behalf",
                        actor.role
                    );
                    assert_eq!(n.author_name.as_ref(), Some(label));
                } else {
                    assert_eq!(n.author_name, actor.name);
                }
            }
        }
    }
}

/// Whether `viewer` may see `note` whole, by the rules as the docs state them: a facilitator
/// sees everything; anyone a note neither private nor moderated; its author their own unless a
/// facilitator hid it.
fn sees_note(viewer: &Viewer, note: &Note) -> bool {
    let public = !note.private && note.status == Status::Visible;
    viewer.role == Role::Facilitator
        || public
        || (viewer.role == Role::Participant
            && note.author == viewer.participant
            && note.status != Status::Hidden)
}

/// Whether `viewer` may see `comment` on `note`: they see the note, and the comment is visible,
/// or pending and theirs, or they are a facilitator.
fn sees_comment(viewer: &Viewer, comment: &Comment, note: Option<&Note>) -> bool {
    note.is_some_and(|n| sees_note(viewer, n))
        && (viewer.role == Role::Facilitator
            || comment.status == Status::Visible
            || (comment.status == Status::Pending
                && viewer.role == Role::Participant
                && comment.author == viewer.participant))
}

fn sees_totals(viewer: &Viewer, board: &Board) -> bool {
    viewer.role == Role::Facilitator || board.votes_are_shown()
}

/// `view` is `board` as `viewer` may see it: every note they may see, whole; of a note private
/// writing hides only the id and section, of one moderation hides nothing; the comments they may
/// see; their own ballot; the totals while they may see them; everything else as on the board.
fn check_view(board: &Board, view: &Board, viewer: &Viewer) {
    for (id, n) in &board.notes {
        if sees_note(viewer, n) {
            assert_eq!(view.notes.get(id), Some(n), "{viewer:?} lacks note {id}");
            assert!(!view.hidden_notes.contains_key(id));
        } else {
            assert!(
                !view.notes.contains_key(id),
                "{viewer:?} sees {}'s {:?} note {id}",
                n.author,
                n.status
            );
            let hidden = (n.status == Status::Visible).then_some(&n.section);
            assert_eq!(view.hidden_notes.get(id), hidden, "{viewer:?}, note {id}");
        }
    }
    for id in view.notes.keys().chain(view.hidden_notes.keys()) {
        assert!(
            board.notes.contains_key(id),
            "{viewer:?}'s view has a note the board has not"
        );
    }
    for (id, c) in &board.comments {
        let seen = sees_comment(viewer, c, board.notes.get(&c.note));
        let held = view.comments.get(id);
        assert_eq!(held, seen.then_some(c), "{viewer:?}, comment {id}");
    }
    assert!(
        view.comments
            .keys()
            .all(|id| board.comments.contains_key(id)),
        "{viewer:?}'s view has a comment the board has not"
    );
    let own = board.ballots.get(&viewer.participant);
    assert_eq!(
        view.ballots.iter().collect::<Vec<_>>(),
        own.map(|b| (&viewer.participant, b))
            .into_iter()
            .collect::<Vec<_>>(),
        "{viewer:?} holds a ballot not their own, or lacks theirs"
    );
    if sees_totals(viewer, board) {
        assert_eq!(view.vote_totals, board.vote_totals, "{viewer:?}'s totals");
    } else {
        assert!(view.vote_totals.is_empty(), "{viewer:?} holds totals");
    }
    assert!(
        view.id == board.id
            && view.meta == board.meta
            && view.sections == board.sections
            && view.phases == board.phases
            && view.phase == board.phase
            && view.locked == board.locked
            && view.projector == board.projector
            && view.themes == board.themes
            && view.tasks == board.tasks
            && view.volunteering == board.volunteering
            && view.voting == board.voting
            && view.approve_first == board.approve_first
            && view.timer == board.timer,
        "{viewer:?}'s view differs beyond its notes, comments and votes"
    );
}

/// A change sent to `viewer` carries no note or comment they may not see (nor the order key of
/// a pending or hidden one), no one else's ballot and no total while they may not see totals.
fn check_sent(change: &Change, viewer: &Viewer, board: &Board) {
    match change {
        Change::Note { note } => assert!(
            sees_note(viewer, note),
            "{viewer:?} is sent {}'s {:?} note {} (private: {})",
            note.author,
            note.status,
            note.id,
            note.private
        ),
        Change::Comment { comment } => assert!(
            sees_comment(viewer, comment, board.notes.get(&comment.note)),
            "{viewer:?} is sent {}'s {:?} comment {}",
            comment.author,
            comment.status,
            comment.id
        ),
        // A pending or hidden note's key would place it in its section.
        Change::NoteOrder { id, .. } => assert!(
            board
                .notes
                .get(id)
                .is_none_or(|n| n.status == Status::Visible || sees_note(viewer, n)),
            "{viewer:?} is sent the order key of the moderated note {id}"
        ),
        Change::Ballot { voter, .. } => {
            assert_eq!(
                voter, &viewer.participant,
                "{viewer:?} is sent {voter}'s ballot"
            )
        }
        Change::VoteTotal { .. } => {
            assert!(sees_totals(viewer, board), "{viewer:?} is sent a total")
        }
        Change::VoteTotals { totals } => assert!(
            totals.is_empty() || sees_totals(viewer, board),
            "{viewer:?} is sent the totals"
        ),
        _ => {}
    }
}

/// Sends each viewer the changes of one op as the server does, redacted for them, and folds
/// them into the view that viewer holds, as its client does (`check_sent` on each). Viewers in
/// one `Audience` are sent the same changes.
fn send_changes(changes: &[Change], board: &Board, viewers: &[Viewer], views: &mut [Board]) {
    let after = AfterOp::new(board, changes);
    let sent: Vec<Vec<Change>> = viewers
        .iter()
        .zip(views.iter_mut())
        .map(|(viewer, view)| {
            let redacted: Vec<Change> = changes
                .iter()
                .filter_map(|c| redact(c, viewer, &after))
                .collect();
            for change in &redacted {
                check_sent(change, viewer, board);
                view.absorb(change);
            }
            redacted
        })
        .collect();
    for (i, a) in viewers.iter().enumerate() {
        let audience = Audience::of_changes(changes, &after, a);
        if audience == Audience::Everyone {
            assert_eq!(
                sent[i], changes,
                "{a:?}: nothing is hidden, yet changes differ"
            );
        }
        for (j, b) in viewers.iter().enumerate().skip(i + 1) {
            if Audience::of_changes(changes, &after, b) == audience {
                assert_eq!(
                    sent[i], sent[j],
                    "{a:?} and {b:?} share a change audience {audience:?}"
                );
            }
        }
    }
}

/// Who may be told that `actor` made `changes`, by the rules: nobody for a vote; only the
/// facilitators when a change is about the actor's own note or comment that not everyone may
/// see after it (before it, for a removal); everyone otherwise. `actor_shown_to` must say the
/// same, and `may_see_actor` tell each viewer accordingly.
fn check_actor_shown(
    before: &Board,
    after: &Board,
    actor: &Actor,
    changes: &[Change],
    viewers: &[Viewer],
) {
    let note_secret =
        |n: &Note| n.author == actor.participant && !(!n.private && n.status == Status::Visible);
    let comment_secret = |c: &Comment, board: &Board| {
        c.author == actor.participant
            && !(c.status == Status::Visible
                && board
                    .notes
                    .get(&c.note)
                    .is_some_and(|n| !n.private && n.status == Status::Visible))
    };
    let voted = changes
        .iter()
        .any(|c| matches!(c, Change::Ballot { voter, .. } if voter == &actor.participant));
    let secret = changes.iter().any(|change| match change {
        Change::Note { note } => note_secret(note),
        Change::NoteRemoved { id } => before.notes.get(id).is_some_and(note_secret),
        Change::Comment { comment } => comment_secret(comment, after),
        Change::CommentRemoved { id } => before
            .comments
            .get(id)
            .is_some_and(|c| comment_secret(c, before)),
        // Setting a task's owner: the volunteer's id would tie it to their notes.
        Change::Task { task } => {
            !task.owner.is_empty()
                && before
                    .tasks
                    .get(&task.id)
                    .is_none_or(|old| old.owner != task.owner)
        }
        _ => false,
    });
    let expected = if voted {
        ActorShownTo::Nobody
    } else if secret {
        ActorShownTo::Facilitators
    } else {
        ActorShownTo::Everyone
    };
    let shown = actor_shown_to(before, &actor.participant, changes);
    assert_eq!(
        shown, expected,
        "who is told {} made {changes:?}",
        actor.participant
    );
    for viewer in viewers {
        let told = viewer.participant == actor.participant
            || expected == ActorShownTo::Everyone
            || (expected == ActorShownTo::Facilitators && viewer.role == Role::Facilitator);
        assert_eq!(
            may_see_actor(viewer, &actor.participant, shown),
            told,
            "{viewer:?} told of {}",
            actor.participant
        );
    }
}

/// Who sees what on `board`, for every viewer: `as_seen_by` makes the view `check_view`
/// describes, which passes the invariants; it is what the viewer's client folded from the
/// redacted changes since the start; the projector's is the view of a participant who wrote
/// nothing; and viewers in one `Audience` get the same snapshot, `Everyone` the board itself.
fn check_views(board: &Board, viewers: &[Viewer], folded: &[Board]) {
    let seen: Vec<Board> = viewers.iter().map(|v| board.as_seen_by(v)).collect();
    let nobody = board.as_seen_by(&nobody());
    for (i, (a, view)) in viewers.iter().zip(&seen).enumerate() {
        check_view(board, view, a);
        if let Err(broken) = view.check_invariants() {
            panic!("{a:?}'s view: {broken}");
        }
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
        now += u64::from(step.elapsed) * 1000;
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
            if let Err(broken) = board
                .check_whole_board()
                .and_then(|()| board.check_timer_at(now))
            {
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
            check_new_notes(&previous, &board, actor, &op);
            check_actor_shown(&previous, &board, actor, &changes, &viewers);
            send_changes(&changes, &board, &viewers, &mut views);
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
