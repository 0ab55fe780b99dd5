//! A small, strict JSON parser (RFC 8259), without serde.
//!
//! # Why it exists
//!
//! Size. serde instantiates serde_json's generic parser once per visitor type, and the
//! monomorphized serde code behind the feed reader was about 100 KB of raw wasm, for a widget
//! page whose whole budget is 100 KB compressed. This module is one non-generic parser into one
//! [`JsonValue`] type, which the feed reader (`feed::fields`) reads directly.
//!
//! Measured in this repository (the size gate: `cargo xtask build`, then `cargo xtask sizes`),
//! with the feed reader (`feed::fields`) reading a `serde_json::Value` from
//! `serde_json::from_slice` in place of this module's [`JsonValue`] (and the widgets' config read
//! the same way), every widget page grew by 5.7 KB brotli: glance 87,026 → 92,705 B, parties
//! 96,236 → 101,939, governorates 96,774 → 102,603 and series 97,169 → 102,820, two pages over
//! their 102,400 B budget, where the rule for dropping this module is at least 5 KB of headroom
//! left on every page. So the widgets keep this parser. (`serde_json::Value` would also merge a
//! repeated key silently, where the feed reader refuses a field of the format given twice.)
//!
//! Measured earlier on a scratch crate outside the repository (wasm32-unknown-unknown,
//! `opt-level = "z"`, LTO, one codegen unit, `panic = "abort"`, then `wasm-opt -Oz
//! --enable-bulk-memory --enable-nontrapping-float-to-int`; Rust 1.95, serde_json 1.0.154)
//! whose one export parses a document, walks every value reading each number with `as_u64`
//! and `as_f64`, and on error formats the message. Bytes:
//!
//! | variant                                                   | cargo  | wasm-opt | gzip -9 |
//! |-----------------------------------------------------------|-------:|---------:|--------:|
//! | `serde_json::from_slice::<serde_json::Value>`             | 49 537 |   35 926 |  17 509 |
//! | [`parse`] (this module as it is)                          | 34 511 |   26 260 |  12 550 |
//! | [`parse`], floats read with `str::parse::<f64>` instead   | 51 066 |   41 995 |  26 722 |
//! | [`parse`], no float reading at all                        | 32 542 |   24 442 |  11 454 |
//! | no parser (allocator and a `String` only, the floor)      | 10 576 |    8 107 |   3 769 |
//!
//! Over the floor that is 18 KB for this module against 28 KB for serde_json (gzipped: 8.8 KB
//! against 13.7 KB) for a *single* visitor; the feed reader's many visitors cost more. The
//! standard library's float parser is the largest single item: its power-of-five tables and
//! big-decimal fallback add 15.7 KB optimized, 14.2 KB gzipped, nearly as much again as the
//! whole parser, so [`JsonNumber::as_f64`] is a small reader of its own (1.8 KB optimized, 1.1 KB
//! gzipped) that gives the same results in practice.
//!
//! # Limits, for untrusted input
//!
//! The feed comes from another origin and may be hostile or simply broken, so:
//!
//! - the byte length is checked against [`Limits::max_bytes`] before anything is parsed;
//! - nesting deeper than [`Limits::max_depth`] is an error. The parser itself is iterative (its
//!   stack is a `Vec` of at most `max_depth` frames), so no input can overflow the call stack
//!   while parsing. Dropping, cloning, comparing or debug-printing a [`JsonValue`] recurses once per
//!   nesting level, which `max_depth` bounds too: keep it small (the default is 64);
//! - memory is proportional to the input: every [`JsonValue`] stands for at least one input byte, and
//!   strings and vectors grow by doubling;
//! - nothing panics: every malformed input is a [`JsonError`] with a byte offset, a line, a
//!   column and a [`JsonErrorKind`] (the feed reader words it for its reader).
//!
//! # Strictness
//!
//! Exactly RFC 8259: UTF-8 validated, no byte order mark, no comments, no trailing commas, no
//! single quotes, no leading zeros, no `NaN`/`Infinity`, unescaped control characters rejected,
//! `\u` escapes of unpaired UTF-16 surrogates rejected, any value at top level, only whitespace
//! after it. Where the RFC leaves a choice:
//!
//! - **Duplicate keys** are kept, in document order ([`JsonValue::Object`] is a `Vec` of pairs), and
//!   [`JsonValue::get`] returns the *last* one, as serde_json does. A caller that wants to reject
//!   duplicates can look for them.
//! - **Numbers** keep their exact text ([`JsonNumber::text`]); nothing is lost or rounded at parse
//!   time, and any magnitude is accepted (`1e400` parses; its [`JsonNumber::as_f64`] is `None`).
//!   [`JsonNumber::as_u64`], [`JsonNumber::as_i64`] and [`JsonNumber::is_integer`] go by *syntax*, as
//!   serde_json does: only a number written without fraction or exponent is an integer, so
//!   `3.0` and `3e2` give `None` although their values are whole. Read those with
//!   [`JsonNumber::as_f64`] and check `fract() == 0.0`, as the feed's counts do (JSON Schema's
//!   `integer` accepts `3.0`). Why strict: `as_u64` stays exact and cheap (no decimal
//!   arithmetic on an exponent such as `1e999999999`), numbers split into unsigned, signed and
//!   float exactly as serde_json split them (so a reader ported from serde_json keeps its
//!   behaviour), and whether `3.0` is an acceptable count stays the format's decision, not the
//!   parser's. One difference: `-0` is the integer zero here (`as_u64()` and `as_i64()` are
//!   `Some(0)`), where serde_json reads it as the float `-0.0`.
//! - **Line and column** in errors are 1-based; lines are counted at `\n`, and the column counts
//!   characters (not bytes), so it stays right on lines of Arabic text.

