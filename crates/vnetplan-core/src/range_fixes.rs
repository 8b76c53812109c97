//! Choosing free address blocks for fixes.
//!
//! A fix that moves a range must land on addresses nothing else in the plan uses and that Azure
//! accepts, and should stay close to what the user wrote so the change is easy to recognise.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde_json::Value;

use crate::context::{ClusterRange, Context};
use crate::finding::{Finding, Fix, FixKind};
use crate::net::{Range, AKS_RESERVED, PRIVATE_SPACE, SHARED_SPACE, VNET_FORBIDDEN};
use crate::plan::{AksCluster, Provisioning};
use crate::pointer;
use crate::text::Text;

/// The free, aligned block of `2^(32-len)` addresses nearest to `near`, searched in `pools`.
/// The pool that holds `near` is preferred; then the pools in the order given.
pub(crate) fn free_block(len: u8, near: u32, pools: &[Range], taken: &[Range]) -> Option<Ipv4Net> {
    free_block_among(len, near, pools, &occupied(taken))
}

/// `taken` sorted and joined into the list [`free_block_among`] searches: a fix that tries
/// several sizes among the thousands of ranges of a large plan builds it once.
fn occupied(taken: &[Range]) -> Vec<Range> {
    let mut sorted = taken.to_vec();
    // Stable, so the runs already in order (each index's entries) are merged, not sorted again;
    // equal ranges are indistinguishable, so the result is the same as any sort's.
    crate::sorting::sort(&mut sorted);
    merge(sorted)
}

/// [`free_block`] with what is taken already sorted and joined by [`occupied`].
fn free_block_among(len: u8, near: u32, pools: &[Range], merged: &[Range]) -> Option<Ipv4Net> {
    if len > 32 {
        return None;
    }
    let size = 1u64 << (32 - u32::from(len));
    let mut ordered: Vec<Range> = pools.iter().copied().filter(|p| p.contains_address(near)).collect();
    ordered.extend(pools.iter().copied().filter(|p| !p.contains_address(near)));
    for pool in ordered {
        let target = if pool.contains_address(near) { u64::from(near) } else { u64::from(pool.first) };
        let best = gaps(pool, merged)
            .filter_map(|gap| nearest_aligned(gap, size, target))
            .min_by_key(|start| tie_breaks_upward(*start, target));
        if let Some(start) = best {
            let address = Ipv4Addr::from(u32::try_from(start).ok()?);
            return Ipv4Net::new(address, len).ok();
        }
    }
    None
}

/// Joins overlapping and touching ranges of a sorted list.
pub(crate) fn merge(sorted: Vec<Range>) -> Vec<Range> {
    let mut merged: Vec<Range> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if u64::from(range.first) <= u64::from(last.last) + 1 => {
                last.last = last.last.max(range.last);
            }
            _ => merged.push(range),
        }
    }
    merged
}

/// The parts of `pool` that no merged range covers.
pub(crate) fn gaps(pool: Range, merged: &[Range]) -> impl Iterator<Item = (u64, u64)> + '_ {
    let mut cursor = u64::from(pool.first);
    let end = u64::from(pool.last);
    let mut ranges = merged.iter().filter(move |r| r.overlaps(pool));
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        match ranges.next() {
            Some(range) => {
                let gap = (cursor, u64::from(range.first).saturating_sub(1));
                cursor = u64::from(range.last) + 1;
                if u64::from(range.first) > gap.0 {
                    return Some(gap);
                }
            }
            None => {
                done = true;
                if cursor <= end {
                    return Some((cursor, end));
                }
                return None;
            }
        }
    })
}

/// The start of the aligned block of `size` inside `gap` closest to `target`.
fn nearest_aligned((first, last): (u64, u64), size: u64, target: u64) -> Option<u64> {
    let lowest = first.div_ceil(size) * size;
    let highest = ((last + 1).checked_sub(size)? / size) * size;
    if lowest > highest {
        return None;
    }
    let below = (target / size) * size;
    [below.clamp(lowest, highest), (below + size).clamp(lowest, highest)]
        .into_iter()
        .min_by_key(|start| tie_breaks_upward(*start, target))
}

