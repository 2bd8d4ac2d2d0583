//! The whole seed workshop "Palveluverkko tutuksi" from its template in real browsers (Debian's
//! Chromium, driven by playwright-core): web/e2e/service-network-workshop.e2e.mjs against a real
//! server. A facilitator, a projector and three phones go through private writing, the reveal,
//! votes, a task made from the top note and feedback; the facilitator downloads the kooste
//! (Markdown and printable HTML, their contents checked, axe on the printed page) and starts
//! part 2, which shows the carried notes and the task. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn the_seed_workshop_runs_from_its_template_to_part_2_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/service-network-workshop.e2e.mjs").await
}
