//! The screen after "send": delivered, waiting (and why, in words that match what is really
//! happening), refused by the server, or cancelled. Its heading takes focus when it appears,
//! so a screen reader announces the outcome.
//!
//! Every button does exactly what it says: a waiting report can be sent now or cancelled (after
//! a confirmation, with a visible "Deleted from this device"); a refused one is never retried,
//! and the screen shows how to reach the organization and offers to delete it.

use super::outbox;
use super::state::{Action, Phase, SendStatus};
use super::strings::{self, FormText};
use crate::browser;
use sijil_core::lang::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    /// Not `Editing`.
    pub phase: Phase,
    pub lang: Lang,
    pub intake: AttrValue,
    /// The organization's contact from the config, in this language.
    pub contact: Option<AttrValue>,
    pub dispatch: Callback<Action>,
    /// The incident of the report just sent is known (this visit): offer the next victim's.
    #[prop_or_default]
    pub another: bool,
}

fn receipt_block(t: &FormText, receipt: &str) -> Html {
    html! {
        <>
            <p class="receipt">{ t.receipt }{": "}<bdi dir="ltr"><strong>{ receipt.to_owned() }</strong></bdi></p>
            <p class="hint">{ t.receipt_hint }</p>
        </>
    }
}

/// The sentence for a waiting report's status.
fn status_line(t: &FormText, lang: Lang, status: SendStatus) -> String {
    match status {
        SendStatus::Sending => t.status_sending.to_owned(),
        SendStatus::Offline => t.status_offline.to_owned(),
        SendStatus::ServerFailed { next_at } => {
            let time = browser::local_hh_mm(next_at.max(browser::now_ms()));
            let time = strings::digits(lang, &time);
            // Isolated, so the time reads the same inside Arabic text.
            t.status_server
                .replace("{time}", &format!("\u{2066}{time}\u{2069}"))
        }
        SendStatus::Refused => t.refused_body.to_owned(),
    }
}

#[component]
pub fn Outcome(p: &OutcomeProps) -> Html {
    let t = strings::text(p.lang);
    let confirming = use_state(|| false);
    let again = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_| {
            if super::settled() {
                dispatch.emit(Action::Reset {
                    id: super::new_id(),
                    now: browser::now_ms(),
                });
            }
        })
    };
    let kept = use_state(|| false);
    let same = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_| {
            if super::settled() {
                dispatch.emit(Action::SameIncident {
                    id: super::new_id(),
                    now: browser::now_ms(),
                });
            }
        })
    };
    match &p.phase {
        Phase::Sent { receipt } => {
            // Follow-up without an account: the code can be kept on the phone (only if asked),
            // or used at once for a report linked to this one.
            let keep = {
                let (kept, receipt) = (kept.clone(), receipt.clone());
                Callback::from(move |_| {
                    if super::settled() && super::drafts::keep_receipt(&receipt) {
                        kept.set(true)
                    }
                })
            };
            let add = {
                let (dispatch, receipt) = (p.dispatch.clone(), receipt.clone());
                Callback::from(move |_| {
                    if super::settled() {
                        dispatch.emit(Action::Reset {
                            id: super::new_id(),
                            now: browser::now_ms(),
                        });
                        dispatch.emit(Action::Set("about_you.follows".into(), receipt.clone()));
                    }
                })
            };
            html! {
                <section class="outcome sent" aria-labelledby="outcome-title">
                    <h2 id="outcome-title" tabindex="-1">{ t.sent_title }</h2>
                    { receipt_block(t, receipt) }
                    <p>{ t.sent_body }</p>
                    if *kept {
                        <p role="status">{ t.kept }</p>
                    } else {
                        <p><button type="button" class="link" onclick={keep}>{ t.keep_code }</button></p>
                    }
                    <p class="actions">
                        if p.another { <button type="button" onclick={same}>{ t.same_incident }</button> }
                        <button type="button" onclick={add}>{ t.add_to_this }</button>
                        <button type="button" onclick={again}>{ t.new_report }</button>
                    </p>
                </section>
            }
        }
        Phase::Deleted => html! {
            <section class="outcome deleted" aria-labelledby="outcome-title">
                <h2 id="outcome-title" tabindex="-1">{ t.deleted }</h2>
                <p>{ t.deleted_body }</p>
                <button type="button" onclick={again}>{ t.new_report }</button>
            </section>
        },
        Phase::Pending { receipt, status } => {
            let refused = *status == SendStatus::Refused;
            let try_now = {
                let (intake, dispatch) = (p.intake.to_string(), p.dispatch.clone());
                Callback::from(move |_| outbox::spawn_flush(intake.clone(), true, dispatch.clone()))
            };
            let ask = {
                let c = confirming.clone();
                Callback::from(move |_| {
                    if super::settled() {
                        c.set(true)
                    }
                })
            };
            let keep = {
                let c = confirming.clone();
                Callback::from(move |_| c.set(false))
            };
            let delete = {
                let (dispatch, receipt) = (p.dispatch.clone(), receipt.clone());
                Callback::from(move |_| {
                    if outbox::remove(&receipt) {
                        dispatch.emit(Action::Deleted);
                    }
                })
            };
            let can_retry = matches!(
                status,
                SendStatus::Offline | SendStatus::ServerFailed { .. }
            );
            html! {
                <section class={classes!("outcome", "pending", refused.then_some("refused"))} aria-labelledby="outcome-title">
                    <h2 id="outcome-title" tabindex="-1">{ if refused { t.refused_title } else { t.pending_title } }</h2>
                    { receipt_block(t, receipt) }
                    if !refused { <p>{ t.pending_body }</p> }
                    <p class="send-status" role="status">{ status_line(t, p.lang, *status) }</p>
                    if refused {
                        if let Some(c) = &p.contact {
                            <p class="contact">{ t.contact_label }{" "}<bdi>{ c.clone() }</bdi></p>
                        }
                    }
                    if can_retry { <button type="button" onclick={try_now}>{ t.try_now }</button> }
                    if *confirming {
                        <div class="confirm" role="group" aria-labelledby="confirm-q">
                            <p id="confirm-q"><strong>{ t.cancel_confirm }</strong></p>
                            <button type="button" class="danger" onclick={delete}>{ t.cancel_yes }</button>
                            <button type="button" onclick={keep}>{ t.cancel_no }</button>
                        </div>
                    } else {
                        <p><button type="button" class="link" onclick={ask}>{ if refused { t.delete_report } else { t.cancel_report } }</button></p>
                    }
                </section>
            }
        }
        Phase::Editing => html! {},
    }
}
