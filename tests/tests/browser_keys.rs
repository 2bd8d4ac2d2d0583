//! A board's keys in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/keys.e2e.mjs against a real server. A facilitator makes and revokes a backup's link
//! and makes a new projector link; the open screens of revoked keys stop at once; every state of
//! the panels passes axe. See that file for the story.

use std::path::Path;

use talkoot_tests::TestServer;
use tokio::process::Command;

#[tokio::test]
async fn a_facilitator_manages_backup_and_projector_links_in_chromium() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("node")
        .arg("e2e/keys.e2e.mjs")
        .current_dir(&web)
        .env("TALKOOT_URL", server.url(""))
        .status()
        .await?;
    assert!(
        status.success(),
        "the browser story failed (its output is above)"
    );
    Ok(())
}
