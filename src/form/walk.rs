//! The form's walk through its steps as the phone sees it: each step after the first keeps one
//! history entry of the form's own above the page's, so the phone's Back button goes back a step
//! (every answer kept) instead of leaving; on the first step Back leaves as usual. Where focus
//! goes when a step, an error or the outcome appears. Quick exit, which must first step back off
//! the form's own entry so that Back cannot return to the page.

use super::autosave::Unsaved;
use super::state::{Action, FormState, Phase};
use super::{drafts, files, outbox, uploads};
use crate::browser;
use std::cell::{Cell, RefCell};
use yew::prelude::*;

thread_local! {
    /// The next `popstate` is the form's own `history.back()`, not the user's Back button.
    static OWN_POP: Cell<bool> = const { Cell::new(false) };
    /// Quick exit is under way (to this URL): it first steps back off the form's own history
    /// entry, so the exit page replaces the page's first entry and Back cannot return to it.
    static EXITING: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the form's history entry while a step after the first is shown, and turns the
/// phone's Back button into [`Action::Back`].
#[hook]
pub fn use_step_history(s: &FormState, dispatch: Callback<Action>) {
    let want = s.phase == Phase::Editing && s.position() > 0;
    // Whether the shown step wants the form's entry (read by the `popstate` handler below).
    let wants_entry = use_mut_ref(|| false);
    {
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

/// A new step opens at its top, its heading focused (and so announced).
#[hook]
pub fn use_step_focus(focus_step: u32) {
    use_effect_with(focus_step, |n| {
        if *n > 0 {
            browser::scroll_to_top();
            browser::focus_id("step-title");
        }
    });
}

/// Focuses the first field in error when errors appear (after Next or Send).
#[hook]
pub fn use_focus_first_error(s: &FormState) {
    let first = s.errors.first().map(|e| e.field.clone());
    use_effect_with(s.focus_errors, move |n| {
        if *n > 0 {
            if let Some(id) = first {
                browser::focus_id(&id);
            }
        }
    });
}

/// After sending (or on arrival with a waiting report): the outcome's heading takes focus.
#[hook]
pub fn use_outcome_focus(phase: &Phase) {
    let kind = match phase {
        Phase::Editing => 0,
        Phase::Pending { .. } => 1,
        Phase::Sent { .. } => 2,
        Phase::Deleted => 3,
    };
    use_effect_with(kind, |k| {
        if *k > 0 {
            browser::scroll_to_top();
            browser::focus_id("outcome-title");
        }
    });
}

/// Quick exit (the button, or Escape pressed twice): wipes the draft and the files not waiting
/// to upload, hushes waiting reports and uploads (still delivered, never shown again), and
/// leaves for `url` without a way back.
#[hook]
pub fn use_quick_exit(url: &str, unsaved: Unsaved) -> Callback<()> {
    let url = url.to_owned();
    let exit = Callback::from(move |_| {
        // Nothing may be saved by the `pagehide` of leaving.
        unsaved.borrow_mut().take();
        drafts::clear();
        uploads::hush();
        let keep = uploads::queued_ids();
        yew::platform::spawn_local(async move { files::forget_all_but(&keep).await });
        drafts::forget_receipts();
        outbox::hush();
        leave(&url);
    });
    super::chrome::use_double_escape(exit.clone());
    exit
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
