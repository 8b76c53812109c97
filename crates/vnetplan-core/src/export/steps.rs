//! The guided steps: the commands and SDK code that set up the plan's inference environment,
//! in the order the Azure ML guide takes them.
//!
//! The prerequisites come first (the role of each attached cluster's identity, the ACI subnet
//! delegations, the security rules), then each AKS cluster created or attached with the v1
//! Python SDK and its CLI v1 equivalent, then each ACI deployment. A cluster that Azure ML
//! creates gets its role right after it is created, as the guide has it: its identity does not
//! exist before. A step whose object the plan's check finds wrong carries the rule IDs, so that
//! nobody runs it unwarned.
//!
//! A v2 cluster (Kubernetes compute) takes the v2 way instead, in [`v2`]: `az aks create`, the
//! Azure ML extension, the attach with the CLI v2 or the SDK v2, and its YAML file; then come the
//! workspace's managed network with its outbound rules, and the online endpoints.

use std::fmt::Write;

use serde::Serialize;

use super::az::{aks_show, nsg_rule_create, peering_create, role_assignment_create};
use super::infra::{self, Infra};
use super::prose::*;
use super::quote::{self, shell, Command, Operand};
use super::write_comment;
use crate::catalog::RuleId;
use crate::check::Report;
use crate::context::Context;
use crate::finding::Severity;
use crate::names::{subnet_azure_name, vnet_azure_name};
use crate::plan::ACI_DELEGATION;
use crate::plan::{AciDeployment, AksCluster, Choice, NetworkPlugin, Plan, Provisioning};
use crate::text::{Lang, Message, Text};

pub(super) mod v2;

/// One step of the guide: a titled block of code in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// The part of the guide it belongs to, such as `Prerequisites` or `AKS cluster 'ml-aks'`.
    pub section: String,
    pub title: String,
    pub language: StepLanguage,
    pub code: String,
    /// IDs of the rules whose errors or warnings concern what this step sets up: run it only
    /// once they are resolved.
    pub flagged: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepLanguage {
    Python,
    Shell,
    /// A file for an `az ml … -f` command; the step's title names the file.
    Yaml,
}

/// The guided steps for `plan`, in order, flagged from `report` (the plan's check) and written
/// in `lang`.
///
/// # Examples
///
/// ```
/// use vnetplan_core::{check, export::steps, Lang};
///
/// let plan = vnetplan_core::parse_plan(include_str!("../../../../examples/default-aks.json")).unwrap();
/// let steps = steps(&plan, &check(&plan), Lang::Fr);
/// assert!(steps.iter().any(|step| step.code.contains("config.service_cidr = \"10.2.0.0/16\"")));
/// assert!(steps.iter().any(|step| step.section == "Cluster AKS « ml-aks »"));
/// ```
pub fn steps(plan: &Plan, report: &Report, lang: Lang) -> Vec<Step> {
    guide(plan, report, lang).into_iter().map(|entry| entry.step).collect()
}

/// Which of the two ways through the guide a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    /// Needed whichever tool does the rest.
    Both,
    /// The Python SDK's way; the CLI has an equivalent step.
    Sdk,
    /// The CLI's way; the SDK has an equivalent step.
    Cli,
    /// The Python SDK v2's way; the CLI v2 has an equivalent step.
    SdkV2,
    /// A YAML file that only the `yaml` export writes: a CLI step does the same with options.
    File,
}

/// The Azure ML API whose documents carry a step: the `sdk` export keeps to v1, `sdk-v2` to v2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Api {
    V1,
    V2,
    /// Needed by both, such as the security rules of a VNet.
    Any,
}

pub(super) struct GuideStep {
    pub(super) step: Step,
    pub(super) flow: Flow,
    pub(super) api: Api,
    /// The file name of a YAML step.
    pub(super) file: Option<String>,
}

