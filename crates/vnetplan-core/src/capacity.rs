//! How many node-subnet addresses each AKS cluster needs, and how many it has.

use ipnet::Ipv4Net;
use serde::Serialize;

use crate::context::{ClusterFacts, Context};
use crate::net::{smallest_subnet_for, usable_addresses};
use crate::plan::AksCluster;
use crate::pointer;
use crate::text::Message;

/// Private addresses the workspace's private endpoint takes from its subnet: Microsoft's worked
/// example of the endpoint's network interface lists three, one for the workspace API (and its
/// certificate name), one for the notebooks and one for the managed online endpoints' scoring.
pub(crate) const WORKSPACE_ENDPOINT_ADDRESSES: u64 = 3;

/// What takes addresses in one subnet besides nodes: how many, where the plan places it, and
/// what it is, for messages.
pub(crate) struct Tenant {
    pub addresses: u64,
    pub subject: String,
    pub what: Message,
    /// Whether it is an ACI container group, which a node subnet's sizing does not count.
    pub aci: bool,
    /// The cluster it belongs to, for a load balancer or pods.
    pub cluster: Option<usize>,
}

/// Every subnet that holds the workspace's private endpoint, a v1 internal load balancer, an ACI
/// deployment or a cluster's pods under Azure CNI Pod Subnet, with those tenants in that order.
/// Nodes are not tenants: node subnets are sized by [`node_subnet`].
pub(crate) fn subnet_tenants(context: &Context<'_>) -> Vec<((usize, usize), Vec<Tenant>)> {
    let mut subnets: Vec<((usize, usize), Vec<Tenant>)> = Vec::new();
    let mut place = |key: (usize, usize), tenant: Tenant| match subnets.iter_mut().find(|(at, _)| *at == key)
    {
        Some((_, tenants)) => tenants.push(tenant),
        None => subnets.push((key, vec![tenant])),
    };
    if let Some(endpoint) = &context.plan.workspace.private_endpoint {
        let placement = context.placement(&endpoint.vnet, &endpoint.subnet);
        if let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) {
            let what = text!(
                "the workspace's private endpoint",
                "le point de terminaison privé de l’espace de travail"
            );
            place(
                (vnet, subnet),
                Tenant {
                    addresses: WORKSPACE_ENDPOINT_ADDRESSES,
                    subject: pointer::private_endpoint("subnet"),
                    what: what.message(),
                    aci: false,
                    cluster: None,
                },
            );
        }
    }
    for (index, cluster, facts) in context.v1_clusters() {
        let (Some(vnet), Some(subnet)) = (facts.node.vnet, facts.load_balancer_subnet) else { continue };
        if !cluster.has_internal_load_balancer() {
            continue;
        }
        let what = msg!(
            [
                "the internal load balancer of cluster '{cluster}'",
                "l’équilibreur de charge interne du cluster « {cluster} »"
            ],
            cluster = &cluster.name,
        );
        place(
            (vnet, subnet),
            Tenant {
                addresses: 1,
                subject: pointer::cluster(index, "loadBalancerSubnet"),
                what,
                aci: false,
                cluster: Some(index),
            },
        );
    }
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) else { continue };
        let what =
            msg!(["ACI deployment '{name}'", "le déploiement ACI « {name} »"], name = &deployment.name);
        place(
            (vnet, subnet),
            Tenant { addresses: 1, subject: pointer::aci(index, "subnet"), what, aci: true, cluster: None },
        );
    }
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(subnet)) = (facts.node.vnet, facts.pod_subnet) else { continue };
        let what = msg!(
            ["the pods of cluster '{cluster}'", "les pods du cluster « {cluster} »"],
            cluster = &cluster.name
        );
        place(
            (vnet, subnet),
            Tenant {
                addresses: pod_addresses(cluster),
                subject: pointer::cluster(index, "podSubnet"),
                what,
                aci: false,
                cluster: Some(index),
            },
        );
    }
    subnets
}

