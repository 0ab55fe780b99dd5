//! Known answers for `sijil_report::age` from the C2SP/CCTV age vectors (`tests/cctv/`): for every
//! vector that decrypts (`expect: success`) with an X25519 identity, the header MAC our code
//! computes from the vector's file key is the vector's, and our STREAM sealer, given the file
//! key and the vector's nonce, writes the vector's payload byte for byte. The randomness of
//! encryption (ephemeral keys, file key, nonce) cannot come from a vector, so this is the part
//! of the encryption direction that has a known answer; the rest is checked by decryption with
//! the `age` crate and binary (tests/age.rs).

use sha2::{Digest, Sha256};
use sijil_report::age::{header_mac, Stream, CHUNK};
use std::io::Read;
use std::path::Path;

struct Vector {
    name: String,
    expect: String,
    payload_sha256: Option<String>,
    file_key: Vec<u8>,
    identities: Vec<String>,
    body: Vec<u8>,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn vectors() -> Vec<Vector> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cctv");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let split = bytes.windows(2).position(|w| w == b"\n\n").unwrap();
        let head = std::str::from_utf8(&bytes[..split]).unwrap();
        let mut body = bytes[split + 2..].to_vec();
        let mut v = Vector {
            name,
            expect: String::new(),
            payload_sha256: None,
            file_key: Vec::new(),
            identities: Vec::new(),
            body: Vec::new(),
        };
        for line in head.lines() {
            let (k, value) = line.split_once(": ").unwrap();
            match k {
                "expect" => v.expect = value.into(),
                "payload" => v.payload_sha256 = Some(value.into()),
                "file key" => v.file_key = unhex(value),
                "identity" => v.identities.push(value.into()),
                "compressed" => {
                    assert_eq!(value, "zlib");
                    let mut plain = Vec::new();
                    flate2::read::ZlibDecoder::new(&body[..])
                        .read_to_end(&mut plain)
                        .unwrap();
                    body = plain;
                }
                _ => {}
            }
        }
        v.body = body;
        out.push(v);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn decrypt(identity: &str, file: &[u8]) -> Vec<u8> {
    let id: age::x25519::Identity = identity.parse().unwrap();
    let mut out = Vec::new();
    age::Decryptor::new(file)
        .unwrap()
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn header_mac_and_stream_match_the_cctv_vectors() {
    let mut checked = Vec::new();
    for v in vectors() {
        if v.expect != "success"
            || !v
                .identities
                .iter()
                .all(|i| i.starts_with("AGE-SECRET-KEY-1"))
        {
            continue;
        }
        let key: [u8; 16] = v.file_key.clone().try_into().unwrap();
        // The header through `---`, its MAC, then the payload nonce and the sealed chunks.
        let dashes = v.body.windows(5).position(|w| w == b"\n--- ").unwrap() + 4;
        let line_end = dashes + v.body[dashes..].iter().position(|b| *b == b'\n').unwrap();
        let mac =
            sijil_core::base64::decode(std::str::from_utf8(&v.body[dashes + 1..line_end]).unwrap())
                .unwrap();
        assert_eq!(
            header_mac(&key, &v.body[..dashes]).to_vec(),
            mac,
            "{}: header MAC",
            v.name
        );

        let nonce: [u8; 16] = v.body[line_end + 1..line_end + 17].try_into().unwrap();
        let payload = &v.body[line_end + 17..];
        let plain = decrypt(&v.identities[0], &v.body);
        assert_eq!(
            sijil_report::form::attachment::hex(&Sha256::digest(&plain)),
            v.payload_sha256.clone().unwrap(),
            "{}: the vector's plaintext",
            v.name
        );
        let mut stream = Stream::with_file_key(&key, &nonce);
        let mut sealed = Vec::new();
        let chunks: Vec<&[u8]> = if plain.is_empty() {
            vec![&[][..]]
        } else {
            plain.chunks(CHUNK).collect()
        };
        for (i, c) in chunks.iter().enumerate() {
            sealed.extend_from_slice(&stream.seal(c, i + 1 == chunks.len()).unwrap());
        }
        assert!(
            sealed == payload,
            "{}: our STREAM differs from the vector's payload",
            v.name
        );
        checked.push(v.name);
    }
    // Single-chunk files, an empty payload, two and three chunks, a full last chunk, 257
    // chunks: each shape of the STREAM is covered.
    for must in [
        "x25519",
        "stream_empty_payload",
        "stream_two_chunks",
        "stream_three_chunks",
        "stream_last_chunk_full",
        "stream_257_chunks_full",
    ] {
        assert!(
            checked.iter().any(|c| c == must),
            "{must} not checked: {checked:?}"
        );
    }
}
