//! `/widget/{page}/`: one widget, full page or embedded. Loads the config and the feed, shows the
//! loading / unreachable / invalid states, keeps the parameters in the URL (a permalink), sets
//! language, direction and theme on `<html>`, and when embedded reports its height to the host.
//!
//! A page the server wrote the widget into (`main[data-served]`, see
//! `crates/sijil-server/src/widget_page.rs`) is taken over without waiting for the network: it
//! carries its feed, read in steps, each a task of its own, after this page's first render
//! (`feed_state::use_feed`). The render that has the feed starts the app's widget in this
//! page's `<main>`, laid out but in a box of no height (and `inert`), and the widget builds
//! itself in steps, each a task of its own (`view::Widget`, `frame::Frame`), so none holds the
//! reader's input for the whole takeover. It moves the server's chart drawing into its own
//! `<svg>` when it is the same drawing (`marks::Drawn::served`; a copy stays on screen
//! meanwhile) rather than drawing it again; the task after the last step swaps the two
//! (`browser::swap_served`: no render, the server's `<main>` out and this one shown), and the
//! chart's keyboard marks follow after the paint. Should the page's feed be unreadable, the
//! server's widget stays on screen until the network's copy is read (asked for once the
//! takeover is on screen, or after 5 s without one). A page without a server's widget (a
//! remote feed, a plain static host) loads as before: a loading line, then the widget.

use super::view::{Renderer, Widget};
use crate::browser;
use crate::feed_state::{use_feed, use_feed_source, FeedStatus};
use crate::format::Fmt;
use crate::i18n::strings;
use sijil_core::embed::{Range, WidgetParams};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WidgetPageProps {
    pub params: WidgetParams,
    /// The widgets this page's binary can show.
    pub renderer: Renderer,
    /// The server wrote the widget into the page: take it over.
    #[prop_or_default]
    pub served: bool,
}

/// Width of an element, updated on resize (until measured: the server's widget's, else 640, as
/// under SSR); `embed`: its height is also told to the host page whenever it changes. One observer for both: each
/// observer's code is another copy in the wasm (size budget).
#[hook]
pub fn use_width(node: NodeRef, embed: bool) -> f64 {
    // Whole pixels (every width here is floored), kept as a `u32`: the state type the feed's
    // retry count already has, one less in the wasm.
    let width = use_state(|| browser::served_width().unwrap_or(640.0) as u32);
    {
        let width = width.clone();
        use_effect_with((node, embed), move |(node, embed)| {
            // Only a new width re-renders: the observer also reports every change of height
            // (a chart growing when its parties are expanded), and setting the same width
            // would still render the whole page again. Its first report is the width the
            // first render already drew at (the server's widget's): after a takeover that
            // render again would be a whole page's render for nothing.
            let last = std::cell::Cell::new(f64::from(*width));
            let embed = *embed;
            let first = std::cell::Cell::new(true);
            let obs = node.cast::<web_sys::Element>().and_then(|el| {
                browser::observe_size(&el, move |w, h| {
                    // While the server's widget is shown, the host keeps the height it has: this
                    // page's own, built beside it in a box of no height, is not what the reader
                    // sees (the swap tells the host its height, `browser::swap_served`).
                    if embed && h > 0.0 && !browser::serving() {
                        browser::post_height(h.ceil());
                    }
                    let w = w.floor();
                    if w > 0.0 && w != last.replace(w) {
                        if first.replace(false) {
                            width.set(w as u32)
                        } else {
                            // Later widths (a scrollbar coming and going while an embedding
                            // frame is resized) render after the paint: rendering inside the
                            // observer's callback changes sizes it is still delivering, which
                            // Firefox reports as an error ("ResizeObserver loop completed").
                            let width = width.clone();
                            browser::after_next_paint(Box::new(move || width.set(w as u32)));
                        }
                    }
                })
            });
            move || drop(obs)
        });
    }
    f64::from(*width)
}

