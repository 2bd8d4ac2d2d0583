//! talkoot-bench: a WebSocket load generator for talkoot (and, for comparison, a Node `ws`
//! hub). It speaks the real protocol from `talkoot_shared`, runs the scenarios of
//! docs/performance.md, and prints each figure next to its target.

pub mod boards;
pub mod client;
pub mod comparison;
pub mod join_storm;
pub mod load;
pub mod meter;
pub mod private_writing;
pub mod proc_stats;
pub mod report;
pub mod scenario;
pub mod target;
pub mod verdict;
pub mod voting;
pub mod write_cost;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use target::{Kind, Target};

/// Everything a scenario needs to know about where and how long to run.
pub struct Runner {
    /// The server the scenario runs against (the comparison runs both).
    pub kind: Kind,
    pub talkoot_binary: PathBuf,
    /// Where started servers keep their database: a real disk, not tmpfs.
    pub data_parent: PathBuf,
    /// Extra flags for a started talkoot (e.g. raised limits).
    pub server_args: Vec<String>,
    /// A talkoot that is already running: its address and pid.
    pub attach: Option<(SocketAddr, u32)>,
    pub peer_dir: PathBuf,
    /// Distinct 127.0.0.x source addresses to spread clients over.
    pub sources: usize,
    pub warmup: Duration,
    pub measure: Duration,
    /// Rounds of the A B A B comparison.
    pub rounds: usize,
    pub shape: scenario::Shape,
    /// This process's open-file limit (a started server inherits it).
    pub fd_limit: u64,
}

impl Runner {
    /// A fresh server of `kind` (or the attached one), for one run.
    pub async fn target(&self, kind: Kind) -> anyhow::Result<Target> {
        match (kind, self.attach) {
            (Kind::Talkoot, Some((addr, pid))) => Ok(Target::attach(kind, addr, pid)),
            (Kind::Talkoot, None) => {
                Target::start_talkoot(&self.talkoot_binary, &self.data_parent, &self.server_args)
                    .await
            }
            (Kind::Node, _) => Target::start_node(&self.peer_dir).await,
        }
    }
}

/// Raises this process's open-file limit (soft and, when allowed, hard) so that tens of
/// thousands of sockets fit; a server started from here inherits it. Returns the new limit.
pub fn raise_fd_limit(wanted: u64) -> u64 {
    use rlimit::Resource;
    if Resource::NOFILE.set(wanted, wanted).is_ok() {
        return wanted;
    }
    rlimit::increase_nofile_limit(wanted).unwrap_or(0)
}
