//! Facts about a plan that many rules need, computed once per check.
//!
//! Every CIDR is parsed here a single time, names are resolved to indices, and the ranges are
//! sorted into [`RangeIndex`]es so that overlap questions cost a binary search, not a scan of
//! every pair. Rules read these facts and never re-parse the plan's text.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::net::Ipv4Addr;

use ipnet::{Ipv4Net, Ipv6Net};

use crate::net::{parse_cidr, parse_ipv4, parse_ipv6_prefix, Range, RangeIndex};
use crate::plan::{AksCluster, Plan, Subnet, Vnet};
use crate::pointer;
use crate::text::Message;

pub(crate) struct Context<'p> {
    pub plan: &'p Plan,
    pub vnets: Vec<VnetFacts<'p>>,
    /// Each external range as parsed; `None` when its text is not an IPv4 CIDR.
    pub externals: Vec<Option<Ipv4Net>>,
    /// Each external range that is an IPv6 prefix. IPv4 and IPv6 are never compared.
    pub externals_v6: Vec<Option<Ipv6Net>>,
    pub external_index: RangeIndex<usize>,
    /// Every address prefix of every VNet, keyed by (VNet, prefix) index.
    pub prefix_index: RangeIndex<(usize, usize)>,
    pub clusters: Vec<ClusterFacts>,
    pub aci: Vec<Placement>,
    /// VNet names folded to lower case ([`name_key`]), to the first VNet of that name.
    vnet_names: HashMap<Cow<'p, str>, usize>,
    /// Fixes that move a cluster's range, by cluster and range: several findings about the same
    /// range share one fix, and choosing it means gathering every range of the plan.
    /// Built on first use: three rules walk every CIDR of the plan.
    cidr_fields: OnceCell<Vec<CidrField<'p>>>,
}

pub(crate) struct VnetFacts<'p> {
    /// The IPv4 prefixes; `None` for text that is not an IPv4 CIDR (an IPv6 prefix included).
    pub prefixes: Vec<Option<Ipv4Net>>,
    pub subnets: Vec<Option<Ipv4Net>>,
    /// The same lists' IPv6 prefixes (dual-stack VNets); `None` where the text is not IPv6.
    pub prefixes_v6: Vec<Option<Ipv6Net>>,
    pub subnets_v6: Vec<Option<Ipv6Net>>,
    /// The VNet's own prefixes, keyed by prefix index.
    pub prefix_index: RangeIndex<usize>,
    /// The VNet's subnets, keyed by subnet index.
    pub subnet_index: RangeIndex<usize>,
    /// Subnets whose name an earlier subnet of the VNet already has, as (index, earlier index).
    pub duplicate_subnets: Vec<(usize, usize)>,
    /// Subnet names folded to lower case ([`name_key`]), to the first subnet of that name.
    subnet_names: HashMap<Cow<'p, str>, usize>,
    _names: std::marker::PhantomData<&'p str>,
}

/// The form of a name used to compare it: Azure compares resource names without regard to case.
/// A name that is already lower case (most are) is its own key, so that indexing the many
/// subnets of a large plan allocates nothing.
pub(crate) fn name_key(name: &str) -> Cow<'_, str> {
    if name.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.chars().flat_map(char::to_lowercase).collect())
}

/// A VNet and subnet named by a cluster, deployment or endpoint, resolved to indices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Placement {
    pub vnet: Option<usize>,
    /// Only resolved when `vnet` is.
    pub subnet: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ClusterFacts {
    pub node: Placement,
    /// The subnet its internal load balancer takes an address from, in the cluster's VNet;
    /// `None` without an internal load balancer or when the name does not resolve there.
    pub load_balancer_subnet: Option<usize>,
    /// The subnet that gives the pods their addresses under Azure CNI Pod Subnet, in the
    /// cluster's VNet; `None` in any other mode or when the name does not resolve there.
    pub pod_subnet: Option<usize>,
    pub service: Option<Ipv4Net>,
    pub dns: Option<Ipv4Addr>,
    pub pod: Option<Ipv4Net>,
    /// As written, host bits included.
    pub docker_bridge: Option<Ipv4Net>,
}

