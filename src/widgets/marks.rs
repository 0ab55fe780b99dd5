//! Keyboard and touch access to a chart's marks, and the `<svg>` that holds a drawn chart.
//!
//! The core draws the chart as markup ([`sijil_core::chart::draw`]); [`ChartSvg`] mounts it,
//! then its overlay of invisible marks from the task after the paint on, one part per task (a
//! group of the core's overlay, at most [`sijil_core::chart::draw::PART`] marks), and adds
//! what depends on the reader: which mark is active, its tooltip, and the guide line of a time
//! series. A chart is one Tab stop (roving tabindex). Arrow keys move between marks in visual
//! order (mirrored in right-to-left layouts), Home/End jump to the ends, Escape hides the
//! tooltip. Pointer hover and a tap show the same tooltip (the press shows it: the first tap
//! does), a finger dragging along a time series scrubs from month to month, and a tap on empty
//! chart space, a tap elsewhere on the page (focus leaves the chart) or Escape dismisses it.
//!
//! Events are delegated: a few listeners on the `<svg>` instead of a few on each of hundreds
//! of marks. Each mark carries `data-i`; the event's target tells which mark it was. Until the
//! last part of an overlay is mounted, the pointer finds a time series' months by position (not
//! by mark), and focus in the chart mounts the rest at once, so a key never moves to a mark not
//! in the page.

use crate::browser;
use sijil_core::chart::draw::Drawing;
use sijil_core::chart::num::{push_px, px};
use sijil_core::markup::Markup;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct MarkState {
    pub active: usize,
    /// The mark whose tooltip is showing.
    pub tip: Option<usize>,
    /// Its DOM is built: while the app's widget is built beside the server's, the chart's DOM
    /// is a step of its own, after the step that made the drawing (see [`ChartSvg`]).
    pub built: bool,
}

/// A drawing with its markup moved into `AttrValue`s, made once per drawing so re-renders
/// (a tooltip moving) pass the same shared strings to Yew, which then leaves the DOM alone.
/// It also keeps how many of its overlay's parts are mounted: a new drawing starts with none.
pub struct Drawn {
    pub drawing: Drawing,
    pub markup: AttrValue,
    /// The overlay's parts: its groups (see [`sijil_core::chart::draw::PART`]), each mounted in
    /// a task of its own.
    parts: Vec<AttrValue>,
    /// How many of them are mounted (the first ones).
    mounted: Cell<usize>,
    /// The chart's state as last rendered: a part arriving renders it again as it is.
    last: Cell<MarkState>,
    /// The drawing's nodes where they are not its markup: the same drawing as the server already
    /// put in the page (`sijil serve`'s widget permalinks,
    /// `crates/sijil-server/src/widget_page.rs`), its `<g data-drawn>`, which [`ChartSvg`] moves
    /// into its own `<svg>` (Yew's `VRef`) instead of drawing the chart a second time; or a
    /// chart drawn in pieces (`parties::PartiesChart`).
    pub nodes: Option<Html>,
}

impl Drawn {
    pub fn new(mut drawing: Drawing) -> Self {
        let markup = AttrValue::from(std::mem::take(&mut drawing.markup));
        let parts = std::mem::take(&mut drawing.overlay)
            .split_inclusive("</g>")
            .map(|g| AttrValue::from(g.to_owned()))
            .collect();
        // Only a page the server wrote is searched, and only its drawing with this exact markup
        // (the same feed, view, width, theme and language) is taken.
        let nodes = browser::served_chart(&|| fingerprint(&markup)).map(Html::VRef);
        Drawn {
            drawing,
            markup,
            parts,
            mounted: Cell::new(0),
            last: Cell::default(),
            nodes,
        }
    }
}

/// A drawing's markup as a short tag (FNV-1a, 32 bits, in decimal: the core's integer writer
/// is in the wasm already): written by the server on the drawing it puts in the page, compared
/// by the app with the drawing it would make.
pub fn fingerprint(markup: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in markup.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    let mut out = String::new();
    sijil_core::chart::num::push_uint(&mut out, u64::from(h));
    out
}