/// Orders candidate starts by distance from `target`; between two equally near blocks the one
/// above wins, which is what people expect when a range "moves over" (172.17 to 172.18).
fn tie_breaks_upward(start: u64, target: u64) -> (u64, bool) {
    (start.abs_diff(target), start < target)
}

/// The DNS service IP conventionally used for a service range: its tenth address, or the second
/// when the range is too small for a tenth that is not its broadcast address.
pub(crate) fn dns_ip_for(service: Ipv4Net) -> Option<Ipv4Addr> {
    let range = Range::of(service);
    let offset = match range.size() {
        size if size >= 16 => 10,
        size if size >= 4 => 2,
        _ => return None,
    };
    Some(Ipv4Addr::from(range.first + offset))
}

/// The fix that sets cluster `index`'s DNS service IP to the conventional address of its
/// service range.
pub(crate) fn conventional_dns_ip(index: usize, service: Ipv4Net) -> Option<Fix> {
    let dns = dns_ip_for(service)?;
    Some(Fix::set(
        msg!(
            [
                "set the DNS service IP to {dns}, inside the service range {service}",
                "fixer l’IP du service DNS à {dns}, dans la plage de services {service}"
            ],
            dns = dns,
            service = service.trunc()
        ),
        pointer::cluster(index, "dnsServiceIP"),
        dns.to_string(),
    ))
}

/// The first host address of a block written with its prefix, as docker bridge values are.
fn first_host_form(net: Ipv4Net) -> String {
    let range = Range::of(net);
    let host = if range.size() > 2 { range.first + 1 } else { range.first };
    format!("{}/{}", Ipv4Addr::from(host), net.prefix_len())
}

/// Prefix length of a pod range that gives each of `nodes` nodes its own /24.
pub(crate) fn pod_prefix_for(nodes: u64) -> u8 {
    let blocks = nodes.max(1).next_power_of_two();
    let bits = u8::try_from(blocks.trailing_zeros()).unwrap_or(24).min(24);
    24 - bits
}

/// A fix that moves one of cluster `index`'s own ranges to a free block. The rule only says that
/// such a fix exists: the block is picked by [`choose_fixes`], once the report is in order, so
/// that the fixes of one report never pick the same addresses.
pub(crate) fn move_cluster_range(index: usize, kind: ClusterRange) -> Option<Fix> {
    Some(Fix::pending(RangeMove { cluster: index, kind }))
}

/// A range of a cluster that a fix moves, before the block is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RangeMove {
    pub cluster: usize,
    pub kind: ClusterRange,
}

/// The blocks the fixes of one report have picked so far.
#[derive(Default)]
struct Picked {
    blocks: Vec<(ClusterRange, Range)>,
    /// What each move chose. A plan has few clusters, so a list is searched rather than a map
    /// kept, whose code the page would carry for this one type.
    fixes: Vec<(RangeMove, Option<Fix>)>,
}

/// Picks the block of every range fix, in report order, each avoiding every range of the plan
/// and every block an earlier fix picked, then marks each fix as design or attestation.
pub(crate) fn choose_fixes(context: &Context<'_>, findings: &mut [Finding]) {
    let mut picked = Picked::default();
    for finding in findings.iter_mut() {
        let Some(fix) = &finding.fix else { continue };
        if let Some(moved) = fix.pending {
            let chosen = match picked.fixes.iter().find(|(earlier, _)| *earlier == moved) {
                Some((_, chosen)) => chosen.clone(),
                None => {
                    let chosen = choose_moved_range(context, moved, &picked.blocks);
                    if let Some((_, block)) = &chosen {
                        picked.blocks.push((moved.kind, *block));
                    }
                    let chosen = chosen.map(|(fix, _)| fix);
                    picked.fixes.push((moved, chosen.clone()));
                    chosen
                }
            };
            finding.fix = chosen;
        }
        if let Some(fix) = &mut finding.fix {
            fix.kind = kind_of(context, fix);
        }
    }
}

