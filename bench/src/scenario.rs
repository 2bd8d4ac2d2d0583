//! The five scenarios of docs/performance.md, the big-room sweep, and the A B A B comparison
//! with the Node hub. Each sets a load shape (which command-line flags may override), runs it,
//! and judges the figures against the targets.

use std::time::Duration;

use serde::Serialize;

use crate::comparison::Comparison;
use crate::load::{self, LoadReport, LoadSpec, Pace, Phase};
use crate::target::Kind;
use crate::verdict::Verdict;
use crate::write_cost::{self, WriteCost};
use crate::{Runner, join_storm, private_writing, voting};

/// Edits per second per board for each step of the big-room sweep.
const SWEEP_RATES: [f64; 8] = [25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0, 600.0];
/// Latency the big room must hold its throughput at.
const BIG_ROOM_P99_MS: f64 = 50.0;
/// Open files kept free of client sockets: HTTP pools, the database, the listener.
const FD_RESERVE: u64 = 600;
/// Writes in the bare-`write()` measurement.
const WRITE_COST_WRITES: u64 = 200_000;

/// What a scenario run produced: the raw runs and the verdicts.
#[derive(Debug, Default, Serialize)]
pub struct ScenarioReport {
    pub scenario: String,
    pub runs: Vec<LoadReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_storm: Option<join_storm::JoinStormReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reveal: Option<private_writing::RevealReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voting: Option<voting::VotingReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_cost: Option<WriteCost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    pub verdicts: Vec<Verdict>,
}

/// Overrides for a scenario's load shape, from the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Shape {
    /// Boards (rooms).
    #[arg(long, global = true)]
    pub boards: Option<usize>,
    /// Clients per board.
    #[arg(long, global = true)]
    pub clients: Option<usize>,
    /// Writers per board (the rest only read).
    #[arg(long, global = true)]
    pub writers: Option<usize>,
    /// Open loop: edits per second per board (a comma-separated list makes phases).
    #[arg(long, global = true, value_delimiter = ',')]
    pub rate: Option<Vec<f64>>,
    /// Closed loop: ops in flight per writer.
    #[arg(long, global = true)]
    pub window: Option<usize>,
    /// Share of ops that post a new note (the rest edit one).
    #[arg(long, global = true)]
    pub post_fraction: Option<f64>,
}

impl Shape {
    fn apply(&self, mut spec: LoadSpec, warmup: Duration, measure: Duration) -> LoadSpec {
        spec.boards = self.boards.unwrap_or(spec.boards);
        spec.clients_per_board = self.clients.unwrap_or(spec.clients_per_board);
        spec.writers_per_board = self
            .writers
            .unwrap_or(spec.writers_per_board)
            .min(spec.clients_per_board);
        spec.post_fraction = self.post_fraction.unwrap_or(spec.post_fraction);
        let paces: Vec<Pace> = match (&self.rate, self.window) {
            (Some(rates), _) => rates
                .iter()
                .map(|&r| Pace::Open {
                    ops_per_s_per_board: r,
                })
                .collect(),
            (None, Some(window)) => vec![Pace::Closed { window }],
            (None, None) => spec.phases.iter().map(|p| p.pace).collect(),
        };
        spec.phases = paces
            .into_iter()
            .map(|pace| Phase {
                pace,
                warmup,
                measure,
            })
            .collect();
        spec
    }
}

fn spec(boards: usize, clients: usize, writers: usize, paces: &[Pace]) -> LoadSpec {
    LoadSpec {
        boards,
        clients_per_board: clients,
        writers_per_board: writers,
        post_fraction: 0.1,
        text_chars: 120,
        join_concurrency: 64,
        phases: paces
            .iter()
            .map(|&pace| Phase {
                pace,
                warmup: Duration::ZERO,
                measure: Duration::ZERO,
            })
            .collect(),
        stop_when_saturated: false,
        drain: Duration::from_secs(30),
    }
}

fn open(rate: f64) -> Pace {
    Pace::Open {
        ops_per_s_per_board: rate,
    }
}

impl Runner {
    fn shaped(&self, base: LoadSpec) -> LoadSpec {
        self.shape.apply(base, self.warmup, self.measure)
    }

    async fn load(&self, kind: Kind, spec: &LoadSpec) -> anyhow::Result<LoadReport> {
        let target = self.target(kind).await?;
        let report = load::run(&target, spec, self.sources).await?;
        eprintln!("{}", crate::report::load_table(&report));
        Ok(report)
    }

