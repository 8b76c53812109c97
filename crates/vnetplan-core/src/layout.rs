//! Geometry of the address map: where each range of a plan is drawn.
//!
//! Ranges far apart in the address space (10.x next to 172.17.x) would leave small ranges a
//! fraction of a pixel wide on one linear axis, so the axis is cut into segments: ranges close to
//! each other share a segment, and each segment is linear inside. Every range gets a minimum
//! width so that a /29 next to a /16 can still be seen, hovered and clicked. This module only
//! computes numbers; the page renders them.

use std::net::Ipv4Addr;

use crate::check::Report;
use crate::context::{ClusterRange, Context};
use crate::finding::Severity;
use crate::net::{Range, AKS_RESERVED};
use crate::pointer;
use crate::Plan;

/// Width of the drawing in SVG user units, label column included.
pub const MAP_WIDTH: f64 = 760.0;
/// Width of the column that holds the lane labels.
pub const LABEL_WIDTH: f64 = 140.0;
pub const LANE_HEIGHT: f64 = 28.0;
/// Height of the axis band under the lanes, where segment bounds are written.
pub const AXIS_HEIGHT: f64 = 34.0;
/// Space between two segments, where the axis is cut.
const SEGMENT_GAP: f64 = 14.0;
/// No range is drawn narrower than this, however small it is in its segment.
const MIN_ITEM_WIDTH: f64 = 4.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeKind {
    VnetPrefix,
    Subnet,
    ExternalRange,
    ServiceCidr,
    PodCidr,
    DockerBridge,
    DnsIp,
    Reserved,
}

impl RangeKind {
    /// A stable name for CSS classes and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VnetPrefix => "vnet",
            Self::Subnet => "subnet",
            Self::ExternalRange => "external",
            Self::ServiceCidr => "service",
            Self::PodCidr => "pod",
            Self::DockerBridge => "bridge",
            Self::DnsIp => "dns",
            Self::Reserved => "reserved",
        }
    }
}

/// A row of the map, e.g. the subnets of one VNet, or the ranges of one cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub label: String,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub first: Ipv4Addr,
    pub last: Ipv4Addr,
    pub x: f64,
    pub width: f64,
}

