//! Geometry of the address map: where each range of a plan is drawn, and where its label goes.
//!
//! Each VNet has a lane of its own, on a scale of its own (see `axis`): every range gets a
//! readable width, and free space is compressed, drawn as free blocks labelled with the largest
//! CIDR blocks that fit in them. The cluster ranges and the ranges AKS reserves share overview
//! lanes on one axis, cut where ranges are far apart. Overlapping ranges stack on sub-rows, and
//! labels that do not fit in their bar go on label rows under it (see `labels`). This module only
//! computes numbers; the page renders them, in user units equal to CSS pixels.

mod axis;
mod labels;

use std::borrow::Cow;
use std::cmp::Reverse;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::check::Report;
use crate::context::{ClusterRange, Context, VnetFacts};
use crate::finding::{Finding, Severity};
use crate::net::{block_text, Range, AKS_RESERVED};
use crate::plan::Vnet;
use crate::pointer;
use crate::range_fixes::{free_block, gaps, merge};
use crate::text::{Lang, Text};
use crate::Plan;

pub use labels::{text_width, CHAR_WIDTH};

/// The width a page that cannot measure itself draws the map at.
pub const DEFAULT_WIDTH: f64 = 760.0;
/// No range is drawn narrower than this, so that each one can be seen, hovered and clicked.
pub const MIN_BAR_WIDTH: f64 = 24.0;
pub const BAR_HEIGHT: f64 = 18.0;
/// Height of a row of bars, the space under the bar included.
pub const ROW_HEIGHT: f64 = 22.0;
/// Height of a lane's title line.
pub const TITLE_HEIGHT: f64 = 18.0;
/// Height of a row of labels written under the bars.
pub const LABEL_ROW_HEIGHT: f64 = 14.0;
/// Left and right margins; the left one holds the lines that join peered VNets.
pub const MARGIN: f64 = 12.0;
const LANE_GAP: f64 = 8.0;
/// Narrowest width laid out: below it, the map scrolls.
const NARROWEST: f64 = 280.0;
/// Baseline of a label inside a bar, from the bar's top.
const INSIDE_BASELINE: f64 = 13.0;
/// Baseline of a label on a label row, from the row's top.
const ROW_BASELINE: f64 = 10.0;
/// Azure's smallest subnet: the largest prefix length a new subnet can have.
pub const SMALLEST_SUBNET: u8 = 29;

const VNET_SCALE: axis::Scale =
    axis::Scale { min_used: MIN_BAR_WIDTH, min_free: MIN_BAR_WIDTH, free_share: 0.4 };
const OVERVIEW_SCALE: axis::Scale = axis::Scale { min_used: MIN_BAR_WIDTH, min_free: 10.0, free_share: 0.3 };

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
    /// The internal load balancer of a v2 cluster's router, which takes an address of the
    /// node subnet.
    RouterFrontend,
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
            Self::RouterFrontend => "router",
        }
    }
}

/// A band of the map with a title: one VNet, or one part of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// As drawn: a title wider than the map ends in an ellipsis.
    pub title: String,
    /// The whole title when `title` had to be shortened, for a tooltip and screen readers.
    pub whole_title: Option<String>,
    /// The VNet the lane shows, for a VNet's own lane.
    pub vnet: Option<usize>,
    pub y: f64,
    pub height: f64,
    /// Where the lane's bars end and its label rows begin. A view that draws the lane's ranges
    /// from here rather than from the top redraws little when an overlap adds or removes a row:
    /// the labels, their leaders and the bars of the lowest rows keep their places.
    pub baseline: f64,
    /// Where the lane's axis is cut between ranges far apart.
    pub cuts: Vec<f64>,
}

/// A label, whole: inside its bar, or on a label row under the lane's bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    /// The text's baseline.
    pub y: f64,
    pub width: f64,
    pub inside: bool,
}

