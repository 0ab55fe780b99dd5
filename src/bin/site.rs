//! WebAssembly entry point of the site pages: the home page and the `/embed` builder.

fn main() {
    let params = sijil_app::browser::PageParams::from_location();
    let route = sijil_app::Route::from_location();
    yew::Renderer::<sijil_app::App>::with_props(sijil_app::AppProps {
        lang: params.lang,
        route,
    })
    .render();
}