#![forbid(unsafe_code)]

/// The default [`Limits::max_bytes`]: 5 MiB, the feed's limit too.
pub const DEFAULT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The default [`Limits::max_depth`].
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// Bounds on what [`parse`] accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most arrays and objects open at once. `0` accepts only a scalar at top level; `[[1]]` has
    /// depth 2.
    pub max_depth: usize,
    /// Longest accepted input, checked before parsing.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// A JSON number, kept as its exact text.
///
/// Equality is textual: `1.0` and `1` are different numbers here (compare `as_f64` for value).
/// The text is private so that it is always a valid JSON number: numbers come only from
/// [`parse`]. (Nothing here writes JSON: the widgets only read it, and the Rust code that writes
/// feeds, drafts and reports uses serde_json.)
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JsonNumber {
    text: String,
}

impl JsonNumber {
    /// The number exactly as written in the document.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True if the number is written without fraction or exponent (`3`, `-0`; not `3.0`, `3e2`).
    pub fn is_integer(&self) -> bool {
        !self.text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// The value, if written as an integer (see [`JsonNumber::is_integer`]) in `0..=u64::MAX`.
    /// `-0` is `Some(0)`.
    pub fn as_u64(&self) -> Option<u64> {
        match self.as_integer()? {
            (false, digits) => digits_to_u64(digits),
            (true, digits) if digits.bytes().all(|b| b == b'0') => Some(0),
            (true, _) => None,
        }
    }

    /// The value, if written as an integer (see [`JsonNumber::is_integer`]) in `i64::MIN..=i64::MAX`.
    pub fn as_i64(&self) -> Option<i64> {
        let (negative, digits) = self.as_integer()?;
        let mut n: i64 = 0;
        for b in digits.bytes() {
            let d = i64::from(b.wrapping_sub(b'0'));
            n = n.checked_mul(10)?;
            // Accumulate negative values downwards so that i64::MIN fits.
            n = if negative {
                n.checked_sub(d)?
            } else {
                n.checked_add(d)?
            };
        }
        Some(n)
    }

    /// The value, rounded to the nearest `f64`; `None` if its magnitude overflows `f64`
    /// (`1e400`). Tiny magnitudes become subnormal or zero (`1e-400` is `0.0`).
    ///
    /// Not `str::parse::<f64>`, which is exact but whose tables add about 15 KB of gzipped wasm
    /// (see the module documentation), but a small reader with the same result in practice:
    /// one correctly rounded multiplication or division when the significant digits form an
    /// integer up to 2^53 and the exponent is within ±22 (every share a person or a spreadsheet
    /// writes: `12.5`, `0.35`, `33.333333333333`), 128-bit arithmetic otherwise. It agrees with
    /// `str::parse` on millions of random and shortest-form inputs; the one known difference is
    /// a decimal within about 2^-110 of the exact midpoint between two `f64`s (17 or more
    /// significant digits, e.g. `4503599627370497.5`), or within about 10^-18 of one when it has
    /// more than 19 significant digits (only 19 are read), which may come out one unit in the
    /// last place off.
    pub fn as_f64(&self) -> Option<f64> {
        let (negative, text) = match self.text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, self.text.as_str()),
        };
        let (digits, exponent) = text.split_once(['e', 'E']).unwrap_or((text, ""));
        // The first 19 significant digits (below 10^19 < 2^64) and the decimal exponent of the
        // last one kept.
        let (mut w, mut kept, mut exp10, mut fraction) = (0u64, 0, 0i64, false);
        for b in digits.bytes() {
            if b == b'.' {
                fraction = true;
            } else if kept < 19 {
                w = w * 10 + u64::from(b.wrapping_sub(b'0') % 10);
                kept += usize::from(w != 0);
                exp10 -= i64::from(fraction);
            } else {
                exp10 += i64::from(!fraction);
            }
        }
        let mut e: i64 = 0;
        for b in exponent.bytes().filter(u8::is_ascii_digit) {
            // Saturates far beyond any finite f64 (and far below i64 overflow).
            e = (e * 10 + i64::from(b - b'0')).min(1_000_000);
        }
        exp10 += if exponent.starts_with('-') { -e } else { e };
        let f = decimal_to_f64(w, exp10);
        let f = if negative { -f } else { f };
        f.is_finite().then_some(f)
    }

    /// `(negative, digits)` if written as an integer.
    fn as_integer(&self) -> Option<(bool, &str)> {
        if !self.is_integer() {
            return None;
        }
        match self.text.strip_prefix('-') {
            Some(digits) => Some((true, digits)),
            None => Some((false, &self.text)),
        }
    }
}

