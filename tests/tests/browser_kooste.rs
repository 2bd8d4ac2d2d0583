//! The kooste download in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/kooste.e2e.mjs against a real server. The facilitator's export menu downloads the
//! Markdown (its layout and contents checked, names only when ticked, the key never in a URL)
//! and the printable page, which axe finds clean on screen, in print and at 320 px. See that
//! file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitator_downloads_the_kooste_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/kooste.e2e.mjs").await
}
