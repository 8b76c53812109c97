//! The importer against fixtures in the exact shapes `az` prints, field by field, with the
//! notes each field gives, and snapshots of the whole result.

use super::aks::parse_subnet_id;
use super::template::child_name;
use super::*;
use crate::plan::{Identity, NetworkPlugin, NetworkPluginMode, Provisioning, Subnet};
use crate::{check, parse_plan, RuleId};
use serde_json::Value;

const VNET_SHOW: &str = include_str!("fixtures/vnet-show.json");
const VNET_LIST: &str = include_str!("fixtures/vnet-list.json");
const AKS_CNI: &str = include_str!("fixtures/aks-show-cni.json");
const AKS_KUBENET: &str = include_str!("fixtures/aks-show-kubenet.json");
const TEMPLATE: &str = include_str!("fixtures/template.json");
const TEMPLATE_EXPORT: &str = include_str!("fixtures/template-export.json");

fn imported(documents: &[&str]) -> Imported {
    let imported = import(documents).unwrap_or_else(|error| panic!("{error}"));
    // What `vnetplan import` prints must be a plan `vnetplan check` reads back unchanged.
    let reread = parse_plan(&imported.plan.to_json()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reread, imported.plan);
    imported
}

/// The messages of the notes on one field.
fn notes_at<'a>(imported: &'a Imported, document: usize, pointer: &str) -> Vec<&'a str> {
    imported
        .notes
        .iter()
        .filter(|note| note.document == Some(document) && note.pointer == pointer)
        .map(|note| note.message.as_str())
        .collect()
}

fn note_at<'a>(imported: &'a Imported, document: usize, pointer: &str) -> &'a str {
    match notes_at(imported, document, pointer).as_slice() {
        [message] => message,
        other => panic!("expected one note at document {document}, {pointer}, found {other:?}"),
    }
}

fn pointers(imported: &Imported) -> Vec<(Option<usize>, &str)> {
    imported.notes.iter().map(|note| (note.document, note.pointer.as_str())).collect()
}

fn rules(plan: &Plan) -> Vec<RuleId> {
    check(plan).findings.iter().map(|finding| finding.rule).collect()
}

fn subnet(name: &str, prefix: &str, delegations: &[&str]) -> Subnet {
    Subnet {
        name: name.to_owned(),
        address_prefix: prefix.to_owned(),
        delegations: delegations.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// The plan as the CLI prints it, then one line per note: what a reviewer reads.
fn snapshot(imported: &Imported) -> String {
    let mut text = imported.plan.to_json();
    text.push_str("\n\nnotes:\n");
    for note in &imported.notes {
        text.push_str(&format!("- {note}\n"));
    }
    text
}

#[test]
fn snapshots() {
    insta::assert_snapshot!("vnet_show", snapshot(&imported(&[VNET_SHOW])));
    insta::assert_snapshot!("vnet_list_and_aks_cni", snapshot(&imported(&[VNET_LIST, AKS_CNI])));
    insta::assert_snapshot!("aks_kubenet", snapshot(&imported(&[AKS_KUBENET])));
    insta::assert_snapshot!("template", snapshot(&imported(&[TEMPLATE])));
    insta::assert_snapshot!("template_export", snapshot(&imported(&[TEMPLATE_EXPORT])));
}

#[test]
fn vnet_show_maps_the_vnet_and_each_subnet() {
    let result = imported(&[VNET_SHOW]);
    let plan = &result.plan;
    assert_eq!(plan.schema_version, 1);
    assert_eq!(plan.region, "eastus2");
    assert_eq!(plan.workspace.resource_group, "ml-rg");
    assert_eq!(plan.workspace.private_endpoint, None);
    assert!(plan.aks_clusters.is_empty() && plan.aci_deployments.is_empty());
    let [vnet] = plan.vnets.as_slice() else { panic!("one VNet expected: {:?}", plan.vnets) };
    assert_eq!(vnet.name, "ml-vnet");
    assert_eq!(vnet.resource_group, "ml-rg");
    assert_eq!(vnet.region.as_deref(), Some("eastus2"));
    assert_eq!(vnet.address_prefixes, ["10.1.0.0/16"]);
    assert_eq!(
        vnet.subnets,
        [
            subnet("aks", "10.1.0.0/22", &[]),
            subnet("aci", "10.1.8.0/24", &["Microsoft.ContainerInstance/containerGroups"]),
            // Of two prefixes, the first stays with the subnet and the second is a subnet of its own.
            subnet("endpoints", "10.1.9.0/24", &[]),
            subnet("endpoints [prefix 2]", "10.1.10.0/24", &[]),
        ]
    );
    // The peering's far side is reachable, so it is an external range.
    assert_eq!(
        plan.external_ranges,
        [ExternalRange {
            name: "hub-vnet".to_owned(),
            address_prefix: "10.100.0.0/16".to_owned(),
            kind: ExternalRangeKind::PeeredVnet,
        }]
    );
    assert!(!check(plan).has_errors(), "{:#?}", check(plan).findings);
}

#[test]
fn an_exported_templates_peerings_find_the_vnets_their_computed_ids_name() {
    let vnet = |name: &str, prefix: &str, peer: &str| {
        format!(
            r#"{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
                 "name": "[parameters('{name}')]", "location": "eastus2",
                 "properties": {{ "addressSpace": {{ "addressPrefixes": ["{prefix}"] }}, "subnets": [],
                   "virtualNetworkPeerings": [{{ "name": "to-{peer}", "properties": {{
                     "remoteVirtualNetwork": {{ "id": "[resourceId('Microsoft.Network/virtualNetworks', parameters('{peer}'))]" }},
                     "remoteAddressSpace": {{ "addressPrefixes": ["{prefix}"] }} }} }}] }} }}"#
        )
    };
    let template = format!(
        r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0",
             "parameters": {{ "hub": {{ "type": "string", "defaultValue": "hub-vnet" }},
                              "spoke": {{ "type": "string", "defaultValue": "spoke-vnet" }} }},
             "resources": [{}, {}] }}"#,
        vnet("hub", "10.0.0.0/22", "spoke"),
        vnet("spoke", "10.1.0.0/16", "hub")
    );
    let result = imported(&[&template]);
    let peerings: Vec<(&str, &[String])> =
        result.plan.vnets.iter().map(|vnet| (vnet.name.as_str(), vnet.peerings.as_slice())).collect();
    assert_eq!(peerings, [("hub-vnet", &["spoke-vnet".to_owned()][..]), ("spoke-vnet", &[][..])]);
    // Neither VNet comes back as an external range overlapping itself.
    assert!(result.plan.external_ranges.is_empty(), "{:?}", result.plan.external_ranges);
    assert!(!check(&result.plan).has_errors(), "{:#?}", check(&result.plan).findings);
}

#[test]
fn vnets_of_one_name_in_two_resource_groups_keep_their_clusters_apart() {
    // The same VNet, its node subnet shrunk to a /27, deployed again in another resource group.
    let other = VNET_SHOW
        .replace("\"resourceGroup\": \"ml-rg\"", "\"resourceGroup\": \"other-rg\"")
        .replace("/resourceGroups/ml-rg/", "/resourceGroups/other-rg/")
        .replace("10.1.0.0/22", "10.1.0.0/27");
    let subnet = SUBNET_ID.replace("/rg/", "/other-rg/").replace("/v/", "/ml-vnet/");
    let pools =
        format!(r#"[{{ "name": "sys", "mode": "System", "count": 3, "vnetSubnetId": "{subnet}/aks" }}]"#);
    let cluster = cluster_json(
        r#"{ "networkPlugin": "azure", "serviceCidr": "10.2.0.0/16", "dnsServiceIP": "10.2.0.10" }"#,
        &pools,
    );
    let result = imported(&[VNET_SHOW, &other, &cluster]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["ml-vnet", "ml-vnet (other-rg)"]);
    assert_eq!(result.plan.aks_clusters[0].vnet.as_deref(), Some("ml-vnet (other-rg)"));
    assert!(rules(&result.plan).contains(&RuleId::AksSubnetTooSmall), "the /27 is the one checked");
    assert!(!rules(&result.plan).contains(&RuleId::DuplicateName));
    assert!(result.notes.iter().any(|note| note.message.contains("it is 'ml-vnet (other-rg)' in the plan")));
}

#[test]
fn a_peering_between_two_imported_vnets_is_recorded_once() {
    // Each VNet of the list names the other as its peer.
    let result = imported(&[VNET_LIST]);
    let peerings: Vec<(&str, &[String])> =
        result.plan.vnets.iter().map(|vnet| (vnet.name.as_str(), vnet.peerings.as_slice())).collect();
    assert_eq!(peerings, [("ml-vnet", &["hub-vnet".to_owned()][..]), ("hub-vnet", &[][..])]);
    assert!(result.plan.external_ranges.iter().all(|range| range.name != "hub-vnet"));
    // A pod range over the hub is then an error, as it was while the hub was an external range.
    let mut plan = result.plan.clone();
    let hub_prefix = plan.vnets[1].address_prefixes[0].clone();
    let mut cluster = crate::plan::AksCluster::new("c", "ml-vnet", "aks", "10.250.0.0/16", "10.250.0.10");
    cluster.network_plugin_mode = Some(NetworkPluginMode::Overlay);
    cluster.pod_cidr = Some(hub_prefix);
    plan.aks_clusters.push(cluster);
    let report = check(&plan);
    let pods = report.findings.iter().find(|finding| finding.rule == RuleId::PodCidrOverlapsOtherVnet);
    assert_eq!(pods.map(|finding| finding.severity), Some(crate::Severity::Error), "{:#?}", report.findings);
}

#[test]
fn a_dual_stack_subnet_keeps_its_ipv4_prefix_whichever_comes_first() {
    let vnet = VNET_SHOW.replacen(r#""10.1.9.0/24","#, r#""fd00:db8:deca:1::/64", "10.1.9.0/24","#, 1);
    let result = imported(&[&vnet]);
    let subnets = &result.plan.vnets[0].subnets;
    let endpoints: Vec<(&str, &str)> = subnets
        .iter()
        .filter(|subnet| subnet.name.starts_with("endpoints"))
        .map(|subnet| (subnet.name.as_str(), subnet.address_prefix.as_str()))
        .collect();
    assert_eq!(
        endpoints,
        [
            ("endpoints", "10.1.9.0/24"),
            ("endpoints [prefix 1]", "fd00:db8:deca:1::/64"),
            ("endpoints [prefix 3]", "10.1.10.0/24")
        ]
    );
}

#[test]
fn vnet_show_notes_what_the_plan_cannot_hold_and_nothing_informational() {
    let result = imported(&[VNET_SHOW]);
    assert!(note_at(&result, 0, "/subnets/0/networkSecurityGroup").contains("'aks-nsg'"));
    assert!(note_at(&result, 0, "/subnets/0/routeTable").contains("'aks-udr'"));
    assert!(note_at(&result, 0, "/subnets/0/serviceEndpoints")
        .contains("Microsoft.Storage, Microsoft.ContainerRegistry"));
    assert!(note_at(&result, 0, "/subnets/0/ipConfigurations").contains("3 IP configuration(s)"));
    let prefixes = note_at(&result, 0, "/subnets/2/addressPrefixes");
    assert!(
        prefixes.contains("10.1.9.0/24 stays with 'endpoints'")
            && prefixes.contains("'endpoints [prefix 2]' (10.1.10.0/24)"),
        "{prefixes}"
    );
    assert!(note_at(&result, 0, "/subnets/2/privateEndpoints").contains("2 private endpoint(s)"));
    // Ids, etags, GUIDs, provisioning states, policies and empty fields give no note.
    assert_eq!(
        pointers(&result),
        [
            (Some(0), "/subnets/0/networkSecurityGroup"),
            (Some(0), "/subnets/0/routeTable"),
            (Some(0), "/subnets/0/serviceEndpoints"),
            (Some(0), "/subnets/0/ipConfigurations"),
            (Some(0), "/subnets/2/addressPrefixes"),
            (Some(0), "/subnets/2/privateEndpoints"),
            (None, ""),
        ]
    );
    let workspace = result.notes.last().map(|note| note.message.as_str()).unwrap_or_default();
    assert!(workspace.contains("do not describe the workspace"), "{workspace}");
}

#[test]
fn a_vnet_list_and_an_aks_show_resolve_the_cluster_into_the_vnet() {
    let result = imported(&[VNET_LIST, AKS_CNI]);
    let plan = &result.plan;
    let names: Vec<&str> = plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["ml-vnet", "hub-vnet"]);
    assert_eq!(plan.vnets[1].resource_group, "network-rg");
    assert_eq!(
        plan.vnets[1].subnets,
        [subnet("AzureFirewallSubnet", "10.100.0.0/26", &[]), subnet("GatewaySubnet", "10.100.1.0/27", &[])]
    );
    // Both ends of the peering are VNets of the plan, so neither is an external range.
    assert!(plan.external_ranges.is_empty());
    let [cluster] = plan.aks_clusters.as_slice() else { panic!("one cluster expected") };
    assert_eq!(cluster.name, "ml-aks");
    assert_eq!(cluster.provisioning(), Provisioning::Attach);
    assert_eq!(cluster.region.as_deref(), Some("eastus2"));
    // The id spells `resourcegroups` in lower case; the plan spells names as the VNet does.
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("ml-vnet", "aks"));
    assert_eq!(cluster.plugin(), NetworkPlugin::Azure);
    assert_eq!(cluster.network_plugin_mode, None);
    assert_eq!(cluster.pod_cidr, None);
    assert_eq!(cluster.service_cidr, "10.2.0.0/16");
    assert_eq!(cluster.dns_service_ip, "10.2.0.10");
    assert_eq!(cluster.docker_bridge_cidr, None);
    // 3 system nodes and an autoscaled pool counted at its maximum of 5.
    assert_eq!(cluster.node_count, 8);
    // Both pools' surges, which can run at once: 33% of 5 nodes rounded up, and 10% of 3.
    assert_eq!(cluster.surge_nodes(), 3);
    assert_eq!(cluster.max_pods, Some(30));
    // The system pool's size gives the vCPUs; the plan keeps the size and derives the count.
    assert_eq!(
        (cluster.vm_size.as_deref(), cluster.vcpus_per_node, cluster.vcpus()),
        (Some("Standard_D4s_v5"), None, Some(4))
    );
    assert!(cluster.private_cluster());
    assert_eq!(cluster.identity(), Identity::SystemAssigned);
    // Azure's output cannot say whether the grant was made: not recorded, never false.
    assert_eq!(cluster.network_contributor_granted, None);
    assert_eq!((cluster.cluster_purpose, cluster.nsg_allows_scoring_inbound), (None, None));
    assert_eq!(plan.region, "eastus2");
    assert_eq!(plan.workspace.resource_group, "ml-rg");

    assert!(note_at(&result, 1, "/agentPoolProfiles/1/maxCount").contains("the plan counts 5"));
    assert!(notes_at(&result, 1, "/agentPoolProfiles/0/vmSize").is_empty());
    assert!(note_at(&result, 1, "").contains("how Azure ML uses the cluster"));
    assert!(notes_at(&result, 1, "/agentPoolProfiles/0/vnetSubnetId").is_empty());

    let report = check(plan);
    let found: Vec<RuleId> = report.findings.iter().map(|finding| finding.rule).collect();
    assert!(!found.contains(&RuleId::UnknownVnet) && !found.contains(&RuleId::UnknownSubnet), "{found:?}");
    // Whether the identity holds its role was never recorded: a warning says how to verify it,
    // and no error rests on it.
    assert_unrecorded_grant_is_only_a_warning(&report);
    assert!(!report.has_errors(), "{:#?}", report.findings);
    assert_eq!(report.capacity.len(), 1);
}

#[test]
fn an_aks_show_alone_keeps_the_vnet_names_and_says_how_to_import_the_vnet() {
    let result = imported(&[AKS_CNI]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("ml-vnet", "aks"));
    assert!(result.plan.vnets.is_empty());
    assert_eq!(result.plan.region, "eastus2");
    assert_eq!(result.plan.workspace.resource_group, "ml-rg");
    let note = note_at(&result, 0, "/agentPoolProfiles/0/vnetSubnetId");
    assert!(note.contains("az network vnet show --resource-group ml-rg --name ml-vnet"), "{note}");
    assert!(rules(&result.plan).contains(&RuleId::UnknownVnet));
}

#[test]
fn a_kubenet_cluster_in_a_vnet_aks_manages() {
    let result = imported(&[AKS_KUBENET]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.name, "dev-aks");
    assert_eq!(cluster.region.as_deref(), Some("westeurope"));
    // The VNet AKS manages lies outside the plan: both names are left out, not invented.
    assert_eq!((cluster.vnet.as_deref(), cluster.subnet.as_deref()), (None, None));
    assert_eq!(cluster.plugin(), NetworkPlugin::Kubenet);
    assert_eq!(cluster.pod_cidr.as_deref(), Some("10.244.0.0/16"));
    assert_eq!(cluster.service_cidr, "10.0.0.0/16");
    assert_eq!(cluster.dns_service_ip, "10.0.0.10");
    assert_eq!(cluster.docker_bridge_cidr.as_deref(), Some("172.17.0.1/16"));
    assert_eq!((cluster.node_count, cluster.surge_nodes(), cluster.max_pods), (2, 1, Some(110)));
    assert!(!cluster.private_cluster());
    // No managed identity, and a client id other than `msi`.
    assert_eq!(cluster.identity(), Identity::ServicePrincipal);
    assert_eq!(result.plan.region, "westeurope");
    assert_eq!(result.plan.workspace.resource_group, "dev-rg");
    let note = note_at(&result, 0, "/agentPoolProfiles/0");
    assert!(note.contains("az network vnet list --resource-group MC_dev-rg_dev-aks_westeurope"), "{note}");
    assert!(!rules(&result.plan).contains(&RuleId::UnknownVnet));
}

#[test]
fn a_pool_that_states_no_surge_gets_aks_default_of_ten_percent() {
    let mut cluster: Value = serde_json::from_str(AKS_KUBENET).expect("fixture is JSON");
    cluster["agentPoolProfiles"][0]["count"] = 60.into();
    let alone = imported(&[&cluster.to_string()]);
    let read = &alone.plan.aks_clusters[0];
    // Left unset, so that the check applies AKS's default as the pool grows or shrinks.
    assert_eq!(read.max_surge, None);
    assert_eq!(read.surge_nodes(), 6);
    // Beside a pool that states one node, the pool that states none still adds its 10%.
    let mut second = cluster["agentPoolProfiles"][0].clone();
    second["name"] = "stated".into();
    second["mode"] = "User".into();
    second["count"] = 3.into();
    second["upgradeSettings"] = serde_json::json!({ "maxSurge": "1" });
    cluster["agentPoolProfiles"].as_array_mut().expect("pools").push(second);
    let both = imported(&[&cluster.to_string()]);
    assert_eq!(both.plan.aks_clusters[0].max_surge, Some(crate::plan::MaxSurge::Nodes(7)));
}

#[test]
fn a_managed_vnet_found_in_the_node_resource_group_is_the_clusters() {
    let managed = r#"[{
        "type": "Microsoft.Network/virtualNetworks", "name": "aks-vnet-31415926",
        "resourceGroup": "MC_dev-rg_dev-aks_westeurope", "location": "westeurope",
        "addressSpace": { "addressPrefixes": ["10.224.0.0/12"] },
        "subnets": [{ "name": "aks-subnet", "addressPrefix": "10.224.0.0/16" }]
    }]"#;
    let result = imported(&[AKS_KUBENET, managed]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("aks-vnet-31415926", "aks-subnet"));
    assert!(note_at(&result, 0, "/agentPoolProfiles/0").contains("'aks-vnet-31415926'"));
    assert!(!rules(&result.plan).contains(&RuleId::UnknownVnet));
}

#[test]
fn a_subnet_the_vnet_lacks_is_kept_by_name_and_noted() {
    let aks = AKS_CNI.replace("/subnets/aks\"", "/subnets/gone\"");
    let result = imported(&[VNET_SHOW, &aks]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("ml-vnet", "gone"));
    assert!(note_at(&result, 1, "/agentPoolProfiles/0/vnetSubnetId").contains("subnet 'gone'"));
    assert!(rules(&result.plan).contains(&RuleId::UnknownSubnet));
}

/// A cluster with the given network profile and pools, and nothing else.
fn cluster_json(network: &str, pools: &str) -> String {
    format!(
        r#"{{ "type": "Microsoft.ContainerService/ManagedClusters", "name": "c", "location": "eastus2",
             "resourceGroup": "rg", "identity": {{ "type": "SystemAssigned" }},
             "networkProfile": {network}, "agentPoolProfiles": {pools} }}"#
    )
}

const SUBNET_ID: &str =
    "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets";

#[test]
fn pools_in_other_subnets_are_noted_and_not_counted() {
    let pools = format!(
        r#"[{{ "name": "sys", "mode": "System", "count": 3, "maxPods": 30, "vnetSubnetId": "{SUBNET_ID}/nodes" }},
            {{ "name": "gpu", "mode": "User", "count": 4, "maxPods": 50, "vnetSubnetId": "{SUBNET_ID}/gpu" }},
            {{ "name": "more", "mode": "User", "count": 2, "maxPods": 60, "vnetSubnetId": "{SUBNET_ID}/NODES/",
               "podSubnetId": "{SUBNET_ID}/pods", "upgradeSettings": {{ "maxSurge": "3" }} }}]"#
    );
    let network =
        r#"{ "networkPlugin": "azure", "serviceCidr": "10.2.0.0/16", "dnsServiceIp": "10.2.0.10" }"#;
    let result = imported(&[&cluster_json(network, &pools)]);
    let cluster = &result.plan.aks_clusters[0];
    // sys adds its default 10% (one node) and more its 3, cut to its 2 nodes, both in the node subnet.
    assert_eq!((cluster.subnet_name(), cluster.node_count, cluster.surge_nodes()), ("nodes", 5, 3));
    // Pools of the node subnet allow 30 and 60 pods; the largest counts.
    assert_eq!(cluster.max_pods, Some(60));
    assert!(note_at(&result, 0, "/agentPoolProfiles/1/vnetSubnetId").contains("'v/gpu'"));
    assert!(note_at(&result, 0, "/agentPoolProfiles").contains("the largest, 60"));
    let pods = note_at(&result, 0, "/agentPoolProfiles/2/podSubnetId");
    assert!(pods.contains("'pods'") && pods.contains("does not size subnet 'pods'"), "{pods}");
    assert_eq!(cluster.pod_subnet, None);
}

#[test]
fn a_pod_subnet_every_pool_shares_becomes_the_clusters() {
    let pools = format!(
        r#"[{{ "name": "sys", "mode": "System", "count": 3, "vnetSubnetId": "{SUBNET_ID}/nodes", "podSubnetId": "{SUBNET_ID}/pods" }},
            {{ "name": "more", "mode": "User", "count": 2, "vnetSubnetId": "{SUBNET_ID}/nodes", "podSubnetId": "{SUBNET_ID}/PODS" }}]"#
    );
    let network =
        r#"{ "networkPlugin": "azure", "serviceCidr": "10.2.0.0/16", "dnsServiceIp": "10.2.0.10" }"#;
    let result = imported(&[&cluster_json(network, &pools)]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.pod_subnet.as_deref(), Some("pods"));
    assert_eq!(cluster.effective_max_pods(), 110, "AKS's default for a pod subnet");
    assert!(result.notes.iter().all(|note| !note.pointer.contains("podSubnetId")), "{:?}", result.notes);

    let elsewhere = pools.replace("virtualNetworks/v/subnets/PODS", "virtualNetworks/other/subnets/pods");
    let result = imported(&[&cluster_json(network, &elsewhere)]);
    assert_eq!(result.plan.aks_clusters[0].pod_subnet, None);
    assert!(note_at(&result, 0, "/agentPoolProfiles/1/podSubnetId").contains("in the node subnet's VNet"));
}

#[test]
fn dual_stack_ranges_keep_the_ipv4_one_and_note_the_rest() {
    let network = r#"{ "networkPlugin": "azure", "networkPluginMode": "overlay",
        "podCidr": null, "podCidrs": ["10.244.0.0/16", "fd12:3456:789a::/64"],
        "serviceCidrs": ["10.2.0.0/16", "fd12:3456:789a:1::/108"], "dnsServiceIp": "10.2.0.10",
        "ipFamilies": ["IPv4", "IPv6"], "outboundType": "userDefinedRouting" }"#;
    let pools = r#"[{ "name": "sys", "mode": "System", "count": 3 }]"#;
    let result = imported(&[&cluster_json(network, pools)]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.network_plugin_mode, Some(NetworkPluginMode::Overlay));
    assert_eq!(cluster.pod_cidr.as_deref(), Some("10.244.0.0/16"));
    assert_eq!(cluster.service_cidr, "10.2.0.0/16");
    assert!(note_at(&result, 0, "/networkProfile/podCidrs").contains("fd12:3456:789a::/64"));
    assert!(note_at(&result, 0, "/networkProfile/serviceCidrs").contains("fd12:3456:789a:1::/108"));
    assert!(note_at(&result, 0, "/networkProfile/ipFamilies").contains("IPv6"));
    assert!(note_at(&result, 0, "/networkProfile/outboundType").contains("egress"));

    let ipv6_first = network
        .replace(r#"["10.244.0.0/16", "fd12:3456:789a::/64"]"#, r#"["fd12:3456:789a::/64", "10.244.0.0/16"]"#)
        .replace(
            r#"["10.2.0.0/16", "fd12:3456:789a:1::/108"]"#,
            r#"["fd12:3456:789a:1::/108", "10.2.0.0/16"]"#,
        );
    let result = imported(&[&cluster_json(&ipv6_first, pools)]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.pod_cidr.as_deref(), Some("10.244.0.0/16"));
    assert_eq!(cluster.service_cidr, "10.2.0.0/16");
}

