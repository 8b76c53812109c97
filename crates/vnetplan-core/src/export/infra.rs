//! The infrastructure a plan describes, in terms every template language shares: the VNets with
//! their subnets, one network security group per VNet for every subnet that Azure lets have one,
//! and the AKS clusters to create. The ARM, Bicep, Terraform and `az` renderers only translate
//! this.

pub(super) mod kubernetes;
pub(super) mod skips;

pub(super) use kubernetes::{ExtensionSpec, Placeholder, Setting};
pub(super) use skips::Skip;

use super::prose::*;
use crate::context::Context;
use crate::plan::{region_name, AksCluster, Identity, Plan, Provisioning, RouterServiceType, Subnet, Vnet};
use crate::text::Lang;

/// Ports of a v1 scoring endpoint: HTTP, and HTTPS once TLS is enabled, which a v1 plan does not
/// record.
const SCORING_PORTS: &[&str] = &["80", "443"];
/// Ports of a v2 router that serves HTTPS only.
const TLS_PORTS: &[&str] = &["443"];
/// Kubernetes' default range for node ports: a `nodePort` router is reached on one of them,
/// which Kubernetes picks when it creates the service, so no narrower range is known beforehand.
const NODE_PORTS: &[&str] = &["30000-32767"];
const REGISTRY_PORTS: &[&str] = &["443"];
/// The first priority handed to the rules of a security group; lower numbers win in Azure.
const FIRST_PRIORITY: u32 = 100;
/// What a subnet delegated to container groups lets the service do, as Azure records it.
pub(super) const ACI_DELEGATION_ACTION: &str = "Microsoft.Network/virtualNetworks/subnets/action";
/// The node pool every generated cluster gets; `az aks create` uses the same default.
pub(super) const NODE_POOL: &str = "nodepool1";

pub(super) struct Infra<'p> {
    pub(super) plan: &'p Plan,
    /// The language of the notes and descriptions.
    pub(super) lang: Lang,
    /// One entry per VNet of the plan, in the plan's order.
    pub(super) vnets: Vec<VnetSpec<'p>>,
    pub(super) nsgs: Vec<NsgSpec<'p>>,
    pub(super) clusters: Vec<ClusterSpec<'p>>,
    /// Both sides of each peering between two VNets of the plan: Azure records a peering on
    /// each VNet, and traffic flows only once both sides exist. A pair's two sides follow each
    /// other.
    pub(super) peerings: Vec<PeeringSpec>,
    /// Why some clusters of the plan have no cluster resource, one sentence each.
    pub(super) omitted: Vec<String>,
    /// What a template cannot do and its reader must, before deploying it, one sentence each.
    /// A script does these itself, so only the templates tell them.
    pub(super) before_deploying: Vec<String>,
}

pub(super) struct VnetSpec<'p> {
    pub(super) vnet: &'p Vnet,
    pub(super) location: &'p str,
    /// Index into [`Infra::nsgs`] of the group that guards this VNet's subnets.
    pub(super) nsg: Option<usize>,
    pub(super) subnets: Vec<SubnetSpec<'p>>,
}

/// One side of a peering: the resource on VNet `local` that reaches VNet `remote`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PeeringSpec {
    /// Indexes into [`Infra::vnets`].
    pub(super) local: usize,
    pub(super) remote: usize,
    /// Unique among the peerings of VNet `local`.
    pub(super) name: String,
}

pub(super) struct SubnetSpec<'p> {
    pub(super) subnet: &'p Subnet,
    /// Every prefix of the Azure subnet: the plan's own, then those of the plan subnets that
    /// hold its further prefixes.
    pub(super) prefixes: Vec<&'p str>,
    /// The index of the earlier entry that holds this further prefix of its Azure subnet, which
    /// is written once, with all its prefixes.
    pub(super) folded_into: Option<usize>,
    /// The VNet's NSG applies to it: every subnet but those on which Azure refuses one.
    pub(super) guarded: bool,
    /// Scanner checks the subnet leaves failing, and why.
    pub(super) skips: Vec<Skip>,
}

