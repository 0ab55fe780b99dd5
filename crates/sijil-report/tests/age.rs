//! Files written by `sijil_report::age` must open with the standard tools: the `age` crate and the
//! Debian `age` binary. Real keys, real random bytes, real decryption.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn os_random(buf: &mut [u8]) {
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(buf)
        .unwrap();
}

fn decrypt_with_crate(identity: &age::x25519::Identity, file: &[u8]) -> Vec<u8> {
    let d = age::Decryptor::new(file).expect("valid age header");
    let mut r = d
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .expect("decrypts");
    let mut out = vec![];
    r.read_to_end(&mut out).unwrap();
    out
}

fn decrypt_with_cli(identity: &age::x25519::Identity, file: &[u8]) -> Vec<u8> {
    use age::secrecy::ExposeSecret;
    let dir = std::env::temp_dir().join(format!(
        "sijil-age-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("key.txt");
    std::fs::write(&key, format!("{}\n", identity.to_string().expose_secret())).unwrap();
    let mut child = Command::new("age")
        .args(["-d", "-i"])
        .arg(&key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the Debian `age` binary is installed by `cargo xtask setup`");
    // Written from another thread: `age` streams its output, so a file larger than the pipe
    // buffers would otherwise block both sides.
    let mut stdin = child.stdin.take().unwrap();
    let input = file.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        out.status.success(),
        "age -d failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn rand_suffix() -> u64 {
    let mut b = [0u8; 8];
    os_random(&mut b);
    u64::from_le_bytes(b)
}

#[test]
fn the_age_crate_and_the_age_binary_decrypt_what_we_encrypt() {
    let id = age::x25519::Identity::generate();
    let recipient = id.to_public().to_string();
    let report = "{\"form\":\"sijil-family-report\",\"name\":\"محمد أحمد\"}".as_bytes();
    let file = sijil_report::age::encrypt(&[&recipient], report, &mut os_random).unwrap();
    assert!(file.starts_with(b"age-encryption.org/v1\n-> X25519 "));
    assert_eq!(decrypt_with_crate(&id, &file), report);
    assert_eq!(decrypt_with_cli(&id, &file), report);
}

#[test]
fn every_recipient_can_decrypt() {
    let ids: Vec<_> = (0..3).map(|_| age::x25519::Identity::generate()).collect();
    let rs: Vec<String> = ids.iter().map(|i| i.to_public().to_string()).collect();
    let refs: Vec<&str> = rs.iter().map(String::as_str).collect();
    let file = sijil_report::age::encrypt(&refs, b"shared", &mut os_random).unwrap();
    for id in &ids {
        assert_eq!(decrypt_with_crate(id, &file), b"shared");
    }
    assert_eq!(decrypt_with_cli(&ids[2], &file), b"shared");
    let stranger = age::x25519::Identity::generate();
    assert!(age::Decryptor::new(&file[..])
        .unwrap()
        .decrypt(std::iter::once(&stranger as &dyn age::Identity))
        .is_err());
}

#[test]
fn chunk_boundaries_round_trip() {
    let id = age::x25519::Identity::generate();
    let r = id.to_public().to_string();
    for len in [0usize, 1, 65_535, 65_536, 65_537, 2 * 65_536, 150_000] {
        let mut plain = vec![0u8; len];
        os_random(&mut plain);
        let file = sijil_report::age::encrypt(&[&r], &plain, &mut os_random).unwrap();
        assert_eq!(decrypt_with_crate(&id, &file), plain, "length {len}");
        if len == 0 || len == 65_536 || len == 65_537 {
            assert_eq!(
                decrypt_with_cli(&id, &file),
                plain,
                "length {len} via age binary"
            );
        }
    }
}

#[test]
fn a_tampered_file_is_rejected_and_recipients_parse_as_bech32_says() {
    let id = age::x25519::Identity::generate();
    let r = id.to_public().to_string();
    let mut file = sijil_report::age::encrypt(&[&r], b"do not alter", &mut os_random).unwrap();
    let last = file.len() - 1;
    file[last] ^= 1;
    let d = age::Decryptor::new(&file[..]).unwrap();
    let mut out = vec![];
    let read = d
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .map(|mut s| s.read_to_end(&mut out));
    assert!(
        matches!(read, Err(_) | Ok(Err(_))),
        "tampering must be detected"
    );
    // Our recipient parser reads the same 32 bytes as an independent Bech32 decoder (the one
    // the age crate uses), on keys the crate made.
    for _ in 0..20 {
        let r = age::x25519::Identity::generate().to_public().to_string();
        let (hrp, data, _) = bech32::decode(&r).unwrap();
        let bytes = <Vec<u8> as bech32::FromBase32>::from_base32(&data).unwrap();
        assert_eq!(hrp, "age");
        assert_eq!(
            sijil_report::age::parse_recipient(&r).unwrap().to_vec(),
            bytes
        );
    }
}
#[test]
fn a_stream_sealed_chunk_by_chunk_opens_with_both_tools_and_knows_its_length() {
    use sijil_report::age::{sealed_len, AgeError, Stream, CHUNK};
    let id = age::x25519::Identity::generate();
    let r = id.to_public().to_string();
    for len in [0usize, 10, CHUNK, 3 * CHUNK + 5] {
        let mut plain = vec![0u8; len];
        os_random(&mut plain);
        let (mut file, mut stream) = Stream::start(&[&r], &mut os_random).unwrap();
        let header_len = file.len() as u64;
        let pieces: Vec<&[u8]> = if len == 0 {
            vec![&[][..]]
        } else {
            plain.chunks(CHUNK).collect()
        };
        for (i, piece) in pieces.iter().enumerate() {
            file.extend_from_slice(&stream.seal(piece, i + 1 == pieces.len()).unwrap());
        }
        assert_eq!(
            file.len() as u64,
            sealed_len(header_len, len as u64),
            "length {len}"
        );
        assert_eq!(decrypt_with_crate(&id, &file), plain, "length {len}");
        assert_eq!(
            decrypt_with_cli(&id, &file),
            plain,
            "length {len} via age binary"
        );
        // Nothing follows the last chunk.
        assert_eq!(stream.seal(&[], true), Err(AgeError::ChunkOrder));
    }
    // A short chunk that is not the last is refused (the file changed while being read).
    let (_, mut stream) = Stream::start(&[&r], &mut os_random).unwrap();
    assert_eq!(stream.seal(&[0u8; 10], false), Err(AgeError::ChunkOrder));
}
