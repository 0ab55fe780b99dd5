//! `sijil feed check FILE|URL [--lang ar|en]`: the publisher's feed checker.
//!
//! Reads a feed from a file, standard input (`-`) or an `http(s)` URL, runs the same reader the
//! widgets use (`sijil_core::feed::check_feed`), and prints every error and warning with its
//! path, month and numbers, then a one-line summary. Exit status: 0 when the feed is accepted
//! (warnings do not fail it: real figures do not always add up), 1 when it is rejected, 2 when it
//! could not be read at all (usage, missing file, network).
//!
//! Downloads stop at the reader's own size limit, so a huge or endless response costs at most
//! 5 MiB. Messages come from core in Arabic or English; only the few words of the report frame
//! (labels, summary) live here.

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use sijil_core::feed::{check_feed, fill, ErrorKind, Feed, FeedError, MAX_FEED_BYTES};
use sijil_core::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// A path, `-` for standard input, or an `http://`/`https://` URL.
    pub source: String,
    pub lang: Lang,
}

impl CheckOptions {
    /// `--lang` wins; otherwise the language of `LANG` if it is Arabic or English; else English,
    /// which every terminal can lay out (Arabic needs a bidi-aware one).
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut source = None;
        let mut lang = std::env::var("LANG").ok().and_then(|l| Lang::parse(&l));
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--lang" => {
                    let v = it.next().ok_or("--lang needs a value: ar or en")?;
                    lang = Some(
                        Lang::parse(v).ok_or_else(|| format!("--lang: `{v}` is not ar or en"))?,
                    );
                }
                flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
                _ if source.is_some() => return Err(format!("unexpected argument `{arg}`")),
                _ => source = Some(arg.clone()),
            }
        }
        Ok(CheckOptions {
            source: source.ok_or("feed check needs a FILE or URL")?,
            lang: lang.unwrap_or(Lang::En),
        })
    }
}

/// Runs `sijil feed check`; `Err` is for "could not read", which the caller exits 2 on.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let opts = CheckOptions::parse(args)?;
    let (report, accepted) = match read_source(&opts.source)? {
        Fetched::Bytes(bytes) => report(&bytes, opts.lang),
        Fetched::TooLarge(Some(bytes)) => {
            let kind = ErrorKind::TooLarge {
                bytes,
                max: MAX_FEED_BYTES,
            };
            (
                render(
                    Err(vec![FeedError {
                        path: String::new(),
                        kind,
                    }]),
                    opts.lang,
                ),
                false,
            )
        }
        // The size is unknown when a download or standard input ran past the limit.
        Fetched::TooLarge(None) => {
            let max = MAX_FEED_BYTES;
            let t = CheckText::get(opts.lang);
            let report = fill(t.stopped, &[&max, &max]) + &fill(t.rejected_one, &[&1]);
            (report, false)
        }
    };
    print!("{report}");
    Ok(if accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The printed report for a document, and whether it was accepted.
pub fn report(bytes: &[u8], lang: Lang) -> (String, bool) {
    let result = check_feed(bytes);
    let accepted = result.is_ok();
    (render(result, lang), accepted)
}

sijil_core::texts! {
    /// The checker's report: a line per warning or error, then the verdict.
    CheckText;
    warning: "warning: {} [{}]\n", "تحذير: {} [{}]\n";
    error: "error: {}\n", "خطأ: {}\n";
    range: " ({} to {})", " (من {} إلى {})";
    ok: "ok: {} months{}, {} parties, {} warnings\n", "مقبول: عدد الأشهر {}{}، عدد الجهات {}، عدد التحذيرات {}\n";
    rejected_one: "rejected: {} error\n", "مرفوض: عدد الأخطاء {}\n";
    rejected: "rejected: {} errors\n", "مرفوض: عدد الأخطاء {}\n";
    /// Said when a download or standard input ran past the limit (its size is unknown).
    stopped: "error: more than {} bytes, over the limit of {} bytes: stopped reading\n", "خطأ: أكثر من {} بايت، وهو أكبر من الحد المسموح ({} بايت): توقفت القراءة\n";
}

fn render(result: Result<Feed, Vec<FeedError>>, lang: Lang) -> String {
    let t = CheckText::get(lang);
    let mut out = String::new();
    match result {
        Ok(feed) => {
            for w in feed.warnings() {
                out += &fill(t.warning, &[&w.message(lang), &w.path]);
            }
            let range = match feed.range() {
                Some((a, b)) => fill(t.range, &[&a, &b]),
                None => String::new(),
            };
            let (months, parties) = (feed.months().len(), feed.parties().len());
            out += &fill(t.ok, &[&months, &range, &parties, &feed.warnings().len()]);
        }
        Err(errors) => {
            for e in &errors {
                out += &fill(t.error, &[&e.message(lang)]);
            }
            let n = errors.len();
            out += &fill(if n == 1 { t.rejected_one } else { t.rejected }, &[&n]);
        }
    }
    out
}

enum Fetched {
    Bytes(Vec<u8>),
    /// Over the limit; the size when it was known before reading.
    TooLarge(Option<usize>),
}

fn read_source(source: &str) -> Result<Fetched, String> {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return fetch(source);
    }
    let limited = |reader: &mut dyn Read| -> Result<Fetched, String> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_FEED_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{source}: {e}"))?;
        Ok(if bytes.len() > MAX_FEED_BYTES {
            Fetched::TooLarge(None)
        } else {
            Fetched::Bytes(bytes)
        })
    };
    if source == "-" {
        return limited(&mut std::io::stdin().lock());
    }
    let mut file = std::fs::File::open(source).map_err(|e| format!("{source}: {e}"))?;
    let size = file.metadata().map_err(|e| format!("{source}: {e}"))?.len();
    if size > MAX_FEED_BYTES as u64 {
        return Ok(Fetched::TooLarge(usize::try_from(size).ok()));
    }
    limited(&mut file)
}

