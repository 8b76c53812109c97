//! The plan's network and clusters as Terraform configuration for the `azurerm` provider, and
//! for Azure ML v2 the cluster extension, the workspace's managed network and, through `azapi`
//! since `azurerm` has no resource for it, the Kubernetes compute.

use std::fmt::Write;

use super::infra::kubernetes::{
    self, COMPUTE_TYPE, EXTENSION_NAME, EXTENSION_TYPE, ML_WORKLOAD_ROLE, RELEASE_NAMESPACE, RELEASE_TRAIN,
    TRUSTED_ACCESS_BINDING,
};
use super::infra::{self, ClusterSpec, ExtensionSpec, Infra, Placeholder, Setting, Skip};
use super::prose::{ENTRA_SIGN_IN, NETWORK_HEADER, ROLE_COMMENT};
use super::quote::{self, Identifiers};
use super::template::{surge, Kind, NETWORK_POLICY};
use crate::plan::is_aci_delegation;
use crate::plan::{Choice, Identity, ManagedNetwork, OutboundRuleType, Plan};
use crate::text::Lang;

pub(super) fn render(plan: &Plan, lang: Lang) -> String {
    let infra = Infra::new(plan, lang);
    let mut ids = Identifiers::default();
    let kubernetes = infra.clusters.iter().any(|spec| spec.extension.is_some());
    let network = plan.workspace.managed_network.as_ref();
    // The cluster extension and the workspace's outbound rules came with azurerm 4, which also
    // writes Entra ID sign-in without the `managed` flag that 3 needs.
    let entra = infra.clusters.iter().any(|spec| spec.cluster.local_accounts_disabled());
    let azurerm = if kubernetes || network.is_some() || entra { ">= 4.0" } else { ">= 3.0" };
    let mut providers = Block::new("required_providers", &[])
        .attr("azurerm", &format!("{{ source = \"hashicorp/azurerm\", version = \"{azurerm}\" }}"));
    if kubernetes {
        providers = providers.attr("azapi", "{ source = \"azure/azapi\", version = \">= 2.0\" }");
    }
    let mut blocks = vec![
        Block::new("terraform", &[]).block(providers),
        Block::new("provider", &["azurerm"]).block(Block::new("features", &[])),
    ];
    let mut variables = Vec::new();
    let mut resources = Vec::new();

    let nsg_ids: Vec<String> = infra
        .nsgs
        .iter()
        .map(|nsg| {
            let id = ids.claim(&nsg.name);
            resources.push(
                Block::new("resource", &["azurerm_network_security_group", &id])
                    .text("name", &nsg.name)
                    .text("location", nsg.location)
                    .text("resource_group_name", nsg.resource_group),
            );
            for rule in &nsg.rules {
                let rule_id = ids.claim(&format!("{}_{}", nsg.name, rule.name));
                resources.push(
                    Block::new("resource", &["azurerm_network_security_rule", &rule_id])
                        .skips(&rule.skips)
                        .text("name", &rule.name)
                        .text("description", &rule.description)
                        .attr("priority", &rule.priority.to_string())
                        .text("direction", rule.direction.as_str())
                        .text("access", "Allow")
                        .text("protocol", "Tcp")
                        .text("source_port_range", "*")
                        .attr("destination_port_ranges", &list(&infra::port_list(rule.ports)))
                        .text("source_address_prefix", &rule.source)
                        .text("destination_address_prefix", &rule.destination)
                        .text("resource_group_name", nsg.resource_group)
                        .attr(
                            "network_security_group_name",
                            &format!("azurerm_network_security_group.{id}.name"),
                        ),
                );
            }
            id
        })
        .collect();

    let mut subnet_ids: Vec<Vec<String>> = Vec::with_capacity(infra.vnets.len());
    let mut vnet_ids: Vec<String> = Vec::with_capacity(infra.vnets.len());
    for spec in &infra.vnets {
        let vnet = spec.vnet;
        let vnet_id = ids.claim(&vnet.name);
        vnet_ids.push(vnet_id.clone());
        resources.push(
            Block::new("resource", &["azurerm_virtual_network", &vnet_id])
                .text("name", vnet.azure_name())
                .text("location", spec.location)
                .text("resource_group_name", &vnet.resource_group)
                .attr("address_space", &list(&vnet.address_prefixes)),
        );
        let mut ids_of_vnet = Vec::with_capacity(spec.subnets.len());
        for entry in &spec.subnets {
            let subnet = entry.subnet;
            // A further prefix is written with its subnet, and a cluster placed in it uses that one.
            if let Some(holder) = entry.folded_into.and_then(|index| ids_of_vnet.get(index)).cloned() {
                ids_of_vnet.push(holder);
                continue;
            }
            let subnet_id = ids.claim(&format!("{}_{}", vnet.name, subnet.name));
            let prefixes: Vec<String> = entry.prefixes.iter().map(|prefix| (*prefix).to_owned()).collect();
            let mut block = Block::new("resource", &["azurerm_subnet", &subnet_id])
                .skips(&entry.skips)
                .text("name", subnet.azure_name())
                .text("resource_group_name", &vnet.resource_group)
                .attr("virtual_network_name", &format!("azurerm_virtual_network.{vnet_id}.name"))
                .attr("address_prefixes", &list(&prefixes));
            for service in &subnet.delegations {
                let mut delegation = Block::new("service_delegation", &[]).text("name", service);
                if is_aci_delegation(service) {
                    delegation =
                        delegation.attr("actions", &list(&[infra::ACI_DELEGATION_ACTION.to_owned()]));
                }
                block = block.block(
                    Block::new("delegation", &[])
                        .text("name", &infra::delegation_name(service))
                        .block(delegation),
                );
            }
            resources.push(block);
            if let Some(nsg_id) = spec.nsg.and_then(|index| nsg_ids.get(index)).filter(|_| entry.guarded) {
                let association = ids.claim(&format!("{subnet_id}_nsg"));
                resources.push(
                    Block::new(
                        "resource",
                        &["azurerm_subnet_network_security_group_association", &association],
                    )
                    .attr("subnet_id", &format!("azurerm_subnet.{subnet_id}.id"))
                    .attr(
                        "network_security_group_id",
                        &format!("azurerm_network_security_group.{nsg_id}.id"),
                    ),
                );
            }
            ids_of_vnet.push(subnet_id);
        }
        subnet_ids.push(ids_of_vnet);
    }
    for peering in &infra.peerings {
        let (Some(local), Some(local_id), Some(remote_id)) =
            (infra.vnet(peering.local), vnet_ids.get(peering.local), vnet_ids.get(peering.remote))
        else {
            continue;
        };
        let id = ids.claim(&format!("peering_{}", peering.name));
        resources.push(
            Block::new("resource", &["azurerm_virtual_network_peering", &id])
                .text("name", &peering.name)
                .text("resource_group_name", &local.vnet.resource_group)
                .attr("virtual_network_name", &format!("azurerm_virtual_network.{local_id}.name"))
                .attr("remote_virtual_network_id", &format!("azurerm_virtual_network.{remote_id}.id"))
                .attr("allow_virtual_network_access", "true"),
        );
    }

    let workspace = network
        .map(|network| workspace_blocks(plan, network, &mut ids, &mut variables, &mut resources, lang));
    let mut workspace_id = workspace.map(|id| format!("azurerm_machine_learning_workspace.{id}.id"));
    // The resource groups read as data, by name, for the roles granted on them.
    let mut groups: Vec<(String, String)> = Vec::new();
    for spec in &infra.clusters {
        let subnet_of =
            |index: usize| subnet_ids.get(spec.vnet).and_then(|ids| ids.get(index)).map(String::as_str);
        let subnets = (subnet_of(spec.subnet), spec.pod_subnet.and_then(subnet_of));
        let (id, block) = cluster_block(spec, subnets, &mut ids, &mut variables, lang);
        resources.push(block);
        if let Some(vnet) = infra.granted_vnet(spec) {
            let group = match groups.iter().find(|(name, _)| *name == vnet.resource_group) {
                Some((_, group)) => group.clone(),
                None => {
                    let group = ids.claim(&format!("{}_group", vnet.resource_group));
                    resources.push(
                        Block::new("data", &["azurerm_resource_group", &group])
                            .text("name", &vnet.resource_group),
                    );
                    groups.push((vnet.resource_group.clone(), group.clone()));
                    group
                }
            };
            let note = msg!(
                ROLE_COMMENT,
                name = &spec.cluster.name,
                vnet = &vnet.name,
                group = &vnet.resource_group
            );
            resources.push(
                Block::new(
                    "resource",
                    &["azurerm_role_assignment", &ids.claim(&format!("{id}_network_contributor"))],
                )
                .comment(&note.render(lang))
                .attr("scope", &format!("data.azurerm_resource_group.{group}.id"))
                .text("role_definition_name", "Network Contributor")
                .attr("principal_id", &format!("azurerm_kubernetes_cluster.{id}.identity[0].principal_id"))
                // A new identity may not have reached Entra ID's replicas yet.
                .attr("skip_service_principal_aad_check", "true"),
            );
        }
        if let Some(extension) = &spec.extension {
            let extension_id = ids.claim(&format!("{id}_azureml"));
            resources.push(extension_block(&id, &extension_id, extension, &mut ids, &mut variables));
            let parent = workspace_id
                .get_or_insert_with(|| variable(&mut ids, &mut variables, &kubernetes::workspace_id(lang)))
                .clone();
            let mut waits_for = vec![format!("azurerm_kubernetes_cluster_extension.{extension_id}")];
            if spec.cluster.trusted_access() {
                let binding_id = ids.claim(&format!("{id}_trusted_access"));
                waits_for.push(format!("azapi_resource.{binding_id}"));
                resources.push(trusted_access_block(&id, &binding_id, &parent));
            }
            resources.push(compute_block(spec, &id, &waits_for, &parent, &mut ids));
        }
    }

    blocks.extend(variables);
    blocks.extend(resources);
    let mut out = format!("# {}\n", NETWORK_HEADER.get(lang));
    for note in infra.template_notes() {
        let _ = writeln!(out, "# {}.", quote::comment(note));
    }
    for block in &blocks {
        out.push('\n');
        block.write(&mut out, 0);
    }
    out
}

