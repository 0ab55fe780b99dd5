//! The form page normalizes names with the browser's `String.prototype.normalize("NFC")` instead
//! of shipping the `unicode-normalization` tables (about 48 KB brotli); `sijil export` keeps the
//! crate. This shows the two agree: every name and place of `../shared/data`, and a generated
//! corpus of decomposed and mixed text (Arabic with harakat and hamza/madda marks, Latin,
//! Greek and Cyrillic with combining accents, Hangul jamo, Devanagari nukta, Hebrew points,
//! marks in non-canonical order), normalized by the crate and by V8 (node: the same engine and
//! ICU data as Chromium), must be the same strings.

use sijil_report::form::text::nfc;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn shared_strings() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let mut out = Vec::new();
    let csv = std::fs::read_to_string(dir.join("syria-admin-divisions.csv")).unwrap();
    for line in csv.lines() {
        out.extend(line.split(',').map(|f| f.trim_matches('"').to_owned()));
    }
    let feed = std::fs::read_to_string(dir.join("snhr-2019-2022.feed.json")).unwrap();
    // Every JSON string of the feed (party names in both languages, notes, titles).
    let mut rest = feed.as_str();
    while let Some(start) = rest.find('"') {
        let tail = &rest[start + 1..];
        let Some(end) = tail.find('"') else { break };
        out.push(tail[..end].to_owned());
        rest = &tail[end + 1..];
    }
    out.retain(|s| !s.is_empty() && !s.contains('\\'));
    out
}

/// A deterministic generator (xorshift64*): the same corpus on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick(&mut self, pool: &[(u32, u32)]) -> char {
        let (lo, hi) = pool[(self.next() % pool.len() as u64) as usize];
        let c = lo + (self.next() % u64::from(hi - lo + 1)) as u32;
        char::from_u32(c).unwrap_or('?')
    }
}

fn generated() -> Vec<String> {
    let bases: &[(u32, u32)] = &[
        (0x0621, 0x064a), // Arabic letters
        (0x0671, 0x06d3), // Arabic extended letters (Persian, Urdu)
        (0x0041, 0x005a),
        (0x0061, 0x007a),
        (0x00c0, 0x017f), // precomposed Latin
        (0x0391, 0x03c9), // Greek
        (0x0410, 0x044f), // Cyrillic
        (0x0915, 0x0939), // Devanagari consonants
        (0x05d0, 0x05ea), // Hebrew
        (0x1100, 0x1112), // Hangul leading jamo
        (0x1161, 0x1175), // Hangul vowel jamo
        (0x11a8, 0x11c2), // Hangul trailing jamo
        (0xac00, 0xac40), // precomposed Hangul
        (0x0020, 0x0020),
    ];
    let marks: &[(u32, u32)] = &[
        (0x064b, 0x0655), // harakat, shadda, sukun, madda, hamza above/below
        (0x0670, 0x0670), // superscript alef
        (0x0300, 0x0327), // Latin combining accents
        (0x0342, 0x0345), // Greek perispomeni, ypogegrammeni
        (0x093c, 0x093c), // Devanagari nukta
        (0x05b0, 0x05bc), // Hebrew points
        (0x0306, 0x0308),
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    (0..20_000)
        .map(|_| {
            let len = 1 + rng.next() % 12;
            (0..len)
                .map(|_| {
                    if rng.next().is_multiple_of(3) {
                        rng.pick(marks)
                    } else {
                        rng.pick(bases)
                    }
                })
                .collect()
        })
        .collect()
}

fn json_array(items: &[String]) -> String {
    let mut out = String::from("[");
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push(']');
    out
}

#[test]
fn the_crate_and_the_javascript_engine_agree_on_nfc() {
    let mut corpus = shared_strings();
    let shared = corpus.len();
    assert!(shared > 500, "the shared data gave {shared} strings");
    corpus.extend(generated());
    let mut node = Command::new("node")
        .args([
            "-e",
            "let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',d=>s+=d).on('end',()=>{\
             process.stdout.write(JSON.parse(s).map(x=>x.normalize('NFC')).join('\\0'))})",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node (the JavaScript engine of the e2e suite) runs");
    node.stdin
        .take()
        .unwrap()
        .write_all(json_array(&corpus).as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success());
    let ours: Vec<String> = corpus.iter().map(|s| nfc(s)).collect();
    let text = String::from_utf8(out.stdout).unwrap();
    let theirs: Vec<&str> = text.split('\0').collect();
    assert_eq!(theirs.len(), corpus.len());
    let changed = corpus.iter().zip(&ours).filter(|(a, b)| a != b).count();
    assert!(
        changed > 1_000,
        "the corpus must exercise composition ({changed} changed)"
    );
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(a, b, "string {i}: {:?}", corpus[i]);
    }
}
