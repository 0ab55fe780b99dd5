//! WebAssembly entry point of the family form (`/form/`), built separately from the widgets so
//! a news reader viewing a chart never downloads the form's validation and encryption code.

fn main() {
    // Names are stored in NFC: the browser's normalizer, instead of 48 KB of Unicode tables.
    sijil_report::form::text::set_normalizer(sijil_app::browser::nfc);
    let lang = sijil_app::browser::PageParams::from_location().lang;
    yew::Renderer::<sijil_app::form::FormPage>::with_props(sijil_app::form::FormPageProps { lang })
        .render();
}