#[test]
fn an_aks_list_and_a_user_assigned_identity() {
    let list = format!("[{}]", cluster_json("{}", "[]").replace("\"SystemAssigned\"", "\"UserAssigned\""));
    let result = imported(&[&list]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.identity(), Identity::SystemAssigned);
    assert!(note_at(&result, 0, "/0/identity/type").contains("user-assigned"));
    // No pool and an empty network profile: AKS's defaults, each said, and the plan checks.
    assert_eq!(cluster.node_count, 1);
    assert_eq!(cluster.network_plugin, None, "the check takes AKS's default, overlay");
    assert!(cluster.is_overlay());
    assert_eq!(
        (cluster.service_cidr.as_str(), cluster.dns_service_ip.as_str()),
        ("10.0.0.0/16", "10.0.0.10")
    );
    let defaults = notes_at(&result, 0, "/0");
    for expected in ["reads as Azure CNI Overlay", "service range 10.0.0.0/16 with the DNS IP 10.0.0.10"] {
        assert!(defaults.iter().any(|note| note.contains(expected)), "{expected}: {defaults:?}");
    }
    assert!(!rules(&result.plan).contains(&RuleId::InvalidCidr));
}

#[test]
fn a_cluster_that_names_no_plugin_gets_the_overlap_of_akss_default_pod_range() {
    // The VNet sits on 10.244.0.0/16, the pod range AKS gives an overlay cluster by default.
    let vnet = VNET_SHOW.replace("10.1.0.0/16", "10.244.0.0/16").replace("10.1.0.0/22", "10.244.0.0/22");
    let subnet = SUBNET_ID.replace("/rg/", "/ml-rg/").replace("/v/", "/ml-vnet/");
    let pools =
        format!(r#"[{{ "name": "sys", "mode": "System", "count": 3, "vnetSubnetId": "{subnet}/aks" }}]"#);
    let cluster = cluster_json(r#"{ "serviceCidr": "10.2.0.0/16", "dnsServiceIP": "10.2.0.10" }"#, &pools);
    let result = imported(&[&vnet, &cluster]);
    assert!(rules(&result.plan).contains(&RuleId::PodCidrOverlapsVnet), "{:?}", rules(&result.plan));
    assert!(note_at(&result, 1, "/networkProfile").contains("AKS picks Azure CNI Overlay"));
    // A profile without a service range or DNS IP gets AKS's, and says so.
    let cluster = cluster_json(r#"{ "networkPlugin": "kubenet" }"#, &pools);
    let result = imported(&[&vnet, &cluster]);
    assert_eq!(result.plan.aks_clusters[0].service_cidr, "10.0.0.0/16");
    let notes = notes_at(&result, 1, "/networkProfile");
    assert!(
        notes.iter().any(|note| note.contains("AKS takes its default: the plan holds 10.0.0.10")),
        "{notes:?}"
    );
}

#[test]
fn a_template_takes_stated_values_and_adds_child_subnets() {
    let result = imported(&[TEMPLATE]);
    let plan = &result.plan;
    let [vnet] = plan.vnets.as_slice() else { panic!("one VNet expected") };
    assert_eq!(vnet.name, "tpl-vnet");
    assert_eq!(vnet.resource_group, TEMPLATE_RESOURCE_GROUP);
    assert_eq!(plan.workspace.resource_group, TEMPLATE_RESOURCE_GROUP);
    // `East US 2` in its short form.
    assert_eq!((vnet.region.as_deref(), plan.region.as_str()), (Some("eastus2"), "eastus2"));
    assert_eq!(vnet.address_prefixes, ["10.20.0.0/16"]);
    assert_eq!(
        vnet.subnets,
        [
            subnet("aks", "10.20.0.0/22", &[]),
            // Nested in the VNet's `resources`.
            subnet("jobs", "10.20.16.0/24", &[]),
            // A top-level `tpl-vnet/aci` resource.
            subnet("aci", "10.20.8.0/24", &["Microsoft.ContainerInstance/containerGroups"]),
        ]
    );
    let prefix = note_at(&result, 0, "/resources/1/properties/addressSpace/addressPrefixes/0");
    assert!(prefix.contains("default value of parameter 'vnetPrefix', '10.20.0.0/16'"), "{prefix}");
    let service = note_at(&result, 0, "/resources/2/properties/delegations/0/properties/serviceName");
    assert!(
        service.contains("variable 'aciDelegation', 'Microsoft.ContainerInstance/containerGroups'"),
        "{service}"
    );
    assert!(note_at(&result, 0, "/resources/0")
        .contains("'Microsoft.Network/networkSecurityGroups' is not imported"));
    assert!(note_at(&result, 0, "/resources/1/location").contains("'eastus2'"));
    assert!(note_at(&result, 0, "").contains(TEMPLATE_RESOURCE_GROUP));
    assert!(!rules(plan).contains(&RuleId::InvalidCidr), "{:#?}", check(plan).findings);
}

#[test]
fn an_exported_template_declares_each_subnet_twice_and_imports_it_once() {
    let result = imported(&[TEMPLATE_EXPORT]);
    let [vnet] = result.plan.vnets.as_slice() else { panic!("one VNet expected") };
    // The export states the name as the parameter's default.
    assert_eq!(vnet.name, "ml-vnet");
    assert_eq!(
        vnet.subnets,
        [
            subnet("aks", "10.1.0.0/22", &[]),
            subnet("aci", "10.1.8.0/24", &["Microsoft.ContainerInstance/containerGroups"])
        ]
    );
    assert!(note_at(&result, 0, "/resources/0/name").contains("'ml-vnet'"));
    // The child resources repeat the inline subnets exactly, so they add no notes.
    assert!(result
        .notes
        .iter()
        .all(|note| !note.pointer.starts_with("/resources/1") && !note.pointer.starts_with("/resources/2")));
}

/// A template with one VNet `v` of one inline subnet, and `extra` resources after it.
fn template_with(extra: &str) -> String {
    format!(
        r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0",
             "resources": [
               {{ "type": "Microsoft.Network/virtualNetworks", "name": "v", "location": "eastus2",
                  "properties": {{ "addressSpace": {{ "addressPrefixes": ["10.0.0.0/16"] }},
                                   "subnets": [{{ "name": "a", "properties": {{ "addressPrefix": "10.0.0.0/24" }} }}] }} }}
               {extra}
             ] }}"#
    )
}

#[test]
fn a_child_subnet_that_differs_from_the_inline_one_wins() {
    let template = template_with(
        r#", { "type": "Microsoft.Network/virtualNetworks/subnets", "name": "[format('{0}/{1}', 'v', 'a')]",
               "properties": { "addressPrefix": "10.0.4.0/24" } }"#,
    );
    let result = imported(&[&template]);
    assert_eq!(result.plan.vnets[0].subnets, [subnet("a", "10.0.4.0/24", &[])]);
    assert!(note_at(&result, 0, "/resources/1").contains("declared inside its VNet and again"));
}

#[test]
fn a_child_subnet_of_an_undeclared_vnet_is_noted() {
    let template = template_with(
        r#", { "type": "Microsoft.Network/virtualNetworks/subnets", "name": "elsewhere/b",
               "properties": { "addressPrefix": "10.9.0.0/24" } },
             { "type": "Microsoft.Network/virtualNetworks/subnets", "name": "[parameters('full')]",
               "properties": { "addressPrefix": "10.9.1.0/24" } }"#,
    );
    let result = imported(&[&template]);
    assert_eq!(result.plan.vnets[0].subnets.len(), 1);
    assert!(note_at(&result, 0, "/resources/1").contains("VNet 'elsewhere'"));
    assert!(note_at(&result, 0, "/resources/2/name").contains("cannot tell which VNet"));
}

#[test]
fn conditions_and_copy_loops_are_noted() {
    let template = TEMPLATE.replace(
        r#""name": "tpl-vnet",
      "location""#,
        r#""name": "tpl-vnet",
      "condition": "[parameters('deployNetwork')]",
      "copy": { "name": "vnets", "count": 2 },
      "location""#,
    );
    let result = imported(&[&template]);
    assert!(note_at(&result, 0, "/resources/1/condition").contains("deployed only when"));
    assert!(note_at(&result, 0, "/resources/1/copy").contains("copy loop"));
}

#[test]
fn several_documents_combine_and_a_vnet_read_twice_is_one() {
    let result = imported(&[VNET_SHOW, VNET_LIST, TEMPLATE]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["ml-vnet", "hub-vnet", "tpl-vnet"]);
    assert!(note_at(&result, 1, "/0").contains("already read from document 1"));
    // The first VNet's facts make the plan's.
    assert_eq!(
        (result.plan.region.as_str(), result.plan.workspace.resource_group.as_str()),
        ("eastus2", "ml-rg")
    );
    assert!(result.plan.external_ranges.is_empty());
}

#[test]
fn a_list_notes_items_of_other_types() {
    let list =
        format!(r#"[{}, {{ "type": "Microsoft.Network/networkSecurityGroups", "name": "nsg" }}]"#, VNET_SHOW);
    let result = imported(&[&list]);
    assert_eq!(result.plan.vnets.len(), 1);
    assert!(note_at(&result, 0, "/1").contains("'Microsoft.Network/networkSecurityGroups' is not imported"));
}

#[test]
fn an_empty_list_is_noted_and_nothing_at_all_is_an_error() {
    let result = imported(&["[]", VNET_SHOW]);
    assert!(note_at(&result, 0, "").contains("empty"));
    assert_eq!(
        import(&["[]"]).map_err(|error| error.to_string()),
        Err("the documents hold no virtual network and no AKS cluster to import: document 1: the list is \
             empty: nothing to import from it"
            .to_owned())
    );
    assert_eq!(import(&[]), Err(ImportError::NothingToImport { notes: Vec::new() }));
    assert_eq!(
        ImportError::NothingToImport { notes: Vec::new() }.to_string(),
        "the documents hold no virtual network and no AKS cluster to import"
    );
}

#[test]
fn a_template_with_nothing_to_import_says_why() {
    let linked = r#"{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "net",
        "properties": { "mode": "Incremental", "templateLink": { "uri": "https://example.org/network.json" } } }"#;
    let storage =
        r#"{ "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st" }"#;
    let template = template_of(&format!("{linked}, {storage}, {storage}, {storage}"));
    let error = import(&[&template]).unwrap_err();
    let ImportError::NothingToImport { notes } = &error else { panic!("{error:?}") };
    assert_eq!(notes.len(), 5, "{notes:?}");
    let english = error.to_string();
    assert!(
        english.starts_with(
            "the documents hold no virtual network and no AKS cluster to import: document 1, \
             /resources/0/properties/templateLink: this deployment's template is linked from \
             https://example.org/network.json"
        ),
        "{english}"
    );
    assert!(english.ends_with("; and 2 more notes"), "{english}");
    let french = error.render(Lang::Fr);
    assert!(french.starts_with(
        "les documents ne contiennent ni réseau virtuel ni cluster AKS à importer : document 1"
    ));
    assert!(french.ends_with(" ; et 2 autres notes"), "{french}");
}

#[test]
fn text_that_is_not_json_names_the_document_line_and_column() {
    let error = import(&[VNET_SHOW, "{\n  \"name\": \"x\",\n  oops\n}"]).unwrap_err();
    let ImportError::NotJson { document, line, column, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*document, *line, *column), (1, 3, 3));
    assert_eq!(error.document(), Some(1));
    assert_eq!(error.to_string(), "document 2 is not valid JSON: line 3, column 3: key must be a string");
    assert_eq!(import(&["  \n"]).unwrap_err().to_string(), "document 1 is empty");
}

#[test]
fn text_that_is_not_json_says_what_it_looks_like() {
    let table = "Name     ResourceGroup    Location\n-------  ---------------  ----------\nml-vnet  ml-rg            eastus2\n";
    let yaml = "addressSpace:\n  addressPrefixes:\n  - 10.1.0.0/16\nname: ml-vnet\n";
    for text in [table, yaml] {
        let error = import(&[text]).unwrap_err();
        assert!(
            error.to_string().ends_with(
                "run the az command with --output json (-o json), since tables, TSV and YAML are not read"
            ),
            "{error}"
        );
        assert!(
            error.render(Lang::Fr).contains("lancez la commande az avec --output json (-o json)"),
            "{error}"
        );
    }
    let two = format!("{VNET_SHOW}\n{AKS_CNI}");
    let error = import(&[&two]).unwrap_err();
    assert!(
        error.to_string().contains("trailing characters; a second document starts after the first one ends"),
        "{error}"
    );
    // A slip inside one document gets no guess.
    let error = import(&[&VNET_SHOW.replacen(',', "", 1)]).unwrap_err();
    assert!(matches!(&error, ImportError::NotJson { hint: None, .. }), "{error:?}");
}

#[test]
fn a_shape_that_is_none_of_the_known_ones_is_named() {
    let nsg = r#"{ "type": "Microsoft.Network/networkSecurityGroups", "name": "nsg", "securityRules": [] }"#;
    let error = import(&[nsg]).unwrap_err();
    assert_eq!(
        error,
        ImportError::UnknownShape {
            document: 0,
            pointer: String::new(),
            found: msg!(
                ["an object of type '{kind}'", "un objet de type « {kind} »"],
                kind = "Microsoft.Network/networkSecurityGroups"
            ),
        }
    );
    assert!(error.to_string().starts_with(
        "document 1: an object of type 'Microsoft.Network/networkSecurityGroups' is not something vnetplan imports; \
         it reads the JSON printed by `az network vnet show`"
    ));
    let plan_file = r#"{ "schemaVersion": 1, "region": "eastus2", "workspace": {}, "vnets": [] }"#;
    assert!(import(&[plan_file])
        .unwrap_err()
        .to_string()
        .contains("an object with the fields region, schemaVersion, vnets, workspace"));
    assert!(import(&["42"]).unwrap_err().to_string().starts_with("document 1: a number is not"));
    let nsgs = format!("[{nsg}]");
    assert!(import(&[&nsgs])
        .unwrap_err()
        .to_string()
        .contains("a list whose first item is an object of type"));
    let odd = format!("[{VNET_SHOW}, \"text\"]");
    assert!(import(&[&odd]).unwrap_err().to_string().starts_with("document 1, /1: a string is not"));
}

#[test]
fn a_vnet_without_a_name_is_rejected_at_the_field() {
    let nameless = r#"{ "type": "Microsoft.Network/virtualNetworks", "addressSpace": {}, "subnets": [] }"#;
    assert_eq!(
        import(&[nameless]).unwrap_err().to_string(),
        "document 1, /name: a virtual network without a name"
    );
}

#[test]
fn notes_name_their_source() {
    let note = ImportNote::new(Some(1), "/0/subnets/3/routeTable", crate::msg!(["m", "n"]));
    assert_eq!(note.to_string(), "document 2, /0/subnets/3/routeTable: m");
    assert_eq!(note.render(Lang::Fr), "document 2, /0/subnets/3/routeTable : n");
    let whole = ImportNote::new(Some(0), "", crate::msg!(["m", "n"]));
    assert_eq!(whole.source(), "document 1");
    assert_eq!(plan_note(crate::msg!(["m", "n"])).to_string(), "the plan: m");
    assert_eq!(plan_note(crate::msg!(["m", "n"])).render(Lang::Fr), "le plan : n");
    assert_eq!(source_in(None, "/vnets/1", Lang::Fr), "le plan, /vnets/1");
    assert_eq!(source_in(None, "/vnets/1", Lang::En), "the plan, /vnets/1");
    assert_eq!(source_in(Some(2), "/x", Lang::Fr), "document 3, /x");
}

