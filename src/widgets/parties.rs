//! Deaths by perpetrator for one month: parties ranked by total as labelled horizontal bars,
//! with parent parties ("other parties") expandable into their sub-lines, and the total and the
//! children / women split written over each bar where the month published them.

use super::frame::{data_table, Row};
use super::marks::{ChartSvg, Drawn};
use crate::format::Fmt;
use crate::i18n::{chart_words, strings};
use sijil_core::chart::draw::parties::{draw_pieces, place, translate, InPieces};
use sijil_core::chart::num::px;
use sijil_core::chart::theme::Colors;
use sijil_core::views::{Parties, PartyRow};
use std::rc::Rc;
use wasm_bindgen::JsCast;
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

#[component]
pub fn PartiesChart(p: &PartiesChartProps) -> Html {
    let s = strings(p.fmt.lang);
    // Ids of the parent parties the reader expanded.
    let expanded = use_state(Vec::<String>::new);
    let deps = (
        p.data.clone(),
        (*expanded).clone(),
        p.width,
        p.colors,
        p.fmt,
    );
    // Each piece's inside as last mounted, by its markup: a piece drawn again the same is given
    // the same node (the server's, see below) or string, which Yew leaves in place.
    let kept = use_mut_ref(Vec::<(AttrValue, Html)>::new);
    let drawn = use_memo(deps, |(data, expanded, width, colors, fmt)| {
        let words = chart_words(fmt.lang);
        let InPieces {
            mut drawing,
            pieces,
            room,
        } = draw_pieces(data, expanded, *width, &words, colors, fmt);
        drawing.markup = place(&pieces);
        // The `<svg>` is as high as the ranking with every breakdown open, and its box shows
        // it down to the drawing's own height (see `InPieces::room`): it keeps its size when a
        // breakdown opens or closes, which would lay out all its lines again.
        let (w, h) = (px(drawing.width), px(drawing.height));
        let clip = format!("max-width:{w}px;aspect-ratio:{w}/{h};overflow:hidden");
        drawing.height = room.max(drawing.height);
        let mut d = Drawn::new(drawing);
        // The server's drawing of the same chart, when the page has it: its pieces' insides
        // are taken one by one (in order: the same markup), so that the first expand after
        // the takeover too keeps the rows it does not change.
        let mut served = Vec::new();
        if let Some(Html::VRef(g)) = d.nodes.take() {
            let mut at = g
                .dyn_into::<web_sys::Element>()
                .ok()
                .and_then(|g| g.first_element_child());
            while let Some(slot) = at {
                served.extend(slot.first_element_child());
                at = slot.next_element_sibling();
            }
        }
        // Each piece in a slot of its own, keyed, placed by a `<g transform>` outside its
        // markup: Yew leaves a raw slot whose string is unchanged as it is (`VRaw`), and a
        // node it had (`VRef`), and moves a keyed element it had, so expanding a breakdown
        // parses, styles and lays out only the new sub-lines; the rows below keep their
        // elements and move down.
        let mut kept = kept.borrow_mut();
        let mut now = Vec::with_capacity(pieces.len());
        let slots: Html = pieces
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let markup = AttrValue::from(p.markup);
                let inside = match kept.iter().find(|(m, _)| *m == markup) {
                    Some((_, inside)) => inside.clone(),
                    None => match served.get(i) {
                        Some(node) => Html::VRef(node.clone().into()),
                        None => Html::from_html_unchecked(markup.clone()),
                    },
                };
                now.push((markup, inside.clone()));
                html! { <g key={p.key} transform={translate(p.y)}>{ inside }</g> }
            })
            .collect();
        *kept = now;
        d.nodes = Some(slots);
        (Rc::new(d), AttrValue::from(clip))
    });
    let (drawn, clip) = (drawn.0.clone(), drawn.1.clone());
    let toggles = p.data.rows.iter().filter(|r| !r.sub.is_empty()).map(|r| {
        let open = expanded.contains(&r.id);
        let onclick = {
            let (expanded, id) = (expanded.clone(), r.id.clone());
            Callback::from(move |_| {
                let mut ids = (*expanded).clone();
                match ids.iter().position(|x| *x == id) {
                    Some(at) => drop(ids.remove(at)),
                    None => ids.push(id.clone()),
                }
                expanded.set(ids);
            })
        };
        html! {
            <button type="button" class="toggle" aria-expanded={open.to_string()} {onclick}>
                { if open { s.other_parties_hide } else { s.other_parties_show } }{": "}{ &r.name }
            </button>
        }
    });
    html! {
        <>
            <div class="widget-tools">{ for toggles }</div>
            <div style={clip}>
                <ChartSvg id={p.id.clone()} label={p.label.clone()} {drawn} guide_colour={p.colors.muted} />
            </div>
        </>
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
