//! Deaths by perpetrator: one horizontal bar per visible party, ranked, under a line saying its
//! name, total and (where the month published it) children / women split, wrapped when it is
//! wider than the chart. Which parent parties are expanded into their sub-lines is the reader's
//! choice, passed in.

use super::{mark, overlay, sep, Drawing, Labels, Mark, Words};
use crate::chart::num::push_px;
use crate::chart::scale::LinearScale;
use crate::chart::theme::Colors;
use crate::markup::Markup;
use crate::views::{Parties, PartyRow};

/// A row of one line of text over its bar (the band a reader touches is 2 px less: 44 px).
const ROW: f64 = 46.0;
/// Each further line of a wrapped label adds this much to its row.
const LINE: f64 = 16.0;
/// Text starts this far inside the chart's edge: an Arabic letter that joins to the next has no
/// margin of its own on that side, and would touch or lose a pixel to the edge.
const INSET: f64 = 2.0;
/// The advance of a character at the chart's 13 px, taken a little wide: system fonts give 6 to
/// 7 px for Latin letters and digits, 5 to 6 px for Arabic ones (joined letters are narrow). The
/// core cannot measure text, so a label wraps a little early rather than run off the chart.
fn advance(ch: char) -> f64 {
    if ('\u{0600}'..='\u{06FF}').contains(&ch) {
        5.8
    } else {
        7.0
    }
}

/// The rows shown: every top-level party, and the sub-lines of those whose id is in `expanded`.
pub fn visible<'a>(d: &'a Parties, expanded: &[String]) -> Vec<(&'a PartyRow, bool)> {
    let mut out = Vec::new();
    for r in &d.rows {
        out.push((r, false));
        if expanded.contains(&r.id) {
            out.extend(r.sub.iter().map(|c| (c, true)));
        }
    }
    out
}

pub fn draw(
    d: &Parties,
    expanded: &[String],
    width: f64,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) -> Drawing {
    let rows = visible(d, expanded);
    let rtl = l.rtl();
    let w = width.max(240.0);
    let max = d.rows.iter().filter_map(|r| r.total).max().unwrap_or(0);
    let scale = LinearScale::new(max as f64, 0.0, w - 16.0);
    let sep = sep(l);
    let mut svg = Markup::with_capacity(rows.len() * 120);
    let mut marks = Vec::with_capacity(rows.len());
    // Each row is one line of text ("name: total (children …, women …)") over its bar. Every
    // element costs the browser style and layout when a chart is first shown, and an SVG
    // `<text>` most of all, so a row has one text, not a name and a separate value, and the
    // bars are one path per colour. What every text shares is said once, on their group.
    // Screen readers read the rows' bands in the overlay instead, which say the same line.
    // Right to left, the lines are right to left too (the chart's `<svg>` is `ltr` so that its
    // coordinates read one way): their base direction orders a line that ends in a comma or a
    // bracket correctly, and `start` is then their right edge.
    svg.tag("g")
        .attr("fill", c.ink)
        .fixed(if rtl {
            "font-size=\"13\" text-anchor=\"start\" direction=\"rtl\""
        } else {
            "font-size=\"13\" text-anchor=\"start\""
        })
        .fixed("aria-hidden=\"true\"")
        .open();
    // Bars by colour, in the order their colours first appear: (colour, path data).
    let mut bars: Vec<(&str, String)> = Vec::new();
    // One band per row, on top: the pointer's target and the keyboard's stop.
    let mut over = overlay(rows.len());
    let mut y0 = 4.0;
    for (i, (r, sub)) in rows.iter().enumerate() {
        let label = row_label(r, words, sep, l);
        let indent = if *sub { 16.0 } else { 0.0 };
        let lines = wrap(&label, w - indent - INSET);
        let extra = LINE * (lines.len() - 1) as f64;
        let len = r.total.map(|t| scale.map(t as f64).max(1.0)).unwrap_or(0.0);
        let (bar_x, text_x, end_x) = if rtl {
            (w - indent - len, w - indent - INSET, w - indent - len)
        } else {
            (indent, indent + INSET, indent + len)
        };
        mark(&mut over, "rect", "", i, &label)
            .fixed("x=\"0\"")
            .num("y", y0)
            .num("width", w)
            .num("height", ROW + extra - 2.0)
            .empty();
        for (k, line) in lines.iter().enumerate() {
            svg.tag("text")
                .num("x", text_x)
                .num("y", y0 + 16.0 + LINE * k as f64)
                .open()
                .text(line)
                .close("text");
        }
        if r.total.is_some() {
            let colour = c.series(r.colour);
            let at = match bars.iter().position(|(c, _)| *c == colour) {
                Some(at) => at,
                None => {
                    bars.push((colour, String::new()));
                    bars.len() - 1
                }
            };
            bar_path(&mut bars[at].1, bar_x, y0 + extra + 22.0, len);
        }
        y0 += ROW + extra;
        marks.push(Mark {
            x: end_x,
            y: y0,
            tip: String::new(),
        });
    }
    for (colour, d) in &bars {
        svg.tag("path").attr("fill", colour).attr("d", d).empty();
    }
    svg.close("g");
    over.close("g");
    Drawing {
        width: w,
        height: y0 + 4.0,
        markup: svg.into_string(),
        overlay: over.into_string(),
        marks,
        guide: None,
    }
}

