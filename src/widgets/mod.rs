//! The statistics widgets: six views of the monthly tallies, each a component rendered inside a
//! shared frame, and the pages that load the feed and show one of them (`/widget/{page}/?w=…`),
//! which are also what embeds load in their iframe.

pub mod frame;
pub mod glance;
pub mod governorates;
pub mod incidents;
pub mod marks;
pub mod page;
pub mod parties;
pub mod timeseries;
pub mod view;

pub use page::WidgetPage;

use crate::browser;
use sijil_core::embed::WidgetParams;
use view::Renderer;

/// Entry point of a widget page's binary: reads the widget's parameters from the URL and shows
/// it. A URL naming a widget that lives on another page (an old `/widget?w=…` link, say) is sent
/// there without adding to the history.
pub fn start(renderer: Renderer) {
    let default_lang = browser::PageParams::from_location().lang;
    let pairs = browser::query_pairs();
    let mut params = WidgetParams::from_query(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        default_lang,
    );
    if !pairs.iter().any(|(k, _)| k == "w") {
        params.kind = renderer.default;
    }
    if params.kind.page() != renderer.page {
        browser::leave_to(&params.url(""));
        return;
    }
    let served = browser::find_served();
    let props = page::WidgetPageProps {
        params,
        renderer,
        served,
    };
    // A page the server wrote the widget into keeps it while the app starts: the app renders
    // beside it (Yew empties the element it renders into) and takes its place when it can.
    if let Some(host) = browser::app_host(served) {
        yew::Renderer::<WidgetPage>::with_root_and_props(host, props).render();
    }
}