/// A fix is an attestation when it records something a person does or reads in Azure: a grant,
/// an NSG or egress rule, the user's rights, or a fact of a cluster that already exists.
fn kind_of(context: &Context<'_>, fix: &Fix) -> FixKind {
    const ATTESTED: [&str; 7] = [
        "networkContributorGranted",
        "nsgAllowsScoringInbound",
        "allowedServiceTags",
        "allowedFqdns",
        "v1LegacyMode",
        "trustedAccess",
        "vnetJoin",
    ];
    // What an existing cluster is: its region, network and API server. A fix that changes one
    // of these on an attached cluster describes Azure, not the design.
    const EXISTING_CLUSTER: [&str; 15] = [
        "region",
        "localAccountsDisabled",
        "apiServerAuthorizedIpRanges",
        "podSubnet",
        "networkPlugin",
        "networkPluginMode",
        "podCidr",
        "serviceCidr",
        "dnsServiceIP",
        "maxPods",
        "nodeCount",
        "maxSurge",
        "privateCluster",
        "privateClusterPublicFqdn",
        "identity",
    ];
    let attested = fix.changes.iter().any(|change| {
        let mut tokens = change.path.split('/').skip(1);
        let first = tokens.next().unwrap_or_default();
        let field = change.path.rsplit('/').next().unwrap_or_default();
        if first == "permissions" || ATTESTED.contains(&field) {
            return true;
        }
        let attached = first == "aksClusters"
            && tokens
                .next()
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| context.plan.aks_clusters.get(index))
                .is_some_and(|cluster| cluster.provisioning() == Provisioning::Attach);
        attached && EXISTING_CLUSTER.contains(&field)
    });
    if attested {
        FixKind::Attestation
    } else {
        FixKind::Design
    }
}

/// Where a moved range may go, and how large it is: the current size when a free block of it
/// exists, otherwise the smallest block that still serves the cluster.
fn candidate_sizes(cluster: &AksCluster, kind: ClusterRange, current_len: Option<u8>) -> Vec<u8> {
    let mut sizes = Vec::new();
    match kind {
        ClusterRange::Service => {
            // A /12 is within what Kubernetes accepts, but not what the AKS documentation asks.
            sizes.extend(current_len.filter(|len| (13..=28).contains(len)));
            sizes.extend([16, 20, 24]);
        }
        ClusterRange::Pod => {
            // Every node needs its own /24, plus one spare for an upgrade's extra node.
            let smallest = pod_prefix_for(cluster.peak_nodes().saturating_add(1)).min(16);
            sizes.extend(current_len.filter(|len| *len <= smallest));
            sizes.push(smallest);
        }
        ClusterRange::DockerBridge => {
            sizes.extend(current_len.filter(|len| *len <= 28));
            sizes.extend([16, 24]);
        }
    }
    sizes.dedup();
    sizes
}

