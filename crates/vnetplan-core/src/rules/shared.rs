//! Pieces that several rules share, so that no rule imports from another.

use serde_json::Value;

use crate::capacity::{shortfalls, subnet_tenants};
use crate::context::{ClusterFacts, Context};
use crate::finding::{Draft, Fix};
use crate::fqdn::{covers_among, REGION_PLACEHOLDER};
use crate::net::Range;
use crate::plan::{outside_public_cloud, region_name, AksCluster, Choice, NetworkPlugin, Plan};
use crate::pointer;
use crate::text::Message;

/// The fewest nodes Azure ML accepts in a cluster meant for production (`FastProd`).
pub(crate) const PRODUCTION_NODES: u32 = 3;

/// How many names a message lists before it says how many more there are.
const NAMED: usize = 3;

/// The VNet and subnet names of everything the plan places in a subnet, in plan order.
pub(crate) fn joined_subnets(plan: &Plan) -> impl Iterator<Item = (&str, &str)> {
    let clusters = plan
        .aks_clusters
        .iter()
        .filter_map(|cluster| Some((cluster.vnet.as_deref()?, cluster.subnet.as_deref()?)));
    let deployments =
        plan.aci_deployments.iter().map(|deployment| (deployment.vnet.as_str(), deployment.subnet.as_str()));
    let endpoint = plan
        .workspace
        .private_endpoint
        .iter()
        .map(|endpoint| (endpoint.vnet.as_str(), endpoint.subnet.as_str()));
    clusters.chain(deployments).chain(endpoint)
}