/// The SDK keyword and the Azure ML CLI v1 (`azure-cli-ml`) flag of each setting the steps pass,
/// kept in one table so that a spelling is corrected in one place. The flags are the keywords
/// with dashes, as the extension named them.
#[derive(Debug, Clone, Copy)]
enum Param {
    Name,
    Workspace,
    ResourceGroup,
    ComputeResourceId,
    AgentCount,
    ClusterPurpose,
    VmSize,
    Location,
    VnetResourceGroup,
    VnetName,
    SubnetName,
    ServiceCidr,
    DnsServiceIp,
    DockerBridge,
    LoadBalancerType,
    LoadBalancerSubnet,
}

impl Param {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Name => ("name", "--name"),
            Self::Workspace => ("workspace", "--workspace-name"),
            Self::ResourceGroup => ("resource_group", "--resource-group"),
            Self::ComputeResourceId => ("resource_id", "--compute-resource-id"),
            Self::AgentCount => ("agent_count", "--agent-count"),
            Self::ClusterPurpose => ("cluster_purpose", "--cluster-purpose"),
            Self::VmSize => ("vm_size", "--vm-size"),
            Self::Location => ("location", "--location"),
            Self::VnetResourceGroup => ("vnet_resourcegroup_name", "--vnet-resourcegroup-name"),
            Self::VnetName => ("vnet_name", "--vnet-name"),
            Self::SubnetName => ("subnet_name", "--subnet-name"),
            Self::ServiceCidr => ("service_cidr", "--service-cidr"),
            Self::DnsServiceIp => ("dns_service_ip", "--dns-service-ip"),
            Self::DockerBridge => ("docker_bridge_cidr", "--docker-bridge-cidr"),
            Self::LoadBalancerType => ("load_balancer_type", "--load-balancer-type"),
            Self::LoadBalancerSubnet => ("load_balancer_subnet", "--load-balancer-subnet"),
        }
    }

    fn sdk(self) -> &'static str {
        self.names().0
    }

    fn cli(self) -> &'static str {
        self.names().1
    }
}

/// The shell variable the CLI steps read the workspace name from; the plan has no such field.
pub(super) const WORKSPACE_VARIABLE: &str = "WORKSPACE_NAME";
const INTERNAL_LB: &str = "InternalLoadBalancer";

pub(super) fn guide<'p>(plan: &'p Plan, report: &'p Report, lang: Lang) -> Vec<GuideStep> {
    let guide = Guide { plan, context: Context::new(plan), infra: Infra::new(plan, lang), report, lang };
    let mut out = Vec::new();
    guide.prerequisites(&mut out);
    for (index, cluster) in plan.aks_clusters.iter().enumerate() {
        if cluster.is_v2() {
            guide.kubernetes_compute(index, cluster, &mut out);
        } else {
            guide.cluster(index, cluster, &mut out);
        }
    }
    guide.managed_network(&mut out);
    for (index, endpoint) in plan.online_endpoints.iter().enumerate() {
        guide.online_endpoint(index, endpoint, &mut out);
    }
    for (index, deployment) in plan.aci_deployments.iter().enumerate() {
        guide.deployment(index, deployment, &mut out);
    }
    out
}

/// A step before the guide attaches its flags.
struct Draft {
    title: String,
    language: StepLanguage,
    flow: Flow,
    code: String,
    api: Api,
    file: Option<String>,
}

impl Draft {
    fn shell(title: String, flow: Flow, code: String) -> Self {
        Self { title, language: StepLanguage::Shell, flow, code, api: Api::V1, file: None }
    }

    fn python(title: String, flow: Flow, code: String) -> Self {
        Self { title, language: StepLanguage::Python, flow, code, api: Api::V1, file: None }
    }

    fn yaml(title: String, flow: Flow, file: String, code: String) -> Self {
        Self { title, language: StepLanguage::Yaml, flow, code, api: Api::V2, file: Some(file) }
    }

    fn api(self, api: Api) -> Self {
        Self { api, ..self }
    }
}

struct Guide<'p> {
    plan: &'p Plan,
    context: Context<'p>,
    infra: Infra<'p>,
    report: &'p Report,
    lang: Lang,
}

/// Where a step points into the plan: JSON pointers whose findings concern it, and the rules
/// whose findings the guide itself resolves in another step.
struct Scope {
    pointers: Vec<String>,
    resolved: &'static [RuleId],
}

