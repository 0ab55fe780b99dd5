//! `sijil export`'s attachments: a report's files joined from their upload pieces
//! ([`crate::uploads`]), decrypted with the organization's identity as a stream (a 100 MB video
//! is never whole in memory), written as `OUTDIR/<report id>/NN-<name>` and checked against
//! the SHA-256 the report carries. See [`crate::export`] for the statuses and how they are
//! reported.

use crate::store::Store;
use crate::uploads::{attachment_dir, state};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use sijil_report::form::attachment::{hex, Attachment};
use sijil_report::receipt::ReportId;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use tokio::runtime::Runtime;

/// What export found for one attachment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Decrypted, and its SHA-256 is the report's.
    Verified,
    /// Decrypted, but its SHA-256 is not the report's (the file is written all the same).
    Mismatch,
    /// No upload was ever started (or it is in another store).
    Missing,
    /// The upload stopped: the bytes that arrived and the bytes announced.
    Incomplete(u64, u64),
    /// The pieces are all there but do not decrypt (the reason).
    Unreadable(String),
}

impl Status {
    pub fn id(&self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Mismatch => "mismatch",
            Status::Missing => "missing",
            Status::Incomplete(..) => "incomplete",
            Status::Unreadable(_) => "unreadable",
        }
    }

    /// The line said on stderr.
    pub fn describe(&self) -> String {
        match self {
            Status::Verified => "verified".into(),
            Status::Mismatch => {
                "its SHA-256 is not the one in the report (written, marked mismatch)".into()
            }
            Status::Missing => "missing: no upload has reached the store yet".into(),
            Status::Incomplete(got, of) => {
                format!(
                    "incomplete: {got} of {of} bytes have arrived (the phone may still be sending)"
                )
            }
            Status::Unreadable(why) => format!("does not decrypt: {why}"),
        }
    }
}

/// Exports every attachment of one report; per attachment, its status and the file written
/// (relative to `out`), if any.
pub fn export_attachments(
    runtime: &Runtime,
    store: &Store,
    ids: &Arc<Vec<age::x25519::Identity>>,
    out: &Path,
    report: &ReportId,
    attachments: &[Attachment],
) -> Vec<(Status, Option<String>)> {
    attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let file = format!("{report}/{:02}-{}", i + 1, a.name);
            match one(runtime, store, ids, &out.join(&file), report, a) {
                Ok(status) => (status, Some(file)),
                Err(status) => (status, None),
            }
        })
        .collect()
}

/// One attachment: `Ok` once a file is written (verified or not), `Err` when there is none.
fn one(
    runtime: &Runtime,
    store: &Store,
    ids: &Arc<Vec<age::x25519::Identity>>,
    path: &Path,
    report: &ReportId,
    a: &Attachment,
) -> Result<Status, Status> {
    let upload = runtime
        .block_on(state(store, &attachment_dir(report, &a.id)))
        .map_err(Status::Unreadable)?
        .ok_or(Status::Missing)?;
    if !upload.complete() {
        return Err(Status::Incomplete(upload.offset, upload.length));
    }
    let mut names = upload.pieces.into_iter();
    let first = names
        .next()
        .map(|n| runtime.block_on(store.get(&n)))
        .transpose()
        .map_err(Status::Unreadable)?
        .unwrap_or_default();
    crate::agefile::check_start(&first, upload.length, crate::agefile::MAX_STANZAS)
        .map_err(|e| Status::Unreadable(e.to_string()))?;
    let pieces = Pieces {
        runtime,
        store,
        names,
        current: first,
    };
    let decryptor = age::Decryptor::new(pieces).map_err(|e| Status::Unreadable(e.to_string()))?;
    let mut plain = decryptor
        .decrypt(ids.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| Status::Unreadable(e.to_string()))?;

    let dir = path.parent().expect("a report folder");
    crate::export::private_dir(dir).map_err(Status::Unreadable)?;
    if path.exists() {
        // An earlier export wrote it: kept if it is the same file, else named.
        let held = std::fs::read(path).map_err(|e| Status::Unreadable(e.to_string()))?;
        return Ok(if hex(&Sha256::digest(&held)) == a.sha256 {
            Status::Verified
        } else {
            Status::Mismatch
        });
    }
    let tmp = path.with_extension("partial");
    let mut file = new_private_file(&tmp).map_err(Status::Unreadable)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match plain.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(Status::Unreadable(e.to_string()));
            }
        };
        hasher.update(&buf[..n]);
        file.write_all(&buf[..n])
            .map_err(|e| Status::Unreadable(e.to_string()))?;
    }
    file.sync_all()
        .map_err(|e| Status::Unreadable(e.to_string()))?;
    std::fs::rename(&tmp, path).map_err(|e| Status::Unreadable(e.to_string()))?;
    Ok(if hex(&hasher.finalize()) == a.sha256 {
        Status::Verified
    } else {
        Status::Mismatch
    })
}

/// The pieces of one upload read one after another, each fetched when the last is used up.
struct Pieces<'a> {
    runtime: &'a Runtime,
    store: &'a Store,
    names: std::vec::IntoIter<String>,
    current: Bytes,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.current.is_empty() {
            match self.names.next() {
                None => return Ok(0),
                Some(name) => {
                    self.current = self
                        .runtime
                        .block_on(self.store.get(&name))
                        .map_err(std::io::Error::other)?;
                }
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current = self.current.slice(n..);
        Ok(n)
    }
}

fn new_private_file(path: &Path) -> Result<std::fs::File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