/// One drawn range.
#[derive(Debug, Clone, PartialEq)]
pub struct MapItem {
    /// JSON pointer of the field the range comes from; `None` for ranges Azure reserves.
    pub subject: Option<String>,
    pub kind: RangeKind,
    /// The name of what the range belongs to (subnet, VNet, cluster).
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
    pub height: f64,
    /// The range is a subject of an error or warning.
    pub flagged: bool,
    pub tag: Label,
    /// The other items named by the same errors or warnings as this one.
    pub partners: Vec<usize>,
    /// A VNet's prefix in the overview, drawn already in the VNet's own lane: a view offers one
    /// of the two to the keyboard, so that Tab does not stop at the same range twice.
    pub repeat: bool,
}

/// Addresses of a VNet's address space that no subnet uses.
#[derive(Debug, Clone, PartialEq)]
pub struct FreeBlock {
    pub vnet: usize,
    pub lane: usize,
    pub first: Ipv4Addr,
    pub last: Ipv4Addr,
    pub size: u64,
    /// The CIDR blocks that tile the free space, largest first.
    pub blocks: Vec<Ipv4Net>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub tag: Label,
}

impl FreeBlock {
    /// The prefix lengths a subnet added here can have, largest block first.
    pub fn sizes(&self) -> std::ops::RangeInclusive<u8> {
        let largest = self.blocks.first().map_or(SMALLEST_SUBNET, Ipv4Net::prefix_len);
        largest.min(SMALLEST_SUBNET)..=SMALLEST_SUBNET
    }

    /// The first block of prefix length `len` in this free space.
    pub fn block_of(&self, len: u8) -> Option<Ipv4Net> {
        let space = Range { first: u32::from(self.first), last: u32::from(self.last) };
        free_block(len, space.first, &[space], &[])
    }
}

/// A range (its index in `AddressMap::items`) or a free block (its index in `AddressMap::free`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Range(usize),
    Free(usize),
}

/// The default is the map of nothing, for a page that has not laid its map out yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddressMap {
    pub width: f64,
    pub height: f64,
    pub lanes: Vec<Lane>,
    pub items: Vec<MapItem>,
    pub free: Vec<FreeBlock>,
    /// Every range and free block in the order the map is read: lane by lane, and in a lane by
    /// address, left to right, a range before the smaller ones that start where it does.
    pub order: Vec<Stop>,
    /// Pairs of lanes whose VNets are peered.
    pub peerings: Vec<(usize, usize)>,
    /// How many of the plan's prefixes are IPv6, which the map's IPv4 axes leave out: a view
    /// says so, since the findings still cover them.
    pub ipv6_prefixes: usize,
}

/// A range to draw, before it has a place.
struct Draft {
    subject: Option<String>,
    kind: RangeKind,
    name: String,
    block: String,
    range: Range,
    /// Ranges of one group share rows; groups are drawn one under the other.
    group: usize,
}

/// The words the map writes besides the plan's names and addresses. A label's length sets the
/// room its range asks for, so the map is laid out in the language it is shown in.
const PEERED_VNET_TITLE: Text =
    text!("VNet {name} (peered with {peers})", "VNet {name} (appairé avec {peers})");
const EXTERNAL_TITLE: Text = text!("External ranges", "Plages externes");
const RESERVED_TITLE: Text = text!("Reserved by AKS", "Plages réservées par AKS");
const DNS_NAME: Text = text!("DNS service IP", "IP du service DNS");
// French agrees these with "plage", the range they name.
const RESERVED_NAME: Text = text!("reserved by AKS", "réservée par AKS");
const SERVICES_TAG: Text = text!("services {block}", "services {block}");
const PODS_TAG: Text = text!("pods {block}", "pods {block}");
const BRIDGE_TAG: Text = text!("docker bridge {block}", "pont Docker {block}");
const RESERVED_TAG: Text = text!("reserved {block}", "réservée {block}");
const ROUTER_TAG: Text = text!("router frontend {name}", "frontal du routeur {name}");

