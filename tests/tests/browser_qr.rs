//! Join QR codes in a real browser: web/e2e/qr-sheet.e2e.mjs against two real servers, one as
//! a facilitator on a laptop starts it (no `--public-url`, opened at 127.0.0.1) and one started
//! with `--public-url`. See that file for the story.

use std::path::Path;

use talkoot_tests::TestServer;
use tokio::process::Command;

const PUBLIC_URL: &str = "https://talkoot.example.fi/";

#[tokio::test]
async fn the_printed_table_qr_codes_join_phones_into_their_groups_in_chromium() -> anyhow::Result<()>
{
    let laptop = TestServer::start().await?;
    let published = TestServer::start_with(&["--public-url", PUBLIC_URL]).await?;
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("node")
        .arg("e2e/qr-sheet.e2e.mjs")
        .current_dir(&web)
        .env("TALKOOT_URL", laptop.url(""))
        .env("TALKOOT_PUBLIC_SERVER", published.url(""))
        .env("TALKOOT_PUBLIC_URL", PUBLIC_URL)
        .kill_on_drop(true)
        .status()
        .await?;
    assert!(
        status.success(),
        "the browser story failed (its output is above)"
    );
    Ok(())
}