#[test]
fn refusals_read_in_french_too() {
    let mut nameless: Value = serde_json::from_str(VNET_SHOW).expect("JSON");
    nameless.as_object_mut().and_then(|vnet| vnet.remove("name"));
    let nameless = nameless.to_string();
    let cases = [
        (import(&["  "]), "le document 1 est vide"),
        (
            import(&["{"]),
            "le document 1 n’est pas du JSON valide : ligne 1, colonne 1 : fin du texte au milieu d’un objet",
        ),
        (
            import(&["[1,]"]),
            "le document 1 n’est pas du JSON valide : ligne 1, colonne 4 : virgule en trop à la fin",
        ),
        (import(&[r#"{"a": 1}"#]), "document 1 : vnetplan n’importe pas un objet aux champs a ; il lit "),
        (import(&["[true]"]), "document 1, /0 : vnetplan n’importe pas un booléen ;"),
        (import(&[&nameless]), "document 1, /name : un réseau virtuel sans nom"),
        (import(&["[]"]), "les documents ne contiennent ni réseau virtuel ni cluster AKS à importer"),
    ];
    for (outcome, start) in cases {
        let error = outcome.expect_err("the document is refused");
        assert!(error.render(Lang::Fr).starts_with(start), "{}", error.render(Lang::Fr));
        assert_eq!(error.render(Lang::En), error.to_string());
    }
    // A detail the table does not hold stays as serde_json wrote it rather than being lost.
    assert_eq!(crate::parse::json_detail("something new").render(Lang::Fr), "something new");
    assert_eq!(crate::parse::json_detail("trailing comma").render(Lang::En), "trailing comma");
}

#[test]
fn every_import_checks_without_panicking() {
    let documents = [VNET_SHOW, VNET_LIST, AKS_CNI, AKS_KUBENET, TEMPLATE, TEMPLATE_EXPORT];
    for document in documents {
        check(&imported(&[document]).plan);
    }
    check(&imported(&documents).plan);
}

fn vnet(name: &str, prefix: &str) -> Vnet {
    Vnet {
        name: name.to_owned(),
        resource_group: "rg".to_owned(),
        region: None,
        address_prefixes: vec![prefix.to_owned()],
        subnets: Vec::new(),
        peerings: Vec::new(),
    }
}

/// A plan that shares VNet 'ml-vnet' with the imported documents and has a VNet and an external
/// range of its own.
fn plan_to_merge_into() -> Plan {
    let mut plan = Plan::empty("westeurope", "my-rg");
    plan.vnets = vec![vnet("ml-vnet", "10.50.0.0/16"), vnet("other", "10.60.0.0/16")];
    plan.external_ranges = vec![ExternalRange {
        name: "hub-vnet".to_owned(),
        address_prefix: "10.100.0.0/16".to_owned(),
        kind: ExternalRangeKind::PeeredVnet,
    }];
    plan
}

#[test]
fn merge_replaces_same_names_in_place_and_appends_the_rest() {
    let plan = plan_to_merge_into();
    let imported = imported(&[VNET_LIST, AKS_CNI]);
    let merged = merge(&plan, &imported);
    let names: Vec<&str> = merged.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["ml-vnet", "other", "hub-vnet"]);
    assert_eq!(merged.vnets[0].address_prefixes, ["10.1.0.0/16"]);
    assert_eq!(merged.aks_clusters, imported.plan.aks_clusters);
    // The hub is a VNet of the plan now, so it is no longer an external range.
    assert!(merged.external_ranges.is_empty());
    // The plan's own facts stay.
    assert_eq!((merged.region.as_str(), merged.workspace.resource_group.as_str()), ("westeurope", "my-rg"));
    // Merging again changes nothing.
    assert_eq!(merge(&merged, &imported), merged);
}

/// The pointers of the plan's items that differ between two plans, from their JSON: each item
/// of the plan's lists, and each other field.
fn diff(before: &Plan, after: &Plan) -> std::collections::BTreeSet<String> {
    let (old, new) =
        (serde_json::to_value(before).expect("a plan"), serde_json::to_value(after).expect("a plan"));
    let mut pointers = std::collections::BTreeSet::new();
    let keys: std::collections::BTreeSet<&String> =
        new.as_object().into_iter().chain(old.as_object()).flat_map(|fields| fields.keys()).collect();
    let empty = Value::Array(Vec::new());
    for key in keys {
        // A plan leaves an empty list out.
        let value = new.get(key).unwrap_or(&empty);
        match (value, Some(old.get(key).unwrap_or(&empty))) {
            (Value::Array(items), Some(Value::Array(previous))) => {
                // An item counts as changed where it differs from the one at its index, except
                // for ranges, which are matched by content since one may be removed.
                for (index, item) in items.iter().enumerate() {
                    let moved = key == "externalRanges" && previous.contains(item);
                    if previous.get(index) != Some(item) && !moved {
                        pointers.insert(format!("/{key}/{index}"));
                    }
                }
                if key == "externalRanges" {
                    for (index, item) in previous.iter().enumerate() {
                        if !items.contains(item) {
                            pointers.insert(format!("/{key}/{index}"));
                        }
                    }
                }
            }
            (Value::Object(fields), Some(Value::Object(previous))) => {
                for (field, inner) in fields {
                    if previous.get(field) != Some(inner) {
                        pointers.insert(format!("/{key}/{field}"));
                    }
                }
            }
            (value, previous) if previous != Some(value) => {
                pointers.insert(format!("/{key}"));
            }
            _ => {}
        }
    }
    pointers
}

#[test]
fn merge_notes_name_exactly_what_changed_in_the_plan() {
    let plan = plan_to_merge_into();
    for (into, documents) in [
        (plan.clone(), vec![VNET_LIST]),
        (plan.clone(), vec![VNET_LIST, AKS_CNI]),
        (Plan::empty("", ""), vec![VNET_SHOW]),
        (Plan::empty("eastus2", "rg"), vec![VNET_SHOW, AKS_KUBENET]),
    ] {
        let merged = merge_noted(&into, &imported(&documents));
        assert_eq!(merged.plan, merge(&into, &imported(&documents)));
        let noted: std::collections::BTreeSet<String> = merged
            .notes
            .iter()
            .filter(|note| note.document.is_none())
            .map(|note| note.pointer.clone())
            .collect();
        assert_eq!(noted, diff(&into, &merged.plan), "{} documents", documents.len());
        // The workspace is what the plan had: no note says it was taken from a VNet.
        if !into.workspace.resource_group.is_empty() {
            assert!(merged.notes.iter().all(|note| !note.message.contains("resource group is taken")));
        }
        // Merging the same outputs again changes nothing, and says so.
        let again = merge_noted(&merged.plan, &imported(&documents));
        let plan_notes: Vec<&str> =
            again.notes.iter().filter(|n| n.document.is_none()).map(|n| n.message.as_str()).collect();
        assert_eq!(plan_notes, ["nothing changed: the plan already holds what these outputs describe"]);
    }
}

#[test]
fn merge_keeps_what_azure_cannot_print_and_the_peerings_it_shows() {
    // The plan spells the VNet and the cluster in another case, holds the hub that Azure shows
    // ml-vnet peered with, and knows how Azure ML uses the cluster.
    let plan = parse_plan(
        r#"{"schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "ml-rg"},
            "vnets": [
              {"name": "ML-VNET", "resourceGroup": "ml-rg", "addressPrefixes": ["10.1.0.0/16"], "subnets": []},
              {"name": "hub-vnet", "resourceGroup": "network-rg", "addressPrefixes": ["10.100.0.0/16"], "subnets": []}
            ],
            "workspace": {"resourceGroup": "ml-rg", "privateEndpoint": {"vnet": "ML-VNET", "subnet": "aks"}},
            "aksClusters": [{"name": "ML-AKS", "vnet": "ML-VNET", "subnet": "aks", "serviceCidr": "10.2.0.0/16",
              "dnsServiceIP": "10.2.0.10", "nodeCount": 3, "provisioning": "attach",
              "networkContributorGranted": true, "scoringFromOutsideVnet": true, "nsgAllowsScoringInbound": true,
              "trustedAccess": true, "clusterPurpose": "DevTest", "loadBalancerType": "InternalLoadBalancer",
              "loadBalancerSubnet": "aks", "vmSize": "Standard_D2s_v3", "vcpusPerNode": 2,
              "azureMl": {"api": "v2", "inferenceRouterServiceType": "loadBalancer"}}]}"#,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let merged = merge_noted(&plan, &imported(&[VNET_SHOW, AKS_CNI])).plan;
    let names: Vec<&str> = merged.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    // Replaced in place, not appended beside, and spelled as the plan spells it, so that the
    // plan's own references (the workspace endpoint here) still match it exactly.
    assert_eq!(names, ["ML-VNET", "hub-vnet"]);
    assert!(!check(&merged).findings.iter().any(|finding| finding.rule == RuleId::NameCaseDiffers));
    assert_eq!(merged.vnets[0].peerings, ["hub-vnet"]);
    assert!(merged.external_ranges.is_empty());
    let [cluster] = merged.aks_clusters.as_slice() else {
        panic!("one cluster, replaced in place: {:?}", merged.aks_clusters)
    };
    assert_eq!(cluster.node_count, imported(&[AKS_CNI]).plan.aks_clusters[0].node_count);
    assert_eq!(
        (
            cluster.network_contributor_granted,
            cluster.scoring_from_outside_vnet,
            cluster.nsg_allows_scoring_inbound
        ),
        (Some(true), Some(true), Some(true))
    );
    assert_eq!(cluster.azure_ml, plan.aks_clusters[0].azure_ml);
    assert_eq!((cluster.name.as_str(), cluster.vnet.as_deref()), ("ML-AKS", Some("ML-VNET")));
    let known = &plan.aks_clusters[0];
    assert_eq!(
        (
            cluster.trusted_access,
            cluster.cluster_purpose,
            cluster.load_balancer_type,
            &cluster.load_balancer_subnet
        ),
        (known.trusted_access, known.cluster_purpose, known.load_balancer_type, &known.load_balancer_subnet)
    );
    // Azure says the machines are of another size, so the vCPUs written for the old one go.
    assert_ne!(cluster.vm_size, known.vm_size);
    assert_eq!(cluster.vcpus_per_node, None);
    // The fixture's cluster is private and says it has no public FQDN; a public one says nothing.
    assert_eq!(cluster.private_cluster_public_fqdn, Some(false));
    // Merging again changes nothing.
    assert_eq!(merge_noted(&merged, &imported(&[VNET_SHOW, AKS_CNI])).plan, merged);
}

#[test]
fn a_replaced_cluster_keeps_its_public_fqdn_answer_only_while_it_is_private() {
    let now = imported(&[AKS_HEALTHY]).plan.aks_clusters[0].clone();
    assert_ne!(now.private_cluster, Some(true), "the fixture's cluster is public");
    let known = AksCluster { private_cluster_public_fqdn: Some(true), ..now.clone() };
    assert_eq!(with_unprinted_facts(&now, &known).private_cluster_public_fqdn, None);
    let private = AksCluster { private_cluster: Some(true), private_cluster_public_fqdn: None, ..now };
    assert_eq!(with_unprinted_facts(&private, &known).private_cluster_public_fqdn, Some(true));
}

#[test]
fn merge_adds_peered_ranges_once_and_never_for_a_vnet_of_the_plan() {
    let mut plan = Plan::empty("", "");
    plan.vnets = vec![vnet("hub-vnet", "10.100.0.0/16")];
    let imported = imported(&[VNET_SHOW]);
    let merged = merge(&plan, &imported);
    assert!(merged.external_ranges.is_empty());
    assert_eq!((merged.region.as_str(), merged.workspace.resource_group.as_str()), ("eastus2", "ml-rg"));
    let merged = merge(&merge(&Plan::empty("eastus2", "rg"), &imported), &imported);
    assert_eq!(merged.external_ranges.len(), 1);
}

#[test]
fn subnet_ids_are_read_whatever_the_case_of_their_segments() {
    let id = "/subscriptions/s/resourcegroups/ML-RG/providers/microsoft.network/VIRTUALNETWORKS/ml-vnet/Subnets/aks/";
    let parsed = parse_subnet_id(id).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(
        (parsed.resource_group.as_str(), parsed.vnet.as_str(), parsed.subnet.as_str()),
        ("ML-RG", "ml-vnet", "aks")
    );
    assert_eq!(
        parse_subnet_id("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"),
        None
    );
    assert_eq!(parse_subnet_id("aks"), None);
    // Names that are also segment names are values where they stand.
    let odd = "/subscriptions/s/resourceGroups/virtualNetworks/providers/Microsoft.Network/virtualNetworks/subnets/subnets/aks";
    let parsed = parse_subnet_id(odd).unwrap_or_else(|| panic!("{odd}"));
    assert_eq!(
        (parsed.resource_group.as_str(), parsed.vnet.as_str(), parsed.subnet.as_str()),
        ("virtualNetworks", "subnets", "aks")
    );
}

#[test]
fn child_resource_names_split_into_vnet_and_subnet() {
    let split = |name: &str| child_name(name);
    let pair = |vnet: &str, subnet: &str| Some((vnet.to_owned(), subnet.to_owned()));
    assert_eq!(split("v/a"), pair("v", "a"));
    assert_eq!(split("[concat(parameters('vnet'), '/aks')]"), pair("[parameters('vnet')]", "aks"));
    assert_eq!(
        split("[concat(variables('vnet'), '/', parameters('subnet'))]"),
        pair("[variables('vnet')]", "[parameters('subnet')]")
    );
    assert_eq!(split("[format('{0}/{1}', parameters('vnet'), 'aci')]"), pair("[parameters('vnet')]", "aci"));
    assert_eq!(split("v/a/b"), None);
    assert_eq!(split("[concat('pre-', parameters('vnet'), '/a')]"), None);
    assert_eq!(split("[parameters('full')]"), None);
}

#[test]
fn surges_are_counts_or_percentages_rounded_up() {
    use super::aks::surge_of;
    assert_eq!(surge_of("1", 10), Some(1));
    assert_eq!(surge_of("33%", 5), Some(2));
    assert_eq!(surge_of("10%", 3), Some(1));
    assert_eq!(surge_of("100%", 4), Some(4));
    assert_eq!(surge_of("100%", u32::MAX), Some(u64::from(u32::MAX)));
    assert_eq!(surge_of("many", 4), None);
    assert_eq!(surge_of("-1%", 4), None);
    // What is asked past the pool stays as asked: the pool's surge is cut in one place only.
    assert_eq!(surge_of("50", 3), Some(50));
    assert_eq!(surge_of("101%", 4), Some(5));
    assert_eq!(surge_of("4294967296", 4), Some(1 << 32));
    // Digits past a u64, and a share of the pool past one, still ask for far more than a pool holds.
    assert_eq!(surge_of("18446744073709551616", 4), Some(u64::MAX));
    assert_eq!(surge_of("18446744073709551615%", 4), Some(u64::MAX.div_ceil(100)));
    assert_eq!(surge_of("99999999999999999999999%", 4), Some(u64::MAX.div_ceil(100)));
    // A share of no nodes is none, however large.
    assert_eq!(surge_of("150%", 0), Some(0));
}

#[test]
fn a_surge_above_the_pool_in_any_form_counts_the_whole_pool() {
    let pool = |surge: Value| {
        let mut cluster: Value = serde_json::from_str(AKS_KUBENET).expect("fixture is JSON");
        cluster["agentPoolProfiles"][0]["count"] = 3.into();
        cluster["agentPoolProfiles"][0]["upgradeSettings"] = serde_json::json!({ "maxSurge": surge });
        imported(&[&cluster.to_string()])
    };
    let at = "/agentPoolProfiles/0/upgradeSettings/maxSurge";
    // u64::MAX percent once overflowed the multiplication by the pool's nodes.
    let above = [
        "18446744073709551615%".into(),
        "150%".into(),
        Value::from(u64::MAX),
        "4294967296".into(),
        "50".into(),
        Value::from(50),
        "4".into(),
    ];
    for surge in above {
        let read = pool(surge.clone());
        assert_eq!(read.plan.aks_clusters[0].max_surge, Some(crate::plan::MaxSurge::Nodes(3)), "{surge}");
        assert_eq!(
            note_at(&read, 0, at),
            format!(
                "maxSurge {} asks for more nodes than the pool's 3, and AKS never surges by more than the \
                 pool has: the plan counts a surge of 3",
                surge
            )
        );
    }
    for (surge, nodes) in [("100%".into(), 3), ("3".into(), 3), (Value::from(3), 3), ("2".into(), 2)] {
        let read = pool(surge.clone());
        assert_eq!(read.plan.aks_clusters[0].max_surge, Some(crate::plan::MaxSurge::Nodes(nodes)), "{surge}");
        assert!(read.notes.iter().all(|note| note.pointer != at), "{surge}: {:?}", read.notes);
    }
    let mut empty: Value = serde_json::from_str(AKS_KUBENET).expect("fixture is JSON");
    empty["agentPoolProfiles"][0]["count"] = 0.into();
    empty["agentPoolProfiles"][0]["upgradeSettings"] = serde_json::json!({ "maxSurge": "5" });
    let read = imported(&[&empty.to_string()]);
    // The pool surges by none of its no nodes; the one node counted instead surges by AKS's default.
    assert_eq!((read.plan.aks_clusters[0].node_count, read.plan.aks_clusters[0].surge_nodes()), (1, 1));
    assert!(note_at(&read, 0, at).contains("more nodes than the pool's 0"));
    // A share of no nodes asks for none, so it is not above the pool, however large.
    empty["agentPoolProfiles"][0]["upgradeSettings"] = serde_json::json!({ "maxSurge": "150%" });
    let read = imported(&[&empty.to_string()]);
    assert_eq!((read.plan.aks_clusters[0].node_count, read.plan.aks_clusters[0].surge_nodes()), (1, 1));
    assert!(read.notes.iter().all(|note| note.pointer != at), "{:?}", read.notes);
    let mut french = pool("150%".into());
    french.localize(Lang::Fr);
    assert_eq!(
        note_at(&french, 0, at),
        "maxSurge \"150%\" demande plus de nœuds que les 3 du pool, et AKS n’ajoute jamais plus de nœuds que \
         le pool n’en a : le plan compte un surplus de 3"
    );
}

#[test]
fn less_common_vnet_fields_are_noted_and_unknown_ones_are_not_dropped() {
    let vnet = r#"{
        "type": "Microsoft.Network/virtualNetworks", "name": "spoke", "resourceGroup": "rg",
        "location": "eastus2", "addressSpace": { "addressPrefixes": ["10.5.0.0/16"] },
        "dhcpOptions": { "dnsServers": ["10.100.0.4", "10.100.0.5"] },
        "someNewSetting": { "enabled": true },
        "subnets": [{
            "name": "a", "addressPrefix": "10.5.0.0/24", "defaultOutboundAccess": false,
            "natGateway": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/natGateways/nat" },
            "serviceAssociationLinks": [{ "linkedResourceType": "Microsoft.ContainerInstance/containerGroups" }]
        }],
        "virtualNetworkPeerings": [
            { "name": "to-hub", "useRemoteGateways": true,
              "remoteVirtualNetwork": { "id": "/subscriptions/s/resourceGroups/hub-rg/providers/Microsoft.Network/virtualNetworks/hub" },
              "remoteAddressSpace": { "addressPrefixes": ["10.100.0.0/16"] } },
            { "name": "to-legacy" }
        ]
    }"#;
    let result = imported(&[vnet]);
    assert!(note_at(&result, 0, "/dhcpOptions/dnsServers").contains("10.100.0.4, 10.100.0.5"));
    assert!(note_at(&result, 0, "/someNewSetting").contains("'someNewSetting' is not imported"));
    assert!(note_at(&result, 0, "/subnets/0/defaultOutboundAccess").contains("outbound access is off"));
    assert!(note_at(&result, 0, "/subnets/0/natGateway").contains("NAT gateway 'nat'"));
    assert!(note_at(&result, 0, "/subnets/0/serviceAssociationLinks").contains("Microsoft.ContainerInstance"));
    assert!(
        note_at(&result, 0, "/virtualNetworkPeerings/0/useRemoteGateways").contains("gateway of VNet 'hub'")
    );
    assert!(note_at(&result, 0, "/virtualNetworkPeerings/1").contains("peering 'to-legacy'"));
    assert_eq!(
        result.plan.external_ranges,
        [ExternalRange {
            name: "hub".to_owned(),
            address_prefix: "10.100.0.0/16".to_owned(),
            kind: ExternalRangeKind::PeeredVnet,
        }]
    );
}

#[test]
fn less_common_cluster_fields_are_noted() {
    let mut cluster: serde_json::Value =
        serde_json::from_str(AKS_CNI).unwrap_or_else(|error| panic!("{error}"));
    cluster["networkProfile"]["networkPlugin"] = "none".into();
    cluster["apiServerAccessProfile"]["authorizedIpRanges"] = serde_json::json!(["203.0.113.0/24"]);
    cluster["apiServerAccessProfile"]["enableVnetIntegration"] = true.into();
    cluster["apiServerAccessProfile"]["subnetId"] = format!("{SUBNET_ID}/apiserver").into();
    cluster["addonProfiles"]["ingressApplicationGateway"] =
        serde_json::json!({ "enabled": true, "config": { "subnetCIDR": "10.225.0.0/16" } });
    cluster["networkProfile"]["networkDataplane"] = "cilium".into();
    cluster["networkProfile"]["networkPolicy"] = "none".into();
    cluster["agentPoolProfiles"][1]["osType"] = "Windows".into();
    let text = cluster.to_string();
    let result = imported(&[&text]);
    assert_eq!(result.plan.aks_clusters[0].plugin(), NetworkPlugin::Azure);
    assert!(note_at(&result, 0, "/networkProfile").contains("network plugin 'none'"));
    assert!(note_at(&result, 0, "/apiServerAccessProfile/subnetId").contains("'apiserver'"));
    assert!(note_at(&result, 0, "/addonProfiles/ingressApplicationGateway").contains("10.225.0.0/16"));
    assert!(note_at(&result, 0, "/networkProfile/networkDataplane").contains("'cilium' is not held"));
    assert!(notes_at(&result, 0, "/networkProfile/networkPolicy").is_empty(), "AKS's default is not noted");
    assert!(note_at(&result, 0, "/agentPoolProfiles/1/osType").contains("runs Windows nodes"));
    assert!(notes_at(&result, 0, "/agentPoolProfiles/0/osType").is_empty());
}

#[test]
fn a_virtual_machines_pool_counts_the_nodes_of_its_scale_profile() {
    let mut cluster: serde_json::Value =
        serde_json::from_str(AKS_CNI).unwrap_or_else(|error| panic!("{error}"));
    let scoring = &mut cluster["agentPoolProfiles"][1];
    scoring["type"] = "VirtualMachines".into();
    scoring["count"] = serde_json::Value::Null;
    scoring["vmSize"] = "".into();
    scoring["virtualMachinesProfile"] = serde_json::json!({ "scale": { "manual": [
        { "size": "Standard_D4s_v5", "count": 10 }, { "size": "Standard_D8s_v5", "count": 5 }
    ] } });
    let result = imported(&[&cluster.to_string()]);
    // 3 system nodes and 15 of the Virtual Machines pool, surging by 10% (1) and 33% (5).
    assert_eq!(result.plan.aks_clusters[0].node_count, 18);
    assert_eq!(result.plan.aks_clusters[0].surge_nodes(), 6);
    let note = note_at(&result, 0, "/agentPoolProfiles/1/virtualMachinesProfile");
    assert!(note.contains("its 15 nodes") && note.contains("2 VM sizes"), "{note}");
    // Without a manual profile the pool's nodes cannot be read, and the note says they are left out.
    cluster["agentPoolProfiles"][1]["virtualMachinesProfile"] = serde_json::json!({ "scale": {} });
    let result = imported(&[&cluster.to_string()]);
    assert_eq!(result.plan.aks_clusters[0].node_count, 3);
    assert!(note_at(&result, 0, "/agentPoolProfiles/1/virtualMachinesProfile").contains("not counted"));
}

#[test]
fn clusters_of_the_same_name_in_two_resource_groups_stay_two() {
    let first: Value = serde_json::from_str(AKS_CNI).expect("fixture is JSON");
    let mut second = first.clone();
    second["resourceGroup"] = "other-rg".into();
    second["id"] = first["id"].as_str().expect("an id").replace("/ml-rg/", "/other-rg/").into();
    let list = Value::Array(vec![first, second]);
    let result = imported(&[&list.to_string()]);
    let names: Vec<&str> = result.plan.aks_clusters.iter().map(|cluster| cluster.name.as_str()).collect();
    assert_eq!(names, ["ml-aks", "ml-aks-2"]);
    assert!(result.notes.iter().any(|note| note
        .message
        .contains("(other-rg), and the plan names clusters by name alone: it is 'ml-aks-2' in the plan")));
    // The new name is a valid compute name too: telling the two apart brings no error of its own.
    let errors = |plan: &Plan| -> Vec<RuleId> {
        let mut rules: Vec<RuleId> = check(plan)
            .findings
            .iter()
            .filter(|f| f.severity == crate::Severity::Error)
            .map(|f| f.rule)
            .collect();
        rules.dedup();
        rules
    };
    assert_eq!(errors(&result.plan), errors(&imported(&[AKS_CNI]).plan));
}

#[test]
fn vnets_and_clusters_of_one_name_and_group_in_two_subscriptions_stay_two() {
    const FIRST: &str = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    const SECOND: &str = "11111111-2222-3333-4444-555555555555";
    let spoke = VNET_SHOW.replace(FIRST, SECOND).replace("10.1.", "10.50.");
    // The cluster is in the second subscription, and so is the subnet its pools name.
    let cluster = AKS_CNI.replace(FIRST, SECOND);
    let result = imported(&[VNET_SHOW, &spoke, &cluster, AKS_CNI]);
    let vnets: Vec<(&str, &str)> = result
        .plan
        .vnets
        .iter()
        .map(|vnet| (vnet.name.as_str(), vnet.address_prefixes[0].as_str()))
        .collect();
    let apart = format!("ml-vnet (ml-rg, {SECOND})");
    assert_eq!(vnets, [("ml-vnet", "10.1.0.0/16"), (apart.as_str(), "10.50.0.0/16")]);
    let clusters: Vec<(&str, Option<&str>)> = result
        .plan
        .aks_clusters
        .iter()
        .map(|cluster| (cluster.name.as_str(), cluster.vnet.as_deref()))
        .collect();
    // Read first, the spoke's cluster keeps the name; each lands in its own subscription's VNet.
    assert_eq!(clusters, [("ml-aks", Some(apart.as_str())), ("ml-aks-2", Some("ml-vnet"))]);
    assert!(result.notes.iter().all(|note| !note.message.contains("this later copy replaces it")));
    // Output without ids, or the same VNet printed twice, is still one VNet.
    assert_eq!(imported(&[VNET_SHOW, VNET_SHOW]).plan.vnets.len(), 1);
    // Three of one name: another group, then that group again in another subscription.
    let other_group = VNET_SHOW.replace("ml-rg", "rg-b").replace("10.1.", "10.60.");
    let other_both = other_group.replace(FIRST, SECOND).replace("10.60.", "10.70.");
    let three = imported(&[VNET_SHOW, &other_group, &other_both]);
    let names: Vec<&str> = three.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    let last = format!("ml-vnet (rg-b, {SECOND})");
    assert_eq!(names, ["ml-vnet", "ml-vnet (rg-b)", last.as_str()]);
}

#[test]
fn pools_that_state_no_surge_count_the_default_surge_of_each() {
    let mut cluster: Value = serde_json::from_str(AKS_CNI).expect("fixture is JSON");
    let pools = cluster["agentPoolProfiles"].as_array_mut().expect("the fixture has pools");
    pools.truncate(1);
    let mut user = pools[0].clone();
    user["name"] = "user".into();
    user["mode"] = "User".into();
    pools.push(user);
    for pool in pools.iter_mut() {
        pool["upgradeSettings"]["maxSurge"] = Value::Null;
    }
    // Two pools of 3 nodes: each surges by one node, where 10% of all six would give one.
    let unstated = imported(&[&cluster.to_string()]);
    assert_eq!(unstated.plan.aks_clusters[0].surge_nodes(), 2);
    assert!(note_at(&unstated, 0, "/agentPoolProfiles").contains("the plan counts their sum, 2 nodes"));
    // Stating the default on one pool changes nothing.
    cluster["agentPoolProfiles"][0]["upgradeSettings"]["maxSurge"] = "10%".into();
    let stated = imported(&[&cluster.to_string()]);
    assert_eq!(stated.plan.aks_clusters[0].surge_nodes(), 2);
    // One pool alone takes the default the check assumes, and the plan leaves it unstated.
    cluster["agentPoolProfiles"].as_array_mut().expect("pools").truncate(1);
    cluster["agentPoolProfiles"][0]["upgradeSettings"]["maxSurge"] = Value::Null;
    let single = imported(&[&cluster.to_string()]);
    assert_eq!(single.plan.aks_clusters[0].max_surge, None);
    assert!(notes_at(&single, 0, "/agentPoolProfiles").is_empty());
    // A pool of no nodes is counted as one, which surges as a node does.
    cluster["agentPoolProfiles"][0]["count"] = 0.into();
    let empty = imported(&[&cluster.to_string()]);
    assert_eq!((empty.plan.aks_clusters[0].node_count, empty.plan.aks_clusters[0].surge_nodes()), (1, 1));
    assert_eq!(empty.plan.aks_clusters[0].max_surge, None);
}

#[test]
fn the_api_servers_access_and_local_accounts_reach_the_plan() {
    let mut cluster: serde_json::Value =
        serde_json::from_str(AKS_CNI).unwrap_or_else(|error| panic!("{error}"));
    cluster["apiServerAccessProfile"]["authorizedIpRanges"] = serde_json::json!(["203.0.113.0/24"]);
    cluster["disableLocalAccounts"] = true.into();
    let result = imported(&[&cluster.to_string()]);
    let read = &result.plan.aks_clusters[0];
    assert_eq!(read.api_server_authorized_ip_ranges, ["203.0.113.0/24"]);
    // The fixture's private cluster says it has no public FQDN, which is an answer, not an omission.
    assert_eq!((read.local_accounts_disabled, read.private_cluster_public_fqdn), (Some(true), Some(false)));
    assert!(notes_at(&result, 0, "/disableLocalAccounts").is_empty());
    assert!(notes_at(&result, 0, "/apiServerAccessProfile/authorizedIpRanges").is_empty());
    // A private cluster's public FQDN, in the REST API's spelling.
    cluster["apiServerAccessProfile"] = serde_json::json!({
        "enablePrivateCluster": true, "enablePrivateClusterPublicFQDN": true
    });
    let result = imported(&[&cluster.to_string()]);
    let read = &result.plan.aks_clusters[0];
    assert_eq!((read.private_cluster, read.private_cluster_public_fqdn), (Some(true), Some(true)));
    assert!(read.api_server_authorized_ip_ranges.is_empty());
}

// Documents in the shapes the REST API, ARM templates and `az … create` print, as issue 16
// found them: each test below reproduces one of its defects.

const REST_CLUSTER: &str = include_str!("fixtures/rest-managed-cluster.json");
const REST_VNET_LIST: &str = include_str!("fixtures/rest-vnet-list.json");
const VNET_CREATE: &str = include_str!("fixtures/vnet-create.json");
const TEMPLATE_PARAMETERS: &str = include_str!("fixtures/template-vnet-parameters.json");
const TEMPLATE_CLUSTER: &str = include_str!("fixtures/template-cluster-only.json");
const AKS_HEALTHY: &str = include_str!("fixtures/aks-show-healthy.json");
const VNET_HEALTHY: &str = include_str!("fixtures/vnet-show-healthy.json");

/// Every fixture, alone, as the round trip and the JS package's comparison read them.
const FIXTURES: &[(&str, &str)] = &[
    ("vnet-show", VNET_SHOW),
    ("vnet-list", VNET_LIST),
    ("aks-show-cni", AKS_CNI),
    ("aks-show-kubenet", AKS_KUBENET),
    ("template", TEMPLATE),
    ("template-export", TEMPLATE_EXPORT),
    ("rest-managed-cluster", REST_CLUSTER),
    ("rest-vnet-list", REST_VNET_LIST),
    ("vnet-create", VNET_CREATE),
    ("template-vnet-parameters", TEMPLATE_PARAMETERS),
    ("template-cluster-only", TEMPLATE_CLUSTER),
    ("aks-show-healthy", AKS_HEALTHY),
    ("vnet-show-healthy", VNET_HEALTHY),
    ("template-bicep-loops", TEMPLATE_SUBNET_LOOP),
];

#[test]
fn every_fixture_imports_then_checks_without_an_error_from_an_unrecorded_fact() {
    for (name, text) in FIXTURES {
        let result = imported(&[text]);
        for cluster in &result.plan.aks_clusters {
            assert_eq!(cluster.network_contributor_granted, None, "{name}");
            assert_eq!(cluster.nsg_allows_scoring_inbound, None, "{name}");
            assert_eq!(cluster.cluster_purpose, None, "{name}");
        }
        assert_eq!(result.plan.permissions, crate::plan::Permissions::default(), "{name}");
        assert_unrecorded_grant_is_only_a_warning(&check(&result.plan));
        // Every note says something: no empty quotation where a value should be.
        for note in &result.notes {
            assert!(!note.message.contains("''") && !note.message.contains("for ;"), "{name}: {note}");
            assert!(!note.text.render(Lang::Fr).is_empty(), "{name}: {note}");
        }
    }
}

#[test]
fn a_healthy_cluster_in_its_own_vnet_checks_clean() {
    let result = imported(&[VNET_HEALTHY, AKS_HEALTHY]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("prod-vnet", "aks-nodes"));
    assert_eq!(cluster.vcpus(), Some(4));
    let report = check(&result.plan);
    assert!(!report.has_errors(), "{:#?}", report.findings);
    assert_unrecorded_grant_is_only_a_warning(&report);
    assert!(!rules(&result.plan).contains(&RuleId::UnknownVnet));
}

/// Azure's output never says whether the cluster identity holds Network Contributor: the check
/// must warn that nobody recorded it, with the command that verifies it, and never call it missing.
fn assert_unrecorded_grant_is_only_a_warning(report: &crate::Report) {
    for finding in report.findings.iter().filter(|f| f.rule == RuleId::AksIdentityLacksNetworkContributor) {
        assert_eq!(finding.severity, crate::Severity::Warning, "{finding:#?}");
        assert!(finding.message.contains("az role assignment list"), "{}", finding.message);
    }
}

#[test]
fn rest_spellings_name_the_node_subnet_and_are_not_noted_as_unknown() {
    let result = imported(&[REST_VNET_LIST, REST_CLUSTER]);
    let cluster = &result.plan.aks_clusters[0];
    // `vnetSubnetID` is `vnetSubnetId` in another case.
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("rest-vnet", "aks"));
    assert_eq!(cluster.dns_service_ip, "10.0.0.10");
    for note in &result.notes {
        for field in ["vnetSubnetID", "enableRBAC", "privateFQDN", "dnsServiceIP"] {
            assert!(!note.message.contains(&format!("'{field}' is not imported")), "{note}");
        }
    }
    let found = rules(&result.plan);
    assert!(!found.contains(&RuleId::UnknownVnet) && !found.contains(&RuleId::UnknownSubnet), "{found:?}");
    assert_eq!(result.plan.vnets[0].resource_group, "rest-rg");
}

