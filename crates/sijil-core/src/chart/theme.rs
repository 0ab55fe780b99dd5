//! Concrete colours for one theme (light or dark). Charts write colours as attributes rather
//! than CSS classes so a downloaded SVG or PNG looks exactly like the chart on screen.

use super::palette;

#[derive(Clone, Copy, Debug)]
pub struct Colors {
    pub dark: bool,
    pub bg: &'static str,
    pub ink: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub series: &'static [&'static str; 16],
    /// The non-party series' colours ([`palette::OWN`] and after).
    pub own: &'static [&'static str; 2],
}

/// Colours are made only by [`Colors::new`] (the fields are public to read, and no code builds
/// them otherwise), so the theme decides them all: compared by it, not colour by colour (each
/// chart's memo compares them on every render; the wasm keeps one comparison, not seven).
impl PartialEq for Colors {
    fn eq(&self, other: &Self) -> bool {
        self.dark == other.dark
    }
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
                own: &palette::OWN_DARK,
            }
        } else {
            Colors {
                dark,
                bg: palette::LIGHT_BG,
                ink: "#1b1b1b",
                muted: "#555555",
                grid: "#d0d4da",
                series: &palette::LIGHT,
                own: &palette::OWN_LIGHT,
            }
        }
    }

    /// A series' colour: a party's by its index in the feed's list, or from
    /// [`palette::OWN`] on, a non-party series' own.
    pub fn series(&self, i: usize) -> &'static str {
        match i.checked_sub(palette::OWN) {
            Some(k) => self.own[k.min(self.own.len() - 1)],
            None => self.series[palette::index(i)],
        }
    }
}

/// Dash patterns so lines differ by more than colour.
pub const DASHES: [&str; 4] = ["", "7 4", "2 3", "10 3 2 3"];
