//! `cargo xtask bench`: the performance budgets, measured and printed as a table.
//!
//! - transfer sizes: brotli bytes of each page's wasm+JS+CSS (as the server sends them) and of
//!   the 42-month sample feed; plus what an embedded widget view actually transferred in Chromium;
//! - render times in headless Chromium at 4× CPU throttling, for a synthetic feed at the sizes the
//!   budgets name (180 months; 40 parties). A page load is measured as the main thread's tasks,
//!   read from a DevTools trace of each load (`tests/bench/bench.cjs`, `renderTime`), so every
//!   task a reader's input could wait on is counted, however the app splits its work: the
//!   longest task before the first render that runs the app's code (the wasm's start, the
//!   page's render, its feed read; the browser's own tasks before it, its navigation, the
//!   HTML's parse and the server's widget laid out, are a row of their own, without a
//!   budget), the longest task of the first render (the app's widget built hidden beside the
//!   server's, in steps: the page's controls, the view and summary, the frame, then the
//!   chart's drawing and DOM; each step's frame styles and lays out what it added), the
//!   swap (the longer of its task, the server's widget out and the app's shown, and the frame
//!   after it, which only paints), and the longest task of the second after that (effects,
//!   the config, the network's copy of the feed and its cache on the device, the keyboard
//!   marks). The page loads are measured again with the real feed (the shipped config's SNHR
//!   2019–2022 sample, 48 months, on a second server): the budget's sizes are ten times any real
//!   feed, and the page's feed is read in steps of about 32 KB (see `src/feed_state.rs`). The
//!   interactions (a new range, expanding, table to chart) are timed in the page, from the
//!   event until the DOM is laid out, and so is the longest of the tasks that mount their
//!   keyboard marks (in parts) after the paint;
//! - the form on a relative's line (400 kbit/s, 400 ms round trips, 4× CPU, empty cache, CDP
//!   network emulation): the HTML's shell on screen (first contentful paint) and the first
//!   question usable, from navigation start;
//!
//! - the intake under load and abuse ([`crate::load`]): slow clients, reports per second with
//!   the file and the S3 store, a widget page at 64 clients.
//!
//! Budgets are reported, not asserted: a number over budget prints `OVER` and the run still ends
//! normally, so the table is always complete.

use crate::build;
use crate::sizes::{brotli_bytes, BUDGETS};
use crate::util::{cmd, heading, root, Result};
use std::fs;

/// A feed with `months` consecutive months from 2011-01 and `parties` parties (the last 10 of
/// them sub-parties of "other"), every section filled, for the render benchmarks.
pub fn synthetic_feed(months: usize, parties: usize) -> String {
    let mut ps = Vec::new();
    for i in 0..parties {
        let parent = if i + 10 >= parties && i > 0 {
            ",\"parent\":\"p0\""
        } else {
            ""
        };
        ps.push(format!(
            "{{\"id\":\"p{i}\",\"name\":{{\"en\":\"Party {i}\",\"ar\":\"جهة {i}\"}}{parent}}}"
        ));
    }
    let mut ms = Vec::new();
    for k in 0..months {
        let (y, m) = (2011 + k / 12, k % 12 + 1);
        let by_party: Vec<String> = (0..parties)
            .map(|i| {
                format!(
                    "{{\"party\":\"p{i}\",\"total\":{},\"children\":1,\"women\":1}}",
                    3 + (i * 7 + k) % 40
                )
            })
            .collect();
        let govs: Vec<String> = (1..=14)
            .map(|g| {
                format!(
                    "{{\"governorate\":\"SY{g:02}\",\"total\":{}}}",
                    (g * 5 + k) % 30
                )
            })
            .collect();
        ms.push(format!(
            "{{\"month\":\"{y:04}-{m:02}\",\"civilians\":{{\"total\":{},\"children\":{},\"women\":{}}},\"by_party\":[{}],\"by_governorate\":[{}],\"torture\":{{\"total\":{}}},\"massacres\":{{\"count\":{}}}}}",
            1000 + k * 3, 100 + k % 50, 80 + k % 30, by_party.join(","), govs.join(","), 10 + k % 20, k % 6
        ));
    }
    format!(
        "{{\"format\":\"sijil-monthly-tallies\",\"version\":1,\"publisher\":{{\"name\":{{\"en\":\"Benchmark\"}}}},\"updated\":\"2026-01-01\",\"parties\":[{}],\"months\":[{}]}}",
        ps.join(","),
        ms.join(",")
    )
}

