//! The Azure ML v2 steps: each v2 cluster created with `az aks create`, given the Azure ML
//! extension and attached as Kubernetes compute; the workspace's managed network with its
//! outbound rules, provisioned; the online endpoints. Each Azure ML step comes twice, for the
//! CLI v2 and for the Python SDK v2, and the objects also come as the YAML files that
//! `az ml … -f` reads.

use std::fmt::Write;

use super::super::az::{aks_create, aks_show, subnet_show};
use super::super::infra::kubernetes::{ENABLE_UPGRADE, ML_WORKLOAD_ROLE, TRUSTED_ACCESS_BINDING};
use super::super::prose::*;
use super::super::quote::{self, shell, Command, Operand};
use super::super::write_comment;
use super::super::yaml;
use super::{Api, Draft, Flow, Guide, GuideStep, Reach, Scope, WORKSPACE_VARIABLE};
use crate::names::{subnet_azure_name, vnet_azure_name};
use crate::plan::{
    AksCluster, Choice, EndpointKind, Identity, IsolationMode, ManagedNetwork, OnlineEndpoint, OutboundRule,
    OutboundRuleType, Plan, RouterServiceType, SslCertificate, DEFAULT_NAMESPACE,
};
use crate::text::{Lang, Message, Text};

/// The name the steps give the Azure ML extension on each cluster.
const EXTENSION_NAME: &str = "azureml";
const EXTENSION_TYPE: &str = "Microsoft.AzureML.Kubernetes";
const SYSTEM_ASSIGNED_COMPUTE: &str = "SystemAssigned";
pub(in crate::export) const PROTOCOL_PLACEHOLDER: &str = "<TCP, UDP, ICMP or *>";
pub(in crate::export) const SUBRESOURCE_PLACEHOLDER: &str =
    "<sub-resource of the target, such as blob or vault>";