/// `w · 10^exp10`, rounded to nearest.
///
/// Fast path (Clinger): `w` and `10^|exp10|` are both exact `f64`s, so one multiplication or
/// division rounds once, correctly. Otherwise `10^exp10` is built as a 128-bit mantissa `m` and
/// a binary exponent, one factor of ten at a time, truncating at most 2^-123 relative per step;
/// `w · m` keeps its top 128 bits plus a sticky bit, and the single conversion to `f64` rounds.
/// The result is the correctly rounded value, except within about 2^-110 (relative) of a tie
/// between two `f64`s: `4503599627370497.5`, exactly halfway, should round to the even `f64`
/// above and comes out one unit below, because 10^-1 is truncated.
fn decimal_to_f64(mut w: u64, mut exp10: i64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if w == 0 {
        return 0.0;
    }
    // `2.50` is `25e-1`: shorter, and more often on the fast path.
    while w.is_multiple_of(10) {
        w /= 10;
        exp10 += 1;
    }
    if w <= EXACT && (-22..=22).contains(&exp10) {
        // Every power of ten up to 10^22 is exact, and so is each product on the way.
        let p = (0..exp10.unsigned_abs()).fold(1.0, |p, _| p * 10.0);
        let f = w as f64;
        return if exp10 < 0 { f / p } else { f * p };
    }
    // w >= 1 and w < 10^19, so: above 10^309 overflows, below 10^-363 is zero.
    if exp10 > 309 {
        return f64::INFINITY;
    }
    if exp10 < -363 {
        return 0.0;
    }
    // 10^exp10 = m · 2^e2, m normalized (top bit set).
    let (mut m, mut e2): (u128, i64) = (1 << 127, -127);
    for _ in 0..exp10.unsigned_abs() {
        if exp10 > 0 {
            m = (m >> 4) * 10;
            e2 += 4;
        } else {
            // m / 10 by 32-bit limbs: no 128-bit division routine.
            let (mut q, mut r) = (0u128, 0u64);
            for shift in [96, 64, 32, 0] {
                let cur = (r << 32) | ((m >> shift) as u64 & 0xFFFF_FFFF);
                q |= u128::from(cur / 10) << shift;
                r = cur % 10;
            }
            m = q;
        }
        let z = m.leading_zeros();
        m <<= z;
        e2 -= i64::from(z);
    }
    // The top 128 bits of the 192-bit product w · m, and a sticky bit for the rest. `top` has
    // at least 64 significant bits, so the sticky bit is below the rounding bit.
    let (hi, lo) = (
        u128::from(w) * (m >> 64),
        u128::from(w) * (m & u128::from(u64::MAX)),
    );
    let top = (hi + (lo >> 64)) | u128::from(lo as u64 != 0);
    // The value is top · 2^e; its leading bit has weight 2^(bits - 1 + e).
    let e = e2 + 64;
    let bits = i64::from(128 - top.leading_zeros());
    if bits - 1 + e >= -1022 {
        // Normal (or too large): one rounding to 53 bits, then exact scaling.
        return ldexp(top as f64, e);
    }
    // Subnormal: round once, to a multiple of 2^-1074, half to even.
    let shift = -1074 - e;
    if shift > 128 {
        return 0.0;
    }
    let shift = shift as u32;
    let (q, rest, half) = match shift {
        128 => (0, top, 1u128 << 127),
        _ => (top >> shift, top & ((1 << shift) - 1), 1 << (shift - 1)),
    };
    let q = q + u128::from(rest > half || (rest == half && q & 1 == 1));
    // q <= 2^52, and q · 2^-1074 is representable.
    q as f64 * f64::from_bits(1)
}

/// `f · 2^e`, exact when the result is a normal `f64`.
fn ldexp(mut f: f64, mut e: i64) -> f64 {
    let pow2 = |e: i64| f64::from_bits(((1023 + e) as u64) << 52);
    while e > 1000 {
        f *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 {
        f *= pow2(-1000);
        e += 1000;
    }
    f * pow2(e)
}

fn digits_to_u64(digits: &str) -> Option<u64> {
    let mut n: u64 = 0;
    for b in digits.bytes() {
        n = n
            .checked_mul(10)?
            .checked_add(u64::from(b.wrapping_sub(b'0')))?;
    }
    Some(n)
}

/// A parsed JSON value. Objects keep their members in document order, duplicates included.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    Number(JsonNumber),
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// The member `key` of an object; with duplicate keys, the last one (as serde_json). `None`
    /// if absent or if `self` is not an object.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        self.as_object()?
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn as_number(&self) -> Option<&JsonNumber> {
        match self {
            JsonValue::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match self {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, JsonValue)]> {
        match self {
            JsonValue::Object(members) => Some(members),
            _ => None,
        }
    }
}

/// What is wrong with a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Over [`Limits::max_bytes`]; nothing was parsed.
    TooLarge {
        size: usize,
        max: usize,
    },
    /// Arrays and objects nested deeper than [`Limits::max_depth`].
    TooDeep {
        max: usize,
    },
    /// The input stops in the middle of a value, as a cut-off download does (also: empty input).
    UnexpectedEnd,
    /// Something that cannot start a value (`'a'`, `+1`, `.5`, `NaN`, a stray `]`…).
    ExpectedValue,
    /// An object member must start with a double-quoted name.
    ExpectedKey,
    ExpectedColon,
    /// After an array item: neither `,` nor `]`.
    ExpectedCommaOrBracket,
    /// After an object member: neither `,` nor `}`.
    ExpectedCommaOrBrace,
    /// `[1,]` or `{"a":1,}`.
    TrailingComma,
    /// Anything but whitespace after the top-level value.
    TrailingCharacters,
    /// A word that is not `true`, `false` or `null` (`tru`, `True`, `nil`).
    InvalidLiteral,
    /// Leading zero, `-` without digits, `1.`, `1e`.
    InvalidNumber,
    /// An unescaped character below U+0020 in a string (a raw tab or line break).
    ControlCharacter,
    /// A backslash followed by something other than `" \ / b f n r t u`.
    InvalidEscape,
    /// `\u` not followed by four hexadecimal digits.
    InvalidUnicodeEscape,
    /// `\uD800`–`\uDFFF` that is not a high surrogate followed by a low one.
    LoneSurrogate,
    InvalidUtf8,
    /// The input starts with U+FEFF.
    ByteOrderMark,
    /// `//` or `/*`.
    Comment,
}

/// A parse error: where (byte offset; 1-based line and column, the column in characters) and
/// what. For [`JsonErrorKind::TooLarge`] the position is the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub kind: JsonErrorKind,
}

