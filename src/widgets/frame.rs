//! The frame every widget shares: title, subtitle, the chart or its data table, the
//! screen-reader summary, notes, the source line and the downloads. Widgets supply the parts;
//! the frame keeps them consistent (Datawrapper-style) across all six.

use crate::browser;
use crate::format::Fmt;
use crate::i18n::strings;
use sijil_core::markup::Markup;
use sijil_core::views::Source;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct FrameProps {
    /// Unique per widget on the page; prefixes element ids.
    pub id: AttrValue,
    pub fmt: Fmt,
    pub title: AttrValue,
    #[prop_or_default]
    pub subtitle: Option<AttrValue>,
    pub summary: AttrValue,
    pub source: Rc<Source>,
    /// The chart (SVG with id `{id}-svg` if it can be downloaded as an image).
    pub chart: Html,
    /// Builds the data table; called the first time a reader asks for it.
    pub table: Callback<(), Html>,
    /// Builds the CSV download; called when the reader asks for it.
    pub csv: Callback<(), String>,
    /// Builds the request for the chart's picture for the SVG and PNG downloads (composed by
    /// the export module, `browser::compose_export`); `None`: no picture to offer.
    #[prop_or_default]
    pub image: Option<Callback<(), String>>,
    #[prop_or_default]
    pub notes: Vec<Html>,
    /// Under the chart or its table, whichever shows (the massacres widget's list): for the
    /// readers of both views.
    #[prop_or_default]
    pub below: Html,
    #[prop_or_default]
    pub controls: Html,
}

/// Never equal: a widget renders its frame with new parts (new callbacks among them, equal only
/// to themselves) whenever it renders at all, so comparing them field by field, `Html` trees
/// included, would only cost time and wasm (about 500 B before compression).
impl PartialEq for FrameProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static SERVED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Natively, on this thread: render widgets as the page the app takes over (`sijil serve`'s
/// widget permalinks, `crates/sijil-server/src/widget_page.rs`), or (`false`, the default) as
/// a page with no script at all (the monthly report).
#[cfg(not(target_arch = "wasm32"))]
pub fn render_served(on: bool) {
    SERVED.with(|s| s.set(on));
}

/// Whether the frame has its buttons: always in the browser (a constant: the wasm keeps only
/// its own branch); natively only for a page the app takes over.
fn scripted() -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return SERVED.with(|s| s.get());
    #[cfg(target_arch = "wasm32")]
    true
}

