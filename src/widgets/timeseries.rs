//! Monthly series: the trend lines (civilians, children, women) and the bar charts of torture
//! deaths and massacres, drawn by the core ([`sijil_core::chart::draw::series`]) and mounted
//! with keyboard and pointer access by [`ChartSvg`].

use super::marks::{ChartSvg, Drawn};
use crate::format::Fmt;
use crate::i18n::chart_words;
use sijil_core::chart::draw::series::{draw, Style};
use sijil_core::chart::theme::Colors;
use sijil_core::views::TimeSeries;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeriesChartProps {
    pub id: AttrValue,
    pub data: Rc<TimeSeries>,
    pub style: Style,
    pub fmt: Fmt,
    pub colors: Colors,
    pub width: f64,
    /// Accessible name of the chart (its title).
    pub label: AttrValue,
}

#[component]
pub fn SeriesChart(p: &SeriesChartProps) -> Html {
    // Drawn once per data, size, theme and language; a tooltip moving does not redraw.
    let deps = (p.data.clone(), p.style, p.width, p.colors, p.fmt);
    let drawn = use_memo(deps, |(data, style, width, colors, fmt)| {
        Drawn::new(draw(
            data,
            *style,
            *width,
            &chart_words(fmt.lang),
            colors,
            fmt,
        ))
    });
    let rtl = p.fmt.lang.dir() == "rtl";
    let legend = match p.style {
        Style::Lines if p.data.series.len() > 1 => Some(legend(&p.data, &p.colors)),
        Style::Bars => Some(bars_legend(&p.data, &p.colors, p.fmt)),
        Style::Lines => None,
    };
    html! {
        <ChartSvg id={p.id.clone()} label={p.label.clone()} {drawn} {rtl} guide_colour={p.colors.muted}>
            { legend.unwrap_or_default() }
        </ChartSvg>
    }
}

/// A bar chart's legend line: its bars, what a published 0 looks like, and the grey tick of an
/// unpublished month (only when the range has one), drawn as the chart draws them.
fn bars_legend(d: &TimeSeries, c: &Colors, fmt: Fmt) -> Html {
    let s = crate::i18n::strings(fmt.lang);
    let Some(first) = d.series.first() else {
        return Html::default();
    };
    let colour = c.series(first.colour);
    let gaps = first.values.contains(&None);
    html! {
        <ul class="legend">
            <li><svg width="14" height="12" aria-hidden="true"><rect x="1" y="0" width="12" height="12" fill={colour} /></svg>{ &first.name }</li>
            <li><svg width="14" height="12" aria-hidden="true"><line x1="0" x2="14" y1="11.5" y2="11.5" stroke={c.grid} /><rect x="1" y="9.5" width="12" height="1.5" fill={colour} /></svg>{ s.legend_zero }</li>
            if gaps {
                <li><svg width="14" height="12" aria-hidden="true"><line x1="0" x2="14" y1="3" y2="3" stroke={c.grid} /><rect x="1" y="6" width="12" height="5" fill={c.muted} /></svg>{ s.legend_gap }</li>
            }
        </ul>
    }
}

/// Which line is which, by colour and dash pattern, for the trend chart.
fn legend(d: &TimeSeries, c: &Colors) -> Html {
    use sijil_core::chart::theme::DASHES;
    html! {
        <ul class="legend">
            { for d.series.iter().enumerate().map(|(si, s)| html! {
                <li>
                    <svg width="28" height="10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" stroke={c.series(s.colour)} stroke-width="3" stroke-dasharray={DASHES[si % DASHES.len()]} /></svg>
                    { &s.name }
                </li>
            }) }
        </ul>
    }
}
