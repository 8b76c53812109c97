//! The rule catalog: one hand-written enum, so that adding, renaming or dropping a rule is a
//! reviewed change in one place. IDs are stable: they are never renamed or reused.

use serde::{Serialize, Serializer};

use crate::context::Context;
use crate::finding::{Findings, Severity};
use crate::rules;

/// A rule's documentation, in the four parts every rule file fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// What the rule checks.
    pub what: &'static str,
    /// Why it matters: what Azure or the SDK does with such a plan.
    pub why: &'static str,
    /// A plan fragment that triggers it.
    pub example: &'static str,
    /// How to resolve it.
    pub fix: &'static str,
}

/// What a rule file exports: its documentation and its check.
pub struct Rule {
    pub doc: RuleDoc,
    pub check: fn(&Context<'_>, &mut Findings),
}

struct Entry {
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    rule: &'static Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    InvalidCidr,
    InvalidIp,
    Ipv6NotSupported,
    CidrHasHostBits,
    UnknownVnet,
    UnknownSubnet,
    DuplicateName,
    SubnetOutsideVnet,
    OverlappingSubnets,
    OverlappingVnetPrefixes,
    SubnetTooSmall,
    VnetForbiddenRange,
    VnetAksReservedRange,
    VnetsOverlap,
    VnetOverlapsExternalRange,
    ServiceCidrOverlapsSubnet,
    ServiceCidrOverlapsVnet,
    ServiceCidrOverlapsExternalRange,
    ServiceCidrOverlapsOtherVnet,
    ServiceCidrOverlapsPodCidr,
    ServiceCidrReservedRange,
    ServiceCidrTooLarge,
    DnsIpOutsideServiceCidr,
    DnsIpIsFirstAddress,
    DnsIpNotAssignable,
    DockerBridgeOverlapsSubnet,
    DockerBridgeOverlapsServiceCidr,
    DockerBridgeOverlapsPodCidr,
    DockerBridgeOverlapsExternalRange,
    DockerBridgeMissing,
    DockerBridgeIgnored,
    PodCidrWithAzureCni,
    PodCidrMissing,
    OverlayRequiresAzurePlugin,
    PodCidrOverlapsVnet,
    PodCidrOverlapsExternalRange,
    PodCidrOverlapsOtherVnet,
    PodCidrReservedRange,
    PodCidrTooSmall,
    AksSubnetTooSmall,
    AksSubnetNoHeadroom,
    AksSubnetDelegated,
    AksSubnetSharedKubenet,
    KubenetTooManyNodes,
    KubenetRetiring,
    MaxPodsOutOfRange,
    NodePoolUnder30Pods,
    AksRegionMismatch,
    ProductionClusterTooFewNodes,
    ProductionClusterTooFewVcpus,
    IlbSubnetWithoutInternalLb,
    IlbSubnetOutsideClusterVnet,
    IlbSubnetIsAciSubnet,
    IlbNotInStudio,
    IlbWithKubenet,
    PrivateClusterMustBeAttached,
    AksIdentityLacksNetworkContributor,
    ScoringEndpointBlockedInbound,
    WorkspacePeRegionMismatch,
    WorkspacePeNotInAksVnet,
    AciSubnetNotDelegated,
    AciSubnetShared,
    AciSubnetSmall,
    AciVnetResourceGroupMismatch,
    AciVnetDiffersFromPrivateEndpoint,
    AciAcrInVnet,
    AciDnsLabelInVnet,
    AciVnetRetired,
    EgressBlocksContainerRegistry,
    EgressMissingServiceTag,
    MissingVnetJoinPermission,
    MissingSubnetJoinPermission,
}

impl RuleId {
    /// Every rule, in catalog order.
    pub const ALL: &'static [Self] = &[
        Self::InvalidCidr,
        Self::InvalidIp,
        Self::Ipv6NotSupported,
        Self::CidrHasHostBits,
        Self::UnknownVnet,
        Self::UnknownSubnet,
        Self::DuplicateName,
        Self::SubnetOutsideVnet,
        Self::OverlappingSubnets,
        Self::OverlappingVnetPrefixes,
        Self::SubnetTooSmall,
        Self::VnetForbiddenRange,
        Self::VnetAksReservedRange,
        Self::VnetsOverlap,
        Self::VnetOverlapsExternalRange,
        Self::ServiceCidrOverlapsSubnet,
        Self::ServiceCidrOverlapsVnet,
        Self::ServiceCidrOverlapsExternalRange,
        Self::ServiceCidrOverlapsOtherVnet,
        Self::ServiceCidrOverlapsPodCidr,
        Self::ServiceCidrReservedRange,
        Self::ServiceCidrTooLarge,
        Self::DnsIpOutsideServiceCidr,
        Self::DnsIpIsFirstAddress,
        Self::DnsIpNotAssignable,
        Self::DockerBridgeOverlapsSubnet,
        Self::DockerBridgeOverlapsServiceCidr,
        Self::DockerBridgeOverlapsPodCidr,
        Self::DockerBridgeOverlapsExternalRange,
        Self::DockerBridgeMissing,
        Self::DockerBridgeIgnored,
        Self::PodCidrWithAzureCni,
        Self::PodCidrMissing,
        Self::OverlayRequiresAzurePlugin,
        Self::PodCidrOverlapsVnet,
        Self::PodCidrOverlapsExternalRange,
        Self::PodCidrOverlapsOtherVnet,
        Self::PodCidrReservedRange,
        Self::PodCidrTooSmall,
        Self::AksSubnetTooSmall,
        Self::AksSubnetNoHeadroom,
        Self::AksSubnetDelegated,
        Self::AksSubnetSharedKubenet,
        Self::KubenetTooManyNodes,
        Self::KubenetRetiring,
        Self::MaxPodsOutOfRange,
        Self::NodePoolUnder30Pods,
        Self::AksRegionMismatch,
        Self::ProductionClusterTooFewNodes,
        Self::ProductionClusterTooFewVcpus,
        Self::IlbSubnetWithoutInternalLb,
        Self::IlbSubnetOutsideClusterVnet,
        Self::IlbSubnetIsAciSubnet,
        Self::IlbNotInStudio,
        Self::IlbWithKubenet,
        Self::PrivateClusterMustBeAttached,
        Self::AksIdentityLacksNetworkContributor,
        Self::ScoringEndpointBlockedInbound,
        Self::WorkspacePeRegionMismatch,
        Self::WorkspacePeNotInAksVnet,
        Self::AciSubnetNotDelegated,
        Self::AciSubnetShared,
        Self::AciSubnetSmall,
        Self::AciVnetResourceGroupMismatch,
        Self::AciVnetDiffersFromPrivateEndpoint,
        Self::AciAcrInVnet,
        Self::AciDnsLabelInVnet,
        Self::AciVnetRetired,
        Self::EgressBlocksContainerRegistry,
        Self::EgressMissingServiceTag,
        Self::MissingVnetJoinPermission,
        Self::MissingSubnetJoinPermission,
    ];

