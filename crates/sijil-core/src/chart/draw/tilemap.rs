//! Deaths by governorate as a tile map: one equal square per governorate, placed from its
//! centroid, shaded by count or by share (whichever the month gives for more of the
//! governorates it names: [`Governorates::by_share`]), with a colour legend under the tiles
//! saying which, so a downloaded image explains itself. Governorates the month did not name are
//! hatched and say so: absent is not zero. A governorate named only with the other figure (a
//! count on a map shaded by share) is unshaded but shows its figure. The map is a map, so it is
//! not mirrored in Arabic; its legend reads from the reading start. When the month lists its
//! massacres (`massacres.incidents`), each governorate they happened in gets a dot with their
//! number in its tile's corner, its label and tooltip say it, and a legend line says what a dot
//! is; a month without a list draws exactly as before.

use super::{mark, Drawing, Labels, Mark, Words};
use crate::chart::theme::Colors;
use crate::lang::Lang;
use crate::markup::Markup;
use crate::views::{GovRow, Governorates};

/// The sequential ramp's ends (light to dark blue); `shade` interpolates between them, and the
/// legend's gradient has exactly these two stops.
const RAMP: [(f64, f64); 3] = [(222.0, 8.0), (235.0, 48.0), (247.0, 107.0)];

/// Where on the ramp a tile is dark enough for white text: from here its luminance is below
/// 0.25 (its green channel rounds to 138 or less; a test checks the whole ramp against
/// `palette::luminance`). A constant, so the luminance formula and its `powf` stay out of the
/// page's wasm (about 1.6 KB).
const WHITE_TEXT_FROM: f64 = (235.0 - 138.5) / (235.0 - 48.0);

/// Sequential blues from light to dark; tiles carry a dark outline so even the lightest tile
/// keeps 3:1 contrast with the page.
fn shade(t: f64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::from("#");
    for (a, b) in RAMP {
        let v = (a + (b - a) * t.clamp(0.0, 1.0)).round() as u8;
        out.push(char::from(HEX[usize::from(v >> 4)]));
        out.push(char::from(HEX[usize::from(v & 15)]));
    }
    out
}

/// Keyboard order: the ranked list by the shaded figure, biggest first, then those named with
/// the other figure only, then those not named (ties keep feed order).
pub fn order(d: &Governorates) -> Vec<usize> {
    let key = |i: usize| {
        let r = &d.rows[i];
        (r.named(), d.metric(r).unwrap_or(-1.0))
    };
    let mut order: Vec<usize> = (0..d.rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        kb.0.cmp(&ka.0).then(kb.1.total_cmp(&ka.1))
    });
    order
}

/// Estimated advance of a character per pixel of font size (system sans-serif): Arabic letters
/// join and are narrower. The core cannot measure text, so this errs wide.
fn em(ch: char) -> f64 {
    if ('\u{0600}'..='\u{06FF}').contains(&ch) {
        0.5
    } else {
        0.58
    }
}

fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| em(c) * size).sum()
}

/// Smallest font size a tile's name is set in before it is broken or, last, abbreviated.
const MIN_NAME: f64 = 8.5;

/// A governorate's name set to fit `room` pixels: at `size` if it fits, else smaller (down to
/// [`MIN_NAME`]), else on two lines broken after a space or hyphen ("Rural / Damascus",
/// "Deir-ez- / Zor"), else cut with an ellipsis. Returns the lines and the font size. The full
/// name is always in the mark's label, the tooltip and the table.
pub fn fit_name(name: &str, room: f64, size: f64) -> (Vec<String>, f64) {
    let fits = |s: &str, at: f64| text_width(s, at) <= room;
    let scaled = |s: &str| (room / text_width(s, 1.0)).min(size);
    if scaled(name) >= MIN_NAME {
        return (vec![name.to_owned()], scaled(name));
    }
    // The break that leaves the longer line shortest.
    let best = name
        .char_indices()
        .filter(|&(_, c)| c == ' ' || c == '-')
        .map(|(at, c)| {
            let cut = at + c.len_utf8();
            let first = name[..cut].trim_end();
            (first, &name[cut..])
        })
        .min_by(|a, b| {
            let w = |(x, y): &(&str, &str)| text_width(x, 1.0).max(text_width(y, 1.0));
            w(a).total_cmp(&w(b))
        });
    if let Some((a, b)) = best {
        let at = scaled(a).min(scaled(b));
        if at >= MIN_NAME {
            return (vec![a.to_owned(), b.to_owned()], at);
        }
    }
    let mut cut: String = name.to_owned();
    cut.push('…');
    while !fits(&cut, MIN_NAME) && cut.chars().count() > 2 {
        cut.pop();
        cut.pop();
        cut.push('…');
    }
    (vec![cut], MIN_NAME)
}