/// The line a row shows and its band says: "name: total (children …, women …)", the split
/// only where the month published it.
fn row_label(r: &PartyRow, words: &Words, sep: &str, l: &dyn Labels) -> String {
    let total = r.total.map(|t| l.count(t));
    let mut label = format!(
        "{}: {}",
        r.name,
        total.as_deref().unwrap_or(words.not_published)
    );
    let split: Vec<String> = [(words.children, r.children), (words.women, r.women)]
        .into_iter()
        .filter_map(|(word, n)| n.map(|n| format!("{word} {}", l.count(n))))
        .collect();
    if !split.is_empty() {
        label.push_str(" (");
        label.push_str(&split.join(sep));
        label.push(')');
    }
    label
}

/// `text` in lines of at most `width` pixels (by [`advance`]), broken at spaces; a word longer
/// than a line has a line of its own. Always at least one line.
pub(crate) fn wrap(text: &str, width: f64) -> Vec<&str> {
    let mut lines = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    // Where the current line could end: the last space, and the width up to it.
    let mut fit: Option<(usize, f64)> = None;
    // The end of the text is a place to break as well, like a space.
    for (at, ch) in text.char_indices().chain([(text.len(), ' ')]) {
        if ch == ' ' {
            if used > width {
                if let Some((end, before)) = fit {
                    lines.push(&text[start..end]);
                    start = end + 1;
                    used -= before + advance(' ');
                }
            }
            fit = Some((at, used));
        }
        used += advance(ch);
    }
    lines.push(&text[start..]);
    lines
}