pub(super) struct NsgSpec<'p> {
    pub(super) name: String,
    pub(super) vnet: usize,
    pub(super) resource_group: &'p str,
    pub(super) location: &'p str,
    pub(super) rules: Vec<NsgRule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NsgRule {
    pub(super) name: String,
    pub(super) description: String,
    pub(super) priority: u32,
    pub(super) direction: Direction,
    pub(super) source: String,
    pub(super) destination: String,
    /// Ports or ranges (`30000-32767`), as Azure takes them.
    pub(super) ports: &'static [&'static str],
    /// The cluster whose scoring endpoint the rule opens; `None` for the registry rule.
    pub(super) cluster: Option<usize>,
    /// Scanner checks the rule leaves failing, and why.
    pub(super) skips: Vec<Skip>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Inbound,
    Outbound,
}

impl Direction {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Inbound => "Inbound",
            Self::Outbound => "Outbound",
        }
    }
}

pub(super) struct ClusterSpec<'p> {
    pub(super) cluster: &'p AksCluster,
    pub(super) location: &'p str,
    /// The plan has no field for it: the workspace's resource group holds the cluster.
    pub(super) resource_group: &'p str,
    pub(super) vnet: usize,
    pub(super) subnet: usize,
    /// Under Azure CNI Pod Subnet, the subnet of the same VNet that gives the pods their addresses.
    pub(super) pod_subnet: Option<usize>,
    pub(super) dns_prefix: String,
    /// What a reader of the template should know about this cluster, one sentence each.
    pub(super) notes: Vec<String>,
    /// Scanner checks the cluster resource leaves failing, and why.
    pub(super) skips: Vec<Skip>,
    /// For a v2 cluster, the Azure ML extension that the template installs before attaching it.
    pub(super) extension: Option<ExtensionSpec>,
}

impl<'p> Infra<'p> {
    pub(super) fn new(plan: &'p Plan, lang: Lang) -> Self {
        let context = Context::new(plan);
        let mut workloads: Vec<Vec<bool>> = plan.vnets.iter().map(|v| vec![false; v.subnets.len()]).collect();
        let mut mark = |vnet: Option<usize>, subnet: Option<usize>| {
            if let Some(flag) =
                vnet.zip(subnet).and_then(|(v, s)| workloads.get_mut(v).and_then(|flags| flags.get_mut(s)))
            {
                *flag = true;
            }
        };
        for facts in &context.clusters {
            mark(facts.node.vnet, facts.node.subnet);
            mark(facts.node.vnet, facts.load_balancer_subnet);
        }
        for placement in &context.aci {
            mark(placement.vnet, placement.subnet);
        }

        let mut vnets = Vec::with_capacity(plan.vnets.len());
        let mut nsgs = Vec::new();
        for (index, (vnet, flags)) in plan.vnets.iter().zip(&workloads).enumerate() {
            let location = plan.vnet_region(vnet);
            let rules = vnet_rules(plan, &context, index, flags.contains(&true), lang);
            let any_guarded = vnet.subnets.iter().any(|subnet| !skips::refuses_nsg(subnet.azure_name()));
            let nsg = any_guarded.then(|| {
                nsgs.push(NsgSpec {
                    name: format!("{}-nsg", vnet.azure_name()),
                    vnet: index,
                    resource_group: &vnet.resource_group,
                    location,
                    rules,
                });
                nsgs.len() - 1
            });
            let subnets = subnet_specs(vnet, lang);
            vnets.push(VnetSpec { vnet, location, nsg, subnets });
        }

        let mut clusters = Vec::new();
        let mut omitted = Vec::new();
        for (_, cluster, facts) in context.clusters() {
            // Azure ML v2 never creates a cluster, so the template creates every v2 one.
            let provisioning = if cluster.is_v2() { Provisioning::Create } else { cluster.provisioning() };
            match (provisioning, facts.node.vnet, facts.node.subnet) {
                (Provisioning::Attach, _, _) => {
                    omitted.push(msg!(ATTACHED_OMITTED, name = &cluster.name).render(lang));
                }
                (Provisioning::Create, Some(vnet), Some(subnet)) => clusters.push(ClusterSpec {
                    cluster,
                    location: plan.cluster_region(cluster),
                    resource_group: &plan.workspace.resource_group,
                    vnet,
                    subnet,
                    pod_subnet: facts.pod_subnet,
                    dns_prefix: super::quote::label(&cluster.name, 54),
                    notes: cluster_notes(cluster, lang),
                    skips: skips::cluster_skips(cluster, lang),
                    extension: cluster.is_v2().then(|| kubernetes::extension(cluster, lang)),
                }),
                (Provisioning::Create, _, _) => {
                    let note = match (&cluster.vnet, &cluster.subnet) {
                        (Some(vnet), Some(subnet)) => {
                            msg!(SUBNET_OMITTED, name = &cluster.name, subnet = subnet, vnet = vnet)
                        }
                        _ => msg!(MANAGED_VNET_OMITTED, name = &cluster.name),
                    };
                    omitted.push(note.render(lang));
                }
            }
        }
        let peerings = peerings(plan, &context);
        let before_deploying = clusters
            .iter()
            .filter(|spec| spec.extension.is_some())
            .filter_map(|spec| kubernetes::before_deploying(spec.cluster, lang))
            .collect();
        Self { plan, lang, vnets, nsgs, clusters, peerings, omitted, before_deploying }
    }

