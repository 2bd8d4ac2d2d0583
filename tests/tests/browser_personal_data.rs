//! Personal data in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/personal-data.e2e.mjs against a real server. A phone's note with a personal identity
//! code is refused before sending and, when an older app left one in the outbox, by the server,
//! the text back in the composer with the reason; a phone number is warned about and sent
//! anyway by keyboard; a comment with a code is refused. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn identity_codes_are_refused_and_phone_numbers_warned_about_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/personal-data.e2e.mjs").await
}
