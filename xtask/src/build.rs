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
    heading("build: trunk build --release --offline (site, four widget pages, form)");
    widget_entries()?;
    // The site first: Trunk replaces its whole dist folder, and the others live inside it.
    for (html, dir) in PAGES {
        let (dist, public) = (format!("dist/{dir}"), format!("/{dir}"));
        sh(cmd("trunk").args([
            "build",
            "--release",
            "--offline=true",
            html,
            "--dist",
            &dist,
            "--public-url",
            &public,
        ]))?;
        minify_glue(&root().join(&dist))?;
    }
    sizes::compress_and_report(&root().join("dist"))
}

/// Writes the widget pages' Trunk entries from the one template `widget.html`: Trunk takes one
/// binary per HTML file, and the four pages differ only in which binary that is.
fn widget_entries() -> Result {
    let template = std::fs::read_to_string(root().join("widget.html"))
        .map_err(|e| format!("widget.html: {e}"))?;
    for (html, _) in PAGES {
        if let Some(page) = html
            .strip_prefix("widget-")
            .and_then(|h| h.strip_suffix(".html"))
        {
            std::fs::write(root().join(html), template.replace("{page}", page))
                .map_err(|e| format!("{html}: {e}"))?;
        }
    }
    Ok(())
}

/// Minifies the wasm-bindgen JavaScript of one page with terser (npm) and rewrites its
/// Subresource Integrity hash in the page. Trunk's own minifier cannot parse this glue (it
/// warns "Failed to minify JS" and ships it as is), and minified it is about 1.6 KB smaller
/// after brotli on every page view.
fn minify_glue(dir: &std::path::Path) -> Result {
    use sha2::{Digest, Sha384};
    let html_path = dir.join("index.html");
    let mut html = std::fs::read_to_string(&html_path).map_err(|e| e.to_string())?;
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Only the hashed glue Trunk wrote for this page (`sijil-…-<hash>.js`).
        if !(name.starts_with("sijil-") && name.ends_with(".js")) {
            continue;
        }
        let path = entry.path();
        let before = std::fs::read(&path).map_err(|e| e.to_string())?;
        sh(cmd(root()
            .join("node_modules/.bin/terser")
            .to_str()
            .unwrap_or("terser"))
        .arg(&path)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(&path))?;
        let after = std::fs::read(&path).map_err(|e| e.to_string())?;
        let old = format!(
            "sha384-{}",
            sijil_core::base64::encode(&Sha384::digest(&before))
        );
        let new = format!(
            "sha384-{}",
            sijil_core::base64::encode(&Sha384::digest(&after))
        );
        if !html.contains(&old) {
            return Err(format!(
                "{}: no integrity {old} for {name}",
                html_path.display()
            ));
        }
        html = html.replace(&old, &new);
    }
    std::fs::write(&html_path, html).map_err(|e| e.to_string())
}

pub fn server_binary() -> Result<std::path::PathBuf> {
    heading("build: sijil server");
    sh(cmd("cargo").args(["build", "--quiet", "-p", "sijil-server"]))?;
    Ok(root().join("target/debug/sijil"))
}

/// Starts `sijil serve` on `addr` with the given report store; the caller owns the child.
pub fn start_server(addr: &str, store: &std::path::Path, extra: &[&str]) -> Result<Child> {
    let bin = server_binary()?;
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
    let mut child = start_server(&addr, &root().join("var/reports"), &[])?;
    eprintln!("\nOpen http://{addr}/ (Ctrl-C to stop)");
    child.wait().map_err(|e| e.to_string())?;
    Ok(())
}
