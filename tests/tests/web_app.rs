//! The web app's own checks, so that `cargo test --workspace` is the one test command:
//! svelte-check (types and Svelte's accessibility warnings) and the vitest unit tests
//! (sync engine, i18n completeness).

use std::path::Path;

use tokio::process::Command;

async fn npm(script: &str) -> anyhow::Result<()> {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let status = Command::new("npm")
        .args(["run", "--silent", script])
        .current_dir(&web)
        .status()
        .await?;
    anyhow::ensure!(
        status.success(),
        "`npm run {script}` failed (its output is above)"
    );
    Ok(())
}

#[tokio::test]
async fn svelte_check_finds_no_type_or_accessibility_problems() -> anyhow::Result<()> {
    npm("check").await
}

#[tokio::test]
async fn web_unit_tests_pass() -> anyhow::Result<()> {
    npm("test").await
}