impl Guide<'_> {
    pub(super) fn kubernetes_compute(&self, index: usize, cluster: &AksCluster, out: &mut Vec<GuideStep>) {
        let section = self.say(msg!(CLUSTER_SECTION, name = &cluster.name));
        let scope = self.cluster_scope(index, Reach::Whole);
        let title = |text: Text, tool: Text| {
            self.say(msg!(text, name = &cluster.name).with_message("tool", tool.message()))
        };
        let create = Draft::shell(title(AKS_CREATE_TITLE, WITH_AZ), Flow::Both, self.aks_create(cluster));
        self.push(out, &section, create.api(Api::V2), &scope);
        self.push_role_assignment(out, &section, index, cluster);
        let extension = Draft::shell(
            self.say(msg!(EXTENSION_TITLE, name = &cluster.name)),
            Flow::Both,
            self.commands().extension(cluster),
        );
        self.push(out, &section, extension.api(Api::V2), &scope);
        if cluster.trusted_access() {
            let binding = Draft::shell(
                title(TRUSTED_ACCESS_TITLE, WITH_AZ),
                Flow::Both,
                self.commands().trusted_access(cluster),
            );
            self.push(out, &section, binding.api(Api::V2), &scope);
        }
        let cli = Draft::shell(
            title(KUBERNETES_ATTACH_TITLE, WITH_CLI_V2),
            Flow::Cli,
            self.commands().attach(cluster),
        );
        self.push(out, &section, cli.api(Api::V2), &scope);
        let sdk = Draft::python(
            title(KUBERNETES_ATTACH_TITLE, WITH_SDK_V2),
            Flow::SdkV2,
            self.sdk_kubernetes(cluster),
        );
        self.push(out, &section, sdk.api(Api::V2), &scope);
        let file = yaml::compute_file_name(self.plan, index);
        let what = msg!(COMPUTE_FILE, name = &cluster.name);
        let draft = Draft::yaml(
            self.say(msg!(FILE_TITLE, file = &file).with_message("what", what)),
            Flow::File,
            file,
            yaml::compute(self.plan, cluster),
        );
        self.push(out, &section, draft, &scope);
    }

    pub(super) fn managed_network(&self, out: &mut Vec<GuideStep>) {
        let Some(network) = &self.plan.workspace.managed_network else {
            return;
        };
        let section = self.say(WORKSPACE_SECTION.message());
        let scope = Scope {
            pointers: vec!["/workspace/managedNetwork".to_owned(), "/workspace/v1LegacyMode".to_owned()],
            resolved: &[],
        };
        let title = |text: Text, tool: Text| self.say(text.message().with_message("tool", tool.message()));
        let cli = Draft::shell(title(NETWORK_TITLE, WITH_CLI_V2), Flow::Cli, self.cli_network(network));
        self.push(out, &section, cli.api(Api::V2), &scope);
        for (index, rule) in network.outbound_rules.iter().enumerate() {
            let rule_scope = Scope {
                pointers: vec![format!("/workspace/managedNetwork/outboundRules/{index}")],
                resolved: &[],
            };
            let title =
                self.say(msg!(RULE_TITLE, name = &rule.name).with_message("tool", WITH_CLI_V2.message()));
            let draft = Draft::shell(title, Flow::Cli, self.cli_rule(rule));
            self.push(out, &section, draft.api(Api::V2), &rule_scope);
        }
        let sdk = Draft::python(title(NETWORK_TITLE, WITH_SDK_V2), Flow::SdkV2, self.sdk_network(network));
        self.push(out, &section, sdk.api(Api::V2), &scope);
        if network.isolation_mode != IsolationMode::Disabled {
            let workspace = self.workspace_options(Command::new("az ml workspace provision-network"), "-n");
            let mut code = String::new();
            self.note(&mut code, V2_WORKSPACE_NOTE.message());
            self.note(&mut code, PROVISION_NOTE.message());
            code.push_str(&workspace.render());
            let cli = Draft::shell(title(PROVISION_TITLE, WITH_CLI_V2), Flow::Cli, code);
            self.push(out, &section, cli.api(Api::V2), &scope);
            let mut code = String::new();
            self.note(&mut code, ML_CLIENT_NOTE.message());
            self.note(&mut code, PROVISION_NOTE.message());
            code.push_str("ml_client.workspaces.begin_provision_network(workspace_name=ml_client.workspace_name).result()");
            let sdk = Draft::python(title(PROVISION_TITLE, WITH_SDK_V2), Flow::SdkV2, code);
            self.push(out, &section, sdk.api(Api::V2), &scope);
        }
        let file = yaml::WORKSPACE_FILE_NAME.to_owned();
        let draft = Draft::yaml(
            self.say(msg!(FILE_TITLE, file = &file).with_message("what", WORKSPACE_FILE.message())),
            Flow::File,
            file,
            yaml::workspace(network),
        );
        self.push(out, &section, draft, &scope);
    }

    pub(super) fn online_endpoint(&self, index: usize, endpoint: &OnlineEndpoint, out: &mut Vec<GuideStep>) {
        let section = self.say(msg!(ENDPOINT_SECTION, name = &endpoint.name));
        let mut pointers = vec![format!("/onlineEndpoints/{index}"), "/workspace/v1LegacyMode".to_owned()];
        if endpoint.kind == EndpointKind::Managed {
            pointers.push("/workspace/managedNetwork".to_owned());
        }
        let scope = Scope { pointers, resolved: &[] };
        let file = yaml::endpoint_file_name(self.plan, index);
        let what = msg!(ENDPOINT_FILE, name = &endpoint.name);
        let draft = Draft::yaml(
            self.say(msg!(FILE_TITLE, file = &file).with_message("what", what)),
            Flow::Cli,
            file.clone(),
            yaml::endpoint(endpoint),
        );
        self.push(out, &section, draft, &scope);
        let title = |tool: Text| {
            self.say(msg!(ENDPOINT_TITLE, name = &endpoint.name).with_message("tool", tool.message()))
        };
        let command = self
            .workspace_options(Command::new("az ml online-endpoint create"), "--workspace-name")
            .arg("-f", &file);
        let mut code = String::new();
        self.note(&mut code, V2_WORKSPACE_NOTE.message());
        code.push_str(&command.render());
        self.push(out, &section, Draft::shell(title(WITH_CLI_V2), Flow::Cli, code).api(Api::V2), &scope);
        self.push(
            out,
            &section,
            Draft::python(title(WITH_SDK_V2), Flow::SdkV2, self.sdk_endpoint(endpoint)).api(Api::V2),
            &scope,
        );
    }

    fn aks_create(&self, cluster: &AksCluster) -> String {
        let group = &self.plan.workspace.resource_group;
        let mut code = String::new();
        self.note(&mut code, V2_CREATE_NOTE.message());
        self.note(&mut code, msg!(GROUP_ASSUMED, group = quote::comment(group)));
        if let (Some(vnet), Some(subnet)) = (&cluster.vnet, &cluster.subnet) {
            let group = self.vnet_group(vnet);
            let vnet = vnet_azure_name(vnet);
            let _ = writeln!(
                code,
                "subnet_id=$({})",
                subnet_show(&group, vnet, subnet_azure_name(subnet)).line()
            );
            if let Some(pod_subnet) = cluster.pods_subnet() {
                let pod_subnet = subnet_azure_name(pod_subnet);
                let _ = writeln!(code, "pod_subnet_id=$({})", subnet_show(&group, vnet, pod_subnet).line());
            }
        }
        let vm_size = match &cluster.vm_size {
            Some(size) => Operand::Word(size),
            None => {
                let placeholder = match cluster.vcpus() {
                    Some(vcpus) => {
                        self.note(&mut code, msg!(VM_SIZE_PICK, vcpus = vcpus));
                        format!("<VM size with {vcpus} vCPUs>")
                    }
                    None => "<VM size of the nodes>".to_owned(),
                };
                let _ = writeln!(code, "node_vm_size={}", shell(&placeholder));
                Operand::Variable("node_vm_size")
            }
        };
        let credentials = match cluster.identity() {
            Identity::SystemAssigned => None,
            Identity::ServicePrincipal => {
                let _ = writeln!(
                    code,
                    "sp_client_id={}",
                    shell("<client ID of the cluster's service principal>")
                );
                let _ = writeln!(
                    code,
                    "sp_client_secret={}",
                    shell("<secret of the cluster's service principal>")
                );
                Some(("sp_client_id", "sp_client_secret"))
            }
        };
        let subnet = (!cluster.in_managed_vnet()).then_some(Operand::Variable("subnet_id"));
        let pod_subnet = (subnet.is_some() && cluster.pods_subnet().is_some())
            .then_some(Operand::Variable("pod_subnet_id"));
        let create = aks_create(
            cluster,
            group,
            self.plan.cluster_region(cluster),
            vm_size,
            subnet,
            pod_subnet,
            credentials,
        );
        code.push_str(&create.render());
        let _ = write!(code, "\n{}", self.commands().surge(cluster).render());
        code
    }

    fn commands(&self) -> ClusterCommands<'_> {
        ClusterCommands { plan: self.plan, lang: self.lang }
    }

    fn namespace_note(&self, code: &mut String, cluster: &AksCluster) {
        self.commands().namespace_note(code, cluster);
    }

    fn sdk_kubernetes(&self, cluster: &AksCluster) -> String {
        let group = &self.plan.workspace.resource_group;
        let mut code =
            String::from("from azure.ai.ml.entities import IdentityConfiguration, KubernetesCompute\n\n");
        self.note(&mut code, ML_CLIENT_NOTE.message());
        self.note(&mut code, msg!(GROUP_ASSUMED, group = quote::comment(group)));
        self.note(&mut code, COMPUTE_IDENTITY_NOTE.message());
        self.namespace_note(&mut code, cluster);
        let resource = format!(
            "/resourceGroups/{group}/providers/Microsoft.ContainerService/managedClusters/{}",
            cluster.name
        );
        let _ = writeln!(code, "compute = KubernetesCompute(");
        let _ = writeln!(code, "    name={},", quote::python(&cluster.name));
        let _ = writeln!(
            code,
            "    resource_id=\"/subscriptions/\" + ml_client.subscription_id + {},",
            quote::python(&resource)
        );
        let _ = writeln!(code, "    namespace={},", quote::python(cluster.azure_ml().namespace()));
        let _ = writeln!(code, "    identity=IdentityConfiguration(type=\"system_assigned\"),");
        code.push_str(")\nml_client.compute.begin_attach(compute).result()");
        code
    }

    fn cli_network(&self, network: &ManagedNetwork) -> String {
        let mut command = self
            .workspace_options(Command::new("az ml workspace update"), "-n")
            .arg("--managed-network", isolation_mode(network.isolation_mode));
        if let Some(compute) = network.image_build_compute() {
            command = command.arg("--image-build-compute", compute);
        }
        let mut code = String::new();
        self.note(&mut code, V2_WORKSPACE_NOTE.message());
        code.push_str(&command.render());
        code
    }

    fn cli_rule(&self, rule: &OutboundRule) -> String {
        let mut command = self
            .workspace_options(Command::new("az ml workspace outbound-rule set"), "--workspace-name")
            .arg("--rule", &rule.name)
            .arg("--type", rule_type(rule.rule_type));
        let mut code = String::new();
        self.note(&mut code, V2_WORKSPACE_NOTE.message());
        command = match rule.rule_type {
            OutboundRuleType::Fqdn => {
                if let Some(ports) = rule.ports.as_ref().filter(|ports| !is_default_fqdn_ports(ports)) {
                    self.note(
                        &mut code,
                        msg!(FQDN_PORTS_NOTE, name = quote::comment(&rule.name), ports = ports.join(", ")),
                    );
                }
                command.arg("--destination", &rule.destination)
            }
            OutboundRuleType::ServiceTag => command
                .arg("--service-tag", &rule.destination)
                .arg("--protocol", PROTOCOL_PLACEHOLDER)
                .arg("--port-ranges", &port_ranges(rule)),
            OutboundRuleType::PrivateEndpoint => command
                .arg("--service-resource-id", &rule.destination)
                .arg("--subresource-target", SUBRESOURCE_PLACEHOLDER),
        };
        code.push_str(&command.render());
        code
    }

    fn sdk_network(&self, network: &ManagedNetwork) -> String {
        let mut classes = vec!["ManagedNetwork", "Workspace"];
        for rule in &network.outbound_rules {
            classes.push(rule_class(rule.rule_type));
        }
        classes.sort_unstable();
        classes.dedup();
        let mut code = format!("from azure.ai.ml.entities import {}\n\n", classes.join(", "));
        self.note(&mut code, ML_CLIENT_NOTE.message());
        let _ = writeln!(code, "workspace = Workspace(");
        code.push_str("    name=ml_client.workspace_name,\n    managed_network=ManagedNetwork(\n");
        let _ = writeln!(
            code,
            "        isolation_mode={},",
            quote::python(isolation_mode(network.isolation_mode))
        );
        code.push_str("        outbound_rules=[");
        if !network.outbound_rules.is_empty() {
            code.push('\n');
        }
        for rule in &network.outbound_rules {
            let arguments = match rule.rule_type {
                OutboundRuleType::Fqdn => vec![("destination", quote::python(&rule.destination))],
                OutboundRuleType::ServiceTag => vec![
                    ("service_tag", quote::python(&rule.destination)),
                    ("protocol", quote::python(PROTOCOL_PLACEHOLDER)),
                    ("port_ranges", quote::python(&port_ranges(rule))),
                ],
                OutboundRuleType::PrivateEndpoint => vec![
                    ("service_resource_id", quote::python(&rule.destination)),
                    ("subresource_target", quote::python(SUBRESOURCE_PLACEHOLDER)),
                ],
            };
            let _ =
                write!(code, "            {}(name={}", rule_class(rule.rule_type), quote::python(&rule.name));
            for (keyword, value) in arguments {
                let _ = write!(code, ", {keyword}={value}");
            }
            code.push_str("),\n");
        }
        if !network.outbound_rules.is_empty() {
            code.push_str("        ");
        }
        code.push_str("],\n    ),\n");
        if let Some(compute) = network.image_build_compute() {
            let _ = writeln!(code, "    image_build_compute={},", quote::python(compute));
        }
        code.push_str(")\nml_client.workspaces.begin_update(workspace).result()");
        code
    }

    fn sdk_endpoint(&self, endpoint: &OnlineEndpoint) -> String {
        let class = match endpoint.kind {
            EndpointKind::Managed => "ManagedOnlineEndpoint",
            EndpointKind::Kubernetes => "KubernetesOnlineEndpoint",
        };
        let mut code = format!("from azure.ai.ml.entities import {class}\n\n");
        self.note(&mut code, ML_CLIENT_NOTE.message());
        if let Some(access) = endpoint.legacy_egress_public_network_access {
            self.note(&mut code, msg!(LEGACY_EGRESS_NOTE, value = access.as_str()));
        }
        let _ = writeln!(code, "endpoint = {class}(");
        let _ = writeln!(code, "    name={},", quote::python(&endpoint.name));
        if let Some(compute) = &endpoint.compute {
            let _ = writeln!(code, "    compute={},", quote::python(compute));
        }
        if let Some(access) = endpoint.public_network_access {
            let _ = writeln!(code, "    public_network_access={},", quote::python(access.as_str()));
        }
        code.push_str(")\nml_client.online_endpoints.begin_create_or_update(endpoint).result()");
        code
    }

    /// `command` with the workspace's resource group and name, the name under `name_flag`:
    /// `az ml workspace` commands call it `--name`, the others `--workspace-name`.
    fn workspace_options(&self, command: Command, name_flag: &str) -> Command {
        workspace_options(self.plan, command, name_flag)
    }
}