#[derive(Properties, PartialEq)]
pub struct ChartSvgProps {
    /// The widget id: the `<svg>` is `{id}-svg`.
    pub id: AttrValue,
    /// Accessible name of the chart (its title).
    pub label: AttrValue,
    pub drawn: Rc<Drawn>,
    /// In RTL layouts mark 0 is drawn on the right, so ArrowLeft moves forwards.
    #[prop_or_default]
    pub rtl: bool,
    pub guide_colour: &'static str,
    /// Controls shown above the chart (inside its box).
    #[prop_or_default]
    pub children: Html,
}

/// A drawing is equal only to itself: drawings are memoised, so a new value always means a new
/// chart, and comparing the markup of two 180-month charts on every render would be wasted work.
impl PartialEq for Drawn {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[component]
pub fn ChartSvg(p: &ChartSvgProps) -> Html {
    let d = &p.drawn.drawing;
    let n = d.marks.len();
    let state = use_state(MarkState::default);
    let m = MarkState {
        active: state.active.min(n.saturating_sub(1)),
        ..*state
    };
    let set = {
        let state = state.clone();
        Callback::from(move |s: MarkState| state.set(s))
    };
    // The overlay of a new drawing (a series' month bands, the party rows' bands) is mounted
    // from the task after the drawing is painted on, a part per task: the reader sees the new
    // chart within a frame, and up to 180 invisible labelled bands follow in tasks short
    // enough for a reader's input to go between them, instead of delaying it. Which parts are
    // mounted is kept by the drawing itself (a new drawing has none), and a part arriving
    // renders the state as last rendered (Yew renders a reader's key or tooltip within its
    // event's task), so it never undoes one.
    p.drawn.last.set(m);
    // One slot per part, empty until it is mounted: Yew pairs an unkeyed list's children from
    // its end, so a list that grew would pair every mounted part with another and parse it again.
    let overlay: Html = {
        let mounted = p.drawn.mounted.get();
        let parts = p.drawn.parts.iter().enumerate();
        parts
            .map(|(k, part)| match k < mounted {
                true => Html::from_html_unchecked(part.clone()),
                false => Html::default(),
            })
            .collect()
    };
    let svg_id = format!("{}-svg", p.id);
    {
        let (svg_id, active, drawn, set) = (svg_id.clone(), m.active, p.drawn.clone(), set.clone());
        use_effect(move || {
            browser::set_tab_stop(&svg_id, active);
            let mounted = drawn.mounted.get();
            // Every render until the next part is mounted queues it (a render in between, a
            // tooltip moving, queues it again: the same part, mounted once).
            if mounted < drawn.parts.len() {
                let next = Box::new(move || {
                    drawn.mounted.set((mounted + 1).max(drawn.mounted.get()));
                    set.emit(drawn.last.get());
                });
                match mounted {
                    0 => browser::after_takeover(next),
                    _ => browser::in_next_task(next),
                }
            }
        });
    }
    // The drawing was made in this render's task (by the parent): the chart's DOM waits for a
    // step of its own while the app's widget is built beside the server's (see
    // `frame::Frame`); queued while rendering, as the swap waits only for queued steps.
    if !m.built && browser::serving() {
        let set = set.clone();
        browser::in_build_task(Box::new(move || set.emit(MarkState { built: true, ..m })));
        return Html::default();
    }
    let onkeydown = {
        let (set, rtl, svg_id) = (set.clone(), p.rtl, svg_id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if n == 0 {
                return;
            }
            let (forward, back) = if rtl {
                ("ArrowLeft", "ArrowRight")
            } else {
                ("ArrowRight", "ArrowLeft")
            };
            let key = e.key();
            let next = match key.as_str() {
                k if k == forward || k == "ArrowDown" => (m.active + 1).min(n - 1),
                k if k == back || k == "ArrowUp" => m.active.saturating_sub(1),
                "Home" => 0,
                "End" => n - 1,
                "Escape" => return set.emit(MarkState { tip: None, ..m }),
                _ => return,
            };
            e.prevent_default();
            set.emit(MarkState {
                active: next,
                tip: Some(next),
                ..m
            });
            browser::focus_mark(&svg_id, next);
        })
    };
    // Focus in the chart mounts the rest of its overlay with this render: a key then never
    // moves to a mark that is not in the page yet.
    let onfocusin = {
        let (set, drawn) = (set.clone(), p.drawn.clone());
        Callback::from(move |e: FocusEvent| {
            if let Some(i) = mark_index(e.target()) {
                drawn.mounted.set(drawn.parts.len());
                set.emit(MarkState {
                    active: i,
                    tip: Some(i),
                    ..m
                });
            }
        })
    };
    // Pointers (mouse, finger, pen): the mark nearest the pointer shows its tooltip, on hover
    // and from the moment a finger lands, so the first tap shows it. A time series' months are
    // about 4 px wide on a phone: a finger picks the nearest month, and dragging scrubs from
    // month to month with the tooltip following (the pointer is captured so moves keep coming
    // when the finger strays off the chart; `touch-action: pan-y` leaves vertical scrolling to
    // the page).
    let series = d.guide.is_some();
    let onpointerdown = {
        let (set, drawn, svg_id) = (set.clone(), p.drawn.clone(), svg_id.clone());
        Callback::from(move |e: PointerEvent| {
            // Yew delegates events: their `currentTarget` is its root, not this `<svg>`.
            let svg = browser::element_by_id(&svg_id);
            if let Some(i) = svg
                .as_ref()
                .and_then(|svg| nearest(&drawn.drawing, svg, &e))
            {
                set.emit(MarkState {
                    active: i,
                    tip: Some(i),
                    ..m
                });
            }
            if let Some(svg) = svg.filter(|_| series && e.pointer_type() != "mouse") {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
        })
    };
    let onpointermove = {
        let (set, drawn, svg_id) = (set.clone(), p.drawn.clone(), svg_id.clone());
        Callback::from(move |e: PointerEvent| {
            // A finger only moves while touching; a mouse moves over the chart without a button.
            let svg = browser::element_by_id(&svg_id);
            let i = svg.and_then(|svg| nearest(&drawn.drawing, &svg, &e));
            if let Some(i) = i.filter(|i| m.tip != Some(*i)) {
                set.emit(MarkState {
                    active: i,
                    tip: Some(i),
                    ..m
                });
            }
        })
    };
    // A tap or click on a mark keeps its tooltip (the press already showed it: a click must not
    // take it away again); one on empty chart space hides it.
    let onclick = set.reform(move |e: MouseEvent| {
        e.stop_propagation();
        match mark_index(e.target()) {
            Some(i) => MarkState {
                active: i,
                tip: Some(i),
                ..m
            },
            None => MarkState { tip: None, ..m },
        }
    });
    // A tap anywhere else on the page takes the focus from the chart: the tooltip goes with
    // it. A finger's tap focuses the mark it landed on; a drag focuses nothing, so at its end
    // the month it stopped on is focused (which also lets the arrow keys go on from there).
    let onfocusout = {
        let (set, svg_id) = (set.clone(), svg_id.clone());
        Callback::from(move |e: FocusEvent| {
            use wasm_bindgen::JsCast;
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(&format!("#{svg_id}")).ok().flatten())
                .is_some();
            if !inside && m.tip.is_some() {
                set.emit(MarkState { tip: None, ..m });
            }
        })
    };
    let onpointerup = {
        let svg_id = svg_id.clone();
        Callback::from(move |e: PointerEvent| {
            if series && e.pointer_type() != "mouse" {
                if let Some(i) = m.tip {
                    browser::focus_mark(&svg_id, i);
                }
            }
        })
    };
    let dismiss = set.reform(move |_: MouseEvent| MarkState { tip: None, ..m });
    let shown = m.tip.and_then(|i| d.marks.get(i));
    // The guide line and the tooltip are written as markup, as the drawing is: an `html!`
    // element costs the page's wasm more than a string.
    let guide = d.guide.zip(shown).map(|((y1, y2), mk)| {
        let mut m = Markup::with_capacity(120);
        m.tag("line").num("x1", mk.x).num("x2", mk.x);
        m.num("y1", y1).num("y2", y2).attr("stroke", p.guide_colour);
        m.fixed("stroke-width=\"1\" pointer-events=\"none\"")
            .empty();
        Html::from_html_unchecked(m.into_string().into())
    });
    let tip = shown
        .filter(|mk| !mk.tip.is_empty())
        .map(|mk| tip(mk.x, mk.y, d.width, d.height, &mk.tip));
    let (w, h) = (px(d.width), px(d.height));
    html! {
        <div class="chart" onmouseleave={dismiss.clone()} onclick={dismiss}>
            { p.children.clone() }
            // The tooltip is placed in the drawing's pixels, so it shares a box with the SVG
            // alone (not with the legend or the controls above it).
            <div class="plot">
            <svg id={svg_id} width={w.clone()} height={h.clone()} viewBox={format!("0 0 {w} {h}")}
                 role="group" aria-label={p.label.clone()} {onkeydown} {onfocusin} {onfocusout} {onpointerdown} {onpointerup} {onpointermove} {onclick}
                 data-scrub={series.then_some("")}
                 font-family="system-ui, sans-serif" direction="ltr">
                { drawing(&p.drawn) }
                { overlay }
                { guide.unwrap_or_default() }
            </svg>
            { tip.unwrap_or_default() }
            </div>
        </div>
    }
}