    fn entry(self) -> Entry {
        use Severity::{Error, Info, Warning};
        let (id, severity, summary, rule) = match self {
            Self::InvalidCidr => (
                "invalid-cidr",
                Error,
                "a CIDR field is not a valid IPv4 a.b.c.d/n value",
                &rules::invalid_cidr::RULE,
            ),
            Self::InvalidIp => (
                "invalid-ip",
                Error,
                "the DNS service IP is not a valid IPv4 address",
                &rules::invalid_ip::RULE,
            ),
            Self::Ipv6NotSupported => (
                "ipv6-not-supported",
                Error,
                "an IPv6 value sits in a field that Azure ML v1 takes as IPv4 only",
                &rules::ipv6_not_supported::RULE,
            ),
            Self::CidrHasHostBits => (
                "cidr-has-host-bits",
                Error,
                "a CIDR is not written as its network address",
                &rules::cidr_has_host_bits::RULE,
            ),
            Self::UnknownVnet => (
                "unknown-vnet",
                Error,
                "a cluster, deployment or private endpoint names a VNet the plan lacks",
                &rules::unknown_vnet::RULE,
            ),
            Self::UnknownSubnet => (
                "unknown-subnet",
                Error,
                "a cluster, deployment or private endpoint names a subnet its VNet lacks",
                &rules::unknown_subnet::RULE,
            ),
            Self::DuplicateName => (
                "duplicate-name",
                Error,
                "two VNets, subnets of one VNet, clusters or deployments share a name",
                &rules::duplicate_name::RULE,
            ),
            Self::SubnetOutsideVnet => (
                "subnet-outside-vnet",
                Error,
                "a subnet lies outside its VNet's address prefixes",
                &rules::subnet_outside_vnet::RULE,
            ),
            Self::OverlappingSubnets => (
                "overlapping-subnets",
                Error,
                "two subnets of one VNet share addresses",
                &rules::overlapping_subnets::RULE,
            ),
            Self::OverlappingVnetPrefixes => (
                "overlapping-vnet-prefixes",
                Error,
                "two address prefixes of one VNet share addresses",
                &rules::overlapping_vnet_prefixes::RULE,
            ),
            Self::SubnetTooSmall => (
                "subnet-too-small",
                Error,
                "a subnet is smaller than /29, the smallest Azure allows",
                &rules::subnet_too_small::RULE,
            ),
            Self::VnetForbiddenRange => (
                "vnet-forbidden-range",
                Error,
                "a VNet prefix takes addresses Azure never allows in a VNet",
                &rules::vnet_forbidden_range::RULE,
            ),
            Self::VnetAksReservedRange => (
                "vnet-aks-reserved-range",
                Error,
                "an AKS cluster's VNet takes addresses AKS reserves",
                &rules::vnet_aks_reserved_range::RULE,
            ),
            Self::VnetsOverlap => (
                "vnets-overlap",
                Warning,
                "two VNets of the plan share addresses and can never be peered",
                &rules::vnets_overlap::RULE,
            ),
            Self::VnetOverlapsExternalRange => (
                "vnet-overlaps-external-range",
                Error,
                "a VNet prefix shares addresses with an external range",
                &rules::vnet_overlaps_external_range::RULE,
            ),
            Self::ServiceCidrOverlapsSubnet => (
                "service-cidr-overlaps-subnet",
                Error,
                "the Kubernetes service range overlaps a subnet of the cluster's VNet",
                &rules::service_cidr_overlaps_subnet::RULE,
            ),
            Self::ServiceCidrOverlapsVnet => (
                "service-cidr-overlaps-vnet",
                Warning,
                "the Kubernetes service range lies in the cluster VNet's address space",
                &rules::service_cidr_overlaps_vnet::RULE,
            ),
            Self::ServiceCidrOverlapsExternalRange => (
                "service-cidr-overlaps-external-range",
                Error,
                "the Kubernetes service range overlaps an external range",
                &rules::service_cidr_overlaps_external_range::RULE,
            ),
            Self::ServiceCidrOverlapsOtherVnet => (
                "service-cidr-overlaps-other-vnet",
                Warning,
                "the Kubernetes service range overlaps another VNet of the plan",
                &rules::service_cidr_overlaps_other_vnet::RULE,
            ),
            Self::ServiceCidrOverlapsPodCidr => (
                "service-cidr-overlaps-pod-cidr",
                Error,
                "the Kubernetes service range overlaps the pod range",
                &rules::service_cidr_overlaps_pod_cidr::RULE,
            ),
            Self::ServiceCidrReservedRange => (
                "service-cidr-reserved-range",
                Error,
                "the Kubernetes service range takes addresses AKS reserves",
                &rules::service_cidr_reserved_range::RULE,
            ),
            Self::ServiceCidrTooLarge => (
                "service-cidr-too-large",
                Error,
                "the Kubernetes service range is larger than /12",
                &rules::service_cidr_too_large::RULE,
            ),
            Self::DnsIpOutsideServiceCidr => (
                "dns-ip-outside-service-cidr",
                Error,
                "the DNS service IP is outside the Kubernetes service range",
                &rules::dns_ip_outside_service_cidr::RULE,
            ),
            Self::DnsIpIsFirstAddress => (
                "dns-ip-is-first-address",
                Error,
                "the DNS service IP is the service range's first address, kept for kubernetes.default",
                &rules::dns_ip_is_first_address::RULE,
            ),
            Self::DnsIpNotAssignable => (
                "dns-ip-not-assignable",
                Error,
                "the DNS service IP is the service range's network or broadcast address",
                &rules::dns_ip_not_assignable::RULE,
            ),
            Self::DockerBridgeOverlapsSubnet => (
                "docker-bridge-overlaps-subnet",
                Error,
                "the docker bridge range overlaps the cluster's VNet",
                &rules::docker_bridge_overlaps_subnet::RULE,
            ),
            Self::DockerBridgeOverlapsServiceCidr => (
                "docker-bridge-overlaps-service-cidr",
                Error,
                "the docker bridge range overlaps the Kubernetes service range",
                &rules::docker_bridge_overlaps_service_cidr::RULE,
            ),
            Self::DockerBridgeOverlapsPodCidr => (
                "docker-bridge-overlaps-pod-cidr",
                Error,
                "the docker bridge range overlaps the pod range",
                &rules::docker_bridge_overlaps_pod_cidr::RULE,
            ),
            Self::DockerBridgeOverlapsExternalRange => (
                "docker-bridge-overlaps-external-range",
                Warning,
                "the docker bridge range overlaps an external range",
                &rules::docker_bridge_overlaps_external_range::RULE,
            ),
            Self::DockerBridgeMissing => (
                "docker-bridge-missing",
                Error,
                "a cluster that Azure ML creates has no docker bridge range",
                &rules::docker_bridge_missing::RULE,
            ),
            Self::DockerBridgeIgnored => (
                "docker-bridge-ignored",
                Info,
                "the docker bridge range only satisfies the v1 SDK; AKS no longer uses it",
                &rules::docker_bridge_ignored::RULE,
            ),
            Self::PodCidrWithAzureCni => (
                "pod-cidr-with-azure-cni",
                Error,
                "a pod range is set for Azure CNI without overlay",
                &rules::pod_cidr_with_azure_cni::RULE,
            ),
            Self::PodCidrMissing => (
                "pod-cidr-missing",
                Error,
                "kubenet or overlay has no pod range",
                &rules::pod_cidr_missing::RULE,
            ),
            Self::OverlayRequiresAzurePlugin => (
                "overlay-requires-azure-plugin",
                Error,
                "overlay mode is set with kubenet",
                &rules::overlay_requires_azure_plugin::RULE,
            ),
            Self::PodCidrOverlapsVnet => (
                "pod-cidr-overlaps-vnet",
                Error,
                "the pod range overlaps the cluster's VNet",
                &rules::pod_cidr_overlaps_vnet::RULE,
            ),
            Self::PodCidrOverlapsExternalRange => (
                "pod-cidr-overlaps-external-range",
                Error,
                "the pod range overlaps an external range",
                &rules::pod_cidr_overlaps_external_range::RULE,
            ),
            Self::PodCidrOverlapsOtherVnet => (
                "pod-cidr-overlaps-other-vnet",
                Warning,
                "the pod range overlaps another VNet of the plan",
                &rules::pod_cidr_overlaps_other_vnet::RULE,
            ),
            Self::PodCidrReservedRange => (
                "pod-cidr-reserved-range",
                Error,
                "the pod range overlaps addresses AKS reserves",
                &rules::pod_cidr_reserved_range::RULE,
            ),
            Self::PodCidrTooSmall => (
                "pod-cidr-too-small",
                Error,
                "the pod range cannot give every node its /24",
                &rules::pod_cidr_too_small::RULE,
            ),
            Self::AksSubnetTooSmall => (
                "aks-subnet-too-small",
                Error,
                "the node subnet has fewer usable addresses than the cluster needs",
                &rules::aks_subnet_too_small::RULE,
            ),
            Self::AksSubnetNoHeadroom => (
                "aks-subnet-no-headroom",
                Warning,
                "the node subnet fits the cluster but not one more node",
                &rules::aks_subnet_no_headroom::RULE,
            ),
            Self::AksSubnetDelegated => (
                "aks-subnet-delegated",
                Error,
                "the node subnet is delegated to a service",
                &rules::aks_subnet_delegated::RULE,
            ),
            Self::AksSubnetSharedKubenet => (
                "aks-subnet-shared-kubenet",
                Error,
                "a kubenet cluster shares its node subnet with another cluster",
                &rules::aks_subnet_shared_kubenet::RULE,
            ),
            Self::KubenetTooManyNodes => (
                "kubenet-too-many-nodes",
                Error,
                "a kubenet cluster needs more than 400 routes",
                &rules::kubenet_too_many_nodes::RULE,
            ),
            Self::KubenetRetiring => (
                "kubenet-retiring",
                Info,
                "kubenet is retired on 31 March 2028",
                &rules::kubenet_retiring::RULE,
            ),
            Self::MaxPodsOutOfRange => (
                "max-pods-out-of-range",
                Error,
                "pods per node is outside 10 to 250",
                &rules::max_pods_out_of_range::RULE,
            ),
            Self::NodePoolUnder30Pods => (
                "node-pool-under-30-pods",
                Error,
                "the node pool has room for fewer than 30 pods",
                &rules::node_pool_under_30_pods::RULE,
            ),
            Self::AksRegionMismatch => (
                "aks-region-mismatch",
                Error,
                "the cluster and its VNet are in different regions",
                &rules::aks_region_mismatch::RULE,
            ),
            Self::ProductionClusterTooFewNodes => (
                "production-cluster-too-few-nodes",
                Error,
                "a FastProd cluster has fewer than 3 nodes",
                &rules::production_cluster_too_few_nodes::RULE,
            ),
            Self::ProductionClusterTooFewVcpus => (
                "production-cluster-too-few-vcpus",
                Error,
                "a FastProd cluster has fewer than 12 vCPUs",
                &rules::production_cluster_too_few_vcpus::RULE,
            ),
            Self::IlbSubnetWithoutInternalLb => (
                "ilb-subnet-without-internal-lb",
                Error,
                "a load balancer subnet is set for a public load balancer",
                &rules::ilb_subnet_without_internal_lb::RULE,
            ),
            Self::IlbSubnetOutsideClusterVnet => (
                "ilb-subnet-outside-cluster-vnet",
                Error,
                "the load balancer subnet belongs to another VNet",
                &rules::ilb_subnet_outside_cluster_vnet::RULE,
            ),
            Self::IlbSubnetIsAciSubnet => (
                "ilb-subnet-is-aci-subnet",
                Error,
                "the load balancer subnet is delegated to ACI",
                &rules::ilb_subnet_is_aci_subnet::RULE,
            ),
            Self::IlbNotInStudio => (
                "ilb-not-in-studio",
                Info,
                "an internal load balancer cannot be chosen in the studio",
                &rules::ilb_not_in_studio::RULE,
            ),
            Self::IlbWithKubenet => (
                "ilb-with-kubenet",
                Warning,
                "an internal load balancer with kubenet does not work for Azure ML",
                &rules::ilb_with_kubenet::RULE,
            ),
            Self::PrivateClusterMustBeAttached => (
                "private-cluster-must-be-attached",
                Error,
                "Azure ML cannot create a private cluster; it must be attached",
                &rules::private_cluster_must_be_attached::RULE,
            ),
            Self::AksIdentityLacksNetworkContributor => (
                "aks-identity-lacks-network-contributor",
                Error,
                "the cluster identity lacks Network Contributor on the VNet's resource group",
                &rules::aks_identity_lacks_network_contributor::RULE,
            ),
            Self::ScoringEndpointBlockedInbound => (
                "scoring-endpoint-blocked-inbound",
                Warning,
                "outside clients call the scoring endpoint and no NSG rule admits them",
                &rules::scoring_endpoint_blocked_inbound::RULE,
            ),
            Self::WorkspacePeRegionMismatch => (
                "workspace-pe-region-mismatch",
                Error,
                "with a private endpoint, a cluster is outside the workspace region",
                &rules::workspace_pe_region_mismatch::RULE,
            ),
            Self::WorkspacePeNotInAksVnet => (
                "workspace-pe-not-in-aks-vnet",
                Warning,
                "the workspace private endpoint is in another VNet than a cluster",
                &rules::workspace_pe_not_in_aks_vnet::RULE,
            ),
            Self::AciSubnetNotDelegated => (
                "aci-subnet-not-delegated",
                Error,
                "the ACI subnet is not delegated to container groups",
                &rules::aci_subnet_not_delegated::RULE,
            ),
            Self::AciSubnetShared => (
                "aci-subnet-shared",
                Error,
                "the ACI subnet also holds AKS or the workspace private endpoint",
                &rules::aci_subnet_shared::RULE,
            ),
            Self::AciSubnetSmall => (
                "aci-subnet-small",
                Warning,
                "the ACI subnet is smaller than /28",
                &rules::aci_subnet_small::RULE,
            ),
            Self::AciVnetResourceGroupMismatch => (
                "aci-vnet-resource-group-mismatch",
                Error,
                "the ACI VNet is outside the workspace resource group",
                &rules::aci_vnet_resource_group_mismatch::RULE,
            ),
            Self::AciVnetDiffersFromPrivateEndpoint => (
                "aci-vnet-differs-from-private-endpoint",
                Error,
                "the ACI VNet is not the workspace private endpoint's VNet",
                &rules::aci_vnet_differs_from_private_endpoint::RULE,
            ),
            Self::AciAcrInVnet => (
                "aci-acr-in-vnet",
                Error,
                "ACI in a VNet cannot pull from a registry behind the VNet",
                &rules::aci_acr_in_vnet::RULE,
            ),
            Self::AciDnsLabelInVnet => (
                "aci-dns-label-in-vnet",
                Error,
                "an ACI deployment in a VNet has a DNS name label",
                &rules::aci_dns_label_in_vnet::RULE,
            ),
            Self::AciVnetRetired => (
                "aci-vnet-retired",
                Info,
                "Azure ML no longer supports ACI in a VNet",
                &rules::aci_vnet_retired::RULE,
            ),
            Self::EgressBlocksContainerRegistry => (
                "egress-blocks-container-registry",
                Error,
                "restricted egress does not allow the container registry",
                &rules::egress_blocks_container_registry::RULE,
            ),
            Self::EgressMissingServiceTag => (
                "egress-missing-service-tag",
                Warning,
                "restricted egress misses a service tag Azure ML inference uses",
                &rules::egress_missing_service_tag::RULE,
            ),
            Self::MissingVnetJoinPermission => (
                "missing-vnet-join-permission",
                Error,
                "the planning user cannot join the VNet",
                &rules::missing_vnet_join_permission::RULE,
            ),
            Self::MissingSubnetJoinPermission => (
                "missing-subnet-join-permission",
                Error,
                "the planning user cannot join the subnet",
                &rules::missing_subnet_join_permission::RULE,
            ),
        };
        Entry { id, severity, summary, rule }
    }

