//! The encrypted pieces of attached files, waiting on the device in IndexedDB (localStorage holds
//! a few megabytes of strings; a video's ciphertext needs a real store).
//!
//! One database `sijil-files`, one object store `pieces`: key `<attachment id>:<piece number,
//! six digits>`, value the piece's ciphertext bytes ([`PIECE`] bytes, the last one shorter).
//! Nothing here is readable without the organization's identity file: only ciphertext is
//! stored. Every write waits for its transaction to complete, so a piece counted as kept is
//! on the device.
//!
//! Through the `idb` crate (futures over IndexedDB's requests and transactions; `rexie` builds
//! on it). Against the hand-written web-sys version it replaced, it costs the form page 3,387 B
//! brotli (199,197 → 202,584 B, `cargo xtask build`), well inside the page's 250 KB budget, so
//! the well-kept crate wins over our own event plumbing.

/// Ciphertext bytes per stored piece, and per upload request: 4 age chunks. On a 400 kbit/s
/// line a piece takes about 5 s, so a dropped connection costs at most that much again.
pub const PIECE: usize = 256 * 1024;

/// Why the device did not keep a piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The device (or the browser's share of it) is full.
    Quota,
    /// No IndexedDB (private mode in some browsers, or storage disabled).
    Unavailable,
}

pub fn key(id: &str, n: usize) -> String {
    format!("{id}:{n:06}")
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::StoreError;
    use idb::{
        Database, DatabaseEvent, Factory, KeyRange, ObjectStore, ObjectStoreParams, Query,
        Transaction, TransactionMode, TransactionResult,
    };
    use js_sys::Uint8Array;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::IdbTransaction;

    const STORE: &str = "pieces";

    thread_local! {
        static DB: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
    }

    async fn db() -> Result<Rc<Database>, StoreError> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            return Ok(db);
        }
        let factory = Factory::new().map_err(|_| StoreError::Unavailable)?;
        let mut open = factory
            .open("sijil-files", Some(1))
            .map_err(|_| StoreError::Unavailable)?;
        open.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                let _ = db.create_object_store(STORE, ObjectStoreParams::new());
            }
        });
        let db = Rc::new(open.await.map_err(|_| StoreError::Unavailable)?);
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(db)
    }

    /// A transaction on the pieces, its store, and the raw transaction (to read why it failed).
    async fn open(write: bool) -> Result<(Transaction, ObjectStore, IdbTransaction), StoreError> {
        let mode = if write {
            TransactionMode::ReadWrite
        } else {
            TransactionMode::ReadOnly
        };
        let t = db()
            .await?
            .transaction(&[STORE], mode)
            .map_err(|_| StoreError::Unavailable)?;
        let store = t.object_store(STORE).map_err(|_| StoreError::Unavailable)?;
        let raw: IdbTransaction = t.into();
        Ok((Transaction::from(raw.clone()), store, raw))
    }

    /// Waits until the transaction has committed; the error names a full device.
    async fn committed(t: Transaction, raw: &IdbTransaction) -> Result<(), StoreError> {
        match t.await {
            Ok(TransactionResult::Committed) => Ok(()),
            _ if raw
                .error()
                .is_some_and(|e| e.name() == "QuotaExceededError") =>
            {
                Err(StoreError::Quota)
            }
            _ => Err(StoreError::Unavailable),
        }
    }

    pub async fn put(key: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let (t, store, raw) = open(true).await?;
        store
            .put(&Uint8Array::from(bytes), Some(&JsValue::from_str(key)))
            .map_err(|_| StoreError::Unavailable)?;
        committed(t, &raw).await
    }

    pub async fn get(key: &str) -> Option<Vec<u8>> {
        let (_t, store, _) = open(false).await.ok()?;
        let value = store
            .get(Query::from(JsValue::from_str(key)))
            .ok()?
            .await
            .ok()??;
        value.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec())
    }

    /// Deletes every piece whose key starts with `prefix`.
    pub async fn delete_prefix(prefix: &str) {
        let Ok((t, store, raw)) = open(true).await else {
            return;
        };
        let (lo, hi) = (
            JsValue::from_str(prefix),
            JsValue::from_str(&format!("{prefix}\u{ffff}")),
        );
        if let Ok(range) = KeyRange::bound(&lo, &hi, None, None) {
            let _ = store.delete(range);
        }
        let _ = committed(t, &raw).await;
    }

    pub async fn clear() {
        let Ok((t, store, raw)) = open(true).await else {
            return;
        };
        let _ = store.clear();
        let _ = committed(t, &raw).await;
    }

    /// The attachment ids that have pieces on the device.
    pub async fn ids() -> Vec<String> {
        let Ok((_t, store, _)) = open(false).await else {
            return Vec::new();
        };
        let Ok(request) = store.get_all_keys(None, None) else {
            return Vec::new();
        };
        let Ok(keys) = request.await else {
            return Vec::new();
        };
        let mut ids: Vec<String> = keys
            .iter()
            .filter_map(|k| k.as_string())
            .filter_map(|k| k.split_once(':').map(|(id, _)| id.to_owned()))
            .collect();
        ids.dedup();
        ids
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    //! Natively (SSR tests) there is no IndexedDB.
    use super::StoreError;
    pub async fn put(_key: &str, _bytes: &[u8]) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    pub async fn get(_key: &str) -> Option<Vec<u8>> {
        None
    }
    pub async fn delete_prefix(_prefix: &str) {}
    pub async fn clear() {}
    pub async fn ids() -> Vec<String> {
        Vec::new()
    }
}

pub use imp::{clear, get, ids, put};

/// Deletes one attachment's pieces.
pub async fn delete_file(id: &str) {
    imp::delete_prefix(&format!("{id}:")).await
}
