//! The real `sijil serve` (the binary `cargo xtask test` built, with the release app in `dist/`)
//! on a port of its own with an empty report store, told that its public origin is the proxy's
//! (the browser's `Origin` on a report is the proxy's). Its config is the shipped one with the
//! quick-exit address pointed at the host server's neutral page: the machine has no internet,
//! and the journey must see the browser arrive somewhere.

use crate::host::Host;
use crate::page::Result;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Server {
    pub url: String,
    pub store: PathBuf,
    _child: Child,
}

impl Server {
    pub async fn start(root: &Path, scratch: &Path, origin: &str, host: &Host) -> Result<Server> {
        let bin = std::env::var_os("SIJIL_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target/debug/sijil"));
        let dist = std::env::var_os("SIJIL_DIST")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("dist"));
        let store = scratch.join("store");
        std::fs::create_dir_all(&store).map_err(|e| e.to_string())?;
        let shipped = std::fs::read_to_string(dist.join("config.json"))
            .map_err(|e| format!("{}: {e} (run cargo xtask build)", dist.display()))?;
        let mut config: serde_json::Value =
            serde_json::from_str(&shipped).map_err(|e| e.to_string())?;
        config["quick_exit_url"] = format!("{}/neutral", host.other_site).into();
        let config_file = scratch.join("config.json");
        std::fs::write(&config_file, config.to_string()).map_err(|e| e.to_string())?;
        let mut child = Command::new(&bin)
            .arg("serve")
            .args(["--addr", "127.0.0.1:0", "--origin", origin, "--dist"])
            .arg(&dist)
            .arg("--store")
            .arg(&store)
            .arg("--config")
            .arg(&config_file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let url = loop {
            let line = lines
                .next_line()
                .await
                .map_err(|e| e.to_string())?
                .ok_or("sijil serve exited before saying its address")?;
            if let Some(rest) = line.split("served at ").nth(1) {
                break rest.trim().trim_end_matches('/').to_owned();
            }
        };
        // Keep reading its output so a full pipe never blocks it.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Server {
            url,
            store,
            _child: child,
        })
    }

    /// The reports in the store (`*.age`).
    pub fn reports(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.store)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "age"))
            .collect()
    }
}
