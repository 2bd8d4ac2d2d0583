//! Builds the web app (web/ → web/dist) so that `cargo run` and `cargo build --release` serve
//! and embed a current UI with no separate step. Needs Node.js 20+ and npm.
//! Set TALKOOT_SKIP_WEB_BUILD=1 to use whatever web/dist already holds.

use std::path::Path;
use std::process::Command;

fn main() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    for path in [
        "src",
        "index.html",
        "package.json",
        "package-lock.json",
        "vite.config.ts",
        "public",
    ] {
        println!("cargo:rerun-if-changed={}", web.join(path).display());
    }
    println!("cargo:rerun-if-env-changed=TALKOOT_SKIP_WEB_BUILD");
    if std::env::var_os("TALKOOT_SKIP_WEB_BUILD").is_some() {
        std::fs::create_dir_all(web.join("dist")).expect("create web/dist");
        return;
    }
    if !web.join("node_modules").exists() {
        npm(&web, &["ci", "--no-audit", "--no-fund"]);
    }
    npm(&web, &["run", "build"]);
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