/// The drawing's nodes. In the browser: the server's drawing of the same chart, moved here from
/// the page the server wrote (not parsed, styled from scratch or drawn again), or its pieces
/// ([`Drawn::nodes`]), or else its markup. Natively (the server's page): the markup in a `<g>` tagged with its
/// fingerprint, for the app to recognise.
fn drawing(d: &Drawn) -> Html {
    if cfg!(target_arch = "wasm32") {
        match &d.nodes {
            Some(nodes) => nodes.clone(),
            None => Html::from_html_unchecked(d.markup.clone()),
        }
    } else {
        html! { <g data-drawn={fingerprint(&d.markup)}>{ Html::from_html_unchecked(d.markup.clone()) }</g> }
    }
}

/// The mark nearest a pointer: on a time series, the month nearest its x (in the drawing's
/// pixels: the `<svg>` may be scaled down to its box); elsewhere the mark it is on.
fn nearest(d: &Drawing, svg: &web_sys::Element, e: &PointerEvent) -> Option<usize> {
    if d.guide.is_none() {
        return mark_index(e.target());
    }
    let r = svg.get_bounding_client_rect();
    if r.width() <= 0.0 {
        return None;
    }
    let x = (f64::from(e.client_x()) - r.left()) * d.width / r.width();
    let mut best: Option<(usize, f64)> = None;
    for (i, mk) in d.marks.iter().enumerate() {
        let dist = (mk.x - x).abs();
        if best.is_none_or(|(_, b)| dist < b) {
            best = Some((i, dist));
        }
    }
    best.map(|(i, _)| i)
}

