//! Concrete colours for one theme (light or dark). Charts write colours as attributes rather
//! than CSS classes so a downloaded SVG or PNG looks exactly like the chart on screen.

use super::palette;

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Colors {
    pub dark: bool,
    pub bg: &'static str,
    pub ink: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub series: &'static [&'static str; 16],
}

impl Colors {
    pub fn new(dark: bool) -> Self {
        if dark {
            Colors {
                dark,
                bg: palette::DARK_BG,
                ink: "#eceef1",
                muted: "#b4bac3",
                grid: "#3a414b",
                series: &palette::DARK,
            }
        } else {
            Colors {
                dark,
                bg: palette::LIGHT_BG,
                ink: "#1b1b1b",
                muted: "#555555",
                grid: "#d0d4da",
                series: &palette::LIGHT,
            }
        }
    }

    pub fn series(&self, i: usize) -> &'static str {
        self.series[palette::index(i)]
    }
}

/// Dash patterns so lines differ by more than colour.
pub const DASHES: [&str; 4] = ["", "7 4", "2 3", "10 3 2 3"];
