//! Rewriting a v1 plan for the Azure ML v2 successors (`vnetplan migrate`): legacy AksCompute
//! clusters become Kubernetes compute, ACI deployments become managed online endpoints.
//!
//! Every value that does not carry over, and every step a person must take in Azure, becomes a
//! note naming where it was in the input. Migration records no attestation: whether Trusted
//! Access, `v1LegacyMode` or a firewall's names are right is for a person to say, so those stay
//! notes (and later findings) rather than values the plan would then vouch for.

use serde::Serialize;

use crate::plan::{
    AksCluster, AzureMl, AzureMlApi, Choice, ClusterPurpose, EndpointKind, Identity,
    InternalLoadBalancerProvider, IsolationMode, ManagedNetwork, NetworkAccess, NetworkPlugin,
    OnlineEndpoint, Plan, Provisioning, RouterServiceType,
};
use crate::pointer;
use crate::rules::online_endpoint_name_invalid::{hyphenate, name_fault, shorten, MAX_LENGTH};
use crate::text::{Lang, Message, Text};

/// One thing the migration changed, dropped, or leaves for a person to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrationNote {
    pub code: &'static str,
    /// JSON pointers into the input plan, most relevant first; never empty.
    pub subjects: Vec<String>,
    /// The message in the chosen language (English unless [`MigrationNote::localize`] changed it).
    pub message: String,
    /// The message in every language.
    #[serde(skip)]
    pub text: Message,
}

impl MigrationNote {
    fn new(code: &'static str, subject: String, text: Message) -> Self {
        Self { code, subjects: vec![subject], message: text.render(Lang::En), text }
    }

    pub fn localize(&mut self, lang: Lang) {
        self.message = self.text.render(lang);
    }

    /// The first subject, which is where the CLI says the note belongs.
    pub fn subject(&self) -> &str {
        self.subjects.first().map_or("", String::as_str)
    }
}

/// The plan rewritten for Azure ML v2, and the notes that say what changed and what is left to
/// do, ordered by first subject then code. A plan with no v1 cluster and no ACI deployment comes
/// back as it was, without notes, so migrating twice gives the first result.
///
/// # Examples
///
/// ```
/// let plan = vnetplan_core::parse_plan(
///     r#"{"schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "rg"},
///         "vnets": [], "aksClusters": [{"name": "aks", "serviceCidr": "10.0.0.0/16",
///         "dnsServiceIP": "10.0.0.10", "nodeCount": 3}]}"#,
/// ).unwrap();
/// let (migrated, notes) = vnetplan_core::migrate::migrate(&plan);
/// assert!(migrated.aks_clusters[0].is_v2());
/// assert!(notes.iter().any(|note| note.code == "tls-certificate-needed"));
/// assert_eq!(vnetplan_core::migrate::migrate(&migrated), (migrated, vec![]));
/// ```
pub fn migrate(plan: &Plan) -> (Plan, Vec<MigrationNote>) {
    let mut migrated = plan.clone();
    let mut notes = Vec::new();
    let mut clusters_migrated = false;
    for (index, cluster) in migrated.aks_clusters.iter_mut().enumerate() {
        if !cluster.is_v2() {
            migrate_cluster(index, cluster, &mut notes);
            clusters_migrated = true;
            // v1 never read trustedAccess; as Kubernetes compute, the cluster counts on it.
            if plan.trusted_access_unavailable(cluster) {
                notes.push(MigrationNote::new(
                    "trusted-access-not-offered",
                    pointer::cluster(index, "trustedAccess"),
                    crate::msg!(
                        TRUSTED_ACCESS_NOT_OFFERED,
                        cluster = &cluster.name,
                        region = plan.cluster_region(cluster)
                    ),
                ));
            }
        }
    }
    let deployments_migrated = !migrated.aci_deployments.is_empty();
    let isolation_mode = migrated.workspace.managed_network.as_ref().map_or(
        if migrated.egress.restricted() {
            IsolationMode::AllowOnlyApprovedOutbound
        } else {
            IsolationMode::AllowInternetOutbound
        },
        |network| network.isolation_mode,
    );
    migrate_deployments(&mut migrated, isolation_mode, &mut notes);
    if deployments_migrated && migrated.workspace.managed_network.is_none() {
        migrated.workspace.managed_network =
            Some(ManagedNetwork { isolation_mode, outbound_rules: Vec::new(), image_build_compute: None });
        notes.push(MigrationNote::new(
            "managed-network-enabled",
            pointer::workspace("managedNetwork"),
            crate::msg!(MANAGED_NETWORK_ENABLED, mode = isolation_mode.as_str()),
        ));
    }
    // A plan that already says v1LegacyMode is true gets v1-legacy-mode-blocks-v2 instead.
    if (clusters_migrated || deployments_migrated)
        && plan.workspace.private_endpoint.is_some()
        && !plan.workspace.v1_legacy_mode()
    {
        notes.push(MigrationNote::new(
            "v1-legacy-mode-check",
            pointer::workspace("v1LegacyMode"),
            V1_LEGACY_MODE_CHECK.message(),
        ));
    }
    if clusters_migrated && plan.egress.restricted() {
        notes.push(MigrationNote::new(
            "egress-fqdns",
            pointer::egress("allowedFqdns"),
            EGRESS_FQDNS.message(),
        ));
    }
    notes.sort_by(|a, b| pointer::compare(a.subject(), b.subject()).then_with(|| a.code.cmp(b.code)));
    (migrated, notes)
}

