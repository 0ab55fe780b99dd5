//! Deaths by governorate for one month: a tile map (one equal square per governorate, placed
//! from its centroid) shaded by count or share, plus the ranked list. Governorates the month did
//! not name are drawn hatched and say "not named": absent is not zero.

use super::frame::{data_table, Row};
use super::marks::{ChartSvg, Drawn};
use crate::format::Fmt;
use crate::i18n::{chart_words, strings};
use sijil_core::chart::draw::tilemap::draw;
use sijil_core::chart::theme::Colors;
use sijil_core::views::{GovRow, Governorates};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GovChartProps {
    pub id: AttrValue,
    pub data: Rc<Governorates>,
    pub fmt: Fmt,
    pub colors: Colors,
    pub width: f64,
    pub label: AttrValue,
    /// Shade by share (percent of the month's total) instead of count.
    #[prop_or_default]
    pub by_share: bool,
}

#[component]
pub fn GovChart(p: &GovChartProps) -> Html {
    let deps = (
        p.data.clone(),
        p.by_share,
        p.width,
        p.colors,
        p.fmt,
        p.id.clone(),
    );
    let drawn = use_memo(deps, |(data, by_share, width, colors, fmt, id)| {
        let words = chart_words(fmt.lang);
        Drawn::new(draw(
            data,
            *by_share,
            *width,
            &format!("{id}-m"),
            &words,
            colors,
            fmt,
        ))
    });
    // Tiles are ranked; arrow keys go down the ranking in the reading direction, as on the
    // other charts (ArrowLeft goes forwards in Arabic).
    let rtl = p.fmt.lang.dir() == "rtl";
    html! { <ChartSvg id={p.id.clone()} label={p.label.clone()} {drawn} {rtl} guide_colour={p.colors.muted} /> }
}

/// The ranked list / table: governorate, count, share; not-named governorates last.
pub fn table(d: &Governorates, fmt: &Fmt) -> Html {
    let s = strings(fmt.lang);
    let mut rows: Vec<&GovRow> = d.rows.iter().collect();
    sijil_core::sort::sort_by(&mut rows, &|a, b| {
        b.total.cmp(&a.total).then(
            b.share
                .partial_cmp(&a.share)
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
    let cell = |v: Option<String>, approx: bool| match v {
        Some(v) if approx => format!("{v} ({})", s.approx),
        Some(v) => v,
        None => s.gov_not_named.to_owned(),
    };
    let head = [s.col_governorate, s.col_total, s.col_share]
        .map(str::to_owned)
        .to_vec();
    let rows = rows
        .iter()
        .map(|r| Row {
            head: r.name.clone(),
            cells: vec![
                cell(r.total.map(|t| fmt.count(t)), r.approximate),
                cell(r.share.map(|x| fmt.percent(x)), r.approximate),
            ],
            sub: false,
        })
        .collect();
    data_table(head, rows)
}
