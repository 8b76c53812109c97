//! Reading an AKS cluster as `az aks show` prints it. How its pools become one plan cluster is
//! described in the parent module.

use super::json::{id_name, id_segment, id_subscription, same_name, Obj};
use super::reader::{is_expression, quoted, Expect, Reader, Scope};
use super::template::{listed_names, PropertyLoop};
use super::ImportError;
use crate::plan::{
    default_max_pods, AksCluster, Identity, MaxSurge, NetworkPlugin, NetworkPluginMode, Provisioning,
    AKS_DEFAULT_DNS_SERVICE_IP, AKS_DEFAULT_SERVICE_CIDR,
};

/// Fields of a cluster that [`Reader::cluster`] reads.
const CLUSTER_READ: &[&str] = &[
    "name",
    "location",
    "resourceGroup",
    "networkProfile",
    "agentPoolProfiles",
    "apiServerAccessProfile",
    "disableLocalAccounts",
    "identity",
    "servicePrincipalProfile",
    "nodeResourceGroup",
    "addonProfiles",
];

/// Fields of a cluster left out on purpose: bookkeeping, Kubernetes and security settings
/// that do not decide which addresses the cluster uses.
const CLUSTER_INFORMATIONAL: &[&str] = &[
    "id",
    "etag",
    "type",
    "kind",
    "provisioningState",
    "powerState",
    "resourceUid",
    "systemData",
    "tags",
    "sku",
    "supportPlan",
    "kubernetesVersion",
    "currentKubernetesVersion",
    "dnsPrefix",
    "fqdn",
    "fqdnSubdomain",
    "privateFqdn",
    "azurePortalFqdn",
    "maxAgentPools",
    "enableRbac",
    "aadProfile",
    "linuxProfile",
    "windowsProfile",
    "identityProfile",
    "oidcIssuerProfile",
    "podIdentityProfile",
    "securityProfile",
    "storageProfile",
    "autoScalerProfile",
    "autoUpgradeProfile",
    "upgradeSettings",
    "workloadAutoScalerProfile",
    "azureMonitorProfile",
    "metricsProfile",
    "serviceMeshProfile",
    "ingressProfile",
    "nodeProvisioningProfile",
    "nodeResourceGroupProfile",
    "aiToolchainOperatorProfile",
    "bootstrapProfile",
    "safeguardsProfile",
    "diskEncryptionSetId",
    "enablePodSecurityPolicy",
    "httpProxyConfig",
    "privateLinkResources",
    "publicNetworkAccess",
    "extendedLocation",
    "creationData",
    "status",
];

const NETWORK_READ: &[&str] = &[
    "networkPlugin",
    "networkPluginMode",
    "podCidr",
    "podCidrs",
    "serviceCidr",
    "serviceCidrs",
    "dnsServiceIP",
    "dockerBridgeCidr",
    "outboundType",
    "ipFamilies",
];

/// Network settings that shape traffic inside or out of the cluster, not its address ranges.
/// The load balancer here is the cluster's own; the one Azure ML puts in front of a scoring
/// endpoint is chosen when attaching.
const NETWORK_INFORMATIONAL: &[&str] = &[
    "loadBalancerSku",
    "loadBalancerProfile",
    "natGatewayProfile",
    "networkDataplane",
    "networkMode",
    "networkPolicy",
    "kubeProxyConfig",
    "monitoring",
    "advancedNetworking",
    "podLinkLocalAccess",
    "staticEgressGatewayProfile",
];

const POOL_READ: &[&str] = &[
    "name",
    "count",
    "enableAutoScaling",
    "minCount",
    "maxCount",
    "maxPods",
    "mode",
    "vnetSubnetId",
    "podSubnetId",
    "vmSize",
    "upgradeSettings",
    "virtualMachinesProfile",
];

/// Pool settings about the nodes themselves (image, disks, labels, scheduling), not how many
/// there are or where their addresses come from.
const POOL_INFORMATIONAL: &[&str] = &[
    "etag",
    "type",
    "provisioningState",
    "powerState",
    "status",
    "orchestratorVersion",
    "currentOrchestratorVersion",
    "nodeImageVersion",
    "osType",
    "osSku",
    "osDiskSizeGb",
    "osDiskType",
    "kubeletDiskType",
    "kubeletConfig",
    "linuxOsConfig",
    "windowsProfile",
    "workloadRuntime",
    "availabilityZones",
    "nodeLabels",
    "nodeTaints",
    "nodeInitializationTaints",
    "tags",
    "scaleDownMode",
    "scaleSetPriority",
    "scaleSetEvictionPolicy",
    "spotMaxPrice",
    "enableEncryptionAtHost",
    "enableFips",
    "enableUltraSsd",
    "enableNodePublicIp",
    "nodePublicIpPrefixId",
    "enableCustomCaTrust",
    "gpuInstanceProfile",
    "gpuProfile",
    "hostGroupId",
    "capacityReservationGroupId",
    "proximityPlacementGroupId",
    "creationData",
    "messageOfTheDay",
    "networkProfile",
    "securityProfile",
    "artifactStreamingProfile",
    "virtualMachineNodesStatus",
    "gatewayProfile",
    "podIpAllocationMode",
];

const UPGRADE_READ: &[&str] = &["maxSurge"];
const UPGRADE_INFORMATIONAL: &[&str] =
    &["drainTimeoutInMinutes", "nodeSoakDurationInMinutes", "maxUnavailable", "undrainableNodeBehavior"];

const API_SERVER_READ: &[&str] = &[
    "enablePrivateCluster",
    "enablePrivateClusterPublicFqdn",
    "authorizedIpRanges",
    "enableVnetIntegration",
    "subnetId",
];
const API_SERVER_INFORMATIONAL: &[&str] = &["disableRunCommand", "privateDnsZone"];

const IDENTITY_READ: &[&str] = &["type", "userAssignedIdentities"];
const IDENTITY_INFORMATIONAL: &[&str] = &["principalId", "tenantId", "delegatedResources"];

/// The nodes AKS adds while upgrading a pool of `nodes` whose settings state no surge: its
/// default, a percentage of the pool (10% since Kubernetes 1.32), rounded up.
fn default_surge(nodes: u32) -> u32 {
    saturate(MaxSurge::DEFAULT.nodes(u64::from(nodes)))
}

/// How the cluster's API server is reached, as its access profile states it.
#[derive(Default)]
struct ApiServer {
    private: bool,
    public_fqdn: Option<bool>,
    authorized_ranges: Vec<String>,
}

