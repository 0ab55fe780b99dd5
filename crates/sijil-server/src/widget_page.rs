//! A widget page (`/widget/{page}/?w=…&month=…&lang=…`) as `sijil serve` answers it: the built
//! page with the widget already in its HTML, so a reader sees the chart, title, summary, notes
//! and source line before any script runs, in the requested language and direction (`<html
//! lang dir data-theme>` too). It is the app's own page rendered natively (Yew's server
//! renderer: `widgets::page::Served`, the `<main>` the app renders once the feed is read), so
//! the markup and its escaping of feed text are the wasm's, from the same code: text through
//! Yew, the chart and the table as the core's escaped markup ([`sijil_core::markup`]).
//!
//! With JavaScript, the app takes that `<main data-served>` over when it has read the feed
//! (`src/widgets/page.rs`): its chart drawing (`<g data-drawn>`) is moved, not drawn again,
//! when the app's drawing is the same (drawn at [`WIDTH`], a phone's). Without JavaScript, a
//! `<noscript>` style hides the buttons and shows the summary, and `<noscript>`s in the widget
//! hold the full data table and the CSV as a link.
//!
//! The feed is the one the config names, when that is a path on this site (a file in `dist/`,
//! or `--feed`); a remote feed, or one that is absent or unreadable, leaves the page as built
//! (the app shows its own states). Parameters are read as the app reads them
//! ([`WidgetParams::from_query`]: an invalid value falls back to its default, a month the feed
//! does not have renders the app's "month not found"); a widget of another page is left to the
//! app, which forwards to that page.
//!
//! [`page`] is the one function that returns the page's HTML: anything the page's head must
//! say about the view (share-card `<meta>` tags) goes there.

use sijil_app::feed_state::SharedFeed;
use sijil_app::widgets::frame;
use sijil_app::widgets::page::{Served, ServedProps};
use sijil_app::widgets::view::{renderer, Widget, WidgetProps};
use sijil_core::embed::{Theme, WidgetParams};
use sijil_core::feed::Feed;
use sijil_core::lang::Lang;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The width the chart is drawn at: a phone's (360 px less the page's padding), where a reader
/// without JavaScript most likely is; on a wider screen it keeps this size.
pub const WIDTH: f64 = 336.0;

/// The same for an embed (`embed=1`: the page's padding is narrower, `static/app.css`): a
/// phone-wide frame. The app keeps the server's drawing only when it would draw the same, at
/// the same width; drawn at the page's width instead, every embed on a phone would be drawn
/// twice.
pub const EMBED_WIDTH: f64 = 352.0;

/// The page `template` (a built `widget/{page}/index.html`) showing the feed `raw` as `query`
/// asks, for a page whose binary shows `page`'s widgets; `None` when the query names a widget of
/// another page (the app forwards it there) or the feed cannot be read.
pub fn page(
    template: &str,
    page: &str,
    raw: &[u8],
    query: &str,
    default_lang: Lang,
    card: Option<&str>,
) -> Option<String> {
    let params = params(page, query, default_lang)?;
    let feed = sijil_core::feed::read_feed(raw).ok()?;
    let title = sijil_app::i18n::strings(params.lang).widget_title(params.kind);
    let mut head = card
        .map(|url| crate::card::share_tags(title, url, params.lang))
        .unwrap_or_default();
    head.push_str(NOSCRIPT_STYLE);
    let (lang, dir, theme) = (params.lang.tag(), params.lang.dir(), params.theme.id());
    let mut widget = render_served(feed, params);
    // The feed itself, for the app to take the page over without fetching it first (a data
    // block, never run: its `<` written as `\u003c`, which JSON reads as the same character, so
    // feed text cannot close the element; outside strings JSON has no `<`).
    if let (Some(at), Ok(text)) = (widget.rfind("</main>"), std::str::from_utf8(raw)) {
        widget.insert_str(
            at,
            &format!(
                "<script type=\"application/json\" data-feed>{}</script>",
                text.replace('<', "\\u003c")
            ),
        );
    }
    // The widget takes the place of the built page's `<noscript>` (its "needs JavaScript").
    let open = template.find("<noscript>")?;
    let close = open + template[open..].find("</noscript>")? + "</noscript>".len();
    // The `<html>` start tag, however the build wrote it (minified: `<html dir=rtl lang=ar>`),
    // says the asked language, direction and theme (as the app sets them).
    let tag = template.find("<html")?;
    let tag_end = tag + template[tag..].find('>')? + 1;
    Some(format!(
        "{}<html lang=\"{lang}\" dir=\"{dir}\" data-theme=\"{theme}\">{}{widget}{}",
        &template[..tag],
        &template[tag_end..open].replacen("</head>", &format!("{head}</head>"), 1),
        &template[close..]
    ))
}

