//! One small stable sort for the short lists the widgets order (parties, governorates, tiles).
//!
//! The standard library's sort is fast on big inputs but every element type and comparison gets
//! its own few kilobytes of code, which a phone downloads once per type; these lists are bounded
//! by the feed's limits (tens of rows), where insertion sort is as fast and a fraction of the size.
//! Sorting positions through one `&dyn` comparison keeps it to a single copy in the wasm.
//!
//! Measured against std, with `std` rebuilt with `optimize_for_size` (its stable sort is then a
//! small merge sort) and `slice::sort_by` called behind this module's `&dyn` comparison (one
//! copy per element type, the cheapest way to use it): each widget page grew by 247-452 B
//! brotli (glance +281, parties +452, governorates +419, series +247; `cargo xtask sizes`), more
//! than the 250 B per page this module's removal may cost. So it stays while the gate says so.
//! The longest list is the feed's months (at most 1,200): reversed, that is 720,000 swaps, a few
//! milliseconds, which `tests/feed_props.rs` bounds (1,200 months newest first read within 3×
//! the time of sorted ones, plus 200 ms).

use std::cmp::Ordering;

/// Sorts `v` in place by `cmp`, ties in their original order (stable). Insertion sort: one
/// comparison per element when the list is already in order, as feeds and rankings mostly are.
/// The comparison is a `&dyn` so each element type gets one copy of this, not one per caller.
pub fn sort_by<T>(v: &mut [T], cmp: &dyn Fn(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Positions `0..n` in ascending order of `cmp`, ties in their original order (stable).
pub fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    sort_by(&mut idx, &|a, b| cmp(*a, *b));
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_agrees_with_the_standard_sort() {
        let mut v = vec![
            (3, 'a'),
            (1, 'b'),
            (3, 'c'),
            (0, 'd'),
            (1, 'e'),
            (9, 'f'),
            (3, 'g'),
        ];
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by(&mut v, &|a, b| a.0.cmp(&b.0));
        assert_eq!(v, expected);
        assert_eq!(order_by(0, &|_, _| Ordering::Equal), Vec::<usize>::new());
        let mut desc = (0..50).collect::<Vec<u32>>();
        sort_by(&mut desc, &|a, b| b.cmp(a));
        assert_eq!(desc, (0..50).rev().collect::<Vec<_>>());
    }
}
