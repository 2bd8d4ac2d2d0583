//! Crash safety. Four phones on two boards stream posts, edits, recolours, moves and deletes
//! while the harness SIGKILLs the server at seeded random moments and starts it again on the
//! same SQLite file. After every kill, reading the op log straight from the database:
//! - every op a phone saw acknowledged is in the log exactly once, at the seq it was told;
//! - seq is gapless, 1..=N;
//! - no op is half there: each logged op carries all of its effects, and the board the server
//!   serves is exactly the fold of the log, so an op that is not logged has left no trace;
//! - each phone's board equals the log's prefix up to the seq it had reached.
//!
//! Then the phones resume: they reconnect with `last_seq`, catch up, and resend their
//! unanswered op with the same `op_id`. An op the crash had already committed must be answered
//! with its original seq; one it had not must be applied now, once.
//!
//! CI runs 20 kills. A longer run by hand (the seed is printed, so a failure can be replayed):
//! `TALKOOT_CRASH_KILLS=500 TALKOOT_CRASH_SEED=7 cargo test -p talkoot-tests --test crash_recovery -- --nocapture`

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail, ensure};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use talkoot_shared::{
    Board, BoardId, Change, ClientMsg, Colour, NoteId, Op, OpId, ParticipantId, ServerMsg,
};
use talkoot_tests::ops::welcome_seq;
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, new_id};

const DEFAULT_SEED: u64 = 20_261_123;
const DEFAULT_KILLS: usize = 20;
/// How long the phones stream before each kill, drawn from this range.
const STREAM_MS: RangeInclusive<u64> = 50..=1_200;
/// A phone's pause between ops: a busy person, well under any per-connection rate limit.
const PAUSE_MS: RangeInclusive<u64> = 30..=90;
/// One op in this many, the phone loses its network right after sending it, so the op is
/// often committed but unanswered: its resend must get the original seq back.
const DROP_ONE_IN: u32 = 8;
/// How long a phone stays offline after it lost its network.
const OFFLINE_MS: RangeInclusive<u64> = 0..=300;
const BOARDS: usize = 2;
const PHONES_PER_BOARD: usize = 2;
const SECTIONS: &[&str] = &["Nuoret", "Perheet", "Ikäihmiset"];
/// A phone deletes rather than posts once it has this many notes, so a long run stays far
/// below the notes-per-board limit.
const MAX_OWN_NOTES: usize = 12;
/// Longest a phone's session may take to notice the kill, or to settle at the end.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);
const COLOURS: &[Colour] = &[
    Colour::Yellow,
    Colour::Pink,
    Colour::Blue,
    Colour::Green,
    Colour::Orange,
    Colour::Purple,
];

fn env_or<T: FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A board under test, as it was made.
struct TestBoard {
    id: BoardId,
    facilitator_key: String,
    /// The board at seq 0: its sections, no notes.
    initial: Board,
}

/// What the log says about an op that was unanswered when the server died.
#[derive(Debug, Clone, Copy)]
enum Finding {
    /// The crash came after the commit: resending must get this seq back.
    Logged(u64),
    /// Not committed: resending must apply it, after the log's end at the check.
    Absent { log_end: u64 },
}

/// An op sent and not yet answered.
#[derive(Debug, Clone)]
struct Unanswered {
    op_id: OpId,
    op: Op,
    /// Set by the check after a kill.
    finding: Option<Finding>,
}

/// One participant's phone: it streams ops, one at a time, like the web app's outbox.
struct Phone {
    name: String,
    board: usize,
    board_id: BoardId,
    token: String,
    me: ParticipantId,
    rng: StdRng,
    replica: Replica,
    pending: Option<Unanswered>,
    /// Every op this phone saw acknowledged, with the seq it was told.
    acked: HashMap<OpId, u64>,
    made: u64,
    /// Things the server did wrong, seen from this phone.
    violations: Vec<String>,
    /// Resent ops answered with their original seq.
    repeats: u64,
    /// Ops this phone saw applied a second time under a new seq.
    double_applies: usize,
}

/// What a phone does in a session.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Keep posting until the connection dies, or the phone drops it itself.
    Stream,
    /// Post nothing new: resolve the unanswered op, catch up to the welcome's seq, and stop.
    Settle,
}

/// How a session that did not fail ended.
#[derive(PartialEq)]
enum Ended {
    /// The phone lost its network right after sending an op (it dropped the socket).
    Dropped,
    Settled,
}

impl Phone {
    /// Streams until the server dies: on a dropped network, it reconnects after a while.
    async fn stream(&mut self, url: &str) {
        while let Ok(Ended::Dropped) = self.session(url, Mode::Stream).await {
            let offline = self.rng.random_range(OFFLINE_MS);
            tokio::time::sleep(Duration::from_millis(offline)).await;
        }
    }

    /// One connection. Errors are I/O (the server died); what the server does wrong goes
    /// into `violations`.
    async fn session(&mut self, url: &str, mode: Mode) -> anyhow::Result<Ended> {
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
        })
    }
}