/// For readers without JavaScript: the buttons and controls (which need the script) hidden, the
/// screen-reader summary shown as a sentence. Only these readers apply it, so the app's first
/// view and the server's are laid out alike.
const NOSCRIPT_STYLE: &str = "<noscript><style>[data-served] .widget-tools,[data-served] button\
    {display:none}[data-served] .sr-only{position:static;width:auto;height:auto;margin:0 0 .5rem;\
    overflow:visible;clip:auto;white-space:normal}</style></noscript>";

/// The view `query` asks of `page`, read as the app reads it; `None` when it names a widget of
/// another page.
pub fn params(page: &str, query: &str, default_lang: Lang) -> Option<WidgetParams> {
    let pairs = query_pairs(query);
    let mut params = WidgetParams::from_query(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        default_lang,
    );
    if !pairs.iter().any(|(k, _)| k == "w") {
        params.kind = page_default(page)?;
    } else if renderer(params.kind).page != page {
        return None;
    }
    Some(params)
}

/// Pages already rendered, by page and query, each with the version (feed and page file) it was
/// rendered from: a widget page is asked for far more often than its feed changes. Bounded: at
/// most [`CACHED`] pages, forgotten all at once when full.
static CACHE: std::sync::Mutex<Option<Pages>> = std::sync::Mutex::new(None);
/// Page and query → (version, page).
type Pages = HashMap<String, (String, Arc<str>)>;
const CACHED: usize = 512;

/// The page rendered for `key` from `version`, if it is still in the cache.
pub fn cached(key: &str, version: &str) -> Option<Arc<str>> {
    let cache = CACHE.lock().ok()?;
    let (v, html) = cache.as_ref()?.get(key)?;
    (v == version).then(|| html.clone())
}

/// Keeps `html` as the page for `key` rendered from `version`, and returns it.
pub fn remember(key: String, version: String, html: String) -> Arc<str> {
    let html: Arc<str> = html.into();
    if let Ok(mut cache) = CACHE.lock() {
        let map = cache.get_or_insert_with(HashMap::new);
        if map.len() >= CACHED {
            map.clear();
        }
        map.insert(key, (version, html.clone()));
    }
    html
}

/// The widget a page shows when the URL names none.
fn page_default(page: &str) -> Option<sijil_core::embed::WidgetKind> {
    use sijil_app::widgets::view::{GLANCE, GOVERNORATES, PARTIES, SERIES};
    [GLANCE, PARTIES, GOVERNORATES, SERIES]
        .into_iter()
        .find(|r| r.page == page)
        .map(|r| r.default)
}

/// The widget's markup for a page with no script (the monthly report), rendered by the app's
/// component on a runtime of its own (Yew's renderer is single-threaded; the caller runs this
/// off the server's async threads).
pub fn render(feed: Feed, params: WidgetParams) -> String {
    let props = WidgetProps {
        feed: SharedFeed(Rc::new(feed)),
        renderer: renderer(params.kind),
        dark: params.theme == Theme::Dark,
        params,
        width: WIDTH,
    };
    run(yew::LocalServerRenderer::<Widget>::with_props(props).hydratable(false))
}

