//! The only place the app touches browser globals (window, location, document).
//!
//! On native targets (SSR tests) there is no window: every function here degrades to "nothing
//! to read / nothing to do" instead of panicking, so components stay renderable in `cargo test`.

use sijil_core::lang::Lang;

/// Parameters read from the page URL. Parameters live in the URL so every view has a permalink;
/// nothing sensitive ever goes there.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageParams {
    pub lang: Lang,
}

impl PageParams {
    pub fn from_location() -> Self {
        let lang = query_param("lang")
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default();
        PageParams { lang }
    }
}

fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// Reads one query-string parameter of the current page.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Sets `<html lang dir>` from the chosen language (never guessed from the text).
pub fn set_document_lang(lang: Lang) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    set_if_changed(&root, "lang", lang.tag());
    set_if_changed(&root, "dir", lang.dir());
}

/// The page's language, as `<html lang>` says (set by [`set_document_lang`]); Arabic unless
/// it says English.
pub fn document_lang() -> Lang {
    let lang = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"));
    if lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Ar
    }
}

/// Sets an attribute of `<html>` only when its value changes: writing `lang` or `data-theme`
/// on the root, even unchanged, makes the browser recompute the style of the whole page (a
/// few milliseconds on a phone) every time a reader changes the range.
fn set_if_changed(root: &web_sys::Element, name: &str, value: &str) {
    if root.get_attribute(name).as_deref() != Some(value) {
        // Failing to set it leaves the previous value in place; nothing to recover.
        let _ = root.set_attribute(name, value);
    }
}

/// All query parameters of the current page, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = window().and_then(|w| w.location().search().ok()) else {
        return Vec::new();
    };
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " "))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The page's path (`/widget`), or `/` natively.
pub fn path() -> String {
    window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

/// The page's origin (scheme, host and port), for embed snippets.
pub fn origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_else(|| "http://127.0.0.1:8080".into())
}

/// Replaces the URL's query without a navigation, so the current view stays a permalink.
pub fn replace_query(query: &str) {
    if let Some(w) = window() {
        let current = w.location().search().unwrap_or_default();
        if current.strip_prefix('?') == Some(query) {
            return;
        }
        if let Ok(h) = w.history() {
            let url = format!("{}?{query}", path());
            // Keep the entry's state (the form marks the entries it pushes for its steps).
            let state = h.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = h.replace_state_with_url(&state, "", Some(&url));
        }
    }
}

/// Sets `<html data-theme>`: `light`/`dark` override `prefers-color-scheme`; `auto` follows it.
pub fn set_theme(theme: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        set_if_changed(&root, "data-theme", theme);
    }
}

/// localStorage read; `None` when storage is unavailable (private mode, blocked, native).
pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// localStorage write; false when storage is full or unavailable.
pub fn storage_set(key: &str, value: &str) -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn storage_remove(key: &str) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(key);
    }
}

/// Runs `f` in a task after the next frame is painted: `requestAnimationFrame` calls back just
/// before the paint, and there `setTimeout(f, 0)` queues `f` for after it. A hidden page paints
/// nothing, so `f` waits until the page is shown. Natively: at once.
///
/// Boxed, not generic: each closure type given to wasm-bindgen adds its own glue to the wasm.
pub fn after_next_paint(f: Box<dyn FnOnce()>) {
    queue(f, true)
}

/// Runs `f` in a task of its own, queued now (`setTimeout(f, 0)`): the work before it ends its
/// task, so a reader's input waiting meanwhile is handled in between, without waiting for a
/// frame as [`after_next_paint`] does. Natively: at once.
pub fn in_next_task(f: Box<dyn FnOnce()>) {
    queue(f, false)
}

