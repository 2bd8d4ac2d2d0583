//! A run of N boards × M clients: make the boards, join every client, then drive the writers
//! through one or more phases (an open-loop rate, or a closed-loop window of ops in flight),
//! measuring each phase in its own window. Afterwards it waits for every sent op to be
//! acknowledged and delivered, and reports what arrived against what should have.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures_util::{StreamExt, stream};
use hdrhistogram::Histogram;
use serde::Serialize;
use tokio::sync::{Semaphore, watch};

use crate::boards::{self, BenchBoard, Http};
use crate::client::{self, Tally, Writer};
use crate::meter::{Meter, Percentiles};
use crate::proc_stats;
use crate::target::Target;

/// How the writers are driven during a phase.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// A fixed rate of ops per second per board, spread round-robin over its writers.
    Open { ops_per_s_per_board: f64 },
    /// Each writer keeps this many ops in flight: a new one whenever one is acknowledged.
    Closed { window: usize },
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Phase {
    pub pace: Pace,
    #[serde(with = "secs")]
    pub warmup: Duration,
    #[serde(with = "secs")]
    pub measure: Duration,
}

#[derive(Debug, Clone, Serialize)]
pub struct LoadSpec {
    pub boards: usize,
    pub clients_per_board: usize,
    /// The first this-many clients of each board write; the rest only read.
    pub writers_per_board: usize,
    pub post_fraction: f64,
    pub text_chars: usize,
    /// Joins in flight at once.
    pub join_concurrency: usize,
    pub phases: Vec<Phase>,
    /// Stop after the first phase that does not keep up (a sweep).
    pub stop_when_saturated: bool,
    /// Longest wait, after the last phase, for outstanding acks and deliveries.
    #[serde(with = "secs")]
    pub drain: Duration,
}

/// What one phase measured.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseReport {
    pub pace: Pace,
    pub measure_s: f64,
    /// Deliveries per second the pace asks for (open loop only): ops/s × members.
    pub offered_deliveries_per_s: Option<f64>,
    pub acked_ops_per_s: f64,
    pub deliveries_per_s: f64,
    pub mean_frame_bytes: f64,
    /// Edit → arrival at every member.
    pub latency: Percentiles,
    /// Edit → the sender's own `applied` (the durable ack).
    pub ack_latency: Percentiles,
    pub server_cpu_s: f64,
    pub server_cpu_ns_per_delivery: f64,
    /// The load generator's own CPU: on a shared machine it competes with the server.
    pub bench_cpu_s: f64,
    /// Delivered at least 95 % of what was offered.
    pub kept_up: bool,
}

/// Joins, from the start of the HTTP join to the `welcome`.
#[derive(Debug, Clone, Serialize)]
pub struct JoinReport {
    pub clients: usize,
    pub time: Percentiles,
    pub mean_welcome_bytes: f64,
    pub wall_s: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub ops_sent: u64,
    pub ops_acked: u64,
    pub ops_rejected: u64,
    pub errors: u64,
    pub deliveries: u64,
    /// Σ over boards of (ops acknowledged on the board × members of the board).
    pub deliveries_expected: u64,
    pub connections_closed_by_server: u64,
    /// The first few unexpected frames or closes.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    pub target: crate::target::Kind,
    pub spec: LoadSpec,
    pub connections: usize,
    pub source_addresses: usize,
    pub join: JoinReport,
    pub server_rss_before_bytes: u64,
    pub server_rss_after_join_bytes: u64,
    pub server_rss_per_connection_bytes: f64,
    pub phases: Vec<PhaseReport>,
    pub totals: Totals,
}

/// One client of the run.
struct Seat {
    board: usize,
    tally: Arc<Tally>,
    permits: Option<Arc<Semaphore>>,
}