fn row(name: &str, value: String, budget: &str, ok: Option<bool>) {
    let verdict = match ok {
        Some(true) => "ok",
        Some(false) => "OVER",
        None => "-",
    };
    line(name, &value, budget, verdict);
}

/// One line of the table (the header too), so its columns are set in one place.
fn line(name: &str, value: &str, budget: &str, verdict: &str) {
    println!("{name:<96} {value:>24} {budget:>10} {verdict:>6}");
}

/// `cargo xtask bench [widgets]`: every row, or (`widgets`) only the sizes and the widgets'
/// render times (no form rows, no intake rows: a quicker loop while working on the widgets).
pub fn run(args: &[String]) -> Result {
    let widgets_only = args.first().map(String::as_str) == Some("widgets");
    let dist = root().join("dist");
    heading("bench: synthetic feed (180 months, 40 parties)");
    fs::write(dist.join("data/bench-feed.json"), synthetic_feed(180, 40))
        .map_err(|e| e.to_string())?;
    let config = std::env::temp_dir().join("sijil-bench-config.json");
    // The shipped config (the form needs its recipients and parties), pointed at the big feed.
    let shipped = fs::read_to_string(dist.join("config.json")).map_err(|e| e.to_string())?;
    fs::write(
        &config,
        shipped.replace("\"/data/feed.json\"", "\"/data/bench-feed.json\""),
    )
    .map_err(|e| e.to_string())?;
    let addr = crate::test::free_addr()?;
    let store = std::env::temp_dir().join("sijil-bench-store");
    let mut server = build::start_server(
        &addr,
        &store,
        &["--config", config.to_str().unwrap_or_default()],
        false,
    )?;
    // A second server with the shipped config: its feed is the real one (SNHR 2019–2022, 48
    // months), for the rows that say what a reader of a real feed waits for.
    let real_addr = crate::test::free_addr()?;
    let mut real = build::start_server(
        &real_addr,
        &std::env::temp_dir().join("sijil-bench-store-real"),
        &[],
        false,
    )?;
    heading("bench: headless Chromium, 4x CPU throttling");
    let out = crate::util::output(
        cmd("node")
            .arg("tests/bench/bench.cjs")
            .env("SIJIL_BASE_URL", format!("http://{addr}"))
            .env("SIJIL_REAL_URL", format!("http://{real_addr}"))
            .env(
                "SIJIL_BENCH_ONLY",
                if widgets_only { "widgets" } else { "" },
            ),
    );
    for s in [&mut server, &mut real] {
        let _ = s.kill();
        let _ = s.wait();
    }
    let out = out.ok_or("the browser benchmark failed")?;
    let json = out.lines().last().unwrap_or_default();
    let num = |k: &str| -> Option<f64> {
        let i = json.find(&format!("\"{k}\":"))? + k.len() + 3;
        json[i..].split([',', '}']).next()?.parse().ok()
    };
    println!();
    line("measure", "value", "budget", "");
    // KB are 1024 bytes; the exact byte count follows, for readers who count 1000.
    let kb = |b: usize| format!("{:.1} KB ({b} B)", b as f64 / 1024.0);
    // The size budgets are the gate's (`sizes::BUDGETS`), in brotli bytes as the server sends them.
    for b in &BUDGETS {
        let size = brotli_bytes(&dist, b.path)?;
        row(
            &format!("{} (brotli)", b.name),
            kb(size),
            &format!("{} KB", b.bytes / 1024),
            Some(size <= b.bytes),
        );
        let page = b.path.strip_prefix("widget/");
        if let Some(t) = page.and_then(|p| num(&format!("widget_transfer_{p}"))) {
            row(
                &format!(
                    "  embedded /{}/ view, wasm+js+css bodies transferred in Chromium",
                    b.path
                ),
                kb(t as usize),
                &format!("{} KB", b.bytes / 1024),
                Some(t <= b.bytes as f64),
            );
        }
    }
    let timings = [
        (
            "trend_180_before_ms",
            "trend chart, page load until its first render: the app's longest task (wasm start, page render, feed read), 4x",
            16.0,
        ),
        (
            "trend_180_browser_ms",
            "  beside them, the browser's own longest task (navigation, HTML, the server's widget laid out; Playwright), 4x",
            f64::INFINITY,
        ),
        (
            "trend_180_ms",
            "trend chart, first render: longest of its tasks (page, range control; view, summary; frame; chart: drawing, DOM), 180 months, 4x",
            16.0,
        ),
        (
            "trend_180_takeover_ms",
            "  then the swap with the server's widget: its task or the frame after it (style, layout), 4x",
            16.0,
        ),
        (
            "trend_180_after_ms",
            "  then the second after that frame: longest task (effects, config, the feed's cache, marks), 4x",
            16.0,
        ),
        (
            "trend_real_before_ms",
            "trend chart, the real feed (SNHR 2019-2022, 48 months): page load until its first render: the app's longest task, 4x",
            16.0,
        ),
        (
            "trend_real_browser_ms",
            "  beside them, the browser's own longest task (navigation, HTML, the server's widget laid out; Playwright), 4x",
            f64::INFINITY,
        ),
        (
            "trend_real_ms",
            "  then its first render: longest of its tasks, 4x",
            16.0,
        ),
        (
            "trend_real_after_ms",
            "  then the second after the swap: longest task, 4x",
            16.0,
        ),
        (
            "trend_180_range_ms",
            "trend chart, new range on screen: view, summary, drawing, DOM, layout, 180 months, 4x",
            16.0,
        ),
        (
            "trend_180_range_marks_ms",
            "  then its 180 keyboard marks after the paint, in parts: the longest part's task, 4x",
            16.0,
        ),
        (
            "trend_180_rerender_ms",
            "trend chart, table view back to chart: style, layout, 180 months, 4x",
            16.0,
        ),
        (
            "parties_40_before_ms",
            "party chart, page load until its first render: the app's longest task (wasm start, page render, feed read), 4x",
            16.0,
        ),
        (
            "parties_40_browser_ms",
            "  beside them, the browser's own longest task (navigation, HTML, the server's widget laid out; Playwright), 4x",
            f64::INFINITY,
        ),
        (
            "parties_40_ms",
            "party chart, first render: longest of its tasks (page; view, summary; frame; chart: drawing, DOM), 40 parties, 4x",
            16.0,
        ),
        (
            "parties_40_takeover_ms",
            "  then the swap with the server's widget: its task or the frame after it (style, layout), 4x",
            16.0,
        ),
        (
            "parties_40_after_ms",
            "  then the second after that frame: longest task (effects, config, the feed's cache, marks), 4x",
            16.0,
        ),
        (
            "parties_real_before_ms",
            "party chart, the real feed (SNHR 2019-2022, 48 months): page load until its first render: the app's longest task, 4x",
            16.0,
        ),
        (
            "parties_real_browser_ms",
            "  beside them, the browser's own longest task (navigation, HTML, the server's widget laid out; Playwright), 4x",
            f64::INFINITY,
        ),
        (
            "parties_real_ms",
            "  then its first render: longest of its tasks, 4x",
            16.0,
        ),
        (
            "parties_real_after_ms",
            "  then the second after the swap: longest task, 4x",
            16.0,
        ),
        (
            "parties_40_expand_ms",
            "party chart, expand other parties on screen: drawing, DOM, layout, 40 parties, 4x",
            16.0,
        ),
        (
            "parties_40_expand_marks_ms",
            "  then its 40 keyboard marks after the paint, in parts: the longest part's task, 4x",
            16.0,
        ),
        (
            "parties_40_rerender_ms",
            "party chart, table view back to chart: style, layout, 40 parties, 4x",
            16.0,
        ),
        (
            "form_interactive_ms",
            "form: navigation to interactive first step, 4x",
            2000.0,
        ),
        (
            "form_typing_ms",
            "form: keystroke to validation message, 4x",
            16.0,
        ),
        // A relative's line: 400 kbit/s, 400 ms round trips, 4x CPU, empty cache.
        (
            "form_bad_line_shell_ms",
            "form on 400 kbit/s + 400 ms RTT, 4x: the HTML's shell on screen (first paint)",
            1500.0,
        ),
        (
            "form_bad_line_usable_ms",
            "form on 400 kbit/s + 400 ms RTT, 4x: first question usable",
            6000.0,
        ),
        // Issue 14: a 100 MB video fingerprinted and encrypted into IndexedDB on the phone.
        (
            "form_encrypt_100mb_ms",
            "form: a 100 MB file hashed + encrypted + stored, 4x",
            300_000.0,
        ),
    ];
    for (k, name, budget) in timings {
        if widgets_only && k.starts_with("form_") {
            continue;
        }
        // An infinite budget: a row for information (the browser's own work, say).
        let b = match budget.is_finite() {
            true => format!("{budget} ms"),
            false => "-".to_string(),
        };
        // Page loads also report their fastest and slowest run, after the median.
        let spread = match (num(&format!("{k}_min")), num(&format!("{k}_max"))) {
            (Some(lo), Some(hi)) => format!(" ({lo:.1}–{hi:.1})"),
            _ => String::new(),
        };
        // A first render in several tasks also says how many (of 2 ms or more, median).
        let spread = match num(&format!("{k}_tasks")) {
            Some(n) => format!("{spread}, {n} tasks"),
            None => spread,
        };
        match num(k) {
            Some(ms) => row(
                name,
                format!("{ms:.1} ms{spread}"),
                &b,
                budget.is_finite().then_some(ms <= budget),
            ),
            None => row(name, "not measured".into(), &b, None),
        }
    }
    if widgets_only {
        return Ok(());
    }
    // Peak JS heap + wasm memory while the 100 MB file is encrypted (the bound: 64 MB).
    match num("form_encrypt_100mb_peak_mb") {
        Some(mb) => row(
            "form: peak page memory (JS + wasm) encrypting 100 MB, 4x",
            format!(
                "{mb:.1} MB (max {:.1})",
                num("form_encrypt_100mb_peak_mb_max").unwrap_or(mb)
            ),
            "64 MB",
            Some(mb <= 64.0),
        ),
        None => row(
            "form: peak page memory (JS + wasm) encrypting 100 MB, 4x",
            "not measured".into(),
            "64 MB",
            None,
        ),
    }
    crate::reference::run(&row)?;
    heading("bench: the intake under load and abuse");
    crate::load::run(None, &row)
}

/// `cargo xtask bench reference`: only the side-by-side rows ([`crate::reference`]).
pub fn reference() -> Result {
    line("measure", "value", "budget", "");
    crate::reference::run(&row)
}

/// `cargo xtask bench intake [--bin PATH]`: only the intake's rows, against this build's
/// server or another `sijil` binary (an older build, for comparison).
pub fn intake(args: &[String]) -> Result {
    if !root().join("dist/index.html").exists() {
        build::run()?;
    }
    let bin = args
        .windows(2)
        .find(|w| w[0] == "--bin")
        .map(|w| std::path::PathBuf::from(&w[1]));
    heading("bench: the intake under load and abuse");
    line("measure", "value", "budget", "");
    crate::load::run(bin, &row)
}
