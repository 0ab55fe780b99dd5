//! Chart layout math: everything about a chart that is arithmetic rather than markup.
//!
//! The Yew widgets turn these numbers into SVG elements; keeping the math here means axis ticks,
//! gaps in a trend line and the tile map are tested natively, and the widgets stay thin.
//!
//! Values are `Option<u64>` throughout: `None` is "not published", which is drawn as a gap or
//! left out with a note, never as a zero-height bar.

pub mod num;
pub mod palette;
pub mod scale;
pub mod series;
pub mod tiles;

pub use scale::{nice_ticks, LinearScale};
pub use series::{bar_layout, line_segments, Bar, Point};
pub use tiles::{tile_layout, Tile};
