//! A board's keys in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/keys.e2e.mjs against a real server. A facilitator makes and revokes a backup's link
//! and makes a new projector link; the open screens of revoked keys stop at once; every state of
//! the panels passes axe. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitator_manages_backup_and_projector_links_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/keys.e2e.mjs").await
}
