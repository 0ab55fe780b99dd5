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
    /// Encrypted and in the outbox, not delivered yet: what is happening to it right now.
    Pending {
        receipt: String,
        status: SendStatus,
    },
    Sent {
        receipt: String,
    },
    /// The relative cancelled the waiting report: it was deleted from the device, unsent.
    Deleted,
}

/// What the pending screen says about a waiting report (each a different sentence, so the
/// relative is never told "when there is a connection" while the phone is online).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SendStatus {
    /// An upload is under way (or about to start).
    Sending,
    /// The browser is offline: it goes when the connection is back.
    Offline,
    /// Online, but the server failed or did not answer; the next try is at this time (ms).
    ServerFailed { next_at: f64 },
    /// The server refused the report itself (400/413): it is not retried; a person must help.
    Refused,
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
    /// Bumped when another step is shown, so the view scrolls to its top and focuses its
    /// heading.
    pub focus_step: u32,
    pub cannot_send: bool,
    /// Sending waits for files still being encrypted, or a file's ciphertext is gone.
    pub files_note: Option<FilesNote>,
    /// The start of the next report of the same incident, kept (in memory only) from the
    /// report just sent.
    pub next_incident: Option<Box<FormInput>>,
    /// The receipt of the report this one follows in the same incident (shown at the top).
    pub previous_receipt: Option<String>,
    /// The step was opened with "Edit" from the review: offer "Back to review".
    pub from_review: bool,
}

/// Why "send" did not send, about the attached files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilesNote {
    StillEncrypting,
    Gone,
}

pub enum Action {
    Set(AttrValue, String),
    /// A chosen file is encrypted and kept on the device: it joins the report.
    Attach(sijil_core::form::attachment::AttachmentInput),
    /// The relative removed a file (by id).
    Detach(String),
    /// Another version of a file (its location removed, a smaller copy, the original again)
    /// takes the place of the file with this id.
    Replace(String, sijil_core::form::attachment::AttachmentInput),
    Files(FilesNote),
    /// The report about to be sent gets this incident id (so the next victim's can share it).
    Incident(String),
    /// A new report for another person killed in the same incident, prefilled.
    SameIncident {
        id: ReportId,
        now: f64,
    },
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
    /// Go straight back to the review (after "Edit"), if this step has no errors.
    ToReview,
    Queued {
        receipt: String,
    },
    Delivered {
        receipt: String,
    },
    /// News about a waiting report from the outbox.
    Status {
        receipt: String,
        status: SendStatus,
    },
    /// The waiting report was cancelled and deleted.
    Deleted,
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
            focus_step: 0,
            cannot_send: false,
            files_note: None,
            next_incident: None,
            previous_receipt: None,
            from_review: false,
        }
    }

    pub fn visible_steps(&self) -> Vec<Step> {
        steps(&self.input)
    }

    fn check(&self, env: &Env, step: Step) -> Vec<FieldError> {
        validate_step(&self.input, step, env.today, Parties::Known(&env.parties))
    }

    /// Shows another step: at its top, errors cleared until the user tries to leave it.
    fn show(&mut self, step: Step) {
        self.step = step;
        self.errors.clear();
        self.checking = false;
        self.from_review = false;
        self.focus_step += 1;
    }

    /// The user tried to leave a step that has errors: show them and focus the first.
    fn refuse(&mut self, errors: Vec<FieldError>) {
        self.errors = errors;
        self.checking = true;
        self.focus_errors += 1;
    }

    pub fn reduce(mut self, action: Action, env: &Env) -> Self {
        match action {
            Action::Set(id, v) => {
                binding::set(&mut self.input, &id, v);
                if self.checking {
                    self.errors = self.check(env, self.step);
                }
            }
            Action::Attach(a) => {
                let list = &mut self.input.evidence.attachments;
                if list.len() < sijil_core::form::attachment::MAX_FILES
                    && !list.iter().any(|x| x.id == a.id)
                {
                    list.push(a);
                }
                self.files_note = None;
                if self.checking {
                    self.errors = self.check(env, self.step);
                }
            }
            Action::Detach(id) => {
                self.input.evidence.attachments.retain(|x| x.id != id);
                self.files_note = None;
                if self.checking {
                    self.errors = self.check(env, self.step);
                }
            }
            Action::Replace(old, new) => {
                if let Some(x) = self
                    .input
                    .evidence
                    .attachments
                    .iter_mut()
                    .find(|x| x.id == old)
                {
                    *x = new;
                }
            }
            Action::Incident(id) => self.input.incident = id,
            Action::SameIncident { id, now } => {
                let receipt = match &self.phase {
                    Phase::Pending { receipt, .. } | Phase::Sent { receipt } => receipt.clone(),
                    _ => return self,
                };
                let Some(input) = self.next_incident.take() else {
                    return self;
                };
                let lang = self.lang;
                self = FormState::new(lang, id, now);
                self.input = *input;
                self.previous_receipt = Some(receipt);
                self.show(Step::Victim);
            }
            Action::Files(note) => self.files_note = Some(note),
            Action::Next => {
                let errors = self.check(env, self.step);
                if errors.is_empty() {
                    let visible = self.visible_steps();
                    let i = visible.iter().position(|s| *s == self.step).unwrap_or(0);
                    let next = visible.get(i + 1).copied().unwrap_or(Step::Review);
                    self.show(next);
                } else {
                    self.refuse(errors);
                }
            }
            Action::Back => {
                let visible = self.visible_steps();
                let i = visible.iter().position(|s| *s == self.step).unwrap_or(0);
                self.show(visible[i.saturating_sub(1)]);
            }
            Action::Go(step) => {
                let from_review = self.step == Step::Review;
                self.show(step);
                self.from_review = from_review && step != Step::Review;
            }
            Action::ToReview => {
                let errors = self.check(env, self.step);
                if errors.is_empty() {
                    self.show(Step::Review);
                } else {
                    self.refuse(errors);
                }
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
                let from_review = self.step == Step::Review && first != Step::Review;
                self.show(first);
                self.from_review = from_review;
                self.refuse(
                    errors
                        .into_iter()
                        .filter(|e| e.step_id() == first.id())
                        .collect(),
                );
            }
            Action::CannotSend => self.cannot_send = true,
            Action::Queued { receipt } => {
                // Only ciphertext is kept from here on: the answers leave memory too, except
                // the incident's and the relative's, for the next victim of the same attack.
                self.next_incident = Some(Box::new(self.input.same_incident()));
                self.input = FormInput::default();
                self.errors.clear();
                self.phase = Phase::Pending {
                    receipt,
                    status: SendStatus::Sending,
                };
            }
            Action::Delivered { receipt } => {
                if matches!(&self.phase, Phase::Pending { receipt: r, .. } if *r == receipt) {
                    self.phase = Phase::Sent { receipt };
                }
            }
            Action::Status { receipt, status } => {
                if let Phase::Pending {
                    receipt: r,
                    status: old,
                } = &mut self.phase
                {
                    // A refused report stays refused: nothing will try it again.
                    if *r == receipt && *old != SendStatus::Refused {
                        *old = status;
                    }
                }
            }
            Action::Deleted => {
                if matches!(self.phase, Phase::Pending { .. }) {
                    self.phase = Phase::Deleted;
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