fn queue(f: Box<dyn FnOnce()>, after_paint: bool) {
    use wasm_bindgen::JsCast;
    let Some(w) = window() else { return f() };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    // `setTimeout.bind(window, f, 0)`: the frame callback is then JS's own function, not a
    // second Rust closure (each one adds glue to the wasm).
    let queue = js_sys::Reflect::get(&w, &"setTimeout".into())
        .ok()
        .and_then(|t| t.dyn_into::<js_sys::Function>().ok())
        .map(|t| {
            t.bind2(&w, &f, &0.into())
                .unchecked_into::<js_sys::Function>()
        });
    let queued = queue.is_some_and(|q| match after_paint {
        true => w.request_animation_frame(&q).is_ok(),
        false => q.call0(&w).is_ok(),
    });
    if !queued {
        // No frames to wait for: run it now rather than never.
        let _ = f.unchecked_ref::<js_sys::Function>().call0(&w);
    }
}

thread_local! {
    /// The widget the server wrote into the page (`main[data-served]`), kept from the app's
    /// start until the app has taken its place (see [`served_chart`]).
    static SERVED: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
    /// The element the app renders into beside the server's widget ([`app_host`]).
    static HOST: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
    static SWAPPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Steps of the app's widget still queued ([`in_build_task`]): the swap waits for them.
    static BUILDING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs `f` in a task of its own as one more step of building the app's widget beside the
/// server's (see `widgets::frame::Frame`): a part of the widget built in a task of its own, so
/// no task holds a reader's input for the whole build. The swap ([`swap_served`]) waits until
/// every queued step has run, and what it rendered: the step counts as done only in a task
/// after `f`'s, because a state `f` sets may be rendered in a later task (Yew's scheduler,
/// once it has run for a while, goes on in a task queued behind this one).
pub fn in_build_task(f: Box<dyn FnOnce()>) {
    BUILDING.with(|b| b.set(b.get() + 1));
    in_next_task(Box::new(move || {
        f();
        in_next_task(Box::new(|| BUILDING.with(|b| b.set(b.get() - 1))));
    }))
}

/// Whether the server wrote this page's widget into its HTML (`sijil serve`, `sijil publish`):
/// if so it is kept, shown, until the app takes it over ([`swap_served`]).
pub fn find_served() -> bool {
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main[data-served]").ok().flatten());
    let found = el.is_some();
    SERVED.with(|s| *s.borrow_mut() = el);
    found
}

/// The element the app renders into: `<body>`, or for a served page a new element at its end
/// (Yew empties the element it renders into, and `<body>` holds the server's widget), a box of
/// no height until the swap (`data-building`, see `static/app.css`): what the app builds there
/// is styled and laid out, step by step, at its final width and at the same place within its
/// `<main>` as once shown, so the swap lays out nothing again and nothing in it shifts.
pub fn app_host(served: bool) -> Option<web_sys::Element> {
    let d = window()?.document()?;
    let body: web_sys::Element = d.body()?.into();
    if !served {
        return Some(body);
    }
    let host = d.create_element("div").ok()?;
    let _ = host.set_attribute("data-building", "");
    body.append_child(&host).ok()?;
    HOST.with(|h| *h.borrow_mut() = Some(host.clone()));
    Some(host)
}

/// The width the server's widget is laid out at (its `<figure>`'s, which the app's widget will
/// have): the app's first drawing is made at it.
pub fn served_width() -> Option<f64> {
    SERVED.with(|s| {
        let figure = s.borrow().as_ref()?.query_selector("figure").ok()??;
        Some(figure.get_bounding_client_rect().width().floor())
    })
}

/// The feed the server put in its page for the app (`script[data-feed]`, a JSON data block).
pub fn served_feed() -> Option<String> {
    SERVED.with(|s| {
        s.borrow()
            .as_ref()?
            .query_selector("script[data-feed]")
            .ok()??
            .text_content()
    })
}

/// Swaps the app's widget, built out of sight beside the server's in the render that calls this, with
/// the server's, in the next task (after the build's later steps, [`in_build_task`]): the
/// server's `<main>` out and the app's shown
/// in one task, so no frame shows both or neither. Nothing for Yew to render: the app's `<main>`
/// is in a box of no height until then ([`app_host`]), and was rendered `inert`, which Yew
/// never renders again. Marked for
/// `cargo xtask bench` as `sijil:takeover:<kind>:start`. Once.
pub fn swap_served(kind: &'static str) {
    if !serving() || SWAPPING.with(|s| s.replace(true)) {
        return;
    }
    swap_task(kind)
}

/// The swap's task: queued again behind the build's steps still to run.
fn swap_task(kind: &'static str) {
    in_next_task(Box::new(move || {
        if BUILDING.with(|b| b.get()) > 0 {
            return swap_task(kind);
        }
        perf_start("takeover", kind);
        SERVED.with(|s| {
            let el = s.borrow();
            if let Some((el, parent)) = el.as_ref().and_then(|el| Some((el, el.parent_node()?))) {
                let _ = parent.remove_child(el);
            }
        });
        // The app's `<main>` in its place: its box given its height. Its `inert` is lifted after
        // that frame: `inert` is inherited, so lifting it styles the whole widget again, which
        // the frame that first shows it need not wait for.
        let host = HOST.with(|h| h.borrow().clone());
        if let Some((host, main)) =
            host.and_then(|h| Some((h.clone(), h.query_selector("main").ok()??)))
        {
            let _ = host.remove_attribute("data-building");
            // Its size did not change, so its observer says nothing: an embedding page is told
            // the height it now shows here (see `widgets::page::use_width`).
            if main.has_attribute("data-embed") {
                post_height(main.get_bounding_client_rect().height().ceil());
            }
            after_next_paint(Box::new(move || {
                let _ = main.remove_attribute("inert");
            }));
        }
    }));
}

/// Whether the server's widget is still the one on screen.
pub fn serving() -> bool {
    SERVED.with(|s| {
        s.borrow()
            .as_ref()
            .is_some_and(|el| el.parent_node().is_some())
    })
}

/// Runs `f` after the next paint once the app's widget is on screen: what only matters to a
/// reader of the app's widget (its keyboard marks), or can wait (asking the network for the
/// feed the page carries), waits until the swap is painted rather than landing among its steps.
/// A takeover that has not come in 5 s (the page's feed unreadable: the server's widget stays)
/// is not waited for longer.
pub fn after_takeover(f: Box<dyn FnOnce()>) {
    until_takeover(f, now_ms() + 5e3)
}

fn until_takeover(f: Box<dyn FnOnce()>, until: f64) {
    if serving() && now_ms() < until {
        in_next_task(Box::new(move || until_takeover(f, until)))
    } else {
        after_next_paint(f)
    }
}

/// The server's drawing of a chart (`<g data-drawn="…">`), if the page still shows one whose
/// fingerprint is `fingerprint()` (computed only when there is a served page to look in). A
/// copy of it takes its place there: the app builds its widget, with this node, out of sight beside the
/// server's, which shows the copy until the two are swapped in the next task.
pub fn served_chart(fingerprint: &dyn Fn() -> String) -> Option<web_sys::Node> {
    let el = SERVED.with(|s| s.borrow().clone())?;
    el.parent_node()?;
    let g: web_sys::Node = el
        .query_selector(&format!("g[data-drawn=\"{}\"]", fingerprint()))
        .ok()??
        .into();
    let copy = g.clone_node_with_deep(true).ok()?;
    g.parent_node()?.insert_before(&copy, Some(&g)).ok()?;
    Some(g)
}

/// Sets the text of the first element matching `selector` (one Yew renders empty, so the
/// text is the page's own to change).
pub fn set_text(selector: &str, text: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    {
        el.set_text_content(Some(text));
    }
}

/// Milliseconds since the epoch (0 natively).
pub fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// The element with this id, if the page has one.
pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    window()?.document()?.get_element_by_id(id)
}

