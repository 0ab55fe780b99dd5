//! Loading the published feed, with a stale-while-revalidate cache on the device.
//!
//! A returning reader sees the last good copy at once (and offline), while a fresh copy is
//! fetched; when the fresh copy arrives it replaces the cached one. States a widget can be in:
//! loading, ready (maybe from the cache, with its date), unreachable (retry), invalid (the
//! checker's message). A feed that fails validation is never cached. Feeds are read with
//! `read_feed`: a month with an error of its own is left out (the widget says so), only an
//! error of the document makes the feed invalid.
//!
//! The feed a served page carries is read in steps, each a task of its own
//! (`sijil_core::feed::Reading`: a skim for the `months` items and the document without them,
//! then about 32 KB of months per step, then the months against each other; anything it does not
//! expect is read whole by `read_feed`); every other copy (the network's when it differs from
//! the page's, the device's) is read whole, in one task. Read whole at 4× CPU throttling, the
//! benchmark's 180 months of 40 parties (470 KB) held the page for 40–80 ms; natively its longest
//! step is 0.7 ms against 6.3 ms whole (`cargo xtask bench` prints the page-load rows). The steps
//! cost every widget page about 1 KB brotli, paid for by the size pass that came with them (a
//! resumable parser that stops anywhere, tried first, cost 1.4 KB).

use crate::browser;
use crate::net;
use sijil_core::feed::{read_feed, Feed, FeedError, Reading};
use std::rc::Rc;
use yew::prelude::*;

const CACHE_KEY: &str = "sijil.feed.v1.body";
const TIMEOUT_MS: u32 = 15_000;

/// A parsed feed shared between components. Equal only to itself: a new copy of the feed is a
/// new value, and comparing two feeds field by field on every render would cost time and wasm.
#[derive(Clone)]
pub struct SharedFeed(pub Rc<Feed>);

