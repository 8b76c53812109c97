//! The prose of the exports, in English and French: the guided steps' section names and titles,
//! the comments written into the code, and the descriptions the templates give their
//! parameters and security rules. The code itself, values in `<angle brackets>` included, is the
//! same in both languages, since it is what runs.
//!
//! A comment may span lines (`\n`); each line becomes its own comment line.

use crate::text::Text;

macro_rules! prose {
    ($($name:ident => $en:literal, $fr:literal;)*) => {
        $(pub(super) const $name: Text = crate::text!($en, $fr);)*

        /// Every text of the table, for the test that each has its French.
        #[cfg(test)]
        pub(super) const ALL: &[Text] = &[$($name),*];
    };
}

prose! {
    PREREQUISITES => "Prerequisites", "Prérequis";
    CLUSTER_SECTION => "AKS cluster '{name}'", "Cluster AKS « {name} »";
    DEPLOYMENT_SECTION => "ACI deployment '{name}'", "Déploiement ACI « {name} »";

    WITH_SDK => "with the Python SDK", "avec le SDK Python";
    WITH_CLI => "with the Azure ML CLI v1", "avec la CLI Azure ML v1";
    DELEGATE_TITLE =>
        "Delegate subnet '{subnet}' to Azure Container Instances",
        "Déléguer le sous-réseau « {subnet} » à Azure Container Instances";
    SCORING_TITLE =>
        "Admit clients outside the VNet to the scoring endpoint of '{name}'",
        "Ouvrir le point de terminaison de scoring de « {name} » aux clients hors du VNet";
    REGISTRY_TITLE =>
        "Let VNet '{vnet}' reach Azure Container Registry",
        "Laisser le VNet « {vnet} » joindre Azure Container Registry";
    CREATE_TITLE => "Create cluster '{name}' {tool}", "Créer le cluster « {name} » {tool}";
    ATTACH_TITLE => "Attach cluster '{name}' {tool}", "Attacher le cluster « {name} » {tool}";
    MOVE_TITLE =>
        "Move cluster '{name}' behind an internal load balancer {tool}",
        "Placer le cluster « {name} » derrière un équilibreur de charge interne {tool}";
    DEPLOY_TITLE =>
        "Deploy web service '{name}' into subnet '{subnet}' with the Python SDK",
        "Déployer le service web « {name} » dans le sous-réseau « {subnet} » avec le SDK Python";
    PEERING_TITLE =>
        "Peer VNet '{a}' with VNet '{b}'",
        "Appairer le VNet « {a} » avec le VNet « {b} »";
    PEERING_NOTE =>
        "The plan counts these VNets as peered. Azure keeps a peering on each VNet, and traffic\n\
         flows only once both sides exist, so there are two commands.",
        "Le plan compte ces VNets comme appairés. Azure garde un appairage sur chaque VNet, et le\n\
         trafic ne passe qu’une fois les deux côtés créés : il y a donc deux commandes.";
    ROLE_TITLE =>
        "Grant cluster '{name}' Network Contributor on its VNet's resource group",
        "Donner au cluster « {name} » le rôle Network Contributor sur le groupe de ressources de son VNet";

    FLAGGED =>
        "The plan's check finds problems here; resolve them first: {rules}.",
        "La vérification du plan trouve ici des problèmes ; résolvez-les d’abord : {rules}.";

    REGISTRY_NOTE =>
        "With the default outbound rules overridden, images must still come from the registry.",
        "Les règles sortantes par défaut étant remplacées, les images doivent tout de même venir du registre.";
    ROLE_NOTE =>
        "The cluster's identity manages addresses in VNet {vnet}, so it needs Network Contributor on the\n\
         resource group holding that VNet, {group}.",
        "L’identité du cluster gère des adresses du VNet {vnet} : il lui faut le rôle Network Contributor\n\
         sur le groupe de ressources qui contient ce VNet, {group}.";
    OWN_GROUP_ASSUMED =>
        "The plan does not record the cluster's own resource group: the workspace's, {group}, is assumed.",
        "Le plan n’indique pas le groupe de ressources propre au cluster : celui de l’espace de travail, \
         {group}, est supposé.";
    GROUP_ASSUMED =>
        "The plan does not record the cluster's resource group: the workspace's, {group}, is assumed.",
        "Le plan n’indique pas le groupe de ressources du cluster : celui de l’espace de travail, {group}, \
         est supposé.";
    ROLE_AFTER_CREATE =>
        "Azure ML creates this cluster and its identity with it: run this once creation is done.",
        "Azure ML crée ce cluster et son identité avec lui : lancez ceci une fois la création terminée.";
    ROLE_GRANTED =>
        "The plan records the role as granted already; running this again only confirms it.",
        "Le plan note que le rôle est déjà accordé ; relancer ceci ne fait que le confirmer.";
    NODE_PORT_NOTE =>
        "Clients outside the VNet call this cluster's router at its nodes' addresses, all in subnet\n\
         {subnet}, on the node port Kubernetes picks in its default range. The plan does not name the\n\
         NSG; once the extension is in, `kubectl get service azureml-fe -n azureml` shows the port,\n\
         to which the rule can be narrowed.",
        "Des clients hors du VNet appellent le routeur de ce cluster aux adresses de ses nœuds, toutes\n\
         dans le sous-réseau {subnet}, sur le port de nœud que Kubernetes choisit dans sa plage par\n\
         défaut. Le plan ne nomme pas le NSG ; une fois l’extension installée, `kubectl get service\n\
         azureml-fe -n azureml` donne le port, auquel la règle peut être restreinte.";
    DELEGATION_NOTE =>
        "Azure ML starts container groups only in a subnet delegated to Azure Container Instances.",
        "Azure ML ne démarre des groupes de conteneurs que dans un sous-réseau délégué à Azure Container \
         Instances.";
    SCORING_NOTE =>
        "Clients outside the VNet call this cluster's scoring endpoint, so the NSG on its subnet\n\
         must let them in. The plan names neither that NSG nor the endpoint's address: the scoring\n\
         URI of a deployed service shows the address.",
        "Des clients hors du VNet appellent le point de terminaison de scoring de ce cluster : le NSG\n\
         de son sous-réseau doit les laisser entrer. Le plan ne nomme ni ce NSG ni l’adresse du point\n\
         de terminaison : l’URI de scoring d’un service déployé donne l’adresse.";
    WORKSPACE_OBJECT_NOTE =>
        "ws is the workspace, for instance Workspace.from_config().",
        "ws est l’espace de travail, par exemple Workspace.from_config().";
    WORKSPACE_VARIABLE_NOTE =>
        "WORKSPACE_NAME holds the name of the Azure ML workspace, which the plan does not record.",
        "WORKSPACE_NAME contient le nom de l’espace de travail Azure ML, que le plan n’indique pas.";
    VM_SIZE_NOTE =>
        "Pick a vm_size with {vcpus} vCPUs, as the plan counts; the plan names no size.",
        "Choisissez une vm_size à {vcpus} vCPU, comme le plan les compte ; le plan ne nomme aucune taille.";
    SDK_UNSUPPORTED =>
        "The v1 SDK has no setting for {settings}: only a cluster created outside Azure ML and attached\n\
         gets them (see the templates).",
        "Le SDK v1 n’a aucun réglage pour {settings} : seul un cluster créé hors d’Azure ML puis attaché\n\
         les reçoit (voir les modèles).";
    NETWORK_PLUGIN => "the network plugin", "le plugin réseau";
    POD_RANGE => "the pod range", "la plage des pods";
    PODS_PER_NODE => "pods per node", "les pods par nœud";
    PRIVATE_API_SERVER => "a private API server", "un serveur d’API privé";
    SIX_VNET_VALUES =>
        "The v1 SDK takes all six VNet values or none of them.",
        "Le SDK v1 prend les six valeurs du VNet ou aucune.";
    NO_VNET_VALUES =>
        "The cluster goes into the VNet that AKS creates: the v1 SDK sends the six VNet values only with a VNet name, so none is given, and AKS picks the cluster's ranges itself.",
        "Le cluster va dans le VNet qu’AKS crée : le SDK v1 n’envoie les six valeurs du VNet qu’avec un nom de VNet, aucune n’est donc donnée, et AKS choisit lui-même les plages du cluster.";
    UPDATE_NOTE =>
        "Run this only once the attach has finished: the load balancer changes after it.",
        "Ne lancez ceci qu’une fois l’attachement terminé : l’équilibreur de charge change après lui.";
    MODEL_NOTE =>
        "model and inference_config come from your project.",
        "model et inference_config viennent de votre projet.";

    // The Azure ML v2 flow: Kubernetes compute, the workspace's managed network, online endpoints.
    WORKSPACE_SECTION => "Workspace managed network", "Réseau managé de l’espace de travail";
    ENDPOINT_SECTION => "Online endpoint '{name}'", "Point de terminaison en ligne « {name} »";
    WITH_AZ => "with the Azure CLI", "avec l’Azure CLI";
    WITH_CLI_V2 => "with the Azure ML CLI v2", "avec la CLI Azure ML v2";
    WITH_SDK_V2 => "with the Python SDK v2", "avec le SDK Python v2";
    AKS_CREATE_TITLE => "Create AKS cluster '{name}' {tool}", "Créer le cluster AKS « {name} » {tool}";
    EXTENSION_TITLE =>
        "Install the Azure ML extension on cluster '{name}'",
        "Installer l’extension Azure ML sur le cluster « {name} »";
    TRUSTED_ACCESS_TITLE =>
        "Grant the workspace Trusted Access to cluster '{name}' {tool}",
        "Accorder à l’espace de travail l’accès approuvé au cluster « {name} » {tool}";
    KUBERNETES_ATTACH_TITLE =>
        "Attach cluster '{name}' as Kubernetes compute {tool}",
        "Attacher le cluster « {name} » comme calcul Kubernetes {tool}";
    NETWORK_TITLE =>
        "Set the workspace's managed network {tool}",
        "Régler le réseau managé de l’espace de travail {tool}";
    RULE_TITLE =>
        "Add outbound rule '{name}' {tool}",
        "Ajouter la règle sortante « {name} » {tool}";
    PROVISION_TITLE =>
        "Provision the managed network {tool}",
        "Provisionner le réseau managé {tool}";
    ENDPOINT_TITLE =>
        "Create online endpoint '{name}' {tool}",
        "Créer le point de terminaison en ligne « {name} » {tool}";
    FILE_TITLE => "File {file}: {what}", "Fichier {file} : {what}";
    COMPUTE_FILE => "compute '{name}', for az ml compute attach -f", "calcul « {name} », pour az ml compute attach -f";
    WORKSPACE_FILE =>
        "the workspace's managed network, for az ml workspace update -f",
        "le réseau managé de l’espace de travail, pour az ml workspace update -f";
    ENDPOINT_FILE =>
        "online endpoint '{name}', for az ml online-endpoint create -f",
        "point de terminaison en ligne « {name} », pour az ml online-endpoint create -f";

    V2_CREATE_NOTE =>
        "Azure ML v2 does not create AKS clusters: create this one here, or skip this step if it exists.\n\
         az aks create takes no surge setting: the node pool update after it sets the plan's.",
        "Azure ML v2 ne crée pas de clusters AKS : créez celui-ci ici, ou sautez cette étape s’il existe.\n\
         az aks create ne prend aucun réglage de surge : la mise à jour du pool de nœuds qui suit règle celui du plan.";
    VM_SIZE_PICK =>
        "The plan names no VM size: pick one with {vcpus} vCPUs, as it counts.",
        "Le plan ne nomme aucune taille de VM : choisissez-en une à {vcpus} vCPU, comme il les compte.";
    EXTENSION_NOTE =>
        "Online endpoints need the extension with inference enabled; the router settings come from the plan.",
        "Les points de terminaison en ligne demandent l’extension avec l’inférence activée ; les réglages du \
         routeur viennent du plan.";
    REUSE_NOTE =>
        "Cluster '{name}' was a v1 AksCompute: its azureml-fe must be marked for the upgrade before the \
         extension goes in (preview path).",
        "Le cluster « {name} » était un AksCompute v1 : son azureml-fe doit être marqué pour la mise à niveau \
         avant l’installation de l’extension (chemin en préversion).";
    REUSE_BEFORE_DEPLOY =>
        "{reason} A template cannot run kubectl: before deploying it, run `{command}` against that cluster",
        "{reason} Un modèle ne peut pas lancer kubectl : avant de le déployer, lancez `{command}` sur ce \
         cluster";
    TRUSTED_ACCESS_NOTE =>
        "Azure ML reaches the cluster through this binding, which must exist before the compute is attached.",
        "Azure ML joint le cluster par cette liaison, qui doit exister avant que le calcul soit attaché.";
    NO_LOCAL_ACCOUNTS =>
        "The cluster has no local accounts for Azure ML to sign in with.",
        "Le cluster n’a pas de comptes locaux avec lesquels Azure ML pourrait se connecter.";
    PUBLIC_FQDN_KEPT =>
        "The private cluster keeps a public FQDN, through which the extension cannot reach its API server.",
        "Le cluster privé garde un FQDN public, par lequel l’extension ne peut joindre son serveur d’API.";
    AUTHORIZED_RANGES_ONLY =>
        "The API server admits only its authorized IP ranges; with this binding, they need not hold Azure ML's.",
        "Le serveur d’API n’admet que ses plages d’adresses IP autorisées ; avec cette liaison, elles n’ont pas \
         à contenir celles d’Azure ML.";
    TRUSTED_ACCESS_PLANNED =>
        "The plan grants the workspace Trusted Access to the cluster.",
        "Le plan accorde à l’espace de travail l’accès approuvé au cluster.";
    COMPUTE_IDENTITY_NOTE =>
        "The plan records no identity for the compute: a system-assigned one is used.",
        "Le plan n’indique aucune identité pour le calcul : une identité attribuée par le système est utilisée.";
    NAMESPACE_NOTE =>
        "Namespace '{namespace}' must exist in the cluster before the attach, which neither creates nor \
         checks it: kubectl create namespace {namespace}",
        "L’espace de noms « {namespace} » doit exister dans le cluster avant l’attachement, qui ne le crée ni \
         ne le vérifie : kubectl create namespace {namespace}";
    FQDN_PORTS_NOTE =>
        "An FQDN rule takes no ports: the ports the plan gives rule '{name}' ({ports}) are not set.",
        "Une règle FQDN ne prend aucun port : les ports que le plan donne à la règle « {name} » ({ports}) ne \
         sont pas réglés.";
    PROVISION_NOTE =>
        "Online deployments can only be created once the managed network is provisioned.",
        "Les déploiements en ligne ne peuvent être créés qu’une fois le réseau managé provisionné.";
    LEGACY_EGRESS_NOTE =>
        "The plan's deployments of this endpoint set egress_public_network_access: {value}.",
        "Les déploiements de ce point de terminaison dans le plan règlent egress_public_network_access : {value}.";
    V2_WORKSPACE_NOTE =>
        "WORKSPACE_NAME holds the name of the Azure ML workspace, which the plan does not record.\n\
         These commands come from the CLI v2 extension (ml), which cannot be installed beside azure-cli-ml.",
        "WORKSPACE_NAME contient le nom de l’espace de travail Azure ML, que le plan n’indique pas.\n\
         Ces commandes viennent de l’extension CLI v2 (ml), qui ne peut être installée à côté d’azure-cli-ml.";
    ML_CLIENT_NOTE =>
        "ml_client is the workspace's MLClient, for instance the one at the top of the sdk-v2 export.",
        "ml_client est le MLClient de l’espace de travail, par exemple celui du début de l’export sdk-v2.";
    SDK_V2_HEADER =>
        "Azure ML SDK v2 (azure-ai-ml) steps for plan {plan}, written by vnetplan.\n\
         The shell steps are here as comments: run them with the Azure CLI first.",
        "Étapes du SDK Azure ML v2 (azure-ai-ml) pour le plan {plan}, écrites par vnetplan.\n\
         Les étapes shell sont ici en commentaires : lancez-les d’abord avec l’Azure CLI.";
    SDK_V2_LEAVES_V1 =>
        "The plan's v1 clusters and ACI deployments are not here: the sdk export has them, and\n\
         `vnetplan migrate` prepares their v2 successors.",
        "Les clusters v1 et les déploiements ACI du plan ne sont pas ici : l’export sdk les contient, et\n\
         `vnetplan migrate` prépare leurs successeurs v2.";
    SDK_LEAVES_V2 =>
        "The plan's Azure ML v2 objects are not here: the sdk-v2 export has them.",
        "Les objets Azure ML v2 du plan ne sont pas ici : l’export sdk-v2 les contient.";
    YAML_HEADER =>
        "{file}, written by vnetplan for plan {plan}.",
        "{file}, écrit par vnetplan pour le plan {plan}.";
    NO_YAML =>
        "The plan has no Azure ML v2 object, so there is no YAML file to write.",
        "Le plan n’a aucun objet Azure ML v2 : il n’y a aucun fichier YAML à écrire.";

    UNNAMED => "(unnamed)", "(sans nom)";
    PLAN_NAME => "'{name}'", "« {name} »";
    SDK_HEADER =>
        "Azure ML SDK v1 steps for plan {plan}, written by vnetplan.\n\
         SDK v1 support ended on 30 June 2026: `vnetplan migrate` prepares the v2 plan.\n\
         The shell prerequisites are here as comments: run them with the Azure CLI first.",
        "Étapes du SDK Azure ML v1 pour le plan {plan}, écrites par vnetplan.\n\
         Le SDK v1 n’est plus pris en charge depuis le 30 juin 2026 : `vnetplan migrate` prépare le plan v2.\n\
         Les prérequis shell sont ici en commentaires : lancez-les d’abord avec l’Azure CLI.";
    AZ_HEADER =>
        "Azure CLI steps for plan {plan}, written by vnetplan.\n\
         The Azure ML commands come from the CLI v1 extension (azure-cli-ml), whose support ended on\n\
         30 September 2025: `vnetplan migrate` prepares the v2 plan.",
        "Étapes Azure CLI pour le plan {plan}, écrites par vnetplan.\n\
         Les commandes Azure ML viennent de l’extension CLI v1 (azure-cli-ml), plus prise en charge\n\
         depuis le 30 septembre 2025 : `vnetplan migrate` prépare le plan v2.";
    AZ_V2_HEADER =>
        "Azure CLI steps for plan {plan}, written by vnetplan.\n\
         The Azure ML v1 commands come from the CLI v1 extension (azure-cli-ml), whose support ended on\n\
         30 September 2025; the v2 ones from the ml extension (CLI v2), and the two cannot be installed\n\
         together: run each part where its extension is.",
        "Étapes Azure CLI pour le plan {plan}, écrites par vnetplan.\n\
         Les commandes Azure ML v1 viennent de l’extension CLI v1 (azure-cli-ml), plus prise en charge\n\
         depuis le 30 septembre 2025 ; les v2 de l’extension ml (CLI v2), et les deux ne s’installent pas\n\
         ensemble : lancez chaque partie là où se trouve son extension.";
    PLACEHOLDERS_NOTE =>
        "Values in <angle brackets> are not in the plan: replace them before running.",
        "Les valeurs entre <chevrons> ne sont pas dans le plan : remplacez-les avant de lancer.";

    // The comments and descriptions of the templates and the az script.
    NETWORK_HEADER => "Network of the plan, built by vnetplan.", "Réseau du plan, construit par vnetplan.";
    AZ_NETWORK_HEADER =>
        "Network of the plan, built by vnetplan, with the Azure CLI.",
        "Réseau du plan, construit par vnetplan, avec l’Azure CLI.";
    ARM_DESCRIPTION =>
        "Network of the plan, built by vnetplan. Deploy it into resource group {group}.",
        "Réseau du plan, construit par vnetplan. Déployez-le dans le groupe de ressources {group}.";
    ARM_NESTED =>
        "Resources of other resource groups go there through nested deployments.",
        "Les ressources des autres groupes de ressources y vont par des déploiements imbriqués.";
    DEPLOY_INTO => "Deploy into resource group {group}.", "Déployez dans le groupe de ressources {group}.";
    NESTED_GROUP =>
        "Resource group {group} gets its resources from a nested deployment.",
        "Le groupe de ressources {group} reçoit ses ressources d’un déploiement imbriqué.";
    PEERING_GROUP =>
        "Peerings of VNets in resource group {group} with VNets of other groups, once both exist.",
        "Appairages des VNets du groupe de ressources {group} avec ceux d’autres groupes, une fois les deux créés.";
    ROLE_GROUP =>
        "Roles on resource group {group} for the identities of clusters whose nodes use its VNets, once the clusters exist.",
        "Rôles sur le groupe de ressources {group} des identités des clusters dont les nœuds utilisent ses VNets, une fois les clusters créés.";
    ROLE_COMMENT =>
        "AKS changes VNet {vnet} on behalf of cluster {name}, whose identity exists only once the cluster does: it gets Network Contributor on resource group {group} here",
        "AKS modifie le VNet {vnet} pour le compte du cluster {name}, dont l’identité n’existe qu’avec le cluster : elle reçoit ici le rôle Network Contributor sur le groupe de ressources {group}";
    NSG_COMMENT =>
        "Security group of the workload subnets of VNet {vnet}",
        "Groupe de sécurité des sous-réseaux de charges de travail du VNet {vnet}";
    VNET_COMMENT => "VNet {vnet}", "Réseau virtuel {vnet}";
    PEERING_COMMENT =>
        "Peering of VNets {a} and {b}: Azure keeps one side on each VNet",
        "Appairage des VNets {a} et {b} : Azure en garde un côté sur chaque VNet";
    CLUSTER_COMMENT => "AKS cluster {name}", "Cluster AKS {name}";

    ATTACHED_OMITTED =>
        "AKS cluster '{name}' exists already and is attached to the workspace, so only its network is \
         declared here",
        "Le cluster AKS « {name} » existe déjà et est attaché à l’espace de travail : seul son réseau est \
         déclaré ici";
    SUBNET_OMITTED =>
        "AKS cluster '{name}' is left out: its node subnet '{subnet}' of VNet '{vnet}' is not in the plan",
        "Le cluster AKS « {name} » est omis : son sous-réseau de nœuds « {subnet} » du VNet « {vnet} » \
         n’est pas dans le plan";
    MANAGED_VNET_OMITTED =>
        "AKS cluster '{name}' is left out: it lives in the VNet that AKS manages, outside the plan",
        "Le cluster AKS « {name} » est omis : il vit dans le VNet que gère AKS, hors du plan";
    CREATE_OR_ATTACH =>
        "Azure ML can create cluster '{name}' itself (see the sdk and az exports); declaring it here instead \
         means attaching it to the workspace once it exists",
        "Azure ML peut créer lui-même le cluster « {name} » (voir les exports sdk et az) ; le déclarer ici \
         oblige à l’attacher à l’espace de travail une fois qu’il existe";
    INTERNAL_LB_NOTE =>
        "Its scoring endpoint sits behind an internal load balancer in subnet '{subnet}', which Azure ML \
         sets up: attach with load_balancer_type InternalLoadBalancer and load_balancer_subnet '{subnet}'",
        "Son point de terminaison de scoring est derrière un équilibreur de charge interne du sous-réseau \
         « {subnet} », que configure Azure ML : attachez-le avec load_balancer_type InternalLoadBalancer et \
         load_balancer_subnet '{subnet}'";
    DOCKER_BRIDGE_NOTE =>
        "dockerBridgeCidr is left out: only the Azure ML v1 SDK asks for it, AKS no longer uses it",
        "dockerBridgeCidr est omis : seul le SDK Azure ML v1 le demande, AKS ne s’en sert plus";
    ENTRA_SIGN_IN =>
        "Local accounts are off, so people sign in through Microsoft Entra ID and Azure RBAC decides what \
         they may do: give them a role such as Azure Kubernetes Service RBAC Cluster Admin on the cluster",
        "Les comptes locaux sont désactivés : on se connecte par Microsoft Entra ID, et Azure RBAC décide \
         de ce que chacun peut faire ; donnez un rôle comme Azure Kubernetes Service RBAC Cluster Admin \
         sur le cluster";
    POD_CIDR_KEPT =>
        "podCidr is kept as planned, though plain Azure CNI takes no pod range",
        "podCidr est gardé tel que prévu, bien qu’Azure CNI simple ne prenne aucune plage de pods";
    VM_SIZE_COUNTED =>
        "VM size of the nodes of cluster {name}: the plan counts {vcpus} vCPUs per node",
        "Taille de VM des nœuds du cluster {name} : le plan compte {vcpus} vCPU par nœud";
    VM_SIZE => "VM size of the nodes of cluster {name}", "Taille de VM des nœuds du cluster {name}";
    CLIENT_ID =>
        "Client ID of the service principal of cluster {name}",
        "ID client du principal de service du cluster {name}";
    CLIENT_SECRET =>
        "Secret of the service principal of cluster {name}",
        "Secret du principal de service du cluster {name}";
    SCORING_RULE_DESCRIPTION =>
        "Clients outside the VNet call the scoring endpoint of cluster {name}",
        "Des clients hors du VNet appellent le point de terminaison de scoring du cluster {name}";
    NODE_PORT_RULE_DESCRIPTION =>
        "Clients outside the VNet call the router of cluster {name} on a node port of its nodes",
        "Des clients hors du VNet appellent le routeur du cluster {name} sur un port de nœud de ses nœuds";
    REGISTRY_RULE_DESCRIPTION =>
        "Images come from Azure Container Registry even with outbound traffic restricted",
        "Les images viennent d’Azure Container Registry même avec le trafic sortant restreint";
}