/// Moves keyboard focus to the element with this id, if it exists. Works for SVG marks too
/// (they are not `HtmlElement`s, so `focus` is called through the object).
pub fn focus_id(id: &str) {
    if let Some(el) = element_by_id(id) {
        focus(&el);
    }
}

/// Calls `focus()` on any element (HTML or SVG: `web_sys::Element` has no `focus`).
fn focus(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(f) = js_sys::Reflect::get(el, &"focus".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call0(el);
    }
}

/// Makes mark `i` of the chart `svg_id` its one Tab stop (roving tabindex) and returns it. The
/// chart's markup is a string drawn once with the first mark as the stop, so the `0` is moved
/// on the live elements instead; the previous stop goes back to `tabindex="-1"`.
pub fn set_tab_stop(svg_id: &str, i: usize) -> Option<web_sys::Element> {
    let svg = window()?.document()?.get_element_by_id(svg_id)?;
    let mark = svg.query_selector(&format!("[data-i=\"{i}\"]")).ok()??;
    if mark.get_attribute("tabindex").as_deref() != Some("0") {
        if let Ok(Some(old)) = svg.query_selector("[tabindex=\"0\"]") {
            let _ = old.set_attribute("tabindex", "-1");
        }
        let _ = mark.set_attribute("tabindex", "0");
    }
    Some(mark)
}