    /// Every note a template opens with: what it leaves out, then what to do before deploying it.
    pub(super) fn template_notes(&self) -> impl Iterator<Item = &String> {
        self.omitted.iter().chain(&self.before_deploying)
    }

    pub(super) fn vnet(&self, index: usize) -> Option<&VnetSpec<'p>> {
        self.vnets.get(index)
    }

    /// The VNet and subnet that cluster `spec`'s nodes join.
    pub(super) fn node_subnet(&self, spec: &ClusterSpec<'p>) -> Option<(&'p Vnet, &'p Subnet)> {
        let vnet = self.vnets.get(spec.vnet)?.vnet;
        Some((vnet, vnet.subnets.get(spec.subnet)?))
    }

    pub(super) fn pod_subnet(&self, spec: &ClusterSpec<'p>) -> Option<(&'p Vnet, &'p Subnet)> {
        let vnet = self.vnets.get(spec.vnet)?.vnet;
        Some((vnet, vnet.subnets.get(spec.pod_subnet?)?))
    }

    /// The VNet on whose resource group a template grants cluster `spec`'s identity Network
    /// Contributor. The identity comes into being with the cluster the template creates, so the
    /// plan's networkContributorGranted cannot be about it: whatever the field says, the check
    /// accepts the cluster only once the identity holds the role, so the template grants it. A
    /// service principal exists beforehand, the template does not know its object ID, and the
    /// field does describe it: it gets no grant.
    pub(super) fn granted_vnet(&self, spec: &ClusterSpec<'p>) -> Option<&'p Vnet> {
        if spec.cluster.identity() != Identity::SystemAssigned {
            return None;
        }
        self.node_subnet(spec).map(|(vnet, _)| vnet)
    }

    /// The rule that opens cluster `index`'s scoring endpoint, when the plan asks for one.
    pub(super) fn scoring_rule(&self, index: usize) -> Option<&NsgRule> {
        self.nsgs.iter().flat_map(|nsg| &nsg.rules).find(|rule| rule.cluster == Some(index))
    }

    /// VNets whose security group lets their workloads reach the container registry.
    pub(super) fn registry_rules(&self) -> impl Iterator<Item = (&VnetSpec<'p>, &NsgRule)> {
        self.nsgs.iter().filter_map(|nsg| {
            let rule = nsg.rules.iter().find(|rule| rule.cluster.is_none())?;
            Some((self.vnets.get(nsg.vnet)?, rule))
        })
    }
}

