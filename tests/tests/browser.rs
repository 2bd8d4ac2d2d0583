//! The end-to-end story in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/workshop.e2e.mjs against a real server. See that file for the story it tells.

use std::path::Path;

use talkoot_tests::TestServer;
use tokio::process::Command;

#[tokio::test]
async fn a_facilitator_and_two_phones_run_a_workshop_in_chromium() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("npm")
        .args(["run", "--silent", "e2e"])
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