/// Moves keyboard focus to mark `i` of the chart `svg_id`, making it the Tab stop.
pub fn focus_mark(svg_id: &str, i: usize) {
    if let Some(mark) = set_tab_stop(svg_id, i) {
        focus(&mark);
    }
}

/// Tells an embedding page our height: Sijil's own message (checked by the host snippet against
/// our origin and its iframe) and AMP's `embed-size`. Heights are not sensitive, so `*` is fine.
pub fn post_height(height: f64) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"sijil:height".into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    let _ = parent.post_message(&msg, "*");
    let amp = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&amp, &"sentinel".into(), &"amp".into());
    let _ = js_sys::Reflect::set(&amp, &"type".into(), &"embed-size".into());
    let _ = js_sys::Reflect::set(&amp, &"height".into(), &height.into());
    let _ = parent.post_message(&amp, "*");
}

/// Calls `f` with the element's width now and whenever it changes. The returned observer must
/// be kept alive (dropping it disconnects).
pub struct Observer {
    #[cfg(target_arch = "wasm32")]
    inner: web_sys::ResizeObserver,
    #[cfg(target_arch = "wasm32")]
    _closure: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        self.inner.disconnect();
    }
}

/// Observes an element's size; `f(content width, border-box height)`.
pub fn observe_size(el: &web_sys::Element, f: impl Fn(f64, f64) + 'static) -> Option<Observer> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                if let Some(e) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                    // Width of the content box (what a chart may fill); height of the border
                    // box (what an embedding iframe must show).
                    f(
                        e.content_rect().width(),
                        e.target().get_bounding_client_rect().height(),
                    );
                }
            },
        );
        let inner = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
        inner.observe(el);
        Some(Observer {
            inner,
            _closure: closure,
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (el, f);
        None
    }
}

/// Offers `bytes` as a file download named `name` (a same-origin blob URL; nothing is sent).
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The picture a download asks for ([`sijil_core::chart::draw::export::request`]), composed by
/// the on-demand module (`crates/sijil-export`): the composer is not in the page's own wasm
/// (size budget). `None` when it cannot be had (offline before any download, not in a browser).
pub async fn compose_export(request: String) -> Option<String> {
    on_demand("compose", request.as_bytes()).await
}

/// What is wrong with an unreadable feed (`body`, as published), in `lang`, for the publisher:
/// written by the on-demand module, which reads the feed again (the messages of every error in
/// both languages are not in the page's own wasm: size budget).
pub async fn describe_feed(lang: Lang, body: &[u8]) -> Option<String> {
    let mut request = Vec::with_capacity(body.len() + 1);
    request.push(if lang == Lang::Ar { b'a' } else { b'e' });
    request.extend_from_slice(body);
    on_demand("describe", &request).await
}

