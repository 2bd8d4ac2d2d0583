//! Never lose a note, in a real browser: web/e2e/resume.e2e.mjs against a real server. A phone
//! posts offline and reloads, the server is stopped and started mid-session, and note text
//! full of HTML stays text. See that file for the story.
//!
//! The story asks this driver to stop and start the server: it prints `talkoot-e2e: stop the
//! server` or `talkoot-e2e: start the server` and waits for `stopped` or `started` on its stdin.
//! The server comes back on the same port, so the open pages reconnect without a reload.

use std::path::Path;
use std::process::Stdio;

use anyhow::Context;
use talkoot_tests::TestServer;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

#[tokio::test]
async fn notes_survive_an_offline_reload_and_a_server_restart_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let mut story = Command::new("node")
        .arg("e2e/resume.e2e.mjs")
        .current_dir(&web)
        .env("TALKOOT_URL", server.url(""))
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
        let reply = match line.strip_prefix("talkoot-e2e: ") {
            Some("stop the server") => {
                server.terminate().await?;
                "stopped"
            }
            Some("start the server") => {
                server.start_again_on_same_port().await?;
                "started"
            }
            Some(other) => anyhow::bail!("the story asked for something unknown: {other}"),
            None => continue,
        };
        to_story.write_all(format!("{reply}\n").as_bytes()).await?;
        to_story.flush().await?;
    }
    let status = story.wait().await?;
    assert!(
        status.success(),
        "the browser story failed (its output is above)"
    );
    Ok(())
}
