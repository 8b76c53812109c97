//! The plan document (format v1) as Rust types.
//!
//! Network values (CIDRs, addresses) and names stay as the user's text: a value that does not
//! parse is a finding of the checks, not a reason to lose the rest of the plan. Reading a
//! document lives in [`crate::parse`]; serialising uses the contract's field names.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

/// The only plan format version this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub schema_version: u32,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: String,
    pub workspace: Workspace,
    pub vnets: Vec<Vnet>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub external_ranges: Vec<ExternalRange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aks_clusters: Vec<AksCluster>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aci_deployments: Vec<AciDeployment>,
    #[serde(skip_serializing_if = "Egress::is_unwritten")]
    pub egress: Egress,
    #[serde(skip_serializing_if = "Permissions::is_unwritten")]
    pub permissions: Permissions,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub online_endpoints: Vec<OnlineEndpoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    pub resource_group: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_endpoint: Option<SubnetRef>,
    /// As written; [`Workspace::acr_in_vnet`] gives the value with its default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acr_in_vnet: Option<bool>,
    #[serde(rename = "v1LegacyMode", skip_serializing_if = "Option::is_none")]
    pub v1_legacy_mode: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_network: Option<ManagedNetwork>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acr_sku: Option<AcrSku>,
}

impl Workspace {
    pub fn acr_in_vnet(&self) -> bool {
        self.acr_in_vnet.unwrap_or(false)
    }

    pub fn v1_legacy_mode(&self) -> bool {
        self.v1_legacy_mode.unwrap_or(false)
    }

    /// A workspace without a managed network behaves as one whose isolation is disabled.
    pub fn isolation_mode(&self) -> IsolationMode {
        self.managed_network.as_ref().map_or(IsolationMode::Disabled, |network| network.isolation_mode)
    }
}

/// A subnet named by its VNet and its own name, as the workspace private endpoint is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubnetRef {
    pub vnet: String,
    pub subnet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vnet {
    pub name: String,
    pub resource_group: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub address_prefixes: Vec<String>,
    pub subnets: Vec<Subnet>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub peerings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subnet {
    pub name: String,
    pub address_prefix: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delegations: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalRange {
    pub name: String,
    pub address_prefix: String,
    pub kind: ExternalRangeKind,
}

/// The largest `nodeCount` the format accepts: the largest integer a JSON number read by
/// JavaScript still holds exactly.
pub const MAX_NODE_COUNT: u64 = (1 << 53) - 1;

/// The subnet AKS creates in the VNet it makes for a cluster that names none of its own.
pub const AKS_MANAGED_SUBNET: &str = "aks-subnet";

/// The subnet Azure Bastion must be deployed in; Azure refuses any other resource there.
pub(crate) const BASTION_SUBNET: &str = "AzureBastionSubnet";

/// Subnets whose names Azure keeps for its own network services (virtual network gateways,
/// Azure Firewall and its management traffic, Route Server). Azure matches them without
/// regard to case, and refuses a network security group on any of them.
pub(crate) const SERVICE_SUBNETS: &[&str] =
    &["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet"];

/// The pod range AKS uses when a kubenet or overlay cluster names none.
pub const AKS_DEFAULT_POD_CIDR: &str = "10.244.0.0/16";

/// The service range and DNS service IP AKS gives a cluster whose request states none.
pub const AKS_DEFAULT_SERVICE_CIDR: &str = "10.0.0.0/16";
pub const AKS_DEFAULT_DNS_SERVICE_IP: &str = "10.0.0.10";

/// Extra nodes an upgrade may add, as `maxSurge` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxSurge {
    /// A fixed number of nodes (`"maxSurge": 3`).
    Nodes(u64),
    /// A share of the pool, 1 to 100 (`"maxSurge": "10%"`).
    Percent(u8),
}

impl MaxSurge {
    /// AKS's default for new node pools.
    pub const DEFAULT: Self = Self::Percent(10);

    /// The surge in nodes for a pool of `node_count`: a percentage rounds up.
    pub fn nodes(self, node_count: u64) -> u64 {
        match self {
            Self::Nodes(nodes) => nodes,
            Self::Percent(percent) => node_count.saturating_mul(u64::from(percent)).saturating_add(99) / 100,
        }
    }
}

impl Serialize for MaxSurge {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Nodes(nodes) => serializer.serialize_u64(*nodes),
            Self::Percent(percent) => serializer.serialize_str(&format!("{percent}%")),
        }
    }
}

