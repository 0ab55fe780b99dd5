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
    assert_eq!(stdout.matches("\n  sijil ").count(), 6, "{stdout}");
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
