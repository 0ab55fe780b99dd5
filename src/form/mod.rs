//! The family form (`/form/`): a relative reports a victim from a phone, in Arabic or English,
//! on a poor connection, possibly at risk.
//!
//! - Every rule is `sijil_report::form`'s; this module binds controls to the raw input,
//!   shows its errors, and moves between its steps.
//! - Drafts are saved on the device as the user types ([`drafts`]); "quick exit" (button or
//!   Escape twice) wipes them and leaves without a way back.
//! - Sending encrypts in the browser to the organization's age recipients and puts only the
//!   ciphertext in the [`outbox`], which delivers it exactly once, retrying for as long as it
//!   takes.

pub mod attach_view;
pub mod autosave;
pub mod binding;
pub mod chrome;
pub mod config;
pub mod delivery;
pub mod drafts;
pub mod editing;
pub mod fields;
pub mod files;
pub mod idb;
pub mod outbox;
pub mod outcome;
pub mod review;
pub mod state;
pub mod steps;
pub mod strings;
pub mod uploads;
pub mod walk;

use crate::browser;
use sijil_core::lang::Lang;
use sijil_report::receipt::ReportId;
use state::{Action, Env, FormState, Phase};
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    /// Until when clicks on the outcome and device buttons are ignored: the screen just changed,
    /// and the second tap of a double tap on "send" must not land on "start another report" or
    /// "delete everything" drawn where the send button was.
    static SETTLING_UNTIL: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

pub(crate) fn settled() -> bool {
    browser::now_ms() >= SETTLING_UNTIL.with(|c| c.get())
}

pub(crate) fn new_id() -> ReportId {
    let mut b = [0u8; 16];
    browser::random_bytes(&mut b);
    ReportId::from_random(b)
}

#[derive(Properties, PartialEq)]
pub struct FormPageProps {
    pub lang: Lang,
}

/// Loads the runtime config, then shows the form (or the config error naming the bad key).
/// The language is the URL's `lang` (kept there across reloads), else the config's default.
#[component]
pub fn FormPage(p: &FormPageProps) -> Html {
    let cfg = config::use_config();
    let t = strings::text(p.lang);
    // The HTML's shell (name, title, loading line, quick exit) stays until there is more to show.
    let loading = matches!(&*cfg, config::Loaded::Loading);
    use_effect_with(loading, |loading| {
        if !*loading {
            if let Some(shell) = browser::element_by_id("shell") {
                shell.remove();
            }
        }
    });
    match &*cfg {
        config::Loaded::Loading if browser::element_by_id("shell").is_some() => html! {},
        config::Loaded::Loading => {
            html! { <main class="page"><p role="status">{ t.loading }</p></main> }
        }
        config::Loaded::Failed(key) => html! {
            <main class="page" role="alert"><h1>{ t.title }</h1><p class="alert">{ t.config_error }{" "}<code>{ key.clone() }</code></p></main>
        },
        config::Loaded::Ready(c) => {
            let lang = browser::query_param("lang")
                .and_then(|l| Lang::parse(&l))
                .unwrap_or(c.default_language);
            html! { <Form {lang} config={c.clone()} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub lang: Lang,
    pub config: Rc<config::FormConfig>,
}

/// The form once its config is known: the state, the hooks that own each side effect, and the
/// screen for the report's phase.
#[component]
fn Form(p: &FormProps) -> Html {
    let env = Env {
        today: browser::today(),
        parties: p.config.parties.clone(),
    };
    let (state, dispatch) = use_form_state(p.lang, env.clone());
    let s = &state.0;
    let t = strings::text(s.lang);
    let config = &p.config;
    // The order of these hooks is the order of their effects on arrival: the draft is restored
    // before a waiting report's screen replaces it.
    autosave::use_draft_restore(dispatch.clone());
    delivery::use_outbox_delivery(
        &config.intake_url,
        &config.uploads_url,
        matches!(s.phase, Phase::Sent { .. }),
        dispatch.clone(),
    );
    let unsaved = autosave::use_draft_autosave(s, dispatch.clone());
    autosave::use_draft_removed_elsewhere(s, unsaved.clone(), dispatch.clone());
    walk::use_step_history(s, dispatch.clone());
    walk::use_step_focus(s.focus_step);
    walk::use_focus_first_error(s);
    walk::use_outcome_focus(&s.phase);
    chrome::use_page_language(s.lang, config.form_title.clone());
    let quick_exit = walk::use_quick_exit(&config.quick_exit_url, unsaved);

    let other = s.lang.other();
    let switch = dispatch.reform(move |_| {
        // The choice stays in the URL, so a reload keeps it.
        browser::replace_query(&format!("lang={}", other.tag()));
        Action::Lang(other)
    });
    let body = match &s.phase {
        Phase::Editing => html! {
            <editing::Editing state={state.clone()} config={config.clone()} {env} dispatch={dispatch.clone()} />
        },
        phase => html! {
            <outcome::Outcome phase={phase.clone()} lang={s.lang} intake={AttrValue::from(config.intake_url.clone())}
                contact={config.contact.as_ref().map(|c| AttrValue::from(c.get(s.lang).to_owned()))}
                {dispatch} another={s.next_incident.is_some()} />
        },
    };
    html! {
        <div class="page form-page" lang={s.lang.tag()} dir={s.lang.dir()}>
            <chrome::FormHeader lang={s.lang} on_exit={quick_exit} on_switch={switch} />
            <main id="main">
                <h1>{ t.title }</h1>
                if s.phase == Phase::Editing && s.step == sijil_report::form::Step::AboutYou && s.previous_receipt.is_none() {
                    <p class="lead">{ t.intro }</p>
                }
                if let (Phase::Editing, Some(code)) = (&s.phase, &s.previous_receipt) {
                    <p class="notice" role="status">{ {
                        // The receipt code as the receipt screen shows it: Latin, left to right.
                        let (before, after) = t.next_victim_note.split_once("{code}").unwrap_or((t.next_victim_note, ""));
                        html! { <>{ before }<bdi dir="ltr" class="code">{ code.clone() }</bdi>{ after }</> }
                    } }</p>
                }
                { body }
                <attach_view::UploadStatus lang={s.lang} uploads_url={AttrValue::from(config.uploads_url.clone())} />
            </main>
        </div>
    }
}

/// The form's state and the one way to change it. Actions that change the screen start the
/// settling time (see [`SETTLING_UNTIL`]) synchronously, so even the second click of a double
/// click, dispatched before any effect runs, is ignored.
#[hook]
fn use_form_state(lang: Lang, env: Env) -> (UseReducerHandle<StateCell>, Callback<Action>) {
    let state =
        use_reducer_eq(move || StateCell(FormState::new(lang, new_id(), browser::now_ms())));
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| {
            if matches!(
                a,
                Action::Queued { .. }
                    | Action::Delivered { .. }
                    | Action::Reset { .. }
                    | Action::Deleted
            ) {
                SETTLING_UNTIL.with(|c| c.set(browser::now_ms() + 800.0));
            }
            state.dispatch((a, env.clone()))
        })
    };
    (state, dispatch)
}

/// `use_reducer` needs a `Reducible`; the state's own `reduce` does the work.
#[derive(PartialEq)]
pub struct StateCell(pub FormState);

impl Reducible for StateCell {
    type Action = (Action, Env);
    fn reduce(self: Rc<Self>, (action, env): Self::Action) -> Rc<Self> {
        Rc::new(StateCell(self.0.clone().reduce(action, &env)))
    }
}
