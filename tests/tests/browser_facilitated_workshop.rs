//! The facilitated workshop of issue 8 end to end, in a real browser (Debian's Chromium, driven
//! by playwright-core): web/e2e/facilitated-workshop.e2e.mjs against a real server. A
//! facilitator creates the workshop and prints the table QR codes, the venue PC opens the
//! projector link, three phones join (one by table 3's QR code, two by code and the group
//! picker), write privately, and see every note on the reveal; a backup facilitator's link works
//! until it is revoked; a phone reloads offline and still shows the board. See that file for the
//! story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitated_workshop_runs_from_the_qr_codes_to_the_reveal_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/facilitated-workshop.e2e.mjs").await
}
