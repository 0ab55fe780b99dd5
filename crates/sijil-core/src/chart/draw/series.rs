//! Monthly series: trend lines (civilians, children, women) or bars of the first series
//! (torture deaths, massacres), one keyboard mark per month. Unpublished months are gaps: a line
//! breaks around them. On a bar chart a real 0 and "not published" must not look alike: a
//! published 0 is a thin stub on the baseline in the series' colour (and any other value at
//! least 3 px, so a 1 never looks like a 0), an unpublished month a grey tick under the axis
//! ([`GAP_TICK`]); the widget's legend line says so. A definition break (torture deaths counted
//! within or in addition to the civilian total) is a dashed vertical rule before its month,
//! said in that month's label and tooltip too. The month bands' overlay comes in groups of
//! [`PART`] months.

use super::{mark, marks_group, overlay, sep, Drawing, Labels, Mark, Words, PART};
use crate::chart::scale::nice_ticks;
use crate::chart::series::{bar_layout, line_segments, path_data, Point};
use crate::chart::theme::{Colors, DASHES};
use crate::markup::Markup;
use crate::views::TimeSeries;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    Lines,
    /// Bars of the first series; the others are listed in the tooltip and the table.
    Bars,
}

pub const HEIGHT: f64 = 260.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;
const AXIS: f64 = 48.0;
const END: f64 = 12.0;
/// Height of a published 0 on a bar chart, and the least height of any other value.
pub const ZERO_STUB: f64 = 1.5;
const MIN_BAR: f64 = 3.0;
/// The mark of an unpublished month on a bar chart: a tick this far under the baseline, this
/// high, in the muted colour.
pub const GAP_TICK: (f64, f64) = (3.0, 5.0);