impl Draft {
    /// The range's label, at most `room` wide: a name too long for the map is shortened, never
    /// the addresses beside it, which are what the map is there to show.
    fn tag(&self, lang: Lang, room: f64) -> String {
        let with_block = |text: Text| msg!(text, block = &self.block).render(lang);
        let tag = match self.kind {
            RangeKind::DnsIp => format!("DNS {}", self.block),
            RangeKind::ServiceCidr => with_block(SERVICES_TAG),
            RangeKind::PodCidr => with_block(PODS_TAG),
            RangeKind::DockerBridge => with_block(BRIDGE_TAG),
            RangeKind::Reserved => with_block(RESERVED_TAG),
            RangeKind::RouterFrontend => msg!(ROUTER_TAG, name = &self.name).render(lang),
            RangeKind::VnetPrefix | RangeKind::Subnet | RangeKind::ExternalRange => {
                let name_room = room - text_width(&self.block) - CHAR_WIDTH;
                // Pieced together: a large plan's map writes tens of thousands of these.
                let name = labels::shortened(&self.name, name_room);
                let mut tag = String::with_capacity(name.len() + 1 + self.block.len());
                tag.push_str(&name);
                tag.push(' ');
                tag.push_str(&self.block);
                return tag;
            }
        };
        match labels::shortened(&tag, room) {
            Cow::Borrowed(_) => tag,
            Cow::Owned(cut) => cut,
        }
    }
}

struct LaneSpec {
    title: String,
    vnet: Option<usize>,
    drafts: Vec<Draft>,
    /// Free space, drawn on the first row of `free_group`.
    free: Vec<Range>,
    free_group: usize,
}

/// Lays out every range of `plan` for a map `width` units wide; `report` marks the ranges
/// that findings are about.
pub fn layout(plan: &Plan, report: &Report, width: f64, lang: Lang) -> AddressMap {
    let width = if width.is_finite() { width.max(NARROWEST) } else { DEFAULT_WIDTH };
    let context = Context::new(plan);
    let flagged = crate::sorting::set(
        report
            .findings
            .iter()
            .filter(|finding| finding.severity != Severity::Info)
            .flat_map(|finding| finding.subjects.iter().map(String::as_str))
            .collect(),
    );
    let mut map = AddressMap {
        width,
        height: 0.0,
        lanes: Vec::new(),
        // Sized once: a range is a few hundred bytes, and growing by doubling would move every
        // range of a large plan several times over.
        items: Vec::with_capacity(range_count(plan)),
        free: Vec::new(),
        order: Vec::new(),
        peerings: Vec::new(),
        ipv6_prefixes: context
            .vnets
            .iter()
            .map(|facts| facts.prefixes_v6.iter().chain(&facts.subnets_v6).flatten().count())
            .sum::<usize>()
            + context.externals_v6.iter().flatten().count(),
    };
    let bounds = (MARGIN, map_room(width) + MARGIN);
    let peers = peer_lists(&context);
    for (v, ((vnet, facts), peers)) in plan.vnets.iter().zip(&context.vnets).zip(&peers).enumerate() {
        let spec = vnet_lane(&context, v, vnet, facts, peers, lang);
        let used: Vec<Range> = spec.drafts.iter().map(|d| d.range).collect();
        let domain = merge(sorted(used.iter().copied().chain(spec.free.iter().copied()).collect()));
        let tags = tags(&spec, lang, map_room(width));
        let axis = axis::build(&domain, &used, &wishes(&spec, &tags), bounds, VNET_SCALE);
        add_lane(&mut map, spec, tags, &axis, &flagged, map_room(width));
    }
    map.peerings = peerings(&peers);
    let overview = overview_lanes(&context, lang);
    let used: Vec<Range> = overview.iter().flat_map(|spec| spec.drafts.iter().map(|d| d.range)).collect();
    if !used.is_empty() {
        let tagged: Vec<(LaneSpec, Vec<String>)> = overview
            .into_iter()
            .map(|spec| {
                let tags = tags(&spec, lang, map_room(width));
                (spec, tags)
            })
            .collect();
        let wished: Vec<(Range, f64)> = tagged.iter().flat_map(|(spec, tags)| wishes(spec, tags)).collect();
        let axis = axis::build(&parts(used.clone()), &used, &wished, bounds, OVERVIEW_SCALE);
        for (spec, tags) in tagged {
            add_lane(&mut map, spec, tags, &axis, &flagged, map_room(width));
        }
    }
    link_partners(&mut map, report);
    map
}