/// How much of a cluster or deployment a step sets up.
#[derive(Clone, Copy)]
enum Reach {
    /// These fields only.
    Fields(&'static [&'static str]),
    /// All of it, with its VNet's own fields and the subnets it uses.
    Whole,
}

const CLUSTER_RESOLVED: &[RuleId] =
    &[RuleId::AksIdentityLacksNetworkContributor, RuleId::ScoringEndpointBlockedInbound];
const ACI_RESOLVED: &[RuleId] = &[RuleId::AciSubnetNotDelegated];
const EGRESS_RESOLVED: &[RuleId] = &[RuleId::EgressBlocksContainerRegistry];

impl<'p> Guide<'p> {
    fn prerequisites(&self, out: &mut Vec<GuideStep>) {
        let section = self.say(PREREQUISITES.message());
        for (index, cluster) in self.plan.aks_clusters.iter().enumerate() {
            // A v2 cluster is created in its own section, and gets its role there.
            if cluster.provisioning() == Provisioning::Attach && !cluster.is_v2() {
                self.push_role_assignment(out, &section, index, cluster);
            }
        }
        for (index, deployment) in self.plan.aci_deployments.iter().enumerate() {
            let scope = self.deployment_scope(index, Reach::Fields(&["vnet", "subnet"]));
            let title = self.say(msg!(DELEGATE_TITLE, subnet = &deployment.subnet));
            self.push(out, &section, Draft::shell(title, Flow::Both, self.delegation(deployment)), &scope);
        }
        for (index, cluster) in self.plan.aks_clusters.iter().enumerate() {
            if !cluster.scoring_from_outside_vnet() {
                continue;
            }
            let fields = &["name", "vnet", "subnet", "scoringFromOutsideVnet", "nsgAllowsScoringInbound"];
            let scope = self.cluster_scope(index, Reach::Fields(fields));
            let title = self.say(msg!(SCORING_TITLE, name = &cluster.name));
            let code = self.scoring_rule(index, cluster);
            self.push(out, &section, Draft::shell(title, Flow::Both, code).api(api_of(cluster)), &scope);
        }
        for (vnet, rule) in self.infra.registry_rules() {
            let scope = Scope { pointers: vec!["/egress".to_owned()], resolved: EGRESS_RESOLVED };
            let title = self.say(msg!(REGISTRY_TITLE, vnet = &vnet.vnet.name));
            let placeholder = format!("<NSG of the workload subnets of VNet {}>", vnet.vnet.name);
            let mut code = String::new();
            self.note(&mut code, REGISTRY_NOTE.message());
            let _ = writeln!(code, "nsg_name={}", shell(&placeholder));
            let command = nsg_rule_create(
                &vnet.vnet.resource_group,
                Operand::Variable("nsg_name"),
                rule,
                Operand::Word(&rule.destination),
            );
            code.push_str(&command.render());
            self.push(out, &section, Draft::shell(title, Flow::Both, code).api(Api::Any), &scope);
        }
        self.peerings(&section, out);
    }

    /// One step per peering the plan states, with both of its sides.
    fn peerings(&self, section: &str, out: &mut Vec<GuideStep>) {
        for pair in self.infra.peerings.chunks(2) {
            let mut code = String::new();
            self.note(&mut code, PEERING_NOTE.message());
            let mut pointers = Vec::new();
            let mut names = Vec::new();
            for peering in pair {
                let (Some(local), Some(remote)) =
                    (self.infra.vnet(peering.local), self.infra.vnet(peering.remote))
                else {
                    continue;
                };
                if !names.is_empty() {
                    code.push('\n');
                }
                code.push_str(&peering_create(local.vnet, remote.vnet, &peering.name));
                pointers.push(format!("/vnets/{}/peerings", peering.local));
                names.push(local.vnet.name.as_str());
            }
            let [a, b] = names[..] else { continue };
            let title = self.say(msg!(PEERING_TITLE, a = a, b = b));
            let scope = Scope { pointers, resolved: &[] };
            self.push(out, section, Draft::shell(title, Flow::Both, code).api(Api::Any), &scope);
        }
    }

