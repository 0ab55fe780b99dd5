//! WebAssembly entry point of `/widget`: exactly one widget, which is what every embed loads.
//! Kept apart from the site pages so an embedded chart downloads nothing else.

use sijil_core::embed::WidgetParams;

fn main() {
    let default_lang = sijil_app::browser::PageParams::from_location().lang;
    let pairs = sijil_app::browser::query_pairs();
    let params = WidgetParams::from_query(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        default_lang,
    );
    yew::Renderer::<sijil_app::widgets::WidgetPage>::with_props(
        sijil_app::widgets::page::WidgetPageProps { params },
    )
    .render();
}
