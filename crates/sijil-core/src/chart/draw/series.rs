//! Monthly series: trend lines (civilians, children, women) or bars of the first series
//! (torture deaths, massacres), one keyboard mark per month. Unpublished months are gaps: a line
//! breaks around them and no bar is drawn.

use super::{mark, overlay, sep, Drawing, Labels, Mark, Words};
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
            for b in bar_layout(values, plot_w, 0.2, plot_h, top) {
                let x = if rtl {
                    x0 + plot_w - b.band_start - b.band_width
                } else {
                    x0 + b.band_start
                };
                svg.tag("rect")
                    .num("x", x)
                    .num("y", TOP + plot_h - b.length);
                svg.num("width", b.band_width)
                    .num("height", b.length.max(0.0));
                svg.attr("fill", colour).empty();
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::draw::test_labels::Plain;
    use crate::views::Series;

    const WORDS: Words = Words {
        not_published: "not published",
        children: "children",
        women: "women",
        not_named: "not named",
    };

    fn data() -> TimeSeries {
        TimeSeries {
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
        assert_eq!(ltr.markup.matches("fill=\"#0060a0\"").count(), 2);
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
    fn long_ranges_label_years_not_months() {
        let months = crate::views::month_span("2011-03", "2025-12");
        let n = months.len();
        let d = TimeSeries {
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
            &Colors::new(true),
            &Plain(false),
        );
        assert_eq!(drawing.marks.len(), n);
        assert!(drawing.markup.contains(">2012</text>"));
        assert!(!drawing.markup.contains(">m2012-02<"));
    }
}