/// About how many ranges the map draws: each VNet prefix twice (its lane and the overview),
/// each subnet, external range and cluster range once.
fn range_count(plan: &Plan) -> usize {
    let vnets: usize =
        plan.vnets.iter().map(|vnet| 2 * vnet.address_prefixes.len() + vnet.subnets.len()).sum();
    vnets + plan.external_ranges.len() + 4 * plan.aks_clusters.len()
}

/// The width a label or a title may take on a map `width` wide.
fn map_room(width: f64) -> f64 {
    width - 2.0 * MARGIN
}

fn sorted(mut ranges: Vec<Range>) -> Vec<Range> {
    crate::sorting::sort(&mut ranges);
    ranges
}

/// The label of each of the lane's ranges, made once: both the axis and the labels' places
/// need it, and a lane may hold thousands.
fn tags(spec: &LaneSpec, lang: Lang, room: f64) -> Vec<String> {
    spec.drafts.iter().map(|draft| draft.tag(lang, room)).collect()
}

/// Each range asks for the width that holds its label (`tags`, one per draft).
fn wishes(spec: &LaneSpec, tags: &[String]) -> Vec<(Range, f64)> {
    // A DNS IP is a marker with its label beside it: it needs no room for a label inside.
    spec.drafts
        .iter()
        .zip(tags)
        .filter(|(draft, _)| draft.kind != RangeKind::DnsIp)
        .map(|(draft, tag)| (draft.range, labels::inside_width(tag)))
        .chain(spec.free.iter().map(|free| {
            let largest = cidrs_in(*free).first().copied().map(block_text).unwrap_or_default();
            (*free, labels::inside_width(&largest))
        }))
        .collect()
}

fn vnet_lane(
    context: &Context<'_>,
    v: usize,
    vnet: &Vnet,
    facts: &VnetFacts<'_>,
    peers: &[usize],
    lang: Lang,
) -> LaneSpec {
    let mut drafts = Vec::new();
    for (p, net) in facts.prefixes.iter().enumerate() {
        if let Some(net) = net {
            drafts.push(Draft {
                subject: Some(pointer::vnet_prefix(v, p)),
                kind: RangeKind::VnetPrefix,
                name: vnet.name.clone(),
                block: block_text(*net),
                range: Range::of(*net),
                group: 0,
            });
        }
    }
    let mut subnets = Vec::new();
    for (s, (subnet, net)) in vnet.subnets.iter().zip(&facts.subnets).enumerate() {
        if let Some(net) = net {
            subnets.push(Range::of(*net));
            drafts.push(Draft {
                subject: Some(pointer::subnet_prefix(v, s)),
                kind: RangeKind::Subnet,
                name: subnet.name.clone(),
                block: block_text(*net),
                range: Range::of(*net),
                group: 1,
            });
        }
    }
    for (c, cluster, cluster_facts) in context.clusters() {
        let node_subnet = (cluster_facts.node.vnet == Some(v))
            .then_some(cluster_facts.node.subnet)
            .flatten()
            .and_then(|s| facts.subnets.get(s).copied().flatten());
        if let (true, Some(net)) = (cluster.is_v2() && cluster.azure_ml().has_internal_router(), node_subnet)
        {
            drafts.push(Draft {
                subject: Some(pointer::cluster(c, "azureMl/internalLoadBalancerProvider")),
                kind: RangeKind::RouterFrontend,
                name: cluster.name.clone(),
                block: block_text(net),
                range: Range::of(net),
                group: 2,
            });
        }
    }
    let taken = merge(sorted(subnets));
    let prefixes = merge(sorted(facts.prefixes.iter().flatten().map(|net| Range::of(*net)).collect()));
    let free = prefixes
        .iter()
        .flat_map(|prefix| gaps(*prefix, &taken).collect::<Vec<_>>())
        .filter_map(|(first, last)| {
            Some(Range { first: u32::try_from(first).ok()?, last: u32::try_from(last).ok()? })
        })
        .collect();
    let peers: Vec<&str> =
        peers.iter().filter_map(|&p| context.plan.vnets.get(p)).map(|peer| peer.name.as_str()).collect();
    let title = if peers.is_empty() {
        format!("VNet {}", vnet.name)
    } else {
        msg!(PEERED_VNET_TITLE, name = &vnet.name, peers = peers.join(", ")).render(lang)
    };
    LaneSpec { title, vnet: Some(v), drafts, free, free_group: 1 }
}

