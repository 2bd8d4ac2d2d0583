//! The server under test: talkoot (started here from its binary, or attached to by URL and pid)
//! or the Node `ws` hub in `bench/peers/`. Either way the bench knows its address and its pid,
//! so it can read the process's CPU time and memory.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Serialize;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long a server may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// talkoot: boards made over HTTP, joins with a code, durable acks.
    Talkoot,
    /// The Node `ws` broadcast hub: rooms by name, no HTTP, no storage.
    Node,
}

pub struct Target {
    pub kind: Kind,
    pub addr: SocketAddr,
    pub pid: u32,
    /// The process we started, killed when the target is dropped.
    _child: Option<Child>,
    /// The started talkoot's data directory, removed when the target is dropped.
    _data: Option<tempfile::TempDir>,
}

impl Target {
    /// A server that is already running.
    pub fn attach(kind: Kind, addr: SocketAddr, pid: u32) -> Self {
        Target {
            kind,
            addr,
            pid,
            _child: None,
            _data: None,
        }
    }

    /// Starts `talkoot` on a free port with an empty database in a new directory under
    /// `data_parent` (a real disk, so that fsync costs what it costs in production).
    pub async fn start_talkoot(
        binary: &Path,
        data_parent: &Path,
        extra_args: &[String],
    ) -> anyhow::Result<Self> {
        let data = tempfile::Builder::new()
            .prefix("talkoot-bench-")
            .tempdir_in(data_parent)
            .with_context(|| format!("make a data directory in {}", data_parent.display()))?;
        let mut child = Command::new(binary)
            .args(["--bind", "127.0.0.1:0", "--log", "warn,talkoot=info"])
            .args(extra_args)
            .arg("--data")
            .arg(data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("start {}", binary.display()))?;
        let addr = listening_address(&mut child, |line| {
            let rest = line.split("address=").nth(1)?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .await?;
        Ok(Target {
            kind: Kind::Talkoot,
            addr,
            pid: child.id().context("talkoot has a pid")?,
            _child: Some(child),
            _data: Some(data),
        })
    }

    /// Starts the Node hub (`node hub.mjs` in `peer_dir`) on a free port.
    pub async fn start_node(peer_dir: &Path) -> anyhow::Result<Self> {
        anyhow::ensure!(
            peer_dir.join("node_modules/ws").exists(),
            "{} has no node_modules: run `npm ci` there first",
            peer_dir.display()
        );
        let mut child = Command::new("node")
            .arg("hub.mjs")
            .current_dir(peer_dir)
            .env("PORT", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("start node (is Node.js installed?)")?;
        let addr = listening_address(&mut child, |line| {
            line.strip_prefix("listening on ")?.trim().parse().ok()
        })
        .await?;
        Ok(Target {
            kind: Kind::Node,
            addr,
            pid: child.id().context("node has a pid")?,
            _child: Some(child),
            _data: None,
        })
    }

    pub fn http_url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }
}

/// Reads the child's stdout until `parse` finds the address it listens on, then keeps draining
/// it in the background so a full pipe never blocks the server.
async fn listening_address(
    child: &mut Child,
    parse: impl Fn(&str) -> Option<SocketAddr>,
) -> anyhow::Result<SocketAddr> {
    let stdout = child.stdout.take().context("stdout is piped")?;
    let mut lines = BufReader::new(stdout).lines();
    let addr = tokio::time::timeout(START_TIMEOUT, async {
        while let Some(line) = lines.next_line().await? {
            if let Some(addr) = parse(&line) {
                return Ok(addr);
            }
        }
        bail!("the server exited before it listened")
    })
    .await
    .context("the server did not start in time")??;
    tokio::spawn(drain(lines));
    Ok(addr)
}

async fn drain<R: AsyncBufRead + Unpin>(mut lines: tokio::io::Lines<R>) {
    while let Ok(Some(_)) = lines.next_line().await {}
}

/// The release `talkoot` binary next to this executable (both live in target/release/).
pub fn default_talkoot_binary() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("talkoot")))
        .unwrap_or_else(|| PathBuf::from("talkoot"))
}

/// `bench/peers/` in the source tree this bench was built from.
pub fn default_peer_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("peers")
}
