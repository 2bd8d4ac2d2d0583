//! Deleting a board in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/board-deletion.e2e.mjs against a real server. The facilitator's screen says when the
//! retention rule would delete the board; keyboard only, the facilitator deletes it through a
//! confirmation naming it; an open phone shows "This board was deleted" at once and has forgotten
//! the board (secret, kept view, outbox), after a reload too; every state passes axe. See that
//! file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitator_deletes_a_board_and_an_open_phone_forgets_it_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/board-deletion.e2e.mjs").await
}
