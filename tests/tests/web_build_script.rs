//! server/build.rs on checkouts that are not fresh: web/dist deleted (a `git clean`, a target/
//! brought from elsewhere), a lockfile changed by a pull, TALKOOT_SKIP_WEB_BUILD. The real
//! build script runs in a scratch package next to a copy of web/, with a stand-in `npm` on
//! PATH that logs what it was asked and writes what npm would (node_modules/.package-lock.json,
//! dist/ emptied and rebuilt): the script's decisions are under test, not Vite. A build with
//! nothing changed must compile nothing, or every `cargo build` would recompile the server.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, ensure};

const FAKE_NPM: &str = r#"#!/bin/sh
echo "$1" >> "$TALKOOT_FAKE_NPM_LOG"
case "$1" in
  ci) rm -rf node_modules && mkdir node_modules && echo '{}' > node_modules/.package-lock.json ;;
  run) rm -rf dist && mkdir dist && echo '<!doctype html>' > dist/index.html ;;
esac
"#;

struct Checkout {
    root: tempfile::TempDir,
}

impl Checkout {
    /// server/ holds the real build.rs in a package of its own; web/ is a copy of the sources.
    fn new() -> anyhow::Result<Self> {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let root = tempfile::tempdir()?;
        let server = root.path().join("server");
        fs::create_dir_all(server.join("src"))?;
        fs::copy(repo.join("server/build.rs"), server.join("build.rs"))?;
        fs::write(
            server.join("Cargo.toml"),
            "[package]\nname = \"web-build-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             build = \"build.rs\"\npublish = false\n\n[workspace]\n",
        )?;
        fs::write(server.join("src/main.rs"), "fn main() {}\n")?;
        copy_sources(&repo.join("web"), &root.path().join("web"))?;
        let bin = root.path().join("bin");
        fs::create_dir_all(&bin)?;
        fs::write(bin.join("npm"), FAKE_NPM)?;
        fs::set_permissions(bin.join("npm"), fs::Permissions::from_mode(0o755))?;
        fs::write(root.path().join("npm.log"), "")?;
        Ok(Checkout { root })
    }

    fn web(&self, path: &str) -> PathBuf {
        self.root.path().join("web").join(path)
    }

    /// `cargo build`; returns the npm commands it ran and whether it compiled anything.
    fn build(&self, skip_web_build: bool) -> anyhow::Result<Build> {
        let log = self.root.path().join("npm.log");
        let before = fs::read_to_string(&log)?.lines().count();
        let path = std::env::join_paths(std::iter::once(self.root.path().join("bin")).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))?;
        let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
        cargo
            .args(["build", "--offline", "--target-dir"])
            .arg(self.root.path().join("target"))
            .current_dir(self.root.path().join("server"))
            .env("PATH", path)
            .env("TALKOOT_FAKE_NPM_LOG", &log)
            .env("CARGO_TERM_COLOR", "never")
            // "Compiling …" is how a build that did something shows.
            .env_remove("CARGO_TERM_QUIET")
            .env_remove("TALKOOT_SKIP_WEB_BUILD");
        if skip_web_build {
            cargo.env("TALKOOT_SKIP_WEB_BUILD", "1");
        }
        let output = cargo.output().context("run cargo")?;
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        ensure!(output.status.success(), "cargo build failed:\n{stderr}");
        let npm = fs::read_to_string(&log)?
            .lines()
            .skip(before)
            .map(str::to_owned)
            .collect();
        Ok(Build {
            npm,
            compiled: stderr.contains("Compiling web-build-probe"),
        })
    }
}

#[derive(Debug)]
struct Build {
    npm: Vec<String>,
    compiled: bool,
}

impl Build {
    fn ran(&self, commands: &[&str]) -> bool {
        self.npm == commands
    }

    fn is_no_op(&self) -> bool {
        self.npm.is_empty() && !self.compiled
    }
}

/// web/ without what builds and installs produce.
fn copy_sources(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if ["node_modules", "dist", "test-results"].contains(&name.to_string_lossy().as_ref()) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            copy_sources(&entry.path(), &to.join(&name))?;
        } else {
            fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// A fresh checkout installs and builds once; a second build does nothing at all.
fn built_checkout() -> anyhow::Result<Checkout> {
    let checkout = Checkout::new()?;
    let first = checkout.build(false)?;
    ensure!(
        first.ran(&["ci", "run"]),
        "a fresh checkout installs and builds: {first:?}"
    );
    ensure!(checkout.web("dist/index.html").exists());
    let again = checkout.build(false)?;
    ensure!(
        again.is_no_op(),
        "a second build must do nothing: {again:?}"
    );
    Ok(checkout)
}

#[test]
fn a_deleted_web_dist_is_built_again() -> anyhow::Result<()> {
    let checkout = built_checkout()?;
    fs::remove_dir_all(checkout.web("dist"))?;
    let cleaned = checkout.build(false)?;
    ensure!(
        cleaned.ran(&["run"]),
        "web/dist deleted: the web app is built again (and nothing reinstalled): {cleaned:?}"
    );
    ensure!(checkout.web("dist/index.html").exists());
    let again = checkout.build(false)?;
    ensure!(again.is_no_op(), "and then nothing more: {again:?}");
    Ok(())
}

#[test]
fn a_changed_lockfile_is_installed_before_building() -> anyhow::Result<()> {
    let checkout = built_checkout()?;
    // A pull that changes the lockfile writes it anew; node_modules still holds the old install.
    let lockfile = fs::read(checkout.web("package-lock.json"))?;
    fs::write(checkout.web("package-lock.json"), lockfile)?;
    let pulled = checkout.build(false)?;
    ensure!(
        pulled.ran(&["ci", "run"]),
        "a changed lockfile reinstalls before building: {pulled:?}"
    );
    let again = checkout.build(false)?;
    ensure!(again.is_no_op(), "and then nothing more: {again:?}");
    Ok(())
}

#[test]
fn skipping_the_web_build_runs_no_npm_and_uses_web_dist_as_it_is() -> anyhow::Result<()> {
    let checkout = Checkout::new()?;
    let skipped = checkout.build(true)?;
    ensure!(
        skipped.npm.is_empty(),
        "TALKOOT_SKIP_WEB_BUILD runs no npm: {skipped:?}"
    );
    ensure!(
        checkout.web("dist").is_dir(),
        "an empty web/dist lets the server compile"
    );
    let again = checkout.build(true)?;
    ensure!(
        again.is_no_op(),
        "a second skipped build does nothing: {again:?}"
    );

    let unset = checkout.build(false)?;
    ensure!(
        unset.ran(&["ci", "run"]),
        "without the variable the web app is built: {unset:?}"
    );
    Ok(())
}
