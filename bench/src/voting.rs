//! Scenario (g): dot voting. A facilitator fills a board with notes, sets the rules (a budget of
//! 5, no stacking) and moves to the board's voting phase; then every participant spends its
//! whole budget at a phone's pace, each vote at a random moment of the spread, on notes of its
//! own choosing. A vote's time runs from sending `cast_vote` to the voter's own `applied` with
//! that `op_id`: its durable acknowledgement. At the end the server's counts are read back: the
//! totals the facilitator sees and each participant's own ballot must both hold exactly the
//! acknowledged votes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures_util::StreamExt;
use futures_util::future::join_all;
use hdrhistogram::Histogram;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use talkoot_shared::{Colour, NoteId, Op, ServerMsg, VoteTarget, VotingRules};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

use crate::boards::{self, BenchBoard, Http};
use crate::client::{self, Ws, new_id, next_applied, send_op, wait_for_applied};
use crate::meter::Percentiles;
use crate::proc_stats;
use crate::target::Target;

/// Votes each participant has: the issue's workshop.
pub const BUDGET: u32 = 5;
/// Between two of the facilitator's note posts: 40 posts/s against the per-connection limit of
/// 20/s after a burst of 200, so even 300 notes take only 150 of the burst.
const POST_INTERVAL: Duration = Duration::from_millis(25);
/// How long after the spread a vote may wait for its answer, and the facilitator's screen for
/// the last vote.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Serialize)]
pub struct VotingReport {
    pub notes: usize,
    pub clients: usize,
    pub budget: u32,
    /// The votes are spread over this many seconds.
    pub spread_s: f64,
    pub votes_sent: u64,
    pub votes_acked: u64,
    /// Rejected votes by reason code (`rate_limited`, `budget_spent`, …).
    pub rejected: BTreeMap<String, u64>,
    /// Votes answered by neither `applied` nor `rejected`.
    pub unanswered: u64,
    /// From sending `cast_vote` to the voter's own `applied` for it.
    pub ack_latency: Percentiles,
    /// The vote totals in the facilitator's snapshot at the end, summed.
    pub totals_sum: u64,
    /// Every participant's own ballot at the end (from its own snapshot), summed.
    pub ballots_sum: u64,
    pub max_ballot: u32,
    /// Vote `applied` frames that reached the facilitator's open socket.
    pub facilitator_saw: u64,
    /// From the start of the spread to the last vote's answer.
    pub wall_s: f64,
    pub server_cpu_s: f64,
    pub server_rss_before_bytes: u64,
    pub server_rss_after_bytes: u64,
}

impl VotingReport {
    pub fn expected_votes(&self) -> u64 {
        self.clients as u64 * u64::from(self.budget)
    }

    /// Every participant's whole budget was acknowledged, counted once in the totals, once in
    /// its voter's ballot and once on the facilitator's screen, and no ballot exceeds the budget.
    pub fn every_vote_counted_once(&self) -> bool {
        let expected = self.expected_votes();
        self.votes_acked == expected
            && self.totals_sum == expected
            && self.ballots_sum == expected
            && self.facilitator_saw == expected
            && self.max_ballot <= self.budget
    }
}