fn migrate_cluster(index: usize, cluster: &mut AksCluster, notes: &mut Vec<MigrationNote>) {
    let at = |field: &str| pointer::cluster(index, field);
    let name = cluster.name.clone();
    let mut azure_ml = AzureMl {
        api: Some(AzureMlApi::V2),
        inference_router_service_type: Some(RouterServiceType::LoadBalancer),
        ..AzureMl::default()
    };
    if cluster.has_internal_load_balancer() {
        azure_ml.internal_load_balancer_provider = Some(InternalLoadBalancerProvider::Azure);
    }
    if cluster.cluster_purpose() == ClusterPurpose::DevTest {
        azure_ml.inference_router_ha = Some(false);
    }
    notes.push(MigrationNote::new(
        "legacy-azureml-fe",
        at("azureMl"),
        crate::msg!(LEGACY_AZUREML_FE, cluster = &name),
    ));
    notes.push(MigrationNote::new(
        "tls-certificate-needed",
        at("azureMl"),
        crate::msg!(TLS_CERTIFICATE_NEEDED, cluster = &name),
    ));

    if cluster.provisioning() == Provisioning::Create {
        let text = if cluster.network_plugin.is_none() {
            // v1 created flat Azure CNI clusters; attach alone would make the plugin assumed overlay.
            cluster.network_plugin = Some(NetworkPlugin::Azure);
            CREATED_OUTSIDE_WITH_PLUGIN
        } else {
            CREATED_OUTSIDE
        };
        notes.push(MigrationNote::new(
            "cluster-created-outside-azure-ml",
            at("provisioning"),
            crate::msg!(text, cluster = &name),
        ));
        // The grant was recorded for the identity of the cluster v1 made; a cluster made anew
        // has an identity of its own, which holds nothing until someone grants it.
        if cluster.network_contributor_granted == Some(true) {
            notes.push(MigrationNote::new(
                "network-contributor-for-new-cluster",
                at("networkContributorGranted"),
                crate::msg!(NETWORK_CONTRIBUTOR_FOR_NEW_CLUSTER, cluster = &name),
            ));
        }
    }
    cluster.provisioning = Some(Provisioning::Attach);

    if let Some(subnet) = cluster.load_balancer_subnet.take() {
        // A cluster in the VNet that AKS manages has its nodes in the subnet AKS made there.
        let managed = cluster.in_managed_vnet().then_some(crate::plan::AKS_MANAGED_SUBNET);
        let node_subnet = cluster.subnet.as_deref().or(managed).unwrap_or_default();
        if !cluster.has_internal_load_balancer() {
            notes.push(MigrationNote::new(
                "load-balancer-subnet-unused",
                at("loadBalancerSubnet"),
                crate::msg!(LOAD_BALANCER_SUBNET_UNUSED, cluster = &name, subnet = &subnet),
            ));
        } else if !subnet.eq_ignore_ascii_case(node_subnet) {
            notes.push(MigrationNote::new(
                "ilb-frontend-moves-to-node-subnet",
                at("loadBalancerSubnet"),
                crate::msg!(ILB_FRONTEND_MOVES, cluster = &name, subnet = &subnet, node = node_subnet),
            ));
            // The rule recorded for scoring calls admitted the front end's old address.
            if cluster.nsg_allows_scoring_inbound.take() == Some(true) {
                notes.push(MigrationNote::new(
                    "nsg-rule-not-carried",
                    at("nsgAllowsScoringInbound"),
                    crate::msg!(NSG_RULE_NOT_CARRIED, cluster = &name, subnet = &subnet, node = node_subnet),
                ));
            }
        }
    }
    // The recorded rule admitted calls to the router v1 installed, which the extension's router
    // replaces at an address of its own; false is the default, so dropping it loses nothing.
    if cluster.nsg_allows_scoring_inbound.take() == Some(true) {
        notes.push(MigrationNote::new(
            "nsg-rule-not-carried",
            at("nsgAllowsScoringInbound"),
            crate::msg!(NSG_RULE_FOR_AZUREML_FE, cluster = &name),
        ));
    }
    if let Some(cidr) = cluster.docker_bridge_cidr.take() {
        notes.push(MigrationNote::new(
            "docker-bridge-dropped",
            at("dockerBridgeCidr"),
            crate::msg!(DOCKER_BRIDGE_DROPPED, cluster = &name, cidr = cidr),
        ));
    }
    if cluster.identity() == Identity::ServicePrincipal {
        notes.push(MigrationNote::new(
            "managed-identity-needed",
            at("identity"),
            crate::msg!(MANAGED_IDENTITY_NEEDED, cluster = &name),
        ));
    }
    notes.push(MigrationNote::new(
        "scoring-url-changes",
        pointer::cluster_whole(index),
        crate::msg!(SCORING_URL_CHANGES, name = &name),
    ));
    cluster.load_balancer_type = None;
    cluster.cluster_purpose = None;
    cluster.azure_ml = Some(azure_ml);
}

/// `isolation_mode` is the workspace managed network's mode once the migration is done.
fn migrate_deployments(plan: &mut Plan, isolation_mode: IsolationMode, notes: &mut Vec<MigrationNote>) {
    let access = if plan.workspace.private_endpoint.is_some() {
        NetworkAccess::Disabled
    } else {
        NetworkAccess::Enabled
    };
    for (index, deployment) in std::mem::take(&mut plan.aci_deployments).into_iter().enumerate() {
        let at = |field: &str| pointer::aci(index, field);
        let (name, clashed) = free_name(&plan.online_endpoints, &deployment.name);
        if name != deployment.name {
            let text = match name_fault(&deployment.name) {
                Some(reason) => crate::msg!(
                    if clashed { ENDPOINT_RENAMED_INVALID_AND_TAKEN } else { ENDPOINT_RENAMED_INVALID },
                    deployment = &deployment.name,
                    endpoint = &name
                )
                .with_message("reason", reason),
                None => crate::msg!(ENDPOINT_RENAMED, deployment = &deployment.name, endpoint = &name),
            };
            notes.push(MigrationNote::new("endpoint-renamed", at("name"), text));
        }
        let outbound = match isolation_mode {
            IsolationMode::Disabled => crate::msg!(OUTBOUND_NOT_ISOLATED, vnet = &deployment.vnet),
            IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound => {
                crate::msg!(OUTBOUND_THROUGH_MANAGED_NETWORK, mode = isolation_mode.as_str())
            }
        };
        notes.push(MigrationNote::new(
            "aci-vnet-not-carried",
            at("vnet"),
            crate::msg!(
                if access == NetworkAccess::Disabled { ACI_VNET_NOT_CARRIED } else { ACI_VNET_MADE_PUBLIC },
                deployment = &deployment.name,
                endpoint = &name,
                vnet = &deployment.vnet
            )
            .with_message("outbound", outbound),
        ));
        notes.push(MigrationNote::new(
            "delegated-subnet-unused",
            at("subnet"),
            crate::msg!(DELEGATED_SUBNET_UNUSED, subnet = &deployment.subnet, vnet = &deployment.vnet),
        ));
        if let Some(label) = &deployment.dns_name_label {
            notes.push(MigrationNote::new(
                "dns-label-not-carried",
                at("dnsNameLabel"),
                crate::msg!(DNS_LABEL_NOT_CARRIED, deployment = &deployment.name, label = label),
            ));
        }
        notes.push(MigrationNote::new(
            "no-auth-not-carried",
            pointer::aci_deployment(index),
            crate::msg!(NO_AUTH_NOT_CARRIED, endpoint = &name),
        ));
        notes.push(MigrationNote::new(
            "scoring-url-changes",
            pointer::aci_deployment(index),
            crate::msg!(SCORING_URL_CHANGES, name = &deployment.name),
        ));
        plan.online_endpoints.push(OnlineEndpoint {
            name,
            kind: EndpointKind::Managed,
            compute: None,
            public_network_access: Some(access),
            legacy_egress_public_network_access: None,
        });
    }
}

