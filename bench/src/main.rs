//! `talkoot-bench`: run one scenario, print tables and verdicts to stderr and the JSON report
//! to stdout (or `--json FILE`). docs/performance.md has the commands.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use talkoot_bench::scenario::{ScenarioReport, Shape};
use talkoot_bench::target::{self, Kind};
use talkoot_bench::{Runner, raise_fd_limit, report, write_cost};

/// Open files wanted: 20,000 client sockets plus the server's 20,000 when it runs from here.
const FD_LIMIT: u64 = 65_536;

#[derive(Parser)]
#[command(
    name = "talkoot-bench",
    about = "Load generator and scenarios for talkoot"
)]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
    /// Which server to load (the comparison always runs both).
    #[arg(long, global = true, value_enum, default_value = "talkoot")]
    target: Kind,
    /// The talkoot binary to start; default: `talkoot` next to this executable.
    #[arg(long, global = true)]
    server_bin: Option<PathBuf>,
    /// Extra flag for the started talkoot, e.g. `--server-arg=--some-limit=1000` (repeatable).
    #[arg(long, global = true, allow_hyphen_values = true)]
    server_arg: Vec<String>,
    /// Load a talkoot that is already running at this address instead (needs --pid).
    #[arg(long, global = true, requires = "pid")]
    attach: Option<SocketAddr>,
    /// The attached server's pid, for its CPU time and memory.
    #[arg(long, global = true)]
    pid: Option<u32>,
    /// Parent directory of started servers' databases (keep it on a real disk).
    #[arg(long, global = true, default_value = ".")]
    data_dir: PathBuf,
    /// The Node hub's directory (with node_modules from `npm ci`).
    #[arg(long, global = true)]
    peer_dir: Option<PathBuf>,
    /// Distinct 127.0.0.x source addresses for the clients.
    #[arg(long, global = true, default_value_t = 200)]
    sources: usize,
    /// Seconds of load before each measured window.
    #[arg(long, global = true, default_value_t = 3.0)]
    warmup: f64,
    /// Seconds in each measured window.
    #[arg(long, global = true, default_value_t = 10.0)]
    measure: f64,
    /// Rounds of the A B A B comparison.
    #[arg(long, global = true, default_value_t = 2)]
    rounds: usize,
    /// Write the JSON report here instead of stdout.
    #[arg(long, global = true)]
    json: Option<PathBuf>,
    #[command(flatten)]
    shape: Shape,
}

#[derive(Subcommand)]
enum Scenario {
    /// (a) workshop: 1 board × 150 clients, 10 edits/s, durable acks.
    Workshop,
    /// (b) big room: 1 board × 1,000 clients, 100 edits/s; and a delivery's cost vs write().
    BigRoom,
    /// (b) swept: the big room at rising rates until it saturates.
    Sweep,
    /// (b) against the Node hub, in turns A B A B.
    Compare,
    /// (c) many rooms: 200 boards × 100 mostly idle clients, 1 edit/s per board.
    ManyRooms,
    /// (d) join storm: 1,000 clients join a board of 1,000 notes within 5 s.
    JoinStorm,
    /// (e) durable throughput: closed-loop writers on 50 boards.
    Durable,
    /// (f) private writing: 150 participants write privately, then one reveal.
    PrivateWriting,
    /// (g) voting: 150 participants each spend 5 votes within 10 s.
    Voting {
        /// Notes the facilitator posts before the vote.
        #[arg(long, default_value_t = 200)]
        notes: usize,
        /// Seconds the votes are spread over.
        #[arg(long, default_value_t = 10.0)]
        spread: f64,
    },
    /// Any shape, given by --boards, --clients, --writers, --rate or --window.
    Load,
    /// CPU cost of one bare write() of a frame to a loopback socket.
    WriteCost {
        #[arg(long, default_value_t = 400)]
        payload: usize,
    },
}

/// Scenario (e) measures the store, not a phone: each closed-loop writer sends far more ops per
/// second than the per-connection rate limit lets a person, so it lifts that limit (unless the
/// command line sets it).
const DURABLE_SERVER_ARGS: [&str; 2] = ["--ops-per-second=1000000", "--ops-burst=1000000"];

fn with_scenario_limits(scenario: &Scenario, mut args: Vec<String>) -> Vec<String> {
    if matches!(scenario, Scenario::Durable) && !args.iter().any(|a| a.starts_with("--ops-")) {
        args.extend(DURABLE_SERVER_ARGS.map(String::from));
    }
    args
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let fds = raise_fd_limit(FD_LIMIT);
    eprintln!("open-file limit: {fds}");
    let runner = Runner {
        kind: cli.target,
        talkoot_binary: cli
            .server_bin
            .unwrap_or_else(target::default_talkoot_binary),
        data_parent: cli.data_dir,
        server_args: with_scenario_limits(&cli.scenario, cli.server_arg),
        attach: cli.attach.zip(cli.pid),
        peer_dir: cli.peer_dir.unwrap_or_else(target::default_peer_dir),
        sources: cli.sources.max(1),
        warmup: Duration::from_secs_f64(cli.warmup),
        measure: Duration::from_secs_f64(cli.measure),
        rounds: cli.rounds.max(1),
        shape: cli.shape,
        fd_limit: fds,
    };
    let report = match cli.scenario {
        Scenario::Workshop => runner.workshop().await?,
        Scenario::BigRoom => runner.big_room().await?,
        Scenario::Sweep => runner.sweep().await?,
        Scenario::Compare => runner.compare().await?,
        Scenario::ManyRooms => runner.many_rooms().await?,
        Scenario::JoinStorm => runner.join_storm().await?,
        Scenario::Durable => runner.durable().await?,
        Scenario::PrivateWriting => runner.private_writing().await?,
        Scenario::Voting { notes, spread } => {
            runner
                .voting(notes, Duration::from_secs_f64(spread))
                .await?
        }
        Scenario::Load => runner.custom().await?,
        Scenario::WriteCost { payload } => {
            let cost = write_cost::measure(payload, 200_000)?;
            eprintln!(
                "bare write() of a {}-byte frame: {:.0} ns CPU, {:.0} ns wall",
                cost.frame_bytes, cost.cpu_ns_per_write, cost.wall_ns_per_write
            );
            ScenarioReport {
                scenario: "write-cost".into(),
                write_cost: Some(cost),
                ..Default::default()
            }
        }
    };
    eprintln!("\n{}", report::verdict_table(&report.verdicts));
    let json = serde_json::to_string_pretty(&report)?;
    match cli.json {
        Some(path) => std::fs::write(&path, json + "\n")
            .with_context(|| format!("write {}", path.display()))?,
        None => println!("{json}"),
    }
    Ok(())
}
