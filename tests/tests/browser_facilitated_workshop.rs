//! The facilitated workshop of issues 8 and 9 end to end, in a real browser (Debian's Chromium,
//! driven by playwright-core): web/e2e/facilitated-workshop.e2e.mjs against a real server. A
//! facilitator creates the workshop and prints the table QR codes, the venue PC opens the
//! projector link, three phones join (one by table 3's QR code, two by code and the group
//! picker), write privately, and see every note on the reveal; a backup facilitator's link works
//! until it is revoked; a phone reloads offline and still shows the board. Then the room votes
//! on a budget of 3 (one phone from two tabs at once), the counts are revealed and ranked on the
//! projector, a comment thread, an approve-first note, a note posted for "Pöytä 3", and a timer
//! that runs out on every screen, one of them with its clock 7 minutes fast
//! (web/e2e/workshop-prioritising.mjs). See those files for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn a_facilitated_workshop_runs_from_the_qr_codes_to_a_ranked_list_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/facilitated-workshop.e2e.mjs").await
}