/// One cluster's use of its node subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityRow {
    pub cluster: String,
    pub vnet: String,
    pub subnet: String,
    /// Subnet size less the five addresses Azure keeps.
    pub usable: u64,
    /// This cluster's own need, its internal load balancer and API endpoint included.
    pub needed: u64,
    /// What one more node would add to `needed`.
    pub per_node: u64,
    /// What the subnet must hold for every cluster in it, every internal load balancer placed in
    /// it, the pods of every cluster whose pod subnet it is, and the workspace's private endpoint
    /// when it is there: the figure `aks-subnet-too-small` compares with `usable`.
    pub subnet_needed: u64,
    /// The other clusters whose node subnet it is.
    pub shared_with: Vec<String>,
    /// Under Azure CNI Pod Subnet, the pod subnet when it is not the node subnet (whose figures
    /// above then count the pods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_subnet: Option<PodSubnetRow>,
}

/// One cluster's use of its pod subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSubnetRow {
    pub subnet: String,
    /// Subnet size less the five addresses Azure keeps.
    pub usable: u64,
    /// This cluster's pods: maxPods for each node at the peak of an upgrade, in whole batches of 16.
    pub needed: u64,
    /// What the subnet holds in all, as `subnet-addresses-exhausted` (or `aks-subnet-too-small`,
    /// for another cluster's node subnet) counts it.
    pub subnet_needed: u64,
}

/// Addresses a cluster takes from its node subnet at the peak of an upgrade.
///
/// Azure CNI without overlay gives each node its own address plus one per pod; kubenet and
/// overlay take pod addresses from elsewhere. An internal load balancer placed in the node subnet
/// (a v1 one placed there, or a v2 internal router) takes a front-end address there, and a
/// private cluster's API server endpoint lives there too.
pub(crate) fn needed_addresses(cluster: &AksCluster) -> u64 {
    let per_node = addresses_per_node(cluster);
    let load_balancer = u64::from(cluster.internal_front_end_in_node_subnet());
    let api_endpoint = u64::from(cluster.private_cluster());
    // Counts near u32::MAX saturate the product at u64::MAX, so the additions must saturate as
    // well: such a cluster needs "more than any subnet has", not an overflow (found by fuzzing).
    cluster.peak_nodes().saturating_mul(per_node).saturating_add(load_balancer).saturating_add(api_endpoint)
}

/// Addresses a cluster reserves in its pod subnet under Azure CNI Pod Subnet: each node, surge
/// nodes included, takes [`pod_addresses_per_node`].
pub(crate) fn pod_addresses(cluster: &AksCluster) -> u64 {
    cluster.peak_nodes().saturating_mul(pod_addresses_per_node(cluster))
}

/// How many pod subnet addresses Azure CNI hands a node at a time (Learn, "Azure Container
/// Networking Interface (CNI) Pod Subnet", 2026-09-10).
const POD_ADDRESS_BATCH: u64 = 16;

/// What one node holds of its pod subnet when it runs as many pods as it may: the addresses come
/// in whole batches, so maxPods rounded up to a batch, and never less than the batch every node
/// takes when it starts.
pub(crate) fn pod_addresses_per_node(cluster: &AksCluster) -> u64 {
    u64::from(cluster.effective_max_pods()).div_ceil(POD_ADDRESS_BATCH).max(1) * POD_ADDRESS_BATCH
}

pub(crate) fn addresses_per_node(cluster: &AksCluster) -> u64 {
    if cluster.pods_use_node_subnet() {
        1 + u64::from(cluster.effective_max_pods())
    } else {
        1
    }
}

/// A subnet that cluster `index` would overfill once changed to `changed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shortfall {
    pub vnet: usize,
    pub subnet: usize,
    pub net: Ipv4Net,
    /// Whether it is the cluster's pod subnet, apart from its node subnet.
    pub pods: bool,
    pub usable: u64,
    /// What the subnet would hold in all after the change, every other tenant included.
    pub needed: u64,
    /// What it holds before the change: more than `usable` when it is already too small.
    pub before: u64,
}

/// The subnets that cluster `index`, changed to `changed`, would overfill together with
/// everything else they hold: its node subnet, then its own pod subnet. A subnet that does not
/// resolve or parse is not judged.
pub(crate) fn shortfalls(context: &Context<'_>, index: usize, changed: &AksCluster) -> Vec<Shortfall> {
    let mut found = Vec::new();
    if let Some(node) = node_subnet(context, index) {
        let others = node.subnet_needed.saturating_sub(node.needed);
        let needed = others.saturating_add(own_need(context, index, changed));
        if needed > node.usable {
            found.push(Shortfall {
                vnet: node.vnet,
                subnet: node.subnet,
                net: node.net,
                pods: false,
                usable: node.usable,
                needed,
                before: node.subnet_needed,
            });
        }
    }
    found.extend(pod_shortfall(context, index, changed));
    found
}

