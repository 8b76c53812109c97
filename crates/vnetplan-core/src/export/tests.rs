//! Exports of the guide's four example plans, pinned as snapshots, and the properties behind
//! them: the templates parse and carry the plan's values, the steps follow the plan, and names
//! of any shape stay names.

use hcl::eval::{Context as HclContext, Evaluate};
use serde_json::{json, Value};

use super::*;
use crate::fix::set_pointer;
use crate::{check, plan_from_value, Lang, Plan};

const EXAMPLES: [(&str, &str); 4] = [
    ("default_aks", include_str!("../../../../examples/default-aks.json")),
    ("private_aks", include_str!("../../../../examples/private-aks.json")),
    ("aks_internal_lb", include_str!("../../../../examples/aks-internal-lb.json")),
    ("aci_vnet", include_str!("../../../../examples/aci-vnet.json")),
];

fn document(plan: &Plan, format: ExportFormat) -> String {
    export(plan, &check(plan), format, Lang::En)
}

fn english_steps(plan: &Plan) -> Vec<Step> {
    steps(plan, &check(plan), Lang::En)
}

fn example(name: &str) -> Plan {
    let (_, text) = EXAMPLES.iter().find(|(stem, _)| *stem == name).expect("a known example");
    crate::parse_plan(text).expect("examples are valid plans")
}

/// Example `name` with `changes` made, each a JSON pointer and its new value.
fn changed(name: &str, changes: &[(&str, Value)]) -> Plan {
    let mut value = serde_json::to_value(example(name)).expect("plans serialise");
    for (path, new) in changes {
        set_pointer(&mut value, path, new.clone()).expect("the change applies");
    }
    plan_from_value(&value).expect("the changed plan is a valid document")
}

fn arm(plan: &Plan) -> Value {
    serde_json::from_str(&document(plan, ExportFormat::Arm)).expect("the ARM export is JSON")
}

/// Every resource of an ARM template, those of nested deployments included.
fn arm_resources(template: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    for resource in template["resources"].as_array().expect("a resource list") {
        if resource["type"] == "Microsoft.Resources/deployments" {
            found.extend(arm_resources(&resource["properties"]["template"]));
        }
        found.push(resource.clone());
    }
    found
}

fn arm_of_type(template: &Value, type_name: &str) -> Vec<Value> {
    arm_resources(template).into_iter().filter(|resource| resource["type"] == type_name).collect()
}

fn terraform(plan: &Plan) -> hcl::Body {
    let text = document(plan, ExportFormat::Terraform);
    hcl::parse(&text).unwrap_or_else(|error| panic!("the Terraform export parses: {error}\n{text}"))
}

/// The `resource` blocks of one type, by their name label.
fn tf_resources<'a>(body: &'a hcl::Body, type_name: &str) -> Vec<(&'a str, &'a hcl::Body)> {
    body.blocks()
        .filter(|block| block.identifier() == "resource")
        .filter(|block| block.labels().first().map(hcl::BlockLabel::as_str) == Some(type_name))
        .map(|block| (block.labels()[1].as_str(), block.body()))
        .collect()
}

/// An attribute's value with its templates evaluated, so escapes count as what they mean.
fn tf_attr(body: &hcl::Body, key: &str) -> Option<hcl::Value> {
    let attribute = body.attributes().find(|attribute| attribute.key() == key)?;
    attribute.expr().evaluate(&HclContext::new()).ok()
}

fn tf_text(body: &hcl::Body, key: &str) -> Option<String> {
    tf_attr(body, key).and_then(|value| value.as_str().map(str::to_owned))
}

fn tf_block<'a>(body: &'a hcl::Body, identifier: &str) -> &'a hcl::Body {
    body.blocks().find(|block| block.identifier() == identifier).expect("the block is there").body()
}

fn steps_titled<'a>(steps: &'a [Step], fragment: &str) -> Vec<&'a Step> {
    steps.iter().filter(|step| step.title.contains(fragment)).collect()
}

#[test]
fn examples_export_as_snapshots() {
    for (name, _) in EXAMPLES {
        let plan = example(name);
        for format in ExportFormat::ALL {
            insta::assert_snapshot!(format!("{name}.{}", format.name()), document(&plan, format));
        }
        let steps = serde_json::to_string_pretty(&english_steps(&plan)).expect("steps serialise");
        insta::assert_snapshot!(format!("{name}.steps"), steps);
    }
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    for (name, _) in EXAMPLES {
        let plan = example(name);
        for format in ExportFormat::ALL {
            assert_eq!(
                document(&plan, format),
                document(&example(name), format),
                "{name} as {}",
                format.name()
            );
        }
    }
}

#[test]
fn format_names_round_trip() {
    for format in ExportFormat::ALL {
        assert_eq!(ExportFormat::from_name(format.name()), Some(format));
    }
    assert_eq!(ExportFormat::from_name("pulumi"), None);
}

#[test]
fn arm_cluster_carries_the_plans_network_profile() {
    let plan = example("default_aks");
    let cluster = &plan.aks_clusters[0];
    let template = arm(&plan);
    assert_eq!(template["$schema"], super::template::SCHEMA);
    let clusters = arm_of_type(&template, "Microsoft.ContainerService/managedClusters");
    assert_eq!(clusters.len(), 1);
    let aks = &clusters[0];
    assert_eq!(aks["name"], cluster.name.as_str());
    assert!(aks["apiVersion"].as_str().is_some_and(|version| !version.is_empty()));
    let profile = &aks["properties"]["networkProfile"];
    assert_eq!(profile["networkPlugin"], "azure");
    assert_eq!(profile["serviceCidr"], cluster.service_cidr.as_str());
    assert_eq!(profile["dnsServiceIP"], cluster.dns_service_ip.as_str());
    assert_eq!(profile["loadBalancerSku"], "standard");
    assert!(profile.get("podCidr").is_none(), "plain Azure CNI takes no pod range");
    let pool = &aks["properties"]["agentPoolProfiles"][0];
    assert_eq!(pool["count"], cluster.node_count);
    assert_eq!(pool["maxPods"], 30);
    assert_eq!(
        pool["vnetSubnetID"],
        "[resourceId('ml-rg', 'Microsoft.Network/virtualNetworks/subnets', 'mynetwork', 'aks-subnet')]"
    );
    assert_eq!(aks["properties"]["apiServerAccessProfile"]["enablePrivateCluster"], false);
    assert_eq!(aks["properties"]["enableRBAC"], true);
    assert_eq!(aks["properties"]["disableLocalAccounts"], false);
    assert_eq!(profile["networkPolicy"], "calico");
    assert_eq!(aks["identity"]["type"], "SystemAssigned");
    // The scanner's checks that the plan leaves failing are skipped on the resource, with reasons.
    let skips = aks["metadata"]["checkov"].as_array().expect("the cluster's scanner skips");
    for check in ["CKV_AZURE_6", "CKV_AZURE_141", "CKV_AZURE_168"] {
        assert!(
            skips
                .iter()
                .any(|skip| skip.as_str().is_some_and(|s| s.starts_with(&format!("checkov:skip={check}:")))),
            "{check}"
        );
    }
    assert!(template["parameters"].get("aks_ml_aks_vm_size").is_some());

    let vnets = arm_of_type(&template, "Microsoft.Network/virtualNetworks");
    assert_eq!(vnets.len(), 1);
    assert_eq!(vnets[0]["properties"]["addressSpace"]["addressPrefixes"], json!(["10.1.0.0/16"]));
    let subnets = vnets[0]["properties"]["subnets"].as_array().expect("subnets inline");
    assert_eq!(subnets.len(), 2);
    assert_eq!(subnets[0]["properties"]["addressPrefix"], "10.1.0.0/22");
    // Clients outside the VNet call the endpoint: the VNet's security group admits them, and
    // every subnet has it.
    let nsgs = arm_of_type(&template, "Microsoft.Network/networkSecurityGroups");
    assert_eq!(nsgs.len(), 1);
    let rule = &nsgs[0]["properties"]["securityRules"][0]["properties"];
    assert_eq!(rule["direction"], "Inbound");
    assert_eq!(rule["destinationPortRanges"], json!(["80", "443"]));
    assert!(nsgs[0]["metadata"]["checkov"][0]
        .as_str()
        .is_some_and(|s| s.starts_with("checkov:skip=CKV_AZURE_160:")));
    for subnet in subnets {
        assert!(subnet["properties"]["networkSecurityGroup"]["id"]
            .as_str()
            .is_some_and(|id| id.contains("mynetwork-nsg")));
    }
}

