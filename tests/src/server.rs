//! [`TestServer`]: the real binary, started on port 0 with a temporary data directory, and
//! restartable on the same data.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use talkoot_shared::http::{BoardCreated, CreateBoard, JoinBoard, Joined, NewSection, Snapshot};
use talkoot_shared::{BoardId, Colour, Language, ServerMsg};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::Client;

/// How long a server may take to start or stop.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// The server binary Cargo built for these tests: nextest names it in the environment;
/// under `cargo test` it sits next to the test executable's `deps/` directory.
pub fn binary() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("CARGO_BIN_EXE_talkoot-test-server") {
        return Ok(path.into());
    }
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .context("test executable has no target directory")?;
    let path = dir.join(format!(
        "talkoot-test-server{}",
        std::env::consts::EXE_SUFFIX
    ));
    anyhow::ensure!(
        path.exists(),
        "{} is missing: build with `cargo test -p talkoot-tests`",
        path.display()
    );
    Ok(path)
}

/// Echoes a line of the server's log to the test's output and keeps it for [`TestServer::log`].
fn keep(log: &Mutex<Vec<String>>, line: String) {
    eprintln!("[talkoot] {line}");
    if let Ok(mut log) = log.lock() {
        log.push(line);
    }
}

/// What a server is started with, kept for restarts.
#[derive(Clone)]
struct Launch {
    flags: Vec<String>,
    /// The `--log` filter.
    log_filter: String,
    /// RLIMIT_NOFILE (soft and hard) the process starts with, if not inherited.
    open_file_limit: Option<u64>,
}

impl Launch {
    fn new(flags: &[&str]) -> Self {
        Launch {
            flags: flags.iter().map(|f| f.to_string()).collect(),
            log_filter: "info,talkoot=debug".into(),
            open_file_limit: None,
        }
    }
}

pub struct TestServer {
    child: Child,
    pub addr: SocketAddr,
    data: PathBuf,
    /// How it is started, restarts included.
    launch: Launch,
    /// Every line it has logged, across restarts.
    log: Arc<Mutex<Vec<String>>>,
    /// Keeps the data directory alive for the server's whole life, restarts included.
    _dir: Option<tempfile::TempDir>,
    http: reqwest::Client,
}