/// One row of the op log, read straight from the database file.
struct LogRow {
    seq: u64,
    op_id: OpId,
    actor: ParticipantId,
    op: Op,
    changes: Vec<Change>,
}

async fn read_log(db: &Path, board: &BoardId) -> anyhow::Result<Vec<LogRow>> {
    let options = SqliteConnectOptions::new().filename(db).read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let rows = sqlx::query(
        "SELECT seq, op_id, actor, op, changes FROM ops WHERE board_id = ? ORDER BY seq",
    )
    .bind(board.as_str())
    .fetch_all(&pool)
    .await?;
    pool.close().await;
    rows.iter()
        .map(|r| {
            Ok(LogRow {
                seq: r.try_get::<i64, _>("seq")? as u64,
                op_id: OpId::parse(r.try_get::<String, _>("op_id")?)?,
                actor: ParticipantId::parse(r.try_get::<String, _>("actor")?)?,
                op: serde_json::from_str(r.try_get("op")?)?,
                changes: serde_json::from_str(r.try_get("changes")?)?,
            })
        })
        .collect()
}

/// Whether a logged op carries all of its effects (the harness only sends note ops).
fn carries_its_effects(row: &LogRow) -> bool {
    match (&row.op, row.changes.as_slice()) {
        (
            Op::PostNote {
                id,
                section,
                text,
                colour,
            },
            [Change::Note { note }],
        ) => {
            &note.id == id
                && &note.section == section
                && &note.text == text
                && &note.colour == colour
                && note.author == row.actor
        }
        (Op::EditNote { id, text }, [Change::Note { note }]) => {
            &note.id == id && &note.text == text
        }
        (Op::RecolourNote { id, colour }, [Change::Note { note }]) => {
            &note.id == id && &note.colour == colour
        }
        (Op::MoveNote { id, section, .. }, [Change::Note { note }]) => {
            &note.id == id && &note.section == section
        }
        (Op::DeleteNote { id }, [Change::NoteRemoved { id: removed }]) => id == removed,
        _ => false,
    }
}

fn fold(initial: &Board, rows: &[LogRow]) -> Board {
    let mut board = initial.clone();
    rows.iter()
        .flat_map(|r| &r.changes)
        .for_each(|c| board.absorb(c));
    board
}

#[derive(Default)]
struct Figures {
    kills: usize,
    /// Acknowledged ops looked up in the log, summed over every check.
    acked_checked: usize,
    lost: usize,
    duplicates: usize,
    unanswered_committed: usize,
    unanswered_absent: usize,
}