#[component]
pub fn Frame(p: &FrameProps) -> Html {
    let s = strings(p.fmt.lang);
    // Rendered natively for a page with no script (the monthly report), nothing can be clicked:
    // the table is shown under the chart, the CSV is a link, and the buttons that need the
    // script are left out. Rendered natively for the page the app takes over (`served`), it is
    // the app's first view exactly, with the table and the CSV link in `<noscript>`s for readers
    // without JavaScript.
    let scripted = scripted();
    let served = scripted && !cfg!(target_arch = "wasm32");
    // While the app's widget is built beside the server's (which stays on screen meanwhile),
    // it is built in steps, each a task of its own ([`browser::in_build_task`]): the widget's
    // parts (in the task that renders this frame first, empty), then this frame, then the
    // chart's drawing, then its DOM (`marks::ChartSvg`). Built in one task, a long chart's
    // widget would hold a reader's input for the whole build, most of it the wasm's lazy
    // compilation and the DOM. `step`: 2 once all is shown (at once when not taking over).
    // Every hook is called before the empty first step returns (Yew requires the same hooks
    // in every render).
    // A `u32`, as the feed's retry count is: one state type less in the wasm.
    let step = use_state(|| if browser::serving() { 0u32 } else { 2 });
    let show_table = use_state(|| false);
    // Once built, the table stays in the page (hidden while the chart shows), and the chart stays
    // while the table shows: switching back and forth rebuilds nothing.
    let table_built = use_state(|| !cfg!(target_arch = "wasm32"));
    let table = use_memo((p.table.clone(), *table_built), |(make, built)| {
        built.then(|| make.emit(()))
    });
    if *step < 2 {
        // Queued while rendering, not in an effect: Yew may run effects in a later task, after
        // the swap (which waits only for the steps already queued).
        let next = step.clone();
        browser::in_build_task(Box::new(move || next.set(*next + 1)));
        if *step == 0 {
            return Html::default();
        }
    }
    let toggle = {
        let (show_table, table_built) = (show_table.clone(), table_built.clone());
        Callback::from(move |_| {
            table_built.set(true);
            show_table.set(!*show_table)
        })
    };
    let file = format!("sijil-{}-{}", p.id, p.source.month);
    let on_csv = {
        let (csv, file) = (p.csv.clone(), file.clone());
        Callback::from(move |_| {
            crate::browser::download(
                &format!("{file}.csv"),
                "text/csv;charset=utf-8",
                csv.emit(()).as_bytes(),
            )
        })
    };
    // One handler for both pictures: the composer is fetched, then the file is saved.
    let picture = |png: bool| {
        p.image.clone().map(|image| {
            let file = file.clone();
            Callback::from(move |_| {
                let (request, file) = (image.emit(()), file.clone());
                yew::platform::spawn_local(async move {
                    let Some(svg) = crate::browser::compose_export(request).await else {
                        return;
                    };
                    if png {
                        crate::browser::download_svg_as_png(svg, &format!("{file}.png"))
                    } else {
                        crate::browser::download(
                            &format!("{file}.svg"),
                            "image/svg+xml",
                            svg.as_bytes(),
                        )
                    }
                });
            })
        })
    };
    let (on_svg, on_png) = (picture(false), picture(true));
    let title_id = format!("{}-title", p.id);
    let summary_id = format!("{}-summary", p.id);
    // The title, subtitle and summary: text only, one string.
    let mut head = Markup::with_capacity(256 + p.summary.len());
    push_head(&mut head, &title_id, &p.title, p.subtitle.as_deref());
    head.tag("p").fixed("class=\"sr-only\"");
    head.attr("id", &summary_id)
        .open()
        .text(&p.summary)
        .close("p");
    html! {
        <figure class="widget" id={p.id.clone()} aria-labelledby={title_id.clone()} aria-describedby={summary_id.clone()}>
            { raw(head) }
            if scripted {
            <div class="widget-tools">
                { p.controls.clone() }
                <button type="button" class="toggle" aria-pressed={(*show_table).to_string()} onclick={toggle}>
                    { if *show_table { s.show_chart } else { s.show_table } }
                </button>
            </div>
            }
            // Whichever of the chart and the table is not shown is kept styled and laid out but
            // not rendered (`[data-off]`: `content-visibility: hidden`): switching costs a frame,
            // not the style and layout of every mark or of a 180-row table again (`hidden`
            // would discard both, and tearing down the table's layout was most of the switch).
            <div data-off={show_table.then_some("")}>{ if *step < 2 { Html::default() } else { p.chart.clone() } }</div>
            if let Some(table) = &*table {
                if served {
                    <noscript><div class="table-wrap">{ table.clone() }</div></noscript>
                } else {
                    <div class="table-wrap" data-off={(scripted && !*show_table).then_some("")}>{ table.clone() }</div>
                }
            }
            { p.below.clone() }
            if !p.notes.is_empty() {
                <ul class="notes" aria-label={s.warnings_label}>
                    { for p.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            }
            <figcaption class="source">
                { source_line(s, &p.source, &p.fmt) }
                <span class="downloads">
                    if scripted {
                    <button type="button" class="link" onclick={on_csv}>{ s.download_csv }</button>
                    if served { <noscript>{ csv_link(&file, s.download_csv, &p.csv.emit(())) }</noscript> }
                    } else {
                        { csv_link(&file, s.download_csv, &p.csv.emit(())) }
                    }
                    if let (true, Some(on_svg), Some(on_png)) = (scripted, on_svg, on_png) {
                        <button type="button" class="link" onclick={on_svg}>{ s.download_svg }</button>
                        <button type="button" class="link" onclick={on_png}>{ s.download_png }</button>
                    }
                </span>
            </figcaption>
        </figure>
    }
}

/// The CSV as a link that needs no script (the page for readers without JavaScript): its
/// text in a `data:` URL, saved under the name the button would give it.
fn csv_link(file: &str, text: &str, csv: &str) -> Html {
    let mut m = Markup::with_capacity(csv.len() * 4 / 3 + 128);
    let href = format!(
        "data:text/csv;charset=utf-8;base64,{}",
        sijil_core::base64::encode(csv.as_bytes())
    );
    m.tag("a")
        .attr("href", &href)
        .attr("download", &format!("{file}.csv"))
        .open();
    m.text(text).close("a");
    raw(m)
}

/// A widget's head: its title (`id` for the figure's label) and, under it, its subtitle.
fn push_head(m: &mut Markup, title_id: &str, title: &str, sub: Option<&str>) {
    m.tag("div").fixed("class=\"widget-head\"").open();
    m.tag("h1")
        .attr("id", title_id)
        .open()
        .text(title)
        .close("h1");
    if let Some(sub) = sub {
        m.tag("p")
            .fixed("class=\"sub\"")
            .open()
            .text(sub)
            .close("p");
    }
    m.close("div");
}

/// A state said in a paragraph: `<div {attrs}><p>{text}</p></div>` (loading, nothing to show).
pub fn state(attrs: &'static str, text: &str) -> Html {
    let mut m = Markup::with_capacity(128);
    m.tag("div").fixed(attrs).open().tag("p").open().text(text);
    m.close("p").close("div");
    raw(m)
}

/// A widget with nothing to draw (its feed unreadable or unreachable, its month or section not
/// published): the same title and source line as when it has figures, around a state that
/// speaks to the reader. The reader still knows what they are looking at, and whose it is.
pub fn bare(id: &str, title: &str, state: Html, source: Html) -> Html {
    let title_id = format!("{id}-title");
    let mut head = Markup::with_capacity(128);
    push_head(&mut head, &title_id, title, None);
    html! {
        <figure class="widget" id={id.to_owned()} aria-labelledby={title_id.clone()}>
            { raw(head) }
            { state }
            <figcaption class="source">{ source }</figcaption>
        </figure>
    }
}

/// "Source: publisher" (linked where the feed gives an http(s) URL), for a widget's source line.
pub fn source_name(s: &crate::i18n::Strings, name: &str, url: Option<&str>) -> Html {
    let mut m = Markup::with_capacity(128);
    push_source_name(&mut m, s, name, url);
    raw(m)
}

/// The source line under a chart: the publisher, the report, the month, when the data was last
/// updated, how it was collected and the publisher's own notes on it (what Our World in Data
/// shows under a chart). Written as one escaped string, not a dozen Yew elements: the markup
/// writer is already in every page's wasm, each `html!` element adds to it (size budget).
fn source_line(s: &crate::i18n::Strings, src: &Source, fmt: &Fmt) -> Html {
    let mut m = Markup::with_capacity(512);
    push_source_name(&mut m, s, &src.publisher, src.publisher_url.as_deref());
    if let Some(url) = &src.report_url {
        m.text(s.list_sep);
        push_link(&mut m, s.report, Some(url));
    }
    m.text(" · ").text(&fmt.month(&src.month)).text(" · ");
    m.tag("span").fixed("class=\"updated\"").open();
    m.text(s.updated).text(" ").text(&fmt.date(&src.updated));
    m.close("span");
    if let Some(url) = &src.methodology_url {
        m.text(" · ");
        push_link(&mut m, s.methodology, Some(url));
    }
    if let Some((lang, about)) = &src.about {
        m.tag("details").fixed("class=\"about\"").open();
        m.tag("summary").open().text(s.about_data).close("summary");
        m.tag("p")
            .attr("lang", lang.tag())
            .attr("dir", lang.dir())
            .open();
        m.text(about).close("p").close("details");
    }
    raw(m)
}

fn push_source_name(m: &mut Markup, s: &crate::i18n::Strings, name: &str, url: Option<&str>) {
    m.tag("span").open().text(s.source).text(" ").close("span");
    push_link(m, name, url);
}

/// A link only for http(s) URLs (the core already dropped others); plain text otherwise.
fn push_link(m: &mut Markup, text: &str, url: Option<&str>) {
    match url {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
            m.tag("a").attr("href", u);
            m.fixed("target=\"_blank\" rel=\"noopener noreferrer\"")
                .open();
            m.text(text).close("a");
        }
        _ => {
            m.tag("span").open().text(text).close("span");
        }
    }
}

/// Markup as Yew's raw HTML: static parts are written as one escaped string, as each `html!`
/// element adds to every page's wasm (about 60 B brotli each).
pub fn raw(m: Markup) -> Html {
    Html::from_html_unchecked(m.into_string().into())
}

pub use sijil_core::views::table::Row;

/// The data-table view shared by every widget: the same numbers as the chart, as text. Written
/// as one escaped string by the core (a 180-month table is a lot of nodes to build one by one).
pub fn data_table(head: Vec<String>, rows: Vec<Row>) -> Html {
    Html::from_html_unchecked(sijil_core::views::table::html(&head, &rows).into())
}
