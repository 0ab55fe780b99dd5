//! The Sijil web app: a thin Yew layer over `sijil-core`.
//!
//! Components here only turn core values into markup and browser events into core calls; every
//! rule (validation, feed parsing, chart layout) lives in `sijil-core` so it is tested natively.
//! Browser-only calls are confined to [`browser`], which compiles natively too (it simply has
//! nothing to read there), so the components render under SSR in plain `cargo test`.

pub mod browser;
pub mod i18n;

mod home;

use sijil_core::lang::Lang;
use yew::prelude::*;

pub use home::Home;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The language the page starts in (from `?lang=`, else the configured default).
    #[prop_or_default]
    pub lang: Lang,
}

/// The root component: owns the interface language and keeps `<html lang dir>` in step with it.
#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = use_state(|| props.lang);
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| browser::set_document_lang(*lang));
    }
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| lang.set(l))
    };
    html! { <Home lang={*lang} {on_lang} /> }
}
