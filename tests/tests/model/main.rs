//! A model test: random op sequences from a facilitator and three participants, sent through a
//! real server over real WebSockets, must end where a small reference model of the board rules
//! ends, and every client must converge to it.
//!
//! The model (`reference.rs`) is written from the rules in docs/protocol.md, independently of
//! `talkoot_shared::apply`: sections and notes are plain lists in display order, with no order
//! keys. It decides which ops are accepted (and why the others are rejected) and what the board
//! looks like after each. Every client folds the `applied` messages it receives into its own
//! copy; at the end each copy, the server's snapshot and the model must agree.
//!
//! `PROPTEST_CASES` sets the number of cases (default 24); one server serves them all, and each
//! case gets a fresh board.

mod reference;

use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail, ensure};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use talkoot_shared::limits::MAX_NOTE_TEXT_CHARS;
use talkoot_shared::{ClientMsg, Colour, NoteId, Op, OpId, RejectReason, SectionId, ServerMsg};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, new_id};

use reference::{Model, Who};

const DEFAULT_CASES: u32 = 24;
/// Ops in one case.
const MIN_STEPS: usize = 10;
const MAX_STEPS: usize = 50;
/// Sections an op can name: the board's two initial ones, then ids that exist only once added.
const SECTION_POOL: usize = 6;
/// The facilitator and three participants.
const CLIENTS: usize = 4;
/// Note ids each client mostly works with, so that later ops keep hitting earlier notes.
const NOTES_EACH: usize = 2;
const COLOURS: [Colour; 3] = [Colour::Yellow, Colour::Green, Colour::Purple];

#[derive(Debug, Clone, Copy)]
enum Text {
    Idea(u8),
    Blank,
    /// Exactly the note limit, in two-byte characters.
    LongestNote,
    TooLongNote,
}

