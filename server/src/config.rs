//! Configuration, from command-line flags or `TALKOOT_*` environment variables. Every setting
//! has a default, so `talkoot` with no arguments runs a working server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

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
    #[arg(long, env = "TALKOOT_ROOM_IDLE_SECS", default_value_t = 300)]
    pub room_idle_secs: u64,
}

impl Config {
    /// The defaults, with the database in `data`: what tests start from.
    pub fn with_data_dir(data: impl Into<PathBuf>) -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data: data.into(),
            log: "info".into(),
            room_idle_secs: 300,
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data.join("talkoot.db")
    }

    pub fn room_idle(&self) -> Duration {
        Duration::from_secs(self.room_idle_secs)
    }
}
