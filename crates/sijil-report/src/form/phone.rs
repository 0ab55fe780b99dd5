//! Contact details: phone numbers normalized to E.164 and a plausibility check for e-mail.
//!
//! Relatives type numbers the way they say them: `0933 123 456`, `٠٩٣٣١٢٣٤٥٦`, `00963 933…`,
//! `+963 (933) 123-456`, often pasted with invisible direction marks from an Arabic message.
//! All of these are the same number, `+963933123456`, and the organization's staff (and Signal
//! or WhatsApp) need that one form. A number starting with a single `0` is read as Syrian;
//! numbers abroad must be typed with `+` or `00` and their country code.

use sijil_core::digits::normalize;

/// Why a phone number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Letters or symbols that are not part of a phone number.
    NotAPhone,
    /// Too few or too many digits for a Syrian (8–9 after 963) or international (8–15) number.
    WrongLength,
}

/// Normalizes a phone number to E.164 (`+963933123456`).
pub fn normalize_phone(raw: &str) -> Result<String, PhoneProblem> {
    let text: String = normalize(raw)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '-' | '.' | '(' | ')' | '/' | '\u{2010}'..='\u{2015}')
                // Direction marks and isolates that come along when copying from Arabic text.
                && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let international = if let Some(rest) = text.strip_prefix('+') {
        rest.to_owned()
    } else if let Some(rest) = text.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = text.strip_prefix('0') {
        format!("963{rest}")
    } else if text.starts_with("963") && (11..=12).contains(&text.len()) {
        text
    } else if text.starts_with('9') && text.len() == 9 {
        // A Syrian mobile number without its leading 0.
        format!("963{text}")
    } else if text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneProblem::WrongLength);
    } else {
        return Err(PhoneProblem::NotAPhone);
    };
    if international.is_empty() || !international.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneProblem::NotAPhone);
    }
    let ok = match international.strip_prefix("963") {
        Some(national) => (8..=9).contains(&national.len()) && !national.starts_with('0'),
        None => (8..=15).contains(&international.len()) && !international.starts_with('0'),
    };
    if ok {
        Ok(format!("+{international}"))
    } else {
        Err(PhoneProblem::WrongLength)
    }
}

/// A plausible e-mail address (trimmed): one `@`, a dotted domain, no spaces, RFC 5321 lengths.
/// Deliverability cannot be checked from a phone, so this only catches slips.
pub fn clean_email(raw: &str) -> Option<String> {
    let email = raw.trim();
    let (local, domain) = email.split_once('@')?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && domain.contains('.')
        && !domain.contains('@')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && !domain.contains("..")
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| email.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syrian_numbers_in_every_spelling_are_one_number() {
        for typed in [
            "0933 123 456",
            "٠٩٣٣١٢٣٤٥٦",
            "۰۹۳۳ ۱۲۳ ۴۵۶",
            "+963 933 123 456",
            "00963933123456",
            "+963 (933) 123-456",
            "\u{200F}0933-123-456\u{200F}",
            "963933123456",
            "933123456",
        ] {
            assert_eq!(
                normalize_phone(typed).as_deref(),
                Ok("+963933123456"),
                "{typed}"
            );
        }
        // A Damascus landline: area code 11, 7 digits.
        assert_eq!(
            normalize_phone("011 223 4567").as_deref(),
            Ok("+963112234567")
        );
    }

    #[test]
    fn numbers_abroad_and_bad_numbers() {
        assert_eq!(
            normalize_phone("+49 1512 3456789").as_deref(),
            Ok("+4915123456789")
        );
        assert_eq!(
            normalize_phone("0090 532 123 45 67").as_deref(),
            Ok("+905321234567")
        );
        assert_eq!(normalize_phone("0933 12"), Err(PhoneProblem::WrongLength));
        assert_eq!(
            normalize_phone("+963 0933 123 456"),
            Err(PhoneProblem::WrongLength)
        );
        assert_eq!(
            normalize_phone("+1234567890123456"),
            Err(PhoneProblem::WrongLength)
        );
        assert_eq!(normalize_phone("12345"), Err(PhoneProblem::WrongLength));
        assert_eq!(normalize_phone("call me"), Err(PhoneProblem::NotAPhone));
        assert_eq!(
            normalize_phone("+963 93x 123 456"),
            Err(PhoneProblem::NotAPhone)
        );
        assert_eq!(normalize_phone(""), Err(PhoneProblem::WrongLength));
    }

    #[test]
    fn email_plausibility() {
        assert_eq!(
            clean_email(" a.b@example.org ").as_deref(),
            Some("a.b@example.org")
        );
        for bad in [
            "",
            "a@b",
            "@example.org",
            "a@@example.org",
            "a b@example.org",
            "a@.org",
            "a@example..org",
        ] {
            assert_eq!(clean_email(bad), None, "{bad}");
        }
    }
}
