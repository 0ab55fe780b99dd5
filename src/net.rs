//! HTTP from the browser: `fetch` with a timeout, returning bytes and a status.
//!
//! Requests never carry cookies or a referrer, and a slow network becomes an error after a
//! timeout instead of a spinner forever. Natively (SSR tests) there is no network: every call
//! fails with [`NetError::Unavailable`].

/// Why a request produced no response.
#[derive(Clone, Debug, PartialEq)]
pub enum NetError {
    /// Offline, DNS, refused connection, CORS: the browser does not say which, on purpose.
    Network,
    Timeout,
    /// Not in a browser.
    Unavailable,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
    /// The response headers the caller asked for (lowercase names), when present.
    pub headers: Vec<(String, String)>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use js_sys::Uint8Array;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortController, Headers, RequestCache, RequestInit, Response};

    pub async fn request(
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
        timeout_ms: u32,
        wanted: &[&str],
    ) -> Result<HttpResponse, NetError> {
        let window = web_sys::window().ok_or(NetError::Unavailable)?;
        let controller = AbortController::new().map_err(|_| NetError::Unavailable)?;
        let init = RequestInit::new();
        init.set_method(method);
        init.set_signal(Some(&controller.signal()));
        init.set_cache(RequestCache::NoCache);
        init.set_credentials(web_sys::RequestCredentials::Omit);
        init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
        let h = Headers::new().map_err(|_| NetError::Unavailable)?;
        for (k, v) in headers {
            h.set(k, v).map_err(|_| NetError::Unavailable)?;
        }
        init.set_headers(&h);
        if let Some(b) = body {
            init.set_body(&Uint8Array::from(b).into());
        }
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (flag, controller) = (timed_out.clone(), controller.clone());
            gloo_timers::callback::Timeout::new(timeout_ms, move || {
                flag.set(true);
                controller.abort();
            })
        };
        let fail = |_| {
            if timed_out.get() {
                NetError::Timeout
            } else {
                NetError::Network
            }
        };
        let resp: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(fail)?
            .unchecked_into();
        let buf = JsFuture::from(resp.array_buffer().map_err(|_| NetError::Network)?)
            .await
            .map_err(fail)?;
        drop(timer);
        let got = resp.headers();
        Ok(HttpResponse {
            status: resp.status(),
            body: Uint8Array::new(&buf).to_vec(),
            headers: wanted
                .iter()
                .filter_map(|k| Some(((*k).to_owned(), got.get(k).ok().flatten()?)))
                .collect(),
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;
    pub async fn request(
        _method: &str,
        _url: &str,
        _headers: &[(&str, &str)],
        _body: Option<&[u8]>,
        _timeout_ms: u32,
        _wanted: &[&str],
    ) -> Result<HttpResponse, NetError> {
        Err(NetError::Unavailable)
    }
}

/// GET `url`, failing after `timeout_ms`.
pub async fn get(url: &str, timeout_ms: u32) -> Result<HttpResponse, NetError> {
    imp::request("GET", url, &[], None, timeout_ms, &[]).await
}

/// POST `body` to `url` with extra headers, failing after `timeout_ms`.
pub async fn post(
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout_ms: u32,
) -> Result<HttpResponse, NetError> {
    imp::request("POST", url, headers, Some(body), timeout_ms, &[]).await
}

/// Any method, returning the response headers named in `wanted` (lowercase) too: the tus
/// upload reads `location` and `upload-offset`.
pub async fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
    timeout_ms: u32,
    wanted: &[&str],
) -> Result<HttpResponse, NetError> {
    imp::request(method, url, headers, body, timeout_ms, wanted).await
}