#[test]
fn arm_declares_no_attached_cluster_and_nests_other_resource_groups() {
    let template = arm(&example("private_aks"));
    assert!(arm_of_type(&template, "Microsoft.ContainerService/managedClusters").is_empty());
    let top: Vec<&Value> = template["resources"].as_array().expect("resources").iter().collect();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0]["type"], "Microsoft.Resources/deployments");
    assert_eq!(top[0]["resourceGroup"], "network-rg");
    let vnets = arm_of_type(&template, "Microsoft.Network/virtualNetworks");
    assert_eq!(vnets.len(), 1);
    assert_eq!(vnets[0]["name"], "ml-vnet");
    let notes = template["metadata"]["notes"].to_string();
    assert!(notes.contains("private-aks"), "{notes}");
}

#[test]
fn arm_takes_service_principals_and_delegations_from_the_plan() {
    let template = arm(&example("aks_internal_lb"));
    let aks = &arm_of_type(&template, "Microsoft.ContainerService/managedClusters")[0];
    assert_eq!(
        aks["properties"]["servicePrincipalProfile"]["secret"],
        "[parameters('aks_ilb_aks_client_secret')]"
    );
    assert_eq!(template["parameters"]["aks_ilb_aks_client_secret"]["type"], "securestring");
    assert!(aks.get("identity").is_none());

    let template = arm(&example("aci_vnet"));
    let subnet = &arm_of_type(&template, "Microsoft.Network/virtualNetworks")[0]["properties"]["subnets"][0];
    assert_eq!(
        subnet["properties"]["delegations"][0]["properties"]["serviceName"],
        "Microsoft.ContainerInstance/containerGroups"
    );
}

#[test]
fn arm_writes_overlay_and_kubenet_ranges() {
    let plan = changed(
        "default_aks",
        &[
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("192.168.0.0/16")),
        ],
    );
    let template = arm(&plan);
    let aks = &arm_of_type(&template, "Microsoft.ContainerService/managedClusters")[0];
    assert_eq!(aks["properties"]["networkProfile"]["networkPluginMode"], "overlay");
    assert_eq!(aks["properties"]["networkProfile"]["podCidr"], "192.168.0.0/16");
    assert_eq!(aks["properties"]["agentPoolProfiles"][0]["maxPods"], 250);
    let steps = english_steps(&plan);
    let sdk = &steps_titled(&steps, "with the Python SDK")[0].code;
    assert!(sdk.contains("# The v1 SDK has no setting for the network plugin, the pod range:"), "{sdk}");
}

#[test]
fn an_empty_plan_exports_empty_documents() {
    let plan = crate::Plan::empty("eastus2", "ml-rg");
    assert!(english_steps(&plan).is_empty());
    assert_eq!(arm(&plan)["resources"], json!([]));
    assert_eq!(terraform(&plan).blocks().filter(|block| block.identifier() == "resource").count(), 0);
    assert!(!document(&plan, ExportFormat::Az).contains("WORKSPACE_NAME"));
    assert!(document(&plan, ExportFormat::Bicep).contains("targetScope"));
}

#[test]
fn terraform_parses_and_carries_the_plans_values() {
    let plan = example("default_aks");
    let cluster = &plan.aks_clusters[0];
    let body = terraform(&plan);
    assert!(body.blocks().any(|block| block.identifier() == "provider"));

    let vnets = tf_resources(&body, "azurerm_virtual_network");
    assert_eq!(vnets.len(), 1);
    assert_eq!(tf_text(vnets[0].1, "name").as_deref(), Some("mynetwork"));
    assert_eq!(tf_text(vnets[0].1, "resource_group_name").as_deref(), Some("ml-rg"));
    let subnets = tf_resources(&body, "azurerm_subnet");
    assert_eq!(subnets.len(), 2);
    assert_eq!(tf_resources(&body, "azurerm_network_security_group").len(), 1);
    assert_eq!(tf_resources(&body, "azurerm_network_security_rule").len(), 1);
    assert_eq!(tf_resources(&body, "azurerm_subnet_network_security_group_association").len(), 2);

    let clusters = tf_resources(&body, "azurerm_kubernetes_cluster");
    assert_eq!(clusters.len(), 1);
    let (label, aks) = clusters[0];
    assert_eq!(label, "ml_aks");
    assert_eq!(tf_text(aks, "name").as_deref(), Some("ml-aks"));
    let network = tf_block(aks, "network_profile");
    assert_eq!(tf_text(network, "service_cidr").as_deref(), Some(cluster.service_cidr.as_str()));
    assert_eq!(tf_text(network, "dns_service_ip").as_deref(), Some(cluster.dns_service_ip.as_str()));
    assert_eq!(tf_text(network, "network_plugin").as_deref(), Some("azure"));
    assert_eq!(tf_text(network, "load_balancer_sku").as_deref(), Some("standard"));
    assert_eq!(tf_text(network, "network_policy").as_deref(), Some("calico"));
    assert_eq!(tf_attr(aks, "role_based_access_control_enabled"), Some(hcl::Value::from(true)));
    assert_eq!(tf_attr(aks, "local_account_disabled"), Some(hcl::Value::from(false)));
    let pool = tf_block(aks, "default_node_pool");
    assert_eq!(tf_attr(pool, "node_count"), Some(hcl::Value::from(3)));
    assert_eq!(tf_attr(pool, "max_pods"), Some(hcl::Value::from(30)));
    let subnet_ref = pool.attributes().find(|a| a.key() == "vnet_subnet_id").expect("a subnet reference");
    assert_eq!(subnet_ref.expr().to_string(), "azurerm_subnet.mynetwork_aks_subnet.id");
}

