//! The plan's network and clusters as one Azure CLI script: the same resources as the
//! templates, for those who build with `az`.

use std::fmt::Write;

use super::infra::{self, ClusterSpec, Infra, NsgRule};
use super::prose::{
    AZ_NETWORK_HEADER, CLUSTER_COMMENT, EXTENSION_TITLE, KUBERNETES_ATTACH_TITLE, NSG_COMMENT,
    PEERING_COMMENT, PLACEHOLDERS_NOTE, ROLE_TITLE, TRUSTED_ACCESS_TITLE, VNET_COMMENT, WITH_AZ, WITH_CLI_V2,
};
use super::quote::{self, Command, Identifiers, Operand};
use super::steps::v2::ClusterCommands;
use super::template::NETWORK_POLICY;
use crate::plan::{AksCluster, Choice, Identity, Plan, Vnet};
use crate::text::{Lang, Text};

pub(super) fn script(plan: &Plan, lang: Lang) -> String {
    let infra = Infra::new(plan, lang);
    let mut out = format!("#!/usr/bin/env bash\n# {}\n", AZ_NETWORK_HEADER.get(lang));
    for note in &infra.omitted {
        let _ = writeln!(out, "# {}.", quote::comment(note));
    }
    // The extension's commands keep the `az` steps' placeholders for what the plan lacks.
    if infra.clusters.iter().any(|spec| spec.extension.is_some()) {
        super::write_comment(&mut out, &PLACEHOLDERS_NOTE.message(), lang);
    }
    out.push_str("set -euo pipefail\n");
    if infra.clusters.iter().any(|spec| spec.extension.is_some()) {
        super::require_workspace(&mut out);
    }

    // Security groups come first: the subnets that they guard name them.
    for nsg in &infra.nsgs {
        let vnet = infra.vnet(nsg.vnet).map_or("", |spec| spec.vnet.name.as_str());
        let _ = writeln!(out, "\n# {}", msg!(NSG_COMMENT, vnet = quote::comment(vnet)).render(lang));
        let create = Command::new("az network nsg create")
            .arg("-g", nsg.resource_group)
            .arg("-n", &nsg.name)
            .arg("-l", nsg.location);
        let _ = writeln!(out, "{}", create.render());
        for rule in &nsg.rules {
            let command = nsg_rule_create(
                nsg.resource_group,
                Operand::Word(&nsg.name),
                rule,
                Operand::Word(&rule.destination),
            )
            .arg("--description", &rule.description);
            let _ = writeln!(out, "{}", command.render());
        }
    }

    for spec in &infra.vnets {
        let vnet = spec.vnet;
        let _ = writeln!(out, "\n# {}", msg!(VNET_COMMENT, vnet = quote::comment(&vnet.name)).render(lang));
        let create = Command::new("az network vnet create")
            .arg("-g", &vnet.resource_group)
            .arg("-n", vnet.azure_name())
            .arg("-l", spec.location)
            .args("--address-prefixes", vnet.address_prefixes.iter().map(String::as_str));
        let _ = writeln!(out, "{}", create.render());
        let nsg = spec.nsg.and_then(|index| infra.nsgs.get(index));
        for entry in spec.subnets.iter().filter(|entry| entry.is_written()) {
            let subnet = entry.subnet;
            let mut command = Command::new("az network vnet subnet create")
                .arg("-g", &vnet.resource_group)
                .arg("--vnet-name", vnet.azure_name())
                .arg("-n", subnet.azure_name())
                .args("--address-prefixes", entry.prefixes.iter().copied());
            if !subnet.delegations.is_empty() {
                command = command.args("--delegations", subnet.delegations.iter().map(String::as_str));
            }
            if let Some(nsg) = nsg.filter(|_| entry.guarded) {
                command = command.arg("--network-security-group", &nsg.name);
            }
            let _ = writeln!(out, "{}", command.render());
        }
    }

    // Each pair's two sides follow each other.
    for pair in infra.peerings.chunks(2) {
        let sides: Vec<(&Vnet, &Vnet, &str)> = pair
            .iter()
            .filter_map(|peering| {
                Some((
                    infra.vnet(peering.local)?.vnet,
                    infra.vnet(peering.remote)?.vnet,
                    peering.name.as_str(),
                ))
            })
            .collect();
        let Some((a, b, _)) = sides.first() else { continue };
        let comment = msg!(PEERING_COMMENT, a = quote::comment(&a.name), b = quote::comment(&b.name));
        let _ = writeln!(out, "\n# {}", comment.render(lang));
        for (local, remote, name) in sides {
            out.push_str(&peering_create(local, remote, name));
            out.push('\n');
        }
    }

    let mut ids = Identifiers::default();
    for spec in &infra.clusters {
        cluster(&mut out, &infra, spec, &mut ids);
    }
    out
}

