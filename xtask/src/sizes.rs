//! Compresses the built assets (the server sends the `.br`/`.gz` copies to browsers that accept
//! them) and prints what a reader downloads: raw, gzip and brotli bytes per file.
//!
//! Also the size budgets, in one place ([`BUDGETS`]), and the gate that holds them, run at the
//! end of every `cargo xtask build` (so by `cargo xtask test` and `serve` too) and alone by
//! `cargo xtask sizes` ([`gate`]). It fails when a page is over its budget, or when anything
//! measured (every page, the sample feed, the on-demand export module) has grown by more than
//! [`GROWTH`] brotli bytes over its line in the committed sizes file [`SIZES_FILE`] (one
//! `key bytes` line each, so a merge touches only the lines of what changed). A growth is
//! accepted by rewriting that file, `cargo xtask sizes --write`, and committing it with the
//! change. Brotli runs at a fixed quality and window (11, 2^22) from the crate version pinned in
//! `Cargo.lock`, so the same wasm gives the same figures on every machine.

use crate::util::Result;
use std::fs;
use std::io::Write;
use std::path::Path;

pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn measure(bytes: &[u8]) -> (Sizes, Vec<u8>, Vec<u8>) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    let gz = gz.finish().expect("writing to memory");
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    (
        Sizes {
            raw: bytes.len(),
            gzip: gz.len(),
            brotli: br.len(),
        },
        gz,
        br,
    )
}

/// One thing a reader downloads and the most it may weigh, in brotli bytes (as the server sends
/// it). `path` is a folder of `dist/` (a page: its wasm, JS and CSS together, not the HTML) or a
/// file.
pub struct Budget {
    pub name: &'static str,
    pub path: &'static str,
    pub bytes: usize,
}

/// The size budgets. A widget page is what an embed downloads on a phone, often on mobile data:
/// 100 KB (1024 bytes each) of wasm+JS+CSS. The form's budget is larger (it carries the
/// encryption and the validation rules) but a relative on a 400 kbit/s line still waits for
/// every byte.
pub const BUDGETS: [Budget; 6] = [
    Budget {
        name: "widget page /widget/glance/ wasm+js+css",
        path: "widget/glance",
        bytes: 100 * 1024,
    },
    Budget {
        name: "widget page /widget/parties/ wasm+js+css",
        path: "widget/parties",
        bytes: 100 * 1024,
    },
    Budget {
        name: "widget page /widget/governorates/ wasm+js+css",
        path: "widget/governorates",
        bytes: 100 * 1024,
    },
    Budget {
        name: "widget page /widget/series/ wasm+js+css",
        path: "widget/series",
        bytes: 100 * 1024,
    },
    Budget {
        name: "form page /form/ wasm+js+css",
        path: "form",
        bytes: 250 * 1024,
    },
    Budget {
        name: "sample feed, 42 months",
        path: "data/feed.json",
        bytes: 20 * 1024,
    },
];

/// Brotli bytes of a budget's path in `dist`: a folder's wasm, JS and CSS (the files a page
/// view downloads besides its HTML), or one file.
pub fn brotli_bytes(dist: &Path, path: &str) -> Result<usize> {
    let at = dist.join(path);
    let read = |p: &Path| fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    if !at.is_dir() {
        return Ok(measure(&read(&at)?).0.brotli);
    }
    let mut total = 0;
    for e in fs::read_dir(&at).map_err(|e| format!("{}: {e}", at.display()))? {
        let p = e.map_err(|e| e.to_string())?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if [".wasm", ".js", ".css"].iter().any(|x| name.ends_with(x)) {
            total += measure(&read(&p)?).0.brotli;
        }
    }
    Ok(total)
}

/// The committed sizes file, from the repository root: the brotli bytes of everything
/// [`measured`], as last accepted.
pub const SIZES_FILE: &str = "xtask/sizes.txt";

/// Brotli bytes anything measured may grow over its committed line before the gate fails. Not a
/// noise margin (two clean release builds in different checkout paths gave byte-identical
/// pages): the size of a change small enough not to need a decision.
pub const GROWTH: usize = 512;

/// The on-demand export module's key in [`SIZES_FILE`]; its file in `dist/widget/` is named by
/// its hash (`sijil-export-<hash>.wasm`).
const EXPORT_KEY: &str = "widget/sijil-export.wasm";

/// One measured thing: its key in [`SIZES_FILE`], its name in the table, its brotli bytes, its
/// budget if it has one.
struct Measured {
    key: String,
    name: String,
    bytes: usize,
    budget: Option<usize>,
}

