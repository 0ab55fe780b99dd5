//! One widget for one feed: picks the month or range from the parameters, builds the view model
//! in the core, and renders it inside the shared [`Frame`]. Also the "month not found" and
//! "section not published" states.
//!
//! Widgets are grouped into four pages (glance, parties, governorates, the three time series),
//! each a [`Renderer`]. A page's binary names only its own renderer, so the other widgets' code
//! never reaches an embed that does not show them.

use super::frame::{data_table, Frame, Row};
use super::glance::{self, GlanceCards};
use super::governorates::{self, GovChart};
use super::incidents::with_list;
use super::parties::{self, PartiesChart};
use super::timeseries::{Series, SeriesChart};
use crate::browser;
use crate::feed_state::SharedFeed;
use crate::format::Fmt;
use crate::i18n::{chart_words, strings, Strings};
use sijil_core::chart::draw::export::{self, LegendItem, CHART_WIDTH};
use sijil_core::chart::draw::series::draw as series_draw;
use sijil_core::chart::draw::series::Style;
use sijil_core::chart::draw::Drawing;
use sijil_core::chart::theme::Colors;
use sijil_core::embed::{WidgetKind, WidgetParams};
use sijil_core::feed::{Feed, Month, Warning, YearMonth};
use sijil_core::lang::Lang;
use sijil_core::views::{build, csv, notes, summary, Source, TimeSeries};
use std::rc::Rc;
use yew::prelude::*;

/// What a kind of widget fills in; one [`Frame`] renders it (one expansion of the markup, which
/// keeps the wasm small).
pub struct Parts {
    pub title: &'static str,
    pub sub: String,
    pub summary: String,
    pub chart: Html,
    /// Built only when the reader opens the table view.
    pub table: Callback<(), Html>,
    /// Built only when the reader downloads it.
    pub csv: Callback<(), String>,
    /// The chart as a picture to publish, built when the reader downloads it: the request the
    /// export module composes the SVG from (`export::request`); `None` for a widget without a
    /// drawn chart.
    pub image: Option<Callback<(), String>>,
}

/// Everything a widget builder needs about the month being shown. Builders may add notes and
/// adjust the source line.
pub struct Ctx<'a> {
    /// Shared, so a part that keeps it (the massacres list) clones the handle, not the feed.
    pub feed: &'a SharedFeed,
    pub month: &'a Month,
    pub params: &'a WidgetParams,
    pub s: &'static Strings,
    pub fmt: Fmt,
    pub colors: Colors,
    pub width: f64,
    pub id: AttrValue,
    pub source: Source,
    pub notes: Vec<Html>,
    /// Under the chart and its table alike (`Frame::below`: the massacres list).
    pub below: Html,
}

/// A warning as this widget's readers read it (see [`Ctx::month_notes`]).
type Say = fn(&Warning, Lang, &summary::Formatters) -> Option<String>;

/// Every warning: the month at a glance and the perpetrators are about the whole month.
fn say_all(w: &Warning, lang: Lang, f: &summary::Formatters) -> Option<String> {
    Some(notes::warning(w, lang, f))
}