#[test]
fn property_names_match_in_any_case() {
    let spelled = |key: &str| {
        cluster_json(
            r#"{ "networkPlugin": "azure", "serviceCidr": "10.2.0.0/16", "DNSSERVICEIP": "10.2.0.10" }"#,
            &format!(r#"[{{ "name": "p", "count": 3, "mode": "System", "{key}": "{SUBNET_ID}/s" }}]"#),
        )
    };
    let upper = imported(&[&spelled("vnetSubnetID")]);
    let lower = imported(&[&spelled("vnetSubnetId")]);
    assert_eq!(upper.plan, lower.plan);
    assert_eq!(upper.plan.aks_clusters[0].subnet_name(), "s");
    assert_eq!(upper.plan.aks_clusters[0].dns_service_ip, "10.2.0.10");
    assert!(note_at(&upper, 0, "/agentPoolProfiles/0/vnetSubnetID").contains("resource group 'rg'"));
}

#[test]
fn the_vm_size_gives_the_vcpus_and_a_production_shortfall_is_checked() {
    let result = imported(&[REST_VNET_LIST, REST_CLUSTER]);
    let cluster = &result.plan.aks_clusters[0];
    // 4 × Standard_D2s_v3 = 8 vCPUs, under the 12 a FastProd cluster needs.
    assert_eq!(
        (cluster.vm_size.as_deref(), cluster.vcpus(), cluster.node_count),
        (Some("Standard_D2s_v3"), Some(2), 4)
    );
    assert!(rules(&result.plan).contains(&RuleId::ProductionClusterTooFewVcpus));
}

#[test]
fn wrappers_are_unwrapped() {
    let created = imported(&[VNET_CREATE]);
    assert_eq!(created.plan.vnets[0].name, "new-vnet");
    assert_eq!(created.plan.vnets[0].subnets[0].address_prefix, "10.30.0.0/24");
    assert!(created.notes.iter().all(|note| !note.pointer.is_empty()
        || note.document.is_none()
        || note.pointer.starts_with("/newVNet")));
    let listed = imported(&[REST_VNET_LIST]);
    assert_eq!(listed.plan.vnets[0].subnets[0].name, "aks");
    assert!(pointers(&listed)
        .iter()
        .all(|(_, pointer)| pointer.is_empty() || pointer.starts_with("/value/0")));
    let empty = imported(&[r#"{"value": []}"#, VNET_CREATE]);
    assert!(note_at(&empty, 0, "/value").contains("empty"));
}

#[test]
fn a_list_with_more_pages_says_they_are_missing() {
    let mut list: Value = serde_json::from_str(REST_VNET_LIST).expect("fixture is JSON");
    list["nextLink"] =
        "https://management.azure.com/subscriptions/s/providers/Microsoft.Network/virtualNetworks?$skiptoken=x".into();
    let paged = imported(&[&list.to_string()]);
    assert_eq!(paged.plan.vnets[0].subnets[0].name, "aks");
    assert!(note_at(&paged, 0, "/nextLink").contains("one page of several"));
    // The fixture's last page has a null nextLink.
    assert!(notes_at(&imported(&[REST_VNET_LIST]), 0, "/nextLink").is_empty());
}

#[test]
fn template_parameters_and_variables_take_their_stated_values() {
    let result = imported(&[TEMPLATE_PARAMETERS]);
    let vnet = &result.plan.vnets[0];
    assert_eq!(vnet.name, "param-vnet");
    assert_eq!(vnet.address_prefixes, ["10.40.0.0/16"]);
    assert_eq!(vnet.subnets[0].name, "aks");
    assert_eq!(vnet.subnets[0].address_prefix, "10.40.0.0/22");
    assert!(note_at(&result, 0, "/resources/0/name").contains("default value of parameter 'vnetName'"));
    assert!(note_at(&result, 0, "/resources/0/properties/subnets/0/name").contains("variable 'subnetName'"));
    // A default that is itself an expression cannot be resolved: kept, noted, region from the plan.
    assert!(note_at(&result, 0, "/resources/0/location").contains("cannot resolve"));
    assert_eq!(vnet.region, None);
    // An expression standing for the service endpoints is quoted, not garbled.
    let endpoints = note_at(&result, 0, "/resources/0/properties/subnets/0/properties/serviceEndpoints");
    assert!(endpoints.contains("[variables('endpoints')]"), "{endpoints}");
    assert!(!rules(&result.plan).contains(&RuleId::InvalidCidr));
}

#[test]
fn a_template_with_only_a_cluster_imports_and_finds_its_vnet() {
    let alone = imported(&[TEMPLATE_CLUSTER]);
    let cluster = &alone.plan.aks_clusters[0];
    assert_eq!(cluster.name, "attach-aks");
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("rest-vnet", "aks"));
    let subnet_notes = notes_at(&alone, 0, "/resources/0/properties/agentPoolProfiles/0/vnetSubnetID");
    assert!(
        subnet_notes.iter().any(|note| note.contains("subnet 'aks' of VNet 'rest-vnet'")),
        "{subnet_notes:?}"
    );
    assert!(subnet_notes.iter().all(|note| !note.contains(TEMPLATE_RESOURCE_GROUP)), "{subnet_notes:?}");
    let with_vnet = imported(&[TEMPLATE_CLUSTER, REST_VNET_LIST]);
    let found = rules(&with_vnet.plan);
    assert!(!found.contains(&RuleId::UnknownVnet) && !found.contains(&RuleId::UnknownSubnet), "{found:?}");
}

#[test]
fn a_template_gives_the_pod_subnet_through_its_expressions() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["resources"][0]["properties"]["agentPoolProfiles"][0]["podSubnetID"] =
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'pods')]".into();
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.pod_subnet.as_deref(), Some("pods"));
    let notes = notes_at(&result, 0, "/resources/0/properties/agentPoolProfiles/0/podSubnetID");
    assert!(notes.iter().any(|note| note.contains("subnet 'pods' of VNet 'rest-vnet'")), "{notes:?}");
}

#[test]
fn a_template_counts_pools_through_their_parameters_and_default_pods() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["parameters"]["agentCount"]["defaultValue"] = 20.into();
    template["parameters"]["surge"] = serde_json::json!({ "type": "string", "defaultValue": "3" });
    let pools = &mut template["resources"][0]["properties"]["agentPoolProfiles"];
    pools[0]["count"] = "[parameters('agentCount')]".into();
    pools[0]["upgradeSettings"] = serde_json::json!({ "maxSurge": "[parameters('surge')]" });
    pools[0]["maxPods"] = 10.into();
    let mut user = pools[0].clone();
    user["name"] = "user".into();
    user["mode"] = "User".into();
    user["count"] = "[parameters('unstated')]".into();
    user.as_object_mut().expect("pool").remove("maxPods");
    pools.as_array_mut().expect("pools").push(user);
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    // The parameter's default counts, and says so; a parameter without one counts nothing, and says so.
    assert_eq!(cluster.node_count, 20);
    let counted = note_at(&result, 0, "/resources/0/properties/agentPoolProfiles/0/count");
    assert!(counted.contains("default value of parameter 'agentCount', '20'"), "{counted}");
    let unresolved = note_at(&result, 0, "/resources/0/properties/agentPoolProfiles/1/count");
    assert!(unresolved.contains("cannot resolve"), "{unresolved}");
    assert_eq!(cluster.surge_nodes(), 3, "the parameter's default, 3; the pool counted empty surges by none");
    // The pool that states no maxPods has Azure CNI's 30, more than the other's 10.
    assert_eq!(cluster.max_pods, Some(30));
    let pods = note_at(&result, 0, "/resources/0/properties/agentPoolProfiles");
    assert!(pods.contains("the plan takes the largest, 30"), "{pods}");
}

#[test]
fn a_template_sets_switches_through_its_parameters() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let parameters = template["parameters"].as_object_mut().expect("the fixture has parameters");
    parameters.insert("private".into(), serde_json::json!({ "type": "bool", "defaultValue": true }));
    parameters.insert("publicFqdn".into(), serde_json::json!({ "type": "string", "defaultValue": "False" }));
    parameters.insert("autoscale".into(), serde_json::json!({ "type": "bool", "defaultValue": true }));
    parameters.insert("most".into(), serde_json::json!({ "type": "int", "defaultValue": 20 }));
    let properties = &mut template["resources"][0]["properties"];
    properties["apiServerAccessProfile"] = serde_json::json!({
        "enablePrivateCluster": "[parameters('private')]",
        "enablePrivateClusterPublicFqdn": "[parameters('publicFqdn')]"
    });
    properties["disableLocalAccounts"] = "[parameters('unstated')]".into();
    properties["agentPoolProfiles"][0]["enableAutoScaling"] = "[parameters('autoscale')]".into();
    properties["agentPoolProfiles"][0]["maxCount"] = "[parameters('most')]".into();
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(
        (cluster.private_cluster, cluster.private_cluster_public_fqdn, cluster.local_accounts_disabled),
        (Some(true), Some(false), None)
    );
    assert_eq!(cluster.node_count, 20, "the autoscaler may grow the pool to its maxCount");
    let private = note_at(&result, 0, "/resources/0/properties/apiServerAccessProfile/enablePrivateCluster");
    assert!(private.contains("default value of parameter 'private', 'true'"), "{private}");
    let unresolved = note_at(&result, 0, "/resources/0/properties/disableLocalAccounts");
    assert!(unresolved.contains("cannot resolve: the plan takes the setting as off"), "{unresolved}");
}

#[test]
fn a_template_counts_node_pools_declared_as_resources_of_their_own() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let inline = template["resources"][0]["properties"]["agentPoolProfiles"][0].clone();
    let child = |name: &str, count: u64| {
        let mut properties = inline.clone();
        properties.as_object_mut().expect("pool").remove("name");
        properties["count"] = count.into();
        properties["mode"] = "User".into();
        serde_json::json!({
            "type": "Microsoft.ContainerService/managedClusters/agentPools",
            "apiVersion": "2024-02-01",
            "name": name,
            "properties": properties,
        })
    };
    let resources = template["resources"].as_array_mut().expect("resources");
    resources.push(child("[concat(parameters('clusterName'), '/user')]", 10));
    // An export repeats the inline pool as a resource: it counts once.
    resources.push(child("[concat(parameters('clusterName'), '/agentpool')]", 3));
    resources.push(child("other-aks/spare", 5));
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.node_count, 13);
    assert!(note_at(&result, 0, "/resources/1").contains("pool 'user' is declared as a resource of its own"));
    assert!(notes_at(&result, 0, "/resources/2").is_empty(), "{:?}", notes_at(&result, 0, "/resources/2"));
    assert!(note_at(&result, 0, "/resources/3")
        .contains("cluster 'other-aks', which the template does not declare"));
}

#[test]
fn a_template_counts_the_node_pools_a_copy_loop_builds() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let properties = &mut template["resources"][0]["properties"];
    let mut input = properties["agentPoolProfiles"][0].clone();
    input["name"] = "[concat('pool', copyIndex('agentPoolProfiles'))]".into();
    input["count"] = 5.into();
    properties.as_object_mut().expect("properties").remove("agentPoolProfiles");
    properties["copy"] = serde_json::json!([{ "name": "agentPoolProfiles", "count": "[parameters('agentCount')]", "input": input }]);
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    // agentCount's default is 3: three pools of five nodes, in the subnet the input names.
    assert_eq!((cluster.node_count, cluster.subnet_name()), (15, "aks"));
    let copy = notes_at(&result, 0, "/resources/0/properties/copy/0");
    assert!(copy.iter().any(|note| note.contains("builds 3 node pools from one input")), "{copy:?}");
    assert!(result.notes.iter().all(|note| !note.message.contains("AKS created")), "{:?}", result.notes);
}

#[test]
fn a_template_imports_each_cluster_a_copy_loop_deploys() {
    let with_copy = |name: &str, count: Value| {
        let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
        template["resources"][0]["name"] = name.into();
        template["resources"][0]["copy"] = serde_json::json!({ "name": "clusters", "count": count });
        imported(&[&template.to_string()])
    };
    let names = |result: &Imported| -> Vec<String> {
        result.plan.aks_clusters.iter().map(|cluster| cluster.name.clone()).collect()
    };
    // The count is a parameter's default (3); each copy is a cluster in the same node subnet.
    let result = with_copy(
        "[concat(parameters('clusterName'), '-', copyIndex(1))]",
        "[parameters('agentCount')]".into(),
    );
    assert_eq!(names(&result), ["attach-aks-1", "attach-aks-2", "attach-aks-3"]);
    assert!(result.plan.aks_clusters.iter().all(|cluster| cluster.subnet_name() == "aks"));
    let copy = note_at(&result, 0, "/resources/0/copy");
    assert!(
        copy.contains("deploys this cluster 3 times") && copy.contains("'attach-aks-1' to 'attach-aks-3'"),
        "{copy}"
    );
    // Each copy's name resolves: what the first comes to is noted, and none is unresolved.
    let name = notes_at(&result, 0, "/resources/0/name");
    assert!(name.iter().all(|note| note.contains("comes to 'attach-aks-1'")), "{name:?}");
    // A name the import cannot work out is kept as written, with the copy's number after it.
    let result = with_copy("[concat(uniqueString(resourceGroup().id), copyIndex())]", 2.into());
    assert_eq!(
        names(&result),
        [
            "[concat(uniqueString(resourceGroup().id), copyIndex())][0]",
            "[concat(uniqueString(resourceGroup().id), copyIndex())][1]"
        ]
    );
    assert!(note_at(&result, 0, "/resources/0/name").contains("cannot resolve"));
    // A count that cannot be read leaves one cluster, and says so.
    let result = with_copy("[parameters('clusterName')]", "[length(variables('regions'))]".into());
    assert_eq!(names(&result), ["attach-aks"]);
    assert!(note_at(&result, 0, "/resources/0/copy").contains("imported once"));
}

#[test]
fn two_templates_with_the_same_unresolved_name_keep_their_vnets_apart() {
    let template = |prefix: &str| {
        format!(
            r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {{ "vnetName": {{ "type": "string" }} }},
  "resources": [{{
    "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
    "name": "[parameters('vnetName')]", "location": "eastus2",
    "properties": {{
      "addressSpace": {{ "addressPrefixes": ["{prefix}/16"] }},
      "subnets": [{{ "name": "default", "properties": {{ "addressPrefix": "{prefix}/24" }} }}]
    }}
  }}]
}}"#
        )
    };
    let result = imported(&[&template("10.50.0.0"), &template("10.60.0.0")]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["[parameters('vnetName')]", "[parameters('vnetName')] (document 2)"]);
    assert_eq!(result.plan.vnets[1].subnets[0].address_prefix, "10.60.0.0/24");
    assert!(note_at(&result, 1, "/resources/0").contains("(document 2)"));
    assert!(note_at(&result, 0, "/resources/0/name").contains("cannot resolve"));
}

#[test]
fn notes_render_in_french() {
    let mut result = imported(&[AKS_KUBENET]);
    result.localize(Lang::Fr);
    assert!(
        result.notes.iter().any(|note| note.message.contains("AKS a créé et gère")),
        "{:#?}",
        result.notes
    );
}

#[test]
fn a_count_or_a_switch_of_the_wrong_type_is_noted_with_what_the_plan_makes_of_it() {
    let mut cluster: Value = serde_json::from_str(AKS_KUBENET).expect("fixture is JSON");
    cluster["agentPoolProfiles"][0]["count"] = "3".into();
    cluster["agentPoolProfiles"][0]["enableAutoScaling"] = 1.into();
    cluster["apiServerAccessProfile"] = serde_json::json!({ "enablePrivateCluster": "true" });
    cluster["agentPoolProfiles"][0]["maxPods"] = "50".into();
    let read = imported(&[&cluster.to_string()]);
    assert_eq!(
        note_at(&read, 0, "/agentPoolProfiles/0/maxPods"),
        "expected a whole number here, found \"50\": the plan takes AKS's default pods per node for the \
         cluster's network mode; write the deployed number in the plan"
    );
    assert_eq!(
        note_at(&read, 0, "/agentPoolProfiles/0/count"),
        "expected a whole number here, found \"3\": the plan cannot count it; write the deployed number in \
         the plan"
    );
    assert_eq!(
        note_at(&read, 0, "/agentPoolProfiles/0/enableAutoScaling"),
        "expected true or false here, found 1: the plan takes the setting as off; write the deployed value \
         in the plan"
    );
    assert_eq!(
        note_at(&read, 0, "/apiServerAccessProfile/enablePrivateCluster"),
        "expected true or false here, found \"true\": the plan takes the setting as off; write the \
         deployed value in the plan"
    );
    let mut fraction = cluster.clone();
    fraction["agentPoolProfiles"][0]["count"] = serde_json::json!(2.5);
    let read = imported(&[&fraction.to_string()]);
    assert!(note_at(&read, 0, "/agentPoolProfiles/0/count")
        .starts_with("expected a whole number here, found 2.5:"));
    // Null is how the CLI prints a field left unset, and says nothing.
    let mut unset = cluster;
    unset["agentPoolProfiles"][0]["count"] = Value::Null;
    unset["apiServerAccessProfile"]["enablePrivateCluster"] = Value::Null;
    let read = imported(&[&unset.to_string()]);
    assert!(notes_at(&read, 0, "/agentPoolProfiles/0/count").is_empty());
    assert!(notes_at(&read, 0, "/apiServerAccessProfile/enablePrivateCluster").is_empty());
}

#[test]
fn a_pool_or_a_peering_that_is_not_an_object_is_noted_not_dropped_unsaid() {
    let mut cluster: Value = serde_json::from_str(AKS_KUBENET).expect("fixture is JSON");
    cluster["agentPoolProfiles"].as_array_mut().expect("pools").push("gpu-pool".into());
    let read = imported(&[&cluster.to_string()]);
    assert_eq!(
        note_at(&read, 0, "/agentPoolProfiles/1"),
        "expected an object here, found \"gpu-pool\"; not imported"
    );
    let mut vnet: Value = serde_json::from_str(VNET_SHOW).expect("fixture is JSON");
    vnet["virtualNetworkPeerings"] = serde_json::json!([42]);
    let read = imported(&[&vnet.to_string()]);
    assert_eq!(
        note_at(&read, 0, "/virtualNetworkPeerings/0"),
        "expected an object here, found 42; not imported"
    );
}

#[test]
fn a_template_vnet_named_like_a_printed_one_is_told_apart_without_its_unknown_group() {
    let template = TEMPLATE.replace("tpl-vnet", "ml-vnet");
    // Whichever comes first, the printed VNet keeps its name and holds the cluster Azure placed in it.
    let reversed = imported(&[&template, VNET_SHOW, AKS_CNI]);
    let names: Vec<&str> = reversed.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["ml-vnet (template)", "ml-vnet"]);
    assert_eq!(reversed.plan.aks_clusters[0].vnet.as_deref(), Some("ml-vnet"));
    let result = imported(&[VNET_SHOW, &template, AKS_CNI]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["ml-vnet", "ml-vnet (template)"]);
    assert_eq!(result.plan.aks_clusters[0].vnet.as_deref(), Some("ml-vnet"));
    let said: Vec<&str> = result
        .notes
        .iter()
        .filter(|note| note.document.is_none() && note.message.contains("(template)"))
        .map(|note| note.message.as_str())
        .collect();
    assert_eq!(
        said,
        ["VNet 'ml-vnet' of a template, which does not say its resource group, shares its name with a VNet \
          whose resource group is known, and the plan names VNets by name alone: it is 'ml-vnet (template)' \
          in the plan. If the two are one VNet, delete one of them from the plan"]
    );
}

#[test]
fn a_copy_count_of_the_wrong_type_says_the_copies_are_unknown_and_what_is_imported() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["resources"][0]["copy"] = serde_json::json!({ "name": "clusters", "count": "two" });
    let read = imported(&[&template.to_string()]);
    assert_eq!(
        note_at(&read, 0, "/resources/0/copy/count"),
        "expected a whole number here, found \"two\": vnetplan cannot tell how many copies the loop makes"
    );
    assert!(note_at(&read, 0, "/resources/0/copy").contains("the resource is imported once, as written"));
}

/// A printed VNet `hub-vnet` of `net-rg` in eastus2 with a subnet `aks`.
const HUB_SHOW: &str = r#"{ "type": "Microsoft.Network/virtualNetworks", "name": "hub-vnet",
    "resourceGroup": "net-rg", "location": "eastus2",
    "id": "/subscriptions/1111/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub-vnet",
    "addressSpace": { "addressPrefixes": ["10.10.0.0/16"] },
    "subnets": [{ "name": "aks", "addressPrefix": "10.10.0.0/22" }] }"#;

/// A template whose one resource is `resource`, with a `location` parameter the deployment's
/// resource group gives.
fn template_of(resource: &str) -> String {
    format!(
        r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0",
             "parameters": {{ "location": {{ "type": "string", "defaultValue": "[resourceGroup().location]" }} }},
             "resources": [{resource}] }}"#
    )
}

const CLUSTER_AT_PARAMETER: &str = r#"{ "type": "Microsoft.ContainerService/managedClusters",
    "apiVersion": "2024-02-01", "name": "mlaks", "location": "[parameters('location')]",
    "identity": { "type": "SystemAssigned" },
    "properties": { "agentPoolProfiles": [{ "name": "system", "count": 3, "mode": "System",
        "vnetSubnetID": "[resourceId('net-rg', 'Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'aks')]" }],
      "networkProfile": { "networkPlugin": "azure", "serviceCidr": "10.2.0.0/16", "dnsServiceIP": "10.2.0.10" } } }"#;

#[test]
fn a_cluster_location_the_template_computes_is_left_unset_like_a_vnets() {
    let template = template_of(CLUSTER_AT_PARAMETER);
    let result = imported(&[&template, HUB_SHOW]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.region.as_deref(), cluster.vnet_name()), (None, "hub-vnet"));
    assert_eq!(result.plan.region, "eastus2");
    assert!(!rules(&result.plan).contains(&RuleId::AksRegionMismatch), "{:#?}", check(&result.plan).findings);
    assert_eq!(
        note_at(&result, 0, "/resources/0/location"),
        "'[parameters('location')]' is a template expression that vnetplan cannot resolve: the plan leaves \
         the resource's region unset, so it is taken to be in the plan's region"
    );
    // With no literal location anywhere, the plan's region is asked for, never an expression.
    let alone = imported(&[&template]);
    assert_eq!((alone.plan.region.as_str(), alone.plan.aks_clusters[0].region.as_deref()), ("", None));
    assert!(note_at(&alone, 0, "/resources/0/location").contains("cannot resolve"));
    assert!(alone.notes.iter().any(|note| note.document.is_none()
        && note.message == "no document gives a location: set the plan's region"));
    let vnet = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
        "name": "v", "location": "[parameters('location')]",
        "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] }, "subnets": [] } }"#;
    let vnet_alone = imported(&[&template_of(vnet)]);
    assert_eq!((vnet_alone.plan.region.as_str(), vnet_alone.plan.vnets[0].region.as_deref()), ("", None));
}

#[test]
fn a_pool_is_never_compared_with_itself_and_an_unresolved_size_is_unknown() {
    let with_pools = |pools: &str| {
        format!(
            r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "parameters": {{ "agentVMSize": {{ "type": "string", "defaultValue": "Standard_D2_v3" }},
                                  "userVMSize": {{ "type": "string" }} }},
                 "resources": [{{ "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-02-01",
                   "name": "aks", "location": "eastus2", "identity": {{ "type": "SystemAssigned" }},
                   "properties": {{ "agentPoolProfiles": [
                     {{ "name": "agentpool", "count": 3, "vmSize": "[parameters('agentVMSize')]", "mode": "System" }}
                     {pools} ] }} }}] }}"#
        )
    };
    let one_size =
        |read: &Imported| read.notes.iter().filter(|note| note.message.contains("one VM size")).count();
    // The quickstart's one pool: its size is a parameter, and there is nothing to compare it with.
    let alone = imported(&[&with_pools("")]);
    assert_eq!(alone.plan.aks_clusters[0].vm_size.as_deref(), Some("Standard_D2_v3"));
    assert_eq!(one_size(&alone), 0, "{:#?}", alone.notes);
    // A pool whose literal size is the one the parameter states is the same size.
    let same = imported(&[&with_pools(
        r#", { "name": "user", "count": 2, "vmSize": "Standard_D2_v3", "mode": "User" }"#,
    )]);
    assert_eq!(one_size(&same), 0, "{:#?}", same.notes);
    let unknown = imported(&[&with_pools(
        r#", { "name": "user", "count": 2, "vmSize": "[parameters('userVMSize')]", "mode": "User" }"#,
    )]);
    assert_eq!(
        note_at(&unknown, 0, "/resources/0/properties/agentPoolProfiles/1/vmSize"),
        "pool 'user' runs [parameters('userVMSize')] machines and the system pool Standard_D2_v3 ones; \
         vnetplan cannot resolve the template expression, so whether the two sizes differ is unknown. A plan \
         cluster has one VM size: it keeps the system pool's"
    );
    let other = imported(&[&with_pools(
        r#", { "name": "gpu", "count": 2, "vmSize": "Standard_NC6s_v3", "mode": "User" }"#,
    )]);
    assert_eq!(
        note_at(&other, 0, "/resources/0/properties/agentPoolProfiles/1/vmSize"),
        "pool 'gpu' runs Standard_NC6s_v3 machines, and a plan cluster has one VM size: it keeps the system \
         pool's, Standard_D2_v3"
    );
}

