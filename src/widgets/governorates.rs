//! Deaths by governorate for one month: a tile map (one equal square per governorate, placed
//! from its centroid) shaded by count, or by share when the month gives shares (the core
//! decides, the map's legend says which), plus the ranked list. Governorates the month did not
//! name are drawn hatched and say "not named"; a named governorate's missing count or share says
//! "not published": absent is not zero.

use super::frame::{data_table, Row};
use super::marks::{ChartSvg, Drawn};
use crate::format::Fmt;
use crate::i18n::{chart_words, map_strings, strings};
use sijil_core::chart::draw::tilemap::draw;
use sijil_core::chart::draw::Words;
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
}

#[component]
pub fn GovChart(p: &GovChartProps) -> Html {
    let deps = (p.data.clone(), p.width, p.colors, p.fmt, p.id.clone());
    let drawn = use_memo(deps, |(data, width, colors, fmt, id)| {
        let words = map_words(fmt.lang);
        Drawn::new(draw(data, *width, &format!("{id}-m"), &words, colors, fmt))
    });
    // Tiles are ranked; arrow keys go down the ranking in the reading direction, as on the
    // other charts (ArrowLeft goes forwards in Arabic).
    let rtl = p.fmt.lang.dir() == "rtl";
    html! { <ChartSvg id={p.id.clone()} label={p.label.clone()} {drawn} {rtl} guide_colour={p.colors.muted} /> }
}

/// The words the tile map writes (on screen and in the exported picture).
pub fn map_words(lang: sijil_core::lang::Lang) -> Words<'static> {
    let m = map_strings(lang);
    Words {
        shade_count: m.shade_count,
        shade_share: m.shade_share,
        not_named: m.gov_not_named,
        ..chart_words(lang)
    }
}

/// The ranked list / table: governorate, count, share (and the massacres listed, when the month
/// lists them); ranked by the figure the map is shaded
/// by, not-named governorates last. A named governorate's missing figure is "not published".
pub fn table(d: &Governorates, fmt: &Fmt) -> Html {
    let (s, m) = (strings(fmt.lang), map_strings(fmt.lang));
    let rows: Vec<&GovRow> = sijil_core::chart::draw::tilemap::order(d)
        .into_iter()
        .map(|i| &d.rows[i])
        .collect();
    let cell = |v: Option<String>, r: &GovRow| match v {
        Some(v) if r.approximate => format!("{v} ({})", m.approx),
        Some(v) => v,
        None if r.named() => s.not_published.to_owned(),
        None => m.gov_not_named.to_owned(),
    };
    let mut head = [m.col_governorate, s.col_total, m.col_share]
        .map(str::to_owned)
        .to_vec();
    // The month's massacres listed in each governorate, when it lists them (the map's dots).
    let massacres = d.unplaced.is_some();
    if massacres {
        head.push(
            sijil_core::views::incidents::MapSaid::get(fmt.lang)
                .mark
                .to_owned(),
        );
    }
    let rows = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                cell(r.total.map(|t| fmt.count(t)), r),
                cell(r.share.map(|x| fmt.percent(x)), r),
            ];
            if massacres {
                cells.push(fmt.count(r.massacres.into()));
            }
            Row {
                head: r.name.clone(),
                cells,
                sub: false,
            }
        })
        .collect();
    data_table(head, rows)
}
