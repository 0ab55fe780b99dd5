//! Colours for chart marks: colour-blind-safe hues (after Okabe & Ito), darkened for light
//! backgrounds and lightened for dark ones so every mark keeps a contrast of at least 3:1
//! (WCAG 1.4.11) against the page. Colour is never the only cue: marks are labelled too.
//!
//! A party's colour is chosen by its position in the feed's party list, so the same party has
//! the same colour in every widget and every month. Sixteen colours: SNHR's list has fifteen
//! parties (eight, then "other parties" and its six sub-parties), and a ninth party must not
//! take the first one's colour. Beyond sixteen the colours repeat; rows are always labelled.

/// Chart page backgrounds (must match `static/app.css`).
pub const LIGHT_BG: &str = "#ffffff";
pub const DARK_BG: &str = "#121417";

/// Series colours on the light theme.
pub const LIGHT: [&str; 16] = [
    "#0060a0", // blue
    "#b34700", // vermilion
    "#00795a", // bluish green
    "#a2407a", // reddish purple
    "#5a5a5a", // grey
    "#7a6500", // dark yellow
    "#2f4f9f", // indigo
    "#8a3b12", // brown
    "#c0143c", // crimson
    "#6a3dba", // violet
    "#4f7a00", // olive green
    "#007a8a", // teal
    "#b0008a", // magenta
    "#1f3a60", // navy
    "#8b5e00", // ochre
    "#5c5c8a", // slate
];

/// The same hues for the dark theme.
pub const DARK: [&str; 16] = [
    "#56b4e9", "#e69f00", "#3fc89a", "#e39ac5", "#bdbdbd", "#f0e442", "#9db7ff", "#e89a6a",
    "#ff8095", "#b89cff", "#a8d14f", "#4fd0e0", "#ff7ae0", "#8fb3e8", "#e0b050", "#b3b3e0",
];

/// The first colour index of the series that are not a party's: the month's deaths under
/// torture, its massacres and the deaths in them. Their own colours, which no party ever takes
/// ([`OWN_LIGHT`], [`OWN_DARK`]): a torture chart draws the total next to the parties' lines, and
/// the total must not wear the first party's colour (nor the massacres a fourth party's).
pub const OWN: usize = 1 << 16;

/// The non-party series' colours on the light theme: neutral ink tones, unlike every hue above.
pub const OWN_LIGHT: [&str; 2] = ["#1b1b1b", "#8a8a8a"];
/// The same on the dark theme.
pub const OWN_DARK: [&str; 2] = ["#eceef1", "#8c8c8c"];

/// Colour index for the n-th item of a stable list.
pub fn index(position: usize) -> usize {
    position % LIGHT.len()
}

fn channel(hex: &str, i: usize) -> f64 {
    let v = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).expect("palette colours are #rrggbb")
        as f64
        / 255.0;
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance of a `#rrggbb` colour.
pub fn luminance(hex: &str) -> f64 {
    0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2)
}

/// WCAG contrast ratio between two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_colour_has_3_to_1_contrast_on_its_background() {
        for c in LIGHT {
            assert!(
                contrast(c, LIGHT_BG) >= 3.0,
                "{c} on white: {:.2}",
                contrast(c, LIGHT_BG)
            );
        }
        for c in DARK {
            assert!(
                contrast(c, DARK_BG) >= 3.0,
                "{c} on dark: {:.2}",
                contrast(c, DARK_BG)
            );
        }
    }

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert_eq!(index(8), 8, "a ninth party has a colour of its own");
        assert_eq!(index(17), 1);
    }

    #[test]
    fn the_non_party_colours_are_legible_greys_unlike_every_party_colour() {
        let rgb = |c: &str| [1, 3, 5].map(|i| i32::from_str_radix(&c[i..i + 2], 16).unwrap());
        let spread = |c: &str| {
            let v = rgb(c);
            v.iter().max().unwrap() - v.iter().min().unwrap()
        };
        for (own, parties, bg) in [(OWN_LIGHT, LIGHT, LIGHT_BG), (OWN_DARK, DARK, DARK_BG)] {
            for c in own {
                assert!(contrast(c, bg) >= 3.0, "{c} on {bg}");
                // A grey (no hue)…
                assert!(spread(c) <= 8, "{c}");
                for p in parties {
                    // …where every party colour has a hue, or is a grey of another lightness.
                    assert!(
                        spread(p) >= 40 || contrast(c, p) >= 1.5,
                        "{c} too close to {p}"
                    );
                }
            }
            assert!(contrast(own[0], own[1]) >= 1.5);
        }
    }

    #[test]
    fn the_sixteen_colours_are_distinct() {
        for list in [LIGHT, DARK] {
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }
}
