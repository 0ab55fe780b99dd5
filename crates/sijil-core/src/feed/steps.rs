//! A feed read in steps: [`Reading`], for a page that must not hold its reader's input while it
//! reads a long feed (the widgets' own copy, which the server wrote into the page).
//!
//! [`read_feed`](super::read_feed) parses the whole document, then reads it, in one call: at 4×
//! CPU throttling the benchmark's 15-year feed of 40 parties (470 KB) held a page for 44–55 ms
//! even parsed in one task and read in the next; natively, its longest step here is 0.73 ms
//! against 6.33 ms whole. Here the text is first skimmed (no allocation: the byte ranges of the
//! top-level `months` array's items), then the document without its months is parsed and its
//! header read, then the months are parsed and read a few at a time (about [`STEP_BYTES`] of
//! text per step), then checked against each other. The months are read by the same code as
//! [`read_feed`]'s (`validate::Months`), so a feed read in steps is the same feed.
//!
//! Only a plain document is split: anything this skim does not expect (not an object, no
//! `months` array or two, a month that is not JSON) makes [`Reading::start`] or
//! [`Reading::finish`] give `None`, and the caller reads the text with [`read_feed`], which
//! says what is wrong. So errors are never worded here, and what is accepted is exactly what
//! [`read_feed`] accepts (`tests::steps_read_what_read_feed_reads`, and a proptest over damaged
//! feeds). The skim is hand-written for the same reason as the parser (`crate::json`): no JSON
//! crate in the widgets' wasm budget finds an array's items without parsing them.

use super::validate::{head, Head, Months};
use super::{Feed, MAX_DEPTH, MAX_FEED_BYTES};
use crate::json::{parse, Limits};

/// About how much of the document's text one [`Reading::step`] parses and reads.
pub const STEP_BYTES: usize = 32 * 1024;

/// A feed being read in steps: [`Reading::start`], [`Reading::step`] until it says it is done,
/// then [`Reading::finish`]. Boxed: a page moves it from task to task, and a move of a pointer
/// is less code than a move of the whole reading (wasm size).
pub struct Reading(Box<Inner>);

struct Inner {
    text: Vec<u8>,
    head: Head,
    /// Where each month's text is: between two of these separators (`[`, the commas, `]`).
    seps: Vec<usize>,
    /// The next month to read.
    next: usize,
    months: Months,
    /// A month's text did not parse: the document is not JSON (read it whole to say where).
    broken: bool,
}

impl Reading {
    /// Skims `text` and reads its header; `None` where it cannot be read in steps (read it with
    /// [`read_feed`](super::read_feed)).
    pub fn start(text: Vec<u8>) -> Option<Reading> {
        if text.len() > MAX_FEED_BYTES {
            return None;
        }
        let seps = skim(&text).filter(|s| s.len() <= super::MAX_MONTHS + 1)?;
        let (&open, &close) = (seps.first()?, seps.last()?);
        // The document with an empty month list.
        let doc = parse(
            &[text.get(..=open)?, text.get(close..)?].concat(),
            limits(0),
        )
        .ok()?;
        let (head, _) = head(&doc).ok()?;
        Some(Reading(Box::new(Inner {
            months: Months::new(true, seps.len()),
            seps,
            text,
            head,
            next: 0,
            broken: false,
        })))
    }

    /// Reads the next months, about [`STEP_BYTES`] of text; `true` once every month is read.
    pub fn step(&mut self) -> bool {
        let r = &mut *self.0;
        let from = r.seps[r.next];
        while let (false, &[a, b, ..]) = (r.broken, &r.seps[r.next..]) {
            if b - from > STEP_BYTES && a > from {
                return false;
            }
            match parse(&r.text[a + 1..b], limits(2)) {
                Ok(m) => r.months.add(r.next, &m, &r.head.parties),
                // Not JSON, or no month at all (`[ ]`; `read_feed` reads it).
                Err(_) => r.broken = true,
            }
            r.next += 1;
        }
        true
    }

    /// The feed, once [`Reading::step`] has read every month; `None` if the document is not
    /// one (read it with [`read_feed`](super::read_feed) to know why).
    pub fn finish(self) -> Option<Feed> {
        let r = *self.0;
        match r.broken || r.next + 1 < r.seps.len() {
            true => None,
            false => r.months.finish(r.head).ok(),
        }
    }
}

/// A month sits two arrays or objects deep (the document, its `months`): its own text may nest
/// as deep as the whole document's limit leaves it.
fn limits(depth: usize) -> Limits {
    Limits {
        max_depth: MAX_DEPTH - depth,
        max_bytes: MAX_FEED_BYTES,
    }
}