/// One drawn range.
#[derive(Debug, Clone, PartialEq)]
pub struct MapItem {
    /// JSON pointer of the field the range comes from; `None` for ranges Azure reserves.
    pub subject: Option<String>,
    pub kind: RangeKind,
    pub label: String,
    /// The block as text, e.g. `10.0.0.0/24`, or the address for a DNS IP.
    pub block: String,
    pub first: Ipv4Addr,
    pub last: Ipv4Addr,
    pub size: u64,
    /// Addresses a resource can take: Azure keeps five in each subnet.
    pub usable: u64,
    pub lane: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// The range is a subject of an error or warning.
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AddressMap {
    pub width: f64,
    pub height: f64,
    pub lanes: Vec<Lane>,
    pub segments: Vec<Segment>,
    pub items: Vec<MapItem>,
}

struct Placed {
    subject: Option<String>,
    kind: RangeKind,
    label: String,
    block: String,
    range: Range,
    lane: usize,
}

/// Lays out every range of `plan`; `report` marks the ranges that findings are about.
pub fn layout(plan: &Plan, report: &Report) -> AddressMap {
    let context = Context::new(plan);
    let mut lanes: Vec<String> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    collect_vnets(&context, &mut lanes, &mut placed);
    collect_externals(&context, &mut lanes, &mut placed);
    collect_clusters(&context, &mut lanes, &mut placed);
    collect_reserved(&mut lanes, &mut placed);

    let segments = segments_for(placed.iter().map(|p| p.range).collect());
    let flagged: std::collections::HashSet<&str> = report
        .findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .flat_map(|finding| finding.subjects.iter().map(String::as_str))
        .collect();
    let items = placed
        .into_iter()
        .filter_map(|item| {
            let segment = segments.iter().find(|s| s.range.contains(item.range))?;
            let (x, width) = segment.place(item.range);
            Some(MapItem {
                flagged: item.subject.as_deref().is_some_and(|s| flagged.contains(s)),
                first: Ipv4Addr::from(item.range.first),
                last: Ipv4Addr::from(item.range.last),
                size: item.range.size(),
                usable: if item.kind == RangeKind::Subnet {
                    item.range.size().saturating_sub(5)
                } else {
                    item.range.size()
                },
                y: lane_y(item.lane),
                subject: item.subject,
                kind: item.kind,
                label: item.label,
                block: item.block,
                lane: item.lane,
                x,
                width,
            })
        })
        .collect();
    AddressMap {
        width: MAP_WIDTH,
        height: lane_y(lanes.len()) + AXIS_HEIGHT,
        lanes: lanes.into_iter().enumerate().map(|(i, label)| Lane { label, y: lane_y(i) }).collect(),
        segments: segments
            .iter()
            .map(|s| Segment {
                first: Ipv4Addr::from(s.range.first),
                last: Ipv4Addr::from(s.range.last),
                x: s.x,
                width: s.width,
            })
            .collect(),
        items,
    }
}

fn lane_y(lane: usize) -> f64 {
    // Lane counts are small; the conversion is exact far beyond any real plan.
    #[expect(clippy::cast_precision_loss, reason = "lane indices stay far below 2^52")]
    let index = lane as f64;
    index * LANE_HEIGHT
}

fn collect_vnets(context: &Context<'_>, lanes: &mut Vec<String>, placed: &mut Vec<Placed>) {
    for (v, vnet) in context.plan.vnets.iter().enumerate() {
        let Some(facts) = context.vnets.get(v) else { continue };
        let prefix_lane = lanes.len();
        lanes.push(format!("VNet {}", vnet.name));
        for (p, net) in facts.prefixes.iter().enumerate() {
            if let Some(net) = net {
                placed.push(Placed {
                    subject: Some(pointer::vnet_prefix(v, p)),
                    kind: RangeKind::VnetPrefix,
                    label: vnet.name.clone(),
                    block: net.trunc().to_string(),
                    range: Range::of(*net),
                    lane: prefix_lane,
                });
            }
        }
        if vnet.subnets.is_empty() {
            continue;
        }
        let subnet_lane = lanes.len();
        lanes.push(format!("{} subnets", vnet.name));
        for (s, (subnet, net)) in vnet.subnets.iter().zip(&facts.subnets).enumerate() {
            if let Some(net) = net {
                placed.push(Placed {
                    subject: Some(pointer::subnet_prefix(v, s)),
                    kind: RangeKind::Subnet,
                    label: subnet.name.clone(),
                    block: net.trunc().to_string(),
                    range: Range::of(*net),
                    lane: subnet_lane,
                });
            }
        }
    }
}

fn collect_externals(context: &Context<'_>, lanes: &mut Vec<String>, placed: &mut Vec<Placed>) {
    if context.externals.iter().all(Option::is_none) {
        return;
    }
    let lane = lanes.len();
    lanes.push("External ranges".to_owned());
    for (e, (range, net)) in context.plan.external_ranges.iter().zip(&context.externals).enumerate() {
        if let Some(net) = net {
            placed.push(Placed {
                subject: Some(pointer::external(e)),
                kind: RangeKind::ExternalRange,
                label: range.name.clone(),
                block: net.trunc().to_string(),
                range: Range::of(*net),
                lane,
            });
        }
    }
}

fn collect_clusters(context: &Context<'_>, lanes: &mut Vec<String>, placed: &mut Vec<Placed>) {
    for (c, cluster, facts) in context.clusters() {
        let lane = lanes.len();
        lanes.push(format!("AKS {}", cluster.name));
        for (kind, range_kind) in [
            (ClusterRange::Service, RangeKind::ServiceCidr),
            (ClusterRange::Pod, RangeKind::PodCidr),
            (ClusterRange::DockerBridge, RangeKind::DockerBridge),
        ] {
            if let Some(range) = kind.range(facts) {
                placed.push(Placed {
                    subject: Some(pointer::cluster(c, kind.field())),
                    kind: range_kind,
                    label: kind.label().en.to_owned(),
                    block: range.to_string(),
                    range,
                    lane,
                });
            }
        }
        if let Some(dns) = facts.dns {
            placed.push(Placed {
                subject: Some(pointer::cluster(c, "dnsServiceIP")),
                kind: RangeKind::DnsIp,
                label: "DNS service IP".to_owned(),
                block: dns.to_string(),
                range: Range::address(u32::from(dns)),
                lane,
            });
        }
    }
}

/// The AKS-reserved ranges that sit in the same /8 as something of the plan: far-away ones
/// would only add segments nobody needs to see.
fn collect_reserved(lanes: &mut Vec<String>, placed: &mut Vec<Placed>) {
    let nearby: Vec<Range> = AKS_RESERVED
        .iter()
        .copied()
        .filter(|reserved| placed.iter().any(|p| p.range.first >> 24 == reserved.first >> 24))
        .collect();
    if nearby.is_empty() {
        return;
    }
    let lane = lanes.len();
    lanes.push("Reserved by AKS".to_owned());
    placed.extend(nearby.into_iter().map(|range| Placed {
        subject: None,
        kind: RangeKind::Reserved,
        label: "reserved by AKS".to_owned(),
        block: range.to_string(),
        range,
        lane,
    }));
}

struct SegmentSpan {
    range: Range,
    x: f64,
    width: f64,
}

impl SegmentSpan {
    fn place(&self, range: Range) -> (f64, f64) {
        #[expect(clippy::cast_precision_loss, reason = "address offsets fit an f64 mantissa exactly")]
        let scale = |addresses: u64| addresses as f64 / self.range.size() as f64 * self.width;
        let x = self.x + scale(u64::from(range.first - self.range.first));
        let width = scale(range.size()).max(MIN_ITEM_WIDTH);
        // A minimum-width item at the very end of a segment is pulled back inside it.
        (x.min(self.x + self.width - width).max(self.x), width)
    }
}

/// Groups ranges into segments: a range joins the current segment when the gap before it is no
/// larger than four times the larger of the two neighbours, so a VNet and the service range next
/// to it share one axis while 10.x and 172.17.x do not.
fn segments_for(mut ranges: Vec<Range>) -> Vec<SegmentSpan> {
    ranges.sort_unstable();
    let mut spans: Vec<Range> = Vec::new();
    for range in ranges {
        match spans.last_mut() {
            Some(span) if joins(*span, range) => span.last = span.last.max(range.last),
            _ => spans.push(range),
        }
    }
    let weights: Vec<f64> = spans.iter().map(|span| weight(*span)).collect();
    let total: f64 = weights.iter().sum();
    #[expect(clippy::cast_precision_loss, reason = "segment counts are small")]
    let gaps = SEGMENT_GAP * spans.len().saturating_sub(1) as f64;
    let available = MAP_WIDTH - LABEL_WIDTH - gaps;
    let mut x = LABEL_WIDTH;
    spans
        .into_iter()
        .zip(weights)
        .map(|(range, weight)| {
            let width = available * weight / total;
            let span = SegmentSpan { range, x, width };
            x += width + SEGMENT_GAP;
            span
        })
        .collect()
}

fn joins(span: Range, next: Range) -> bool {
    let gap = u64::from(next.first).saturating_sub(u64::from(span.last) + 1);
    let neighbour = span.size().max(next.size());
    next.first <= span.last || gap <= neighbour.saturating_mul(4)
}

/// Larger segments get more room, but only logarithmically, so a /8 does not crush a /24.
fn weight(span: Range) -> f64 {
    8.0 + f64::from(64 - span.size().leading_zeros())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::check;
    use crate::testing::plan_with;

    fn map_of(changes: &[(&str, serde_json::Value)]) -> AddressMap {
        let plan = plan_with(changes);
        layout(&plan, &check(&plan))
    }

    fn item<'m>(map: &'m AddressMap, subject: &str) -> &'m MapItem {
        map.items.iter().find(|i| i.subject.as_deref() == Some(subject)).expect("the range is drawn")
    }

    #[test]
    fn every_parsed_range_is_drawn_with_its_subject() {
        let map = map_of(&[]);
        for subject in [
            "/vnets/0/addressPrefixes/0",
            "/vnets/0/subnets/0/addressPrefix",
            "/aksClusters/0/serviceCidr",
            "/aksClusters/0/dnsServiceIP",
            "/aksClusters/0/dockerBridgeCidr",
        ] {
            let drawn = item(&map, subject);
            assert!(drawn.x >= LABEL_WIDTH && drawn.x + drawn.width <= MAP_WIDTH + 1e-9, "{subject}");
        }
        assert_eq!(map.lanes.len(), 4, "VNet, its subnets, the cluster, reserved ranges near 172.17");
    }

    #[test]
    fn distant_ranges_get_their_own_segments() {
        let map = map_of(&[]);
        // 10.1/16 and 10.2/16 share one; 172.17/16 and the reserved 172.30-31/16 sit apart.
        assert_eq!(map.segments.len(), 3);
        let vnet = item(&map, "/vnets/0/addressPrefixes/0");
        let bridge = item(&map, "/aksClusters/0/dockerBridgeCidr");
        assert!(bridge.x > vnet.x + vnet.width);
    }

    #[test]
    fn small_ranges_stay_visible() {
        let map =
            map_of(&[("/vnets/0/subnets/-", json!({"name": "tiny", "addressPrefix": "10.1.200.0/29"}))]);
        assert!(item(&map, "/vnets/0/subnets/1/addressPrefix").width >= MIN_ITEM_WIDTH);
        assert!(item(&map, "/aksClusters/0/dnsServiceIP").width >= MIN_ITEM_WIDTH);
    }

    #[test]
    fn ranges_in_findings_are_flagged() {
        let map = map_of(&[
            ("/vnets/0/addressPrefixes/0", json!("10.0.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.0.0.0/24")),
            ("/aksClusters/0/serviceCidr", json!("10.0.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.0.0.10")),
        ]);
        assert!(item(&map, "/aksClusters/0/serviceCidr").flagged);
        assert!(item(&map, "/vnets/0/subnets/0/addressPrefix").flagged);
        assert!(!item(&map, "/aksClusters/0/dockerBridgeCidr").flagged);
    }

    #[test]
    fn subnets_report_azure_usable_addresses() {
        let map = map_of(&[]);
        let subnet = item(&map, "/vnets/0/subnets/0/addressPrefix");
        assert_eq!((subnet.size, subnet.usable), (1024, 1019));
        assert_eq!(subnet.first, Ipv4Addr::new(10, 1, 0, 0));
        assert_eq!(subnet.last, Ipv4Addr::new(10, 1, 3, 255));
    }

    #[test]
    fn unparsable_values_are_left_out_not_misdrawn() {
        let map = map_of(&[("/aksClusters/0/serviceCidr", json!("10.2.0.0"))]);
        assert!(map.items.iter().all(|i| i.subject.as_deref() != Some("/aksClusters/0/serviceCidr")));
    }
}
