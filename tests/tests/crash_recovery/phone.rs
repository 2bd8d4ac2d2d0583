//! A participant's phone in the crash harness: it streams valid ops on its own notes, one at a
//! time like the web app's outbox, keeps its unanswered op across connections and resends it
//! with the same `op_id`, and notes down everything the server does wrong.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::time::Duration;

use anyhow::Context;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use talkoot_shared::http::Joined;
use talkoot_shared::{BoardId, ClientMsg, Colour, NoteId, Op, OpId, ParticipantId, ServerMsg};
use talkoot_tests::ops::welcome_seq;
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, new_id};

/// A phone's pause between ops: a busy person, well under the per-connection rate limit.
const PAUSE_MS: RangeInclusive<u64> = 30..=90;
/// One op in this many, the phone loses its network right after sending it, so the op is
/// often committed but unanswered: its resend must get the original seq back.
const DROP_ONE_IN: u32 = 8;
/// How long a phone stays offline after it lost its network.
const OFFLINE_MS: RangeInclusive<u64> = 0..=300;
/// A phone deletes rather than posts once it has this many notes, so a long run stays far
/// below the notes-per-board limit.
const MAX_OWN_NOTES: usize = 12;
const COLOURS: &[Colour] = &[
    Colour::Yellow,
    Colour::Pink,
    Colour::Blue,
    Colour::Green,
    Colour::Orange,
    Colour::Purple,
];

/// What the log says about an op that was unanswered when the server died.
#[derive(Debug, Clone, Copy)]
pub enum Finding {
    /// The crash came after the commit: resending must get this seq back.
    Logged(u64),
    /// Not committed: resending must apply it, after the log's end at the check.
    Absent { log_end: u64 },
}

/// An op sent and not yet answered.
#[derive(Debug, Clone)]
pub struct Unanswered {
    pub op_id: OpId,
    pub op: Op,
    /// Set by the check after a kill.
    pub finding: Option<Finding>,
}

/// One participant's phone: it streams ops, one at a time, like the web app's outbox.
pub struct Phone {
    pub name: String,
    /// Which of the harness's boards it is on.
    pub board: usize,
    board_id: BoardId,
    token: String,
    me: ParticipantId,
    rng: StdRng,
    pub replica: Replica,
    pub pending: Option<Unanswered>,
    /// Every op this phone saw acknowledged, with the seq it was told.
    pub acked: HashMap<OpId, u64>,
    made: u64,
    /// Things the server did wrong, seen from this phone.
    pub violations: Vec<String>,
    /// Resent ops answered with their original seq.
    pub repeats: u64,
    /// Ops this phone saw applied a second time under a new seq.
    pub double_applies: usize,
}

/// What a phone does in a session.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// Keep posting until the connection dies, or the phone drops it itself.
    Stream,
    /// Post nothing new: resolve the unanswered op, catch up to the welcome's seq, and stop.
    Settle,
}

/// How a session that did not fail ended.
#[derive(PartialEq)]
pub enum Ended {
    /// The phone lost its network right after sending an op (it dropped the socket).
    Dropped,
    Settled,
}

impl Phone {
    pub fn new(name: String, board: usize, board_id: BoardId, joined: Joined, seed: u64) -> Phone {
        Phone {
            name,
            board,
            board_id,
            token: joined.token,
            me: joined.participant_id,
            rng: StdRng::seed_from_u64(seed),
            replica: Replica::default(),
            pending: None,
            acked: HashMap::new(),
            made: 0,
            violations: Vec::new(),
            repeats: 0,
            double_applies: 0,
        }
    }

    /// Streams until the server dies: on a dropped network, it reconnects after a while.
    pub async fn stream(&mut self, url: &str) {
        while let Ok(Ended::Dropped) = self.session(url, Mode::Stream).await {
            let offline = self.rng.random_range(OFFLINE_MS);
            tokio::time::sleep(Duration::from_millis(offline)).await;
        }
    }

    /// One connection. Errors are I/O (the server died); what the server does wrong goes
    /// into `violations`.
    pub async fn session(&mut self, url: &str, mode: Mode) -> anyhow::Result<Ended> {
        let last_seq = self.replica.board.as_ref().map(|_| self.replica.seq);
        let (mut client, welcome) =
            Client::join(url, &self.board_id, &self.token, last_seq).await?;
        let target = match self.replica.welcome(&welcome) {
            Ok(target) => target,
            Err(e) => {
                self.violation(format!("welcome: {e:#}"));
                welcome_seq(&welcome)
            }
        };
        if let Some(p) = &self.pending {
            client
                .send(&ClientMsg::Op {
                    op_id: p.op_id.clone(),
                    op: p.op.clone(),
                })
                .await?;
        }
        loop {
            if mode == Mode::Settle && self.pending.is_none() && self.replica.seq >= target {
                client.close().await?;
                return Ok(Ended::Settled);
            }
            if mode == Mode::Stream && self.pending.is_none() {
                // Think for a moment, reading what others post meanwhile.
                let pause = Duration::from_millis(self.rng.random_range(PAUSE_MS));
                let until = tokio::time::Instant::now() + pause;
                while let Ok(msg) = tokio::time::timeout_at(until, client.recv_content()).await {
                    self.take(msg?);
                }
                let op = self.next_op()?;
                let op_id: OpId = new_id();
                // Pending before it is sent: a send into a dying socket is still unanswered.
                self.pending = Some(Unanswered {
                    op_id: op_id.clone(),
                    op: op.clone(),
                    finding: None,
                });
                client.send(&ClientMsg::Op { op_id, op }).await?;
                if self.rng.random_ratio(1, DROP_ONE_IN) {
                    return Ok(Ended::Dropped);
                }
            }
            let msg = client.recv_content().await?;
            self.take(msg);
        }
    }

