//! The page's words in English and French. Every text has both languages by construction: the
//! table is one macro call, and a missing translation does not compile.

use std::str::FromStr;

use vnetplan_core::RuleId;

use crate::UnknownName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::En, Self::Fr];

    /// The language's code, as in `lang` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }
}

/// Reads a language tag by its language alone, so the browser's "fr-CA" is French.
impl FromStr for Lang {
    type Err = UnknownName;

    fn from_str(tag: &str) -> Result<Self, UnknownName> {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        Self::ALL.into_iter().find(|lang| lang.as_str().eq_ignore_ascii_case(language)).ok_or(UnknownName)
    }
}

macro_rules! texts {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// A text of the page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Self::$key, Lang::En) => $en, (Self::$key, Lang::Fr) => $fr,)*
                }
            }
        }
    };
}

texts! {
    Tagline => "Plan the network of an Azure ML inference environment, and see what Azure would reject before you deploy.",
        "Planifiez le réseau d’un environnement d’inférence Azure ML et voyez ce qu’Azure refuserait avant de déployer.";
    SkipToFindings => "Skip to findings", "Aller aux constats";
    StartFrom => "Start from", "Partir de";
    PresetDefaultAks => "Default AKS cluster in a VNet", "Cluster AKS par défaut dans un VNet";
    PresetPrivateAks => "Private AKS cluster, attached", "Cluster AKS privé, attaché";
    PresetInternalLb => "AKS behind an internal load balancer", "AKS derrière un équilibreur de charge interne";
    PresetAci => "ACI in a delegated subnet", "ACI dans un sous-réseau délégué";
    PresetEmpty => "Empty plan", "Plan vide";
    LoadPreset => "Load", "Charger";
    Undo => "Undo", "Annuler";
    Redo => "Redo", "Rétablir";
    ShareLink => "Share link", "Lien de partage";
    ShareLinkHelp => "This link holds the whole plan; nothing is sent to a server.",
        "Ce lien contient tout le plan ; rien n’est envoyé à un serveur.";
    LinkCopied => "Link copied to the clipboard.", "Lien copié dans le presse-papiers.";
    Download => "Download plan", "Télécharger le plan";
    OpenFile => "Open plan file", "Ouvrir un fichier de plan";
    Language => "Language", "Langue";
    Theme => "Theme", "Thème";
    ThemeSystem => "System", "Système";
    ThemeLight => "Light", "Clair";
    ThemeDark => "Dark", "Sombre";
    Dismiss => "Dismiss", "Fermer";
    NoticeLinkLoaded => "Plan loaded from the link.", "Plan chargé depuis le lien.";
    NoticeLinkBroken => "This link's plan could not be opened; your plan is unchanged.",
        "Le plan de ce lien n’a pas pu être ouvert ; votre plan est inchangé.";
    NoticeFileLoaded => "Plan loaded from the file.", "Plan chargé depuis le fichier.";
    NoticeFileBroken => "This file could not be opened as a plan; your plan is unchanged.",
        "Ce fichier n’a pas pu être ouvert comme plan ; votre plan est inchangé.";
    NoticeFixApplied => "Fix applied. Undo takes it back.", "Correction appliquée. Annuler la retire.";
    NoticeFixFailed => "This fix could not be applied.", "Cette correction n’a pas pu être appliquée.";
    NoticeEditRefused => "This change could not be made.", "Cette modification n’a pas pu être faite.";
    NoticePresetLoaded => "Preset loaded. Undo brings your previous plan back.",
        "Modèle chargé. Annuler ramène votre plan précédent.";
    PlanSection => "Plan", "Plan";
    Name => "Name", "Nom";
    Region => "Region", "Région";
    RegionHint => "lower-case Azure name, e.g. eastus2", "nom Azure en minuscules, p. ex. eastus2";
    Workspace => "Workspace", "Espace de travail";
    ResourceGroup => "Resource group", "Groupe de ressources";
    PrivateEndpoint => "Private endpoint of the workspace", "Point de terminaison privé de l’espace de travail";
    HasPrivateEndpoint => "The workspace has a private endpoint", "L’espace de travail a un point de terminaison privé";
    Vnet => "VNet", "VNet";
    Subnet => "Subnet", "Sous-réseau";
    AcrInVnet => "The workspace's container registry is behind the VNet",
        "Le registre de conteneurs de l’espace de travail est derrière le VNet";
    Vnets => "Virtual networks", "Réseaux virtuels";
    AddVnet => "Add a VNet", "Ajouter un VNet";
    Remove => "Remove", "Supprimer";
    AddressPrefixes => "Address prefixes", "Préfixes d’adresse";
    AddPrefix => "Add a prefix", "Ajouter un préfixe";
    Subnets => "Subnets", "Sous-réseaux";
    AddSubnet => "Add a subnet", "Ajouter un sous-réseau";
    AddressPrefix => "Address prefix", "Préfixe d’adresse";
    Delegations => "Delegations (comma-separated)", "Délégations (séparées par des virgules)";
    RegionOptional => "Region (empty: the plan's)", "Région (vide : celle du plan)";
    ExternalRanges => "External ranges", "Plages externes";
    ExternalRangesHint => "Peered VNets, on-premises networks, VPN and ExpressRoute ranges that the VNets reach.",
        "VNets appairés, réseaux locaux, plages VPN et ExpressRoute joignables depuis les VNets.";
    AddExternal => "Add an external range", "Ajouter une plage externe";
    Kind => "Kind", "Type";
    KindPeeredVnet => "Peered VNet", "VNet appairé";
    KindOnPremises => "On-premises", "Réseau local";
    KindVpn => "VPN", "VPN";
    KindExpressRoute => "ExpressRoute", "ExpressRoute";
    KindOther => "Other", "Autre";
    Clusters => "AKS clusters", "Clusters AKS";
    AddCluster => "Add an AKS cluster", "Ajouter un cluster AKS";
    Provisioning => "Provisioning", "Provisionnement";
    ProvisionCreate => "Created by Azure ML", "Créé par Azure ML";
    ProvisionAttach => "Existing cluster, attached", "Cluster existant, attaché";
    NetworkPlugin => "Network plugin", "Plug-in réseau";
    PluginAzure => "Azure CNI", "Azure CNI";
    PluginKubenet => "kubenet", "kubenet";
    OverlayMode => "Overlay mode (Azure CNI Overlay)", "Mode overlay (Azure CNI Overlay)";
    PodCidr => "Pod range (kubenet and overlay)", "Plage des pods (kubenet et overlay)";
    ServiceCidr => "Kubernetes service range", "Plage des services Kubernetes";
    DnsServiceIp => "Kubernetes DNS service IP", "IP du service DNS Kubernetes";
    DockerBridge => "Docker bridge address", "Adresse du pont Docker";
    NodeCount => "Nodes", "Nœuds";
    MaxSurge => "Upgrade surge (extra nodes)", "Surcroît de mise à niveau (nœuds en plus)";
    MaxPods => "Pods per node (empty: plugin default)", "Pods par nœud (vide : défaut du plug-in)";
    VcpusPerNode => "vCPUs per node (optional)", "vCPU par nœud (facultatif)";
    ClusterPurpose => "Cluster purpose", "Usage du cluster";
    PurposeProd => "Production (FastProd)", "Production (FastProd)";
    PurposeDevTest => "Dev-test", "Développement et test";
    PrivateCluster => "Private cluster (Private Link API server)", "Cluster privé (serveur d’API Private Link)";
    LoadBalancerType => "Load balancer", "Équilibreur de charge";
    PublicIp => "Public IP", "IP publique";
    InternalLoadBalancer => "Internal load balancer", "Équilibreur de charge interne";
    LoadBalancerSubnet => "Load balancer subnet (empty: the node subnet)", "Sous-réseau de l’équilibreur (vide : celui des nœuds)";
    Identity => "Cluster identity", "Identité du cluster";
    SystemAssigned => "Managed identity", "Identité managée";
    ServicePrincipal => "Service principal", "Principal de service";
    NetworkContributor => "The identity has Network Contributor on the VNet's resource group",
        "L’identité a le rôle Contributeur réseau sur le groupe de ressources du VNet";
    ScoringOutside => "Clients outside the VNet call the scoring endpoint",
        "Des clients hors du VNet appellent le point de terminaison de scoring";
    NsgInbound => "An NSG inbound rule admits the scoring endpoint", "Une règle NSG entrante admet le point de terminaison de scoring";
    AciDeployments => "ACI deployments", "Déploiements ACI";
    AddAci => "Add an ACI deployment", "Ajouter un déploiement ACI";
    DnsNameLabel => "DNS name label (must stay empty in a VNet)", "Étiquette de nom DNS (doit rester vide dans un VNet)";
    Egress => "Outbound traffic", "Trafic sortant";
    EgressRestricted => "Outbound traffic is restricted (default rules overridden)",
        "Le trafic sortant est restreint (règles par défaut remplacées)";
    AllowedTags => "Allowed service tags (comma-separated)", "Balises de service autorisées (séparées par des virgules)";
    Permissions => "Your permissions", "Vos autorisations";
    VnetJoin => "I hold virtualNetworks/join/action on the VNet", "J’ai virtualNetworks/join/action sur le VNet";
    SubnetJoin => "I hold virtualNetworks/subnets/join/action on the subnet",
        "J’ai virtualNetworks/subnets/join/action sur le sous-réseau";
    Findings => "Findings", "Constats";
    NoProblems => "No errors or warnings: Azure should accept this plan.",
        "Aucune erreur ni avertissement : Azure devrait accepter ce plan.";
    Errors => "errors", "erreurs";
    Warnings => "warnings", "avertissements";
    Infos => "infos", "infos";
    OneError => "error", "erreur";
    OneWarning => "warning", "avertissement";
    OneInfo => "info", "info";
    SeverityError => "Error", "Erreur";
    SeverityWarning => "Warning", "Avertissement";
    SeverityInfo => "Info", "Info";
    Fix => "Fix", "Corriger";
    Why => "Why?", "Pourquoi ?";
    HideWhy => "Hide explanation", "Masquer l’explication";
    WhatItChecks => "What it checks", "Ce qui est vérifié";
    WhyItMatters => "Why it matters", "Pourquoi c’est important";
    Example => "Example", "Exemple";
    HowToFix => "How to fix it", "Comment corriger";
    DocsInEnglish => "The rule's explanation is written in English.", "L’explication de la règle est rédigée en anglais.";
    Fields => "Fields", "Champs";
    AddressMap => "Address map", "Carte des adresses";
    AddressMapHint => "Each bar is a range. Hatched bars with a thick outline take part in an error or a warning. Select a bar to see its addresses; press Enter to edit its field.",
        "Chaque barre est une plage. Les barres hachurées au contour épais sont concernées par une erreur ou un avertissement. Sélectionnez une barre pour voir ses adresses ; Entrée ouvre son champ.";
    FirstAddress => "First", "Première";
    LastAddress => "Last", "Dernière";
    Usable => "Usable", "Utilisables";
    Size => "Size", "Taille";
    Addresses => "addresses", "adresses";
    InConflict => "in a finding", "concernée par un constat";
    ReservedByAks => "reserved by AKS", "réservée par AKS";
    EmptyMap => "No range parses yet: add a VNet with an address prefix.",
        "Aucune plage n’est encore lisible : ajoutez un VNet avec un préfixe d’adresse.";
    Capacity => "Node subnet capacity", "Capacité des sous-réseaux des nœuds";
    CapacityRow => "{needed} of {usable} usable addresses needed", "{needed} adresses nécessaires sur {usable} utilisables";
    CountError => "Enter a whole number of at least {min}.", "Saisissez un nombre entier d’au moins {min}.";
    CountOrEmptyError => "Enter a whole number of at least {min}, or leave it empty.",
        "Saisissez un nombre entier d’au moins {min}, ou laissez vide.";
    AzureSteps => "Azure steps", "Étapes Azure";
    AzureStepsHint => "What builds this plan, in the guide's order, with the plan's own values. Steps marked with a finding are wrong until it is resolved.",
        "Ce qui construit ce plan, dans l’ordre du guide, avec les valeurs du plan. Les étapes marquées d’un constat sont fausses tant qu’il n’est pas résolu.";
    ShowSteps => "Show the steps", "Afficher les étapes";
    HideSteps => "Hide the steps", "Masquer les étapes";
    Copy => "Copy", "Copier";
    Copied => "Copied", "Copié";
    FlaggedBy => "Wrong until these findings are resolved:", "Fausse tant que ces constats ne sont pas résolus :";
    Downloads => "Download as", "Télécharger en";
    NoSteps => "Add an AKS cluster or an ACI deployment to see its steps.",
        "Ajoutez un cluster AKS ou un déploiement ACI pour voir ses étapes.";
    ImportFromAzure => "Import from Azure", "Importer depuis Azure";
    ImportHint => "Paste or open what az network vnet show or list, az aks show -o json, or an ARM template print. Several documents combine into one plan.",
        "Collez ou ouvrez ce qu’affichent az network vnet show ou list, az aks show -o json, ou un modèle ARM. Plusieurs documents se combinent en un plan.";
    ImportPaste => "Azure JSON (one document)", "JSON Azure (un document)";
    ImportFiles => "Or open files", "Ou ouvrir des fichiers";
    ImportRun => "Import into the plan", "Importer dans le plan";
    ImportDone => "Imported. VNets and clusters with the same names were replaced; Undo takes it back.",
        "Importé. Les VNets et clusters de même nom ont été remplacés ; Annuler revient en arrière.";
    ImportNotes => "Not imported, field by field:", "Non importé, champ par champ :";
    ImportFailed => "Nothing was imported; your plan is unchanged:", "Rien n’a été importé ; votre plan est inchangé :";
    Close => "Close", "Fermer";
    NoticeImported => "Plan merged with what Azure printed. Undo takes it back.",
        "Plan fusionné avec la sortie d’Azure. Annuler revient en arrière.";
    SubnetsHidden => "{count} more subnets are not shown.", "{count} autres sous-réseaux ne sont pas affichés.";
    ShowMore => "Show more", "Afficher plus";
    ShowAll => "Show all", "Tout afficher";
    FindingsHidden => "{count} more findings are not shown.", "{count} autres constats ne sont pas affichés.";
    OpenFullPlanner => "Open in the full planner", "Ouvrir dans le planificateur complet";
    Footer => "vnetplan runs entirely in your browser: plans stay on this device.",
        "vnetplan fonctionne entièrement dans votre navigateur : les plans restent sur cet appareil.";
}

