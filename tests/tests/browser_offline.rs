//! A board that opens offline, in a real browser: web/e2e/offline.e2e.mjs against a real server.
//! A phone keeps its last view of the board, reloads with no network (and with the server down)
//! and still shows it, marked as not live, with its unsent note on top; back online it resumes
//! from the kept seq; a revoked token and a deleted board are removed from the device. See that
//! file for the story.
//!
//! The story asks this driver to stop and start the server, revoke a token and delete a board
//! (see `talkoot_tests::browser_story`).

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_phone_shows_its_last_view_of_the_board_offline_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/offline.e2e.mjs").await
}
