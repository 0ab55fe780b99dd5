//! Durable, exactly-once storage of encrypted reports.
//!
//! A report is written to a temporary file, fsynced, renamed to `<uuid>.age`, and the directory
//! is fsynced. A crash before the rename leaves only a `.tmp` file that readers ignore and the
//! next start removes; a crash after it leaves a complete report. `rename` is atomic, so a reader
//! never sees half a report. The file name is the report's UUID, so a retry of the same report
//! finds it already stored and changes nothing.

use sijil_core::receipt::ReportId;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct Store {
    dir: PathBuf,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    New,
    AlreadyHad,
}

impl Store {
    /// Opens (creating) the directory and removes temporary files left by an interrupted write.
    pub fn open(dir: &Path) -> io::Result<Store> {
        fs::create_dir_all(dir)?;
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "tmp") {
                fs::remove_file(&path)?;
            }
        }
        Ok(Store {
            dir: dir.to_owned(),
        })
    }

    pub fn path_of(&self, id: &ReportId) -> PathBuf {
        self.dir.join(format!("{id}.age"))
    }

    /// Stores `body` under `id` unless a report with that id is already stored.
    ///
    /// Concurrent calls for one id are safe: each writes its own temporary file, and the
    /// `hard_link` into place fails for all but the first (unlike `rename`, which would overwrite).
    pub fn put(&self, id: &ReportId, body: &[u8]) -> io::Result<Stored> {
        let final_path = self.path_of(id);
        if final_path.exists() {
            return Ok(Stored::AlreadyHad);
        }
        let tmp = self
            .dir
            .join(format!("{id}.{}.{}.tmp", std::process::id(), unique()));
        let result = (|| {
            let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            f.write_all(body)?;
            f.sync_all()?;
            drop(f);
            if std::env::var_os("SIJIL_TEST_CRASH_BEFORE_RENAME").is_some() {
                // Test hook: die between the durable write and the rename, as a power cut would.
                std::process::abort();
            }
            match fs::hard_link(&tmp, &final_path) {
                Ok(()) => {
                    File::open(&self.dir)?.sync_all()?;
                    Ok(Stored::New)
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(Stored::AlreadyHad),
                Err(e) => Err(e),
            }
        })();
        let _ = fs::remove_file(&tmp);
        result
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("sijil-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn stores_once_per_id() {
        let dir = temp_dir("once");
        let store = Store::open(&dir).unwrap();
        let id = ReportId::from_random([7; 16]);
        assert_eq!(store.put(&id, b"first").unwrap(), Stored::New);
        assert_eq!(store.put(&id, b"second").unwrap(), Stored::AlreadyHad);
        assert_eq!(fs::read(store.path_of(&id)).unwrap(), b"first");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary files left: {names:?}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn concurrent_puts_store_one_report() {
        let dir = temp_dir("race");
        let store = std::sync::Arc::new(Store::open(&dir).unwrap());
        let id = ReportId::from_random([9; 16]);
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || store.put(&id, format!("body {i}").as_bytes()).unwrap())
            })
            .collect();
        let new = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|s| *s == Stored::New)
            .count();
        assert_eq!(new, 1);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn open_removes_leftover_temporary_files() {
        let dir = temp_dir("tmp");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("x.1.0.tmp"), b"partial").unwrap();
        Store::open(&dir).unwrap();
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        fs::remove_dir_all(dir).unwrap();
    }
}