/// `items` without repeats, each where it first appears. Plans place few resources in subnets,
/// so a scan does what a hash set would, without the set's code in the page for this one type.
pub(crate) fn first_appearances<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for item in items {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

/// The first few of `labels` joined for a message, followed by how many more there are; `None`
/// when there is nothing to name.
pub(crate) fn first_few(labels: &[Message]) -> Option<Message> {
    let mut named = labels.iter().take(NAMED).cloned();
    let first = named.next()?;
    let listed = named.fold(first, |list, next| {
        msg!(["{list}, {next}", "{list}, {next}"]).with_message("list", list).with_message("next", next)
    });
    Some(match labels.len().checked_sub(NAMED).filter(|more| *more > 0) {
        Some(more) => msg!(["{list} and {more} more", "{list} et {more} autres"], more = more)
            .with_message("list", listed),
        None => listed,
    })
}

/// Whether the cluster could run `nodes` nodes without an error: its node subnet and its own pod
/// subnet (when they resolve) must hold their addresses beside everything else placed in them,
/// and its pod range (when it uses one) a /24 block per node. `Err` says what stands in the way,
/// for the message of a finding that cannot offer a fix.
pub(crate) fn node_count_fits(
    context: &Context<'_>,
    index: usize,
    cluster: &AksCluster,
    facts: &ClusterFacts,
    nodes: u32,
) -> Result<(), Message> {
    let resized = AksCluster { node_count: u64::from(nodes), ..cluster.clone() };
    if let Some(short) = shortfalls(context, index, &resized).into_iter().next() {
        let subnet = context.subnet_name(short.vnet, short.subnet);
        return Err(if short.pods {
            msg!(
                [
                    "pod subnet '{subnet}' ({net}) has {usable} usable addresses and would need {needed} with \
                     the pods of {nodes} nodes",
                    "le sous-réseau de pods « {subnet} » ({net}) a {usable} adresses utilisables et en \
                     demanderait {needed} avec les pods de {nodes} nœuds"
                ],
                subnet = subnet,
                net = short.net,
                usable = short.usable,
                needed = short.needed,
                nodes = nodes,
            )
        } else {
            msg!(
                [
                    "subnet '{subnet}' ({net}) has {usable} usable addresses and would need {needed} with \
                     {nodes} nodes",
                    "le sous-réseau « {subnet} » ({net}) a {usable} adresses utilisables et en demanderait \
                     {needed} avec {nodes} nœuds"
                ],
                subnet = subnet,
                net = short.net,
                usable = short.usable,
                needed = short.needed,
                nodes = nodes,
            )
        });
    }
    // Azure CNI without overlay never uses a pod range, and one longer than /24 is already an
    // error of its own whatever the node count.
    let pod_range = facts.pod.filter(|pod| cluster.pods_use_pod_cidr() && pod.prefix_len() <= 24);
    if let Some(pod) = pod_range {
        let blocks = 1u64 << (24 - pod.prefix_len());
        if blocks < resized.peak_nodes() {
            return Err(msg!(
                [
                    "pod CIDR {pod} holds {blocks} /24 blocks and {nodes} nodes plus a surge of {surge} \
                     need {peak}",
                    "la plage des pods {pod} contient {blocks} blocs /24, alors que {nodes} nœuds, plus \
                     {surge} en surplus pendant une mise à niveau, en demandent {peak}"
                ],
                pod = pod,
                blocks = blocks,
                nodes = nodes,
                surge = cluster.surge_nodes(),
                peak = resized.peak_nodes(),
            ));
        }
    }
    Ok(())
}

/// The subjects of a finding about cluster `index`'s service range reaching into `prefixes` of
/// VNet `vnet`, and those prefixes as its message lists them.
pub(crate) fn overlapped_prefixes(
    index: usize,
    vnet: usize,
    prefixes: &[(usize, Range)],
) -> (Vec<String>, String) {
    let mut subjects = vec![pointer::cluster(index, "serviceCidr")];
    subjects.extend(prefixes.iter().map(|(prefix, _)| pointer::vnet_prefix(vnet, *prefix)));
    let listed: Vec<String> = prefixes.iter().map(|(_, range)| range.to_string()).collect();
    (subjects, listed.join(", "))
}

/// A finding about cluster `index`'s DNS service IP: the three DNS rules point at the same two
/// fields and offer the same move to the conventional address, so they only differ in `message`.
// Paths are written in full so that this addition touches no import line another change may edit.
pub(crate) fn dns_ip_finding(
    index: usize,
    service: ipnet::Ipv4Net,
    message: crate::text::Message,
) -> crate::finding::Draft {
    let subjects = vec![pointer::cluster(index, "dnsServiceIP"), pointer::cluster(index, "serviceCidr")];
    crate::finding::Draft::new(message, subjects)
        .with_fix(crate::range_fixes::conventional_dns_ip(index, service))
}

/// Each need lists the name to allow first, then other names that satisfy it just as well.
pub(crate) type Need = &'static [&'static str];

/// What a group of needed names lacks: the names no entry covers, and the clusters they concern.
pub(crate) struct Gap {
    pub missing: Vec<String>,
    pub clusters: Vec<usize>,
}

// The host names Kubernetes compute needs through a firewall that filters by name, by group, as
// the v2 catalog lists them (k8s-egress-fqdn-missing); egress-blocks-container-registry reads
// the workspace registry's two.

pub(crate) const AKS_CORE: &[Need] = &[
    &[PUBLIC_API_SERVER],
    &["mcr.microsoft.com"],
    &["*.data.mcr.microsoft.com"],
    &["mcr-0001.mcr-msedge.net"],
    &["management.azure.com"],
    &["login.microsoftonline.com"],
    &["packages.microsoft.com"],
    &["acs-mirror.azureedge.net"],
    &["packages.aks.azure.com"],
];

pub(crate) const CLUSTER_EXTENSIONS: &[Need] = &[
    &["<region>.dp.kubernetesconfiguration.azure.com"],
    &["arcmktplaceprod.azurecr.io"],
    &["arcmktplaceprod.centralindia.data.azurecr.io"],
    &["arcmktplaceprod.japaneast.data.azurecr.io"],
    &["arcmktplaceprod.westus2.data.azurecr.io"],
    &["arcmktplaceprod.westeurope.data.azurecr.io"],
    &["arcmktplaceprod.eastus.data.azurecr.io"],
    &["*.ingestion.msftcloudes.com"],
    &["*.microsoftmetrics.com"],
    &["marketplaceapi.microsoft.com"],
];

