//! Configuration, from command-line flags or `TALKOOT_*` environment variables. Every setting
//! has a default, so `talkoot` with no arguments runs a working server. docs/protocol.md says
//! why each limit has the default it has.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use crate::limits::{HEADER_READ_TIMEOUT, HTTP_IDLE_TIMEOUT, REQUEST_TIMEOUT};
use crate::public_url::PublicUrl;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "talkoot",
    version,
    about = "A real-time idea board for facilitated workshops"
)]
pub struct Config {
    /// Address and port to listen on. 0.0.0.0 lets phones on the same network join.
    #[arg(long, env = "TALKOOT_BIND", default_value = "0.0.0.0:8080")]
    pub bind: SocketAddr,

    /// Directory for the SQLite database (talkoot.db); created if missing.
    #[arg(long, env = "TALKOOT_DATA", default_value = "data")]
    pub data: PathBuf,

    /// Log filter, in tracing's EnvFilter syntax (e.g. "info" or "talkoot=debug,info").
    #[arg(long, env = "TALKOOT_LOG", default_value = "info")]
    pub log: String,

    /// Seconds a board with nobody connected stays in memory before its room unloads.
    #[arg(long, env = "TALKOOT_ROOM_IDLE_SECS", default_value_t = 300, value_parser = seconds())]
    pub room_idle_secs: u64,

    /// Seconds between the server's pings on every WebSocket.
    #[arg(long, env = "TALKOOT_PING_INTERVAL_SECS", default_value_t = 15, value_parser = seconds())]
    pub ping_interval_secs: u64,

    /// Seconds a WebSocket may stay silent (no frame, not even a pong) before it is closed.
    #[arg(long, env = "TALKOOT_IDLE_TIMEOUT_SECS", default_value_t = 45, value_parser = seconds())]
    pub idle_timeout_secs: u64,

    /// Seconds a new WebSocket has to send `hello` before it is closed.
    #[arg(long, env = "TALKOOT_HELLO_TIMEOUT_SECS", default_value_t = 10, value_parser = seconds())]
    pub hello_timeout_secs: u64,

    /// Seconds one write to a WebSocket may stall before the client is dropped.
    #[arg(long, env = "TALKOOT_WRITE_TIMEOUT_SECS", default_value_t = 10, value_parser = seconds())]
    pub write_timeout_secs: u64,

    /// Ops per second one connection may send, sustained.
    #[arg(long, env = "TALKOOT_OPS_PER_SECOND", default_value_t = 20)]
    pub ops_per_second: u32,

    /// Ops one connection may send at once, e.g. a phone's outbox resent after a reconnect.
    /// Below the outbox (256), so the answers to one burst fit in it.
    #[arg(long, env = "TALKOOT_OPS_BURST", default_value_t = 200)]
    pub ops_burst: u32,

    /// Seconds an HTTP client has to send a whole request head, counted from when its
    /// connection opens or its previous response was sent.
    #[arg(
        long,
        env = "TALKOOT_HEADER_READ_TIMEOUT_SECS",
        default_value_t = HEADER_READ_TIMEOUT.as_secs(),
        value_parser = seconds()
    )]
    pub header_read_timeout_secs: u64,

    /// Seconds an HTTP connection may move no byte. Then it is closed (after its response, if
    /// one is under way), and dropped if it is still stuck after as long again.
    #[arg(
        long,
        env = "TALKOOT_HTTP_IDLE_TIMEOUT_SECS",
        default_value_t = HTTP_IDLE_TIMEOUT.as_secs(),
        value_parser = seconds()
    )]
    pub http_idle_timeout_secs: u64,

    /// Seconds one HTTP request may take, from its head to its answer; slower ones get 408.
    #[arg(
        long,
        env = "TALKOOT_REQUEST_TIMEOUT_SECS",
        default_value_t = REQUEST_TIMEOUT.as_secs(),
        value_parser = seconds()
    )]
    pub request_timeout_secs: u64,

    /// Open connections allowed from one client address (IPv6: one /64). Every TCP connection
    /// counts, and one over the limit is closed at once; with `--trust-forwarded-for`,
    /// WebSockets count by forwarded address instead, and one over is refused with 429.
    #[arg(
        long,
        env = "TALKOOT_MAX_CONNECTIONS_PER_ADDRESS",
        default_value_t = 1000
    )]
    pub max_connections_per_address: u32,

    /// Failed join attempts (wrong code) one address may make at once.
    #[arg(
        long,
        env = "TALKOOT_JOIN_FAILURE_BURST",
        default_value_t = 50,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub join_failure_burst: u32,

    /// Failed join attempts per minute one address may make, sustained.
    #[arg(long, env = "TALKOOT_JOIN_FAILURES_PER_MINUTE", default_value_t = 6)]
    pub join_failures_per_minute: u32,

    /// Origins (e.g. `https://talkoot.example.fi`), comma-separated, whose pages may open a
    /// WebSocket besides the server's own origin.
    #[arg(long, env = "TALKOOT_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Take the client address from the last `X-Forwarded-For` entry. Only behind a reverse
    /// proxy that sets it and is the only way in: otherwise clients can forge their address.
    #[arg(long, env = "TALKOOT_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// The address phones open to join, e.g. `https://talkoot.example.fi`: what the join QR
    /// codes and the "join at …" text show. Without it they show the address the facilitator's
    /// browser used, which a phone cannot reach when it is `localhost`, or behind a proxy.
    #[arg(long, env = "TALKOOT_PUBLIC_URL", value_parser = PublicUrl::parse)]
    pub public_url: Option<PublicUrl>,

    /// Days after its last activity (the last change anyone made to it) that a board, with
    /// everything on it, is deleted. 0 keeps boards until a facilitator deletes them.
    #[arg(
        long,
        env = "TALKOOT_RETENTION_DAYS",
        default_value_t = 180,
        value_parser = clap::value_parser!(u32).range(0..=MAX_RETENTION_DAYS)
    )]
    pub retention_days: u32,
}

impl Config {
    /// The defaults, with the database in `data`.
    pub fn with_data_dir(data: impl Into<PathBuf>) -> Self {
        let mut config = Config::parse_from(["talkoot", "--bind", "127.0.0.1:0"]);
        config.data = data.into();
        config
    }

    pub fn database_path(&self) -> PathBuf {
        self.data.join("talkoot.db")
    }

    pub fn room_idle(&self) -> Duration {
        Duration::from_secs(self.room_idle_secs)
    }

    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout_secs)
    }

    pub fn http_idle_timeout(&self) -> Duration {
        Duration::from_secs(self.http_idle_timeout_secs)
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// How long an inactive board is kept; `None` when `--retention-days 0` keeps it for ever.
    pub fn retention(&self) -> Option<Duration> {
        (self.retention_days > 0)
            .then(|| Duration::from_secs(u64::from(self.retention_days) * SECONDS_PER_DAY))
    }
}

const SECONDS_PER_DAY: u64 = 86_400;

/// The longest retention period a flag takes: a century, so that no date computed from it can
/// overflow.
const MAX_RETENTION_DAYS: i64 = 36_500;

/// A duration flag in whole seconds: at least one, at most a day, so no deadline computed from
/// it can overflow.
fn seconds() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(1..=MAX_SECONDS_FLAG)
}

/// The largest value a seconds flag takes.
const MAX_SECONDS_FLAG: u64 = 86_400;