#[test]
fn terraform_delegates_subnets_and_skips_attached_clusters() {
    let body = terraform(&example("aci_vnet"));
    let (_, subnet) = tf_resources(&body, "azurerm_subnet")[0];
    let delegation = tf_block(tf_block(subnet, "delegation"), "service_delegation");
    assert_eq!(tf_text(delegation, "name").as_deref(), Some("Microsoft.ContainerInstance/containerGroups"));

    let body = terraform(&example("private_aks"));
    assert!(tf_resources(&body, "azurerm_kubernetes_cluster").is_empty());
    assert_eq!(tf_resources(&body, "azurerm_virtual_network").len(), 1);

    let body = terraform(&example("aks_internal_lb"));
    let (_, aks) = tf_resources(&body, "azurerm_kubernetes_cluster")[0];
    tf_block(aks, "service_principal");
    let secret = body
        .blocks()
        .find(|block| {
            block.identifier() == "variable" && block.labels()[0].as_str() == "ilb_aks_client_secret"
        })
        .expect("a variable for the secret");
    assert_eq!(tf_attr(secret.body(), "sensitive"), Some(hcl::Value::Bool(true)));
}

#[test]
fn steps_use_the_plans_values() {
    let plan = example("default_aks");
    let steps = english_steps(&plan);
    let sdk = steps_titled(&steps, "with the Python SDK");
    assert_eq!(sdk.len(), 1);
    let code = &sdk[0].code;
    for line in [
        "config.vnet_resourcegroup_name = \"ml-rg\"",
        "config.vnet_name = \"mynetwork\"",
        "config.subnet_name = \"aks-subnet\"",
        "config.service_cidr = \"10.2.0.0/16\"",
        "config.dns_service_ip = \"10.2.0.10\"",
        "config.docker_bridge_cidr = \"172.17.0.1/16\"",
        "    agent_count=3,",
        "ComputeTarget.create(workspace=ws, name=\"ml-aks\"",
    ] {
        assert!(code.contains(line), "{line} missing from\n{code}");
    }
    assert_eq!(sdk[0].language, StepLanguage::Python);
    assert_eq!(sdk[0].section, "AKS cluster 'ml-aks'");

    let cli = &steps_titled(&steps, "Create cluster 'ml-aks' with the Azure ML CLI v1")[0].code;
    for flag in [
        "--service-cidr 10.2.0.0/16",
        "--dns-service-ip 10.2.0.10",
        "--vnet-name mynetwork",
        // azure-cli-ml's spelling; `--docker-bridge-address` is the flag of `az aks create`.
        "--docker-bridge-cidr 172.17.0.1/16",
    ] {
        assert!(cli.contains(flag), "{flag} missing from\n{cli}");
    }
    assert!(!cli.contains("--docker-bridge-address"), "{cli}");

    let role = &steps_titled(&steps, "Network Contributor")[0];
    // Azure ML creates this cluster: its identity exists only after the create steps.
    assert_eq!(role.section, "AKS cluster 'ml-aks'");
    let position = |title: &str| steps.iter().position(|step| step.title.contains(title));
    assert!(position("Create cluster 'ml-aks' with the Azure ML CLI v1") < position("Network Contributor"));
    assert!(role.code.contains("az aks show -g ml-rg -n ml-aks --query identity.principalId -o tsv"));
    assert!(role.code.contains("az group show -n ml-rg --query id -o tsv"));
    assert!(role.code.contains("--role 'Network Contributor'"));
    let scoring = &steps_titled(&steps, "scoring endpoint")[0].code;
    assert!(scoring.contains("--destination-port-ranges 80 443"), "{scoring}");
    assert!(steps.iter().all(|step| step.flagged.is_empty()), "the example is clean");
}

#[test]
fn a_cluster_created_in_the_aks_managed_vnet_is_given_no_vnet_values() {
    let mut plan = example("default_aks");
    plan.aks_clusters[0].vnet = None;
    plan.aks_clusters[0].subnet = None;
    let steps = english_steps(&plan);
    let sdk = &steps_titled(&steps, "with the Python SDK")[0].code;
    let cli = &steps_titled(&steps, "Create cluster 'ml-aks' with the Azure ML CLI v1")[0].code;
    for (code, setting) in [(sdk, "config.service_cidr"), (sdk, "config.vnet_name"), (cli, "--service-cidr")]
    {
        assert!(!code.contains(setting), "{setting} written in\n{code}");
    }
    assert!(sdk.contains("sends the six VNet values only with a VNet name"), "{sdk}");
}

/// The default example as an import of two namesake VNets would give it: its VNet told apart by
/// its resource group, its node subnet dual-stack, the IPv6 prefix a plan subnet of its own.
fn tagged_by_the_import() -> Plan {
    changed(
        "default_aks",
        &[
            ("/vnets/0/name", json!("mynetwork (ml-rg)")),
            ("/vnets/0/addressPrefixes/-", json!("fd00:db8:deca::/48")),
            (
                "/vnets/0/subnets/-",
                json!({"name": "aks-subnet [prefix 2]", "addressPrefix": "fd00:db8:deca:1::/64"}),
            ),
            ("/aksClusters/0/vnet", json!("mynetwork (ml-rg)")),
        ],
    )
}

