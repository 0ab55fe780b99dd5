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

/// A run of rows drawn together: the rows from one expandable parent's row (or the first row)
/// up to the next, or one parent's sub-lines. Opening or closing a breakdown adds or removes
/// one piece and moves the pieces below it; no piece's own markup changes. So the app gives
/// each piece a slot of its own with its vertical offset outside the markup (a `<g transform>`
/// it writes itself): on a reader's expand only the new sub-lines are parsed, styled and laid
/// out, and the rows below keep their elements and just move (at 4x CPU, laying out the ~50
/// `<text>` of 40 parties again was most of an expand's time).
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Stable across expanding and collapsing: the id of its first row.
    pub key: String,
    /// Where its top is in the chart (its markup is drawn from 0).
    pub y: f64,
    /// One `<g>` with the rows' lines and their bars (one path per colour).
    pub markup: String,
}

/// The chart as [`draw_pieces`] draws it, its pieces written in place: each in a
/// `<g transform="translate(0 y)">`, as the app's slots hold them (so the server's page, the
/// exported picture and the app's chart have the same elements).
pub fn draw(
    d: &Parties,
    expanded: &[String],
    width: f64,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) -> Drawing {
    let mut out = draw_pieces(d, expanded, width, words, c, l);
    out.drawing.markup = place(&out.pieces);
    out.drawing
}

/// The pieces written in place, each in a `<g transform="translate(0 y)">`: the chart's markup.
pub fn place(pieces: &[Piece]) -> String {
    let mut svg = Markup::with_capacity(pieces.iter().map(|p| p.markup.len() + 40).sum());
    for p in pieces {
        svg.tag("g").attr("transform", &translate(p.y)).open();
        svg.drawn(&p.markup).close("g");
    }
    svg.into_string()
}

/// The `transform` that puts a piece at `y`.
pub fn translate(y: f64) -> String {
    let mut t = String::from("translate(0 ");
    push_px(&mut t, y);
    t.push(')');
    t
}

/// The chart in [`Piece`]s (see [`draw_pieces`]).
pub struct InPieces {
    /// Its `markup` left empty (the pieces are the drawing); the overlay of row bands and the
    /// marks are the whole chart's.
    pub drawing: Drawing,
    pub pieces: Vec<Piece>,
    /// The chart's height with every breakdown open. The app's `<svg>` keeps this height
    /// (shown only down to the drawing's own): a browser lays out every `<text>` of an `<svg>`
    /// again when the `<svg>` changes size (measured in Chromium, with or without a `viewBox`),
    /// so an `<svg>` that grew on expanding would lay out all 50 lines again.
    pub room: f64,
}

/// The chart in [`Piece`]s.
pub fn draw_pieces(
    d: &Parties,
    expanded: &[String],
    width: f64,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) -> InPieces {
    let rows = visible(d, expanded);
    let rtl = l.rtl();
    let w = width.max(240.0);
    let max = d.rows.iter().filter_map(|r| r.total).max().unwrap_or(0);
    let scale = LinearScale::new(max as f64, 0.0, w - 16.0);
    let sep = sep(l);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut marks = Vec::with_capacity(rows.len());
    // One band per row, on top: the pointer's target and the keyboard's stop.
    let mut over = overlay(rows.len());
    // The piece being drawn: its markup, its top, and its bars by colour, in the order their
    // colours first appear: (colour, path data).
    let mut svg = Markup::default();
    let (mut top, mut first) = (4.0, 0);
    let mut bars: Vec<(&str, String)> = Vec::new();
    let mut y0 = 4.0;
    for (i, (r, sub)) in rows.iter().enumerate() {
        // A piece ends after a row with sub-lines (open or not) and after the last sub-line.
        let starts = match i {
            0 => true,
            _ => {
                let (prev, prev_sub) = rows[i - 1];
                (!prev_sub && !prev.sub.is_empty()) || (prev_sub && !sub)
            }
        };
        if starts {
            if i > 0 {
                end_piece(&mut pieces, &mut svg, &mut bars, top, &rows[first].0.id);
            }
            (top, first) = (y0, i);
            // Each row is one line of text ("name: total (children …, women …)") over its
            // bar. Every element costs the browser style and layout when a chart is first
            // shown, and an SVG `<text>` most of all, so a row has one text, not a name and a
            // separate value, and the bars are one path per colour. What every text shares
            // is said once, on their piece's group. Screen readers read the rows' bands in
            // the overlay instead, which say the same line. Right to left, the lines are
            // right to left too (the chart's `<svg>` is `ltr` so that its coordinates read
            // one way): their base direction orders a line that ends in a comma or a bracket
            // correctly, and `start` is then their right edge.
            svg = Markup::with_capacity(rows.len() * 120);
            svg.tag("g")
                .attr("fill", c.ink)
                .fixed(if rtl {
                    "font-size=\"13\" text-anchor=\"start\" direction=\"rtl\""
                } else {
                    "font-size=\"13\" text-anchor=\"start\""
                })
                .fixed("aria-hidden=\"true\"")
                .open();
        }
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
        // Within the piece: from its top.
        let y = y0 - top;
        for (k, line) in lines.iter().enumerate() {
            svg.tag("text")
                .num("x", text_x)
                .num("y", y + 16.0 + LINE * k as f64)
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
            bar_path(&mut bars[at].1, bar_x, y + extra + 22.0, len);
        }
        y0 += ROW + extra;
        marks.push(Mark {
            x: end_x,
            y: y0,
            tip: String::new(),
        });
    }
    if !rows.is_empty() {
        end_piece(&mut pieces, &mut svg, &mut bars, top, &rows[first].0.id);
    }
    over.close("g");
    // The rows of the breakdowns not open, as they would be drawn.
    let mut room = y0 + 4.0;
    for r in d.rows.iter().filter(|r| !expanded.contains(&r.id)) {
        for sub in &r.sub {
            let lines = wrap(&row_label(sub, words, sep, l), w - 16.0 - INSET).len();
            room += ROW + LINE * (lines - 1) as f64;
        }
    }
    let drawing = Drawing {
        width: w,
        height: y0 + 4.0,
        markup: String::new(),
        overlay: over.into_string(),
        marks,
        guide: None,
    };
    InPieces {
        drawing,
        pieces,
        room,
    }
}