/// The `data-i` of the mark an event happened on (the target or its nearest marked ancestor).
pub(super) fn mark_index(target: Option<web_sys::EventTarget>) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = target?.dyn_into().ok()?;
    el.closest("[data-i]")
        .ok()??
        .get_attribute("data-i")?
        .parse()
        .ok()
}

/// A tooltip at a point of the chart (pixels within its box). It repeats what the focused
/// mark's label says, so it is hidden from screen readers. Its near edges are anchored to the
/// point, flipping near the end and near the top so the box stays inside the chart.
fn tip(x: f64, y: f64, width: f64, height: f64, lines: &str) -> Html {
    let mut style = String::from("top:");
    push_px(&mut style, y);
    if x > width * 0.6 {
        style.push_str("px;right:");
        push_px(&mut style, (width - x).max(0.0));
    } else {
        style.push_str("px;left:");
        push_px(&mut style, x.max(0.0));
    }
    style.push_str("px");
    let mut m = Markup::with_capacity(lines.len() + 160);
    m.tag("div").fixed("class=\"tip\"");
    // Above the point, unless that would leave the chart: then below it.
    if y < height * 0.45 {
        m.fixed("data-below=\"\"");
    }
    m.fixed("aria-hidden=\"true\" dir=\"auto\"")
        .attr("style", &style)
        .open();
    for line in lines.lines() {
        m.tag("div").open().text(line).close("div");
    }
    m.close("div");
    Html::from_html_unchecked(m.into_string().into())
}