/// Everything the gate measures in `dist`: each budget's path, then the export module.
fn measured(dist: &Path) -> Result<Vec<Measured>> {
    let mut rows = Vec::new();
    for b in &BUDGETS {
        rows.push(Measured {
            key: b.path.to_string(),
            name: b.name.to_string(),
            bytes: brotli_bytes(dist, b.path)?,
            budget: Some(b.bytes),
        });
    }
    let widget = dist.join("widget");
    let export = fs::read_dir(&widget)
        .map_err(|e| format!("{}: {e}", widget.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("sijil-export-") && n.ends_with(".wasm"))
        .ok_or_else(|| format!("no sijil-export-*.wasm in {}", widget.display()))?;
    rows.push(Measured {
        key: EXPORT_KEY.to_string(),
        name: "export module (on demand, wasm)".to_string(),
        bytes: brotli_bytes(&widget, &export)?,
        budget: None,
    });
    Ok(rows)
}

/// The size gate: measures `dist`, prints the table (bytes, budget, headroom, and the change
/// against [`SIZES_FILE`]) and fails naming each page over its budget and each thing grown by
/// more than [`GROWTH`] without the sizes file saying so. With `write`, first rewrites the sizes
/// file to the measured figures (the budgets still hold).
pub fn gate(dist: &Path, write: bool) -> Result {
    let rows = measured(dist)?;
    let file = crate::util::root().join(SIZES_FILE);
    if write {
        fs::write(&file, sizes_file(&rows)).map_err(|e| format!("{}: {e}", file.display()))?;
        println!("wrote {SIZES_FILE}: commit it with the change that moved the sizes");
    }
    let text = fs::read_to_string(&file).map_err(|e| {
        format!(
            "{}: {e} (create it with `cargo xtask sizes --write`)",
            file.display()
        )
    })?;
    let committed = parse_sizes_file(&text)?;
    println!("{}", gate_table(&rows, &committed));
    verdict(&rows, &committed)
}

/// The sizes file's text: a header saying what it is, then one `key bytes` line per row.
fn sizes_file(rows: &[Measured]) -> String {
    let mut t = format!(
        "# Brotli bytes of each page (wasm+JS+CSS) and file the build measures, as last accepted.\n\
         # `cargo xtask build` fails when one grows by more than {GROWTH} B over its line here;\n\
         # to accept a growth, run `cargo xtask sizes --write` and commit this file with it.\n"
    );
    for r in rows {
        t += &format!("{} {}\n", r.key, r.bytes);
    }
    t
}

/// The sizes file's `key bytes` lines (comments and blank lines skipped).
fn parse_sizes_file(text: &str) -> Result<Vec<(String, usize)>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "{SIZES_FILE}:{}: expected `key bytes`, found {line:?}",
                n + 1
            )
        };
        let (key, bytes) = line.split_once(' ').ok_or_else(bad)?;
        out.push((key.to_string(), bytes.trim().parse().map_err(|_| bad())?));
    }
    Ok(out)
}

fn committed_bytes(committed: &[(String, usize)], key: &str) -> Option<usize> {
    committed.iter().find(|(k, _)| k == key).map(|&(_, b)| b)
}

/// The gate's table: one row per measured thing, headroom negative when over its budget, and
/// the change against the committed sizes file.
fn gate_table(rows: &[Measured], committed: &[(String, usize)]) -> String {
    let mut t = format!(
        "{:<48} {:>10} {:>10} {:>10} {:>10}\n",
        "size budget (brotli bytes)", "bytes", "budget", "headroom", "change"
    );
    for r in rows {
        let (budget, headroom) = match r.budget {
            Some(b) => (b.to_string(), (b as i64 - r.bytes as i64).to_string()),
            None => ("-".into(), "-".into()),
        };
        let change = match committed_bytes(committed, &r.key) {
            Some(c) => format!("{:+}", r.bytes as i64 - c as i64),
            None => "new".into(),
        };
        let over = if r.budget.is_some_and(|b| r.bytes > b) {
            "  OVER"
        } else {
            ""
        };
        t += &format!(
            "{:<48} {:>10} {budget:>10} {headroom:>10} {change:>10}{over}\n",
            r.name, r.bytes
        );
    }
    t
}

