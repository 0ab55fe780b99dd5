//! The family form (`/form/`): a relative reports a victim from a phone, in Arabic or English,
//! on a poor connection, possibly at risk.
//!
//! - Every rule is the core's (`sijil_core::form`); this module binds controls to the raw input,
//!   shows the core's errors, and moves between the core's steps.
//! - Drafts are saved on the device as the user types ([`drafts`]); "quick exit" (button or
//!   Escape twice) wipes them and leaves without a way back.
//! - Sending encrypts in the browser to the organization's age recipients and puts only the
//!   ciphertext in the [`outbox`], which delivers it exactly once, retrying for as long as it
//!   takes.

pub mod binding;
pub mod chrome;
pub mod config;
pub mod drafts;
pub mod fields;
pub mod outbox;
pub mod review;
pub mod state;
pub mod steps;
pub mod text;

use crate::browser;
use chrome::{ErrorSummary, Progress, QuickExit};
use sijil_core::form::Step;
use sijil_core::lang::Lang;
use sijil_core::receipt::ReportId;
use state::{Action, Env, FormState, Phase};
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    /// Until when clicks on the outcome and device buttons are ignored: the screen just changed,
    /// and the second tap of a double tap on "send" must not land on "start another report" or
    /// "delete everything" drawn where the send button was.
    static SETTLING_UNTIL: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

fn settled() -> bool {
    browser::now_ms() >= SETTLING_UNTIL.with(|c| c.get())
}

fn new_id() -> ReportId {
    let mut b = [0u8; 16];
    browser::random_bytes(&mut b);
    ReportId::from_random(b)
}

#[derive(Properties, PartialEq)]
pub struct FormPageProps {
    pub lang: Lang,
}