    fn cluster(&self, index: usize, cluster: &AksCluster, out: &mut Vec<GuideStep>) {
        let section = self.say(msg!(CLUSTER_SECTION, name = &cluster.name));
        let scope = self.cluster_scope(index, Reach::Whole);
        let title = |text: Text, tool: Text| {
            self.say(msg!(text, name = &cluster.name).with_message("tool", tool.message()))
        };
        match cluster.provisioning() {
            Provisioning::Create => {
                let sdk = Draft::python(title(CREATE_TITLE, WITH_SDK), Flow::Sdk, self.sdk_create(cluster));
                self.push(out, &section, sdk, &scope);
                let cli = Draft::shell(title(CREATE_TITLE, WITH_CLI), Flow::Cli, self.cli_create(cluster));
                self.push(out, &section, cli, &scope);
                // The identity of a cluster that Azure ML creates exists only afterwards.
                self.push_role_assignment(out, &section, index, cluster);
            }
            Provisioning::Attach => {
                let sdk = Draft::python(title(ATTACH_TITLE, WITH_SDK), Flow::Sdk, self.sdk_attach(cluster));
                self.push(out, &section, sdk, &scope);
                if let Some(subnet) = cluster.internal_load_balancer_subnet() {
                    let code = self.sdk_update(cluster, subnet);
                    self.push(
                        out,
                        &section,
                        Draft::python(title(MOVE_TITLE, WITH_SDK), Flow::Sdk, code),
                        &scope,
                    );
                }
                let cli = Draft::shell(title(ATTACH_TITLE, WITH_CLI), Flow::Cli, self.cli_attach(cluster));
                self.push(out, &section, cli, &scope);
                if let Some(subnet) = cluster.internal_load_balancer_subnet() {
                    let code = self.cli_update(cluster, subnet);
                    self.push(
                        out,
                        &section,
                        Draft::shell(title(MOVE_TITLE, WITH_CLI), Flow::Cli, code),
                        &scope,
                    );
                }
            }
        }
    }

    fn deployment(&self, index: usize, deployment: &AciDeployment, out: &mut Vec<GuideStep>) {
        let section = self.say(msg!(DEPLOYMENT_SECTION, name = &deployment.name));
        let scope = self.deployment_scope(index, Reach::Whole);
        let title = self.say(msg!(DEPLOY_TITLE, name = &deployment.name, subnet = &deployment.subnet));
        self.push(out, &section, Draft::python(title, Flow::Both, self.aci_deploy(deployment)), &scope);
    }

    fn push_role_assignment(
        &self,
        out: &mut Vec<GuideStep>,
        section: &str,
        index: usize,
        cluster: &AksCluster,
    ) {
        let fields = &["name", "vnet", "identity", "networkContributorGranted"];
        let scope = self.cluster_scope(index, Reach::Fields(fields));
        let title = self.say(msg!(ROLE_TITLE, name = &cluster.name));
        let draft = Draft::shell(title, Flow::Both, self.role_assignment(cluster)).api(api_of(cluster));
        self.push(out, section, draft, &scope);
    }

    fn say(&self, message: Message) -> String {
        message.render(self.lang)
    }

    fn note(&self, code: &mut String, message: Message) {
        write_comment(code, &message, self.lang);
    }

    fn push(&self, out: &mut Vec<GuideStep>, section: &str, draft: Draft, scope: &Scope) {
        let Draft { title, language, flow, code, api, file } = draft;
        let step = Step { section: section.to_owned(), title, language, code, flagged: self.flagged(scope) };
        out.push(GuideStep { step, flow, api, file });
    }

