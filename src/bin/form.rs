//! WebAssembly entry point of the family form (`/form/`), built separately from the widgets so
//! a news reader viewing a chart never downloads the form's validation and encryption code.

fn main() {
    let params = sijil_app::browser::PageParams::from_location();
    yew::Renderer::<sijil_app::App>::with_props(sijil_app::AppProps {
        lang: params.lang,
        route: sijil_app::Route::Home,
    })
    .render();
}