#[test]
fn templates_write_the_names_azure_knows_and_each_subnet_once() {
    let plan = tagged_by_the_import();

    let template = arm(&plan);
    let vnets = arm_of_type(&template, "Microsoft.Network/virtualNetworks");
    assert_eq!(vnets[0]["name"], "mynetwork");
    let subnets = vnets[0]["properties"]["subnets"].as_array().expect("subnets inline");
    let names: Vec<&Value> = subnets.iter().map(|subnet| &subnet["name"]).collect();
    assert_eq!(names, [&json!("aks-subnet"), &json!("default")]);
    assert_eq!(subnets[0]["properties"]["addressPrefixes"], json!(["10.1.0.0/22", "fd00:db8:deca:1::/64"]));
    assert_eq!(subnets[1]["properties"]["addressPrefix"], "10.1.4.0/24");
    let clusters = arm_of_type(&template, "Microsoft.ContainerService/managedClusters");
    let subnet_id = clusters[0]["properties"]["agentPoolProfiles"][0]["vnetSubnetID"].to_string();
    assert!(subnet_id.contains("'mynetwork', 'aks-subnet')"), "{subnet_id}");

    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("name: 'mynetwork'") && !bicep.contains("name: 'mynetwork (ml-rg)'"), "{bicep}");
    assert!(!bicep.contains("[prefix 2]'"), "{bicep}");

    let body = terraform(&plan);
    let vnets = tf_resources(&body, "azurerm_virtual_network");
    assert_eq!(tf_text(vnets[0].1, "name").as_deref(), Some("mynetwork"));
    let subnets = tf_resources(&body, "azurerm_subnet");
    assert_eq!(subnets.len(), 2);
    assert_eq!(tf_text(subnets[0].1, "name").as_deref(), Some("aks-subnet"));
    assert_eq!(
        tf_attr(subnets[0].1, "address_prefixes"),
        Some(hcl::Value::from(vec!["10.1.0.0/22", "fd00:db8:deca:1::/64"]))
    );

    let script = document(&plan, ExportFormat::AzScript);
    assert!(script.contains("az network vnet create \\\n  -g ml-rg \\\n  -n mynetwork \\"), "{script}");
    let subnet_created =
        "--vnet-name mynetwork \\\n  -n aks-subnet \\\n  --address-prefixes 10.1.0.0/22 fd00:db8:deca:1::/64";
    assert!(script.contains(subnet_created), "{script}");
    assert_eq!(script.matches("az network vnet subnet create").count(), 2, "{script}");
    assert!(
        script.contains("subnet show -g ml-rg --vnet-name mynetwork -n aks-subnet --query id"),
        "{script}"
    );

    let steps = english_steps(&plan);
    let sdk = &steps_titled(&steps, "with the Python SDK")[0].code;
    assert!(sdk.contains("config.vnet_name = \"mynetwork\""), "{sdk}");
    let cli = &steps_titled(&steps, "Create cluster 'ml-aks' with the Azure ML CLI v1")[0].code;
    assert!(cli.contains("--vnet-name mynetwork "), "{cli}");
}

#[test]
fn a_service_principal_is_looked_up_by_client_id() {
    let steps = english_steps(&example("aks_internal_lb"));
    let role = &steps_titled(&steps, "Network Contributor")[0].code;
    assert!(role.contains("--query servicePrincipalProfile.clientId -o tsv"), "{role}");
    let sdk = &steps_titled(&steps, "Create cluster 'ilb-aks' with the Python SDK")[0].code;
    assert!(sdk.contains("load_balancer_type=\"InternalLoadBalancer\""), "{sdk}");
    assert!(sdk.contains("load_balancer_subnet=\"scoring-lb\""), "{sdk}");
}

#[test]
fn an_attached_cluster_is_attached_then_updated_never_created() {
    let plan = changed(
        "private_aks",
        &[
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("aks-nodes")),
        ],
    );
    let steps = english_steps(&plan);
    let code: Vec<&str> = steps.iter().map(|step| step.code.as_str()).collect();
    assert!(!code
        .iter()
        .any(|code| code.contains("ComputeTarget.create") || code.contains("computetarget create")));
    let attach = code
        .iter()
        .position(|code| code.contains("AksCompute.attach_configuration("))
        .expect("an SDK attach");
    let update =
        code.iter().position(|code| code.contains("AksUpdateConfiguration(")).expect("an SDK update");
    assert!(attach < update, "the update comes after the attach");
    let update_code = code[update];
    assert!(update_code.contains("load_balancer_type=\"InternalLoadBalancer\""));
    assert!(update_code.contains("load_balancer_subnet=\"aks-nodes\""));
    assert!(update_code.contains("aks_target.update(update_config)"));
    assert!(code.iter().any(|code| code.contains("az ml computetarget attach aks")));
    let cli_update =
        code.iter().find(|code| code.contains("az ml computetarget update aks")).expect("a CLI update");
    assert!(cli_update.contains("--load-balancer-subnet aks-nodes"));
    assert!(code.iter().any(|code| code.contains("cluster_name=\"private-aks\"")));
    let role = steps.iter().position(|step| step.title.contains("Network Contributor")).expect("a role step");
    assert_eq!(steps[role].section, "Prerequisites");
    assert!(role < attach, "an attached cluster exists already, so its role comes first");

    let plain = steps_titled(&english_steps(&example("private_aks")), "internal load balancer").len();
    assert_eq!(plain, 0, "without an internal load balancer there is nothing to update");
}

#[test]
fn a_finding_flags_the_step_it_makes_wrong() {
    let plan = changed("default_aks", &[("/aksClusters/0/serviceCidr", json!("10.1.0.0/16"))]);
    let steps = english_steps(&plan);
    for step in steps_titled(&steps, "Create cluster 'ml-aks'") {
        assert!(step.flagged.iter().any(|id| id == "service-cidr-overlaps-subnet"), "{:?}", step.flagged);
    }
    let role = &steps_titled(&steps, "Network Contributor")[0];
    assert!(
        role.flagged.is_empty(),
        "a role assignment does not depend on the service range: {:?}",
        role.flagged
    );
    let sdk = document(&plan, ExportFormat::Sdk);
    assert!(
        sdk.contains("resolve them first: dns-ip-outside-service-cidr, service-cidr-overlaps-subnet"),
        "{sdk}"
    );
}

#[test]
fn steps_that_resolve_a_finding_are_not_flagged_by_it() {
    let plan = changed(
        "default_aks",
        &[
            ("/aksClusters/0/networkContributorGranted", json!(false)),
            ("/aksClusters/0/nsgAllowsScoringInbound", json!(false)),
        ],
    );
    assert!(english_steps(&plan).iter().all(|step| step.flagged.is_empty()));

    let plan = changed("aci_vnet", &[("/vnets/0/subnets/0/delegations", json!([]))]);
    let steps = english_steps(&plan);
    assert!(steps.iter().all(|step| !step.flagged.iter().any(|id| id == "aci-subnet-not-delegated")));
    assert!(steps_titled(&steps, "Delegate subnet 'aci-subnet'")[0]
        .code
        .contains("--delegations Microsoft.ContainerInstance/containerGroups"));
    let plan = changed("aci_vnet", &[("/aciDeployments/0/dnsNameLabel", json!("scoring"))]);
    let aci_steps = english_steps(&plan);
    let deploy = &steps_titled(&aci_steps, "Deploy web service")[0];
    assert_eq!(deploy.flagged, ["aci-dns-label-in-vnet"], "retirement notices mark no step");
    assert!(deploy.code.contains("dns_name_label=\"scoring\""));
}

