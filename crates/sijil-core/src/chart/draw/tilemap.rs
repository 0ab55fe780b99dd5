//! Deaths by governorate as a tile map: one equal square per governorate, placed from its
//! centroid, shaded by count or share. Governorates the month did not name are hatched and say
//! so: absent is not zero. The map is a map, so it is not mirrored in Arabic.

use super::{mark, Drawing, Labels, Mark, Words};
use crate::chart::palette::luminance;
use crate::chart::theme::Colors;
use crate::markup::Markup;
use crate::views::{GovRow, Governorates};

/// Sequential blues from light to dark; tiles carry a dark outline so even the lightest tile
/// keeps 3:1 contrast with the page.
fn shade(t: f64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::from("#");
    for (a, b) in [(222.0, 8.0), (235.0, 48.0), (247.0, 107.0)] {
        let v = (a + (b - a) * t.clamp(0.0, 1.0)).round() as u8;
        out.push(char::from(HEX[usize::from(v >> 4)]));
        out.push(char::from(HEX[usize::from(v & 15)]));
    }
    out
}

/// Keyboard order: the ranked list, biggest first, then those not named (ties keep feed order).
pub fn order(d: &Governorates) -> Vec<usize> {
    crate::sort::order_by(d.rows.len(), &|a, b| d.rows[b].total.cmp(&d.rows[a].total))
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

pub fn draw(
    d: &Governorates,
    by_share: bool,
    width: f64,
    prefix: &str,
    words: &Words,
    c: &Colors,
    l: &dyn Labels,
) -> Drawing {
    let w = width.clamp(240.0, 520.0);
    let gap = 4.0;
    let tile = ((w - gap) / d.cols as f64 - gap).floor();
    let h = d.rows_count as f64 * (tile + gap) + gap;
    let metric = |r: &GovRow| {
        if by_share {
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
        let v = if by_share {
            r.share.map(|x| l.percent(x))
        } else {
            r.total.map(|t| l.count(t))
        };
        match v {
            Some(v) if r.approximate => format!("~{v}"),
            Some(v) => v,
            None => words.not_named.to_owned(),
        }
    };
    let hatch = format!("{prefix}-hatch");
    let mut svg = Markup::with_capacity(1200 + d.rows.len() * 560);
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
    svg.close("pattern").close("defs");
    let name_size = (tile / 6.8).clamp(9.0, 12.0);
    let hatch_fill = format!("url(#{hatch})");
    let mut marks = Vec::with_capacity(d.rows.len());
    for (k, &i) in order(d).iter().enumerate() {
        let r = &d.rows[i];
        let x = gap + r.col as f64 * (tile + gap);
        let y = gap + r.row as f64 * (tile + gap);
        let fill = metric(r).map(|v| shade(v / max));
        let text_fill = match &fill {
            Some(f) if luminance(f) < 0.25 => "#ffffff",
            Some(_) => "#1b1b1b",
            None => c.ink,
        };
        let value = value_text(r);
        mark(
            &mut svg,
            "g",
            "class=\"mark\"",
            k,
            &format!("{}: {value}", r.name),
        )
        .open();
        svg.tag("rect")
            .num("x", x)
            .num("y", y)
            .num("width", tile)
            .num("height", tile);
        svg.fixed("rx=\"4\"")
            .attr("fill", fill.as_deref().unwrap_or(&hatch_fill));
        svg.attr("stroke", c.muted)
            .fixed("stroke-width=\"1\"")
            .empty();
        let cx = x + tile / 2.0;
        svg.tag("text")
            .num("x", cx)
            .num("y", y + tile / 2.0 - 2.0)
            .fixed("text-anchor=\"middle\"");
        svg.attr("fill", text_fill)
            .num("font-size", name_size)
            .open();
        svg.text(&short(&r.name, tile)).close("text");
        svg.tag("text")
            .num("x", cx)
            .num("y", y + tile / 2.0 + 13.0)
            .fixed("text-anchor=\"middle\"");
        svg.attr("fill", text_fill)
            .fixed("font-size=\"12\" font-weight=\"600\"")
            .open();
        svg.text(if fill.is_some() { &value } else { "–" })
            .close("text");
        svg.close("g");
        let mut tip = format!("{}\n{value}", r.name);
        if let (Some(sh), false) = (r.share, by_share) {
            tip.push('\n');
            tip.push_str(&l.percent(sh));
        }
        marks.push(Mark {
            x: cx,
            y: y + tile * 0.8,
            tip,
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::draw::test_labels::Plain;

    fn gov(code: &str, col: u32, total: Option<u64>) -> GovRow {
        GovRow {
            code: code.into(),
            name: format!("{code} name"),
            col,
            row: 0,
            total,
            share: total.map(|t| t as f64 / 2.0),
            approximate: false,
        }
    }

    #[test]
    fn ranked_marks_shaded_by_count_and_unnamed_ones_hatched() {
        let d = Governorates {
            month: "2021-02".into(),
            civilians: 100,
            rows: vec![
                gov("SY01", 0, None),
                gov("SY02", 1, Some(80)),
                gov("SY03", 2, Some(20)),
            ],
            named: 2,
            cols: 3,
            rows_count: 1,
        };
        let words = Words {
            not_published: "–",
            children: "c",
            women: "w",
            not_named: "not named",
        };
        let g = draw(
            &d,
            false,
            300.0,
            "g-m",
            &words,
            &Colors::new(false),
            &Plain(false),
        );
        assert!(g.markup.contains(
            "class=\"mark\" tabindex=\"0\" role=\"img\" aria-label=\"SY02 name: 80\" data-i=\"0\""
        ));
        assert!(g.markup.contains("aria-label=\"SY01 name: not named\""));
        assert_eq!(g.markup.matches("fill=\"url(#g-m-hatch)\"").count(), 1);
        // The biggest count gets the darkest shade.
        assert!(g.markup.contains("fill=\"#08306b\""));
        assert_eq!(g.marks[0].tip, "SY02 name\n80\n40%");
        assert_eq!(shade(0.0), "#deebf7");
    }
}