/// The byte offsets of the `[`, the separating commas and the `]` of the only `months` member
/// of the top-level object in `b`; `None` if it has none or two, or is not an array. Strings
/// are skipped as JSON writes them (a `\` escapes the next byte), so brackets and commas in
/// them are not counted; whether the rest is JSON is the parser's to say.
fn skim(b: &[u8]) -> Option<Vec<usize>> {
    let mut depth = 0usize;
    let mut seps: Option<Vec<usize>> = None;
    // Inside the months array (the depth it is at): its commas and its end are separators.
    let mut inside = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while let Some(&c) = b.get(i) {
                    match c {
                        b'"' => break,
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
                let name = b.get(start..=i)? == b"\"months\"";
                // A member name at the top: `"months"`, then `:`, then its value.
                let mut j = i + 1;
                while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                    j += 1;
                }
                if depth == 1 && name && b.get(j) == Some(&b':') {
                    j += 1;
                    while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                        j += 1;
                    }
                    if seps.is_some() || b.get(j) != Some(&b'[') {
                        return None;
                    }
                    seps = Some(vec![j]);
                    inside = true;
                    depth += 1;
                    i = j;
                }
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if inside && depth == 1 {
                    inside = false;
                    seps.as_mut()?.push(i);
                }
            }
            b',' if inside && depth == 2 => seps.as_mut()?.push(i),
            _ => {}
        }
        i += 1;
    }
    seps.filter(|_| !inside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::read_feed;

    /// Reads `text` in steps as a page does, falling back to `read_feed` where it must: the
    /// feed, and how many steps read it (0: it fell back).
    fn stepped(text: &[u8]) -> (Option<Feed>, usize) {
        let Some(mut r) = Reading::start(text.to_vec()) else {
            return (read_feed(text).ok(), 0);
        };
        let mut steps = 1;
        while !r.step() {
            steps += 1;
        }
        match r.finish() {
            Some(feed) => (Some(feed), steps),
            None => (read_feed(text).ok(), 0),
        }
    }

    fn sample() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/data/feed.json");
        std::fs::read_to_string(path).expect("the shipped sample feed")
    }

    #[test]
    fn steps_read_what_read_feed_reads() {
        let text = sample();
        let (feed, steps) = stepped(text.as_bytes());
        assert_eq!(feed.as_ref(), read_feed(text.as_bytes()).ok().as_ref());
        assert!(feed.is_some_and(|f| f.months().len() == 42));
        // 53 KB of text: two steps of about 32 KB, without falling back.
        assert_eq!(steps, 2);
    }

    #[test]
    fn skim_finds_the_top_level_months_only() {
        let t = br#"{"a":{"months":[9]},"s":"\"months\":[","months" : [ {"x":[1,2]} , 3 ],"z":["months"]}"#;
        let seps = skim(t).expect("one months array");
        let parts: Vec<&[u8]> = seps.windows(2).map(|w| &t[w[0] + 1..w[1]]).collect();
        assert_eq!(parts, [&br#" {"x":[1,2]} "#[..], b" 3 "]);
        assert_eq!(skim(br#"{"months":[],"months":[]}"#), None);
        assert_eq!(skim(br#"{"months":{}}"#), None);
        // Mismatched brackets are the parser's to find: the rest of the document does not parse.
        assert!(Reading::start(br#"{"months":[1,2}"#.to_vec()).is_none());
        assert_eq!(skim(br#"{"other":[]}"#), None);
    }

    #[test]
    fn anything_unusual_reads_as_read_feed_reads_it() {
        let text = sample();
        let cut = text.find("\"months\"").expect("months");
        let broken = [
            // Not JSON inside a month, or around the months, or a trailing comma.
            text.replacen("\"civilians\"", "\"civilians\" x", 1),
            format!("{}]", text),
            format!(
                "{},\n ]\n}}\n",
                text.trim_end()
                    .trim_end_matches('}')
                    .trim_end()
                    .trim_end_matches(']')
                    .trim_end()
            ),
            // No months at all, an empty list, two lists, a month list that is an object.
            format!("{}\"months\": []}}", &text[..cut]),
            format!("{}\"months\": [ \n ]}}", &text[..cut]),
            text.replacen("\"months\"", "\"months\": [], \"months\"", 1),
            text.replacen("\"months\": [", "\"months\": {\"a\": [", 1),
            // A month of its own that is wrong (left out), and a repeated month.
            text.replacen("\"month\": \"2021-02\"", "\"month\": \"2021-13\"", 1),
            text.replacen("\"month\": \"2021-02\"", "\"month\": \"2021-03\"", 1),
        ];
        for (k, t) in broken.iter().enumerate() {
            assert_ne!(t, &text, "case {k} changed nothing");
            let want = read_feed(t.as_bytes()).ok();
            assert_eq!(stepped(t.as_bytes()).0, want, "case {k}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Damage anywhere (a byte that means something to JSON written over another, or a cut)
        /// reads in steps as `read_feed` reads it: the same feed, or none.
        #[test]
        fn damaged_feeds_read_as_read_feed_reads_them(
            at in 0.0f64..1.0,
            byte in proptest::sample::select(b"\"\\[]{},:1 x".to_vec()),
            cut in proptest::bool::ANY,
        ) {
            let mut t = sample().into_bytes();
            let i = (at * t.len() as f64) as usize;
            if cut { t.truncate(i) } else { t[i] = byte }
            proptest::prop_assert_eq!(stepped(&t).0, read_feed(&t).ok());
        }
    }
}
