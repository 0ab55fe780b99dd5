//! Keyboard and touch access to chart marks, shared by every chart.
//!
//! A chart is one Tab stop (roving tabindex): the active mark has `tabindex=0`, the others `-1`.
//! Arrow keys move between marks in visual order (mirrored in right-to-left layouts), Home/End
//! jump to the ends, Escape hides the tooltip. Pointer hover and a tap show the same tooltip; a
//! tap on empty chart space or Escape dismisses it.

use sijil_core::chart::num::px;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct MarkState {
    pub active: usize,
    /// The mark whose tooltip is showing.
    pub tip: Option<usize>,
}

/// State and handlers for `n` marks whose element ids are `{prefix}-{i}`.
#[derive(Clone, PartialEq)]
pub struct Marks {
    pub state: MarkState,
    pub prefix: String,
    pub set: Callback<MarkState>,
    pub n: usize,
    /// In RTL layouts index 0 is drawn on the right, so ArrowLeft moves forwards.
    pub rtl: bool,
}

impl Marks {
    pub fn id(&self, i: usize) -> String {
        format!("{}-{i}", self.prefix)
    }

    pub fn tabindex(&self, i: usize) -> &'static str {
        if i == self.state.active.min(self.n.saturating_sub(1)) {
            "0"
        } else {
            "-1"
        }
    }

    pub fn onkeydown(&self) -> Callback<KeyboardEvent> {
        let (m, set, n, rtl, prefix) = (
            self.state,
            self.set.clone(),
            self.n,
            self.rtl,
            self.prefix.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            if n == 0 {
                return;
            }
            let forward = if rtl { "ArrowLeft" } else { "ArrowRight" };
            let back = if rtl { "ArrowRight" } else { "ArrowLeft" };
            let key = e.key();
            let next = match key.as_str() {
                k if k == forward || k == "ArrowDown" => (m.active + 1).min(n - 1),
                k if k == back || k == "ArrowUp" => m.active.saturating_sub(1),
                "Home" => 0,
                "End" => n - 1,
                "Escape" => {
                    set.emit(MarkState { tip: None, ..m });
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            set.emit(MarkState {
                active: next,
                tip: Some(next),
            });
            crate::browser::focus_id(&format!("{prefix}-{next}"));
        })
    }

    /// Delegated handlers, set once on the chart's `<svg>` instead of three listeners on each of
    /// hundreds of marks (which is what made a 180-month chart slow to build). Each mark carries
    /// `data-i`; the event's target tells which mark it was.
    pub fn on_focusin(&self) -> Callback<FocusEvent> {
        let set = self.set.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(i) = mark_index(e.target()) {
                set.emit(MarkState {
                    active: i,
                    tip: Some(i),
                });
            }
        })
    }

    pub fn on_over(&self) -> Callback<MouseEvent> {
        let (set, m) = (self.set.clone(), self.state);
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = mark_index(e.target()) {
                if m.tip != Some(i) {
                    set.emit(MarkState { tip: Some(i), ..m });
                }
            }
        })
    }

    /// A tap on a mark toggles its tooltip; a tap on empty chart space hides it.
    pub fn on_tap(&self) -> Callback<MouseEvent> {
        let (set, m) = (self.set.clone(), self.state);
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            let tip = match mark_index(e.target()) {
                Some(i) if m.tip != Some(i) => Some(i),
                _ => None,
            };
            set.emit(MarkState {
                active: tip.unwrap_or(m.active),
                tip,
            });
        })
    }

    /// For the chart's background: a tap elsewhere or the pointer leaving hides the tooltip.
    pub fn dismiss(&self) -> Callback<MouseEvent> {
        let (set, m) = (self.set.clone(), self.state);
        Callback::from(move |_| set.emit(MarkState { tip: None, ..m }))
    }
}

/// The `data-i` of the mark an event happened on (the target or its nearest marked ancestor).
fn mark_index(target: Option<web_sys::EventTarget>) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = target?.dyn_into().ok()?;
    el.closest("[data-i]")
        .ok()??
        .get_attribute("data-i")?
        .parse()
        .ok()
}

#[hook]
pub fn use_marks(prefix: &str, n: usize, rtl: bool) -> Marks {
    let state = use_state(MarkState::default);
    let set = {
        let state = state.clone();
        Callback::from(move |s: MarkState| state.set(s))
    };
    Marks {
        state: *state,
        prefix: prefix.to_owned(),
        set,
        n,
        rtl,
    }
}

/// A tooltip placed at a point of the chart, given in pixels within the chart's box. It repeats
/// what the focused mark's label says, so it is hidden from screen readers.
#[derive(Properties, PartialEq)]
pub struct TipProps {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub lines: Vec<String>,
}

#[component]
pub fn Tip(props: &TipProps) -> Html {
    // Keep the box inside the chart: anchor its near edge to the point, flipping near the end.
    let flip = props.x > props.width * 0.6;
    let style = if flip {
        format!(
            "top:{}px;right:{}px",
            px(props.y),
            px((props.width - props.x).max(0.0))
        )
    } else {
        format!("top:{}px;left:{}px", px(props.y), px(props.x.max(0.0)))
    };
    html! {
        <div class="tip" aria-hidden="true" {style} dir="auto">
            { for props.lines.iter().map(|l| html! { <div>{ l }</div> }) }
        </div>
    }
}
