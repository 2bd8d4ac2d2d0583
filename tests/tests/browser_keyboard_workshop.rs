//! A whole workshop with the keyboard alone in a real browser (Debian's Chromium, driven by
//! playwright-core): web/e2e/keyboard-workshop.e2e.mjs against a real server. A participant
//! joins by code, picks a group, writes privately, sees the reveal, comments, votes and takes a
//! vote back, and takes a task; the facilitator moves the phases, answers the reveal dialog
//! (Escape returns focus), approves a waiting note, runs the timer and downloads the kooste. No
//! click anywhere; every control passed shows its focus, and focus is never lost.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_workshop_runs_start_to_end_with_the_keyboard_alone_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/keyboard-workshop.e2e.mjs").await
}
