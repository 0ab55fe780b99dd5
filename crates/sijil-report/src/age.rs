//! Encryption to the organization's public keys in the age format (v1, X25519 recipients), so a
//! report leaves the phone readable only by the holders of the matching identity files. The
//! organization decrypts with the standard `age` tool (`age -d -i key.txt`) or `sijil export`.
//!
//! Why this and not the `age` crate in the browser: a wasm32 build doing nothing but encrypting to
//! one X25519 recipient (rustc 1.95, opt-level z, LTO, one codegen unit, panic=abort, wasm-bindgen
//! 0.2.130, wasm-opt -Oz) measured 137,850 bytes (78,279 gzipped) with `age` 0.11.5 (its i18n
//! catalogues, scrypt and stream machinery come along) against 38,997 bytes (19,456 gzipped) with
//! this module. The form's whole budget is 250 KB brotli. The format is small and fixed, and
//! every file this module writes is decrypted in tests by both the `age` crate and the Debian
//! `age` binary, so interoperability is proven rather than assumed.
//!
//! The format (<https://age-encryption.org/v1>):
//! - header: `age-encryption.org/v1`, one stanza per recipient
//!   (`-> X25519 <ephemeral share>` and the wrapped file key), then `--- <HMAC of the header>`;
//! - wrap key = HKDF-SHA256(shared secret, salt = ephemeral share ‖ recipient, info
//!   `age-encryption.org/v1/X25519`); the 16-byte file key is sealed with ChaCha20-Poly1305 under
//!   it with a zero nonce;
//! - payload: a 16-byte nonce, then the plaintext in 64 KiB chunks sealed with ChaCha20-Poly1305
//!   under HKDF-SHA256(file key, salt = nonce, info `payload`); the chunk nonce is an 11-byte
//!   big-endian counter and a last-chunk flag byte.
//!
//! Secrets (the file key, ephemeral keys, shared secrets, wrap and payload keys) are zeroized
//! once used, so a later memory read of the page finds none of them.
//!
//! Like everything in the pure crates this does no IO: random bytes come from the caller (in the
//! browser, `crypto.getRandomValues`).

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sijil_core::base64::encode_unpadded;
use zeroize::Zeroize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgeError {
    /// No recipient given: encrypting to nobody would lose the report.
    NoRecipients,
    /// A recipient is not a valid `age1…` X25519 public key (index in the list).
    BadRecipient(usize),
    /// The recipient is a low-order point (a malicious key).
    WeakRecipient(usize),
    /// A stream chunk out of order: short but not the last, or after the last (the file
    /// changed while it was read); nothing is written for it.
    ChunkOrder,
}

impl std::fmt::Display for AgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AgeError::NoRecipients => write!(f, "no age recipients configured"),
            AgeError::BadRecipient(i) => {
                write!(f, "age_recipients[{i}] is not a valid age1… public key")
            }
            AgeError::WeakRecipient(i) => {
                write!(f, "age_recipients[{i}] is not a usable X25519 key")
            }
            AgeError::ChunkOrder => write!(f, "the file changed while it was being encrypted"),
        }
    }
}

const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// Decodes an `age1…` recipient (Bech32, BIP 173) into its 32-byte X25519 public key.
pub fn parse_recipient(s: &str) -> Option<[u8; 32]> {
    // Bech32 strings are all lowercase or all uppercase; age writes lowercase.
    let lower = s.trim().to_ascii_lowercase();
    if s.trim() != lower && s.trim() != lower.to_ascii_uppercase() {
        return None;
    }
    let (hrp, data) = lower.rsplit_once('1')?;
    if hrp != "age" || data.len() < 6 || lower.len() > 90 {
        return None;
    }
    let values: Vec<u8> = data
        .bytes()
        .map(|c| BECH32.iter().position(|&b| b == c).map(|p| p as u8))
        .collect::<Option<_>>()?;
    let mut check: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    check.push(0);
    check.extend(hrp.bytes().map(|b| b & 31));
    check.extend(&values);
    if polymod(&check) != 1 {
        return None;
    }
    // 5-bit groups to bytes, without padding bits set.
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::with_capacity(32));
    for &v in &values[..values.len() - 6] {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 5 || acc != 0 {
        return None;
    }
    out.try_into().ok()
}

