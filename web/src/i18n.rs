//! The page's words in English and French. Every text has both languages by construction: the
//! table is one macro call, and a missing translation does not compile. The page's build links
//! only the English; the French is fetched on first use (see [`crate::extras`]).

use vnetplan_core::{RuleId, Text};

pub use vnetplan_core::Lang;

macro_rules! texts {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// A text of the page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// Both languages of the text, as the core keeps them: the page's build carries
            /// the English, and the French once it is fetched.
            pub fn text(self) -> Text {
                match self {
                    $(Self::$key => vnetplan_core::text!($en, $fr),)*
                }
            }

            pub fn get(self, lang: Lang) -> &'static str {
                self.text().get(lang)
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
    LinkEmpty => "nothing follows #plan=; the link was probably cut short when it was copied",
        "rien ne suit #plan= ; le lien a sans doute été tronqué lors de la copie";
    LinkNotBase64 => "the text after #plan= is not base64url; the link may be cut short",
        "le texte après #plan= n’est pas du base64url ; le lien est peut-être tronqué";
    LinkNotDeflate => "the link's data does not decompress; the link may be cut short",
        "les données du lien ne se décompressent pas ; le lien est peut-être tronqué";
    LinkTooLarge => "the link's plan is larger than 8 MB once decompressed",
        "le plan du lien dépasse 8 Mo une fois décompressé";
    LinkNotUtf8 => "the link's plan is not UTF-8 text", "le plan du lien n’est pas du texte UTF-8";
    LinkNotAPlan => "the link's plan cannot be read: {error}", "le plan du lien ne peut pas être lu : {error}";
    LinksUnsupported => "this browser cannot compress or decompress links: it lacks Compression Streams (Chromium 103, Firefox 113 and Safari 16.4 have them)",
        "ce navigateur ne sait ni compresser ni décompresser les liens : il lui manque les Compression Streams (Chromium 103, Firefox 113 et Safari 16.4 les ont)";
    NoticeLinkBroken => "This link's plan could not be opened; your plan is unchanged.",
        "Le plan de ce lien n’a pas pu être ouvert ; votre plan est inchangé.";
    NoticeEmbeddedLinkBroken => "This link's plan could not be opened; the view shows the default example instead.",
        "Le plan de ce lien n’a pas pu être ouvert ; la vue montre l’exemple par défaut à la place.";
    NoticeEmbeddedLinkKept => "This link's plan could not be opened; the view still shows the plan it showed before.",
        "Le plan de ce lien n’a pas pu être ouvert ; la vue montre toujours le plan qu’elle montrait avant.";
    NoticeShareFailed => "No link could be made for this plan in this browser.",
        "Aucun lien n’a pu être créé pour ce plan dans ce navigateur.";
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
    Unnamed => "(unnamed)", "(sans nom)";
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
    PodSubnet => "Pod subnet (empty: pods in the node subnet)", "Sous-réseau des pods (vide : pods dans celui des nœuds)";
    ServiceCidr => "Kubernetes service range", "Plage des services Kubernetes";
    DnsServiceIp => "Kubernetes DNS service IP", "IP du service DNS Kubernetes";
    DockerBridge => "Docker bridge address", "Adresse du pont Docker";
    NodeCount => "Nodes", "Nœuds";
    MaxSurge => "Upgrade surge (nodes or %, empty: 10%)", "Surcroît de mise à niveau (nœuds ou %, vide : 10 %)";
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
    RecordAsDone => "Record as done…", "Noter comme fait…";
    AttestTitle => "Done in Azure?", "Fait dans Azure ?";
    AttestBody => "This changes no design: it records in the plan that this was done in Azure. Do it first, then record it:",
        "Cela ne change pas la conception : le plan note que ceci a été fait dans Azure. Faites-le d’abord, puis notez-le :";
    Cancel => "Cancel", "Annuler";
    ConfirmRecorded => "It is done: record it", "C’est fait : le noter";
    HideWhy => "Hide explanation", "Masquer l’explication";
    WhatItChecks => "What it checks", "Ce qui est vérifié";
    WhyItMatters => "Why it matters", "Pourquoi c’est important";
    Example => "Example", "Exemple";
    HowToFix => "How to fix it", "Comment corriger";
    Fields => "Fields", "Champs";
    AddressMap => "Address map", "Carte des adresses";
    SkipMap => "Skip the map ({count} Tab stops) and go to the findings", "Passer la carte ({count} arrêts au clavier) et aller aux constats";
    BackOverMap => "Back to the start of the map", "Revenir au début de la carte";
    AddressMapHint => "Each bar is a range. Hatched bars with a thick outline take part in an error or a warning. Select a bar to see its addresses; press Enter to edit its field. Dashed blocks are free space: press Enter on one, or click it, to add a subnet there; Escape closes it.",
        "Chaque barre est une plage. Les barres hachurées au contour épais sont concernées par une erreur ou un avertissement. Sélectionnez une barre pour voir ses adresses ; Entrée ouvre son champ. Les blocs en pointillés sont libres : appuyez sur Entrée sur l’un d’eux, ou cliquez dessus, pour y ajouter un sous-réseau ; Échap le referme.";
    MapWindowed => "This map holds {count} ranges. It draws those in view and every one in conflict: scroll it, or go from bar to bar with Tab, to reach the others.",
        "Cette carte contient {count} plages. Elle dessine celles qui sont en vue et toutes celles en conflit : faites-la défiler, ou passez de barre en barre avec Tab, pour atteindre les autres.";
    MapWindowedManyConflicts => "This map holds {count} ranges, {conflicts} of them in conflict. It draws those in view: scroll it, or go from bar to bar with Tab, to reach the others; the findings name every range in conflict.",
        "Cette carte contient {count} plages, dont {conflicts} en conflit. Elle dessine celles qui sont en vue : faites-la défiler, ou passez de barre en barre avec Tab, pour atteindre les autres ; les constats nomment toutes les plages en conflit.";
    FirstAddress => "First", "Première";
    LastAddress => "Last", "Dernière";
    Usable => "Usable", "Utilisables";
    Size => "Size", "Taille";
    Addresses => "addresses", "adresses";
    OneAddress => "address", "adresse";
    InConflict => "in a finding", "concernée par un constat";
    ReservedByAks => "reserved by AKS", "réservée par AKS";
    Ipv6NotDrawn => "IPv6 prefixes not drawn: {count}. The map draws IPv4 only; the findings check both.",
        "Préfixes IPv6 non dessinés : {count}. La carte ne dessine que l’IPv4 ; les constats vérifient les deux.";
    EmptyMap => "No range parses yet: add a VNet with an address prefix.",
        "Aucune plage n’est encore lisible : ajoutez un VNet avec un préfixe d’adresse.";
    Capacity => "Node and pod subnet capacity", "Capacité des sous-réseaux des nœuds et des pods";
    CapacityRow => "{needed} of {usable} usable addresses needed", "{needed} adresses nécessaires sur {usable} utilisables";
    ClusterShares => "Each cluster's share", "Part de chaque cluster";
    ClusterShare => "AKS {cluster}: {needed}", "AKS {cluster} : {needed}";
    PodShare => "pods of AKS {cluster}: {needed}", "pods d’AKS {cluster} : {needed}";
    CountError => "Enter a whole number of at least {min}.", "Saisissez un nombre entier d’au moins {min}.";
    ValueRefused => "The plan does not take this text: {detail}", "Le plan ne prend pas ce texte : {detail}";
    SurgeError => "Enter a number of nodes, a percentage such as 33%, or leave it empty for AKS's 10%.",
        "Saisissez un nombre de nœuds, un pourcentage comme 33 %, ou laissez vide pour les 10 % d’AKS.";
    NotSet => "Not set (the default)", "Non défini (valeur par défaut)";
    PlanKeeps => "Until then the plan, its findings and its links keep {value}.",
        "D’ici là, le plan, ses constats et ses liens gardent {value}.";
    CountOrEmptyError => "Enter a whole number of at least {min}, or leave it empty.",
        "Saisissez un nombre entier d’au moins {min}, ou laissez vide.";
    AzureSteps => "Azure steps", "Étapes Azure";
    AzureStepsHint => "What builds this plan, in the guide's order, with the plan's own values. Steps marked with a finding are wrong until it is resolved.",
        "Ce qui construit ce plan, dans l’ordre du guide, avec les valeurs du plan. Les étapes marquées d’un constat sont fausses tant qu’il n’est pas résolu.";
    ShowSteps => "Show the steps", "Afficher les étapes";
    HideSteps => "Hide the steps", "Masquer les étapes";
    Copy => "Copy", "Copier";
    Copied => "Copied", "Copié";
    CopyRefused => "Not copied: select the code", "Non copié : sélectionnez le code";
    FlaggedBy => "Wrong until these findings are resolved:", "Fausse tant que ces constats ne sont pas résolus :";
    Downloads => "Download as", "Télécharger en";
    NoSteps => "Add an AKS cluster or an ACI deployment to see its steps.",
        "Ajoutez un cluster AKS ou un déploiement ACI pour voir ses étapes.";
    ImportFromAzure => "Import from Azure", "Importer depuis Azure";
    ImportHint => "Paste or open what az network vnet show or list and az aks show -o json print, or an ARM template with its parameter file or what az deployment group show prints of its deployment. The pasted document and the files opened combine into one plan.",
        "Collez ou ouvrez ce qu’affichent az network vnet show ou list et az aks show -o json, ou un modèle ARM avec son fichier de paramètres ou ce qu’affiche az deployment group show de son déploiement. Le document collé et les fichiers ouverts se combinent en un plan.";
    ImportPaste => "Azure JSON (one document)", "JSON Azure (un document)";
    ImportFiles => "Or open files", "Ou ouvrir des fichiers";
    ImportNoFiles => "No file chosen", "Aucun fichier choisi";
    ImportRun => "Import into the plan", "Importer dans le plan";
    ImportDone => "Imported. VNets and clusters with the same names were replaced; Undo takes it back.",
        "Importé. Les VNets et clusters de même nom ont été remplacés ; Annuler revient en arrière.";
    ImportNotes => "What changed in the plan, and what was not imported, field by field:",
        "Ce qui a changé dans le plan, et ce qui n’a pas été importé, champ par champ :";
    ImportFailed => "Nothing was imported; your plan is unchanged:", "Rien n’a été importé ; votre plan est inchangé :";
    Close => "Close", "Fermer";
    NoticeImported => "Plan merged with what Azure printed. Undo takes it back.",
        "Plan fusionné avec la sortie d’Azure. Annuler revient en arrière.";
    SubnetsHidden => "{count} more subnets are not shown.", "{count} autres sous-réseaux ne sont pas affichés.";
    VnetsHidden => "{count} more VNets are not shown.", "{count} autres VNets ne sont pas affichés.";
    ExternalRangesHidden => "{count} more external ranges are not shown.", "{count} autres plages externes ne sont pas affichées.";
    ClustersHidden => "{count} more AKS clusters are not shown.", "{count} autres clusters AKS ne sont pas affichés.";
    EndpointsHidden => "{count} more online endpoints are not shown.", "{count} autres points de terminaison en ligne ne sont pas affichés.";
    AciDeploymentsHidden => "{count} more ACI deployments are not shown.", "{count} autres déploiements ACI ne sont pas affichés.";
    ShowMore => "Show more", "Afficher plus";
    ShowAll => "Show all", "Tout afficher";
    FindingsHidden => "{count} more findings are not shown.", "{count} autres constats ne sont pas affichés.";
    OpenFullPlanner => "Open in the full planner", "Ouvrir dans le planificateur complet";
    Sources => "Sources", "Sources";
    Footer => "vnetplan runs entirely in your browser: plans stay on this device.",
        "vnetplan fonctionne entièrement dans votre navigateur : les plans restent sur cet appareil.";
    PresetK8sInternalRouter => "Kubernetes compute with an internal router (v2)",
        "Calcul Kubernetes avec un routeur interne (v2)";
    PresetManagedEndpoint => "Managed online endpoint with a managed network (v2)",
        "Point de terminaison en ligne managé avec un réseau managé (v2)";
    AzureMlApi => "Azure ML", "Azure ML";
    ApiV1 => "v1 (legacy)", "v1 (hérité)";
    ApiV2 => "v2 (Kubernetes compute)", "v2 (calcul Kubernetes)";
    ExtensionSettings => "Azure ML extension", "Extension Azure ML";
    RouterServiceType => "Inference router exposed as", "Routeur d’inférence exposé en";
    RouterLoadBalancer => "Load balancer", "Équilibreur de charge";
    RouterNodePort => "Node port", "Port de nœud";
    RouterClusterIp => "Cluster IP (behind your own ingress)", "IP de cluster (derrière votre propre entrée)";
    InternalRouter => "Internal load balancer (an address of the node subnet)",
        "Équilibreur interne (une adresse du sous-réseau des nœuds)";
    SslCname => "Host name that clients call (empty: none)", "Nom d’hôte appelé par les clients (vide : aucun)";
    SslCertificate => "Router certificate", "Certificat du routeur";
    CertSecret => "Kubernetes secret", "Secret Kubernetes";
    CertPemFiles => "PEM files", "Fichiers PEM";
    Namespace => "Namespace (empty: default)", "Espace de noms (vide : default)";
    NamespaceError => "Enter a Kubernetes namespace: lower-case letters, digits and inner dashes, 63 characters at most.",
        "Saisissez un espace de noms Kubernetes : lettres minuscules, chiffres et tirets intérieurs, 63 caractères au plus.";
    AllowInsecure => "The router serves plain HTTP", "Le routeur sert du HTTP simple";
    RouterHa => "Three router replicas, one per node", "Trois répliques du routeur, une par nœud";
    ReusesV1 => "Reuses the AKS cluster of a v1 compute (preview)", "Réutilise le cluster AKS d’un calcul v1 (préversion)";
    AksFacts => "AKS cluster access", "Accès au cluster AKS";
    AuthorizedRanges => "API server authorized IP ranges (comma-separated, empty: not enabled)",
        "Plages d’IP autorisées du serveur d’API (séparées par des virgules, vide : désactivé)";
    TrustedAccess => "Trusted Access binds the cluster to this workspace",
        "L’accès approuvé lie le cluster à cet espace de travail";
    LocalAccountsDisabled => "Local accounts are disabled", "Les comptes locaux sont désactivés";
    PrivateClusterPublicFqdn => "The private API server also has a public FQDN",
        "Le serveur d’API privé a aussi un FQDN public";
    OnlineEndpoints => "Online endpoints", "Points de terminaison en ligne";
    OnlineEndpointsHint => "Azure ML v2 scoring: managed endpoints that Azure ML hosts, or endpoints on a v2 cluster.",
        "Scoring Azure ML v2 : points de terminaison managés hébergés par Azure ML, ou sur un cluster v2.";
    AddEndpoint => "Add an online endpoint", "Ajouter un point de terminaison en ligne";
    EndpointManaged => "Managed", "Managé";
    EndpointKubernetes => "Kubernetes", "Kubernetes";
    EndpointCompute => "Compute (the v2 cluster's name)", "Calcul (nom du cluster v2)";
    PublicNetworkAccess => "Public network access", "Accès réseau public";
    LegacyEgress => "Deployments' public egress (legacy)", "Sortie publique des déploiements (hérité)";
    AccessEnabled => "Enabled", "Activé";
    AccessDisabled => "Disabled", "Désactivé";
    ManagedNetwork => "Workspace managed network", "Réseau managé de l’espace de travail";
    HasManagedNetwork => "The workspace has a managed virtual network",
        "L’espace de travail a un réseau virtuel managé";
    IsolationMode => "Isolation mode", "Mode d’isolement";
    IsolationDisabled => "Disabled", "Désactivé";
    IsolationInternet => "Allow internet outbound", "Sortie Internet autorisée";
    IsolationApproved => "Allow only approved outbound", "Sorties approuvées uniquement";
    ImageBuildCompute => "Image build compute (empty: none)", "Calcul de build des images (vide : aucun)";
    OutboundRules => "Outbound rules", "Règles de sortie";
    AddOutboundRule => "Add an outbound rule", "Ajouter une règle de sortie";
    RuleFqdn => "FQDN", "FQDN";
    RuleServiceTag => "Service tag", "Balise de service";
    RulePrivateEndpoint => "Private endpoint", "Point de terminaison privé";
    Destination => "Destination (host name, service tag or resource ID)",
        "Destination (nom d’hôte, balise de service ou ID de ressource)";
    Ports => "Ports (comma-separated)", "Ports (séparés par des virgules)";
    AcrSku => "Container registry SKU", "SKU du registre de conteneurs";
    SkuBasic => "Basic", "De base";
    SkuStandard => "Standard", "Standard";
    SkuPremium => "Premium", "Premium";
    V1LegacyMode => "v1 legacy mode is on (it turns the v2 API off)",
        "Le mode hérité v1 est actif (il désactive l’API v2)";
    Peerings => "Peered with (names of the plan's VNets, comma-separated)",
        "Appairé avec (noms des VNets du plan, séparés par des virgules)";
    FiltersByName => "The firewall also filters by host name", "Le pare-feu filtre aussi par nom d’hôte";
    AllowedFqdns => "Allowed host names (comma-separated)", "Noms d’hôte autorisés (séparés par des virgules)";
    StopFilteringByName => "No filtering by host name", "Pas de filtrage par nom d’hôte";
    MigrationTitle => "Azure ML v2", "Azure ML v2";
    MigrateHint => "Rewrites every v1 cluster as a Kubernetes compute and every ACI deployment as a managed online endpoint. One Undo takes it all back.",
        "Réécrit chaque cluster v1 en calcul Kubernetes et chaque déploiement ACI en point de terminaison en ligne managé. Un seul Annuler revient sur le tout.";
    Migrate => "Migrate to v2", "Migrer vers la v2";
    NothingToMigrate => "Every workload of this plan already uses Azure ML v2.",
        "Toutes les charges de ce plan utilisent déjà Azure ML v2.";
    MigrationNotes => "What the migration changed, and what is left for you to do (Undo takes the migration back):",
        "Ce que la migration a changé, et ce qu’il vous reste à faire (Annuler revient sur la migration) :";
    DismissMigrationNotes => "Hide these notes", "Masquer ces notes";
    MigrationNotesRestored => "What the last migration changed, and what is left for you to do:",
        "Ce que la dernière migration a changé, et ce qu’il vous reste à faire :";
    FreeSpace => "Free space", "Espace libre";
    LargestBlocks => "Largest blocks", "Plus grands blocs";
    AddSubnetHere => "Add a subnet here", "Ajouter un sous-réseau ici";
    NewSubnetSize => "Size of the new subnet", "Taille du nouveau sous-réseau";
    RouterFrontend => "Router frontend (internal load balancer)", "Frontal du routeur (équilibreur interne)";
    ResultsTab => "Results", "Résultats";
    Views => "Views", "Vues";
    Toolbar => "Toolbar", "Barre d’outils";
    LinkCopyFailed => "The browser did not let the page copy: select the link below and copy it.",
        "Le navigateur n’a pas laissé la page copier : sélectionnez le lien ci-dessous et copiez-le.";
    AddressMapHintEmbedded => "Each bar is a range; hatched bars with a thick outline take part in an error or a warning. Select a bar to see its addresses; the full planner edits them.",
        "Chaque barre est une plage ; les barres hachurées au contour épais sont concernées par une erreur ou un avertissement. Sélectionnez une barre pour voir ses adresses ; le planificateur complet les modifie.";
    ShareLinkFileOnly => "This page was opened from a file, so the link opens only where a copy of this same file sits at the same place.",
        "Cette page a été ouverte depuis un fichier : le lien ne s’ouvre que là où une copie de ce même fichier se trouve au même endroit.";
    ExtrasLoading => "Loading…", "Chargement…";
    NoticeMigrationFailed => "The plan could not be migrated to v2; it is unchanged.",
        "Le plan n’a pas pu être migré vers la v2 ; il est inchangé.";
    NoticeImportOutdated => "The plan changed while the import was running, so it was left as it is. Run the import again to merge into the plan as it is now.",
        "Le plan a changé pendant l’import : il est resté tel quel. Relancez l’import pour fusionner avec le plan tel qu’il est maintenant.";
    NoticeMigrationOutdated => "The plan changed while the migration was loading, so it was left as it is. Ask for the migration again to migrate the plan as it is now.",
        "Le plan a changé pendant le chargement de la migration : il est resté tel quel. Relancez la migration pour migrer le plan tel qu’il est maintenant.";
    NoticeNewRelease => "A newer release of the planner has been installed. This tab still runs the release it opened with, whose checks may be out of date: reload it to use the new one. The plan is kept.",
        "Une version plus récente du planificateur a été installée. Cet onglet utilise encore celle avec laquelle il s’est ouvert, dont les vérifications sont peut-être dépassées : rechargez-le pour passer à la nouvelle. Le plan est conservé.";
    Reload => "Reload", "Recharger";
    // Shown when French is what could not be loaded, so the English text says it in both.
    NoticeFrenchUnavailable => "The French texts could not be loaded, so the page stays in English. / Les textes français n’ont pas pu être chargés : la page reste en anglais.",
        "Les textes français n’ont pas pu être chargés : la page reste en anglais.";
    // Shown in an English page to someone who wanted French, so the English text says it in both.
    NoticeFrenchArrived => "The French texts have now loaded. / Les textes français sont maintenant chargés.",
        "Les textes français sont maintenant chargés.";
    // Addressed to a French reader whatever the page's language, and marked lang="fr".
    SwitchToFrench => "Passer en français", "Passer en français";
    ExtrasUnavailable => "This part of the planner could not be loaded: it is fetched the first time it is used, and the network is not reachable. Connect once and try again.",
        "Cette partie du planificateur n’a pas pu être chargée : elle est téléchargée à sa première utilisation, et le réseau est injoignable. Connectez-vous une fois et réessayez.";
    ExtrasTooSlow => "This part of the planner had still not arrived after a minute, so the page stopped waiting: the network is slow or has stalled. Try again.",
        "Cette partie du planificateur n’était toujours pas arrivée au bout d’une minute : la page a cessé de l’attendre, car le réseau est lent ou bloqué. Réessayez.";
}

/// The catalog's one-line summary of a rule, in the page's language, as a headline: the
/// catalog writes summaries in lower case to read well inside sentences.
pub fn rule_headline(rule: RuleId, lang: Lang) -> String {
    let summary = rule.summary_text().get(lang);
    let mut chars = summary.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "1 error", "2 errors", "0 erreur" ([`Lang::is_singular`]).
pub fn counted(count: usize, one: T, many: T, lang: Lang) -> String {
    format!("{count} {}", if lang.is_singular(count) { one } else { many }.get(lang))
}

/// A whole number as the language writes it: `1,581` in English, `1 581` in French (with the
/// narrow no-break space that browsers' `Intl.NumberFormat` also uses).
pub fn number(value: u64, lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ',',
        Lang::Fr => '\u{202f}',
    };
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() * 2);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(1581, Lang::En), "1,581");
        assert_eq!(number(1_019, Lang::Fr), "1\u{202f}019");
        assert_eq!(number(251, Lang::En), "251");
        assert_eq!(number(0, Lang::Fr), "0");
        assert_eq!(number(1_234_567, Lang::En), "1,234,567");
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