#[test]
fn an_existing_resource_is_referred_to_not_imported_and_ids_find_the_printed_vnet() {
    let template = r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "languageVersion": "2.0", "contentVersion": "1.0.0.0",
        "parameters": { "vnetName": { "type": "string", "defaultValue": "hub-vnet" } },
        "resources": {
          "vnet": { "existing": true, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
                    "name": "[parameters('vnetName')]" },
          "subnet": { "existing": true, "type": "Microsoft.Network/virtualNetworks/subnets",
                      "apiVersion": "2023-09-01", "name": "[format('{0}/{1}', parameters('vnetName'), 'aks')]" },
          "aks": { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-02-01",
                   "name": "mlaks", "location": "eastus2", "identity": { "type": "SystemAssigned" },
                   "properties": { "agentPoolProfiles": [{ "name": "system", "count": 3, "mode": "System",
                     "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'aks')]" }],
                     "networkProfile": { "networkPlugin": "azure", "serviceCidr": "10.2.0.0/16",
                                         "dnsServiceIP": "10.2.0.10" } } } } }"#;
    let alone = imported(&[template]);
    assert!(alone.plan.vnets.is_empty(), "{:?}", alone.plan.vnets);
    assert!(!rules(&alone.plan).contains(&RuleId::InvalidCidr));
    assert_eq!(
        note_at(&alone, 0, "/resources/vnet"),
        "resource 'hub-vnet' of type 'Microsoft.Network/virtualNetworks' is marked existing: the template \
         refers to it without defining it, so it is not imported; references to it are matched with what the \
         other documents hold"
    );
    assert!(note_at(&alone, 0, "/resources/subnet").starts_with("resource 'hub-vnet/aks' of type"));
    assert!(notes_at(&alone, 0, "/resources/vnet/existing").is_empty());
    // Beside the printed VNet, the cluster is placed in it, and no empty namesake stands in for it.
    let result = imported(&[template, HUB_SHOW]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["hub-vnet"]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("hub-vnet", "aks"));
    assert!(!check(&result.plan).has_errors(), "{:#?}", check(&result.plan).findings);
}

#[test]
fn virtual_nodes_are_noted_with_the_subnet_their_pods_take() {
    let mut cluster: Value = serde_json::from_str(AKS_KUBENET).expect("fixture is JSON");
    cluster["addonProfiles"] = serde_json::json!({
        "aciConnectorLinux": { "enabled": true, "config": { "SubnetName": "aks-vn-subnet" } },
        "omsagent": { "enabled": true, "config": {} }
    });
    let mut read = imported(&[&cluster.to_string()]);
    assert_eq!(
        note_at(&read, 0, "/addonProfiles/aciConnectorLinux"),
        "the virtual nodes add-on (aciConnectorLinux) is on: it runs pods as container instances in subnet \
         'aks-vn-subnet' of the cluster's VNet, and the plan does not model those pods or the addresses they \
         take"
    );
    assert!(notes_at(&read, 0, "/addonProfiles/omsagent").is_empty());
    read.localize(Lang::Fr);
    assert!(note_at(&read, 0, "/addonProfiles/aciConnectorLinux").contains("sous-réseau « aks-vn-subnet »"));
    // Switched off, it takes no addresses and says nothing.
    cluster["addonProfiles"]["aciConnectorLinux"]["enabled"] = false.into();
    let off = imported(&[&cluster.to_string()]);
    assert!(notes_at(&off, 0, "/addonProfiles/aciConnectorLinux").is_empty());
}

#[test]
fn a_template_peering_to_a_vnet_it_defines_needs_no_remote_address_space() {
    let vnet = |name: &str, prefix: &str, peerings: &str| {
        format!(
            r#"{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "{name}",
                 "location": "eastus2", "properties": {{ "addressSpace": {{ "addressPrefixes": ["{prefix}"] }},
                 "subnets": [], "virtualNetworkPeerings": [{peerings}] }} }}"#
        )
    };
    let peering = |remote: &str| {
        format!(
            r#"{{ "name": "spoke-to-hub", "properties": {{ "allowVirtualNetworkAccess": true,
                 "remoteVirtualNetwork": {{ "id": "[resourceId('Microsoft.Network/virtualNetworks', '{remote}')]" }} }} }}"#
        )
    };
    let template = |remote: &str| {
        format!(
            r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0", "resources": [{}, {}] }}"#,
            vnet("hub", "10.0.0.0/16", ""),
            vnet("spoke", "10.1.0.0/16", &peering(remote))
        )
    };
    let result = imported(&[&template("hub")]);
    let peerings: Vec<(&str, &[String])> =
        result.plan.vnets.iter().map(|vnet| (vnet.name.as_str(), vnet.peerings.as_slice())).collect();
    assert_eq!(peerings, [("hub", &[][..]), ("spoke", &["hub".to_owned()][..])]);
    assert!(result.plan.external_ranges.is_empty(), "{:?}", result.plan.external_ranges);
    // The hub is in the plan, so nothing asks for its ranges as external ones.
    assert!(result.notes.iter().all(|note| !note.message.contains("does not show the address space")));
    // A peer outside the import still gets that advice.
    let outside = imported(&[&template("far")]);
    assert!(outside.plan.vnets.iter().all(|vnet| vnet.peerings.is_empty()));
    assert_eq!(
        note_at(&outside, 0, "/resources/1/properties/virtualNetworkPeerings/0"),
        "peering 'spoke-to-hub' does not show the address space of VNet 'far': add its ranges as external \
         ranges of kind peeredVnet"
    );
}

#[test]
fn a_pool_of_static_pod_blocks_is_noted_since_the_address_limit_counts_it_differently() {
    let mut cluster: Value = serde_json::from_str(AKS_CNI).expect("fixture is JSON");
    cluster["agentPoolProfiles"][0]["podIpAllocationMode"] = "StaticBlock".into();
    let read = imported(&[&cluster.to_string()]);
    let note = note_at(&read, 0, "/agentPoolProfiles/0/podIpAllocationMode");
    assert!(note.contains("(StaticBlock)") && note.contains("vnet-private-ip-limit"), "{note}");
    cluster["agentPoolProfiles"][0]["podIpAllocationMode"] = "DynamicIndividual".into();
    let dynamic = imported(&[&cluster.to_string()]);
    assert!(dynamic.notes.iter().all(|note| !note.pointer.ends_with("podIpAllocationMode")));
}

const TEMPLATE_MODULES: &str = include_str!("fixtures/template-bicep-modules.json");

/// The cluster's subnet field and the module's template, in the compiled Bicep fixture.
const MODULE_SUBNET: &str = "/resources/0/properties/agentPoolProfiles/0/vnetSubnetID";
const MODULE_TEMPLATE: &str = "/resources/1/properties/template";

#[test]
fn a_compiled_bicep_module_brings_its_vnet_in_its_resource_group_and_hands_its_subnet_to_the_cluster() {
    let result = imported(&[TEMPLATE_MODULES]);
    let vnet = &result.plan.vnets[0];
    assert_eq!((vnet.name.as_str(), vnet.resource_group.as_str()), ("ml-vnet", "ml-network-rg"));
    assert_eq!(vnet.address_prefixes, ["10.40.0.0/16"]);
    let names: Vec<&str> = vnet.subnets.iter().map(|subnet| subnet.name.as_str()).collect();
    assert_eq!(names, ["aks", "aci"]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("ml-vnet", "aks"));
    assert!(note_at(&result, 0, MODULE_SUBNET).contains("subnet 'aks' of VNet 'ml-vnet'"));

    let prefix = format!("{MODULE_TEMPLATE}/resources/0/properties/addressSpace/addressPrefixes/0");
    assert!(note_at(&result, 0, &prefix).contains("value its deployment passes to parameter 'addressPrefix'"));
    let name = note_at(&result, 0, &format!("{MODULE_TEMPLATE}/resources/0/name"));
    assert!(name.contains("default value of parameter 'vnetName', 'ml-vnet'"), "{name}");
    assert!(note_at(&result, 0, "/resources/1/resourceGroup").contains("'ml-network-rg'"));
    let all = pointers(&result);
    assert!(all.iter().all(|(_, pointer)| !pointer.starts_with("/resources/1/properties/mode")), "{all:?}");
    assert!(
        result.notes.iter().all(|note| !note.message.contains("is not imported")),
        "every resource is read: {:?}",
        result.notes
    );
    // The cluster's group is still unknown; the VNet's is not.
    assert!(notes_at(&result, 0, "").iter().any(|note| note.contains(TEMPLATE_RESOURCE_GROUP)));
    let found = rules(&result.plan);
    assert!(!found.contains(&RuleId::UnknownVnet) && !found.contains(&RuleId::UnknownSubnet), "{found:?}");
}

#[test]
fn a_language_2_template_reads_a_module_by_its_symbolic_name() {
    let mut template: Value = serde_json::from_str(TEMPLATE_MODULES).expect("fixture is JSON");
    let Some(Value::Array(resources)) = template.get_mut("resources").map(Value::take) else {
        panic!("the fixture lists its resources")
    };
    let [mut cluster, module] = <[Value; 2]>::try_from(resources).expect("two resources");
    cluster["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] =
        Value::from("[reference('network').outputs.aksSubnetId.value]");
    template["languageVersion"] = Value::from("2.0");
    template["resources"] = serde_json::json!({ "aks": cluster, "net": module });
    let by_deployment_name = imported(&[&template.to_string()]);
    assert_eq!(by_deployment_name.plan.aks_clusters[0].subnet_name(), "aks");

    template["resources"]["aks"]["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] =
        Value::from("[reference('net').outputs.aksSubnetId.value]");
    let by_symbol = imported(&[&template.to_string()]);
    assert_eq!(by_symbol.plan.aks_clusters[0].subnet_name(), "aks");

    template["resources"]["aks"]["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] =
        Value::from("[reference('net').outputs.other.value]");
    let unknown_output = imported(&[&template.to_string()]);
    assert_ne!(unknown_output.plan.aks_clusters[0].subnet_name(), "aks");
}

#[test]
fn an_outer_scope_deployment_reads_the_enclosing_parameters_and_its_own_group() {
    let nested = r#"{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
        "name": "spoke", "resourceGroup": "spoke-rg",
        "properties": { "mode": "Incremental", "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
                "name": "spoke-vnet", "location": "[parameters('location')]",
                "properties": { "addressSpace": { "addressPrefixes": ["[parameters('space')]"] },
                    "subnets": [{ "name": "aks", "properties": { "addressPrefix": "10.60.0.0/22" } }] } }] } } }"#;
    let template = format!(
        r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0",
             "parameters": {{ "location": {{ "type": "string", "defaultValue": "westeurope" }},
                             "space": {{ "type": "string", "defaultValue": "10.60.0.0/16" }} }},
             "resources": [{nested}] }}"#
    );
    let result = imported(&[&template]);
    let vnet = &result.plan.vnets[0];
    assert_eq!((vnet.name.as_str(), vnet.resource_group.as_str()), ("spoke-vnet", "spoke-rg"));
    assert_eq!(vnet.address_prefixes, ["10.60.0.0/16"]);
    assert_eq!(vnet.region.as_deref(), Some("westeurope"));
    assert!(
        notes_at(&result, 0, "").iter().all(|note| !note.contains(TEMPLATE_RESOURCE_GROUP)),
        "every item has its group: {:?}",
        result.notes
    );

    let unresolved = template.replace(r#""spoke-rg""#, r#""[resourceGroup().name]""#);
    let result = imported(&[&unresolved]);
    assert_eq!(result.plan.vnets[0].resource_group, TEMPLATE_RESOURCE_GROUP);
    assert!(note_at(&result, 0, "/resources/0/resourceGroup").contains("cannot resolve"));
}

#[test]
fn a_module_adds_a_subnet_to_a_vnet_the_enclosing_template_declares_after_it() {
    let module = r#"{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "subnet",
        "properties": { "expressionEvaluationOptions": { "scope": "inner" }, "mode": "Incremental",
            "parameters": { "vnet": { "value": "hub" }, "prefix": { "value": "10.70.8.0/24" } },
            "template": { "contentVersion": "1.0.0.0", "resources": [],
                "parameters": { "vnet": { "type": "string" }, "prefix": { "type": "string" } },
                "resources": [{ "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01",
                    "name": "[format('{0}/{1}', parameters('vnet'), 'endpoints')]",
                    "properties": { "addressPrefix": "[parameters('prefix')]" } }] } } }"#;
    let vnet = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "hub",
        "location": "eastus2", "properties": { "addressSpace": { "addressPrefixes": ["10.70.0.0/16"] },
            "subnets": [{ "name": "aks", "properties": { "addressPrefix": "10.70.0.0/22" } }] } }"#;
    let result = imported(&[&template_of(&format!("{module}, {vnet}"))]);
    let subnets: Vec<(&str, &str)> = result.plan.vnets[0]
        .subnets
        .iter()
        .map(|subnet| (subnet.name.as_str(), subnet.address_prefix.as_str()))
        .collect();
    assert_eq!(subnets, [("aks", "10.70.0.0/22"), ("endpoints", "10.70.8.0/24")]);
}

#[test]
fn a_linked_template_or_parameters_file_is_noted_not_fetched() {
    let linked = r#"{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "net",
        "properties": { "mode": "Incremental",
            "templateLink": { "uri": "https://example.org/network.json" } } }"#;
    let beside = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "hub",
        "location": "eastus2", "properties": { "addressSpace": { "addressPrefixes": ["10.70.0.0/16"] } } }"#;
    let result = imported(&[&template_of(&format!("{linked}, {beside}"))]);
    assert_eq!(result.plan.vnets.len(), 1);
    let note = note_at(&result, 0, "/resources/0/properties/templateLink");
    assert!(note.contains("https://example.org/network.json") && note.contains("another document"), "{note}");

    let parameters_linked = r#"{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
        "name": "net", "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
            "parametersLink": { "uri": "https://example.org/network.parameters.json" },
            "template": { "contentVersion": "1.0.0.0",
                "parameters": { "space": { "type": "string", "defaultValue": "10.80.0.0/16" } },
                "resources": [{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
                    "name": "linked-vnet", "location": "eastus2",
                    "properties": { "addressSpace": { "addressPrefixes": ["[parameters('space')]"] } } }] } } }"#;
    let result = imported(&[&template_of(parameters_linked)]);
    assert_eq!(result.plan.vnets[0].address_prefixes, ["10.80.0.0/16"]);
    assert!(note_at(&result, 0, "/resources/0/properties/parametersLink").contains("default values"));
}

/// What [`cluster_template`] imports to.
fn cluster_with_subnet_id(variables: Value, subnet_id: &str) -> Imported {
    imported(&[&cluster_template(variables, subnet_id)])
}

#[test]
fn a_template_finds_the_subnet_id_its_variables_build() {
    let placed = |result: &Imported| {
        let cluster = &result.plan.aks_clusters[0];
        (cluster.vnet_name().to_owned(), cluster.subnet_name().to_owned())
    };
    let expected = ("rest-vnet".to_owned(), "aks".to_owned());
    let in_variable = serde_json::json!({
        "subnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]"
    });
    assert_eq!(placed(&cluster_with_subnet_id(in_variable, "[variables('subnetId')]")), expected);

    // The quickstarts' way: the VNet's id in one variable, the subnet's joined onto it.
    let joined = serde_json::json!({
        "vnetId": "[resourceId('net-rg', 'Microsoft.Network/virtualNetworks', parameters('vnetName'))]",
        "subnetRef": "[concat(variables('vnetId'), '/subnets/', parameters('subnetName'))]",
        "formatted": "[format('{0}/subnets/{1}', variables('vnetId'), 'aks')]"
    });
    let result = cluster_with_subnet_id(joined.clone(), "[variables('subnetRef')]");
    assert_eq!(placed(&result), expected);
    let with_vnet =
        imported(&[&cluster_template(joined.clone(), "[variables('subnetRef')]"), REST_VNET_LIST]);
    let found = rules(&with_vnet.plan);
    assert!(!found.contains(&RuleId::UnknownVnet) && !found.contains(&RuleId::UnknownSubnet), "{found:?}");
    assert_eq!(placed(&cluster_with_subnet_id(joined, "[variables('formatted')]")), expected);

    let from_subscription = serde_json::json!({
        "subnetId": "[resourceId('00000000-0000-0000-0000-000000000000', 'net-rg', 'Microsoft.Network/virtualNetworks/subnets', 'rest-vnet', 'aks')]"
    });
    assert_eq!(placed(&cluster_with_subnet_id(from_subscription, "[variables('subnetId')]")), expected);
}

/// The cluster-only fixture with `variables` added and its pool's subnet id replaced.
fn cluster_template(variables: Value, subnet_id: &str) -> String {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["variables"] = variables;
    template["resources"][0]["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] = subnet_id.into();
    template.to_string()
}

#[test]
fn service_endpoint_policies_are_noted_by_name() {
    let vnet = r#"{
      "name": "v", "resourceGroup": "rg", "location": "eastus",
      "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
      "subnets": [{ "name": "s", "addressPrefix": "10.0.0.0/24", "serviceEndpointPolicies": [
        { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/serviceEndpointPolicies/storage-only" }
      ] }]
    }"#;
    let result = imported(&[vnet]);
    let note = note_at(&result, 0, "/subnets/0/serviceEndpointPolicies");
    assert!(note.contains("('storage-only')") && !note.contains("/subscriptions"), "{note}");
}

#[test]
fn a_peerings_remote_gateways_and_a_subnets_ipam_allocation_give_no_note_of_their_own() {
    let vnet = r#"{
      "name": "spoke", "resourceGroup": "rg", "location": "eastus",
      "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
      "subnets": [{ "name": "s", "addressPrefix": "10.0.0.0/24", "ipamPoolPrefixAllocations": [
        { "numberOfIpAddresses": "256", "allocatedAddressPrefixes": ["10.0.0.0/24"] }
      ] }],
      "virtualNetworkPeerings": [{
        "name": "to-hub", "useRemoteGateways": true,
        "remoteVirtualNetwork": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub" },
        "remoteAddressSpace": { "addressPrefixes": ["10.1.0.0/16"] },
        "remoteGateways": [{ "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw" }],
        "routeServiceVips": { "10.1.0.4": "10.1.0.5" }
      }]
    }"#;
    let result = imported(&[vnet]);
    assert!(
        note_at(&result, 0, "/virtualNetworkPeerings/0/useRemoteGateways").contains("gateway of VNet 'hub'")
    );
    for pointer in [
        "/subnets/0/ipamPoolPrefixAllocations",
        "/virtualNetworkPeerings/0/remoteGateways",
        "/virtualNetworkPeerings/0/routeServiceVips",
    ] {
        assert!(notes_at(&result, 0, pointer).is_empty(), "{pointer}: {:?}", notes_at(&result, 0, pointer));
    }
}

#[test]
fn the_gateway_ingress_add_on_names_the_range_an_older_cli_wrote_as_subnet_prefix() {
    let cluster = r#"{
      "name": "c", "resourceGroup": "rg", "location": "eastus",
      "agentPoolProfiles": [{ "name": "sys", "mode": "System", "count": 3 }],
      "networkProfile": { "networkPlugin": "kubenet" },
      "addonProfiles": { "ingressApplicationGateway": { "enabled": true, "config": { "subnetPrefix": "10.2.0.0/16" } } }
    }"#;
    let result = imported(&[cluster]);
    let note = note_at(&result, 0, "/addonProfiles/ingressApplicationGateway");
    assert!(note.contains("(subnet 10.2.0.0/16)"), "{note}");
}

#[test]
fn a_resource_type_written_with_a_trailing_slash_still_builds_the_subnet_id() {
    let variables = serde_json::json!({
        "subnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets/', parameters('vnetName'), parameters('subnetName'))]",
        "joined": "[concat(resourceId('Microsoft.Network/virtualNetworks/', parameters('vnetName')), '/subnets/', parameters('subnetName'))]"
    });
    for id in ["[variables('subnetId')]", "[variables('joined')]"] {
        let result = cluster_with_subnet_id(variables.clone(), id);
        let cluster = &result.plan.aks_clusters[0];
        assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("rest-vnet", "aks"), "{id}");
    }
}

#[test]
fn a_module_finds_the_subnet_another_module_outputs_when_it_is_passed_as_a_parameter() {
    let mut template: Value = serde_json::from_str(TEMPLATE_MODULES).expect("fixture is JSON");
    let mut cluster = template["resources"][0].take();
    let pool = &mut cluster["properties"]["agentPoolProfiles"][0]["vnetSubnetID"];
    let output = pool.take();
    *pool = Value::from("[variables('nodeSubnet')]");
    // Compiled Bicep hands the network module's output to the module that declares the cluster.
    template["resources"][0] = serde_json::json!({
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "compute",
        "properties": {
            "expressionEvaluationOptions": { "scope": "inner" }, "mode": "Incremental",
            "parameters": { "subnetId": { "value": output } },
            "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "parameters": { "subnetId": { "type": "string" } },
                "variables": { "nodeSubnet": "[parameters('subnetId')]" },
                "resources": [cluster]
            }
        }
    });
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("ml-vnet", "aks"));
    let found = rules(&result.plan);
    assert!(!found.contains(&RuleId::UnknownVnet) && !found.contains(&RuleId::UnknownSubnet), "{found:?}");
}

#[test]
fn a_subnet_resource_whose_settings_are_an_expression_keeps_the_declared_subnet() {
    // The machine-learning-advanced quickstart's shape: a nested deployment patches the subnet's
    // policies with union(reference(…)), a whole expression for its properties.
    let template = r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2020-06-01", "name": "vnet",
              "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } } },
            { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2020-06-01", "name": "vnet/ml",
              "properties": { "addressPrefix": "10.0.0.0/24" } },
            { "type": "Microsoft.Resources/deployments", "apiVersion": "2020-06-01", "name": "UpdateSubnetPolicy",
              "properties": { "mode": "Incremental", "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [
                    { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2020-06-01", "name": "vnet/ml",
                      "properties": "[union(reference(resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'ml'), '2020-06-01'), json('{}'))]" },
                    { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2020-06-01", "name": "vnet/other",
                      "properties": "[variables('computed')]" }
                ] } } }
        ]
    }"#;
    let result = imported(&[template]);
    assert_eq!(result.plan.vnets[0].subnets, [subnet("ml", "10.0.0.0/24", &[])]);
    let kept = note_at(&result, 0, "/resources/2/properties/template/resources/0/properties");
    assert!(kept.contains("elsewhere are kept"), "{kept}");
    let dropped = note_at(&result, 0, "/resources/2/properties/template/resources/1/properties");
    assert!(dropped.contains("'other'") && dropped.contains("not imported"), "{dropped}");
}

#[test]
fn a_node_resource_group_a_template_computes_is_not_put_in_a_command() {
    let template = |group: &str| {
        serde_json::json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": { "nodeGroup": { "type": "string", "defaultValue": "MC_nodes" } },
            "resources": [{
                "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2020-03-01", "name": "aks",
                "properties": {
                    "nodeResourceGroup": group,
                    "agentPoolProfiles": [{ "name": "agentpool", "count": 3, "vmSize": "Standard_D4_v3" }],
                    "networkProfile": { "networkPlugin": "kubenet" }
                }
            }]
        })
        .to_string()
    };
    let pool = "/resources/0/properties/agentPoolProfiles/0";
    // The machine-learning-compute-attach-aks prerequisite's way of naming the group.
    let computed = imported(&[&template("[concat('MC_', resourceGroup().name, '_aks')]")]);
    let note = note_at(&computed, 0, pool);
    assert!(note.contains("AKS created and manages") && !note.contains("az network"), "{note}");
    let stated = imported(&[&template("[parameters('nodeGroup')]")]);
    assert!(note_at(&stated, 0, pool).contains("az network vnet list --resource-group MC_nodes -o json"));
}

/// A nested deployment of `resources` (JSON text), with `envelope` (JSON fields, each followed
/// by a comma) on the deployment resource and `scope` for its expressions.
fn deployment(name: &str, envelope: &str, scope: &str, resources: &str) -> String {
    format!(
        r#"{{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "{name}", {envelope}
            "properties": {{ "mode": "Incremental", "expressionEvaluationOptions": {{ "scope": "{scope}" }},
                "template": {{ "contentVersion": "1.0.0.0", "resources": [{resources}] }} }} }}"#
    )
}

fn vnet_resource(name: &str, space: &str) -> String {
    format!(
        r#"{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "{name}",
            "location": "eastus2", "properties": {{ "addressSpace": {{ "addressPrefixes": ["{space}"] }} }} }}"#
    )
}

fn subnet_resource(name: &str, prefix: &str) -> String {
    format!(
        r#"{{ "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01", "name": "{name}",
            "properties": {{ "addressPrefix": "{prefix}" }} }}"#
    )
}

/// Each VNet of the plan: its name, group and subnets with their prefixes.
fn networks(result: &Imported) -> Vec<(String, String, Vec<String>)> {
    result
        .plan
        .vnets
        .iter()
        .map(|vnet| {
            let subnets = vnet.subnets.iter().map(|s| format!("{} {}", s.name, s.address_prefix)).collect();
            (vnet.name.clone(), vnet.resource_group.clone(), subnets)
        })
        .collect()
}