/// The VNets peered with each VNet, in VNet order: peering holds when either side names the
/// other. Built from the names each VNet lists, so a plan of hundreds of VNets with few peerings
/// costs as many lookups as it has peerings, not one per pair of VNets.
fn peer_lists(context: &Context<'_>) -> Vec<Vec<usize>> {
    let mut peers: Vec<Vec<usize>> = vec![Vec::new(); context.plan.vnets.len()];
    for (v, vnet) in context.plan.vnets.iter().enumerate() {
        for other in
            vnet.peerings.iter().filter_map(|name| context.vnet_named(name)).filter(|&other| other != v)
        {
            if let Some(list) = peers.get_mut(v) {
                list.push(other);
            }
            if let Some(list) = peers.get_mut(other) {
                list.push(v);
            }
        }
    }
    for list in &mut peers {
        crate::sorting::sort(list);
        list.dedup();
    }
    peers
}

fn peerings(peers: &[Vec<usize>]) -> Vec<(usize, usize)> {
    peers
        .iter()
        .enumerate()
        .flat_map(|(v, list)| list.iter().filter(move |&&other| other > v).map(move |&other| (v, other)))
        .collect()
}

fn overview_lanes(context: &Context<'_>, lang: Lang) -> Vec<LaneSpec> {
    let lane = |title: String, drafts: Vec<Draft>| LaneSpec {
        title,
        vnet: None,
        drafts,
        free: Vec::new(),
        free_group: 0,
    };
    let mut lanes = Vec::new();
    let prefixes: Vec<Draft> = context
        .plan
        .vnets
        .iter()
        .zip(&context.vnets)
        .enumerate()
        .flat_map(|(v, (vnet, facts))| {
            facts.prefixes.iter().enumerate().filter_map(move |(p, net)| {
                net.map(|net| Draft {
                    subject: Some(pointer::vnet_prefix(v, p)),
                    kind: RangeKind::VnetPrefix,
                    name: vnet.name.clone(),
                    block: block_text(net),
                    range: Range::of(net),
                    group: 0,
                })
            })
        })
        .collect();
    if !prefixes.is_empty() {
        lanes.push(lane("VNets".to_owned(), prefixes));
    }
    let externals: Vec<Draft> = context
        .plan
        .external_ranges
        .iter()
        .zip(&context.externals)
        .enumerate()
        .filter_map(|(e, (range, net))| {
            net.map(|net| Draft {
                subject: Some(pointer::external(e)),
                kind: RangeKind::ExternalRange,
                name: range.name.clone(),
                block: block_text(net),
                range: Range::of(net),
                group: 0,
            })
        })
        .collect();
    if !externals.is_empty() {
        lanes.push(lane(EXTERNAL_TITLE.get(lang).to_owned(), externals));
    }
    for (c, cluster, facts) in context.clusters() {
        let mut drafts: Vec<Draft> = [
            (ClusterRange::Service, RangeKind::ServiceCidr),
            (ClusterRange::Pod, RangeKind::PodCidr),
            (ClusterRange::DockerBridge, RangeKind::DockerBridge),
        ]
        .into_iter()
        .filter_map(|(kind, range_kind)| {
            kind.range(facts).map(|range| Draft {
                subject: Some(pointer::cluster(c, kind.field())),
                kind: range_kind,
                name: kind.label().get(lang).to_owned(),
                block: range.to_string(),
                range,
                group: 0,
            })
        })
        .collect();
        if let Some(dns) = facts.dns {
            drafts.push(Draft {
                subject: Some(pointer::cluster(c, "dnsServiceIP")),
                kind: RangeKind::DnsIp,
                name: DNS_NAME.get(lang).to_owned(),
                block: dns.to_string(),
                range: Range::address(u32::from(dns)),
                group: 0,
            });
        }
        if !drafts.is_empty() {
            lanes.push(lane(format!("AKS {}", cluster.name), drafts));
        }
    }
    // Reserved ranges far from everything would only add parts of the axis nobody needs.
    let drawn: Vec<Range> = lanes.iter().flat_map(|spec| spec.drafts.iter().map(|d| d.range)).collect();
    let reserved: Vec<Draft> = AKS_RESERVED
        .iter()
        .filter(|reserved| drawn.iter().any(|range| range.first >> 24 == reserved.first >> 24))
        .map(|range| Draft {
            subject: None,
            kind: RangeKind::Reserved,
            name: RESERVED_NAME.get(lang).to_owned(),
            block: range.to_string(),
            range: *range,
            group: 0,
        })
        .collect();
    if !reserved.is_empty() {
        lanes.push(lane(RESERVED_TITLE.get(lang).to_owned(), reserved));
    }
    lanes
}