/// Ends the piece being drawn: its bars (one path per colour, after its lines), then its group.
fn end_piece(
    pieces: &mut Vec<Piece>,
    svg: &mut Markup,
    bars: &mut Vec<(&str, String)>,
    top: f64,
    key: &str,
) {
    for (colour, d) in bars.drain(..) {
        svg.tag("path").attr("fill", colour).attr("d", &d).empty();
    }
    svg.close("g");
    pieces.push(Piece {
        key: key.to_owned(),
        y: top,
        markup: std::mem::take(svg).into_string(),
    });
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
        // Three bars (the unpublished row has none), all of one colour here: one path for
        // each piece (the parent's rows, then its sub-lines).
        assert_eq!(open.markup.matches("<path").count(), 2);
        assert_eq!(open.markup.matches('M').count(), 3);
        // Shared text settings are written once per piece, on the group around its rows.
        assert!(open
            .markup
            .starts_with("<g transform=\"translate(0 4)\"><g fill="));
        assert_eq!(open.markup.matches("font-size").count(), 2);
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
        // width less its margin, and c's is a third of it. (One piece, 4 px down the chart:
        // its rows are drawn from its top.)
        assert!(out.markup.starts_with("<g transform=\"translate(0 4)\">"));
        assert!(paths[0].contains(&format!("fill=\"{}\"", colors.series(2))));
        assert!(paths[0].contains("d=\"M0 22h344v18h-344zM0 114h114.7v18h-114.7z\""));
        assert!(paths[1].contains(&format!("fill=\"{}\"", colors.series(3))));
        // Right to left, the bars grow from the right edge.
        let rtl = draw(&d, &[], 360.0, &WORDS, &colors, &Plain(true));
        assert!(rtl.markup.contains("d=\"M16 22h344v18h-344z"));
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
        assert!(out.markup.contains("y=\"32\">20 (children 2)</text>"));
        assert_eq!(out.height, 46.0 * 2.0 + 16.0 + 8.0);
        // The first band covers both lines and the bar; the second starts below it.
        assert!(out.overlay.contains("y=\"4\" width=\"360\" height=\"60\""));
        assert!(out.overlay.contains("y=\"66\" width=\"360\" height=\"44\""));
        assert!(out.markup.contains("M0 38h344v18h-344z"));
    }

    #[test]
    fn expanding_adds_one_piece_and_moves_the_pieces_below_unchanged() {
        let d = Parties {
            month: "2021-02".into(),
            civilians: 200,
            rows: vec![
                row("a", Some(60), vec![]),
                row(
                    "other",
                    Some(50),
                    vec![row("x", Some(30), vec![]), row("y", Some(20), vec![])],
                ),
                row("b", Some(40), vec![]),
                row("c", Some(30), vec![]),
            ],
        };
        let (c, l) = (Colors::new(false), Plain(false));
        let closed = draw_pieces(&d, &[], 360.0, &WORDS, &c, &l);
        let open = draw_pieces(&d, &["other".into()], 360.0, &WORDS, &c, &l);
        // The room for every row is the same, open or closed: the height when open.
        assert_eq!(closed.room, open.drawing.height);
        assert_eq!(open.room, open.drawing.height);
        assert_eq!(closed.drawing.height + 2.0 * 46.0, open.room);
        let (closed, open_drawing, open) = (closed.pieces, open.drawing, open.pieces);
        // Closed: the rows down to the parent, then the rows after it.
        let keys = |p: &[Piece]| p.iter().map(|p| p.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&closed), ["a", "b"]);
        assert_eq!(keys(&open), ["a", "x", "b"]);
        // The pieces above and below the sub-lines are the same markup; the one below moved
        // down by the two sub-lines' rows.
        assert_eq!(open[0], closed[0]);
        assert_eq!(open[2].markup, closed[1].markup);
        assert_eq!(
            (closed[1].y, open[2].y),
            (4.0 + 2.0 * 46.0, 4.0 + 4.0 * 46.0)
        );
        // The new piece holds only the sub-lines, drawn from its own top.
        assert_eq!(open[1].markup.matches("<text").count(), 2);
        assert!(open[1]
            .markup
            .contains("y=\"16\">x name: 30 (children 2)</text>"));
        assert_eq!(open[1].y, 4.0 + 2.0 * 46.0);
        // The whole chart's markup is the pieces in their places; its bands and marks are
        // the whole chart's, in reading order.
        let whole = draw(&d, &["other".into()], 360.0, &WORDS, &c, &l);
        let placed: String = open
            .iter()
            .map(|p| format!("<g transform=\"{}\">{}</g>", translate(p.y), p.markup))
            .collect();
        assert_eq!(whole.markup, placed);
        assert_eq!(whole.overlay, open_drawing.overlay);
        assert_eq!(whole.marks.len(), 6);
        assert!(whole.overlay.contains("data-i=\"4\" x=\"0\" y=\"188\""));
    }
}