fn cluster(out: &mut String, infra: &Infra<'_>, spec: &ClusterSpec<'_>, ids: &mut Identifiers) {
    let cluster = spec.cluster;
    let heading = msg!(CLUSTER_COMMENT, name = quote::comment(&cluster.name));
    let _ = writeln!(out, "\n# {}", heading.render(infra.lang));
    for note in &spec.notes {
        let _ = writeln!(out, "# {}.", quote::comment(note));
    }
    let stem = ids.claim(&format!("aks_{}", cluster.name)).to_ascii_uppercase();
    let mut require = |suffix: &str, description: String| {
        let variable = format!("{stem}_{suffix}");
        let _ = writeln!(out, "# {variable}: {}.", quote::comment(&description));
        let _ = writeln!(out, ": \"${{{variable}:?set {variable} first}}\"");
        variable
    };
    let size_variable = cluster
        .vm_size
        .is_none()
        .then(|| require("VM_SIZE", infra::vm_size_description(cluster, infra.lang)));
    let credentials = match cluster.identity() {
        Identity::SystemAssigned => None,
        Identity::ServicePrincipal => {
            let (client_id, secret) = infra::credential_descriptions(cluster, infra.lang);
            Some((require("CLIENT_ID", client_id), require("CLIENT_SECRET", secret)))
        }
    };
    for (variable, found) in
        [("subnet_id", infra.node_subnet(spec)), ("pod_subnet_id", infra.pod_subnet(spec))]
    {
        let Some((vnet, subnet)) = found else { continue };
        let _ = writeln!(
            out,
            "{variable}=$({})",
            subnet_show(&vnet.resource_group, vnet.azure_name(), subnet.azure_name()).line()
        );
    }
    let command = aks_create(
        cluster,
        spec.resource_group,
        spec.location,
        size_variable
            .as_deref()
            .map_or_else(|| Operand::Word(cluster.vm_size.as_deref().unwrap_or_default()), Operand::Variable),
        Some(Operand::Variable("subnet_id")),
        infra.pod_subnet(spec).map(|_| Operand::Variable("pod_subnet_id")),
        credentials.as_ref().map(|(id, secret)| (id.as_str(), secret.as_str())),
    );
    let _ = writeln!(out, "{}", command.render());
    // The templates set every cluster's surge, which `az aks create` cannot.
    let commands = ClusterCommands { plan: infra.plan, lang: infra.lang };
    let _ = writeln!(out, "{}", commands.surge(cluster).render());
    if let Some((vnet, _)) = infra.node_subnet(spec) {
        // The identity comes into being with this cluster, so the plan's
        // networkContributorGranted cannot be about it: the check accepts the cluster only once
        // the identity holds the role, so the script grants it whatever the field says, as the
        // `az` steps do.
        let comment = msg!(ROLE_TITLE, name = quote::comment(&cluster.name));
        let _ = writeln!(out, "# {}.", comment.render(infra.lang));
        let _ =
            writeln!(out, "{}", role_assignment_create(cluster, spec.resource_group, &vnet.resource_group));
    }
    if spec.extension.is_none() {
        return;
    }
    // The same commands as the `az` steps, so that the script builds what the templates do.
    let title = |text: Text, tool: Option<Text>| {
        let mut message = msg!(text, name = quote::comment(&cluster.name));
        if let Some(tool) = tool {
            message = message.with_message("tool", tool.message());
        }
        message.render(infra.lang)
    };
    let _ = writeln!(out, "# {}.\n{}", title(EXTENSION_TITLE, None), commands.extension(cluster));
    if cluster.trusted_access() {
        let heading = title(TRUSTED_ACCESS_TITLE, Some(WITH_AZ));
        let _ = writeln!(out, "# {heading}.\n{}", commands.trusted_access(cluster));
    }
    let heading = title(KUBERNETES_ATTACH_TITLE, Some(WITH_CLI_V2));
    let _ = writeln!(out, "# {heading}.\n{}", commands.attach(cluster));
}

/// One property of cluster `cluster` in resource group `resource_group`, as plain text.
pub(super) fn aks_show(resource_group: &str, cluster: &AksCluster, query: &str) -> Command {
    Command::new("az aks show")
        .arg("-g", resource_group)
        .arg("-n", &cluster.name)
        .arg("--query", query)
        .arg("-o", "tsv")
}

/// The commands that give cluster `cluster`, in resource group `cluster_group`, Network
/// Contributor on resource group `vnet_group` of its VNet: its principal and the group's ID are
/// looked up first, since the plan holds neither.
pub(super) fn role_assignment_create(cluster: &AksCluster, cluster_group: &str, vnet_group: &str) -> String {
    let query = match cluster.identity() {
        Identity::SystemAssigned => "identity.principalId",
        Identity::ServicePrincipal => "servicePrincipalProfile.clientId",
    };
    let show = aks_show(cluster_group, cluster, query);
    let group = Command::new("az group show").arg("-n", vnet_group).arg("--query", "id").arg("-o", "tsv");
    let assign = Command::new("az role assignment create")
        .var("--assignee", "cluster_identity")
        .arg("--role", "Network Contributor")
        .var("--scope", "vnet_group_id");
    format!("cluster_identity=$({})\nvnet_group_id=$({})\n{}", show.line(), group.line(), assign.render())
}

