//! Linear scales and "nice" axis ticks (1, 2, 5 × 10ⁿ steps), as readers expect from Datawrapper
//! and Our World in Data charts: round numbers, the top tick at or above the largest value.

/// Maps a value in `[0, max]` onto a pixel range. `range_from` may be larger than `range_to`
/// (SVG's y axis grows downwards, so a value axis usually runs from the bottom up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    pub max: f64,
    pub range_from: f64,
    pub range_to: f64,
}

impl LinearScale {
    pub fn new(max: f64, range_from: f64, range_to: f64) -> Self {
        // A chart whose values are all zero still needs a non-degenerate axis.
        let max = if max > 0.0 { max } else { 1.0 };
        LinearScale {
            max,
            range_from,
            range_to,
        }
    }

    pub fn map(&self, v: f64) -> f64 {
        self.range_from + (v / self.max) * (self.range_to - self.range_from)
    }
}

/// Ticks from 0 to a round number ≥ `max`, about `target` of them, on a 1/2/5 step.
pub fn nice_ticks(max: u64, target: u32) -> Vec<u64> {
    let target = u64::from(target.max(1));
    if max == 0 {
        return vec![0, 1];
    }
    let raw = max.div_ceil(target);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10 * magnitude);
    let top = max.div_ceil(step) * step;
    (0..=top / step).map(|i| i * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(138, 4), vec![0, 50, 100, 150]);
        assert_eq!(nice_ticks(10, 5), vec![0, 2, 4, 6, 8, 10]);
        assert_eq!(nice_ticks(1, 4), vec![0, 1]);
        assert_eq!(nice_ticks(0, 4), vec![0, 1]);
        assert_eq!(nice_ticks(9_999_999, 4), vec![0, 5_000_000, 10_000_000]);
        for max in [3u64, 17, 99, 101, 723, 1_532, 12_345] {
            let t = nice_ticks(max, 4);
            assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
            assert!(t.len() <= 9, "{max}: {t:?}");
        }
    }

    #[test]
    fn scale_maps_zero_and_max_to_the_ends() {
        let s = LinearScale::new(150.0, 200.0, 0.0);
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(150.0), 0.0);
        assert_eq!(s.map(75.0), 100.0);
        assert_eq!(LinearScale::new(0.0, 0.0, 10.0).map(0.0), 0.0);
    }
}