/// How long after a change the URL follows it (see the effect below).
const PERMALINK_DELAY_MS: u32 = 300;

#[component]
pub fn WidgetPage(props: &WidgetPageProps) -> Html {
    let params = use_state(|| props.params.clone());
    let p = (*params).clone();
    let s = strings(p.lang);
    let fmt = Fmt::new(p.lang, p.digits);
    let first_view = use_mut_ref(|| true);
    {
        let p = p.clone();
        use_effect_with(p.clone(), move |_| {
            browser::set_document_lang(p.lang);
            browser::set_theme(p.theme.id());
            // Updating the history entry costs a few milliseconds on a slow phone. On the first
            // view it is done at once, while the feed is still on the network; after a change,
            // once the new chart is on screen, not in the same frame.
            let query = p.to_query();
            let first = first_view.replace(false);
            if first {
                browser::register_service_worker();
            }
            let delay = if first { 0 } else { PERMALINK_DELAY_MS };
            gloo_timers::callback::Timeout::new(delay, move || browser::replace_query(&query))
                .forget();
        });
    }
    let root = use_node_ref();
    // Embedded: the host page is told our height whenever it changes.
    let width = use_width(root.clone(), p.embed);
    let source = use_feed_source();
    let (status, retry) = use_feed(
        source.as_ref().map(|s| s.url.clone()).unwrap_or_default(),
        props.served,
    );
    let dark = match p.theme {
        sijil_core::embed::Theme::Dark => true,
        sijil_core::embed::Theme::Light => false,
        sijil_core::embed::Theme::Auto => browser::prefers_dark(),
    };
    let range_control = p.kind.is_series().then(|| {
        let on_change = {
            let params = params.clone();
            Callback::from(move |e: Event| {
                let v = browser::event_value(&e);
                let mut next = (*params).clone();
                next.range = Range::parse(&v).unwrap_or_default();
                params.set(next);
            })
        };
        let years = match &status {
            FeedStatus::Ready { feed, .. } => years(feed),
            _ => Vec::new(),
        };
        range_select(&p, &years, on_change)
    });
    let loading = matches!(status, FeedStatus::Loading);
    if props.served && !loading {
        // The app's widget, built out of sight in steps (the first is this render: the page's
        // controls; `Widget` and `Frame` queue the others), takes the server's place once its
        // steps have run (see the module doc).
        browser::swap_served(p.kind.id());
    }
    let message = match &status {
        FeedStatus::Loading => super::frame::state(
            "class=\"state loading\" role=\"status\" aria-live=\"polite\"",
            s.loading,
        ),
        // Unreachable or unreadable: the widget's title and source stay, the reader is told
        // what happened in their words and offered a retry; what the publisher must fix (the
        // checker's message, naming the JSON path) waits behind a disclosure.
        FeedStatus::Unreachable | FeedStatus::Invalid(_) => {
            let detail = match &status {
                // The JSON path now; what is wrong there, in the reader's language, when the
                // on-demand module has read the feed again (`feed_state::use_feed`).
                // Written as one escaped string (each `html!` element adds to the wasm).
                FeedStatus::Invalid(error) => {
                    let mut m = sijil_core::markup::Markup::with_capacity(256);
                    m.tag("details").open().tag("summary").open();
                    m.text(s.details_publisher).close("summary").tag("p").open();
                    m.tag("code").fixed("dir=\"ltr\"").open().text(&error.path);
                    m.close("code").text(" ").tag("span");
                    m.fixed("dir=\"auto\" data-describe=\"\"")
                        .open()
                        .close("span")
                        .close("p");
                    if let Some(src) = &source {
                        m.tag("p").open().tag("code").fixed("dir=\"ltr\"").open();
                        m.text(&src.url).close("code").close("p");
                    }
                    m.close("details");
                    Html::from_html_unchecked(m.into_string().into())
                }
                _ => Html::default(),
            };
            let text = match status {
                FeedStatus::Unreachable => s.unreachable,
                _ => s.unreadable,
            };
            let org = source.as_ref().and_then(|src| src.organization(p.lang));
            super::frame::bare(
                p.kind.id(),
                s.widget_title(p.kind),
                html! {
                    <div class="state" role="alert">
                        <p class="alert">{ text }</p>
                        <button type="button" onclick={retry.reform(|_| ())}>{ s.retry }</button>
                        { detail }
                    </div>
                },
                org.map(|o| super::frame::source_name(s, o, None))
                    .unwrap_or_default(),
            )
        }
        FeedStatus::Ready {
            cached_at: Some(at),
            ..
        } => {
            let mut m = sijil_core::markup::Markup::with_capacity(128);
            m.tag("p").fixed("class=\"stale\" role=\"status\"").open();
            m.text(s.stale_copy)
                .text(" ")
                .text(&browser::format_date(*at, &fmt));
            m.close("p");
            super::frame::raw(m)
        }
        FeedStatus::Ready { .. } => Html::default(),
    };
    let feed = match status {
        FeedStatus::Ready { feed, .. } => Some(feed),
        _ => None,
    };
    // While the server's widget is on screen, ours is styled and laid out step by step (each
    // step's frame lays out what it added) in a box of no height after it (`browser::app_host`),
    // out of reach of keyboards and screen readers (`inert`). The swap gives the box its
    // height, so the frame that shows it only paints (`browser::swap_served`: Yew never renders
    // `inert` again, as it never changes).
    html! {
        <main class="widget-page" data-embed={p.embed.then_some("")} ref={root} lang={p.lang.tag()} dir={p.lang.dir()} inert={props.served}>
            { range_control.unwrap_or_default() }
            { message }
            if let Some(feed) = feed {
                <Widget {feed} params={p.clone()} {width} {dark} renderer={props.renderer} />
            }
        </main>
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Properties, PartialEq)]
pub struct ServedProps {
    pub feed: crate::feed_state::SharedFeed,
    pub params: WidgetParams,
    pub width: f64,
    pub dark: bool,
    pub renderer: Renderer,
}