/// `Err` naming every row over its budget and every other row grown by more than [`GROWTH`]
/// over its committed line (or missing from the file), and how to accept a growth: each row
/// once, since a row over its budget is not accepted by rewriting the file.
fn verdict(rows: &[Measured], committed: &[(String, usize)]) -> Result {
    let is_over = |r: &Measured| r.budget.is_some_and(|b| r.bytes > b);
    let over: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let budget = r.budget.filter(|&b| r.bytes > b)?;
            Some(format!("  {}: {} B > {budget} B", r.name, r.bytes))
        })
        .collect();
    let grown: Vec<String> = rows
        .iter()
        .filter(|r| !is_over(r))
        .filter_map(|r| match committed_bytes(committed, &r.key) {
            Some(c) if r.bytes > c + GROWTH => Some(format!(
                "  {} ({}): {c} B -> {} B, +{} B",
                r.name,
                r.key,
                r.bytes,
                r.bytes - c
            )),
            Some(_) => None,
            None => Some(format!("  {} ({}): not in the file", r.name, r.key)),
        })
        .collect();
    let mut err = Vec::new();
    if !over.is_empty() {
        err.push(format!(
            "over the size budget (xtask/src/sizes.rs, BUDGETS):\n{}",
            over.join("\n")
        ));
    }
    if !grown.is_empty() {
        err.push(format!(
            "grown by more than {GROWTH} B brotli over {SIZES_FILE}:\n{}\n\
             If the growth is worth its bytes, accept it: run `cargo xtask sizes --write` (it \
             measures this build's dist/) and commit {SIZES_FILE} with the change, saying why.",
            grown.join("\n")
        ));
    }
    if err.is_empty() {
        Ok(())
    } else {
        Err(format!("size gate:\n{}", err.join("\n")))
    }
}

const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "json", "svg"];