impl PartialEq for SharedFeed {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedFeed {
    type Target = Feed;
    fn deref(&self) -> &Feed {
        &self.0
    }
}

#[derive(Clone, PartialEq)]
pub enum FeedStatus {
    Loading,
    /// `cached_at`: shown from the device's copy saved at this time (ms since epoch) because the
    /// network copy is not (yet) available.
    Ready {
        feed: SharedFeed,
        cached_at: Option<f64>,
    },
    Unreachable,
    /// The feed's first error. What is wrong there is written for the publisher by the
    /// on-demand module, which reads the feed again (`browser::describe_feed`), into the
    /// widget's `[data-describe]`.
    Invalid(Rc<FeedError>),
}

/// The cache is two storage keys: `…meta` holds `v1 <saved ms> <url>` and `…body` the feed as
/// published. Plain text rather than JSON-in-JSON keeps serde out of the widget's wasm. An entry
/// of another version or for another URL is ignored.
const META_KEY: &str = "sijil.feed.v1.meta";

fn read_cache(url: &str) -> Option<(Feed, f64)> {
    let meta = browser::storage_get(META_KEY)?;
    let mut parts = meta.splitn(3, ' ');
    if parts.next()? != "v1" {
        return None;
    }
    // Whole milliseconds as an integer: parsing a float would pull in the float parser.
    let saved = parts.next()?.parse::<u64>().ok()? as f64;
    if parts.next()? != url {
        return None;
    }
    let body = browser::storage_get(CACHE_KEY)?;
    Some((read_feed(body.as_bytes()).ok()?, saved))
}

fn write_cache(url: &str, body: &[u8]) {
    let Ok(body) = std::str::from_utf8(body) else {
        return;
    };
    // Storage may be full or disabled; the feed still shows, it just is not kept.
    if browser::storage_set(CACHE_KEY, body) {
        browser::storage_set(META_KEY, &format!("v1 {} {url}", browser::now_ms() as u64));
    }
}

/// The feed at `url` and a callback to retry after a failure. An empty `url` (the config is
/// still loading) fetches nothing. `served`: the server's page carries the feed
/// ([`browser::served_feed`]): it is read after the first render (so the app takes the page
/// over without waiting for the network), the network's copy replaces it only if it differs, and
/// the device's copy only if the network fails (with its date). Only the newest request may set the state: an answer that
/// arrives after the URL changed or a retry started is dropped, so a slow stale response can
/// never overwrite a good feed.
#[hook]
pub fn use_feed(url: AttrValue, served: bool) -> (FeedStatus, Callback<()>) {
    let status = use_state(|| FeedStatus::Loading);
    let attempt = use_state(|| 0u32);
    let generation = use_mut_ref(|| 0u32);
    {
        let status = status.clone();
        use_effect_with((url.clone(), *attempt), move |(url, _)| {
            let url = url.to_string();
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            // The page's feed (on the first run only), read in steps, each a task of its own,
            // from the task after the first render; shown in the task after the last: neither
            // the start of the app nor the render that builds the widget waits on the reading.
            if let Some(text) = page_feed(served && mine == 1) {
                let status = status.clone();
                browser::in_next_task(Box::new(move || {
                    let reading = Reading::start(text.into_bytes());
                    browser::in_next_task(Box::new(move || read_in_steps(reading, status)));
                }));
            }
            if url.is_empty() {
                return;
            }
            // The device's copy: shown now, or (over the server's figures, `served`) read only
            // if the network fails. Not read before: opening the page's storage and reading
            // the feed there is a long task, which would land among the takeover's steps when
            // the config arrives.
            let cache = move |url: &str| {
                read_cache(url).map(|(feed, at)| FeedStatus::Ready {
                    feed: SharedFeed(Rc::new(feed)),
                    cached_at: Some(at),
                })
            };
            let cached = (!served).then(|| cache(&url)).flatten();
            let has_cache = cached.is_some();
            match cached {
                Some(c) => status.set(c),
                None if served => {}
                None => status.set(FeedStatus::Loading),
            }
            // Over the server's figures, the device's copy if it has one (with its date).
            let fallback = {
                let (status, url) = (status.clone(), url.clone());
                move || {
                    if let Some(c) = cache(&url).filter(|_| served) {
                        status.set(c)
                    }
                }
            };
            let fetch = move || {
                yew::platform::spawn_local(async move {
                    let answer = net::get(&url, TIMEOUT_MS).await;
                    if *generation.borrow() != mine {
                        return;
                    }
                    match answer {
                        // The page's own copy, unchanged: already read and drawn (and valid: the
                        // server writes its widget and feed into a page only when `read_feed` reads
                        // it). Not read again (reading a long feed is one long task, after the
                        // takeover), only kept, in a task of its own.
                        Ok(r)
                            if r.status == 200
                                && page_feed(served).as_deref().map(str::as_bytes)
                                    == Some(&r.body[..]) =>
                        {
                            browser::in_next_task(Box::new(move || write_cache(&url, &r.body)))
                        }
                        Ok(r) if r.status == 200 => match read_feed(&r.body) {
                            Ok(feed) => {
                                write_cache(&url, &r.body);
                                status.set(FeedStatus::Ready {
                                    feed: SharedFeed(Rc::new(feed)),
                                    cached_at: None,
                                });
                            }
                            // A broken update must not hide the last good figures from readers.
                            Err(_) if has_cache || served => fallback(),
                            Err(e) => {
                                status.set(FeedStatus::Invalid(Rc::new(e)));
                                // Rendered before the module arrives (the state is drawn in a
                                // microtask; the module is fetched over the network).
                                let lang = browser::document_lang();
                                if let Some(text) = browser::describe_feed(lang, &r.body).await {
                                    browser::set_text("[data-describe]", &text);
                                }
                            }
                        },
                        // Offline or failing: keep showing the device's copy, with its date (or
                        // the page's, when the device has none).
                        _ if has_cache || served => fallback(),
                        _ => status.set(FeedStatus::Unreachable),
                    }
                })
            };
            // Over the server's figures, once the app's widget is on screen: the answer (half
            // a megabyte for a long feed, taken in by the browser in one task of its own) and
            // its comparison would otherwise land among the takeover's steps.
            match served {
                true => browser::after_takeover(Box::new(fetch)),
                false => fetch(),
            }
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    ((*status).clone(), retry)
}

/// Reads the page's feed a step per task (`reading`; `None`: it cannot be read in steps, read it
/// whole), then shows it in a task of its own.
fn read_in_steps(mut reading: Option<Reading>, status: UseStateHandle<FeedStatus>) {
    if reading.as_mut().is_some_and(|r| !r.step()) {
        return browser::in_next_task(Box::new(move || read_in_steps(reading, status)));
    }
    let feed = reading.and_then(Reading::finish);
    // Whatever the steps could not read, read whole: the same feed, or none.
    if let Some(feed) = feed.or_else(|| read_feed(page_feed(true)?.as_bytes()).ok()) {
        let ready = FeedStatus::Ready {
            feed: SharedFeed(Rc::new(feed)),
            cached_at: None,
        };
        browser::in_next_task(Box::new(move || status.set(ready)));
    }
}

/// The feed the server's page carries, if `served` (read again when needed rather than kept in
/// a hook of its own: every hook type adds to the wasm).
fn page_feed(served: bool) -> Option<String> {
    served.then(browser::served_feed).flatten()
}

/// Where the figures come from, by the runtime config: the feed's URL and the organization
/// that publishes it (named on a widget even when its feed cannot be read).
#[derive(Clone, PartialEq)]
pub struct FeedSource {
    pub url: AttrValue,
    /// The organization's name in English and Arabic, as the config gives them.
    pub organization: Rc<[Option<String>; 2]>,
}

impl FeedSource {
    /// The organization's name in `lang`, or in the other language.
    pub fn organization(&self, lang: sijil_core::lang::Lang) -> Option<&str> {
        let [en, ar] = &*self.organization;
        let (first, other) = match lang {
            sijil_core::lang::Lang::Ar => (ar, en),
            sijil_core::lang::Lang::En => (en, ar),
        };
        first.as_deref().or(other.as_deref())
    }
}

/// The feed from the runtime config (`/config.json`), or the bundled sample when the config
/// cannot be read. `None` while the config is loading.
#[hook]
pub fn use_feed_source() -> Option<FeedSource> {
    let source = use_state(|| None::<FeedSource>);
    {
        let source = source.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let config = net::get("/config.json", TIMEOUT_MS)
                    .await
                    .ok()
                    .and_then(|r| sijil_core::json::parse(&r.body, Default::default()).ok());
                let get = |path: [&str; 2]| {
                    let mut v = config.as_ref()?.get(path[0])?;
                    if !path[1].is_empty() {
                        v = v.get(path[1])?;
                    }
                    v.as_str().map(str::to_owned)
                };
                // The form's rules (`sijil_report::config`): a config of this format and version,
                // and a feed URL that is a same-origin path or an http(s) URL.
                use sijil_report::config::{is_url, FORMAT, VERSION};
                let ours = get(["config", ""]).as_deref() == Some(FORMAT)
                    && config
                        .as_ref()
                        .and_then(|c| c.get("version")?.as_number()?.as_u64())
                        == Some(VERSION);
                let url = get(["feed_url", ""]).filter(|u| ours && is_url(u.trim(), true));
                source.set(Some(FeedSource {
                    url: url.map_or("/data/feed.json".into(), |u| u.trim().to_owned().into()),
                    organization: Rc::new([
                        get(["organization", "en"]),
                        get(["organization", "ar"]),
                    ]),
                }));
            });
        });
    }
    (*source).clone()
}