/// The `az` commands that give a created v2 cluster its surge, the Azure ML extension, the
/// workspace's Trusted Access and the attach: the `az` steps and the `az-script` export both
/// write them, so that the two build the same cluster.
pub(in crate::export) struct ClusterCommands<'p> {
    pub(in crate::export) plan: &'p Plan,
    pub(in crate::export) lang: Lang,
}

impl ClusterCommands<'_> {
    /// `az aks nodepool update` with the plan's surge: `az aks create` takes none.
    pub(in crate::export) fn surge(&self, cluster: &AksCluster) -> Command {
        Command::new("az aks nodepool update")
            .arg("-g", &self.plan.workspace.resource_group)
            .arg("--cluster-name", &cluster.name)
            .arg("-n", super::super::infra::NODE_POOL)
            .arg("--max-surge", &surge_text(cluster))
    }

    pub(in crate::export) fn extension(&self, cluster: &AksCluster) -> String {
        let azure_ml = cluster.azure_ml();
        let mut settings = vec!["enableTraining=False".to_owned(), "enableInference=True".to_owned()];
        if let Some(service) = azure_ml.router_service_type() {
            settings.push(format!("inferenceRouterServiceType={}", router_service_type(service)));
        }
        if azure_ml.internal_load_balancer_provider.is_some() {
            settings.push("internalLoadBalancerProvider=azure".to_owned());
        }
        settings
            .push(format!("allowInsecureConnections={}", python_bool(azure_ml.allow_insecure_connections())));
        match azure_ml.ssl_cname() {
            Some(name) => settings.push(format!("sslCname={name}")),
            None if !azure_ml.allow_insecure_connections() => {
                settings.push("sslCname=<host name that clients call>".to_owned());
            }
            None => {}
        }
        if azure_ml.certificate_to_write() == Some(SslCertificate::Secret) {
            settings.push("sslSecret=<secret in namespace azureml holding cert.pem and key.pem>".to_owned());
        }
        settings.push(format!("inferenceRouterHA={}", python_bool(azure_ml.inference_router_ha())));
        if azure_ml.reuses_v1_cluster() {
            settings.push("scoringFe.enableUpgrade=true".to_owned());
        }
        let mut command = Command::new("az k8s-extension create")
            .arg("--name", EXTENSION_NAME)
            .arg("--extension-type", EXTENSION_TYPE)
            .arg("--cluster-type", "managedClusters")
            .arg("--cluster-name", &cluster.name)
            .arg("-g", &self.plan.workspace.resource_group)
            .arg("--scope", "cluster")
            .args("--config", settings.iter().map(String::as_str));
        if azure_ml.ssl_certificate == Some(SslCertificate::PemFiles) {
            command = command.args(
                "--config-protected",
                [
                    "sslCertPemFile=<path of the certificate PEM file>",
                    "sslKeyPemFile=<path of the key PEM file>",
                ],
            );
        }
        let mut code = String::new();
        self.note(&mut code, EXTENSION_NOTE.message());
        if azure_ml.reuses_v1_cluster() {
            self.note(&mut code, msg!(REUSE_NOTE, name = quote::comment(&cluster.name)));
            let _ = writeln!(code, "{ENABLE_UPGRADE}");
        }
        code.push_str(&command.render());
        code
    }

    pub(in crate::export) fn trusted_access(&self, cluster: &AksCluster) -> String {
        let group = &self.plan.workspace.resource_group;
        let show = self
            .workspace_options(Command::new("az ml workspace show"), "--name")
            .arg("--query", "id")
            .arg("-o", "tsv");
        let binding = Command::new("az aks trustedaccess rolebinding create")
            .arg("-g", group)
            .arg("--cluster-name", &cluster.name)
            .arg("--name", TRUSTED_ACCESS_BINDING)
            .var("--source-resource-id", "workspace_id")
            .arg("--roles", ML_WORKLOAD_ROLE);
        let mut code = String::new();
        for reason in trusted_access_reasons(cluster) {
            self.note(&mut code, reason.message());
        }
        self.note(&mut code, TRUSTED_ACCESS_NOTE.message());
        self.note(&mut code, V2_WORKSPACE_NOTE.message());
        self.note(&mut code, msg!(GROUP_ASSUMED, group = quote::comment(group)));
        let _ = writeln!(code, "workspace_id=$({})", show.line());
        code.push_str(&binding.render());
        code
    }

    /// Attaching in a namespace of its own needs that namespace in the cluster first.
    fn namespace_note(&self, code: &mut String, cluster: &AksCluster) {
        let namespace = cluster.azure_ml().namespace();
        if namespace != DEFAULT_NAMESPACE {
            self.note(code, msg!(NAMESPACE_NOTE, namespace = quote::comment(namespace)));
        }
    }

    pub(in crate::export) fn attach(&self, cluster: &AksCluster) -> String {
        let group = &self.plan.workspace.resource_group;
        let show = self.aks_show(cluster, "id");
        let attach = self
            .workspace_options(Command::new("az ml compute attach"), "--workspace-name")
            .arg("--type", "Kubernetes")
            .arg("--name", &cluster.name)
            .var("--resource-id", "cluster_id")
            .arg("--identity-type", SYSTEM_ASSIGNED_COMPUTE)
            .arg("--namespace", cluster.azure_ml().namespace());
        let mut code = String::new();
        self.note(&mut code, V2_WORKSPACE_NOTE.message());
        self.note(&mut code, msg!(GROUP_ASSUMED, group = quote::comment(group)));
        self.note(&mut code, COMPUTE_IDENTITY_NOTE.message());
        self.namespace_note(&mut code, cluster);
        let _ = writeln!(code, "cluster_id=$({})", show.line());
        code.push_str(&attach.render());
        code
    }

    fn note(&self, code: &mut String, message: Message) {
        write_comment(code, &message, self.lang);
    }

    fn aks_show(&self, cluster: &AksCluster, query: &str) -> Command {
        aks_show(&self.plan.workspace.resource_group, cluster, query)
    }

    fn workspace_options(&self, command: Command, name_flag: &str) -> Command {
        workspace_options(self.plan, command, name_flag)
    }
}

