//! The encrypted pieces of attached files, waiting on the device in IndexedDB (localStorage holds
//! a few megabytes of strings; a video's ciphertext needs a real store).
//!
//! One database `sijil-files`, one object store `pieces`: key `<attachment id>:<piece number,
//! six digits>`, value the piece's ciphertext bytes ([`PIECE`] bytes, the last one shorter).
//! Nothing here is readable without the organization's identity file: only ciphertext is
//! stored. Every write waits for its transaction to complete, so a piece counted as kept is
//! on the device.
//!
//! Hand-written over web-sys (about 120 lines) rather than the `idb`/`rexie` crates: the form
//! needs four operations (put, get, delete a file's pieces, clear), and this adds only the
//! web-sys bindings it calls to the page.

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
    use js_sys::{Promise, Uint8Array};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbKeyRange, IdbRequest, IdbTransaction, IdbTransactionMode};

    const STORE: &str = "pieces";

    thread_local! {
        static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    }

    /// Resolves when the request succeeds (with its result), rejects when it fails.
    fn done(req: &IdbRequest) -> JsFuture {
        let req = req.clone();
        JsFuture::from(Promise::new(&mut |resolve, reject| {
            let r = req.clone();
            let ok = Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
            });
            let fail = Closure::once_into_js(move || {
                let _ = reject.call0(&JsValue::NULL);
            });
            req.set_onsuccess(Some(ok.unchecked_ref()));
            req.set_onerror(Some(fail.unchecked_ref()));
        }))
    }

    /// Resolves when the transaction has committed; the error names a full device.
    async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
        let t = tx.clone();
        let waited = JsFuture::from(Promise::new(&mut |resolve, reject| {
            let ok = Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            });
            let (t2, reject2) = (t.clone(), reject.clone());
            let fail = Closure::once_into_js(move || {
                let quota = t2.error().is_some_and(|e| e.name() == "QuotaExceededError");
                let _ = reject2.call1(&JsValue::NULL, &JsValue::from_bool(quota));
            });
            t.set_oncomplete(Some(ok.unchecked_ref()));
            t.set_onerror(Some(fail.unchecked_ref()));
            t.set_onabort(Some(fail.unchecked_ref()));
        }))
        .await;
        waited.map(drop).map_err(|quota| {
            if quota.as_bool() == Some(true) {
                StoreError::Quota
            } else {
                StoreError::Unavailable
            }
        })
    }

    async fn db() -> Result<IdbDatabase, StoreError> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            return Ok(db);
        }
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        let open = factory
            .open_with_u32("sijil-files", 1)
            .map_err(|_| StoreError::Unavailable)?;
        let o = open.clone();
        let upgrade = Closure::once_into_js(move || {
            if let Ok(db) = o.result().map(JsCast::unchecked_into::<IdbDatabase>) {
                let _ = db.create_object_store(STORE);
            }
        });
        open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        let db: IdbDatabase = done(&open)
            .await
            .map_err(|_| StoreError::Unavailable)?
            .unchecked_into();
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(db)
    }

    fn tx(db: &IdbDatabase, write: bool) -> Result<IdbTransaction, StoreError> {
        let mode = if write {
            IdbTransactionMode::Readwrite
        } else {
            IdbTransactionMode::Readonly
        };
        db.transaction_with_str_and_mode(STORE, mode)
            .map_err(|_| StoreError::Unavailable)
    }

    pub async fn put(key: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let db = db().await?;
        let t = tx(&db, true)?;
        let store = t.object_store(STORE).map_err(|_| StoreError::Unavailable)?;
        store
            .put_with_key(&Uint8Array::from(bytes), &JsValue::from_str(key))
            .map_err(|_| StoreError::Unavailable)?;
        committed(&t).await
    }

    pub async fn get(key: &str) -> Option<Vec<u8>> {
        let db = db().await.ok()?;
        let store = tx(&db, false).ok()?.object_store(STORE).ok()?;
        let req = store.get(&JsValue::from_str(key)).ok()?;
        let value = done(&req).await.ok()?;
        value.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec())
    }

    /// Deletes every piece whose key starts with `prefix`.
    pub async fn delete_prefix(prefix: &str) {
        let Ok(db) = db().await else { return };
        let Ok(t) = tx(&db, true) else { return };
        let (lo, hi) = (
            JsValue::from_str(prefix),
            JsValue::from_str(&format!("{prefix}\u{ffff}")),
        );
        if let (Ok(store), Ok(range)) = (t.object_store(STORE), IdbKeyRange::bound(&lo, &hi)) {
            let _ = store.delete(&range);
        }
        let _ = committed(&t).await;
    }

    pub async fn clear() {
        let Ok(db) = db().await else { return };
        let Ok(t) = tx(&db, true) else { return };
        if let Ok(store) = t.object_store(STORE) {
            let _ = store.clear();
        }
        let _ = committed(&t).await;
    }

    /// The attachment ids that have pieces on the device.
    pub async fn ids() -> Vec<String> {
        let Ok(db) = db().await else {
            return Vec::new();
        };
        let Some(req) = tx(&db, false)
            .ok()
            .and_then(|t| t.object_store(STORE).ok())
            .and_then(|s| s.get_all_keys().ok())
        else {
            return Vec::new();
        };
        let Ok(keys) = done(&req).await else {
            return Vec::new();
        };
        let mut ids: Vec<String> = js_sys::Array::from(&keys)
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