fn hkdf32(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand(info, &mut out)
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    out
}

fn seal(key: &[u8; 32], nonce: &[u8; 12], plaintext: &[u8]) -> Vec<u8> {
    ChaCha20Poly1305::new(key.into())
        .encrypt(nonce.into(), plaintext)
        .expect("ChaCha20-Poly1305 sealing in memory cannot fail")
}

/// Encrypts `plaintext` to every recipient (`age1…`). `random` must fill its buffer from a
/// cryptographically secure source; it is asked for 16 + 32 × recipients + 16 bytes.
pub fn encrypt(
    recipients: &[&str],
    plaintext: &[u8],
    random: &mut dyn FnMut(&mut [u8]),
) -> Result<Vec<u8>, AgeError> {
    let (mut out, mut stream) = Stream::start(recipients, random)?;
    let mut chunks = plaintext.chunks(CHUNK).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&stream.seal(&[], true)?);
    }
    while let Some(chunk) = chunks.next() {
        out.extend_from_slice(&stream.seal(chunk, chunks.peek().is_none())?);
    }
    Ok(out)
}

/// Plaintext bytes per sealed chunk of the payload (age's STREAM: 64 KiB).
pub const CHUNK: usize = 64 * 1024;
/// Bytes each sealed chunk adds (the Poly1305 tag).
pub const TAG: usize = 16;

/// The ciphertext length of `plain` bytes behind a header of `header_len` bytes (which
/// includes the payload nonce, as [`Stream::start`] returns it): what an upload announces.
pub fn sealed_len(header_len: u64, plain: u64) -> u64 {
    let chunks = plain.div_ceil(CHUNK as u64).max(1);
    header_len + plain + chunks * TAG as u64
}

/// An age file written a chunk at a time, so a 100 MB video never has to be in memory: the
/// phone reads 64 KiB with `Blob.slice`, seals it, stores the ciphertext and reads the next.
/// The bytes are the same as [`encrypt`] writes for the same plaintext and randomness.
pub struct Stream {
    payload_key: [u8; 32],
    counter: u64,
    finished: bool,
}

impl Stream {
    /// The header (with the payload nonce) and the sealer of the chunks that follow it.
    pub fn start(
        recipients: &[&str],
        random: &mut dyn FnMut(&mut [u8]),
    ) -> Result<(Vec<u8>, Stream), AgeError> {
        if recipients.is_empty() {
            return Err(AgeError::NoRecipients);
        }
        let keys: Vec<[u8; 32]> = recipients
            .iter()
            .enumerate()
            .map(|(i, r)| parse_recipient(r).ok_or(AgeError::BadRecipient(i)))
            .collect::<Result<_, _>>()?;
        let mut file_key = [0u8; 16];
        random(&mut file_key);
        let header = header(&keys, &file_key, random);
        let mut nonce = [0u8; 16];
        random(&mut nonce);
        let stream = Stream::with_file_key(&file_key, &nonce);
        file_key.zeroize();
        let mut out = header?.into_bytes();
        out.extend_from_slice(&nonce);
        Ok((out, stream))
    }

    /// The sealer of a payload whose file key and nonce are given: for the known-answer tests
    /// (C2SP/CCTV vectors publish both). A phone never keeps a file key to call this later.
    pub fn with_file_key(file_key: &[u8; 16], nonce: &[u8; 16]) -> Stream {
        Stream {
            payload_key: hkdf32(file_key, nonce, b"payload"),
            counter: 0,
            finished: false,
        }
    }

