//! Phases, private writing, the reveal and locks in a real browser (Debian's Chromium, driven
//! by playwright-core): web/e2e/private-writing.e2e.mjs against a real server. A facilitator
//! runs the phases by keyboard; two phones write privately, and the story checks on their raw
//! WebSocket frames that neither receives the other's hidden text before the reveal. See that
//! file for the story.

use std::path::Path;

use talkoot_tests::TestServer;
use tokio::process::Command;

#[tokio::test]
async fn phones_write_privately_until_the_facilitator_reveals_in_chromium() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("node")
        .arg("e2e/private-writing.e2e.mjs")
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