fn pod_shortfall(context: &Context<'_>, index: usize, changed: &AksCluster) -> Option<Shortfall> {
    let (cluster, facts) = context.cluster(index)?;
    if facts.pods_in_node_subnet() {
        return None;
    }
    let (vnet, subnet) = (facts.node.vnet?, facts.pod_subnet?);
    let net = context.subnet_net(vnet, subnet)?;
    let before = subnet_load(context, vnet, subnet);
    let needed = before.saturating_sub(pod_addresses(cluster)).saturating_add(pod_addresses(changed));
    let usable = usable_addresses(net);
    (needed > usable).then_some(Shortfall { vnet, subnet, net, pods: true, usable, needed, before })
}

/// Whether cluster `index`, changed to `changed`, still fits its subnets together with what
/// else they hold, so that a fix making the change cannot be what makes a subnet too small. A
/// subnet that is already too small stays reported either way and does not count.
pub(crate) fn still_fits(context: &Context<'_>, index: usize, changed: &AksCluster) -> bool {
    shortfalls(context, index, changed).iter().all(|short| short.before > short.usable)
}

/// Everything subnet `subnet` of VNet `vnet` holds: as a node subnet, what its clusters and
/// whatever is placed there need; otherwise the sum of its tenants.
fn subnet_load(context: &Context<'_>, vnet: usize, subnet: usize) -> u64 {
    let nodes_there = context
        .clusters()
        .find(|(_, _, facts)| facts.node.vnet == Some(vnet) && facts.node.subnet == Some(subnet))
        .and_then(|(index, _, _)| node_subnet(context, index));
    match nodes_there {
        Some(node) => node.subnet_needed,
        None => subnet_tenants(context)
            .into_iter()
            .find(|(at, _)| *at == (vnet, subnet))
            .map_or(0, |(_, tenants)| {
                tenants.iter().fold(0u64, |sum, tenant| sum.saturating_add(tenant.addresses))
            }),
    }
}

/// Cluster `index`'s use of its pod subnet, when that is a subnet of its own that resolves and
/// parses.
fn pod_subnet_row(context: &Context<'_>, index: usize) -> Option<PodSubnetRow> {
    let (cluster, facts) = context.cluster(index)?;
    if facts.pods_in_node_subnet() {
        return None;
    }
    let (vnet, subnet) = (facts.node.vnet?, facts.pod_subnet?);
    let net = context.subnet_net(vnet, subnet)?;
    Some(PodSubnetRow {
        subnet: context.subnet_name(vnet, subnet).to_owned(),
        usable: usable_addresses(net),
        needed: pod_addresses(cluster),
        subnet_needed: subnet_load(context, vnet, subnet),
    })
}

/// What one more node of a cluster adds to its node subnet's need.
fn node_subnet_per_node(facts: &ClusterFacts, cluster: &AksCluster) -> u64 {
    let pods = if facts.pods_in_node_subnet() { pod_addresses_per_node(cluster) } else { 0 };
    addresses_per_node(cluster).saturating_add(pods)
}

/// A cluster's own need of its node subnet, `changed` standing in for the cluster's fields.
fn own_need(context: &Context<'_>, index: usize, cluster: &AksCluster) -> u64 {
    let Some((_, facts)) = context.cluster(index) else { return needed_addresses(cluster) };
    let load_balancer = if cluster.is_v2() {
        cluster.internal_front_end_in_node_subnet() && facts.node.subnet.is_some()
    } else {
        // The load balancer counts here when it resolves to the node subnet, whatever its name's case.
        let node_and_load_balancer =
            facts.node.subnet.is_some() && facts.load_balancer_subnet == facts.node.subnet;
        cluster.has_internal_load_balancer() && node_and_load_balancer
    };
    let load_balancer = u64::from(load_balancer);
    let pods = if facts.pods_in_node_subnet() { pod_addresses(cluster) } else { 0 };
    cluster
        .peak_nodes()
        .saturating_mul(addresses_per_node(cluster))
        .saturating_add(load_balancer)
        .saturating_add(u64::from(cluster.private_cluster()))
        .saturating_add(pods)
}

