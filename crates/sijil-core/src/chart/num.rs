//! Writing chart numbers as SVG attribute text with at most one decimal.
//!
//! Rust's float formatting pulls tens of kilobytes of code into the wasm; readers on mobile data
//! pay for every byte, and a tenth of a pixel is all the precision a chart needs. Rounding to
//! tenths and printing integers gives the same text for a fraction of the size.

/// `12.345` → `"12.3"`, `3.0` → `"3"`, `-0.04` → `"0"`. Non-finite values become `"0"`.
pub fn px(v: f64) -> String {
    let mut s = String::new();
    push_px(&mut s, v);
    s
}

/// [`px`] appended to `out`, without an intermediate string: a chart writes thousands of these,
/// so the text is put together in a small buffer and appended once.
pub fn push_px(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push('0');
        return;
    }
    let tenths = (v * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).unsigned_abs());
    let mut buf = [0u8; 24];
    let mut i = digits_into(&mut buf[..22], whole.unsigned_abs());
    // Only a non-zero value gets a sign, so -0.04 is written "0", not "-0".
    if tenths < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    let mut end = 22;
    if frac != 0 {
        buf[22] = b'.';
        buf[23] = b'0' + frac as u8;
        end = 24;
    }
    out.push_str(std::str::from_utf8(&buf[i..end]).unwrap_or("0"));
}

/// Appends `n` in ASCII decimal digits (without `fmt`, which is slow and large in wasm).
pub fn push_uint(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let i = digits_into(&mut buf, n);
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// Writes the digits of `n` at the end of `buf` (20 bytes hold any `u64`) and returns where
/// they start.
fn digits_into(buf: &mut [u8], mut n: u64) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

/// A number as the feed wrote it, up to 6 decimals, trailing zeros dropped: `43.48` →
/// `"43.48"`, `27.0` → `"27"`. Shares keep the precision their publisher gave them.
pub fn decimal(v: f64) -> String {
    crate::feed::decimal(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_tenths_like_float_formatting() {
        for v in [
            0.0,
            1.0,
            12.345,
            12.35,
            -3.25,
            199.96,
            640.0,
            0.04,
            -0.04,
            -0.5,
            1e6 + 0.25,
        ] {
            let expected = format!("{:.1}", (v * 10.0_f64).round() / 10.0);
            let expected = expected.strip_suffix(".0").unwrap_or(&expected);
            let expected = if expected == "-0" { "0" } else { expected };
            assert_eq!(px(v), expected, "{v}");
        }
        assert_eq!(px(f64::NAN), "0");
        assert_eq!(decimal(43.48), "43.48");
        assert_eq!(decimal(27.0), "27");
        assert_eq!(decimal(12.125), "12.125");
    }
}