/// Height of the legend under the tiles: its lowest labels' baseline is 42 px down, and the
/// rest leaves their descent inside the chart in fonts with tall line boxes (Firefox with Noto
/// Sans measured the "0" and "60" 2 px below a 46 px legend).
const LEGEND: f64 = 50.0;
/// The line under it saying what a massacre dot means, when the map has any.
const KEY: f64 = 16.0;
/// Radius of a massacre dot.
const DOT: f64 = 8.0;

/// A massacre dot at its centre: the ink colour ringed with the background, so it stands out
/// on the lightest and the darkest tile, with the number of massacres in it.
fn dot(svg: &mut Markup, cx: f64, cy: f64, n: Option<&str>, c: &Colors) {
    svg.tag("circle").num("cx", cx).num("cy", cy).num("r", DOT);
    svg.attr("fill", c.ink).attr("stroke", c.bg);
    svg.fixed("stroke-width=\"1.5\"").empty();
    if let Some(n) = n {
        svg.tag("text").num("x", cx).num("y", cy + 3.5);
        svg.fixed("text-anchor=\"middle\" font-size=\"10\" font-weight=\"700\"");
        svg.attr("fill", c.bg).open().text(n).close("text");
    }
}

pub fn draw(
    d: &Governorates,
    width: f64,
    prefix: &str,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) -> Drawing {
    let w = width.clamp(240.0, 520.0);
    let gap = 4.0;
    let tile = ((w - gap) / d.cols as f64 - gap).floor();
    let tiles_h = d.rows_count as f64 * (tile + gap) + gap;
    // The massacres the month lists, marked on their governorates' tiles (a dot with their
    // number) with a legend line of its own; a month without a list draws as it always did.
    let said = crate::views::incidents::MapSaid::get(if l.rtl() { Lang::Ar } else { Lang::En });
    let marked = d.rows.iter().any(|r| r.massacres > 0);
    let h = tiles_h + LEGEND + if marked { KEY } else { 0.0 };
    let max = d
        .rows
        .iter()
        .filter_map(|r| d.metric(r))
        .fold(0.0_f64, f64::max);
    let scale_max = max.max(1.0);
    let figure = |r: &GovRow, share: bool| -> Option<String> {
        let v = if share {
            r.share.map(|x| l.percent(x))
        } else {
            r.total.map(|t| l.count(t))
        }?;
        Some(if r.approximate { format!("~{v}") } else { v })
    };
    // The shaded figure first, the other after it: "Aleppo: 60, 43.48%".
    let value_text = |r: &GovRow| -> String {
        let mut out = String::new();
        for v in [figure(r, d.by_share), figure(r, !d.by_share)]
            .into_iter()
            .flatten()
        {
            if !out.is_empty() {
                out.push_str(super::sep(l));
            }
            out.push_str(&v);
        }
        if out.is_empty() {
            out.push_str(words.not_named);
        }
        out
    };
    let hatch = format!("{prefix}-hatch");
    let ramp = format!("{prefix}-ramp");
    let mut svg = Markup::with_capacity(1800 + d.rows.len() * 600);
    svg.tag("defs").open();
    svg.tag("pattern").attr("id", &hatch);
    svg.fixed(
        "width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"",
    )
    .open();
    svg.tag("rect")
        .fixed("width=\"6\" height=\"6\"")
        .attr("fill", c.bg)
        .empty();
    svg.tag("line")
        .fixed("x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke-width=\"2\"")
        .attr("stroke", c.grid)
        .empty();
    svg.close("pattern");
    // The legend's ramp reads from the reading start: light at the left in English, at the
    // right in Arabic.
    svg.tag("linearGradient").attr("id", &ramp);
    svg.fixed(if l.rtl() {
        "x1=\"1\" x2=\"0\""
    } else {
        "x1=\"0\" x2=\"1\""
    })
    .open();
    for (offset, t) in [("0", 0.0), ("1", 1.0)] {
        svg.tag("stop")
            .attr("offset", offset)
            .attr("stop-color", &shade(t))
            .empty();
    }
    svg.close("linearGradient").close("defs");
    let name_size = (tile / 6.8).clamp(9.0, 12.0);
    let hatch_fill = format!("url(#{hatch})");
    let mut marks = Vec::with_capacity(d.rows.len());
    for (k, &i) in order(d).iter().enumerate() {
        let r = &d.rows[i];
        let x = gap + r.col as f64 * (tile + gap);
        let y = gap + r.row as f64 * (tile + gap);
        let at = d.metric(r).map(|v| v / scale_max);
        let fill = at.map(shade);
        let text_fill = match at {
            Some(t) if t.clamp(0.0, 1.0) > WHITE_TEXT_FROM => "#ffffff",
            Some(_) => "#1b1b1b",
            None => c.ink,
        };
        let mut value = value_text(r);
        let massacres =
            (r.massacres > 0).then(|| format!("{}: {}", said.mark, l.count(r.massacres.into())));
        if let Some(m) = &massacres {
            value.push_str(super::sep(l));
            value.push_str(m);
        }
        mark(
            &mut svg,
            "g",
            "class=\"mark\"",
            k,
            &format!("{}: {value}", r.name),
        )
        .open();
        let background = match (&fill, r.named()) {
            (Some(f), _) => f.as_str(),
            // Named with the other figure only: not comparable with the shaded ones, not absent.
            (None, true) => c.bg,
            (None, false) => &hatch_fill,
        };
        svg.tag("rect")
            .num("x", x)
            .num("y", y)
            .num("width", tile)
            .num("height", tile);
        svg.fixed("rx=\"4\"").attr("fill", background);
        svg.attr("stroke", c.muted)
            .fixed("stroke-width=\"1\"")
            .empty();
        let cx = x + tile / 2.0;
        let (lines, size) = fit_name(&r.name, tile - 6.0, name_size);
        let top = y + tile / 2.0 - 2.0 - (lines.len() - 1) as f64 * size;
        for (n, line) in lines.iter().enumerate() {
            svg.tag("text")
                .num("x", cx)
                .num("y", top + n as f64 * size)
                .fixed("text-anchor=\"middle\"");
            svg.attr("fill", text_fill).num("font-size", size).open();
            svg.text(line).close("text");
        }
        // The tile shows the shaded figure, or the other one when that is all it has.
        let shown = figure(r, d.by_share).or_else(|| figure(r, !d.by_share));
        let shown_size = if tile < 70.0 { 11.0 } else { 12.0 };
        svg.tag("text")
            .num("x", cx)
            .num("y", y + tile / 2.0 + 13.0)
            .fixed("text-anchor=\"middle\"");
        svg.attr("fill", text_fill)
            .num("font-size", shown_size)
            .fixed("font-weight=\"600\"")
            .open();
        svg.text(shown.as_deref().unwrap_or("–")).close("text");
        if massacres.is_some() {
            let n = l.count(r.massacres.into());
            dot(&mut svg, x + tile - DOT - 2.0, y + DOT + 2.0, Some(&n), c);
        }
        svg.close("g");
        let mut tip = r.name.clone();
        for v in [figure(r, d.by_share), figure(r, !d.by_share)] {
            tip.push('\n');
            tip.push_str(v.as_deref().unwrap_or(if r.named() {
                words.not_published
            } else {
                words.not_named
            }));
            if !r.named() {
                break;
            }
        }
        if let Some(m) = massacres {
            tip.push('\n');
            tip.push_str(&m);
        }
        marks.push(Mark {
            x: cx,
            y: y + tile * 0.8,
            tip,
        });
    }
    legend(
        &mut svg,
        d,
        max,
        w,
        tiles_h,
        &hatch_fill,
        &ramp,
        words,
        c,
        l,
    );
    if marked {
        // Under the colour legend: what the dot means.
        let rtl = l.rtl();
        let (cx, y) = (
            if rtl { w - 4.0 - DOT } else { 4.0 + DOT },
            tiles_h + LEGEND + 2.0,
        );
        svg.tag("g").fixed("aria-hidden=\"true\"").open();
        dot(&mut svg, cx, y, None, c);
        svg.tag("text")
            .num(
                "x",
                if rtl {
                    w - 10.0 - 2.0 * DOT
                } else {
                    10.0 + 2.0 * DOT
                },
            )
            .num("y", y + 4.0)
            .attr("text-anchor", if rtl { "end" } else { "start" })
            .attr("fill", c.muted)
            .fixed("font-size=\"11\"");
        svg.open().text(said.key).close("text").close("g");
    }
    Drawing {
        width: w,
        height: h,
        markup: svg.into_string(),
        overlay: String::new(),
        marks,
        guide: None,
    }
}

