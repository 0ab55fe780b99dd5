//! One widget for one feed: picks the month or range from the parameters, builds the view model
//! in the core, and renders it inside the shared [`Frame`]. Also the "month not found" and
//! "section not published" states.

use super::frame::{data_table, Frame, Row};
use super::glance::{self, GlanceCards};
use super::governorates::{self, GovChart};
use super::parties::{self, PartiesChart};
use super::timeseries::SeriesChart;
use crate::browser;
use crate::format::Fmt;
use crate::i18n::strings;
use sijil_core::chart::draw::series::Style;
use sijil_core::chart::theme::Colors;
use sijil_core::embed::{WidgetKind, WidgetParams};
use sijil_core::feed::Feed;
use sijil_core::views::{build, csv, summary, TimeSeries};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub feed: Rc<Feed>,
    pub params: WidgetParams,
    pub width: f64,
    pub dark: bool,
}

fn state(class: &'static str, text: String) -> Html {
    html! { <div class={classes!("state", class)} role="status"><p>{ text }</p></div> }
}

#[component]
pub fn Widget(p: &WidgetProps) -> Html {
    // Render timing for `cargo xtask bench`: from here to the effect below, which runs after the
    // DOM is patched.
    let perf = format!("sijil:render:{}", p.params.kind.id());
    browser::perf_start(&perf);
    use_effect(move || browser::perf_end(&perf));
    let lang = p.params.lang;
    let s = strings(lang);
    let fmt = Fmt::new(lang, p.params.digits);
    let colors = Colors::new(p.dark);
    let feed = &p.feed;
    let month = match &p.params.month {
        Some(m) => feed.month_str(m),
        None => feed.latest_month(),
    };
    let Some(month) = month else {
        let asked = p.params.month.clone().unwrap_or_default();
        return state(
            "empty",
            format!("{} {}", s.month_not_found, fmt.month(&asked)),
        );
    };
    let count = |n: u64| fmt.count(n);
    let month_name = |m: &str| fmt.month(m);
    let f = summary::Formatters {
        count: &count,
        month: &month_name,
    };
    let id: AttrValue = p.params.kind.id().into();
    let mut source = build::source(feed, month, lang);
    let mut notes: Vec<Html> = feed
        .warnings()
        .iter()
        .filter(|w| w.month == month.month)
        .map(|w| html! { { w.message(lang) } })
        .collect();
    if let Some(n) = &month.notes {
        // A note only published in the other language is marked up as that language.
        let (l, text) = n.get_with_lang(lang);
        notes.push(html! { <span lang={l.tag()} dir={l.dir()}>{ text }</span> });
    }
    let not_published = || state("empty", s.section_not_published.to_owned());
    let subtitle = |m: &str| format!("{} · {}", fmt.month(m), s.documented_minimum);
    let label: AttrValue = s.widget_parties.into();
    // Each kind fills in the same parts; one Frame renders them (one expansion of the markup,
    // which keeps the wasm small).
    let (title, sub, summary, chart, table, csv, has_svg): (
        &str,
        String,
        String,
        Html,
        Html,
        String,
        bool,
    ) = match p.params.kind {
        WidgetKind::Glance => {
            let v = Rc::new(build::glance(feed, month));
            if v.torture_included == Some(false) {
                notes.push(html! { { s.torture_not_included } });
            }
            let stat = |k| glance::stat_label(s, k).to_owned();
            let prev = v.previous_month.as_deref().unwrap_or("");
            (
                s.widget_glance,
                subtitle(&v.month),
                summary::glance(&v, lang, &f),
                html! { <GlanceCards data={v.clone()} fmt={fmt} /> },
                glance::table(&v, &fmt),
                csv::glance(&v, &stat, [s.col_total, &v.month, prev]),
                false,
            )
        }
        WidgetKind::Parties => {
            let Some(v) = build::parties(feed, month, lang) else {
                return not_published();
            };
            let v = Rc::new(v);
            (
                s.widget_parties,
                subtitle(&v.month),
                summary::parties(&v, lang, &f),
                html! { <PartiesChart id={id.clone()} data={v.clone()} fmt={fmt} colors={colors} width={p.width} label={label} /> },
                parties::table(&v, &fmt),
                csv::parties(
                    &v,
                    [s.col_party, s.col_total, s.stat_children, s.stat_women],
                ),
                true,
            )
        }
        WidgetKind::Governorates => {
            let Some(v) = build::governorates(month, lang) else {
                return not_published();
            };
            let v = Rc::new(v);
            let named = format!(
                "{} {} / {}",
                s.gov_named,
                fmt.count(v.named as u64),
                fmt.count(14)
            );
            notes.insert(0, html! { { named } });
            notes.push(html! { { s.credit_places } });
            (
                s.widget_governorates,
                subtitle(&v.month),
                summary::governorates(&v, lang, &f),
                html! { <GovChart id={id.clone()} data={v.clone()} fmt={fmt} colors={colors} width={p.width} label={s.widget_governorates} /> },
                governorates::table(&v, &fmt),
                csv::governorates(&v, [s.col_governorate, "pcode", s.col_total, s.col_share]),
                true,
            )
        }
        kind => {
            let range = p.params.range;
            let (title, style, data): (&str, Style, TimeSeries) = match kind {
                WidgetKind::Trend => (
                    s.widget_trend,
                    Style::Lines,
                    build::trend(
                        feed,
                        range,
                        [s.stat_civilians, s.stat_children, s.stat_women],
                    ),
                ),
                WidgetKind::Torture => (
                    s.widget_torture,
                    Style::Bars,
                    build::torture(feed, range, s.stat_torture, lang),
                ),
                _ => (
                    s.widget_massacres,
                    Style::Bars,
                    build::massacres(feed, range, [s.stat_massacres, s.stat_civilians]),
                ),
            };
            let Some(last) = data.months.last().cloned() else {
                return not_published();
            };
            source.month = last;
            // Month notes belong to single-month widgets; a series shows only its own figures.
            notes.clear();
            let data = Rc::new(data);
            (
                title,
                format!(
                    "{} – {}",
                    fmt.month(&data.months[0]),
                    fmt.month(&source.month)
                ),
                summary::series(title, &data, lang, &f),
                html! { <SeriesChart id={id.clone()} data={data.clone()} style={style} fmt={fmt} colors={colors} width={p.width} not_published={s.not_published} label={title} /> },
                series_table(&data, &fmt),
                csv::series(&data, s.col_month),
                true,
            )
        }
    };
    html! {
        <Frame {id} {fmt} title={title} subtitle={Some(AttrValue::from(sub))} summary={summary}
            source={Rc::new(source)} {chart} {table} csv={Rc::new(csv)} {has_svg} {notes} />
    }
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