/// Why Azure ML needs Trusted Access to cluster `cluster`: each setting of the plan that keeps it
/// out otherwise, or only the plan's word when none does.
fn trusted_access_reasons(cluster: &AksCluster) -> Vec<Text> {
    let mut reasons = Vec::new();
    if cluster.local_accounts_disabled() {
        reasons.push(NO_LOCAL_ACCOUNTS);
    }
    if cluster.private_cluster_public_fqdn() {
        reasons.push(PUBLIC_FQDN_KEPT);
    }
    if !cluster.api_server_authorized_ip_ranges.is_empty() {
        reasons.push(AUTHORIZED_RANGES_ONLY);
    }
    if reasons.is_empty() {
        reasons.push(TRUSTED_ACCESS_PLANNED);
    }
    reasons
}

/// `command` with the workspace's resource group and name, the name under `name_flag`:
/// `az ml workspace` commands call it `--name`, the others `--workspace-name`.
fn workspace_options(plan: &Plan, command: Command, name_flag: &str) -> Command {
    command.arg("-g", &plan.workspace.resource_group).var(name_flag, WORKSPACE_VARIABLE)
}

/// The extension's spelling of the router's service type.
fn router_service_type(service: RouterServiceType) -> &'static str {
    match service {
        RouterServiceType::LoadBalancer => "LoadBalancer",
        RouterServiceType::NodePort => "NodePort",
        RouterServiceType::ClusterIp => "ClusterIP",
    }
}