/// Azure's name for a region as a plan writes it. Azure reads a location without regard to case
/// or spaces, so `East US 2` (its display name), `EastUS2` and `eastus2` are one region, named
/// `eastus2` wherever a name is built from it, such as the service tag `Storage.eastus2`.
pub fn region_name(written: &str) -> Cow<'_, str> {
    if written.chars().any(|c| c.is_ascii_uppercase() || c.is_whitespace()) {
        Cow::Owned(written.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect())
    } else {
        Cow::Borrowed(written)
    }
}

/// Whether two regions, as written, are the same Azure region.
pub fn same_region(one: &str, other: &str) -> bool {
    region_name(one) == region_name(other)
}

/// How the regions of the clouds other than Azure's public one begin: Azure Government (including
/// its DoD regions), Azure operated by 21Vianet in China, and the air-gapped clouds.
const OTHER_CLOUDS: &[&str] = &["usgov", "usdod", "china", "usnat", "ussec"];

/// Whether a region, as written, lies outside Azure's public cloud, whose services go by other
/// host names and offer other features.
pub fn outside_public_cloud(region: &str) -> bool {
    let key = region_name(region);
    OTHER_CLOUDS.iter().any(|cloud| key.starts_with(cloud))
}

/// The vCPU count a VM size name states: the number after the family letters (`Standard_D4s_v5`
/// is 4), or for a constrained-core size the active count after the dash (`Standard_E8-4s_v5`
/// is 4). The first two generations of the D and DS families are the exception: their number is
/// a rank, not a count (`Standard_D3_v2` has 4 vCPUs, `Standard_DS11_v2` has 2), so they are
/// looked up. `None` when the name states no number (or zero).
pub fn vcpus_of_vm_size(name: &str) -> Option<u32> {
    let name = name.trim();
    let size = match name.split_once('_') {
        Some((tier, rest)) if tier.eq_ignore_ascii_case("standard") || tier.eq_ignore_ascii_case("basic") => {
            rest
        }
        _ => name,
    };
    let mut parts = size.split('_');
    let size = parts.next().unwrap_or("");
    let generation = parts.next();
    let after_family = size.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let family = size.get(..size.len() - after_family.len()).unwrap_or("");
    let first_d_generations = (family.eq_ignore_ascii_case("d") || family.eq_ignore_ascii_case("ds"))
        && generation.is_none_or(|generation| generation.eq_ignore_ascii_case("v2"));
    if first_d_generations {
        // Dv1, Dv2 and their premium-storage twins DS and DSv2, as Azure's size list gives them.
        let ranked = match after_family {
            "1" => Some(1),
            "2" | "11" => Some(2),
            "3" | "12" => Some(4),
            "4" | "13" => Some(8),
            "5" | "14" => Some(16),
            "15" => Some(20),
            _ => None,
        };
        if ranked.is_some() {
            return ranked;
        }
    }
    if after_family.len() == size.len() {
        // No family letters: not a size name this reader understands.
        return None;
    }
    let digits = |text: &str| -> Option<(u32, usize)> {
        let length = text.bytes().take_while(u8::is_ascii_digit).count();
        let number = text.get(..length)?.parse::<u32>().ok()?;
        Some((number, length))
    };
    let (total, length) = digits(after_family)?;
    let rest = after_family.get(length..).unwrap_or("");
    let count = match rest.strip_prefix('-').and_then(digits) {
        Some((active, _)) => active,
        None => total,
    };
    (count > 0).then_some(count)
}

/// AKS's pods per node for a pool that states none, by network plugin, overlay mode and whether
/// the pods have a subnet of their own (Azure CNI Pod Subnet).
pub fn default_max_pods(plugin: NetworkPlugin, overlay: bool, pod_subnet: bool) -> u32 {
    match (plugin, overlay, pod_subnet) {
        (NetworkPlugin::Kubenet, _, _) => 110,
        (NetworkPlugin::Azure, true, _) => 250,
        (NetworkPlugin::Azure, false, true) => 110,
        (NetworkPlugin::Azure, false, false) => 30,
    }
}

