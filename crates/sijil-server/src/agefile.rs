//! Strict structural check of an age v1 file, without any key: what the intake accepts and what
//! `sijil export` and `sijil store check` look at before handing a file to the `age` crate.
//!
//! The intake must store only what the phone writes (`sijil_report::age`): the version line, one
//! `-> X25519` stanza per configured recipient (each a 32-byte share and a 32-byte wrapped key,
//! canonical unpadded base64), the `---` MAC line, and a payload whose length is a nonce plus
//! whole ChaCha20-Poly1305 chunks. Anything else is refused before it is stored. Two reasons:
//! a 22-byte prefix check let plaintext JSON behind the version line be stored, and a 1 MiB
//! header of ~10,700 fake stanzas made the `age` crate (0.11.5) work for minutes to hours per
//! file in `sijil export`, stalling the organization's whole export. The stanza cap here is the
//! bound on that work; no cryptography runs in this module, so checking costs one pass over the
//! header (microseconds).

/// Recipients a file may name beyond the configured ones: a phone that loaded a config just
/// before the organization removed a key must still be able to deliver.
pub const STANZA_MARGIN: usize = 2;
/// Upper bound of stanzas when no config is known (`sijil export`, `sijil store check`).
pub const MAX_STANZAS: usize = 16;

const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
const NONCE: usize = 16;

/// Why a body is not a well-formed age file (said in the 400 answer and in export's lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgeFileError {
    NotAge,
    BadStanza(usize),
    NotX25519(usize),
    TooManyStanzas(usize),
    NoStanza,
    BadMac,
    BadPayloadLength(usize),
}

impl std::fmt::Display for AgeFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AgeFileError::NotAge => write!(f, "not an age file (no age-encryption.org/v1 line)"),
            AgeFileError::BadStanza(i) => write!(f, "not an age file: stanza {i} is malformed"),
            AgeFileError::NotX25519(i) => {
                write!(f, "not an age file of ours: stanza {i} is not X25519")
            }
            AgeFileError::TooManyStanzas(n) => {
                write!(
                    f,
                    "not an age file of ours: more than {n} recipient stanzas"
                )
            }
            AgeFileError::NoStanza => write!(f, "not an age file: no recipient stanza"),
            AgeFileError::BadMac => write!(f, "not an age file: missing or malformed MAC line"),
            AgeFileError::BadPayloadLength(n) => {
                write!(
                    f,
                    "not an age file: a payload of {n} bytes cannot be age chunks"
                )
            }
        }
    }
}

/// The header's facts, once it is well formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeShape {
    pub stanzas: usize,
    pub header_len: usize,
    pub payload_len: usize,
}

/// Checks `file` as described in the module doc, allowing at most `max_stanzas` recipients.
pub fn check(file: &[u8], max_stanzas: usize) -> Result<AgeShape, AgeFileError> {
    check_start(file, file.len() as u64, max_stanzas)
}

/// Checks the first piece of a file of `total` bytes that arrives in pieces (an attachment's
/// upload): the whole header must be in `start` (a header is under 2 KiB; the phone sends at
/// least 16 KiB first, or the whole file), and `total` must be a plausible payload behind it.
pub fn check_start(start: &[u8], total: u64, max_stanzas: usize) -> Result<AgeShape, AgeFileError> {
    let mut rest = start
        .strip_prefix(VERSION_LINE)
        .ok_or(AgeFileError::NotAge)?;
    let mut stanzas = 0;
    loop {
        let (line, after) = split_line(rest).ok_or(AgeFileError::BadMac)?;
        if let Some(mac) = line.strip_prefix(b"--- ") {
            if !canonical_b64(mac, 32) {
                return Err(AgeFileError::BadMac);
            }
            if stanzas == 0 {
                return Err(AgeFileError::NoStanza);
            }
            rest = after;
            break;
        }
        stanzas += 1;
        if stanzas > max_stanzas {
            return Err(AgeFileError::TooManyStanzas(max_stanzas));
        }
        let args = line
            .strip_prefix(b"-> ")
            .ok_or(AgeFileError::BadStanza(stanzas))?;
        let mut parts = args.split(|b| *b == b' ');
        if parts.next() != Some(b"X25519") {
            return Err(AgeFileError::NotX25519(stanzas));
        }
        match (parts.next(), parts.next()) {
            (Some(share), None) if canonical_b64(share, 32) => {}
            _ => return Err(AgeFileError::BadStanza(stanzas)),
        }
        // The wrapped file key: 32 bytes, so one body line of 43 characters (shorter than a
        // full 64-character line, which also ends the body).
        let (body, after) = split_line(after).ok_or(AgeFileError::BadStanza(stanzas))?;
        if !canonical_b64(body, 32) {
            return Err(AgeFileError::BadStanza(stanzas));
        }
        rest = after;
    }
    let header_len = start.len() - rest.len();
    let payload_len = usize::try_from(total)
        .ok()
        .and_then(|t| t.checked_sub(header_len))
        .ok_or(AgeFileError::BadPayloadLength(0))?;
    if !plausible_payload(payload_len) {
        return Err(AgeFileError::BadPayloadLength(payload_len));
    }
    Ok(AgeShape {
        stanzas,
        header_len,
        payload_len,
    })
}

