//! The `sijil` tool's usage: every command answers `--help` (or `-h`) with its own usage on
//! stdout and exit 0, before it checks any other option or touches any file; a wrong option
//! still fails with exit 2 and the usage on stderr.

use std::process::Command;

fn sijil(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sijil"))
        .args(args)
        .output()
        .expect("run sijil");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
    (
        out.status.code().expect("exit code"),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn every_command_answers_help_with_its_usage() {
    for (args, synopsis) in [
        (&["serve", "--help"][..], "  sijil serve [--addr"),
        (
            &["serve", "--addr", "nonsense", "-h"][..],
            "  sijil serve [--addr",
        ),
        (&["feed", "check", "--help"][..], "  sijil feed check FILE"),
        (&["keygen", "--help"][..], "  sijil keygen [--out"),
        (&["export", "--help"][..], "  sijil export --identity"),
        (&["store", "check", "-h"][..], "  sijil store check --store"),
        (&["card", "--help"][..], "  sijil card PICTURE.svg"),
        (&["publish", "--help"][..], "  sijil publish --feed"),
    ] {
        let (code, stdout, stderr) = sijil(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(
            stdout.starts_with(&format!("usage:\n{synopsis}")),
            "{args:?}: {stdout}"
        );
        assert_eq!(
            stdout.matches("\n  sijil ").count(),
            1,
            "{args:?}: only its own usage"
        );
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
    let (code, stdout, _) = sijil(&["--help"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.matches("\n  sijil ").count(), 7, "{stdout}");
}

#[test]
fn a_wrong_option_still_fails_with_the_usage() {
    let (code, stdout, stderr) = sijil(&["serve", "--bogus"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("unknown option `--bogus`") && stderr.contains("  sijil serve"),
        "{stderr}"
    );
}

/// `sijil card`: a picture as a downloaded widget gives it becomes a 1200×630 PNG; without
/// its fonts it says which package gives them, and writes nothing.
#[test]
fn card_turns_a_picture_into_a_share_card_and_names_missing_fonts() {
    let dir = std::env::temp_dir().join(format!("sijil-card-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let picture = dir.join("picture.svg");
    std::fs::write(
        &picture,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="300"><rect width="100%" height="100%" fill="#101418"/><text x="768" y="60" font-size="24" fill="#f0f0f0" direction="rtl" text-anchor="start">الضحايا المدنيون: ١٣٨ (SNHR)</text></svg>"##,
    )
    .unwrap();
    let card = dir.join("card.png");
    let (code, _, stderr) = sijil(&[
        "card",
        picture.to_str().unwrap(),
        "--out",
        card.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let png = std::fs::read(&card).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, at bytes 16..24.
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);

    let other = dir.join("other.png");
    let (code, _, stderr) = sijil(&[
        "card",
        picture.to_str().unwrap(),
        "--out",
        other.to_str().unwrap(),
        "--fonts",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("NotoSans-Regular.ttf") && stderr.contains("fonts-noto-core"),
        "{stderr}"
    );
    assert!(!other.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
