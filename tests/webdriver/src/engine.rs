//! The two engines and how to start them: WebKit is Debian's WebKitGTK `MiniBrowser` driven by
//! `WebKitWebDriver` on an Xvfb display of its own; Firefox is Debian's `firefox-esr`, headless,
//! driven by `geckodriver` (crates.io). Every process started here is killed when its `Driver`
//! is dropped. Drivers and displays take free ports and display numbers, so two runs never meet.

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    WebKit,
    Firefox,
}

pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

impl Engine {
    pub const ALL: [Engine; 2] = [Engine::WebKit, Engine::Firefox];

    pub fn name(self) -> &'static str {
        match self {
            Engine::WebKit => "webkit",
            Engine::Firefox => "firefox",
        }
    }

    pub fn parse(s: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.name() == s)
    }
}

/// A running driver (and, for WebKit, its X display): killed on drop.
pub struct Driver {
    pub engine: Engine,
    url: String,
    children: Vec<Child>,
    /// Where Firefox saves downloads (WebKit's automation sessions keep them in memory).
    pub downloads: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        for c in self.children.iter_mut().rev() {
            let _ = c.start_kill();
        }
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// `program` from PATH or cargo's bin folder (geckodriver is `cargo install`ed).
fn find(program: &str) -> Option<PathBuf> {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|p| p.join("bin"));
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(cargo_bin)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

impl Driver {
    pub async fn start(engine: Engine, scratch: &Path) -> Result<Driver, String> {
        let port = free_port()?;
        let downloads = scratch.join(format!("downloads-{}", engine.name()));
        std::fs::create_dir_all(&downloads).map_err(|e| e.to_string())?;
        let mut children = Vec::new();
        match engine {
            Engine::WebKit => {
                let display = start_xvfb(&mut children).await?;
                let bin = find("WebKitWebDriver")
                    .ok_or("WebKitWebDriver is not installed (cargo xtask setup)")?;
                children.push(
                    Command::new(bin)
                        .arg(format!("--port={port}"))
                        .env("DISPLAY", &display)
                        // No accessibility bus on a test machine; without this GTK waits for one.
                        .env("NO_AT_BRIDGE", "1")
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .kill_on_drop(true)
                        .spawn()
                        .map_err(|e| format!("WebKitWebDriver: {e}"))?,
                );
            }
            Engine::Firefox => {
                let bin = find("geckodriver")
                    .ok_or("geckodriver is not installed (cargo xtask setup)")?;
                children.push(
                    Command::new(bin)
                        .args(["--port", &port.to_string(), "--log", "fatal"])
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .kill_on_drop(true)
                        .spawn()
                        .map_err(|e| format!("geckodriver: {e}"))?,
                );
            }
        }
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Ok(Driver {
                    engine,
                    url,
                    children,
                    downloads,
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{} driver did not listen on {url}", engine.name()))
    }

    /// A new browser session (a fresh profile: no storage, no service worker, no cache).
    pub async fn session(&self) -> Result<Client, String> {
        let mut caps = Map::new();
        match self.engine {
            Engine::WebKit => {
                caps.insert("browserName".into(), json!("MiniBrowser"));
                caps.insert(
                    "webkitgtk:browserOptions".into(),
                    json!({ "binary": MINIBROWSER, "args": ["--automation"] }),
                );
            }
            Engine::Firefox => {
                caps.insert("browserName".into(), json!("firefox"));
                caps.insert(
                    "moz:firefoxOptions".into(),
                    json!({
                        "binary": "/usr/bin/firefox-esr",
                        "args": ["-headless"],
                        "prefs": firefox_prefs(&self.downloads),
                    }),
                );
            }
        }
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let connect = builder.connect(&self.url);
        let client = tokio::time::timeout(Duration::from_secs(60), connect)
            .await
            .map_err(|_| format!("{} session: no answer in 60 s", self.engine.name()))?
            .map_err(|e| format!("{} session: {e}", self.engine.name()))?;
        Ok(client)
    }
}

/// Firefox on a closed network: no updates, telemetry, safe-browsing lists or captive-portal
/// checks (each would be a request to another host), and downloads saved without a dialog.
fn firefox_prefs(downloads: &Path) -> Value {
    json!({
        "app.update.disabledForTesting": true,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
        "browser.safebrowsing.downloads.enabled": false,
        "browser.safebrowsing.blockedURIs.enabled": false,
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
        "browser.newtabpage.enabled": false,
        "extensions.update.enabled": false,
        "browser.download.folderList": 2,
        "browser.download.dir": downloads.to_string_lossy(),
        "browser.download.useDownloadDir": true,
        "browser.download.always_ask_before_handling_new_types": false,
        "browser.helperApps.neverAsk.saveToDisk": "text/csv,image/svg+xml,image/png",
        "browser.download.alwaysOpenPanel": false,
    })
}

/// Xvfb on a display number of its choosing (`-displayfd` writes it to our pipe).
async fn start_xvfb(children: &mut Vec<Child>) -> Result<String, String> {
    use tokio::io::AsyncReadExt;
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x1024x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("Xvfb is not installed (cargo xtask setup): {e}"))?;
    let mut out = xvfb.stdout.take().expect("piped");
    children.push(xvfb);
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    let read = async {
        while out.read(&mut byte).await.map_err(|e| e.to_string())? == 1 {
            if byte[0] == b'\n' {
                break;
            }
            buf.push(byte[0]);
        }
        Ok::<_, String>(())
    };
    tokio::time::timeout(Duration::from_secs(20), read)
        .await
        .map_err(|_| "Xvfb did not start".to_string())??;
    let n = String::from_utf8_lossy(&buf).trim().to_owned();
    if n.is_empty() {
        return Err("Xvfb did not say its display".into());
    }
    Ok(format!(":{n}"))
}