/// A cluster as read; its node VNet and subnet are named once every document is read.
#[derive(Clone)]
pub(super) struct ReadCluster {
    pub(super) cluster: AksCluster,
    pub(super) resource_group: String,
    /// The subscription its id names, which tells apart clusters of one name and resource group.
    pub(super) subscription: Option<String>,
    pub(super) node_subnet: NodeSubnet,
    /// Where the node subnet was found, for notes about resolving it.
    pub(super) subnet_pointer: String,
}

/// Where a cluster's nodes take their addresses from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NodeSubnet {
    Id(SubnetId),
    /// No pool names a subnet: AKS made a VNet in the node resource group.
    Managed {
        node_resource_group: Option<String>,
    },
    /// A subnet reference that is neither a subnet ID nor a template expression that gives one.
    Unreadable(String),
}

/// A subnet named by its Azure resource id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SubnetId {
    pub(super) subscription: Option<String>,
    pub(super) resource_group: String,
    pub(super) vnet: String,
    pub(super) subnet: String,
}

/// The subnet a template's `id` names: a literal id, or one an expression builds from values
/// `scope` states.
pub(super) fn subnet_in(scope: &Scope<'_>, id: &str) -> Option<SubnetId> {
    match is_expression(id) {
        true => parse_subnet_id(&scope.evaluate(id)?),
        false => parse_subnet_id(id),
    }
}

/// Reads `/subscriptions/…/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`,
/// whatever the case of its segment names.
pub(super) fn parse_subnet_id(id: &str) -> Option<SubnetId> {
    let resource_group = id_segment(id, "resourceGroups")?;
    let vnet = id_segment(id, "virtualNetworks")?;
    let subnet = id_segment(id, "subnets")?;
    Some(SubnetId {
        subscription: id_subscription(id),
        resource_group: resource_group.to_owned(),
        vnet: vnet.to_owned(),
        subnet: subnet.to_owned(),
    })
}

/// The network profile's values as the plan holds them.
struct Network {
    /// `None` when the output names none: the check then takes AKS's default, Azure CNI Overlay.
    plugin: Option<NetworkPlugin>,
    mode: Option<NetworkPluginMode>,
    pod_cidr: Option<String>,
    service_cidr: String,
    dns_service_ip: String,
    docker_bridge_cidr: Option<String>,
}

/// What the pools in the node subnet add up to.
struct Pools {
    node_subnet: NodeSubnet,
    subnet_pointer: String,
    /// The subnet that gives every pool of the node subnet its pods' addresses (Azure CNI Pod
    /// Subnet), when they all name the same one, in the node subnet's VNet.
    pod_subnet: Option<String>,
    node_count: u32,
    max_pods: Option<u32>,
    /// `None` when no pool in the node subnet states a surge, so that AKS's default applies.
    max_surge: Option<u32>,
    vm_size: Option<String>,
}

/// AKS's pods per node for a pool that states none: with its pods in the node subnet or the
/// pod range, and with a pod subnet of their own.
#[derive(Clone, Copy)]
struct PodDefaults {
    node_subnet: u32,
    pod_subnet: u32,
}

/// A pool's `podSubnetId`: the subnet it names, as shown in a note, and where it was read.
struct PodSubnetField {
    id: Option<SubnetId>,
    shown: String,
    pointer: String,
}

/// The scope a copy loop reads a pool in; `None` for a pool written out.
type CopyScope<'r> = Option<Scope<'r>>;

/// The most copies an ARM copy loop may make.
pub(super) const COPY_LIMIT: u64 = 800;

/// A node pool a template declares as a resource of its own
/// (`Microsoft.ContainerService/managedClusters/agentPools`): its own name, and the resource,
/// whose properties hold what an entry of `agentPoolProfiles` holds.
#[derive(Clone)]
pub(super) struct ChildPool<'a> {
    pub(super) name: String,
    pub(super) resource: Obj<'a>,
}