/// Loads the runtime config, then shows the form (or the config error naming the bad key).
#[component]
pub fn FormPage(p: &FormPageProps) -> Html {
    let cfg = config::use_config();
    let t = text::text(p.lang);
    match &*cfg {
        config::Loaded::Loading => {
            html! { <main class="page"><p role="status">{ t.loading }</p></main> }
        }
        config::Loaded::Failed(key) => html! {
            <main class="page" role="alert"><h1>{ t.title }</h1><p class="alert">{ t.config_error }{" "}<code>{ key.clone() }</code></p></main>
        },
        config::Loaded::Ready(c) => html! { <Form lang={p.lang} config={c.clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub lang: Lang,
    pub config: Rc<config::FormConfig>,
}

#[component]
fn Form(p: &FormProps) -> Html {
    let env = Env {
        today: browser::today(),
        parties: p.config.parties.clone(),
    };
    let state = use_reducer_eq({
        let lang = p.lang;
        move || StateCell(FormState::new(lang, new_id(), browser::now_ms()))
    });
    let dispatch = {
        let (state, env) = (state.clone(), env.clone());
        Callback::from(move |a: Action| {
            // The screen is about to change: start the settling time now, synchronously, so even
            // the second click of a double click (dispatched before any effect runs) is ignored.
            if matches!(
                a,
                Action::Queued { .. } | Action::Delivered { .. } | Action::Reset { .. }
            ) {
                SETTLING_UNTIL.with(|c| c.set(browser::now_ms() + 800.0));
            }
            state.dispatch((a, env.clone()))
        })
    };
    let s = &state.0;
    let t = text::text(s.lang);
    let intake = p.config.intake_url.clone();

    // On arrival: restore the draft, deliver anything waiting, keep storage, offline shell.
    {
        let (dispatch, intake) = (dispatch.clone(), intake.clone());
        use_effect_with((), move |_| {
            if let Some(d) = drafts::load(browser::today(), browser::now_ms()) {
                dispatch.emit(Action::Restore {
                    input: Box::new(d.input),
                    step: d.step,
                    id: d.id,
                    started_ms: d.started_ms,
                });
            }
            browser::request_persistent_storage();
            browser::register_service_worker();
            outbox::show_waiting(&dispatch);
            outbox::spawn_flush(intake.to_string(), true, dispatch.clone());
        });
    }
    // Retries: on `online`, and every few seconds for entries whose backoff has passed.
    {
        let (dispatch, intake) = (dispatch.clone(), intake.clone());
        use_effect_with((), move |_| {
            let d2 = dispatch.clone();
            let i2 = intake.clone();
            let online =
                browser::on_online(move || outbox::spawn_flush(i2.to_string(), true, d2.clone()));
            let tick = gloo_timers::callback::Interval::new(5_000, move || {
                outbox::spawn_flush(intake.to_string(), false, dispatch.clone())
            });
            move || {
                drop(online);
                drop(tick);
            }
        });
    }
    // Save the draft shortly after the typing stops.
    {
        let dispatch = dispatch.clone();
        let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
        use_effect_with((s.input.clone(), s.step), {
            let snapshot = s.clone();
            move |_| {
                // Replacing the timer drops (cancels) the previous one: after sending, no late
                // save can bring the plaintext draft back.
                let save = snapshot.phase == Phase::Editing && snapshot.input != Default::default();
                *timer.borrow_mut() = save.then(|| {
                    gloo_timers::callback::Timeout::new(400, move || {
                        if drafts::save(&snapshot) {
                            dispatch.emit(Action::Saved(browser::now_ms()));
                        }
                    })
                });
            }
        });
    }
    // Focus the first field in error when errors appear (after Next or Send).
    {
        let first = s.errors.first().map(|e| e.field.clone());
        use_effect_with(s.focus_errors, move |n| {
            if *n > 0 {
                if let Some(id) = first {
                    browser::focus_id(&id);
                }
            }
        });
    }
    {
        let lang = s.lang;
        use_effect_with(lang, move |l| browser::set_document_lang(*l));
    }

    let quick_exit = {
        let url = p.config.quick_exit_url.clone();
        Callback::from(move |_| {
            drafts::clear();
            browser::leave_to(&url);
        })
    };
    chrome::use_double_escape(quick_exit.clone());

    let on_field = dispatch.reform(|(id, v): (AttrValue, String)| Action::Set(id, v));
    let visible = s.visible_steps();
    let pos = visible.iter().position(|x| *x == s.step).unwrap_or(0);
    let other = s.lang.other();
    let header = html! {
        <header class="form-head">
            <QuickExit label={t.quick_exit} hint={t.quick_exit_hint} on_exit={quick_exit} />
            <button type="button" class="lang-switch" lang={other.tag()} aria-label={t.switch_label}
                onclick={dispatch.reform(move |_| Action::Lang(other))}>{ t.switch_to }</button>
        </header>
    };
    let body = match &s.phase {
        Phase::Sent { receipt } => outcome(t, true, receipt, false, dispatch.clone()),
        // A pending report can still be removed from the device (with everything else).
        Phase::Pending { receipt, refused } => html! {
            <>
                { outcome(t, false, receipt, *refused, dispatch.clone()) }
                { draft_line(t, None, dispatch.clone()) }
            </>
        },
        Phase::Editing => {
            let parties: Vec<(String, String)> = p
                .config
                .parties
                .iter()
                .map(|x| (x.id.clone(), x.name.get(s.lang).to_owned()))
                .collect();
            let ctx = steps::Ctx {
                input: &s.input,
                lang: s.lang,
                t,
                errors: &s.errors,
                on: on_field.clone(),
                parties: &parties,
            };
            let errors: Vec<(String, String)> = s
                .errors
                .iter()
                .map(|e| (e.field.clone(), e.message(s.lang)))
                .collect();
            let questions = match s.step {
                Step::AboutYou => steps::about_you(&ctx),
                Step::Victim => steps::victim(&ctx),
                Step::Death => steps::death(&ctx),
                Step::Detention => steps::detention(&ctx),
                Step::Evidence => steps::evidence(&ctx),
                Step::Review => html! {
                    <review::Review input={s.input.clone()} lang={s.lang} steps={visible.clone()} parties={parties.clone()}
                        on_edit={dispatch.reform(Action::Go)} />
                },
            };
            let on_submit = {
                let dispatch = dispatch.clone();
                let (snapshot, config, env) = (s.clone(), p.config.clone(), env.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if snapshot.step == Step::Review {
                        outbox::send(&snapshot, &config, &env, dispatch.clone());
                    } else {
                        dispatch.emit(Action::Next);
                    }
                })
            };
            let titles: Vec<AttrValue> = visible
                .iter()
                .map(|x| AttrValue::from(x.title(s.lang)))
                .collect();
            html! {
                <>
                    <Progress steps={titles} current={pos}
                        label={format!("{} {} {} {}", t.step_word, pos + 1, t.of_word, visible.len())} />
                    <form novalidate=true onsubmit={on_submit} aria-labelledby="step-title">
                        <h2 id="step-title">{ format!("{} {}: {}", t.step_word, pos + 1, s.step.title(s.lang)) }</h2>
                        <ErrorSummary title={t.errors_title} {errors} />
                        if s.step != Step::Review { <p class="hint">{ t.required_note }</p> }
                        { questions }
                        <div class="nav-buttons">
                            if pos > 0 { <button type="button" onclick={dispatch.reform(|_| Action::Back)}>{ t.back }</button> }
                            <button type="submit" class="primary">{ if s.step == Step::Review { t.send } else { t.next } }</button>
                        </div>
                        // No secure randomness (or no room to keep the ciphertext): nothing left.
                        if s.cannot_send { <p role="alert" class="alert">{ t.cannot_send }</p> }
                    </form>
                    { draft_line(t, s.saved_at, dispatch.clone()) }
                </>
            }
        }
    };
    html! {
        <div class="page form-page" lang={s.lang.tag()} dir={s.lang.dir()}>
            { header }
            <main id="main">
                <h1>{ t.title }</h1>
                if s.phase == Phase::Editing && s.step == Step::AboutYou { <p class="lead">{ t.intro }</p> }
                { body }
            </main>
        </div>
    }
}

/// The device-storage line: what is saved, and the two ways to remove it.
fn draft_line(
    t: &'static text::FormText,
    saved_at: Option<f64>,
    dispatch: Callback<Action>,
) -> Html {
    let delete_draft = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            if !settled() {
                return;
            }
            drafts::clear();
            dispatch.emit(Action::Reset {
                id: new_id(),
                now: browser::now_ms(),
            });
        })
    };
    let delete_all = Callback::from(move |_| {
        if !settled() {
            return;
        }
        drafts::clear();
        outbox::clear();
        dispatch.emit(Action::Reset {
            id: new_id(),
            now: browser::now_ms(),
        });
    });
    html! {
        <footer class="device">
            <p role="status">{ if saved_at.is_some() { t.saved } else { "" } }</p>
            <p>
                <button type="button" class="link" onclick={delete_draft}>{ t.delete_draft }</button>
                <button type="button" class="link" onclick={delete_all}>{ t.delete_all }</button>
            </p>
        </footer>
    }
}