    /// Rule IDs of the errors and warnings whose first subject lies in `scope`, in report order.
    /// A retirement notice is about the whole flow, not a step that a change could put right, so
    /// it marks no step; the document's header carries it.
    fn flagged(&self, scope: &Scope) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for finding in &self.report.findings {
            let serious = matches!(finding.severity, Severity::Error | Severity::Warning)
                && !RuleId::RETIREMENT_NOTICES.contains(&finding.rule);
            let inside = finding
                .subjects
                .first()
                .is_some_and(|subject| scope.pointers.iter().any(|pointer| within(subject, pointer)));
            let id = finding.rule.id();
            if serious
                && inside
                && !scope.resolved.contains(&finding.rule)
                && !ids.iter().any(|seen| seen == id)
            {
                ids.push(id.to_owned());
            }
        }
        ids
    }

    /// Pointers of cluster `index` that `reach` covers. Fields only reach the VNet's name and
    /// resource group, which every step about the cluster names.
    fn cluster_scope(&self, index: usize, reach: Reach) -> Scope {
        let mut pointers = own_pointers(&format!("/aksClusters/{index}"), reach);
        if let Some(facts) = self.context.clusters.get(index) {
            if let Some(vnet) = facts.node.vnet {
                let fields: &[&str] = match reach {
                    Reach::Fields(_) => &["name", "resourceGroup"],
                    Reach::Whole => &VNET_FIELDS,
                };
                pointers.extend(fields.iter().map(|field| format!("/vnets/{vnet}/{field}")));
                if matches!(reach, Reach::Whole) {
                    for subnet in facts.node.subnet.into_iter().chain(facts.load_balancer_subnet) {
                        pointers.push(format!("/vnets/{vnet}/subnets/{subnet}"));
                    }
                }
            }
        }
        Scope { pointers, resolved: CLUSTER_RESOLVED }
    }

    /// Pointers of ACI deployment `index` that `reach` covers, its subnet always included.
    fn deployment_scope(&self, index: usize, reach: Reach) -> Scope {
        let mut pointers = own_pointers(&format!("/aciDeployments/{index}"), reach);
        if let Some(placement) = self.context.aci.get(index) {
            if let Some(vnet) = placement.vnet {
                if matches!(reach, Reach::Whole) {
                    pointers.extend(VNET_FIELDS.iter().map(|field| format!("/vnets/{vnet}/{field}")));
                }
                if let Some(subnet) = placement.subnet {
                    pointers.push(format!("/vnets/{vnet}/subnets/{subnet}"));
                }
            }
        }
        Scope { pointers, resolved: ACI_RESOLVED }
    }

    /// The resource group of the VNet called `name`, or a placeholder when the plan has none.
    fn vnet_group(&self, name: &str) -> String {
        self.context
            .vnet_named(name)
            .and_then(|index| self.plan.vnets.get(index))
            .map_or_else(|| format!("<resource group of VNet {name}>"), |vnet| vnet.resource_group.clone())
    }

    fn role_assignment(&self, cluster: &AksCluster) -> String {
        let workspace_group = &self.plan.workspace.resource_group;
        let vnet_group = self.vnet_group(cluster.vnet.as_deref().unwrap_or_default());
        let mut code = String::new();
        let vnet = quote::comment(cluster.vnet.as_deref().unwrap_or_default());
        self.note(&mut code, msg!(ROLE_NOTE, vnet = vnet, group = quote::comment(&vnet_group)));
        self.note(&mut code, msg!(OWN_GROUP_ASSUMED, group = quote::comment(workspace_group)));
        if cluster.provisioning() == Provisioning::Create {
            self.note(&mut code, ROLE_AFTER_CREATE.message());
        }
        if cluster.network_contributor_granted == Some(true) {
            self.note(&mut code, ROLE_GRANTED.message());
        }
        code.push_str(&role_assignment_create(cluster, workspace_group, &vnet_group));
        code
    }

    fn delegation(&self, deployment: &AciDeployment) -> String {
        let command = Command::new("az network vnet subnet update")
            .arg("-g", &self.vnet_group(&deployment.vnet))
            .arg("--vnet-name", vnet_azure_name(&deployment.vnet))
            .arg("-n", subnet_azure_name(&deployment.subnet))
            .arg("--delegations", ACI_DELEGATION);
        let mut code = String::new();
        self.note(&mut code, DELEGATION_NOTE.message());
        code.push_str(&command.render());
        code
    }

    fn scoring_rule(&self, index: usize, cluster: &AksCluster) -> String {
        let subnet = cluster.subnet.as_deref().unwrap_or_default();
        let prefix = format!("<address prefix of subnet {subnet}>");
        let rule = self
            .infra
            .scoring_rule(index)
            .cloned()
            .unwrap_or_else(|| infra::scoring_rule(index, cluster, Some(&prefix), 100, self.lang));
        let mut code = String::new();
        // A node port router's address is any node's, which the node subnet holds: the rule
        // names that subnet rather than an address known only later.
        let destination = if infra::node_port_router(cluster) {
            self.note(&mut code, msg!(NODE_PORT_NOTE, subnet = quote::comment(subnet)));
            Operand::Word(&rule.destination)
        } else {
            self.note(&mut code, SCORING_NOTE.message());
            let _ = writeln!(code, "scoring_ip={}", shell("<address of the scoring endpoint>"));
            Operand::Variable("scoring_ip")
        };
        let placeholder = format!("<NSG of subnet {subnet}>");
        let _ = writeln!(code, "nsg_name={}", shell(&placeholder));
        let command = nsg_rule_create(
            &self.vnet_group(cluster.vnet.as_deref().unwrap_or_default()),
            Operand::Variable("nsg_name"),
            &rule,
            destination,
        );
        code.push_str(&command.render());
        code
    }

    fn sdk_create(&self, cluster: &AksCluster) -> String {
        let mut code = String::from("from azureml.core.compute import AksCompute, ComputeTarget\n\n");
        self.note(&mut code, WORKSPACE_OBJECT_NOTE.message());
        if let (None, Some(vcpus)) = (&cluster.vm_size, cluster.vcpus()) {
            self.note(&mut code, msg!(VM_SIZE_NOTE, vcpus = vcpus));
        }
        let unsupported: Vec<String> =
            sdk_unsupported(cluster).into_iter().map(|text| self.say(text.message())).collect();
        if !unsupported.is_empty() {
            self.note(&mut code, msg!(SDK_UNSUPPORTED, settings = unsupported.join(", ")));
        }
        let mut arguments = vec![
            (Param::AgentCount.sdk(), cluster.node_count.to_string()),
            (Param::ClusterPurpose.sdk(), quote::python(cluster.cluster_purpose().as_str())),
        ];
        if let Some(size) = &cluster.vm_size {
            arguments.push((Param::VmSize.sdk(), quote::python(size)));
        }
        if let Some(region) = &cluster.region {
            arguments.push((Param::Location.sdk(), quote::python(region)));
        }
        if let Some(subnet) = cluster.internal_load_balancer_subnet() {
            arguments.push((Param::LoadBalancerType.sdk(), quote::python(INTERNAL_LB)));
            arguments.push((Param::LoadBalancerSubnet.sdk(), quote::python(subnet)));
        }
        code.push_str(&python_call("config = AksCompute.provisioning_configuration", &arguments));
        let note = if cluster.in_managed_vnet() { NO_VNET_VALUES } else { SIX_VNET_VALUES };
        self.note(&mut code, note.message());
        for (param, value) in self.vnet_values(cluster) {
            let _ = writeln!(code, "config.{} = {}", param.sdk(), quote::python(&value));
        }
        let _ = writeln!(
            code,
            "\naks_target = ComputeTarget.create(workspace=ws, name={}, provisioning_configuration=config)",
            quote::python(&cluster.name)
        );
        code.push_str("aks_target.wait_for_completion(show_output=True)");
        code
    }

    fn cli_create(&self, cluster: &AksCluster) -> String {
        let mut command = Command::new("az ml computetarget create aks")
            .arg(Param::Name.cli(), &cluster.name)
            .var(Param::Workspace.cli(), WORKSPACE_VARIABLE)
            .arg(Param::ResourceGroup.cli(), &self.plan.workspace.resource_group)
            .arg(Param::AgentCount.cli(), &cluster.node_count.to_string())
            .arg(Param::ClusterPurpose.cli(), cluster.cluster_purpose().as_str());
        if let Some(size) = &cluster.vm_size {
            command = command.arg(Param::VmSize.cli(), size);
        }
        if let Some(region) = &cluster.region {
            command = command.arg(Param::Location.cli(), region);
        }
        for (param, value) in self.vnet_values(cluster) {
            command = command.arg(param.cli(), &value);
        }
        if let Some(subnet) = cluster.internal_load_balancer_subnet() {
            command = command
                .arg(Param::LoadBalancerType.cli(), INTERNAL_LB)
                .arg(Param::LoadBalancerSubnet.cli(), subnet);
        }
        let mut code = String::new();
        self.note(&mut code, WORKSPACE_VARIABLE_NOTE.message());
        code.push_str(&command.render());
        code
    }

    /// The six VNet settings of the v1 SDK, as the plan has them; a missing docker bridge is
    /// left out, and the check reports it. A cluster in the AKS-managed VNet gets none: the SDK
    /// sends them only with a VNet name, so a service range written there would never apply.
    fn vnet_values(&self, cluster: &AksCluster) -> Vec<(Param, String)> {
        if cluster.in_managed_vnet() {
            return Vec::new();
        }
        let mut values = vec![
            (Param::VnetResourceGroup, self.vnet_group(cluster.vnet.as_deref().unwrap_or_default())),
            (Param::VnetName, vnet_azure_name(cluster.vnet.as_deref().unwrap_or_default()).to_owned()),
            (Param::SubnetName, subnet_azure_name(cluster.subnet.as_deref().unwrap_or_default()).to_owned()),
            (Param::ServiceCidr, cluster.service_cidr.clone()),
            (Param::DnsServiceIp, cluster.dns_service_ip.clone()),
        ];
        if let Some(bridge) = &cluster.docker_bridge_cidr {
            values.push((Param::DockerBridge, bridge.clone()));
        }
        values
    }

    fn sdk_attach(&self, cluster: &AksCluster) -> String {
        let mut code = String::from("from azureml.core.compute import AksCompute, ComputeTarget\n\n");
        self.note(&mut code, WORKSPACE_OBJECT_NOTE.message());
        self.note(
            &mut code,
            msg!(GROUP_ASSUMED, group = quote::comment(&self.plan.workspace.resource_group)),
        );
        code.push_str(&python_call(
            "attach_config = AksCompute.attach_configuration",
            &[
                (Param::ResourceGroup.sdk(), quote::python(&self.plan.workspace.resource_group)),
                ("cluster_name", quote::python(&cluster.name)),
                (Param::ClusterPurpose.sdk(), quote::python(cluster.cluster_purpose().as_str())),
            ],
        ));
        let _ = writeln!(
            code,
            "\naks_target = ComputeTarget.attach(workspace=ws, name={}, attach_configuration=attach_config)",
            quote::python(&cluster.name)
        );
        code.push_str("aks_target.wait_for_completion(show_output=True)");
        code
    }

    /// One property of the cluster, read with `az aks show` as plain text; the plan does not
    /// record the cluster's resource group, so the workspace's is used.
    fn aks_show(&self, cluster: &AksCluster, query: &str) -> Command {
        aks_show(&self.plan.workspace.resource_group, cluster, query)
    }

    fn cli_attach(&self, cluster: &AksCluster) -> String {
        let group = &self.plan.workspace.resource_group;
        let show = self.aks_show(cluster, "id");
        let attach = Command::new("az ml computetarget attach aks")
            .arg(Param::Name.cli(), &cluster.name)
            .var(Param::ComputeResourceId.cli(), "cluster_id")
            .var(Param::Workspace.cli(), WORKSPACE_VARIABLE)
            .arg(Param::ResourceGroup.cli(), group);
        let mut code = String::new();
        self.note(&mut code, WORKSPACE_VARIABLE_NOTE.message());
        self.note(&mut code, msg!(GROUP_ASSUMED, group = quote::comment(group)));
        let _ = writeln!(code, "cluster_id=$({})", show.line());
        code.push_str(&attach.render());
        code
    }

    fn cli_update(&self, cluster: &AksCluster, subnet: &str) -> String {
        let command = Command::new("az ml computetarget update aks")
            .arg(Param::Name.cli(), &cluster.name)
            .arg(Param::LoadBalancerType.cli(), INTERNAL_LB)
            .arg(Param::LoadBalancerSubnet.cli(), subnet)
            .var(Param::Workspace.cli(), WORKSPACE_VARIABLE)
            .arg(Param::ResourceGroup.cli(), &self.plan.workspace.resource_group);
        let mut code = String::new();
        self.note(&mut code, WORKSPACE_VARIABLE_NOTE.message());
        self.note(&mut code, UPDATE_NOTE.message());
        code.push_str(&command.render());
        code
    }

    fn sdk_update(&self, cluster: &AksCluster, subnet: &str) -> String {
        let mut code = String::from(
            "from azureml.core.compute import AksCompute\nfrom azureml.core.compute.aks import AksUpdateConfiguration\n\n",
        );
        self.note(&mut code, WORKSPACE_OBJECT_NOTE.message());
        self.note(&mut code, UPDATE_NOTE.message());
        let _ = writeln!(code, "aks_target = AksCompute(ws, {})", quote::python(&cluster.name));
        code.push_str(&python_call(
            "update_config = AksUpdateConfiguration",
            &[
                (Param::LoadBalancerType.sdk(), quote::python(INTERNAL_LB)),
                (Param::LoadBalancerSubnet.sdk(), quote::python(subnet)),
            ],
        ));
        code.push_str("aks_target.update(update_config)\naks_target.wait_for_completion(show_output=True)");
        code
    }

    fn aci_deploy(&self, deployment: &AciDeployment) -> String {
        let mut code = String::from(
            "from azureml.core.model import Model\nfrom azureml.core.webservice import AciWebservice\n\n",
        );
        self.note(&mut code, WORKSPACE_OBJECT_NOTE.message());
        let mut arguments = vec![
            ("cpu_cores", "1".to_owned()),
            ("memory_gb", "1".to_owned()),
            ("vnet_name", quote::python(vnet_azure_name(&deployment.vnet))),
            ("subnet_name", quote::python(subnet_azure_name(&deployment.subnet))),
        ];
        if let Some(label) = &deployment.dns_name_label {
            arguments.push(("dns_name_label", quote::python(label)));
        }
        code.push_str(&python_call("deployment_config = AciWebservice.deploy_configuration", &arguments));
        self.note(&mut code, MODEL_NOTE.message());
        let _ = writeln!(
            code,
            "service = Model.deploy(ws, {}, [model], inference_config, deployment_config)",
            quote::python(&deployment.name)
        );
        code.push_str("service.wait_for_deployment(show_output=True)");
        code
    }
}