/// A cluster's node subnet, resolved, with what the cluster and the subnet as a whole need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NodeSubnet {
    pub vnet: usize,
    pub subnet: usize,
    pub net: Ipv4Net,
    pub usable: u64,
    /// The cluster's own need: its nodes (and pods under flat Azure CNI) at the peak of an
    /// upgrade, its internal load balancer when placed here, its private API endpoint.
    pub needed: u64,
    pub per_node: u64,
    /// What the subnet must hold: every cluster whose node subnet it is, plus the internal load
    /// balancer of any other cluster placed in it, plus the pods of any cluster whose pod subnet
    /// it is, plus the workspace's private endpoint.
    pub subnet_needed: u64,
    /// Whether the workspace's private endpoint is placed in this subnet.
    pub workspace_endpoint: bool,
    /// The largest per-node need among the clusters in the subnet: one more node of any of them.
    pub headroom: u64,
    /// Every cluster whose node subnet it is, this one included, in plan order.
    pub clusters: Vec<usize>,
    /// Every cluster whose pod subnet it is too, in plan order.
    pub pod_clusters: Vec<usize>,
}

impl NodeSubnet {
    /// What a finding about the subnet's size points at: its prefix, then whatever takes its
    /// addresses.
    pub(crate) fn subjects(&self) -> Vec<String> {
        let mut subjects = vec![pointer::subnet_prefix(self.vnet, self.subnet)];
        subjects.extend(self.clusters.iter().map(|index| pointer::cluster(*index, "subnet")));
        subjects.extend(self.pod_clusters.iter().map(|index| pointer::cluster(*index, "podSubnet")));
        if self.workspace_endpoint {
            subjects.push(pointer::private_endpoint("subnet"));
        }
        subjects
    }
}

/// One node subnet and everything placed in it, for the rules that size it.
pub(crate) fn node_subnet(context: &Context<'_>, index: usize) -> Option<NodeSubnet> {
    let (cluster, facts) = context.cluster(index)?;
    let (vnet, subnet) = (facts.node.vnet?, facts.node.subnet?);
    let net = context.subnet_net(vnet, subnet)?;
    let (mut clusters, mut pod_clusters) = (Vec::new(), Vec::new());
    let (mut subnet_needed, mut headroom) = (0u64, 0u64);
    for (other, other_cluster, other_facts) in context.clusters() {
        let here = other_facts.node.vnet == Some(vnet);
        let nodes_here = here && other_facts.node.subnet == Some(subnet);
        if here && other_facts.pod_subnet == Some(subnet) {
            // A pod subnet that is also a node subnet holds both, and is sized here alone. The
            // pods of a cluster whose nodes are here too count in its own need.
            pod_clusters.push(other);
            if !nodes_here {
                subnet_needed = subnet_needed.saturating_add(pod_addresses(other_cluster));
            }
        }
        if nodes_here {
            clusters.push(other);
            subnet_needed = subnet_needed.saturating_add(own_need(context, other, other_cluster));
            headroom = headroom.max(node_subnet_per_node(other_facts, other_cluster));
        } else if here
            && other_facts.load_balancer_subnet == Some(subnet)
            && other_cluster.has_internal_load_balancer()
            && !other_cluster.is_v2()
        {
            // Another v1 cluster's internal load balancer takes its front end from this subnet; a v2
            // router's front end stays in its own node subnet.
            subnet_needed = subnet_needed.saturating_add(1);
        }
    }
    let workspace_endpoint = context.plan.workspace.private_endpoint.as_ref().is_some_and(|endpoint| {
        let placement = context.placement(&endpoint.vnet, &endpoint.subnet);
        placement.vnet == Some(vnet) && placement.subnet == Some(subnet)
    });
    if workspace_endpoint {
        subnet_needed = subnet_needed.saturating_add(WORKSPACE_ENDPOINT_ADDRESSES);
    }
    Some(NodeSubnet {
        vnet,
        subnet,
        net,
        usable: usable_addresses(net),
        needed: own_need(context, index, cluster),
        per_node: node_subnet_per_node(facts, cluster),
        subnet_needed,
        workspace_endpoint,
        headroom,
        clusters,
        pod_clusters,
    })
}

