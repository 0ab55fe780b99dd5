//! Deaths by perpetrator for one month: parties ranked by total as labelled horizontal bars,
//! with parent parties ("other parties") expandable into their sub-lines, and the children /
//! women split written next to each bar where the month published it.

use super::frame::{data_table, Row};
use super::marks::use_marks;
use super::theme::Colors;
use crate::format::Fmt;
use crate::i18n::strings;
use sijil_core::chart::num::px;
use sijil_core::chart::LinearScale;
use sijil_core::views::{Parties, PartyRow};
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PartiesChartProps {
    pub id: AttrValue,
    pub data: Rc<Parties>,
    pub fmt: Fmt,
    pub colors: Colors,
    pub width: f64,
    pub label: AttrValue,
}

const ROW: f64 = 46.0;

/// One visible row: a top-level party or, when its parent is expanded, a sub-party.
struct Line<'a> {
    row: &'a PartyRow,
    depth: u8,
}

#[component]
pub fn PartiesChart(p: &PartiesChartProps) -> Html {
    let s = strings(p.fmt.lang);
    let expanded = use_state(HashSet::<String>::new);
    let lines: Vec<Line> = p
        .data
        .rows
        .iter()
        .flat_map(|r| {
            let open = expanded.contains(&r.id);
            std::iter::once(Line { row: r, depth: 0 }).chain(
                r.sub
                    .iter()
                    .filter(move |_| open)
                    .map(|c| Line { row: c, depth: 1 }),
            )
        })
        .collect();
    let rtl = p.fmt.lang.dir() == "rtl";
    let marks = use_marks(&format!("{}-m", p.id), lines.len(), false);
    let c = p.colors;
    let w = p.width.max(240.0);
    let h = ROW * lines.len() as f64 + 8.0;
    let max = p
        .data
        .rows
        .iter()
        .filter_map(|r| r.total)
        .max()
        .unwrap_or(0);
    // Leave room after the longest bar for its number.
    let scale = LinearScale::new(max as f64, 0.0, w - 16.0 - 70.0);
    let split = |r: &PartyRow| -> String {
        let mut parts = Vec::new();
        if let Some(ch) = r.children {
            parts.push(format!("{} {}", s.stat_children, p.fmt.count(ch)));
        }
        if let Some(wo) = r.women {
            parts.push(format!("{} {}", s.stat_women, p.fmt.count(wo)));
        }
        parts.join(if rtl { "، " } else { ", " })
    };
    let label = |r: &PartyRow| -> String {
        let total = r
            .total
            .map(|t| p.fmt.count(t))
            .unwrap_or_else(|| s.not_published.to_owned());
        let sp = split(r);
        if sp.is_empty() {
            format!("{}: {total}", r.name)
        } else {
            format!("{}: {total} ({sp})", r.name)
        }
    };
    let rows = lines.iter().enumerate().map(|(i, line)| {
        let r = line.row;
        let y0 = 4.0 + i as f64 * ROW;
        let indent = if line.depth > 0 { 16.0 } else { 0.0 };
        let len = r.total.map(|t| scale.map(t as f64)).unwrap_or(0.0);
        let (bar_x, text_x, anchor) = if rtl {
            (w - indent - len, w - indent, "end")
        } else {
            (indent, indent, "start")
        };
        let value_x = if rtl { bar_x - 6.0 } else { bar_x + len + 6.0 };
        let value_anchor = if rtl { "end" } else { "start" };
        let colour = c.series(r.colour);
        let value_text = r.total.map(|t| p.fmt.count(t)).unwrap_or_else(|| s.not_published.to_owned());
        let name_line = {
            let sp = split(r);
            if sp.is_empty() { r.name.clone() } else { format!("{} · {sp}", r.name) }
        };
        html! {
            <g id={marks.id(i)} class="mark" tabindex={marks.tabindex(i)} role="img" aria-label={label(r)}
               data-i={i.to_string()}>
                <rect x="0" y={px(y0)} width={px(w)} height={px(ROW - 2.0)} fill="transparent" />
                <text x={px(text_x)} y={px(y0 + 14.0)} text-anchor={anchor} fill={c.ink} font-size="13">{ name_line }</text>
                if r.total.is_some() {
                    <rect x={px(bar_x)} y={px(y0 + 20.0)} width={px(len.max(1.0))} height="18" fill={colour} />
                }
                <text x={px(value_x)} y={px(y0 + 34.0)} text-anchor={value_anchor} fill={c.ink} font-size="13" font-weight="600">{ value_text }</text>
            </g>
        }
    });
    let toggles = p.data.rows.iter().filter(|r| !r.sub.is_empty()).map(|r| {
        let open = expanded.contains(&r.id);
        let onclick = {
            let (expanded, id) = (expanded.clone(), r.id.clone());
            Callback::from(move |_| {
                let mut set = (*expanded).clone();
                if !set.remove(&id) {
                    set.insert(id.clone());
                }
                expanded.set(set);
            })
        };
        html! {
            <button type="button" class="toggle" aria-expanded={open.to_string()} {onclick}>
                { if open { s.other_parties_hide } else { s.other_parties_show } }{": "}{ &r.name }
            </button>
        }
    });
    html! {
        <div class="chart">
            <div class="widget-tools">{ for toggles }</div>
            <svg id={format!("{}-svg", p.id)} width={px(w)} height={px(h)} viewBox={format!("0 0 {} {}", px(w), px(h))}
                 role="group" aria-label={p.label.clone()} onkeydown={marks.onkeydown()}
                 onfocusin={marks.on_focusin()} onmouseover={marks.on_over()} onclick={marks.on_tap()} font-family="system-ui, sans-serif" direction="ltr">
                { for rows }
            </svg>
        </div>
    }
}

/// The same numbers as a table: party, total, children, women.
pub fn table(data: &Parties, fmt: &Fmt) -> Html {
    let s = strings(fmt.lang);
    let cell = |v: Option<u64>| {
        v.map(|n| fmt.count(n))
            .unwrap_or_else(|| s.not_published.to_owned())
    };
    let row = |r: &PartyRow, sub: bool| Row {
        head: r.name.clone(),
        cells: vec![cell(r.total), cell(r.children), cell(r.women)],
        sub,
    };
    let head = [s.col_party, s.col_total, s.stat_children, s.stat_women]
        .map(str::to_owned)
        .to_vec();
    let rows = data
        .rows
        .iter()
        .flat_map(|r| std::iter::once(row(r, false)).chain(r.sub.iter().map(move |c| row(c, true))))
        .collect();
    data_table(head, rows)
}