/// Everything the log and the restarted server must satisfy; records findings for each
/// phone's unanswered op.
async fn check(
    server: &TestServer,
    boards: &[TestBoard],
    phones: &mut [Phone],
    figures: &mut Figures,
) -> anyhow::Result<()> {
    let db = server.data_dir().join("talkoot.db");
    for (b, board) in boards.iter().enumerate() {
        let rows = read_log(&db, &board.id).await?;
        let n = rows.len() as u64;
        for (i, row) in rows.iter().enumerate() {
            ensure!(
                row.seq == i as u64 + 1,
                "board {b}: seq {} at position {}",
                row.seq,
                i + 1
            );
            ensure!(
                carries_its_effects(row),
                "board {b}: seq {} is half there",
                row.seq
            );
        }
        let mut logged: HashMap<&OpId, Vec<u64>> = HashMap::new();
        for row in &rows {
            logged.entry(&row.op_id).or_default().push(row.seq);
        }
        figures.duplicates += logged.values().filter(|seqs| seqs.len() > 1).count();

        // The server serves exactly the fold of its log: nothing unlogged left a trace.
        let (client, welcome) =
            Client::join(&server.ws_url(), &board.id, &board.facilitator_key, None).await?;
        client.close().await?;
        let mut served = Replica::default();
        ensure!(
            served.welcome(&welcome)? == n,
            "board {b}: served seq is not the log's end {n}"
        );
        ensure!(
            served.board.as_ref() == Some(&fold(&board.initial, &rows)),
            "board {b}: the served board is not the fold of the log"
        );

        for phone in phones.iter_mut().filter(|p| p.board == b) {
            for (op_id, seq) in &phone.acked {
                figures.acked_checked += 1;
                match logged.get(op_id).map(Vec::as_slice) {
                    Some([s]) if s == seq => {}
                    Some([s]) => bail!("{}: {op_id} acked at seq {seq}, logged at {s}", phone.name),
                    Some(_) => {} // counted as a duplicate above
                    None => figures.lost += 1,
                }
            }
            ensure!(
                phone.replica.seq <= n,
                "{} had seen seq {} but the log ends at {n}",
                phone.name,
                phone.replica.seq
            );
            if let Some(view) = &phone.replica.board {
                let prefix = fold(&board.initial, &rows[..phone.replica.seq as usize]);
                ensure!(
                    view == &prefix,
                    "{}: its board at seq {} differs from the log's",
                    phone.name,
                    phone.replica.seq
                );
            }
            if let Some(p) = phone.pending.as_mut() {
                let finding = match logged.get(&p.op_id).map(Vec::as_slice) {
                    Some([s]) => Finding::Logged(*s),
                    Some(_) => continue, // counted as a duplicate above
                    None => Finding::Absent { log_end: n },
                };
                // Count each unanswered op once, at the first kill that found it.
                if p.finding.is_none() {
                    match finding {
                        Finding::Logged(_) => figures.unanswered_committed += 1,
                        Finding::Absent { .. } => figures.unanswered_absent += 1,
                    }
                }
                p.finding = Some(finding);
            }
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ops_survive_sigkill_exactly_once_and_phones_resume() -> anyhow::Result<()> {
    let seed = env_or("TALKOOT_CRASH_SEED", DEFAULT_SEED);
    let kills = env_or("TALKOOT_CRASH_KILLS", DEFAULT_KILLS);
    println!(
        "crash harness: seed {seed} (TALKOOT_CRASH_SEED), {kills} kills (TALKOOT_CRASH_KILLS)"
    );
    let mut rng = StdRng::seed_from_u64(seed);

    let mut server = TestServer::start().await?;
    let mut boards = Vec::new();
    let mut phones = Vec::new();
    for b in 0..BOARDS {
        let made = server
            .create_board(&format!("Työpaja {b}"), SECTIONS)
            .await?;
        let (client, welcome) = Client::join(
            &server.ws_url(),
            &made.board_id,
            &made.facilitator_key,
            None,
        )
        .await?;
        client.close().await?;
        let mut initial = Replica::default();
        initial.welcome(&welcome)?;
        boards.push(TestBoard {
            id: made.board_id.clone(),
            facilitator_key: made.facilitator_key,
            initial: initial.board.context("a first welcome has a snapshot")?,
        });
        for p in 0..PHONES_PER_BOARD {
            let name = format!("phone {b}.{p}");
            let joined = server.join(&made.join_code, Some(&name)).await?;
            phones.push(Phone {
                name,
                board: b,
                board_id: made.board_id.clone(),
                token: joined.token,
                me: joined.participant_id,
                rng: StdRng::seed_from_u64(rng.random()),
                replica: Replica::default(),
                pending: None,
                acked: HashMap::new(),
                made: 0,
                violations: Vec::new(),
                repeats: 0,
                double_applies: 0,
            });
        }
    }

    let mut figures = Figures::default();
    for kill in 1..=kills {
        let url = server.ws_url();
        let sessions: Vec<_> = phones
            .drain(..)
            .map(|mut phone| {
                let url = url.clone();
                tokio::spawn(async move {
                    phone.stream(&url).await;
                    phone
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(rng.random_range(STREAM_MS))).await;
        server.kill_9().await?;
        figures.kills += 1;
        for session in sessions {
            phones.push(tokio::time::timeout(SESSION_TIMEOUT, session).await??);
        }
        server.start_again().await?;
        check(&server, &boards, &mut phones, &mut figures)
            .await
            .with_context(|| format!("after kill {kill} (seed {seed})"))?;
    }

    // Everyone resumes once more with no kill: every unanswered op gets its answer, and every
    // phone catches up to the end of its board's log.
    for _ in 0..2 {
        for phone in &mut phones {
            let settled = tokio::time::timeout(
                SESSION_TIMEOUT,
                phone.session(&server.ws_url(), Mode::Settle),
            )
            .await
            .with_context(|| format!("{} did not settle", phone.name))??;
            ensure!(settled == Ended::Settled);
        }
    }
    check(&server, &boards, &mut phones, &mut figures).await?;
    for phone in &phones {
        ensure!(
            phone.pending.is_none(),
            "{} still has an unanswered op",
            phone.name
        );
    }
    for (b, board) in boards.iter().enumerate() {
        let end = read_log(&server.data_dir().join("talkoot.db"), &board.id).await?;
        for phone in phones.iter().filter(|p| p.board == b) {
            ensure!(
                phone.replica.seq == end.len() as u64,
                "{} did not converge",
                phone.name
            );
        }
    }

    let acked: usize = phones.iter().map(|p| p.acked.len()).sum();
    let repeats: u64 = phones.iter().map(|p| p.repeats).sum();
    let duplicates = figures.duplicates + phones.iter().map(|p| p.double_applies).sum::<usize>();
    println!(
        "crash harness: seed {seed}, kills {}, acknowledged ops {acked} (checked {} times in all), \
         unanswered at a kill {} ({} already committed, {} not), resends answered with their \
         original seq {repeats}, ops lost {}, duplicates {}",
        figures.kills,
        figures.acked_checked,
        figures.unanswered_committed + figures.unanswered_absent,
        figures.unanswered_committed,
        figures.unanswered_absent,
        figures.lost,
        duplicates,
    );
    assert!(
        acked > 0,
        "no op was acknowledged: the harness tested nothing"
    );
    let violations: Vec<_> = phones.iter().flat_map(|p| &p.violations).collect();
    assert!(violations.is_empty(), "{violations:#?}");
    assert_eq!(figures.lost, 0, "acknowledged ops were lost");
    assert_eq!(duplicates, 0, "ops were applied twice");
    Ok(())
}