/// The entries of `vnet`'s subnets, each further prefix the import split off a subnet folded
/// back into the entry of its Azure subnet, since Azure refuses two subnets of one name.
fn subnet_specs(vnet: &Vnet, lang: Lang) -> Vec<SubnetSpec<'_>> {
    let mut specs: Vec<SubnetSpec<'_>> = Vec::with_capacity(vnet.subnets.len());
    for subnet in &vnet.subnets {
        let name = subnet.azure_name();
        let tagged = name.len() != subnet.name.len();
        let holder =
            specs.iter().position(|spec| spec.folded_into.is_none() && spec.subnet.azure_name() == name);
        let folded_into = holder.filter(|_| tagged);
        if let Some(entry) = folded_into.and_then(|index| specs.get_mut(index)) {
            entry.prefixes.push(&subnet.address_prefix);
        }
        specs.push(SubnetSpec {
            subnet,
            prefixes: vec![&subnet.address_prefix],
            folded_into,
            guarded: !skips::refuses_nsg(name),
            skips: skips::subnet_skip(name, lang).into_iter().collect(),
        });
    }
    specs
}

impl SubnetSpec<'_> {
    /// Whether the template writes this entry as a subnet: the further prefixes of a subnet are
    /// written with it.
    pub(super) fn is_written(&self) -> bool {
        self.folded_into.is_none()
    }
}

/// The peerings the plan states, each pair once whichever side lists it, as the check reads
/// them. A name that is no VNet of the plan, or the VNet's own, peers nothing: the check reports
/// the first, and a VNet reaches itself anyway.
fn peerings(plan: &Plan, context: &Context<'_>) -> Vec<PeeringSpec> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (index, vnet) in plan.vnets.iter().enumerate() {
        // Names resolve to the first VNet that has them, so the check never reads the
        // peerings of a later namesake.
        if context.vnet_named(&vnet.name) != Some(index) {
            continue;
        }
        for peer in &vnet.peerings {
            let Some(other) = context.vnet_named(peer) else { continue };
            if other != index
                && !pairs.iter().any(|&(a, b)| (a, b) == (index, other) || (a, b) == (other, index))
            {
                pairs.push((index, other));
            }
        }
    }
    let mut taken: Vec<(usize, String)> = Vec::new();
    let mut side = |local: usize, remote: usize| {
        let stem = match (plan.vnets.get(local), plan.vnets.get(remote)) {
            (Some(from), Some(to)) => {
                format!("{}-to-{}", super::quote::label(&from.name, 36), super::quote::label(&to.name, 36))
            }
            _ => "peering".to_owned(),
        };
        let name = free_name(stem, |name| taken.iter().any(|(vnet, other)| *vnet == local && other == name));
        taken.push((local, name.clone()));
        PeeringSpec { local, remote, name }
    };
    pairs.into_iter().flat_map(|(a, b)| [side(a, b), side(b, a)]).collect()
}

/// `stem` itself, or else `stem-2`, `stem-3`, … : the first name that `taken` says is free.
pub(super) fn free_name(stem: String, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| if n == 1 { stem.clone() } else { format!("{stem}-{n}") })
        .find(|name| !taken(name))
        .unwrap_or(stem)
}

/// The rules of VNet `vnet`'s security group: one inbound rule per cluster whose scoring
/// endpoint is called from outside the VNet, and the registry rule when egress is restricted.
fn vnet_rules(
    plan: &Plan,
    context: &Context<'_>,
    vnet: usize,
    has_workloads: bool,
    lang: Lang,
) -> Vec<NsgRule> {
    let mut rules: Vec<NsgRule> = context
        .clusters()
        .filter(|(_, cluster, facts)| cluster.scoring_from_outside_vnet() && facts.node.vnet == Some(vnet))
        .zip(FIRST_PRIORITY..)
        .map(|((index, cluster, facts), priority)| {
            let nodes = plan
                .vnets
                .get(vnet)
                .and_then(|entry| entry.subnets.get(facts.node.subnet?))
                .map(|subnet| subnet.address_prefix.as_str());
            scoring_rule(index, cluster, nodes, priority, lang)
        })
        .collect();
    if plan.egress.restricted() && has_workloads {
        rules.push(registry_rule(&plan.region, lang));
    }
    rules
}