impl ClusterFacts {
    pub(crate) fn service_range(&self) -> Option<Range> {
        self.service.map(Range::of)
    }

    pub(crate) fn pod_range(&self) -> Option<Range> {
        self.pod.map(Range::of)
    }

    pub(crate) fn docker_bridge_range(&self) -> Option<Range> {
        self.docker_bridge.map(Range::of)
    }

    /// Whether the pods take their addresses from a pod subnet that is the node subnet.
    pub(crate) fn pods_in_node_subnet(&self) -> bool {
        self.pod_subnet.is_some() && self.pod_subnet == self.node.subnet
    }
}

impl<'p> Context<'p> {
    pub(crate) fn new(plan: &'p Plan) -> Self {
        let mut vnet_names = HashMap::with_capacity(plan.vnets.len());
        for (index, vnet) in plan.vnets.iter().enumerate() {
            vnet_names.entry(name_key(&vnet.name)).or_insert(index);
        }
        let vnets: Vec<VnetFacts<'p>> = plan.vnets.iter().map(VnetFacts::new).collect();
        let externals: Vec<Option<Ipv4Net>> =
            plan.external_ranges.iter().map(|range| parse_cidr(&range.address_prefix).ok()).collect();
        let externals_v6 =
            plan.external_ranges.iter().map(|range| ipv6_prefix(&range.address_prefix)).collect();
        let external_index = RangeIndex::new(
            externals
                .iter()
                .enumerate()
                .filter_map(|(index, net)| net.map(|net| (Range::of(net), index)))
                .collect(),
        );
        let prefix_index = RangeIndex::new(
            vnets
                .iter()
                .enumerate()
                .flat_map(|(v, facts)| {
                    facts
                        .prefixes
                        .iter()
                        .enumerate()
                        .filter_map(move |(p, net)| net.map(|net| (Range::of(net), (v, p))))
                })
                .collect(),
        );
        let mut context = Self {
            plan,
            vnets,
            externals,
            externals_v6,
            external_index,
            prefix_index,
            clusters: Vec::new(),
            aci: Vec::new(),
            vnet_names,
            cidr_fields: OnceCell::new(),
        };
        context.clusters = plan.aks_clusters.iter().map(|cluster| context.cluster_facts(cluster)).collect();
        context.aci = plan
            .aci_deployments
            .iter()
            .map(|deployment| context.placement(&deployment.vnet, &deployment.subnet))
            .collect();
        context
    }

    fn cluster_facts(&self, cluster: &AksCluster) -> ClusterFacts {
        // A cluster in the AKS-managed VNet has no node subnet in the plan.
        let node = match (cluster.vnet.as_deref(), cluster.subnet.as_deref()) {
            (Some(vnet), Some(subnet)) => self.placement(vnet, subnet),
            _ => Placement::default(),
        };
        let in_node_vnet =
            |name: Option<&str>| node.vnet.zip(name).and_then(|(vnet, name)| self.subnet_named(vnet, name));
        ClusterFacts {
            node,
            load_balancer_subnet: in_node_vnet(cluster.internal_load_balancer_subnet()),
            pod_subnet: in_node_vnet(cluster.pods_subnet()),
            service: parse_cidr(&cluster.service_cidr).ok(),
            dns: parse_ipv4(&cluster.dns_service_ip).ok(),
            // AKS ignores a pod range under Azure CNI without overlay (pods take subnet
            // addresses), so such a range takes part in no overlap; `pod-cidr-with-azure-cni`
            // reports it. Kubenet and overlay without a pod range get AKS's default, checked as
            // if written.
            pod: cluster
                .effective_pod_cidr()
                .filter(|_| cluster.pods_use_pod_cidr())
                .and_then(|text| parse_cidr(text).ok()),
            docker_bridge: cluster.docker_bridge_cidr.as_deref().and_then(|text| parse_cidr(text).ok()),
        }
    }