impl<'r> Reader<'r> {
    /// A cluster, with `children`, the node pools its template declares as resources of their own.
    pub(super) fn cluster(
        &mut self,
        object: &Obj<'_>,
        children: &[ChildPool<'_>],
    ) -> Result<ReadCluster, ImportError> {
        let name = self.name(object, text!("cluster", "cluster"))?;
        let region = self.location(object);
        if region.is_none() {
            self.note(
                &object.pointer,
                msg!([
                    "the cluster has no location: it is taken to be in the plan's region",
                    "le cluster n’a pas d’emplacement : il est supposé dans la région du plan"
                ]),
            );
        }
        let resource_group = match &self.template {
            Some(scope) => scope.target.resource_group.clone(),
            None => self.resource_group(object).unwrap_or_else(|| {
                self.note(
                    &object.pointer,
                    msg!([
                        "the cluster names no resource group",
                        "le cluster ne nomme aucun groupe de ressources"
                    ]),
                );
                String::new()
            }),
        };
        let network = self.network(object);
        // A group a template computes in a way vnetplan cannot follow is no name a command takes.
        let node_resource_group = object.str("nodeResourceGroup").and_then(|group| match &self.template {
            Some(scope) if is_expression(group) => scope.text_value(group),
            _ => Some(group.to_owned()),
        });
        // A plugin left unset is Azure CNI Overlay, as AKS and the check take it.
        let (plugin, overlay) = match network.plugin {
            Some(plugin) => (plugin, network.mode == Some(NetworkPluginMode::Overlay)),
            None => (NetworkPlugin::Azure, true),
        };
        let default_pods = PodDefaults {
            node_subnet: default_max_pods(plugin, overlay, false),
            pod_subnet: default_max_pods(plugin, overlay, true),
        };
        let pools = self.pools(object, node_resource_group, children, default_pods);
        let api_server = self.api_server(object);
        let identity = self.identity(object);
        self.addons(object);
        self.note(
            &object.pointer,
            msg!([
                "Azure's output does not say how Azure ML uses the cluster, whether its identity holds Network Contributor on the VNet's resource group, or whether an NSG admits scoring calls: the plan leaves these unrecorded, takes the compute target to be named after the cluster, and applies the contract's defaults when checking. Record what you know",
                "la sortie d’Azure ne dit pas comment Azure ML utilise le cluster, si son identité détient Network Contributor sur le groupe de ressources du VNet, ni si un NSG admet les appels de scoring : le plan laisse ces faits non renseignés, suppose la cible de calcul nommée d’après le cluster et applique les valeurs par défaut du contrat à la vérification. Renseignez ce que vous savez"
            ]),
        );
        self.unread(object, CLUSTER_READ, CLUSTER_INFORMATIONAL);
        let cluster = AksCluster {
            provisioning: Some(Provisioning::Attach),
            region,
            vnet: None,
            subnet: None,
            network_plugin: network.plugin,
            network_plugin_mode: network.mode,
            pod_cidr: network.pod_cidr,
            docker_bridge_cidr: network.docker_bridge_cidr,
            node_count: u64::from(pools.node_count),
            max_surge: pools.max_surge.map(|nodes| MaxSurge::Nodes(u64::from(nodes))),
            max_pods: pools.max_pods,
            vm_size: pools.vm_size,
            pod_subnet: pools.pod_subnet,
            private_cluster: Some(api_server.private),
            private_cluster_public_fqdn: api_server.public_fqdn,
            api_server_authorized_ip_ranges: api_server.authorized_ranges,
            local_accounts_disabled: self.flag(object, "disableLocalAccounts").filter(|disabled| *disabled),
            identity: Some(identity),
            // What Azure's output cannot say stays absent (not recorded).
            ..AksCluster::new(&name, "", "", &network.service_cidr, &network.dns_service_ip)
        };
        Ok(ReadCluster {
            cluster,
            resource_group,
            subscription: self.subscription(object),
            node_subnet: pools.node_subnet,
            subnet_pointer: pools.subnet_pointer,
        })
    }

    fn network(&mut self, object: &Obj<'_>) -> Network {
        // What AKS deploys when the request leaves the network out (Kubernetes 1.30 and later).
        let mut network = Network {
            plugin: None,
            mode: None,
            pod_cidr: None,
            service_cidr: AKS_DEFAULT_SERVICE_CIDR.to_owned(),
            dns_service_ip: AKS_DEFAULT_DNS_SERVICE_IP.to_owned(),
            docker_bridge_cidr: None,
        };
        let Some(profile) = object.object("networkProfile") else {
            self.note(
                &object.pointer,
                msg!(
                    [
                        "the cluster has no network profile, so AKS applies its defaults: the plan leaves the plugin unset, which the check reads as Azure CNI Overlay with its default pod range, and takes the service range {service} with the DNS IP {dns}",
                        "le cluster n’a pas de profil réseau, AKS applique donc ses valeurs par défaut : le plan laisse le plugin non renseigné, ce que la vérification lit comme Azure CNI Overlay avec sa plage de pods par défaut, et prend la plage de services {service} avec l’IP DNS {dns}"
                    ],
                    service = AKS_DEFAULT_SERVICE_CIDR,
                    dns = AKS_DEFAULT_DNS_SERVICE_IP
                ),
            );
            return network;
        };
        match self.string(&profile, "networkPlugin", Expect::Name) {
            Some(plugin) if same_name(&plugin, "kubenet") => network.plugin = Some(NetworkPlugin::Kubenet),
            Some(plugin) if same_name(&plugin, "azure") => network.plugin = Some(NetworkPlugin::Azure),
            Some(plugin) => {
                network.plugin = Some(NetworkPlugin::Azure);
                self.note(
                    &profile.pointer,
                    msg!(
                        [
                            "network plugin '{plugin}': a plan cluster uses 'azure' or 'kubenet', and keeps 'azure'",
                            "plugin réseau « {plugin} » : un cluster du plan utilise « azure » ou « kubenet », et garde « azure »"
                        ],
                        plugin = plugin
                    ),
                );
            }
            None => self.note(
                &profile.pointer,
                msg!([
                    "no network plugin is given, so AKS picks Azure CNI Overlay: the plan leaves the plugin unset, which the check reads the same way",
                    "aucun plugin réseau n’est donné, AKS choisit donc Azure CNI Overlay : le plan laisse le plugin non renseigné, ce que la vérification lit de la même façon"
                ]),
            ),
        }
        if let Some(mode) = self.string(&profile, "networkPluginMode", Expect::Name) {
            if same_name(&mode, "overlay") {
                network.mode = Some(NetworkPluginMode::Overlay);
            } else {
                self.note(
                    &profile.pointer,
                    msg!(
                        [
                            "network plugin mode '{mode}' is not one the plan knows",
                            "le mode de plugin réseau « {mode} » n’est pas connu du plan"
                        ],
                        mode = mode
                    ),
                );
            }
        }
        network.pod_cidr = self.range(&profile, "podCidr", "podCidrs");
        match self.range(&profile, "serviceCidr", "serviceCidrs") {
            Some(range) => network.service_cidr = range,
            None => self.note(
                &profile.pointer,
                msg!(
                    [
                        "no service range is given, so AKS takes its default: the plan holds {service}",
                        "aucune plage de services n’est donnée, AKS prend donc la sienne par défaut : le plan contient {service}"
                    ],
                    service = AKS_DEFAULT_SERVICE_CIDR
                ),
            ),
        }
        match self.string(&profile, "dnsServiceIP", Expect::Cidr) {
            Some(dns) => network.dns_service_ip = dns,
            None => self.note(
                &profile.pointer,
                msg!(
                    [
                        "no DNS service IP is given, so AKS takes its default: the plan holds {dns}",
                        "aucune IP de service DNS n’est donnée, AKS prend donc la sienne par défaut : le plan contient {dns}"
                    ],
                    dns = AKS_DEFAULT_DNS_SERVICE_IP
                ),
            ),
        }
        network.docker_bridge_cidr = self.string(&profile, "dockerBridgeCidr", Expect::Cidr);
        if let Some(field) = profile.get("outboundType") {
            let outbound = field.value.as_str().map_or_else(|| quoted(field.value), str::to_owned);
            if !same_name(&outbound, "loadBalancer") {
                self.note(
                    &field.pointer,
                    msg!(
                        [
                            "outbound traffic leaves through '{outbound}', not the cluster's load balancer; if that path filters traffic, describe what it allows under egress",
                            "le trafic sortant passe par « {outbound} », pas par l’équilibreur de charge du cluster ; si ce chemin filtre le trafic, décrivez ce qu’il autorise sous egress"
                        ],
                        outbound = outbound
                    ),
                );
            }
        }
        if let Some(field) = profile.get("ipFamilies") {
            let families = self.strings(&field, Expect::Name);
            if families.iter().any(|family| !same_name(family, "IPv4")) {
                self.note(
                    &field.pointer,
                    msg!(
                        [
                            "IP families {families}: the plan holds the cluster's IPv4 ranges only",
                            "familles IP {families} : le plan ne contient que les plages IPv4 du cluster"
                        ],
                        families = families.join(", ")
                    ),
                );
            }
        }
        // Informational in general, but a choice other than AKS's default is one the check cannot see.
        for (key, default) in [("networkDataplane", "azure"), ("networkPolicy", "none")] {
            let Some(field) = profile.get(key) else { continue };
            let Some(value) = field.value.as_str().filter(|value| !same_name(value, default)) else {
                continue;
            };
            self.note(
                &field.pointer,
                msg!(
                    [
                        "{key} '{value}' is not held by the plan, and no check looks at it",
                        "{key} « {value} » n’est pas contenu dans le plan, et aucune vérification ne le regarde"
                    ],
                    key = key,
                    value = value
                ),
            );
        }
        self.unread(&profile, NETWORK_READ, NETWORK_INFORMATIONAL);
        network
    }

    /// A range given alone and in a list (dual-stack clusters list an IPv4 and an IPv6 one).
    /// The plan holds one, so the others are noted.
    fn range(&mut self, profile: &Obj<'_>, single: &str, list: &str) -> Option<String> {
        let alone = self.string(profile, single, Expect::Cidr);
        let listed = profile.get(list).map(|field| (self.strings(&field, Expect::Cidr), field.pointer));
        // The plan holds a cluster's IPv4 ranges; a dual-stack list may give its IPv6 one first.
        let kept = alone.or_else(|| {
            let (ranges, _) = listed.as_ref()?;
            let is_ipv6 = |range: &&String| range.parse::<ipnet::Ipv6Net>().is_ok();
            ranges.iter().find(|range| !is_ipv6(range)).or_else(|| ranges.first()).cloned()
        });
        if let (Some(kept), Some((ranges, pointer))) = (&kept, listed) {
            let others: Vec<String> = ranges.into_iter().filter(|range| range != kept).collect();
            if !others.is_empty() {
                self.note(
                    &pointer,
                    msg!(
                        [
                            "the cluster also uses {others}; the plan holds one range here, {kept}",
                            "le cluster utilise aussi {others} ; le plan ne contient qu’une plage ici, {kept}"
                        ],
                        others = others.join(", "),
                        kept = kept
                    ),
                );
            }
        }
        kept
    }

    /// The pools in the node subnet, added up; `default_pods` is the pods per node of a pool
    /// that states none.
    fn pools(
        &mut self,
        object: &Obj<'_>,
        node_resource_group: Option<String>,
        children: &[ChildPool<'_>],
        default_pods: PodDefaults,
    ) -> Pools {
        let field = object.get("agentPoolProfiles");
        let pointer = field.as_ref().map_or_else(|| object.pointer.clone(), |field| field.pointer.clone());
        // Each pool with the scope a copy loop reads it in, if a loop builds it, and whether it
        // is a copy after the loop's first.
        let mut pools: Vec<(String, Obj<'_>, CopyScope<'r>)> = field
            .map_or_else(Vec::new, |field| self.objects(&field))
            .into_iter()
            .map(|pool| (pool.str("name").unwrap_or("(unnamed)").to_owned(), pool, None))
            .collect();
        pools.extend(self.copied_pools(object));
        for child in children {
            // Exported templates declare each pool twice, inline and as a resource: read it once.
            if pools.iter().any(|(name, _, _)| same_name(name, &child.name)) {
                continue;
            }
            self.note(
                &child.resource.pointer,
                msg!(
                    [
                        "pool '{pool}' is declared as a resource of its own and counted with the cluster's other pools",
                        "le pool « {pool} » est déclaré comme ressource à part et compté avec les autres pools du cluster"
                    ],
                    pool = &child.name
                ),
            );
            pools.push((child.name.clone(), child.resource.clone(), None));
        }
        let managed = NodeSubnet::Managed { node_resource_group };
        let system_index = pools
            .iter()
            .position(|(_, pool, _)| pool.str("mode").is_some_and(|mode| same_name(mode, "System")))
            .unwrap_or_default();
        let Some((_, system, system_scope)) = pools.get(system_index) else {
            self.note(
                &pointer,
                msg!([
                    "the cluster has no node pool: the plan counts one node",
                    "le cluster n’a pas de pool de nœuds : le plan compte un nœud"
                ]),
            );
            return Pools {
                node_subnet: managed,
                subnet_pointer: pointer,
                pod_subnet: None,
                node_count: 1,
                max_pods: None,
                max_surge: None,
                vm_size: None,
            };
        };
        let subnet_of = |pool: &Obj<'_>| pool.str("vnetSubnetId").map(str::to_owned);
        let system_subnet = subnet_of(system);
        let subnet_pointer =
            system.get("vnetSubnetId").map_or_else(|| system.pointer.clone(), |field| field.pointer);
        let node_subnet = match &system_subnet {
            Some(id) => self.node_subnet(id, &subnet_pointer),
            None => managed,
        };
        // A Virtual Machines pool prints an empty vmSize: its sizes are in its scale profile.
        let own = system_scope.clone().map(|scope| self.template.replace(scope));
        let vm_size = system
            .get("vmSize")
            .and_then(|field| field.value.as_str().map(|size| self.text(size, &field.pointer, Expect::Name)))
            .filter(|size| !size.is_empty());
        if let Some(own) = own {
            self.template = own;
        }
        let (mut node_count, mut max_surge, mut surge_stated, mut pods_stated) = (0_u32, 0_u32, false, false);
        let mut max_pods: Vec<u32> = Vec::new();
        // Each pool of the node subnet with the pod subnet it names, if any.
        let mut pod_subnets: Vec<(&str, Option<PodSubnetField>)> = Vec::new();
        for (index, (pool_name, pool, scope)) in pools.iter().enumerate() {
            let own = scope
                .clone()
                .map(|scope| (self.template.replace(scope), std::mem::replace(&mut self.in_copy, true)));
            let pool_subnet = subnet_of(pool);
            let same_subnet = match (&pool_subnet, &system_subnet) {
                (Some(pool_subnet), Some(system_subnet)) => {
                    same_name(pool_subnet.trim_end_matches('/'), system_subnet.trim_end_matches('/'))
                }
                (None, None) => true,
                _ => false,
            };
            if same_subnet {
                let nodes = self.pool_nodes(pool, pool_name);
                node_count = node_count.saturating_add(nodes);
                let stated = self.pool_surge(pool, nodes);
                surge_stated |= stated.is_some();
                // Pools can upgrade at the same time, each with its own surge nodes in the subnet.
                max_surge = max_surge.saturating_add(stated.unwrap_or_else(|| default_surge(nodes)));
                let pod_subnet = pool.get("podSubnetId").map(|field| PodSubnetField {
                    id: field.value.as_str().and_then(|id| match self.node_subnet(id, &field.pointer) {
                        NodeSubnet::Id(id) => Some(id),
                        NodeSubnet::Managed { .. } | NodeSubnet::Unreadable(_) => None,
                    }),
                    shown: field
                        .value
                        .as_str()
                        .map_or_else(|| quoted(field.value), |id| id_name(id).to_owned()),
                    pointer: field.pointer,
                });
                let pods = pool
                    .get("maxPods")
                    .and_then(|field| self.whole_number(&field, Expect::MaxPods))
                    .map(saturate);
                pods_stated |= pods.is_some();
                let default =
                    if pod_subnet.is_some() { default_pods.pod_subnet } else { default_pods.node_subnet };
                max_pods.push(pods.unwrap_or(default));
                pod_subnets.push((pool_name, pod_subnet));
                if let Some(field) = pool.get("osType") {
                    if let Some(os) = field.value.as_str().filter(|os| !same_name(os, "Linux")) {
                        self.note(
                            &field.pointer,
                            msg!(
                                [
                                    "pool '{pool}' runs {os} nodes: the plan does not hold a pool's operating system, and no check looks at what those nodes need",
                                    "le pool « {pool} » fait tourner des nœuds {os} : le plan ne contient pas le système d’exploitation d’un pool, et aucune vérification ne regarde ce dont ces nœuds ont besoin"
                                ],
                                pool = &pool_name,
                                os = os
                            ),
                        );
                    }
                }
                if index != system_index {
                    self.other_vm_size(pool, pool_name, vm_size.as_deref());
                }
            } else {
                let place = pool_subnet.as_deref().and_then(parse_subnet_id).map_or_else(
                    || pool_subnet.clone().unwrap_or_else(|| "the VNet that AKS manages".to_owned()),
                    |id| format!("{}/{}", id.vnet, id.subnet),
                );
                let at = pool.get("vnetSubnetId").map_or_else(|| pool.pointer.clone(), |field| field.pointer);
                self.note(
                    &at,
                    msg!(
                        [
                            "pool '{pool}' puts its nodes in '{place}'; a plan cluster has one node subnet, so those nodes are not counted",
                            "le pool « {pool} » place ses nœuds dans « {place} » ; un cluster du plan a un seul sous-réseau de nœuds, ces nœuds ne sont donc pas comptés"
                        ],
                        pool = &pool_name,
                        place = place
                    ),
                );
            }
            self.unread(pool, POOL_READ, POOL_INFORMATIONAL);
            self.static_block(pool, pool_name);
            if let Some((own, outer_copy)) = own {
                self.template = own;
                self.in_copy = outer_copy;
            }
        }
        if node_count == 0 {
            self.note(
                &pointer,
                msg!([
                    "the pools in the node subnet have no nodes: the plan counts one",
                    "les pools du sous-réseau des nœuds n’ont aucun nœud : le plan en compte un"
                ]),
            );
            node_count = 1;
            // Pools with no nodes surge by none, whatever they state; the one node counted in
            // their place surges by AKS's default, as any node does.
            max_surge = default_surge(node_count);
        }
        let largest = max_pods.iter().copied().max();
        if let Some(largest) = largest.filter(|largest| max_pods.iter().any(|pods| pods != largest)) {
            self.note(
                &pointer,
                msg!(
                    [
                        "the pools in the node subnet allow different numbers of pods per node; the plan takes the largest, {largest}",
                        "les pools du sous-réseau des nœuds autorisent des nombres de pods par nœud différents ; le plan prend le plus grand, {largest}"
                    ],
                    largest = largest
                ),
            );
        }
        let node_vnet = match &node_subnet {
            NodeSubnet::Id(id) => Some(id.vnet.clone()),
            NodeSubnet::Managed { .. } | NodeSubnet::Unreadable(_) => None,
        };
        let pod_subnet = self.pod_subnet(pod_subnets, node_vnet.as_deref());
        // With no pool stating pods, the plan leaves the field to AKS's default. The surge is left
        // to the default only when the default gives the same count: 10% of all the nodes can be
        // fewer than 10% of each pool, rounded up, summed.
        let surge_differs = max_surge != default_surge(node_count);
        if !surge_stated && surge_differs {
            self.note(
                &pointer,
                msg!(
                    [
                        "no pool in the node subnet states its surge, so each takes AKS's default of 10% of its nodes, rounded up; pools can be upgraded at the same time, so the plan counts their sum, {surge} nodes",
                        "aucun pool du sous-réseau des nœuds n’indique de surplus (maxSurge) : chacun prend donc la valeur par défaut d’AKS, 10 % de ses nœuds arrondi à l’entier supérieur ; des pools peuvent être mis à niveau en même temps, le plan compte donc leur somme, {surge} nœuds"
                    ],
                    surge = max_surge
                ),
            );
        }
        let max_pods = largest.filter(|_| pods_stated);
        let max_surge = (surge_stated || surge_differs).then_some(max_surge);
        Pools { node_subnet, subnet_pointer, pod_subnet, node_count, max_pods, max_surge, vm_size }
    }

    /// Notes a pool whose pods take their addresses in static /28 blocks: Azure counts each block
    /// once against a VNet's private address limit, which the plan, recording no such mode, counts
    /// address by address.
    fn static_block(&mut self, pool: &Obj<'_>, pool_name: &str) {
        let Some(field) = pool.get("podIpAllocationMode") else { return };
        if !field.value.as_str().is_some_and(|mode| same_name(mode, "StaticBlock")) {
            return;
        }
        self.note(
            &field.pointer,
            msg!(
                [
                    "pool '{pool}' gives its pods addresses in static /28 blocks (StaticBlock), which Azure counts \
                     once per block against a VNet's 65,536 private addresses; the plan does not record this \
                     mode, so vnet-private-ip-limit counts every pod address and may report a total Azure \
                     would accept",
                    "le pool « {pool} » donne à ses pods des adresses par blocs /28 statiques (StaticBlock), \
                     qu’Azure compte une fois par bloc dans les 65 536 adresses privées d’un VNet ; le plan \
                     n’enregistre pas ce mode, vnet-private-ip-limit compte donc chaque adresse de pod et peut \
                     signaler un total qu’Azure accepterait"
                ],
                pool = pool_name
            ),
        );
    }

    /// Notes a pool of the node subnet whose VM size is not the system pool's `kept` one, or may
    /// not be: a size a template computes is compared by the value it states, and one it leaves
    /// unresolved is unknown, not a different text.
    fn other_vm_size(&mut self, pool: &Obj<'_>, pool_name: &str, kept: Option<&str>) {
        let Some(field) = pool.get("vmSize") else { return };
        let (Some(written), Some(kept)) = (field.value.as_str().filter(|size| !size.is_empty()), kept) else {
            return;
        };
        let size = match self.template.as_ref().filter(|_| is_expression(written)) {
            Some(scope) => scope.text_value(written).unwrap_or_else(|| written.to_owned()),
            None => written.to_owned(),
        };
        if same_name(&size, kept) {
            return;
        }
        let message = if is_expression(&size) || is_expression(kept) {
            msg!(
                [
                    "pool '{pool}' runs {size} machines and the system pool {kept} ones; vnetplan cannot resolve the template expression, so whether the two sizes differ is unknown. A plan cluster has one VM size: it keeps the system pool's",
                    "le pool « {pool} » utilise des machines {size} et le pool système des machines {kept} ; vnetplan ne sait pas résoudre l’expression de modèle, on ignore donc si les deux tailles diffèrent. Un cluster du plan a une seule taille de VM : il garde celle du pool système"
                ],
                pool = pool_name,
                size = &size,
                kept = kept
            )
        } else {
            msg!(
                [
                    "pool '{pool}' runs {size} machines, and a plan cluster has one VM size: it keeps the system pool's, {kept}",
                    "le pool « {pool} » utilise des machines {size}, et un cluster du plan a une seule taille de VM : il garde celle du pool système, {kept}"
                ],
                pool = pool_name,
                size = &size,
                kept = kept
            )
        };
        self.note(&field.pointer, message);
    }

    /// The pod subnet of a cluster whose pools in the node subnet all name the same one in the
    /// node subnet's VNet. A plan cluster gives its pods addresses one way, so any other mix is
    /// noted on each pool that names a pod subnet, and those pods are counted in the node subnet.
    fn pod_subnet(
        &mut self,
        pools: Vec<(&str, Option<PodSubnetField>)>,
        node_vnet: Option<&str>,
    ) -> Option<String> {
        let in_node_vnet = |field: &Option<PodSubnetField>| {
            let id = field.as_ref()?.id.as_ref()?;
            node_vnet.filter(|vnet| same_name(vnet, &id.vnet)).map(|_| id.subnet.clone())
        };
        let first = pools.first().and_then(|(_, field)| in_node_vnet(field));
        let shared = first.filter(|first| {
            pools.iter().all(|(_, field)| in_node_vnet(field).is_some_and(|subnet| same_name(&subnet, first)))
        });
        if shared.is_none() {
            for (pool, field) in pools {
                let Some(field) = field else { continue };
                self.note(
                    &field.pointer,
                    msg!(
                        [
                            "pool '{pool}' gives its pods addresses from subnet '{subnet}', but a plan cluster gives every pool of its node subnet the same pod subnet, in the node subnet's VNet; the plan counts this pool's pods in the node subnet, and does not size subnet '{subnet}' for them",
                            "le pool « {pool} » donne à ses pods des adresses du sous-réseau « {subnet} », mais un cluster du plan donne le même sous-réseau de pods à tous les pools de son sous-réseau de nœuds, dans le VNet de celui-ci ; le plan compte les pods de ce pool dans le sous-réseau des nœuds, et ne dimensionne pas le sous-réseau « {subnet} » pour eux"
                        ],
                        pool = pool,
                        subnet = field.shown
                    ),
                );
            }
        }
        shared
    }

    /// The pools a template's property copy loop builds into `agentPoolProfiles`: its input,
    /// once for each of its count, which is a number or what the template's values make it,
    /// each with the scope in which `copyIndex('agentPoolProfiles')` is its number.
    fn copied_pools<'a>(&mut self, object: &Obj<'a>) -> Vec<(String, Obj<'a>, CopyScope<'r>)> {
        let unreadable = msg!([
            "this copy loop's count or input cannot be read: the pools it builds are not counted",
            "le nombre ou l’entrée de cette boucle copy ne se lisent pas : les pools qu’elle construit ne sont pas comptés"
        ]);
        let mut pools = Vec::new();
        for PropertyLoop { name: loop_name, count, input, scope, pointer } in
            self.property_loops(object, "agentPoolProfiles", &unreadable)
        {
            let first = pools.len();
            for index in 0..count {
                if !self.build_one(&pointer) {
                    break;
                }
                let scope = scope.copying(loop_name, index);
                let name = input
                    .str("name")
                    .and_then(|name| scope.name_of(name))
                    .unwrap_or_else(|| format!("agentPoolProfiles[{index}]"));
                pools.push((name, input.clone(), Some(scope)));
            }
            let names: Vec<&str> = pools.iter().skip(first).map(|(name, _, _)| name.as_str()).collect();
            self.note(
                &pointer,
                msg!(
                    [
                        "a copy loop builds {count} node pools from one input: {names}",
                        "une boucle copy construit {count} pools de nœuds à partir d’une même entrée : {names}"
                    ],
                    count = count,
                    names = if names.is_empty() { "-".to_owned() } else { listed_names(&names) }
                ),
            );
        }
        pools
    }

    /// The node subnet a pool's `vnetSubnetId` names. In a template the id is usually computed,
    /// by `resourceId('Microsoft.Network/virtualNetworks/subnets', vnet, subnet)` or through a
    /// parameter or variable; those whose parts the template states are read.
    fn node_subnet(&mut self, id: &str, pointer: &str) -> NodeSubnet {
        if let Some(parsed) = parse_subnet_id(id) {
            return NodeSubnet::Id(parsed);
        }
        let Some(scope) = self.template.as_ref().filter(|_| is_expression(id)) else {
            return NodeSubnet::Unreadable(id.to_owned());
        };
        match subnet_in(scope, id).or_else(|| self.module_subnet(scope, id)) {
            Some(subnet) => {
                self.note(
                    pointer,
                    msg!(
                        [
                            "'{expression}' is read as subnet '{subnet}' of VNet '{vnet}', from the values the template states",
                            "« {expression} » est lu comme le sous-réseau « {subnet} » du VNet « {vnet} », d’après les valeurs que le modèle donne"
                        ],
                        expression = id,
                        subnet = &subnet.subnet,
                        vnet = &subnet.vnet
                    ),
                );
                NodeSubnet::Id(subnet)
            }
            None => NodeSubnet::Unreadable(id.to_owned()),
        }
    }

    /// The nodes a pool can have: its `maxCount` when the autoscaler may grow it.
    fn pool_nodes(&mut self, pool: &Obj<'_>, name: &str) -> u32 {
        if let Some(nodes) = self.virtual_machines_nodes(pool, name) {
            return nodes;
        }
        let autoscaled = self.flag(pool, "enableAutoScaling") == Some(true);
        let mut number = |key: &str| {
            pool.get(key).and_then(|field| self.whole_number(&field, Expect::Count)).map(saturate)
        };
        let count = number("count").unwrap_or_default();
        if !autoscaled {
            return count;
        }
        let (least, most) = (number("minCount").unwrap_or_default(), number("maxCount"));
        match most {
            Some(most) => {
                let at = pool.get("maxCount").map_or_else(|| pool.pointer.clone(), |field| field.pointer);
                self.note(
                    &at,
                    msg!(
                        [
                            "pool '{name}' scales between {least} and {most} nodes (now {count}); the plan counts {most}, the most its subnet must hold",
                            "le pool « {name} » varie entre {least} et {most} nœuds (actuellement {count}) ; le plan en compte {most}, le plus que son sous-réseau doit contenir"
                        ],
                        name = name,
                        least = least,
                        most = most,
                        count = count
                    ),
                );
                most
            }
            None => count,
        }
    }

    /// The nodes of a Virtual Machines pool, which keeps them by VM size in
    /// `virtualMachinesProfile.scale.manual` and prints `count` as null; `None` for a pool of
    /// another type, counted by its `count`.
    fn virtual_machines_nodes(&mut self, pool: &Obj<'_>, name: &str) -> Option<u32> {
        let profile = pool.object("virtualMachinesProfile")?;
        let sizes =
            profile.object("scale").and_then(|scale| scale.get("manual")).map(|field| self.objects(&field));
        let Some(sizes) = sizes.filter(|sizes| !sizes.is_empty()) else {
            self.note(
                &profile.pointer,
                msg!(
                    [
                        "pool '{pool}' is a Virtual Machines pool without a manual scale profile: its nodes are not counted",
                        "le pool « {pool} » est un pool Virtual Machines sans profil d’échelle manuel : ses nœuds ne sont pas comptés"
                    ],
                    pool = name
                ),
            );
            return Some(0);
        };
        let mut nodes = 0_u32;
        for size in &sizes {
            let count = size
                .get("count")
                .and_then(|field| self.whole_number(&field, Expect::Count))
                .map_or(0, saturate);
            nodes = nodes.saturating_add(count);
        }
        self.note(
            &profile.pointer,
            msg!(
                [
                    "pool '{pool}' is a Virtual Machines pool: its {nodes} nodes are those of its manual scale profile, over {sizes} VM sizes",
                    "le pool « {pool} » est un pool Virtual Machines : ses {nodes} nœuds sont ceux de son profil d’échelle manuel, sur {sizes} tailles de VM"
                ],
                pool = name,
                nodes = nodes,
                sizes = sizes.len()
            ),
        );
        Some(nodes)
    }

    /// The extra nodes a pool says it adds while upgrading: `maxSurge` is a count or a
    /// percentage of the pool, rounded up so the plan never counts fewer nodes than AKS adds,
    /// and at most the pool's nodes, as AKS never adds more. `None` when the pool states none, or
    /// none that reads.
    fn pool_surge(&mut self, pool: &Obj<'_>, nodes: u32) -> Option<u32> {
        let settings = pool.object("upgradeSettings")?;
        self.unread(&settings, UPGRADE_READ, UPGRADE_INFORMATIONAL);
        let field = settings.get("maxSurge")?;
        let asked = match field.value {
            serde_json::Value::Number(number) => number.as_u64(),
            serde_json::Value::String(text) => {
                surge_of(&self.text(text, &field.pointer, Expect::Count), nodes)
            }
            _ => None,
        };
        let value = quoted(field.value);
        let Some(asked) = asked else {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "maxSurge {value} is not a count or a percentage: the plan counts AKS's default, 10% \
                         of the pool",
                        "maxSurge {value} n’est ni un nombre ni un pourcentage : le plan compte la valeur \
                         par défaut d’AKS, 10 % du pool"
                    ],
                    value = &value
                ),
            );
            return None;
        };
        // AKS cuts a surge larger than the nodes left to upgrade to their number (Learn, "Configure
        // rolling upgrades for Azure Kubernetes Service (AKS) node pools",
        // articles/aks/upgrade-aks-node-pools-rolling.md in MicrosoftDocs/azure-aks-docs @3289202,
        // ms.date 2026-05-29), so counting more would reserve addresses no upgrade takes. The
        // pool's nodes stand for those left to upgrade, as a plan upgrades every node. Cutting
        // here alone keeps counts and percentages, in range or past it, alike.
        if asked > u64::from(nodes) {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "maxSurge {value} asks for more nodes than the pool's {nodes}, and AKS never surges by \
                         more than the pool has: the plan counts a surge of {nodes}",
                        "maxSurge {value} demande plus de nœuds que les {nodes} du pool, et AKS n’ajoute jamais \
                         plus de nœuds que le pool n’en a : le plan compte un surplus de {nodes}"
                    ],
                    value = &value,
                    nodes = nodes
                ),
            );
        }
        Some(saturate(asked.min(u64::from(nodes))))
    }

    fn api_server(&mut self, object: &Obj<'_>) -> ApiServer {
        let Some(profile) = object.object("apiServerAccessProfile") else {
            return ApiServer::default();
        };
        let authorized_ranges = profile
            .get("authorizedIpRanges")
            .map_or_else(Vec::new, |field| self.strings(&field, Expect::Cidr));
        if let Some(field) = profile.get("subnetId").or_else(|| profile.get("enableVnetIntegration")) {
            let subnet = profile
                .get("subnetId")
                .and_then(|id| id.value.as_str())
                .map_or_else(|| quoted(field.value), |id| format!("'{}'", id_name(id)));
            self.note(
                &field.pointer,
                msg!(
                    [
                        "the API server takes addresses in a subnet ({subnet}) through VNet integration; the plan does not hold that use",
                        "le serveur d’API prend des adresses dans un sous-réseau ({subnet}) par l’intégration au VNet ; le plan ne contient pas cet usage"
                    ],
                    subnet = subnet
                ),
            );
        }
        self.unread(&profile, API_SERVER_READ, API_SERVER_INFORMATIONAL);
        let private = self.flag(&profile, "enablePrivateCluster") == Some(true);
        // `false` is an answer here: AKS gives a private cluster a public FQDN unless told not to.
        let public_fqdn = if private { self.flag(&profile, "enablePrivateClusterPublicFqdn") } else { None };
        ApiServer { private, public_fqdn, authorized_ranges }
    }

    /// A managed identity, system- or user-assigned, or a service principal (`clientId` other
    /// than `msi`). The plan knows a system-assigned identity and a service principal; a
    /// user-assigned identity is granted roles the same way as the former.
    fn identity(&mut self, object: &Obj<'_>) -> Identity {
        let client = object
            .object("servicePrincipalProfile")
            .and_then(|profile| profile.get("clientId"))
            .and_then(|field| field.value.as_str().map(str::to_owned));
        let kind = object.object("identity").and_then(|identity| {
            self.unread(&identity, IDENTITY_READ, IDENTITY_INFORMATIONAL);
            identity
                .get("type")
                .and_then(|field| field.value.as_str().map(|kind| (kind.to_owned(), field.pointer)))
        });
        match (kind, client) {
            (Some((kind, _)), _) if same_name(&kind, "SystemAssigned") => Identity::SystemAssigned,
            (Some((kind, pointer)), _) if same_name(&kind, "UserAssigned") => {
                self.note(
                    &pointer,
                    msg!([
                        "a user-assigned managed identity runs the cluster: the plan records a managed identity ('systemAssigned'); grant the roles to that identity",
                        "une identité managée affectée par l’utilisateur exécute le cluster : le plan enregistre une identité managée (« systemAssigned ») ; accordez les rôles à cette identité"
                    ]),
                );
                Identity::SystemAssigned
            }
            (_, Some(client)) if same_name(&client, "msi") => Identity::SystemAssigned,
            (_, Some(_)) => Identity::ServicePrincipal,
            (_, None) => {
                self.note(
                    &object.pointer,
                    msg!([
                        "the output does not say which identity runs the cluster: the plan assumes a system-assigned one",
                        "la sortie ne dit pas quelle identité exécute le cluster : le plan suppose une identité affectée par le système"
                    ]),
                );
                Identity::SystemAssigned
            }
        }
    }

    /// The add-ons that take addresses in a subnet of their own: the application gateway
    /// ingress controller and virtual nodes (the ACI connector).
    fn addons(&mut self, object: &Obj<'_>) {
        let Some(addons) = object.object("addonProfiles") else {
            return;
        };
        for (key, field) in addons.fields() {
            let Some(addon) = Obj::new(field.value, field.pointer) else {
                continue;
            };
            let gateway = same_name(key, "ingressApplicationGateway");
            let virtual_nodes = same_name(key, "aciConnectorLinux");
            if !(gateway || virtual_nodes) || self.flag(&addon, "enabled") != Some(true) {
                continue;
            }
            let config = addon.object("config");
            let text = |key: &str| {
                config
                    .as_ref()
                    .and_then(|config| config.get(key))
                    .and_then(|field| field.value.as_str().map(str::to_owned))
            };
            let message = if gateway {
                // Clusters given the add-on by an older CLI keep the range it wrote as `subnetPrefix`.
                let subnet = text("subnetCIDR")
                    .or_else(|| text("subnetPrefix"))
                    .or_else(|| text("subnetId").map(|id| id_name(&id).to_owned()));
                match (subnet, text("applicationGatewayId")) {
                    (None, Some(existing)) => msg!(
                        [
                            "the application gateway ingress add-on is on and uses the existing gateway '{gateway}'; the plan does not hold the gateway's subnet",
                            "le module d’entrée de passerelle d’application est activé et utilise la passerelle existante « {gateway} » ; le plan ne contient pas le sous-réseau de la passerelle"
                        ],
                        gateway = id_name(&existing)
                    ),
                    (subnet, _) => msg!(
                        [
                            "the application gateway ingress add-on is on (subnet {subnet}); the plan does not hold the gateway's subnet",
                            "le module d’entrée de passerelle d’application est activé (sous-réseau {subnet}) ; le plan ne contient pas le sous-réseau de la passerelle"
                        ],
                        subnet = subnet.unwrap_or_else(|| "?".to_owned())
                    ),
                }
            } else {
                msg!(
                    [
                        "the virtual nodes add-on ({addon}) is on: it runs pods as container instances in subnet '{subnet}' of the cluster's VNet, and the plan does not model those pods or the addresses they take",
                        "le module des nœuds virtuels ({addon}) est activé : il exécute des pods comme instances de conteneur dans le sous-réseau « {subnet} » du VNet du cluster, et le plan ne modélise ni ces pods ni les adresses qu’ils prennent"
                    ],
                    addon = key,
                    subnet = text("SubnetName").unwrap_or_else(|| "?".to_owned())
                )
            };
            self.note(&addon.pointer, message);
        }
    }
}

/// The nodes a surge written as `"2"` or `"33%"` asks of a pool of `nodes` nodes, a percentage
/// rounded up; as written, however far past the pool, since `pool_surge` alone cuts it. `None`
/// when it is neither a count nor a percentage.
pub(super) fn surge_of(text: &str, nodes: u32) -> Option<u64> {
    let text = text.trim();
    match text.strip_suffix('%') {
        Some(percent) => Some(u64::from(nodes).saturating_mul(whole(percent.trim())?).div_ceil(100)),
        None => whole(text),
    }
}

/// Digits too many for a u64 still ask for more nodes than any pool holds, so they count as the
/// most a u64 holds rather than as unreadable.
fn whole(digits: &str) -> Option<u64> {
    match digits.parse() {
        Ok(number) => Some(number),
        Err(error) if *error.kind() == std::num::IntErrorKind::PosOverflow => Some(u64::MAX),
        Err(_) => None,
    }
}

fn saturate(number: u64) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}
