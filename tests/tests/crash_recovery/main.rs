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

mod op_log;
mod phone;

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail, ensure};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use talkoot_shared::{Board, BoardId, OpId};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer};

use op_log::{carries_its_effects, fold, read_log};
use phone::{Ended, Finding, Mode, Phone};

const DEFAULT_SEED: u64 = 20_261_123;
const DEFAULT_KILLS: usize = 20;
/// How long the phones stream before each kill, drawn from this range.
const STREAM_MS: RangeInclusive<u64> = 50..=1_200;
const BOARDS: usize = 2;
const PHONES_PER_BOARD: usize = 2;
const SECTIONS: &[&str] = &["Nuoret", "Perheet", "Ikäihmiset"];
/// Longest a phone's session may take to notice the kill, or to settle at the end.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);

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
        served
            .board
            .as_ref()
            .map(Board::check_invariants)
            .transpose()
            .with_context(|| format!("board {b}"))?;

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
            let seed = rng.random();
            phones.push(Phone::new(name, b, made.board_id.clone(), joined, seed));
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
