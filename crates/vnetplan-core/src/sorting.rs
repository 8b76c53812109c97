//! Every sort of the code the page runs (the check, its fixes, the map's layout and the page's
//! own groupings) goes through here, so that the page's build can share one copy of the sorting
//! code.
//!
//! The standard library's sorts are generic: each element type and each comparison gets a copy
//! of its own, about 4 KB of wasm for a stable sort. With the `compact` feature, which the page
//! turns on, every call sorts indices through one routine instead. Without it the standard
//! stable sort runs directly, which is faster, for the command line and the package. Both are
//! stable, so both give the same order.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
// A vector, not a slice, because the compact build moves the items out and back in.
#[cfg_attr(not(feature = "compact"), allow(clippy::ptr_arg))]
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    #[cfg(feature = "compact")]
    {
        let order = {
            let items = &*items;
            sorted_indices(items.len(), &|a, b| match (items.get(a), items.get(b)) {
                (Some(a), Some(b)) => compare(a, b),
                _ => Ordering::Equal,
            })
        };
        let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
        items.extend(order.into_iter().filter_map(|index| slots.get_mut(index).and_then(Option::take)));
    }
    #[cfg(not(feature = "compact"))]
    items.sort_by(compare);
}

/// Sorts `items` stably by `key`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` into their natural order.
pub(crate) fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// `pairs` gathered under their keys, in key order, each key's values in the order they came
/// in: what a map of lists gives, without the code of a map for each key and value type, which
/// the page's build would carry once per type.
pub fn grouped<K: Ord, T>(mut pairs: Vec<(K, T)>) -> Vec<(K, Vec<T>)> {
    sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    for (key, value) in pairs {
        match groups.last_mut() {
            Some((last, values)) if *last == key => values.push(value),
            _ => groups.push((key, vec![value])),
        }
    }
    groups
}

/// The values of `key` in `groups` as [`grouped`] made them: none when the key is absent.
pub fn group<'g, K: Ord, T>(groups: &'g [(K, Vec<T>)], key: &K) -> &'g [T] {
    let found = groups.binary_search_by(|(probe, _)| probe.cmp(key)).ok();
    found.and_then(|found| groups.get(found)).map_or(&[], |(_, values)| values.as_slice())
}

/// `items` sorted, each value once: a set whose membership [`slice::binary_search`] answers.
pub(crate) fn set<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    sort(&mut items);
    items.dedup();
    items
}

/// The indices `0..len` in the order `compare` gives them, stably: the one sort the page's
/// build holds.
#[cfg(feature = "compact")]
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_whatever_the_build() {
        // Pairs compared by their first half only: equal keys keep the order they came in.
        let mut pairs = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by_key(&mut pairs, |pair| pair.0);
        assert_eq!(pairs, [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        sort_by(&mut pairs, |a, b| b.1.cmp(&a.1));
        assert_eq!(pairs.iter().map(|pair| pair.1).collect::<String>(), "fedcba");
        let mut numbers: Vec<u64> = (0..1000).map(|n| (n * 7919) % 1000).collect();
        sort(&mut numbers);
        assert!(numbers.iter().copied().eq(0..1000));
        let groups = grouped(vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (3, 'e')]);
        assert_eq!(groups, [(1, vec!['b', 'd']), (2, vec!['a', 'c']), (3, vec!['e'])]);
        assert_eq!(group(&groups, &2), ['a', 'c']);
        assert!(group(&groups, &4).is_empty());
        assert_eq!(set(vec![3, 1, 3, 2, 1]), [1, 2, 3]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
