//! A chart laid out as a picture an editor can publish on its own: the SVG and PNG downloads.
//!
//! A downloaded chart travels without the page around it, so the picture carries what the page
//! said: the title, the month or period, the legend, the chart (drawn again at the export
//! width, not squeezed from a 336 px phone screen), a short note, the source and the date. It
//! has its own background, so a dark-theme export stays legible on a white page and the other
//! way round. Right to left in Arabic: texts start at the right edge.

use super::parties::wrap;
use super::Drawing;
use crate::chart::theme::{Colors, DASHES};
use crate::markup::Markup;

/// Width of an exported picture, in CSS pixels (the PNG is drawn at twice this).
pub const WIDTH: f64 = 800.0;
/// Margin around everything.
const PAD: f64 = 32.0;
/// The width a chart is drawn at for export.
pub const CHART_WIDTH: f64 = WIDTH - 2.0 * PAD;

/// One legend entry: a line (dashed as the chart's) or a swatch, in a series colour.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub name: String,
    /// Index into the theme's series colours.
    pub colour: usize,
    /// A line with the chart's dash pattern for this index; `None`: a filled square.
    pub dash: Option<usize>,
}

/// A link as a picture can show it: its host. A picture cannot be clicked, and a report's
/// address (often percent-encoded Arabic, hundreds of characters) ran off the page; the host
/// says where the figures come from and fits a line in either direction.
pub fn link_text(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The words around the chart, already in the reader's language and digits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub title: String,
    /// The month or the period shown.
    pub period: String,
    pub legend: Vec<LegendItem>,
    /// A short note (the first of the widget's notes, or the "documented minimum" line).
    pub note: String,
    /// "Source: …", with the report's address.
    pub source: String,
    /// "Updated …" (the feed's date).
    pub date: String,
    pub rtl: bool,
}

/// The lines of `text` at font `size`, fitting the picture's width (`wrap` measures at 13 px).
/// A word longer than a line (a report's long address) is cut with an ellipsis: a picture
/// cannot scroll, and its reader cannot click it anyway.
fn lines(text: &str, size: f64) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let width = (WIDTH - 2.0 * PAD) * 13.0 / size;
    // At most this many of the widest (Latin) characters fit a line.
    let most = (width / 7.0) as usize;
    wrap(text, width)
        .into_iter()
        .map(|l| match l.char_indices().nth(most) {
            Some(_) => {
                let cut: String = l.chars().take(most.saturating_sub(1)).collect();
                format!("{cut}…")
            }
            None => l.to_owned(),
        })
        .collect()
}

/// Writes one line of text at the reading edge, baseline `y`.
fn line(svg: &mut Markup, f: &Frame, text: &str, y: f64, size: f64, fill: &str, bold: bool) {
    svg.tag("text")
        .num("x", if f.rtl { WIDTH - PAD } else { PAD })
        .num("y", y)
        .num("font-size", size)
        .attr("fill", fill);
    if f.rtl {
        svg.fixed("text-anchor=\"start\" direction=\"rtl\"");
    }
    if bold {
        svg.fixed("font-weight=\"700\"");
    }
    svg.open().text(text).close("text");
}

