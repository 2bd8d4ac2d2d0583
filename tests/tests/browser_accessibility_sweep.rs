//! Every view and state of the app in a real browser (Debian's Chromium, driven by
//! playwright-core), at 320 px, at 375×667 and at laptop width: web/e2e/accessibility-sweep.e2e.mjs
//! against a real server. axe (WCAG 2.1 A and AA) finds nothing, the page never scrolls sideways
//! with the longest titles the limits allow, no control is hidden under something sticky when it
//! has focus, and the board's own content carries the board's language inside an English page.
//! See that file for the views it visits.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn every_view_passes_axe_reflow_focus_and_language_checks_at_every_size_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/accessibility-sweep.e2e.mjs").await
}
