//! `cargo xtask test`: lints, native tests (core, server, SSR render), the release build, the
//! Chromium end-to-end suite and the WebKit + Firefox WebDriver tier against the real server.
//! Any failure fails the run.
//!
//! `cargo xtask test e2e` runs only the browser suite (with a fresh build), for quick iteration;
//! `cargo xtask test webdriver [webkit|firefox] [--only NAME]` only the WebKit and Firefox tier.

use crate::build;
use crate::util::{cmd, heading, root, sh, Result};
use std::net::TcpListener;

pub fn run_all(only_e2e: bool) -> Result {
    if !only_e2e {
        lint()?;
        heading("test: native (core, server, SSR render)");
        // The server's test hooks (`SIJIL_TEST_*`) exist only in builds with this feature.
        sh(cmd("cargo").args(["test", "--workspace", "--features", HOOKS]))?;
    }
    // The release build ends with the size gate (budgets, growth over xtask/sizes.txt).
    build::run()?;
    e2e()?;
    webdriver()
}

/// `cargo xtask lint` (and the start of `test`): rustfmt, clippy with `-D warnings` natively and
/// for wasm32, and the size boundary between the pure crates.
pub fn lint() -> Result {
    heading("lint: rustfmt");
    sh(cmd("cargo").args(["fmt", "--all", "--check"]))?;
    heading("lint: clippy (native)");
    sh(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    heading("lint: clippy (wasm32)");
    sh(cmd("cargo").args([
        "clippy",
        "-p",
        "sijil-app",
        "-p",
        "sijil-core",
        "-p",
        "sijil-report",
        "--lib",
        "--bins",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    heading("lint: no serde in sijil-core (cargo tree -e normal)");
    no_serde_in_core()
}

/// The widget pages link `sijil-core`; serde (serde_json's `Value` in place of its `json`
/// measured +5.7 KB brotli per widget page) belongs to `sijil-report`. Fails when any normal
/// dependency of the core, on any target, is a serde crate.
fn no_serde_in_core() -> Result {
    let tree = crate::util::output(cmd("cargo").args([
        "tree",
        "-e",
        "normal",
        "-p",
        "sijil-core",
        "--target",
        "all",
        "--prefix",
        "none",
    ]))
    .ok_or("`cargo tree -e normal -p sijil-core` failed")?;
    let serde: Vec<&str> = tree.lines().filter(|l| l.starts_with("serde")).collect();
    if !tree.starts_with("sijil-core ") {
        return Err(format!("unexpected `cargo tree` output:\n{tree}"));
    }
    match serde.as_slice() {
        [] => Ok(()),
        found => Err(format!(
            "sijil-core depends on serde (keep it in sijil-report): {}",
            found.join(", ")
        )),
    }
}

/// The cargo feature that compiles the server's test hooks in.
pub const HOOKS: &str = "sijil-server/test-hooks";

pub fn run(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        // Only the WebKit and Firefox tier (after a fresh release build); any further
        // arguments go to the runner (`webkit`, `firefox`, `--only NAME`).
        Some("webdriver") => build::run().and_then(|()| webdriver_with(&args[1..])),
        other => run_all(other == Some("e2e")),
    }
}

/// The WebKit and Firefox tier (`tests/webdriver`): the key journeys over WebDriver in real
/// WebKitGTK and Firefox ESR, each engine with its own `sijil serve` of the release build.
fn webdriver() -> Result {
    webdriver_with(&[])
}

fn webdriver_with(args: &[String]) -> Result {
    heading("test: WebKit and Firefox over WebDriver (release build, real server)");
    let bin = build::server_binary(true)?;
    sh(cmd("cargo")
        .args(["run", "--quiet", "-p", "sijil-webdriver", "--"])
        .args(args)
        .env("SIJIL_BIN", bin)
        .env("SIJIL_DIST", root().join("dist")))
}

pub fn free_addr() -> Result<String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.to_string())
}

fn e2e() -> Result {
    heading("test: browser end-to-end (Playwright, headless Chromium, release build)");
    let addr = free_addr()?;
    let store = std::env::temp_dir().join(format!("sijil-e2e-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let mut server = build::start_server(&addr, &store, &[], true)?;
    let result = sh(cmd("npx")
        .args([
            "playwright",
            "test",
            "--config",
            "tests/e2e/playwright.config.ts",
        ])
        .env("SIJIL_BASE_URL", format!("http://{addr}"))
        .env("SIJIL_STORE", &store)
        .env("SIJIL_BIN", root().join("target/debug/sijil"))
        .env("SIJIL_DIST", root().join("dist")));
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&store);
    result
}