pub async fn run(target: &Target, spec: &LoadSpec, sources: usize) -> anyhow::Result<LoadReport> {
    let http = Http::new(sources)?;
    let meter = Arc::new(Meter::default());
    let (stop_tx, stop) = watch::channel(false);
    let rss_before = proc_stats::sample(target.pid)?.rss_bytes;

    let mut boards = Vec::with_capacity(spec.boards);
    for b in 0..spec.boards {
        boards.push(boards::create_board(target, &http, b).await?);
    }
    let closed_loop = spec
        .phases
        .first()
        .is_some_and(|p| matches!(p.pace, Pace::Closed { .. }));

    // Clients in board-major order; writers are the first of each board.
    let total = spec.boards * spec.clients_per_board;
    let join_started = Instant::now();
    let joins = stream::iter(0..total)
        .map(|i| {
            let (board, nth) = (i / spec.clients_per_board, i % spec.clients_per_board);
            let writer = (nth < spec.writers_per_board).then(|| Writer {
                id: i as u32,
                sections: boards[board].sections.clone(),
                permits: Arc::new(Semaphore::new(0)),
                closed_loop,
                post_fraction: spec.post_fraction,
                text_chars: spec.text_chars,
            });
            join_one(target, &http, &boards, board, i, writer, &meter, &stop)
        })
        .buffer_unordered(spec.join_concurrency.max(1))
        .collect::<Vec<_>>()
        .await;
    let join_wall = join_started.elapsed();
    let mut seats = Vec::with_capacity(total);
    let mut join_times = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3)?;
    let mut welcome_bytes = 0u64;
    for joined in joins {
        let (seat, took, welcome) = joined?;
        join_times.saturating_record(took.as_micros() as u64);
        welcome_bytes += welcome as u64;
        seats.push(seat);
    }
    drop(http); // its pooled connections would count as the server's memory and open files
    // Let the presence broadcasts of the last joins settle before weighing the server.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_after = proc_stats::sample(target.pid)?.rss_bytes;

    let mut phases = Vec::new();
    for phase in &spec.phases {
        let report = run_phase(target, spec, phase, &seats, &meter).await?;
        let kept_up = report.kept_up;
        phases.push(report);
        if spec.stop_when_saturated && !kept_up {
            break;
        }
    }
    for seat in &seats {
        if let Some(p) = &seat.permits {
            p.close();
        }
    }
    let totals = drain(spec, &seats, spec.drain).await;
    let _ = stop_tx.send(true);

    Ok(LoadReport {
        target: target.kind,
        spec: spec.clone(),
        connections: total,
        source_addresses: sources.min(total),
        join: JoinReport {
            clients: total,
            time: Percentiles::of(&join_times),
            mean_welcome_bytes: welcome_bytes as f64 / total.max(1) as f64,
            wall_s: join_wall.as_secs_f64(),
        },
        server_rss_before_bytes: rss_before,
        server_rss_after_join_bytes: rss_after,
        server_rss_per_connection_bytes: (rss_after as f64 - rss_before as f64)
            / total.max(1) as f64,
        phases,
        totals,
    })
}

/// Joins client `i` to board `board` and starts its tasks; returns its seat, how long the join
/// took and the welcome's size.
#[allow(clippy::too_many_arguments)]
async fn join_one(
    target: &Target,
    http: &Http,
    boards: &[BenchBoard],
    board: usize,
    i: usize,
    writer: Option<Writer>,
    meter: &Arc<Meter>,
    stop: &watch::Receiver<bool>,
) -> anyhow::Result<(Seat, Duration, usize)> {
    let started = Instant::now();
    let token = boards::join(target, http, &boards[board], i).await?;
    let mut ws = client::connect(target.addr, &target.ws_url(), http.source_of(i)).await?;
    let welcome = client::hello(&mut ws, &boards[board].id, &token).await?;
    let took = started.elapsed();
    let tally = Arc::new(Tally::default());
    let permits = writer.as_ref().map(|w| w.permits.clone());
    client::spawn_member(ws, writer, meter.clone(), tally.clone(), stop.clone());
    let seat = Seat {
        board,
        tally,
        permits,
    };
    Ok((seat, took, welcome.len()))
}

