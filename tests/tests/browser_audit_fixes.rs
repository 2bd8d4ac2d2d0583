//! The fixes to an outside accessibility audit (WCAG 2.1 AA), in a real browser (Debian's
//! Chromium, driven by playwright-core): web/e2e/audit-fixes.e2e.mjs against a real server.
//! Reflow at 320 px with the longest titles, notices that scroll, focus never hidden under the
//! offline banner and the notices, typed text and focus kept when others delete what you are
//! on, an outbox status that does not contradict a refusal, and the smaller findings (skip
//! links, field errors, Escape, the character counter, one voice for going offline, the
//! language buttons' names). See that file for the story.

use talkoot_tests::{TestServer, run_browser_story};

#[tokio::test]
async fn the_audit_findings_stay_fixed_in_chromium() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    run_browser_story(&mut server, "e2e/audit-fixes.e2e.mjs").await
}
