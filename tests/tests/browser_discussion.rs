//! Discussion in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/discussion.e2e.mjs against a real server. A facilitator moderates (approve-first,
//! hiding notes and comments) and posts on a table's behalf; two phones post, comment and
//! reply, one of them by keyboard alone. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn phones_discuss_under_a_facilitators_moderation_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/discussion.e2e.mjs").await
}
