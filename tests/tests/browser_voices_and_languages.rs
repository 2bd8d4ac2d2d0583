//! What a screen reader hears, and in which language it reads, in a real browser (Debian's
//! Chromium, driven by playwright-core): web/e2e/voices-and-languages.e2e.mjs against a real
//! server. A Finnish board under an English and a Swedish UI: board content is marked Finnish
//! everywhere it is shown; others' activity is announced, gathered, from one live region and
//! never to whoever did it; a new phase, the reveal, the timer and the votes left are each said
//! by one live region; the language choice and the announcements' off switch stay after a
//! reload. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn each_event_has_one_voice_and_board_content_keeps_its_language_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/voices-and-languages.e2e.mjs").await
}
