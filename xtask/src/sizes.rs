//! Compresses the built assets (the server sends the `.br`/`.gz` copies to browsers that accept
//! them) and prints what a reader downloads: raw, gzip and brotli bytes per file.

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