/// Every node subnet that resolves and parses, once each, in the order of the first cluster in it.
pub(crate) fn node_subnets(context: &Context<'_>) -> Vec<NodeSubnet> {
    let mut seen = Vec::new();
    let mut subnets = Vec::new();
    for (index, _, facts) in context.clusters() {
        let (Some(vnet), Some(subnet)) = (facts.node.vnet, facts.node.subnet) else { continue };
        if seen.contains(&(vnet, subnet)) {
            continue;
        }
        seen.push((vnet, subnet));
        subnets.extend(node_subnet(context, index));
    }
    subnets
}

/// One row per cluster whose node subnet resolved and parsed.
pub(crate) fn capacity_rows(context: &Context<'_>) -> Vec<CapacityRow> {
    context
        .clusters()
        .filter_map(|(index, cluster, _)| {
            let node = node_subnet(context, index)?;
            let shared_with = node
                .clusters
                .iter()
                .filter(|other| **other != index)
                .filter_map(|other| context.cluster(*other).map(|(other, _)| other.name.clone()))
                .collect();
            Some(CapacityRow {
                cluster: cluster.name.clone(),
                vnet: context.vnet_name(node.vnet).to_owned(),
                subnet: context.subnet_name(node.vnet, node.subnet).to_owned(),
                usable: node.usable,
                needed: node.needed,
                per_node: node.per_node,
                subnet_needed: node.subnet_needed,
                shared_with,
                pod_subnet: pod_subnet_row(context, index),
            })
        })
        .collect()
}

/// Who needs the addresses of a node subnet, for messages: "cluster 'a' needs", "clusters 'a'
/// and 'b' need", "cluster 'a' and the workspace's private endpoint need".
pub(crate) fn who_needs(context: &Context<'_>, node: &NodeSubnet) -> Message {
    let pods_only = node.pod_clusters.iter().filter(|index| !node.clusters.contains(index));
    let names: Vec<String> = node
        .clusters
        .iter()
        .chain(pods_only)
        .filter_map(|index| context.cluster(*index).map(|(cluster, _)| cluster.name.clone()))
        .collect();
    let quoted = |name: &String| msg!(["'{name}'", "« {name} »"], name = name);
    let mut quoted_names = names.iter().map(quoted);
    let (clusters, one) = match quoted_names.next() {
        Some(first) if names.len() == 1 => {
            (msg!(["cluster {name}", "le cluster {name}"]).with_message("name", first), true)
        }
        Some(first) => {
            let listed = and_list(first, quoted_names.collect());
            (msg!(["clusters {listed}", "les clusters {listed}"]).with_message("listed", listed), false)
        }
        None => (text!("the clusters", "les clusters").message(), false),
    };
    match (node.workspace_endpoint, one) {
        (false, true) => msg!(["{clusters} needs", "{clusters} demande"]),
        (false, false) => msg!(["{clusters} need", "{clusters} demandent"]),
        (true, true) => msg!([
            "{clusters} and the workspace's private endpoint need",
            "{clusters} et le point de terminaison privé de l’espace de travail demandent"
        ]),
        (true, false) => msg!([
            "{clusters}, and the workspace's private endpoint, need",
            "{clusters}, et le point de terminaison privé de l’espace de travail, demandent"
        ]),
    }
    .with_message("clusters", clusters)
}

/// `first`, then the rest, as one phrase of the message's language: "a, b and c".
pub(crate) fn and_list(first: Message, mut rest: Vec<Message>) -> Message {
    let Some(last) = rest.pop() else { return first };
    let head = rest.into_iter().fold(first, |head, next| {
        msg!(["{head}, {next}", "{head}, {next}"]).with_message("head", head).with_message("next", next)
    });
    msg!(["{head} and {last}", "{head} et {last}"]).with_message("head", head).with_message("last", last)
}

