//! Command-line options of the `sijil` tool, parsed without a framework.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Each command's usage (its synopsis and what it does), as `--help` prints it.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        "serve",
        "  sijil serve [--addr 127.0.0.1:8080] [--dist dist] [--config FILE] [--feed FILE] [--store URL]
              [--origin https://SITE] [--allow-origin ORIGIN]... [--trust-proxy IP]
              [--rate-per-minute N] [--quota-mb N] [--attachment-mb N]
      Serve the built app, the feed and the config, and receive encrypted reports.
      --store: a directory or file:///… (default var/reports) or s3://BUCKET/PREFIX (configured by
      AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ALLOW_HTTP).
      --origin: the site's public origin (for CORS; default http://ADDR). --trust-proxy: the
      reverse proxy whose X-Forwarded-For names the client (for rate limits). --attachment-mb:
      the largest attachment a report may carry (default 100; resumable uploads, tus 1.0).",
    ),
    (
        "feed check",
        "  sijil feed check FILE|URL|- [--lang ar|en]
      Check a statistics feed (v1) as the widgets will read it: errors, warnings, summary.
      Exit 0: accepted (warnings allowed); 1: rejected; 2: could not be read.",
    ),
    (
        "publish",
        "  sijil publish --feed FILE --out DIR [--dist dist] [--config FILE] [--origin URL]
      Write the built app to DIR as static files for any web host: the feed at the config's
      feed path, and each widget page's default view with the widget in its HTML for readers
      without JavaScript, in the default language (widget/PAGE/) and the other (widget/PAGE/LANG/).
      With --origin (the address the site will have, e.g. https://stats.example.org), each view
      that draws a chart gets its share card (card.png beside its page, named by og:image).",
    ),
    (
        "keygen",
        "  sijil keygen [--out key.txt]
      Create the organization's age identity (file mode 0600, never overwritten) and print its
      public recipient (age1…) for `age_recipients` in config.json.",
    ),
    (
        "export",
        "  sijil export --identity key.txt --store URL --out OUTDIR [--today YYYY-MM-DD] [--config FILE]
      Decrypt every stored report, check it again with the form's rules and write
      OUTDIR/reports.json and OUTDIR/reports.csv (each choice id followed by its Arabic and
      English labels; party labels need --config). Files that fail are named on stderr (exit 1).",
    ),
    (
        "store check",
        "  sijil store check --store URL [--identity key.txt]
      List what the store holds and name every object that is not a well-formed age file named
      by a report id; with an identity, also decrypt each. Never deletes anything (exit 1 if any
      object is named).",
    ),
    (
        "card",
        "  sijil card PICTURE.svg --out card.png [--fonts DIR]
      Turn a chart picture (the SVG a widget's download gives) into a 1200×630 PNG share card,
      Arabic shaped and right to left. Fonts: Noto Sans and Noto Sans Arabic, regular and bold,
      from DIR (default /usr/share/fonts/truetype/noto: Debian's fonts-noto-core).",
    ),
];

/// The whole usage: every command.
pub fn usage() -> String {
    let mut out = String::from("usage:");
    for (_, text) in COMMANDS {
        out.push('\n');
        out.push_str(text);
    }
    out
}

/// The usage of one command (`serve`, `feed check`, …), or the whole usage for another name.
pub fn usage_of(command: &str) -> String {
    match COMMANDS.iter().find(|(name, _)| *name == command) {
        Some((_, text)) => format!("usage:\n{text}"),
        None => usage(),
    }
}

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub dist: PathBuf,
    /// Runtime config served at `/config.json`; defaults to the copy inside `dist`.
    pub config: Option<PathBuf>,
    /// Feed file served at `/data/feed.json`; defaults to the sample inside `dist`.
    pub feed: Option<PathBuf>,
    /// A directory, `file:///…` or `s3://BUCKET/PREFIX` (see [`crate::store`]).
    pub store: String,
    /// The site's own public origin; CORS never trusts the `Host` header for it.
    pub origin: Option<String>,
    /// The reverse proxy whose `X-Forwarded-For` names the client.
    pub trust_proxy: Option<IpAddr>,
    /// Bytes of reports the store may hold before the intake answers 507.
    pub quota_bytes: Option<u64>,
    /// Origins allowed to POST reports from another site (CORS). The app's own origin always is.
    pub allow_origins: Vec<String>,
    /// Requests per minute per client before 429.
    pub rate_per_minute: u32,
    /// Largest sealed attachment accepted (`--attachment-mb`, of plaintext; the age overhead
    /// is added): [`crate::uploads`].
    pub attachment_bytes: u64,
}

impl ServeOptions {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut o = ServeOptions {
            addr: "127.0.0.1:8080".parse().expect("valid literal"),
            dist: PathBuf::from("dist"),
            config: None,
            feed: None,
            store: "var/reports".into(),
            origin: None,
            trust_proxy: None,
            quota_bytes: None,
            allow_origins: Vec::new(),
            rate_per_minute: 30,
            attachment_bytes: attachment_cap(100),
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || flag_value(flag, &mut it);
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
                "--store" => o.store = value()?,
                "--origin" => o.origin = Some(value()?.trim_end_matches('/').to_owned()),
                "--trust-proxy" => {
                    let v = value()?;
                    o.trust_proxy = Some(
                        v.parse()
                            .map_err(|_| format!("--trust-proxy: `{v}` is not an IP"))?,
                    );
                }
                "--quota-mb" => {
                    let v = value()?;
                    let mb: u64 = v
                        .parse()
                        .map_err(|_| format!("--quota-mb: `{v}` is not a number"))?;
                    o.quota_bytes = Some(mb * 1024 * 1024);
                }
                "--allow-origin" => o.allow_origins.push(value()?),
                "--attachment-mb" => {
                    let v = value()?;
                    let mb = v
                        .parse()
                        .ok()
                        .filter(|n| (1..=4096).contains(n))
                        .ok_or_else(|| {
                            format!("--attachment-mb: `{v}` is not a number from 1 to 4096")
                        })?;
                    o.attachment_bytes = attachment_cap(mb);
                }
                "--rate-per-minute" => {
                    let v = value()?;
                    o.rate_per_minute = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        format!("--rate-per-minute: `{v}` is not a positive number")
                    })?;
                }
                other => return Err(format!("unknown option `{other}`\n\n{}", usage_of("serve"))),
            }
        }
        Ok(o)
    }
}

/// The sealed size of an attachment of `mb` MiB of plaintext (age adds a header and 16 bytes
/// per 64 KiB).
fn attachment_cap(mb: u64) -> u64 {
    sijil_report::age::sealed_len(crate::uploads::HEADER_ALLOWANCE, mb * 1024 * 1024)
}

/// The value after `flag` on the command line, or the message naming the flag that lacks one.
pub fn flag_value(flag: &str, it: &mut std::slice::Iter<'_, String>) -> Result<String, String> {
    it.next()
        .cloned()
        .ok_or_else(|| format!("{flag} needs a value"))
}