/// Under the tiles: what the shade measures, its ramp from 0 to the month's highest figure,
/// and the hatch of "not named". Drawn into the chart so a downloaded SVG or PNG carries it.
#[allow(clippy::too_many_arguments)]
fn legend(
    svg: &mut Markup,
    d: &Governorates,
    max: f64,
    w: f64,
    y0: f64,
    hatch: &str,
    ramp: &str,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) {
    let rtl = l.rtl();
    // Physical x of a distance from the reading start.
    let at = |x: f64| if rtl { w - x } else { x };
    let anchor = |start: bool| match (start, rtl) {
        (true, false) | (false, true) => "start",
        _ => "end",
    };
    let caption = if d.by_share {
        words.shade_share
    } else {
        words.shade_count
    };
    svg.tag("g")
        .attr("fill", c.muted)
        .fixed("font-size=\"11\"")
        .fixed("aria-hidden=\"true\"")
        .open();
    let (ramp_w, swatch) = (90.0, 14.0);
    let text_y = y0 + 12.0;
    let bar_y = y0 + 20.0;
    let num_y = y0 + 42.0;
    svg.tag("text")
        .num("x", at(4.0))
        .num("y", text_y)
        .attr("text-anchor", anchor(true))
        .open()
        .text(caption)
        .close("text");
    let x_ramp = if rtl { w - 4.0 - ramp_w } else { 4.0 };
    svg.tag("rect")
        .num("x", x_ramp)
        .num("y", bar_y)
        .num("width", ramp_w)
        .fixed("height=\"10\"")
        .attr("fill", &format!("url(#{ramp})"))
        .attr("stroke", c.muted)
        .fixed("stroke-width=\"0.5\"")
        .empty();
    let top = if d.by_share {
        l.percent(max)
    } else {
        l.count(max as u64)
    };
    let zero = if d.by_share {
        l.percent(0.0)
    } else {
        l.count(0)
    };
    for (x, text, start) in [(4.0, zero, true), (4.0 + ramp_w, top, false)] {
        svg.tag("text")
            .num("x", at(x))
            .num("y", num_y)
            .attr("text-anchor", anchor(start))
            .open()
            .text(&text)
            .close("text");
    }
    let hx = 4.0 + ramp_w + 18.0;
    let x_hatch = if rtl { w - hx - swatch } else { hx };
    svg.tag("rect")
        .num("x", x_hatch)
        .num("y", bar_y)
        .num("width", swatch)
        .fixed("height=\"10\"")
        .attr("fill", hatch)
        .attr("stroke", c.muted)
        .fixed("stroke-width=\"0.5\"")
        .empty();
    svg.tag("text")
        .num("x", at(hx + swatch + 5.0))
        .num("y", bar_y + 9.0)
        .attr("text-anchor", anchor(true))
        .open()
        .text(words.not_named)
        .close("text");
    svg.close("g");
}