    /// The stable kebab-case ID used in reports.
    pub fn id(self) -> &'static str {
        self.entry().id
    }

    pub fn default_severity(self) -> Severity {
        self.entry().severity
    }

    /// One line saying what the rule reports.
    pub fn summary(self) -> &'static str {
        self.entry().summary
    }

    pub fn doc(self) -> RuleDoc {
        self.entry().rule.doc
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|rule| rule.id() == id)
    }

    pub(crate) fn run(self, context: &Context<'_>, out: &mut Findings) {
        (self.entry().rule.check)(context, out);
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// The catalog as `rules()` returns it to JavaScript: ID, severity and summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSummary {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

pub fn rule_summaries() -> Vec<RuleSummary> {
    RuleId::ALL
        .iter()
        .map(|rule| RuleSummary { id: rule.id(), severity: rule.default_severity(), summary: rule.summary() })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let ids: HashSet<&str> = RuleId::ALL.iter().map(|rule| rule.id()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for rule in RuleId::ALL {
            assert_eq!(RuleId::from_id(rule.id()), Some(*rule));
        }
    }

    #[test]
    fn ids_name_the_problem_in_kebab_case() {
        for rule in RuleId::ALL {
            let id = rule.id();
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id} is not kebab-case"
            );
            assert!(
                !id.starts_with("no-") && !id.starts_with("avoid-") && !id.starts_with("prefer-"),
                "{id}"
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RuleId::ALL {
            let doc = rule.doc();
            for (part, text) in
                [("what", doc.what), ("why", doc.why), ("example", doc.example), ("fix", doc.fix)]
            {
                assert!(text.trim().len() >= 20, "{} has no real '{part}' section", rule.id());
            }
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.id());
        }
    }
}
