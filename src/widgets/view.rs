//! One widget for one feed: picks the month or range from the parameters, builds the view model
//! in the core, and renders it inside the shared [`Frame`]. Also the "month not found" and
//! "section not published" states.

use super::frame::Frame;
use super::glance::{self, GlanceCards};
use super::governorates::{self, GovChart};
use super::parties::{self, PartiesChart};
use super::theme::Colors;
use super::timeseries::{SeriesChart, Style};
use crate::browser;
use crate::format::Fmt;
use crate::i18n::strings;
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
    let subtitle = |m: &str| {
        Some(AttrValue::from(format!(
            "{} · {}",
            fmt.month(m),
            s.documented_minimum
        )))
    };
    match p.params.kind {
        WidgetKind::Glance => {
            let v = Rc::new(build::glance(feed, month));
            if v.torture_included == Some(false) {
                notes.push(html! { { s.torture_not_included } });
            }
            let label = |k| glance::stat_label(s, k).to_owned();
            html! {
                <Frame id={id} fmt={fmt} title={s.widget_glance} subtitle={subtitle(&v.month)}
                    summary={summary::glance(&v, lang, &f)} source={Rc::new(source)}
                    chart={html! { <GlanceCards data={v.clone()} fmt={fmt} /> }}
                    table={glance::table(&v, &fmt)} has_svg={false}
                    csv={Rc::new(csv::glance(&v, &label, [s.col_total, &v.month, v.previous_month.as_deref().unwrap_or("")]))}
                    {notes} />
            }
        }
        WidgetKind::Parties => {
            let Some(v) = build::parties(feed, month, lang) else {
                return not_published();
            };
            let v = Rc::new(v);
            html! {
                <Frame id={id.clone()} fmt={fmt} title={s.widget_parties} subtitle={subtitle(&v.month)}
                    summary={summary::parties(&v, lang, &f)} source={Rc::new(source)}
                    chart={html! { <PartiesChart id={id} data={v.clone()} fmt={fmt} colors={colors} width={p.width} label={s.widget_parties} /> }}
                    table={parties::table(&v, &fmt)}
                    csv={Rc::new(csv::parties(&v, [s.col_party, s.col_total, s.stat_children, s.stat_women]))}
                    {notes} />
            }
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
            html! {
                <Frame id={id.clone()} fmt={fmt} title={s.widget_governorates} subtitle={subtitle(&v.month)}
                    summary={summary::governorates(&v, lang, &f)} source={Rc::new(source)}
                    chart={html! { <GovChart id={id} data={v.clone()} fmt={fmt} colors={colors} width={p.width} label={s.widget_governorates} /> }}
                    table={governorates::table(&v, &fmt)}
                    csv={Rc::new(csv::governorates(&v, [s.col_governorate, "pcode", s.col_total, s.col_share]))}
                    {notes} />
            }
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
            if data.months.is_empty() {
                return not_published();
            }
            if let Some(last) = data.months.last() {
                source.month = last.clone();
            }
            let sub = format!(
                "{} – {}",
                fmt.month(&data.months[0]),
                fmt.month(&source.month)
            );
            let data = Rc::new(data);
            html! {
                <Frame id={id.clone()} fmt={fmt} title={title} subtitle={Some(AttrValue::from(sub))}
                    summary={summary::series(title, &data, lang, &f)} source={Rc::new(source)}
                    chart={html! { <SeriesChart id={id} data={data.clone()} style={style} fmt={fmt} colors={colors} width={p.width} not_published={s.not_published} label={title} /> }}
                    table={series_table(&data, &fmt)}
                    csv={Rc::new(csv::series(&data, s.col_month))} />
            }
        }
    }
}

fn series_table(d: &TimeSeries, fmt: &Fmt) -> Html {
    let s = strings(fmt.lang);
    html! {
        <table>
            <thead><tr>
                <th scope="col">{ s.col_month }</th>
                { for d.series.iter().map(|x| html! { <th scope="col">{ &x.name }</th> }) }
            </tr></thead>
            <tbody>
                { for d.months.iter().enumerate().map(|(i, m)| html! {
                    <tr>
                        <th scope="row">{ fmt.month(m) }</th>
                        { for d.series.iter().map(|x| html! {
                            <td>{ x.values[i].map(|v| fmt.count(v)).unwrap_or_else(|| s.not_published.to_owned()) }</td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