#[cfg(test)]
mod tests {

    #[test]
    fn white_text_goes_exactly_on_the_shades_darker_than_a_quarter_luminance() {
        use crate::chart::palette::luminance;
        for i in 0..=100_000 {
            let t = f64::from(i) / 100_000.0;
            assert_eq!(
                t > WHITE_TEXT_FROM,
                luminance(&shade(t)) < 0.25,
                "t = {t}: {}",
                shade(t)
            );
        }
    }

    use super::*;
    use crate::chart::draw::test_labels::{Plain, WORDS};

    fn gov(code: &str, col: u32, total: Option<u64>, share: Option<f64>) -> GovRow {
        GovRow {
            code: code.into(),
            name: format!("{code} name"),
            col,
            row: 0,
            total,
            share,
            approximate: false,
            massacres: 0,
        }
    }

    fn map(rows: Vec<GovRow>, by_share: bool) -> Governorates {
        Governorates {
            month: "2021-02".into(),
            civilians: 100,
            named: rows.iter().filter(|r| r.named()).count(),
            cols: rows.len() as u32,
            rows,
            by_share,
            rows_count: 1,
            unplaced: None,
        }
    }

    #[test]
    fn ranked_marks_shaded_by_count_and_unnamed_ones_hatched() {
        let d = map(
            vec![
                gov("SY01", 0, None, None),
                gov("SY02", 1, Some(80), Some(40.0)),
                gov("SY03", 2, Some(20), None),
            ],
            false,
        );
        let g = draw(&d, 300.0, "g-m", &WORDS, &Colors::new(false), &Plain(false));
        assert!(g.markup.contains(
            "class=\"mark\" tabindex=\"0\" role=\"img\" aria-label=\"SY02 name: 80, 40%\" data-i=\"0\""
        ));
        assert!(g.markup.contains("aria-label=\"SY01 name: not named\""));
        // One hatched tile, plus the legend's swatch.
        assert_eq!(g.markup.matches("fill=\"url(#g-m-hatch)\"").count(), 2);
        // The biggest count gets the darkest shade.
        assert!(g.markup.contains("fill=\"#08306b\""));
        assert_eq!(g.marks[0].tip, "SY02 name\n80\n40%");
        assert_eq!(g.marks[1].tip, "SY03 name\n20\nnot published");
        assert_eq!(g.marks[2].tip, "SY01 name\nnot named");
        assert_eq!(shade(0.0), "#deebf7");
        // The legend says what the shade measures, from 0 to the highest count.
        assert!(g.markup.contains(">Shade: number killed</text>"));
        assert!(g.markup.contains(">80</text>") && g.markup.contains(">0</text>"));
    }

