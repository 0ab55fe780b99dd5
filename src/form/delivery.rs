//! When the form page tries to deliver: what waits on the device (reports in the [`outbox`],
//! then their files through [`uploads`]) is sent on arrival, when the browser comes back online,
//! every few seconds for entries whose backoff has passed, and, for files, as soon as their
//! report has arrived. How a delivery is made and retried is theirs; this module only decides
//! when.

use super::state::Action;
use super::{outbox, uploads};
use yew::prelude::*;

/// How often waiting entries are looked at (each is tried only once its backoff has passed).
const TICK_MS: u32 = 5_000;

/// Delivers waiting reports to `intake` and files to `uploads_url`. `sent`: the report on
/// screen has arrived, so its files may go now (see [`uploads`] on the order).
#[hook]
pub fn use_outbox_delivery(
    intake: &str,
    uploads_url: &str,
    sent: bool,
    dispatch: Callback<Action>,
) {
    let (intake, uploads_url) = (intake.to_owned(), uploads_url.to_owned());
    {
        let uploads_url = uploads_url.clone();
        use_effect_with((), move |_| {
            // A report still waiting shows its screen; everything waiting is tried at once.
            outbox::show_waiting(&dispatch);
            outbox::spawn_flush(intake.clone(), true, dispatch.clone());
            uploads::spawn_flush(uploads_url.clone(), true, Callback::noop());
            let (d2, i2, u2) = (dispatch.clone(), intake.clone(), uploads_url.clone());
            let online = crate::browser::on_online(move || {
                outbox::spawn_flush(i2.clone(), true, d2.clone());
                uploads::spawn_flush(u2.clone(), true, Callback::noop());
            });
            let tick = gloo_timers::callback::Interval::new(TICK_MS, move || {
                outbox::spawn_flush(intake.clone(), false, dispatch.clone());
                uploads::spawn_flush(uploads_url.clone(), false, Callback::noop());
            });
            move || {
                drop(online);
                drop(tick);
            }
        });
    }
    use_effect_with(sent, move |sent| {
        if *sent {
            uploads::spawn_flush(uploads_url, true, Callback::noop());
        }
    });
}