/// The smallest subnet that holds `needed` addresses, as a finding suggests it.
pub(crate) fn fitting_subnet(needed: u64) -> Message {
    smallest_subnet_for(needed).map_or_else(
        || text!("no single subnet is that large", "aucun sous-réseau ne peut être aussi grand").message(),
        |len| msg!(["a /{len} or larger fits", "un /{len} ou plus grand suffit"], len = len),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::catalog::RuleId;
    use crate::check;
    use crate::testing::plan_with;

    /// A second Azure CNI cluster of `nodes` nodes in the base plan's node subnet, resized to `prefix`.
    fn two_clusters(prefix: &str, nodes: u64) -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/0/subnets/0/addressPrefix", json!(prefix)),
            ("/aksClusters/0/nodeCount", json!(nodes)),
            (
                "/aksClusters/-",
                json!({"name": "second", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.3.0.0/16",
                       "dnsServiceIP": "10.3.0.10", "nodeCount": nodes, "networkContributorGranted": true}),
            ),
        ]
    }

    #[test]
    fn a_shared_node_subnet_is_sized_for_every_cluster_in_it() {
        // 4 nodes, surge 10% -> 1, 30 pods: 5 x 31 = 155 each, 310 together in a /24 (251 usable).
        let plan = plan_with(&two_clusters("10.1.0.0/24", 4));
        let report = check(&plan);
        let rows: Vec<(u64, u64, u64, Vec<String>)> = report
            .capacity
            .iter()
            .map(|row| (row.usable, row.needed, row.subnet_needed, row.shared_with.clone()))
            .collect();
        assert_eq!(
            rows,
            [(251, 155, 310, vec!["second".to_owned()]), (251, 155, 310, vec!["ml-aks".to_owned()])]
        );
        let too_small: Vec<_> =
            report.findings.iter().filter(|finding| finding.rule == RuleId::AksSubnetTooSmall).collect();
        assert_eq!(too_small.len(), 1, "one finding per subnet");
        assert_eq!(
            too_small[0].subjects,
            ["/vnets/0/subnets/0/addressPrefix", "/aksClusters/0/subnet", "/aksClusters/1/subnet"]
        );
        assert_eq!(
            too_small[0].message,
            "clusters 'ml-aks' and 'second' need 310 addresses in subnet 'aks' (10.1.0.0/24) of VNet \
             'ml-vnet', which has 251 usable; a /23 or larger fits"
        );
        // Each alone would fit.
        let alone = check(&plan_with(&[
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/24")),
            ("/aksClusters/0/nodeCount", json!(4)),
        ]));
        assert!(!alone.findings.iter().any(|finding| finding.rule == RuleId::AksSubnetTooSmall));
        assert_eq!(alone.capacity.first().map(|row| row.shared_with.len()), Some(0));
    }

    #[test]
    fn sixty_four_flat_cni_nodes_overflow_a_slash_21_with_the_default_surge() {
        // S = ceil(64 x 10%) = 7: 71 x 31 = 2201 > 2043.
        let plan = plan_with(&[
            ("/vnets/0/addressPrefixes/0", json!("10.1.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/21")),
            ("/aksClusters/0/nodeCount", json!(64)),
        ]);
        let report = check(&plan);
        let row = report.capacity.first().expect("one row");
        assert_eq!((row.usable, row.needed, row.subnet_needed), (2043, 2201, 2201));
        assert!(report.findings.iter().any(|finding| finding.rule == RuleId::AksSubnetTooSmall));
    }

    #[test]
    fn a_pod_subnet_takes_the_pods_out_of_the_node_subnet_and_is_sized_for_them() {
        // S = 7 of 64 nodes: the node subnet holds 71 nodes, the pod subnet 71 x 112 = 7952 pod
        // addresses (110 pods per node, in batches of 16).
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/21")),
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.32.0/21"})),
            ("/aksClusters/0/nodeCount", json!(64)),
            ("/aksClusters/0/podSubnet", json!("pods")),
        ];
        let report = check(&plan_with(&changes));
        let row = report.capacity.first().expect("one row");
        assert_eq!((row.usable, row.needed, row.per_node), (2043, 71, 1));
        let rules: Vec<RuleId> = report.findings.iter().map(|finding| finding.rule).collect();
        assert!(!rules.contains(&RuleId::AksSubnetTooSmall), "{rules:?}");
        let exhausted = report
            .findings
            .iter()
            .find(|finding| finding.rule == RuleId::SubnetAddressesExhausted)
            .expect("the pod subnet is too small");
        assert_eq!(
            exhausted.message,
            "subnet 'pods' (10.1.32.0/21) of VNet 'ml-vnet' has 2043 usable addresses, but the pods of \
             cluster 'ml-aks' take 7952; a /19 or larger fits"
        );
        assert_eq!(exhausted.subjects, ["/vnets/0/subnets/1/addressPrefix", "/aksClusters/0/podSubnet"]);
        let mut wide = changes.to_vec();
        wide[1] = ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.32.0/19"}));
        let rules: Vec<RuleId> =
            check(&plan_with(&wide)).findings.iter().map(|finding| finding.rule).collect();
        assert!(!rules.contains(&RuleId::SubnetAddressesExhausted), "{rules:?}");
    }

    #[test]
    fn pod_subnet_addresses_come_in_whole_batches_of_sixteen() {
        let per_node = |max_pods: u32| {
            let cluster = AksCluster { max_pods: Some(max_pods), ..plan_with(&[]).aks_clusters[0].clone() };
            pod_addresses_per_node(&cluster)
        };
        assert_eq!([10, 16, 17, 31, 110, 250].map(per_node), [16, 16, 32, 32, 112, 256]);
        // 3 + 1 surge nodes of 10 pods: 40 pods, but 64 addresses, which a /26 (59) cannot hold.
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/26"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
            ("/aksClusters/0/maxPods", json!(10)),
        ];
        let report = check(&plan_with(&changes));
        let pods = report.capacity[0].pod_subnet.as_ref().expect("the pod subnet has a row");
        assert_eq!((pods.usable, pods.needed), (59, 64));
        assert!(report.findings.iter().any(|finding| finding.rule == RuleId::SubnetAddressesExhausted));
    }

    #[test]
    fn a_pod_subnet_that_is_the_node_subnet_holds_the_nodes_and_the_pods() {
        // 11 nodes at the peak: 11 node addresses and 11 x 112 pod addresses (110 pods in batches of
        // 16), against 1019.
        let plan =
            plan_with(&[("/aksClusters/0/nodeCount", json!(10)), ("/aksClusters/0/podSubnet", json!("AKS"))]);
        let report = check(&plan);
        let row = report.capacity.first().expect("one row");
        assert_eq!((row.usable, row.subnet_needed), (1019, 1243));
        let too_small = report
            .findings
            .iter()
            .find(|finding| finding.rule == RuleId::AksSubnetTooSmall)
            .expect("the subnet is too small for nodes and pods");
        assert!(
            too_small.subjects.contains(&"/aksClusters/0/podSubnet".to_owned()),
            "{:?}",
            too_small.subjects
        );
        let plain = check(&plan_with(&[("/aksClusters/0/nodeCount", json!(10))]));
        assert!(plain.findings.iter().all(|finding| finding.rule != RuleId::AksSubnetTooSmall));
    }

    #[test]
    fn the_workspace_private_endpoint_adds_to_a_shared_node_subnet_and_is_named() {
        // 310 for the two clusters (above) and 3 for the endpoint's interface: 313 of 507 in a /23.
        let mut changes = two_clusters("10.1.0.0/23", 4);
        changes.push(("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"})));
        let plan = plan_with(&changes);
        let report = check(&plan);
        let rows: Vec<(u64, u64)> =
            report.capacity.iter().map(|row| (row.needed, row.subnet_needed)).collect();
        assert_eq!(rows, [(155, 313), (155, 313)], "each cluster's own need leaves the endpoint out");
        // 4 x 31 = 124 for the first and 114 overlay nodes with their surge of 12 for the second:
        // 250 fits the 251 usable addresses of a /24 alone, not with the endpoint's three.
        changes[0] = ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/24"));
        changes[1] = ("/aksClusters/0/nodeCount", json!(3));
        let overlay = [
            ("/aksClusters/1/nodeCount", json!(114)),
            ("/aksClusters/1/networkPluginMode", json!("overlay")),
            ("/aksClusters/1/podCidr", json!("10.244.0.0/16")),
        ];
        let too_small = |changes: &[(&'static str, Value)]| -> Vec<String> {
            check(&plan_with(changes))
                .findings
                .into_iter()
                .filter(|finding| finding.rule == RuleId::AksSubnetTooSmall)
                .map(|finding| finding.message)
                .collect()
        };
        let without_endpoint = [&changes[..3], &overlay].concat();
        assert_eq!(too_small(&without_endpoint), Vec::<String>::new());
        assert_eq!(
            too_small(&[&changes[..], &overlay].concat()),
            ["clusters 'ml-aks' and 'second', and the workspace's private endpoint, need 253 \
              addresses in subnet 'aks' (10.1.0.0/24) of VNet 'ml-vnet', which has 251 usable; a /23 or \
              larger fits"]
        );
    }

    #[test]
    fn headroom_uses_the_largest_per_node_need_in_the_subnet() {
        // A kubenet cluster (1 per node) and a flat Azure CNI cluster (31 per node) in a /24:
        // 3 + 1 = 4 kubenet addresses plus 4 x 31 = 124, 128 of 251; one more CNI node fits.
        let mut changes = two_clusters("10.1.0.0/24", 3);
        changes.push(("/aksClusters/1/networkPlugin", json!("kubenet")));
        changes.push(("/aksClusters/1/podCidr", json!("10.50.0.0/16")));
        let context_plan = plan_with(&changes);
        let context = Context::new(&context_plan);
        let node = node_subnet(&context, 1).expect("resolves");
        assert_eq!((node.needed, node.subnet_needed, node.headroom, node.per_node), (4, 128, 31, 1));
        // 7 CNI nodes + 1 surge = 248, plus the kubenet 4 = 252 > 251: too small. 6 + 1 = 217 + 4 = 221
        // leaves 30 free, less than one more CNI node (31): no headroom, though a kubenet node fits.
        changes.push(("/aksClusters/0/nodeCount", json!(6)));
        let report = check(&plan_with(&changes));
        let rules: Vec<RuleId> = report
            .findings
            .iter()
            .map(|finding| finding.rule)
            .filter(|rule| matches!(rule, RuleId::AksSubnetNoHeadroom | RuleId::AksSubnetTooSmall))
            .collect();
        assert_eq!(rules, [RuleId::AksSubnetNoHeadroom]);
    }

    #[test]
    fn an_internal_load_balancer_of_another_cluster_counts_once_in_the_subnet() {
        let mut changes = two_clusters("10.1.0.0/24", 2);
        changes.push(("/vnets/0/subnets/-", json!({"name": "other", "addressPrefix": "10.1.8.0/24"})));
        changes.push(("/aksClusters/1/subnet", json!("other")));
        changes.push(("/aksClusters/1/loadBalancerType", json!("InternalLoadBalancer")));
        changes.push(("/aksClusters/1/loadBalancerSubnet", json!("AKS")));
        let plan = plan_with(&changes);
        let context = Context::new(&plan);
        let node = node_subnet(&context, 0).expect("resolves");
        // 2 nodes + 1 surge = 3 x 31 = 93, plus the other cluster's load balancer.
        assert_eq!((node.needed, node.subnet_needed, node.clusters.clone()), (93, 94, vec![0]));
    }

    #[test]
    fn a_v2_internal_router_takes_one_address_of_the_node_subnet() {
        let public = crate::testing::v2_cluster();
        let mut internal = public.clone();
        internal.push(("/aksClusters/0/azureMl/internalLoadBalancerProvider", json!("azure")));
        // v2 ignores loadBalancerSubnet: naming another subnet does not move the front end.
        internal.push(("/vnets/0/subnets/-", json!({"name": "ilb", "addressPrefix": "10.1.8.0/24"})));
        internal.push(("/aksClusters/0/loadBalancerSubnet", json!("ilb")));
        let needed = |changes: &[(&str, Value)]| {
            let plan = plan_with(changes);
            let context = Context::new(&plan);
            let node = node_subnet(&context, 0).expect("resolves");
            (node.needed, node.subnet_needed, needed_addresses(&plan.aks_clusters[0]))
        };
        let (public_need, _, _) = needed(&public);
        assert_eq!(needed(&internal), (public_need + 1, public_need + 1, public_need + 1));
        let plan = plan_with(&internal);
        let context = Context::new(&plan);
        let ilb = node_subnet_of(&context, "ilb");
        assert_eq!(ilb, None, "no cluster's node subnet, and no v1 front end placed there");
    }

    /// The capacity row of the subnet called `name`, if some cluster's node subnet it is.
    fn node_subnet_of(context: &Context<'_>, name: &str) -> Option<u64> {
        node_subnets(context)
            .into_iter()
            .find(|node| context.subnet_name(node.vnet, node.subnet) == name)
            .map(|node| node.subnet_needed)
    }

    #[test]
    fn a_cluster_in_the_managed_vnet_has_no_capacity_row() {
        let mut plan = plan_with(&[]);
        if let Some(cluster) = plan.aks_clusters.first_mut() {
            cluster.vnet = None;
            cluster.subnet = None;
        }
        let report = check(&plan);
        assert!(report.capacity.is_empty());
        assert!(!report.findings.iter().any(|finding| finding.rule == RuleId::AksSubnetTooSmall));
    }
}