fn fetch(url: &str) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .user_agent(concat!("sijil-feed-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{url}: HTTP {status}"));
    }
    let body = response.body_mut();
    if let Some(len) = body.content_length().filter(|&l| l > MAX_FEED_BYTES as u64) {
        return Ok(Fetched::TooLarge(usize::try_from(len).ok()));
    }
    match body
        .with_config()
        .limit(MAX_FEED_BYTES as u64)
        .read_to_vec()
    {
        Ok(bytes) => Ok(Fetched::Bytes(bytes)),
        Err(ureq::Error::BodyExceedsLimit(_)) => Ok(Fetched::TooLarge(None)),
        Err(e) => Err(format!("{url}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_take_one_source_and_a_language() {
        let o = CheckOptions::parse(&args(&["feed.json", "--lang", "ar"])).unwrap();
        assert_eq!((o.source.as_str(), o.lang), ("feed.json", Lang::Ar));
        assert!(CheckOptions::parse(&args(&[])).is_err());
        assert!(CheckOptions::parse(&args(&["a", "b"])).is_err());
        assert!(CheckOptions::parse(&args(&["a", "--lang", "fr"])).is_err());
        assert!(CheckOptions::parse(&args(&["a", "--verbose"])).is_err());
    }

    #[test]
    fn rejected_feeds_list_errors_then_a_summary() {
        let (text, ok) = report(b"{\"format\": \"x\"}", Lang::En);
        assert!(!ok);
        assert_eq!(text, "error: format: format is \"x\", expected \"sijil-monthly-tallies\"\nrejected: 1 error\n");
        let (text, _) = report(b"[", Lang::Ar);
        assert!(
            text.starts_with("خطأ: ") && text.ends_with("مرفوض: عدد الأخطاء 1\n"),
            "{text}"
        );
        let two = || {
            let e = |path: &str| FeedError {
                path: path.into(),
                kind: ErrorKind::Missing,
            };
            Err(vec![e("a"), e("b")])
        };
        assert!(render(two(), Lang::En).ends_with("\nrejected: 2 errors\n"));
        assert!(render(two(), Lang::Ar).ends_with("\nمرفوض: عدد الأخطاء 2\n"));
    }
}