/// Admits clients outside the VNet to cluster `cluster`'s scoring endpoint. The endpoint's
/// address is only known once a model is deployed, so the rule covers any destination on the
/// scoring ports; narrow it to that address when it is known. A v2 router serves HTTPS, and
/// plain HTTP only when the plan allows insecure connections. A `nodePort` router is reached at
/// the node IPs, all in the node subnet `nodes`, on its node port, whatever the protocol.
pub(super) fn scoring_rule(
    index: usize,
    cluster: &AksCluster,
    nodes: Option<&str>,
    priority: u32,
    lang: Lang,
) -> NsgRule {
    let (ports, destination, description) = if node_port_router(cluster) {
        (NODE_PORTS, nodes.unwrap_or("*"), NODE_PORT_RULE_DESCRIPTION)
    } else if cluster.is_v2() && !cluster.azure_ml().allow_insecure_connections() {
        (TLS_PORTS, "*", SCORING_RULE_DESCRIPTION)
    } else {
        (SCORING_PORTS, "*", SCORING_RULE_DESCRIPTION)
    };
    let skips = if ports.contains(&"80") { vec![skips::http_skip(cluster, lang)] } else { Vec::new() };
    NsgRule {
        name: format!("allow-scoring-{}", super::quote::label(&cluster.name, 60)),
        description: msg!(description, name = &cluster.name).render(lang),
        priority,
        direction: Direction::Inbound,
        source: "*".to_owned(),
        destination: destination.to_owned(),
        ports,
        cluster: Some(index),
        skips,
    }
}

/// Whether clients reach cluster `cluster`'s router at its nodes, on a node port.
pub(super) fn node_port_router(cluster: &AksCluster) -> bool {
    cluster.is_v2() && cluster.azure_ml().router_service_type() == Some(RouterServiceType::NodePort)
}

/// Lets workloads pull images from the workspace's container registry despite restricted egress.
fn registry_rule(region: &str, lang: Lang) -> NsgRule {
    NsgRule {
        name: "allow-container-registry".to_owned(),
        description: REGISTRY_RULE_DESCRIPTION.get(lang).to_owned(),
        priority: FIRST_PRIORITY,
        direction: Direction::Outbound,
        source: "VirtualNetwork".to_owned(),
        destination: format!("AzureContainerRegistry.{}", region_name(region)),
        ports: REGISTRY_PORTS,
        cluster: None,
        skips: Vec::new(),
    }
}

fn cluster_notes(cluster: &AksCluster, lang: Lang) -> Vec<String> {
    let first = if cluster.is_v2() { kubernetes::V2_CLUSTER_NOTE } else { CREATE_OR_ATTACH };
    let mut notes = vec![msg!(first, name = &cluster.name).render(lang)];
    if let Some(subnet) = cluster.internal_load_balancer_subnet() {
        notes.push(msg!(INTERNAL_LB_NOTE, subnet = subnet).render(lang));
    }
    if cluster.docker_bridge_cidr.is_some() {
        notes.push(DOCKER_BRIDGE_NOTE.get(lang).to_owned());
    }
    notes
}

/// A name for a delegation entry: ARM wants one, and the service name says what it is.
pub(super) fn delegation_name(service: &str) -> String {
    service.replace('/', ".")
}

/// The ports of a rule as Azure's templates take them, as text.
pub(super) fn port_list(ports: &[&str]) -> Vec<String> {
    ports.iter().map(|port| (*port).to_owned()).collect()
}

/// The sentence telling which VM size a cluster's nodes need.
pub(super) fn vm_size_description(cluster: &AksCluster, lang: Lang) -> String {
    let description = match cluster.vcpus() {
        Some(vcpus) => msg!(VM_SIZE_COUNTED, name = &cluster.name, vcpus = vcpus),
        None => msg!(VM_SIZE, name = &cluster.name),
    };
    description.render(lang)
}

/// The descriptions of the client ID and the secret of cluster `cluster`'s service principal.
pub(super) fn credential_descriptions(cluster: &AksCluster, lang: Lang) -> (String, String) {
    (
        msg!(CLIENT_ID, name = &cluster.name).render(lang),
        msg!(CLIENT_SECRET, name = &cluster.name).render(lang),
    )
}
