//! The bench's side-by-side rows: a Sijil widget against the same chart drawn by Chart.js and
//! against a page that merely fetches the feed, in one Chromium run (`tests/bench/reference.cjs`
//! says how it measures).
//!
//! The reference pages are not part of the app: they are served from a copy of `dist/` made of
//! hard links (`target/bench-dist/`), with `reference/` added: the two pages of
//! `tests/bench/reference/` and Chart.js from the npm registry (`node_modules/chart.js`, pinned in
//! package.json), compressed as the build compresses the app's files, so that both sides are
//! sent brotli-compressed by the same server.

use crate::sizes::measure;
use crate::util::{cmd, heading, root, Result};
use std::fs;
use std::path::Path;

/// Targets from the first-paint issue: Sijil's chart visible in at most half Chart.js's time,
/// and interactive (its keyboard marks working) no later than Chart.js's chart is visible.
const VISIBLE_RATIO: f64 = 0.5;
const INTERACTIVE_RATIO: f64 = 1.0;

/// A hard-linked copy of `dist` with the reference pages added; returns its path.
fn bench_dist() -> Result<std::path::PathBuf> {
    let dir = root().join("target/bench-dist");
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::util::sh(cmd("cp").arg("-al").arg(root().join("dist")).arg(&dir))?;
    let out = dir.join("reference");
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let chartjs = root().join("node_modules/chart.js/dist/chart.umd.min.js");
    let pages = root().join("tests/bench/reference");
    let mut files = vec![chartjs];
    for entry in fs::read_dir(&pages).map_err(|e| format!("{}: {e}", pages.display()))? {
        files.push(entry.map_err(|e| e.to_string())?.path());
    }
    for file in files {
        let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let (_, gz, br) = measure(&bytes);
        for (suffix, data) in [("", &bytes), (".gz", &gz), (".br", &br)] {
            fs::write(out.join(format!("{name}{suffix}")), data).map_err(|e| e.to_string())?;
        }
    }
    Ok(dir)
}

/// Runs the side-by-side measurement and prints its rows with `row` (the bench table's).
pub fn run(row: crate::load::Row) -> Result {
    heading("bench: side by side with Chart.js (slow 4G, 4x CPU, phone, empty cache)");
    let dist = bench_dist()?;
    let addr = crate::test::free_addr()?;
    let store = std::env::temp_dir().join("sijil-bench-ref-store");
    let dist_arg = dist.to_str().unwrap_or_default().to_owned();
    let mut server = crate::build::start_server(&addr, &store, &["--dist", &dist_arg], false)?;
    let out = crate::util::output(
        cmd("node")
            .arg("tests/bench/reference.cjs")
            .env("SIJIL_BASE_URL", format!("http://{addr}")),
    );
    let _ = server.kill();
    let _ = server.wait();
    let _ = fs::remove_dir_all(Path::new(&dist));
    let out = out.ok_or("the side-by-side benchmark failed")?;
    let json = out.lines().last().unwrap_or_default();
    let num = |k: &str| -> Option<f64> {
        let i = json.find(&format!("\"{k}\":"))? + k.len() + 3;
        json[i..].split([',', '}']).next()?.parse().ok()
    };
    let ms = |k: &str| match (num(k), num(&format!("{k}_min")), num(&format!("{k}_max"))) {
        (Some(m), Some(lo), Some(hi)) => format!("{m:.0} ms ({lo:.0}–{hi:.0})"),
        _ => "not measured".into(),
    };
    let kb = |k: &str| match num(k) {
        Some(b) => format!("{:.1} KB", b / 1024.0),
        None => "not measured".into(),
    };
    row(
        "page that only fetches the feed: its line on screen (navigation to paint)",
        ms("fetch_visible"),
        "-",
        None,
    );
    for (name, what) in [
        ("parties", "party chart, 2021-02"),
        ("trend", "trend chart, all months"),
    ] {
        let get = |side: &str| num(&format!("{name}_{side}"));
        let (sijil, chartjs, fetch) = (
            get("sijil_visible"),
            get("chartjs_visible"),
            num("fetch_visible"),
        );
        row(
            &format!("{what}: Chart.js page, chart visible"),
            ms(&format!("{name}_chartjs_visible")),
            "-",
            None,
        );
        let ratio = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a / b);
        row(
            &format!("{what}: Sijil widget, chart visible"),
            ms(&format!("{name}_sijil_visible")),
            "-",
            None,
        );
        let r = ratio(sijil, chartjs);
        row(
            "  Sijil visible / Chart.js visible",
            r.map_or("not measured".into(), |r| format!("{r:.2}×")),
            &format!("{VISIBLE_RATIO}×"),
            r.map(|r| r <= VISIBLE_RATIO),
        );
        let r = ratio(sijil, fetch);
        row(
            "  Sijil visible / feed merely fetched",
            r.map_or("not measured".into(), |r| format!("{r:.2}×")),
            "1×",
            r.map(|r| r < 1.0),
        );
        row(
            &format!("{what}: Sijil widget, taken over (keyboard marks working)"),
            ms(&format!("{name}_sijil_interactive")),
            "-",
            None,
        );
        let r = ratio(get("sijil_interactive"), chartjs);
        row(
            "  Sijil taken over / Chart.js visible",
            r.map_or("not measured".into(), |r| format!("{r:.2}×")),
            &format!("{INTERACTIVE_RATIO}×"),
            r.map(|r| r <= INTERACTIVE_RATIO),
        );
        row(
            &format!("{what}: bytes transferred, Sijil / Chart.js page"),
            format!(
                "{} / {}",
                kb(&format!("{name}_sijil_bytes")),
                kb(&format!("{name}_chartjs_bytes"))
            ),
            "-",
            None,
        );
    }
    Ok(())
}
