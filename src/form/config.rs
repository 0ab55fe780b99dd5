//! The runtime config the form needs (`/config.json`, parsed and validated by `sijil-report`): where
//! to send, to whom to encrypt, the party list, where quick exit goes. A bad config stops the
//! form with the name of the bad key rather than sending reports nobody can read.

use crate::net;
use sijil_core::lang::Lang;
use sijil_report::config::{parse_config, Bilingual, PartyChoice};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct FormConfig {
    pub organization: Bilingual,
    pub intake_url: String,
    /// Where attachments go (tus): the intake's sibling `uploads` (`/api/reports` →
    /// `/api/uploads`), as the reference server serves them.
    pub uploads_url: String,
    pub recipients: Vec<String>,
    pub parties: Rc<Vec<PartyChoice>>,
    pub quick_exit_url: String,
    pub default_language: Lang,
    /// How a relative reaches the organization (shown when a report is refused).
    pub contact: Option<Bilingual>,
    /// The page's title; a neutral word when absent.
    pub form_title: Option<Bilingual>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    Loading,
    /// The bad key (and what is wrong with it), or why the file could not be read.
    Failed(String),
    Ready(Rc<FormConfig>),
}

#[hook]
pub fn use_config() -> UseStateHandle<Loaded> {
    let state = use_state(|| Loaded::Loading);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                // The page's shell fetched it while the app downloaded: no second round trip.
                let fetched = match crate::browser::shell_config() {
                    Some(text) => Ok(net::HttpResponse {
                        status: 200,
                        body: text.into_bytes(),
                        headers: Vec::new(),
                    }),
                    None => net::get("/config.json", 15_000).await,
                };
                let loaded = match fetched {
                    Ok(r) if r.status == 200 => match parse_config(&r.body) {
                        Ok(c) => Loaded::Ready(Rc::new(FormConfig {
                            recipients: c.recipients().into_iter().map(str::to_owned).collect(),
                            organization: c.organization,
                            uploads_url: uploads_url(&c.intake_url),
                            intake_url: c.intake_url,
                            parties: Rc::new(c.parties),
                            quick_exit_url: c.quick_exit_url,
                            default_language: c.default_language,
                            contact: c.contact,
                            form_title: c.form_title,
                        })),
                        Err(errors) => Loaded::Failed(
                            errors
                                .iter()
                                .map(|e| format!("{} ({})", e.key, e.message(Lang::En)))
                                .collect::<Vec<_>>()
                                .join("; "),
                        ),
                    },
                    Ok(r) => Loaded::Failed(format!("/config.json (HTTP {})", r.status)),
                    Err(_) => Loaded::Failed("/config.json (unreachable)".into()),
                };
                state.set(loaded);
            });
        });
    }
    state
}

/// The uploads endpoint beside an intake URL: its last path segment replaced by `uploads`.
pub fn uploads_url(intake: &str) -> String {
    let base = intake.trim_end_matches('/');
    match base.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/uploads"),
        None => "uploads".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uploads_sit_beside_the_intake() {
        assert_eq!(super::uploads_url("/api/reports"), "/api/uploads");
        assert_eq!(
            super::uploads_url("https://intake.example.org/api/reports/"),
            "https://intake.example.org/api/uploads"
        );
    }
}