/// The widget page's `<main>` for the app to take over (`widgets::page::Served`), with the
/// app's buttons, and the table and CSV link in `<noscript>`s.
pub fn render_served(feed: Feed, params: WidgetParams) -> String {
    let props = ServedProps {
        feed: SharedFeed(Rc::new(feed)),
        renderer: renderer(params.kind),
        dark: params.theme == Theme::Dark,
        width: if params.embed { EMBED_WIDTH } else { WIDTH },
        params,
    };
    frame::render_served(true);
    let html = run(yew::LocalServerRenderer::<Served>::with_props(props).hydratable(false));
    frame::render_served(false);
    // Until the app has taken the page over its controls do nothing: they say so (and a click
    // waits), where the app's own are enabled. Feed text cannot open a tag here: its `<` is
    // escaped.
    html.replace("<button ", "<button disabled ")
        .replace("<select>", "<select disabled>")
}

fn run<C: yew::BaseComponent>(renderer: yew::LocalServerRenderer<C>) -> String {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().build() else {
        return String::new();
    };
    tokio::task::LocalSet::new().block_on(&rt, renderer.render())
}

/// `a=1&b=%C3%A9` → pairs, `+` and percent escapes decoded (as the browser's
/// `URLSearchParams`, which the app reads them with).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' => match std::str::from_utf8(b.get(i + 1..i + 3).unwrap_or_default())
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                },
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the build writes it: minified, attributes unquoted.
    const TEMPLATE: &str = "<!doctype html><html dir=rtl lang=ar>\n<head><title>t</title>\
        <script type=\"module\">import init from '/x.js';init('/x.wasm');</script></head>\n<body>\n  \
        <noscript>Sijil needs JavaScript.</noscript>\n</body>\n</html>\n";

    fn sample() -> &'static [u8] {
        include_bytes!("../../../static/data/feed.json")
    }

    /// The served widget: the page's `<main>`.
    fn noscript(page: &str) -> &str {
        let open = page.find("<main").expect("main");
        &page[open..open + page[open..].find("</main>").expect("closed")]
    }

    #[test]
    fn a_permalink_gets_its_chart_title_summary_notes_source_and_table_in_its_language() {
        let en = page(
            TEMPLATE,
            "parties",
            sample(),
            "w=parties&month=2021-02&lang=en",
            Lang::Ar,
            None,
        )
        .expect("a parties page");
        assert!(
            en.contains("<html lang=\"en\" dir=\"ltr\" data-theme=\"auto\">"),
            "{en}"
        );
        let w = noscript(&en);
        assert!(
            w.starts_with("<main data-served=\"\" lang=\"en\" dir=\"ltr\" class=\"widget-page\">"),
            "{w}"
        );
        // The app's first view: its buttons, the chart's drawing tagged for the app to take.
        assert!(w.contains("class=\"toggle\""), "{w}");
        assert!(w.contains("<g data-drawn=\""), "{w}");
        // The built page's "needs JavaScript" is gone; readers without it get the style that
        // hides the buttons, and the table and CSV link in the widget's own `<noscript>`s.
        assert!(!en.contains("Sijil needs JavaScript"));
        assert!(en.contains("<noscript><style>"));
        assert!(
            w.contains("<noscript><div class=\"table-wrap\"><table"),
            "{w}"
        );
        assert!(w.contains("id=\"parties-svg\""), "the chart: {w}");
        assert!(w.contains("<h1 id=\"parties-title\">"), "the title: {w}");
        assert!(w.contains("February 2021"), "the month: {w}");
        assert!(w.contains("id=\"parties-summary\""), "the summary: {w}");
        assert!(w.contains("class=\"notes\""), "the notes");
        assert!(w.contains("class=\"source\""), "the source line");
        assert!(w.contains("<table"), "the full table: {w}");
        assert!(
            w.contains("download=\"sijil-parties-2021-02.csv\""),
            "the CSV link: {w}"
        );
        // The loader script is the page's own, untouched.
        assert!(en.contains(
            "<script type=\"module\">import init from '/x.js';init('/x.wasm');</script>"
        ));

        let ar = page(
            TEMPLATE,
            "parties",
            sample(),
            "w=parties&month=2021-02",
            Lang::Ar,
            None,
        )
        .expect("a parties page");
        assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\" data-theme=\"auto\">"));
        let w = noscript(&ar);
        assert!(w.contains("شباط ٢٠٢١"), "Arabic month and digits: {w}");
        assert!(w.contains("١٣٨"), "{w}");
    }

    #[test]
    fn the_series_page_draws_the_default_widget_and_the_range_asked_for() {
        let p = page(
            TEMPLATE,
            "series",
            sample(),
            "lang=en&range=2021",
            Lang::Ar,
            None,
        )
        .expect("page");
        let w = noscript(&p);
        assert!(w.contains("id=\"trend-svg\""), "{w}");
        assert!(w.contains("January 2021 – December 2021"), "{w}");
    }

    #[test]
    fn invalid_parameters_are_read_as_the_app_reads_them() {
        // An unknown language, digits, theme and range fall back to their defaults; a month the
        // feed lacks is the app's "month not found"; a widget of another page is the app's to
        // forward.
        let p = page(
            TEMPLATE,
            "parties",
            sample(),
            "w=parties&lang=xx&digits=roman&theme=pink&range=ever&month=1999-01",
            Lang::En,
            None,
        )
        .expect("page");
        assert!(p.contains("<html lang=\"en\" dir=\"ltr\" data-theme=\"auto\">"));
        assert!(noscript(&p).contains("January 1999"), "{p}");
        assert!(
            !noscript(&p).contains("<svg"),
            "nothing drawn for a missing month"
        );
        let bad_month = page(
            TEMPLATE,
            "parties",
            sample(),
            "month=2021-13&lang=en",
            Lang::Ar,
            None,
        )
        .expect("page");
        assert!(
            noscript(&bad_month).contains("id=\"parties-svg\""),
            "latest month shown"
        );
        assert_eq!(
            page(TEMPLATE, "parties", sample(), "w=trend", Lang::Ar, None),
            None
        );
    }

    #[test]
    fn hostile_feed_text_is_escaped_as_the_app_escapes_it() {
        let mut json: serde_json::Value =
            serde_json::from_slice(include_bytes!("../../../static/data/feed.json")).unwrap();
        let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        json["parties"][0]["name"]["en"] = evil.into();
        json["publisher"]["name"]["en"] = evil.into();
        let feb = json["months"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|m| m["month"] == "2021-02")
            .unwrap();
        feb["notes"] = serde_json::json!({ "en": evil });
        let feed = serde_json::to_string(&json).unwrap();
        let p = page(
            TEMPLATE,
            "parties",
            feed.as_bytes(),
            "month=2021-02&lang=en",
            Lang::Ar,
            None,
        )
        .expect("page");
        let w = noscript(&p);
        assert!(w.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{w}");
        // The one script element in the widget is its feed, a data block.
        assert_eq!(w.matches("<script").count(), 1, "{w}");
        assert!(w.contains("<script type=\"application/json\" data-feed>"));
        assert!(!w.contains("<img"), "{w}");
        // The feed in the page for the app is a data block the feed's text cannot close.
        assert_eq!(p.matches("</script>").count(), 2, "{p}");
        assert!(p.contains("\\u003cscript>alert(1)\\u003c/script>"), "{p}");
        // The page's CSP still names only the loader: no inline script came with the feed.
        assert_eq!(crate::csp::inline_script_hashes(&p).len(), 1);
    }

    #[test]
    fn a_note_in_the_other_language_carries_its_own() {
        let p = page(
            TEMPLATE,
            "glance",
            sample(),
            "month=2021-02&lang=ar",
            Lang::Ar,
            None,
        )
        .expect("page");
        assert!(
            noscript(&p).contains("<span lang=\"en\" dir=\"ltr\">Figures from SNHR"),
            "{p}"
        );
    }

    #[test]
    fn queries_decode_as_the_browser_decodes_them() {
        assert_eq!(
            query_pairs("a=1&b=x+y%3D&&c"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y=".into()),
                ("c".into(), String::new())
            ]
        );
    }
}