#[test]
fn restricted_egress_opens_the_registry() {
    let plan = changed("aci_vnet", &[("/egress", json!({ "restricted": true, "allowedServiceTags": [] }))]);
    let steps = english_steps(&plan);
    let registry = &steps_titled(&steps, "Azure Container Registry")[0];
    assert!(registry.code.contains("--destination-address-prefixes AzureContainerRegistry.eastus2"));
    assert!(registry.code.contains("--direction Outbound"));
    assert_eq!(registry.flagged, ["egress-missing-service-tag"]);
    let template = arm(&plan);
    let rule = &arm_of_type(&template, "Microsoft.Network/networkSecurityGroups")[0]["properties"]
        ["securityRules"][0];
    assert_eq!(rule["properties"]["destinationAddressPrefix"], "AzureContainerRegistry.eastus2");
    assert!(document(&plan, ExportFormat::AzScript).contains("--network-security-group ml-vnet-nsg"));
}

#[test]
fn a_region_written_as_its_display_name_gives_a_valid_service_tag() {
    let plan = changed(
        "aci_vnet",
        &[
            ("/region", json!("East US 2")),
            ("/egress", json!({ "restricted": true, "allowedServiceTags": [] })),
        ],
    );
    let template = arm(&plan);
    let rule = &arm_of_type(&template, "Microsoft.Network/networkSecurityGroups")[0]["properties"]
        ["securityRules"][0];
    assert_eq!(rule["properties"]["destinationAddressPrefix"], "AzureContainerRegistry.eastus2");
    let steps = english_steps(&plan);
    let registry = &steps_titled(&steps, "Azure Container Registry")[0];
    assert!(registry.code.contains("--destination-address-prefixes AzureContainerRegistry.eastus2"));
}

#[test]
fn documents_keep_to_their_language() {
    let plan = example("aci_vnet");
    let sdk = document(&plan, ExportFormat::Sdk);
    assert!(sdk.contains("\n# $ az network vnet subnet update"), "{sdk}");
    assert!(sdk.contains("\ndeployment_config = AciWebservice.deploy_configuration("));
    let az = document(&plan, ExportFormat::Az);
    assert!(az.starts_with("#!/usr/bin/env bash\n"));
    assert!(az.contains("set -euo pipefail\n"));
    assert!(az.contains("\naz network vnet subnet update"));
    assert!(az.contains("\n#   deployment_config = AciWebservice.deploy_configuration("), "{az}");

    let plan = example("default_aks");
    let az = document(&plan, ExportFormat::Az);
    assert!(az.contains("\naz ml computetarget create aks"));
    assert!(!az.contains("ComputeTarget.create"), "the SDK's own steps stay out of the az script");
    let sdk = document(&plan, ExportFormat::Sdk);
    assert!(!sdk.contains("computetarget create"), "the CLI's own steps stay out of the SDK script");
}

#[test]
fn a_planned_vm_size_is_passed_and_never_asked_for() {
    let size = "Standard_D4s_v5";
    let plan = changed("default_aks", &[("/aksClusters/0/vmSize", json!(size))]);
    let steps = english_steps(&plan);
    let sdk = &steps_titled(&steps, "Create cluster 'ml-aks' with the Python SDK")[0].code;
    assert!(sdk.contains("    vm_size=\"Standard_D4s_v5\",\n"), "{sdk}");
    assert!(!sdk.contains("names no size"), "{sdk}");
    let cli = &steps_titled(&steps, "Create cluster 'ml-aks' with the Azure ML CLI v1")[0].code;
    assert!(cli.contains("--vm-size Standard_D4s_v5"), "{cli}");

    let template = arm(&plan);
    let clusters = arm_of_type(&template, "Microsoft.ContainerService/managedClusters");
    assert_eq!(clusters[0]["properties"]["agentPoolProfiles"][0]["vmSize"], size);
    assert!(template.get("parameters").is_none(), "{template:#}");
    assert!(document(&plan, ExportFormat::Bicep).contains("vmSize: 'Standard_D4s_v5'"));
    let body = terraform(&plan);
    let pool = tf_block(tf_resources(&body, "azurerm_kubernetes_cluster")[0].1, "default_node_pool");
    assert_eq!(tf_text(pool, "vm_size").as_deref(), Some(size));
    assert_eq!(body.blocks().filter(|block| block.identifier() == "variable").count(), 0);
    let script = document(&plan, ExportFormat::AzScript);
    assert!(script.contains("--node-vm-size Standard_D4s_v5"), "{script}");
    assert!(!script.contains("VM_SIZE"), "{script}");

    // Without a size in the plan, every format still asks for one.
    let plain = example("default_aks");
    let steps = english_steps(&plain);
    let sdk = &steps_titled(&steps, "with the Python SDK")[0].code;
    assert!(sdk.contains("Pick a vm_size with 4 vCPUs") && !sdk.contains("vm_size="), "{sdk}");
    assert!(document(&plain, ExportFormat::AzScript).contains("\"$AKS_ML_AKS_VM_SIZE\""));
}

#[test]
fn az_script_creates_the_network_and_clusters() {
    let script = document(&example("default_aks"), ExportFormat::AzScript);
    assert!(script.starts_with("#!/usr/bin/env bash\n"));
    for fragment in [
        "set -euo pipefail",
        "az network vnet create -g ml-rg -n mynetwork -l eastus2 --address-prefixes 10.1.0.0/16",
        "az network nsg create -g ml-rg -n mynetwork-nsg -l eastus2",
        "--network-plugin azure",
        "--service-cidr 10.2.0.0/16",
        "--dns-service-ip 10.2.0.10",
        "--vnet-subnet-id \"$subnet_id\"",
        "--load-balancer-sku standard",
        "--enable-managed-identity",
    ] {
        assert!(script.contains(fragment), "{fragment} missing from\n{script}");
    }
    assert!(!script.contains("--enable-private-cluster"));
    assert!(!document(&example("private_aks"), ExportFormat::AzScript).contains("az aks create"));
}