impl JsonError {
    fn at(bytes: &[u8], offset: usize, kind: JsonErrorKind) -> JsonError {
        let before = bytes.get(..offset).unwrap_or(bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        JsonError {
            offset,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            // Characters, not bytes: count everything but UTF-8 continuation bytes.
            column: 1 + before[line_start..]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count(),
            kind,
        }
    }
}

/// Parses one JSON document. See the module documentation for what is accepted.
pub fn parse(bytes: &[u8], limits: Limits) -> Result<JsonValue, JsonError> {
    if bytes.len() > limits.max_bytes {
        return Err(JsonError {
            offset: 0,
            line: 1,
            column: 1,
            kind: JsonErrorKind::TooLarge {
                size: bytes.len(),
                max: limits.max_bytes,
            },
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(JsonError::at(bytes, 0, JsonErrorKind::ByteOrderMark));
    }
    Parser { b: bytes, i: 0 }
        .document(limits.max_depth)
        .map_err(|(offset, kind)| JsonError::at(bytes, offset, kind))
}

/// An error before its line and column are worked out: `(offset, kind)`.
type Fail = (usize, JsonErrorKind);

/// An array or object being read.
enum Frame {
    Array(Vec<JsonValue>),
    /// The members so far and the key of the value being read.
    Object(Vec<(String, JsonValue)>, String),
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.i += usize::from(found);
        found
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// The error for an unexpected byte (or the end) where `kind` describes what was wanted.
    fn unexpected(&self, kind: JsonErrorKind) -> Fail {
        let kind = match (self.peek(), self.b.get(self.i + 1)) {
            (None, _) => JsonErrorKind::UnexpectedEnd,
            (Some(b'/'), Some(b'/' | b'*')) => JsonErrorKind::Comment,
            _ => kind,
        };
        (self.i, kind)
    }

    /// The whole input as one value followed by whitespace. Iterative: open arrays and objects
    /// are frames on `stack`, never calls.
    fn document(&mut self, max_depth: usize) -> Result<JsonValue, Fail> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            self.skip_ws();
            let mut value = match self.peek() {
                Some(open @ (b'[' | b'{')) => {
                    if stack.len() >= max_depth {
                        return Err((self.i, JsonErrorKind::TooDeep { max: max_depth }));
                    }
                    self.i += 1;
                    self.skip_ws();
                    if open == b'[' {
                        if self.eat(b']') {
                            JsonValue::Array(Vec::new())
                        } else {
                            stack.push(Frame::Array(Vec::new()));
                            continue 'value;
                        }
                    } else if self.eat(b'}') {
                        JsonValue::Object(Vec::new())
                    } else {
                        let key = self.key()?;
                        stack.push(Frame::Object(Vec::new(), key));
                        continue 'value;
                    }
                }
                Some(b'"') => JsonValue::String(self.string()?),
                Some(b't') => self.literal("true", JsonValue::Bool(true))?,
                Some(b'f') => self.literal("false", JsonValue::Bool(false))?,
                Some(b'n') => self.literal("null", JsonValue::Null)?,
                Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
                _ => return Err(self.unexpected(JsonErrorKind::ExpectedValue)),
            };
            // `value` is complete: add it to the innermost open container, closing containers
            // for as long as their closing bracket follows.
            loop {
                self.skip_ws();
                match stack.pop() {
                    None => {
                        return match self.peek() {
                            None => Ok(value),
                            Some(_) => Err(self.unexpected(JsonErrorKind::TrailingCharacters)),
                        };
                    }
                    Some(Frame::Array(mut items)) => {
                        items.push(value);
                        if self.eat(b',') {
                            self.skip_ws();
                            if self.peek() == Some(b']') {
                                return Err((self.i, JsonErrorKind::TrailingComma));
                            }
                            stack.push(Frame::Array(items));
                            continue 'value;
                        } else if self.eat(b']') {
                            value = JsonValue::Array(items);
                        } else {
                            return Err(self.unexpected(JsonErrorKind::ExpectedCommaOrBracket));
                        }
                    }
                    Some(Frame::Object(mut members, key)) => {
                        members.push((key, value));
                        if self.eat(b',') {
                            self.skip_ws();
                            if self.peek() == Some(b'}') {
                                return Err((self.i, JsonErrorKind::TrailingComma));
                            }
                            let key = self.key()?;
                            stack.push(Frame::Object(members, key));
                            continue 'value;
                        } else if self.eat(b'}') {
                            value = JsonValue::Object(members);
                        } else {
                            return Err(self.unexpected(JsonErrorKind::ExpectedCommaOrBrace));
                        }
                    }
                }
            }
        }
    }

    /// A member name and its colon (whitespace before the name already skipped).
    fn key(&mut self) -> Result<String, Fail> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected(JsonErrorKind::ExpectedKey));
        }
        let key = self.string()?;
        self.skip_ws();
        if !self.eat(b':') {
            return Err(self.unexpected(JsonErrorKind::ExpectedColon));
        }
        Ok(key)
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, Fail> {
        let rest = self.b.get(self.i..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else if word.as_bytes().starts_with(rest) {
            // `tr` and then the end of the input: cut off, not misspelt.
            Err((self.b.len(), JsonErrorKind::UnexpectedEnd))
        } else {
            Err((self.i, JsonErrorKind::InvalidLiteral))
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<JsonNumber, Fail> {
        let start = self.i;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err((start, JsonErrorKind::InvalidNumber));
                }
            }
            _ => self.digits(start)?,
        }
        if self.eat(b'.') {
            self.digits(start)?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.digits(start)?;
        }
        let text = self.b.get(start..self.i).unwrap_or_default();
        Ok(JsonNumber {
            text: text.iter().map(|&b| char::from(b)).collect(),
        })
    }

    /// One or more digits; else the number that began at `start` is invalid (or cut off).
    fn digits(&mut self, start: usize) -> Result<(), Fail> {
        let first = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        match (self.i > first, self.peek()) {
            (true, _) => Ok(()),
            (false, None) => Err((self.i, JsonErrorKind::UnexpectedEnd)),
            (false, Some(_)) => Err((start, JsonErrorKind::InvalidNumber)),
        }
    }

    /// A string literal, at its opening quote.
    fn string(&mut self) -> Result<String, Fail> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // A run of plain bytes. It ends only at an ASCII byte, so it is whole UTF-8 unless
            // the document is not UTF-8.
            let start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            let run = self.b.get(start..self.i).unwrap_or_default();
            match std::str::from_utf8(run) {
                Ok(s) => out.push_str(s),
                // A character cut off by the end of the input: a truncated document.
                Err(e) if e.error_len().is_none() && self.i == self.b.len() => {
                    return Err((self.i, JsonErrorKind::UnexpectedEnd))
                }
                Err(e) => return Err((start + e.valid_up_to(), JsonErrorKind::InvalidUtf8)),
            }
            match self.peek() {
                None => return Err((self.i, JsonErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(_) => return Err((self.i, JsonErrorKind::ControlCharacter)),
            }
        }
    }

    /// An escape sequence, at its backslash.
    fn escape(&mut self) -> Result<char, Fail> {
        let at = self.i;
        self.i += 1;
        let Some(c) = self.peek() else {
            return Err((self.i, JsonErrorKind::UnexpectedEnd));
        };
        self.i += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4(at)?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        let second = self.i;
                        match (self.peek(), self.b.get(self.i + 1)) {
                            (None, _) | (Some(b'\\'), None) => {
                                return Err((self.b.len(), JsonErrorKind::UnexpectedEnd))
                            }
                            (Some(b'\\'), Some(b'u')) => self.i += 2,
                            _ => return Err((at, JsonErrorKind::LoneSurrogate)),
                        }
                        let low = self.hex4(second)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err((at, JsonErrorKind::LoneSurrogate));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err((at, JsonErrorKind::LoneSurrogate)),
                    _ => unit,
                };
                char::from_u32(code).ok_or((at, JsonErrorKind::LoneSurrogate))?
            }
            _ => return Err((at, JsonErrorKind::InvalidEscape)),
        })
    }

    /// The four hex digits of the `\u` escape that starts at `at`.
    fn hex4(&mut self, at: usize) -> Result<u32, Fail> {
        let mut unit = 0;
        for _ in 0..4 {
            let Some(c) = self.peek() else {
                return Err((self.i, JsonErrorKind::UnexpectedEnd));
            };
            let digit = char::from(c)
                .to_digit(16)
                .ok_or((at, JsonErrorKind::InvalidUnicodeEscape))?;
            unit = unit * 16 + digit;
            self.i += 1;
        }
        Ok(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(text: &str) -> JsonValue {
        parse(text.as_bytes(), Limits::default())
            .unwrap_or_else(|e| panic!("{text:?} should parse: {e:?}"))
    }

    fn fail(bytes: &[u8]) -> JsonError {
        match parse(bytes, Limits::default()) {
            Ok(v) => panic!(
                "{:?} should fail, parsed as {v:?}",
                String::from_utf8_lossy(bytes)
            ),
            Err(e) => e,
        }
    }

    fn num(text: &str) -> JsonNumber {
        ok(text).as_number().unwrap().clone()
    }

    /// Structural equality with serde_json's value. serde_json's map keeps the last of
    /// duplicate keys, like [`JsonValue::get`]. Floats may differ by up to `ulps` units in the last
    /// place: serde_json's default float parsing is fast but not always correctly rounded, and
    /// `as_f64` is, so against a value serde_json *parsed* allow 2; against a value it was
    /// *given* (and printed exactly, shortest round-trip form), require 0.
    fn same(mine: &JsonValue, theirs: &serde_json::Value, ulps: u64) -> bool {
        use serde_json::Value as S;
        match (mine, theirs) {
            (JsonValue::Null, S::Null) => true,
            (JsonValue::Bool(a), S::Bool(b)) => a == b,
            (JsonValue::String(a), S::String(b)) => a == b,
            (JsonValue::Number(a), S::Number(b)) => {
                if let Some(u) = b.as_u64() {
                    a.as_u64() == Some(u) && a.as_i64() == i64::try_from(u).ok()
                } else if let Some(i) = b.as_i64() {
                    a.as_i64() == Some(i) && a.as_u64().is_none()
                } else {
                    // serde_json reads `-0` as the float -0.0; here it is also the integer 0.
                    let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
                    (a.as_u64().is_none() || a.text() == "-0")
                        && (x == y || x.to_bits().abs_diff(y.to_bits()) <= ulps)
                }
            }
            (JsonValue::Array(a), S::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, ulps))
            }
            (JsonValue::Object(a), S::Object(b)) => {
                let mut keys: Vec<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
                keys.sort_unstable();
                keys.dedup();
                keys.len() == b.len()
                    && b.iter()
                        .all(|(k, v)| mine.get(k).is_some_and(|m| same(m, v, ulps)))
            }
            _ => false,
        }
    }

    #[test]
    fn accepts_valid_documents() {
        let cases = [
            "[]",
            "{}",
            "[[]]",
            "[{}]",
            "\"x\"",
            "123",
            "-0",
            "0e1",
            "0.5",
            "-0.0",
            "1E+2",
            "1e-2",
            "-1.5e10",
            "true",
            "false",
            "null",
            " \t\r\n[ 1 ,\n2\t] \r\n",
            "{\"a\":1,\"a\":2}",
            "[\"\\u0000\"]",
            "[\"\"]",
            "{\"\":0}",
            "[\"\\/\"]",
            "[\"\\uD834\\uDD1E\"]",
            "[\"é ش 😀\"]",
            "[\"\\uDBFF\\uDFFF\"]",
            "[\"\\uFFFF\"]",
            "[1e400]",
            "{\"a\":[{\"b\":null}],\"c\":{\"d\":[true,false]}}",
            "[\"\u{7f}\"]",
            "[-9223372036854775808, 18446744073709551615]",
        ];
        for text in cases {
            let v = ok(text);
            // Whatever serde_json accepts it reads the same (it refuses only `1e400`).
            if let Ok(theirs) = serde_json::from_str::<serde_json::Value>(text) {
                assert!(same(&v, &theirs, 0), "{text}: {v:?} vs {theirs:?}");
            }
        }
    }

    #[test]
    fn rejects_invalid_documents_with_the_right_kind() {
        use JsonErrorKind::*;
        let cases: &[(&[u8], JsonErrorKind)] = &[
            (b"", UnexpectedEnd),
            (b"  \n ", UnexpectedEnd),
            (b"[", UnexpectedEnd),
            (b"[1", UnexpectedEnd),
            (b"{\"a\":", UnexpectedEnd),
            (b"[\"abc", UnexpectedEnd),
            (b"[tr", UnexpectedEnd),
            (b"[-", UnexpectedEnd),
            (b"[1.", UnexpectedEnd),
            (b"[\"\xD8", UnexpectedEnd),
            (b"[\"\\uD800", UnexpectedEnd),
            (b"[1,]", TrailingComma),
            (b"{\"a\":1,}", TrailingComma),
            (b"[,1]", ExpectedValue),
            (b"[1,,2]", ExpectedValue),
            (b"{,}", ExpectedKey),
            (b"[1 2]", ExpectedCommaOrBracket),
            (b"{\"a\":1 \"b\":2}", ExpectedCommaOrBrace),
            (b"{\"a\" 1}", ExpectedColon),
            (b"{\"a\":}", ExpectedValue),
            (b"{a:1}", ExpectedKey),
            (b"{'a':1}", ExpectedKey),
            (b"['a']", ExpectedValue),
            (b"[01]", InvalidNumber),
            (b"[-01]", InvalidNumber),
            (b"[1.]", InvalidNumber),
            (b"[.1]", ExpectedValue),
            (b"[+1]", ExpectedValue),
            (b"[1e]", InvalidNumber),
            (b"[1e+]", InvalidNumber),
            (b"[-]", InvalidNumber),
            (b"[- 1]", InvalidNumber),
            (b"[0x10]", ExpectedCommaOrBracket),
            (b"[Infinity]", ExpectedValue),
            (b"[NaN]", ExpectedValue),
            (b"[tru]", InvalidLiteral),
            (b"[True]", ExpectedValue),
            (b"[nul]", InvalidLiteral),
            (b"[truex]", ExpectedCommaOrBracket),
            (b"[\"\\x\"]", InvalidEscape),
            (b"[\"\\'\"]", InvalidEscape),
            (b"[\"\\u12\"]", InvalidUnicodeEscape),
            (b"[\"\\uZZZZ\"]", InvalidUnicodeEscape),
            (b"[\"\\uD800\"]", LoneSurrogate),
            (b"[\"\\uDC00\"]", LoneSurrogate),
            (b"[\"\\uD800\\u0041\"]", LoneSurrogate),
            (b"[\"\\uD800\\uD800\"]", LoneSurrogate),
            (b"[\"\\uD800x\"]", LoneSurrogate),
            (b"[\"\\uD800\\n\"]", LoneSurrogate),
            (b"[\"a\tb\"]", ControlCharacter),
            (b"[\"a\nb\"]", ControlCharacter),
            (b"[\"\x00\"]", ControlCharacter),
            (b"[\"\xff\"]", InvalidUtf8),
            (b"[\"\xC0\x80\"]", InvalidUtf8),
            (b"[\"\xED\xA0\x80\"]", InvalidUtf8),
            (b"[\"\xE2\x82\"]", InvalidUtf8),
            (b"[\xff]", ExpectedValue),
            (b"[1] x", TrailingCharacters),
            (b"[1]]", TrailingCharacters),
            (b"{}}", TrailingCharacters),
            (b"1 2", TrailingCharacters),
            (b"[1]\x00", TrailingCharacters),
            (b"[1, // one\n2]", Comment),
            (b"/* c */ 1", Comment),
            (b"1 // c", Comment),
            (b"\xEF\xBB\xBF[]", ByteOrderMark),
            (b"]", ExpectedValue),
        ];
        for (bytes, kind) in cases {
            let e = fail(bytes);
            assert_eq!(e.kind, *kind, "{:?}", String::from_utf8_lossy(bytes));
            // serde_json refuses all of them too.
            assert!(serde_json::from_slice::<serde_json::Value>(bytes).is_err());
        }
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = fail(b"{\n  \"a\": tru\n}");
        assert_eq!((e.offset, e.line, e.column), (9, 2, 8));
        // Columns count characters: three two-byte Arabic letters before the `x`.
        let e = fail("[\"شام\", x]".as_bytes());
        assert_eq!(
            (e.line, e.column, e.kind),
            (1, 9, JsonErrorKind::ExpectedValue)
        );
        assert_eq!(e.offset, 11);
        let e = fail(b"[1,\r\n 2,]");
        assert_eq!((e.offset, e.line, e.column), (8, 2, 4));
        let e = fail(b"[\"\\uD800 \"]");
        assert_eq!((e.offset, e.kind), (2, JsonErrorKind::LoneSurrogate));
        let e = fail(b"[\"ok\xff\"]");
        assert_eq!((e.offset, e.kind), (4, JsonErrorKind::InvalidUtf8));
        assert_eq!(fail(b"[\"abc").offset, 5);
    }

    #[test]
    fn escapes_decode() {
        let v = ok(r#""\"\\\/\b\f\n\r\t\u0041\u00e9\u4E2D\u0000""#);
        assert_eq!(v.as_str(), Some("\"\\/\u{8}\u{c}\n\r\tAé中\0"));
        assert_eq!(ok(r#""a\u0632b""#).as_str(), Some("a\u{632}b"));
    }

    #[test]
    fn surrogate_pairs_combine() {
        assert_eq!(ok(r#""\uD834\uDD1E""#).as_str(), Some("𝄞"));
        assert_eq!(ok(r#""\ud83d\ude00x""#).as_str(), Some("😀x"));
        assert_eq!(ok(r#""\uD800\uDC00""#).as_str(), Some("\u{10000}"));
        assert_eq!(ok(r#""\uDBFF\uDFFF""#).as_str(), Some("\u{10FFFF}"));
        assert_eq!(ok(r#""\uD7FF\uE000""#).as_str(), Some("\u{D7FF}\u{E000}"));
    }

    #[test]
    fn depth_is_limited_without_recursion() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(nested(64).as_bytes(), Limits::default()).is_ok());
        let e = parse(nested(65).as_bytes(), Limits::default()).unwrap_err();
        assert_eq!((e.kind, e.offset), (JsonErrorKind::TooDeep { max: 64 }, 64));
        let objects = format!("{}1{}", "{\"a\":".repeat(65), "}".repeat(65));
        let e = parse(objects.as_bytes(), Limits::default()).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::TooDeep { max: 64 });
        let zero = Limits {
            max_depth: 0,
            ..Limits::default()
        };
        assert_eq!(parse(b"1", zero), Ok(ok("1")));
        assert!(parse(b"[]", zero).is_err());
        // A million open brackets: an error, not a stack overflow, even with no depth limit.
        let deep = "[".repeat(1_000_000);
        assert_eq!(
            fail(deep.as_bytes()).kind,
            JsonErrorKind::TooDeep { max: 64 }
        );
        let unlimited = Limits {
            max_depth: usize::MAX,
            max_bytes: usize::MAX,
        };
        let e = parse(deep.as_bytes(), unlimited).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::UnexpectedEnd);
    }

    #[test]
    fn size_is_checked_before_parsing() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert!(parse(b"[1,2,3,44]", limits).is_ok());
        // Not even looked at: the error is the size, not the syntax.
        let e = parse(b"[1,2,3,4,,]", limits).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::TooLarge { size: 11, max: 10 });
        assert_eq!((e.offset, e.line, e.column), (0, 1, 1));
        assert_eq!(Limits::default().max_bytes, 5 * 1024 * 1024);
    }

    #[test]
    fn numbers_keep_their_text() {
        let big = "123456789012345678901234567890123456789012345678901234567890";
        let v = ok(&format!("[{big}, 1.50, -0, 1E+02]"));
        let items = v.as_array().unwrap();
        let texts: Vec<&str> = items
            .iter()
            .map(|n| n.as_number().unwrap().text())
            .collect();
        assert_eq!(texts, [big, "1.50", "-0", "1E+02"]);
        assert_eq!(items[0].as_number().unwrap().as_u64(), None);
        assert_eq!(
            items[0].as_number().unwrap().as_f64(),
            Some(1.2345678901234568e59)
        );
    }

    #[test]
    fn number_classification() {
        // (text, is_integer, as_u64, as_i64, as_f64)
        type Case = (&'static str, bool, Option<u64>, Option<i64>, Option<f64>);
        let cases: &[Case] = &[
            ("0", true, Some(0), Some(0), Some(0.0)),
            ("-0", true, Some(0), Some(0), Some(-0.0)),
            ("42", true, Some(42), Some(42), Some(42.0)),
            ("-5", true, None, Some(-5), Some(-5.0)),
            (
                "18446744073709551615",
                true,
                Some(u64::MAX),
                None,
                Some(1.8446744073709552e19),
            ),
            (
                "18446744073709551616",
                true,
                None,
                None,
                Some(1.8446744073709552e19),
            ),
            (
                "9223372036854775807",
                true,
                Some(i64::MAX as u64),
                Some(i64::MAX),
                Some(9.223372036854776e18),
            ),
            (
                "9223372036854775808",
                true,
                Some(1 << 63),
                None,
                Some(9.223372036854776e18),
            ),
            (
                "-9223372036854775808",
                true,
                None,
                Some(i64::MIN),
                Some(-9.223372036854776e18),
            ),
            (
                "-9223372036854775809",
                true,
                None,
                None,
                Some(-9.223372036854776e18),
            ),
            // Integer-valued but not integer syntax: only as_f64 (see the module docs).
            ("3.0", false, None, None, Some(3.0)),
            ("3e2", false, None, None, Some(300.0)),
            ("3E+2", false, None, None, Some(300.0)),
            ("2.5", false, None, None, Some(2.5)),
            ("-1.5e-3", false, None, None, Some(-0.0015)),
            ("0.1", false, None, None, Some(0.1)),
            ("1e308", false, None, None, Some(1e308)),
            ("1.7976931348623157e308", false, None, None, Some(f64::MAX)),
            ("1.8e308", false, None, None, None),
            ("1e400", false, None, None, None),
            ("-1e400", false, None, None, None),
            ("1e-400", false, None, None, Some(0.0)),
            ("4.9e-324", false, None, None, Some(4.9e-324)),
        ];
        for &(text, integer, u, i, f) in cases {
            let n = num(text);
            assert_eq!(n.is_integer(), integer, "{text}");
            assert_eq!(n.as_u64(), u, "{text}");
            assert_eq!(n.as_i64(), i, "{text}");
            assert_eq!(n.as_f64(), f, "{text}");
        }
        assert_eq!(num("-0").as_f64().map(f64::is_sign_negative), Some(true));
        for bad in ["", "01", "1.", ".1", "+1", "-", "1e", "0x1", "NaN", "1_000"] {
            assert!(parse(bad.as_bytes(), Limits::default()).is_err(), "{bad}");
        }
    }

    #[test]
    fn floats_match_the_standard_library() {
        let cases = [
            "12.5",
            "0.35",
            "43.48",
            "33.333333333333336",
            "66.66666666666667",
            "2.50",
            "100.000000000000000000000000001",
            "0.1e1",
            "123456789012345678901234567890e-10",
            "9007199254740993",
            "9007199254740995.0",
            "1e22",
            "1e23",
            "8.988465674311579e307",
            "2.2250738585072014e-308",
            "2.225073858507201e-308",
            "1e-310",
            "4.9e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "1.7976931348623158e308",
            "0.000000000000000000000000000000000001",
            "1797693134862315708145274237317043567981e-40",
        ];
        for text in cases {
            let exact: f64 = text.parse().unwrap();
            assert_eq!(num(text).as_f64(), Some(exact), "{text}");
            assert_eq!(num(&format!("-{text}")).as_f64(), Some(-exact), "-{text}");
        }
        // The documented difference: an exact midpoint after a truncated 10^-1.
        let (mine, exact) = (
            num("4503599627370497.5").as_f64().unwrap(),
            4503599627370498.0_f64,
        );
        assert_eq!(exact.to_bits() - mine.to_bits(), 1);
    }

    #[test]
    fn duplicate_keys_are_kept_and_get_returns_the_last() {
        let v = ok(r#"{"a":1,"b":2,"a":3}"#);
        assert_eq!(v.as_object().unwrap().len(), 3);
        assert_eq!(v.get("a"), Some(&JsonValue::Number(num("3"))));
        assert_eq!(v.get("c"), None);
        assert_eq!(ok("[1]").get("a"), None);
    }

    #[test]
    fn published_feed_reads_as_serde_json_reads_it() {
        let text = include_str!("../../../static/data/feed.json");
        let mine = ok(text);
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(same(&mine, &theirs, 0));
        assert_eq!(
            mine.get("format").and_then(JsonValue::as_str),
            Some("sijil-monthly-tallies")
        );
    }

    /// A JSON value as serde_json builds it, for the properties below.
    fn any_serde_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as S;
        let text = || prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter);
        let leaf = prop_oneof![
            Just(S::Null),
            any::<bool>().prop_map(S::Bool),
            any::<u64>().prop_map(S::from),
            any::<i64>().prop_map(S::from),
            any::<f64>()
                .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
                .prop_map(S::from),
            text().prop_map(S::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(S::Array),
                prop::collection::vec((text(), inner), 0..6)
                    .prop_map(|members| S::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 4096,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Every finite f64, in shortest form (as serde_json and JavaScript write it) and in
        /// exponent form, reads back exactly.
        #[test]
        fn floats_read_back_exactly(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            for text in [format!("{f}"), format!("{f:e}"), format!("{f:.3}")] {
                let exact: f64 = text.parse().unwrap();
                prop_assert_eq!(num(&text).as_f64().map(f64::to_bits), Some(exact.to_bits()), "{}", text);
            }
        }

        /// Decimals as people write them: the fast path is exact.
        #[test]
        fn short_decimals_are_exact(digits in 0u64..10_000_000_000_000_000, point in 0usize..24, exp in -30i32..30) {
            let mut text = digits.to_string();
            if point > 0 && point <= text.len() {
                text.insert(text.len() - point, '.');
                if text.starts_with('.') {
                    text.insert(0, '0');
                }
            }
            for text in [text.clone(), format!("{text}e{exp}")] {
                let exact: f64 = text.parse().unwrap();
                prop_assert_eq!(num(&text).as_f64(), Some(exact), "{}", text);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 1024,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64), depth in 0usize..4) {
            let limits = Limits { max_depth: depth, ..Limits::default() };
            if let Err(e) = parse(&bytes, limits) {
                prop_assert!(e.offset <= bytes.len());
            }
        }

        #[test]
        fn serde_json_output_parses_to_the_same_structure(v in any_serde_value()) {
            let text = serde_json::to_string(&v).unwrap();
            let mine = parse(text.as_bytes(), Limits::default()).unwrap();
            prop_assert!(same(&mine, &v, 0), "{text}");
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            prop_assert_eq!(parse(pretty.as_bytes(), Limits::default()).unwrap(), mine);
        }

        /// A valid document with one byte changed, inserted or removed: accepted exactly when
        /// serde_json accepts it (except numbers too large for f64, which serde_json refuses),
        /// and never a panic.
        #[test]
        fn damaged_documents_agree_with_serde_json(
            v in any_serde_value(),
            at in any::<prop::sample::Index>(),
            byte in any::<u8>(),
            edit in 0u8..3,
        ) {
            let mut bytes = serde_json::to_vec(&v).unwrap();
            let i = at.index(bytes.len() + 1);
            match edit {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
            let mine = parse(&bytes, Limits::default());
            let theirs = serde_json::from_slice::<serde_json::Value>(&bytes);
            match (&mine, &theirs) {
                (Ok(m), Ok(t)) => prop_assert!(same(m, t, 2)),
                (Err(_), Err(_)) => {}
                (Ok(_), Err(e)) => prop_assert!(e.to_string().contains("number out of range"), "{e}"),
                (Err(e), Ok(_)) => prop_assert!(false, "we refused what serde_json accepts: {e:?}"),
            }
        }
    }
}