pub(crate) const AZURE_ML: &[Need] = &[
    &[REGISTRY_LOGIN],
    &[REGISTRY_DATA],
    &["<storage>.blob.core.windows.net"],
    &["<workspace-id>.workspace.<region>.api.azureml.ms"],
    &["<region>.experiments.azureml.net"],
    &["<region>.api.azureml.ms"],
];

/// The API server's public names, which nodes reach it by unless the cluster is private: AKS
/// lists them as not needed for private clusters (Learn, "Outbound network and FQDN rules for AKS
/// clusters").
const PUBLIC_API_SERVER: &str = "*.hcp.<region>.azmk8s.io";

/// The names of the workspace's container registry: its login server and its regional data
/// endpoint.
pub(crate) const WORKSPACE_REGISTRY: [&str; 2] = [REGISTRY_LOGIN, REGISTRY_DATA];
const REGISTRY_LOGIN: &str = "<acr>.azurecr.io";
const REGISTRY_DATA: &str = "<acr>.<region>.data.azurecr.io";

/// Every name the egress rules need that holds no placeholder and no wildcard: an entry equal to
/// one of them covers only that name (`fqdn::covers_among`).
pub(crate) fn fixed_names(groups: &[&[Need]]) -> Vec<&'static str> {
    let fixed = |name: &&str| !name.contains('<') && !name.contains('*');
    groups.iter().flat_map(|needs| needs.iter()).flat_map(|need| need.iter()).copied().filter(fixed).collect()
}

/// The gap of one group, or `None` when the rule does not apply or nothing is missing. With
/// `per_cluster`, `<region>` takes each v2 cluster's region; otherwise the plan's, and every v2
/// cluster is concerned. `fixed` is [`fixed_names`] of every group the rules check.
pub(crate) fn gap(context: &Context<'_>, needs: &[Need], per_cluster: bool, fixed: &[&str]) -> Option<Gap> {
    let plan = context.plan;
    let entries = plan.egress.fqdn_allow_list()?;
    // Outside the public cloud the services go by other names, which these lists do not hold:
    // `outside_public_cloud_clusters` reports those clusters instead.
    let v2: Vec<(usize, &str, bool)> = context
        .clusters()
        .filter(|(_, cluster, _)| cluster.is_v2())
        .map(|(index, cluster, _)| (index, plan.cluster_region(cluster), cluster.private_cluster()))
        .filter(|(_, region, _)| !outside_public_cloud(region))
        .collect();
    if v2.is_empty() || (!per_cluster && outside_public_cloud(&plan.region)) {
        return None;
    }
    let regions: Vec<(Option<usize>, &str, bool)> = if per_cluster {
        v2.iter().map(|(index, region, private)| (Some(*index), *region, *private)).collect()
    } else {
        vec![(None, plan.region.as_str(), v2.iter().all(|(_, _, private)| *private))]
    };
    let mut missing: Vec<String> = Vec::new();
    let mut clusters = Vec::new();
    for (cluster, region, private) in regions {
        let mut lacks = false;
        for need in needs.iter().filter(|need| !(private && need.first() == Some(&PUBLIC_API_SERVER))) {
            let covered =
                need.iter().any(|name| entries.iter().any(|entry| covers_among(entry, name, region, fixed)));
            let Some(first) = need.first().filter(|_| !covered) else {
                continue;
            };
            lacks = true;
            let name = first.replace(REGION_PLACEHOLDER, &region_name(region));
            if !missing.iter().any(|known| known.eq_ignore_ascii_case(&name)) {
                missing.push(name);
            }
        }
        if let Some(index) = cluster.filter(|_| lacks) {
            clusters.push(index);
        }
    }
    if missing.is_empty() {
        return None;
    }
    if !per_cluster {
        clusters = v2.into_iter().map(|(index, _, _)| index).collect();
    }
    Some(Gap { missing, clusters })
}

