//! Monthly series: the trend lines (civilians, children, women) and the bar charts of torture
//! deaths and massacres, drawn by the core ([`sijil_core::chart::draw::series`]) and mounted
//! with keyboard and pointer access by [`ChartSvg`].

use super::marks::{ChartSvg, Drawn};
use crate::format::Fmt;
use crate::i18n::{chart_words, series_strings};
use sijil_core::chart::draw::series::{bars_legend, draw, Style};
use sijil_core::chart::draw::Words;
use sijil_core::chart::theme::Colors;
use sijil_core::views::TimeSeries;
use std::rc::Rc;
use yew::prelude::*;

/// A series shared with the chart, equal only to itself: a widget builds it once per render
/// that changes what it shows, and comparing 180 months field by field would cost the page's
/// wasm more than drawing a chart again the rare time two ranges have the same months.
#[derive(Clone)]
pub struct Series(pub Rc<TimeSeries>);

impl PartialEq for Series {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct SeriesChartProps {
    pub id: AttrValue,
    pub data: Series,
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
    let drawn = use_memo(deps, |(Series(data), style, width, colors, fmt)| {
        let ss = series_strings(fmt.lang);
        let words = Words {
            torture_included_from: ss.torture_included_from,
            torture_added_from: ss.torture_added_from,
            ..chart_words(fmt.lang)
        };
        Drawn::new(draw(data, *style, *width, &words, colors, fmt))
    });
    let rtl = p.fmt.lang.dir() == "rtl";
    let data = &p.data.0;
    let legend = match p.style {
        Style::Lines if data.series.len() > 1 => Some(legend(data, &p.colors)),
        Style::Bars => {
            let s = series_strings(p.fmt.lang);
            let legend = bars_legend(data, s.legend_zero, s.legend_gap, &p.colors);
            Some(Html::from_html_unchecked(legend.into()))
        }
        Style::Lines => None,
    };
    html! {
        <ChartSvg id={p.id.clone()} label={p.label.clone()} {drawn} {rtl} guide_colour={p.colors.muted}>
            { legend.unwrap_or_default() }
        </ChartSvg>
    }
}

/// Which line is which, by colour and dash pattern, for the trend chart. Written as one
/// escaped string, as the bar charts' legend is (a Yew `html!` of it cost the page's wasm more).
fn legend(d: &TimeSeries, c: &Colors) -> Html {
    use sijil_core::chart::theme::DASHES;
    use sijil_core::markup::Markup;
    let mut m = Markup::with_capacity(400);
    m.tag("ul").fixed("class=\"legend\"").open();
    for (si, s) in d.series.iter().enumerate() {
        m.tag("li").open().tag("svg");
        m.fixed("width=\"28\" height=\"10\" aria-hidden=\"true\"")
            .open();
        m.tag("line")
            .fixed("x1=\"1\" x2=\"27\" y1=\"5\" y2=\"5\" stroke-width=\"3\"");
        m.attr("stroke", c.series(s.colour));
        let dash = DASHES[si % DASHES.len()];
        if !dash.is_empty() {
            m.attr("stroke-dasharray", dash);
        }
        m.empty().close("svg").text(&s.name).close("li");
    }
    m.close("ul");
    Html::from_html_unchecked(m.into_string().into())
}