/// Splits the overview's ranges into parts of the axis: a range joins the part before it when
/// the gap between them is no larger than four times the larger of the two, so a VNet and the
/// service range next to it share a part while 10.x and 172.17.x do not.
fn parts(ranges: Vec<Range>) -> Vec<Range> {
    let mut parts: Vec<Range> = Vec::new();
    for range in sorted(ranges) {
        match parts.last_mut() {
            Some(part) if joins(*part, range) => part.last = part.last.max(range.last),
            _ => parts.push(range),
        }
    }
    parts
}

fn joins(part: Range, next: Range) -> bool {
    let gap = u64::from(next.first).saturating_sub(u64::from(part.last) + 1);
    next.first <= part.last || gap <= part.size().max(next.size()).saturating_mul(4)
}

/// The CIDR blocks that tile `range`, largest first.
fn cidrs_in(range: Range) -> Vec<Ipv4Net> {
    let mut blocks = Vec::new();
    let mut start = u64::from(range.first);
    let end = u64::from(range.last) + 1;
    while start < end {
        let mut size = if start == 0 { 1u64 << 32 } else { 1u64 << start.trailing_zeros().min(32) };
        while start + size > end {
            size /= 2;
        }
        let len = 32 - u8::try_from(size.trailing_zeros()).unwrap_or(32);
        if let Some(net) = u32::try_from(start).ok().and_then(|a| Ipv4Net::new(Ipv4Addr::from(a), len).ok()) {
            blocks.push(net);
        }
        start += size;
    }
    crate::sorting::sort_by_key(&mut blocks, |net| (net.prefix_len(), net.network()));
    blocks
}

/// Rows for the ranges of one group: each goes on the first row where it overlaps nothing.
fn stack(ranges: &[(usize, Range)]) -> (Vec<(usize, usize)>, usize) {
    let mut order: Vec<&(usize, Range)> = ranges.iter().collect();
    crate::sorting::sort_by_key(&mut order, |(_, range)| (range.first, Reverse(range.last)));
    let mut row_ends: Vec<u32> = Vec::new();
    let mut rows = Vec::with_capacity(ranges.len());
    for (index, range) in order {
        let row = match row_ends.iter().position(|end| *end < range.first) {
            Some(row) => row,
            None => {
                row_ends.push(0);
                row_ends.len() - 1
            }
        };
        if let Some(end) = row_ends.get_mut(row) {
            *end = range.last;
        }
        rows.push((*index, row));
    }
    (rows, row_ends.len())
}

/// Where a label of `width` with its `text` stands, given its spot and the lane's rows.
fn label_at(spot: labels::Spot, text: String, width: f64, bar_y: f64, rows_bottom: f64) -> Label {
    match spot {
        labels::Spot::Inside { x } => Label { text, x, y: bar_y + INSIDE_BASELINE, width, inside: true },
        labels::Spot::Row { row, x } => {
            #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
            let top = rows_bottom + row as f64 * LABEL_ROW_HEIGHT;
            Label { text, x, y: top + ROW_BASELINE, width, inside: false }
        }
    }
}