/// An AKS cluster as the plan writes it. Fields a plan may omit stay `None` (or empty) so that
/// writing the plan back gives only what was there; the methods of the same or a similar name
/// give the value once the contract's default is applied, and every rule uses those.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AksCluster {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioning: Option<Provisioning>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `None` together with `subnet`: the cluster lives in the VNet that AKS manages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_plugin: Option<NetworkPlugin>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_plugin_mode: Option<NetworkPluginMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_cidr: Option<String>,
    /// Azure CNI Pod Subnet: the subnet of the node VNet that gives the pods their addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_subnet: Option<String>,
    pub service_cidr: String,
    #[serde(rename = "dnsServiceIP")]
    pub dns_service_ip: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docker_bridge_cidr: Option<String>,
    pub node_count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<MaxSurge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_pods: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcpus_per_node: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm_size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_purpose: Option<ClusterPurpose>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_cluster: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_type: Option<LoadBalancerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_subnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// `None`: nobody recorded whether the grant exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_contributor_granted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring_from_outside_vnet: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nsg_allows_scoring_inbound: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azure_ml: Option<AzureMl>,
    #[serde(rename = "apiServerAuthorizedIpRanges", skip_serializing_if = "Vec::is_empty")]
    pub api_server_authorized_ip_ranges: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_access: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_accounts_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_cluster_public_fqdn: Option<bool>,
}

impl AksCluster {
    /// A cluster with the required fields only; every optional field is absent.
    pub fn new(name: &str, vnet: &str, subnet: &str, service_cidr: &str, dns_service_ip: &str) -> Self {
        Self {
            name: name.to_owned(),
            provisioning: None,
            region: None,
            vnet: Some(vnet.to_owned()),
            subnet: Some(subnet.to_owned()),
            network_plugin: None,
            network_plugin_mode: None,
            pod_cidr: None,
            pod_subnet: None,
            service_cidr: service_cidr.to_owned(),
            dns_service_ip: dns_service_ip.to_owned(),
            docker_bridge_cidr: None,
            node_count: 3,
            max_surge: None,
            max_pods: None,
            vcpus_per_node: None,
            vm_size: None,
            cluster_purpose: None,
            private_cluster: None,
            load_balancer_type: None,
            load_balancer_subnet: None,
            identity: None,
            network_contributor_granted: None,
            scoring_from_outside_vnet: None,
            nsg_allows_scoring_inbound: None,
            azure_ml: None,
            api_server_authorized_ip_ranges: Vec::new(),
            trusted_access: None,
            local_accounts_disabled: None,
            private_cluster_public_fqdn: None,
        }
    }

    pub fn provisioning(&self) -> Provisioning {
        self.provisioning.unwrap_or(Provisioning::Create)
    }

    /// The node VNet's name as written, for messages; "" for a cluster in the AKS-managed VNet.
    pub fn vnet_name(&self) -> &str {
        self.vnet.as_deref().unwrap_or_default()
    }

    /// The node subnet's name as written, for messages; "" for a cluster in the AKS-managed VNet.
    pub fn subnet_name(&self) -> &str {
        self.subnet.as_deref().unwrap_or_default()
    }

    /// Whether the plan omits both `vnet` and `subnet`: AKS created and manages the VNet.
    pub fn in_managed_vnet(&self) -> bool {
        self.vnet.is_none() && self.subnet.is_none()
    }

    /// Whether the plugin is not written and is taken to be Azure CNI Overlay, which is what
    /// AKS gives an existing cluster by default since Kubernetes 1.30.
    pub fn plugin_assumed(&self) -> bool {
        self.network_plugin.is_none() && self.provisioning() == Provisioning::Attach
    }

    /// The network plugin once the default is applied: Azure CNI either way.
    pub fn plugin(&self) -> NetworkPlugin {
        self.network_plugin.unwrap_or(NetworkPlugin::Azure)
    }

    /// Whether the plugin is not written but the cluster names a pod subnet, which only Azure CNI
    /// Pod Subnet uses: the cluster is then read as that mode rather than as AKS's default.
    pub fn pod_subnet_assumed(&self) -> bool {
        self.plugin_assumed() && self.network_plugin_mode.is_none() && self.pod_subnet.is_some()
    }

    /// The plugin mode once the default is applied: overlay for an assumed attach cluster, unless
    /// it names a pod subnet.
    pub fn mode(&self) -> Option<NetworkPluginMode> {
        if self.plugin_assumed() && !self.pod_subnet_assumed() {
            return self.network_plugin_mode.or(Some(NetworkPluginMode::Overlay));
        }
        self.network_plugin_mode
    }

    pub fn is_overlay(&self) -> bool {
        self.plugin() == NetworkPlugin::Azure && self.mode() == Some(NetworkPluginMode::Overlay)
    }

    pub fn is_kubenet(&self) -> bool {
        self.plugin() == NetworkPlugin::Kubenet
    }

    /// Kubenet and Azure CNI Overlay give pods addresses of a pod range outside the VNet; Azure
    /// CNI without overlay gives them VNet addresses.
    pub fn pods_use_pod_cidr(&self) -> bool {
        self.plugin() == NetworkPlugin::Kubenet || self.is_overlay()
    }