pub fn compress_and_report(dist: &Path) -> Result {
    let mut rows = Vec::new();
    visit(dist, &mut |path| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            return Ok(());
        }
        let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (sizes, gz, br) = measure(&bytes);
        let write = |suffix: &str, data: &[u8]| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            fs::write(&name, data).map_err(|e| format!("{}: {e}", Path::new(&name).display()))
        };
        write(".gz", &gz)?;
        write(".br", &br)?;
        let rel = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        rows.push((rel, sizes));
        Ok(())
    })?;
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    println!(
        "\n{:<48} {:>10} {:>10} {:>10}",
        "file (dist/)", "raw", "gzip", "brotli"
    );
    for (name, s) in &rows {
        println!("{name:<48} {:>10} {:>10} {:>10}", s.raw, s.gzip, s.brotli);
    }
    // What one page view downloads: its wasm, JS and CSS (the feed and config not counted).
    for (html, dir) in crate::build::PAGES {
        let page = format!("{} (wasm+js+css)", html.trim_end_matches(".html"));
        let mut t = Sizes {
            raw: 0,
            gzip: 0,
            brotli: 0,
        };
        for (name, s) in &rows {
            let in_dir = name
                .strip_prefix(dir)
                .is_some_and(|rest| !rest.contains('/'));
            if in_dir && [".wasm", ".js", ".css"].iter().any(|e| name.ends_with(e)) {
                t.raw += s.raw;
                t.gzip += s.gzip;
                t.brotli += s.brotli;
            }
        }
        println!("{page:<48} {:>10} {:>10} {:>10}", t.raw, t.gzip, t.brotli);
    }
    Ok(())
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path) -> Result) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            visit(&path, f)?;
        } else {
            f(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, bytes: usize, budget: Option<usize>) -> Measured {
        Measured {
            key: key.into(),
            name: format!("page {key}"),
            bytes,
            budget,
        }
    }

    #[test]
    fn the_gate_fails_naming_each_page_over_its_budget_and_passes_at_the_budget() {
        let rows = [
            row("a", 102_400, Some(102_400)),
            row("b", 102_401, Some(102_400)),
            row("c", 90_000, Some(102_400)),
            row("d", 260_000, Some(256_000)),
        ];
        let committed: Vec<_> = rows.iter().map(|r| (r.key.clone(), r.bytes)).collect();
        let err = verdict(&rows, &committed).expect_err("two pages are over");
        assert!(err.contains("page b: 102401 B > 102400 B"), "{err}");
        assert!(err.contains("page d: 260000 B > 256000 B"), "{err}");
        assert!(!err.contains("page a") && !err.contains("page c"), "{err}");
        assert!(!err.contains("grown"), "{err}");
        assert_eq!(verdict(&rows[..1], &committed), Ok(()));
        let table = gate_table(&rows, &committed);
        assert!(
            table.contains("page b") && table.contains("-1         +0  OVER"),
            "{table}"
        );
        assert!(table.contains("12400         +0\n"), "{table}");
    }

    #[test]
    fn the_gate_fails_on_growth_over_the_committed_file_and_says_how_to_accept_it() {
        let committed = vec![
            ("a".to_string(), 50_000),
            ("b".to_string(), 50_000),
            ("e".to_string(), 10_000),
        ];
        // Grown by exactly the allowance, shrunk, a module without a budget grown past the
        // allowance, and one missing from the file.
        let rows = [
            row("a", 50_000 + GROWTH, Some(102_400)),
            row("b", 40_000, Some(102_400)),
            row("e", 10_000 + GROWTH + 1, None),
            row("n", 1_000, Some(102_400)),
        ];
        let err = verdict(&rows, &committed).expect_err("e grew, n is new");
        assert!(
            err.contains("page e (e): 10000 B -> 10513 B, +513 B"),
            "{err}"
        );
        assert!(err.contains("page n (n): not in the file"), "{err}");
        assert!(!err.contains("page a") && !err.contains("page b"), "{err}");
        assert!(!err.contains("over the size budget"), "{err}");
        assert!(err.contains("cargo xtask sizes --write"), "{err}");
        assert!(err.contains(SIZES_FILE), "{err}");
        assert_eq!(verdict(&rows[..2], &committed), Ok(()));
        let table = gate_table(&rows, &committed);
        assert!(
            table.contains("+512\n") && table.contains("-10000\n"),
            "{table}"
        );
        assert!(
            table.contains("         -          -       +513\n"),
            "{table}"
        );
        assert!(table.contains("new\n"), "{table}");
    }

    #[test]
    fn a_page_over_its_budget_and_grown_is_named_once() {
        let committed = vec![("s".to_string(), 102_085), ("g".to_string(), 89_000)];
        let rows = [
            row("s", 103_028, Some(102_400)),
            row("g", 90_000, Some(102_400)),
        ];
        let err = verdict(&rows, &committed).expect_err("s is over, g grew");
        assert_eq!(err.matches("page s").count(), 1, "{err}");
        assert!(err.contains("page s: 103028 B > 102400 B"), "{err}");
        assert!(err.contains("page g (g): 89000 B -> 90000 B"), "{err}");
        // Every line of the message is said once.
        let mut lines: Vec<&str> = err.lines().collect();
        let n = lines.len();
        lines.sort_unstable();
        lines.dedup();
        assert_eq!(lines.len(), n, "{err}");
    }

    #[test]
    fn the_sizes_file_has_one_line_per_row_and_reads_back() {
        let rows = [
            row("form", 207_931, Some(256_000)),
            row(EXPORT_KEY, 9, None),
        ];
        let text = sizes_file(&rows);
        assert!(
            text.contains("\nform 207931\nwidget/sijil-export.wasm 9\n"),
            "{text}"
        );
        assert_eq!(
            parse_sizes_file(&text).unwrap(),
            vec![("form".to_string(), 207_931), (EXPORT_KEY.to_string(), 9)]
        );
        let err = parse_sizes_file("form\n").unwrap_err();
        assert!(err.contains(":1: expected `key bytes`"), "{err}");
        assert!(parse_sizes_file("form 12kB\n").is_err());
    }

    #[test]
    fn the_committed_sizes_file_lists_everything_measured_in_order() {
        let text = fs::read_to_string(crate::util::root().join(SIZES_FILE)).unwrap();
        let keys: Vec<String> = parse_sizes_file(&text)
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let mut expected: Vec<String> = BUDGETS.iter().map(|b| b.path.to_string()).collect();
        expected.push(EXPORT_KEY.to_string());
        assert_eq!(keys, expected);
    }

    #[test]
    fn a_page_weighs_its_wasm_js_and_css_not_its_html_nor_subfolders() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("page/inner")).unwrap();
        let wasm: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        fs::write(dir.join("page/a.wasm"), &wasm).unwrap();
        fs::write(dir.join("page/a.js"), "let x = 1;").unwrap();
        fs::write(dir.join("page/index.html"), "<p>not counted</p>".repeat(99)).unwrap();
        fs::write(dir.join("page/inner/b.wasm"), &wasm).unwrap();
        let expected = measure(&wasm).0.brotli + measure(b"let x = 1;").0.brotli;
        assert_eq!(brotli_bytes(&dir, "page").unwrap(), expected);
        assert_eq!(
            brotli_bytes(&dir, "page/a.js").unwrap(),
            measure(b"let x = 1;").0.brotli
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_widget_page_and_the_form_have_a_budget() {
        for (html, dir) in crate::build::PAGES {
            if html != "index.html" {
                assert!(
                    BUDGETS.iter().any(|b| format!("{}/", b.path) == dir),
                    "{html} has no size budget"
                );
            }
        }
    }
}