#[test]
fn names_with_quotes_and_spaces_stay_names() {
    let vnet = "my \"net\" it's";
    let cluster = "it's ${aks}\nrm -rf /";
    let plan = changed(
        "default_aks",
        &[
            ("/name", json!("a plan\nrm -rf /")),
            ("/vnets/0/name", json!(vnet)),
            ("/aksClusters/0/vnet", json!(vnet)),
            ("/aksClusters/0/name", json!(cluster)),
        ],
    );
    for format in ExportFormat::ALL {
        let text = document(&plan, format);
        assert!(
            !text.lines().any(|line| line.starts_with("rm -rf")),
            "{} lets a name out:\n{text}",
            format.name()
        );
    }
    let script = document(&plan, ExportFormat::AzScript);
    assert!(!script.lines().any(|line| line.starts_with("rm -rf")), "{script}");

    let steps = english_steps(&plan);
    let cli = &steps_titled(&steps, "with the Azure ML CLI v1")[0].code;
    assert!(cli.contains(r#"--vnet-name 'my "net" it'\''s'"#), "{cli}");
    assert!(cli.contains(r"--name $'it\'s ${aks}\nrm -rf /'"), "{cli}");
    let sdk = &steps_titled(&steps, "with the Python SDK")[0].code;
    assert!(sdk.contains(r#"config.vnet_name = "my \"net\" it's""#), "{sdk}");
    assert!(sdk.contains(r#"name="it's ${aks}\nrm -rf /""#), "{sdk}");

    let template = arm(&plan);
    assert_eq!(arm_of_type(&template, "Microsoft.ContainerService/managedClusters")[0]["name"], cluster);
    assert_eq!(arm_of_type(&template, "Microsoft.Network/virtualNetworks")[0]["name"], vnet);

    let body = terraform(&plan);
    let (label, aks) = tf_resources(&body, "azurerm_kubernetes_cluster")[0];
    assert_eq!(label, "it_s___aks__rm__rf__");
    assert_eq!(tf_text(aks, "name").as_deref(), Some(cluster));
    assert_eq!(tf_text(tf_resources(&body, "azurerm_virtual_network")[0].1, "name").as_deref(), Some(vnet));

    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains(r"name: 'it\'s \${aks}\nrm -rf /'"), "{bicep}");
}

#[test]
fn every_format_gives_the_pods_their_subnet() {
    let plan = changed("default_aks", &[("/aksClusters/0/podSubnet", json!("default"))]);
    let pool = &arm_of_type(&arm(&plan), "Microsoft.ContainerService/managedClusters")[0]["properties"]
        ["agentPoolProfiles"][0];
    assert_eq!(
        pool["podSubnetID"],
        "[resourceId('ml-rg', 'Microsoft.Network/virtualNetworks/subnets', 'mynetwork', 'default')]"
    );
    assert_eq!(pool["maxPods"], 110, "AKS's default for a pod subnet");
    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("podSubnetID: resourceId('ml-rg', 'Microsoft.Network/virtualNetworks/subnets', 'mynetwork', 'default')"), "{bicep}");
    let body = terraform(&plan);
    let aks = tf_resources(&body, "azurerm_kubernetes_cluster")[0].1;
    let pool = tf_block(aks, "default_node_pool");
    let pods = pool.attributes().find(|a| a.key() == "pod_subnet_id").expect("a pod subnet reference");
    assert_eq!(pods.expr().to_string(), "azurerm_subnet.mynetwork_default.id");
    let script = document(&plan, ExportFormat::AzScript);
    assert!(
        script.contains(
            "pod_subnet_id=$(az network vnet subnet show -g ml-rg --vnet-name mynetwork -n default"
        ),
        "{script}"
    );
    assert!(script.contains(r#"--pod-subnet-id "$pod_subnet_id""#), "{script}");
    let v2 = changed(
        "default_aks",
        &[
            ("/aksClusters/0/podSubnet", json!("default")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
        ],
    );
    let steps = english_steps(&v2);
    assert!(
        steps.iter().any(|step| step.code.contains("pod_subnet_id=$(az network vnet subnet show")
            && step.code.contains(r#"--pod-subnet-id "$pod_subnet_id""#)),
        "{steps:#?}"
    );

    let overlay = changed(
        "default_aks",
        &[
            ("/aksClusters/0/podSubnet", json!("default")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
        ],
    );
    let pool = &arm_of_type(&arm(&overlay), "Microsoft.ContainerService/managedClusters")[0]["properties"]
        ["agentPoolProfiles"][0];
    assert!(pool.get("podSubnetID").is_none(), "overlay gives no pod a subnet address");
    assert!(!document(&overlay, ExportFormat::AzScript).contains("--pod-subnet-id"));
}

#[test]
fn arm_keeps_bracketed_names_literal() {
    let plan = changed("default_aks", &[("/aksClusters/0/name", json!("[concat('a')]"))]);
    let text = document(&plan, ExportFormat::Arm);
    assert!(text.contains(r#""name": "[[concat('a')]""#), "{text}");
}

#[test]
fn a_cluster_waits_for_the_nested_deployment_of_its_vnet() {
    let plan = changed("default_aks", &[("/vnets/0/resourceGroup", json!("network-rg"))]);
    let template = arm(&plan);
    let aks = &arm_of_type(&template, "Microsoft.ContainerService/managedClusters")[0];
    assert_eq!(aks["dependsOn"], json!(["vnetplan-network-rg"]));
    assert_eq!(
        aks["properties"]["agentPoolProfiles"][0]["vnetSubnetID"],
        "[resourceId('network-rg', 'Microsoft.Network/virtualNetworks/subnets', 'mynetwork', 'aks-subnet')]"
    );
    let deployment = &arm_of_type(&template, "Microsoft.Resources/deployments")[0];
    assert_eq!(deployment["resourceGroup"], "network-rg");
    let nested: Vec<&Value> =
        deployment["properties"]["template"]["resources"].as_array().expect("resources").iter().collect();
    assert_eq!(nested[0]["type"], "Microsoft.Network/networkSecurityGroups");
    assert_eq!(
        nested[1]["dependsOn"],
        json!(["[resourceId('network-rg', 'Microsoft.Network/networkSecurityGroups', 'mynetwork-nsg')]"])
    );

    let bicep = document(&plan, ExportFormat::Bicep);
    insta::assert_snapshot!("nested_group.bicep", bicep);
    assert!(bicep.contains("  dependsOn: [\n    network_network_rg\n  ]\n"), "{bicep}");
}

/// The lines of `code` that run, as opposed to its comments.
fn code_lines(code: &str) -> Vec<&str> {
    code.lines().filter(|line| !line.trim_start().starts_with('#')).collect()
}

fn comment_lines(code: &str) -> Vec<&str> {
    code.lines().filter(|line| line.trim_start().starts_with('#')).collect()
}

/// The examples, and variants that reach the steps the examples alone do not: an SDK that lacks
/// settings, flagged steps, an internal load balancer on an attached cluster, restricted egress.
fn plans_for_every_step() -> Vec<Plan> {
    let mut plans: Vec<Plan> = EXAMPLES.iter().map(|(name, _)| example(name)).collect();
    plans.push(changed(
        "default_aks",
        &[
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("192.168.0.0/16")),
            ("/aksClusters/0/serviceCidr", json!("10.1.0.0/16")),
        ],
    ));
    plans.push(changed(
        "private_aks",
        &[
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("aks-nodes")),
        ],
    ));
    plans.push(changed("aci_vnet", &[("/egress", json!({ "restricted": true, "allowedServiceTags": [] }))]));
    plans
}

#[test]
fn french_steps_change_the_prose_and_keep_the_code() {
    for plan in plans_for_every_step() {
        let report = check(&plan);
        let english = steps(&plan, &report, Lang::En);
        let french = steps(&plan, &report, Lang::Fr);
        assert_eq!(english.len(), french.len());
        for (en, fr) in english.iter().zip(&french) {
            assert_ne!(en.section, fr.section);
            assert_ne!(en.title, fr.title);
            assert_eq!((en.language, &en.flagged), (fr.language, &fr.flagged));
            assert_eq!(code_lines(&en.code), code_lines(&fr.code), "{}", en.title);
            let (en_notes, fr_notes) = (comment_lines(&en.code), comment_lines(&fr.code));
            assert_eq!(en_notes.len(), fr_notes.len(), "{}:\n{}\n{}", en.title, en.code, fr.code);
            for (en_note, fr_note) in en_notes.iter().zip(&fr_notes) {
                assert_ne!(en_note, fr_note, "an untranslated comment in {}", en.title);
            }
        }
        for format in [ExportFormat::Sdk, ExportFormat::Az] {
            let en = export(&plan, &report, format, Lang::En);
            let fr = export(&plan, &report, format, Lang::Fr);
            assert_eq!(code_lines(&en), code_lines(&fr), "{}", format.name());
            assert_ne!(comment_lines(&en), comment_lines(&fr), "{}", format.name());
        }
    }
}

#[test]
fn french_templates_change_the_comments_and_descriptions_only() {
    for plan in plans_for_every_step() {
        let report = check(&plan);
        let french = |format| export(&plan, &report, format, Lang::Fr);
        let english = |format| export(&plan, &report, format, Lang::En);
        for format in
            [ExportFormat::Arm, ExportFormat::Bicep, ExportFormat::Terraform, ExportFormat::AzScript]
        {
            assert_ne!(english(format), french(format), "{}", format.name());
        }
        let commands = |script: &str| -> Vec<String> {
            code_lines(script)
                .into_iter()
                .filter(|line| !line.contains("--description"))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(commands(&english(ExportFormat::AzScript)), commands(&french(ExportFormat::AzScript)));
        let arm: Value =
            serde_json::from_str(&french(ExportFormat::Arm)).expect("the French ARM export is JSON");
        assert_eq!(arm_resources(&arm).len(), arm_resources(&self::arm(&plan)).len());
        let body = hcl::parse(&french(ExportFormat::Terraform)).expect("the French Terraform export parses");
        assert_eq!(body.blocks().count(), terraform(&plan).blocks().count());
    }
}

#[test]
fn every_step_text_has_its_french() {
    for text in super::prose::ALL {
        assert_ne!(text.en, text.fr, "{} has no French of its own", text.en);
    }
    // Every line a French reader sees, code included, so that English left anywhere shows.
    let mut french: Vec<String> = Vec::new();
    for plan in plans_for_every_step() {
        let report = check(&plan);
        for step in steps(&plan, &report, Lang::Fr) {
            french.extend(comment_lines(&step.code).into_iter().map(str::to_owned));
            french.extend([step.section, step.title]);
        }
        for format in ExportFormat::ALL {
            french.extend(export(&plan, &report, format, Lang::Fr).lines().map(str::to_owned));
        }
    }
    let english_only = super::prose::ALL.iter().find(|text| {
        let fixed = text.en.split(['{', '\n']).next().unwrap_or_default();
        fixed.len() > 12 && french.iter().any(|line| line.contains(fixed))
    });
    assert_eq!(english_only, None, "English prose in the French steps");
}

const V2_EXAMPLES: [(&str, &str); 4] = [
    ("v2_default_aks", include_str!("../../../../examples/v2/default-aks.json")),
    ("v2_private_aks", include_str!("../../../../examples/v2/private-aks.json")),
    ("v2_aks_internal_lb", include_str!("../../../../examples/v2/aks-internal-lb.json")),
    ("v2_aci_vnet", include_str!("../../../../examples/v2/aci-vnet.json")),
];

/// A v2 plan that reaches every v2 resource of the templates; the scanner test scans it too.
const V2_EVERYTHING: &str =
    include_str!("../../../../tests/python/checkov/fixtures/plans/v2-everything.json");

const TEMPLATES: [ExportFormat; 3] = [ExportFormat::Arm, ExportFormat::Bicep, ExportFormat::Terraform];

#[test]
fn v2_templates_export_as_snapshots() {
    for (name, text) in V2_EXAMPLES {
        let plan = crate::parse_plan(text).expect("examples are valid plans");
        for format in TEMPLATES {
            insta::assert_snapshot!(format!("{name}.{}", format.name()), document(&plan, format));
        }
    }
}

#[test]
fn arm_creates_installs_and_attaches_each_v2_cluster() {
    let plan = crate::parse_plan(V2_EVERYTHING).expect("a valid plan");
    let template = arm(&plan);
    let clusters = arm_of_type(&template, "Microsoft.ContainerService/managedClusters");
    assert_eq!(clusters.len(), 2, "Azure ML v2 creates no cluster: the template does");
    let inference = &clusters[0];
    assert_eq!(inference["properties"]["agentPoolProfiles"][0]["upgradeSettings"]["maxSurge"], "33%");
    assert_eq!(inference["properties"]["disableLocalAccounts"], true);
    assert_eq!(
        inference["properties"]["apiServerAccessProfile"]["authorizedIPRanges"],
        json!(["203.0.113.0/24"])
    );
    assert_eq!(clusters[1]["properties"]["apiServerAccessProfile"]["enablePrivateClusterPublicFQDN"], true);

    let extensions = arm_of_type(&template, "Microsoft.KubernetesConfiguration/extensions");
    assert_eq!(extensions.len(), 2);
    assert_eq!(
        extensions[0]["scope"],
        "[format('{0}/{1}', 'Microsoft.ContainerService/managedClusters', 'k8s-inf')]"
    );
    let properties = &extensions[0]["properties"];
    assert_eq!(properties["extensionType"], "Microsoft.AzureML.Kubernetes");
    assert_eq!(
        properties["configurationSettings"],
        json!({
            "enableTraining": "False",
            "enableInference": "True",
            "inferenceRouterServiceType": "LoadBalancer",
            "internalLoadBalancerProvider": "azure",
            "scoringFe.serviceType.internalLoadBalancer": "True",
            "allowInsecureConnections": "False",
            "sslCname": "score.contoso.com",
            "inferenceRouterHA": "True",
            "servicebus.enabled": "false",
            "relayserver.enabled": "false",
            "nginxIngress.enabled": "true",
        })
    );
    // What `az k8s-extension create` sends for PEM files: their content in base64, not paths.
    assert_eq!(
        properties["configurationProtectedSettings"],
        json!({
            "scoringFe.sslCert": "[base64(parameters('k8s_inf_ssl_cert_pem'))]",
            "scoringFe.sslKey": "[base64(parameters('k8s_inf_ssl_key_pem'))]",
        })
    );
    assert_eq!(template["parameters"]["k8s_inf_ssl_cert_pem"]["type"], "securestring");
    let plain = &extensions[1]["properties"]["configurationSettings"];
    assert_eq!(plain["inferenceRouterServiceType"], "NodePort");
    assert_eq!(plain["scoringFe.serviceType.nodePort"], "True");
    assert_eq!(plain["allowInsecureConnections"], "True");
    assert!(plain.get("sslCname").is_none());

    let computes = arm_of_type(&template, "Microsoft.MachineLearningServices/workspaces/computes");
    assert_eq!(computes[0]["name"], "[format('{0}/{1}', parameters('workspace_name'), 'k8s-inf')]");
    assert_eq!(computes[0]["properties"]["computeType"], "Kubernetes");
    assert_eq!(computes[0]["properties"]["properties"]["namespace"], "inference");
    assert_eq!(
        computes[0]["dependsOn"][0],
        "[extensionResourceId(resourceId('ml-rg', 'Microsoft.ContainerService/managedClusters', 'k8s-inf'), \
         'Microsoft.KubernetesConfiguration/extensions', 'azureml')]"
    );

    let workspaces = arm_of_type(&template, "Microsoft.MachineLearningServices/workspaces");
    assert_eq!(workspaces[0]["properties"]["managedNetwork"]["isolationMode"], "AllowOnlyApprovedOutbound");
    assert_eq!(workspaces[0]["properties"]["imageBuildCompute"], "cpu-cluster");
    let rules = arm_of_type(&template, "Microsoft.MachineLearningServices/workspaces/outboundRules");
    let kinds: Vec<&str> = rules.iter().filter_map(|rule| rule["properties"]["type"].as_str()).collect();
    assert_eq!(kinds, ["FQDN", "ServiceTag", "PrivateEndpoint"]);
    assert_eq!(rules[1]["properties"]["destination"]["portRanges"], "443,8000-8010");
    assert_eq!(
        rules[2]["properties"]["destination"]["subresourceTarget"],
        "[parameters('outbound_rule_2_subresource')]",
        "the plan does not hold the sub-resource: a placeholder asks for it"
    );
}

#[test]
fn terraform_installs_the_extension_and_attaches_through_azapi() {
    let plan = crate::parse_plan(V2_EVERYTHING).expect("a valid plan");
    let body = terraform(&plan);
    let extensions = tf_resources(&body, "azurerm_kubernetes_cluster_extension");
    assert_eq!(extensions.len(), 2);
    assert_eq!(tf_text(extensions[0].1, "extension_type").as_deref(), Some("Microsoft.AzureML.Kubernetes"));
    let settings = tf_attr(extensions[0].1, "configuration_settings").expect("settings");
    assert!(settings.to_string().contains("\"sslCname\""));
    assert!(settings.to_string().contains("\"scoringFe.serviceType.internalLoadBalancer\""));
    let protected = extensions[0]
        .1
        .attributes()
        .find(|attribute| attribute.key() == "configuration_protected_settings")
        .expect("protected settings")
        .expr()
        .to_string();
    assert!(
        protected.contains("\"scoringFe.sslCert\" = base64encode(var.k8s_inf_ssl_cert_pem)"),
        "{protected}"
    );
    assert!(!protected.contains("PemFile"), "{protected}");
    // A cluster with Trusted Access also gets its binding through azapi, before its compute.
    let azapi = tf_resources(&body, "azapi_resource");
    let of_type = |type_name: &str| -> Vec<(&str, &hcl::Body)> {
        azapi
            .iter()
            .copied()
            .filter(|(_, block)| tf_text(block, "type").as_deref() == Some(type_name))
            .collect()
    };
    let computes = of_type("Microsoft.MachineLearningServices/workspaces/computes@2024-04-01");
    assert_eq!(computes.len(), 2);
    let bindings = of_type("Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings@2024-02-01");
    assert_eq!(azapi.len(), computes.len() + bindings.len());
    let parent = computes[0].1.attributes().find(|a| a.key() == "parent_id").expect("a parent");
    assert_eq!(parent.expr().to_string(), "azurerm_machine_learning_workspace.workspace.id");
    let workspace = tf_resources(&body, "azurerm_machine_learning_workspace");
    assert_eq!(
        tf_text(tf_block(workspace[0].1, "managed_network"), "isolation_mode").as_deref(),
        Some("AllowOnlyApprovedOutbound")
    );
    assert_eq!(tf_resources(&body, "azurerm_machine_learning_workspace_network_outbound_rule_fqdn").len(), 1);
    assert_eq!(
        tf_resources(&body, "azurerm_machine_learning_workspace_network_outbound_rule_service_tag").len(),
        1
    );
    assert_eq!(
        tf_resources(&body, "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint")
            .len(),
        1
    );
    let pool = tf_block(tf_resources(&body, "azurerm_kubernetes_cluster")[0].1, "default_node_pool");
    assert_eq!(tf_text(tf_block(pool, "upgrade_settings"), "max_surge").as_deref(), Some("33%"));

    // Without a managed network the template does not declare the workspace: its ID is asked for.
    let plain = crate::parse_plan(V2_EXAMPLES[0].1).expect("a valid plan");
    let body = terraform(&plain);
    let computes = tf_resources(&body, "azapi_resource");
    let parent = computes[0].1.attributes().find(|a| a.key() == "parent_id").expect("a parent");
    assert_eq!(parent.expr().to_string(), "var.workspace_id");
    assert!(tf_resources(&body, "azurerm_machine_learning_workspace").is_empty());
}

#[test]
fn subnets_azure_keeps_bare_get_no_security_group() {
    let plan = changed(
        "default_aks",
        &[("/vnets/0/subnets/1", json!({"name": "RouteServerSubnet", "addressPrefix": "10.1.4.0/24"}))],
    );
    let template = arm(&plan);
    let vnets = arm_of_type(&template, "Microsoft.Network/virtualNetworks");
    let subnets = vnets[0]["properties"]["subnets"].as_array().expect("subnets inline");
    assert!(subnets[0]["properties"].get("networkSecurityGroup").is_some());
    assert!(subnets[1]["properties"].get("networkSecurityGroup").is_none(), "Azure refuses one there");

    let code = document(&plan, ExportFormat::Terraform);
    let body = terraform(&plan);
    assert_eq!(tf_resources(&body, "azurerm_subnet_network_security_group_association").len(), 1);
    // The scanner does not know that Azure refuses the group there: the subnet says so.
    let bare =
        code.split("resource \"azurerm_subnet\" \"mynetwork_routeserversubnet\"").nth(1).expect("the subnet");
    assert!(bare.lines().nth(1).is_some_and(|line| line.trim().starts_with("#checkov:skip=CKV2_AZURE_31:")));
}
