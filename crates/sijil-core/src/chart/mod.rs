//! Chart layout math and drawing: everything about a chart that does not need a browser.
//!
//! Axis ticks, gaps in a trend line and the tile map are arithmetic ([`scale`], [`series`],
//! [`tiles`]); [`draw`] turns the view models into SVG markup with that arithmetic, so what a
//! chart shows is tested natively and the Yew widgets only add interaction.
//!
//! Values are `Option<u64>` throughout: `None` is "not published", which is drawn as a gap or
//! left out with a note, never as a zero-height bar.

pub mod draw;
pub mod num;
pub mod palette;
pub mod scale;
pub mod series;
pub mod theme;
pub mod tiles;

pub use scale::{nice_ticks, LinearScale};
pub use series::{bar_layout, line_segments, Bar, Point};
pub use tiles::{tile_layout, Tile};
