//! The rule catalog as one table: each row declares a rule's ID, severity and summary, and names
//! the module that holds its documentation and check. The table generates the modules, the
//! [`RuleId`] enum, the list of every rule and the lookups, so adding a rule is one new file in
//! `rules/` and one row here. IDs are stable: they are never renamed or reused.

use crate::catalog::RuleDoc;
use crate::context::Context;
use crate::finding::{Findings, Severity};
use crate::text::Text;

pub(crate) mod shared;

macro_rules! rule_table {
    ($($variant:ident $module:ident $id:literal $severity:ident [$en:expr, $fr:expr $(,)?];)*) => {
        $(pub(crate) mod $module;)*

        /// A rule of the catalog.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in catalog order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The stable kebab-case ID used in reports.
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }

            pub fn default_severity(self) -> Severity {
                match self {
                    $(Self::$variant => Severity::$severity,)*
                }
            }

            /// One line saying what the rule reports, in both languages.
            pub fn summary_text(self) -> Text {
                match self {
                    $(Self::$variant => crate::text!($en, $fr),)*
                }
            }

            pub fn doc(self) -> &'static RuleDoc {
                match self {
                    $(Self::$variant => &$module::DOC,)*
                }
            }

            pub(crate) fn run(self, context: &Context<'_>, out: &mut Findings) {
                match self {
                    $(Self::$variant => $module::check(context, &mut out.for_rule(self)),)*
                }
            }
        }
    };
}