/// Draws `d` `width` pixels wide (at least 240).
pub fn draw(
    d: &TimeSeries,
    style: Style,
    width: f64,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) -> Drawing {
    let n = d.months.len();
    let rtl = l.rtl();
    let w = width.max(240.0);
    let plot_w = w - AXIS - END;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = match style {
        Style::Lines => d.max(),
        Style::Bars => d
            .series
            .first()
            .and_then(|s| s.values.iter().flatten().max().copied())
            .unwrap_or(0),
    };
    let ticks = nice_ticks(max, 4);
    let top = *ticks.last().unwrap_or(&1);
    // Plot origin: the value axis sits at the reading start (left in English, right in Arabic).
    // The SVG itself is laid out left to right and mirrored here, so anchors are physical.
    let x0 = if rtl { END } else { AXIS };
    let mx = |x: f64| if rtl { x0 + plot_w - x } else { x0 + x };
    let y = |v: f64| TOP + plot_h - v / top as f64 * plot_h;
    let band = plot_w / n.max(1) as f64;
    let mut svg = Markup::with_capacity(400 + n * 260);

    svg.tag("g").open();
    let (lx, anchor) = if rtl {
        (x0 + plot_w + 6.0, "start")
    } else {
        (AXIS - 6.0, "end")
    };
    for t in &ticks {
        let yy = y(*t as f64);
        svg.tag("line")
            .num("x1", x0)
            .num("x2", x0 + plot_w)
            .num("y1", yy)
            .num("y2", yy);
        svg.attr("stroke", c.grid)
            .fixed("stroke-width=\"1\"")
            .empty();
        svg.tag("text")
            .num("x", lx)
            .num("y", yy + 4.0)
            .attr("text-anchor", anchor);
        svg.attr("fill", c.muted).fixed("font-size=\"12\"").open();
        svg.text(&l.count(*t)).close("text");
    }
    svg.close("g");

    svg.tag("g").open();
    match style {
        Style::Lines => {
            for (si, s) in d.series.iter().enumerate() {
                let colour = c.series(s.colour);
                for seg in line_segments(&s.values, plot_w, plot_h, top) {
                    // Into the plot: mirrored in RTL, below the top margin.
                    let seg: Vec<Point> = seg
                        .iter()
                        .map(|p| Point {
                            x: mx(p.x),
                            y: p.y + TOP,
                            ..*p
                        })
                        .collect();
                    if let [only] = seg.as_slice() {
                        svg.tag("circle")
                            .num("cx", only.x)
                            .num("cy", only.y)
                            .fixed("r=\"3\"");
                        svg.attr("fill", colour).empty();
                        continue;
                    }
                    let path = path_data(&seg);
                    svg.tag("path").attr("d", &path).fixed("fill=\"none\"");
                    svg.attr("stroke", colour).fixed("stroke-width=\"2.5\"");
                    svg.attr("stroke-dasharray", DASHES[si % DASHES.len()]);
                    svg.fixed("stroke-linejoin=\"round\"").empty();
                }
            }
        }
        Style::Bars => {
            let first = d.series.first();
            let values = first.map(|s| s.values.as_slice()).unwrap_or_default();
            let colour = c.series(first.map(|s| s.colour).unwrap_or(0));
            // Bars and zero stubs in one path, unpublished ticks in another: a 180-month chart
            // stays three elements.
            let (mut bars, mut gaps) = (String::new(), String::new());
            let baseline = TOP + plot_h;
            for b in bar_layout(values, plot_w, 0.2, plot_h, top) {
                let x = if rtl {
                    x0 + plot_w - b.band_start - b.band_width
                } else {
                    x0 + b.band_start
                };
                let len = match b.value {
                    0 => ZERO_STUB,
                    _ => b.length.max(MIN_BAR),
                };
                rect_path(&mut bars, x, baseline - len, b.band_width, len);
            }
            let band_w = plot_w / n.max(1) as f64;
            for (i, v) in values.iter().enumerate() {
                if v.is_none() {
                    let x = mx(i as f64 * band_w + if rtl { band_w } else { 0.0 });
                    rect_path(
                        &mut gaps,
                        x + band_w * 0.1,
                        baseline + GAP_TICK.0,
                        band_w * 0.8,
                        GAP_TICK.1,
                    );
                }
            }
            if !bars.is_empty() {
                svg.tag("path")
                    .attr("d", &bars)
                    .attr("fill", colour)
                    .empty();
            }
            if !gaps.is_empty() {
                svg.tag("path")
                    .attr("d", &gaps)
                    .attr("fill", c.muted)
                    .fixed("data-gaps=\"\"")
                    .empty();
            }
        }
    }
    // Definition breaks: a dashed rule between the month before and the month of the change.
    for &(i, _) in &d.breaks {
        let x = mx(i as f64 * band);
        svg.tag("line")
            .num("x1", x)
            .num("x2", x)
            .num("y1", TOP - 4.0)
            .num("y2", TOP + plot_h);
        svg.attr("stroke", c.ink)
            .fixed("stroke-width=\"1.5\" stroke-dasharray=\"4 3\" data-break=\"\"")
            .empty();
    }
    svg.close("g");

    // Month labels when they fit (about 56 px each); otherwise one label per January, as a year.
    let k = ((56.0 / band).ceil() as usize).max(1);
    let yearly = k > 3;
    let year_step = ((40.0 / (band * 12.0)).ceil() as usize).max(1);
    svg.tag("g").open();
    for (i, m) in d.months.iter().enumerate() {
        let text = if yearly {
            let year = m.get(..4).and_then(|y| y.parse::<usize>().ok());
            match year {
                Some(year) if m.ends_with("-01") && year % year_step == 0 => l.digits(&m[..4]),
                _ => continue,
            }
        } else if i % k == 0 {
            l.month_short(m)
        } else {
            continue;
        };
        let cx = mx((i as f64 + 0.5) * band);
        svg.tag("text").num("x", cx).num("y", HEIGHT - 10.0);
        svg.fixed("text-anchor=\"middle\"").attr("fill", c.muted);
        svg.fixed("font-size=\"12\"")
            .open()
            .text(&text)
            .close("text");
    }
    svg.close("g");

    // The keyboard marks: one band per month, on top so they take the pointer. They paint
    // nothing but take the pointer over their whole area; the group says so once for all.
    let sep = sep(l);
    let mut marks = Vec::with_capacity(n);
    let mut over = overlay(n);
    for (i, m) in d.months.iter().enumerate() {
        // The tooltip's lines (month, then one per series) and the label saying the same in
        // one sentence, each written once into its own string.
        let month = l.month(m);
        let mut tip = String::with_capacity(month.len() + d.series.len() * 24);
        let mut label = String::with_capacity(tip.capacity() + 8);
        tip.push_str(&month);
        label.push_str(&month);
        let mut peak = 0;
        for (si, s) in d.series.iter().enumerate() {
            let v = s.values.get(i).copied().flatten();
            peak = peak.max(v.unwrap_or(0));
            let value = v.map(|v| l.count(v));
            let value = value.as_deref().unwrap_or(words.not_published);
            for (out, between) in [
                (&mut tip, "\n"),
                (&mut label, if si == 0 { " — " } else { sep }),
            ] {
                out.push_str(between);
                out.push_str(&s.name);
                out.push_str(": ");
                out.push_str(value);
            }
        }
        if let Some(&(_, included)) = d.breaks.iter().find(|b| b.0 == i) {
            let said = if included {
                words.torture_included_from
            } else {
                words.torture_added_from
            };
            tip.push('\n');
            tip.push_str(said);
            label.push_str(" — ");
            label.push_str(said);
        }
        // A group per PART months, each mounted by the app in a task of its own.
        if i > 0 && i % PART == 0 {
            over.close("g");
            marks_group(&mut over);
        }
        let x = mx((i as f64 + if rtl { 1.0 } else { 0.0 }) * band);
        mark(&mut over, "rect", "", i, &label)
            .num("x", x)
            .num("y", TOP)
            .num("width", band)
            .num("height", plot_h)
            .empty();
        marks.push(Mark {
            x: mx((i as f64 + 0.5) * band),
            y: y(peak as f64).max(TOP),
            tip,
        });
    }
    over.close("g");

    Drawing {
        width: w,
        height: HEIGHT,
        markup: svg.into_string(),
        overlay: over.into_string(),
        marks,
        guide: Some((TOP, TOP + plot_h)),
    }
}

