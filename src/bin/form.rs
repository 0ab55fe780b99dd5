//! WebAssembly entry point of the family form (`/form/`), built separately from the widgets so
//! a news reader viewing a chart never downloads the form's validation and encryption code.

fn main() {
    let lang = sijil_app::browser::PageParams::from_location().lang;
    yew::Renderer::<sijil_app::form::FormPage>::with_props(sijil_app::form::FormPageProps { lang })
        .render();
}
