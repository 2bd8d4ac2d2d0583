//! Groups on phones in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/groups.e2e.mjs against a real server. A phone that opens a table's QR address sits
//! in that table's group at once, with its group first and the others folded; another joins by
//! code and picks its group, then changes it, by keyboard alone; the facilitator sees the
//! counts per group change live. See that file for the story.

use std::path::Path;

use talkoot_tests::TestServer;
use tokio::process::Command;

#[tokio::test]
async fn phones_sit_in_their_groups_and_the_facilitator_counts_them_in_chromium()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("node")
        .arg("e2e/groups.e2e.mjs")
        .current_dir(&web)
        .env("TALKOOT_URL", server.url(""))
        .kill_on_drop(true)
        .status()
        .await?;
    assert!(
        status.success(),
        "the browser story failed (its output is above)"
    );
    Ok(())
}
