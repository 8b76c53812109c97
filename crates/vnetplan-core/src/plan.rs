//! The plan document (format v1) as Rust types.
//!
//! Network values (CIDRs, addresses) and names stay as the user's text: a value that does not
//! parse is a finding of the checks, not a reason to lose the rest of the plan. Reading a
//! document lives in [`crate::parse`]; serialising uses the contract's field names.

use serde::{Serialize, Serializer};

/// The only plan format version this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub schema_version: u32,
    pub name: String,
    pub region: String,
    pub workspace: Workspace,
    pub vnets: Vec<Vnet>,
    pub external_ranges: Vec<ExternalRange>,
    pub aks_clusters: Vec<AksCluster>,
    pub aci_deployments: Vec<AciDeployment>,
    pub egress: Egress,
    pub permissions: Permissions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    pub resource_group: String,
    pub private_endpoint: Option<SubnetRef>,
    pub acr_in_vnet: bool,
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subnet {
    pub name: String,
    pub address_prefix: String,
    pub delegations: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalRange {
    pub name: String,
    pub address_prefix: String,
    pub kind: ExternalRangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AksCluster {
    pub name: String,
    pub provisioning: Provisioning,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub vnet: String,
    pub subnet: String,
    pub network_plugin: NetworkPlugin,
    pub network_plugin_mode: Option<NetworkPluginMode>,
    pub pod_cidr: Option<String>,
    pub service_cidr: String,
    #[serde(rename = "dnsServiceIP")]
    pub dns_service_ip: String,
    pub docker_bridge_cidr: Option<String>,
    pub node_count: u32,
    pub max_surge: u32,
    pub max_pods: Option<u32>,
    pub vcpus_per_node: Option<u32>,
    pub cluster_purpose: ClusterPurpose,
    pub private_cluster: bool,
    pub load_balancer_type: LoadBalancerType,
    pub load_balancer_subnet: Option<String>,
    pub identity: Identity,
    pub network_contributor_granted: bool,
    pub scoring_from_outside_vnet: bool,
    pub nsg_allows_scoring_inbound: bool,
}

impl AksCluster {
    pub fn is_overlay(&self) -> bool {
        self.network_plugin == NetworkPlugin::Azure
            && self.network_plugin_mode == Some(NetworkPluginMode::Overlay)
    }

    /// Azure CNI without overlay gives every pod an address of the node subnet.
    pub fn pods_use_node_subnet(&self) -> bool {
        self.network_plugin == NetworkPlugin::Azure && !self.is_overlay()
    }

    /// Pods per node once the plugin's default is applied.
    pub fn effective_max_pods(&self) -> u32 {
        self.max_pods.unwrap_or(match (self.network_plugin, self.network_plugin_mode) {
            (NetworkPlugin::Kubenet, _) => 110,
            (NetworkPlugin::Azure, Some(NetworkPluginMode::Overlay)) => 250,
            (NetworkPlugin::Azure, None) => 30,
        })
    }

    /// Nodes that can exist at once: the pool plus the upgrade surge.
    pub fn peak_nodes(&self) -> u64 {
        u64::from(self.node_count) + u64::from(self.max_surge)
    }

    pub fn has_internal_load_balancer(&self) -> bool {
        self.load_balancer_type == LoadBalancerType::InternalLoadBalancer
    }

    /// The subnet the internal load balancer takes its address from.
    pub fn internal_load_balancer_subnet(&self) -> Option<&str> {
        self.has_internal_load_balancer()
            .then(|| self.load_balancer_subnet.as_deref().unwrap_or(&self.subnet))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AciDeployment {
    pub name: String,
    pub vnet: String,
    pub subnet: String,
    pub dns_name_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Egress {
    pub restricted: bool,
    pub allowed_service_tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub vnet_join: bool,
    pub subnet_join: bool,
}

impl Default for Permissions {
    fn default() -> Self {
        Self { vnet_join: true, subnet_join: true }
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
                acr_in_vnet: false,
            },
            vnets: Vec::new(),
            external_ranges: Vec::new(),
            aks_clusters: Vec::new(),
            aci_deployments: Vec::new(),
            egress: Egress::default(),
            permissions: Permissions::default(),
        }
    }

    /// The plan as pretty JSON with every field written out, defaults included.
    pub fn to_json(&self) -> String {
        // Every type here serialises to plain JSON objects, strings, numbers and booleans.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn cluster_region<'p>(&'p self, cluster: &'p AksCluster) -> &'p str {
        cluster.region.as_deref().unwrap_or(&self.region)
    }

    pub fn vnet_region<'p>(&'p self, vnet: &'p Vnet) -> &'p str {
        vnet.region.as_deref().unwrap_or(&self.region)
    }
}