/// Calls `export` of the on-demand module (`crates/sijil-export`) with `request` and returns
/// its text answer (`None`: no answer, or an empty one). The module is fetched now, and
/// instantiated for this call only; its address is in the page's `<meta name="sijil-export">`,
/// written by `cargo xtask build` with the module's content hash (cached for a year, and by the
/// service worker once fetched).
async fn on_demand(export: &str, request: &[u8]) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::{Function, Reflect, Uint8Array, WebAssembly};
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let w = window()?;
        // From the site's root (the page writes it without the slash: see `xtask` build.rs).
        let url = w
            .document()?
            .query_selector("meta[name=sijil-export]")
            .ok()??
            .get_attribute("content")?;
        let fetched = w.fetch_with_str(&format!("/{url}"));
        let made = WebAssembly::instantiate_streaming(&fetched, &js_sys::Object::new());
        let made = JsFuture::from(made).await.ok()?;
        let instance = Reflect::get(&made, &"instance".into()).ok()?;
        let exports = Reflect::get(&instance, &"exports".into()).ok()?;
        let get = |name: &str| Reflect::get(&exports, &name.into()).ok();
        let memory: WebAssembly::Memory = get("memory")?.dyn_into().ok()?;
        let len = request.len() as f64;
        // `alloc(len)`, then `export(at, len)`: the second argument is ignored by `alloc`.
        let call = |name: &str, at: f64| -> Option<u32> {
            let f: Function = get(name)?.dyn_into().ok()?;
            let r = f.call2(&wasm_bindgen::JsValue::NULL, &at.into(), &len.into());
            r.ok()?.as_f64().map(|v| v as u32)
        };
        let at = call("alloc", len)?;
        Uint8Array::new(&memory.buffer()).set(&Uint8Array::from(request), at);
        let out = call(export, f64::from(at))?;
        // A view made after the calls: the module's memory may have grown (a new buffer).
        let view = Uint8Array::new(&memory.buffer());
        let mut n = [0u8; 4];
        view.subarray(out, out + 4).copy_to(&mut n);
        let n = u32::from_le_bytes(n);
        let text = view.subarray(out + 4, out + 4 + n).to_vec();
        return String::from_utf8(text).ok().filter(|s| !s.is_empty());
    }
    #[allow(unreachable_code)]
    {
        let _ = (export, request);
        None
    }
}

/// Renders a standalone SVG picture (which paints its own background) to a PNG at twice its
/// size, for sharpness, and downloads it.
pub fn download_svg_as_png(markup: String, name: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(doc) = window().and_then(|w| w.document()) else {
            return;
        };
        let parts = js_sys::Array::of1(&markup.into());
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("image/svg+xml");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let Ok(img) = web_sys::HtmlImageElement::new() else {
            return;
        };
        let name = name.to_owned();
        let img2 = img.clone();
        let url2 = url.clone();
        let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url2);
            // The picture's own size (its width and height attributes).
            let (w, h) = (
                f64::from(img2.natural_width().max(1)),
                f64::from(img2.natural_height().max(1)),
            );
            let Some(canvas) = doc
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            else {
                return;
            };
            canvas.set_width((w * 2.0) as u32);
            canvas.set_height((h * 2.0) as u32);
            let Some(ctx) = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            else {
                return;
            };
            let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &img2,
                0.0,
                0.0,
                w * 2.0,
                h * 2.0,
            );
            if let Ok(data) = canvas.to_data_url_with_type("image/png") {
                if let Some(a) = doc
                    .create_element("a")
                    .ok()
                    .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                {
                    a.set_href(&data);
                    a.set_download(&name);
                    a.click();
                }
            }
        });
        img.set_onload(Some(onload.unchecked_ref()));
        img.set_src(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (markup, name);
}

