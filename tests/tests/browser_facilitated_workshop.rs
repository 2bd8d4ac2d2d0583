//! The facilitated workshop of issue 8 end to end, in a real browser (Debian's Chromium, driven
//! by playwright-core): web/e2e/facilitated-workshop.e2e.mjs against a real server. A
//! facilitator creates the workshop and prints the table QR codes, the venue PC opens the
//! projector link, three phones join (one by table 3's QR code, two by code and the group
//! picker), write privately, and see every note on the reveal; a backup facilitator's link works
//! until it is revoked; a phone reloads offline and still shows the board. See that file for the
//! story.

use std::path::Path;

use talkoot_tests::TestServer;
use tokio::process::Command;

#[tokio::test]
async fn a_facilitated_workshop_runs_from_the_qr_codes_to_the_reveal_in_chromium()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("node")
        .arg("e2e/facilitated-workshop.e2e.mjs")
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