impl TestServer {
    /// A fresh server with an empty database.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_with(&[]).await
    }

    /// A fresh server with extra command-line flags.
    pub async fn start_with(flags: &[&str]) -> anyhow::Result<Self> {
        Self::start_fresh(Launch::new(flags)).await
    }

    /// A fresh server with the `--log` filter `log_filter`; [`TestServer::log`] has its lines.
    pub async fn start_logging(log_filter: &str, flags: &[&str]) -> anyhow::Result<Self> {
        Self::start_fresh(Launch {
            log_filter: log_filter.to_string(),
            ..Launch::new(flags)
        })
        .await
    }

    /// A fresh server with extra flags whose process may open at most `open_files` files
    /// (soft and hard RLIMIT_NOFILE, so the server cannot raise it), sockets included.
    pub async fn start_with_open_file_limit(
        flags: &[&str],
        open_files: u64,
    ) -> anyhow::Result<Self> {
        Self::start_fresh(Launch {
            open_file_limit: Some(open_files),
            ..Launch::new(flags)
        })
        .await
    }

    async fn start_fresh(launch: Launch) -> anyhow::Result<Self> {
        Self::start_in(tempfile::tempdir()?, launch).await
    }

    /// A server on a data directory that already holds a database (one an older version made,
    /// say); the directory lives as long as the server.
    pub async fn start_on(dir: tempfile::TempDir) -> anyhow::Result<Self> {
        Self::start_in(dir, Launch::new(&[])).await
    }

    async fn start_in(dir: tempfile::TempDir, launch: Launch) -> anyhow::Result<Self> {
        let data = dir.path().to_path_buf();
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut server = Self::spawn(&data, launch, log, "127.0.0.1:0").await?;
        server._dir = Some(dir);
        Ok(server)
    }

    async fn spawn(
        data: &Path,
        launch: Launch,
        log: Arc<Mutex<Vec<String>>>,
        bind: &str,
    ) -> anyhow::Result<Self> {
        let mut command = Command::new(binary()?);
        command
            .args(["--bind", bind, "--log", &launch.log_filter])
            .args(&launch.flags)
            .arg("--data")
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        if let Some(limit) = launch.open_file_limit {
            // SAFETY: runs in the forked child before exec and only makes the setrlimit
            // system call, which is async-signal-safe; it allocates nothing.
            unsafe {
                command.pre_exec(move || rlimit::setrlimit(rlimit::Resource::NOFILE, limit, limit));
            }
        }
        let mut child = command.spawn().context("start the talkoot binary")?;
        let stdout = child.stdout.take().context("stdout is piped")?;
        let mut lines = BufReader::new(stdout).lines();
        let addr = tokio::time::timeout(START_TIMEOUT, async {
            while let Some(line) = lines.next_line().await? {
                let addr = line
                    .contains("talkoot is listening")
                    .then(|| line.split("address=").nth(1))
                    .flatten()
                    .map(|rest| {
                        let addr = rest.split_whitespace().next().unwrap_or_default();
                        addr.parse::<SocketAddr>()
                            .context("parse the listening address")
                    });
                keep(&log, line);
                if let Some(addr) = addr {
                    return addr;
                }
            }
            bail!("talkoot exited before it listened")
        })
        .await
        .context("talkoot did not start in time")??;
        // Keep draining its log so the pipe never fills up and blocks the server.
        let drained = log.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                keep(&drained, line);
            }
        });
        Ok(TestServer {
            child,
            addr,
            data: data.to_path_buf(),
            launch,
            log,
            _dir: None,
            http: reqwest::Client::new(),
        })
    }

    /// Stops the server with SIGTERM and starts it again on the same database (on a new port).
    pub async fn restart(&mut self) -> anyhow::Result<()> {
        self.terminate().await?;
        self.start_again().await
    }

    /// Starts a stopped server again on the same database and the same address, so that
    /// clients holding the old address (a browser page) can reconnect to it.
    pub async fn start_again_on_same_port(&mut self) -> anyhow::Result<()> {
        self.respawn(&self.addr.to_string()).await
    }

    /// SIGTERM, then wait for a clean exit.
    pub async fn terminate(&mut self) -> anyhow::Result<()> {
        self.send_sigterm().await?;
        self.wait_for_clean_exit().await
    }

    /// SIGTERM, without waiting: the server is shutting down once it stops accepting.
    pub async fn send_sigterm(&self) -> anyhow::Result<()> {
        let pid = self.child.id().context("the server is running")?;
        let status = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await?;
        anyhow::ensure!(status.success(), "kill -TERM failed");
        Ok(())
    }

    /// Waits for the process to exit, and checks that it exited 0.
    pub async fn wait_for_clean_exit(&mut self) -> anyhow::Result<()> {
        let exit = tokio::time::timeout(START_TIMEOUT, self.child.wait())
            .await
            .context("talkoot did not stop")??;
        anyhow::ensure!(exit.success(), "talkoot exited with {exit}");
        Ok(())
    }

    /// SIGKILL: the process dies on the spot, wherever it was (mid-commit included), as in a
    /// crash or an OOM kill. Start it again with [`TestServer::start_again`].
    pub async fn kill_9(&mut self) -> anyhow::Result<()> {
        self.child.start_kill().context("SIGKILL the server")?;
        tokio::time::timeout(START_TIMEOUT, self.child.wait())
            .await
            .context("talkoot did not die")??;
        Ok(())
    }

    /// Starts the server again on the same database and flags (on a new port), after
    /// [`TestServer::kill_9`] or [`TestServer::terminate`].
    pub async fn start_again(&mut self) -> anyhow::Result<()> {
        self.respawn("127.0.0.1:0").await
    }

    async fn respawn(&mut self, bind: &str) -> anyhow::Result<()> {
        let next = Self::spawn(&self.data, self.launch.clone(), self.log.clone(), bind).await?;
        self.child = next.child;
        self.addr = next.addr;
        Ok(())
    }

    /// How many files the server process holds open now, sockets included (Linux: /proc).
    pub fn open_files(&self) -> anyhow::Result<usize> {
        let pid = self.child.id().context("the server is running")?;
        Ok(std::fs::read_dir(format!("/proc/{pid}/fd"))?.count())
    }

    /// The server's data directory (its SQLite database is `talkoot.db` in it).
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// Deletes one participant's token from the database, as if it had been revoked: the server
    /// no longer knows it and answers `bad_token`. Do it while the server is stopped.
    pub async fn forget_participant(&self, board: &str, participant: &str) -> anyhow::Result<()> {
        let deleted = self
            .edit_database(
                "DELETE FROM holders WHERE board_id = ? AND participant_id = ?",
                &[board, participant],
            )
            .await?;
        anyhow::ensure!(
            deleted == 1,
            "participant {participant} of board {board} held {deleted} tokens"
        );
        Ok(())
    }

    /// Deletes a board and everything it has from the database, as retention will: the server
    /// answers `unknown_board`. Do it while the server is stopped (a loaded room would not notice).
    pub async fn delete_board(&self, board: &str) -> anyhow::Result<()> {
        let deleted = self
            .edit_database("DELETE FROM boards WHERE id = ?", &[board])
            .await?;
        anyhow::ensure!(deleted == 1, "no board {board} to delete");
        Ok(())
    }

    /// Runs one statement on the server's database file; returns the rows it changed.
    async fn edit_database(&self, sql: &str, binds: &[&str]) -> anyhow::Result<u64> {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(self.data.join("talkoot.db"))
            .foreign_keys(true);
        let db = sqlx::SqlitePool::connect_with(options).await?;
        let statement = binds
            .iter()
            .fold(sqlx::query(sql), |query, value| query.bind(*value));
        let changed = statement.execute(&db).await?.rows_affected();
        db.close().await;
        Ok(changed)
    }

    /// Every line the server has logged so far, restarts included.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Creates a board with the given section titles through the HTTP API.
    pub async fn create_board(
        &self,
        title: &str,
        sections: &[&str],
    ) -> anyhow::Result<BoardCreated> {
        let body = CreateBoard {
            title: title.into(),
            description: "Asiakastapaus: 15-vuotias Aino".into(),
            language: Language::Fi,
            sections: sections
                .iter()
                .map(|t| NewSection {
                    title: (*t).into(),
                    colour: Colour::Blue,
                })
                .collect(),
            phases: None,
        };
        let res = self
            .http
            .post(self.url("/api/boards"))
            .json(&body)
            .send()
            .await?;
        anyhow::ensure!(res.status() == 201, "create board: {}", res.status());
        Ok(res.json().await?)
    }

    /// Connects as the board's facilitator with no history; returns the client and its
    /// `welcome`, which holds the whole board.
    pub async fn facilitator(&self, board: &BoardCreated) -> anyhow::Result<(Client, ServerMsg)> {
        Client::join(
            &self.ws_url(),
            &board.board_id,
            &board.facilitator_key,
            None,
        )
        .await
    }

    /// `GET /api/boards/{board}` with `token`: the body exactly as the server sent it, for
    /// checks on the raw text.
    pub async fn snapshot_body(&self, board: &BoardId, token: &str) -> anyhow::Result<String> {
        let res = self
            .http
            .get(self.url(&format!("/api/boards/{board}")))
            .bearer_auth(token)
            .send()
            .await?;
        anyhow::ensure!(res.status() == 200, "snapshot: {}", res.status());
        Ok(res.text().await?)
    }

    /// `GET /api/boards/{board}` with `token`: the board as that holder may see it.
    pub async fn snapshot(&self, board: &BoardId, token: &str) -> anyhow::Result<Snapshot> {
        Ok(serde_json::from_str(
            &self.snapshot_body(board, token).await?,
        )?)
    }

    /// Joins a board by code through the HTTP API.
    pub async fn join(&self, code: &str, name: Option<&str>) -> anyhow::Result<Joined> {
        let body = JoinBoard {
            code: code.into(),
            name: name.map(Into::into),
        };
        let res = self
            .http
            .post(self.url("/api/join"))
            .json(&body)
            .send()
            .await?;
        anyhow::ensure!(res.status() == 200, "join: {}", res.status());
        Ok(res.json().await?)
    }
}