impl Ctx<'_> {
    /// The month's notes for a single-month widget, unless the embed turned them off
    /// (`notes=off`): where the report's figures do not add up, said for readers, then the
    /// report's own note. Called by the single-month builders only, so the series page (whose
    /// notes are about its marks) does not carry the sentences.
    ///
    /// `say` writes a warning for this widget's readers, or `None` when it is not about what
    /// the widget shows.
    fn month_notes(&mut self, say: Say) {
        if !self.params.notes {
            return;
        }
        let (lang, fmt) = (self.fmt.lang, self.fmt);
        for w in self.feed.warnings_in(self.month.month) {
            if let Some(text) = fmt_counted(&fmt, |f| say(w, lang, f)) {
                self.notes.push(html! { { text } });
            }
        }
        if let Some(n) = &self.month.notes {
            // A note only published in the other language is marked up as that language.
            let (l, text) = n.get_with_lang(lang);
            self.notes
                .push(html! { <span lang={l.tag()} dir={l.dir()}>{ text }</span> });
        }
    }

    fn subtitle(&self, m: &str) -> String {
        format!("{} · {}", self.fmt.month(m), self.s.documented_minimum)
    }

    /// The chart as a standalone picture, drawn again at the export width by `draw` (which
    /// returns the drawing and its legend), to be framed by the export module
    /// ([`export::compose`], fetched on a download: see `browser::compose_export`) with the
    /// title, the period, a note, the source and the date. Returns the module's request.
    fn image(
        &self,
        title: &'static str,
        period: String,
        draw: impl Fn(&Colors, &Fmt) -> (Drawing, Vec<LegendItem>) + 'static,
    ) -> Option<Callback<(), String>> {
        let (s, fmt, colors, src) = (self.s, self.fmt, self.colors, self.source.clone());
        Some(Callback::from(move |()| {
            let (chart, legend) = draw(&colors, &fmt);
            let link = src.report_url.as_ref().or(src.publisher_url.as_ref());
            let words = export::Frame {
                title: title.to_owned(),
                period: period.clone(),
                legend,
                note: s.documented_minimum.to_owned(),
                source: match link {
                    Some(url) => format!(
                        "{} {} · {}",
                        s.source,
                        src.publisher,
                        export::link_text(url)
                    ),
                    None => format!("{} {}", s.source, src.publisher),
                },
                date: format!("{} {}", s.updated, fmt.date(&src.updated)),
                rtl: fmt.lang.dir() == "rtl",
            };
            export::request(&words, &chart, &colors)
        }))
    }

    /// The rows a CSV ends with: where its figures come from, when, and on what terms.
    fn csv_footer(&self) -> Vec<Vec<String>> {
        let (s, src) = (self.s, &self.source);
        let link = src.report_url.as_ref().or(src.publisher_url.as_ref());
        let mut rows = vec![
            vec![
                s.source.trim_end_matches(':').to_owned(),
                src.publisher.clone(),
                link.cloned().unwrap_or_default(),
            ],
            vec![s.updated.to_owned(), src.updated.clone()],
        ];
        if let Some(m) = &src.methodology_url {
            rows.push(vec![s.methodology.to_owned(), m.clone()]);
        }
        rows.push(vec![s.licence.to_owned(), s.licence_terms.to_owned()]);
        rows
    }

    /// Runs a summary writer with this widget's number and month formatting.
    fn summary(&self, write: impl FnOnce(&summary::Formatters) -> String) -> String {
        fmt_counted(&self.fmt, write)
    }
}

/// One widget page (`/widget/{page}/`) and how it builds its widgets. Each page's binary names
/// only its own renderer, so the others' code is left out of its wasm.
#[derive(Clone, Copy)]
pub struct Renderer {
    pub page: &'static str,
    /// The widget shown when the URL names none.
    pub default: WidgetKind,
    /// `None`: the month did not publish this section.
    pub build: fn(&mut Ctx) -> Option<Parts>,
}

impl PartialEq for Renderer {
    fn eq(&self, other: &Self) -> bool {
        self.page == other.page
    }
}

pub const GLANCE: Renderer = Renderer {
    page: "glance",
    default: WidgetKind::Glance,
    build: glance_parts,
};
pub const PARTIES: Renderer = Renderer {
    page: "parties",
    default: WidgetKind::Parties,
    build: parties_parts,
};
pub const GOVERNORATES: Renderer = Renderer {
    page: "governorates",
    default: WidgetKind::Governorates,
    build: governorates_parts,
};
pub const SERIES: Renderer = Renderer {
    page: "series",
    default: WidgetKind::Trend,
    build: series_parts,
};

/// The renderer of the page that shows `kind` (tests and tools; a page binary names its own).
pub fn renderer(kind: WidgetKind) -> Renderer {
    match kind.page() {
        "glance" => GLANCE,
        "parties" => PARTIES,
        "governorates" => GOVERNORATES,
        _ => SERIES,
    }
}

/// The view's chart as the standalone picture a reader downloads (`export::compose`'s SVG),
/// built without a browser: the server's share cards (`sijil serve`, `card.rs`) draw it. `None`
/// when the month is missing or the view draws no chart.
pub fn picture(feed: &Feed, params: &WidgetParams, dark: bool) -> Option<String> {
    let lang = params.lang;
    let month = match &params.month {
        Some(m) => feed.month_str(m),
        None => feed.latest_month(),
    }?;
    let feed = &SharedFeed(Rc::new(feed.clone()));
    let mut cx = Ctx {
        feed,
        month,
        params,
        s: strings(lang),
        fmt: Fmt::new(lang, params.digits),
        colors: Colors::new(dark),
        width: CHART_WIDTH,
        id: params.kind.id().into(),
        source: build::source(feed, month, lang),
        notes: Vec::new(),
        below: Html::default(),
    };
    let parts = (renderer(params.kind).build)(&mut cx)?;
    export::compose_request(&parts.image?.emit(()))
}

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub feed: SharedFeed,
    pub params: WidgetParams,
    pub width: f64,
    pub dark: bool,
    pub renderer: Renderer,
}

