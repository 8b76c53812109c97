//! The horizontal scale of one lane of the map.
//!
//! A linear scale would draw a /24 of a /16 VNet at 1/256 of the lane: a sliver. Instead the
//! axis is cut at every start and end of a drawn range, and each piece gets a minimum width plus
//! a share of what is left that grows with the logarithm of its size. Pieces that hold nothing
//! (free space) get a smaller share, so free space is compressed rather than dominant. Inside a
//! piece the scale is linear, so the order of addresses is kept everywhere.

use crate::net::Range;

/// Room left between two parts of an axis that are far apart in the address space.
pub(super) const CUT_GAP: f64 = 12.0;

/// How a lane shares out its width.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    /// Narrowest width of a piece that a range covers.
    pub min_used: f64,
    /// Narrowest width of a piece that nothing covers.
    pub min_free: f64,
    /// The weight of free space relative to used space of the same size.
    pub free_share: f64,
}

#[derive(Debug, Clone, PartialEq)]
struct Span {
    first: u64,
    /// One past the last address.
    end: u64,
    x: f64,
    width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Axis {
    spans: Vec<Span>,
    /// Where the axis is cut between two parts far apart.
    pub cuts: Vec<f64>,
    /// The right end of the axis: more than the lane's width when the minimums need more room.
    pub end: f64,
}

/// Builds an axis over `domain` (sorted, disjoint ranges) from `left` to `right`. `used` are the
/// drawn ranges; `wanted` asks, for a range, a width that lets its label fit inside it, granted
/// smallest wish first while the lane has room.
pub(super) fn build(
    domain: &[Range],
    used: &[Range],
    wanted: &[(Range, f64)],
    (left, right): (f64, f64),
    scale: Scale,
) -> Axis {
    // Plans may hold thousands of ranges: coverage is looked up in the merged ranges and the
    // wished widths in a sorted list, never by scanning every range for every piece.
    let mut merged: Vec<Range> = used.to_vec();
    crate::sorting::sort(&mut merged);
    let merged = crate::range_fixes::merge(merged);
    let mut wished: Vec<((u64, u64), f64)> = wanted
        .iter()
        .map(|(range, width)| ((u64::from(range.first), u64::from(range.last) + 1), width.max(0.0)))
        .collect();
    crate::sorting::sort_by(&mut wished, |a, b| a.0.cmp(&b.0));
    // A range wished for twice gets the wider of the two.
    wished.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = kept.1.max(later.1);
        }
        same
    });
    let mut edges: Vec<u64> = used
        .iter()
        .chain(wanted.iter().map(|(range, _)| range))
        .flat_map(|range| [u64::from(range.first), u64::from(range.last) + 1])
        .collect();
    crate::sorting::sort(&mut edges);
    edges.dedup();
    let mut pieces: Vec<(usize, u64, u64, bool)> = Vec::new();
    for (part, piece) in domain.iter().enumerate() {
        let (start, stop) = (u64::from(piece.first), u64::from(piece.last) + 1);
        let inner = edges.iter().copied().filter(|bound| start < *bound && *bound < stop);
        let bounds: Vec<u64> = std::iter::once(start).chain(inner).chain(std::iter::once(stop)).collect();
        for pair in bounds.windows(2) {
            let &[first, end] = pair else { continue };
            let index = merged.partition_point(|range| u64::from(range.last) < first);
            let covered = merged.get(index).is_some_and(|range| u64::from(range.first) < end);
            pieces.push((part, first, end, covered));
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "counts of parts are small")]
    let gaps = CUT_GAP * domain.len().saturating_sub(1) as f64;
    let available = right - left - gaps;
    let base: Vec<f64> = pieces
        .iter()
        .map(|&(_, _, _, covered)| if covered { scale.min_used } else { scale.min_free })
        .collect();
    // Wishes are granted smallest first, as long as the lane has room for them.
    let mut mins = base;
    let mut budget = available - mins.iter().sum::<f64>();
    let mut asks: Vec<(usize, f64)> = pieces
        .iter()
        .zip(&mins)
        .enumerate()
        .filter_map(|(index, (&(_, first, end, _), &base))| {
            let found = wished.binary_search_by(|(range, _)| range.cmp(&(first, end))).ok()?;
            let wish = wished.get(found)?.1;
            (wish > base).then_some((index, wish - base))
        })
        .collect();
    crate::sorting::sort_by(&mut asks, |a, b| a.1.total_cmp(&b.1));
    for (index, more) in asks {
        if more > budget {
            break;
        }
        budget -= more;
        if let Some(min) = mins.get_mut(index) {
            *min += more;
        }
    }
    let weights: Vec<f64> = pieces
        .iter()
        .map(|&(_, first, end, covered)| {
            let weight = log2(end - first) + 1.0;
            if covered {
                weight
            } else {
                weight * scale.free_share
            }
        })
        .collect();
    let total_weight: f64 = weights.iter().sum();
    let extra = (available - mins.iter().sum::<f64>()).max(0.0);
    let mut spans = Vec::with_capacity(pieces.len());
    let mut cuts = Vec::new();
    let mut x = left;
    let mut previous_part = None;
    for ((&(part, first, end, _), min), weight) in pieces.iter().zip(mins).zip(weights) {
        if previous_part.is_some_and(|previous| previous != part) {
            cuts.push(x + CUT_GAP / 2.0);
            x += CUT_GAP;
        }
        previous_part = Some(part);
        let share = if total_weight > 0.0 { extra * weight / total_weight } else { 0.0 };
        let width = min + share;
        spans.push(Span { first, end, x, width });
        x += width;
    }
    Axis { spans, cuts, end: x }
}