/// Appends a bar 18 pixels high to a path: from `x` along `len`, top at `y`.
fn bar_path(d: &mut String, x: f64, y: f64, len: f64) {
    d.push('M');
    push_px(d, x);
    d.push(' ');
    push_px(d, y);
    d.push('h');
    push_px(d, len);
    d.push_str("v18h");
    push_px(d, -len);
    d.push('z');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::draw::test_labels::{Plain, WORDS};

    fn row(id: &str, total: Option<u64>, sub: Vec<PartyRow>) -> PartyRow {
        PartyRow {
            id: id.into(),
            name: format!("{id} name"),
            colour: 1,
            total,
            children: Some(2),
            women: None,
            sub,
            parent: None,
        }
    }

    #[test]
    fn expanding_a_parent_adds_its_sub_lines_as_marks() {
        let d = Parties {
            month: "2021-02".into(),
            civilians: 138,
            rows: vec![
                row("regime", Some(19), vec![]),
                row(
                    "other",
                    Some(110),
                    vec![
                        row("landmines", Some(16), vec![]),
                        row("unknown", None, vec![]),
                    ],
                ),
            ],
        };
        let closed = draw(&d, &[], 360.0, &WORDS, &Colors::new(false), &Plain(false));
        assert_eq!(closed.marks.len(), 2);
        let open = draw(
            &d,
            &["other".into()],
            360.0,
            &WORDS,
            &Colors::new(false),
            &Plain(false),
        );
        assert_eq!(open.marks.len(), 4);
        assert!(open
            .overlay
            .contains("aria-label=\"landmines name: 16 (children 2)\""));
        // An unpublished total gets no bar and says so.
        assert!(open
            .overlay
            .contains("aria-label=\"unknown name: not published (children 2)\""));
        assert!(open
            .markup
            .contains(">unknown name: not published (children 2)</text>"));
        // One line of text per row: the name, the total and the split together.
        assert_eq!(open.markup.matches("<text").count(), 4);
        assert!(open
            .markup
            .contains(">landmines name: 16 (children 2)</text>"));
        // The bands are the marks; the drawing under them is not read twice.
        assert_eq!(open.overlay.matches("role=\"img\"").count(), 4);
        assert!(!open.markup.contains("role="));
        assert!(open.markup.contains("aria-hidden=\"true\""));
        // Three bars (the unpublished row has none), all of one colour here: one path.
        assert_eq!(open.markup.matches("<path").count(), 1);
        assert_eq!(open.markup.matches('M').count(), 3);
        // Shared text settings are written once, on the group around the rows.
        assert!(open.markup.starts_with("<g fill="));
        assert_eq!(open.markup.matches("font-size").count(), 1);
        assert_eq!(open.height, 46.0 * 4.0 + 8.0);
    }

    #[test]
    fn bars_of_one_colour_share_a_path_in_row_order() {
        let mut a = row("a", Some(30), vec![]);
        let mut b = row("b", Some(20), vec![]);
        let mut c = row("c", Some(10), vec![]);
        (a.colour, b.colour, c.colour) = (2, 3, 2);
        let d = Parties {
            month: "2021-02".into(),
            civilians: 60,
            rows: vec![a, b, c],
        };
        let colors = Colors::new(false);
        let out = draw(&d, &[], 360.0, &WORDS, &colors, &Plain(false));
        let paths: Vec<&str> = out.markup.split("<path").skip(1).collect();
        assert_eq!(paths.len(), 2);
        // The first colour seen comes first and holds rows a and c: the longest bar spans the
        // width less its margin, and c's is a third of it.
        assert!(paths[0].contains(&format!("fill=\"{}\"", colors.series(2))));
        assert!(paths[0].contains("d=\"M0 26h344v18h-344zM0 118h114.7v18h-114.7z\""));
        assert!(paths[1].contains(&format!("fill=\"{}\"", colors.series(3))));
        // Right to left, the bars grow from the right edge.
        let rtl = draw(&d, &[], 360.0, &WORDS, &colors, &Plain(true));
        assert!(rtl.markup.contains("d=\"M16 26h344v18h-344z"));
        // Its lines are right to left (a trailing bracket or comma is ordered by it), anchored
        // at their start, which is then their right edge.
        assert!(rtl
            .markup
            .contains("text-anchor=\"start\" direction=\"rtl\""));
        assert!(rtl.markup.contains("<text x=\"358\""));
        assert!(out.markup.contains("<text x=\"2\""));
        assert!(!out.markup.contains("direction"));
    }

    #[test]
    fn labels_wrap_at_spaces_by_estimated_width() {
        // Latin characters are taken as 7 px: a width of 70 holds 10 of them.
        assert_eq!(wrap("short", 70.0), ["short"]);
        assert_eq!(wrap("", 70.0), [""]);
        assert_eq!(
            wrap(
                "Killings by unknown persons: 38 (Children 2, Women 5)",
                280.0
            ),
            ["Killings by unknown persons: 38", "(Children 2, Women 5)"]
        );
        assert_eq!(wrap("a b c d e f", 21.0), ["a b", "c d", "e f"]);
        // A word longer than a line keeps a line of its own.
        assert_eq!(wrap("aaaaaaaaaaaa bb cc", 35.0), ["aaaaaaaaaaaa", "bb cc"]);
        assert_eq!(wrap("bb aaaaaaaaaaaa", 35.0), ["bb", "aaaaaaaaaaaa"]);
        // Arabic letters are two bytes each and narrower: 11 Arabic letters and digits (5.8 px)
        // and 2 spaces and a colon (7 px) make 84.8 px.
        assert_eq!(wrap("جهات أخرى: ١١٠", 85.0), ["جهات أخرى: ١١٠"]);
        assert_eq!(wrap("جهات أخرى: ١١٠", 84.0), ["جهات أخرى:", "١١٠"]);
    }

    #[test]
    fn a_long_label_wraps_and_its_row_grows() {
        let mut long = row("x", Some(20), vec![]);
        long.name = "Killings by unknown persons and other long names".into();
        let d = Parties {
            month: "2021-02".into(),
            civilians: 30,
            rows: vec![long, row("b", Some(10), vec![])],
        };
        let out = draw(&d, &[], 360.0, &WORDS, &Colors::new(false), &Plain(false));
        // 358 px (the chart less its text inset) holds 51 characters: the 70-character label takes two lines, the row 16 px more.
        assert_eq!(out.markup.matches("<text").count(), 3);
        assert!(out
            .markup
            .contains(">Killings by unknown persons and other long names:</text>"));
        assert!(out.markup.contains("y=\"36\">20 (children 2)</text>"));
        assert_eq!(out.height, 46.0 * 2.0 + 16.0 + 8.0);
        // The first band covers both lines and the bar; the second starts below it.
        assert!(out.overlay.contains("y=\"4\" width=\"360\" height=\"60\""));
        assert!(out.overlay.contains("y=\"66\" width=\"360\" height=\"44\""));
        assert!(out.markup.contains("M0 42h344v18h-344z"));
    }
}
