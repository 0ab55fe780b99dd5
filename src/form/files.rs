//! A chosen file made ready to send: read 64 KiB at a time (`Blob.slice`), fingerprinted
//! (SHA-256, `sijil-report`'s [`Fingerprint`]) and encrypted (its age [`Stream`]) in the same
//! pass, the ciphertext kept on the device in [`super::idb`] pieces. Memory stays bounded: one
//! 64 KiB slice, its sealed chunk and at most one piece ([`PIECE`]) of ciphertext at a time,
//! whatever the file's size.
//!
//! Files are encrypted as soon as they are chosen, not when the report is sent: a reload or a
//! closed tab keeps them (the draft names them, the device holds their ciphertext), and sending
//! is instant. What stays in memory only is the chosen `File` itself (for thumbnails and the
//! per-photo options); after a reload a file shows a generic icon.
//!
//! The ciphertext length of each prepared file (what its upload announces) is kept in
//! localStorage beside the draft (`sijil.files.v1`).

use super::idb::{self, StoreError, PIECE};
use crate::browser;
use sijil_report::age::{Stream, CHUNK};
use sijil_report::form::attachment::Fingerprint;
use std::cell::RefCell;
use std::collections::BTreeMap;

const LENS_KEY: &str = "sijil.files.v1";

/// The size a file may have unless the organization says otherwise (the server's default
/// `--attachment-mb`).
pub const MAX_BYTES: u64 = 100 * 1024 * 1024;

/// Why a chosen file is not attached (each has its sentence in [`super::text`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Unsupported,
    TooLarge,
    Empty,
    TooMany,
    /// The device is full.
    Quota,
    /// The device has no storage for files (IndexedDB missing or refused).
    NoStore,
    /// The file could not be read, or changed while it was read.
    Unreadable,
    /// No secure random numbers, or no usable recipient.
    CannotEncrypt,
    /// The photo's location could not be removed (a JPEG this reader does not understand).
    LocationFailed,
    /// The browser could not draw a smaller copy.
    CopyFailed,
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Quota => Problem::Quota,
            StoreError::Unavailable => Problem::NoStore,
        }
    }
}

/// A file being read and encrypted: its id, name and how far along (0..=1).
#[derive(Clone, Debug, PartialEq)]
pub struct Preparing {
    pub id: String,
    pub name: String,
    pub done: f64,
}

thread_local! {
    static PREPARING: RefCell<Vec<Preparing>> = const { RefCell::new(Vec::new()) };
    /// Chosen files still in memory this visit, with the object URL of their thumbnail.
    static CHOSEN: RefCell<Vec<(String, web_sys::Blob, Option<String>)>> = const { RefCell::new(Vec::new()) };
}

pub fn preparing() -> Vec<Preparing> {
    PREPARING.with(|p| p.borrow().clone())
}

fn set_progress(id: &str, done: f64) {
    PREPARING.with(|p| {
        if let Some(x) = p.borrow_mut().iter_mut().find(|x| x.id == id) {
            x.done = done;
        }
    })
}

fn lens() -> BTreeMap<String, u64> {
    browser::storage_get(LENS_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn save_lens(m: &BTreeMap<String, u64>) -> bool {
    if m.is_empty() {
        browser::storage_remove(LENS_KEY);
        return true;
    }
    serde_json::to_string(m).is_ok_and(|s| browser::storage_set(LENS_KEY, &s))
}

/// The ciphertext length of a prepared file, if its pieces are on the device.
pub fn cipher_len(id: &str) -> Option<u64> {
    lens().get(id).copied()
}

/// The thumbnail (object URL) of a chosen image still in memory.
pub fn thumbnail(id: &str) -> Option<String> {
    CHOSEN.with(|c| {
        c.borrow()
            .iter()
            .find(|x| x.0 == id)
            .and_then(|x| x.2.clone())
    })
}

/// The chosen file itself, while this visit lasts.
pub fn original(id: &str) -> Option<web_sys::Blob> {
    CHOSEN.with(|c| c.borrow().iter().find(|x| x.0 == id).map(|x| x.1.clone()))
}

pub fn remember(id: &str, file: web_sys::Blob, image: bool) {
    let url = image
        .then(|| web_sys::Url::create_object_url_with_blob(&file).ok())
        .flatten();
    CHOSEN.with(|c| c.borrow_mut().push((id.to_owned(), file, url)));
}

/// Forgets a file on this device: its ciphertext, its length and its thumbnail.
pub async fn forget(id: &str) {
    CHOSEN.with(|c| {
        c.borrow_mut().retain(|x| {
            if x.0 == id {
                if let Some(u) = &x.2 {
                    let _ = web_sys::Url::revoke_object_url(u);
                }
            }
            x.0 != id
        })
    });
    let mut m = lens();
    if m.remove(id).is_some() {
        save_lens(&m);
    }
    idb::delete_file(id).await;
}

/// Forgets every file on the device except those named in `keep` (files of reports waiting to
/// be uploaded, files of the current draft).
pub async fn forget_all_but(keep: &[String]) {
    let mut ids: Vec<String> = lens().into_keys().collect();
    ids.extend(idb::ids().await);
    ids.sort();
    ids.dedup();
    for id in ids.iter().filter(|id| !keep.contains(id)) {
        forget(id).await;
    }
}

#[cfg(target_arch = "wasm32")]
async fn read(blob: &web_sys::Blob, from: u64, to: u64) -> Option<Vec<u8>> {
    let part = blob.slice_with_f64_and_f64(from as f64, to as f64).ok()?;
    let buf = wasm_bindgen_futures::JsFuture::from(part.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

#[cfg(not(target_arch = "wasm32"))]
async fn read(_blob: &web_sys::Blob, _from: u64, _to: u64) -> Option<Vec<u8>> {
    None
}

/// The whole blob (a photo, to remove its location: the Exif block sits at its start, but the
/// copy is written whole).
pub async fn read_all(blob: &web_sys::Blob) -> Option<Vec<u8>> {
    read(blob, 0, blob.size() as u64).await
}

/// A blob of `bytes` with a media type.
pub fn blob_of(bytes: &[u8], media_type: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(media_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()
}

/// The longest side of a smaller copy, in pixels.
pub const SMALLER_MAX_PX: u32 = 2560;

/// A smaller copy of a photo, drawn by the browser's own decoder (`createImageBitmap`, a
/// canvas) at most [`SMALLER_MAX_PX`] on its longest side and saved as JPEG. The copy carries
/// no Exif block, so no location either.
#[cfg(target_arch = "wasm32")]
pub async fn smaller_copy(blob: &web_sys::Blob) -> Option<web_sys::Blob> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(blob).ok()?)
            .await
            .ok()?
            .unchecked_into();
    let (w, h) = (bitmap.width(), bitmap.height());
    let scale = (f64::from(SMALLER_MAX_PX) / f64::from(w.max(h).max(1))).min(1.0);
    let (cw, ch) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    let canvas: web_sys::HtmlCanvasElement = window
        .document()?
        .create_element("canvas")
        .ok()?
        .unchecked_into();
    canvas.set_width(cw);
    canvas.set_height(ch);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(cw), f64::from(ch))
        .ok()?;
    bitmap.close();
    let made = JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
        let r = resolve.clone();
        let done = wasm_bindgen::closure::Closure::once_into_js(move |b: wasm_bindgen::JsValue| {
            let _ = r.call1(&wasm_bindgen::JsValue::NULL, &b);
        });
        if canvas
            .to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &wasm_bindgen::JsValue::from_f64(0.85),
            )
            .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    }))
    .await
    .ok()?;
    made.dyn_into::<web_sys::Blob>().ok()
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn smaller_copy(_blob: &web_sys::Blob) -> Option<web_sys::Blob> {
    None
}

