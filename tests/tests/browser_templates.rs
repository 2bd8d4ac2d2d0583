//! Creating a workshop from a built-in template in a real browser (Debian's Chromium, driven by
//! playwright-core): web/e2e/templates.e2e.mjs against a real server. The create form starts
//! blank, follows the board's language, fills in "Palveluverkko tutuksi", asks before a change
//! of template replaces edits, and creates exactly the edited board. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitator_creates_a_workshop_from_a_template_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/templates.e2e.mjs").await
}