fn choose_moved_range(
    context: &Context<'_>,
    moved: RangeMove,
    picked: &[(ClusterRange, Range)],
) -> Option<(Fix, Range)> {
    let RangeMove { cluster: index, kind } = moved;
    let (cluster, facts) = context.cluster(index)?;
    let current = kind.range(facts);
    let near = current.map_or(PRIVATE_SPACE[0].first, |range| range.first);
    let current_len = current.and_then(Range::as_net).map(|net| net.prefix_len());
    let pools: &[Range] = if kind == ClusterRange::Pod { &POD_SPACE } else { &PRIVATE_SPACE };
    let mut taken = context.occupied_ranges(Some((index, kind)));
    taken.extend(AKS_RESERVED);
    taken.extend(VNET_FORBIDDEN);
    // Bridges live inside each node, so bridges may share a block; nothing else may.
    let placing_bridge = kind == ClusterRange::DockerBridge;
    taken.extend(
        picked
            .iter()
            .filter(|(other, _)| !(placing_bridge && *other == ClusterRange::DockerBridge))
            .map(|(_, block)| *block),
    );
    let default_bridge = DEFAULT_DOCKER_BRIDGE.parse::<Ipv4Net>().ok().map(|net| Range::of(net.trunc()));
    let block = match default_bridge {
        Some(default) if placing_bridge && !taken.iter().any(|range| range.overlaps(default)) => {
            default.as_net()
        }
        _ => {
            let merged = occupied(&taken);
            candidate_sizes(cluster, kind, current_len)
                .into_iter()
                .find_map(|len| free_block_among(len, near, pools, &merged))
        }
    }?;
    let value = match kind {
        ClusterRange::DockerBridge => first_host_form(block),
        ClusterRange::Service | ClusterRange::Pod => block.to_string(),
    };
    let mut changes = vec![(pointer::cluster(index, kind.field()), Value::String(value.clone()))];
    let mut title = msg!(
        [
            "use {value} for the {range} of cluster '{cluster}': it is free in this plan; confirm it \
             against your organisation's address records",
            "utiliser {value} pour la {range} du cluster « {cluster} » : ce bloc est libre dans ce \
             plan ; vérifiez-le dans les registres d’adresses de votre organisation"
        ],
        value = &value,
        cluster = &cluster.name,
    )
    .with_message("range", kind.label().message());
    if kind == ClusterRange::Service {
        if let Some(dns) = dns_ip_for(block) {
            changes.push((pointer::cluster(index, "dnsServiceIP"), Value::String(dns.to_string())));
            title = msg!(
                ["{move}, with the DNS service IP {dns}", "{move}, avec l’IP du service DNS {dns}"],
                dns = dns
            )
            .with_message("move", title);
        }
    }
    if cluster.provisioning() == Provisioning::Attach {
        title = msg!(
            [
                "cluster '{cluster}' already exists, so this value is a fact of Azure: read it with \
                 `az aks show --name {cluster} --query networkProfile`, and to change it recreate the \
                 cluster; the plan's choice would be: {move}",
                "le cluster « {cluster} » existe déjà, cette valeur est donc un fait d’Azure : lisez-la \
                 avec `az aks show --name {cluster} --query networkProfile`, et pour la changer \
                 recréez le cluster ; le choix du plan serait : {move}"
            ],
            cluster = &cluster.name
        )
        .with_message("move", title);
    }
    Some((Fix::new(title, changes), Range::of(block)))
}

/// AKS's own default for the docker bridge, which a fix proposes whenever it is free.
const DEFAULT_DOCKER_BRIDGE: &str = "172.17.0.1/16";

const POD_SPACE: [Range; 4] = [PRIVATE_SPACE[0], PRIVATE_SPACE[1], PRIVATE_SPACE[2], SHARED_SPACE];