/// `name` when Azure ML takes it for an online endpoint and no endpoint has it, without regard
/// to case. Otherwise a name that Azure ML takes: `name`, or its letters and digits joined by
/// hyphens (led by `aci-` when they do not start with a letter), cut to 32 characters, followed
/// if need be by the first `-N` from 2 up that makes it free. The flag says whether a name on the
/// way was another endpoint's.
fn free_name(endpoints: &[OnlineEndpoint], name: &str) -> (String, bool) {
    let taken =
        |candidate: &str| endpoints.iter().any(|endpoint| endpoint.name.eq_ignore_ascii_case(candidate));
    let stem = if name_fault(name).is_none() {
        name.to_owned()
    } else {
        let letters = hyphenate(name);
        if letters.starts_with(|c: char| c.is_ascii_alphabetic()) {
            letters
        } else if letters.is_empty() {
            "aci".to_owned()
        } else {
            format!("aci-{letters}")
        }
    };
    let whole = shorten(&stem, MAX_LENGTH);
    let whole_taken = taken(&whole);
    if name_fault(&whole).is_none() && !whole_taken {
        return (whole, false);
    }
    // Candidates differ in their last digits, so each endpoint takes at most one of these
    // len + 1, and the search always ends; each keeps the stem's first letter and ends in a digit.
    (2..=endpoints.len() + 2)
        .map(|suffix| {
            let suffix = format!("-{suffix}");
            format!("{}{suffix}", shorten(&stem, MAX_LENGTH.saturating_sub(suffix.len())))
        })
        .enumerate()
        .find(|(_, candidate)| !taken(candidate))
        .map_or((whole, false), |(tried, candidate)| (candidate, whole_taken || tried > 0))
}