    /// Resolves a VNet and subnet by name, without regard to case as Azure does; with duplicates
    /// the first wins (the duplicate itself is reported by its own rule).
    pub(crate) fn placement(&self, vnet: &str, subnet: &str) -> Placement {
        let vnet = self.vnet_named(vnet);
        Placement { vnet, subnet: vnet.and_then(|v| self.subnet_named(v, subnet)) }
    }

    /// Whether VNets `a` and `b` are one VNet or peered: a peering counts when either side lists
    /// the other, since the plan records each peering once. A name outside the plan can still be
    /// peered through the other side's list.
    pub(crate) fn peered(&self, a: &str, b: &str) -> bool {
        let lists = |from: &str, to: &str| {
            self.vnet_named(from)
                .and_then(|index| self.vnet(index))
                .is_some_and(|vnet| vnet.peerings.iter().any(|peer| name_key(peer) == name_key(to)))
        };
        name_key(a) == name_key(b) || lists(a, b) || lists(b, a)
    }

    /// The VNet called `name`, compared without regard to case.
    pub(crate) fn vnet_named(&self, name: &str) -> Option<usize> {
        self.vnet_names.get(&name_key(name)).copied()
    }

    /// The subnet of VNet `vnet` called `name`, compared without regard to case.
    pub(crate) fn subnet_named(&self, vnet: usize, name: &str) -> Option<usize> {
        self.vnets.get(vnet)?.subnet_names.get(&name_key(name)).copied()
    }

    /// Whether `written` names VNet `vnet` only when case is ignored.
    pub(crate) fn vnet_case_differs(&self, vnet: usize, written: &str) -> bool {
        self.vnet(vnet).is_some_and(|vnet| vnet.name != written)
    }

    /// Whether `written` names subnet `subnet` of VNet `vnet` only when case is ignored.
    pub(crate) fn subnet_case_differs(&self, vnet: usize, subnet: usize, written: &str) -> bool {
        self.subnet(vnet, subnet).is_some_and(|subnet| subnet.name != written)
    }