/// A bar chart's legend line, as HTML: its bars (the first series), what a published 0 looks
/// like, and, when a month in the range was not published, the grey tick that marks it; each
/// swatch drawn as the chart draws it. Written here as one string (a Yew `html!` of it cost
/// the series page more than a kilobyte).
pub fn bars_legend(d: &TimeSeries, zero: &str, gap: &str, c: &Colors) -> String {
    let Some(first) = d.series.first() else {
        return String::new();
    };
    let colour = c.series(first.colour);
    let mut m = Markup::with_capacity(600);
    m.tag("ul").fixed("class=\"legend\"").open();
    let item = |m: &mut Markup, swatch: &[(&str, &'static str, &str)], text: &str| {
        m.tag("li").open().tag("svg");
        m.fixed("width=\"14\" height=\"12\" aria-hidden=\"true\"")
            .open();
        for (tag, geometry, paint) in swatch {
            m.tag(tag).fixed(geometry);
            m.attr(if *tag == "line" { "stroke" } else { "fill" }, paint)
                .empty();
        }
        m.close("svg").text(text).close("li");
    };
    item(
        &mut m,
        &[("rect", "x=\"1\" y=\"0\" width=\"12\" height=\"12\"", colour)],
        &first.name,
    );
    item(
        &mut m,
        &[
            ("line", "x1=\"0\" x2=\"14\" y1=\"11.5\" y2=\"11.5\"", c.grid),
            (
                "rect",
                "x=\"1\" y=\"10\" width=\"12\" height=\"1.5\"",
                colour,
            ),
        ],
        zero,
    );
    if first.values.contains(&None) {
        item(
            &mut m,
            &[
                ("line", "x1=\"0\" x2=\"14\" y1=\"3\" y2=\"3\"", c.grid),
                ("rect", "x=\"1\" y=\"6\" width=\"12\" height=\"5\"", c.muted),
            ],
            gap,
        );
    }
    m.close("ul");
    m.into_string()
}

/// Appends a rectangle to path data.
fn rect_path(d: &mut String, x: f64, y: f64, w: f64, h: f64) {
    use crate::chart::num::push_px;
    d.push('M');
    push_px(d, x);
    d.push(' ');
    push_px(d, y);
    d.push('h');
    push_px(d, w);
    d.push('v');
    push_px(d, h);
    d.push('h');
    push_px(d, -w);
    d.push('z');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::draw::test_labels::{Plain, WORDS};
    use crate::views::Series;

    fn data() -> TimeSeries {
        TimeSeries {
            breaks: Vec::new(),
            months: vec!["2021-01".into(), "2021-02".into(), "2021-03".into()],
            series: vec![
                Series {
                    id: "civilians".into(),
                    name: "Civilians".into(),
                    colour: 0,
                    values: vec![Some(1200), None, Some(138)],
                },
                Series {
                    id: "children".into(),
                    name: "Children <b>".into(),
                    colour: 1,
                    values: vec![Some(20), None, Some(23)],
                },
            ],
        }
    }

    #[test]
    fn one_mark_per_month_with_gaps_said_and_drawn_as_gaps() {
        let d = draw(
            &data(),
            Style::Lines,
            400.0,
            &WORDS,
            &Colors::new(false),
            &Plain(false),
        );
        assert_eq!(d.marks.len(), 3);
        assert_eq!(
            d.marks[1].tip,
            "month 2021-02\nCivilians: not published\nChildren <b>: not published"
        );
        assert!(d
            .overlay
            .contains("aria-label=\"month 2021-01 — Civilians: 1,200, Children &lt;b&gt;: 20\""));
        // Two single points (one per series per side of the gap), no path bridging the gap.
        assert_eq!(d.markup.matches("<circle").count(), 4);
        assert_eq!(d.markup.matches("<path").count(), 0);
        assert_eq!(d.overlay.matches("tabindex=\"0\"").count(), 1);
        assert!(d.overlay.contains("data-i=\"2\""));
        // Marks carry only what a reader needs; the others can take focus but are not Tab stops.
        assert_eq!(d.overlay.matches("tabindex=\"-1\"").count(), 2);
        assert!(!d.overlay.contains(" id="));
        assert!(d.overlay.starts_with(
            "<g class=\"marks\" fill=\"none\" pointer-events=\"all\"><rect tabindex=\"0\" role=\"img\""
        ));
        assert_eq!(d.overlay.matches("<rect").count(), 3);
        // The visible chart holds no marks: they come with the overlay.
        assert!(!d.markup.contains("data-i"));
        assert!(!d.markup.contains("<b>") && !d.overlay.contains("<b>"));
    }

    #[test]
    fn bars_skip_unpublished_months_and_mirror_in_rtl() {
        let ltr = draw(
            &data(),
            Style::Bars,
            400.0,
            &WORDS,
            &Colors::new(false),
            &Plain(false),
        );
        // The two published months are one path of two bars; the unpublished one a grey tick.
        assert_eq!(ltr.markup.matches("fill=\"#0060a0\"").count(), 1);
        assert_eq!(ltr.markup.matches("data-gaps").count(), 1);
        let rtl = draw(
            &data(),
            Style::Bars,
            400.0,
            &WORDS,
            &Colors::new(false),
            &Plain(true),
        );
        // The first month is at the left in English and at the right in Arabic.
        assert!(ltr.marks[0].x < ltr.marks[2].x);
        assert!(rtl.marks[0].x > rtl.marks[2].x);
        assert!(rtl.markup.contains("text-anchor=\"start\""));
    }

    #[test]
    fn a_real_zero_and_an_unpublished_month_look_different() {
        // SNHR's massacres: a month with none, a month that did not say, a month with 3.
        let d = TimeSeries {
            breaks: Vec::new(),
            months: vec!["2021-01".into(), "2021-02".into(), "2021-03".into()],
            series: vec![Series {
                id: "massacres".into(),
                name: "Massacres".into(),
                colour: 0,
                values: vec![Some(0), None, Some(3)],
            }],
        };
        let c = Colors::new(false);
        let out = draw(&d, Style::Bars, 400.0, &WORDS, &c, &Plain(false));
        // Plot: 48..388 px wide, baseline at 230; bands of 113.3 px, bars 80% of them.
        let bars = out
            .markup
            .split("<path d=\"")
            .nth(1)
            .and_then(|p| p.split('"').next())
            .unwrap();
        // The zero: a 1.5 px stub on the baseline; the 3: the full height.
        assert_eq!(bars.matches('M').count(), 2, "{bars}");
        assert!(bars.starts_with("M59.3 228.5h90.7v1.5h-90.7z"), "{bars}");
        // The unpublished month: a grey tick under the baseline, in its own band.
        let gaps = out.markup.split("data-gaps").count() - 1;
        assert_eq!(gaps, 1);
        assert!(out.markup.contains(&format!(
            "<path d=\"M172.7 233h90.7v5h-90.7z\" fill=\"{}\" data-gaps",
            c.muted
        )));
        assert_eq!(out.marks[1].tip, "month 2021-02\nMassacres: not published");
        assert_eq!(out.marks[0].tip, "month 2021-01\nMassacres: 0");
        // With every month published there is no tick at all.
        let mut full = d.clone();
        full.series[0].values = vec![Some(0), Some(1), Some(1000)];
        let out = draw(&full, Style::Bars, 400.0, &WORDS, &c, &Plain(false));
        assert!(!out.markup.contains("data-gaps"));
        // A 1 is at least 3 px high, twice a zero stub.
        assert!(out.markup.contains("v3h"), "{}", out.markup);
    }

    #[test]
    fn the_bar_legend_shows_the_gap_tick_only_when_there_is_a_gap() {
        let c = Colors::new(false);
        let with_gap = bars_legend(&data(), "0: none", "not published <x>", &c);
        assert_eq!(with_gap.matches("<li>").count(), 3);
        assert!(with_gap.contains(">Civilians</li>"));
        assert!(with_gap.contains(">not published &lt;x&gt;</li>"));
        assert!(with_gap.contains(&format!("height=\"5\" fill=\"{}\"", c.muted)));
        let mut full = data();
        full.series[0].values = vec![Some(1), Some(0), Some(2)];
        let without = bars_legend(&full, "0: none", "not published", &c);
        assert_eq!(without.matches("<li>").count(), 2);
        assert!(without.contains(">0: none</li>"));
    }

    #[test]
    fn a_definition_break_is_drawn_and_said_at_its_month() {
        let mut d = data();
        d.breaks = vec![(2, true)];
        let out = draw(
            &d,
            Style::Lines,
            400.0,
            &WORDS,
            &Colors::new(false),
            &Plain(false),
        );
        // Between the second and the third month: 48 + 2 × 113.3 px.
        assert!(
            out.markup.contains("<line x1=\"274.7\" x2=\"274.7\""),
            "{}",
            out.markup
        );
        assert_eq!(out.markup.matches("data-break").count(), 1);
        assert!(out.marks[2].tip.ends_with(WORDS.torture_included_from));
        assert!(out.overlay.contains(&format!(
            "Children &lt;b&gt;: 23 — {}",
            WORDS.torture_included_from
        )));
        assert!(!out.marks[1].tip.contains("definition"));
    }

    /// One line of the same figure every month from `from` to `to`, drawn 360 px wide; and its
    /// number of months.
    fn long_line(from: &str, to: &str, dark: bool) -> (usize, Drawing) {
        let months = crate::views::month_span(from, to);
        let n = months.len();
        let d = TimeSeries {
            breaks: Vec::new(),
            months,
            series: vec![Series {
                id: "c".into(),
                name: "C".into(),
                colour: 0,
                values: vec![Some(5); n],
            }],
        };
        let drawing = draw(
            &d,
            Style::Lines,
            360.0,
            &WORDS,
            &Colors::new(dark),
            &Plain(false),
        );
        (n, drawing)
    }

    #[test]
    fn a_long_overlay_comes_in_groups_of_part_months_in_order() {
        let (n, out) = long_line("2011-01", "2025-12", false);
        let groups: Vec<&str> = out.overlay.split_inclusive("</g>").collect();
        assert_eq!(groups.len(), n.div_ceil(PART));
        let mut next = 0;
        for g in &groups {
            assert!(
                g.starts_with("<g class=\"marks\"") && g.ends_with("</g>"),
                "{g}"
            );
            assert!(g.matches("<rect").count() <= PART);
            for r in g.split("data-i=\"").skip(1) {
                assert_eq!(r.split('"').next(), Some(next.to_string().as_str()));
                next += 1;
            }
        }
        assert_eq!(next, n);
        assert_eq!(out.overlay.matches("tabindex=\"0\"").count(), 1);
    }

    #[test]
    fn long_ranges_label_years_not_months() {
        let (n, drawing) = long_line("2011-03", "2025-12", true);
        assert_eq!(drawing.marks.len(), n);
        assert!(drawing.markup.contains(">2012</text>"));
        assert!(!drawing.markup.contains(">m2012-02<"));
    }
}
