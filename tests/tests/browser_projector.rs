//! The projector view in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/projector.e2e.mjs against a real server. A venue PC opens the projector link at
//! 1920×1080 and 1280×720: the join code and a QR code that reads back as the join address,
//! the phase, the case material as the facilitator chose, live counts per group, the notes
//! (names only when turned on, a short highlight for new ones and none with reduced motion),
//! no hidden text in a private phase, not even on the wire, and no controls or facilitator key.
//! Screenshots of both sizes go to `<target>/tmp/projector-screenshots`. See that file for the story.

use std::path::Path;

use talkoot_tests::{TestServer, run_browser_story_with};

#[tokio::test]
async fn the_projector_view_shows_the_room_what_it_may_see_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("projector-screenshots");
    run_browser_story_with(
        &mut server,
        "e2e/projector.e2e.mjs",
        &[("TALKOOT_SCREENSHOTS", screenshots.as_os_str())],
    )
    .await
}