/// The v2 clusters whose names `gap` cannot check, when egress is filtered by name, each with
/// the region outside Azure's public cloud that stops it: its own, or the plan's (the
/// workspace's).
pub(crate) fn outside_public_cloud_clusters<'p>(context: &Context<'p>) -> Vec<(usize, &'p str)> {
    let plan = context.plan;
    if plan.egress.fqdn_allow_list().is_none() {
        return Vec::new();
    }
    context
        .clusters()
        .filter(|(_, cluster, _)| cluster.is_v2())
        .filter_map(|(index, cluster, _)| {
            let region = plan.cluster_region(cluster);
            let outside =
                [region, plan.region.as_str()].into_iter().find(|region| outside_public_cloud(region));
            Some((index, outside?))
        })
        .collect()
}

/// The allow-list with `missing` appended, recorded once a person has allowed them in Azure.
pub(crate) fn append_fix(context: &Context<'_>, missing: &[String]) -> Fix {
    let written = context.plan.egress.allowed_fqdns.iter().flatten();
    let value: Vec<Value> = written.chain(missing).cloned().map(Value::String).collect();
    Fix::set(
        msg!(
            ["record that the firewall allows {names}", "noter que le pare-feu autorise {names}"],
            names = missing.join(", "),
        ),
        pointer::egress("allowedFqdns"),
        Value::Array(value),
    )
}

pub(crate) fn subjects(gap: &Gap) -> Vec<String> {
    std::iter::once(pointer::egress("allowedFqdns"))
        .chain(gap.clusters.iter().map(|index| pointer::cluster_whole(*index)))
        .collect()
}

/// The cluster's own VNet, when the plan records it as peered with VNet `other`: an overlap with
/// a VNet the cluster's VNet is connected to breaks routing, as one with a peered external
/// range does.
pub(crate) fn peered_with_own<'p>(
    context: &Context<'p>,
    own: Option<usize>,
    other: usize,
) -> Option<PeeredWithOwn<'p>> {
    let own = context.vnet(own?)?;
    let other = context.vnet(other)?;
    context.peered(&own.name, &other.name).then_some(PeeredWithOwn { own: &own.name })
}

pub(crate) struct PeeredWithOwn<'p> {
    own: &'p str,
}

impl PeeredWithOwn<'_> {
    /// The finding's message, saying which peering makes it an error.
    pub(crate) fn appended_to(&self, finding: Message) -> Message {
        msg!(
            [
                "{finding}, a VNet peered with the cluster's VNet '{own}'",
                "{finding}, un VNet appairé avec le VNet « {own} » du cluster"
            ],
            own = self.own,
        )
        .with_message("finding", finding)
    }
}

/// The finding about a private cluster whose plan leaves its public FQDN unstated, naming who
/// does not support one: `unsupported_by` completes "which …" in English and "et …" in French.
pub(crate) fn public_fqdn_unstated(index: usize, cluster: &AksCluster, unsupported_by: Message) -> Draft {
    let message = msg!(
        [
            "private cluster '{cluster}' does not say whether its API server keeps a public FQDN, which AKS \
             gives a private cluster unless it is turned off, and which {unsupported_by}",
            "le cluster privé « {cluster} » ne dit pas si son serveur d’API garde un FQDN public, qu’AKS \
             donne à un cluster privé sauf s’il est désactivé, et {unsupported_by}"
        ],
        cluster = &cluster.name,
    )
    .with_message("unsupported_by", unsupported_by);
    let subjects =
        vec![pointer::cluster(index, "privateClusterPublicFqdn"), pointer::cluster(index, "privateCluster")];
    Draft::new(message, subjects).with_fix(Some(public_fqdn_recorded(index, cluster)))
}