/// Whether the reader's system asks for a dark colour scheme.
pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The value of the `<select>`/`<input>` an event came from.
pub fn event_value(e: &yew::Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(t) = e.target() else {
        return String::new();
    };
    if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return a.value();
    }
    String::new()
}

/// A date (ms since epoch) as the reader's calendar date, e.g. "2 March 2021".
pub fn format_date(ms: f64, fmt: &crate::format::Fmt) -> String {
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    let d = js_sys::Date::new(&ms.into());
    fmt.date(&format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    ))
}

/// Copies text to the clipboard (Clipboard API; it needs a user gesture, which callers have).
pub fn copy_text(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Marks where a widget's render or its swap starts (`sijil:<step>:<kind>:start`): `cargo xtask
/// bench` reads the main thread's tasks from a trace, from these marks on (a measure ended in
/// the page would say nothing of the tasks between, nor of the frame that styles and lays out
/// what changed).
pub fn perf_start(step: &str, kind: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("sijil:{step}:{kind}:start"));
    }
}

/// Registers the service worker that keeps this site's public files for offline use (see
/// `static/sw.js`: GET only, never a report). Where it cannot run (a third-party iframe whose
/// storage the browser blocks, a sandbox, an old browser), the widget works without it: reading
/// `navigator.serviceWorker` may throw and `register` may reject, and both are caught here, so
/// the host page's console shows no error of ours.
pub fn register_service_worker() {
    use wasm_bindgen::JsCast;
    let Some(w) = window() else { return };
    let Some(sw) = js_sys::Reflect::get(&w.navigator(), &"serviceWorker".into())
        .ok()
        .and_then(|v| v.dyn_into::<web_sys::ServiceWorkerContainer>().ok())
    else {
        return;
    };
    let registering = sw.register("/sw.js");
    yew::platform::spawn_local(async move {
        // A refusal is not an error for the reader: nothing to report, nothing to retry.
        let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
    });
}

/// Keeps the height of the embed builder's preview iframe equal to the widget's, from the
/// height messages it sends its host (the same ones an embedding page gets). Accepted only from
/// this origin and from that iframe's window. Dropping the value removes the listener.
pub fn follow_preview_height(iframe: web_sys::Element) -> Option<impl Drop> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let w = window()?;
        let origin = origin();
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |e: web_sys::MessageEvent| {
                let Some(frame) = iframe.dyn_ref::<web_sys::HtmlIFrameElement>() else {
                    return;
                };
                let from_frame = match (e.source(), frame.content_window()) {
                    (Some(src), Some(win)) => {
                        wasm_bindgen::JsValue::from(src) == wasm_bindgen::JsValue::from(win)
                    }
                    _ => false,
                };
                if e.origin() != origin || !from_frame {
                    return;
                }
                let data = e.data();
                let kind = js_sys::Reflect::get(&data, &"type".into()).ok();
                let height = js_sys::Reflect::get(&data, &"height".into())
                    .ok()
                    .and_then(|h| h.as_f64());
                if let (Some(true), Some(h)) = (
                    kind.map(|k| k.as_string().as_deref() == Some("sijil:height")),
                    height.filter(|h| *h > 0.0 && *h < 20_000.0),
                ) {
                    let _ = frame
                        .style()
                        .set_property("height", &format!("{}px", h.ceil()));
                }
            },
        );
        listen(&w, "message", closure.into_js_value())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = iframe;
        None::<KeyListener>
    }
}

/// Fills `buf` from the browser's CSPRNG (`crypto.getRandomValues`). Returns false if there is
/// none, in which case nothing may be encrypted (natively, in SSR tests, there is none).
pub fn random_bytes(buf: &mut [u8]) -> bool {
    let Some(crypto) = window().and_then(|w| w.crypto().ok()) else {
        return false;
    };
    // getRandomValues takes at most 65536 bytes per call.
    buf.chunks_mut(65_536)
        .all(|chunk| crypto.get_random_values_with_u8_array(chunk).is_ok())
}

