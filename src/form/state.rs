//! The form page's state and its one reducer (in the style of yew's function_todomvc): every
//! change to what the user typed, which step is shown, and where the report is in its journey
//! goes through [`reduce`], so the draft saver and the views only ever see consistent states.

use super::binding;
use sijil_core::form::{steps, validate_step, FieldError, FormInput, Parties, Step};
use sijil_core::lang::Lang;
use sijil_core::receipt::ReportId;
use std::rc::Rc;
use yew::prelude::*;

/// Where the report is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Editing,
    /// Encrypted and in the outbox, not delivered yet (offline, server error, …).
    Pending {
        receipt: String,
        refused: bool,
    },
    Sent {
        receipt: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormState {
    pub lang: Lang,
    pub input: FormInput,
    pub step: Step,
    /// Errors shown for the current step: computed when the user tries to leave it, then kept
    /// up to date as they type.
    pub errors: Vec<FieldError>,
    pub checking: bool,
    pub id: ReportId,
    pub started_ms: f64,
    pub saved_at: Option<f64>,
    pub phase: Phase,
    /// Bumped when errors appear, so the view moves focus to the first one.
    pub focus_errors: u32,
    pub cannot_send: bool,
}

pub enum Action {
    Set(AttrValue, String),
    Next,
    Back,
    Go(Step),
    Lang(Lang),
    Saved(f64),
    Restore {
        input: Box<FormInput>,
        step: Step,
        id: ReportId,
        started_ms: f64,
    },
    /// Sending found errors: show the first step that has any.
    Invalid(Vec<FieldError>),
    /// Encryption or the device's storage failed: nothing was queued, the answers are kept.
    CannotSend,
    Queued {
        receipt: String,
    },
    Delivered {
        receipt: String,
    },
    Refused,
    /// Forget the report (after delivery or "delete what I typed"): a new id, empty answers.
    Reset {
        id: ReportId,
        now: f64,
    },
}

/// What the reducer needs from outside: today's date and the party list.
#[derive(Clone, PartialEq)]
pub struct Env {
    pub today: sijil_core::feed::Date,
    pub parties: Rc<Vec<sijil_core::config::Party>>,
}

impl FormState {
    pub fn new(lang: Lang, id: ReportId, now: f64) -> Self {
        FormState {
            lang,
            input: FormInput::default(),
            step: Step::AboutYou,
            errors: Vec::new(),
            checking: false,
            id,
            started_ms: now,
            saved_at: None,
            phase: Phase::Editing,
            focus_errors: 0,
            cannot_send: false,
        }
    }

    pub fn visible_steps(&self) -> Vec<Step> {
        steps(&self.input)
    }

    fn check(&self, env: &Env, step: Step) -> Vec<FieldError> {
        validate_step(&self.input, step, env.today, Parties::Known(&env.parties))
    }

    pub fn reduce(mut self, action: Action, env: &Env) -> Self {
        match action {
            Action::Set(id, v) => {
                binding::set(&mut self.input, &id, v);
                if self.checking {
                    self.errors = self.check(env, self.step);
                }
            }
            Action::Next => {
                let errors = self.check(env, self.step);
                if errors.is_empty() {
                    let visible = self.visible_steps();
                    let i = visible.iter().position(|s| *s == self.step).unwrap_or(0);
                    self.step = visible.get(i + 1).copied().unwrap_or(Step::Review);
                    self.errors.clear();
                    self.checking = false;
                } else {
                    self.errors = errors;
                    self.checking = true;
                    self.focus_errors += 1;
                }
            }
            Action::Back => {
                let visible = self.visible_steps();
                let i = visible.iter().position(|s| *s == self.step).unwrap_or(0);
                self.step = visible[i.saturating_sub(1)];
                self.errors.clear();
                self.checking = false;
            }
            Action::Go(step) => {
                self.step = step;
                self.errors.clear();
                self.checking = false;
            }
            Action::Lang(lang) => self.lang = lang,
            Action::Saved(at) => self.saved_at = Some(at),
            Action::Restore {
                input,
                step,
                id,
                started_ms,
            } => {
                self.input = *input;
                self.step = step;
                self.id = id;
                self.started_ms = started_ms;
            }
            Action::Invalid(errors) => {
                let first = errors
                    .first()
                    .and_then(|e| Step::from_id(e.step_id()))
                    .unwrap_or(Step::Review);
                self.step = first;
                self.errors = errors
                    .into_iter()
                    .filter(|e| e.step_id() == first.id())
                    .collect();
                self.checking = true;
                self.focus_errors += 1;
            }
            Action::CannotSend => self.cannot_send = true,
            Action::Queued { receipt } => {
                // Only ciphertext is kept from here on: the answers leave memory too.
                self.input = FormInput::default();
                self.errors.clear();
                self.phase = Phase::Pending {
                    receipt,
                    refused: false,
                };
            }
            Action::Delivered { receipt } => {
                if matches!(&self.phase, Phase::Pending { receipt: r, .. } if *r == receipt) {
                    self.phase = Phase::Sent { receipt };
                }
            }
            Action::Refused => {
                if let Phase::Pending { receipt, .. } = self.phase {
                    self.phase = Phase::Pending {
                        receipt,
                        refused: true,
                    };
                }
            }
            Action::Reset { id, now } => {
                let lang = self.lang;
                self = FormState::new(lang, id, now);
            }
        }
        self
    }
}