    /// Azure CNI without overlay and without a pod subnet (Node Subnet, legacy) gives every pod
    /// an address of the node subnet.
    pub fn pods_use_node_subnet(&self) -> bool {
        !self.pods_use_pod_cidr() && self.pod_subnet.is_none()
    }

    /// The pod subnet's name when the pods take their addresses there (Azure CNI Pod Subnet). A
    /// pod subnet written beside kubenet or overlay gives no pod an address.
    pub fn pods_subnet(&self) -> Option<&str> {
        self.pod_subnet.as_deref().filter(|_| !self.pods_use_pod_cidr())
    }

    /// Pods per node once the plugin's default is applied.
    pub fn effective_max_pods(&self) -> u32 {
        self.max_pods.unwrap_or_else(|| {
            default_max_pods(self.plugin(), self.is_overlay(), self.pods_subnet().is_some())
        })
    }

    /// The pod range AKS uses: as written, or AKS's default for kubenet and overlay when none
    /// is written. Azure CNI without overlay gives pods VNet addresses and gets no default.
    pub fn effective_pod_cidr(&self) -> Option<&str> {
        match self.pod_cidr.as_deref() {
            Some(text) => Some(text),
            None if self.pods_use_pod_cidr() => Some(AKS_DEFAULT_POD_CIDR),
            None => None,
        }
    }

    /// Whether the pod range checked is AKS's default rather than one the plan writes.
    pub fn pod_cidr_defaulted(&self) -> bool {
        self.pod_cidr.is_none() && self.pods_use_pod_cidr()
    }

    pub fn max_surge(&self) -> MaxSurge {
        self.max_surge.unwrap_or(MaxSurge::DEFAULT)
    }

    /// S: the surge in nodes.
    pub fn surge_nodes(&self) -> u64 {
        self.max_surge().nodes(self.node_count)
    }

    /// Nodes that can exist at once: the pool plus the upgrade surge.
    pub fn peak_nodes(&self) -> u64 {
        self.node_count.saturating_add(self.surge_nodes())
    }

    /// vCPUs per node: as written, or read from `vmSize` when that names a count.
    pub fn vcpus(&self) -> Option<u32> {
        self.vcpus_per_node.or_else(|| self.vm_size.as_deref().and_then(vcpus_of_vm_size))
    }

    pub fn cluster_purpose(&self) -> ClusterPurpose {
        self.cluster_purpose.unwrap_or(ClusterPurpose::FastProd)
    }

    pub fn private_cluster(&self) -> bool {
        self.private_cluster.unwrap_or(false)
    }

    pub fn load_balancer_type(&self) -> LoadBalancerType {
        self.load_balancer_type.unwrap_or(LoadBalancerType::PublicIp)
    }

    pub fn identity(&self) -> Identity {
        self.identity.unwrap_or(Identity::SystemAssigned)
    }

    /// Whether the grant is recorded as missing (`false`); not recorded is not missing.
    pub fn network_contributor_missing(&self) -> bool {
        self.network_contributor_granted == Some(false)
    }

    pub fn scoring_from_outside_vnet(&self) -> bool {
        self.scoring_from_outside_vnet.unwrap_or(false)
    }

    pub fn nsg_allows_scoring_inbound(&self) -> bool {
        self.nsg_allows_scoring_inbound.unwrap_or(false)
    }

    pub fn has_internal_load_balancer(&self) -> bool {
        self.load_balancer_type() == LoadBalancerType::InternalLoadBalancer
    }

    /// The subnet the internal load balancer takes its address from.
    pub fn internal_load_balancer_subnet(&self) -> Option<&str> {
        if !self.has_internal_load_balancer() {
            return None;
        }
        self.load_balancer_subnet.as_deref().or(self.subnet.as_deref())
    }

    /// Whether an internal load balancer of this cluster takes its front-end address from the
    /// node subnet: a v1 one placed there, or a v2 router behind an internal load balancer,
    /// which v2 always puts in the node subnet whatever `loadBalancerSubnet` says.
    pub fn internal_front_end_in_node_subnet(&self) -> bool {
        if self.is_v2() {
            return self.azure_ml().has_internal_router();
        }
        self.internal_load_balancer_subnet().is_some_and(|subnet| Some(subnet) == self.subnet.as_deref())
    }

    /// The Azure ML settings with the contract's defaults when the plan writes none.
    pub fn azure_ml(&self) -> &AzureMl {
        self.azure_ml.as_ref().unwrap_or(&AzureMl::V1)
    }