fn add_lane(
    map: &mut AddressMap,
    spec: LaneSpec,
    tags: Vec<String>,
    axis: &axis::Axis,
    flagged: &[&str],
    room: f64,
) {
    let lane = map.lanes.len();
    let top = map.height;
    let groups = spec.drafts.iter().map(|d| d.group).max().map_or(0, |g| g + 1).max(spec.free_group + 1);
    // Row of each draft, counted from the lane's first row. Within a group the first row is the
    // lowest and the stacked ones go above it, so that the group drawn last keeps its rows'
    // places against the label rows however many stack: an overlap typed in a long lane moves
    // the bars above it, not every label and leader under it (see `Lane::baseline`).
    let mut row_of = vec![0usize; spec.drafts.len()];
    let mut free_row = 0;
    let mut rows = 0;
    for group in 0..groups {
        let members: Vec<(usize, Range)> = spec
            .drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.group == group)
            .map(|(i, d)| (i, d.range))
            .collect();
        let (placed, count) = stack(&members);
        let count = count.max(usize::from(group == spec.free_group && !spec.free.is_empty()));
        let lowest = (rows + count).saturating_sub(1);
        for (index, row) in placed {
            if let Some(slot) = row_of.get_mut(index) {
                *slot = lowest - row;
            }
        }
        if group == spec.free_group {
            free_row = lowest;
        }
        rows += count;
    }
    #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
    let row_y = |row: usize| top + TITLE_HEIGHT + row as f64 * ROW_HEIGHT + 2.0;

    let mut texts: Vec<String> = Vec::with_capacity(tags.len());
    let mut placed_drafts: Vec<(Draft, f64, f64, usize)> = Vec::with_capacity(tags.len());
    for ((draft, row), tag) in spec.drafts.into_iter().zip(row_of).zip(tags) {
        if let Some((x, w)) = axis.place(draft.range) {
            placed_drafts.push((draft, x, w, row));
            texts.push(tag);
        }
    }
    let placed_free: Vec<(Range, Vec<Ipv4Net>, f64, f64)> = spec
        .free
        .iter()
        .filter_map(|free| axis.place(*free).map(|(x, w)| (*free, cidrs_in(*free), x, w)))
        .collect();
    texts.extend(placed_free.iter().map(|(_, blocks, _, width)| free_tag(blocks, *width)));
    let bars = placed_drafts
        .iter()
        .map(|(draft, x, w, _)| if draft.kind == RangeKind::DnsIp { (x + w / 2.0, 0.0) } else { (*x, *w) })
        .chain(placed_free.iter().map(|(_, _, x, w)| (*x, *w)));
    let requests: Vec<labels::Request> = bars
        .zip(&texts)
        .map(|((bar_x, bar_width), text)| labels::Request { bar_x, bar_width, text_width: text_width(text) })
        .collect();
    let right = (map.width - MARGIN).max(axis.end);
    let (spots, label_rows) = labels::place(&requests, (MARGIN, right));
    #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
    let rows_bottom = top + TITLE_HEIGHT + rows as f64 * ROW_HEIGHT;
    let mut spots = spots.into_iter().zip(texts).zip(requests);

    map.items.reserve(placed_drafts.len());
    map.free.reserve(placed_free.len());
    let (first_item, first_free) = (map.items.len(), map.free.len());
    for ((draft, x, width, row), ((spot, text), request)) in placed_drafts.into_iter().zip(spots.by_ref()) {
        let y = row_y(row);
        map.items.push(MapItem {
            flagged: draft.subject.as_deref().is_some_and(|s| flagged.binary_search(&s).is_ok()),
            first: Ipv4Addr::from(draft.range.first),
            last: Ipv4Addr::from(draft.range.last),
            size: draft.range.size(),
            // A router's frontend is drawn over the node subnet it takes its address from.
            usable: if matches!(draft.kind, RangeKind::Subnet | RangeKind::RouterFrontend) {
                draft.range.size().saturating_sub(5)
            } else {
                draft.range.size()
            },
            subject: draft.subject,
            kind: draft.kind,
            label: draft.name,
            block: draft.block,
            lane,
            x,
            y,
            width,
            height: BAR_HEIGHT,
            tag: label_at(spot, text, request.text_width, y, rows_bottom),
            partners: Vec::new(),
            repeat: spec.vnet.is_none() && draft.kind == RangeKind::VnetPrefix,
        });
    }
    for ((range, blocks, x, width), ((spot, text), request)) in placed_free.into_iter().zip(spots) {
        let y = row_y(free_row);
        map.free.push(FreeBlock {
            vnet: spec.vnet.unwrap_or_default(),
            lane,
            first: Ipv4Addr::from(range.first),
            last: Ipv4Addr::from(range.last),
            size: range.size(),
            blocks,
            x,
            y,
            width,
            height: BAR_HEIGHT,
            tag: label_at(spot, text, request.text_width, y, rows_bottom),
        });
    }
    let mut stops: Vec<Stop> = (first_item..map.items.len())
        .map(Stop::Range)
        .chain((first_free..map.free.len()).map(Stop::Free))
        .collect();
    // Stable: a router's frontend, drafted after its node subnet, stays after it.
    let (items, free) = (&map.items, &map.free);
    crate::sorting::sort_by_key(&mut stops, |stop| match *stop {
        Stop::Range(index) => items.get(index).map(|item| (item.first, Reverse(item.last))),
        Stop::Free(index) => free.get(index).map(|block| (block.first, Reverse(block.last))),
    });
    map.order.extend(stops);
    #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
    let height = TITLE_HEIGHT + rows as f64 * ROW_HEIGHT + label_rows as f64 * LABEL_ROW_HEIGHT + LANE_GAP;
    let title = labels::shortened(&spec.title, room).into_owned();
    map.lanes.push(Lane {
        whole_title: (title != spec.title).then_some(spec.title),
        title,
        vnet: spec.vnet,
        y: top,
        height,
        baseline: rows_bottom,
        cuts: axis.cuts.clone(),
    });
    map.height = top + height;
    map.width = map.width.max(axis.end + MARGIN);
}

