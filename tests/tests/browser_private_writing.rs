//! Phases, private writing, the reveal and locks in a real browser (Debian's Chromium, driven
//! by playwright-core): web/e2e/private-writing.e2e.mjs against a real server. A facilitator
//! runs the phases by keyboard; two phones write privately, and the story checks on their raw
//! WebSocket frames that neither receives the other's hidden text before the reveal. See that
//! file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn phones_write_privately_until_the_facilitator_reveals_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/private-writing.e2e.mjs").await
}