#[test]
fn a_subnet_resource_joins_the_vnet_of_its_own_deployments_group() {
    let a = deployment(
        "a",
        r#""resourceGroup": "rg-a","#,
        "inner",
        &format!("{}, {}", vnet_resource("hub", "10.1.0.0/16"), subnet_resource("hub/extra", "10.1.8.0/24")),
    );
    let b = deployment(
        "b",
        r#""resourceGroup": "rg-b","#,
        "inner",
        &format!("{}, {}", subnet_resource("hub/extra", "10.2.8.0/24"), vnet_resource("hub", "10.2.0.0/16")),
    );
    let result = imported(&[&template_of(&format!("{a}, {b}"))]);
    let expected = [
        ("hub".to_owned(), "rg-a".to_owned(), vec!["extra 10.1.8.0/24".to_owned()]),
        ("hub (rg-b)".to_owned(), "rg-b".to_owned(), vec!["extra 10.2.8.0/24".to_owned()]),
    ];
    assert_eq!(networks(&result), expected);
}

#[test]
fn namesakes_of_two_deployments_stay_apart_while_a_name_group_or_subscription_is_unresolved() {
    let module = |name: &str, passed: &str| {
        format!(
            r#"{{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "{name}",
                "resourceGroup": "rg-a",
                "properties": {{ "mode": "Incremental", "expressionEvaluationOptions": {{ "scope": "inner" }},
                    "parameters": {{ "n": {{ "value": "[parameters('{passed}')]" }} }},
                    "template": {{ "contentVersion": "1.0.0.0", "parameters": {{ "n": {{ "type": "string" }} }},
                        "resources": [{}] }} }} }}"#,
            vnet_resource("[parameters('n')]", "10.1.0.0/16")
        )
    };
    let template = format!(
        r#"{{ "contentVersion": "1.0.0.0",
             "parameters": {{ "hubName": {{ "type": "string" }}, "spokeName": {{ "type": "string" }} }},
             "resources": [{}, {}] }}"#,
        module("hub", "hubName"),
        module("spoke", "spokeName")
    );
    let result = imported(&[&template]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["[parameters('n')]", "[parameters('n')] (deployment spoke)"]);
    assert!(note_at(&result, 0, "/resources/1/properties/template/resources/0").contains("may be different"));

    // Unresolved groups, literal names.
    let in_group = |name: &str, group: &str| {
        deployment(
            name,
            &format!(r#""resourceGroup": "{group}","#),
            "outer",
            &vnet_resource("hub", "10.1.0.0/16"),
        )
    };
    let groups = in_group("a", "[parameters('rgA')]") + ", " + &in_group("b", "[parameters('rgB')]");
    let result = imported(&[&template_of(&groups)]);
    assert_eq!(result.plan.vnets.len(), 2, "{:?}", networks(&result));
    assert!(note_at(&result, 0, "/resources/0/resourceGroup").contains("cannot resolve"));

    // Two subscriptions, one group name: the import names them apart as it does printed ones.
    let in_subscription = |name: &str, subscription: &str| {
        deployment(
            name,
            &format!(r#""subscriptionId": "{subscription}", "resourceGroup": "net-rg","#),
            "inner",
            &vnet_resource("hub", "10.1.0.0/16"),
        )
    };
    let subscriptions = in_subscription("a", "1111") + ", " + &in_subscription("b", "2222");
    let result = imported(&[&template_of(&subscriptions)]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["hub", "hub (net-rg, 2222)"]);
    assert!(pointers(&result).iter().all(|(_, pointer)| !pointer.ends_with("subscriptionId")));

    // The same literal name in one known group is one VNet, declared twice.
    let twice = in_group("a", "rg-a") + ", " + &in_group("b", "rg-a");
    assert_eq!(imported(&[&template_of(&twice)]).plan.vnets.len(), 1);
}

#[test]
fn a_resource_id_naming_no_group_means_the_parents_in_outer_scope_and_the_deployments_in_inner() {
    use super::reader::{Scope, Target};
    let template: Value = serde_json::from_str(&template_of("")).expect("JSON");
    let Some(map) = template.as_object() else { panic!("an object") };
    let top = Scope::of(map);
    let target = Target { resource_group: "net-rg".to_owned(), ..Target::unnamed() };
    let id = "[resourceId('Microsoft.Network/virtualNetworks', 'hub')]";
    let outer = top.outer(target.clone());
    assert_eq!(
        outer.evaluate(id).as_deref(),
        Some("/resourceGroups/(from template)/providers/Microsoft.Network/virtualNetworks/hub")
    );
    assert_eq!(outer.target.resource_group, "net-rg");
    let inner = top.inner(map, None, target);
    assert_eq!(
        inner.evaluate(id).as_deref(),
        Some("/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub")
    );
}

#[test]
fn scope_ids_stop_on_cycles_and_long_texts_but_follow_long_chains() {
    use super::reader::Scope;
    let scope_of = |variables: Value| {
        let template =
            serde_json::json!({ "contentVersion": "1.0.0.0", "resources": [], "variables": variables });
        Scope::of(template.as_object().expect("an object")).evaluate("[variables('last')]")
    };
    let cycle = serde_json::json!({ "last": "[variables('b')]", "b": "[concat(variables('last'), '/x')]" });
    assert_eq!(scope_of(cycle), None);

    // Short of the call budget, a text longer than any id is refused: built from two variables,
    // and written out in one expression.
    let half = "x".repeat(1_500);
    let doubled = serde_json::json!({ "a": half, "last": "[concat(variables('a'), variables('a'))]" });
    assert_eq!(scope_of(doubled), None);
    let written_out = serde_json::json!({ "last": format!("[concat('{}', '/x')]", "y".repeat(3_000)) });
    assert_eq!(scope_of(written_out), None);
    let fits = serde_json::json!({ "a": half, "last": "[concat(variables('a'), '/x')]" });
    assert_eq!(scope_of(fits).map(|id| id.len()), Some(1_502));

    let mut chain = serde_json::Map::new();
    chain.insert(
        "v0".to_owned(),
        Value::from("/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub"),
    );
    for index in 1..40 {
        chain.insert(format!("v{index}"), Value::from(format!("[variables('v{}')]", index - 1)));
    }
    chain.insert("last".to_owned(), Value::from("[concat(variables('v39'), '/subnets/aks')]"));
    assert_eq!(
        scope_of(Value::Object(chain)).as_deref(),
        Some("/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks")
    );
}

#[test]
fn a_reference_to_a_module_name_two_groups_share_reads_the_one_in_its_group() {
    let mut template: Value = serde_json::from_str(TEMPLATE_MODULES).expect("fixture is JSON");
    let Some(Value::Array(resources)) = template.get_mut("resources") else { panic!("a list") };
    let mut other = resources[1].clone();
    other["resourceGroup"] = Value::from("other-rg");
    other["properties"]["parameters"]["vnetName"]["value"] = Value::from("other-vnet");
    resources.push(other);
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("ml-vnet", "aks"));

    // By its bare name, the reference could mean either module.
    template["resources"][0]["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] =
        Value::from("[reference('network').outputs.aksSubnetId.value]");
    let result = imported(&[&template.to_string()]);
    assert_ne!(result.plan.aks_clusters[0].vnet_name(), "other-vnet");
    assert_ne!(result.plan.aks_clusters[0].vnet_name(), "ml-vnet");
}

#[test]
fn names_and_ranges_a_template_builds_from_stated_values_are_read_as_built() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["parameters"]["prefix"] = serde_json::json!({ "type": "string", "defaultValue": "ml" });
    template["resources"][0]["name"] = Value::from("[format('{0}-aks', parameters('prefix'))]");
    template["resources"][0]["properties"]["networkProfile"]["serviceCidr"] =
        Value::from("[concat('10.2', '.0.0/16')]");
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.name.as_str(), cluster.service_cidr.as_str()), ("ml-aks", "10.2.0.0/16"));
    assert_eq!(
        note_at(&result, 0, "/resources/0/name"),
        "'[format('{0}-aks', parameters('prefix'))]' comes to 'ml-aks' with the values the template states, \
         parameters at their defaults; a deployment that passes others differs"
    );
    assert!(!rules(&result.plan).contains(&RuleId::ComputeNameInvalid));
}

#[test]
fn a_subnet_resource_finds_the_vnet_whose_name_the_template_computes() {
    let mut template: Value = serde_json::from_str(&template_of(&format!(
        "{}, {}",
        vnet_resource("[variables('vnetName')]", "10.0.0.0/16"),
        subnet_resource("[concat(variables('vnetName'), '/app')]", "10.0.1.0/24")
    )))
    .expect("JSON");
    template["parameters"]["prefix"] = serde_json::json!({ "type": "string", "defaultValue": "demo" });
    template["variables"] = serde_json::json!({ "vnetName": "[concat(parameters('prefix'), '-vnet')]" });
    let result = imported(&[&template.to_string()]);
    let expected =
        [("demo-vnet".to_owned(), TEMPLATE_RESOURCE_GROUP.to_owned(), vec!["app 10.0.1.0/24".to_owned()])];
    assert_eq!(networks(&result), expected);
}

