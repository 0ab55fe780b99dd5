//! The parts of the form page around the questions: the header (quick-exit button, and Escape
//! pressed twice; the language switch), the page's language and title, the step progress and
//! the error summary.

use sijil_core::lang::Lang;
use sijil_report::config::Bilingual;
use yew::prelude::*;

/// Two presses of Escape within this many milliseconds trigger the quick exit.
const DOUBLE_ESCAPE_MS: f64 = 1500.0;

/// Listens for Escape pressed twice anywhere on the page and calls `exit`.
#[hook]
pub fn use_double_escape(exit: Callback<()>) {
    use_effect_with((), move |_| {
        let last = std::rc::Rc::new(std::cell::Cell::new(f64::NEG_INFINITY));
        let listener = crate::browser::on_document_keydown(move |key| {
            if key != "Escape" {
                return;
            }
            let now = crate::browser::now_ms();
            if now - last.get() <= DOUBLE_ESCAPE_MS {
                exit.emit(());
            }
            last.set(now);
        });
        move || drop(listener)
    });
}

/// The document's language and title follow the form's. The title is neutral by default (the
/// config's `form_title`, else "Form"): tabs and history do not say what the page is for.
#[hook]
pub fn use_page_language(lang: Lang, title: Option<Bilingual>) {
    use_effect_with(lang, move |l| {
        crate::browser::set_document_lang(*l);
        let t = super::strings::text(*l);
        crate::browser::set_title(title.as_ref().map_or(t.page_title, |x| x.get(*l)));
    });
}

#[derive(Properties, PartialEq)]
pub struct FormHeaderProps {
    pub lang: Lang,
    pub on_exit: Callback<()>,
    /// The language switch was pressed (to the other language).
    pub on_switch: Callback<MouseEvent>,
}

/// Quick exit and the switch to the other language, above every screen of the form.
#[component]
pub fn FormHeader(p: &FormHeaderProps) -> Html {
    let t = super::strings::text(p.lang);
    let other = p.lang.other();
    html! {
        <header class="form-head">
            <QuickExit label={t.quick_exit} hint={t.quick_exit_hint} on_exit={p.on_exit.clone()} />
            <button type="button" class="lang-switch" lang={other.tag()} aria-label={t.switch_label}
                onclick={p.on_switch.clone()}>{ t.switch_to }</button>
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuickExitProps {
    pub label: AttrValue,
    pub hint: AttrValue,
    pub on_exit: Callback<()>,
}

/// Always visible at the top of every step.
#[component]
pub fn QuickExit(p: &QuickExitProps) -> Html {
    html! {
        <div class="quick-exit">
            <button type="button" class="exit" onclick={p.on_exit.reform(|_| ())} aria-describedby="quick-exit-hint">{ p.label.clone() }</button>
            <span id="quick-exit-hint" class="hint">{ p.hint.clone() }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// Step titles in order (only the visible steps).
    pub steps: Vec<AttrValue>,
    pub current: usize,
    /// "Step {n} of {total}" already formatted.
    pub label: AttrValue,
}

#[component]
pub fn Progress(p: &ProgressProps) -> Html {
    html! {
        <nav class="progress" aria-label={p.label.clone()}>
            <ol>
                { for p.steps.iter().enumerate().map(|(i, t)| html! {
                    <li class={classes!((i < p.current).then_some("done"), (i == p.current).then_some("current"))}
                        aria-current={(i == p.current).then_some("step")}>{ t.clone() }</li>
                }) }
            </ol>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    /// `(field id, message)`.
    pub errors: Vec<(String, String)>,
}

/// The list of problems at the top of a step; each links to its field. Announced by screen
/// readers when it appears (role=alert).
#[component]
pub fn ErrorSummary(p: &ErrorSummaryProps) -> Html {
    if p.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{ p.title.clone() }</h2>
            <ul>
                { for p.errors.iter().map(|(id, msg)| {
                    let target = id.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        crate::browser::focus_id(&target);
                    });
                    html! { <li><a href={format!("#{id}")} {onclick}>{ msg }</a></li> }
                }) }
            </ul>
        </div>
    }
}
