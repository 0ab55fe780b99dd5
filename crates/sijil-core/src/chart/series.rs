//! Bars and lines: placing a series of possibly-missing values on a chart.
//!
//! A missing month must read as missing. Bars for `None` are not emitted (the widget labels the
//! slot "not published"); lines break into separate segments around a gap instead of drawing a
//! slope through months nobody published.

use super::scale::LinearScale;

/// One bar slot: its position across the band axis and its length along the value axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub index: usize,
    /// Offset of the bar's start along the band axis.
    pub band_start: f64,
    pub band_width: f64,
    /// Length along the value axis (0 for a published zero; absent bars are not returned).
    pub length: f64,
    pub value: u64,
}

/// Lays out one bar per published value in `values` across `extent` pixels of band axis, with
/// `padding` (0..1) of each band left empty, lengths scaled to `max_length` by `scale_max`.
pub fn bar_layout(
    values: &[Option<u64>],
    extent: f64,
    padding: f64,
    max_length: f64,
    scale_max: u64,
) -> Vec<Bar> {
    if values.is_empty() {
        return Vec::new();
    }
    let band = extent / values.len() as f64;
    let width = band * (1.0 - padding.clamp(0.0, 0.9));
    let scale = LinearScale::new(scale_max as f64, 0.0, max_length);
    values
        .iter()
        .enumerate()
        .filter_map(|(index, v)| {
            v.map(|value| Bar {
                index,
                band_start: index as f64 * band + (band - width) / 2.0,
                band_width: width,
                length: scale.map(value as f64),
                value,
            })
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub index: usize,
    pub x: f64,
    pub y: f64,
    pub value: u64,
}

/// Splits a series into runs of consecutive published values and places each point: x spread
/// over `width` (point i at the centre of slot i), y from `height` (zero) up to 0 (scale_max).
/// Each run becomes its own SVG path, so gaps stay gaps.
pub fn line_segments(
    values: &[Option<u64>],
    width: f64,
    height: f64,
    scale_max: u64,
) -> Vec<Vec<Point>> {
    let n = values.len().max(1) as f64;
    let y = LinearScale::new(scale_max as f64, height, 0.0);
    let mut segments: Vec<Vec<Point>> = Vec::new();
    let mut current: Vec<Point> = Vec::new();
    for (index, v) in values.iter().enumerate() {
        match v {
            Some(value) => current.push(Point {
                index,
                x: (index as f64 + 0.5) * width / n,
                y: y.map(*value as f64),
                value: *value,
            }),
            None => {
                if !current.is_empty() {
                    segments.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

/// SVG path data (`M x y L x y …`) for one segment, rounded to 0.1 px to keep the markup small.
pub fn path_data(points: &[Point]) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    for (i, p) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        super::num::push_px(&mut d, p.x);
        d.push(' ');
        super::num::push_px(&mut d, p.y);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_values_get_no_bar_but_zero_does() {
        let bars = bar_layout(
            &[Some(100), None, Some(0), Some(50)],
            400.0,
            0.2,
            200.0,
            100,
        );
        assert_eq!(
            bars.iter().map(|b| b.index).collect::<Vec<_>>(),
            vec![0, 2, 3]
        );
        assert_eq!(bars[0].length, 200.0);
        assert_eq!(bars[1].length, 0.0);
        assert_eq!(bars[2].length, 100.0);
        assert!((bars[0].band_width - 80.0).abs() < 1e-9);
        assert!((bars[2].band_start - 310.0).abs() < 1e-9);
    }

    #[test]
    fn lines_break_at_gaps() {
        let segs = line_segments(
            &[Some(10), Some(20), None, None, Some(5), None, Some(7)],
            700.0,
            100.0,
            20,
        );
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[0].len(), 2);
        assert_eq!(segs[1][0].index, 4);
        assert_eq!(segs[2][0].index, 6);
        assert_eq!(segs[0][1].y, 0.0);
        assert_eq!(segs[0][0].y, 50.0);
        assert_eq!(segs[0][0].x, 50.0);
        assert_eq!(path_data(&segs[0]), "M50 50L150 0");
        assert!(line_segments(&[None, None], 10.0, 10.0, 1).is_empty());
    }
}