/// The standalone SVG document: `chart` must have been drawn `CHART_WIDTH` wide with `c`.
pub fn compose(f: &Frame, chart: &Drawing, c: &Colors) -> String {
    let mut body = Markup::with_capacity(chart.markup.len() + 2048);
    let mut y = PAD;
    for (text, size, fill, bold, gap) in [
        (&f.title, 24.0, c.ink, true, 6.0),
        (&f.period, 16.0, c.muted, false, 12.0),
    ] {
        for l in lines(text, size) {
            y += size * 1.25;
            line(&mut body, f, &l, y, size, fill, bold);
        }
        y += gap;
    }
    // The legend flows in the reading direction, wrapping when a row is full.
    if !f.legend.is_empty() {
        let (mut x, row_h) = (0.0, 22.0);
        y += 4.0;
        for item in &f.legend {
            let w = 34.0 + item.name.chars().count() as f64 * 8.0 + 20.0;
            if x > 0.0 && x + w > CHART_WIDTH {
                x = 0.0;
                y += row_h;
            }
            let at = |dx: f64| {
                if f.rtl {
                    WIDTH - PAD - x - dx
                } else {
                    PAD + x + dx
                }
            };
            let colour = c.series(item.colour);
            match item.dash {
                Some(d) => {
                    body.tag("line")
                        .num("x1", at(0.0))
                        .num("x2", at(26.0))
                        .num("y1", y + 8.0)
                        .num("y2", y + 8.0)
                        .attr("stroke", colour)
                        .fixed("stroke-width=\"3\"");
                    let dash = DASHES[d % DASHES.len()];
                    if !dash.is_empty() {
                        body.attr("stroke-dasharray", dash);
                    }
                    body.empty();
                }
                None => {
                    body.tag("rect")
                        .num("x", at(if f.rtl { 14.0 } else { 0.0 }))
                        .num("y", y + 1.0)
                        .fixed("width=\"14\" height=\"14\"")
                        .attr("fill", colour)
                        .empty();
                }
            }
            body.tag("text")
                .num("x", at(34.0))
                .num("y", y + 13.0)
                .fixed("font-size=\"14\"")
                .attr("fill", c.ink);
            if f.rtl {
                body.fixed("text-anchor=\"start\" direction=\"rtl\"");
            }
            body.open().text(&item.name).close("text");
            x += w;
        }
        y += row_h + 8.0;
    }
    // The chart, in its own coordinates, as on screen, at the reading edge (a tile map is
    // narrower than the picture).
    body.tag("svg")
        .num(
            "x",
            if f.rtl {
                WIDTH - PAD - chart.width
            } else {
                PAD
            },
        )
        .num("y", y)
        .num("width", chart.width)
        .num("height", chart.height)
        .attr("viewBox", &view_box(chart.width, chart.height))
        .fixed("font-family=\"system-ui, sans-serif\" direction=\"ltr\"")
        .open();
    body.drawn(&chart.markup).close("svg");
    y += chart.height + 12.0;
    for (text, size, fill) in [
        (&f.note, 14.0, c.ink),
        (&f.source, 13.0, c.muted),
        (&f.date, 13.0, c.muted),
    ] {
        for l in lines(text, size) {
            y += size * 1.4;
            line(&mut body, f, &l, y, size, fill, false);
        }
    }
    let height = (y + PAD).ceil();
    let mut doc = Markup::with_capacity(chart.markup.len() + 4096);
    doc.tag("svg")
        .fixed("xmlns=\"http://www.w3.org/2000/svg\"")
        .num("width", WIDTH)
        .num("height", height)
        .attr("viewBox", &view_box(WIDTH, height))
        .fixed("font-family=\"system-ui, sans-serif\"")
        .open();
    doc.tag("rect")
        .fixed("width=\"100%\" height=\"100%\"")
        .attr("fill", c.bg)
        .empty();
    let mut s = doc.into_string();
    s.push_str(&body.into_string());
    s.push_str("</svg>");
    s
}

/// Separators of [`request`]: between fields, between legend items, inside a legend item.
/// Control characters no text of a picture needs (they are replaced by spaces when written).
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1e}';
const PART: char = '\u{1d}';

/// Everything [`compose`] needs, as one string for the export module (`crates/sijil-export`),
/// which the widget pages fetch only when a reader downloads a picture: the composer stays out
/// of every page's wasm. [`compose_request`] reads it back.
pub fn request(f: &Frame, chart: &Drawing, c: &Colors) -> String {
    let mut out = String::with_capacity(chart.markup.len() + 512);
    let mut put = |text: &str| {
        push_text(&mut out, text);
        out.push(FIELD);
    };
    put(if c.dark { "d" } else { "l" });
    put(if f.rtl { "r" } else { "l" });
    for text in [&f.title, &f.period, &f.note, &f.source, &f.date] {
        put(text);
    }
    let mut num = String::new();
    for v in [chart.width, chart.height] {
        num.clear();
        crate::chart::num::push_px(&mut num, v);
        put(&num);
    }
    put(&chart.markup);
    for item in &f.legend {
        push_text(&mut out, &item.name);
        out.push(PART);
        push_index(&mut out, item.colour);
        out.push(PART);
        if let Some(d) = item.dash {
            push_index(&mut out, d);
        }
        out.push(ITEM);
    }
    out
}

/// `text`, its separator characters written as spaces.
fn push_text(out: &mut String, text: &str) {
    out.extend(text.chars().map(|ch| match ch {
        FIELD | ITEM | PART => ' ',
        _ => ch,
    }));
}

fn push_index(out: &mut String, i: usize) {
    crate::chart::num::push_px(out, i as f64);
}