/// Natively (`sijil serve`, `sijil publish`): the page's `<main>` as [`WidgetPage`] renders it
/// once the feed is read, marked `data-served` for the app to take over (see the module doc).
/// Render it with `frame::render_served(true)`, so the frame has the app's buttons.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn Served(p: &ServedProps) -> Html {
    let params = &p.params;
    let range = params
        .kind
        .is_series()
        .then(|| range_select(params, &years(&p.feed), Callback::noop()));
    html! {
        <main class="widget-page" data-served="" data-embed={params.embed.then_some("")} lang={params.lang.tag()} dir={params.lang.dir()}>
            { range.unwrap_or_default() }
            <Widget feed={p.feed.clone()} params={params.clone()} width={p.width} dark={p.dark} renderer={p.renderer} />
        </main>
    }
}

/// The years a series' range can be (the feed's, oldest first).
pub fn years(feed: &sijil_core::feed::Feed) -> Vec<u16> {
    let mut ys: Vec<u16> = feed.months().iter().map(|m| m.month.year()).collect();
    ys.dedup();
    ys
}

/// A series page's range control (the app's and the server's page alike).
pub fn range_select(p: &WidgetParams, years: &[u16], on_change: Callback<Event>) -> Html {
    let (s, fmt) = (strings(p.lang), Fmt::new(p.lang, p.digits));
    let cur = p.range.id();
    html! {
        <div class="widget-tools">
            <label>{ s.range_label }
                <select onchange={on_change}>
                    <option value="all" selected={cur == "all"}>{ s.range_all }</option>
                    <option value="last12" selected={cur == "last12"}>{ crate::i18n::range_last(&fmt, 12) }</option>
                    { for years.iter().map(|y| html! { <option value={y.to_string()} selected={cur == y.to_string()}>{ fmt.plain(&y.to_string()) }</option> }) }
                </select>
            </label>
        </div>
    }
}