/// Extension settings are read as Python booleans.
fn python_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// The isolation mode as the CLI v2, the SDK v2 and their YAML spell it.
pub(in crate::export) fn isolation_mode(mode: IsolationMode) -> &'static str {
    match mode {
        IsolationMode::Disabled => "disabled",
        IsolationMode::AllowInternetOutbound => "allow_internet_outbound",
        IsolationMode::AllowOnlyApprovedOutbound => "allow_only_approved_outbound",
    }
}

/// The azure-ai-ml class of an outbound rule.
fn rule_class(rule_type: OutboundRuleType) -> &'static str {
    match rule_type {
        OutboundRuleType::Fqdn => "FqdnDestination",
        OutboundRuleType::ServiceTag => "ServiceTagDestination",
        OutboundRuleType::PrivateEndpoint => "PrivateEndpointDestination",
    }
}

/// The rule type as the CLI v2 and the YAML spell it.
pub(in crate::export) fn rule_type(rule_type: OutboundRuleType) -> &'static str {
    match rule_type {
        OutboundRuleType::Fqdn => "fqdn",
        OutboundRuleType::ServiceTag => "service_tag",
        OutboundRuleType::PrivateEndpoint => "private_endpoint",
    }
}

/// A service tag rule's ports as the one comma-separated text the CLI and SDK take.
pub(in crate::export) fn port_ranges(rule: &OutboundRule) -> String {
    match &rule.ports {
        Some(ports) => ports.join(","),
        None => "*".to_owned(),
    }
}

fn is_default_fqdn_ports(ports: &[String]) -> bool {
    let mut sorted: Vec<&str> = ports.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted == ["443", "80"]
}

fn surge_text(cluster: &AksCluster) -> String {
    match cluster.max_surge() {
        crate::plan::MaxSurge::Nodes(nodes) => nodes.to_string(),
        crate::plan::MaxSurge::Percent(percent) => format!("{percent}%"),
    }
}
