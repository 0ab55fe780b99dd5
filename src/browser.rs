//! The only place the app touches browser globals (window, location, document).
//!
//! On native targets (SSR tests) there is no window: every function here degrades to "nothing
//! to read / nothing to do" instead of panicking, so components stay renderable in `cargo test`.

use sijil_core::lang::Lang;

/// Parameters read from the page URL. Parameters live in the URL so every view has a permalink;
/// nothing sensitive ever goes there.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageParams {
    pub lang: Lang,
}

impl PageParams {
    pub fn from_location() -> Self {
        let lang = query_param("lang")
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default();
        PageParams { lang }
    }
}

fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// Reads one query-string parameter of the current page.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Sets `<html lang dir>` from the chosen language (never guessed from the text).
pub fn set_document_lang(lang: Lang) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // Failing to set an attribute leaves the previous language in place; nothing to recover.
    let _ = root.set_attribute("lang", lang.tag());
    let _ = root.set_attribute("dir", lang.dir());
}