/// A free block's label: as many of its largest CIDR blocks as fit inside it, at least one.
fn free_tag(blocks: &[Ipv4Net], width: f64) -> String {
    let mut tag = String::new();
    for block in blocks {
        let next = if tag.is_empty() { block_text(*block) } else { format!("{tag} {}", block_text(*block)) };
        if !tag.is_empty() && labels::inside_width(&next) > width {
            break;
        }
        tag = next;
    }
    tag
}

/// Beyond this many ranges, a finding's ranges are linked to its first subject only.
const ALL_PAIRS_LIMIT: usize = 32;

/// Items named together by one error or warning become each other's partners, so the page can
/// light up both ends of a conflict. A finding that names thousands of ranges (a service range
/// over every subnet of a large VNet) would make millions of pairs: there, the first subject,
/// which is what the finding is about, is linked with every other range, and the others with it.
fn link_partners(map: &mut AddressMap, report: &Report) {
    let findings: Vec<&Finding> =
        report.findings.iter().filter(|finding| finding.severity != Severity::Info).collect();
    // Only the subjects of findings are looked up: in a large plan, few of its ranges.
    // A flagged item is one whose subject these findings name: the others need no lookup.
    let named_items: Vec<(&str, usize)> = map
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.flagged)
        .filter_map(|(index, item)| Some((item.subject.as_deref()?, index)))
        .collect();
    let by_subject = crate::sorting::grouped(named_items);
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); map.items.len()];
    for finding in findings {
        let named: Vec<usize> = finding
            .subjects
            .iter()
            .flat_map(|subject| crate::sorting::group(&by_subject, &subject.as_str()))
            .copied()
            .collect();
        let hubs: &[usize] = if named.len() > ALL_PAIRS_LIMIT {
            let first = finding.subjects.first();
            first.map_or(&[], |subject| crate::sorting::group(&by_subject, &subject.as_str()))
        } else {
            &named
        };
        for &index in &named {
            let Some(list) = partners.get_mut(index) else { continue };
            if hubs.contains(&index) {
                list.extend(named.iter().copied().filter(|&other| other != index));
            } else {
                list.extend(hubs.iter().copied());
            }
        }
    }
    for (item, mut list) in map.items.iter_mut().zip(partners) {
        crate::sorting::sort(&mut list);
        list.dedup();
        item.partners = list;
    }
}

#[cfg(test)]
mod tests;
