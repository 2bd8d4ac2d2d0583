//! Dot voting and the countdown in a real browser (Debian's Chromium, driven by
//! playwright-core): web/e2e/voting.e2e.mjs against a real server. A phone votes within the
//! facilitator's budget and takes a vote back, the timer runs on every screen, and the
//! projector ranks the notes by votes, across the groups and then, once the facilitator asks,
//! within each group, and says when time is up. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_phone_votes_within_its_budget_and_every_screen_counts_down_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/voting.e2e.mjs").await
}