    pub(crate) fn vnet(&self, index: usize) -> Option<&'p Vnet> {
        self.plan.vnets.get(index)
    }

    pub(crate) fn subnet(&self, vnet: usize, subnet: usize) -> Option<&'p Subnet> {
        self.plan.vnets.get(vnet)?.subnets.get(subnet)
    }

    /// The name of VNet `index`, or "" when there is none (for messages only).
    pub(crate) fn vnet_name(&self, index: usize) -> &'p str {
        self.vnet(index).map_or("", |vnet| vnet.name.as_str())
    }

    /// The name of a subnet, or "" when there is none (for messages only).
    pub(crate) fn subnet_name(&self, vnet: usize, subnet: usize) -> &'p str {
        self.subnet(vnet, subnet).map_or("", |subnet| subnet.name.as_str())
    }

    pub(crate) fn subnet_net(&self, vnet: usize, subnet: usize) -> Option<Ipv4Net> {
        *self.vnets.get(vnet)?.subnets.get(subnet)?
    }

    /// The name of external range `index`, or "" when there is none (for messages only).
    pub(crate) fn external_name(&self, index: usize) -> &'p str {
        self.plan.external_ranges.get(index).map_or("", |range| range.name.as_str())
    }

    /// Cluster `index` with its facts.
    pub(crate) fn cluster(&self, index: usize) -> Option<(&'p AksCluster, &ClusterFacts)> {
        Some((self.plan.aks_clusters.get(index)?, self.clusters.get(index)?))
    }

    /// Every cluster with its index and facts.
    pub(crate) fn clusters(&self) -> impl Iterator<Item = (usize, &'p AksCluster, &ClusterFacts)> {
        self.plan.aks_clusters.iter().zip(&self.clusters).enumerate().map(|(i, (c, f))| (i, c, f))
    }

    /// The clusters on the legacy Azure ML v1 flow: the rules about v1-only settings never judge
    /// a v2 cluster, whose v1 fields other rules report.
    pub(crate) fn v1_clusters(&self) -> impl Iterator<Item = (usize, &'p AksCluster, &ClusterFacts)> {
        self.clusters().filter(|(_, cluster, _)| !cluster.is_v2())
    }

    /// Every cluster whose pod range AKS uses, with that range as written. Azure CNI without
    /// overlay ignores a pod range, so such a cluster is left out; `pod-cidr-with-azure-cni`
    /// reports it.
    pub(crate) fn clusters_with_pod_range(
        &self,
    ) -> impl Iterator<Item = (usize, &'p AksCluster, &ClusterFacts, Ipv4Net)> {
        self.clusters()
            .filter(|(_, cluster, _)| cluster.pods_use_pod_cidr())
            .filter_map(|(index, cluster, facts)| Some((index, cluster, facts, facts.pod?)))
    }

    /// Subnets of VNet `vnet` that share addresses with `range`, as (subnet index, range).
    pub(crate) fn subnets_overlapping(&self, vnet: usize, range: Range) -> Vec<(usize, Range)> {
        self.vnets.get(vnet).map_or_else(Vec::new, |facts| {
            facts.subnet_index.overlapping(range).into_iter().map(|(r, s)| (s, r)).collect()
        })
    }

    /// Address prefixes of VNet `vnet` that share addresses with `range`.
    pub(crate) fn prefixes_overlapping(&self, vnet: usize, range: Range) -> Vec<(usize, Range)> {
        self.vnets.get(vnet).map_or_else(Vec::new, |facts| {
            facts.prefix_index.overlapping(range).into_iter().map(|(r, p)| (p, r)).collect()
        })
    }

    /// External ranges that share addresses with `range`.
    pub(crate) fn externals_overlapping(&self, range: Range) -> Vec<(usize, Range)> {
        self.external_index.overlapping(range).into_iter().map(|(r, e)| (e, r)).collect()
    }

    /// Prefixes of VNets other than `except` that share addresses with `range`, as
    /// (VNet, prefix, range).
    pub(crate) fn other_vnets_overlapping(
        &self,
        except: Option<usize>,
        range: Range,
    ) -> Vec<(usize, usize, Range)> {
        self.prefix_index
            .overlapping(range)
            .into_iter()
            .filter(|(_, (v, _))| Some(*v) != except)
            .map(|(r, (v, p))| (v, p, r))
            .collect()
    }

    /// Every range the plan already uses, for fixes that must pick a free block: all VNet
    /// prefixes and subnets, external ranges, and every cluster's service, pod and bridge ranges
    /// except the one field being moved. A docker bridge only exists inside each node, so a
    /// bridge being placed may share its block with other clusters' bridges.
    pub(crate) fn occupied_ranges(&self, moving: Option<(usize, ClusterRange)>) -> Vec<Range> {
        let mut taken: Vec<Range> = self.prefix_index.entries().iter().map(|(r, _)| *r).collect();
        for facts in &self.vnets {
            taken.extend(facts.subnet_index.entries().iter().map(|(r, _)| *r));
        }
        taken.extend(self.external_index.entries().iter().map(|(r, _)| *r));
        for (index, facts) in self.clusters.iter().enumerate() {
            for kind in [ClusterRange::Service, ClusterRange::Pod, ClusterRange::DockerBridge] {
                let placing_bridge = moving.is_some_and(|(_, moved)| moved == ClusterRange::DockerBridge);
                if moving == Some((index, kind)) || (placing_bridge && kind == ClusterRange::DockerBridge) {
                    continue;
                }
                taken.extend(kind.range(facts));
            }
        }
        taken
    }
}

/// The address ranges a cluster itself declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ClusterRange {
    Service,
    Pod,
    DockerBridge,
}

