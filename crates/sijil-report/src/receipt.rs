//! Report identity: the UUID that makes delivery idempotent and the short receipt code a
//! relative writes down.
//!
//! The browser draws the UUID when a report is started (randomness is the caller's job: this
//! crate does no IO). The receipt code is derived from the UUID, so the phone can show it before
//! anything is sent and the intake server answers with the same code without a database.

/// A report id: a random (version 4) UUID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReportId([u8; 16]);

/// Crockford's base32 alphabet: no I, L, O or U, so a code read over a phone is unambiguous.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl ReportId {
    /// Builds a version-4 UUID from 16 random bytes, setting the version and variant bits.
    pub fn from_random(mut bytes: [u8; 16]) -> Self {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        ReportId(bytes)
    }

    /// Parses the canonical hyphenated lowercase or uppercase form
    /// (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`). Only version-4 UUIDs are accepted: anything else
    /// did not come from our client and is refused before it can name a file.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 36 {
            return None;
        }
        let mut out = [0u8; 16];
        let mut nibbles = 0usize;
        for (i, &c) in b.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                if c != b'-' {
                    return None;
                }
                continue;
            }
            let v = (c as char).to_digit(16)? as u8;
            out[nibbles / 2] |= if nibbles.is_multiple_of(2) { v << 4 } else { v };
            nibbles += 1;
        }
        let id = ReportId(out);
        (out[6] >> 4 == 4 && out[8] >> 6 == 0b10).then_some(id)
    }

    pub fn bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Receipt code: the first 40 random bits in Crockford base32, as `XXXX-XXXX`.
    /// 40 bits make an accidental clash between two reports about one in a trillion.
    pub fn receipt_code(&self) -> String {
        let mut bits: u64 = 0;
        for &byte in &self.0[..5] {
            bits = (bits << 8) | u64::from(byte);
        }
        let mut code = String::with_capacity(9);
        for i in 0..8 {
            if i == 4 {
                code.push('-');
            }
            let shift = 35 - 5 * i;
            code.push(CROCKFORD[((bits >> shift) & 31) as usize] as char);
        }
        code
    }
}

impl std::fmt::Display for ReportId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

/// A receipt code as a relative types it back (to add information to a report they sent):
/// any case, spaces or no dash, Arabic-Indic digits, and the letters Crockford's alphabet
/// reads as digits (O → 0, I and L → 1). `None` unless it is eight characters of the alphabet.
pub fn normalize_receipt(raw: &str) -> Option<String> {
    let mut code = String::with_capacity(9);
    for c in sijil_core::digits::normalize(raw).chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if CROCKFORD.contains(&(c as u32).try_into().unwrap_or(b'!')) => c,
            _ => return None,
        };
        if code.len() == 4 {
            code.push('-');
        }
        code.push(c);
    }
    (code.len() == 9).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_become_a_v4_uuid_that_round_trips() {
        let id = ReportId::from_random([0xff; 16]);
        let text = id.to_string();
        assert_eq!(text, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(ReportId::parse(&text), Some(id));
        assert_eq!(ReportId::parse(&text.to_uppercase()), Some(id));
    }

    #[test]
    fn rejects_non_v4_and_malformed_ids() {
        assert_eq!(
            ReportId::parse("ffffffff-ffff-1fff-bfff-ffffffffffff"),
            None
        );
        assert_eq!(
            ReportId::parse("../../../../etc/passwd-aaaaaaaaaaaaa"),
            None
        );
        assert_eq!(ReportId::parse("ffffffffffff4fffbfffffffffffffff"), None);
        assert_eq!(
            ReportId::parse("gfffffff-ffff-4fff-bfff-ffffffffffff"),
            None
        );
        assert_eq!(ReportId::parse(""), None);
    }

    #[test]
    fn receipt_code_is_stable_and_unambiguous() {
        let id = ReportId::parse("0123abcd-ef01-4234-8567-89abcdef0123").expect("valid");
        let code = id.receipt_code();
        assert_eq!(code, "04HT-QKFF");
        assert_eq!(code, id.receipt_code());
        let other = ReportId::parse("0123abce-ef01-4234-8567-89abcdef0123").expect("valid");
        assert_ne!(other.receipt_code(), code);
        assert!(!code.contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn a_receipt_typed_back_is_normalized_or_refused() {
        assert_eq!(normalize_receipt("04HT-QKFF").as_deref(), Some("04HT-QKFF"));
        assert_eq!(
            normalize_receipt(" ٠٤ht qkff ").as_deref(),
            Some("04HT-QKFF")
        );
        assert_eq!(normalize_receipt("o4HTQKFF").as_deref(), Some("04HT-QKFF"));
        assert_eq!(normalize_receipt("1lIi-0000").as_deref(), Some("1111-0000"));
        assert_eq!(normalize_receipt("04HT-QKF"), None);
        assert_eq!(normalize_receipt("04HT-QKFFF"), None);
        assert_eq!(normalize_receipt("04HT-QKFU"), None);
        assert_eq!(normalize_receipt("04HT-QKF!"), None);
        assert_eq!(normalize_receipt(""), None);
    }
}
