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
    ROLE_TITLE =>
        "Grant cluster '{name}' Network Contributor on its VNet's resource group",
        "Donner au cluster « {name} » le rôle Network Contributor sur le groupe de ressources de son VNet";

    FLAGGED =>
        "The plan's check finds problems here; resolve them first: {rules}.",
        "La vérification du plan trouve ici des problèmes ; résolvez-les d'abord : {rules}.";

    REGISTRY_NOTE =>
        "With the default outbound rules overridden, images must still come from the registry.",
        "Les règles sortantes par défaut étant remplacées, les images doivent tout de même venir du registre.";
    ROLE_NOTE =>
        "The cluster's identity manages addresses in VNet {vnet}, so it needs Network Contributor on the\n\
         resource group holding that VNet, {group}.",
        "L'identité du cluster gère des adresses du VNet {vnet} : il lui faut le rôle Network Contributor\n\
         sur le groupe de ressources qui contient ce VNet, {group}.";
    OWN_GROUP_ASSUMED =>
        "The plan does not record the cluster's own resource group: the workspace's, {group}, is assumed.",
        "Le plan n'indique pas le groupe de ressources propre au cluster : celui de l'espace de travail, \
         {group}, est supposé.";
    GROUP_ASSUMED =>
        "The plan does not record the cluster's resource group: the workspace's, {group}, is assumed.",
        "Le plan n'indique pas le groupe de ressources du cluster : celui de l'espace de travail, {group}, \
         est supposé.";
    ROLE_AFTER_CREATE =>
        "Azure ML creates this cluster and its identity with it: run this once creation is done.",
        "Azure ML crée ce cluster et son identité avec lui : lancez ceci une fois la création terminée.";
    ROLE_GRANTED =>
        "The plan records the role as granted already; running this again only confirms it.",
        "Le plan note que le rôle est déjà accordé ; relancer ceci ne fait que le confirmer.";
    DELEGATION_NOTE =>
        "Azure ML starts container groups only in a subnet delegated to Azure Container Instances.",
        "Azure ML ne démarre des groupes de conteneurs que dans un sous-réseau délégué à Azure Container \
         Instances.";
    SCORING_NOTE =>
        "Clients outside the VNet call this cluster's scoring endpoint, so the NSG on its subnet\n\
         must let them in. The plan names neither that NSG nor the endpoint's address: the scoring\n\
         URI of a deployed service shows the address.",
        "Des clients hors du VNet appellent le point de terminaison de scoring de ce cluster : le NSG\n\
         de son sous-réseau doit les laisser entrer. Le plan ne nomme ni ce NSG ni l'adresse du point\n\
         de terminaison : l'URI de scoring d'un service déployé donne l'adresse.";
    WORKSPACE_OBJECT_NOTE =>
        "ws is the workspace, for instance Workspace.from_config().",
        "ws est l'espace de travail, par exemple Workspace.from_config().";
    WORKSPACE_VARIABLE_NOTE =>
        "WORKSPACE_NAME holds the name of the Azure ML workspace, which the plan does not record.",
        "WORKSPACE_NAME contient le nom de l'espace de travail Azure ML, que le plan n'indique pas.";
    VM_SIZE_NOTE =>
        "Pick a vm_size with {vcpus} vCPUs, as the plan counts; the plan names no size.",
        "Choisissez une vm_size à {vcpus} vCPU, comme le plan les compte ; le plan ne nomme aucune taille.";
    SDK_UNSUPPORTED =>
        "The v1 SDK has no setting for {settings}: only a cluster created outside Azure ML and attached\n\
         gets them (see the templates).",
        "Le SDK v1 n'a aucun réglage pour {settings} : seul un cluster créé hors d'Azure ML puis attaché\n\
         les reçoit (voir les modèles).";
    NETWORK_PLUGIN => "the network plugin", "le plugin réseau";
    POD_RANGE => "the pod range", "la plage des pods";
    PODS_PER_NODE => "pods per node", "les pods par nœud";
    PRIVATE_API_SERVER => "a private API server", "un serveur d'API privé";
    SIX_VNET_VALUES =>
        "The v1 SDK takes all six VNet values or none of them.",
        "Le SDK v1 prend les six valeurs du VNet ou aucune.";
    UPDATE_NOTE =>
        "Run this only once the attach has finished: the load balancer changes after it.",
        "Ne lancez ceci qu'une fois l'attachement terminé : l'équilibreur de charge change après lui.";
    MODEL_NOTE =>
        "model and inference_config come from your project.",
        "model et inference_config viennent de votre projet.";

    UNNAMED => "(unnamed)", "(sans nom)";
    PLAN_NAME => "'{name}'", "« {name} »";
    SDK_HEADER =>
        "Azure ML SDK v1 steps for plan {plan}, written by vnetplan.\n\
         SDK v1 support ended on 30 June 2026: `vnetplan migrate` prepares the v2 plan.\n\
         The shell prerequisites are here as comments: run them with the Azure CLI first.",
        "Étapes du SDK Azure ML v1 pour le plan {plan}, écrites par vnetplan.\n\
         Le SDK v1 n'est plus pris en charge depuis le 30 juin 2026 : `vnetplan migrate` prépare le plan v2.\n\
         Les prérequis shell sont ici en commentaires : lancez-les d'abord avec l'Azure CLI.";
    AZ_HEADER =>
        "Azure CLI steps for plan {plan}, written by vnetplan.\n\
         The Azure ML commands come from the CLI v1 extension (azure-cli-ml), whose support ended on\n\
         30 September 2025: `vnetplan migrate` prepares the v2 plan.",
        "Étapes Azure CLI pour le plan {plan}, écrites par vnetplan.\n\
         Les commandes Azure ML viennent de l'extension CLI v1 (azure-cli-ml), plus prise en charge\n\
         depuis le 30 septembre 2025 : `vnetplan migrate` prépare le plan v2.";
    PLACEHOLDERS_NOTE =>
        "Values in <angle brackets> are not in the plan: replace them before running.",
        "Les valeurs entre <chevrons> ne sont pas dans le plan : remplacez-les avant de lancer.";

    // The comments and descriptions of the templates and the az script.
    NETWORK_HEADER => "Network of the plan, built by vnetplan.", "Réseau du plan, construit par vnetplan.";
    AZ_NETWORK_HEADER =>
        "Network of the plan, built by vnetplan, with the Azure CLI.",
        "Réseau du plan, construit par vnetplan, avec l'Azure CLI.";
    ARM_DESCRIPTION =>
        "Network of the plan, built by vnetplan. Deploy it into resource group {group}.",
        "Réseau du plan, construit par vnetplan. Déployez-le dans le groupe de ressources {group}.";
    ARM_NESTED =>
        "Resources of other resource groups go there through nested deployments.",
        "Les ressources des autres groupes de ressources y vont par des déploiements imbriqués.";
    DEPLOY_INTO => "Deploy into resource group {group}.", "Déployez dans le groupe de ressources {group}.";
    NESTED_GROUP =>
        "Resource group {group} gets its resources from a nested deployment.",
        "Le groupe de ressources {group} reçoit ses ressources d'un déploiement imbriqué.";
    NSG_COMMENT =>
        "Security group of the workload subnets of VNet {vnet}",
        "Groupe de sécurité des sous-réseaux de charges de travail du VNet {vnet}";
    VNET_COMMENT => "VNet {vnet}", "Réseau virtuel {vnet}";
    CLUSTER_COMMENT => "AKS cluster {name}", "Cluster AKS {name}";

    ATTACHED_OMITTED =>
        "AKS cluster '{name}' exists already and is attached to the workspace, so only its network is \
         declared here",
        "Le cluster AKS « {name} » existe déjà et est attaché à l'espace de travail : seul son réseau est \
         déclaré ici";
    SUBNET_OMITTED =>
        "AKS cluster '{name}' is left out: its node subnet '{subnet}' of VNet '{vnet}' is not in the plan",
        "Le cluster AKS « {name} » est omis : son sous-réseau de nœuds « {subnet} » du VNet « {vnet} » \
         n'est pas dans le plan";
    MANAGED_VNET_OMITTED =>
        "AKS cluster '{name}' is left out: it lives in the VNet that AKS manages, outside the plan",
        "Le cluster AKS « {name} » est omis : il vit dans le VNet que gère AKS, hors du plan";
    CREATE_OR_ATTACH =>
        "Azure ML can create cluster '{name}' itself (see the sdk and az exports); declaring it here instead \
         means attaching it to the workspace once it exists",
        "Azure ML peut créer lui-même le cluster « {name} » (voir les exports sdk et az) ; le déclarer ici \
         oblige à l'attacher à l'espace de travail une fois qu'il existe";
    INTERNAL_LB_NOTE =>
        "Its scoring endpoint sits behind an internal load balancer in subnet '{subnet}', which Azure ML \
         sets up: attach with load_balancer_type InternalLoadBalancer and load_balancer_subnet '{subnet}'",
        "Son point de terminaison de scoring est derrière un équilibreur de charge interne du sous-réseau \
         « {subnet} », que configure Azure ML : attachez-le avec load_balancer_type InternalLoadBalancer et \
         load_balancer_subnet '{subnet}'";
    DOCKER_BRIDGE_NOTE =>
        "dockerBridgeCidr is left out: only the Azure ML v1 SDK asks for it, AKS no longer uses it",
        "dockerBridgeCidr est omis : seul le SDK Azure ML v1 le demande, AKS ne s'en sert plus";
    POD_CIDR_KEPT =>
        "podCidr is kept as planned, though plain Azure CNI takes no pod range",
        "podCidr est gardé tel que prévu, bien qu'Azure CNI simple ne prenne aucune plage de pods";
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
    REGISTRY_RULE_DESCRIPTION =>
        "Images come from Azure Container Registry even with outbound traffic restricted",
        "Les images viennent d'Azure Container Registry même avec le trafic sortant restreint";
}