    #[test]
    fn a_month_of_shares_only_is_shaded_labelled_and_ranked_by_share() {
        // SNHR, February 2022: Rural Damascus ~42%, Idleb ~20%, Aleppo ~16%, no counts.
        let mut rows = vec![
            gov("SY02", 0, None, Some(16.0)),
            gov("SY03", 1, None, Some(42.0)),
            gov("SY07", 2, None, Some(20.0)),
            gov("SY04", 3, None, None),
        ];
        for r in &mut rows[..3] {
            r.approximate = true;
        }
        let g = draw(
            &map(rows, true),
            360.0,
            "g",
            &WORDS,
            &Colors::new(false),
            &Plain(false),
        );
        // Every named tile is shaded, none hatched but the unnamed one (and the legend swatch).
        assert_eq!(g.markup.matches("fill=\"url(#g-hatch)\"").count(), 2);
        assert!(
            g.markup.contains("fill=\"#08306b\""),
            "the biggest share is darkest"
        );
        assert!(g
            .markup
            .contains("aria-label=\"SY03 name: ~42%\" data-i=\"0\""));
        assert!(g
            .markup
            .contains("aria-label=\"SY07 name: ~20%\" data-i=\"1\""));
        assert!(g.markup.contains(">~42%</text>"));
        assert!(
            g.markup
                .contains(">Shade: share of the month&#39;s total</text>")
                || g.markup
                    .contains(">Shade: share of the month's total</text>")
        );
        assert!(
            g.markup.contains(">42%</text>"),
            "the ramp ends at the highest share"
        );
        assert_eq!(g.marks[0].tip, "SY03 name\n~42%\nnot published");
    }

