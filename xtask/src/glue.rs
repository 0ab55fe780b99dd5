//! Shrinks what Trunk wrote for one page: the wasm-bindgen glue (`sijil-…-<hash>.js`) and its
//! module (`…_bg.wasm`), then rewrites their Subresource Integrity hashes in the page.
//!
//! Each step saves bytes every reader pays for on a first view:
//! - **Short import names.** wasm-bindgen names each JavaScript function the module imports
//!   `__wbg_<name>_<16 hex digits>`, and the name appears twice: in the wasm import section and
//!   as a key of the glue's import object. The hex digits do not compress, so a widget with ~170
//!   imports carries about 4 KB brotli of them. Both sides are renamed to `a`, `b`, … `aa`, …
//!   from the import section itself, so the two cannot disagree.
//!   Exports wasm-bindgen named get short names the same way. The module every import comes
//!   from (`./sijil-widget-series_bg.js`, repeated ~190 times in the import section) is
//!   renamed `m` in both too: about 300 B brotli per page. The module is read by `wasmparser`
//!   and written by `wasm-encoder`; only its import and export sections are rebuilt, every
//!   other section is copied byte for byte. The glue's side is plain text, so each rewrite of
//!   it checks that the text it expects is there and fails the build loudly when a new
//!   wasm-bindgen writes it differently.
//! - **No `initSync`.** The loader uses the asynchronous `init`; the unused synchronous one is
//!   no longer exported, so terser removes it.
//! - **terser** minifies the glue: Trunk's own minifier cannot parse it (it warns "Failed to
//!   minify JS" and ships it as is).

use crate::util::{cmd, root, sh, Result};
use std::collections::HashMap;
use std::path::Path;

pub fn shrink(dir: &Path) -> Result {
    let html_path = dir.join("index.html");
    let mut html = std::fs::read_to_string(&html_path).map_err(|e| e.to_string())?;
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("sijil-"))
        .collect();
    files.sort();
    let js_name = files
        .iter()
        .find(|n| n.ends_with(".js"))
        .ok_or_else(|| format!("{}: no glue", dir.display()))?;
    let wasm_name = files
        .iter()
        .find(|n| n.ends_with("_bg.wasm"))
        .ok_or_else(|| format!("{}: no wasm", dir.display()))?;
    let (js_path, wasm_path) = (dir.join(js_name), dir.join(wasm_name));
    let js_before = std::fs::read(&js_path).map_err(|e| e.to_string())?;
    let wasm_before = std::fs::read(&wasm_path).map_err(|e| e.to_string())?;

    let (wasm, names) = rename_wasm_names(&wasm_before)?;
    let js = String::from_utf8(js_before.clone()).map_err(|e| e.to_string())?;
    let js = drop_init_sync(&rename_module(&rename_identifiers(&js, &names), wasm_name)?)?;
    std::fs::write(&wasm_path, &wasm).map_err(|e| e.to_string())?;
    std::fs::write(&js_path, js).map_err(|e| e.to_string())?;
    sh(cmd(root()
        .join("node_modules/.bin/terser")
        .to_str()
        .unwrap_or("terser"))
    .arg(&js_path)
    .args(["--module", "--compress", "--mangle", "--output"])
    .arg(&js_path))?;
    let js_after = std::fs::read(&js_path).map_err(|e| e.to_string())?;

    for (name, before, after) in [
        (js_name, &js_before, &js_after),
        (wasm_name, &wasm_before, &wasm),
    ] {
        let (old, new) = (sri(before), sri(after));
        if !html.contains(&old) {
            return Err(format!(
                "{}: no integrity {old} for {name}",
                html_path.display()
            ));
        }
        html = html.replace(&old, &new);
    }
    std::fs::write(&html_path, html).map_err(|e| e.to_string())
}

/// The name the module's imports come from, in the wasm (see [`rename_wasm_names`]) and as the
/// key of the glue's import object.
const MODULE: &str = "m";