/// Runs a note writer with the reader's number, month and share formatting.
fn fmt_counted<T>(fmt: &Fmt, write: impl FnOnce(&summary::Formatters) -> T) -> T {
    let count = |n: u64| fmt.count(n);
    let month = |m: &str| fmt.month(m);
    let percent = |p: f64| fmt.percent(p);
    write(&summary::Formatters {
        count: &count,
        month: &month,
        percent: &percent,
    })
}

/// "Month not found" and "section not published": nothing to draw, said as a status, under
/// the widget's title and over its source line.
fn empty(p: &WidgetProps, text: String) -> Html {
    let s = strings(p.params.lang);
    let publisher = p.feed.publisher();
    let url = publisher.url.as_ref().and_then(|u| u.href());
    super::frame::bare(
        p.params.kind.id(),
        s.widget_title(p.params.kind),
        super::frame::state("class=\"state empty\" role=\"status\"", &text),
        super::frame::source_name(s, publisher.name.get(p.params.lang), url),
    )
}

#[component]
pub fn Widget(p: &WidgetProps) -> Html {
    // For `cargo xtask bench`: where the first render starts (the main thread's tasks are read
    // from a trace from here; a measure ended in an effect would say nothing of them, as Yew may
    // run effects in a later task). Only the first: the bench reads no other, and a mark on
    // every render would add an entry to the page's performance timeline with each reader's
    // click, never cleared, and its cost to every interaction.
    thread_local! {
        static MARKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !MARKED.with(|m| m.replace(true)) {
        browser::perf_start("render", p.params.kind.id());
    }
    // Taking over, the widget is built in a task after the page's render (its controls), in a
    // render of its own, not the whole page's: its parts (view model, summary, notes) with an
    // empty frame, which builds itself in the steps after (`Frame`). Each step is a task a
    // reader's input could wait on (see `page`'s module doc).
    let later = use_state(browser::serving);
    if *later {
        let later = later.clone();
        browser::in_build_task(Box::new(move || later.set(false)));
        return Html::default();
    }
    let lang = p.params.lang;
    let s = strings(lang);
    let fmt = Fmt::new(lang, p.params.digits);
    let feed = &p.feed;
    let month = match &p.params.month {
        Some(m) => feed.month_str(m),
        None => feed.latest_month(),
    };
    // Months the feed has but could not read (an error confined to them): said, never blank.
    let unreadable = |ym: Option<YearMonth>| {
        let month = match ym {
            Some(ym) => fmt.month(&ym.to_string()),
            // A month whose own key is broken: which one is unknown.
            None => s.some_months.to_owned(),
        };
        notes::unavailable(&month, lang)
    };
    let Some(month) = month else {
        let asked = p.params.month.clone().unwrap_or_default();
        return match YearMonth::parse(&asked) {
            Some(ym) if feed.is_unavailable(ym) => empty(p, unreadable(Some(ym))),
            None if !feed.unavailable().is_empty() => empty(
                p,
                unreadable(feed.unavailable().last().and_then(|u| u.month)),
            ),
            _ => empty(p, format!("{} {}", s.month_not_found, fmt.month(&asked))),
        };
    };
    let mut notes: Vec<Html> = Vec::new();
    if p.params.month.is_none() {
        // The latest readable month is shown; a later one that could not be read is said.
        for u in feed
            .unavailable()
            .iter()
            .filter(|u| u.month > Some(month.month))
        {
            notes.push(html! { { unreadable(u.month) } });
        }
    }
    let mut cx = Ctx {
        feed,
        month,
        params: &p.params,
        s,
        fmt,
        colors: Colors::new(p.dark),
        width: p.width,
        id: p.params.kind.id().into(),
        source: build::source(feed, month, lang),
        notes,
        below: Html::default(),
    };
    let Some(parts) = (p.renderer.build)(&mut cx) else {
        return empty(p, s.section_not_published.to_owned());
    };
    let Parts {
        title,
        sub,
        summary,
        chart,
        table,
        csv,
        image,
    } = parts;
    html! {
        <Frame id={cx.id} {fmt} title={title} subtitle={Some(AttrValue::from(sub))} summary={summary}
            source={Rc::new(cx.source)} {chart} {table} {csv} {image} notes={cx.notes} below={cx.below} />
    }
}

fn glance_parts(cx: &mut Ctx) -> Option<Parts> {
    let s = cx.s;
    cx.month_notes(say_all);
    let v = Rc::new(build::glance(cx.feed, cx.month));
    if v.torture_included == Some(false) {
        let text = crate::i18n::glance_strings(cx.fmt.lang).torture_not_included;
        cx.notes.push(html! { { text } });
    }
    Some(Parts {
        title: s.widget_glance,
        sub: cx.subtitle(&v.month),
        summary: cx.summary(|f| summary::glance(&v, cx.fmt.lang, f)),
        chart: html! { <GlanceCards data={v.clone()} fmt={cx.fmt} /> },
        table: lazy(&v, cx.fmt, glance::table),
        csv: {
            let (v, footer, lang) = (v.clone(), cx.csv_footer(), cx.fmt.lang);
            Callback::from(move |()| {
                let stat = |k| glance::stat_label(lang, k).to_owned();
                let prev = v.previous_month.as_deref().unwrap_or("");
                csv::with_footer(
                    csv::glance(&v, &stat, [s.col_total, &v.month, prev]),
                    &footer,
                )
            })
        },
        image: None,
    })
}

fn parties_parts(cx: &mut Ctx) -> Option<Parts> {
    let s = cx.s;
    let v = Rc::new(build::parties(cx.feed, cx.month, cx.fmt.lang)?);
    cx.month_notes(say_all);
    Some(Parts {
        title: s.widget_parties,
        sub: cx.subtitle(&v.month),
        summary: cx.summary(|f| summary::parties(&v, cx.fmt.lang, f)),
        chart: html! { <PartiesChart id={cx.id.clone()} data={v.clone()} fmt={cx.fmt} colors={cx.colors} width={cx.width} label={s.widget_parties} /> },
        table: lazy(&v, cx.fmt, parties::table),
        csv: {
            let (v, footer) = (v.clone(), cx.csv_footer());
            let head = [s.col_party, s.col_total, s.stat_children, s.stat_women];
            Callback::from(move |()| csv::with_footer(csv::parties(&v, head), &footer))
        },
        image: {
            let v = v.clone();
            cx.image(
                s.widget_parties,
                cx.fmt.month(&v.month),
                move |colors, fmt| {
                    // Every breakdown open: a picture cannot be expanded by its reader.
                    let open: Vec<String> = v
                        .rows
                        .iter()
                        .filter(|r| !r.sub.is_empty())
                        .map(|r| r.id.clone())
                        .collect();
                    let d = sijil_core::chart::draw::parties::draw(
                        &v,
                        &open,
                        CHART_WIDTH,
                        &chart_words(fmt.lang),
                        colors,
                        fmt,
                    );
                    (d, Vec::new())
                },
            )
        },
    })
}

fn governorates_parts(cx: &mut Ctx) -> Option<Parts> {
    let (s, m) = (cx.s, crate::i18n::map_strings(cx.fmt.lang));
    let v = Rc::new(build::governorates(cx.month, cx.fmt.lang)?);
    cx.month_notes(notes::governorate_warning);
    let named = format!(
        "{} {} / {}",
        m.gov_named,
        cx.fmt.count(v.named as u64),
        cx.fmt.count(14)
    );
    cx.notes.insert(0, html! { { named } });
    cx.notes.push(html! { { m.credit_places } });
    Some(Parts {
        title: s.widget_governorates,
        sub: cx.subtitle(&v.month),
        summary: cx.summary(|f| summary::governorates(&v, cx.fmt.lang, f)),
        chart: html! { <GovChart id={cx.id.clone()} data={v.clone()} fmt={cx.fmt} colors={cx.colors} width={cx.width} label={s.widget_governorates} /> },
        table: lazy(&v, cx.fmt, governorates::table),
        csv: {
            let (v, mut footer) = (v.clone(), cx.csv_footer());
            footer.push(vec![s.licence.to_owned(), m.credit_places.to_owned()]);
            let head = [
                m.col_governorate,
                "pcode",
                s.col_total,
                m.col_share,
                m.col_approximate,
                // Written only for a month that lists its massacres (as the table's column).
                sijil_core::views::incidents::MapSaid::get(cx.fmt.lang).mark,
            ];
            Callback::from(move |()| csv::with_footer(csv::governorates(&v, head), &footer))
        },
        image: {
            let v = v.clone();
            cx.image(
                s.widget_governorates,
                cx.fmt.month(&v.month),
                move |colors, fmt| {
                    // The map's own words: its legend says what the shade measures.
                    let words = governorates::map_words(fmt.lang);
                    let d = sijil_core::chart::draw::tilemap::draw(
                        &v,
                        CHART_WIDTH,
                        "export",
                        &words,
                        colors,
                        fmt,
                    );
                    (d, Vec::new())
                },
            )
        },
    })
}

fn series_parts(cx: &mut Ctx) -> Option<Parts> {
    let (s, lang, range) = (cx.s, cx.fmt.lang, cx.params.range);
    let (title, style, data): (&str, Style, TimeSeries) = match cx.params.kind {
        WidgetKind::Torture => (
            s.widget_torture,
            Style::Bars,
            build::torture(cx.feed, range, s.stat_torture, lang),
        ),
        WidgetKind::Massacres => (
            s.widget_massacres,
            Style::Bars,
            build::massacres(cx.feed, range, [s.stat_massacres, s.stat_civilians]),
        ),
        _ => (
            s.widget_trend,
            Style::Lines,
            build::trend(
                cx.feed,
                range,
                [s.stat_civilians, s.stat_children, s.stat_women],
            ),
        ),
    };
    cx.source.month = data.months.last()?.clone();
    // Month notes belong to single-month widgets; a series says what its own marks mean: its
    // gaps, its definition breaks, and the months in its range the feed could not read.
    cx.notes.clear();
    if data.has_gaps() {
        let ss = crate::i18n::series_strings(lang);
        let said = match style {
            Style::Lines => ss.gaps_lines,
            Style::Bars => ss.gaps_bars,
        };
        cx.notes.push(html! { { said } });
    }
    for &(i, included) in &data.breaks {
        let text = notes::definition_break(&cx.fmt.month(&data.months[i]), included, lang);
        cx.notes.push(html! { { text } });
    }
    for u in cx.feed.unavailable() {
        let m = u.month.map(|m| m.to_string()).unwrap_or_default();
        if data.months.contains(&m) {
            cx.notes
                .push(html! { { notes::unavailable(&cx.fmt.month(&m), lang) } });
        }
    }
    let data = Rc::new(data);
    let sub = format!(
        "{} – {}",
        cx.fmt.month(&data.months[0]),
        cx.fmt.month(&cx.source.month)
    );
    let image = {
        let data = data.clone();
        cx.image(title, sub.clone(), move |colors, fmt| {
            let d = series_draw(
                &data,
                style,
                CHART_WIDTH,
                &chart_words(fmt.lang),
                colors,
                fmt,
            );
            let shown = match style {
                Style::Lines => data.series.len(),
                Style::Bars => 1,
            };
            let legend = data
                .series
                .iter()
                .take(shown)
                .enumerate()
                .map(|(i, x)| LegendItem {
                    name: x.name.clone(),
                    colour: x.colour,
                    dash: (style == Style::Lines).then_some(i),
                });
            (d, legend.collect())
        })
    };
    let mut chart = html! { <SeriesChart id={cx.id.clone()} data={Series(data.clone())} style={style} fmt={cx.fmt} colors={cx.colors} width={cx.width} label={title} /> };
    if cx.params.kind == WidgetKind::Massacres {
        let feed = cx.feed.clone();
        // The picked month's massacres one by one, under the chart and its table.
        (chart, cx.below) = with_list(
            chart,
            feed,
            data.clone(),
            &cx.id,
            cx.fmt,
            cx.params.month.as_ref(),
        );
    }
    Some(Parts {
        title,
        sub,
        summary: cx.summary(|f| summary::series(title, &data, lang, f)),
        chart,
        table: lazy(&data, cx.fmt, series_table),
        csv: {
            let (data, footer) = (data.clone(), cx.csv_footer());
            Callback::from(move |()| csv::with_footer(csv::series(&data, s.col_month), &footer))
        },
        image,
    })
}

/// A table builder for the frame to call when the table is first shown.
fn lazy<T: 'static>(data: &Rc<T>, fmt: Fmt, table: fn(&T, &Fmt) -> Html) -> Callback<(), Html> {
    let data = data.clone();
    Callback::from(move |()| table(&data, &fmt))
}

fn series_table(d: &TimeSeries, fmt: &Fmt) -> Html {
    let s = strings(fmt.lang);
    let mut head = vec![s.col_month.to_owned()];
    head.extend(d.series.iter().map(|x| x.name.clone()));
    let rows = d
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| Row {
            head: fmt.month(m),
            cells: d
                .series
                .iter()
                .map(|x| {
                    x.values[i]
                        .map(|v| fmt.count(v))
                        .unwrap_or_else(|| s.not_published.to_owned())
                })
                .collect(),
            sub: false,
        })
        .collect();
    data_table(head, rows)
}