    /// Any load shape, given entirely by flags: the smoke test's command.
    pub async fn custom(&self) -> anyhow::Result<ScenarioReport> {
        let spec = self.shaped(spec(1, 3, 3, &[open(5.0)]));
        let run = self.load(self.kind, &spec).await?;
        Ok(ScenarioReport {
            scenario: "load".into(),
            runs: vec![run],
            ..Default::default()
        })
    }

    /// (a) workshop: 1 board, 150 clients, 10 edits/s, edit→delivery including the commit.
    pub async fn workshop(&self) -> anyhow::Result<ScenarioReport> {
        let mut base = spec(1, 150, 150, &[open(10.0)]);
        base.post_fraction = 0.5;
        let spec = self.shaped(base);
        let run = self.load(self.kind, &spec).await?;
        let mut verdicts = Vec::new();
        if let Some(p) = run.phases.first() {
            verdicts.push(Verdict::new(
                "(a) workshop",
                format!(
                    "p99 edit→delivery {:.1} ms (ack p99 {:.1} ms)",
                    p.latency.p99_ms, p.ack_latency.p99_ms
                ),
                "p99 ≤ 15 ms including the durable commit",
                p.latency.p99_ms <= 15.0 && p.kept_up,
            ));
        }
        Ok(ScenarioReport {
            scenario: "a-workshop".into(),
            runs: vec![run],
            verdicts,
            ..Default::default()
        })
    }

    /// (b) big room: 1 board, 1,000 clients, 100 edits/s; and the cost of a delivery against a
    /// bare `write()` of the same frame.
    pub async fn big_room(&self) -> anyhow::Result<ScenarioReport> {
        let spec = self.shaped(spec(1, 1000, 100, &[open(100.0)]));
        let run = self.load(self.kind, &spec).await?;
        let mut report = ScenarioReport {
            scenario: "b-big-room".into(),
            ..Default::default()
        };
        if let Some(p) = run.phases.first() {
            report.verdicts.push(big_room_verdict(p));
            let payload = (p.mean_frame_bytes.round() as usize).max(1);
            let cost = write_cost::measure(payload, WRITE_COST_WRITES)?;
            report.verdicts.push(Verdict::new(
                "(b) cost",
                format!(
                    "{:.0} ns server CPU per delivery vs {:.0} ns per bare write() of {} bytes ({:.1}×)",
                    p.server_cpu_ns_per_delivery,
                    cost.cpu_ns_per_write,
                    cost.frame_bytes,
                    p.server_cpu_ns_per_delivery / cost.cpu_ns_per_write
                ),
                "≤ 2× a bare write()",
                p.server_cpu_ns_per_delivery <= 2.0 * cost.cpu_ns_per_write,
            ));
            report.write_cost = Some(cost);
        }
        report.runs.push(run);
        Ok(report)
    }

    /// (b) swept: the big room at rising rates until it stops keeping up.
    pub async fn sweep(&self) -> anyhow::Result<ScenarioReport> {
        let run = self.load(self.kind, &self.sweep_spec()).await?;
        let verdicts = vec![saturation_verdict(&run)];
        Ok(ScenarioReport {
            scenario: "b-sweep".into(),
            runs: vec![run],
            verdicts,
            ..Default::default()
        })
    }

    fn sweep_spec(&self) -> LoadSpec {
        let paces: Vec<Pace> = SWEEP_RATES.iter().map(|&r| open(r)).collect();
        let mut spec = self.shaped(spec(1, 1000, 200, &paces));
        spec.stop_when_saturated = true;
        spec
    }

    /// (b) against the Node hub: the sweep on talkoot and on the hub in turns, A B A B.
    pub async fn compare(&self) -> anyhow::Result<ScenarioReport> {
        let spec = self.sweep_spec();
        let mut runs = Vec::new();
        for _round in 0..self.rounds {
            for kind in [Kind::Talkoot, Kind::Node] {
                runs.push(self.load(kind, &spec).await?);
            }
        }
        let comparison = Comparison::of(&runs);
        let verdicts = vec![Verdict::new(
            "(b) vs the Node hub",
            format!(
                "{:.1}× its deliveries/s ({:.0} vs {:.0}); p99 at {} edits/s {:.1} vs {:.1} ms",
                comparison.ratio,
                comparison.talkoot_median_peak,
                comparison.node_median_peak,
                comparison.common_rate,
                comparison.talkoot_median_p99_ms,
                comparison.node_median_p99_ms
            ),
            "≥ 3× its deliveries/s at an equal or better p99",
            comparison.ratio >= 3.0
                && comparison.talkoot_median_p99_ms <= comparison.node_median_p99_ms,
        )];
        Ok(ScenarioReport {
            scenario: "b-compare".into(),
            runs,
            comparison: Some(comparison),
            verdicts,
            ..Default::default()
        })
    }

