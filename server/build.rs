//! Builds the web app (web/ → web/dist) so that `cargo run` and `cargo build --release` serve
//! and embed a current UI with no separate step. Needs Node.js 20+ and npm.
//! Set TALKOOT_SKIP_WEB_BUILD=1 to use whatever web/dist already holds.
//!
//! Cargo reruns this script when a watched path is newer than its last run, or missing. So it
//! watches the web app's sources, and a stamp that it writes into web/dist once the build
//! succeeded: a `git clean` of web/, or a target/ brought from elsewhere, leaves no stamp and
//! the next `cargo build` builds the web app again. The stamp carries the time of the newest
//! source, never the time of writing: a watched file newer than the run would rerun the script
//! (and recompile the server) on every build.

use std::fs::{self, File};
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

/// What `npm run build` reads, relative to web/.
const SOURCES: &[&str] = &[
    "src",
    "public",
    "scripts",
    "index.html",
    "package.json",
    "package-lock.json",
    "vite.config.ts",
    "svelte.config.js",
    "tsconfig.json",
];

/// Written into web/dist after a successful build; the server never serves dotfiles.
const STAMP: &str = "dist/.talkoot-web-build";

fn main() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    for path in SOURCES {
        println!("cargo:rerun-if-changed={}", web.join(path).display());
    }
    println!("cargo:rerun-if-env-changed=TALKOOT_SKIP_WEB_BUILD");
    if std::env::var_os("TALKOOT_SKIP_WEB_BUILD").is_some() {
        std::fs::create_dir_all(web.join("dist")).expect("create web/dist");
        return;
    }
    println!("cargo:rerun-if-changed={}", web.join(STAMP).display());
    if !installed_packages_match_lockfile(&web) {
        npm(&web, &["ci", "--no-audit", "--no-fund"]);
    }
    npm(&web, &["run", "build"]);
    write_stamp(&web);
}

/// npm records what it installed in node_modules/.package-lock.json; a lockfile changed since
/// (a `git pull` that bumped a package) needs a fresh `npm ci`.
fn installed_packages_match_lockfile(web: &Path) -> bool {
    match (
        modified(&web.join("node_modules/.package-lock.json")),
        modified(&web.join("package-lock.json")),
    ) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    }
}

fn write_stamp(web: &Path) {
    let stamp = web.join(STAMP);
    fs::write(
        &stamp,
        "web/dist was built by server/build.rs from the sources in web/\n",
    )
    .expect("write the web build stamp");
    let newest = SOURCES
        .iter()
        .filter_map(|path| newest_modification(&web.join(path)))
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH);
    File::options()
        .write(true)
        .open(&stamp)
        .and_then(|file| file.set_modified(newest))
        .expect("date the web build stamp");
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The newest modification time of a file, or of anything in a directory tree.
fn newest_modification(path: &Path) -> Option<SystemTime> {
    let own = modified(path);
    let Ok(entries) = fs::read_dir(path) else {
        return own;
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| newest_modification(&entry.path()))
        .chain(own)
        .max()
}

fn npm(dir: &Path, args: &[&str]) {
    let status = Command::new("npm").args(args).current_dir(dir).status().unwrap_or_else(|e| {
        panic!("talkoot builds its web app with npm, which could not start ({e}); install Node.js 20+ and npm")
    });
    assert!(
        status.success(),
        "`npm {}` failed in web/ (see its output above)",
        args.join(" ")
    );
}
