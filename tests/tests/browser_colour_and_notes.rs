//! Colour and notes in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/colour-and-notes.e2e.mjs against a real server. Every note colour keeps its text at
//! 4.5:1 and its controls' borders and focus rings at 3:1, stays apart from the others in
//! simulated colour blindness, and is said in words; notes are named by group, writer, colour
//! and votes in Chromium's accessibility tree, which holds nothing of others' hidden notes;
//! the projector keeps 7:1; high contrast and reduced motion hold on every board. See that
//! file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn note_colours_names_contrast_and_motion_hold_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/colour-and-notes.e2e.mjs").await
}
