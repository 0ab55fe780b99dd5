//! Monthly series: the trend lines (civilians, children, women) and the bar charts of torture
//! deaths and massacres. One mark per month, reachable by keyboard; unpublished months are gaps.

use super::marks::{use_marks, Tip};
use super::theme::{Colors, DASHES};
use crate::format::Fmt;
use sijil_core::chart::nice_ticks;
use sijil_core::chart::num::px;
use sijil_core::chart::series::{bar_layout, line_segments, path_data};
use sijil_core::views::TimeSeries;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Style {
    Lines,
    /// Bars of the first series; the others are listed in the tooltip and the table.
    Bars,
}

#[derive(Properties, PartialEq)]
pub struct SeriesChartProps {
    pub id: AttrValue,
    pub data: Rc<TimeSeries>,
    pub style: Style,
    pub fmt: Fmt,
    pub colors: Colors,
    pub width: f64,
    pub not_published: AttrValue,
    /// Accessible name of the chart (its title).
    pub label: AttrValue,
}

const HEIGHT: f64 = 260.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;
const AXIS: f64 = 48.0;
const END: f64 = 12.0;

#[component]
pub fn SeriesChart(p: &SeriesChartProps) -> Html {
    let n = p.data.months.len();
    let rtl = p.fmt.lang.dir() == "rtl";
    let marks = use_marks(&format!("{}-m", p.id), n, rtl);
    let c = p.colors;
    let w = p.width.max(240.0);
    let plot_w = w - AXIS - END;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = match p.style {
        Style::Lines => p.data.max(),
        Style::Bars => p
            .data
            .series
            .first()
            .and_then(|s| s.values.iter().flatten().max().copied())
            .unwrap_or(0),
    };
    let ticks = nice_ticks(max, 4);
    let top = *ticks.last().unwrap_or(&1);
    // Plot origin: the value axis sits at the reading start (left in English, right in Arabic).
    let x0 = if rtl { END } else { AXIS };
    let mx = |x: f64| if rtl { x0 + plot_w - x } else { x0 + x };
    let y = |v: f64| TOP + plot_h - v / top as f64 * plot_h;
    let band = plot_w / n.max(1) as f64;

    let grid = ticks.iter().map(|t| {
        let yy = y(*t as f64);
        // The SVG is laid out left-to-right (direction="ltr") and mirrored by hand, so anchors
        // are physical: labels sit outside the plot on the reading-start side.
        let (lx, anchor) = if rtl { (x0 + plot_w + 6.0, "start") } else { (AXIS - 6.0, "end") };
        html! {
            <g>
                <line x1={px(x0)} x2={px(x0 + plot_w)} y1={px(yy)} y2={px(yy)} stroke={c.grid} stroke-width="1" />
                <text x={px(lx)} y={px(yy + 4.0)} text-anchor={anchor} fill={c.muted} font-size="12">{ p.fmt.count(*t) }</text>
            </g>
        }
    });

    // Month labels when they fit (about 56 px each); otherwise one label per January, as a year.
    let k = ((56.0 / band).ceil() as usize).max(1);
    let yearly = k > 3;
    let year_step = ((40.0 / (band * 12.0)).ceil() as usize).max(1);
    let xlabels = p.data.months.iter().enumerate().filter_map(|(i, m)| {
        let text = if yearly {
            let year: usize = m[..4].parse().ok()?;
            (m.ends_with("-01") && year % year_step == 0).then(|| p.fmt.plain(&m[..4]))?
        } else if i % k == 0 {
            p.fmt.month_short(m)
        } else {
            return None;
        };
        let cx = mx((i as f64 + 0.5) * band);
        Some(html! { <text x={px(cx)} y={px(HEIGHT - 10.0)} text-anchor="middle" fill={c.muted} font-size="12">{ text }</text> })
    });

    let body = match p.style {
        Style::Lines => {
            let paths = p.data.series.iter().enumerate().flat_map(|(si, s)| {
                let colour = c.series(s.colour);
                line_segments(&s.values, plot_w, plot_h, top).into_iter().map(move |seg| {
                    let pts: Vec<_> = seg.iter().map(|pt| sijil_core::chart::Point { x: mx(pt.x), y: pt.y + TOP, ..*pt }).collect();
                    if pts.len() == 1 {
                        html! { <circle cx={px(pts[0].x)} cy={px(pts[0].y)} r="3" fill={colour} /> }
                    } else {
                        html! { <path d={path_data(&pts)} fill="none" stroke={colour} stroke-width="2.5" stroke-dasharray={DASHES[si % DASHES.len()]} stroke-linejoin="round" /> }
                    }
                }).collect::<Vec<_>>()
            });
            html! { <g>{ for paths }</g> }
        }
        Style::Bars => {
            let values = p
                .data
                .series
                .first()
                .map(|s| s.values.clone())
                .unwrap_or_default();
            let colour = c.series(p.data.series.first().map(|s| s.colour).unwrap_or(0));
            let bars = bar_layout(&values, plot_w, 0.2, plot_h, top).into_iter().map(|b| {
                let x = if rtl { x0 + plot_w - b.band_start - b.band_width } else { x0 + b.band_start };
                html! { <rect x={px(x)} y={px(TOP + plot_h - b.length)} width={px(b.band_width)} height={px(b.length.max(0.0))} fill={colour} /> }
            });
            html! { <g>{ for bars }</g> }
        }
    };

    let sep = if rtl { "، " } else { ", " };
    let value = |s: &sijil_core::views::Series, i: usize| {
        s.values
            .get(i)
            .copied()
            .flatten()
            .map(|v| p.fmt.count(v))
            .unwrap_or_else(|| p.not_published.to_string())
    };
    let label = |i: usize| -> String {
        let parts: Vec<String> = p
            .data
            .series
            .iter()
            .map(|s| format!("{}: {}", s.name, value(s, i)))
            .collect();
        format!("{} — {}", p.fmt.month(&p.data.months[i]), parts.join(sep))
    };

    let bands = (0..n).map(|i| {
        let x = mx((i as f64 + if rtl { 1.0 } else { 0.0 }) * band);
        html! {
            <rect id={marks.id(i)} class="mark band" x={px(x)} y={px(TOP)} width={px(band)} height={px(plot_h)}
                fill="transparent" tabindex={marks.tabindex(i)} role="img" aria-label={label(i)} data-i={i.to_string()} />
        }
    });
    let active_line = marks.state.tip.map(|i| {
        let cx = mx((i as f64 + 0.5) * band);
        html! { <line x1={px(cx)} x2={px(cx)} y1={px(TOP)} y2={px(TOP + plot_h)} stroke={c.muted} stroke-width="1" /> }
    });
    let tip = marks.state.tip.filter(|i| *i < n).map(|i| {
        let cx = mx((i as f64 + 0.5) * band);
        let peak = p
            .data
            .series
            .iter()
            .filter_map(|s| s.values.get(i).copied().flatten())
            .max()
            .unwrap_or(0);
        let mut lines = vec![p.fmt.month(&p.data.months[i])];
        lines.extend(
            p.data
                .series
                .iter()
                .map(|s| format!("{}: {}", s.name, value(s, i))),
        );
        html! { <Tip x={cx} y={y(peak as f64).max(TOP)} width={w} {lines} /> }
    });
    let legend = (p.style == Style::Lines && p.data.series.len() > 1).then(|| html! {
        <ul class="legend">
            { for p.data.series.iter().enumerate().map(|(si, s)| html! {
                <li>
                    <svg width="28" height="10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" stroke={c.series(s.colour)} stroke-width="3" stroke-dasharray={DASHES[si % DASHES.len()]} /></svg>
                    { &s.name }
                </li>
            }) }
        </ul>
    });
    html! {
        <div class="chart" onmouseleave={marks.dismiss()} onclick={marks.dismiss()}>
            { legend.unwrap_or_default() }
            <svg id={format!("{}-svg", p.id)} width={px(w)} height={px(HEIGHT)} viewBox={format!("0 0 {} {}", px(w), px(HEIGHT))}
                 role="group" aria-label={p.label.clone()} onkeydown={marks.onkeydown()}
                 onfocusin={marks.on_focusin()} onmouseover={marks.on_over()} onclick={marks.on_tap()} font-family="system-ui, sans-serif" direction="ltr">
                <g>{ for grid }</g>
                { body }
                { active_line.unwrap_or_default() }
                <g>{ for xlabels }</g>
                <g>{ for bands }</g>
            </svg>
            { tip.unwrap_or_default() }
        </div>
    }
}