#[test]
fn a_subnet_resource_that_could_join_either_of_two_namesakes_joins_neither() {
    let in_group = |name: &str, group: &str, space: &str| {
        deployment(name, &format!(r#""resourceGroup": "{group}","#), "inner", &vnet_resource("hub", space))
    };
    let resources = format!(
        "{}, {}, {}",
        in_group("a", "rg-a", "10.0.0.0/16"),
        in_group("b", "rg-b", "10.9.0.0/16"),
        subnet_resource("hub/extra", "10.9.0.0/24")
    );
    let result = imported(&[&template_of(&resources)]);
    assert!(result.plan.vnets.iter().all(|vnet| vnet.subnets.is_empty()), "{:?}", networks(&result));
    assert!(note_at(&result, 0, "/resources/2").contains("declares 2 of that name"));
}

#[test]
fn a_deployment_group_built_by_format_places_what_it_declares() {
    let mut template: Value = serde_json::from_str(&template_of(&deployment(
        "net",
        r#""resourceGroup": "[format('{0}-rg', parameters('env'))]","#,
        "inner",
        &vnet_resource("hub", "10.1.0.0/16"),
    )))
    .expect("JSON");
    template["parameters"]["env"] = serde_json::json!({ "type": "string", "defaultValue": "dev" });
    let result = imported(&[&template.to_string()]);
    assert_eq!(result.plan.vnets[0].resource_group, "dev-rg");
    assert!(note_at(&result, 0, "/resources/0/resourceGroup").contains("comes to 'dev-rg'"));

    template["resources"][0]["subscriptionId"] = Value::from("[parameters('hubSubscription')]");
    let result = imported(&[&template.to_string()]);
    let note = note_at(&result, 0, "/resources/0/subscriptionId");
    assert!(note.contains("subscription") && !note.contains(TEMPLATE_RESOURCE_GROUP), "{note}");
    assert_eq!(result.plan.vnets[0].resource_group, "dev-rg");
}

#[test]
fn escapes_braces_and_unknown_groups_are_not_read_as_names() {
    let named = |name: &str, parameters: Value| {
        let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
        template["parameters"]["extra"] = parameters;
        template["resources"][0]["name"] = Value::from(name);
        imported(&[&template.to_string()]).plan.aks_clusters[0].name.clone()
    };
    let text = |value: &str| serde_json::json!({ "type": "string", "defaultValue": value });
    // ARM unescapes `[[` only in a text that would otherwise be an expression.
    assert_eq!(named("[concat(parameters('extra'), '-aks')]", text("[[ml")), "[[ml-aks");
    assert_eq!(named("[parameters('extra')]", text("[[ml]")), "[ml]");
    // .NET reads 'a}}b' as 'a}b'; no name holds a brace, so the expression stays as written.
    let braces = "[format('a}}b{0}', parameters('extra'))]";
    assert_eq!(named(braces, text("c")), braces);
    // A top-level template's group is unknown, so an id built in it names nothing.
    let id = "[concat('x', resourceId('Microsoft.Network/virtualNetworks', 'v'))]";
    assert_eq!(named(id, text("c")), id);
    // A value longer than any name is left as the expression that refers to it.
    assert_eq!(named("[parameters('extra')]", text(&"z".repeat(5_000))), "[parameters('extra')]");
}

#[test]
fn a_subnet_resource_beside_its_vnet_joins_it_whatever_other_deployments_declare() {
    let spoke = deployment(
        "spoke",
        r#""resourceGroup": "[parameters('spokeRg')]","#,
        "inner",
        &format!("{}, {}", vnet_resource("vnet", "10.2.0.0/16"), subnet_resource("vnet/x", "10.2.1.0/24")),
    );
    let resources = format!(
        "{}, {}, {spoke}",
        vnet_resource("vnet", "10.1.0.0/16"),
        subnet_resource("vnet/app", "10.1.1.0/24")
    );
    let result = imported(&[&template_of(&resources)]);
    let expected = [
        ("vnet".to_owned(), TEMPLATE_RESOURCE_GROUP.to_owned(), vec!["app 10.1.1.0/24".to_owned()]),
        (
            "vnet (deployment spoke)".to_owned(),
            TEMPLATE_RESOURCE_GROUP.to_owned(),
            vec!["x 10.2.1.0/24".to_owned()],
        ),
    ];
    assert_eq!(networks(&result), expected);
}

#[test]
fn a_list_too_long_to_copy_is_noted_as_such_and_a_pool_finds_its_cluster_by_built_name() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let spaces: Vec<String> = (0..200).map(|index| format!("10.{index}.0.0/16")).collect();
    template["parameters"]["spaces"] = serde_json::json!({ "type": "array", "defaultValue": spaces });
    template["resources"][0]["properties"]["networkProfile"]["serviceCidr"] =
        Value::from("[parameters('spaces')]");
    template["parameters"]["prefix"] = serde_json::json!({ "type": "string", "defaultValue": "attach" });
    template["resources"][0]["name"] = Value::from("[format('{0}-aks', parameters('prefix'))]");
    let pool = serde_json::json!({ "type": "Microsoft.ContainerService/managedClusters/agentPools",
        "apiVersion": "2024-02-01", "name": "[concat(parameters('clusterName'), '/user')]",
        "properties": { "count": 5, "mode": "User",
            "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]" } });
    template["resources"].as_array_mut().expect("a list").push(pool);
    let result = imported(&[&template.to_string()]);
    let note = note_at(&result, 0, "/resources/0/properties/networkProfile/serviceCidr");
    assert!(note.contains("longer than any name, range or list"), "{note}");
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!((cluster.name.as_str(), cluster.node_count), ("attach-aks", 8));
}

#[test]
fn a_subnet_resource_stays_on_the_copy_of_its_vnet_the_plan_keeps() {
    let in_group =
        |name: &str, envelope: &str, resources: &str| deployment(name, envelope, "inner", resources);
    let subnets =
        |result: &Imported| networks(result).into_iter().map(|(_, _, subnets)| subnets).collect::<Vec<_>>();
    let s = || vec!["s 10.1.1.0/24".to_owned()];
    let v = || vnet_resource("v", "10.1.0.0/16");
    let sub = || subnet_resource("v/s", "10.1.1.0/24");

    // Declared again by a deployment that names no group, after the subnet.
    let again = format!("{}, {}, {}", v(), sub(), in_group("d", "", &v()));
    assert_eq!(subnets(&imported(&[&template_of(&again)])), [s()]);
    // Declared again in one known group, by a later deployment.
    let later = format!(
        "{}, {}",
        in_group("d1", r#""resourceGroup": "rg1","#, &format!("{}, {}", v(), sub())),
        in_group("d2", r#""resourceGroup": "rg1","#, &v())
    );
    assert_eq!(subnets(&imported(&[&template_of(&later)])), [s()]);
    // Both copies elsewhere, one VNet all the same.
    let elsewhere = format!(
        "{}, {}, {}",
        sub(),
        in_group("d1", r#""resourceGroup": "rg1","#, &v()),
        in_group("d2", r#""resourceGroup": "rg1","#, &v())
    );
    assert_eq!(subnets(&imported(&[&template_of(&elsewhere)])), [s()]);
    // In a deployment that names no group, beside a namesake whose group is unknown.
    let beside = format!(
        "{}, {}, {}",
        v(),
        in_group("d", "", &sub()),
        in_group("d3", r#""resourceGroup": "[parameters('g')]","#, &vnet_resource("v", "10.9.0.0/16"))
    );
    assert_eq!(subnets(&imported(&[&template_of(&beside)])), [s(), vec![]]);
    // Two subscriptions the subnet's deployment may be in: neither.
    let subscriptions = format!(
        "{}, {}, {}",
        in_group("d1", r#""resourceGroup": "rg1", "subscriptionId": "aaaa","#, &v()),
        in_group("d2", r#""resourceGroup": "rg1", "subscriptionId": "bbbb","#, &v()),
        in_group("d3", r#""resourceGroup": "rg1","#, &sub())
    );
    let result = imported(&[&template_of(&subscriptions)]);
    assert_eq!(subnets(&result), [Vec::<String>::new(), vec![]]);
    assert!(note_at(&result, 0, "/resources/2/properties/template/resources/0")
        .contains("declares 2 of that name"));
}

#[test]
fn a_list_of_many_empty_items_is_not_copied_into_every_field() {
    let mut template: Value =
        serde_json::from_str(&template_of(&vnet_resource("v", "10.1.0.0/16"))).expect("JSON");
    let empty = vec![""; 10_000];
    template["parameters"]["p"] = serde_json::json!({ "type": "array", "defaultValue": empty });
    template["resources"][0]["properties"]["addressSpace"]["addressPrefixes"] =
        Value::from("[parameters('p')]");
    let result = imported(&[&template.to_string()]);
    assert_eq!(result.plan.vnets[0].address_prefixes, ["[parameters('p')]"]);
}

#[test]
fn numbers_case_and_split_parts_build_names_and_ranges() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["parameters"]["octet"] = serde_json::json!({ "type": "int", "defaultValue": 2 });
    template["parameters"]["vnetId"] = serde_json::json!({ "type": "string",
        "defaultValue": "/subscriptions/0000/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/Rest-VNet" });
    template["variables"] = serde_json::json!({
        "vnetName": "[toLower(last(split(parameters('vnetId'), '/')))]",
        "group": "[first(split(toUpper('net-rg/x'), '/'))]"
    });
    let profile = &mut template["resources"][0]["properties"];
    profile["networkProfile"]["serviceCidr"] = Value::from("[concat('10.', parameters('octet'), '.0.0/16')]");
    profile["agentPoolProfiles"][0]["vnetSubnetID"] = Value::from(
        "[resourceId(variables('group'), 'Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'aks')]",
    );
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    assert_eq!(cluster.service_cidr, "10.2.0.0/16");
    assert_eq!((cluster.vnet_name(), cluster.subnet_name()), ("rest-vnet", "aks"));
    let notes = notes_at(&result, 0, "/resources/0/properties/agentPoolProfiles/0/vnetSubnetID");
    assert!(notes.iter().any(|note| note.contains("subnet 'aks' of VNet 'rest-vnet'")), "{notes:?}");
    assert!(notes.iter().any(|note| note.contains("of resource group 'NET-RG'")), "{notes:?}");
}

#[test]
fn the_gateway_ingress_add_on_names_the_existing_gateway_it_uses() {
    let cluster = r#"{
      "name": "c", "resourceGroup": "rg", "location": "eastus",
      "agentPoolProfiles": [{ "name": "sys", "mode": "System", "count": 3 }],
      "networkProfile": { "networkPlugin": "kubenet" },
      "addonProfiles": { "ingressApplicationGateway": { "enabled": true, "config": {
        "applicationGatewayId": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/appgw" } } }
    }"#;
    let result = imported(&[cluster]);
    let note = note_at(&result, 0, "/addonProfiles/ingressApplicationGateway");
    assert!(note.contains("uses the existing gateway 'appgw'") && !note.contains('?'), "{note}");
}

/// A template with a `newOrExisting` parameter, as quickstarts write one, and `resources`.
fn template_choosing(default: &str, resources: &[String]) -> String {
    format!(
        r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0",
             "parameters": {{ "vnetNewOrExisting": {{ "type": "string", "defaultValue": "{default}" }},
                              "dense": {{ "type": "bool", "defaultValue": true }} }},
             "resources": [{}] }}"#,
        resources.join(",")
    )
}

/// `resource` with a `condition` written in front of its other fields.
fn conditional(condition: &str, resource: &str) -> String {
    resource.replacen('{', &format!(r#"{{ "condition": {condition},"#), 1)
}

#[test]
fn a_resource_whose_condition_is_false_with_the_stated_values_is_not_imported() {
    let new = r#""[equals(parameters('vnetNewOrExisting'), 'new')]""#;
    let existing = r#""[not(equals(parameters('vnetNewOrExisting'), 'new'))]""#;
    let resources = [
        conditional(new, &vnet_resource("created", "10.0.0.0/16")),
        conditional(existing, &vnet_resource("kept", "10.1.0.0/16")),
        conditional("false", &vnet_resource("never", "10.2.0.0/16")),
        conditional("true", &vnet_resource("always", "10.3.0.0/16")),
    ];
    let result = imported(&[&template_choosing("existing", &resources)]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["kept", "always"]);
    let skipped = note_at(&result, 0, "/resources/0/condition");
    assert!(skipped.contains("which is false") && skipped.contains("not imported"), "{skipped}");
    let kept = note_at(&result, 0, "/resources/1/condition");
    assert!(kept.contains("which holds") && kept.contains("may leave it out"), "{kept}");
    assert!(note_at(&result, 0, "/resources/2/condition").contains("the condition is false"));
    assert!(notes_at(&result, 0, "/resources/3/condition").is_empty());

    // With the other default, the other VNet is the one deployed.
    let result = imported(&[&template_choosing("new", &resources)]);
    let names: Vec<&str> = result.plan.vnets.iter().map(|vnet| vnet.name.as_str()).collect();
    assert_eq!(names, ["created", "always"]);
}

#[test]
fn a_condition_that_cannot_be_evaluated_reads_the_resource_as_if_it_held() {
    // ARM does not document how a text compares with a number, so neither side is guessed.
    let resources = [
        conditional(r#""[equals('1', 1)]""#, &vnet_resource("mixed", "10.0.0.0/16")),
        conditional(r#""[equals(parameters('unknown'), 'new')]""#, &vnet_resource("unknown", "10.1.0.0/16")),
        conditional(r#""[greater('b', 'a')]""#, &vnet_resource("texts", "10.2.0.0/16")),
    ];
    let result = imported(&[&template_choosing("new", &resources)]);
    assert_eq!(result.plan.vnets.len(), 3);
    for index in 0..3 {
        let note = note_at(&result, 0, &format!("/resources/{index}/condition"));
        assert!(note.contains("imported as if it were"), "{note}");
    }
}

#[test]
fn conditions_leave_out_subnets_node_pools_and_whole_deployments() {
    let off = r#""[and(parameters('dense'), equals(parameters('vnetNewOrExisting'), 'new'))]""#;
    let on = r#""[or(parameters('dense'), false())]""#;
    let pool = |name: &str| {
        format!(
            r#"{{ "type": "Microsoft.ContainerService/managedClusters/agentPools", "apiVersion": "2024-02-01",
                "name": "attach-aks/{name}", "properties": {{ "count": 2, "mode": "User",
                "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'net', 'aks')]" }} }}"#
        )
    };
    let mut cluster: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let mut cluster = cluster["resources"][0].take();
    cluster["name"] = "attach-aks".into();
    cluster["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] =
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'net', 'aks')]".into();
    let resources = [
        vnet_resource("net", "10.0.0.0/16"),
        subnet_resource("net/aks", "10.0.0.0/22"),
        conditional(off, &subnet_resource("net/spare", "10.0.8.0/24")),
        conditional(on, &subnet_resource("net/used", "10.0.9.0/24")),
        cluster.to_string(),
        conditional(off, &pool("skipped")),
        conditional(on, &pool("extra")),
        conditional(off, &deployment("hidden", "", "inner", &vnet_resource("hidden-vnet", "10.9.0.0/16"))),
    ];
    let result = imported(&[&template_choosing("existing", &resources)]);
    assert_eq!(
        networks(&result),
        [(
            "net".to_owned(),
            TEMPLATE_RESOURCE_GROUP.to_owned(),
            vec!["aks 10.0.0.0/22".to_owned(), "used 10.0.9.0/24".to_owned()]
        )]
    );
    // The system pool's 3 nodes and the extra pool's 2; the skipped pool's 2 are not there.
    assert_eq!(result.plan.aks_clusters[0].node_count, 5);
    for index in [2, 5, 7] {
        assert!(note_at(&result, 0, &format!("/resources/{index}/condition")).contains("which is false"));
    }
}

#[test]
fn if_replace_substring_and_conversions_build_names_ranges_and_counts() {
    let resource = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
        "name": "[if(equals(parameters('vnetNewOrExisting'), 'new'), concat('hub-', substring('production', 0, 4)), 'hub-old')]",
        "location": "eastus2",
        "properties": { "addressSpace": { "addressPrefixes": ["[replace('10.X.0.0/16', 'X', string(int('7')))]"] },
          "subnets": [{ "name": "[substring('aks-nodes', 4)]", "properties": { "addressPrefix": "[if(parameters('dense'), '10.7.0.0/22', '10.7.0.0/24')]" } }] } }"#;
    let result = imported(&[&template_choosing("new", &[resource.to_owned()])]);
    assert_eq!(
        networks(&result),
        [("hub-prod".to_owned(), TEMPLATE_RESOURCE_GROUP.to_owned(), vec!["nodes 10.7.0.0/22".to_owned()])]
    );
    assert_eq!(result.plan.vnets[0].address_prefixes, ["10.7.0.0/16"]);
    let note = note_at(&result, 0, "/resources/0/name");
    assert!(note.contains("comes to 'hub-prod'"), "{note}");

    // Out of range, ARM fails the deployment: the expression stays as written.
    let beyond = resource.replace("substring('aks-nodes', 4)", "substring('aks', 4)");
    let result = imported(&[&template_choosing("new", &[beyond])]);
    assert_eq!(result.plan.vnets[0].subnets[0].name, "[substring('aks', 4)]");
}

#[test]
fn a_count_that_an_expression_computes_is_read_and_noted() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["parameters"]["dense"] = serde_json::json!({ "type": "bool", "defaultValue": false });
    template["resources"][0]["properties"]["agentPoolProfiles"][0]["maxPods"] =
        "[if(parameters('dense'), 250, 50)]".into();
    let result = imported(&[&template.to_string()]);
    assert_eq!(result.plan.aks_clusters[0].max_pods, Some(50));
    let note = note_at(&result, 0, "/resources/0/properties/agentPoolProfiles/0/maxPods");
    assert!(note.contains("comes to '50'"), "{note}");
}

/// A VNet whose subnets a property copy loop builds from a list parameter, as compiled Bicep
/// writes `subnets: [for subnet in subnets: {…}]`.
const TEMPLATE_SUBNET_LOOP: &str = include_str!("fixtures/template-bicep-loops.json");

#[test]
fn a_subnet_copy_loop_builds_each_subnet_from_its_list_item() {
    let result = imported(&[TEMPLATE_SUBNET_LOOP]);
    assert_eq!(
        networks(&result),
        [(
            "looped".to_owned(),
            TEMPLATE_RESOURCE_GROUP.to_owned(),
            vec!["aks 10.40.0.0/22".to_owned(), "aci 10.40.4.0/24".to_owned()]
        )]
    );
    let delegations: Vec<&[String]> =
        result.plan.vnets[0].subnets.iter().map(|subnet| subnet.delegations.as_slice()).collect();
    assert_eq!(delegations, [&[][..], &["Microsoft.ContainerInstance/containerGroups".to_owned()][..]]);
    let note = note_at(&result, 0, "/resources/0/properties/copy/0");
    assert!(note.contains("builds 2 subnets") && note.contains("aks, aci"), "{note}");
    assert!(notes_at(&result, 0, "/resources/0/properties/copy").is_empty());
    // What a value comes to is said for the first copy, which shows how the loop builds it.
    let names = notes_at(&result, 0, "/resources/0/properties/copy/0/input/name");
    assert!(matches!(names.as_slice(), [only] if only.contains("comes to 'aks'")), "{names:?}");
}

#[test]
fn a_subnet_copy_loop_whose_list_is_unknown_imports_no_subnet_and_says_so() {
    let template = TEMPLATE_SUBNET_LOOP.replace(
        r#""count": "[length(parameters('subnets'))]""#,
        r#""count": "[length(parameters('elsewhere'))]""#,
    );
    let result = imported(&[&template]);
    assert!(result.plan.vnets[0].subnets.is_empty());
    let notes = notes_at(&result, 0, "/resources/0/properties/copy/0");
    assert!(notes.iter().any(|note| note.contains("subnets it builds are not imported")), "{notes:?}");
}

#[test]
fn a_subnet_loop_that_runs_past_its_list_imports_no_subnet_rather_than_an_unnamed_one() {
    // ARM fails the deployment at the third copy, whose item does not exist.
    let template =
        TEMPLATE_SUBNET_LOOP.replace(r#""count": "[length(parameters('subnets'))]""#, r#""count": 3"#);
    let result = imported(&[&template]);
    assert!(result.plan.vnets[0].subnets.is_empty());
    let notes = notes_at(&result, 0, "/resources/0/properties/copy/0");
    assert!(notes.iter().any(|note| note.contains("cannot tell apart the names")), "{notes:?}");
}

#[test]
fn subnets_and_delegations_written_as_a_parameter_are_read_from_its_list() {
    let template = r#"{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {
        "subnets": { "type": "array", "defaultValue": [{ "name": "aks", "properties": { "addressPrefix": "10.50.0.0/22" } }] },
        "aciDelegations": { "type": "array", "defaultValue": [{ "name": "d", "properties": { "serviceName": "Microsoft.ContainerInstance/containerGroups" } }] }
      },
      "resources": [
        { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "given", "location": "eastus2",
          "properties": { "addressSpace": { "addressPrefixes": ["10.50.0.0/16"] }, "subnets": "[parameters('subnets')]" } },
        { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01", "name": "given/aci",
          "properties": { "addressPrefix": "10.50.4.0/24", "delegations": "[parameters('aciDelegations')]" } },
        { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01", "name": "given/other",
          "properties": { "addressPrefix": "10.50.5.0/24", "delegations": "[parameters('unknown')]" } }
      ]
    }"#;
    let result = imported(&[template]);
    let subnets: Vec<(&str, &[String])> = result.plan.vnets[0]
        .subnets
        .iter()
        .map(|subnet| (subnet.name.as_str(), subnet.delegations.as_slice()))
        .collect();
    let aci = ["Microsoft.ContainerInstance/containerGroups".to_owned()];
    assert_eq!(subnets, [("aks", &[][..]), ("aci", &aci[..]), ("other", &[][..])]);
    assert!(note_at(&result, 0, "/resources/0/properties/subnets").contains("comes to a list of 1"));
    let unknown = note_at(&result, 0, "/resources/2/properties/delegations");
    assert!(unknown.contains("cannot evaluate") && unknown.contains("without them"), "{unknown}");
}

#[test]
fn vnet_and_subnet_resources_that_a_copy_loop_repeats_are_imported_once_per_copy() {
    let template = r#"{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": { "vnetName": { "type": "string", "defaultValue": "same" } },
      "variables": { "subnetList": [{ "name": "aks", "prefix": "10.1.0.0/22" }, { "name": "aci", "prefix": "10.1.4.0/24" }] },
      "resources": [
        { "copy": { "name": "spokes", "count": 2 }, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
          "name": "[format('spoke-{0}', copyIndex(1))]", "location": "eastus2",
          "properties": { "addressSpace": { "addressPrefixes": ["[format('10.{0}.0.0/16', copyIndex(1))]"] } } },
        { "copy": { "name": "subnetLoop", "count": "[length(variables('subnetList'))]", "mode": "serial", "batchSize": 1 },
          "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01",
          "name": "[format('{0}/{1}', 'spoke-1', variables('subnetList')[copyIndex()].name)]",
          "properties": { "addressPrefix": "[variables('subnetList')[copyIndex('subnetLoop')].prefix]" } },
        { "copy": { "name": "twins", "count": 2 }, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
          "name": "[parameters('vnetName')]", "location": "eastus2",
          "properties": { "addressSpace": { "addressPrefixes": ["10.9.0.0/16"] } } },
        { "copy": { "name": "none", "count": 0 }, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
          "name": "[format('never-{0}', copyIndex())]", "location": "eastus2",
          "properties": { "addressSpace": { "addressPrefixes": ["10.8.0.0/16"] } } }
      ]
    }"#;
    let result = imported(&[template]);
    let vnets: Vec<(&str, &[String], usize)> = result
        .plan
        .vnets
        .iter()
        .map(|vnet| (vnet.name.as_str(), vnet.address_prefixes.as_slice(), vnet.subnets.len()))
        .collect();
    let space = |prefix: &str| vec![prefix.to_owned()];
    assert_eq!(
        vnets,
        [
            ("spoke-1", &space("10.1.0.0/16")[..], 2),
            ("spoke-2", &space("10.2.0.0/16")[..], 0),
            ("same", &space("10.9.0.0/16")[..], 0)
        ]
    );
    assert_eq!(networks(&result)[0].2, ["aks 10.1.0.0/22", "aci 10.1.4.0/24"]);
    assert!(note_at(&result, 0, "/resources/0/copy").contains("2 times, from 'spoke-1' to 'spoke-2'"));
    assert!(note_at(&result, 0, "/resources/2/copy").contains("cannot tell its copies' names apart"));
    assert!(note_at(&result, 0, "/resources/3/copy").contains("count is 0"));
    // The loop is read, so the note that it is not expanded would be false.
    assert!(notes_at(&result, 0, "/resources/1/copy").iter().all(|note| !note.contains("does not expand")));
}

#[test]
fn children_of_a_resource_its_condition_leaves_out_are_still_deployed_and_say_where() {
    let new = r#""[equals(parameters('vnetNewOrExisting'), 'new')]""#;
    let vnet = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net",
        "location": "eastus2", "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } },
        "resources": [{ "type": "subnets", "apiVersion": "2023-09-01", "name": "inside",
                        "properties": { "addressPrefix": "10.0.0.0/22" } }] }"#;
    let mut cluster: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let mut cluster = cluster["resources"][0].take();
    cluster["name"] = "attach-aks".into();
    let pool = r#"{ "type": "Microsoft.ContainerService/managedClusters/agentPools", "apiVersion": "2024-02-01",
        "name": "attach-aks/user", "properties": { "count": 2, "mode": "User" } }"#;
    let resources = [
        conditional(new, vnet),
        subnet_resource("net/outside", "10.0.4.0/24"),
        conditional(new, &cluster.to_string()),
        pool.to_owned(),
        vnet_resource("other", "10.9.0.0/16"),
    ];
    let result = imported(&[&template_choosing("existing", &resources)]);
    assert_eq!(networks(&result), [("other".to_owned(), TEMPLATE_RESOURCE_GROUP.to_owned(), vec![])]);
    assert!(result.plan.aks_clusters.is_empty());
    for pointer in ["/resources/0/resources/0", "/resources/1", "/resources/3"] {
        let note = note_at(&result, 0, pointer);
        assert!(
            note.contains("does not reach child resources") && note.contains("existing"),
            "{pointer}: {note}"
        );
    }
}

#[test]
fn a_template_whose_values_leave_everything_out_says_so_rather_than_that_it_declares_nothing() {
    let new = r#""[equals(parameters('vnetNewOrExisting'), 'new')]""#;
    let template = template_choosing("existing", &[conditional(new, &vnet_resource("net", "10.0.0.0/16"))]);
    let error = import(&[&template]).err().map(|error| error.to_string()).unwrap_or_default();
    assert!(
        error.contains("left out by its condition") && !error.contains("declares no virtual network"),
        "{error}"
    );
}

#[test]
fn conditions_follow_arm_where_it_refuses_a_call_stops_early_or_converts_a_number() {
    let cases = [
        // ARM refuses these calls, so the condition stays open.
        (r#""[equals(substring('abc'), 'abc')]""#, "imported as if"),
        (r#""[equals(toLower(7), '7')]""#, "imported as if"),
        (r#""[equals(replace(100, '1', '2'), '200')]""#, "imported as if"),
        // .NET upper-cases ß as itself, Rust as SS: neither is guessed.
        (r#""[equals(toUpper('straße'), 'STRASSE')]""#, "imported as if"),
        // `and` stops at its first false argument, `or` at its first true one.
        (
            r#""[and(not(empty(parameters('vnetNewOrExisting'))), equals(parameters('unknown').mode, 'x'))]""#,
            "which is false",
        ),
        (r#""[or(empty(parameters('vnetNewOrExisting')), parameters('unknown'))]""#, "which holds"),
        // Every whole number but 0 is true.
        (r#""[not(bool(2))]""#, "which is false"),
    ];
    for (condition, expected) in cases {
        let template = template_choosing("", &[conditional(condition, &vnet_resource("net", "10.0.0.0/16"))]);
        let notes = match import(&[&template]) {
            Ok(result) => notes_at(&result, 0, "/resources/0/condition").join(" "),
            Err(error) => error.to_string(),
        };
        assert!(notes.contains(expected), "{condition}: {notes}");
    }
}

#[test]
fn node_pools_a_copy_loop_builds_from_a_list_count_each_items_nodes() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["parameters"]["pools"] = serde_json::json!({ "type": "array", "defaultValue": [
        { "name": "system", "count": 3, "mode": "System", "maxPods": 50 },
        { "name": "user", "count": 20, "mode": "User", "maxPods": 110 }
    ] });
    let properties = &mut template["resources"][0]["properties"];
    let mut input = properties["agentPoolProfiles"][0].clone();
    let item = |key: &str| format!("[parameters('pools')[copyIndex('agentPoolProfiles')].{key}]");
    for key in ["name", "count", "mode", "maxPods"] {
        input[key] = item(key).into();
    }
    properties.as_object_mut().expect("properties").remove("agentPoolProfiles");
    properties["copy"] = serde_json::json!([{ "name": "agentPoolProfiles", "count": "[length(parameters('pools'))]", "input": input }]);
    let result = imported(&[&template.to_string()]);
    let cluster = &result.plan.aks_clusters[0];
    // Before, each copy's count stayed an unresolved expression and counted no node.
    assert_eq!((cluster.node_count, cluster.max_pods, cluster.subnet_name()), (23, Some(110), "aks"));
    let copy = notes_at(&result, 0, "/resources/0/properties/copy/0");
    assert!(
        copy.iter().any(|note| note.contains("builds 2 node pools from one input: system, user")),
        "{copy:?}"
    );
}

#[test]
fn a_parameter_file_imported_with_its_template_gives_the_values_it_deploys_with() {
    let new = r#""[equals(parameters('vnetNewOrExisting'), 'new')]""#;
    let template = template_choosing("existing", &[conditional(new, &vnet_resource("net", "10.0.0.0/16"))]);
    let file = r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "VnetNewOrExisting": { "value": "new" }, "vnetNewOrExistng": { "value": "new" } } }"#;
    // Whatever the order of the documents.
    for documents in [[file, template.as_str()], [template.as_str(), file]] {
        let result = imported(&documents);
        let file_at = documents.iter().position(|document| *document == file).unwrap_or_default();
        let template_at = 1 - file_at;
        assert_eq!(networks(&result)[0].0, "net");
        let condition = note_at(&result, template_at, "/resources/0/condition");
        assert!(
            condition.contains("which holds") && condition.contains("its deployment passes"),
            "{condition}"
        );
        assert!(note_at(&result, file_at, "").contains("for 1 parameters"));
        let typo = note_at(&result, file_at, "/parameters/vnetNewOrExistng");
        assert!(typo.contains(&format!("template of document {},", template_at + 1)), "{typo}");
        assert!(typo.contains("does not declare parameter"), "{typo}");
    }
    // Without the file, the template's default leaves the VNet out.
    assert!(import(&[&template]).is_err());
}

/// A template whose VNet resource loop makes one VNet per item of parameter `vnets` (default:
/// the items `vnets`, JSON objects with a name, a prefix and subnets), each with a subnet
/// property loop over the item's subnets, as compiled Bicep writes a loop in a loop.
fn vnets_looped_with_subnets(vnets: &str) -> String {
    format!(
        r#"{{ {SCHEMA}, "parameters": {{ "vnets": {{ "type": "array", "defaultValue": [{vnets}] }} }},
      "resources": [{{
        "copy": {{ "name": "vnetLoop", "count": "[length(parameters('vnets'))]" }},
        "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
        "name": "[parameters('vnets')[copyIndex()].name]", "location": "eastus2",
        "properties": {{ "addressSpace": {{ "addressPrefixes": ["[parameters('vnets')[copyIndex()].prefix]"] }},
          "copy": [{{ "name": "subnets", "count": "[length(parameters('vnets')[copyIndex()].subnets)]",
            "input": {{ "name": "[parameters('vnets')[copyIndex()].subnets[copyIndex('subnets')].name]",
              "properties": {{ "addressPrefix": "[parameters('vnets')[copyIndex('vnetLoop')].subnets[copyIndex('subnets')].prefix]" }} }} }}] }} }}] }}"#
    )
}

/// Learn (copyIndex): "If no value is provided for loopName, the current resource type iteration
/// is used"; copy-properties.md: resource and property iterations can be used together. Compiled
/// Bicep writes a nested loop's outer item as `parameters('vnets')[copyIndex()]`.
#[test]
fn a_property_loop_inside_a_resource_loop_still_reads_the_resource_copy_index() {
    let template = vnets_looped_with_subnets(
        r#"{ "name": "hub", "prefix": "10.0.0.0/16", "subnets": [{ "name": "a", "prefix": "10.0.0.0/24" }] },
          { "name": "spoke", "prefix": "10.1.0.0/16", "subnets": [{ "name": "b", "prefix": "10.1.0.0/24" }, { "name": "c", "prefix": "10.1.1.0/24" }] }"#,
    );
    let result = imported(&[&template]);
    let subnets: Vec<Vec<String>> = networks(&result).into_iter().map(|(_, _, subnets)| subnets).collect();
    assert_eq!(subnets, [vec!["a 10.0.0.0/24"], vec!["b 10.1.0.0/24", "c 10.1.1.0/24"]]);
}

/// ARM evaluates a copied resource's condition for each copy; Bicep compiles
/// `[for a in list: if (a.enabled) {…}]` to `"condition": "[parameters('list')[copyIndex()].enabled]"`.
#[test]
fn a_filtered_resource_loop_imports_only_the_copies_its_condition_keeps() {
    let template = r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": { "vnets": { "type": "array", "defaultValue": [
          { "name": "on", "prefix": "10.0.0.0/16", "enabled": true }, { "name": "off", "prefix": "10.1.0.0/16", "enabled": false } ] } },
      "resources": [{
        "condition": "[parameters('vnets')[copyIndex()].enabled]",
        "copy": { "name": "vnetLoop", "count": "[length(parameters('vnets'))]" },
        "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
        "name": "[parameters('vnets')[copyIndex()].name]", "location": "eastus2",
        "properties": { "addressSpace": { "addressPrefixes": ["[parameters('vnets')[copyIndex()].prefix]"] } } }]
    }"#;
    let result = imported(&[template]);
    let names: Vec<String> = networks(&result).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(names, ["on"]);
}

/// Learn's own child loop (copy-resources.md) names copies `format('parent/child{0}', copyIndex())`.
#[test]
fn a_copied_subnet_whose_name_joins_parent_and_index_in_one_text_is_attached() {
    let template = template_choosing(
        "",
        &[
            vnet_resource("net", "10.0.0.0/16"),
            subnet_resource("[format('net/sub{0}', copyIndex())]", "[format('10.0.{0}.0/24', copyIndex())]")
                .replacen('{', r#"{ "copy": { "name": "subnetLoop", "count": 2 },"#, 1),
        ],
    );
    let result = imported(&[&template]);
    assert_eq!(networks(&result)[0].2, ["sub0 10.0.0.0/24", "sub1 10.0.1.0/24"]);
}

/// ARM: "800 resources (including copy count)", and at most 4 MB once loops are expanded
/// (Learn, template limits). A 650-byte template must not make 640,000 subnets.
#[test]
fn nested_loops_do_not_multiply_past_what_arm_deploys() {
    let template = r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [{ "copy": { "name": "vl", "count": 800 }, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
          "name": "[format('v{0}', copyIndex())]", "location": "eastus2",
          "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/8"] },
            "copy": [{ "name": "subnets", "count": 800, "input": { "name": "[format('s{0}', copyIndex('subnets'))]",
               "properties": { "addressPrefix": "[format('10.{0}.0.0/24', copyIndex('subnets'))]" } } }] } }] }"#;
    let result = import(&[template]).expect("imports");
    let subnets: usize = result.plan.vnets.iter().map(|vnet| vnet.subnets.len()).sum();
    // Before the limit: 640,000 subnets and 1,281,603 notes (224 MB of text, 1.1 GB resident).
    assert!(
        subnets <= 50_000 && result.notes.len() <= 10_000,
        "{subnets} subnets, {} notes",
        result.notes.len()
    );
}

/// A note that says the same thing at the same place once per copy says nothing more.
#[test]
fn a_copy_loop_does_not_repeat_the_same_note_for_every_copy() {
    let template = TEMPLATE_SUBNET_LOOP
        .replace(r#""count": "[length(parameters('subnets'))]""#, r#""count": 2"#)
        .replace(
            r#""addressPrefix": "[parameters('subnets')[copyIndex('subnets')]['prefix']]""#,
            r#""addressPrefix": "10.40.0.0/24", "serviceEndpoints": [{ "service": "Microsoft.Storage" }]"#,
        );
    let result = imported(&[&template]);
    let pointer = "/resources/0/properties/copy/0/input/properties/serviceEndpoints";
    assert_eq!(notes_at(&result, 0, pointer).len(), 1, "{:?}", notes_at(&result, 0, pointer));
}

/// A loop of count 0 declares a VNet all the same; and ARM refuses a count over 800
/// (copy-properties.md: "The count can't exceed 800"), which is not 800 subnets.
#[test]
fn count_zero_and_count_over_800_are_not_misreported() {
    let zero = TEMPLATE_SUBNET_LOOP.replace(
        r#""name": "looped","#,
        r#""name": "[format('v{0}', copyIndex())]", "copy": { "name": "l", "count": 0 },"#,
    );
    let error = import(&[&zero]).err().map(|error| error.to_string()).unwrap_or_default();
    assert!(!error.contains("declares no virtual network"), "{error}");
}

#[test]
fn count_over_800_is_not_reported_as_800_copies() {
    let over =
        TEMPLATE_SUBNET_LOOP.replace(r#""count": "[length(parameters('subnets'))]""#, r#""count": 801"#);
    let result = imported(&[&over]);
    let notes = notes_at(&result, 0, "/resources/0/properties/copy/0");
    assert!(notes.iter().all(|note| !note.contains("builds 800 subnets")), "{notes:?}");
    assert!(notes.iter().any(|note| note.contains("more than the 800 copies ARM allows")), "{notes:?}");
}

#[test]
fn bicep_range_loops_contains_and_null_settings_are_read() {
    // `subnets: [for i in range(0, count): {…}]`, with settings an item may lack written as
    // Bicep writes `contains(item, 'x') ? item.x : …` and `json('null')`.
    let template = r#"{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {
        "count": { "type": "int", "defaultValue": 2 },
        "settings": { "type": "array", "defaultValue": [
          { "nsg": "aks-nsg" },
          { "delegations": [{ "name": "d", "properties": { "serviceName": "Microsoft.ContainerInstance/containerGroups" } }] }
        ] }
      },
      "resources": [{
        "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "ranged", "location": "eastus2",
        "properties": {
          "addressSpace": { "addressPrefixes": ["10.70.0.0/16"] },
          "copy": [{ "name": "subnets", "count": "[length(range(0, parameters('count')))]", "input": {
            "name": "[format('snet-{0}', range(0, parameters('count'))[copyIndex('subnets')])]",
            "properties": {
              "addressPrefix": "[format('10.70.{0}.0/24', range(0, parameters('count'))[copyIndex('subnets')])]",
              "networkSecurityGroup": "[if(contains(parameters('settings')[copyIndex('subnets')], 'NSG'), createObject('id', 'x'), json('null'))]",
              "delegations": "[if(contains(parameters('settings')[copyIndex('subnets')], 'delegations'), parameters('settings')[copyIndex('subnets')].delegations, createArray())]"
            } } }]
        }
      }]
    }"#;
    let result = imported(&[template]);
    let subnets: Vec<(&str, &str, usize)> = result.plan.vnets[0]
        .subnets
        .iter()
        .map(|subnet| (subnet.name.as_str(), subnet.address_prefix.as_str(), subnet.delegations.len()))
        .collect();
    assert_eq!(subnets, [("snet-0", "10.70.0.0/24", 0), ("snet-1", "10.70.1.0/24", 1)]);
    // The second item has no NSG, which its expression says with json('null') and a note says
    // holds for the defaults only; the first's `createObject` is not evaluated, so its NSG is
    // still noted.
    let nsg = notes_at(&result, 0, "/resources/0/properties/copy/0/input/properties/networkSecurityGroup");
    assert_eq!(nsg.len(), 2, "{nsg:?}");
    assert!(nsg.iter().any(|note| note.contains("filters this subnet's traffic")), "{nsg:?}");
    assert!(nsg.iter().any(|note| note.contains("comes to nothing")), "{nsg:?}");
}

const SCHEMA: &str = r#""$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0""#;

/// A deployment parameter file with `parameters` (JSON fields).
fn parameter_file(parameters: &str) -> String {
    format!(
        r#"{{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
             "contentVersion": "1.0.0.0", "parameters": {{ {parameters} }} }}"#
    )
}

/// A template whose one VNet is named by its parameter `vnetName` (default `default`), with
/// `extra` parameters (JSON fields, each preceded by a comma).
fn template_named_by_parameter(default: &str, extra: &str, space: &str) -> String {
    format!(
        r#"{{ {SCHEMA}, "parameters": {{ "vnetName": {{ "type": "string", "defaultValue": "{default}" }} {extra} }},
             "resources": [{}] }}"#,
        vnet_resource("[parameters('vnetName')]", space)
    )
}

