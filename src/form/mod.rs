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

pub mod attach_view;
pub mod binding;
pub mod chrome;
pub mod config;
pub mod drafts;
pub mod fields;
pub mod files;
pub mod idb;
pub mod outbox;
pub mod outcome;
pub mod review;
pub mod state;
pub mod steps;
pub mod text;
pub mod uploads;

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
    /// The next `popstate` is the form's own `history.back()`, not the user's Back button.
    static OWN_POP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Quick exit is under way (to this URL): it first steps back off the form's own history
    /// entry, so the exit page replaces the page's first entry and Back cannot return to it.
    static EXITING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

pub(crate) fn settled() -> bool {
    browser::now_ms() >= SETTLING_UNTIL.with(|c| c.get())
}

pub(crate) fn new_id() -> ReportId {
    let mut b = [0u8; 16];
    browser::random_bytes(&mut b);
    ReportId::from_random(b)
}

/// Leaves for the quick-exit page without a way back (see [`EXITING`]).
fn leave(url: &str) {
    if !browser::at_inner_entry() {
        return browser::leave_to(url);
    }
    EXITING.with(|e| *e.borrow_mut() = Some(url.to_owned()));
    browser::history_back();
    // If no `popstate` comes (it always should), leave anyway.
    let url = url.to_owned();
    gloo_timers::callback::Timeout::new(400, move || browser::leave_to(&url)).forget();
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
    let t = text::text(p.lang);
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
    let s = &state.0;
    let t = text::text(s.lang);
    let intake = p.config.intake_url.clone();
    let uploads_url = p.config.uploads_url.clone();
    // The draft not yet written to the device (typing in the last 400 ms).
    let unsaved = use_mut_ref(|| None::<FormState>);

    // On arrival: restore the draft, deliver anything waiting, keep storage, offline shell.
    {
        let (dispatch, intake) = (dispatch.clone(), intake.clone());
        let uploads_url = uploads_url.clone();
        use_effect_with((), move |_| {
            let draft = drafts::load(browser::today(), browser::now_ms());
            // Files neither in the draft nor waiting to be uploaded (an expired or deleted
            // draft's) leave the device.
            let mut keep = uploads::queued_ids();
            if let Some(d) = &draft {
                keep.extend(d.input.evidence.attachments.iter().map(|a| a.id.clone()));
            }
            yew::platform::spawn_local(async move { files::forget_all_but(&keep).await });
            if let Some(d) = draft {
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
            uploads::spawn_flush(uploads_url, true, Callback::noop());
        });
    }
    // Retries: on `online`, and every few seconds for entries whose backoff has passed.
    {
        let (dispatch, intake) = (dispatch.clone(), intake.clone());
        let uploads_url = uploads_url.clone();
        use_effect_with((), move |_| {
            let d2 = dispatch.clone();
            let (i2, u2) = (intake.clone(), uploads_url.clone());
            let online = browser::on_online(move || {
                outbox::spawn_flush(i2.to_string(), true, d2.clone());
                uploads::spawn_flush(u2.clone(), true, Callback::noop());
            });
            let tick = gloo_timers::callback::Interval::new(5_000, move || {
                outbox::spawn_flush(intake.to_string(), false, dispatch.clone());
                uploads::spawn_flush(uploads_url.clone(), false, Callback::noop());
            });
            move || {
                drop(online);
                drop(tick);
            }
        });
    }
    // Save the draft shortly after the typing stops, and at once when the page is hidden or
    // closed (`pagehide`, `visibilitychange`): typing and closing the tab loses nothing.
    {
        let dispatch = dispatch.clone();
        let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
        let unsaved = unsaved.clone();
        use_effect_with((s.input.clone(), s.step), {
            let snapshot = s.clone();
            move |_| {
                // Replacing the timer drops (cancels) the previous one: after sending, no late
                // save can bring the plaintext draft back.
                let save = snapshot.phase == Phase::Editing && snapshot.input != Default::default();
                *unsaved.borrow_mut() = save.then(|| snapshot.clone());
                *timer.borrow_mut() = save.then(|| {
                    gloo_timers::callback::Timeout::new(400, move || {
                        let pending = unsaved.borrow_mut().take();
                        if pending.is_some_and(|s| drafts::save(&s)) {
                            dispatch.emit(Action::Saved(browser::now_ms()));
                        }
                    })
                });
            }
        });
    }
    {
        let unsaved = unsaved.clone();
        use_effect_with((), move |_| {
            let hide = browser::on_page_hide(move || {
                if let Some(s) = unsaved.borrow_mut().take() {
                    drafts::save(&s);
                }
            });
            move || drop(hide)
        });
    }
    // Steps are history entries: the form keeps one entry of its own above the page's while a
    // step after the first is shown, so the phone's Back button goes back a step (with every
    // answer kept) instead of leaving; on the first step Back leaves as usual.
    let visible = s.visible_steps();
    let pos = visible.iter().position(|x| *x == s.step).unwrap_or(0);
    // Whether the shown step wants the form's entry (read by the `popstate` handler below).
    let wants_entry = use_mut_ref(|| false);
    {
        let want = s.phase == Phase::Editing && pos > 0;
        let wants_entry = wants_entry.clone();
        use_effect_with((want, s.focus_step), move |(want, _)| {
            *wants_entry.borrow_mut() = *want;
            let at = browser::at_inner_entry();
            if *want && !at {
                browser::push_inner_entry();
            } else if !*want && at {
                OWN_POP.with(|c| c.set(true));
                browser::history_back();
            }
        });
    }
    {
        let dispatch = dispatch.clone();
        let wants_entry = wants_entry.clone();
        use_effect_with((), move |_| {
            let pop = browser::on_popstate(move |inner| {
                if let Some(url) = EXITING.with(|e| e.borrow().clone()) {
                    return browser::leave_to(&url);
                }
                if OWN_POP.with(|c| c.replace(false)) {
                    // `history.back()` is asynchronous: a step shown meanwhile (a draft restored
                    // after a reload, a quick Next) wants the entry back.
                    if *wants_entry.borrow() && !inner {
                        browser::push_inner_entry();
                    }
                    return;
                }
                if !inner {
                    dispatch.emit(Action::Back);
                }
            });
            move || drop(pop)
        });
    }
    // A new step opens at its top, its heading focused (and so announced).
    use_effect_with(s.focus_step, |n| {
        if *n > 0 {
            browser::scroll_to_top();
            browser::focus_id("step-title");
        }
    });
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
    // After sending (or on arrival with a waiting report): focus the outcome's heading.
    {
        let kind = match s.phase {
            Phase::Editing => 0,
            Phase::Pending { .. } => 1,
            Phase::Sent { .. } => 2,
            Phase::Deleted => 3,
        };
        let uploads_url = uploads_url.clone();
        use_effect_with(kind, move |k| {
            // The report has arrived: its files may go now (see `uploads` on the order).
            if *k == 2 {
                uploads::spawn_flush(uploads_url, true, Callback::noop());
            }
            if *k > 0 {
                browser::scroll_to_top();
                browser::focus_id("outcome-title");
            }
        });
    }
    {
        let lang = s.lang;
        let title = p.config.form_title.clone();
        use_effect_with(lang, move |l| {
            browser::set_document_lang(*l);
            // Neutral by default: tabs and history do not say what the page is for.
            let t = text::text(*l);
            browser::set_title(title.as_ref().map_or(t.page_title, |x| x.get(*l)));
        });
    }

    let quick_exit = {
        let url = p.config.quick_exit_url.clone();
        let unsaved = unsaved.clone();
        Callback::from(move |_| {
            // Nothing may be saved by the `pagehide` of leaving.
            unsaved.borrow_mut().take();
            drafts::clear();
            uploads::hush();
            let keep = uploads::queued_ids();
            yew::platform::spawn_local(async move { files::forget_all_but(&keep).await });
            drafts::forget_receipts();
            outbox::hush();
            leave(&url);
        })
    };
    chrome::use_double_escape(quick_exit.clone());

    let on_field = dispatch.reform(|(id, v): (AttrValue, String)| Action::Set(id, v));
    let other = s.lang.other();
    let switch = dispatch.reform(move |_| {
        // The choice stays in the URL, so a reload keeps it.
        browser::replace_query(&format!("lang={}", other.tag()));
        Action::Lang(other)
    });
    let header = html! {
        <header class="form-head">
            <QuickExit label={t.quick_exit} hint={t.quick_exit_hint} on_exit={quick_exit} />
            <button type="button" class="lang-switch" lang={other.tag()} aria-label={t.switch_label}
                onclick={switch}>{ t.switch_to }</button>
        </header>
    };
    let org = p.config.organization.get(s.lang);
    let body = match &s.phase {
        Phase::Editing => {
            let parties: Vec<(String, String)> = p
                .config
                .parties
                .iter()
                .map(|x| (x.id.clone(), x.name.get(s.lang).to_owned()))
                .collect();
            let warnings = if s.step == Step::Death {
                sijil_core::form::warnings(
                    &s.input,
                    env.today,
                    sijil_core::form::Parties::Known(&env.parties),
                )
            } else {
                Vec::new()
            };
            let ctx = steps::Ctx {
                input: &s.input,
                lang: s.lang,
                t,
                errors: &s.errors,
                on: on_field.clone(),
                parties: &parties,
                org,
                warnings: &warnings,
            };
            // Each entry names its question: "Sex: Please answer this question."
            let errors: Vec<(String, String)> = s
                .errors
                .iter()
                .map(|e| {
                    let label = steps::label_of(t, &e.field);
                    let msg = e.message(s.lang);
                    let text = if label.is_empty() {
                        msg
                    } else {
                        format!("{label}: {msg}")
                    };
                    (e.field.clone(), text)
                })
                .collect();
            let questions = match s.step {
                Step::AboutYou => steps::about_you(&ctx),
                Step::Victim => steps::victim(&ctx),
                Step::Death => steps::death(&ctx),
                Step::Detention => steps::detention(&ctx),
                Step::Evidence => {
                    let error = s
                        .errors
                        .iter()
                        .find(|e| e.field.starts_with("evidence.attachments"))
                        .map(|e| e.message(s.lang));
                    html! {
                        <>
                            { steps::evidence(&ctx) }
                            <attach_view::Attachments attachments={s.input.evidence.attachments.clone()} lang={s.lang}
                                org={AttrValue::from(org.to_owned())} recipients={Rc::new(p.config.recipients.clone())}
                                on_attach={dispatch.reform(Action::Attach)} on_detach={dispatch.reform(Action::Detach)}
                                on_replace={dispatch.reform(|(old, new)| Action::Replace(old, new))} {error} />
                        </>
                    }
                }
                Step::Review => html! {
                    <review::Review input={s.input.clone()} lang={s.lang} steps={visible.clone()} parties={parties.clone()}
                        org={AttrValue::from(org.to_owned())} on_edit={dispatch.reform(Action::Go)} />
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
            // Sends this report, then opens the next victim's with the incident filled in (the
            // receipt of this one stays shown at its top).
            let send_then_another = {
                let dispatch = dispatch.clone();
                let (snapshot, config, env) = (s.clone(), p.config.clone(), env.clone());
                Callback::from(move |_: MouseEvent| {
                    outbox::send(&snapshot, &config, &env, dispatch.clone());
                    dispatch.emit(Action::SameIncident {
                        id: new_id(),
                        now: browser::now_ms(),
                    });
                })
            };
            let titles: Vec<AttrValue> = visible
                .iter()
                .map(|x| AttrValue::from(x.title(s.lang)))
                .collect();
            let (n, total) = (text::num(s.lang, pos + 1), text::num(s.lang, visible.len()));
            html! {
                <>
                    <Progress steps={titles} current={pos}
                        label={format!("{} {n} {} {total}", t.step_word, t.of_word)} />
                    <form novalidate=true onsubmit={on_submit} aria-labelledby="step-title">
                        <h2 id="step-title" tabindex="-1">{ format!("{} {n}: {}", t.step_word, s.step.title(s.lang)) }</h2>
                        <ErrorSummary title={t.errors_title} {errors} />
                        if s.step != Step::Review { <p class="hint">{ t.required_note }</p> }
                        { questions }
                        <div class="nav-buttons">
                            if pos > 0 { <button type="button" onclick={dispatch.reform(|_| Action::Back)}>{ t.back }</button> }
                            if s.from_review && s.step != Step::Review {
                                <button type="button" onclick={dispatch.reform(|_| Action::ToReview)}>{ t.back_to_review }</button>
                            }
                            <button type="submit" class="primary">{ if s.step == Step::Review { t.send } else { t.next } }</button>
                        </div>
                        if s.step == Step::Review {
                            <p><button type="button" onclick={send_then_another}>{ t.send_then_another }</button></p>
                        }
                        // No secure randomness (or no room to keep the ciphertext): nothing left.
                        if s.cannot_send { <p role="alert" class="alert">{ t.cannot_send }</p> }
                        if let Some(note) = s.files_note {
                            <p role="alert" class="alert">{ match note {
                                state::FilesNote::StillEncrypting => t.wait_files,
                                state::FilesNote::Gone => t.files_gone,
                            } }</p>
                        }
                    </form>
                    { draft_line(t, s.saved_at, dispatch.clone()) }
                </>
            }
        }
        phase => html! {
            <outcome::Outcome phase={phase.clone()} lang={s.lang} intake={AttrValue::from(intake.clone())}
                contact={p.config.contact.as_ref().map(|c| AttrValue::from(c.get(s.lang).to_owned()))}
                dispatch={dispatch.clone()} another={s.next_incident.is_some()} />
        },
    };
    html! {
        <div class="page form-page" lang={s.lang.tag()} dir={s.lang.dir()}>
            { header }
            <main id="main">
                <h1>{ t.title }</h1>
                if s.phase == Phase::Editing && s.step == Step::AboutYou && s.previous_receipt.is_none() { <p class="lead">{ t.intro }</p> }
                if let (Phase::Editing, Some(code)) = (&s.phase, &s.previous_receipt) {
                    <p class="notice" role="status">{ {
                        // The receipt code as the receipt screen shows it: Latin, left to right.
                        let (before, after) = t.next_victim_note.split_once("{code}").unwrap_or((t.next_victim_note, ""));
                        html! { <>{ before }<bdi dir="ltr" class="code">{ code.clone() }</bdi>{ after }</> }
                    } }</p>
                }
                { body }
                <attach_view::UploadStatus lang={s.lang} uploads_url={AttrValue::from(uploads_url.clone())} />
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
            let keep = uploads::queued_ids();
            yew::platform::spawn_local(async move { files::forget_all_but(&keep).await });
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
        drafts::forget_receipts();
        outbox::clear();
        uploads::clear();
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

/// `use_reducer` needs a `Reducible`; the state's own `reduce` does the work.
#[derive(PartialEq)]
struct StateCell(FormState);

impl Reducible for StateCell {
    type Action = (Action, Env);
    fn reduce(self: Rc<Self>, (action, env): Self::Action) -> Rc<Self> {
        Rc::new(StateCell(self.0.clone().reduce(action, &env)))
    }
}