/// What preparing a file gives: the fingerprint of the bytes encrypted and their count.
pub struct Prepared {
    pub sha256: String,
    pub size: u64,
}

/// Reads, fingerprints and encrypts `blob` to `recipients`, keeping the ciphertext on the device
/// under `id`. On failure nothing of it is left on the device.
pub async fn prepare(
    id: &str,
    name: &str,
    blob: &web_sys::Blob,
    recipients: &[String],
    on_progress: &dyn Fn(),
) -> Result<Prepared, Problem> {
    PREPARING.with(|p| {
        p.borrow_mut().push(Preparing {
            id: id.to_owned(),
            name: name.to_owned(),
            done: 0.0,
        })
    });
    on_progress();
    let result = encrypt_into_store(id, blob, recipients, on_progress).await;
    PREPARING.with(|p| p.borrow_mut().retain(|x| x.id != id));
    match result {
        Ok((prepared, len)) => {
            let mut m = lens();
            m.insert(id.to_owned(), len);
            if save_lens(&m) {
                on_progress();
                Ok(prepared)
            } else {
                idb::delete_file(id).await;
                on_progress();
                Err(Problem::Quota)
            }
        }
        Err(p) => {
            idb::delete_file(id).await;
            on_progress();
            Err(p)
        }
    }
}

async fn encrypt_into_store(
    id: &str,
    blob: &web_sys::Blob,
    recipients: &[String],
    on_progress: &dyn Fn(),
) -> Result<(Prepared, u64), Problem> {
    let size = blob.size() as u64;
    if size == 0 {
        return Err(Problem::Empty);
    }
    let recipients: Vec<&str> = recipients.iter().map(String::as_str).collect();
    let mut random_ok = true;
    let mut random = |b: &mut [u8]| random_ok &= browser::random_bytes(b);
    let (mut buf, mut stream) =
        Stream::start(&recipients, &mut random).map_err(|_| Problem::CannotEncrypt)?;
    if !random_ok {
        return Err(Problem::CannotEncrypt);
    }
    let mut fingerprint = Fingerprint::default();
    let (mut at, mut piece, mut stored) = (0u64, 0usize, 0u64);
    let mut shown = 0.0;
    loop {
        let end = (at + CHUNK as u64).min(size);
        let chunk = read(blob, at, end).await.ok_or(Problem::Unreadable)?;
        if chunk.len() as u64 != end - at {
            return Err(Problem::Unreadable);
        }
        fingerprint.update(&chunk);
        let last = end == size;
        buf.extend_from_slice(&stream.seal(&chunk, last).map_err(|_| Problem::Unreadable)?);
        at = end;
        while buf.len() >= PIECE || (last && !buf.is_empty()) {
            let rest = buf.split_off(buf.len().min(PIECE));
            idb::put(&idb::key(id, piece), &buf).await?;
            stored += buf.len() as u64;
            piece += 1;
            buf = rest;
        }
        let done = at as f64 / size as f64;
        if done - shown >= 0.01 || last {
            shown = done;
            set_progress(id, done);
            on_progress();
        }
        if last {
            break;
        }
    }
    Ok((
        Prepared {
            sha256: fingerprint.finish(),
            size,
        },
        stored,
    ))
}