/// The catalog's one-line summary of a rule, in the page's language, as a headline: the
/// catalog writes summaries in lower case to read well inside sentences.
pub fn rule_headline(rule: RuleId, lang: Lang) -> String {
    let summary = match lang {
        Lang::En => rule.summary(),
        Lang::Fr => french_summary(rule),
    };
    let mut chars = summary.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn french_summary(rule: RuleId) -> &'static str {
    use RuleId::*;
    match rule {
        InvalidCidr => "un champ CIDR n’est pas une valeur IPv4 a.b.c.d/n valide",
        InvalidIp => "l’IP du service DNS n’est pas une adresse IPv4 valide",
        Ipv6NotSupported => "une valeur IPv6 occupe un champ qu’Azure ML v1 accepte en IPv4 seulement",
        CidrHasHostBits => "un CIDR n’est pas écrit avec son adresse de réseau",
        UnknownVnet => "un cluster, un déploiement ou un point de terminaison nomme un VNet absent du plan",
        UnknownSubnet => {
            "un cluster, un déploiement ou un point de terminaison nomme un sous-réseau absent de son VNet"
        }
        DuplicateName => "deux VNets, sous-réseaux d’un VNet, clusters ou déploiements portent le même nom",
        SubnetOutsideVnet => "un sous-réseau sort des préfixes d’adresse de son VNet",
        OverlappingSubnets => "deux sous-réseaux d’un VNet partagent des adresses",
        OverlappingVnetPrefixes => "deux préfixes d’adresse d’un VNet partagent des adresses",
        SubnetTooSmall => "un sous-réseau est plus petit que /29, le minimum d’Azure",
        VnetForbiddenRange => "un préfixe de VNet prend des adresses qu’Azure n’autorise dans aucun VNet",
        VnetAksReservedRange => "le VNet d’un cluster AKS prend des adresses réservées par AKS",
        VnetsOverlap => "deux VNets du plan partagent des adresses et ne pourront jamais être appairés",
        VnetOverlapsExternalRange => "un préfixe de VNet partage des adresses avec une plage externe",
        ServiceCidrOverlapsSubnet => {
            "la plage des services Kubernetes chevauche un sous-réseau du VNet du cluster"
        }
        ServiceCidrOverlapsVnet => {
            "la plage des services Kubernetes est dans l’espace d’adresses du VNet du cluster"
        }
        ServiceCidrOverlapsExternalRange => "la plage des services Kubernetes chevauche une plage externe",
        ServiceCidrOverlapsOtherVnet => "la plage des services Kubernetes chevauche un autre VNet du plan",
        ServiceCidrOverlapsPodCidr => "la plage des services Kubernetes chevauche la plage des pods",
        ServiceCidrReservedRange => "la plage des services Kubernetes prend des adresses réservées par AKS",
        ServiceCidrTooLarge => "la plage des services Kubernetes est plus grande que /12",
        DnsIpOutsideServiceCidr => "l’IP du service DNS est hors de la plage des services Kubernetes",
        DnsIpIsFirstAddress => {
            "l’IP du service DNS est la première adresse de la plage, prise par kubernetes.default"
        }
        DnsIpNotAssignable => "l’IP du service DNS est l’adresse de réseau ou de diffusion de la plage",
        DockerBridgeOverlapsSubnet => "la plage du pont Docker chevauche le VNet du cluster",
        DockerBridgeOverlapsServiceCidr => {
            "la plage du pont Docker chevauche la plage des services Kubernetes"
        }
        DockerBridgeOverlapsPodCidr => "la plage du pont Docker chevauche la plage des pods",
        DockerBridgeOverlapsExternalRange => "la plage du pont Docker chevauche une plage externe",
        DockerBridgeMissing => "un cluster créé par Azure ML n’a pas de plage de pont Docker",
        DockerBridgeIgnored => "la plage du pont Docker ne sert qu’au SDK v1 ; AKS ne l’utilise plus",
        PodCidrWithAzureCni => "une plage de pods est définie pour Azure CNI sans overlay",
        PodCidrMissing => "kubenet ou overlay n’a pas de plage de pods",
        OverlayRequiresAzurePlugin => "le mode overlay est défini avec kubenet",
        PodCidrOverlapsVnet => "la plage des pods chevauche le VNet du cluster",
        PodCidrOverlapsExternalRange => "la plage des pods chevauche une plage externe",
        PodCidrOverlapsOtherVnet => "la plage des pods chevauche un autre VNet du plan",
        PodCidrReservedRange => "la plage des pods chevauche des adresses réservées par AKS",
        PodCidrTooSmall => "la plage des pods ne peut pas donner un /24 à chaque nœud",
        AksSubnetTooSmall => {
            "le sous-réseau des nœuds a moins d’adresses utilisables que le cluster n’en demande"
        }
        AksSubnetNoHeadroom => "le sous-réseau des nœuds contient le cluster mais pas un nœud de plus",
        AksSubnetDelegated => "le sous-réseau des nœuds est délégué à un service",
        AksSubnetSharedKubenet => "un cluster kubenet partage son sous-réseau de nœuds avec un autre cluster",
        KubenetTooManyNodes => "un cluster kubenet demande plus de 400 routes",
        KubenetRetiring => "kubenet sera retiré le 31 mars 2028",
        MaxPodsOutOfRange => "le nombre de pods par nœud est hors de l’intervalle 10 à 250",
        NodePoolUnder30Pods => "le pool de nœuds accueille moins de 30 pods",
        AksRegionMismatch => "le cluster et son VNet sont dans des régions différentes",
        ProductionClusterTooFewNodes => "un cluster FastProd a moins de 3 nœuds",
        ProductionClusterTooFewVcpus => "un cluster FastProd a moins de 12 vCPU",
        IlbSubnetWithoutInternalLb => "un sous-réseau d’équilibreur est défini pour un équilibreur public",
        IlbSubnetOutsideClusterVnet => "le sous-réseau de l’équilibreur appartient à un autre VNet",
        IlbSubnetIsAciSubnet => "le sous-réseau de l’équilibreur est délégué à ACI",
        IlbNotInStudio => "un équilibreur de charge interne ne peut pas être choisi dans le studio",
        IlbWithKubenet => "un équilibreur interne avec kubenet ne fonctionne pas pour Azure ML",
        PrivateClusterMustBeAttached => "Azure ML ne peut pas créer un cluster privé ; il faut l’attacher",
        AksIdentityLacksNetworkContributor => {
            "l’identité du cluster n’a pas le rôle Contributeur réseau sur le groupe de ressources du VNet"
        }
        ScoringEndpointBlockedInbound => {
            "des clients externes appellent le point de scoring et aucune règle NSG ne les admet"
        }
        WorkspacePeRegionMismatch => {
            "avec un point de terminaison privé, un cluster est hors de la région de l’espace de travail"
        }
        WorkspacePeNotInAksVnet => {
            "le point de terminaison privé de l’espace de travail est dans un autre VNet qu’un cluster"
        }
        AciSubnetNotDelegated => "le sous-réseau ACI n’est pas délégué aux groupes de conteneurs",
        AciSubnetShared => "le sous-réseau ACI contient aussi AKS ou le point de terminaison privé",
        AciSubnetSmall => "le sous-réseau ACI est plus petit que /28",
        AciVnetResourceGroupMismatch => "le VNet ACI est hors du groupe de ressources de l’espace de travail",
        AciVnetDiffersFromPrivateEndpoint => {
            "le VNet ACI n’est pas celui du point de terminaison privé de l’espace de travail"
        }
        AciAcrInVnet => "ACI dans un VNet ne peut pas tirer d’images d’un registre derrière le VNet",
        AciDnsLabelInVnet => "un déploiement ACI dans un VNet a une étiquette de nom DNS",
        AciVnetRetired => "Azure ML ne prend plus en charge ACI dans un VNet",
        EgressBlocksContainerRegistry => {
            "le trafic sortant restreint n’autorise pas le registre de conteneurs"
        }
        EgressMissingServiceTag => {
            "le trafic sortant restreint omet une balise de service utile à l’inférence Azure ML"
        }
        MissingVnetJoinPermission => "l’utilisateur ne peut pas joindre le VNet",
        MissingSubnetJoinPermission => "l’utilisateur ne peut pas joindre le sous-réseau",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_map_to_page_languages() {
        assert_eq!("fr-CA".parse(), Ok(Lang::Fr));
        assert_eq!("en-GB".parse(), Ok(Lang::En));
        assert_eq!("FR".parse(), Ok(Lang::Fr));
        assert_eq!("de".parse::<Lang>(), Err(UnknownName));
        assert_eq!("".parse::<Lang>(), Err(UnknownName));
        for lang in Lang::ALL {
            assert_eq!(lang.as_str().parse(), Ok(lang));
        }
    }

    #[test]
    fn every_rule_has_a_french_headline() {
        for rule in RuleId::ALL {
            let french = rule_headline(*rule, Lang::Fr);
            assert!(!french.is_empty() && french != rule_headline(*rule, Lang::En), "{}", rule.id());
        }
    }

    #[test]
    fn headlines_start_with_a_capital() {
        assert_eq!(
            rule_headline(RuleId::DnsIpOutsideServiceCidr, Lang::En),
            "The DNS service IP is outside the Kubernetes service range"
        );
        assert_eq!(
            rule_headline(RuleId::OverlappingSubnets, Lang::Fr),
            "Deux sous-réseaux d’un VNet partagent des adresses"
        );
    }
}