/// The glue's import object names the module `./<stem>_bg.js` (the wasm's file name without
/// Trunk's hash): that key becomes [`MODULE`], as in the wasm.
fn rename_module(js: &str, wasm_name: &str) -> Result<String> {
    let stem = wasm_name
        .strip_suffix("_bg.wasm")
        .and_then(|s| s.rsplit_once('-'))
        .map(|(stem, _hash)| stem)
        .ok_or_else(|| format!("{wasm_name}: not a Trunk wasm name"))?;
    let key = format!("\"./{stem}_bg.js\"");
    if js.matches(&key).count() != 1 {
        return Err(format!("the glue no longer names its module {key} once"));
    }
    Ok(js.replace(&key, &format!("\"{MODULE}\"")))
}

/// Trunk's loader calls the glue's default export (asynchronous `init`); the synchronous
/// `initSync` is never used, and once it is no longer exported terser drops it.
fn drop_init_sync(js: &str) -> Result<String> {
    const EXPORTS: &str = "export { initSync, __wbg_init as default };";
    if !js.contains(EXPORTS) {
        return Err(format!("the glue no longer ends with `{EXPORTS}`"));
    }
    Ok(js.replace(EXPORTS, "export { __wbg_init as default };"))
}

fn sri(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha384};
    format!(
        "sha384-{}",
        sijil_core::base64::encode(&Sha384::digest(bytes))
    )
}

/// The n-th short name: `a`…`Z`, then `aa`, `ab`, …
fn short_name(mut n: usize) -> String {
    const ABC: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = vec![ABC[n % ABC.len()]];
    n /= ABC.len();
    while n > 0 {
        n -= 1;
        s.insert(0, ABC[n % ABC.len()]);
        n /= ABC.len();
    }
    String::from_utf8(s).expect("ascii")
}

/// Renames the field of every import of the module, its module (see [`MODULE`]) and its
/// wasm-bindgen exports (see [`is_bindgen_export`]); returns the new module and old → new.
/// Every other section is copied byte for byte.
fn rename_wasm_names(wasm: &[u8]) -> Result<(Vec<u8>, HashMap<String, String>)> {
    use wasm_encoder::{EntityType, ExportKind, RawSection};
    use wasmparser::{Parser, Payload};
    let err = |e: wasmparser::BinaryReaderError| e.to_string();
    let mut out = wasm_encoder::Module::new();
    let mut names = HashMap::new();
    let mut short = |old: &str| {
        // The same function imported twice keeps one name.
        let next = short_name(names.len());
        names.entry(old.to_string()).or_insert(next).clone()
    };
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(err)? {
            Payload::ImportSection(reader) => {
                let mut section = wasm_encoder::ImportSection::new();
                for import in reader.into_imports() {
                    let import = import.map_err(err)?;
                    // wasm-bindgen's one module (`./<stem>_bg.js`) becomes `m` (see
                    // `rename_module`).
                    let module = if import.module.ends_with("_bg.js") {
                        MODULE
                    } else {
                        import.module
                    };
                    let ty = EntityType::try_from(import.ty).map_err(|e| format!("{e:?}"))?;
                    section.import(module, &short(import.name), ty);
                }
                out.section(&section);
            }
            Payload::ExportSection(reader) => {
                let mut section = wasm_encoder::ExportSection::new();
                for export in reader {
                    let export = export.map_err(err)?;
                    let name = if is_bindgen_export(export.name) {
                        short(export.name)
                    } else {
                        export.name.to_string()
                    };
                    section.export(&name, ExportKind::from(export.kind), export.index);
                }
                out.section(&section);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    out.section(&RawSection {
                        id,
                        data: &wasm[range],
                    });
                }
            }
        }
    }
    Ok((out.finish(), names))
}

/// The exports wasm-bindgen named (`__wbindgen_malloc`, `wasm_bindgen_<hash>___convert__closures…`,
/// up to 150 characters each): the glue reads them as `wasm.<name>`. `memory` and anything
/// else keeps its name.
fn is_bindgen_export(name: &str) -> bool {
    name.starts_with("__") || name.starts_with("wasm_bindgen_")
}