    /// Whether Azure ML uses the cluster as a v2 Kubernetes compute.
    pub fn is_v2(&self) -> bool {
        self.azure_ml().api() == AzureMlApi::V2
    }

    pub fn trusted_access(&self) -> bool {
        self.trusted_access.unwrap_or(false)
    }

    pub fn local_accounts_disabled(&self) -> bool {
        self.local_accounts_disabled.unwrap_or(false)
    }

    /// A public FQDN only means something on a private cluster's API server.
    pub fn private_cluster_public_fqdn(&self) -> bool {
        self.private_cluster() && self.private_cluster_public_fqdn.unwrap_or(false)
    }
}

/// How Azure ML uses an AKS cluster (`aksClusters[].azureMl`). Every member stays as written;
/// the methods apply the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureMl {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<AzureMlApi>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inference_router_service_type: Option<RouterServiceType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_load_balancer_provider: Option<InternalLoadBalancerProvider>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_insecure_connections: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_cname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_certificate: Option<SslCertificate>,
    #[serde(rename = "inferenceRouterHA", skip_serializing_if = "Option::is_none")]
    pub inference_router_ha: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(rename = "reusesV1Cluster", skip_serializing_if = "Option::is_none")]
    pub reuses_v1_cluster: Option<bool>,
}

/// The namespace the attach uses when the plan names none.
pub const DEFAULT_NAMESPACE: &str = "default";

impl AzureMl {
    /// What a cluster without `azureMl` means: the legacy flow, nothing else set.
    pub const V1: Self = Self {
        api: None,
        inference_router_service_type: None,
        internal_load_balancer_provider: None,
        allow_insecure_connections: None,
        ssl_cname: None,
        ssl_certificate: None,
        inference_router_ha: None,
        namespace: None,
        reuses_v1_cluster: None,
    };

    pub fn api(&self) -> AzureMlApi {
        self.api.unwrap_or(AzureMlApi::V1)
    }

    /// The router's exposure; `None` only for a v1 cluster, since the parser requires it for v2.
    pub fn router_service_type(&self) -> Option<RouterServiceType> {
        self.inference_router_service_type
    }

    /// Whether the router sits behind an internal load balancer in the node subnet.
    pub fn has_internal_router(&self) -> bool {
        self.inference_router_service_type == Some(RouterServiceType::LoadBalancer)
            && self.internal_load_balancer_provider.is_some()
    }

    /// A load balancer with no internal provider is reachable from the internet.
    pub fn has_public_router(&self) -> bool {
        self.inference_router_service_type == Some(RouterServiceType::LoadBalancer)
            && self.internal_load_balancer_provider.is_none()
    }

    pub fn allow_insecure_connections(&self) -> bool {
        self.allow_insecure_connections.unwrap_or(false)
    }

    /// How the exports hand the router its certificate: not at all over plain HTTP, else as the
    /// plan says, and as a secret when the plan does not say, since the extension refuses HTTPS
    /// without a certificate and a secret needs no file at deployment.
    pub fn certificate_to_write(&self) -> Option<SslCertificate> {
        if self.allow_insecure_connections() {
            return None;
        }
        Some(self.ssl_certificate.unwrap_or(SslCertificate::Secret))
    }

    /// The host name clients call, that of the router's certificate; a blank one names no host.
    pub fn ssl_cname(&self) -> Option<&str> {
        self.ssl_cname.as_deref().filter(|name| !name.trim().is_empty())
    }

    pub fn inference_router_ha(&self) -> bool {
        self.inference_router_ha.unwrap_or(true)
    }

    pub fn namespace(&self) -> &str {
        self.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE)
    }

    pub fn reuses_v1_cluster(&self) -> bool {
        self.reuses_v1_cluster.unwrap_or(false)
    }
}

/// Whether a name is a Kubernetes namespace name (an RFC 1123 label): lower-case letters,
/// digits and inner dashes, 1 to 63 characters.
pub fn is_namespace_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let edge = |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (1..=63).contains(&bytes.len())
        && edge(bytes.first())
        && edge(bytes.last())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The workspace managed virtual network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedNetwork {
    pub isolation_mode: IsolationMode,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outbound_rules: Vec<OutboundRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_build_compute: Option<String>,
}

impl ManagedNetwork {
    /// The compute that builds images; a blank string names none.
    pub fn image_build_compute(&self) -> Option<&str> {
        self.image_build_compute.as_deref().map(str::trim).filter(|name| !name.is_empty())
    }
}