pub async fn run(
    target: &Target,
    clients: usize,
    notes: usize,
    spread: Duration,
    sources: usize,
) -> anyhow::Result<VotingReport> {
    anyhow::ensure!(
        notes >= BUDGET as usize,
        "a budget of {BUDGET} without stacking needs at least {BUDGET} notes"
    );
    let http = Http::new(sources)?;
    let board = boards::create_board(target, &http, 0).await?;
    let mut facilitator = client::connect(target.addr, &target.ws_url(), http.source_of(0)).await?;
    let welcome = client::hello(&mut facilitator, &board.id, &board.facilitator_key).await?;
    let ServerMsg::Welcome {
        snapshot: Some(snapshot),
        ..
    } = serde_json::from_str(&welcome)?
    else {
        bail!("the facilitator's welcome has no snapshot");
    };
    let vote_phase = snapshot
        .phases
        .iter()
        .find(|p| p.voting_open)
        .context("the board has a voting phase")?
        .id
        .clone();
    let note_ids = post_notes(&mut facilitator, &board, notes).await?;

    // Each participant joins with its own token and socket, and reads until the vote starts.
    let (go_tx, go) = watch::channel(None::<Instant>);
    let (stop_tx, stop) = watch::channel(false);
    let (done_tx, mut done) = mpsc::channel(clients.max(1));
    let mut tokens = Vec::with_capacity(clients);
    let mut phones = Vec::with_capacity(clients);
    for i in 0..clients {
        let token = boards::join(target, &http, &board, i + 1).await?;
        let mut ws = client::connect(target.addr, &target.ws_url(), http.source_of(i + 1)).await?;
        client::hello(&mut ws, &board.id, &token).await?;
        let plan = plan(i as u64, &note_ids, spread);
        let (go, stop, done) = (go.clone(), stop.clone(), done_tx.clone());
        phones.push(tokio::spawn(async move {
            match vote(ws, plan, go).await {
                Ok((votes, ws)) => {
                    let _ = done.send(Ok(votes)).await;
                    linger(ws, stop).await;
                }
                Err(e) => {
                    let _ = done.send(Err(e)).await;
                }
            }
        }));
        tokens.push(token);
    }
    drop(done_tx);

    let rules = VotingRules {
        budget: BUDGET,
        stacking: false,
    };
    send_op(&mut facilitator, Op::SetVoting { rules }).await?;
    wait_for_applied(&mut facilitator, 1).await?;
    send_op(
        &mut facilitator,
        Op::GoToPhase {
            id: Some(vote_phase),
        },
    )
    .await?;
    wait_for_applied(&mut facilitator, 1).await?;
    // The facilitator's screen stays open and shows the totals as they move.
    let facilitator_saw = Arc::new(AtomicU64::new(0));
    let screen = tokio::spawn(count_applied(
        facilitator,
        facilitator_saw.clone(),
        stop.clone(),
    ));

    let server0 = proc_stats::sample(target.pid)?;
    let started = Instant::now();
    let _ = go_tx.send(Some(started));
    let mut results = Vec::with_capacity(clients);
    while results.len() < clients {
        let votes = tokio::time::timeout(spread + 2 * SETTLE_TIMEOUT, done.recv())
            .await
            .context("timed out waiting for the participants' votes")?
            .context("a participant stopped before its votes were answered")??;
        results.push(votes);
    }
    let server1 = proc_stats::sample(target.pid)?;
    let last_answer = results
        .iter()
        .filter_map(|v| v.last_answer)
        .max()
        .unwrap_or(started);

    let mut latency = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3)?;
    let mut rejected = BTreeMap::new();
    let (mut sent, mut acked, mut unanswered) = (0, 0, 0);
    for v in &results {
        sent += v.sent;
        acked += v.acked_us.len() as u64;
        unanswered += v.unanswered;
        v.acked_us
            .iter()
            .for_each(|&us| latency.saturating_record(us));
        for (reason, n) in &v.rejected {
            *rejected.entry(reason.clone()).or_insert(0) += n;
        }
    }

    // Every acknowledged vote reaches the facilitator's screen too.
    let settle = Instant::now() + SETTLE_TIMEOUT;
    while facilitator_saw.load(Ordering::SeqCst) < acked && Instant::now() < settle {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = stop_tx.send(true);
    screen.await?;
    join_all(phones).await;

    // The counts as the server keeps them: totals from the facilitator's view, each ballot from
    // its voter's own view (votes are secret, from the facilitators too).
    let totals = boards::snapshot(target, &http, &board.id, &board.facilitator_key).await?;
    let mut ballots_sum = 0;
    let mut max_ballot = 0;
    for token in &tokens {
        let own = boards::snapshot(target, &http, &board.id, token).await?;
        for ballot in own.board.ballots.values() {
            ballots_sum += u64::from(ballot.sum());
            max_ballot = max_ballot.max(ballot.sum());
        }
    }

    Ok(VotingReport {
        notes,
        clients,
        budget: BUDGET,
        spread_s: spread.as_secs_f64(),
        votes_sent: sent,
        votes_acked: acked,
        rejected,
        unanswered,
        ack_latency: Percentiles::of(&latency),
        totals_sum: u64::from(totals.board.vote_totals.sum()),
        ballots_sum,
        max_ballot,
        facilitator_saw: facilitator_saw.load(Ordering::SeqCst),
        wall_s: last_answer.duration_since(started).as_secs_f64(),
        server_cpu_s: server1.cpu_seconds - server0.cpu_seconds,
        server_rss_before_bytes: server0.rss_bytes,
        server_rss_after_bytes: server1.rss_bytes,
    })
}