    /// (c) many rooms: 200 boards × 100 mostly idle clients, 1 edit/s per board.
    pub async fn many_rooms(&self) -> anyhow::Result<ScenarioReport> {
        let mut spec = self.shaped(spec(200, 100, 10, &[open(1.0)]));
        // Each connection is an open file here and in a server started from here.
        let fits = (self.fd_limit.saturating_sub(FD_RESERVE) as usize) / spec.boards.max(1);
        if spec.clients_per_board > fits {
            eprintln!(
                "open-file limit {}: {} clients per board instead of {} (raise the hard limit for 20,000)",
                self.fd_limit, fits, spec.clients_per_board
            );
            spec.clients_per_board = fits;
        }
        let run = self.load(self.kind, &spec).await?;
        let per = run.server_rss_per_connection_bytes / 1024.0;
        let verdicts = vec![Verdict::new(
            "(c) memory",
            format!(
                "{per:.1} KiB server RSS per connection at {} connections",
                run.connections
            ),
            "≤ 16 KiB per idle connection at 20,000 connections",
            per <= 16.0 && run.connections >= 20_000,
        )];
        Ok(ScenarioReport {
            scenario: "c-many-rooms".into(),
            runs: vec![run],
            verdicts,
            ..Default::default()
        })
    }

    /// (d) join storm: 1,000 clients join a board of 1,000 notes within 5 s.
    pub async fn join_storm(&self) -> anyhow::Result<ScenarioReport> {
        anyhow::ensure!(
            self.kind == Kind::Talkoot,
            "the join storm needs a board with notes: talkoot only"
        );
        let target = self.target(Kind::Talkoot).await?;
        let clients = self.shape.clients.unwrap_or(1000);
        let storm =
            join_storm::run(&target, 1000, clients, Duration::from_secs(5), self.sources).await?;
        eprintln!("{}", crate::report::storm_table(&storm));
        let verdicts = vec![Verdict::new(
            "(d) join storm",
            format!(
                "p99 {:.0} ms to the whole board, {}/{} complete, welcome {} bytes",
                storm.join_time.p99_ms, storm.complete, storm.clients, storm.welcome_bytes
            ),
            "every client has the whole board within 2 s p99",
            storm.join_time.p99_ms <= 2000.0 && storm.complete == storm.clients,
        )];
        Ok(ScenarioReport {
            scenario: "d-join-storm".into(),
            join_storm: Some(storm),
            verdicts,
            ..Default::default()
        })
    }

    /// (f) private writing: 150 participants write privately, then one reveal shows every note.
    pub async fn private_writing(&self) -> anyhow::Result<ScenarioReport> {
        anyhow::ensure!(
            self.kind == Kind::Talkoot,
            "private writing needs phases: talkoot only"
        );
        let target = self.target(Kind::Talkoot).await?;
        let clients = self.shape.clients.unwrap_or(150);
        let reveal = private_writing::run(&target, clients, 2, self.sources).await?;
        eprintln!("{}", crate::report::reveal_table(&reveal));
        let verdicts = vec![Verdict::new(
            "(f) reveal",
            format!(
                "p99 {:.0} ms to every screen, {}/{} complete, frame {} bytes",
                reveal.delivery.p99_ms, reveal.complete, reveal.clients, reveal.reveal_bytes
            ),
            "every participant holds every note within 1 s p99",
            reveal.delivery.p99_ms <= 1000.0 && reveal.complete == reveal.clients,
        )];
        Ok(ScenarioReport {
            scenario: "f-private-writing".into(),
            reveal: Some(reveal),
            verdicts,
            ..Default::default()
        })
    }

