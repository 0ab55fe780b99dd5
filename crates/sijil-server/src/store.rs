//! Where encrypted reports are kept: one object per report, `<prefix>/<uuid>.age`, behind the
//! `object_store` crate, so the same code writes to the local disk (the embedded default) or to
//! any S3-compatible store that several intake nodes share.
//!
//! - A path or `file:///…` is a local directory (`LocalFileSystem` with fsync on: the file and
//!   its directory entry are on disk before a report is acknowledged; the object is written to a
//!   staging file and hard-linked into place, which fails if the name exists).
//! - `s3://BUCKET/PREFIX` is configured by the standard AWS environment variables
//!   (`AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//!   `AWS_ALLOW_HTTP`); a write is one `PUT` with `If-None-Match: *`.
//!
//! Exactly-once is the store's conditional create (`PutMode::Create`), never a read followed by
//! a write: two nodes racing on one report id cannot both create it. Only after a create was
//! refused is the existing object read, to tell a retry (same bytes: the same receipt) from a
//! different body under a taken id (a conflict; the original is kept). A crash mid-write leaves
//! at most a staging file (local) or nothing (S3 makes an object visible only when its upload
//! is complete), never a partial report.

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions};
use sijil_report::receipt::ReportId;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Attempts at a create refused while the existing object is not yet readable (50 ms doubling:
/// about 3 s in all, well inside the request deadline).
const RACE_ATTEMPTS: usize = 7;

pub struct Store {
    inner: Arc<dyn ObjectStore>,
    prefix: ObjPath,
    /// How the store was named, for messages (never holds credentials: those are in the env).
    pub describe: String,
    /// Bytes of reports the store may hold before the intake answers 507 (`--quota-mb`).
    quota: Option<u64>,
    used: AtomicU64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    New,
    AlreadyHad,
}

#[derive(Debug)]
pub enum PutError {
    /// The id is taken by a different body; the stored one is kept.
    Conflict,
    /// The quota is reached.
    Full,
    /// The store failed or could not be reached (the message names the kind, never the body).
    Unavailable(String),
}

/// One stored object, as `store check` and `export` see it.
pub struct Listed {
    /// The name under the prefix (`<uuid>.age` for a report).
    pub name: String,
    pub size: u64,
}

impl Store {
    /// Opens the store a `--store` value names (creating a local directory).
    pub fn open(spec: &str) -> Result<Store, String> {
        if let Some(rest) = spec.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(format!("{spec}: no bucket (s3://BUCKET/PREFIX)"));
            }
            let _ = rustls::crypto::ring::default_provider().install_default();
            let retry = object_store::RetryConfig {
                backoff: Default::default(),
                max_retries: 2,
                retry_timeout: Duration::from_secs(5),
            };
            // 20 s per request, inside the intake's 30 s request deadline: a store busy with
            // fifty conditional PUTs racing for one key (SeaweedFS on a loaded machine) took
            // over 10 s, and a shorter limit answered 503 to clients whose report was stored.
            let options = object_store::ClientOptions::new()
                .with_timeout(Duration::from_secs(20))
                .with_connect_timeout(Duration::from_secs(3));
            // Timeouts first, then the standard AWS_* variables (as `from_env` reads them:
            // setting client options after it would drop AWS_ALLOW_HTTP).
            let mut builder = object_store::aws::AmazonS3Builder::new()
                .with_client_options(options)
                .with_retry(retry);
            for (key, value) in std::env::vars() {
                if let Some(lower) = key.strip_prefix("AWS_").map(|_| key.to_ascii_lowercase()) {
                    if let Ok(config_key) = lower.parse() {
                        builder = builder.with_config(config_key, value);
                    }
                }
            }
            let s3 = builder
                .with_bucket_name(bucket)
                .build()
                .map_err(|e| format!("{spec}: {e}"))?;
            return Ok(Store::new(Arc::new(s3), prefix, spec));
        }
        let dir = match spec.strip_prefix("file://") {
            Some(p) => PathBuf::from(p),
            None if spec.contains("://") => {
                return Err(format!(
                    "{spec}: only a path, file:///… or s3://… is supported"
                ))
            }
            None => PathBuf::from(spec),
        };
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        remove_staging_files(&dir);
        let local = LocalFileSystem::new_with_prefix(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .with_fsync(true);
        Ok(Store::new(Arc::new(local), "", &dir.display().to_string()))
    }

    fn new(inner: Arc<dyn ObjectStore>, prefix: &str, describe: &str) -> Store {
        Store {
            inner,
            prefix: ObjPath::from(prefix.trim_matches('/')),
            describe: describe.to_owned(),
            quota: None,
            used: AtomicU64::new(0),
        }
    }

    /// Sets a quota in bytes, counting what the store already holds.
    pub async fn with_quota(mut self, bytes: Option<u64>) -> Result<Store, String> {
        if bytes.is_some() {
            let held: u64 = self.list().await?.iter().map(|l| l.size).sum();
            self.used = AtomicU64::new(held);
        }
        self.quota = bytes;
        Ok(self)
    }

    /// The object path of `name` under the prefix; `/` in a name separates folders
    /// (`attachments/<report>/<attachment>/…`).
    fn key(&self, name: &str) -> ObjPath {
        name.split('/')
            .fold(self.prefix.clone(), |key, part| key.join(part))
    }

    /// Stores `body` as the object `name` (see [`object_name`]) exactly once (module doc).
    pub async fn put_once(&self, name: &str, body: Bytes) -> Result<Stored, PutError> {
        let len = body.len() as u64;
        if let Some(quota) = self.quota {
            if self.used.load(Ordering::SeqCst) + len > quota {
                return Err(PutError::Full);
            }
        }
        let key = self.key(name);
        // A refused create whose object cannot be read yet is another node's write still in
        // flight (S3 answers 409 to a conditional PUT racing another one): wait for it and ask
        // again, rather than answer 503 to a client whose report is being stored.
        let mut pause = Duration::from_millis(50);
        for _ in 0..RACE_ATTEMPTS {
            let opts = PutOptions {
                mode: PutMode::Create,
                ..Default::default()
            };
            match self.inner.put_opts(&key, body.clone().into(), opts).await {
                Ok(_) => {
                    self.used.fetch_add(len, Ordering::SeqCst);
                    return Ok(Stored::New);
                }
                Err(object_store::Error::AlreadyExists { .. }) => match self.read(&key).await {
                    Ok(held) if held == body => return Ok(Stored::AlreadyHad),
                    Ok(_) => return Err(PutError::Conflict),
                    Err(object_store::Error::NotFound { .. }) => {
                        tokio::time::sleep(pause).await;
                        pause *= 2;
                    }
                    Err(e) => return Err(PutError::Unavailable(kind(&e))),
                },
                Err(e) => return Err(PutError::Unavailable(kind(&e))),
            }
        }
        Err(PutError::Unavailable(
            "a concurrent write did not finish".into(),
        ))
    }

    async fn read(&self, key: &ObjPath) -> Result<Bytes, object_store::Error> {
        self.inner.get(key).await?.bytes().await
    }

    /// True when the store answers (a missing probe object is an answer).
    pub async fn healthy(&self) -> bool {
        match self.inner.head(&self.key(".healthz")).await {
            Ok(_) | Err(object_store::Error::NotFound { .. }) => true,
            Err(_) => false,
        }
    }

    /// Every object under the prefix (sorted by name), staging files excluded.
    pub async fn list(&self) -> Result<Vec<Listed>, String> {
        self.list_under("").await
    }

    /// Every object under the prefix and then the folder `dir` (`a/b`; `""` for all), sorted
    /// by name; names are relative to the prefix, as [`Self::get`] takes them.
    pub async fn list_under(&self, dir: &str) -> Result<Vec<Listed>, String> {
        use futures_util::StreamExt;
        let under = if dir.is_empty() {
            self.prefix.clone()
        } else {
            self.key(dir)
        };
        let mut stream = self.inner.list(Some(&under));
        let mut out = Vec::new();
        while let Some(meta) = stream.next().await {
            let meta = meta.map_err(|e| format!("cannot list {}: {e}", self.describe))?;
            let name = meta
                .location
                .prefix_match(&self.prefix)
                .map(|parts| parts.map(|p| p.as_ref().to_owned()).collect::<Vec<_>>())
                .unwrap_or_default()
                .join("/");
            out.push(Listed {
                name,
                size: meta.size,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The whole object `name` (under the prefix).
    pub async fn get(&self, name: &str) -> Result<Bytes, String> {
        let got = self
            .inner
            .get(&self.key(name))
            .await
            .map_err(|e| kind(&e))?;
        got.bytes().await.map_err(|e| kind(&e))
    }
}

/// The object a report is stored as: `<id>.age`, or `<id>.replaces-<first>.age` for a report
/// the phone sent again under a new id after its first one was taken (the report inside
/// carries the first id).
pub fn object_name(id: &ReportId, replaces: Option<&ReportId>) -> String {
    match replaces {
        Some(first) => format!("{id}.replaces-{first}.age"),
        None => format!("{id}.age"),
    }
}

/// The ids an object name holds: the one it is stored under and, for a replacement, the one
/// the report inside carries. None for a name that is not a report's.
pub fn parse_object_name(name: &str) -> Option<(ReportId, Option<ReportId>)> {
    let stem = name.strip_suffix(".age")?;
    match stem.split_once(".replaces-") {
        Some((id, first)) => Some((ReportId::parse(id)?, Some(ReportId::parse(first)?))),
        None => Some((ReportId::parse(stem)?, None)),
    }
}

/// The kind of a store error, for logs: never a path with a report id in it.
fn kind(e: &object_store::Error) -> String {
    match e {
        object_store::Error::NotFound { .. } => "not found".into(),
        object_store::Error::PermissionDenied { .. } => "permission denied".into(),
        object_store::Error::Unauthenticated { .. } => "unauthenticated".into(),
        object_store::Error::NotImplemented { .. } => "not supported by this store".into(),
        object_store::Error::Precondition { .. } => "precondition failed".into(),
        _ => "store unreachable or failing".into(),
    }
}

/// Staging files (`name#N`) a crash left in a local store: never complete reports, and never
/// listed; removed so they do not accumulate.
fn remove_staging_files(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name
            .rsplit_once('#')
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("sijil-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[tokio::test]
    async fn stores_once_per_id_and_refuses_a_different_body() {
        let dir = temp_dir("once");
        let store = Store::open(dir.to_str().unwrap()).unwrap();
        let id = ReportId::from_random([7; 16]);
        let first = Bytes::from_static(b"first");
        assert_eq!(
            store
                .put_once(&object_name(&id, None), first.clone())
                .await
                .unwrap(),
            Stored::New
        );
        assert_eq!(
            store
                .put_once(&object_name(&id, None), first)
                .await
                .unwrap(),
            Stored::AlreadyHad
        );
        assert!(matches!(
            store
                .put_once(&object_name(&id, None), Bytes::from_static(b"second"))
                .await,
            Err(PutError::Conflict)
        ));
        assert_eq!(
            std::fs::read(dir.join(format!("{id}.age"))).unwrap(),
            b"first"
        );
        assert_eq!(
            names(&dir),
            vec![format!("{id}.age")],
            "no staging files left"
        );
        let listed = store.list().await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, format!("{id}.age"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_puts_store_one_report() {
        let dir = temp_dir("race");
        let store = Arc::new(Store::open(dir.to_str().unwrap()).unwrap());
        let id = ReportId::from_random([9; 16]);
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .put_once(&object_name(&id, None), Bytes::from_static(b"same"))
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut new = 0;
        for t in tasks {
            new += usize::from(t.await.unwrap() == Stored::New);
        }
        assert_eq!(new, 1);
        assert_eq!(names(&dir).len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn open_removes_staging_files_and_quota_counts_what_is_held() {
        let dir = temp_dir("staging");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.age#3"), b"partial").unwrap();
        std::fs::write(dir.join("held.age"), [0u8; 10]).unwrap();
        let store = Store::open(dir.to_str().unwrap())
            .unwrap()
            .with_quota(Some(15))
            .await
            .unwrap();
        assert_eq!(names(&dir), vec!["held.age".to_string()]);
        let id = ReportId::from_random([5; 16]);
        assert!(matches!(
            store
                .put_once(&object_name(&id, None), Bytes::from_static(b"123456"))
                .await,
            Err(PutError::Full)
        ));
        assert_eq!(
            store
                .put_once(&object_name(&id, None), Bytes::from_static(b"12345"))
                .await
                .unwrap(),
            Stored::New
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn object_names_round_trip() {
        let (a, b) = (
            ReportId::from_random([1; 16]),
            ReportId::from_random([2; 16]),
        );
        assert_eq!(parse_object_name(&object_name(&a, None)), Some((a, None)));
        assert_eq!(
            parse_object_name(&object_name(&a, Some(&b))),
            Some((a, Some(b)))
        );
        assert_eq!(parse_object_name("notes.txt"), None);
        assert_eq!(parse_object_name("x.replaces-y.age"), None);
    }

    #[test]
    fn only_known_schemes() {
        assert!(Store::open("gs://bucket").is_err());
        assert!(Store::open("s3:///x").is_err());
    }
}
