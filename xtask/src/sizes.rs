//! Compresses the built assets (the server sends the `.br`/`.gz` copies to browsers that accept
//! them) and prints what a reader downloads: raw, gzip and brotli bytes per file.
//!
//! Also the size budgets, in one place ([`BUDGETS`]), and the gate that holds them:
//! `cargo xtask test` (what CI runs) fails when a page's brotli bytes are over its budget
//! ([`gate`]); `cargo xtask bench` prints the same rows. Sizes are deterministic for a given
//! source and toolchain, so unlike the render times they can fail a build.

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

/// The size gate of `cargo xtask test`: measures every budget in `dist`, prints the table (what,
/// bytes, budget, headroom) and fails naming each one over its budget.
pub fn gate(dist: &Path) -> Result {
    let mut rows = Vec::new();
    for b in &BUDGETS {
        rows.push((b.name, brotli_bytes(dist, b.path)?, b.bytes));
    }
    println!("{}", gate_table(&rows));
    verdict(&rows)
}

/// The gate's table: one row per budget, headroom negative when over.
fn gate_table(rows: &[(&str, usize, usize)]) -> String {
    let mut t = format!(
        "{:<48} {:>10} {:>10} {:>10}\n",
        "size budget (brotli bytes)", "bytes", "budget", "headroom"
    );
    for &(name, bytes, budget) in rows {
        let headroom = budget as i64 - bytes as i64;
        let over = if bytes > budget { "  OVER" } else { "" };
        t += &format!("{name:<48} {bytes:>10} {budget:>10} {headroom:>10}{over}\n");
    }
    t
}

/// `Err` naming every row whose bytes exceed its budget.
fn verdict(rows: &[(&str, usize, usize)]) -> Result {
    let over: Vec<String> = rows
        .iter()
        .filter(|(_, bytes, budget)| bytes > budget)
        .map(|(name, bytes, budget)| format!("{name}: {bytes} B > {budget} B"))
        .collect();
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("over the size budget: {}", over.join("; ")))
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

    #[test]
    fn the_gate_fails_naming_each_page_over_its_budget_and_passes_at_the_budget() {
        let rows = [
            ("page a", 102_400, 102_400),
            ("page b", 102_401, 102_400),
            ("page c", 90_000, 102_400),
            ("page d", 260_000, 256_000),
        ];
        let err = verdict(&rows).expect_err("two pages are over");
        assert!(err.contains("page b: 102401 B > 102400 B"), "{err}");
        assert!(err.contains("page d: 260000 B > 256000 B"), "{err}");
        assert!(!err.contains("page a") && !err.contains("page c"), "{err}");
        assert_eq!(verdict(&rows[..1]), Ok(()));
        let table = gate_table(&rows);
        assert!(
            table.contains("page b") && table.contains("-1  OVER"),
            "{table}"
        );
        assert!(table.contains("12400\n"), "{table}");
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