#[expect(clippy::cast_precision_loss, reason = "sizes are at most 2^32, exact in an f64")]
fn log2(size: u64) -> f64 {
    (size as f64).log2()
}

impl Axis {
    /// Where `range` is drawn: its left edge and width; `None` when it is outside the axis.
    pub(super) fn place(&self, range: Range) -> Option<(f64, f64)> {
        let first = u64::from(range.first);
        let end = u64::from(range.last) + 1;
        // The spans are sorted and disjoint, so each end is found by binary search: a lane of
        // ten thousand subnets has as many spans.
        let starts_in = self.spans.get(self.spans.partition_point(|span| span.end <= first))?;
        let ends_in = self.spans.get(self.spans.partition_point(|span| span.end < end))?;
        let start = (starts_in.first <= first).then(|| starts_in.at(first))?;
        let stop = (ends_in.first < end).then(|| ends_in.at(end))?;
        Some((start, stop - start))
    }
}

impl Span {
    fn at(&self, address: u64) -> f64 {
        #[expect(clippy::cast_precision_loss, reason = "offsets are at most 2^32, exact in an f64")]
        let fraction = (address - self.first) as f64 / (self.end - self.first) as f64;
        self.x + fraction * self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCALE: Scale = Scale { min_used: 24.0, min_free: 20.0, free_share: 0.4 };

    fn block(text: &str) -> Range {
        Range::of(text.parse().expect("a CIDR"))
    }

    #[test]
    fn a_small_range_in_a_large_one_gets_a_readable_width() {
        let vnet = block("10.1.0.0/16");
        let subnet = block("10.1.4.0/24");
        let axis = build(&[vnet], &[subnet], &[], (0.0, 400.0), SCALE);
        let (x, width) = axis.place(subnet).expect("inside the axis");
        assert!(width >= 24.0, "a linear scale would give 1.6: {width}");
        assert!(x > 0.0 && x + width < 400.0);
        assert!((axis.end - 400.0).abs() < 1e-9);
        let (x, width) = axis.place(vnet).expect("the whole axis");
        assert!(x.abs() < 1e-9 && (width - 400.0).abs() < 1e-9);
    }

    #[test]
    fn free_space_is_compressed_below_used_space_of_the_same_size() {
        let (used, free) = (block("10.0.0.0/17"), block("10.0.128.0/17"));
        let axis = build(&[block("10.0.0.0/16")], &[used], &[], (0.0, 300.0), SCALE);
        let used_width = axis.place(used).expect("drawn").1;
        let free_width = axis.place(free).expect("drawn").1;
        assert!(used_width > 2.0 * free_width, "{used_width} {free_width}");
    }

    #[test]
    fn minimums_hold_when_the_lane_is_too_narrow_and_the_axis_grows() {
        let subnets: Vec<Range> = (0..20).map(|i| block(&format!("10.0.{i}.0/24"))).collect();
        let axis = build(&[block("10.0.0.0/16")], &subnets, &[], (0.0, 200.0), SCALE);
        for subnet in &subnets {
            assert!(axis.place(*subnet).expect("drawn").1 >= 24.0 - 1e-9);
        }
        assert!(axis.end >= 20.0 * 24.0 + 20.0);
    }

    #[test]
    fn wished_widths_are_granted_smallest_first_while_there_is_room() {
        let (small, large) = (block("10.0.0.0/24"), block("10.0.1.0/24"));
        let wish = [(small, 100.0), (large, 200.0)];
        let domain = [block("10.0.0.0/23")];
        let roomy = build(&domain, &[small, large], &wish, (0.0, 400.0), SCALE);
        assert!(
            roomy.place(small).expect("drawn").1 >= 100.0 && roomy.place(large).expect("drawn").1 >= 200.0
        );
        let tight = build(&domain, &[small, large], &wish, (0.0, 250.0), SCALE);
        assert!(tight.place(small).expect("drawn").1 >= 100.0);
        assert!(tight.place(large).expect("drawn").1 < 200.0);
    }

    #[test]
    fn distant_parts_are_cut_apart_and_outside_ranges_are_not_placed() {
        let parts = [block("10.0.0.0/16"), block("172.17.0.0/16")];
        let axis = build(&parts, &parts, &[], (0.0, 300.0), SCALE);
        assert_eq!(axis.cuts.len(), 1);
        let (first, second) = (axis.place(parts[0]).expect("drawn"), axis.place(parts[1]).expect("drawn"));
        assert!(first.0 + first.1 + CUT_GAP <= second.0 + 1e-9);
        assert_eq!(axis.place(block("192.168.0.0/24")), None);
    }
}