    #[test]
    fn names_fit_their_tile_at_phone_width() {
        // A 360 px phone gives a chart of 336 px: 62 px tiles, 56 px for the name.
        for name in [
            "Al-Hasakeh",
            "Deir-ez-Zor",
            "Rural Damascus",
            "Lattakia",
            "As-Sweida",
        ] {
            let (lines, size) = fit_name(name, 56.0, 9.1);
            assert!(size >= MIN_NAME, "{name}: {size}");
            assert_eq!(
                lines.concat().replace(' ', ""),
                name.replace(' ', ""),
                "{name} is not cut"
            );
            for line in &lines {
                assert!(text_width(line, size) <= 56.0, "{line} at {size}");
            }
        }
        assert_eq!(
            fit_name("Rural Damascus", 56.0, 9.1).0,
            ["Rural", "Damascus"]
        );
        assert_eq!(
            fit_name("Aleppo", 56.0, 9.1),
            (vec!["Aleppo".to_owned()], 9.1)
        );
        for name in ["ريف دمشق", "دير الزور", "السويداء", "القنيطرة", "اللاذقية"]
        {
            let (lines, size) = fit_name(name, 56.0, 9.1);
            assert!(size >= MIN_NAME && !lines.concat().contains('…'), "{name}");
        }
        // Only a name that fits no way is abbreviated, with an ellipsis.
        let (lines, _) = fit_name("Abcdefghijklmnopqrstuvwxyz", 56.0, 9.1);
        assert!(lines[0].ends_with('…'), "{lines:?}");
    }

    /// The fixture's January lists a massacre in Aleppo (SY02, named with a count) and one in
    /// Idleb (SY07, not named by the month's breakdown): each gets its dot, its label and
    /// tooltip line, and the legend says what a dot is; a month without a list draws no dot.
    #[test]
    fn a_months_massacres_are_dots_on_their_governorates() {
        let text = include_str!("../../../tests/feeds/good-incidents.json");
        let feed = crate::feed::read_feed(text.as_bytes()).unwrap();
        let month = feed.month_str("2021-01").unwrap();
        let d = crate::views::build::governorates(month, Lang::En).unwrap();
        assert_eq!(d.unplaced, Some(0));
        let marked: Vec<(&str, u32)> = d
            .rows
            .iter()
            .filter(|r| r.massacres > 0)
            .map(|r| (r.code.as_str(), r.massacres))
            .collect();
        assert_eq!(marked, [("SY02", 1), ("SY07", 1)]);
        let c = Colors::new(false);
        let g = draw(&d, 336.0, "g", &WORDS, &c, &Plain(false));
        // Two dots with their number, and the legend's dot.
        assert_eq!(g.markup.matches("<circle").count(), 3);
        assert_eq!(
            g.markup
                .matches("font-weight=\"700\" fill=\"#ffffff\">1</text>")
                .count(),
            2,
            "{}",
            g.markup
        );
        assert!(g
            .markup
            .contains("aria-label=\"Aleppo: 9, 45%, Massacres listed: 1\""));
        assert!(g
            .markup
            .contains("aria-label=\"Idleb: not named, Massacres listed: 1\""));
        assert!(g
            .marks
            .iter()
            .any(|m| m.tip == "Aleppo\n9\n45%\nMassacres listed: 1"));
        assert!(g
            .markup
            .contains(">Dot: massacres listed in the report</text>"));
        // Arabic: the legend line reads from the right.
        let ar = crate::views::build::governorates(month, Lang::Ar).unwrap();
        let ga = draw(&ar, 336.0, "g", &WORDS, &c, &Plain(true));
        let key = format!(
            "text-anchor=\"end\" fill=\"{}\" font-size=\"11\">الدائرة: المجازر المُدرجة في التقرير</text>",
            c.muted
        );
        assert!(ga.markup.contains(&key), "{}", ga.markup);
        assert_eq!(ga.height, g.height);
        // Without a list: no dot, no legend line, the height it always had.
        let mut plain = d.clone();
        plain.unplaced = None;
        for r in &mut plain.rows {
            r.massacres = 0;
        }
        let p = draw(&plain, 336.0, "g", &WORDS, &c, &Plain(false));
        assert!(!p.markup.contains("<circle") && !p.markup.contains("Massacres"));
        assert_eq!(p.height + KEY, g.height);
    }
}
