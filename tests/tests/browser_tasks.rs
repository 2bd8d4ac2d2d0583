//! Follow-up tasks in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/tasks.e2e.mjs against a real server. A facilitator makes a task from a
//! participant's note (the title from the note, a due date, the link shown), the phone and the
//! projector list it read-only, the facilitator opens volunteering and the participant takes the
//! task by keyboard, the projector shows its owner at 7:1 and follows it to done, and a deletion
//! after confirming leaves every screen; axe on every new state. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_task_made_from_a_note_is_taken_by_a_volunteer_and_shown_on_the_projector_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/tasks.e2e.mjs").await
}
