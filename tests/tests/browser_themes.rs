//! Themes across groups in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/themes.e2e.mjs against a real server. A facilitator gathers two tables' home-care
//! notes (inflected differently) into a theme from the suggestions, the phones see it beside the
//! groups and vote on it as a whole, the facilitator takes a note out by keyboard, and the
//! projector lists the theme and then ranks it by its votes; a rename reaches every screen. See
//! that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitator_gathers_notes_from_two_tables_into_a_theme_the_phones_vote_on_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/themes.e2e.mjs").await
}