/// A nonce, then full sealed chunks and one last chunk of 1..=64 KiB plaintext (or the single
/// empty chunk of an empty file).
fn plausible_payload(len: usize) -> bool {
    let Some(sealed) = len.checked_sub(NONCE) else {
        return false;
    };
    let full = CHUNK + TAG;
    let (whole, rem) = (sealed / full, sealed % full);
    match (whole, rem) {
        (0, r) => r >= TAG,
        (_, 0) => true,
        (_, r) => r > TAG,
    }
}

/// Splits at the first `\n` (a header line never holds `\r`).
fn split_line(b: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = b.iter().take(256).position(|c| *c == b'\n')?;
    Some((&b[..i], &b[i + 1..]))
}

/// Unpadded standard base64 of exactly `bytes` bytes, in its one canonical spelling.
fn canonical_b64(s: &[u8], bytes: usize) -> bool {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let want = (bytes * 8).div_ceil(6);
    if s.len() != want {
        return false;
    }
    let Some(last) = s.last().and_then(|c| ALPHABET.iter().position(|a| a == c)) else {
        return false;
    };
    // Unused low bits of the last character must be zero.
    let unused = want * 6 - bytes * 8;
    s.iter().all(|c| ALPHABET.contains(c)) && last % (1 << unused) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECIPIENT: &str = "age152tjwkw4g25dpsguyf7kv4u8mw47xze7vx920a8ay48crkhcfftqj8ylm4";

    fn real(plain_len: usize, recipients: usize) -> Vec<u8> {
        let mut n = 0u8;
        let rs = vec![RECIPIENT; recipients];
        sijil_report::age::encrypt(&rs, &vec![b'x'; plain_len], &mut |b: &mut [u8]| {
            for x in b {
                n = n.wrapping_add(37);
                *x = n;
            }
        })
        .unwrap()
    }

    #[test]
    fn files_the_phone_writes_pass() {
        for len in [0, 1, 5000, CHUNK, CHUNK + 1, 3 * CHUNK] {
            let f = real(len, 1);
            let shape = check(&f, 1 + STANZA_MARGIN).unwrap_or_else(|e| panic!("{len}: {e}"));
            assert_eq!(shape.stanzas, 1);
            assert_eq!(shape.header_len + shape.payload_len, f.len());
        }
        assert_eq!(check(&real(10, 3), 3).unwrap().stanzas, 3);
    }

    #[test]
    fn plaintext_truncation_and_padding_are_refused() {
        assert_eq!(
            check(b"age-encryption.org/v1\n{\"plaintext\":true}", 3),
            Err(AgeFileError::BadMac)
        );
        let f = real(100, 1);
        assert!(check(&f[..40], 3).is_err());
        let header_len = check(&f, 3).unwrap().header_len;
        assert!(matches!(
            check(&f[..header_len + 20], 3),
            Err(AgeFileError::BadPayloadLength(20))
        ));
        let mut longer = f.clone();
        longer.push(0);
        assert!(
            check(&longer, 3).is_ok(),
            "one more plaintext byte is plausible"
        );
        let mut empty_last_chunk = real(CHUNK, 1);
        empty_last_chunk.extend_from_slice(&[0; TAG]);
        assert!(check(&empty_last_chunk, 3).is_err());
    }

    #[test]
    fn stanza_flood_and_other_types_are_refused_early() {
        let f = real(10, 1);
        let text = String::from_utf8_lossy(&f[..check(&f, 3).unwrap().header_len]).into_owned();
        let stanza: String = text.lines().skip(1).take(2).collect::<Vec<_>>().join("\n") + "\n";
        let flood = format!("age-encryption.org/v1\n{}", stanza.repeat(10_000));
        assert_eq!(
            check(flood.as_bytes(), 3),
            Err(AgeFileError::TooManyStanzas(3))
        );
        let scrypt = text.replacen("-> X25519 ", "-> scrypt ", 1);
        assert_eq!(check(scrypt.as_bytes(), 3), Err(AgeFileError::NotX25519(1)));
        let bad_share = text.replacen("-> X25519 ", "-> X25519 !", 1);
        assert_eq!(
            check(bad_share.as_bytes(), 3),
            Err(AgeFileError::BadStanza(1))
        );
        let no_stanza = format!("age-encryption.org/v1\n{}", text.lines().last().unwrap());
        assert_eq!(
            check(format!("{no_stanza}\n").as_bytes(), 3),
            Err(AgeFileError::NoStanza)
        );
    }

    #[test]
    fn the_first_piece_of_an_upload_is_checked_against_the_announced_length() {
        let f = real(3 * CHUNK + 7, 1);
        let total = f.len() as u64;
        assert_eq!(
            check_start(&f[..4096], total, 3).unwrap(),
            check(&f, 3).unwrap()
        );
        // A header cut off, a length no age file has, plaintext: refused.
        assert!(check_start(&f[..60], total, 3).is_err());
        // A last chunk of 5 bytes cannot hold its 16-byte tag.
        assert!(check_start(&f[..4096], total - 7 - 16 + 5, 3).is_err());
        assert!(check_start(&f[..4096], 10, 3).is_err());
        assert!(check_start(b"%PDF-1.7\n", total, 3).is_err());
    }

    /// The C2SP/CCTV vectors (copied in sijil-core's tests): no file the reference reader refuses
    /// at its header gets past this check and the `age` crate together, and the files the
    /// reference reader opens pass (except the shapes our phones never write: GREASE stanzas,
    /// an empty stanza body, other stanza types).
    #[test]
    fn cctv_vectors() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sijil-report/tests/cctv");
        let mut refused_here = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let Some(split) = bytes.windows(2).position(|w| w == b"\n\n") else {
                continue;
            };
            let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
            if head.contains("compressed:") {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let file = &bytes[split + 2..];
            let ours = check(file, MAX_STANZAS);
            if head.contains("expect: header failure") {
                // What passes this structural check (a share that is a low-order point, a
                // longer file key) must be refused when the reference decrypts it.
                let identity: Option<age::x25519::Identity> = head
                    .lines()
                    .find_map(|l| l.strip_prefix("identity: "))
                    .and_then(|i| i.parse().ok());
                let reference_opens = identity.is_some_and(|id| {
                    age::Decryptor::new(file).is_ok_and(|d| {
                        d.decrypt(std::iter::once(&id as &dyn age::Identity))
                            .is_ok()
                    })
                });
                assert!(ours.is_err() || !reference_opens, "{name}: passed both");
                refused_here += usize::from(ours.is_err());
            } else if head.contains("expect: success")
                && ![
                    "x25519_grease",
                    "stanza_empty_body",
                    "stanza_valid_characters",
                    "stanza_empty_last_line",
                ]
                .contains(&name.as_str())
            {
                assert!(ours.is_ok(), "{name}: {ours:?}");
            }
        }
        assert!(
            refused_here >= 20,
            "{refused_here} header failures refused here"
        );
    }

    #[test]
    fn base64_must_be_canonical() {
        let ok = b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert!(canonical_b64(ok, 32));
        assert!(!canonical_b64(
            b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
            32
        ));
        assert!(!canonical_b64(&ok[1..], 32));
        assert!(!canonical_b64(
            b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            32
        ));
    }
}
