//! The IaC scanner checks (checkov's IDs) that a template leaves failing on purpose, each with
//! the Azure ML requirement or the plan's choice behind it. The renderers write them as the
//! scanner's own inline skip on the resource, so a pipeline that scans the template sees why
//! instead of a failure, and a reader does not "fix" the template into one Azure ML rejects.

use crate::plan::{AksCluster, ManagedNetwork, NetworkPlugin, OutboundRuleType, SERVICE_SUBNETS};
use crate::text::{Lang, Text};

/// Which templates a check runs on: the scanner's Terraform and ARM checks differ, and a skip
/// where the check passes would hide a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::export) enum Scope {
    All,
    Terraform,
    /// ARM and Bicep, which the scanner judges with the same checks.
    Arm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::export) struct Skip {
    pub(in crate::export) check: &'static str,
    pub(in crate::export) scope: Scope,
    pub(in crate::export) reason: String,
}

impl Skip {
    fn new(check: &'static str, scope: Scope, reason: &Text, lang: Lang) -> Self {
        Self { check, scope, reason: reason.get(lang).to_owned() }
    }

    pub(in crate::export) fn in_terraform(&self) -> bool {
        self.scope != Scope::Arm
    }

    pub(in crate::export) fn in_arm(&self) -> bool {
        self.scope != Scope::Terraform
    }

    /// The skip as the scanner reads it, without the comment marker of the language.
    pub(in crate::export) fn directive(&self) -> String {
        format!("checkov:skip={}:{}", self.check, self.reason.replace(['\n', '\r'], " "))
    }
}

pub(in crate::export) fn refuses_nsg(subnet: &str) -> bool {
    SERVICE_SUBNETS.iter().any(|name| name.eq_ignore_ascii_case(subnet))
}

/// The skip for a subnet that must stay without a security group, where the scanner's own
/// exemptions (it knows only the gateway and firewall subnets) do not cover it.
pub(in crate::export) fn subnet_skip(subnet: &str, lang: Lang) -> Option<Skip> {
    let covered =
        ["GatewaySubnet", "AzureFirewallSubnet"].iter().any(|name| name.eq_ignore_ascii_case(subnet));
    (refuses_nsg(subnet) && !covered)
        .then(|| Skip::new("CKV2_AZURE_31", Scope::Terraform, &NO_NSG_ALLOWED, lang))
}

/// The skip for a scoring rule that opens port 80 to any source.
pub(in crate::export) fn http_skip(cluster: &AksCluster, lang: Lang) -> Skip {
    let reason = if cluster.is_v2() { &HTTP_V2_INSECURE } else { &HTTP_V1 };
    Skip::new("CKV_AZURE_160", Scope::All, reason, lang)
}

/// The checks that the cluster resource of `cluster` leaves failing, and why.
pub(in crate::export) fn cluster_skips(cluster: &AksCluster, lang: Lang) -> Vec<Skip> {
    let mut skips = vec![
        Skip::new("CKV_AZURE_4", Scope::All, &MONITORING, lang),
        Skip::new("CKV_AZURE_8", Scope::Arm, &DASHBOARD, lang),
        Skip::new("CKV_AZURE_116", Scope::Terraform, &POLICY, lang),
        Skip::new("CKV_AZURE_117", Scope::Terraform, &DISK_ENCRYPTION_SET, lang),
        Skip::new("CKV_AZURE_170", Scope::Terraform, &SLA_TIER, lang),
        Skip::new("CKV_AZURE_171", Scope::All, &UPGRADE_CHANNEL, lang),
        Skip::new("CKV_AZURE_172", Scope::All, &SECRETS_STORE, lang),
        Skip::new(
            "CKV_AZURE_226",
            Scope::All,
            if cluster.vm_size.is_some() { &EPHEMERAL_DISK_SIZED } else { &EPHEMERAL_DISK },
            lang,
        ),
        Skip::new("CKV_AZURE_227", Scope::All, &HOST_ENCRYPTION, lang),
        Skip::new("CKV_AZURE_232", Scope::Terraform, &SYSTEM_POOL, lang),
    ];
    if cluster.plugin() == NetworkPlugin::Kubenet {
        skips.push(Skip::new("CKV2_AZURE_29", Scope::Terraform, &KUBENET, lang));
    }
    if cluster.effective_max_pods() < 50 {
        skips.push(Skip::new("CKV_AZURE_168", Scope::All, &MAX_PODS, lang));
    }
    if !cluster.private_cluster() {
        let reason = match (cluster.is_v2(), cluster.api_server_authorized_ip_ranges.is_empty()) {
            (_, false) => &RANGES_INSTEAD,
            (true, true) => &PUBLIC_API_SERVER,
            (false, true) => &PUBLIC_API_SERVER_V1,
        };
        skips.push(Skip::new("CKV_AZURE_115", Scope::Terraform, reason, lang));
    }
    if cluster.api_server_authorized_ip_ranges.is_empty() {
        // The scanner's Terraform check lets a private cluster pass; its ARM check does not.
        let (reason, scope) = if cluster.private_cluster() {
            (&RANGES_PRIVATE, Scope::Arm)
        } else {
            (&RANGES_UNSET, Scope::All)
        };
        skips.push(Skip::new("CKV_AZURE_6", scope, reason, lang));
    }
    if !cluster.local_accounts_disabled() {
        let reason = match (cluster.is_v2(), cluster.trusted_access()) {
            (false, _) => &LOCAL_ACCOUNTS_V1,
            (true, false) => &LOCAL_ACCOUNTS_NO_TRUSTED_ACCESS,
            (true, true) => &LOCAL_ACCOUNTS_KEPT,
        };
        skips.push(Skip::new("CKV_AZURE_141", Scope::All, reason, lang));
    }
    skips.sort_by_key(|skip| (skip.check.len(), skip.check));
    skips
}

