//! Runs a browser story (`web/e2e/*.e2e.mjs`, in Node with playwright-core) against a real
//! server, and does to the server what the story asks between its steps. The story prints
//! `talkoot-e2e: <request>` and waits for the answer on its stdin:
//!
//! | request | answer | what the driver does |
//! | --- | --- | --- |
//! | `stop the server` | `stopped` | SIGTERM, and waits for a clean exit |
//! | `start the server` | `started` | starts it on the same database and the same port, so open pages reconnect |
//! | `forget participant <participant> of board <board>` | `forgotten` | deletes that participant's token, as a revocation would ([`TestServer::forget_participant`]) |
//! | `delete board <board>` | `deleted` | deletes the board ([`TestServer::delete_board`]) |
//!
//! Every other line the story prints is echoed.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Stdio;

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

use crate::TestServer;

/// Runs `web/<script>` against `server`; fails unless the story passes.
pub async fn run_browser_story(server: &mut TestServer, script: &str) -> anyhow::Result<()> {
    run_browser_story_with(server, script, &[]).await
}

/// [`run_browser_story`], with more environment for the story (`TALKOOT_URL` is `server`'s).
pub async fn run_browser_story_with(
    server: &mut TestServer,
    script: &str,
    env: &[(&str, &OsStr)],
) -> anyhow::Result<()> {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let mut story = Command::new("node")
        .arg(script)
        .current_dir(&web)
        .env("TALKOOT_URL", server.url(""))
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .context("start node")?;
    let mut to_story = story.stdin.take().context("stdin is piped")?;
    let mut from_story = BufReader::new(story.stdout.take().context("stdout is piped")?).lines();
    while let Some(line) = from_story.next_line().await? {
        println!("{line}");
        let Some(request) = line.strip_prefix("talkoot-e2e: ") else {
            continue;
        };
        let words: Vec<&str> = request.split(' ').collect();
        let reply = match words.as_slice() {
            ["stop", "the", "server"] => {
                server.terminate().await?;
                "stopped"
            }
            ["start", "the", "server"] => {
                server.start_again_on_same_port().await?;
                "started"
            }
            ["forget", "participant", participant, "of", "board", board] => {
                server.forget_participant(board, participant).await?;
                "forgotten"
            }
            ["delete", "board", board] => {
                server.delete_board(board).await?;
                "deleted"
            }
            _ => anyhow::bail!("the story asked for something unknown: {request}"),
        };
        to_story.write_all(format!("{reply}\n").as_bytes()).await?;
        to_story.flush().await?;
    }
    let status = story.wait().await?;
    anyhow::ensure!(
        status.success(),
        "the browser story {script} failed (its output is above)"
    );
    Ok(())
}