impl ClusterRange {
    pub(crate) fn label(self) -> Text {
        match self {
            Self::Service => text!("Kubernetes service range", "plage de services Kubernetes"),
            Self::Pod => text!("pod range", "plage d’adresses des pods"),
            Self::DockerBridge => text!("docker bridge range", "plage du pont Docker"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::parse_cidr;

    fn range(text: &str) -> Range {
        Range::of(parse_cidr(text).expect("test value parses"))
    }

    #[test]
    fn a_fix_to_what_an_existing_cluster_is_records_a_fact_of_azure() {
        let attached =
            crate::testing::plan_with(&[("/aksClusters/0/provisioning", serde_json::json!("attach"))]);
        let planned = crate::testing::plan_with(&[]);
        for field in
            ["region", "localAccountsDisabled", "apiServerAuthorizedIpRanges", "podSubnet", "serviceCidr"]
        {
            let fix =
                Fix::set(msg!(["change it", "le changer"]), format!("/aksClusters/0/{field}"), Value::Null);
            assert_eq!(kind_of(&Context::new(&attached), &fix), FixKind::Attestation, "{field}");
            assert_eq!(kind_of(&Context::new(&planned), &fix), FixKind::Design, "{field}");
        }
    }

    #[test]
    fn picks_the_nearest_free_block_of_the_same_size() {
        let taken = [range("10.0.0.0/16")];
        let near = range("10.0.0.0/16").first;
        assert_eq!(
            free_block(16, near, &PRIVATE_SPACE, &taken).map(|n| n.to_string()),
            Some("10.1.0.0/16".into())
        );
    }

    #[test]
    fn skips_every_taken_range_and_falls_back_to_other_pools() {
        let taken = [range("10.0.0.0/8")];
        let near = range("10.0.0.0/16").first;
        assert_eq!(
            free_block(16, near, &PRIVATE_SPACE, &taken).map(|n| n.to_string()),
            Some("172.16.0.0/16".into())
        );
        let everything = [range("0.0.0.0/0")];
        assert_eq!(free_block(16, near, &PRIVATE_SPACE, &everything), None);
    }

    #[test]
    fn blocks_stay_aligned_inside_gaps() {
        let taken = [range("10.0.0.0/24"), range("10.0.1.128/25")];
        let near = range("10.0.0.0/24").first;
        assert_eq!(
            free_block(24, near, &PRIVATE_SPACE, &taken).map(|n| n.to_string()),
            Some("10.0.2.0/24".into())
        );
        assert_eq!(
            free_block(25, near, &PRIVATE_SPACE, &taken).map(|n| n.to_string()),
            Some("10.0.1.0/25".into())
        );
    }

    #[test]
    fn dns_ip_is_the_tenth_address() {
        assert_eq!(dns_ip_for(parse_cidr("10.2.0.0/16").expect("parses")), Some(Ipv4Addr::new(10, 2, 0, 10)));
        assert_eq!(dns_ip_for(parse_cidr("10.2.0.0/29").expect("parses")), Some(Ipv4Addr::new(10, 2, 0, 2)));
        assert_eq!(dns_ip_for(parse_cidr("10.2.0.0/31").expect("parses")), None);
    }

    #[test]
    fn pod_ranges_hold_a_slash_24_per_node() {
        assert_eq!(pod_prefix_for(4), 22);
        assert_eq!(pod_prefix_for(5), 21);
        assert_eq!(pod_prefix_for(1), 24);
        assert_eq!(pod_prefix_for(401), 15);
    }

    #[test]
    fn a_pod_range_with_no_free_block_of_its_size_shrinks_to_what_the_cluster_needs() {
        // A /8 over the VNet: no other /8 is free in private space, so the fix proposes the
        // smallest block that still gives every node and the surge a /24, at least a /16.
        let plan = crate::testing::plan_with(&[
            ("/aksClusters/0/networkPlugin", serde_json::json!("azure")),
            ("/aksClusters/0/networkPluginMode", serde_json::json!("overlay")),
            ("/aksClusters/0/provisioning", serde_json::json!("attach")),
            ("/aksClusters/0/podCidr", serde_json::json!("10.0.0.0/8")),
        ]);
        let found = crate::testing::findings(crate::RuleId::PodCidrOverlapsVnet, &plan);
        let fix = found.first().and_then(|finding| finding.fix.as_ref()).expect("a smaller block is offered");
        let value = fix.changes.first().and_then(|change| change.value.as_str()).expect("a CIDR");
        assert!(value.ends_with("/16"), "{value}");
        assert!(fix.title.contains("free in this plan"), "{}", fix.title);
    }

    #[test]
    fn a_docker_bridge_fix_proposes_the_aks_default_when_it_is_free() {
        let plan = crate::testing::plan_with(&[(
            "/aksClusters/0/dockerBridgeCidr",
            serde_json::json!("10.1.0.1/16"),
        )]);
        let found = crate::testing::findings(crate::RuleId::DockerBridgeOverlapsSubnet, &plan);
        let fix = found.first().and_then(|finding| finding.fix.as_ref()).expect("a fix");
        assert_eq!(
            fix.changes.first().map(|change| &change.value),
            Some(&serde_json::json!("172.17.0.1/16"))
        );
    }
}