/// A variable for a value the plan does not hold; returns the reference to it.
fn variable(ids: &mut Identifiers, variables: &mut Vec<Block>, placeholder: &Placeholder) -> String {
    let name = ids.claim(&placeholder.stem);
    let mut block =
        Block::new("variable", &[&name]).attr("type", "string").text("description", &placeholder.description);
    if placeholder.secret {
        block = block.attr("sensitive", "true");
    }
    variables.push(block);
    format!("var.{name}")
}

/// The workspace with its managed network, then one resource per outbound rule; returns the
/// workspace's identifier. The workspace's own dependencies are variables.
fn workspace_blocks(
    plan: &Plan,
    network: &ManagedNetwork,
    ids: &mut Identifiers,
    variables: &mut Vec<Block>,
    resources: &mut Vec<Block>,
    lang: Lang,
) -> String {
    let id = ids.claim("workspace");
    let name = variable(ids, variables, &kubernetes::workspace_name(lang));
    let mut block = Block::new("resource", &["azurerm_machine_learning_workspace", &id])
        .comment(kubernetes::WORKSPACE_NOTE.get(lang))
        .skips(&infra::skips::workspace_skips(network, lang))
        .attr("name", &name)
        .text("location", &plan.region)
        .text("resource_group_name", &plan.workspace.resource_group);
    for (key, placeholder) in kubernetes::workspace_dependencies(lang) {
        let attribute = match key {
            "storageAccount" => "storage_account_id",
            "keyVault" => "key_vault_id",
            _ => "application_insights_id",
        };
        block = block.attr(attribute, &variable(ids, variables, &placeholder));
    }
    if let Some(compute) = network.image_build_compute() {
        block = block.text("image_build_compute_name", compute);
    }
    if let Some(legacy) = plan.workspace.v1_legacy_mode {
        block = block.attr("v1_legacy_mode_enabled", flag(legacy));
    }
    resources.push(block.block(Block::new("identity", &[]).text("type", "SystemAssigned")).block(
        Block::new("managed_network", &[]).text("isolation_mode", kubernetes::isolation_mode(network)),
    ));
    for (index, rule) in network.outbound_rules.iter().enumerate() {
        let rule_id = ids.claim(&format!("outbound_{}", rule.name));
        let kind = match rule.rule_type {
            OutboundRuleType::Fqdn => "azurerm_machine_learning_workspace_network_outbound_rule_fqdn",
            OutboundRuleType::ServiceTag => {
                "azurerm_machine_learning_workspace_network_outbound_rule_service_tag"
            }
            OutboundRuleType::PrivateEndpoint => {
                "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint"
            }
        };
        let block = Block::new("resource", &[kind, &rule_id])
            .text("name", &rule.name)
            .attr("workspace_id", &format!("azurerm_machine_learning_workspace.{id}.id"));
        let block = match rule.rule_type {
            OutboundRuleType::Fqdn => block.text("destination_fqdn", &rule.destination),
            OutboundRuleType::ServiceTag => {
                let protocol = variable(ids, variables, &kubernetes::protocol(index, rule, lang));
                block
                    .text("service_tag", &rule.destination)
                    .attr("protocol", &protocol)
                    .text("port_ranges", &kubernetes::port_ranges(rule))
            }
            OutboundRuleType::PrivateEndpoint => {
                let target = variable(ids, variables, &kubernetes::sub_resource(index, rule, lang));
                block
                    .text("service_resource_id", &rule.destination)
                    .attr("sub_resource_target", &target)
                    .attr("spark_enabled", "false")
            }
        };
        resources.push(block);
    }
    id
}

