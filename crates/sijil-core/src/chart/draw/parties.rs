//! Deaths by perpetrator: one labelled horizontal bar per visible party, ranked, with the
//! children / women split written beside the name where the month published it. Which parent
//! parties are expanded into their sub-lines is the reader's choice, passed in.

use super::{mark, overlay, sep, Drawing, Labels, Mark, Words};
use crate::chart::scale::LinearScale;
use crate::chart::theme::Colors;
use crate::markup::Markup;
use crate::views::{Parties, PartyRow};

const ROW: f64 = 46.0;

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
    let h = ROW * rows.len() as f64 + 8.0;
    let max = d.rows.iter().filter_map(|r| r.total).max().unwrap_or(0);
    // Leave room after the longest bar for its number.
    let scale = LinearScale::new(max as f64, 0.0, w - 16.0 - 70.0);
    let sep = sep(l);
    let mut svg = Markup::with_capacity(rows.len() * 420);
    let mut marks = Vec::with_capacity(rows.len());
    // What every row's text shares is said once, on a group the rows inherit it from: each
    // attribute on each of 80 texts is parsed and styled again whenever the chart is redrawn.
    // Screen readers read the rows' bands in the overlay instead, which say all a row shows.
    let anchor = if rtl { "end" } else { "start" };
    svg.tag("g")
        .attr("fill", c.ink)
        .fixed("font-size=\"13\"")
        .attr("text-anchor", anchor)
        .fixed("aria-hidden=\"true\"")
        .open();
    // One band per row, on top: the pointer's target and the keyboard's stop.
    let mut over = overlay(rows.len());
    for (i, (r, sub)) in rows.iter().enumerate() {
        let mut split = Vec::new();
        if let Some(ch) = r.children {
            split.push(format!("{} {}", words.children, l.count(ch)));
        }
        if let Some(wo) = r.women {
            split.push(format!("{} {}", words.women, l.count(wo)));
        }
        let split = split.join(sep);
        let total = r.total.map(|t| l.count(t));
        let total = total.as_deref().unwrap_or(words.not_published);
        let (label, name_line) = if split.is_empty() {
            (format!("{}: {total}", r.name), r.name.clone())
        } else {
            (
                format!("{}: {total} ({split})", r.name),
                format!("{} · {split}", r.name),
            )
        };
        let y0 = 4.0 + i as f64 * ROW;
        let indent = if *sub { 16.0 } else { 0.0 };
        let len = r.total.map(|t| scale.map(t as f64)).unwrap_or(0.0);
        let (bar_x, text_x) = if rtl {
            (w - indent - len, w - indent)
        } else {
            (indent, indent)
        };
        let value_x = if rtl { bar_x - 6.0 } else { bar_x + len + 6.0 };
        mark(&mut over, "rect", "", i, &label)
            .fixed("x=\"0\"")
            .num("y", y0)
            .num("width", w)
            .num("height", ROW - 2.0)
            .empty();
        svg.tag("text")
            .num("x", text_x)
            .num("y", y0 + 14.0)
            .open()
            .text(&name_line)
            .close("text");
        if r.total.is_some() {
            svg.tag("rect")
                .num("x", bar_x)
                .num("y", y0 + 20.0)
                .num("width", len.max(1.0));
            svg.fixed("height=\"18\"")
                .attr("fill", c.series(r.colour))
                .empty();
        }
        svg.tag("text")
            .num("x", value_x)
            .num("y", y0 + 34.0)
            .fixed("font-weight=\"600\"")
            .open();
        svg.text(total).close("text");
        marks.push(Mark {
            x: value_x,
            y: y0 + ROW,
            tip: String::new(),
        });
    }
    svg.close("g");
    over.close("g");
    Drawing {
        width: w,
        height: h,
        markup: svg.into_string(),
        overlay: over.into_string(),
        marks,
        guide: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::draw::test_labels::Plain;

    fn row(id: &str, total: Option<u64>, sub: Vec<PartyRow>) -> PartyRow {
        PartyRow {
            id: id.into(),
            name: format!("{id} name"),
            colour: 1,
            total,
            children: Some(2),
            women: None,
            sub,
        }
    }

    const WORDS: Words = Words {
        not_published: "not published",
        children: "children",
        women: "women",
        not_named: "not named",
    };

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
        assert!(open.markup.contains(">not published</text>"));
        // The bands are the marks; the drawing under them is not read twice.
        assert_eq!(open.overlay.matches("role=\"img\"").count(), 4);
        assert!(!open.markup.contains("role="));
        assert!(open.markup.contains("aria-hidden=\"true\""));
        assert_eq!(open.markup.matches("height=\"18\"").count(), 3);
        // Shared text settings are written once, on the group around the rows.
        assert!(open.markup.starts_with("<g fill="));
        assert_eq!(open.markup.matches("font-size").count(), 1);
        assert_eq!(open.height, 46.0 * 4.0 + 8.0);
    }
}