/// Leaves for `url` without leaving this page in the history: the back button will not bring
/// the form back.
pub fn leave_to(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().replace(url);
    }
}

/// Asks the browser to keep this site's storage under pressure (the outbox must survive).
pub fn request_persistent_storage() {
    if let Some(w) = window() {
        if let Ok(p) = w.navigator().storage().persist() {
            drop(p);
        }
    }
}

/// Asks the browser to keep this site's storage (waiting reports and files) even when the
/// device runs short of space; true if it agreed (or already had).
pub async fn storage_persisted() -> bool {
    let Some(storage) = window().map(|w| w.navigator().storage()) else {
        return false;
    };
    let Ok(p) = storage.persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Unicode NFC by the browser (`String.prototype.normalize`), which agrees with the
/// `unicode-normalization` crate (`crates/sijil-report/tests/nfc.rs`). Natively, the text as is.
pub fn nfc(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).normalize("NFC"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_owned()
    }
}

/// Whether the browser believes it is online.
pub fn online() -> bool {
    window().is_none_or(|w| w.navigator().on_line())
}

/// A document-level keydown listener; dropping the returned value removes it.
pub struct KeyListener {
    #[cfg(target_arch = "wasm32")]
    _inner: (
        web_sys::Document,
        wasm_bindgen::closure::Closure<dyn FnMut(web_sys::KeyboardEvent)>,
    ),
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let (doc, f) = &self._inner;
            let _ = doc.remove_event_listener_with_callback("keydown", f.as_ref().unchecked_ref());
        }
    }
}

/// Calls `f(key)` for every keydown on the document.
pub fn on_document_keydown(f: impl Fn(String) + 'static) -> Option<KeyListener> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let doc = window()?.document()?;
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(
            move |e: web_sys::KeyboardEvent| f(e.key()),
        );
        doc.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(KeyListener {
            _inner: (doc, closure),
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = f;
        None
    }
}

/// An event listener that is removed when dropped.
#[cfg(target_arch = "wasm32")]
struct Listener {
    target: web_sys::EventTarget,
    name: &'static str,
    f: js_sys::Function,
}

#[cfg(target_arch = "wasm32")]
impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, &self.f);
    }
}

/// Adds `f` (a closure handed to JS, freed by its collector once removed) as a listener.
#[cfg(target_arch = "wasm32")]
fn listen(
    target: &web_sys::EventTarget,
    name: &'static str,
    f: wasm_bindgen::JsValue,
) -> Option<Listener> {
    use wasm_bindgen::JsCast;
    let f: js_sys::Function = f.dyn_into().ok()?;
    target.add_event_listener_with_callback(name, &f).ok()?;
    Some(Listener {
        target: target.clone(),
        name,
        f,
    })
}

/// Calls `f(old value)` when another tab of this site removes `key` from local storage (the
/// `storage` event never fires in the tab that made the change); dropping the value removes the
/// listener.
pub fn on_removed_elsewhere(key: &'static str, f: impl Fn(String) + 'static) -> Option<impl Drop> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let w = window()?;
        let c = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let get = |name: &str| {
                js_sys::Reflect::get(&e, &JsValue::from_str(name))
                    .ok()
                    .and_then(|v| v.as_string())
            };
            if get("key").as_deref() == Some(key) && get("newValue").is_none() {
                if let Some(old) = get("oldValue") {
                    f(old)
                }
            }
        })
        .into_js_value();
        listen(&w, "storage", c)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (key, f);
        None::<KeyListener>
    }
}