/// Records that a private cluster has no public FQDN, once someone has read it off the cluster.
fn public_fqdn_recorded(index: usize, cluster: &AksCluster) -> Fix {
    Fix::set(
        msg!(
            [
                "confirm with `az aks show --name {cluster} --query \
                 apiServerAccessProfile.enablePrivateClusterPublicFqdn` that cluster '{cluster}' has no \
                 public FQDN (or turn it off with `az aks update --disable-public-fqdn`), then record \
                 privateClusterPublicFqdn false",
                "confirmer avec `az aks show --name {cluster} --query \
                 apiServerAccessProfile.enablePrivateClusterPublicFqdn` que le cluster « {cluster} » n’a pas \
                 de FQDN public (ou le désactiver avec `az aks update --disable-public-fqdn`), puis consigner \
                 privateClusterPublicFqdn à false"
            ],
            cluster = &cluster.name,
        ),
        pointer::cluster(index, "privateClusterPublicFqdn"),
        false,
    )
}

/// Whether the plan puts nothing in its VNets that pulls images or calls Azure ML out through the
/// restricted egress: no AKS cluster and no ACI deployment. A managed online endpoint runs in a
/// network Microsoft manages, which the VNet's egress rules do not govern.
pub(crate) fn nothing_behind_egress(plan: &Plan) -> bool {
    plan.aks_clusters.is_empty() && plan.aci_deployments.is_empty()
}

/// The network settings of a cluster that Azure ML v1 cannot build, as (field, value): creation
/// makes flat Azure CNI with its pods in the node subnet. A pod range follows from kubenet or
/// overlay, so it is listed only on its own.
pub(crate) fn unbuildable_plugin_settings(cluster: &AksCluster) -> Vec<(&'static str, &str)> {
    let mut fields = Vec::new();
    if cluster.network_plugin == Some(NetworkPlugin::Kubenet) {
        fields.push(("networkPlugin", NetworkPlugin::Kubenet.as_str()));
    }
    if let Some(mode) = cluster.network_plugin_mode {
        fields.push(("networkPluginMode", mode.as_str()));
    }
    if let (true, Some(pods)) = (fields.is_empty(), cluster.pod_cidr.as_deref()) {
        fields.push(("podCidr", pods));
    }
    if let Some(pod_subnet) = cluster.pod_subnet.as_deref() {
        fields.push(("podSubnet", pod_subnet));
    }
    fields
}

/// Something the plan places in a subnet: the subnet, where the plan writes it, and what it is.
pub(crate) struct Workload {
    pub(crate) vnet: usize,
    pub(crate) subnet: usize,
    pub(crate) subject: String,
    pub(crate) what: Message,
}

/// Every workload the plan places in one of its own subnets: each cluster's nodes, then every
/// tenant [`subnet_tenants`] counts (the workspace private endpoint, v1 internal load balancers,
/// ACI deployments and pods). A cluster's pods or load balancer in its node subnet are left out,
/// since its nodes already name that subnet once.
pub(crate) fn workloads(context: &Context<'_>) -> Vec<Workload> {
    const NODES: crate::text::Text =
        text!("the nodes of cluster '{cluster}'", "les nœuds du cluster « {cluster} »");
    let mut found = Vec::new();
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(subnet)) = (facts.node.vnet, facts.node.subnet) else { continue };
        let what = msg!(NODES, cluster = &cluster.name);
        found.push(Workload { vnet, subnet, subject: pointer::cluster(index, "subnet"), what });
    }
    for ((vnet, subnet), tenants) in subnet_tenants(context) {
        for tenant in tenants {
            let in_node_subnet = tenant
                .cluster
                .and_then(|index| context.clusters.get(index))
                .is_some_and(|facts| facts.node.vnet == Some(vnet) && facts.node.subnet == Some(subnet));
            if !in_node_subnet {
                found.push(Workload { vnet, subnet, subject: tenant.subject, what: tenant.what });
            }
        }
    }
    found
}
