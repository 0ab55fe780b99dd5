//! `sijil keygen [--out key.txt]`: creates the organization's age identity (X25519).
//!
//! The file has the same shape as `age-keygen`'s (comment lines with the creation time and the
//! public key, then `AGE-SECRET-KEY-1…`), so the Debian `age -d -i key.txt` reads it too. It is
//! created with mode 0600 and never overwrites an existing file: losing an identity makes every
//! report encrypted to it unreadable. The public recipient (`age1…`) is printed on stdout, ready
//! for `age_recipients` in `config.json`.

use age::secrecy::ExposeSecret;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut out = PathBuf::from("key.txt");
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--out" | "-o" => {
                out = PathBuf::from(it.next().ok_or("--out needs a file name")?);
            }
            other => return Err(format!("keygen: unknown option `{other}`")),
        }
    }
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let text = format!(
        "# created: {}\n# public key: {recipient}\n{}\n",
        crate::export::now_rfc3339(),
        identity.to_string().expose_secret()
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "keygen: {} already exists; not overwriting an identity",
                out.display()
            )
        } else {
            format!("keygen: cannot create {}: {e}", out.display())
        }
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("keygen: cannot write {}: {e}", out.display()))?;
    eprintln!(
        "sijil: wrote the identity to {} (keep it secret and backed up: without it reports cannot be read)",
        out.display()
    );
    println!("{recipient}");
    Ok(ExitCode::SUCCESS)
}