async fn run_phase(
    target: &Target,
    spec: &LoadSpec,
    phase: &Phase,
    seats: &[Seat],
    meter: &Meter,
) -> anyhow::Result<PhaseReport> {
    // Writers in board-interleaved order, so that round-robin spreads evenly over boards.
    let mut writers: Vec<&Arc<Semaphore>> = Vec::new();
    for nth in 0..spec.writers_per_board {
        for b in 0..spec.boards {
            if let Some(p) = seats[b * spec.clients_per_board + nth].permits.as_ref() {
                writers.push(p);
            }
        }
    }
    let start = meter.now_us() + phase.warmup.as_micros() as u64;
    let end = start + phase.measure.as_micros() as u64;
    meter.open_window(start, end);
    let pacing = async {
        match phase.pace {
            Pace::Open {
                ops_per_s_per_board,
            } => {
                let rate = ops_per_s_per_board * spec.boards as f64;
                pace_open(&writers, rate, phase.warmup + phase.measure).await;
            }
            Pace::Closed { window } => {
                writers.iter().for_each(|w| w.add_permits(window));
                tokio::time::sleep(phase.warmup + phase.measure).await;
            }
        }
    };
    let sampling = async {
        tokio::time::sleep(phase.warmup).await;
        let server0 = proc_stats::sample(target.pid)?;
        let bench0 = proc_stats::sample(std::process::id())?;
        tokio::time::sleep(phase.measure).await;
        let server1 = proc_stats::sample(target.pid)?;
        let bench1 = proc_stats::sample(std::process::id())?;
        anyhow::Ok((
            server1.cpu_seconds - server0.cpu_seconds,
            bench1.cpu_seconds - bench0.cpu_seconds,
        ))
    };
    let ((), cpu) = tokio::join!(pacing, sampling);
    let (server_cpu, bench_cpu) = cpu?;
    let f = meter.read();
    let secs = phase.measure.as_secs_f64();
    let deliveries_per_s = f.deliveries as f64 / secs;
    let offered = match phase.pace {
        Pace::Open {
            ops_per_s_per_board,
        } => Some(ops_per_s_per_board * (spec.boards * spec.clients_per_board) as f64),
        Pace::Closed { .. } => None,
    };
    Ok(PhaseReport {
        pace: phase.pace,
        measure_s: secs,
        offered_deliveries_per_s: offered,
        acked_ops_per_s: f.acks as f64 / secs,
        deliveries_per_s,
        mean_frame_bytes: f.delivered_bytes as f64 / f.deliveries.max(1) as f64,
        latency: f.latency,
        ack_latency: f.ack_latency,
        server_cpu_s: server_cpu,
        server_cpu_ns_per_delivery: server_cpu * 1e9 / f.deliveries.max(1) as f64,
        bench_cpu_s: bench_cpu,
        kept_up: offered.is_none_or(|o| deliveries_per_s >= 0.95 * o),
    })
}

/// Hands out `rate` permits per second round-robin over `writers` for `duration`, ticking
/// every millisecond and issuing whatever is due, so high rates need no sub-millisecond timer.
async fn pace_open(writers: &[&Arc<Semaphore>], rate: f64, duration: Duration) {
    if writers.is_empty() || rate <= 0.0 {
        tokio::time::sleep(duration).await;
        return;
    }
    let started = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut issued: u64 = 0;
    let mut next = 0usize;
    while started.elapsed() < duration {
        tick.tick().await;
        let due = (started.elapsed().as_secs_f64() * rate) as u64;
        while issued < due {
            writers[next].add_permits(1);
            next = (next + 1) % writers.len();
            issued += 1;
        }
    }
}

/// Waits (up to `limit`) until every sent op is acknowledged and every member has every
/// `applied` of its board, then counts.
async fn drain(spec: &LoadSpec, seats: &[Seat], limit: Duration) -> Totals {
    let deadline = Instant::now() + limit;
    loop {
        let t = count(spec, seats);
        let settled =
            t.ops_acked + t.ops_rejected >= t.ops_sent && t.deliveries >= t.deliveries_expected;
        if settled || Instant::now() >= deadline {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn count(spec: &LoadSpec, seats: &[Seat]) -> Totals {
    let mut t = Totals::default();
    let mut acked_per_board = vec![0u64; spec.boards];
    let mut members_per_board = vec![0u64; spec.boards];
    for seat in seats {
        let tally = &seat.tally;
        t.ops_sent += tally.sent.load(Ordering::SeqCst);
        let acked = tally.acked.load(Ordering::SeqCst);
        t.ops_acked += acked;
        acked_per_board[seat.board] += acked;
        t.ops_rejected += tally.rejected.load(Ordering::SeqCst);
        t.errors += tally.errors.load(Ordering::SeqCst);
        t.deliveries += tally.applied.load(Ordering::SeqCst);
        if tally.closed.load(Ordering::SeqCst) {
            t.connections_closed_by_server += 1;
        } else {
            members_per_board[seat.board] += 1;
        }
        if t.problems.len() < 5
            && let Some(p) = tally
                .problem
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
        {
            t.problems.push(p);
        }
    }
    t.deliveries_expected = acked_per_board
        .iter()
        .zip(&members_per_board)
        .map(|(a, m)| a * m)
        .sum();
    t
}

/// Durations as seconds in the JSON.
mod secs {
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }
}
