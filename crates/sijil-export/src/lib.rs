//! The on-demand module: what a widget page needs only now and then, as a wasm module of its
//! own that the page fetches when it does (`browser::on_demand` in the app).
//!
//! - [`compose`]: a downloaded SVG or PNG picture ([`sijil_core::chart::draw::export`]: the
//!   title, period, legend, note, source and date laid out around the chart, text wrapping and
//!   right-to-left placement). The page draws the chart at the export width itself (its
//!   drawing code is already there) and sends it with `export::request`.
//! - [`describe`]: what is wrong with an unreadable feed, for the publisher, in their language
//!   (the messages of every feed error, in both languages, read from the feed again).
//!
//! Together about 10 KB of raw wasm that every widget page carried for a download few readers
//! make and an error few feeds have; out of the pages, they keep them under their 100 KB
//! budget (`xtask/src/sizes.rs`).
//!
//! The interface has no imports: `memory`; `alloc(len) -> ptr`, where the page writes the
//! request's bytes; `compose(ptr, len)` and `describe(ptr, len)` return a pointer to a
//! little-endian `u32` length followed by the answer's UTF-8 bytes (length 0: no answer). A
//! page instantiates the module for each call, so nothing is ever freed: the instance goes with
//! its memory.

use sijil_core::chart::draw::export::compose_request;
use sijil_core::lang::Lang;

/// Room for a request of `len` bytes.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len);
    let at = buf.as_mut_ptr();
    std::mem::forget(buf);
    at
}

/// Composes the picture for the request at `ptr` (`len` bytes, from [`alloc`]).
///
/// # Safety
/// `ptr` must come from [`alloc`] with at least `len` bytes, all written.
#[no_mangle]
pub unsafe extern "C" fn compose(ptr: *const u8, len: usize) -> *const u8 {
    // SAFETY: the caller wrote `len` bytes at `ptr`, which `alloc` reserved.
    let req = unsafe { std::slice::from_raw_parts(ptr, len) };
    let out = answer(req);
    let at = out.as_ptr();
    std::mem::forget(out);
    at
}

/// Describes the first error of the feed in the request at `ptr` (`len` bytes, from
/// [`alloc`]): `a` (Arabic) or `e` (English), then the feed as published.
///
/// # Safety
/// `ptr` must come from [`alloc`] with at least `len` bytes, all written.
#[no_mangle]
pub unsafe extern "C" fn describe(ptr: *const u8, len: usize) -> *const u8 {
    // SAFETY: the caller wrote `len` bytes at `ptr`, which `alloc` reserved.
    let req = unsafe { std::slice::from_raw_parts(ptr, len) };
    let out = framed(&description(req));
    let at = out.as_ptr();
    std::mem::forget(out);
    at
}

/// The answer to a picture request: its length (`u32`, little-endian), then the picture
/// (nothing if it is not a request).
pub fn answer(req: &[u8]) -> Vec<u8> {
    let svg = std::str::from_utf8(req)
        .ok()
        .and_then(compose_request)
        .unwrap_or_default();
    framed(&svg)
}

/// What is wrong with the feed in a `describe` request, for its publisher; empty if the feed
/// reads (or the request is not one).
pub fn description(req: &[u8]) -> String {
    let (lang, feed) = match req.split_first() {
        Some((b'a', feed)) => (Lang::Ar, feed),
        Some((b'e', feed)) => (Lang::En, feed),
        _ => return String::new(),
    };
    match sijil_core::feed::read_feed(feed) {
        Err(e) => e.kind.describe(lang),
        Ok(_) => String::new(),
    }
}

fn framed(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + text.len());
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sijil_core::chart::draw::export::{compose as picture, request, Frame};
    use sijil_core::chart::draw::Drawing;
    use sijil_core::chart::theme::Colors;

    #[test]
    fn the_module_answers_a_request_with_the_picture_and_anything_else_with_nothing() {
        let f = Frame {
            title: "Deaths under torture".into(),
            period: "2021".into(),
            source: "Source: SNHR".into(),
            ..Frame::default()
        };
        let chart = Drawing {
            width: 736.0,
            height: 200.0,
            markup: "<path d=\"M0 0\"/>".into(),
            ..Drawing::default()
        };
        let c = Colors::new(true);
        let req = request(&f, &chart, &c);
        let expected = picture(&f, &chart, &c);
        let out = answer(req.as_bytes());
        assert_eq!(&out[..4], &(expected.len() as u32).to_le_bytes());
        assert_eq!(std::str::from_utf8(&out[4..]), Ok(expected.as_str()));
        // Through the exported functions, as a page calls them.
        let at = alloc(req.len());
        // SAFETY: `alloc` reserved `req.len()` bytes at `at`, written here in full.
        let out = unsafe {
            std::ptr::copy_nonoverlapping(req.as_ptr(), at, req.len());
            let p = compose(at, req.len());
            let n = u32::from_le_bytes(std::slice::from_raw_parts(p, 4).try_into().unwrap());
            std::slice::from_raw_parts(p.add(4), n as usize).to_vec()
        };
        assert_eq!(out, expected.as_bytes());
        assert_eq!(answer(b"junk"), vec![0, 0, 0, 0]);
        assert_eq!(answer(&[0xff, 0xfe]), vec![0, 0, 0, 0]);
    }

    #[test]
    fn an_unreadable_feed_is_described_in_the_publishers_language_and_a_good_one_not_at_all() {
        let bad = br#"{"format":"sijil-monthly-tallies","version":1,"publisher":{"name":5},"updated":"2025-01-02","parties":[],"months":[]}"#;
        let kind = sijil_core::feed::read_feed(bad)
            .expect_err("a number for a name")
            .kind;
        for (tag, lang) in [(b'e', Lang::En), (b'a', Lang::Ar)] {
            let req = [&[tag][..], bad].concat();
            let text = description(&req);
            assert_eq!(text, kind.describe(lang));
            assert!(!text.is_empty());
            // Through the exported function, as a page calls it.
            let at = alloc(req.len());
            // SAFETY: `alloc` reserved `req.len()` bytes at `at`, written here in full.
            let out = unsafe {
                std::ptr::copy_nonoverlapping(req.as_ptr(), at, req.len());
                let p = describe(at, req.len());
                let n = u32::from_le_bytes(std::slice::from_raw_parts(p, 4).try_into().unwrap());
                std::slice::from_raw_parts(p.add(4), n as usize).to_vec()
            };
            assert_eq!(out, text.as_bytes());
        }
        let broken = sijil_core::feed::read_feed(b"{\"x\":1").expect_err("cut short");
        assert_eq!(description(b"e{\"x\":1"), broken.kind.describe(Lang::En));
        let good = std::fs::read("../../static/data/feed.json").expect("the sample feed");
        assert_eq!(description(&[&b"e"[..], &good].concat()), "");
        assert_eq!(description(b"x{}"), "");
        assert_eq!(description(b""), "");
    }
}
