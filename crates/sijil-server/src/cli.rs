//! Command-line options of the `sijil` tool, parsed without a framework.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "\
usage:
  sijil serve [--addr 127.0.0.1:8080] [--dist dist] [--config FILE] [--feed FILE] [--store DIR]
              [--allow-origin ORIGIN]...
      Serve the built app, the feed and the config, and receive encrypted reports.
  sijil feed check FILE|URL|- [--lang ar|en]
      Check a statistics feed (v1) as the widgets will read it: errors, warnings, summary.
      Exit 0: accepted (warnings allowed); 1: rejected; 2: could not be read.
  sijil keygen [--out key.txt]
      Create the organization's age identity (file mode 0600, never overwritten) and print its
      public recipient (age1…) for `age_recipients` in config.json.
  sijil export --identity key.txt --store DIR --out OUTDIR [--today YYYY-MM-DD] [--config FILE]
      Decrypt every stored report, check it again with the form's rules and write
      OUTDIR/reports.json and OUTDIR/reports.csv. Files that fail are named on stderr (exit 1).";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub dist: PathBuf,
    /// Runtime config served at `/config.json`; defaults to the copy inside `dist`.
    pub config: Option<PathBuf>,
    /// Feed file served at `/data/feed.json`; defaults to the sample inside `dist`.
    pub feed: Option<PathBuf>,
    pub store: PathBuf,
    /// Origins allowed to POST reports from another site (CORS). The app's own origin always is.
    pub allow_origins: Vec<String>,
    /// Requests per minute per client before 429.
    pub rate_per_minute: u32,
}

impl ServeOptions {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut o = ServeOptions {
            addr: "127.0.0.1:8080".parse().expect("valid literal"),
            dist: PathBuf::from("dist"),
            config: None,
            feed: None,
            store: PathBuf::from("var/reports"),
            allow_origins: Vec::new(),
            rate_per_minute: 30,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--addr" => {
                    let v = value()?;
                    o.addr = v
                        .parse()
                        .map_err(|_| format!("--addr: `{v}` is not HOST:PORT"))?;
                }
                "--dist" => o.dist = PathBuf::from(value()?),
                "--config" => o.config = Some(PathBuf::from(value()?)),
                "--feed" => o.feed = Some(PathBuf::from(value()?)),
                "--store" => o.store = PathBuf::from(value()?),
                "--allow-origin" => o.allow_origins.push(value()?),
                "--rate-per-minute" => {
                    let v = value()?;
                    o.rate_per_minute = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        format!("--rate-per-minute: `{v}` is not a positive number")
                    })?;
                }
                other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
            }
        }
        Ok(o)
    }
}