/// `az network vnet peering create` for the side of a peering on VNet `local`, named `name`.
/// The remote VNet goes by its ID, since a name alone means one in `local`'s resource group.
pub(super) fn peering_create(local: &Vnet, remote: &Vnet, name: &str) -> String {
    let show = Command::new("az network vnet show")
        .arg("-g", &remote.resource_group)
        .arg("-n", remote.azure_name())
        .arg("--query", "id")
        .arg("-o", "tsv");
    let create = Command::new("az network vnet peering create")
        .arg("-g", &local.resource_group)
        .arg("--vnet-name", local.azure_name())
        .arg("-n", name)
        .var("--remote-vnet", "remote_vnet_id")
        .flag("--allow-vnet-access");
    format!("remote_vnet_id=$({})\n{}", show.line(), create.render())
}

/// The command that prints the resource ID of subnet `subnet` of VNet `vnet`.
pub(super) fn subnet_show(resource_group: &str, vnet: &str, subnet: &str) -> Command {
    Command::new("az network vnet subnet show")
        .arg("-g", resource_group)
        .arg("--vnet-name", vnet)
        .arg("-n", subnet)
        .arg("--query", "id")
        .arg("-o", "tsv")
}

/// `az aks create` with the cluster's node pool, network profile (the templates' network policy
/// included) and API server access, its nodes in `subnet` (an ID; without one, in the VNet that
/// AKS makes) and its pods, under Azure CNI Pod Subnet, in `pod_subnet`. `credentials` are the
/// variables holding a service principal's ID and secret; without them the cluster gets a
/// managed identity.
pub(super) fn aks_create(
    cluster: &AksCluster,
    resource_group: &str,
    location: &str,
    vm_size: Operand<'_>,
    subnet: Option<Operand<'_>>,
    pod_subnet: Option<Operand<'_>>,
    credentials: Option<(&str, &str)>,
) -> Command {
    let mut command = Command::new("az aks create")
        .arg("-g", resource_group)
        .arg("-n", &cluster.name)
        .arg("-l", location)
        .arg("--dns-name-prefix", &quote::label(&cluster.name, 54))
        .arg("--nodepool-name", infra::NODE_POOL)
        .arg("--node-count", &cluster.node_count.to_string())
        .operand("--node-vm-size", vm_size)
        .arg("--max-pods", &cluster.effective_max_pods().to_string())
        .arg("--network-plugin", cluster.plugin().as_str());
    if let Some(mode) = cluster.mode() {
        command = command.arg("--network-plugin-mode", mode.as_str());
    }
    // The templates' policy engine, so that a cluster built with `az` enforces the same
    // in-cluster traffic rules as one they build.
    command = command.arg("--network-policy", NETWORK_POLICY);
    if let Some(pod_cidr) = &cluster.pod_cidr {
        command = command.arg("--pod-cidr", pod_cidr);
    }
    command =
        command.arg("--service-cidr", &cluster.service_cidr).arg("--dns-service-ip", &cluster.dns_service_ip);
    if let Some(subnet) = subnet {
        command = command.operand("--vnet-subnet-id", subnet);
    }
    if let Some(pod_subnet) = pod_subnet {
        command = command.operand("--pod-subnet-id", pod_subnet);
    }
    command = command.arg("--load-balancer-sku", "standard");
    if cluster.private_cluster() {
        command = command.flag("--enable-private-cluster");
        // The CLI gives a private cluster a public FQDN too unless told otherwise; the plan's
        // default is none.
        if !cluster.private_cluster_public_fqdn() {
            command = command.flag("--disable-public-fqdn");
        }
    }
    if !cluster.api_server_authorized_ip_ranges.is_empty() {
        command = command
            .arg("--api-server-authorized-ip-ranges", &cluster.api_server_authorized_ip_ranges.join(","));
    }
    if cluster.local_accounts_disabled() {
        // Without local accounts, Microsoft Entra ID is the only way in.
        command = command.flag("--disable-local-accounts").flag("--enable-aad").flag("--enable-azure-rbac");
    }
    match credentials {
        None => command.flag("--enable-managed-identity"),
        Some((client_id, secret)) => {
            command.var("--service-principal", client_id).var("--client-secret", secret)
        }
    }
}

/// `az network nsg rule create` for `rule` in the security group `nsg`. The guide's steps name
/// neither the group nor, for the scoring endpoint, the destination, so they pass variables.
pub(super) fn nsg_rule_create(
    resource_group: &str,
    nsg: Operand<'_>,
    rule: &NsgRule,
    destination: Operand<'_>,
) -> Command {
    let ports = infra::port_list(rule.ports);
    Command::new("az network nsg rule create")
        .arg("-g", resource_group)
        .operand("--nsg-name", nsg)
        .arg("-n", &rule.name)
        .arg("--priority", &rule.priority.to_string())
        .arg("--direction", rule.direction.as_str())
        .arg("--access", "Allow")
        .arg("--protocol", "Tcp")
        .arg("--source-address-prefixes", &rule.source)
        .arg("--source-port-ranges", "*")
        .operand("--destination-address-prefixes", destination)
        .args("--destination-port-ranges", ports.iter().map(String::as_str))
}
