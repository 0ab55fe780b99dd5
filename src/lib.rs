//! The Sijil web app: a thin Yew layer over `sijil-core`.
//!
//! Components here only turn core values into markup and browser events into core calls; every
//! rule (validation, feed parsing, chart layout) lives in `sijil-core` so it is tested natively.
//! Browser-only calls are confined to [`browser`] and [`net`], which compile natively too (they
//! simply have nothing to read there), so the components render under SSR in plain `cargo test`.
//!
//! Six binaries share this library, so each page downloads only its own code: `sijil-site`
//! (home and the `/embed` builder), the four `sijil-widget-*` (`/widget/{page}/`, what embeds
//! load) and `sijil-form` (`/form/`).

pub mod browser;
pub mod embed_builder;
pub mod feed_state;
pub mod form;
pub mod format;
pub mod i18n;
pub mod net;
pub mod widgets;

mod home;

/// The allocator of every page in the browser: Talc, in place of the standard library's
/// dlmalloc, is about 1 KB smaller (brotli) and no slower for these pages, which only ever run
/// one thread.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use sijil_core::lang::Lang;
use yew::prelude::*;

pub use home::Home;

/// Which site page to show, from the URL path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Route {
    Home,
    Embed,
}

impl Route {
    pub fn from_location() -> Route {
        match browser::path().trim_end_matches('/') {
            "/embed" => Route::Embed,
            _ => Route::Home,
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The language the page starts in (from `?lang=`, else the configured default).
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or(Route::Home)]
    pub route: Route,
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
    match props.route {
        Route::Embed => html! { <embed_builder::EmbedBuilder lang={*lang} {on_lang} /> },
        Route::Home => html! { <Home lang={*lang} {on_lang} /> },
    }
}
