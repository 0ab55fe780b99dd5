//! The draft on the device, as the form page's hooks see it: restored on arrival, written 400 ms
//! after the typing stops and at once when the page is hidden or closed (`pagehide`,
//! `visibilitychange`), so typing and then closing the tab loses nothing; removed from every tab
//! when one tab sends or deletes it. What a draft holds and how it is stored is
//! [`super::drafts`]'s.

use super::state::{Action, FormState, Phase};
use super::{drafts, files, uploads};
use crate::browser;
use sijil_report::receipt::ReportId;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long after the last keystroke the draft is written.
const QUIET_MS: u32 = 400;

/// The state not yet written to the device (typed in the last [`QUIET_MS`]). Quick exit takes
/// it, so the `pagehide` of leaving saves nothing.
pub type Unsaved = Rc<RefCell<Option<FormState>>>;

/// On arrival: the saved draft comes back, and attached files neither in it nor waiting to be
/// uploaded (an expired or deleted draft's) leave the device. Also asks for persistent storage
/// and registers the offline shell, so what is kept stays.
#[hook]
pub fn use_draft_restore(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        let draft = drafts::load(browser::today(), browser::now_ms());
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
    });
}

/// Saves the draft [`QUIET_MS`] after the answers or the step last changed, and at once when
/// the page is hidden. Only an editing form with answers is saved: after sending, the timer is
/// dropped (cancelled), so no late save can bring the plaintext draft back.
#[hook]
pub fn use_draft_autosave(s: &FormState, dispatch: Callback<Action>) -> Unsaved {
    let unsaved: Unsaved = use_mut_ref(|| None);
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let unsaved = unsaved.clone();
        let snapshot = s.clone();
        use_effect_with((s.input.clone(), s.step), move |_| {
            let save = snapshot.phase == Phase::Editing && snapshot.input != Default::default();
            *unsaved.borrow_mut() = save.then(|| snapshot.clone());
            // Replacing the timer drops (cancels) the previous one.
            *timer.borrow_mut() = save.then(|| {
                gloo_timers::callback::Timeout::new(QUIET_MS, move || {
                    let pending = unsaved.borrow_mut().take();
                    if pending.is_some_and(|s| drafts::save(&s)) {
                        dispatch.emit(Action::Saved(browser::now_ms()));
                    }
                })
            });
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
    unsaved
}

/// Another tab sent, deleted or quick-exited the report shown here (it removed the draft of this
/// report's id): its answers leave this tab too, and this tab's copy, which its save timer may
/// write back just after the removal, is removed again. A draft of another report, or a report
/// already past editing here, is left alone.
#[hook]
pub fn use_draft_removed_elsewhere(s: &FormState, unsaved: Unsaved, dispatch: Callback<Action>) {
    let shown = use_mut_ref(|| None::<ReportId>);
    *shown.borrow_mut() = (s.phase == Phase::Editing).then_some(s.id);
    use_effect_with((), move |_| {
        let listener = browser::on_removed_elsewhere(drafts::KEY, move |old| {
            let Some(id) = drafts::id_of(&old).filter(|id| *shown.borrow() == Some(*id)) else {
                return;
            };
            unsaved.borrow_mut().take();
            if browser::storage_get(drafts::KEY).is_some_and(|j| drafts::id_of(&j) == Some(id)) {
                drafts::clear();
            }
            dispatch.emit(Action::Reset {
                id: super::new_id(),
                now: browser::now_ms(),
            });
        });
        move || drop(listener)
    });
}

/// "Delete what I typed": the draft and its files (not those of reports waiting to upload).
pub fn delete_draft() {
    drafts::clear();
    let keep = uploads::queued_ids();
    yew::platform::spawn_local(async move { files::forget_all_but(&keep).await });
}
