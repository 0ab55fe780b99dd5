//! The release build (Trunk, offline, with our pinned tools) and `serve`.

use crate::sizes;
use crate::util::{cmd, heading, root, sh, Result};
use std::process::Child;

/// The app's pages: Trunk entry, and the folder of `dist/` it is built into (its URL path).
/// Each widget page is its own binary, so an embed downloads one chart type's code; their
/// entries are written from `widget.html` (see `widget_entries`).
pub const PAGES: [(&str, &str); 6] = [
    ("index.html", ""),
    ("widget-glance.html", "widget/glance/"),
    ("widget-parties.html", "widget/parties/"),
    ("widget-governorates.html", "widget/governorates/"),
    ("widget-series.html", "widget/series/"),
    ("form.html", "form/"),
];

pub fn run() -> Result {
    let (export_name, export) = export_module()?;
    heading("build: trunk build --release --offline (site, four widget pages, form)");
    widget_entries(&export_name)?;
    // `SIJIL_BUILD_ONLY=widget-series.html,…`: only those pages again, into the `dist/` of an
    // earlier full build (a quicker loop while working on one page; the gate still checks all).
    let only = std::env::var("SIJIL_BUILD_ONLY").unwrap_or_default();
    let wanted = |html: &str| only.is_empty() || only.split(',').any(|o| o == html);
    // The site first: Trunk replaces its whole dist folder, and the others live inside it.
    for (html, dir) in PAGES.into_iter().filter(|(html, _)| wanted(html)) {
        let (dist, public) = (format!("dist/{dir}"), format!("/{dir}"));
        sh(release_std_env(&mut cmd("trunk")).args([
            "build",
            "--release",
            "--offline=true",
            html,
            "--dist",
            &dist,
            "--public-url",
            &public,
        ]))?;
        crate::glue::shrink(&root().join(&dist))?;
    }
    // After the pages: Trunk's site build replaces the whole dist folder.
    std::fs::write(root().join("dist/widget").join(&export_name), export)
        .map_err(|e| format!("{export_name}: {e}"))?;
    sizes::compress_and_report(&root().join("dist"))?;
    // Deterministic, so it fails the build (render times stay in `cargo xtask bench`).
    heading("build: size gate (brotli bytes per page, against xtask/sizes.txt)");
    sizes::gate(&root().join("dist"), false)
}

/// The export module (`crates/sijil-export`): the picture composer the widget pages fetch only
/// when a reader downloads an SVG or PNG. A plain wasm module (no wasm-bindgen), built with the
/// pages' `std` and optimized by the same `wasm-opt`; named with a hash of its content, as
/// Trunk names the pages' files, so it is cached for a year and by the service worker on first
/// use. Returns its file name (it goes in `dist/widget/`) and its bytes.
fn export_module() -> Result<(String, Vec<u8>)> {
    use sha2::Digest;
    heading("build: the export module (crates/sijil-export)");
    sh(release_std_env(&mut cmd("cargo")).args([
        "build",
        "--release",
        "--offline",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "sijil-export",
    ]))?;
    let built = root().join("target/wasm32-unknown-unknown/release/sijil_export.wasm");
    let out = root().join("target/sijil-export.wasm");
    sh(cmd("wasm-opt")
        .arg(&built)
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(WASM_OPT_FEATURES)
        .arg("-o")
        .arg(&out))?;
    let bytes = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let hash: String = sha2::Sha256::digest(&bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((format!("sijil-export-{hash}.wasm"), bytes))
}

/// The wasm features `wasm-opt` may use: the same as the pages' (`widget.html`).
const WASM_OPT_FEATURES: [&str; 2] = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int"];

/// Builds the pages against a `std` compiled with `panic = immediate-abort`: a panic in the
/// browser then stops the page at once instead of formatting a message nobody reads, and the
/// panic machinery (message formatting, unwinding hooks) leaves every page — about 13 KB brotli
/// of each widget. The stable compiler allows this with `RUSTC_BOOTSTRAP`; it needs the
/// `rust-src` component (installed by setup). Only Trunk's release builds get it: tests and
/// clippy use the ordinary `std`.
fn release_std_env(c: &mut std::process::Command) -> &mut std::process::Command {
    c.env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        // std's own size-over-speed choices (smaller sort and formatting code, for instance).
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env("RUSTFLAGS", "-Zunstable-options -Cpanic=immediate-abort")
}

/// Writes the widget pages' Trunk entries from the one template `widget.html`: Trunk takes one
/// binary per HTML file, and the four pages differ only in which binary that is. Each also
/// names the export module (`{export}`, a path from the site's root without its leading slash:
/// the service worker stores only what a page names from `/` when it activates, and this
/// module is for the few readers who download a picture, so it is stored when first fetched).
fn widget_entries(export: &str) -> Result {
    let template = std::fs::read_to_string(root().join("widget.html"))
        .map_err(|e| format!("widget.html: {e}"))?;
    for (html, _) in PAGES {
        if let Some(page) = html
            .strip_prefix("widget-")
            .and_then(|h| h.strip_suffix(".html"))
        {
            let entry = template
                .replace("{page}", page)
                .replace("{export}", &format!("widget/{export}"));
            std::fs::write(root().join(html), entry).map_err(|e| format!("{html}: {e}"))?;
        }
    }
    Ok(())
}

/// Builds `target/debug/sijil`; with `hooks`, with the test hooks the e2e suite drives.
pub fn server_binary(hooks: bool) -> Result<std::path::PathBuf> {
    heading("build: sijil server");
    let mut c = cmd("cargo");
    c.args(["build", "--quiet", "-p", "sijil-server"]);
    if hooks {
        c.args(["--features", crate::test::HOOKS]);
    }
    sh(&mut c)?;
    Ok(root().join("target/debug/sijil"))
}

/// Starts `sijil serve` on `addr` with the given report store; the caller owns the child.
pub fn start_server(
    addr: &str,
    store: &std::path::Path,
    extra: &[&str],
    hooks: bool,
) -> Result<Child> {
    let bin = server_binary(hooks)?;
    let child = cmd(bin.to_str().expect("utf-8 path"))
        .args(["serve", "--addr", addr, "--dist", "dist", "--store"])
        .arg(store)
        .args(extra)
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    wait_healthy(addr)?;
    Ok(child)
}

fn wait_healthy(addr: &str) -> Result {
    use std::io::{Read, Write};
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(addr) {
            let _ = write!(
                s,
                "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            );
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            if buf.starts_with("HTTP/1.1 200") {
                return Ok(());
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err(format!("the server at {addr} did not become healthy"))
}

pub fn serve(args: &[String]) -> Result {
    let addr = args
        .windows(2)
        .find(|w| w[0] == "--addr")
        .map(|w| w[1].clone())
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let mut child = start_server(&addr, &root().join("var/reports"), &[], false)?;
    eprintln!("\nOpen http://{addr}/ (Ctrl-C to stop)");
    child.wait().map_err(|e| e.to_string())?;
    Ok(())
}