/// The checks that the workspace resource, declared for its managed network, leaves failing.
pub(in crate::export) fn workspace_skips(network: &ManagedNetwork, lang: Lang) -> Vec<Skip> {
    let private_rules =
        network.outbound_rules.iter().any(|rule| rule.rule_type == OutboundRuleType::PrivateEndpoint);
    let endpoints = if private_rules { &PRIVATE_RULES_APART } else { &NO_PRIVATE_RULES };
    vec![
        Skip::new("CKV_AZURE_144", Scope::Terraform, &WORKSPACE_PUBLIC_ACCESS, lang),
        Skip::new("CKV_AZURE_243", Scope::Arm, endpoints, lang),
        Skip::new("CKV2_AZURE_50", Scope::Terraform, &WORKSPACE_STORAGE, lang),
    ]
}

const NO_NSG_ALLOWED: Text = text!(
    "Azure refuses a network security group on this subnet, so none is attached",
    "Azure refuse un groupe de sécurité réseau sur ce sous-réseau : aucun n’y est associé"
);
const HTTP_V1: Text = text!(
    "a v1 plan does not record whether scoring uses TLS, so plain HTTP stays open beside 443; remove port 80 once TLS is on",
    "un plan v1 ne dit pas si le scoring utilise TLS : le HTTP en clair reste ouvert à côté de 443 ; retirez le port 80 une fois TLS activé"
);
const HTTP_V2_INSECURE: Text = text!(
    "the plan sets allowInsecureConnections, so the router serves plain HTTP on port 80 (finding k8s-insecure-connections)",
    "le plan définit allowInsecureConnections : le routeur sert du HTTP en clair sur le port 80 (constat k8s-insecure-connections)"
);
const KUBENET: Text = text!(
    "the plan chooses kubenet (networkPlugin), whose pods take addresses from podCidr outside the VNet; choose Azure CNI Overlay in the plan to pass this check",
    "le plan choisit kubenet (networkPlugin), dont les pods prennent leurs adresses dans podCidr hors du VNet ; choisissez Azure CNI Overlay dans le plan pour passer ce contrôle"
);
const MONITORING: Text = text!(
    "Container insights needs a Log Analytics workspace, which a network plan does not hold; add the monitoring add-on with your own workspace",
    "Container insights exige un espace de travail Log Analytics, absent d’un plan réseau ; ajoutez le module de supervision avec votre propre espace"
);
const DASHBOARD: Text = text!(
    "AKS removed the Kubernetes dashboard add-on (Kubernetes 1.19 and later), so there is nothing to turn off",
    "AKS a retiré le module du tableau de bord Kubernetes (Kubernetes 1.19 et suivants) : il n’y a rien à désactiver"
);
const POLICY: Text = text!(
    "Azure Policy is governance outside the network plan; enable the add-on where your organization assigns policies",
    "Azure Policy relève de la gouvernance, hors du plan réseau ; activez le module là où votre organisation attribue des stratégies"
);
const DISK_ENCRYPTION_SET: Text = text!(
    "customer-managed disk keys need a Key Vault and a disk encryption set, which the plan does not hold; platform keys encrypt the disks meanwhile",
    "les clés de disque gérées par le client exigent un Key Vault et un jeu de chiffrement de disque, absents du plan ; les clés de la plateforme chiffrent les disques en attendant"
);
const SLA_TIER: Text = text!(
    "the plan records no pricing tier, so the cluster keeps AKS's default Free tier; choose Standard for the uptime SLA of production",
    "le plan n’indique aucun niveau tarifaire : le cluster garde le niveau Free par défaut d’AKS ; choisissez Standard pour le SLA de disponibilité en production"
);
const UPGRADE_CHANNEL: Text = text!(
    "the plan chooses no automatic upgrade channel; each upgrade surges nodes into the node subnet (maxSurge), so pick one deliberately",
    "le plan ne choisit aucun canal de mise à niveau automatique ; chaque mise à niveau ajoute des nœuds dans le sous-réseau des nœuds (maxSurge) : choisissez-en un sciemment"
);
const SECRETS_STORE: Text = text!(
    "the plan does not use the Key Vault Secrets Store CSI driver add-on, so there are no secrets to rotate",
    "le plan n’utilise pas le module Secrets Store CSI de Key Vault : il n’y a pas de secrets à renouveler"
);
const EPHEMERAL_DISK: Text = text!(
    "whether an ephemeral OS disk fits depends on the VM size's cache, and the VM size is a parameter the plan leaves open",
    "un disque de système éphémère dépend du cache de la taille de VM, et la taille de VM est un paramètre que le plan laisse ouvert"
);
const EPHEMERAL_DISK_SIZED: Text = text!(
    "whether an ephemeral OS disk fits depends on the cache or temporary disk of the plan's VM size, and the plan does not choose the OS disk type",
    "un disque de système éphémère dépend du cache ou du disque temporaire de la taille de VM du plan, et le plan ne choisit pas le type de disque de système"
);
const HOST_ENCRYPTION: Text = text!(
    "encryption at host needs the EncryptionAtHost feature registered on the subscription, which the plan does not record",
    "le chiffrement sur l’hôte exige la fonctionnalité EncryptionAtHost inscrite sur l’abonnement, ce que le plan n’indique pas"
);
const SYSTEM_POOL: Text = text!(
    "the cluster has one node pool, which also runs Azure ML's router and models; reserving it for system pods would leave them nowhere to run",
    "le cluster n’a qu’un pool de nœuds, qui fait aussi tourner le routeur et les modèles d’Azure ML ; le réserver aux pods système ne leur laisserait aucune place"
);
const MAX_PODS: Text = text!(
    "the plan's pods per node (maxPods, or the network plugin's default) size the node subnet; raise maxPods in the plan, not here",
    "le nombre de pods par nœud du plan (maxPods, ou la valeur par défaut du plug-in réseau) dimensionne le sous-réseau des nœuds ; augmentez maxPods dans le plan, pas ici"
);
const PUBLIC_API_SERVER_V1: Text = text!(
    "Azure ML v1 cannot create a private cluster (private-cluster-must-be-attached), so this cluster's API server stays public (finding aks-api-server-public)",
    "Azure ML v1 ne peut pas créer de cluster privé (private-cluster-must-be-attached) : le serveur d’API de ce cluster reste public (constat aks-api-server-public)"
);
const PUBLIC_API_SERVER: Text = text!(
    "the plan keeps the API server public (privateCluster false; finding aks-api-server-public)",
    "le plan garde le serveur d’API public (privateCluster à false ; constat aks-api-server-public)"
);
const RANGES_INSTEAD: Text = text!(
    "the plan keeps the API server public but limits it to its authorized IP ranges (apiServerAuthorizedIpRanges)",
    "le plan garde le serveur d’API public mais le limite à ses plages d’IP autorisées (apiServerAuthorizedIpRanges)"
);
const RANGES_PRIVATE: Text = text!(
    "a private cluster's API server has no public address, and AKS refuses authorized IP ranges on it",
    "le serveur d’API d’un cluster privé n’a pas d’adresse publique, et AKS y refuse les plages d’IP autorisées"
);
const RANGES_UNSET: Text = text!(
    "the plan sets no apiServerAuthorizedIpRanges; any ranges must admit Azure ML's control plane unless Trusted Access is set up (finding aks-api-server-public)",
    "le plan ne définit pas apiServerAuthorizedIpRanges ; toute plage doit admettre le plan de contrôle d’Azure ML, sauf avec l’accès approuvé (constat aks-api-server-public)"
);
const LOCAL_ACCOUNTS_V1: Text = text!(
    "Azure ML v1 cannot use Trusted Access, and without it Azure ML does not support a cluster without local accounts (finding aks-local-accounts-enabled)",
    "Azure ML v1 ne peut pas utiliser l’accès approuvé, et sans lui Azure ML ne prend pas en charge un cluster sans comptes locaux (constat aks-local-accounts-enabled)"
);
const LOCAL_ACCOUNTS_NO_TRUSTED_ACCESS: Text = text!(
    "without Trusted Access the Azure ML extension does not support disabled local accounts (finding aks-local-accounts-enabled)",
    "sans accès approuvé, l’extension Azure ML ne prend pas en charge des comptes locaux désactivés (constat aks-local-accounts-enabled)"
);
const LOCAL_ACCOUNTS_KEPT: Text = text!(
    "the plan keeps local accounts (localAccountsDisabled false; finding aks-local-accounts-enabled)",
    "le plan garde les comptes locaux (localAccountsDisabled à false ; constat aks-local-accounts-enabled)"
);

