//! The statistics widgets: six views of the monthly tallies, each a component rendered inside a
//! shared frame, and the page that loads the feed and shows one of them (`/widget?w=…`), which is
//! also what embeds load in their iframe.

pub mod frame;
pub mod glance;
pub mod governorates;
pub mod marks;
pub mod page;
pub mod parties;
pub mod timeseries;
pub mod view;

pub use page::WidgetPage;
