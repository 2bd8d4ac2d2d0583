//! Groups on phones in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/groups.e2e.mjs against a real server. A phone that opens a table's QR address sits
//! in that table's group at once, with its group first and the others folded; another joins by
//! code and picks its group, then changes it, by keyboard alone; the facilitator sees the
//! counts per group change live. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn phones_sit_in_their_groups_and_the_facilitator_counts_them_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/groups.e2e.mjs").await
}
