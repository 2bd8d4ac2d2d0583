//! The feedback form in a real browser (Debian's Chromium, driven by playwright-core):
//! web/e2e/feedback.e2e.mjs against a real server. The facilitator opens feedback, two phones
//! answer (one with the keyboard alone), one changes its answer after a reload, the facilitator
//! sees the distribution, the average and the texts, and closes it; every state passes axe. See
//! that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn phones_answer_the_feedback_form_and_the_facilitator_sees_the_results_in_chromium()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/feedback.e2e.mjs").await
}