/// Calls `f` whenever the browser comes back online; dropping the value removes the listener.
pub fn on_online(f: impl Fn() + 'static) -> Option<impl Drop> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let w = window()?;
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
        w.add_event_listener_with_callback("online", closure.as_ref().unchecked_ref())
            .ok()?;
        struct L(web_sys::Window, wasm_bindgen::closure::Closure<dyn FnMut()>);
        impl Drop for L {
            fn drop(&mut self) {
                use wasm_bindgen::JsCast;
                let _ = self
                    .0
                    .remove_event_listener_with_callback("online", self.1.as_ref().unchecked_ref());
            }
        }
        Some(L(w, closure))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = f;
        None::<KeyListener>
    }
}

/// Today's date on the device's calendar (natively, a fixed date for SSR tests).
pub fn today() -> sijil_core::feed::Date {
    let fallback = sijil_core::feed::Date::new(2026, 1, 1).expect("valid date");
    if !cfg!(target_arch = "wasm32") {
        return fallback;
    }
    let d = js_sys::Date::new_0();
    sijil_core::feed::Date::new(
        d.get_full_year() as u16,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
    .unwrap_or(fallback)
}

/// The current time as RFC 3339 UTC (`2024-05-01T10:00:00.000Z`).
pub fn now_iso() -> String {
    if !cfg!(target_arch = "wasm32") {
        return "2026-01-01T00:00:00.000Z".into();
    }
    js_sys::Date::new_0().to_iso_string().into()
}

/// Calls `f` when the page is about to be hidden or unloaded (`pagehide`, and
/// `visibilitychange` to hidden: a phone switching apps may never send `pagehide`). The form
/// saves its draft there, so typing and closing the tab at once loses nothing.
pub fn on_page_hide(f: impl Fn() + 'static) -> Option<impl Drop> {
    #[cfg(target_arch = "wasm32")]
    {
        let w = window()?;
        let doc = w.document()?;
        let f = std::rc::Rc::new(f);
        let g = f.clone();
        let hide = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || f()).into_js_value();
        let d2 = doc.clone();
        let vis = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if d2.hidden() {
                g()
            }
        })
        .into_js_value();
        struct Both {
            _hide: Listener,
            _vis: Listener,
        }
        impl Drop for Both {
            fn drop(&mut self) {} // each listener removes itself
        }
        Some(Both {
            _hide: listen(&w, "pagehide", hide)?,
            _vis: listen(&doc, "visibilitychange", vis)?,
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = f;
        None::<KeyListener>
    }
}

/// Calls `f(inner)` on every `popstate` (the phone's Back or Forward button within the page);
/// `inner` says whether the entry now current is one the form pushed ([`push_inner_entry`]).
pub fn on_popstate(f: impl Fn(bool) + 'static) -> Option<impl Drop> {
    #[cfg(target_arch = "wasm32")]
    {
        let w = window()?;
        let c = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || f(at_inner_entry()))
            .into_js_value();
        listen(&w, "popstate", c)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = f;
        None::<KeyListener>
    }
}

/// The history state the form writes on the entry it pushes.
const INNER: &str = "sijil-step";

/// Pushes one history entry for the same URL, marked as the form's, so the phone's Back button
/// goes back a step (a `popstate`) instead of leaving the page.
pub fn push_inner_entry() {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.push_state(&INNER.into(), "");
    }
}

/// Whether the current history entry is the one the form pushed (also after a reload).
pub fn at_inner_entry() -> bool {
    window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == INNER)
}

/// `history.back()`.
pub fn history_back() {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.back();
    }
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        if d.title() != title {
            d.set_title(title);
        }
    }
}

/// Scrolls the page to its top at once (a new step starts at its first question).
pub fn scroll_to_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The local time of `ms` (since the epoch) as `HH:MM`, ASCII digits.
pub fn local_hh_mm(ms: f64) -> String {
    if !cfg!(target_arch = "wasm32") {
        return "00:00".into();
    }
    let d = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The config text the form page's shell (`static/form-shell.js`) already fetched, if any.
pub fn shell_config() -> Option<String> {
    let w = window()?;
    js_sys::Reflect::get(&w, &"sijilConfig".into())
        .ok()?
        .as_string()
}
