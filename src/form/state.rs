//! The form page's state and its one reducer (in the style of yew's function_todomvc): every
//! change to what the user typed, which step is shown, and where the report is in its journey
//! goes through [`reduce`], so the draft saver and the views only ever see consistent states.

use super::binding;
use sijil_core::lang::Lang;
use sijil_report::form::{steps, validate_step, AllowedParties, FieldError, FormInput, Step};
use sijil_report::receipt::ReportId;
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
    Attach(sijil_report::form::attachment::AttachmentInput),
    /// The relative removed a file (by id).
    Detach(String),
    /// Another version of a file (its location removed, a smaller copy, the original again)
    /// takes the place of the file with this id.
    Replace(String, sijil_report::form::attachment::AttachmentInput),
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
    pub parties: Rc<Vec<sijil_report::config::PartyChoice>>,
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

    /// The shown step's place among the visible steps (0, the first, if it is not one of them).
    pub fn position(&self) -> usize {
        let visible = self.visible_steps();
        visible.iter().position(|x| *x == self.step).unwrap_or(0)
    }

    fn check(&self, env: &Env, step: Step) -> Vec<FieldError> {
        validate_step(
            &self.input,
            step,
            env.today,
            AllowedParties::Known(&env.parties),
        )
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
                if list.len() < sijil_report::form::attachment::MAX_FILES
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

/// Every action of the reducer, natively (`cargo test -p sijil-app --lib form::state`): what
/// each one changes, and what it must leave alone.
#[cfg(test)]
mod tests {
    use super::*;
    use sijil_report::config::{Bilingual, PartyChoice};
    use sijil_report::form::attachment::{AttachmentInput, MAX_FILES};

    fn env() -> Env {
        Env {
            today: sijil_core::feed::Date::new(2024, 6, 1).unwrap(),
            parties: Rc::new(vec![PartyChoice {
                id: "regime".into(),
                name: Bilingual {
                    en: "Syrian regime forces".into(),
                    ar: "قوات النظام السوري".into(),
                },
            }]),
        }
    }

    fn id(n: u8) -> ReportId {
        ReportId::from_random([n; 16])
    }

    fn new() -> FormState {
        FormState::new(Lang::Ar, id(1), 1_000.0)
    }

    /// Applies the actions in order.
    fn run(mut s: FormState, actions: impl IntoIterator<Item = Action>) -> FormState {
        for a in actions {
            s = s.reduce(a, &env());
        }
        s
    }

    fn set(id: &'static str, v: &str) -> Action {
        Action::Set(AttrValue::from(id), v.to_owned())
    }

    /// Answers that complete the first step.
    fn about_you() -> Vec<Action> {
        vec![
            set("about_you.relationship", "parent"),
            set("about_you.contact_ok", "no"),
            set("about_you.consent_store", "true"),
        ]
    }

    fn file(id: &str) -> AttachmentInput {
        AttachmentInput {
            id: id.into(),
            name: format!("{id}.jpg"),
            media_type: "image/jpeg".into(),
            size: 10,
            sha256: "ab".repeat(32),
            original_sha256: String::new(),
            sent: "original".into(),
        }
    }

    fn fields(s: &FormState) -> Vec<&str> {
        s.errors.iter().map(|e| e.field.as_str()).collect()
    }

    fn pending(receipt: &str) -> FormState {
        run(
            new(),
            [Action::Queued {
                receipt: receipt.into(),
            }],
        )
    }

    #[test]
    fn set_writes_the_answer_and_rechecks_only_once_errors_are_shown() {
        let s = run(new(), [set("victim.first_name", "محمد")]);
        assert_eq!(s.input.victim.first_name, "محمد");
        assert!(s.errors.is_empty() && !s.checking, "no errors before Next");
        let s = run(s, [Action::Next]);
        assert!(
            fields(&s).contains(&"about_you.relationship"),
            "{:?}",
            fields(&s)
        );
        let s = run(s, [set("about_you.relationship", "parent")]);
        assert_eq!(s.input.about_you.relationship, "parent");
        assert!(
            !fields(&s).contains(&"about_you.relationship") && !s.errors.is_empty(),
            "the answered question's error goes as it is typed, the others stay: {:?}",
            fields(&s)
        );
    }

    #[test]
    fn next_refuses_a_step_with_errors_and_shows_the_next_one_without() {
        let s = run(new(), [Action::Next]);
        assert_eq!(s.step, Step::AboutYou);
        assert!(s.checking && !s.errors.is_empty());
        assert_eq!((s.focus_errors, s.focus_step), (1, 0));
        let s = run(s, about_you());
        assert!(s.errors.is_empty(), "{:?}", fields(&s));
        let s = run(s, [Action::Next]);
        assert_eq!(s.step, Step::Victim);
        assert!(!s.checking && s.errors.is_empty());
        assert_eq!((s.focus_errors, s.focus_step), (1, 1));
    }

    #[test]
    fn next_skips_detention_unless_it_applies() {
        let mut s = new();
        s.step = Step::Death;
        let death = || {
            [
                set("death.date_unknown", "true"),
                set("death.governorate", "SY02"),
            ]
        };
        let s = run(s, death().into_iter().chain([Action::Next]));
        assert_eq!(s.step, Step::Evidence, "{:?}", fields(&s));
        let mut s = new();
        s.step = Step::Death;
        let s = run(
            s,
            death()
                .into_iter()
                .chain([set("death.detained", "yes"), Action::Next]),
        );
        assert_eq!(s.step, Step::Detention, "{:?}", fields(&s));
    }

    #[test]
    fn back_shows_the_previous_visible_step_with_errors_cleared_and_stays_on_the_first() {
        let mut s = new();
        s.step = Step::Evidence;
        s.errors = vec![FieldError {
            field: "evidence.links[0]".into(),
            kind: sijil_report::form::FieldErrorKind::Required,
        }];
        s.checking = true;
        let s = run(s, [Action::Back]);
        assert_eq!(
            s.step,
            Step::Death,
            "detention is not shown, so not gone back to"
        );
        assert!(s.errors.is_empty() && !s.checking);
        assert_eq!(s.focus_step, 1);
        let s = run(s, [Action::Back, Action::Back, Action::Back]);
        assert_eq!(s.step, Step::AboutYou);
    }

    #[test]
    fn go_opens_a_step_and_offers_back_to_review_only_from_the_review() {
        let mut s = new();
        s.step = Step::Review;
        let s = run(s, [Action::Go(Step::Victim)]);
        assert_eq!(s.step, Step::Victim);
        assert!(s.from_review);
        let s = run(s, [Action::Go(Step::Death)]);
        assert!(!s.from_review, "Go from a step that is not the review");
        assert_eq!(s.focus_step, 2);
    }

    #[test]
    fn to_review_goes_back_only_from_a_step_without_errors() {
        let mut s = new();
        s.step = Step::Review;
        let s = run(s, [Action::Go(Step::AboutYou), Action::ToReview]);
        assert_eq!(s.step, Step::AboutYou, "the step has errors");
        assert!(s.checking && s.focus_errors == 1);
        let s = run(s, about_you().into_iter().chain([Action::ToReview]));
        assert_eq!(s.step, Step::Review);
        assert!(s.errors.is_empty() && !s.from_review);
    }

    #[test]
    fn attach_adds_a_new_file_once_and_at_most_the_maximum() {
        let mut s = run(new(), [Action::Files(FilesNote::Gone)]);
        assert_eq!(s.files_note, Some(FilesNote::Gone));
        s = run(s, [Action::Attach(file("a")), Action::Attach(file("a"))]);
        assert_eq!(s.input.evidence.attachments, vec![file("a")]);
        assert_eq!(s.files_note, None, "a change to the files clears the note");
        for n in 0..MAX_FILES + 2 {
            s = run(s, [Action::Attach(file(&format!("f{n}")))]);
        }
        assert_eq!(s.input.evidence.attachments.len(), MAX_FILES);
        assert_eq!(s.input.evidence.attachments[0], file("a"));
    }

    #[test]
    fn detach_removes_the_file_by_id_and_replace_swaps_it_in_place() {
        let s = run(
            new(),
            [
                Action::Attach(file("a")),
                Action::Attach(file("b")),
                Action::Attach(file("c")),
                Action::Files(FilesNote::StillEncrypting),
                Action::Detach("b".into()),
            ],
        );
        assert_eq!(s.input.evidence.attachments, vec![file("a"), file("c")]);
        assert_eq!(s.files_note, None);
        let mut smaller = file("a2");
        smaller.sent = "smaller_copy".into();
        let s = run(
            s,
            [
                Action::Replace("a".into(), smaller.clone()),
                Action::Replace("gone".into(), file("x")),
            ],
        );
        assert_eq!(s.input.evidence.attachments, vec![smaller, file("c")]);
    }

    #[test]
    fn files_incident_lang_saved_and_cannot_send_set_their_field_only() {
        let before = new();
        let s = run(before.clone(), [Action::Files(FilesNote::StillEncrypting)]);
        assert_eq!(s.files_note, Some(FilesNote::StillEncrypting));
        let s = run(s, [Action::Incident("inc-1".into())]);
        assert_eq!(s.input.incident, "inc-1");
        let s = run(s, [Action::Lang(Lang::En)]);
        assert_eq!(s.lang, Lang::En);
        let s = run(s, [Action::Saved(5_000.0)]);
        assert_eq!(s.saved_at, Some(5_000.0));
        let s = run(s, [Action::CannotSend]);
        assert!(s.cannot_send);
        let mut expected = before;
        expected.files_note = Some(FilesNote::StillEncrypting);
        expected.input.incident = "inc-1".into();
        expected.lang = Lang::En;
        expected.saved_at = Some(5_000.0);
        expected.cannot_send = true;
        assert_eq!(s, expected);
    }

    #[test]
    fn restore_brings_back_the_draft_answers_step_id_and_start() {
        let mut input = FormInput::default();
        input.victim.family_name = "الخطيب".into();
        let s = run(
            new(),
            [Action::Restore {
                input: Box::new(input.clone()),
                step: Step::Death,
                id: id(7),
                started_ms: 42.0,
            }],
        );
        assert_eq!(
            (&s.input, s.step, s.id, s.started_ms),
            (&input, Step::Death, id(7), 42.0)
        );
        assert_eq!(s.phase, Phase::Editing);
    }

    #[test]
    fn invalid_shows_the_first_step_with_errors_and_only_its_errors() {
        let mut s = new();
        s.step = Step::Review;
        let error = |field: &str| FieldError {
            field: field.into(),
            kind: sijil_report::form::FieldErrorKind::Required,
        };
        let s = run(
            s,
            [Action::Invalid(vec![
                error("victim.sex"),
                error("death.date"),
                error("victim.civilian"),
            ])],
        );
        assert_eq!(s.step, Step::Victim);
        assert_eq!(fields(&s), ["victim.sex", "victim.civilian"]);
        assert!(s.checking && s.from_review);
        assert_eq!((s.focus_errors, s.focus_step), (1, 1));
    }

    #[test]
    fn queued_keeps_only_the_incident_for_the_next_victim_and_waits() {
        let s = run(
            new(),
            [
                set("about_you.relationship", "parent"),
                set("victim.first_name", "محمد"),
                set("death.town", "عفرين"),
                Action::Incident("inc-1".into()),
                Action::Queued {
                    receipt: "R-1".into(),
                },
            ],
        );
        assert_eq!(s.input, FormInput::default(), "the plaintext leaves memory");
        assert!(s.errors.is_empty());
        assert_eq!(
            s.phase,
            Phase::Pending {
                receipt: "R-1".into(),
                status: SendStatus::Sending
            }
        );
        let next = s.next_incident.as_deref().expect("the incident is kept");
        assert_eq!(
            (
                next.death.town.as_str(),
                next.incident.as_str(),
                next.about_you.relationship.as_str(),
                next.victim.first_name.as_str()
            ),
            ("عفرين", "inc-1", "parent", "")
        );
    }

    #[test]
    fn status_changes_only_the_same_waiting_report_and_never_a_refused_one() {
        let status = |receipt: &str, status| Action::Status {
            receipt: receipt.into(),
            status,
        };
        let s = run(pending("R-1"), [status("R-1", SendStatus::Offline)]);
        assert_eq!(
            s.phase,
            Phase::Pending {
                receipt: "R-1".into(),
                status: SendStatus::Offline
            }
        );
        let s = run(s, [status("R-2", SendStatus::Sending)]);
        assert!(matches!(
            s.phase,
            Phase::Pending {
                status: SendStatus::Offline,
                ..
            }
        ));
        let s = run(
            s,
            [
                status("R-1", SendStatus::Refused),
                status("R-1", SendStatus::Sending),
            ],
        );
        assert!(matches!(
            s.phase,
            Phase::Pending {
                status: SendStatus::Refused,
                ..
            }
        ));
        assert_eq!(
            run(new(), [status("R-1", SendStatus::Offline)]).phase,
            Phase::Editing
        );
    }

    #[test]
    fn delivered_marks_only_the_waiting_report_with_that_receipt_as_sent() {
        let delivered = |r: &str| Action::Delivered { receipt: r.into() };
        let s = run(pending("R-1"), [delivered("R-2")]);
        assert!(matches!(s.phase, Phase::Pending { .. }));
        let s = run(s, [delivered("R-1")]);
        assert_eq!(
            s.phase,
            Phase::Sent {
                receipt: "R-1".into()
            }
        );
        assert_eq!(run(new(), [delivered("R-1")]).phase, Phase::Editing);
    }

    #[test]
    fn deleted_ends_only_a_waiting_report() {
        assert_eq!(run(pending("R-1"), [Action::Deleted]).phase, Phase::Deleted);
        let sent = run(
            pending("R-1"),
            [Action::Delivered {
                receipt: "R-1".into(),
            }],
        );
        assert_eq!(run(sent.clone(), [Action::Deleted]), sent);
        assert_eq!(run(new(), [Action::Deleted]).phase, Phase::Editing);
    }

    #[test]
    fn same_incident_opens_the_next_victim_prefilled_after_a_queued_report_only() {
        let start = run(
            new(),
            about_you().into_iter().chain([
                set("victim.first_name", "محمد"),
                set("death.town", "عفرين"),
                Action::Lang(Lang::En),
            ]),
        );
        assert_eq!(
            run(
                start.clone(),
                [Action::SameIncident {
                    id: id(2),
                    now: 9.0
                }]
            ),
            start,
            "nothing queued: nothing happens"
        );
        let queued = run(
            start,
            [Action::Queued {
                receipt: "R-1".into(),
            }],
        );
        let s = run(
            queued,
            [Action::SameIncident {
                id: id(2),
                now: 9.0,
            }],
        );
        assert_eq!((s.id, s.started_ms, s.lang), (id(2), 9.0, Lang::En));
        assert_eq!(s.phase, Phase::Editing);
        assert_eq!(
            s.step,
            Step::Victim,
            "the relative's own step is already answered"
        );
        assert_eq!(s.previous_receipt.as_deref(), Some("R-1"));
        assert_eq!(s.input.death.town, "عفرين");
        assert_eq!(s.input.victim.first_name, "");
        assert!(s.next_incident.is_none());
        assert_eq!(s.focus_step, 1);
    }

    #[test]
    fn reset_forgets_everything_but_the_language() {
        let s = run(
            pending("R-1"),
            [
                Action::Lang(Lang::En),
                Action::Reset {
                    id: id(3),
                    now: 77.0,
                },
            ],
        );
        assert_eq!(s, FormState::new(Lang::En, id(3), 77.0));
    }
}
