//! WebAssembly entry point: reads the page's parameters and mounts the app.

fn main() {
    let params = sijil_app::browser::PageParams::from_location();
    yew::Renderer::<sijil_app::App>::with_props(sijil_app::AppProps { lang: params.lang }).render();
}
