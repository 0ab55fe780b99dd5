//! The form while the relative is answering: the progress, the shown step's questions with its
//! error summary, the navigation and send buttons, and the device-storage line under it. It
//! draws the state and dispatches actions; the state's rules are [`super::state`]'s, sending is
//! [`super::outbox::send`].

use super::attach_view::Attachments;
use super::chrome::{ErrorSummary, Progress};
use super::config::FormConfig;
use super::state::{Action, Env, FilesNote, FormState};
use super::{autosave, drafts, outbox, review, steps, strings, uploads, StateCell};
use crate::browser;
use sijil_core::lang::Lang;
use sijil_report::form::Step;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditingProps {
    pub state: UseReducerHandle<StateCell>,
    pub config: Rc<FormConfig>,
    pub env: Env,
    pub dispatch: Callback<Action>,
}

/// The shown step as a form: Next checks it, Send (on the review) sends the report.
#[component]
pub fn Editing(p: &EditingProps) -> Html {
    let s = &p.state.0;
    let t = strings::text(s.lang);
    let dispatch = &p.dispatch;
    let visible = s.visible_steps();
    let pos = s.position();
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
    let on_submit = {
        let dispatch = dispatch.clone();
        let (snapshot, config, env) = (s.clone(), p.config.clone(), p.env.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if snapshot.step == Step::Review {
                outbox::send(&snapshot, &config, &env, dispatch.clone());
            } else {
                dispatch.emit(Action::Next);
            }
        })
    };
    // Sends this report, then opens the next victim's with the incident filled in (the receipt
    // of this one stays shown at its top).
    let send_then_another = {
        let dispatch = dispatch.clone();
        let (snapshot, config, env) = (s.clone(), p.config.clone(), p.env.clone());
        Callback::from(move |_: MouseEvent| {
            outbox::send(&snapshot, &config, &env, dispatch.clone());
            dispatch.emit(Action::SameIncident {
                id: super::new_id(),
                now: browser::now_ms(),
            });
        })
    };
    let titles: Vec<AttrValue> = visible
        .iter()
        .map(|x| AttrValue::from(x.title(s.lang)))
        .collect();
    let (n, total) = (
        strings::num(s.lang, pos + 1),
        strings::num(s.lang, visible.len()),
    );
    html! {
        <>
            <Progress steps={titles} current={pos}
                label={format!("{} {n} {} {total}", t.step_word, t.of_word)} />
            <form novalidate=true onsubmit={on_submit} aria-labelledby="step-title">
                <h2 id="step-title" tabindex="-1">{ format!("{} {n}: {}", t.step_word, s.step.title(s.lang)) }</h2>
                <ErrorSummary title={t.errors_title} {errors} />
                if s.step != Step::Review { <p class="hint">{ t.required_note }</p> }
                { questions(s, &p.config, &p.env, dispatch) }
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
                        FilesNote::StillEncrypting => t.wait_files,
                        FilesNote::Gone => t.files_gone,
                    } }</p>
                }
            </form>
            <DraftLine lang={s.lang} saved={s.saved_at.is_some()} dispatch={dispatch.clone()} />
        </>
    }
}

/// The shown step's questions (step 5 with its attached files, the review with its "Edit"
/// links).
fn questions(
    s: &FormState,
    config: &Rc<FormConfig>,
    env: &Env,
    dispatch: &Callback<Action>,
) -> Html {
    let parties: Vec<(String, String)> = config
        .parties
        .iter()
        .map(|x| (x.id.clone(), x.name.get(s.lang).to_owned()))
        .collect();
    let warnings = if s.step == Step::Death {
        sijil_report::form::warnings(
            &s.input,
            env.today,
            sijil_report::form::AllowedParties::Known(&env.parties),
        )
    } else {
        Vec::new()
    };
    let org = config.organization.get(s.lang);
    let ctx = steps::StepCtx {
        input: &s.input,
        lang: s.lang,
        t: strings::text(s.lang),
        errors: &s.errors,
        on: dispatch.reform(|(id, v): (AttrValue, String)| Action::Set(id, v)),
        parties: &parties,
        org,
        warnings: &warnings,
    };
    match s.step {
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
                    <Attachments attachments={s.input.evidence.attachments.clone()} lang={s.lang}
                        org={AttrValue::from(org.to_owned())} recipients={Rc::new(config.recipients.clone())}
                        on_attach={dispatch.reform(Action::Attach)} on_detach={dispatch.reform(Action::Detach)}
                        on_replace={dispatch.reform(|(old, new)| Action::Replace(old, new))} {error} />
                </>
            }
        }
        Step::Review => html! {
            <review::Review input={s.input.clone()} lang={s.lang} steps={s.visible_steps()} {parties}
                org={AttrValue::from(org.to_owned())} on_edit={dispatch.reform(Action::Go)} />
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct DraftLineProps {
    pub lang: Lang,
    /// A draft of these answers is on the device.
    pub saved: bool,
    pub dispatch: Callback<Action>,
}

/// The device-storage line: what is saved, and the two ways to remove it.
#[component]
pub fn DraftLine(p: &DraftLineProps) -> Html {
    let t = strings::text(p.lang);
    let reset = |dispatch: &Callback<Action>| {
        dispatch.emit(Action::Reset {
            id: super::new_id(),
            now: browser::now_ms(),
        })
    };
    let delete_draft = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_| {
            if super::settled() {
                autosave::delete_draft();
                reset(&dispatch);
            }
        })
    };
    let delete_all = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_| {
            if super::settled() {
                drafts::clear();
                drafts::forget_receipts();
                outbox::clear();
                uploads::clear();
                reset(&dispatch);
            }
        })
    };
    html! {
        <footer class="device">
            <p role="status">{ if p.saved { t.saved } else { "" } }</p>
            <p>
                <button type="button" class="link" onclick={delete_draft}>{ t.delete_draft }</button>
                <button type="button" class="link" onclick={delete_all}>{ t.delete_all }</button>
            </p>
        </footer>
    }
}