impl ClusterRange {
    pub(crate) fn range(self, facts: &ClusterFacts) -> Option<Range> {
        match self {
            Self::Service => facts.service_range(),
            Self::Pod => facts.pod_range(),
            Self::DockerBridge => facts.docker_bridge_range(),
        }
    }
}

impl<'p> VnetFacts<'p> {
    fn new(vnet: &'p Vnet) -> Self {
        let prefixes: Vec<Option<Ipv4Net>> =
            vnet.address_prefixes.iter().map(|text| parse_cidr(text).ok()).collect();
        let subnets: Vec<Option<Ipv4Net>> =
            vnet.subnets.iter().map(|subnet| parse_cidr(&subnet.address_prefix).ok()).collect();
        let prefixes_v6 = vnet.address_prefixes.iter().map(|text| ipv6_prefix(text)).collect();
        // Text read as IPv4 has no colon, so only the rest can be IPv6.
        let subnets_v6 = vnet
            .subnets
            .iter()
            .zip(&subnets)
            .map(|(subnet, v4)| v4.is_none().then(|| ipv6_prefix(&subnet.address_prefix)).flatten())
            .collect();
        let mut subnet_names = HashMap::with_capacity(vnet.subnets.len());
        let mut duplicate_subnets = Vec::new();
        for (index, subnet) in vnet.subnets.iter().enumerate() {
            let first = *subnet_names.entry(name_key(&subnet.name)).or_insert(index);
            if first != index {
                duplicate_subnets.push((index, first));
            }
        }
        Self {
            duplicate_subnets,
            prefix_index: index_of(&prefixes),
            subnet_index: index_of(&subnets),
            prefixes,
            subnets,
            prefixes_v6,
            subnets_v6,
            subnet_names,
            _names: std::marker::PhantomData,
        }
    }
}

/// The text as an IPv6 prefix. Only text with a colon can be one, and checking that first spares
/// the thousands of IPv4 prefixes of a large plan a failed IPv6 read each.
fn ipv6_prefix(text: &str) -> Option<Ipv6Net> {
    text.contains(':').then(|| parse_ipv6_prefix(text).ok()).flatten()
}

fn index_of(nets: &[Option<Ipv4Net>]) -> RangeIndex<usize> {
    RangeIndex::new(
        nets.iter().enumerate().filter_map(|(index, net)| net.map(|net| (Range::of(net), index))).collect(),
    )
}

/// Which field of the plan a CIDR value was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CidrOwner {
    VnetPrefix { vnet: usize, prefix: usize },
    Subnet { vnet: usize, subnet: usize },
    External(usize),
    Cluster(usize, ClusterRange),
}

/// A CIDR as the user wrote it, with where it was written and what the context read from it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CidrField<'p> {
    pub owner: CidrOwner,
    pub text: &'p str,
    /// The value as parsed once by the context, host bits as written; `None` when the text is
    /// not an IPv4 CIDR, or is a pod range that plain Azure CNI ignores.
    pub net: Option<Ipv4Net>,
    /// The value as an IPv6 prefix, host bits as written, in the fields that take one (VNet,
    /// subnet and external prefixes); `None` elsewhere and when the text is not IPv6.
    pub net6: Option<Ipv6Net>,
}

impl CidrField<'_> {
    /// Whether the field takes IPv6 prefixes too: VNet, subnet and external prefixes do, a
    /// cluster's Kubernetes ranges do not.
    pub(crate) fn takes_ipv6(&self) -> bool {
        !matches!(self.owner, CidrOwner::Cluster(..))
    }
}