/// Replaces each JavaScript identifier that is an old import name by its new name. The old
/// names are long and hashed, so they occur nowhere else in the glue.
fn rename_identifiers(js: &str, names: &HashMap<String, String>) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(i) = rest.find(is_ident) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let len = rest.find(|c| !is_ident(c)).unwrap_or(rest.len());
        let word = &rest[..len];
        out.push_str(names.get(word).map_or(word, String::as_str));
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_identifiers() {
        let all: Vec<String> = (0..3000).map(short_name).collect();
        let set: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(set.len(), all.len());
        assert_eq!(&all[..2], ["a", "b"]);
        assert_eq!(all[52], "aa");
        assert!(all
            .iter()
            .all(|s| s.chars().all(|c| c.is_ascii_alphabetic())));
    }

    #[test]
    fn only_whole_identifiers_are_renamed() {
        let names = HashMap::from([("__wbg_x_0123".to_string(), "a".to_string())]);
        let js = "{__wbg_x_0123:function(){return __wbg_x_01234}, '__wbg_x_0123'}";
        assert_eq!(
            rename_identifiers(js, &names),
            "{a:function(){return __wbg_x_01234}, 'a'}"
        );
    }

    #[test]
    fn the_glue_names_the_module_m_once() {
        let js = "return {__proto__:null,\"./sijil-widget-series_bg.js\":import0};";
        assert_eq!(
            rename_module(js, "sijil-widget-series-0123456789abcdef_bg.wasm").unwrap(),
            "return {__proto__:null,\"m\":import0};"
        );
        assert!(rename_module("{}", "sijil-widget-series-0123456789abcdef_bg.wasm").is_err());
        assert!(rename_module(js, "other.wasm").is_err());
    }

    #[test]
    fn imports_and_bindgen_exports_are_renamed_and_the_rest_of_the_module_is_kept() {
        // (module (import "m" "long_name_1" (func)) (import "m" "long_name_2" (memory 1 2)))
        // with a type section before and a custom section after.
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        let mut imports = vec![2];
        for (field, desc) in [
            (&b"long_name_1"[..], &[0u8, 0][..]),
            (b"long_name_2", &[2, 1, 1, 2]),
        ] {
            imports.extend_from_slice(b"\x09xyz_bg.js");
            imports.push(field.len() as u8);
            imports.extend_from_slice(field);
            imports.extend_from_slice(desc);
        }
        m.push(2);
        m.push(imports.len() as u8);
        m.extend_from_slice(&imports);
        let mut exports = vec![2, 17];
        exports.extend_from_slice(b"__wbindgen_malloc");
        exports.extend_from_slice(&[0, 0, 6]);
        exports.extend_from_slice(b"memory");
        exports.extend_from_slice(&[2, 0]);
        m.push(7);
        m.push(exports.len() as u8);
        m.extend_from_slice(&exports);
        m.extend_from_slice(&[0, 3, 1, b'x', 9]);
        let (out, names) = rename_wasm_names(&m).unwrap();
        assert_eq!(names["long_name_1"], "a");
        assert_eq!(names["long_name_2"], "b");
        assert_eq!(names["__wbindgen_malloc"], "c");
        assert!(!names.contains_key("memory"));
        let mut want = b"\0asm\x01\0\0\0".to_vec();
        want.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        want.extend_from_slice(&[
            2, 15, 2, 1, b'm', 1, b'a', 0, 0, 1, b'm', 1, b'b', 2, 1, 1, 2,
        ]);
        want.extend_from_slice(&[7, 14, 2, 1, b'c', 0, 0, 6]);
        want.extend_from_slice(b"memory");
        want.extend_from_slice(&[2, 0]);
        want.extend_from_slice(&[0, 3, 1, b'x', 9]);
        assert_eq!(out, want);
    }
}