const LEGACY_AZUREML_FE: Text = crate::text!(
    "cluster '{cluster}' becomes a Kubernetes compute served by the Azure ML extension, its router behind a \
     load balancer. If this is the AKS cluster that served v1, delete the legacy azureml-fe objects in the \
     'default' namespace before installing the extension, or keep them by setting reusesV1Cluster (preview)",
    "le cluster « {cluster} » devient un calcul Kubernetes servi par l’extension Azure ML, son routeur derrière \
     un équilibreur de charge. Si c’est le cluster AKS qui servait la v1, supprimez les anciens objets \
     azureml-fe de l’espace de noms « default » avant d’installer l’extension, ou gardez-les en définissant \
     reusesV1Cluster (préversion)"
);
const TLS_CERTIFICATE_NEEDED: Text = crate::text!(
    "cluster '{cluster}': the leaf-domain certificate that Microsoft generated for v1 does not exist in v2. \
     Give a certificate (sslCertificate) and the host name it is for (sslCname), or serve plain HTTP \
     (allowInsecureConnections) behind a TLS ingress of your own",
    "cluster « {cluster} » : le certificat de domaine que Microsoft générait en v1 n’existe pas en v2. \
     Fournissez un certificat (sslCertificate) et le nom d’hôte qu’il couvre (sslCname), ou servez du HTTP \
     simple (allowInsecureConnections) derrière votre propre entrée TLS"
);
const NETWORK_CONTRIBUTOR_FOR_NEW_CLUSTER: Text = crate::text!(
    "networkContributorGranted stays true, as the v1 plan recorded it for the cluster v1 created. It holds \
     for '{cluster}' only if you keep that cluster: a cluster you create anew has an identity of its own, \
     which needs Network Contributor on the VNet's resource group before you attach it; set the field to \
     false until it is granted",
    "networkContributorGranted reste à true, comme le plan v1 l’indiquait pour le cluster créé par la v1. \
     Cela ne vaut pour « {cluster} » que si vous gardez ce cluster : un cluster créé à nouveau a sa propre \
     identité, qui doit recevoir Network Contributor sur le groupe de ressources du VNet avant que vous ne \
     l’attachiez ; mettez le champ à false tant que ce n’est pas fait"
);
const CREATED_OUTSIDE: Text = crate::text!(
    "Azure ML v2 only attaches clusters: create '{cluster}' with az aks create or ARM from the plan's values, \
     then attach it. If v1 created the cluster and you keep it, detach the v1 compute; never delete it, \
     since that deletes the cluster",
    "Azure ML v2 ne fait qu’attacher des clusters : créez « {cluster} » avec az aks create ou ARM à partir des \
     valeurs du plan, puis attachez-le. Si la v1 a créé le cluster et que vous le gardez, détachez le calcul \
     v1 ; ne le supprimez jamais, cela supprimerait le cluster"
);
const CREATED_OUTSIDE_WITH_PLUGIN: Text = crate::text!(
    "Azure ML v2 only attaches clusters: create '{cluster}' with az aks create or ARM from the plan's values, \
     then attach it. If v1 created the cluster and you keep it, detach the v1 compute; never delete it, \
     since that deletes the cluster. The plan now states networkPlugin \"azure\" (flat Azure CNI, as v1 \
     created it), so the attached cluster is not taken to be Azure CNI Overlay",
    "Azure ML v2 ne fait qu’attacher des clusters : créez « {cluster} » avec az aks create ou ARM à partir des \
     valeurs du plan, puis attachez-le. Si la v1 a créé le cluster et que vous le gardez, détachez le calcul \
     v1 ; ne le supprimez jamais, cela supprimerait le cluster. Le plan indique désormais networkPlugin \
     « azure » (Azure CNI classique, tel que la v1 le créait), pour que le cluster attaché ne soit pas \
     supposé en Azure CNI Overlay"
);
const ILB_FRONTEND_MOVES: Text = crate::text!(
    "cluster '{cluster}': loadBalancerSubnet '{subnet}' is removed, because v2 gives the internal load \
     balancer its address in the node subnet '{node}', which then needs one more free address",
    "cluster « {cluster} » : loadBalancerSubnet « {subnet} » est retiré, car la v2 prend l’adresse de \
     l’équilibreur de charge interne dans le sous-réseau des nœuds « {node} », qui doit donc avoir une \
     adresse libre de plus"
);
const LOAD_BALANCER_SUBNET_UNUSED: Text = crate::text!(
    "cluster '{cluster}': loadBalancerSubnet '{subnet}' is removed; its load balancer is public, so the \
     subnet was not used",
    "cluster « {cluster} » : loadBalancerSubnet « {subnet} » est retiré ; son équilibreur de charge est \
     public, le sous-réseau n’était donc pas utilisé"
);
const NSG_RULE_NOT_CARRIED: Text = crate::text!(
    "cluster '{cluster}': nsgAllowsScoringInbound is no longer recorded, because the rule it records admitted \
     scoring calls to the front end in subnet '{subnet}', which now takes its address in subnet '{node}'; \
     record it again once an NSG rule admits the calls there",
    "cluster « {cluster} » : nsgAllowsScoringInbound n’est plus consigné, car la règle qu’il consigne \
     admettait les appels de scoring vers le frontal du sous-réseau « {subnet} », qui prend désormais son \
     adresse dans le sous-réseau « {node} » ; consignez-le de nouveau quand une règle NSG y admet les appels"
);
const NSG_RULE_FOR_AZUREML_FE: Text = crate::text!(
    "cluster '{cluster}': nsgAllowsScoringInbound is no longer recorded, because the rule it records admitted \
     scoring calls to the azureml-fe router that Azure ML v1 installed: the Azure ML extension installs a \
     router of its own (azureml-fe too) as a new service, at a new address, over HTTPS on port 443 unless \
     allowInsecureConnections is set; record it again once an NSG rule admits the calls to that router",
    "cluster « {cluster} » : nsgAllowsScoringInbound n’est plus consigné, car la règle qu’il consigne \
     admettait les appels de scoring vers le routeur azureml-fe installé par Azure ML v1 : l’extension \
     Azure ML installe son propre routeur (lui aussi azureml-fe) comme un nouveau service, à une nouvelle \
     adresse, en HTTPS sur le port 443 sauf si allowInsecureConnections est défini ; consignez-le de nouveau \
     quand une règle NSG admet les appels vers ce routeur"
);
const TRUSTED_ACCESS_NOT_OFFERED: Text = crate::text!(
    "cluster '{cluster}' records trustedAccess, which Azure ML v1 never used: as Kubernetes compute it would \
     count on Trusted Access, which Azure offers in its public cloud only, not in region '{region}'; keep the \
     cluster reachable without it (local accounts on, no public FQDN on a private API server, authorized \
     ranges that admit Azure ML) and record trustedAccess false",
    "le cluster « {cluster} » consigne trustedAccess, dont Azure ML v1 ne se servait pas : en calcul \
     Kubernetes, il compterait sur l’accès approuvé, qu’Azure n’offre que dans son cloud public, pas dans la \
     région « {region} » ; gardez le cluster joignable sans lui (comptes locaux activés, pas de FQDN public \
     sur un serveur d’API privé, plages autorisées qui admettent Azure ML) et consignez trustedAccess à false"
);
const DOCKER_BRIDGE_DROPPED: Text = crate::text!(
    "cluster '{cluster}': dockerBridgeCidr {cidr} is removed; only the v1 SDK asked for it",
    "cluster « {cluster} » : dockerBridgeCidr {cidr} est retiré ; seul le SDK v1 le demandait"
);
const MANAGED_IDENTITY_NEEDED: Text = crate::text!(
    "cluster '{cluster}' runs with a service principal, which the Azure ML extension does not support: move \
     it to a managed identity, which recreates its node pools",
    "le cluster « {cluster} » utilise un principal de service, que l’extension Azure ML ne prend pas en \
     charge : passez-le à une identité managée, ce qui recrée ses pools de nœuds"
);
const SCORING_URL_CHANGES: Text = crate::text!(
    "'{name}' will be scored at a new URL under v2: update every client that calls it",
    "« {name} » aura une nouvelle URL de scoring en v2 : mettez à jour chaque client qui l’appelle"
);
const ENDPOINT_RENAMED: Text = crate::text!(
    "ACI deployment '{deployment}' becomes the endpoint '{endpoint}', because another endpoint already has \
     its name",
    "le déploiement ACI « {deployment} » devient le point de terminaison « {endpoint} », car un autre point \
     de terminaison porte déjà son nom"
);
const ENDPOINT_RENAMED_INVALID: Text = crate::text!(
    "ACI deployment '{deployment}' becomes the endpoint '{endpoint}', because Azure ML refuses \
     '{deployment}' as an online endpoint name: {reason}",
    "le déploiement ACI « {deployment} » devient le point de terminaison « {endpoint} », car Azure ML \
     refuse « {deployment} » comme nom de point de terminaison en ligne : {reason}"
);
const ENDPOINT_RENAMED_INVALID_AND_TAKEN: Text = crate::text!(
    "ACI deployment '{deployment}' becomes the endpoint '{endpoint}', because Azure ML refuses \
     '{deployment}' as an online endpoint name ({reason}) and another endpoint already has the name \
     that would have replaced it",
    "le déploiement ACI « {deployment} » devient le point de terminaison « {endpoint} », car Azure ML \
     refuse « {deployment} » comme nom de point de terminaison en ligne ({reason}) et un autre point \
     de terminaison porte déjà le nom qui l’aurait remplacé"
);
const ACI_VNET_NOT_CARRIED: Text = crate::text!(
    "ACI deployment '{deployment}' becomes the managed online endpoint '{endpoint}', which cannot be placed in \
     VNet '{vnet}': clients reach it through the workspace private endpoint. {outbound}",
    "le déploiement ACI « {deployment} » devient le point de terminaison en ligne managé « {endpoint} », qui \
     ne peut pas être placé dans le VNet « {vnet} » : les clients l’atteignent par le point de terminaison \
     privé de l’espace de travail. {outbound}"
);
const ACI_VNET_MADE_PUBLIC: Text = crate::text!(
    "ACI deployment '{deployment}' becomes the managed online endpoint '{endpoint}', which cannot be placed in \
     VNet '{vnet}'. The deployment answered only inside that VNet, but the workspace has no private endpoint, \
     so the endpoint takes public network access; to keep it private, add a workspace private endpoint in \
     VNet '{vnet}' and set its publicNetworkAccess to disabled. {outbound}",
    "le déploiement ACI « {deployment} » devient le point de terminaison en ligne managé « {endpoint} », qui \
     ne peut pas être placé dans le VNet « {vnet} ». Le déploiement ne répondait qu’à l’intérieur de ce VNet, \
     mais l’espace de travail n’a pas de point de terminaison privé : le point de terminaison prend donc un \
     accès réseau public ; pour le garder privé, ajoutez un point de terminaison privé de l’espace de travail \
     dans le VNet « {vnet} » et passez son publicNetworkAccess à disabled. {outbound}"
);
const OUTBOUND_THROUGH_MANAGED_NETWORK: Text = crate::text!(
    "Its outbound traffic goes through the workspace managed network ({mode})",
    "Ses sorties passent par le réseau managé de l’espace de travail ({mode})"
);
const OUTBOUND_NOT_ISOLATED: Text = crate::text!(
    "The workspace managed network has isolationMode disabled, so nothing isolates the endpoint's outbound \
     traffic: the deployment, which reached out from VNet '{vnet}' under whatever that VNet filters, will \
     have unrestricted outbound access. To isolate it, set managedNetwork.isolationMode before the \
     endpoint is created: allowOnlyApprovedOutbound lets out only what the outbound rules approve, \
     allowInternetOutbound places it in the managed network with its internet access kept; isolation \
     cannot be turned off again",
    "Le réseau managé de l’espace de travail a isolationMode à disabled : rien n’isole donc les sorties du \
     point de terminaison, et le déploiement, qui sortait du VNet « {vnet} » sous les filtres de ce VNet, \
     aura un accès sortant sans restriction. Pour l’isoler, définissez managedNetwork.isolationMode avant \
     de créer le point de terminaison : allowOnlyApprovedOutbound ne laisse sortir que ce \
     qu’approuvent les règles sortantes, allowInternetOutbound le place dans le réseau managé en lui \
     gardant l’accès à Internet ; l’isolation ne peut plus être désactivée ensuite"
);
const DELEGATED_SUBNET_UNUSED: Text = crate::text!(
    "subnet '{subnet}' of VNet '{vnet}' stays in the plan but no endpoint needs it now; as long as it is \
     delegated to container groups it cannot hold AKS nodes",
    "le sous-réseau « {subnet} » du VNet « {vnet} » reste dans le plan mais plus aucun point de terminaison \
     n’en a besoin ; tant qu’il est délégué aux groupes de conteneurs, il ne peut pas accueillir de nœuds AKS"
);
const DNS_LABEL_NOT_CARRIED: Text = crate::text!(
    "ACI deployment '{deployment}': the DNS name label '{label}' is removed, since a managed online endpoint \
     has no custom DNS name",
    "déploiement ACI « {deployment} » : l’étiquette de nom DNS « {label} » est retirée, car un point de \
     terminaison en ligne managé n’a pas de nom DNS personnalisé"
);
const NO_AUTH_NOT_CARRIED: Text = crate::text!(
    "endpoint '{endpoint}' always asks for a key or a token; v1 plans do not say whether scoring was \
     anonymous, so check that every client sends one",
    "le point de terminaison « {endpoint} » exige toujours une clé ou un jeton ; les plans v1 ne disent pas \
     si le scoring était anonyme, vérifiez donc que chaque client en envoie un"
);
const MANAGED_NETWORK_ENABLED: Text = crate::text!(
    "the workspace now has a managed network ({mode}). Turning it on cannot be undone; the network is \
     provisioned by the first compute or by az ml workspace provision-network (about 30 minutes), and no \
     deployment can be created before that; existing managed endpoints and compute must be recreated; the \
     VNet's service-tag allow-list does not govern it",
    "l’espace de travail a désormais un réseau managé ({mode}). Ce choix est définitif ; le réseau est \
     provisionné par le premier calcul ou par az ml workspace provision-network (environ 30 minutes), et \
     aucun déploiement ne peut être créé avant ; les points de terminaison managés et les calculs existants \
     doivent être recréés ; la liste d’étiquettes de service du VNet ne s’y applique pas"
);
const V1_LEGACY_MODE_CHECK: Text = crate::text!(
    "the workspace has a private endpoint, so Azure may hold v1LegacyMode true although the plan does not \
     say so: check it and set the ARM property to false (this takes 30 to 60 minutes). A workspace private \
     endpoint created before 2022-05-24 must be recreated before private managed endpoints can use it",
    "l’espace de travail a un point de terminaison privé : Azure peut donc avoir v1LegacyMode à true sans \
     que le plan le dise. Vérifiez-le et mettez la propriété ARM à false (cela prend de 30 à 60 minutes). Un \
     point de terminaison privé d’espace de travail créé avant le 2022-05-24 doit être recréé avant que des \
     points de terminaison managés privés puissent l’utiliser"
);
const EGRESS_FQDNS: Text = crate::text!(
    "egress is restricted: if the firewall filters by host name, list the names it allows in allowedFqdns, \
     since Kubernetes compute needs the names that k8s-egress-fqdn-missing checks",
    "la sortie est restreinte : si le pare-feu filtre par nom d’hôte, listez les noms qu’il autorise dans \
     allowedFqdns, car le calcul Kubernetes a besoin des noms que vérifie k8s-egress-fqdn-missing"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_plan;

    const V1: &str = r#"{
      "schemaVersion": 1, "region": "eastus2",
      "workspace": { "resourceGroup": "rg", "privateEndpoint": { "vnet": "v", "subnet": "pe" } },
      "vnets": [{ "name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.0.0.0/16"], "subnets": [] }],
      "aksClusters": [
        { "name": "dev", "vnet": "v", "subnet": "aks", "serviceCidr": "10.1.0.0/16", "dnsServiceIP": "10.1.0.10",
          "nodeCount": 3, "clusterPurpose": "DevTest", "loadBalancerType": "InternalLoadBalancer",
          "loadBalancerSubnet": "ilb", "dockerBridgeCidr": "172.17.0.1/16", "identity": "servicePrincipal",
          "nsgAllowsScoringInbound": true },
        { "name": "prod", "provisioning": "attach", "vnet": "v", "subnet": "aks2", "serviceCidr": "10.1.0.0/16",
          "dnsServiceIP": "10.1.0.10", "nodeCount": 3, "loadBalancerSubnet": "AKS2" }
      ],
      "aciDeployments": [
        { "name": "score", "vnet": "v", "subnet": "aci", "dnsNameLabel": "mylabel" },
        { "name": "Score", "vnet": "v", "subnet": "aci" }
      ],
      "egress": { "restricted": true },
      "onlineEndpoints": [{ "name": "score-2", "kind": "managed" }]
    }"#;

    fn codes(notes: &[MigrationNote]) -> Vec<(&str, &str)> {
        notes.iter().map(|note| (note.subject(), note.code)).collect()
    }

    #[test]
    fn v1_clusters_and_deployments_become_their_v2_successors() {
        let plan = parse_plan(V1).expect("parses");
        let (migrated, notes) = migrate(&plan);
        let dev = migrated.aks_clusters.first().expect("dev");
        assert!(dev.is_v2() && dev.azure_ml().has_internal_router() && !dev.azure_ml().inference_router_ha());
        assert_eq!(
            (dev.provisioning, dev.network_plugin),
            (Some(Provisioning::Attach), Some(NetworkPlugin::Azure))
        );
        assert_eq!((dev.load_balancer_type, dev.load_balancer_subnet.as_deref()), (None, None));
        assert_eq!((dev.cluster_purpose, dev.docker_bridge_cidr.as_deref()), (None, None));
        assert_eq!(dev.identity, Some(Identity::ServicePrincipal));
        // The NSG rule recorded for scoring admitted the front end's old address.
        assert_eq!(dev.nsg_allows_scoring_inbound, None);
        let prod = migrated.aks_clusters.get(1).expect("prod");
        assert!(
            prod.azure_ml().has_public_router()
                && prod.azure_ml.as_ref().and_then(|m| m.inference_router_ha).is_none()
        );
        assert_eq!(prod.network_plugin, None, "an attached cluster keeps its plugin as written");
        assert!(migrated.aci_deployments.is_empty());
        let endpoints: Vec<(&str, Option<NetworkAccess>)> =
            migrated.online_endpoints.iter().map(|e| (e.name.as_str(), e.public_network_access)).collect();
        assert_eq!(
            endpoints,
            [
                ("score-2", None),
                ("score", Some(NetworkAccess::Disabled)),
                ("Score-3", Some(NetworkAccess::Disabled))
            ]
        );
        let network = migrated.workspace.managed_network.as_ref().expect("managed network");
        assert_eq!(network.isolation_mode, IsolationMode::AllowOnlyApprovedOutbound);
        assert_eq!(migrated.workspace.v1_legacy_mode, None, "no attestation is written");
        assert_eq!(migrated.egress.allowed_fqdns, None);
        assert_eq!(
            codes(&notes),
            [
                ("/aciDeployments/0", "no-auth-not-carried"),
                ("/aciDeployments/0", "scoring-url-changes"),
                ("/aciDeployments/0/dnsNameLabel", "dns-label-not-carried"),
                ("/aciDeployments/0/subnet", "delegated-subnet-unused"),
                ("/aciDeployments/0/vnet", "aci-vnet-not-carried"),
                ("/aciDeployments/1", "no-auth-not-carried"),
                ("/aciDeployments/1", "scoring-url-changes"),
                ("/aciDeployments/1/name", "endpoint-renamed"),
                ("/aciDeployments/1/subnet", "delegated-subnet-unused"),
                ("/aciDeployments/1/vnet", "aci-vnet-not-carried"),
                ("/aksClusters/0", "scoring-url-changes"),
                ("/aksClusters/0/azureMl", "legacy-azureml-fe"),
                ("/aksClusters/0/azureMl", "tls-certificate-needed"),
                ("/aksClusters/0/dockerBridgeCidr", "docker-bridge-dropped"),
                ("/aksClusters/0/identity", "managed-identity-needed"),
                ("/aksClusters/0/loadBalancerSubnet", "ilb-frontend-moves-to-node-subnet"),
                ("/aksClusters/0/nsgAllowsScoringInbound", "nsg-rule-not-carried"),
                ("/aksClusters/0/provisioning", "cluster-created-outside-azure-ml"),
                ("/aksClusters/1", "scoring-url-changes"),
                ("/aksClusters/1/azureMl", "legacy-azureml-fe"),
                ("/aksClusters/1/azureMl", "tls-certificate-needed"),
                ("/aksClusters/1/loadBalancerSubnet", "load-balancer-subnet-unused"),
                ("/egress/allowedFqdns", "egress-fqdns"),
                ("/workspace/managedNetwork", "managed-network-enabled"),
                ("/workspace/v1LegacyMode", "v1-legacy-mode-check"),
            ]
        );
        assert_eq!(parse_plan(&migrated.to_json()).as_ref(), Ok(&migrated), "the result is a valid plan");
    }

    #[test]
    fn notes_say_what_the_plan_states_about_the_cluster_and_the_workspace() {
        let plan = parse_plan(
            r#"{"schemaVersion": 1, "region": "usgovvirginia",
                "workspace": {"resourceGroup": "rg", "privateEndpoint": {"vnet": "v", "subnet": "pe"}, "v1LegacyMode": true},
                "vnets": [{"name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.0.0.0/16"],
                           "subnets": [{"name": "pe", "addressPrefix": "10.0.0.0/24"}]}],
                "aksClusters": [{"name": "gov", "provisioning": "attach", "serviceCidr": "10.2.0.0/16",
                  "dnsServiceIP": "10.2.0.10", "nodeCount": 3, "trustedAccess": true,
                  "loadBalancerType": "InternalLoadBalancer", "loadBalancerSubnet": "ilb",
                  "nsgAllowsScoringInbound": true}]}"#,
        )
        .expect("parses");
        let (_, notes) = migrate(&plan);
        let found = codes(&notes);
        // Trusted Access, which v1 never read, is not offered in this cloud; the plan already says
        // v1LegacyMode is true, which a rule reports, so no note wonders whether Azure holds it.
        assert!(found.contains(&("/aksClusters/0/trustedAccess", "trusted-access-not-offered")), "{found:?}");
        assert!(!found.iter().any(|(_, code)| *code == "v1-legacy-mode-check"), "{found:?}");
        let text = |code: &str| {
            notes
                .iter()
                .filter(|note| note.code == code)
                .map(|note| note.text.render(Lang::En))
                .collect::<Vec<_>>()
        };
        assert!(text("trusted-access-not-offered")[0].contains("not in region 'usgovvirginia'"));
        // The cluster sits in the VNet AKS manages, whose node subnet AKS names aks-subnet.
        assert!(
            text("ilb-frontend-moves-to-node-subnet")[0].contains("'aks-subnet'"),
            "{:?}",
            text("ilb-frontend-moves-to-node-subnet")
        );
        assert!(text("nsg-rule-not-carried").iter().all(|note| !note.contains("''")));
    }

    #[test]
    fn a_grant_recorded_for_a_cluster_v1_created_is_kept_with_a_note_that_a_new_cluster_needs_its_own() {
        let granted = |provisioning: &str, granted: bool| {
            let mut plan = parse_plan(V1).expect("parses");
            let cluster = plan.aks_clusters.get_mut(0).expect("dev");
            cluster.provisioning =
                Some(if provisioning == "create" { Provisioning::Create } else { Provisioning::Attach });
            cluster.network_contributor_granted = Some(granted);
            let (migrated, notes) = migrate(&plan);
            let kept = migrated.aks_clusters[0].network_contributor_granted;
            let said: Vec<String> = notes
                .iter()
                .filter(|note| note.code == "network-contributor-for-new-cluster")
                .map(|note| format!("{}: {}", note.subject(), note.text.render(Lang::En)))
                .collect();
            (kept, said)
        };
        let (kept, said) = granted("create", true);
        assert_eq!(kept, Some(true), "migrate writes no attestation and drops none");
        assert_eq!(said.len(), 1);
        assert!(said[0]
            .starts_with("/aksClusters/0/networkContributorGranted: networkContributorGranted stays true"));
        assert!(said[0].contains("a cluster you create anew has an identity of its own"), "{}", said[0]);
        // An attached cluster is the one it was, and a grant recorded as missing claims nothing.
        assert!(granted("attach", true).1.is_empty());
        assert!(granted("create", false).1.is_empty());
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let (once, _) = migrate(&parse_plan(V1).expect("parses"));
        assert_eq!(migrate(&once), (once.clone(), Vec::new()));
    }

    #[test]
    fn a_plan_without_v1_workloads_comes_back_unchanged() {
        let plan = parse_plan(
            r#"{"schemaVersion":1,"region":"r","workspace":{"resourceGroup":"rg","privateEndpoint":{"vnet":"v","subnet":"s"}},
               "vnets":[],"egress":{"restricted":true}}"#,
        )
        .expect("parses");
        assert_eq!(migrate(&plan), (plan.clone(), Vec::new()));
    }

    #[test]
    fn notes_speak_both_languages() {
        let (_, mut notes) = migrate(&parse_plan(V1).expect("parses"));
        for note in &mut notes {
            let english = note.message.clone();
            assert!(!english.contains('{'), "{english}");
            note.localize(Lang::Fr);
            assert!(note.message != english && !note.message.contains('{'), "{}", note.message);
        }
    }

    fn managed_endpoints(names: &[&str]) -> Vec<OnlineEndpoint> {
        names
            .iter()
            .map(|name| OnlineEndpoint {
                name: (*name).to_owned(),
                kind: EndpointKind::Managed,
                compute: None,
                public_network_access: None,
                legacy_egress_public_network_access: None,
            })
            .collect()
    }

    #[test]
    fn renamed_endpoints_take_the_first_free_suffix() {
        let free = |taken: &[&str], name: &str| free_name(&managed_endpoints(taken), name);
        assert_eq!(free(&[], "abc"), ("abc".to_owned(), false));
        assert_eq!(free(&["ABC"], "abc"), ("abc-2".to_owned(), true));
        assert_eq!(free(&["abc", "abc-2", "ABC-3"], "abc"), ("abc-4".to_owned(), true));
        assert_eq!(pointer::compare("/aciDeployments/10", "/aciDeployments/2"), std::cmp::Ordering::Greater);
    }

    #[test]
    fn endpoint_names_always_satisfy_azure_ml() {
        let free = |taken: &[&str], name: &str| free_name(&managed_endpoints(taken), name);
        let long = "a234567890123456789012345678901b";
        let (x40, x32) = ("x".repeat(40), "x".repeat(32));
        let cases: [(&[&str], &str, &str, bool); 9] = [
            (&[], "scoring_aci_2021", "scoring-aci-2021", false),
            (&["scoring-aci-2021"], "scoring_aci_2021", "scoring-aci-2021-2", true),
            // The suffix once pushed a 32-character name to 34.
            (&[long], long, "a23456789012345678901234567890-2", true),
            (&[], "a", "a-2", false),
            (&["a-2"], "a", "a-3", true),
            (&[], "2021-model", "aci-2021-model", false),
            (&[], "", "aci", false),
            (&[], "modèle_v1", "mod-le-v1", false),
            (&[], &x40, &x32, false),
        ];
        for (taken, name, expected, clash) in cases {
            let (renamed, clashed) = free(taken, name);
            assert_eq!((renamed.as_str(), clashed), (expected, clash), "{name}");
            assert_eq!(name_fault(&renamed), None, "{renamed}");
        }
    }

    #[test]
    fn an_invalid_aci_name_is_renamed_with_a_note_that_says_why() {
        let plan = parse_plan(
            r#"{"schemaVersion":1,"region":"r","workspace":{"resourceGroup":"rg"},"vnets":[],
               "aciDeployments":[{"name":"scoring_aci","vnet":"v","subnet":"aci"}],
               "onlineEndpoints":[{"name":"fraud","kind":"managed"}]}"#,
        )
        .expect("parses");
        let (migrated, notes) = migrate(&plan);
        let names: Vec<&str> = migrated.online_endpoints.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["fraud", "scoring-aci"]);
        let renamed = notes.iter().find(|note| note.code == "endpoint-renamed").expect("a note");
        assert_eq!(renamed.subject(), "/aciDeployments/0/name");
        assert_eq!(
            renamed.message,
            "ACI deployment 'scoring_aci' becomes the endpoint 'scoring-aci', because Azure ML refuses \
             'scoring_aci' as an online endpoint name: it contains '_', which is neither an ASCII letter, a \
             digit nor a hyphen"
        );
    }

    fn aci_plan(managed_network: &str) -> Plan {
        parse_plan(&format!(
            r#"{{"schemaVersion":1,"region":"r","workspace":{{"resourceGroup":"rg"{managed_network}}},"vnets":[],
               "aciDeployments":[{{"name":"score","vnet":"v","subnet":"aci"}}]}}"#
        ))
        .expect("parses")
    }

    fn vnet_note(plan: &Plan) -> String {
        let (_, notes) = migrate(plan);
        notes.into_iter().find(|note| note.code == "aci-vnet-not-carried").expect("a note").message
    }

    #[test]
    fn with_isolation_disabled_the_note_says_outbound_is_unrestricted() {
        let note = vnet_note(&aci_plan(r#","managedNetwork":{"isolationMode":"disabled"}"#));
        assert!(!note.contains("through the workspace managed network"), "{note}");
        assert!(
            note.ends_with(
                "The workspace managed network has isolationMode disabled, so nothing isolates the \
                 endpoint's outbound traffic: the deployment, which reached out from VNet 'v' under \
                 whatever that VNet filters, will have unrestricted outbound access. To isolate it, set \
                 managedNetwork.isolationMode before the endpoint is created: allowOnlyApprovedOutbound lets \
                 out only what the outbound rules approve, allowInternetOutbound places it in the managed \
                 network with its internet access kept; isolation cannot be turned off again"
            ),
            "{note}"
        );
    }

    #[test]
    fn with_a_managed_network_the_note_names_its_mode() {
        for (network, mode) in [
            ("", "allowInternetOutbound"),
            (
                r#","managedNetwork":{"isolationMode":"allowOnlyApprovedOutbound"}"#,
                "allowOnlyApprovedOutbound",
            ),
            (r#","managedNetwork":{"isolationMode":"allowInternetOutbound"}"#, "allowInternetOutbound"),
        ] {
            let note = vnet_note(&aci_plan(network));
            assert!(
                note.ends_with(&format!(
                    "Its outbound traffic goes through the workspace managed network ({mode})"
                )),
                "{note}"
            );
        }
    }

    #[test]
    fn the_scoring_nsg_attestation_never_survives_migration() {
        let plan = parse_plan(
            r#"{"schemaVersion":1,"region":"r","workspace":{"resourceGroup":"rg"},"vnets":[],
               "aksClusters":[
                 {"name":"a","serviceCidr":"10.0.0.0/16","dnsServiceIP":"10.0.0.10","nodeCount":3,
                  "scoringFromOutsideVnet":true,"nsgAllowsScoringInbound":true},
                 {"name":"b","serviceCidr":"10.0.0.0/16","dnsServiceIP":"10.0.0.10","nodeCount":3,
                  "nsgAllowsScoringInbound":false}]}"#,
        )
        .expect("parses");
        let (migrated, notes) = migrate(&plan);
        let kept: Vec<Option<bool>> =
            migrated.aks_clusters.iter().map(|c| c.nsg_allows_scoring_inbound).collect();
        assert_eq!(kept, [None, None]);
        assert_eq!(migrated.aks_clusters.first().map(|c| c.scoring_from_outside_vnet), Some(Some(true)));
        let dropped: Vec<&str> = notes
            .iter()
            .filter(|note| note.code == "nsg-rule-not-carried")
            .map(MigrationNote::subject)
            .collect();
        assert_eq!(dropped, ["/aksClusters/0/nsgAllowsScoringInbound"], "false is the default, so no note");
    }
}