impl Text {
    fn make(self) -> String {
        match self {
            Text::Idea(k) => format!("idea {k}: <b>\"kotiapu\"</b> & ä"),
            Text::Blank => " \n ".into(),
            Text::LongestNote => "ä".repeat(MAX_NOTE_TEXT_CHARS),
            Text::TooLongNote => "x".repeat(MAX_NOTE_TEXT_CHARS + 1),
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

/// An op by pool indices; ids are filled in once the case's board exists.
#[derive(Debug, Clone)]
enum Action {
    AddSection(usize, Text),
    RenameSection(usize, Text),
    MoveSection(usize, Option<usize>),
    DeleteSection(usize),
    Post(NoteRef, usize, Text),
    Edit(NoteRef, Text),
    Recolour(NoteRef, usize),
    Move(NoteRef, usize, Option<NoteRef>),
    /// Move a note just before another, into whichever section that one is in now.
    MoveBefore(NoteRef, NoteRef),
    Delete(NoteRef),
}

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        12 => any::<u8>().prop_map(Text::Idea),
        1 => Just(Text::Blank),
        1 => Just(Text::LongestNote),
        1 => Just(Text::TooLongNote),
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

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => (0..SECTION_POOL, text()).prop_map(|(s, t)| Action::AddSection(s, t)),
        1 => (section(), text()).prop_map(|(s, t)| Action::RenameSection(s, t)),
        1 => (section(), proptest::option::of(section())).prop_map(|(s, b)| Action::MoveSection(s, b)),
        1 => section().prop_map(Action::DeleteSection),
        8 => (note(), section(), text()).prop_map(|(n, s, t)| Action::Post(n, s, t)),
        3 => (note(), text()).prop_map(|(n, t)| Action::Edit(n, t)),
        1 => (note(), 0..COLOURS.len()).prop_map(|(n, c)| Action::Recolour(n, c)),
        2 => (note(), section(), proptest::option::of(note())).prop_map(|(n, s, b)| Action::Move(n, s, b)),
        3 => (note(), (0..NOTES_EACH * CLIENTS).prop_map(NoteRef::Any)).prop_map(|(n, b)| Action::MoveBefore(n, b)),
        1 => note().prop_map(Action::Delete),
    ]
}

/// (which client: 0 is the facilitator, 1–3 participants; what it does)
fn script() -> impl Strategy<Value = Vec<(usize, Action)>> {
    proptest::collection::vec((0..CLIENTS, action()), MIN_STEPS..=MAX_STEPS)
}

struct Ids {
    sections: Vec<SectionId>,
    notes: Vec<NoteId>,
}

impl Ids {
    /// The op an action stands for; `model` only helps aim it, it does not judge it.
    fn op(&self, who: usize, action: &Action, model: &Model) -> Op {
        let s = |i: usize| self.sections[i].clone();
        let n = |r: NoteRef| match r {
            NoteRef::Own(k) => self.notes[who * NOTES_EACH + k].clone(),
            NoteRef::Any(i) => self.notes[i].clone(),
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
            Action::DeleteSection(i) => Op::DeleteSection { id: s(*i) },
            Action::Post(r, sec, t) => Op::PostNote {
                id: n(*r),
                section: s(*sec),
                text: t.make(),
                colour: Colour::Yellow,
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
        }
    }
}

struct Member {
    who: Who,
    client: Client,
    replica: Replica,
}

impl Member {
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
}

/// Ops the server accepted and rejected, over all cases: the test must see plenty of both.
#[derive(Default)]
struct Tally {
    accepted: AtomicUsize,
    rejected: AtomicUsize,
}

async fn run_script(
    server: &TestServer,
    script: &[(usize, Action)],
    tally: &Tally,
) -> anyhow::Result<()> {
    let made = server.create_board("Malli", &["Nuoret", "Perheet"]).await?;
    let mut tokens = vec![(made.facilitator_key.clone(), true)];
    for name in [Some("Anna"), None, Some("Åsa")] {
        tokens.push((server.join(&made.join_code, name).await?.token, false));
    }
    let mut members = Vec::new();
    for (token, facilitator) in tokens {
        let (client, welcome) =
            Client::join(&server.ws_url(), &made.board_id, &token, None).await?;
        let ServerMsg::Welcome { you, .. } = &welcome else {
            bail!("expected a welcome");
        };
        let mut replica = Replica::default();
        replica.welcome(&welcome)?;
        members.push(Member {
            who: Who {
                participant: you.participant.clone(),
                facilitator,
            },
            client,
            replica,
        });
    }
    let initial = members[0].replica.board.clone().context("a snapshot")?;
    let mut model = Model::of(&initial);
    let mut sections: Vec<SectionId> = initial
        .ordered_sections()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    sections.extend((sections.len()..SECTION_POOL).map(|_| new_id()));
    let ids = Ids {
        sections,
        notes: (0..NOTES_EACH * CLIENTS).map(|_| new_id()).collect(),
    };

    let mut seq = 0;
    for (step, (who, action)) in script.iter().enumerate() {
        let op = ids.op(*who, action, &model);
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
        if answer.is_ok() {
            seq += 1;
            tally.accepted.fetch_add(1, Ordering::Relaxed);
        } else {
            tally.rejected.fetch_add(1, Ordering::Relaxed);
        }
    }

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
    let served = served.board.context("a snapshot")?;
    served.check_invariants()?;
    ensure!(
        Model::of(&served) == model,
        "the server's board differs from the model:\nserver {:#?}\nmodel {model:#?}",
        Model::of(&served)
    );
    for (i, member) in members.iter_mut().enumerate() {
        member.catch_up(seq).await?;
        ensure!(
            member.replica.board.as_ref() == Some(&served),
            "client {i} did not converge to the server's board"
        );
    }
    for member in members {
        member.client.close().await?;
    }
    Ok(())
}

#[test]
fn random_ops_from_four_clients_end_where_the_reference_model_ends() -> anyhow::Result<()> {
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
    let result = runner.run(&script(), |script| {
        runtime
            .block_on(run_script(&server, &script, &tally))
            .map_err(|e| TestCaseError::fail(format!("{e:#}")))
    });
    if let Err(e) = result {
        bail!("{e}");
    }
    let (accepted, rejected) = (tally.accepted.into_inner(), tally.rejected.into_inner());
    println!("model test: {cases} cases, {accepted} ops accepted, {rejected} rejected");
    ensure!(
        accepted > 0 && rejected > 0,
        "the scripts exercised too little"
    );
    Ok(())
}
