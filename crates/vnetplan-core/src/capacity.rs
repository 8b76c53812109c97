//! How many node-subnet addresses each AKS cluster needs, and how many it has.

use ipnet::Ipv4Net;
use serde::Serialize;

use crate::context::Context;
use crate::net::usable_addresses;
use crate::plan::AksCluster;

/// One cluster's use of its node subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityRow {
    pub cluster: String,
    pub vnet: String,
    pub subnet: String,
    /// Subnet size less the five addresses Azure keeps.
    pub usable: u64,
    pub needed: u64,
    /// What one more node would add to `needed`.
    pub per_node: u64,
}

/// Addresses a cluster takes from its node subnet at the peak of an upgrade.
///
/// Azure CNI without overlay gives each node its own address plus one per pod; kubenet and
/// overlay take pod addresses from elsewhere. An internal load balancer placed in the node subnet
/// takes a front-end address there, and a private cluster's API server endpoint lives there too.
pub fn needed_addresses(cluster: &AksCluster) -> u64 {
    let per_node = addresses_per_node(cluster);
    let load_balancer = u64::from(cluster.internal_load_balancer_subnet() == cluster.subnet.as_deref());
    let api_endpoint = u64::from(cluster.private_cluster());
    // Counts near u32::MAX saturate the product at u64::MAX, so the additions must saturate as
    // well: such a cluster needs "more than any subnet has", not an overflow (found by fuzzing).
    cluster.peak_nodes().saturating_mul(per_node).saturating_add(load_balancer).saturating_add(api_endpoint)
}

pub fn addresses_per_node(cluster: &AksCluster) -> u64 {
    if cluster.pods_use_node_subnet() {
        1 + u64::from(cluster.effective_max_pods())
    } else {
        1
    }
}

/// Whether cluster `index`, changed to `changed`, still fits its node subnet, so that a fix making
/// the change cannot be what makes the subnet too small. A subnet that does not resolve or parse,
/// or that the cluster already overflows, stays reported either way and does not count.
pub fn still_fits(context: &Context<'_>, index: usize, changed: &AksCluster) -> bool {
    let Some((cluster, facts)) = context.cluster(index) else { return true };
    let (Some(vnet), Some(subnet)) = (facts.node.vnet, facts.node.subnet) else { return true };
    let Some(net) = context.subnet_net(vnet, subnet) else { return true };
    let usable = usable_addresses(net);
    needed_addresses(changed) <= usable || needed_addresses(cluster) > usable
}

/// A cluster's node subnet, resolved, with what the cluster needs of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSubnet {
    pub vnet: usize,
    pub subnet: usize,
    pub net: Ipv4Net,
    pub usable: u64,
    /// The cluster's own need plus one address per internal load balancer of another cluster
    /// that takes its front end from this subnet.
    pub needed: u64,
    pub per_node: u64,
}

/// The node subnet of cluster `index` when it resolves and parses.
pub fn node_subnet(context: &Context<'_>, index: usize) -> Option<NodeSubnet> {
    let (cluster, facts) = context.cluster(index)?;
    let (vnet, subnet) = (facts.node.vnet?, facts.node.subnet?);
    let net = context.subnet_net(vnet, subnet)?;
    let foreign_load_balancers = context
        .clusters()
        .filter(|(other, _, other_facts)| {
            *other != index
                && other_facts.node.vnet == Some(vnet)
                && other_facts.load_balancer_subnet == Some(subnet)
        })
        .count();
    Some(NodeSubnet {
        vnet,
        subnet,
        net,
        usable: usable_addresses(net),
        needed: needed_addresses(cluster).saturating_add(foreign_load_balancers as u64),
        per_node: addresses_per_node(cluster),
    })
}

/// One row per cluster whose node subnet resolved and parsed.
pub fn capacity_rows(context: &Context<'_>) -> Vec<CapacityRow> {
    context
        .clusters()
        .filter_map(|(index, cluster, _)| {
            let node = node_subnet(context, index)?;
            Some(CapacityRow {
                cluster: cluster.name.clone(),
                vnet: cluster.vnet_name().to_owned(),
                subnet: cluster.subnet_name().to_owned(),
                usable: node.usable,
                needed: node.needed,
                per_node: node.per_node,
            })
        })
        .collect()
}