impl CidrField<'_> {
    pub(crate) fn pointer(&self) -> String {
        match self.owner {
            CidrOwner::VnetPrefix { vnet, prefix } => pointer::vnet_prefix(vnet, prefix),
            CidrOwner::Subnet { vnet, subnet } => pointer::subnet_prefix(vnet, subnet),
            CidrOwner::External(index) => pointer::external(index),
            CidrOwner::Cluster(index, kind) => pointer::cluster(index, kind.field()),
        }
    }

    /// Names the field for a message, e.g. `the address prefix of subnet 'aks' in VNet 'hub'`.
    /// Which field this is, for messages: "an address prefix of VNet 'hub'".
    pub(crate) fn label(&self, plan: &Plan) -> Message {
        let vnet_name = |v: usize| plan.vnets.get(v).map_or("", |vnet| vnet.name.as_str());
        match self.owner {
            CidrOwner::VnetPrefix { vnet, .. } => msg!(
                ["an address prefix of VNet '{vnet}'", "un préfixe d’adresses du VNet « {vnet} »"],
                vnet = vnet_name(vnet)
            ),
            CidrOwner::Subnet { vnet, subnet } => msg!(
                [
                    "the address prefix of subnet '{subnet}' in VNet '{vnet}'",
                    "le préfixe d’adresses du sous-réseau « {subnet} » du VNet « {vnet} »"
                ],
                subnet =
                    plan.vnets.get(vnet).and_then(|v| v.subnets.get(subnet)).map_or("", |s| s.name.as_str()),
                vnet = vnet_name(vnet)
            ),
            CidrOwner::External(index) => msg!(
                ["external range '{name}'", "la plage externe « {name} »"],
                name = plan.external_ranges.get(index).map_or("", |r| r.name.as_str())
            ),
            CidrOwner::Cluster(index, kind) => msg!(
                ["the {range} of cluster '{cluster}'", "la {range} du cluster « {cluster} »"],
                cluster = plan.aks_clusters.get(index).map_or("", |c| c.name.as_str())
            )
            .with_message("range", kind.label().message()),
        }
    }
}

impl ClusterRange {
    pub(crate) fn field(self) -> &'static str {
        match self {
            Self::Service => "serviceCidr",
            Self::Pod => "podCidr",
            Self::DockerBridge => "dockerBridgeCidr",
        }
    }
}

impl<'p> Context<'p> {
    /// Every CIDR the plan holds, in document order.
    pub(crate) fn cidr_fields(&self) -> &[CidrField<'p>] {
        self.cidr_fields.get_or_init(|| self.collect_cidr_fields())
    }

    fn collect_cidr_fields(&self) -> Vec<CidrField<'p>> {
        let plan = self.plan;
        let in_vnets: usize =
            plan.vnets.iter().map(|vnet| vnet.address_prefixes.len() + vnet.subnets.len()).sum();
        let mut fields =
            Vec::with_capacity(in_vnets + plan.external_ranges.len() + 3 * plan.aks_clusters.len());
        for ((v, vnet), facts) in plan.vnets.iter().enumerate().zip(&self.vnets) {
            for (p, text) in vnet.address_prefixes.iter().enumerate() {
                fields.push(CidrField {
                    owner: CidrOwner::VnetPrefix { vnet: v, prefix: p },
                    text,
                    net: facts.prefixes.get(p).copied().flatten(),
                    net6: facts.prefixes_v6.get(p).copied().flatten(),
                });
            }
            for (s, subnet) in vnet.subnets.iter().enumerate() {
                fields.push(CidrField {
                    owner: CidrOwner::Subnet { vnet: v, subnet: s },
                    text: &subnet.address_prefix,
                    net: facts.subnets.get(s).copied().flatten(),
                    net6: facts.subnets_v6.get(s).copied().flatten(),
                });
            }
        }
        for (e, range) in plan.external_ranges.iter().enumerate() {
            fields.push(CidrField {
                owner: CidrOwner::External(e),
                text: &range.address_prefix,
                net: self.externals.get(e).copied().flatten(),
                net6: self.externals_v6.get(e).copied().flatten(),
            });
        }
        for (c, cluster, facts) in self.clusters() {
            let owner = |kind| CidrOwner::Cluster(c, kind);
            fields.push(CidrField {
                owner: owner(ClusterRange::Service),
                text: &cluster.service_cidr,
                net: facts.service,
                net6: None,
            });
            if let Some(text) = &cluster.pod_cidr {
                fields.push(CidrField { owner: owner(ClusterRange::Pod), text, net: facts.pod, net6: None });
            }
            if let Some(text) = &cluster.docker_bridge_cidr {
                fields.push(CidrField {
                    owner: owner(ClusterRange::DockerBridge),
                    text,
                    net: facts.docker_bridge,
                    net6: None,
                });
            }
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalog::RuleId;
    use crate::testing::plan_with;

    #[test]
    fn names_resolve_without_regard_to_case_and_say_so() {
        let plan = plan_with(&[
            ("/aksClusters/0/vnet", json!("ML-VNet")),
            ("/aksClusters/0/subnet", json!("AKS")),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("Aks")),
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"})),
        ]);
        let context = Context::new(&plan);
        let facts = context.clusters.first().expect("one cluster");
        assert_eq!(facts.node, Placement { vnet: Some(0), subnet: Some(0) });
        assert_eq!(facts.load_balancer_subnet, Some(0));
        assert!(context.vnet_case_differs(0, "ML-VNet") && !context.vnet_case_differs(0, "ml-vnet"));
        assert!(context.subnet_case_differs(0, 0, "AKS") && !context.subnet_case_differs(0, 0, "aks"));
    }