/// The picture a [`request`] asks for; `None` if it is not one.
pub fn compose_request(req: &str) -> Option<String> {
    let mut fields = req.split(FIELD);
    let mut next = || fields.next();
    let dark = next()? == "d";
    let rtl = next()? == "r";
    let mut texts = [""; 5];
    for t in &mut texts {
        *t = next()?;
    }
    let width: f64 = next()?.parse().ok()?;
    let height: f64 = next()?.parse().ok()?;
    let markup = next()?;
    let legend = next()?
        .split(ITEM)
        .filter(|i| !i.is_empty())
        .map(|i| {
            let mut parts = i.split(PART);
            let name = parts.next()?.to_owned();
            let colour = parts.next()?.parse().ok()?;
            let dash = parts.next()?;
            Some(LegendItem {
                name,
                colour,
                dash: if dash.is_empty() {
                    None
                } else {
                    dash.parse().ok()
                },
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let [title, period, note, source, date] = texts.map(str::to_owned);
    let frame = Frame {
        title,
        period,
        legend,
        note,
        source,
        date,
        rtl,
    };
    let chart = Drawing {
        width,
        height,
        markup: markup.to_owned(),
        ..Drawing::default()
    };
    Some(compose(&frame, &chart, &Colors::new(dark)))
}

/// `0 0 {w} {h}`.
fn view_box(w: f64, h: f64) -> String {
    let mut v = String::from("0 0 ");
    crate::chart::num::push_px(&mut v, w);
    v.push(' ');
    crate::chart::num::push_px(&mut v, h);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(rtl: bool) -> Frame {
        Frame {
            title: "Civilian deaths".into(),
            period: "January 2021 – December 2021".into(),
            legend: vec![
                LegendItem {
                    name: "Civilians".into(),
                    colour: 0,
                    dash: Some(0),
                },
                LegendItem {
                    name: "Children".into(),
                    colour: 1,
                    dash: Some(1),
                },
            ],
            note: "Documented by name: a minimum, not the full toll.".into(),
            source: "Source: Syrian Network for Human Rights · https://snhr.org/r".into(),
            date: "Updated 2 January 2025".into(),
            rtl,
        }
    }

    fn chart() -> Drawing {
        Drawing {
            width: CHART_WIDTH,
            height: 300.0,
            markup: "<rect class=\"bar\" width=\"10\" height=\"10\"/>".into(),
            ..Drawing::default()
        }
    }

    #[test]
    fn an_export_carries_its_words_around_the_chart_on_its_own_background() {
        for dark in [false, true] {
            let c = Colors::new(dark);
            let svg = compose(&frame(false), &chart(), &c);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\""));
            for t in [
                "Civilian deaths",
                "January 2021 – December 2021",
                ">Civilians<",
                ">Children<",
                "a minimum, not the full toll",
                "Source: Syrian Network for Human Rights",
                "Updated 2 January 2025",
                "<rect class=\"bar\"",
            ] {
                assert!(svg.contains(t), "{t} missing in {svg}");
            }
            // Its own background, in the theme's colour, first of all.
            let bg = format!("<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>", c.bg);
            assert!(svg.contains(&bg), "{svg}");
            // The chart sits under the title and legend and over the note and source.
            let at = |t: &str| svg.find(t).unwrap();
            assert!(at("Civilian deaths") < at("<rect class=\"bar\""));
            assert!(at("<rect class=\"bar\"") < at("Source:"));
            // Every text is in the theme's ink or muted colour, legible on its background.
            for fill in svg
                .split("<text")
                .skip(1)
                .filter_map(|t| t.split("fill=\"").nth(1))
            {
                let fill = &fill[..7];
                assert!(fill == c.ink || fill == c.muted, "{fill}");
            }
        }
    }

    #[test]
    fn the_chart_is_laid_out_for_the_export_width_and_heights_add_up() {
        let svg = compose(&frame(false), &chart(), &Colors::new(false));
        assert!(svg.contains("<svg x=\"32\""), "{svg}");
        assert!(
            svg.contains("width=\"736\" height=\"300\" viewBox=\"0 0 736 300\""),
            "{svg}"
        );
        let h: f64 = svg
            .split("height=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(h > 300.0 + 150.0 && h < 300.0 + 400.0, "{h}");
    }

    #[test]
    fn right_to_left_texts_start_at_the_right_edge_and_long_notes_wrap() {
        let mut f = frame(true);
        f.note = "ملاحظة ".repeat(40);
        let svg = compose(&f, &chart(), &Colors::new(false));
        assert!(
            svg.contains("x=\"768\" y=") && svg.contains("direction=\"rtl\""),
            "{svg}"
        );
        assert!(!svg.contains("<text x=\"32\""), "{svg}");
        // A chart narrower than the picture sits at the right edge too.
        let narrow = Drawing {
            width: 520.0,
            ..chart()
        };
        let svg = compose(&f, &narrow, &Colors::new(false));
        assert!(svg.contains("<svg x=\"248\""), "{svg}");
        assert!(
            svg.matches("ملاحظة ملاحظة").count() >= 2,
            "the note wraps: {svg}"
        );
    }

    #[test]
    fn a_request_composes_the_same_picture_as_compose_itself() {
        for (dark, rtl) in [(false, false), (true, true)] {
            let c = Colors::new(dark);
            let mut f = frame(rtl);
            f.legend.push(LegendItem {
                name: "Torture".into(),
                colour: 17,
                dash: None,
            });
            let chart = Drawing {
                width: 612.5,
                ..chart()
            };
            let req = request(&f, &chart, &c);
            assert_eq!(compose_request(&req), Some(compose(&f, &chart, &c)));
        }
        // No legend, and texts that hold the request's own separators: they become spaces.
        let mut f = frame(false);
        f.legend.clear();
        f.title = "a\u{1f}b\u{1e}c\u{1d}d".into();
        let c = Colors::new(false);
        let got = compose_request(&request(&f, &chart(), &c)).expect("a picture");
        f.title = "a b c d".into();
        assert_eq!(got, compose(&f, &chart(), &c));
        assert_eq!(compose_request("not a request"), None);
        assert_eq!(compose_request(""), None);
    }

    #[test]
    fn a_link_is_shown_by_its_host() {
        assert_eq!(
            link_text("https://snhr.org/arabic/2022/03/01/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1/"),
            "snhr.org"
        );
        assert_eq!(link_text("http://example.org?x=1"), "example.org");
        assert_eq!(link_text("https://sn4hr.org"), "sn4hr.org");
    }
}