const WORKSPACE_PUBLIC_ACCESS: Text = text!(
    "the plan does not record whether the workspace takes public traffic; turn it off once a private endpoint serves every client",
    "le plan n’indique pas si l’espace de travail accepte le trafic public ; coupez-le une fois qu’un point de terminaison privé sert tous les clients"
);
const PRIVATE_RULES_APART: Text = text!(
    "the plan's private endpoint outbound rules are declared as workspaces/outboundRules resources, which this check does not read",
    "les règles sortantes de point de terminaison privé du plan sont déclarées comme ressources workspaces/outboundRules, que ce contrôle ne lit pas"
);
const NO_PRIVATE_RULES: Text = text!(
    "the plan lists no private endpoint outbound rule; Azure ML creates the required ones (the workspace's storage, key vault and registry) itself",
    "le plan ne liste aucune règle sortante de point de terminaison privé ; Azure ML crée lui-même celles qu’il exige (stockage, coffre de clés et registre de l’espace de travail)"
);
const WORKSPACE_STORAGE: Text = text!(
    "the workspace's storage account is given by its ID and declared outside this template, so its public access is set there",
    "le compte de stockage de l’espace de travail est donné par son ID et déclaré hors de ce modèle : son accès public se règle là-bas"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subnet_azure_keeps_bare_is_skipped_only_where_the_scanner_lacks_its_exemption() {
        assert!(refuses_nsg("gatewaysubnet"));
        assert_eq!(subnet_skip("GatewaySubnet", Lang::En), None);
        assert_eq!(subnet_skip("RouteServerSubnet", Lang::En).map(|skip| skip.check), Some("CKV2_AZURE_31"));
        assert_eq!(subnet_skip("aks-nodes", Lang::En), None);
    }

    #[test]
    fn cluster_skips_follow_the_plan() {
        let mut cluster = AksCluster::new("aks", "vnet", "nodes", "10.2.0.0/16", "10.2.0.10");
        let checks = |cluster: &AksCluster| -> Vec<&str> {
            cluster_skips(cluster, Lang::En).iter().map(|skip| skip.check).collect()
        };
        assert!(checks(&cluster).contains(&"CKV_AZURE_6"));
        assert!(checks(&cluster).contains(&"CKV_AZURE_115"));
        assert!(checks(&cluster).contains(&"CKV_AZURE_141"));
        cluster.api_server_authorized_ip_ranges = vec!["203.0.113.0/24".to_owned()];
        cluster.local_accounts_disabled = Some(true);
        cluster.max_pods = Some(110);
        let hardened = checks(&cluster);
        for check in ["CKV_AZURE_6", "CKV_AZURE_141", "CKV_AZURE_168"] {
            assert!(!hardened.contains(&check), "{check}");
        }
        // A public API server behind ranges is the plan's choice, not the finding's case.
        let reasons = cluster_skips(&cluster, Lang::En);
        let private = reasons.iter().find(|skip| skip.check == "CKV_AZURE_115").expect("still public");
        assert!(!private.reason.contains("aks-api-server-public"), "{}", private.reason);
    }

    #[test]
    fn a_directive_stays_on_one_line() {
        let skip = Skip { check: "CKV_AZURE_4", scope: Scope::All, reason: "one\ntwo".to_owned() };
        assert_eq!(skip.directive(), "checkov:skip=CKV_AZURE_4:one two");
    }
}
