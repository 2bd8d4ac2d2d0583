//! Scenario (d): a board already holding many notes, and a crowd joining it at once. Each
//! joiner's time runs from its HTTP join to a `welcome` whose snapshot holds every note.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use hdrhistogram::Histogram;
use serde::Serialize;
use talkoot_shared::ServerMsg;
use tokio::sync::{Semaphore, watch};

use crate::boards::{self, Http};
use crate::client::{self, Tally, Writer};
use crate::meter::{Meter, Percentiles};
use crate::target::Target;

/// Clients that post the board's notes beforehand, each a share.
const FILL_CLIENTS: usize = 50;
/// Longest wait for the notes to be posted.
const FILL_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Serialize)]
pub struct JoinStormReport {
    pub notes: usize,
    pub clients: usize,
    pub spread_s: f64,
    /// Joins whose welcome held every note.
    pub complete: usize,
    pub join_time: Percentiles,
    /// Size of one `welcome` frame with the whole board.
    pub welcome_bytes: usize,
    pub wall_s: f64,
    pub server_cpu_s: f64,
}

pub async fn run(
    target: &Target,
    notes: usize,
    clients: usize,
    spread: Duration,
    sources: usize,
) -> anyhow::Result<JoinStormReport> {
    let http = Http::new(sources)?;
    let board = boards::create_board(target, &http, 0).await?;
    fill(target, &http, &board, notes).await?;

    let server0 = crate::proc_stats::sample(target.pid)?;
    let started = Instant::now();
    let joins = (0..clients).map(|i| {
        let (http, board) = (&http, &board);
        // The first clients' sources are the fill clients'; the storm starts after them.
        let client = FILL_CLIENTS + i;
        async move {
            tokio::time::sleep(spread.mul_f64(i as f64 / clients as f64)).await;
            let t0 = Instant::now();
            let token = boards::join(target, http, board, client).await?;
            let mut ws =
                client::connect(target.addr, &target.ws_url(), http.source_of(client)).await?;
            let welcome = client::hello(&mut ws, &board.id, &token).await?;
            let took = t0.elapsed();
            anyhow::Ok((ws, welcome, took))
        }
    });
    let results = join_all(joins).await;
    let wall = started.elapsed();
    let server1 = crate::proc_stats::sample(target.pid)?;

    let mut times = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3)?;
    let mut complete = 0;
    let mut welcome_bytes = 0;
    let mut connections = Vec::with_capacity(clients);
    for result in results {
        let (ws, welcome, took) = result?;
        times.saturating_record(took.as_micros() as u64);
        welcome_bytes = welcome_bytes.max(welcome.len());
        if let Ok(ServerMsg::Welcome {
            snapshot: Some(b), ..
        }) = serde_json::from_str::<ServerMsg>(&welcome)
            && b.notes.len() == notes
        {
            complete += 1;
        }
        connections.push(ws);
    }
    drop(connections);
    Ok(JoinStormReport {
        notes,
        clients,
        spread_s: spread.as_secs_f64(),
        complete,
        join_time: Percentiles::of(&times),
        welcome_bytes,
        wall_s: wall.as_secs_f64(),
        server_cpu_s: server1.cpu_seconds - server0.cpu_seconds,
    })
}

/// Posts `notes` notes from `FILL_CLIENTS` participants and waits until all are acknowledged.
async fn fill(
    target: &Target,
    http: &Http,
    board: &boards::BenchBoard,
    notes: usize,
) -> anyhow::Result<()> {
    let meter = Arc::new(Meter::default());
    let (stop_tx, stop) = watch::channel(false);
    let mut tallies = Vec::new();
    let mut writers = Vec::new();
    for i in 0..FILL_CLIENTS {
        let share = notes / FILL_CLIENTS + usize::from(i < notes % FILL_CLIENTS);
        let token = boards::join(target, http, board, i).await?;
        let mut ws = client::connect(target.addr, &target.ws_url(), http.source_of(i)).await?;
        client::hello(&mut ws, &board.id, &token).await?;
        let writer = Writer {
            id: i as u32,
            sections: board.sections.clone(),
            permits: Arc::new(Semaphore::new(share)),
            closed_loop: false,
            post_fraction: 1.0,
            text_chars: 120,
        };
        let tally = Arc::new(Tally::default());
        writers.push(writer.permits.clone());
        client::spawn_member(ws, Some(writer), meter.clone(), tally.clone(), stop.clone());
        tallies.push(tally);
    }
    let deadline = Instant::now() + FILL_TIMEOUT;
    loop {
        let acked: u64 = tallies.iter().map(|t| t.acked.load(Ordering::SeqCst)).sum();
        let rejected: u64 = tallies
            .iter()
            .map(|t| t.rejected.load(Ordering::SeqCst))
            .sum();
        if rejected > 0 {
            let why = tallies
                .iter()
                .find_map(|t| t.problem.lock().ok().and_then(|p| p.clone()));
            anyhow::bail!("{rejected} notes were rejected while filling the board: {why:?}");
        }
        if acked as usize >= notes {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "only {acked}/{notes} notes acknowledged"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The fill clients leave before the storm.
    writers.iter().for_each(|w| w.close());
    let _ = stop_tx.send(true);
    Ok(())
}