/// The facilitator posts `notes` notes round the sections at a steady pace, reading the answers
/// as they come (so its outbox never fills), and returns their ids.
async fn post_notes(ws: &mut Ws, board: &BenchBoard, notes: usize) -> anyhow::Result<Vec<NoteId>> {
    let mut ids = Vec::with_capacity(notes);
    let mut pace = tokio::time::interval(POST_INTERVAL);
    let mut applied = 0;
    while applied < notes {
        tokio::select! {
            _ = pace.tick(), if ids.len() < notes => {
                let id = new_id::<NoteId>();
                let op = Op::PostNote {
                    id: id.clone(),
                    section: board.sections[ids.len() % board.sections.len()].clone(),
                    text: format!("Tarve {}: nuorten matalan kynnyksen palvelut", ids.len()),
                    colour: Colour::Yellow,
                    on_behalf_of: None,
                };
                send_op(ws, op).await?;
                ids.push(id);
            }
            is_applied = next_applied(ws) => {
                applied += usize::from(is_applied?);
            }
        }
    }
    Ok(ids)
}

/// One participant's votes: when (after the start) and on which note.
type Plan = Vec<(Duration, NoteId)>;

/// `BUDGET` distinct notes at random moments of the spread, from a seed, so runs repeat.
fn plan(seed: u64, notes: &[NoteId], spread: Duration) -> Plan {
    let mut rng = StdRng::seed_from_u64(seed);
    let picks = rand::seq::index::sample(&mut rng, notes.len(), BUDGET as usize);
    let mut plan: Plan = picks
        .into_iter()
        .map(|i| (spread.mul_f64(rng.random::<f64>()), notes[i].clone()))
        .collect();
    plan.sort_by_key(|(at, _)| *at);
    plan
}

/// What one participant's votes got.
#[derive(Default)]
struct Votes {
    sent: u64,
    /// Each acknowledged vote's latency, in µs.
    acked_us: Vec<u64>,
    rejected: BTreeMap<String, u64>,
    unanswered: u64,
    last_answer: Option<Instant>,
}

/// Reads until the start, then casts the plan's votes on time while reading every frame, until
/// each vote is answered (or the settle time runs out). Returns the socket to stay in the room.
async fn vote(
    mut ws: Ws,
    plan: Plan,
    mut go: watch::Receiver<Option<Instant>>,
) -> anyhow::Result<(Votes, Ws)> {
    let start = loop {
        tokio::select! {
            start = go.wait_for(Option::is_some) => break start?.context("the start is set")?,
            frame = ws.next() => { text_of(frame)?; }
        }
    };
    let deadline = start + plan.last().map_or(Duration::ZERO, |(at, _)| *at) + SETTLE_TIMEOUT;
    let mut votes = Votes::default();
    let mut pending: HashMap<String, Instant> = HashMap::new();
    let mut next = plan.iter().peekable();
    while next.peek().is_some() || !pending.is_empty() {
        let wake = next.peek().map_or(deadline, |(at, _)| start + *at);
        tokio::select! {
            () = tokio::time::sleep_until(wake.into()) => {
                let Some((_, note)) = next.next() else { break };
                let sent = Instant::now();
                let target = VoteTarget::Note(note.clone());
                let op_id = send_op(&mut ws, Op::CastVote { target }).await?;
                pending.insert(op_id.to_string(), sent);
                votes.sent += 1;
            }
            frame = ws.next() => {
                let Some(text) = text_of(frame)? else { continue };
                let Some(sent) = op_id_of(&text).and_then(|id| pending.remove(id)) else {
                    continue;
                };
                let now = Instant::now();
                votes.last_answer = Some(now);
                if text.starts_with(r#"{"type":"applied""#) {
                    votes.acked_us.push(now.duration_since(sent).as_micros() as u64);
                } else {
                    *votes.rejected.entry(reason_of(&text)).or_insert(0) += 1;
                }
            }
        }
    }
    votes.unanswered = pending.len() as u64;
    Ok((votes, ws))
}