/// After sending: delivered, or waiting in the outbox (with the receipt either way).
fn outcome(
    t: &'static text::FormText,
    sent: bool,
    receipt: &str,
    refused: bool,
    dispatch: Callback<Action>,
) -> Html {
    let again = Callback::from(move |_| {
        if settled() {
            dispatch.emit(Action::Reset {
                id: new_id(),
                now: browser::now_ms(),
            });
        }
    });
    html! {
        <section class={classes!("outcome", if sent { "sent" } else { "pending" })} role="status" aria-live="polite">
            <h2>{ if sent { t.sent_title } else { t.pending_title } }</h2>
            <p class="receipt">{ t.receipt }{": "}<strong dir="ltr">{ receipt.to_owned() }</strong></p>
            <p class="hint">{ t.receipt_hint }</p>
            <p>{ if sent { t.sent_body } else if refused { t.refused } else { t.pending_body } }</p>
            if sent { <button type="button" onclick={again}>{ t.new_report }</button> }
        </section>
    }
}

/// `use_reducer` needs a `Reducible`; the state's own `reduce` does the work.
#[derive(PartialEq)]
struct StateCell(FormState);

impl Reducible for StateCell {
    type Action = (Action, Env);
    fn reduce(self: Rc<Self>, (action, env): Self::Action) -> Rc<Self> {
        Rc::new(StateCell(self.0.clone().reduce(action, &env)))
    }
}
