//! Never lose a note, in a real browser: web/e2e/resume.e2e.mjs against a real server. A phone
//! posts offline and reloads, the server is stopped and started mid-session, and note text
//! full of HTML stays text. See that file for the story.
//!
//! The story asks this driver to stop and start the server (see `talkoot_tests::browser_story`).
//! The server comes back on the same port, so the open pages reconnect without a reload.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn notes_survive_an_offline_reload_and_a_server_restart_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/resume.e2e.mjs").await
}