/// The Azure ML extension on cluster `cluster_id`, with the plan's router and TLS settings.
fn extension_block(
    cluster_id: &str,
    id: &str,
    extension: &ExtensionSpec,
    ids: &mut Identifiers,
    variables: &mut Vec<Block>,
) -> Block {
    let settings = hcl_settings(&extension.settings, ids, variables);
    let mut block = Block::new("resource", &["azurerm_kubernetes_cluster_extension", id])
        .text("name", EXTENSION_NAME)
        .attr("cluster_id", &format!("azurerm_kubernetes_cluster.{cluster_id}.id"))
        .text("extension_type", EXTENSION_TYPE)
        .text("release_train", RELEASE_TRAIN)
        .text("release_namespace", RELEASE_NAMESPACE)
        .attr("configuration_settings", &map(&settings));
    if !extension.protected.is_empty() {
        let protected = hcl_settings(&extension.protected, ids, variables);
        block = block.attr("configuration_protected_settings", &map(&protected));
    }
    block
}

/// Extension settings as the entries of an HCL map, placeholders becoming variables.
fn hcl_settings(
    settings: &[(&'static str, Setting)],
    ids: &mut Identifiers,
    variables: &mut Vec<Block>,
) -> Vec<(&'static str, String)> {
    let mut entries: Vec<(&'static str, String)> = Vec::with_capacity(settings.len());
    for (key, setting) in settings {
        let value = match setting {
            Setting::Text(text) => quote::hcl(text),
            Setting::Placeholder(placeholder) => variable(ids, variables, placeholder),
            Setting::Base64(placeholder) => {
                format!("base64encode({})", variable(ids, variables, placeholder))
            }
            Setting::Same(other) => match entries.iter().find(|(earlier, _)| earlier == other) {
                Some((_, value)) => value.clone(),
                None => continue,
            },
        };
        entries.push((*key, value));
    }
    entries
}

/// The Trusted Access binding through which the workspace `workspace` reaches cluster
/// `cluster_id` instead of through its local accounts. Written with azapi, as the compute is.
fn trusted_access_block(cluster_id: &str, id: &str, workspace: &str) -> Block {
    let body = format!(
        "{{\n    properties = {{\n      roles            = [{}]\n      sourceResourceId = {workspace}\n    }}\n  }}",
        quote::hcl(ML_WORKLOAD_ROLE),
    );
    let binding = Kind::TrustedAccessRoleBinding;
    Block::new("resource", &["azapi_resource", id])
        .text("type", &format!("{}@{}", binding.type_name(), binding.api_version()))
        .text("name", TRUSTED_ACCESS_BINDING)
        .attr("parent_id", &format!("azurerm_kubernetes_cluster.{cluster_id}.id"))
        .attr("body", &body)
}

/// The Kubernetes compute that attaches cluster `cluster_id` to the workspace `parent` once
/// everything in `waits_for` is in: a compute attached before its cluster's Trusted Access
/// binding has to be attached again.
fn compute_block(
    spec: &ClusterSpec<'_>,
    cluster_id: &str,
    waits_for: &[String],
    parent: &str,
    ids: &mut Identifiers,
) -> Block {
    let cluster = spec.cluster;
    let body = format!(
        "{{\n    properties = {{\n      computeType = {}\n      resourceId  = azurerm_kubernetes_cluster.{cluster_id}.id\n      properties = {{\n        namespace = {}\n      }}\n    }}\n  }}",
        quote::hcl(COMPUTE_TYPE),
        quote::hcl(cluster.azure_ml().namespace()),
    );
    Block::new("resource", &["azapi_resource", &ids.claim(&format!("{cluster_id}_compute"))])
        .text("type", &format!("{}@{}", Kind::Compute.type_name(), Kind::Compute.api_version()))
        .text("name", &cluster.name)
        .attr("parent_id", parent)
        .text("location", spec.location)
        .block(Block::new("identity", &[]).text("type", "SystemAssigned"))
        .attr("body", &body)
        .attr("depends_on", &format!("[{}]", waits_for.join(", ")))
}

/// An HCL map written over several lines, for an attribute of a top-level block.
fn map(entries: &[(&str, String)]) -> String {
    let width = entries.iter().map(|(key, _)| quote::hcl(key).len()).max().unwrap_or(0);
    let mut out = String::from("{\n");
    for (key, value) in entries {
        let _ = writeln!(out, "    {:<width$} = {value}", quote::hcl(key));
    }
    out.push_str("  }");
    out
}

/// `subnets`: the Terraform names of the node subnet and, under Azure CNI Pod Subnet, the pod subnet.
fn cluster_block(
    spec: &ClusterSpec<'_>,
    subnets: (Option<&str>, Option<&str>),
    ids: &mut Identifiers,
    variables: &mut Vec<Block>,
    lang: Lang,
) -> (String, Block) {
    let cluster = spec.cluster;
    let id = ids.claim(&cluster.name);
    let mut variable = |suffix: &str, description: String, secret: bool| {
        variable(ids, variables, &Placeholder { stem: format!("{id}_{suffix}"), description, secret })
    };
    let vm_size = match &cluster.vm_size {
        Some(size) => quote::hcl(size),
        None => variable("vm_size", infra::vm_size_description(cluster, lang), false),
    };
    let mut pool = Block::new("default_node_pool", &[])
        .text("name", infra::NODE_POOL)
        .attr("node_count", &cluster.node_count.to_string())
        .attr("vm_size", &vm_size)
        .attr("max_pods", &cluster.effective_max_pods().to_string());
    let (subnet_id, pod_subnet_id) = subnets;
    if let Some(subnet_id) = subnet_id {
        pool = pool.attr("vnet_subnet_id", &format!("azurerm_subnet.{subnet_id}.id"));
    }
    if let Some(pod_subnet_id) = pod_subnet_id {
        pool = pool.attr("pod_subnet_id", &format!("azurerm_subnet.{pod_subnet_id}.id"));
    }
    pool = pool.block(Block::new("upgrade_settings", &[]).text("max_surge", &surge(cluster)));
    let credentials = match cluster.identity() {
        Identity::SystemAssigned => Block::new("identity", &[]).text("type", "SystemAssigned"),
        Identity::ServicePrincipal => {
            let (client_id, secret) = infra::credential_descriptions(cluster, lang);
            let client_id = variable("client_id", client_id, false);
            let secret = variable("client_secret", secret, true);
            Block::new("service_principal", &[]).attr("client_id", &client_id).attr("client_secret", &secret)
        }
    };
    let mut network = Block::new("network_profile", &[]).text("network_plugin", cluster.plugin().as_str());
    if let Some(mode) = cluster.mode() {
        network = network.text("network_plugin_mode", mode.as_str());
    }
    if let Some(pod_cidr) = &cluster.pod_cidr {
        network = network.text("pod_cidr", pod_cidr);
    }
    network = network
        .text("service_cidr", &cluster.service_cidr)
        .text("dns_service_ip", &cluster.dns_service_ip)
        .text("load_balancer_sku", "standard")
        .text("network_policy", NETWORK_POLICY);

    let mut block = Block::new("resource", &["azurerm_kubernetes_cluster", &id]);
    for note in &spec.notes {
        block = block.comment(note);
    }
    if cluster.local_accounts_disabled() {
        block = block.comment(ENTRA_SIGN_IN.get(lang));
    }
    block = block
        .skips(&spec.skips)
        .text("name", &cluster.name)
        .text("location", spec.location)
        .text("resource_group_name", spec.resource_group)
        .text("dns_prefix", &spec.dns_prefix)
        .attr("private_cluster_enabled", flag(cluster.private_cluster()));
    if cluster.private_cluster() {
        block =
            block.attr("private_cluster_public_fqdn_enabled", flag(cluster.private_cluster_public_fqdn()));
    }
    block = block
        .attr("role_based_access_control_enabled", "true")
        .attr("local_account_disabled", flag(cluster.local_accounts_disabled()))
        .block(pool)
        .block(credentials)
        .block(network);
    if cluster.local_accounts_disabled() {
        // Without local accounts, Microsoft Entra ID is the only way in.
        block = block.block(
            Block::new("azure_active_directory_role_based_access_control", &[])
                .attr("azure_rbac_enabled", "true"),
        );
    }
    if !cluster.api_server_authorized_ip_ranges.is_empty() {
        block = block.block(
            Block::new("api_server_access_profile", &[])
                .attr("authorized_ip_ranges", &list(&cluster.api_server_authorized_ip_ranges)),
        );
    }
    (id, block)
}

fn flag(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// An HCL list of string literals.
fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|item| quote::hcl(item)).collect::<Vec<_>>().join(", "))
}

/// A block of configuration, written the way `terraform fmt` lays it out.
struct Block {
    kind: &'static str,
    labels: Vec<String>,
    items: Vec<Item>,
}

enum Item {
    Comment(String),
    /// A scanner directive, written as the scanner wants it: `#` right before it.
    Directive(String),
    /// An attribute and its value, already written as HCL.
    Attribute(&'static str, String),
    Block(Block),
}

impl Block {
    fn new(kind: &'static str, labels: &[&str]) -> Self {
        Self { kind, labels: labels.iter().map(|label| (*label).to_owned()).collect(), items: Vec::new() }
    }

    fn attr(mut self, key: &'static str, value: &str) -> Self {
        self.items.push(Item::Attribute(key, value.to_owned()));
        self
    }

    fn text(self, key: &'static str, value: &str) -> Self {
        self.attr(key, &quote::hcl(value))
    }

    fn block(mut self, block: Block) -> Self {
        self.items.push(Item::Block(block));
        self
    }

    fn comment(mut self, text: &str) -> Self {
        self.items.push(Item::Comment(text.to_owned()));
        self
    }

    /// The scanner's inline skips for the checks of `skips` that it runs on Terraform.
    fn skips(mut self, skips: &[Skip]) -> Self {
        self.items.extend(
            skips.iter().filter(|skip| skip.in_terraform()).map(|skip| Item::Directive(skip.directive())),
        );
        self
    }

    fn write(&self, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        out.push_str(&pad);
        out.push_str(self.kind);
        for label in &self.labels {
            out.push(' ');
            out.push_str(&quote::hcl(label));
        }
        if self.items.is_empty() {
            out.push_str(" {}\n");
            return;
        }
        out.push_str(" {\n");
        let inner = "  ".repeat(depth + 1);
        for (index, item) in self.items.iter().enumerate() {
            match item {
                Item::Comment(text) => {
                    let _ = writeln!(out, "{inner}# {}.", quote::comment(text));
                }
                Item::Directive(text) => {
                    let _ = writeln!(out, "{inner}#{}", quote::comment(text));
                }
                Item::Attribute(key, value) if value.contains('\n') => {
                    let _ = writeln!(out, "{inner}{key} = {value}");
                }
                Item::Attribute(key, value) => {
                    // `terraform fmt` aligns the `=` of single-line attributes that follow each
                    // other.
                    let width = self
                        .items
                        .get(self.run_start(index)..)
                        .unwrap_or_default()
                        .iter()
                        .map_while(|item| match item {
                            Item::Attribute(key, value) if !value.contains('\n') => Some(key.len()),
                            _ => None,
                        })
                        .max()
                        .unwrap_or(key.len());
                    let _ = writeln!(out, "{inner}{key:<width$} = {value}");
                }
                Item::Block(block) => {
                    if index > 0 {
                        out.push('\n');
                    }
                    block.write(out, depth + 1);
                }
            }
        }
        out.push_str(&pad);
        out.push_str("}\n");
    }

    /// Where the run of attributes holding item `index` starts.
    fn run_start(&self, index: usize) -> usize {
        self.items
            .iter()
            .take(index)
            .rposition(|item| !matches!(item, Item::Attribute(_, value) if !value.contains('\n')))
            .map_or(0, |position| position + 1)
    }
}