rule_table! {
    SdkV1OutOfSupport sdk_v1_out_of_support "sdk-v1-out-of-support" Warning ["the plan deploys through Azure ML v1, which is out of support", "le plan déploie avec Azure ML v1, qui n’est plus pris en charge"];
    InvalidCidr invalid_cidr "invalid-cidr" Error ["a CIDR field is not a valid IPv4 a.b.c.d/n value", "un champ CIDR n’est pas une valeur IPv4 a.b.c.d/n valide"];
    InvalidIp invalid_ip "invalid-ip" Error ["the DNS service IP is not a valid IPv4 address", "l’IP du service DNS n’est pas une adresse IPv4 valide"];
    Ipv6NotSupported ipv6_not_supported "ipv6-not-supported" Error ["an IPv6 value sits in a field that Azure ML v1 takes as IPv4 only", "une valeur IPv6 occupe un champ qu’Azure ML v1 accepte en IPv4 seulement"];
    CidrHasHostBits cidr_has_host_bits "cidr-has-host-bits" Error ["a CIDR is not written as its network address", "un CIDR n’est pas écrit avec son adresse de réseau"];
    UnknownVnet unknown_vnet "unknown-vnet" Error ["a cluster, deployment or private endpoint names a VNet the plan lacks", "un cluster, un déploiement ou un point de terminaison nomme un VNet absent du plan"];
    UnknownSubnet unknown_subnet "unknown-subnet" Error ["a cluster, deployment or private endpoint names a subnet its VNet lacks", "un cluster, un déploiement ou un point de terminaison nomme un sous-réseau absent de son VNet"];
    DuplicateName duplicate_name "duplicate-name" Error ["two VNets, subnets of one VNet, clusters or deployments share a name", "deux VNets, sous-réseaux d’un VNet, clusters ou déploiements portent le même nom"];
    NameCaseDiffers name_case_differs "name-case-differs" Info ["a VNet or subnet reference matches its name only when case is ignored", "une référence à un VNet ou à un sous-réseau ne correspond au nom qu’en ignorant la casse"];
    SubnetOutsideVnet subnet_outside_vnet "subnet-outside-vnet" Error ["a subnet lies outside its VNet's address prefixes", "un sous-réseau sort des préfixes d’adresse de son VNet"];
    OverlappingSubnets overlapping_subnets "overlapping-subnets" Error ["two subnets of one VNet share addresses", "deux sous-réseaux d’un VNet partagent des adresses"];
    OverlappingVnetPrefixes overlapping_vnet_prefixes "overlapping-vnet-prefixes" Error ["two address prefixes of one VNet share addresses", "deux préfixes d’adresse d’un VNet partagent des adresses"];
    SubnetTooSmall subnet_too_small "subnet-too-small" Error ["a subnet is smaller than /29, the smallest Azure allows", "un sous-réseau est plus petit que /29, le minimum d’Azure"];
    Ipv6SubnetNot64 ipv6_subnet_not_64 "ipv6-subnet-not-64" Error ["an IPv6 subnet is not a /64, the one size Azure gives IPv6 subnets", "un sous-réseau IPv6 n’est pas un /64, la seule taille qu’Azure donne aux sous-réseaux IPv6"];
    VnetForbiddenRange vnet_forbidden_range "vnet-forbidden-range" Error ["a VNet prefix takes addresses Azure never allows in a VNet", "un préfixe de VNet prend des adresses qu’Azure n’autorise dans aucun VNet"];
    VnetAksReservedRange vnet_aks_reserved_range "vnet-aks-reserved-range" Error ["an AKS cluster's VNet takes addresses AKS reserves", "le VNet d’un cluster AKS prend des adresses réservées par AKS"];
    VnetsOverlap vnets_overlap "vnets-overlap" Warning ["two VNets of the plan share addresses and can never be peered", "deux VNets du plan partagent des adresses et ne pourront jamais être appairés"];
    VnetOverlapsExternalRange vnet_overlaps_external_range "vnet-overlaps-external-range" Error ["a VNet prefix shares addresses with an external range", "un préfixe de VNet partage des adresses avec une plage externe"];
    ServiceCidrOverlapsSubnet service_cidr_overlaps_subnet "service-cidr-overlaps-subnet" Error ["the Kubernetes service range overlaps a subnet of the cluster's VNet", "la plage des services Kubernetes chevauche un sous-réseau du VNet du cluster"];
    ServiceCidrOverlapsVnet service_cidr_overlaps_vnet "service-cidr-overlaps-vnet" Warning ["the Kubernetes service range lies in the cluster VNet's address space", "la plage des services Kubernetes est dans l’espace d’adresses du VNet du cluster"];
    ServiceCidrOverlapsExternalRange service_cidr_overlaps_external_range "service-cidr-overlaps-external-range" Error ["the Kubernetes service range overlaps an external range", "la plage des services Kubernetes chevauche une plage externe"];
    ServiceCidrOverlapsOtherVnet service_cidr_overlaps_other_vnet "service-cidr-overlaps-other-vnet" Warning ["the Kubernetes service range overlaps another VNet of the plan", "la plage des services Kubernetes chevauche un autre VNet du plan"];
    ServiceCidrOverlapsPodCidr service_cidr_overlaps_pod_cidr "service-cidr-overlaps-pod-cidr" Error ["the Kubernetes service range overlaps the pod range", "la plage des services Kubernetes chevauche la plage des pods"];
    ServiceCidrReservedRange service_cidr_reserved_range "service-cidr-reserved-range" Error ["the Kubernetes service range takes addresses AKS reserves", "la plage des services Kubernetes prend des adresses réservées par AKS"];
    ServiceCidrNotPrivate service_cidr_not_private "service-cidr-not-private" Error ["the Kubernetes service range is public or multicast address space", "la plage des services Kubernetes est dans l’espace public ou de multidiffusion"];
    ServiceCidrTooLarge service_cidr_too_large "service-cidr-too-large" Error ["the Kubernetes service range is larger than /12", "la plage des services Kubernetes est plus grande que /12"];
    ServiceCidrTooSmall service_cidr_too_small "service-cidr-too-small" Warning ["the service range has fewer than 10 addresses", "la plage des services compte moins de 10 adresses"];
    DnsIpOutsideServiceCidr dns_ip_outside_service_cidr "dns-ip-outside-service-cidr" Error ["the DNS service IP is outside the Kubernetes service range", "l’IP du service DNS est hors de la plage des services Kubernetes"];
    DnsIpIsFirstAddress dns_ip_is_first_address "dns-ip-is-first-address" Error ["the DNS service IP is the service range's first address, kept for kubernetes.default", "l’IP du service DNS est la première adresse de la plage, prise par kubernetes.default"];
    DnsIpNotAssignable dns_ip_not_assignable "dns-ip-not-assignable" Error ["the DNS service IP is the service range's network or broadcast address", "l’IP du service DNS est l’adresse de réseau ou de diffusion de la plage"];
    DockerBridgeOverlapsSubnet docker_bridge_overlaps_subnet "docker-bridge-overlaps-subnet" Warning ["the docker bridge range overlaps the cluster's VNet", "la plage du pont Docker chevauche le VNet du cluster"];
    DockerBridgeOverlapsServiceCidr docker_bridge_overlaps_service_cidr "docker-bridge-overlaps-service-cidr" Warning ["the docker bridge range overlaps the Kubernetes service range", "la plage du pont Docker chevauche la plage des services Kubernetes"];
    DockerBridgeOverlapsPodCidr docker_bridge_overlaps_pod_cidr "docker-bridge-overlaps-pod-cidr" Warning ["the docker bridge range overlaps the pod range", "la plage du pont Docker chevauche la plage des pods"];
    DockerBridgeOverlapsExternalRange docker_bridge_overlaps_external_range "docker-bridge-overlaps-external-range" Warning ["the docker bridge range overlaps an external range", "la plage du pont Docker chevauche une plage externe"];
    DockerBridgeMissing docker_bridge_missing "docker-bridge-missing" Error ["a cluster that Azure ML creates has no docker bridge range", "un cluster créé par Azure ML n’a pas de plage de pont Docker"];
    DockerBridgeIgnored docker_bridge_ignored "docker-bridge-ignored" Info ["the docker bridge range only satisfies the v1 SDK; AKS no longer uses it", "la plage du pont Docker ne sert qu’au SDK v1 ; AKS ne l’utilise plus"];
    PodCidrWithAzureCni pod_cidr_with_azure_cni "pod-cidr-with-azure-cni" Error ["a pod range is set for Azure CNI without overlay", "une plage de pods est définie pour Azure CNI sans overlay"];
    PodSubnetUnused pod_subnet_unused "pod-subnet-unused" Warning ["a pod subnet is named beside kubenet or overlay", "un sous-réseau de pods est nommé avec kubenet ou overlay"];
    PodCidrMissing pod_cidr_missing "pod-cidr-missing" Info ["kubenet or overlay has no pod range", "kubenet ou overlay n’a pas de plage de pods"];
    OverlayRequiresAzurePlugin overlay_requires_azure_plugin "overlay-requires-azure-plugin" Error ["overlay mode is set with kubenet", "le mode overlay est défini avec kubenet"];
    OverlayNamesTooLong overlay_names_too_long "overlay-names-too-long" Error ["an overlay cluster has a subnet, VNet or resource group name over 63 characters", "un cluster overlay a un nom de sous-réseau, de VNet ou de groupe de ressources de plus de 63 caractères"];
    PodCidrOverlapsVnet pod_cidr_overlaps_vnet "pod-cidr-overlaps-vnet" Error ["the pod range overlaps the cluster's VNet", "la plage des pods chevauche le VNet du cluster"];
    PodCidrOverlapsExternalRange pod_cidr_overlaps_external_range "pod-cidr-overlaps-external-range" Error ["the pod range overlaps an external range", "la plage des pods chevauche une plage externe"];
    PodCidrOverlapsOtherVnet pod_cidr_overlaps_other_vnet "pod-cidr-overlaps-other-vnet" Warning ["the pod range overlaps another VNet of the plan", "la plage des pods chevauche un autre VNet du plan"];
    PodCidrReservedRange pod_cidr_reserved_range "pod-cidr-reserved-range" Error ["the pod range overlaps addresses AKS reserves", "la plage des pods chevauche des adresses réservées par AKS"];
    PodCidrNotPrivate pod_cidr_not_private "pod-cidr-not-private" Warning ["the pod range lies outside private and shared address space", "la plage des pods est hors de l’espace d’adresses privé et partagé"];
    PodCidrTooSmall pod_cidr_too_small "pod-cidr-too-small" Error ["the pod range cannot give every node its /24", "la plage des pods ne peut pas donner un /24 à chaque nœud"];
    AksSubnetTooSmall aks_subnet_too_small "aks-subnet-too-small" Error ["the node subnet has fewer usable addresses than the cluster needs", "le sous-réseau des nœuds a moins d’adresses utilisables que le cluster n’en demande"];
    AksSubnetNoHeadroom aks_subnet_no_headroom "aks-subnet-no-headroom" Warning ["the node subnet fits the cluster but not one more node", "le sous-réseau des nœuds contient le cluster mais pas un nœud de plus"];
    SubnetAddressesExhausted subnet_addresses_exhausted "subnet-addresses-exhausted" Error ["a subnet that holds no nodes lacks addresses for what is placed in it", "un sous-réseau sans nœuds manque d’adresses pour ce qui y est placé"];
    VnetPrivateIpLimit vnet_private_ip_limit "vnet-private-ip-limit" Error ["the plan places more private addresses in one VNet, or in a VNet and its peers, than Azure allows", "le plan place dans un VNet, ou dans un VNet et ses pairs, plus d’adresses privées qu’Azure n’en permet"];
    AksSubnetDelegated aks_subnet_delegated "aks-subnet-delegated" Error ["the node subnet is delegated to a service", "le sous-réseau des nœuds est délégué à un service"];
    AksSubnetSharedKubenet aks_subnet_shared_kubenet "aks-subnet-shared-kubenet" Error ["a kubenet cluster shares its node subnet with another cluster", "un cluster kubenet partage son sous-réseau de nœuds avec un autre cluster"];
    KubenetTooManyNodes kubenet_too_many_nodes "kubenet-too-many-nodes" Error ["a kubenet cluster needs more than 400 routes", "un cluster kubenet demande plus de 400 routes"];
    AksNodeCountOverLimit aks_node_count_over_limit "aks-node-count-over-limit" Error ["a cluster asks for more nodes than AKS allows in a node pool or a cluster", "un cluster demande plus de nœuds qu’AKS n’en admet dans un pool de nœuds ou un cluster"];
    WorkloadInBastionSubnet workload_in_bastion_subnet "workload-in-bastion-subnet" Error ["a cluster, ACI deployment or private endpoint is placed in AzureBastionSubnet, which Azure keeps for Bastion", "un cluster, un déploiement ACI ou un point de terminaison privé est placé dans AzureBastionSubnet, qu’Azure réserve à Bastion"];
    WorkloadInReservedSubnet workload_in_reserved_subnet "workload-in-reserved-subnet" Warning ["a cluster, ACI deployment or private endpoint is placed in a subnet Azure keeps for a gateway, firewall or Route Server", "un cluster, un déploiement ACI ou un point de terminaison privé est placé dans un sous-réseau qu’Azure réserve à une passerelle, un pare-feu ou Route Server"];
    KubenetRetiring kubenet_retiring "kubenet-retiring" Info ["kubenet is retired on 31 March 2028", "kubenet sera retiré le 31 mars 2028"];
    CreatePluginNotConfigurable create_plugin_not_configurable "create-plugin-not-configurable" Error ["a cluster Azure ML creates asks for kubenet, overlay or a pod range", "un cluster créé par Azure ML demande kubenet, overlay ou une plage de pods"];
    CreateMaxPodsNotConfigurable create_max_pods_not_configurable "create-max-pods-not-configurable" Error ["a cluster Azure ML v1 creates states pods per node that creation cannot set", "un cluster créé par Azure ML v1 indique un nombre de pods par nœud que la création ne sait pas fixer"];
    CreateSettingAppliedLater create_setting_applied_later "create-setting-applied-later" Warning ["a cluster Azure ML v1 creates states settings that creation cannot make", "un cluster créé par Azure ML v1 indique des réglages que la création ne sait pas faire"];
    MaxPodsOutOfRange max_pods_out_of_range "max-pods-out-of-range" Error ["pods per node is outside 10 to 250", "le nombre de pods par nœud est hors de l’intervalle 10 à 250"];
    NetworkPluginAssumed network_plugin_assumed "network-plugin-assumed" Info ["an attached cluster without networkPlugin is checked as Azure CNI Overlay, or Pod Subnet when it names a pod subnet", "un cluster attaché sans networkPlugin est vérifié comme Azure CNI Overlay, ou Pod Subnet s’il nomme un sous-réseau de pods"];
    NodePoolUnder30Pods node_pool_under_30_pods "node-pool-under-30-pods" Error ["the node pool has room for fewer than 30 pods", "le pool de nœuds accueille moins de 30 pods"];
    AksRegionMismatch aks_region_mismatch "aks-region-mismatch" Error ["the cluster and its VNet are in different regions", "le cluster et son VNet sont dans des régions différentes"];
    AksManagedVnet aks_managed_vnet "aks-managed-vnet" Warning ["a cluster lives in the VNet that AKS manages, outside the plan's VNets", "un cluster vit dans le VNet géré par AKS, hors des VNets du plan"];
    ProductionClusterTooFewNodes production_cluster_too_few_nodes "production-cluster-too-few-nodes" Error ["a FastProd cluster has fewer than 3 nodes", "un cluster FastProd a moins de 3 nœuds"];
    ProductionClusterTooFewVcpus production_cluster_too_few_vcpus "production-cluster-too-few-vcpus" Error ["a FastProd cluster has fewer than 12 vCPUs", "un cluster FastProd a moins de 12 vCPU"];
    IlbSubnetWithoutInternalLb ilb_subnet_without_internal_lb "ilb-subnet-without-internal-lb" Error ["a load balancer subnet is set for a public load balancer", "un sous-réseau d’équilibreur est défini pour un équilibreur public"];
    IlbSubnetOutsideClusterVnet ilb_subnet_outside_cluster_vnet "ilb-subnet-outside-cluster-vnet" Error ["the load balancer subnet belongs to another VNet", "le sous-réseau de l’équilibreur appartient à un autre VNet"];
    IlbSubnetIsAciSubnet ilb_subnet_is_aci_subnet "ilb-subnet-is-aci-subnet" Error ["the load balancer subnet is delegated to ACI", "le sous-réseau de l’équilibreur est délégué à ACI"];
    ComputeNameInvalid compute_name_invalid "compute-name-invalid" Error ["a v1 compute target name breaks Azure ML's naming rules", "un nom de cible de calcul v1 enfreint les règles de nommage d’Azure ML"];
    NetworkNameInvalid network_name_invalid "network-name-invalid" Error ["a VNet or subnet name breaks Azure's naming rules", "un nom de VNet ou de sous-réseau enfreint les règles de nommage d’Azure"];
    IlbNotInStudio ilb_not_in_studio "ilb-not-in-studio" Info ["an internal load balancer cannot be chosen in the studio", "un équilibreur de charge interne ne peut pas être choisi dans le studio"];
    IlbWithKubenet ilb_with_kubenet "ilb-with-kubenet" Warning ["an internal load balancer with kubenet does not work for Azure ML", "un équilibreur interne avec kubenet ne fonctionne pas pour Azure ML"];
    PrivateClusterMustBeAttached private_cluster_must_be_attached "private-cluster-must-be-attached" Error ["Azure ML cannot create a private cluster; it must be attached", "Azure ML ne peut pas créer un cluster privé ; il faut l’attacher"];
    VnetUsesDockerBridgeRange vnet_uses_docker_bridge_range "vnet-uses-docker-bridge-range" Warning ["a VNet takes addresses from Docker's default bridge range", "un VNet prend des adresses dans la plage de pont par défaut de Docker"];
    TrustedAccessOutsidePublicCloud trusted_access_outside_public_cloud "trusted-access-outside-public-cloud" Error ["a cluster counts on Trusted Access outside Azure's public cloud", "un cluster compte sur l’accès approuvé hors du cloud public d’Azure"];
    PrivateClusterPublicFqdn private_cluster_public_fqdn "private-cluster-public-fqdn" Error ["a private cluster used by Azure ML v1 keeps a public FQDN", "un cluster privé utilisé par Azure ML v1 garde un FQDN public"];
    PrivateClusterPublicFqdnUnstated private_cluster_public_fqdn_unstated "private-cluster-public-fqdn-unstated" Warning ["a private cluster attached by Azure ML v1 leaves its public FQDN, which AKS creates by default, unstated", "un cluster privé attaché par Azure ML v1 ne dit rien de son FQDN public, qu’AKS crée par défaut"];
    PrivateClusterWithAuthorizedRanges private_cluster_with_authorized_ranges "private-cluster-with-authorized-ranges" Error ["a private cluster lists API server authorized IP ranges", "un cluster privé liste des plages d’IP autorisées pour son serveur d’API"];
    AksIdentityLacksNetworkContributor aks_identity_lacks_network_contributor "aks-identity-lacks-network-contributor" Error ["the cluster identity lacks Network Contributor on the VNet's resource group", "l’identité du cluster n’a pas le rôle Contributeur réseau sur le groupe de ressources du VNet"];
    ScoringEndpointBlockedInbound scoring_endpoint_blocked_inbound "scoring-endpoint-blocked-inbound" Warning ["outside clients call the scoring endpoint and no NSG rule admits them", "des clients externes appellent le point de scoring et aucune règle NSG ne les admet"];
    WorkspacePeRegionMismatch workspace_pe_region_mismatch "workspace-pe-region-mismatch" Error ["with a private endpoint, a cluster is outside the workspace region", "avec un point de terminaison privé, un cluster est hors de la région de l’espace de travail"];
    WorkspacePeNotInAksVnet workspace_pe_not_in_aks_vnet "workspace-pe-not-in-aks-vnet" Warning ["the workspace private endpoint is in another VNet than a cluster", "le point de terminaison privé de l’espace de travail est dans un autre VNet qu’un cluster"];
    AksV2ProvisioningCreate aks_v2_provisioning_create "aks-v2-provisioning-create" Error ["a Kubernetes compute cluster is left for Azure ML to create", "un cluster de calcul Kubernetes est laissé à créer par Azure ML"];
    AksV2V1OnlySetting aks_v2_v1_only_setting "aks-v2-v1-only-setting" Warning ["a Kubernetes compute cluster sets a v1 field that v2 ignores", "un cluster de calcul Kubernetes définit un champ v1 que la v2 ignore"];
    K8sServicePrincipalIdentity k8s_service_principal_identity "k8s-service-principal-identity" Error ["the Azure ML extension does not support a service principal cluster", "l’extension Azure ML ne prend pas en charge un cluster à principal de service"];
    K8sTlsSettingsIncomplete k8s_tls_settings_incomplete "k8s-tls-settings-incomplete" Error ["HTTPS scoring lacks its certificate or host name", "le scoring HTTPS n’a pas son certificat ou son nom d’hôte"];
    K8sInsecureConnections k8s_insecure_connections "k8s-insecure-connections" Warning ["the router serves plain HTTP on its load balancer", "le routeur sert du HTTP en clair sur son équilibreur de charge"];
    K8sRouterHaTooFewNodes k8s_router_ha_too_few_nodes "k8s-router-ha-too-few-nodes" Error ["a highly available router has fewer than 3 nodes", "un routeur en haute disponibilité a moins de 3 nœuds"];
    K8sClusterIpNeedsIngress k8s_cluster_ip_needs_ingress "k8s-cluster-ip-needs-ingress" Warning ["a clusterIP router is unreachable from outside without an ingress", "un routeur clusterIP est injoignable de l’extérieur sans entrée"];
    K8sInternalLbProviderIgnored k8s_internal_lb_provider_ignored "k8s-internal-lb-provider-ignored" Warning ["an internal load balancer provider is set on a router that is not a load balancer", "un fournisseur d’équilibreur interne est défini pour un routeur qui n’est pas un équilibreur"];
    K8sResourceGroupTrailingHyphen k8s_resource_group_trailing_hyphen "k8s-resource-group-trailing-hyphen" Warning ["the workspace's resource group name ends with a hyphen, which breaks Kubernetes deployments", "le nom du groupe de ressources de l’espace de travail se termine par un tiret, ce qui casse les déploiements Kubernetes"];
    K8sPublicScoringIp k8s_public_scoring_ip "k8s-public-scoring-ip" Warning ["the router gets a public IP in a plan meant to be private", "le routeur reçoit une IP publique dans un plan voulu privé"];
    K8sAuthorizedRangesWithoutTrustedAccess k8s_authorized_ranges_without_trusted_access "k8s-authorized-ranges-without-trusted-access" Warning ["API server authorized ranges without Trusted Access must admit Azure ML", "sans accès approuvé, les plages autorisées du serveur d’API doivent admettre Azure ML"];
    LocalAccountsDisabled local_accounts_disabled "local-accounts-disabled" Error ["a cluster used by Azure ML v1 has its local accounts disabled", "un cluster utilisé par Azure ML v1 a ses comptes locaux désactivés"];
    K8sLocalAccountsDisabled k8s_local_accounts_disabled "k8s-local-accounts-disabled" Error ["local accounts are disabled without Trusted Access", "les comptes locaux sont désactivés sans accès approuvé"];
    K8sPrivateClusterPublicFqdn k8s_private_cluster_public_fqdn "k8s-private-cluster-public-fqdn" Error ["a private cluster keeps a public FQDN without Trusted Access", "un cluster privé garde un FQDN public sans accès approuvé"];
    K8sPublicFqdnUnstated k8s_public_fqdn_unstated "k8s-public-fqdn-unstated" Warning ["a private v2 cluster leaves its public FQDN, which AKS creates by default, unstated", "un cluster v2 privé ne dit rien de son FQDN public, qu’AKS crée par défaut"];
    K8sReliesOnTrustedAccess k8s_relies_on_trusted_access "k8s-relies-on-trusted-access" Warning ["the cluster relies on Trusted Access for a setup Learn lists as unsupported", "le cluster compte sur l’accès approuvé pour un montage que Learn dit non pris en charge"];
    AciSubnetNotDelegated aci_subnet_not_delegated "aci-subnet-not-delegated" Error ["the ACI subnet is not delegated to container groups", "le sous-réseau ACI n’est pas délégué aux groupes de conteneurs"];
    AciSubnetShared aci_subnet_shared "aci-subnet-shared" Error ["the ACI subnet also holds AKS or the workspace private endpoint", "le sous-réseau ACI contient aussi AKS ou le point de terminaison privé"];
    PrivateEndpointSubnetDelegated private_endpoint_subnet_delegated "private-endpoint-subnet-delegated" Error ["the workspace private endpoint is placed in a delegated subnet", "le point de terminaison privé de l’espace de travail est placé dans un sous-réseau délégué"];
    AciSubnetSmall aci_subnet_small "aci-subnet-small" Warning ["the ACI subnet is smaller than /28", "le sous-réseau ACI est plus petit que /28"];
    AciVnetResourceGroupMismatch aci_vnet_resource_group_mismatch "aci-vnet-resource-group-mismatch" Error ["the ACI VNet is outside the workspace resource group", "le VNet ACI est hors du groupe de ressources de l’espace de travail"];
    AciVnetDiffersFromPrivateEndpoint aci_vnet_differs_from_private_endpoint "aci-vnet-differs-from-private-endpoint" Error ["the ACI VNet is not the workspace private endpoint's VNet", "le VNet ACI n’est pas celui du point de terminaison privé de l’espace de travail"];
    AciAcrInVnet aci_acr_in_vnet "aci-acr-in-vnet" Error ["ACI in a VNet cannot pull from a registry behind the VNet", "ACI dans un VNet ne peut pas tirer d’images d’un registre derrière le VNet"];
    AciDnsLabelInVnet aci_dns_label_in_vnet "aci-dns-label-in-vnet" Error ["an ACI deployment in a VNet has a DNS name label", "un déploiement ACI dans un VNet a une étiquette de nom DNS"];
    UnknownCompute unknown_compute "unknown-compute" Error ["a Kubernetes endpoint names a compute that is not in the plan", "un point de terminaison Kubernetes nomme un calcul absent du plan"];
    V1LegacyModeBlocksV2 v1_legacy_mode_blocks_v2 "v1-legacy-mode-blocks-v2" Error ["the workspace's v1 legacy mode turns off the v2 API the plan needs", "le mode hérité v1 de l’espace de travail coupe l’API v2 dont le plan a besoin"];
    OnlineEndpointSettingNotForKind online_endpoint_setting_not_for_kind "online-endpoint-setting-not-for-kind" Error ["an online endpoint sets a field its kind does not have", "un point de terminaison en ligne définit un champ que son type ne possède pas"];
    OnlineEndpointOnV1Cluster online_endpoint_on_v1_cluster "online-endpoint-on-v1-cluster" Error ["a Kubernetes endpoint runs on a cluster still on Azure ML v1", "un point de terminaison Kubernetes tourne sur un cluster resté sur Azure ML v1"];
    OnlineEndpointNameInvalid online_endpoint_name_invalid "online-endpoint-name-invalid" Error ["an online endpoint name breaks Azure ML's naming rules", "un nom de point de terminaison en ligne enfreint les règles de nommage d’Azure ML"];
    K8sReusesV1Cluster k8s_reuses_v1_cluster "k8s-reuses-v1-cluster" Warning ["Kubernetes compute reuses a v1 cluster (preview, routers not segregated)", "le calcul Kubernetes réutilise un cluster v1 (préversion, routeurs non cloisonnés)"];
    K8sNamespaceV1Pattern k8s_namespace_v1_pattern "k8s-namespace-v1-pattern" Error ["a reused v1 cluster's v2 namespace has the v1 form azureml-…", "l’espace de noms v2 d’un cluster v1 réutilisé a la forme v1 azureml-…"];
    ManagedNetworkWithKubernetesCompute managed_network_with_kubernetes_compute "managed-network-with-kubernetes-compute" Warning ["the workspace managed network does not cover Kubernetes compute", "le réseau managé de l’espace de travail ne couvre pas le calcul Kubernetes"];
    K8sWorkspacePeNotReachable k8s_workspace_pe_not_reachable "k8s-workspace-pe-not-reachable" Error ["a v2 cluster's VNet is not peered with the workspace private endpoint's", "le VNet d’un cluster v2 n’est pas appairé avec celui du point de terminaison privé de l’espace de travail"];
    AciVnetRetired aci_vnet_retired "aci-vnet-retired" Warning ["Azure ML no longer supports ACI in a VNet", "Azure ML ne prend plus en charge ACI dans un VNet"];
    AciWithWorkspacePrivateEndpoint aci_with_workspace_private_endpoint "aci-with-workspace-private-endpoint" Warning ["an ACI deployment is in a VNet while the workspace has a private endpoint", "un déploiement ACI est dans un VNet alors que l’espace de travail a un point de terminaison privé"];
    EgressBlocksContainerRegistry egress_blocks_container_registry "egress-blocks-container-registry" Error ["restricted egress does not allow the container registry", "le trafic sortant restreint n’autorise pas le registre de conteneurs"];
    EgressMissingServiceTag egress_missing_service_tag "egress-missing-service-tag" Warning ["restricted egress misses a service tag Azure ML inference uses", "le trafic sortant restreint omet une balise de service utile à l’inférence Azure ML"];
    ManagedEndpointPrivateWithoutWorkspacePe managed_endpoint_private_without_workspace_pe "managed-endpoint-private-without-workspace-pe" Error ["a managed endpoint without public access has no workspace private endpoint to come through", "un point de terminaison managé sans accès public n’a pas de point de terminaison privé d’espace de travail par où passer"];
    ManagedEndpointLegacyEgressIgnored managed_endpoint_legacy_egress_ignored "managed-endpoint-legacy-egress-ignored" Warning ["a managed endpoint sets the legacy egress flag that the managed network overrides", "un point de terminaison managé renseigne l’ancien paramètre de trafic sortant que le réseau managé remplace"];
    ManagedNetworkRuleNeedsApprovedOutbound managed_network_rule_needs_approved_outbound "managed-network-rule-needs-approved-outbound" Error ["an fqdn or service tag outbound rule needs the allowOnlyApprovedOutbound mode", "une règle sortante fqdn ou de balise de service exige le mode allowOnlyApprovedOutbound"];
    ManagedNetworkFqdnPort managed_network_fqdn_port "managed-network-fqdn-port" Error ["an fqdn outbound rule uses a port other than 80 and 443", "une règle sortante fqdn utilise un port autre que 80 et 443"];
    ManagedNetworkFqdnToStorage managed_network_fqdn_to_storage "managed-network-fqdn-to-storage" Error ["an fqdn outbound rule opens a storage account, which needs a private endpoint rule", "une règle sortante fqdn ouvre un compte de stockage, qui exige une règle de point de terminaison privé"];
    ManagedNetworkPeTargetUnsupported managed_network_pe_target_unsupported "managed-network-pe-target-unsupported" Warning ["a private endpoint outbound rule targets something the managed network cannot reach that way", "une règle sortante de point de terminaison privé vise ce que le réseau managé ne sait pas joindre ainsi"];
    ManagedNetworkFqdnDestinationInvalid managed_network_fqdn_destination_invalid "managed-network-fqdn-destination-invalid" Error ["an fqdn outbound rule's destination is not a host name, or a service tag rule's is not a tag", "la destination d’une règle sortante fqdn n’est pas un nom d’hôte, ou celle d’une règle de balise de service n’est pas une balise"];
    K8sEgressFqdnMissing k8s_egress_fqdn_missing "k8s-egress-fqdn-missing" Error ["the firewall's allowed names miss some that Kubernetes compute needs", "les noms autorisés par le pare-feu omettent certains noms nécessaires au calcul Kubernetes"];
    K8sEgressDiagnosticsFqdnMissing k8s_egress_diagnostics_fqdn_missing "k8s-egress-diagnostics-fqdn-missing" Warning ["the firewall's allowed names miss where the Azure ML extension sends diagnostics", "les noms autorisés par le pare-feu omettent la destination des diagnostics de l’extension Azure ML"];
    PrivateAcrSetupIncomplete private_acr_setup_incomplete "private-acr-setup-incomplete" Error ["a private container registry lacks the Premium tier or an image build compute", "un registre de conteneurs privé n’a pas le niveau Premium ou un calcul de génération d’images"];
    MissingVnetJoinPermission missing_vnet_join_permission "missing-vnet-join-permission" Error ["the planning user cannot join the VNet", "l’utilisateur ne peut pas joindre le VNet"];
    MissingSubnetJoinPermission missing_subnet_join_permission "missing-subnet-join-permission" Error ["the planning user cannot join the subnet", "l’utilisateur ne peut pas joindre le sous-réseau"];
    AksApiServerPublic aks_api_server_public "aks-api-server-public" Info ["the cluster's API server is public and admits every address", "le serveur d’API du cluster est public et admet toute adresse"];
    AksLocalAccountsEnabled aks_local_accounts_enabled "aks-local-accounts-enabled" Info ["the cluster keeps its local accounts", "le cluster garde ses comptes locaux"];
}