    fn violation(&mut self, what: String) {
        self.violations.push(format!("{}: {what}", self.name));
    }

    fn take(&mut self, msg: ServerMsg) {
        match msg {
            ServerMsg::Applied {
                seq,
                op_id,
                changes,
                ..
            } => {
                let known = self.acked.get(&op_id).copied();
                if let Some(p) = self.pending.take_if(|p| p.op_id == op_id) {
                    match p.finding {
                        Some(Finding::Logged(s)) if s != seq => {
                            self.double_applies += 1;
                            self.violation(format!(
                                "resent {op_id} was logged at seq {s} but answered with seq {seq}"
                            ));
                        }
                        Some(Finding::Absent { log_end }) if seq <= log_end => {
                            self.violation(format!(
                                "resent {op_id} was not logged, yet answered with old seq {seq}"
                            ))
                        }
                        _ => {}
                    }
                    if seq <= self.replica.seq {
                        self.repeats += 1;
                    }
                    self.acked.insert(op_id, seq);
                } else if let Some(k) = known {
                    if k != seq {
                        self.double_applies += 1;
                        self.violation(format!(
                            "{op_id} acknowledged at seq {k} and again at {seq}"
                        ));
                    } else {
                        self.repeats += 1;
                    }
                } else if seq <= self.replica.seq {
                    self.violation(format!("an old seq {seq} for someone else's op {op_id}"));
                }
                // A repeated seq is folded only once; which repeats are allowed is checked above.
                if let Err(e) = self.replica.applied(seq, &changes) {
                    self.violation(format!("{e:#}"));
                }
            }
            ServerMsg::Rejected { op_id, reason } => {
                self.pending.take_if(|p| p.op_id == op_id);
                self.violation(format!("a valid op {op_id} was rejected: {reason}"));
            }
            other => self.violation(format!("unexpected {other:?}")),
        }
    }

    /// A valid op on this phone's own notes, as the board stands with nothing pending.
    fn next_op(&mut self) -> anyhow::Result<Op> {
        let board = self.replica.board.as_ref().context("no board yet")?;
        let sections: Vec<_> = board
            .ordered_sections()
            .iter()
            .map(|s| s.id.clone())
            .collect();
        let own: Vec<_> = board
            .notes
            .values()
            .filter(|n| n.author == self.me)
            .collect();
        self.made += 1;
        let text = format!("{} idea {}", self.name, self.made);
        let roll = self.rng.random_range(0..100);
        let colour = *COLOURS.choose(&mut self.rng).context("colours")?;
        let Some(note) = own.choose(&mut self.rng).copied() else {
            return self.post(&sections, text, colour);
        };
        let full = own.len() >= MAX_OWN_NOTES;
        Ok(match roll {
            _ if full && roll < 50 => Op::DeleteNote {
                id: note.id.clone(),
            },
            0..40 => return self.post(&sections, text, colour),
            40..65 => Op::EditNote {
                id: note.id.clone(),
                text,
            },
            65..75 => Op::RecolourNote {
                id: note.id.clone(),
                colour,
            },
            75..92 => {
                let section = sections.choose(&mut self.rng).context("sections")?.clone();
                let before = own
                    .iter()
                    .filter(|n| n.section == section && n.id != note.id)
                    .collect::<Vec<_>>()
                    .choose(&mut self.rng)
                    .map(|n| n.id.clone());
                Op::MoveNote {
                    id: note.id.clone(),
                    section,
                    before,
                }
            }
            _ => Op::DeleteNote {
                id: note.id.clone(),
            },
        })
    }

    fn post(
        &mut self,
        sections: &[talkoot_shared::SectionId],
        text: String,
        colour: Colour,
    ) -> anyhow::Result<Op> {
        let id: NoteId = new_id();
        let section = sections.choose(&mut self.rng).context("sections")?.clone();
        Ok(Op::PostNote {
            id,
            section,
            text,
            colour,
            on_behalf_of: None,
        })
    }
}