    /// (g) voting: 150 participants each spend a budget of 5 votes within the spread, on a
    /// board of `notes` notes.
    pub async fn voting(&self, notes: usize, spread: Duration) -> anyhow::Result<ScenarioReport> {
        anyhow::ensure!(
            self.kind == Kind::Talkoot,
            "voting needs phases and a budget: talkoot only"
        );
        let target = self.target(Kind::Talkoot).await?;
        let clients = self.shape.clients.unwrap_or(150);
        let votes = voting::run(&target, clients, notes, spread, self.sources).await?;
        eprintln!("{}", crate::report::voting_table(&votes));
        let verdicts = vec![
            Verdict::new(
                "(g) voting",
                format!(
                    "ack p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms over {} votes",
                    votes.ack_latency.p50_ms,
                    votes.ack_latency.p95_ms,
                    votes.ack_latency.p99_ms,
                    votes.ack_latency.count
                ),
                "ack p99 ≤ 15 ms",
                votes.ack_latency.p99_ms <= 15.0,
            ),
            Verdict::new(
                "(g) every vote counted",
                format!(
                    "{} acked, totals {}, ballots {}, facilitator saw {}, of {}; largest ballot {}; {} rejected, {} unanswered",
                    votes.votes_acked,
                    votes.totals_sum,
                    votes.ballots_sum,
                    votes.facilitator_saw,
                    votes.expected_votes(),
                    votes.max_ballot,
                    votes.rejected.values().sum::<u64>(),
                    votes.unanswered
                ),
                "every vote counted once, no ballot over the budget",
                votes.every_vote_counted_once(),
            ),
        ];
        Ok(ScenarioReport {
            scenario: "g-voting".into(),
            voting: Some(votes),
            verdicts,
            ..Default::default()
        })
    }

    /// (e) durable throughput: every writer of 50 boards keeps a window of ops in flight.
    pub async fn durable(&self) -> anyhow::Result<ScenarioReport> {
        let mut base = spec(50, 10, 10, &[Pace::Closed { window: 4 }]);
        base.post_fraction = 0.02;
        let spec = self.shaped(base);
        let run = self.load(self.kind, &spec).await?;
        let mut verdicts = Vec::new();
        if let Some(p) = run.phases.first() {
            verdicts.push(Verdict::new(
                "(e) durable throughput",
                format!(
                    "{:.0} acknowledged ops/s (ack p99 {:.1} ms)",
                    p.acked_ops_per_s, p.ack_latency.p99_ms
                ),
                "≥ 20,000 acknowledged ops/s with synchronous=FULL",
                p.acked_ops_per_s >= 20_000.0,
            ));
        }
        Ok(ScenarioReport {
            scenario: "e-durable".into(),
            runs: vec![run],
            verdicts,
            ..Default::default()
        })
    }
}

fn big_room_verdict(p: &load::PhaseReport) -> Verdict {
    Verdict::new(
        "(b) big room",
        format!(
            "{:.0} deliveries/s, p99 {:.1} ms",
            p.deliveries_per_s, p.latency.p99_ms
        ),
        "≥ 100,000 deliveries/s sustained with p99 ≤ 50 ms",
        p.deliveries_per_s >= 100_000.0 && p.latency.p99_ms <= BIG_ROOM_P99_MS && p.kept_up,
    )
}

/// The best phase that kept up within the latency bound.
fn peak(run: &LoadReport) -> Option<&load::PhaseReport> {
    run.phases
        .iter()
        .filter(|p| p.kept_up && p.latency.p99_ms <= BIG_ROOM_P99_MS)
        .max_by(|a, b| a.deliveries_per_s.total_cmp(&b.deliveries_per_s))
}

fn saturation_verdict(run: &LoadReport) -> Verdict {
    let best = peak(run);
    let saturated = run.phases.iter().find(|p| !p.kept_up);
    let sustained = match best {
        Some(p) => format!(
            "sustained {:.0} deliveries/s (p99 {:.1} ms)",
            p.deliveries_per_s, p.latency.p99_ms
        ),
        None => format!("no rate tried kept p99 ≤ {BIG_ROOM_P99_MS} ms"),
    };
    let figure = format!(
        "{sustained}; {}",
        match saturated {
            Some(p) => format!(
                "saturates at {:.0} offered, delivering {:.0}/s",
                p.offered_deliveries_per_s.unwrap_or(0.0),
                p.deliveries_per_s
            ),
            None => "kept up at every rate tried".into(),
        }
    );
    Verdict::new(
        "(b) big room, swept",
        figure,
        "≥ 100,000 deliveries/s sustained with p99 ≤ 50 ms",
        best.is_some_and(|p| p.deliveries_per_s >= 100_000.0),
    )
}
