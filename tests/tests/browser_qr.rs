//! Join QR codes in a real browser: web/e2e/qr-sheet.e2e.mjs against two real servers, one as
//! a facilitator on a laptop starts it (no `--public-url`, opened at 127.0.0.1) and one started
//! with `--public-url`. See that file for the story.

use talkoot_tests::{TestServer, run_browser_story_with};

const PUBLIC_URL: &str = "https://talkoot.example.fi/";

#[tokio::test]
async fn the_printed_table_qr_codes_join_phones_into_their_groups_in_chromium() -> anyhow::Result<()>
{
    let mut laptop = TestServer::start().await?;
    let published = TestServer::start_with(&["--public-url", PUBLIC_URL]).await?;
    let published_server = published.url("");
    run_browser_story_with(
        &mut laptop,
        "e2e/qr-sheet.e2e.mjs",
        &[
            ("TALKOOT_PUBLIC_SERVER", published_server.as_ref()),
            ("TALKOOT_PUBLIC_URL", PUBLIC_URL.as_ref()),
        ],
    )
    .await
}
