//! One small stable sort for the short lists the widgets order (parties, governorates, tiles).
//!
//! The standard library's sort is fast on big inputs but every element type and comparison gets
//! its own few kilobytes of code, which a phone downloads once per type; these lists are bounded
//! by the feed's limits (tens of rows), where insertion sort is as fast and a fraction of the size.
//! Sorting positions through one `&dyn` comparison keeps it to a single copy in the wasm.

use std::cmp::Ordering;

/// Positions `0..n` in ascending order of `cmp`, ties in their original order (stable).
pub fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    for i in 1..n {
        let x = idx[i];
        let mut j = i;
        while j > 0 && cmp(idx[j - 1], x) == Ordering::Greater {
            idx[j] = idx[j - 1];
            j -= 1;
        }
        idx[j] = x;
    }
    idx
}

/// `v` sorted by `cmp`, stably.
pub fn sorted<T>(v: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = order_by(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_agrees_with_the_standard_sort() {
        let v = vec![
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
        assert_eq!(sorted(v, |a, b| a.0.cmp(&b.0)), expected);
        assert_eq!(order_by(0, &|_, _| Ordering::Equal), Vec::<usize>::new());
        let desc = sorted((0..50).collect::<Vec<u32>>(), |a, b| b.cmp(a));
        assert_eq!(desc, (0..50).rev().collect::<Vec<_>>());
    }
}