    /// Seals the next chunk: exactly [`CHUNK`] bytes, or 0..=[`CHUNK`] for the `last` one
    /// (only an empty file has an empty chunk). A chunk after the last one, or a short chunk
    /// that is not the last, would write a file no age reader accepts: it is refused.
    pub fn seal(&mut self, chunk: &[u8], last: bool) -> Result<Vec<u8>, AgeError> {
        if self.finished || !(chunk.len() == CHUNK || (last && chunk.len() <= CHUNK)) {
            return Err(AgeError::ChunkOrder);
        }
        let mut n = [0u8; 12];
        n[3..11].copy_from_slice(&self.counter.to_be_bytes());
        n[11] = u8::from(last);
        self.counter += 1;
        self.finished = last;
        Ok(seal(&self.payload_key, &n, chunk))
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.payload_key.zeroize();
    }
}

/// The header's MAC: HMAC-SHA256 under HKDF(file key, info `header`) of the header up to and
/// including its `---`.
pub fn header_mac(file_key: &[u8; 16], header_through_dashes: &[u8]) -> [u8; 32] {
    let mut mac_key = hkdf32(file_key, &[], b"header");
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&mac_key).expect("HMAC takes any key length");
    mac_key.zeroize();
    mac.update(header_through_dashes);
    mac.finalize().into_bytes().into()
}

/// The header: version line, one X25519 stanza per key, MAC line.
fn header(
    keys: &[[u8; 32]],
    file_key: &[u8; 16],
    random: &mut dyn FnMut(&mut [u8]),
) -> Result<String, AgeError> {
    let mut header = String::from("age-encryption.org/v1\n");
    for (i, pk) in keys.iter().enumerate() {
        let mut esk = [0u8; 32];
        random(&mut esk);
        let epk = x25519_dalek::x25519(esk, x25519_dalek::X25519_BASEPOINT_BYTES);
        let mut shared = x25519_dalek::x25519(esk, *pk);
        esk.zeroize();
        if shared == [0u8; 32] {
            return Err(AgeError::WeakRecipient(i));
        }
        let mut salt = [0u8; 64];
        salt[..32].copy_from_slice(&epk);
        salt[32..].copy_from_slice(pk);
        let mut wrap_key = hkdf32(&shared, &salt, b"age-encryption.org/v1/X25519");
        shared.zeroize();
        let body = encode_unpadded(&seal(&wrap_key, &[0u8; 12], file_key));
        wrap_key.zeroize();
        header.push_str("-> X25519 ");
        header.push_str(&encode_unpadded(&epk));
        header.push('\n');
        // Body lines are 64 columns; the last line is always shorter (possibly empty).
        let mut rest = body.as_str();
        loop {
            let (line, tail) = rest.split_at(rest.len().min(64));
            header.push_str(line);
            header.push('\n');
            if line.len() < 64 {
                break;
            }
            rest = tail;
        }
    }
    header.push_str("---");
    let mac = header_mac(file_key, header.as_bytes());
    header.push(' ');
    header.push_str(&encode_unpadded(&mac));
    header.push('\n');
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_parse_and_bad_ones_are_refused() {
        // From the age specification's test vectors (testkit: x25519).
        let good = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";
        assert!(parse_recipient(good).is_some());
        assert!(parse_recipient(&good.to_ascii_uppercase()).is_some());
        let flipped = good.replace("4q47", "4q48");
        for bad in [
            "",
            "age1",
            "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryeg",
            flipped.as_str(),
            "age2xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef",
            "agf1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef",
            "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
            "Age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef",
        ] {
            assert_eq!(parse_recipient(bad), None, "{bad}");
        }
        let mut r = |b: &mut [u8]| b.fill(7);
        assert_eq!(encrypt(&[], b"x", &mut r), Err(AgeError::NoRecipients));
        assert_eq!(
            encrypt(&[good, "age1nope"], b"x", &mut r),
            Err(AgeError::BadRecipient(1))
        );
    }
}