/// Learn, ARM parameter-files.md: the file's parameter names must match the template's; ARM
/// refuses the hub template with a file that gives `spokeOnly`, so the file is the spoke's.
/// Given to both, it would rename the hub after the spoke and the hub would be lost.
#[test]
fn a_parameter_file_goes_only_to_a_template_that_can_take_it() {
    let hub = template_named_by_parameter("hub-vnet", "", "10.0.0.0/16");
    let spoke = template_named_by_parameter(
        "spoke-vnet",
        r#", "spokeOnly": { "type": "string", "defaultValue": "x" }"#,
        "10.1.0.0/16",
    );
    let file = parameter_file(r#""vnetName": { "value": "spoke-prod" }, "spokeOnly": { "value": "y" }"#);
    let result = imported(&[&hub, &spoke, &file]);
    let names: Vec<String> = networks(&result).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(names, ["hub-vnet", "spoke-prod"], "{:#?}", result.notes);
    assert!(note_at(&result, 2, "").contains("the template of document 2 takes its values for 2 parameters"));
}

/// Two templates that both declare every parameter of a file could each be its deployment's:
/// neither takes it, rather than both becoming one VNet.
#[test]
fn a_parameter_file_that_fits_two_templates_goes_to_neither() {
    let hub = template_named_by_parameter("hub-vnet", "", "10.0.0.0/16");
    let spoke = template_named_by_parameter("spoke-vnet", "", "10.1.0.0/16");
    let file = parameter_file(r#""vnetName": { "value": "prod" }"#);
    let result = imported(&[&hub, &file, &spoke]);
    let names: Vec<String> = networks(&result).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(names, ["hub-vnet", "spoke-vnet"]);
    let note = note_at(&result, 1, "");
    assert!(note.contains("documents 1, 3 could each go with"), "{note}");
}

/// `az deployment group create --parameters a.json --parameters b.json`: the later file wins, so
/// the template takes no value from the first, whose note says so.
#[test]
fn a_parameter_file_whose_values_a_later_file_replaces_does_not_claim_them() {
    let template = template_named_by_parameter("dflt", "", "10.0.0.0/16");
    let first = parameter_file(r#""vnetName": { "value": "first" }"#);
    let second = parameter_file(r#""VNETNAME": { "value": "second" }"#);
    let result = imported(&[&template, &first, &second]);
    assert_eq!(networks(&result)[0].0, "second");
    let note = note_at(&result, 1, "");
    assert!(note.contains("for 0 parameters") && note.contains("a later one's for vnetName"), "{note}");
}

/// A parameter file imported without its template: what is missing is the template, not a
/// parameter in it.
#[test]
fn a_parameter_file_alone_does_not_say_its_template_lacks_the_parameters() {
    let file = parameter_file(r#""vnetName": { "value": "spoke-prod" }"#);
    let error = import(&[&file]).err().map(|error| error.to_string()).unwrap_or_default();
    assert!(!error.contains("fails until the template declares it"), "{error}");
    assert!(error.contains("imported with no template"), "{error}");
}

/// A copied resource's condition that holds is noted as one written once is: a deployment that
/// passes other values may leave the copies out.
#[test]
fn a_copied_resources_condition_that_holds_is_noted() {
    let new = r#""[equals(parameters('vnetNewOrExisting'), 'new')]""#;
    let vnet = conditional(new, &vnet_resource("[format('v{0}', copyIndex())]", "10.0.0.0/16")).replacen(
        '{',
        r#"{ "copy": { "name": "l", "count": 2 },"#,
        1,
    );
    let result = imported(&[&template_choosing("new", &[vnet])]);
    assert_eq!(networks(&result).len(), 2);
    let notes = notes_at(&result, 0, "/resources/0/condition");
    assert!(notes.iter().any(|note| note.contains("which holds")), "{notes:?}");
}

/// Learn, conditional-resource-deployment.md: a condition does not reach child resources, so the
/// nested subnet of a copy that its condition leaves out is still deployed, as a note says.
#[test]
fn a_nested_subnet_of_a_copy_its_condition_leaves_out_is_noted() {
    let vnet = r#"{ "condition": "[not(equals(copyIndex(), 1))]", "copy": { "name": "l", "count": 2 },
        "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "[format('v{0}', copyIndex())]",
        "location": "eastus2", "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } },
        "resources": [{ "type": "subnets", "apiVersion": "2023-09-01", "name": "inside", "properties": { "addressPrefix": "10.0.0.0/22" } }] }"#;
    let result = imported(&[&format!(r#"{{ {SCHEMA}, "resources": [{vnet}] }}"#)]);
    assert_eq!(networks(&result)[0].0, "v0");
    let notes = notes_at(&result, 0, "/resources/0/resources/0");
    assert!(notes.iter().any(|note| note.contains("does not reach child resources")), "{notes:?}");
}

/// What a value comes to is noted for the first copy that reads it, even when the loop's first
/// copy does not (its subnet loop is empty).
#[test]
fn a_value_only_a_later_copy_reads_is_still_noted_once() {
    let template = vnets_looped_with_subnets(
        r#"{ "name": "hub", "prefix": "10.0.0.0/16", "subnets": [] },
          { "name": "spoke", "prefix": "10.1.0.0/16", "subnets": [{ "name": "b", "prefix": "10.1.0.0/24" }] }"#,
    );
    let result = imported(&[&template]);
    assert_eq!(networks(&result)[1].2, ["b 10.1.0.0/24"]);
    let notes = notes_at(&result, 0, "/resources/0/properties/copy/0/input/properties/addressPrefix");
    assert!(notes.iter().any(|note| note.contains("comes to '10.1.0.0/24'")), "{notes:?}");
}

/// Compiled Bicep names a child subnet `format('{0}/{1}', parameters('vnetName'),
/// parameters('subnetName'))`: the note says which parameter's default names the subnet.
#[test]
fn a_subnet_named_parent_and_child_by_parameters_notes_where_its_name_comes_from() {
    let template = format!(
        r#"{{ {SCHEMA}, "parameters": {{ "vnetName": {{ "type": "string", "defaultValue": "net" }},
              "subnetName": {{ "type": "string", "defaultValue": "aks" }} }}, "resources": [{}, {}] }}"#,
        vnet_resource("[parameters('vnetName')]", "10.0.0.0/16"),
        subnet_resource(
            "[format('{0}/{1}', parameters('vnetName'), parameters('subnetName'))]",
            "10.0.0.0/24"
        )
    );
    let result = imported(&[&template]);
    assert_eq!(networks(&result)[0].2, ["aks 10.0.0.0/24"]);
    let notes = notes_at(&result, 0, "/resources/1/name");
    assert!(notes.iter().any(|note| note.contains("subnetName")), "{notes:?}");
}

/// Learn, template-functions-array.md, range: count "Must be non-negative integer up to 10000"
/// and "The sum of startIndex and count must be no greater than 2147483647": ARM refuses these.
#[test]
fn range_follows_arms_limits() {
    for condition in
        [r#""[equals(length(range(0, 10001)), 10001)]""#, r#""[equals(length(range(2147483647, 1)), 1)]""#]
    {
        let template = template_choosing("", &[conditional(condition, &vnet_resource("net", "10.0.0.0/16"))]);
        let result = imported(&[&template]);
        let note = note_at(&result, 0, "/resources/0/condition");
        assert!(note.contains("imported as if"), "{condition}: {note}");
    }
}

/// ARM deploys at most 800 resources from a template, copies included: clusters' copy loops
/// count toward the document's limit of items built, as VNets and subnets do.
#[test]
fn copied_clusters_do_not_multiply_past_what_arm_deploys() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    let resources: Vec<Value> = (0..10)
        .map(|r| {
            let mut cluster = template["resources"][0].clone();
            cluster["name"] = format!("[format('c{r}-{{0}}', copyIndex())]").into();
            cluster["copy"] = serde_json::json!({ "name": format!("l{r}"), "count": 800 });
            cluster
        })
        .collect();
    template["resources"] = Value::Array(resources);
    let result = import(&[&template.to_string()]).expect("imports");
    assert_eq!(result.plan.aks_clusters.len(), 5_000);
    let limit = notes_at(&result, 0, "/resources/6/copy");
    assert!(limit.iter().any(|note| note.contains("more than 5000 items")), "{limit:?}");
}

/// ARM counts every copy toward a template's resources, whatever its condition decides: copies
/// left out count toward the limit of items built, so that no number of them costs more.
#[test]
fn copies_a_condition_leaves_out_count_toward_the_limit() {
    let mut resources: Vec<String> = (0..4)
        .map(|r| {
            format!(
                r#"{{ "condition": false, "copy": {{ "name": "l{r}", "count": 800 }}, "type": "Microsoft.Network/virtualNetworks",
                    "apiVersion": "2023-09-01", "name": "[format('v{r}-{{0}}', copyIndex())]",
                    "properties": {{ "addressSpace": {{ "addressPrefixes": ["10.0.0.0/16"] }} }} }}"#
            )
        })
        .collect();
    resources.extend((0..7).map(|r| {
        subnet_resource(&format!("[format('v0-{r}/s{{0}}', copyIndex())]"), "10.0.0.0/24").replacen(
            '{',
            &format!(r#"{{ "copy": {{ "name": "s{r}", "count": 800 }},"#),
            1,
        )
    }));
    resources.push(vnet_resource("keep", "10.9.0.0/16"));
    let template = format!(r#"{{ {SCHEMA}, "resources": [{}] }}"#, resources.join(","));
    let result = imported(&[&template]);
    assert_eq!(networks(&result)[0].0, "keep");
    let condition = note_at(&result, 0, "/resources/0/condition");
    assert!(condition.contains("the condition is false: Azure deploys no copy"), "{condition}");
    let limit = notes_at(&result, 0, "/resources/6/copy");
    assert!(limit.iter().any(|note| note.contains("more than 5000 items")), "{limit:?}");
    // The copies of the first subnet loop name VNet copies that are left out.
    let orphans = notes_at(&result, 0, "/resources/4");
    assert!(orphans.iter().any(|note| note.contains("does not reach child resources")), "{orphans:?}");
}

/// A subnet setting that comes to nothing only with the parameters' defaults is noted, as every
/// other value taken from the defaults is.
#[test]
fn a_setting_that_comes_to_nothing_only_with_defaults_is_noted() {
    let subnet = r#"{ "name": "aks", "properties": { "addressPrefix": "10.0.0.0/24",
        "networkSecurityGroup": "[if(empty(parameters('nsgId')), json('null'), createObject('id', parameters('nsgId')))]" } }"#;
    let template = format!(
        r#"{{ {SCHEMA}, "parameters": {{ "nsgId": {{ "type": "string", "defaultValue": "" }} }},
              "resources": [{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net",
                "location": "eastus2", "properties": {{ "addressSpace": {{ "addressPrefixes": ["10.0.0.0/16"] }},
                "subnets": [{subnet}] }} }}] }}"#
    );
    let result = imported(&[&template]);
    assert!(
        !notes_at(&result, 0, "/resources/0/properties/subnets/0/properties/networkSecurityGroup").is_empty(),
        "{:#?}",
        result.notes
    );
}

/// An exported template declares a subnet inline and again as a resource, alike; the resource's
/// notes are taken back, since the inline one has them. Another copy of the same resource reads
/// the same fields and is noted all the same.
#[test]
fn notes_taken_back_for_a_copy_like_its_inline_subnet_are_said_for_the_next_copy() {
    let vnet = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net", "location": "eastus2",
        "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
          "subnets": [{ "name": "sub0", "properties": { "addressPrefix": "10.0.0.0/24" } }] } }"#;
    let subnets = r#"{ "copy": { "name": "l", "count": 2 }, "type": "Microsoft.Network/virtualNetworks/subnets",
        "apiVersion": "2023-09-01", "name": "[format('net/sub{0}', copyIndex())]", "dependsOn": ["net"],
        "properties": { "addressPrefix": "[format('10.0.{0}.0/24', copyIndex())]", "madeUp": "x" } }"#;
    let result = imported(&[&format!(r#"{{ {SCHEMA}, "resources": [{vnet}, {subnets}] }}"#)]);
    assert_eq!(networks(&result)[0].2, ["sub0 10.0.0.0/24", "sub1 10.0.1.0/24"]);
    let unread = notes_at(&result, 0, "/resources/1/properties/madeUp");
    assert!(unread.iter().any(|note| note.contains("'madeUp' is not imported")), "{:#?}", result.notes);
    let prefix = notes_at(&result, 0, "/resources/1/properties/addressPrefix");
    assert!(prefix.iter().any(|note| note.contains("comes to '10.0.1.0/24'")), "{prefix:?}");
}

/// ARM weighs a copied cluster's condition copy by copy, and each copy reads its own item:
/// Bicep's `[for c in clusters: if (c.enabled) {…}]` with a subnet per item.
#[test]
fn each_copy_of_a_cluster_is_read_with_its_own_item_and_condition() {
    let mut template: Value = serde_json::from_str(TEMPLATE_CLUSTER).expect("fixture is JSON");
    template["parameters"]["clusters"] = serde_json::json!({ "type": "array", "defaultValue": [
        { "name": "one", "enabled": true, "nodes": 2 },
        { "name": "two", "enabled": false, "nodes": 4 },
        { "name": "three", "enabled": true, "nodes": 7 } ] });
    let cluster = &mut template["resources"][0];
    cluster["name"] = "[parameters('clusters')[copyIndex()].name]".into();
    cluster["condition"] = "[parameters('clusters')[copyIndex()].enabled]".into();
    cluster["copy"] =
        serde_json::json!({ "name": "clusterLoop", "count": "[length(parameters('clusters'))]" });
    cluster["properties"]["agentPoolProfiles"][0]["count"] =
        "[parameters('clusters')[copyIndex()].nodes]".into();
    let result = imported(&[&template.to_string()]);
    let clusters: Vec<(&str, u64)> =
        result.plan.aks_clusters.iter().map(|cluster| (cluster.name.as_str(), cluster.node_count)).collect();
    assert_eq!(clusters, [("one", 2), ("three", 7)], "{:#?}", result.notes);
    let condition = notes_at(&result, 0, "/resources/0/condition");
    assert!(condition.iter().any(|note| note.contains("for 1 of the copies: two")), "{condition:?}");
    assert!(condition.iter().all(|note| !note.contains("imported as if")), "{condition:?}");
}

/// What `az deployment group show` prints of a deployment that ran: the values it was deployed
/// with, and the resource group it went to.
fn deployment_record(state: &str, parameters: &str) -> String {
    format!(
        r#"{{ "id": "/subscriptions/0000-11/resourceGroups/net-prod/providers/Microsoft.Resources/deployments/spoke",
             "name": "spoke", "type": "Microsoft.Resources/deployments", "resourceGroup": "net-prod",
             "properties": {{ "mode": "Incremental", "provisioningState": "{state}", "templateHash": "123",
               "parameters": {{ {parameters} }}, "outputResources": [] }} }}"#
    )
}

/// A template imported with the record of its deployment is read with the values it was
/// deployed with, in the resource group it went to.
#[test]
fn a_deployment_record_gives_its_template_the_values_and_the_group_it_was_deployed_with() {
    let template = template_named_by_parameter("dflt", "", "10.0.0.0/16");
    let record = deployment_record("Succeeded", r#""vnetName": { "type": "String", "value": "spoke-prod" }"#);
    for documents in [[template.as_str(), record.as_str()], [record.as_str(), template.as_str()]] {
        let result = imported(&documents);
        let record_at = documents.iter().position(|document| *document == record).unwrap_or_default();
        assert_eq!(networks(&result)[0].0, "spoke-prod");
        assert_eq!(result.plan.vnets[0].resource_group, "net-prod");
        let notes = notes_at(&result, record_at, "");
        assert!(notes.iter().any(|note| note.contains("takes its values for 1 parameters")), "{notes:?}");
        assert!(notes.iter().any(|note| note.contains("resource group 'net-prod'")), "{notes:?}");
        assert!(result.notes.iter().all(|note| !note.message.contains("does not say which resource group")));
    }
}

/// A deployment that failed may have left only part of its resources: the record says so.
#[test]
fn a_failed_deployment_record_is_noted() {
    let template = template_named_by_parameter("dflt", "", "10.0.0.0/16");
    let record = deployment_record("Failed", r#""vnetName": { "type": "String", "value": "spoke-prod" }"#);
    let result = imported(&[&template, &record]);
    let state = note_at(&result, 1, "/properties/provisioningState");
    assert!(state.contains("the deployment's state is 'Failed'"), "{state}");
    assert!(notes_at(&result, 1, "/properties/provisioningState").len() == 1);
    let succeeded = imported(&[&template, &deployment_record("Succeeded", "")]);
    assert!(notes_at(&succeeded, 1, "/properties/provisioningState").is_empty());
}

/// Learn, template-functions-cidr (2024-06-20): `cidrSubnet` splits a range into ranges of a
/// longer prefix and `cidrHost` counts usable addresses from the one after the network's. A
/// subnet planned with them gets the range ARM computes.
#[test]
fn cidr_functions_compute_what_arm_computes() {
    let vnet = r#"{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net", "location": "eastus2",
        "properties": { "addressSpace": { "addressPrefixes": ["[parameters('space')]"] },
          "copy": [{ "name": "subnets", "count": 3, "input": { "name": "[format('s{0}', copyIndex('subnets'))]",
            "properties": { "addressPrefix": "[cidrSubnet(parameters('space'), 24, copyIndex('subnets'))]" } } }] } }"#;
    let template = format!(
        r#"{{ {SCHEMA}, "parameters": {{ "space": {{ "type": "string", "defaultValue": "10.144.0.0/20" }} }}, "resources": [{vnet}] }}"#
    );
    let result = imported(&[&template]);
    assert_eq!(networks(&result)[0].2, ["s0 10.144.0.0/24", "s1 10.144.1.0/24", "s2 10.144.2.0/24"]);
    // Each case is a condition that holds when the function gives what Learn says; one ARM
    // refuses cannot be evaluated.
    let holds = [
        "equals(cidrSubnet('10.144.0.0/20', 24, 15), '10.144.15.0/24')",
        "equals(cidrSubnet('10.144.0.0/20', 20, 0), '10.144.0.0/20')",
        "equals(cidrSubnet('fdad:3236:5555::/48', 52, 1), 'fdad:3236:5555:1000::/52')",
        "equals(cidrSubnet('0.0.0.0/0', 32, 4294967295), '255.255.255.255/32')",
        "equals(cidrSubnet('::/0', 128, 9223372036854775807), '::7fff:ffff:ffff:ffff/128')",
        "equals(cidrHost('192.168.1.0/24', 0), '192.168.1.1')",
        "equals(cidrHost('192.168.1.0/24', 253), '192.168.1.254')",
        "equals(cidrHost('fdad:3236:5555:3000::/52', 4), 'fdad:3236:5555:3000::5')",
    ];
    let refused = [
        "equals(cidrSubnet('10.144.0.0/20', 24, 16), '')",
        "equals(cidrSubnet('10.144.0.0/20', 19, 0), '')",
        "equals(cidrSubnet('10.144.0.0/20', 33, 0), '')",
        "equals(cidrSubnet('10.144.0.0/20', 24, -1), '')",
        "equals(cidrSubnet('10.144.1.0/20', 24, 0), '')",
        "equals(cidrHost('192.168.1.0/24', 254), '')",
        "equals(cidrHost('192.168.1.0/31', 0), '')",
        "equals(cidrHost('fdad::/128', 0), '')",
    ];
    for (condition, expected) in
        holds.iter().map(|c| (c, "which holds")).chain(refused.iter().map(|c| (c, "imported as if")))
    {
        let written = format!("\"[{condition}]\"");
        let template = template_choosing("", &[conditional(&written, &vnet_resource("net", "10.0.0.0/16"))]);
        let result = imported(&[&template]);
        let note = note_at(&result, 0, "/resources/0/condition");
        assert!(note.contains(expected), "{condition}: {note}");
    }
}

/// Compiled Bicep writes `var subnets = [{ name: 'aks', prefix: cidrSubnet(space, 22, 0) }, …]`
/// as a variable whose items hold expressions; a loop over it reads each item's value.
#[test]
fn expressions_inside_a_variables_items_are_evaluated_where_they_are_written() {
    let template = format!(
        r#"{{ {SCHEMA},
          "parameters": {{ "space": {{ "type": "string", "defaultValue": "10.20.0.0/16" }} }},
          "variables": {{ "subnets": [
              {{ "name": "aks", "prefix": "[cidrSubnet(parameters('space'), 22, 0)]" }},
              {{ "name": "[format('{{0}}-inference', 'aci')]", "prefix": "[cidrSubnet(parameters('space'), 24, 4)]" }} ] }},
          "resources": [{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net",
            "location": "eastus2", "properties": {{ "addressSpace": {{ "addressPrefixes": ["[parameters('space')]"] }},
              "copy": [{{ "name": "subnets", "count": "[length(variables('subnets'))]", "input": {{
                "name": "[variables('subnets')[copyIndex('subnets')].name]",
                "properties": {{ "addressPrefix": "[variables('subnets')[copyIndex('subnets')].prefix]" }} }} }}] }} }}] }}"#
    );
    let result = imported(&[&template]);
    assert_eq!(
        networks(&result)[0].2,
        ["aks 10.20.0.0/22", "aci-inference 10.20.4.0/24"],
        "{:#?}",
        result.notes
    );
}

/// A nested deployment that passes a list of objects passes expressions of its own template:
/// they take that template's values, not the nested one's.
#[test]
fn expressions_inside_a_list_a_deployment_passes_take_the_passing_templates_values() {
    let nested = r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "subnets": { "type": "array" }, "space": { "type": "string", "defaultValue": "192.168.0.0/16" } },
        "resources": [{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "inner-net",
          "location": "eastus2", "properties": { "addressSpace": { "addressPrefixes": ["10.30.0.0/16"] },
            "subnets": [{ "name": "a", "properties": { "addressPrefix": "[parameters('subnets')[0].prefix]" } }] } }] }"#;
    let template = format!(
        r#"{{ {SCHEMA},
          "parameters": {{ "space": {{ "type": "string", "defaultValue": "10.30.0.0/16" }} }},
          "resources": [{{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "module",
            "properties": {{ "mode": "Incremental", "expressionEvaluationOptions": {{ "scope": "inner" }},
              "parameters": {{ "subnets": {{ "value": [{{ "prefix": "[cidrSubnet(parameters('space'), 24, 2)]" }}] }} }},
              "template": {nested} }} }}] }}"#
    );
    let result = imported(&[&template]);
    assert_eq!(networks(&result)[0].2, ["a 10.30.2.0/24"], "{:#?}", result.notes);
}

/// A parameter file's values are plain JSON: a text in them that looks like an expression is
/// not evaluated with the template's values.
#[test]
fn a_parameter_files_list_is_read_as_plain_values() {
    let template = format!(
        r#"{{ {SCHEMA},
          "parameters": {{ "subnets": {{ "type": "array" }}, "space": {{ "type": "string", "defaultValue": "10.40.0.0/16" }} }},
          "resources": [{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net",
            "location": "eastus2", "properties": {{ "addressSpace": {{ "addressPrefixes": ["10.40.0.0/16"] }},
              "subnets": [{{ "name": "a", "properties": {{ "addressPrefix": "[parameters('subnets')[0].prefix]" }} }}] }} }}] }}"#
    );
    let file = parameter_file(
        r#""subnets": { "value": [{ "prefix": "[cidrSubnet(parameters('space'), 24, 2)]" }] }"#,
    );
    let result = imported(&[&template, &file]);
    assert_eq!(networks(&result)[0].2, ["a [parameters('subnets')[0].prefix]"]);
}

/// Learn, copy-variables.md: a variable's copy loop builds a list, each item its `input` with
/// `copyIndex(name)` at its number; compiled Bicep writes `var x = [for …]` so.
#[test]
fn a_variables_copy_loop_builds_the_list_a_subnet_loop_reads() {
    let template = format!(
        r#"{{ {SCHEMA},
          "parameters": {{ "space": {{ "type": "string", "defaultValue": "10.50.0.0/16" }},
                          "names": {{ "type": "array", "defaultValue": ["aks", "aci", "pe"] }} }},
          "variables": {{ "copy": [
              {{ "name": "subnets", "count": "[length(parameters('names'))]",
                 "input": {{ "name": "[parameters('names')[copyIndex('subnets')]]",
                            "prefix": "[cidrSubnet(parameters('space'), 24, copyIndex('subnets', 1))]" }} }},
              {{ "name": "ignored", "count": 801, "input": "x" }} ] }},
          "resources": [{{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "net",
            "location": "eastus2", "properties": {{ "addressSpace": {{ "addressPrefixes": ["[parameters('space')]"] }},
              "copy": [{{ "name": "subnets", "count": "[length(variables('subnets'))]", "input": {{
                "name": "[variables('subnets')[copyIndex('subnets')].name]",
                "properties": {{ "addressPrefix": "[variables('subnets')[copyIndex('subnets')].prefix]" }} }} }}] }} }}],
          "outputs": {{ }} }}"#
    );
    let result = imported(&[&template]);
    assert_eq!(
        networks(&result)[0].2,
        ["aks 10.50.1.0/24", "aci 10.50.2.0/24", "pe 10.50.3.0/24"],
        "{:#?}",
        result.notes
    );
    // A count past ARM's 800 is refused, so the list is not built.
    for (condition, expected) in [
        ("[equals(length(variables('ignored')), 801)]", "imported as if"),
        ("[equals(variables('subnets')[3].name, 'x')]", "imported as if"),
        ("[not(empty(variables('subnets')))]", "which holds"),
    ] {
        let with_condition = template.replacen(
            r#""type": "Microsoft.Network/virtualNetworks","#,
            &format!(r#""condition": "{condition}", "type": "Microsoft.Network/virtualNetworks","#),
            1,
        );
        let result = imported(&[&with_condition]);
        let note = note_at(&result, 0, "/resources/0/condition");
        assert!(note.contains(expected), "{condition}: {note}");
    }
}