/// A user-defined outbound rule of the managed network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboundRule {
    pub name: String,
    #[serde(rename = "type")]
    pub rule_type: OutboundRuleType,
    pub destination: String,
    /// As written; each entry already follows the port grammar. [`OutboundRule::ports`] applies
    /// the default of the rule's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Option<Vec<String>>,
}

impl OutboundRule {
    /// The ports once the default of the type is applied; none for a private endpoint, whose
    /// ports are not read.
    pub fn ports(&self) -> Vec<PortRange> {
        if self.rule_type == OutboundRuleType::PrivateEndpoint {
            return Vec::new();
        }
        match &self.ports {
            Some(written) => written.iter().filter_map(|text| PortRange::parse(text)).collect(),
            None if self.rule_type == OutboundRuleType::Fqdn => {
                vec![PortRange { first: 80, last: 80 }, PortRange { first: 443, last: 443 }]
            }
            None => vec![PortRange::ANY],
        }
    }
}

/// An inclusive range of TCP or UDP ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    pub first: u16,
    pub last: u16,
}

impl PortRange {
    /// What `"*"` stands for.
    pub const ANY: Self = Self { first: 1, last: 65535 };

    /// Reads `"*"`, `"P"` or `"P-Q"`: ports 1 to 65535 in decimal without leading zeros, P ≤ Q.
    pub fn parse(text: &str) -> Option<Self> {
        if text == "*" {
            return Some(Self::ANY);
        }
        let port = |digits: &str| -> Option<u16> {
            let plain = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0')
                && digits.len() <= 5;
            plain.then(|| digits.parse::<u16>().ok()).flatten().filter(|port| *port >= 1)
        };
        let (first, last) = match text.split_once('-') {
            Some((first, last)) => (port(first)?, port(last)?),
            None => {
                let single = port(text)?;
                (single, single)
            }
        };
        (first <= last).then_some(Self { first, last })
    }

    pub fn contains(self, port: u16) -> bool {
        (self.first..=self.last).contains(&port)
    }
}

/// A v2 online endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OnlineEndpoint {
    pub name: String,
    pub kind: EndpointKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_network_access: Option<NetworkAccess>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legacy_egress_public_network_access: Option<NetworkAccess>,
}

