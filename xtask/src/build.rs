//! The release build (Trunk, offline, with our pinned tools) and `serve`.

use crate::sizes;
use crate::util::{cmd, heading, root, sh, Result};
use std::process::Child;

/// The app's pages: Trunk entry, and the folder of `dist/` it is built into (its URL path).
/// Each widget page is its own binary, so an embed downloads one chart type's code.
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
    }
    sizes::compress_and_report(&root().join("dist"))
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
