//! Deaths by governorate for one month: a tile map (one equal square per governorate, placed
//! from its centroid) shaded by count or share, plus the ranked list. Governorates the month did
//! not name are drawn hatched and say "not named": absent is not zero.

use super::frame::{data_table, Row};
use super::marks::{use_marks, Tip};
use super::theme::Colors;
use crate::format::Fmt;
use crate::i18n::strings;
use sijil_core::chart::num::px;
use sijil_core::chart::palette::luminance;
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

/// Sequential blues from light to dark; tiles carry a dark outline so even the lightest tile
/// keeps 3:1 contrast with the page.
fn shade(t: f64) -> String {
    let lerp = |a: f64, b: f64| (a + (b - a) * t.clamp(0.0, 1.0)).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        lerp(222.0, 8.0),
        lerp(235.0, 48.0),
        lerp(247.0, 107.0)
    )
}

#[component]
pub fn GovChart(p: &GovChartProps) -> Html {
    let s = strings(p.fmt.lang);
    let d = &p.data;
    // Keyboard order follows the ranked list, biggest first, then those not named.
    let mut order: Vec<usize> = (0..d.rows.len()).collect();
    order.sort_by(|&a, &b| d.rows[b].total.cmp(&d.rows[a].total).then(a.cmp(&b)));
    let marks = use_marks(&format!("{}-m", p.id), order.len(), false);
    let c = p.colors;
    let w = p.width.clamp(240.0, 520.0);
    let gap = 4.0;
    let tile = ((w - gap) / d.cols as f64 - gap).floor();
    let h = d.rows_count as f64 * (tile + gap) + gap;
    let metric = |r: &GovRow| {
        if p.by_share {
            r.share
        } else {
            r.total.map(|t| t as f64)
        }
    };
    let max = d
        .rows
        .iter()
        .filter_map(metric)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let value_text = |r: &GovRow| -> String {
        let v = if p.by_share {
            r.share.map(|x| p.fmt.percent(x))
        } else {
            r.total.map(|t| p.fmt.count(t))
        };
        match v {
            Some(v) if r.approximate => format!("~{v}"),
            Some(v) => v,
            None => s.gov_not_named.to_owned(),
        }
    };
    let name_size = px((tile / 6.8).clamp(9.0, 12.0));
    let tiles = order.iter().enumerate().map(|(k, &i)| {
        let r = &d.rows[i];
        // Columns are west→east; the map is a map, so it is not mirrored in Arabic.
        let x = gap + r.col as f64 * (tile + gap);
        let y = gap + r.row as f64 * (tile + gap);
        let fill = metric(r).map(|v| shade(v / max));
        let text_fill = match &fill {
            Some(f) if luminance(f) < 0.25 => "#ffffff",
            Some(_) => "#1b1b1b",
            None => c.ink,
        };
        let label = format!("{}: {}", r.name, value_text(r));
        html! {
            <g id={marks.id(k)} class="mark" tabindex={marks.tabindex(k)} role="img" aria-label={label}
               data-i={k.to_string()}>
                <rect x={px(x)} y={px(y)} width={px(tile)} height={px(tile)} rx="4"
                      fill={fill.clone().unwrap_or_else(|| "url(#hatch)".into())} stroke={c.muted} stroke-width="1" />
                <text x={px(x + tile / 2.0)} y={px(y + tile / 2.0 - 2.0)} text-anchor="middle" fill={text_fill} font-size={name_size.clone()}>{ short(&r.name, tile) }</text>
                <text x={px(x + tile / 2.0)} y={px(y + tile / 2.0 + 13.0)} text-anchor="middle" fill={text_fill} font-size="12" font-weight="600">
                    { if fill.is_some() { value_text(r) } else { "–".into() } }
                </text>
            </g>
        }
    });
    let tip = marks.state.tip.and_then(|k| order.get(k)).map(|&i| {
        let r = &d.rows[i];
        let x = gap + r.col as f64 * (tile + gap) + tile / 2.0;
        let y = gap + r.row as f64 * (tile + gap) + tile * 0.8;
        let mut lines = vec![r.name.clone(), value_text(r)];
        if let (Some(sh), false) = (r.share, p.by_share) {
            lines.push(p.fmt.percent(sh));
        }
        html! { <Tip {x} {y} width={w} {lines} /> }
    });
    html! {
        <div class="chart tilemap" onmouseleave={marks.dismiss()} onclick={marks.dismiss()}>
            <svg id={format!("{}-svg", p.id)} width={px(w)} height={px(h)} viewBox={format!("0 0 {} {}", px(w), px(h))}
                 role="group" aria-label={p.label.clone()} onkeydown={marks.onkeydown()}
                 onfocusin={marks.on_focusin()} onmouseover={marks.on_over()} onclick={marks.on_tap()} font-family="system-ui, sans-serif" direction="ltr">
                <defs>
                    <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" fill={c.bg} />
                        <line x1="0" y1="0" x2="0" y2="6" stroke={c.grid} stroke-width="2" />
                    </pattern>
                </defs>
                { for tiles }
            </svg>
            { tip.unwrap_or_default() }
        </div>
    }
}

/// Names longer than the tile fits (about one character per 6 px) are cut with an ellipsis;
/// the full name is in the mark's label, the tooltip and the table.
fn short(name: &str, tile: f64) -> String {
    let fits = ((tile - 6.0) / 6.0).max(4.0) as usize;
    if name.chars().count() <= fits {
        return name.to_owned();
    }
    let cut: String = name.chars().take(fits - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The ranked list / table: governorate, count, share; not-named governorates last.
pub fn table(d: &Governorates, fmt: &Fmt) -> Html {
    let s = strings(fmt.lang);
    let mut rows: Vec<&GovRow> = d.rows.iter().collect();
    rows.sort_by(|a, b| {
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