/// Keeps reading (so the outbox never fills) until every participant is done: leaving early
/// would thin the fan-out that the later votes meet.
async fn linger(mut ws: Ws, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            frame = ws.next() => if !matches!(frame, Some(Ok(_))) { return },
        }
    }
}

/// The facilitator's screen: counts the `applied` frames it receives until told to stop.
async fn count_applied(mut ws: Ws, count: Arc<AtomicU64>, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            frame = ws.next() => match frame {
                Some(Ok(Message::Text(text))) if text.starts_with(r#"{"type":"applied""#) => {
                    count.fetch_add(1, Ordering::SeqCst);
                }
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}

/// A frame's text, if it is a text frame; the connection closing is an error.
fn text_of(
    frame: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
) -> anyhow::Result<Option<String>> {
    match frame {
        Some(Ok(Message::Text(text))) => Ok(Some(text.as_str().to_owned())),
        Some(Ok(Message::Close(close))) => bail!("closed by the server: {close:?}"),
        Some(Ok(_)) => Ok(None),
        Some(Err(e)) => Err(e.into()),
        None => bail!("the server closed the connection"),
    }
}

/// The `op_id` of an `applied` or `rejected` frame: its first `op_id` field (an `applied`
/// names it before its changes).
fn op_id_of(frame: &str) -> Option<&str> {
    const KEY: &str = r#""op_id":""#;
    if !frame.starts_with(r#"{"type":"applied""#) && !frame.starts_with(r#"{"type":"rejected""#) {
        return None;
    }
    let start = frame.find(KEY)? + KEY.len();
    let len = frame[start..].find('"')?;
    Some(&frame[start..start + len])
}

/// The reason code of a `rejected` frame.
fn reason_of(frame: &str) -> String {
    match serde_json::from_str::<ServerMsg>(frame) {
        Ok(ServerMsg::Rejected { reason, .. }) => serde_json::to_value(&reason)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "unknown".into()),
        _ => "unparsed".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_spends_the_budget_on_distinct_notes_within_the_spread() {
        let notes: Vec<NoteId> = (0..20).map(|_| new_id()).collect();
        let spread = Duration::from_secs(10);
        let a = plan(7, &notes, spread);
        assert_eq!(a.len(), BUDGET as usize);
        let distinct: std::collections::HashSet<_> = a.iter().map(|(_, n)| n).collect();
        assert_eq!(distinct.len(), a.len());
        assert!(a.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(a.iter().all(|(at, _)| *at < spread));
        assert_eq!(a, plan(7, &notes, spread), "a seed repeats its plan");
    }

    #[test]
    fn answers_are_matched_by_their_op_id() {
        let applied = r#"{"type":"applied","seq":9,"op_id":"abc","actor":"x","changes":[]}"#;
        assert_eq!(op_id_of(applied), Some("abc"));
        let rejected =
            r#"{"type":"rejected","op_id":"def","reason":{"code":"budget_spent","budget":5}}"#;
        assert_eq!(op_id_of(rejected), Some("def"));
        assert_eq!(op_id_of(r#"{"type":"presence","online":3}"#), None);
    }
}