impl OnlineEndpoint {
    /// Public access once the default is applied: a managed endpoint is public unless it says
    /// otherwise; a Kubernetes endpoint has no default.
    pub fn public_network_access(&self) -> Option<NetworkAccess> {
        match self.kind {
            EndpointKind::Managed => Some(self.public_network_access.unwrap_or(NetworkAccess::Enabled)),
            EndpointKind::Kubernetes => self.public_network_access,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AciDeployment {
    pub name: String,
    pub vnet: String,
    pub subnet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_name_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Egress {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restricted: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_service_tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_fqdns: Option<Vec<String>>,
}

impl Egress {
    pub fn restricted(&self) -> bool {
        self.restricted.unwrap_or(false)
    }

    /// Whether the plan writes nothing here, so that writing it back leaves it out.
    pub fn is_unwritten(&self) -> bool {
        self.restricted.is_none() && self.allowed_service_tags.is_empty() && self.allowed_fqdns.is_none()
    }

    /// The names the firewall allows, or `None` when the plan describes no filtering by name,
    /// which is also the case while egress is not restricted.
    pub fn fqdn_allow_list(&self) -> Option<&[String]> {
        if !self.restricted() {
            return None;
        }
        self.allowed_fqdns.as_deref()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vnet_join: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_join: Option<bool>,
}

impl Permissions {
    pub fn vnet_join(&self) -> bool {
        self.vnet_join.unwrap_or(true)
    }

    pub fn subnet_join(&self) -> bool {
        self.subnet_join.unwrap_or(true)
    }

    /// Whether the plan writes nothing here, so that writing it back leaves it out.
    pub fn is_unwritten(&self) -> bool {
        self.vnet_join.is_none() && self.subnet_join.is_none()
    }
}

/// The delegation an ACI subnet needs.
pub const ACI_DELEGATION: &str = "Microsoft.ContainerInstance/containerGroups";

/// Whether a delegation names the container group service. ARM compares resource provider
/// names without regard to case.
pub fn is_aci_delegation(name: &str) -> bool {
    name.eq_ignore_ascii_case(ACI_DELEGATION)
}

/// The delegation AKS itself puts on a pod subnet under Azure CNI Pod Subnet.
pub const AKS_DELEGATION: &str = "Microsoft.ContainerService/managedClusters";

pub fn is_aks_delegation(name: &str) -> bool {
    name.eq_ignore_ascii_case(AKS_DELEGATION)
}

impl Subnet {
    /// Whether the subnet is delegated to the container group service.
    pub fn is_aci_delegated(&self) -> bool {
        self.delegations.iter().any(|name| is_aci_delegation(name))
    }

    /// The name Azure knows the subnet by, without the tag the plan gives a further prefix.
    pub fn azure_name(&self) -> &str {
        crate::names::subnet_azure_name(&self.name)
    }
}

impl Vnet {
    /// The name Azure knows the VNet by, without the tag that tells it apart from a namesake.
    pub fn azure_name(&self) -> &str {
        crate::names::vnet_azure_name(&self.name)
    }
}

/// A closed set of spellings taken from Azure's own JSON.
pub trait Choice: Sized + Copy + 'static {
    const CHOICES: &'static [(&'static str, Self)];

    fn as_str(self) -> &'static str;

    fn from_text(text: &str) -> Option<Self> {
        Self::CHOICES.iter().find(|(name, _)| *name == text).map(|(_, value)| *value)
    }
}

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl Choice for $name {
            const CHOICES: &'static [(&'static str, Self)] = &[$(($text, Self::$variant)),+];

            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

choice!(ExternalRangeKind {
    PeeredVnet = "peeredVnet",
    OnPremises = "onPremises",
    Vpn = "vpn",
    ExpressRoute = "expressRoute",
    Other = "other",
});
choice!(Provisioning { Create = "create", Attach = "attach" });
choice!(NetworkPlugin { Azure = "azure", Kubenet = "kubenet" });
choice!(NetworkPluginMode { Overlay = "overlay" });
choice!(ClusterPurpose { FastProd = "FastProd", DevTest = "DevTest" });
choice!(LoadBalancerType { PublicIp = "PublicIp", InternalLoadBalancer = "InternalLoadBalancer" });
choice!(Identity { SystemAssigned = "systemAssigned", ServicePrincipal = "servicePrincipal" });
choice!(AzureMlApi { V1 = "v1", V2 = "v2" });
choice!(RouterServiceType { LoadBalancer = "loadBalancer", NodePort = "nodePort", ClusterIp = "clusterIP" });
choice!(InternalLoadBalancerProvider { Azure = "azure" });
choice!(SslCertificate { Secret = "secret", PemFiles = "pemFiles" });
choice!(IsolationMode {
    Disabled = "disabled",
    AllowInternetOutbound = "allowInternetOutbound",
    AllowOnlyApprovedOutbound = "allowOnlyApprovedOutbound",
});
choice!(OutboundRuleType { Fqdn = "fqdn", ServiceTag = "serviceTag", PrivateEndpoint = "privateEndpoint" });
choice!(AcrSku { Basic = "Basic", Standard = "Standard", Premium = "Premium" });
choice!(EndpointKind { Managed = "managed", Kubernetes = "kubernetes" });
choice!(NetworkAccess { Enabled = "enabled", Disabled = "disabled" });

impl Plan {
    /// A plan with the required fields only, for editors that start from nothing.
    pub fn empty(region: &str, resource_group: &str) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            name: String::new(),
            region: region.to_owned(),
            workspace: Workspace {
                resource_group: resource_group.to_owned(),
                private_endpoint: None,
                acr_in_vnet: None,
                v1_legacy_mode: None,
                managed_network: None,
                acr_sku: None,
            },
            vnets: Vec::new(),
            external_ranges: Vec::new(),
            aks_clusters: Vec::new(),
            aci_deployments: Vec::new(),
            egress: Egress::default(),
            permissions: Permissions::default(),
            online_endpoints: Vec::new(),
        }
    }

    /// The plan as pretty JSON. Only what the plan holds is written: an omitted field stays
    /// omitted, because defaults are applied when a plan is checked, never written back.
    pub fn to_json(&self) -> String {
        // Every type here serialises to plain JSON objects, strings, numbers and booleans.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn cluster_region<'p>(&'p self, cluster: &'p AksCluster) -> &'p str {
        cluster.region.as_deref().unwrap_or(&self.region)
    }

    /// Whether `cluster` counts on Trusted Access in a cloud where Azure ML does not offer it.
    pub fn trusted_access_unavailable(&self, cluster: &AksCluster) -> bool {
        cluster.trusted_access() && outside_public_cloud(self.cluster_region(cluster))
    }

    pub fn vnet_region<'p>(&'p self, vnet: &'p Vnet) -> &'p str {
        vnet.region.as_deref().unwrap_or(&self.region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_compare_as_azure_reads_them() {
        assert_eq!(region_name("East US 2"), "eastus2");
        assert!(matches!(region_name("eastus2"), Cow::Borrowed("eastus2")));
        assert!(same_region("EastUS2", "eastus2"));
        assert!(same_region("West Europe", "westeurope"));
        assert!(!same_region("East US", "eastus2"));
    }

    #[test]
    fn vm_size_names_give_their_vcpus() {
        assert_eq!(vcpus_of_vm_size("Standard_D4s_v5"), Some(4));
        assert_eq!(vcpus_of_vm_size("Standard_D2s_v3"), Some(2));
        assert_eq!(vcpus_of_vm_size("Standard_E8-4s_v5"), Some(4));
        assert_eq!(vcpus_of_vm_size("Standard_NC24ads_A100_v4"), Some(24));
        assert_eq!(vcpus_of_vm_size("Standard_M416-208s_v2"), Some(208));
        assert_eq!(vcpus_of_vm_size("Standard_HB120rs_v3"), Some(120));
        assert_eq!(vcpus_of_vm_size("standard_b1ls"), Some(1));
        assert_eq!(vcpus_of_vm_size("D16as_v5"), Some(16));
        // The first generations of D and DS number their sizes by rank.
        assert_eq!(vcpus_of_vm_size("Standard_D3_v2"), Some(4));
        assert_eq!(vcpus_of_vm_size("Standard_DS11_v2"), Some(2));
        assert_eq!(vcpus_of_vm_size("Standard_DS5_v2"), Some(16));
        assert_eq!(vcpus_of_vm_size("Standard_D15_v2"), Some(20));
        assert_eq!(vcpus_of_vm_size("Standard_D2_v2_Promo"), Some(2));
        assert_eq!(vcpus_of_vm_size("Standard_D4"), Some(8));
        assert_eq!(vcpus_of_vm_size("Standard_DS12-2_v2"), Some(2));
        assert_eq!(vcpus_of_vm_size("Standard_D4_v3"), Some(4));
        for none in
            ["", "Standard_", "Standard_B", "Standard_4", "custom", "Standard_D0s", "Standard_D99999999999s"]
        {
            assert_eq!(vcpus_of_vm_size(none), None, "{none}");
        }
    }

    #[test]
    fn surge_percentages_round_up_and_never_overflow() {
        assert_eq!(MaxSurge::Percent(10).nodes(4), 1);
        assert_eq!(MaxSurge::Percent(10).nodes(64), 7);
        assert_eq!(MaxSurge::Percent(10).nodes(50), 5);
        assert_eq!(MaxSurge::Percent(33).nodes(1), 1);
        assert_eq!(MaxSurge::Percent(100).nodes(MAX_NODE_COUNT), MAX_NODE_COUNT);
        assert_eq!(MaxSurge::Nodes(0).nodes(10), 0);
        assert_eq!(MaxSurge::Percent(100).nodes(u64::MAX), u64::MAX / 100);
    }

    #[test]
    fn network_plugin_defaults_follow_provisioning() {
        let mut cluster = AksCluster::new("a", "v", "s", "10.2.0.0/16", "10.2.0.10");
        assert!(cluster.pods_use_node_subnet() && !cluster.plugin_assumed());
        assert_eq!(
            (cluster.plugin(), cluster.mode(), cluster.effective_max_pods()),
            (NetworkPlugin::Azure, None, 30)
        );
        assert_eq!(cluster.effective_pod_cidr(), None);
        cluster.provisioning = Some(Provisioning::Attach);
        assert!(cluster.plugin_assumed() && cluster.is_overlay() && !cluster.pods_use_node_subnet());
        assert_eq!(cluster.effective_max_pods(), 250);
        assert_eq!(cluster.effective_pod_cidr(), Some(AKS_DEFAULT_POD_CIDR));
        assert!(cluster.pod_cidr_defaulted());
        cluster.network_plugin = Some(NetworkPlugin::Azure);
        assert!(!cluster.plugin_assumed() && cluster.pods_use_node_subnet());
        cluster.network_plugin = Some(NetworkPlugin::Kubenet);
        assert_eq!(cluster.effective_pod_cidr(), Some(AKS_DEFAULT_POD_CIDR));
        cluster.pod_cidr = Some("10.50.0.0/16".to_owned());
        assert_eq!(cluster.effective_pod_cidr(), Some("10.50.0.0/16"));
        assert!(!cluster.pod_cidr_defaulted());
        // The serialised cluster still holds only what was set.
        let written = serde_json::to_value(&cluster).unwrap_or_default();
        assert!(written.get("maxSurge").is_none() && written.get("networkPluginMode").is_none());
    }
}