    #[test]
    fn ipv6_prefixes_are_read_beside_ipv4_ones() {
        let plan = plan_with(&[
            ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
            ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:10::1/64"})),
            ("/externalRanges", json!([{"name": "peer", "addressPrefix": "fd00:20::/48", "kind": "vpn"}])),
        ]);
        let context = Context::new(&plan);
        let facts = context.vnets.first().expect("one VNet");
        assert_eq!(facts.prefixes.get(1), Some(&None));
        assert_eq!(
            facts.prefixes_v6.get(1).copied().flatten().map(|net| net.to_string()).as_deref(),
            Some("fd00:10::/48")
        );
        assert_eq!(
            facts.subnets_v6.get(1).copied().flatten().map(|net| net.to_string()).as_deref(),
            Some("fd00:10::1/64")
        );
        assert!(context.externals_v6.first().copied().flatten().is_some());
        let report = crate::check(&plan);
        let rules: Vec<RuleId> = report.findings.iter().map(|finding| finding.rule).collect();
        assert!(rules.contains(&RuleId::CidrHasHostBits), "{rules:?}");
        assert!(
            !rules.contains(&RuleId::InvalidCidr) && !rules.contains(&RuleId::Ipv6NotSupported),
            "{rules:?}"
        );
    }

    #[test]
    fn a_missing_pod_range_is_checked_as_the_aks_default() {
        let plan = plan_with(&[("/aksClusters/0/networkPlugin", json!("kubenet"))]);
        let context = Context::new(&plan);
        let facts = context.clusters.first().expect("one cluster");
        assert_eq!(facts.pod.map(|net| net.to_string()).as_deref(), Some("10.244.0.0/16"));
        assert!(plan.aks_clusters.first().is_some_and(|cluster| cluster.pod_cidr.is_none()));
        // Only written values are fields the value rules read.
        assert!(!context
            .cidr_fields()
            .iter()
            .any(|field| field.owner == CidrOwner::Cluster(0, ClusterRange::Pod)));
        let flat = plan_with(&[]);
        assert_eq!(Context::new(&flat).clusters.first().and_then(|facts| facts.pod), None);
    }

    #[test]
    fn a_cluster_in_the_managed_vnet_has_no_node_subnet_but_keeps_its_ranges() {
        let mut plan = plan_with(&[]);
        if let Some(cluster) = plan.aks_clusters.first_mut() {
            cluster.vnet = None;
            cluster.subnet = None;
        }
        let context = Context::new(&plan);
        let facts = context.clusters.first().expect("one cluster");
        assert_eq!(facts.node, Placement::default());
        assert!(facts.service.is_some() && facts.dns.is_some());
    }
}