const VNET_FIELDS: [&str; 4] = ["name", "resourceGroup", "region", "addressPrefixes"];

fn own_pointers(base: &str, reach: Reach) -> Vec<String> {
    match reach {
        Reach::Fields(fields) => fields.iter().map(|field| format!("{base}/{field}")).collect(),
        Reach::Whole => vec![base.to_owned()],
    }
}

/// Whether `pointer` is `scope` or lies inside it.
fn within(pointer: &str, scope: &str) -> bool {
    pointer.strip_prefix(scope).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn api_of(cluster: &AksCluster) -> Api {
    if cluster.is_v2() {
        Api::V2
    } else {
        Api::V1
    }
}

/// Settings of the plan that the v1 SDK cannot pass to a cluster it creates.
fn sdk_unsupported(cluster: &AksCluster) -> Vec<Text> {
    let mut settings = Vec::new();
    if cluster.plugin() != NetworkPlugin::Azure || cluster.mode().is_some() {
        settings.push(NETWORK_PLUGIN);
    }
    if cluster.pod_cidr.is_some() {
        settings.push(POD_RANGE);
    }
    if cluster.max_pods.is_some() {
        settings.push(PODS_PER_NODE);
    }
    if cluster.private_cluster() {
        settings.push(PRIVATE_API_SERVER);
    }
    settings
}

fn python_call(head: &str, arguments: &[(&str, String)]) -> String {
    let mut code = format!("{head}(\n");
    for (keyword, value) in arguments {
        let _ = writeln!(code, "    {keyword}={value},");
    }
    code.push_str(")\n");
    code
}
