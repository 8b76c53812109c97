//! Exports of the Azure ML v2 plans, pinned as snapshots in every format, and what the v2 flow
//! promises: its order, which document carries which step, placeholders where the plan has no
//! value, and the marks that findings put on steps.

use super::*;
use crate::plan::SslCertificate;
use crate::{check, Lang, Plan};

const PLANS: [(&str, &str); 6] = [
    ("v2_default_aks", include_str!("../../../../examples/v2/default-aks.json")),
    ("v2_private_aks", include_str!("../../../../examples/v2/private-aks.json")),
    ("v2_aks_internal_lb", include_str!("../../../../examples/v2/aks-internal-lb.json")),
    ("v2_aci_vnet", include_str!("../../../../examples/v2/aci-vnet.json")),
    ("v2_private_spoke_k8s", include_str!("../../../../examples/v2/private-spoke-k8s.json")),
    // Outbound rules of each type and a Kubernetes online endpoint, which no example has.
    ("v2_managed_network", include_str!("../../../../tests/python/sdk-v2/plans/managed-network.json")),
];

fn plan(name: &str) -> Plan {
    let (_, text) = PLANS.iter().find(|(stem, _)| *stem == name).expect("a known plan");
    crate::parse_plan(text).expect("the v2 plans are valid")
}

fn document(plan: &Plan, format: ExportFormat) -> String {
    export(plan, &check(plan), format, Lang::En)
}

fn titles(plan: &Plan) -> Vec<String> {
    steps(plan, &check(plan), Lang::En).into_iter().map(|step| step.title).collect()
}

#[test]
fn v2_plans_export_as_snapshots() {
    for (name, _) in PLANS {
        let plan = plan(name);
        for format in ExportFormat::ALL {
            insta::assert_snapshot!(format!("{name}.{}", format.name()), document(&plan, format));
        }
        let steps =
            serde_json::to_string_pretty(&steps(&plan, &check(&plan), Lang::En)).expect("steps serialise");
        insta::assert_snapshot!(format!("{name}.steps"), steps);
    }
}

#[test]
fn a_v2_cluster_is_created_extended_attached_then_the_network_and_endpoints_follow() {
    let titles = titles(&plan("v2_managed_network"));
    let position = |fragment: &str| {
        titles
            .iter()
            .position(|title| title.contains(fragment))
            .unwrap_or_else(|| panic!("no step {fragment}"))
    };
    let order = [
        "Create AKS cluster 'k8s-inf'",
        "Install the Azure ML extension",
        "Attach cluster 'k8s-inf' as Kubernetes compute with the Azure ML CLI v2",
        "Set the workspace's managed network with the Azure ML CLI v2",
        "Add outbound rule 'pypi'",
        "Provision the managed network with the Azure ML CLI v2",
        "File endpoint-fraud-moe.yml",
        "Create online endpoint 'fraud-moe' with the Azure ML CLI v2",
        "Create online endpoint 'fraud-k8s'",
    ];
    let positions: Vec<usize> = order.iter().map(|fragment| position(fragment)).collect();
    assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{positions:?} in {titles:#?}");
}

#[test]
fn a_cluster_without_local_accounts_signs_in_through_entra_id_and_grants_trusted_access() {
    let mut plan = plan("v2_managed_network");
    assert!(plan.aks_clusters[0].local_accounts_disabled());
    plan.aks_clusters[0].trusted_access = Some(true);
    let role = "Microsoft.MachineLearningServices/workspaces/mlworkload";

    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let resources = arm["resources"].as_array().expect("resources");
    let of_type = |suffix: &str| {
        resources
            .iter()
            .find(|resource| resource["type"].as_str().is_some_and(|kind| kind.ends_with(suffix)))
            .unwrap_or_else(|| panic!("no {suffix}"))
    };
    let cluster = of_type("/managedClusters");
    assert_eq!(
        cluster["properties"]["aadProfile"],
        serde_json::json!({"managed": true, "enableAzureRBAC": true})
    );
    let binding = of_type("/trustedAccessRoleBindings");
    assert_eq!(binding["apiVersion"], "2024-02-01");
    assert_eq!(binding["properties"]["roles"], serde_json::json!([role]));
    assert!(binding["properties"]["sourceResourceId"].as_str().is_some_and(|id| id.contains("workspaces")));
    let compute = of_type("/computes");
    assert!(
        compute["dependsOn"].to_string().contains("trustedAccessRoleBindings"),
        "the compute is attached after the binding: {}",
        compute["dependsOn"]
    );

    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(
        bicep.contains("'Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings@2024-02-01'")
    );
    assert!(bicep.contains("enableAzureRBAC: true"), "{bicep}");

    let terraform = document(&plan, ExportFormat::Terraform);
    assert!(terraform.contains("azure_rbac_enabled = true"), "{terraform}");
    assert!(
        terraform.contains(
            "type      = \"Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings@2024-02-01\""
        ),
        "{terraform}"
    );
    assert!(terraform.contains("depends_on = [azurerm_kubernetes_cluster_extension.k8s_inf_azureml, azapi_resource.k8s_inf_trusted_access]"), "{terraform}");

    let az = document(&plan, ExportFormat::Az);
    assert!(az.contains("--disable-local-accounts \\\n  --enable-aad \\\n  --enable-azure-rbac"), "{az}");
    assert!(az.contains(&format!("--roles {role}")), "{az}");
    let steps = titles(&plan);
    let at = |fragment: &str| steps.iter().position(|title| title.contains(fragment)).expect(fragment);
    assert!(
        at("Install the Azure ML extension") < at("Grant the workspace Trusted Access to cluster 'k8s-inf'")
    );
    assert!(at("Grant the workspace Trusted Access") < at("Attach cluster 'k8s-inf' as Kubernetes compute"));

    // Without Trusted Access in the plan, no binding is written.
    plan.aks_clusters[0].trusted_access = None;
    assert!(!document(&plan, ExportFormat::Bicep).contains("trustedAccessRoleBindings"));
    assert!(!titles(&plan).iter().any(|title| title.contains("Trusted Access")));
}

#[test]
fn each_sdk_document_keeps_to_its_api() {
    let plan = plan("v2_managed_network");
    let v1 = document(&plan, ExportFormat::Sdk);
    assert!(!v1.contains("azure.ai.ml") && !v1.contains("k8s-extension"), "{v1}");
    assert!(v1.contains("the sdk-v2 export has them"));
    let v2 = document(&plan, ExportFormat::SdkV2);
    assert!(!v2.contains("azureml.core"));
    assert!(v2.contains("ml_client.compute.begin_attach(compute).result()"));
    // The shell steps are comments there, prompts and all.
    assert!(v2.contains("# $ az k8s-extension create \\"), "{v2}");
    // A v1 plan leaves the sdk-v2 document with the client only, and says why.
    let v1_plan = crate::parse_plan(include_str!("../../../../examples/default-aks.json")).expect("valid");
    let empty = document(&v1_plan, ExportFormat::SdkV2);
    assert!(
        empty.contains("The plan's v1 clusters and ACI deployments are not here") && !empty.contains("====")
    );
}

#[test]
fn the_az_script_writes_the_endpoint_files_it_uses() {
    let script = document(&plan("v2_managed_network"), ExportFormat::Az);
    let written =
        "cat > endpoint-fraud-moe.yml <<'YAML'\nname: \"fraud-moe\"\npublic_network_access: disabled\nYAML\n";
    let used = script.find("-f endpoint-fraud-moe.yml").expect("the create command reads the file");
    assert!(script.find(written).is_some_and(|at| at < used), "{script}");
    // The compute and workspace files are the yaml export's: the script sets both with options.
    assert!(!script.contains("cat > compute-") && !script.contains("cat > workspace-network.yml"));
    assert!(script.contains("--managed-network allow_only_approved_outbound"));
}

#[test]
fn values_the_plan_lacks_are_placeholders() {
    let plan = plan("v2_managed_network");
    let sdk = document(&plan, ExportFormat::SdkV2);
    for placeholder in ["\"<subscription ID>\"", "\"<workspace name>\"", "protocol=\"<TCP, UDP, ICMP or *>\""]
    {
        assert!(sdk.contains(placeholder), "{placeholder}");
    }
    let az = document(&plan, ExportFormat::Az);
    assert!(az.contains("'sslSecret=<secret in namespace azureml holding cert.pem and key.pem>'"), "{az}");
    assert!(az.contains("node_vm_size='<VM size of the nodes>'"));
    let yaml = document(&plan, ExportFormat::Yaml);
    assert!(yaml.contains("resource_id: \"/subscriptions/<subscription ID>/resourceGroups/ml-rg/"));
    assert!(yaml.contains("# Values in <angle brackets> are not in the plan"));
}

#[test]
fn https_without_a_certificate_in_the_plan_gets_a_secret_to_fill_in() {
    // The extension refuses allowInsecureConnections=False without a certificate, so a document
    // that sets up HTTPS must ask for one even when the plan is silent about it.
    let plan = plan("v2_default_aks");
    assert_eq!(plan.aks_clusters[0].azure_ml().ssl_certificate, None);
    for format in ExportFormat::ALL {
        let document = document(&plan, format);
        if document.contains("sslCname") {
            assert!(document.contains("sslSecret"), "{}: {document}", format.name());
        }
    }
    let mut insecure = plan.clone();
    insecure.aks_clusters[0].azure_ml.get_or_insert_with(Default::default).allow_insecure_connections =
        Some(true);
    // Plain HTTP takes no certificate, even one the plan describes: every format leaves it out.
    insecure.aks_clusters[0].azure_ml.get_or_insert_with(Default::default).ssl_certificate =
        Some(SslCertificate::Secret);
    for format in ExportFormat::ALL {
        assert!(!document(&insecure, format).contains("sslSecret"), "{}", format.name());
    }
}

#[test]
fn an_attach_in_a_namespace_of_its_own_says_to_create_it_first() {
    let mut plan = plan("v2_default_aks");
    let expected = "kubectl create namespace inference";
    for format in [ExportFormat::Az, ExportFormat::SdkV2] {
        assert!(!document(&plan, format).contains("kubectl create namespace"), "{}", format.name());
    }
    plan.aks_clusters[0].azure_ml.get_or_insert_with(Default::default).namespace =
        Some("inference".to_owned());
    for format in [ExportFormat::Az, ExportFormat::SdkV2] {
        assert!(document(&plan, format).contains(expected), "{}", format.name());
    }
}

#[test]
fn the_plans_cluster_settings_reach_the_commands() {
    let az = document(&plan("v2_managed_network"), ExportFormat::Az);
    for expected in [
        "--network-plugin-mode overlay",
        "--pod-cidr 192.168.0.0/16",
        "--enable-private-cluster",
        "--disable-public-fqdn",
        "--disable-local-accounts",
        "--max-surge 33%",
        "inferenceRouterServiceType=LoadBalancer internalLoadBalancerProvider=azure",
        "sslCname=score.contoso.com",
        "--namespace inference",
        "--service-tag AzureMonitor",
        "--port-ranges 443,8000-8080",
    ] {
        assert!(az.contains(expected), "{expected} in {az}");
    }
}

#[test]
fn findings_mark_the_v2_steps_they_concern() {
    let plan = plan("v2_managed_network");
    let steps = steps(&plan, &check(&plan), Lang::En);
    let flagged = |fragment: &str| {
        steps
            .iter()
            .find(|step| step.title.contains(fragment))
            .map(|step| step.flagged.clone())
            .unwrap_or_default()
    };
    assert!(flagged("Install the Azure ML extension")
        .contains(&"managed-network-with-kubernetes-compute".to_owned()));
    assert!(flagged("Add outbound rule 'pypi'").is_empty());
}

#[test]
fn french_steps_keep_the_code() {
    let plan = plan("v2_managed_network");
    let english = steps(&plan, &check(&plan), Lang::En);
    let french = steps(&plan, &check(&plan), Lang::Fr);
    assert_eq!(english.len(), french.len());
    for (en, fr) in english.iter().zip(&french) {
        if en.language == StepLanguage::Yaml {
            assert_eq!(en.code, fr.code);
        }
        assert_ne!(en.title, fr.title);
    }
}

/// The ARM resources of `template` of type `kind`, with the name of the deployment holding each
/// (empty for the template's own).
fn arm_in_deployments(template: &serde_json::Value, kind: &str) -> Vec<(String, serde_json::Value)> {
    let mut found = Vec::new();
    for resource in template["resources"].as_array().into_iter().flatten() {
        if resource["type"] == "Microsoft.Resources/deployments" {
            let name = resource["name"].as_str().unwrap_or_default().to_owned();
            for inner in resource["properties"]["template"]["resources"].as_array().into_iter().flatten() {
                if inner["type"] == kind {
                    found.push((name.clone(), inner.clone()));
                }
            }
        } else if resource["type"] == kind {
            found.push((String::new(), resource.clone()));
        }
    }
    found
}

const PEERING: &str = "Microsoft.Network/virtualNetworks/virtualNetworkPeerings";

#[test]
fn a_planned_peering_is_built_on_both_vnets_in_every_format() {
    let plan = plan("v2_private_spoke_k8s");
    assert_eq!(plan.vnets[1].peerings, ["hub-vnet"]);

    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let peerings = arm_in_deployments(&arm, PEERING);
    let names: Vec<&str> = peerings.iter().filter_map(|(_, peering)| peering["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "[format('{0}/{1}', 'spoke-vnet', 'spoke-vnet-to-hub-vnet')]",
            "[format('{0}/{1}', 'hub-vnet', 'hub-vnet-to-spoke-vnet')]"
        ]
    );
    assert_eq!(
        peerings[0].1["properties"]["remoteVirtualNetwork"]["id"],
        "[resourceId('network-rg', 'Microsoft.Network/virtualNetworks', 'hub-vnet')]"
    );
    assert_eq!(peerings[0].1["properties"]["allowVirtualNetworkAccess"], true);

    let bicep = document(&plan, ExportFormat::Bicep);
    assert_eq!(bicep.matches(&format!("type: '{PEERING}'")).count(), 2, "{bicep}");

    let terraform = document(&plan, ExportFormat::Terraform);
    let peerings: Vec<String> = terraform_blocks(&terraform, "azurerm_virtual_network_peering")
        .iter()
        .map(|attribute| {
            format!("{} -> {}", attribute("virtual_network_name"), attribute("remote_virtual_network_id"))
        })
        .collect();
    assert_eq!(
        peerings,
        [
            "azurerm_virtual_network.spoke_vnet.name -> azurerm_virtual_network.hub_vnet.id",
            "azurerm_virtual_network.hub_vnet.name -> azurerm_virtual_network.spoke_vnet.id"
        ]
    );

    for format in [ExportFormat::AzScript, ExportFormat::Az] {
        let script = document(&plan, format);
        for side in [
            "--vnet-name spoke-vnet \\\n  -n spoke-vnet-to-hub-vnet",
            "--vnet-name hub-vnet \\\n  -n hub-vnet-to-spoke-vnet",
        ] {
            assert!(script.contains(side), "{side} missing from\n{script}");
        }
        assert!(
            script.contains("az network vnet show -g network-rg -n hub-vnet --query id -o tsv"),
            "{script}"
        );
    }
    // The az steps start from existing VNets: the peering is a prerequisite, before the cluster.
    let titles = titles(&plan);
    let at = |fragment: &str| titles.iter().position(|title| title.contains(fragment)).expect(fragment);
    assert!(at("Peer VNet 'spoke-vnet' with VNet 'hub-vnet'") < at("Create AKS cluster 'k8s-inf'"));
}

#[test]
fn a_peering_is_listed_once_whichever_side_names_it() {
    let mut plan = plan("v2_private_spoke_k8s");
    plan.vnets[0].peerings = vec!["SPOKE-VNET".to_owned(), "hub-vnet".to_owned(), "nowhere".to_owned()];
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    assert_eq!(arm_in_deployments(&arm, PEERING).len(), 2, "one pair, both sides");
    assert_eq!(document(&plan, ExportFormat::AzScript).matches("az network vnet peering create").count(), 2);

    plan.vnets.iter_mut().for_each(|vnet| vnet.peerings.clear());
    for format in ExportFormat::ALL {
        assert!(!document(&plan, format).to_lowercase().contains("peering"), "{}", format.name());
    }
}

#[test]
fn peerings_across_resource_groups_wait_for_both_vnets_without_a_cycle() {
    // Hub in the template's own group, spoke in another: the hub's side waits for the spoke's
    // deployment; the spoke's side, in a deployment of its own, waits for both.
    let mut plan = plan("v2_private_spoke_k8s");
    plan.vnets[0].resource_group = "ml-rg".to_owned();
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let peerings = arm_in_deployments(&arm, PEERING);
    assert_eq!(peerings.len(), 2);
    let (holder, spoke_side) = &peerings[0];
    assert_eq!(holder, "vnetplan-network-rg-peerings");
    assert!(spoke_side.get("dependsOn").is_none(), "{spoke_side}");
    let deployment = arm["resources"]
        .as_array()
        .and_then(|resources| resources.iter().find(|resource| resource["name"] == holder.as_str()))
        .expect("the peering deployment");
    assert_eq!(deployment["resourceGroup"], "network-rg");
    assert_eq!(
        deployment["dependsOn"],
        serde_json::json!([
            "vnetplan-network-rg",
            "[resourceId('ml-rg', 'Microsoft.Network/virtualNetworks', 'hub-vnet')]"
        ])
    );
    let (holder, hub_side) = &peerings[1];
    assert!(holder.is_empty());
    assert_eq!(
        hub_side["dependsOn"],
        serde_json::json!([
            "[resourceId('ml-rg', 'Microsoft.Network/virtualNetworks', 'hub-vnet')]",
            "vnetplan-network-rg"
        ])
    );
    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("  dependsOn: [\n    network_network_rg\n    vnet_hub_vnet\n  ]\n}"), "{bicep}");
    assert!(!bicep.contains("dependsOn: [\n    'vnetplan"), "Bicep names symbols, not deployments: {bicep}");

    // Two other groups: each side has its own deployment, after both VNet deployments.
    plan.vnets[0].resource_group = "hub-rg".to_owned();
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let holders: Vec<String> =
        arm_in_deployments(&arm, PEERING).into_iter().map(|(holder, _)| holder).collect();
    assert_eq!(holders, ["vnetplan-network-rg-peerings", "vnetplan-hub-rg-peerings"]);
    for holder in holders {
        let deployment = arm["resources"]
            .as_array()
            .and_then(|resources| resources.iter().find(|resource| resource["name"] == holder.as_str()))
            .expect("the peering deployment");
        let waits: Vec<&str> =
            deployment["dependsOn"].as_array().into_iter().flatten().filter_map(|d| d.as_str()).collect();
        assert_eq!(waits.len(), 2, "{waits:?}");
        assert!(
            waits.iter().all(|name| !name.ends_with("-peerings")),
            "no deployment of peerings waits for another"
        );
    }
}

const ROLE_ASSIGNMENT: &str = "Microsoft.Authorization/roleAssignments";

/// The `azurerm_role_assignment` blocks of a Terraform export, as `scope <- principal`.
fn terraform_roles(terraform: &str) -> Vec<String> {
    terraform_blocks(terraform, "azurerm_role_assignment")
        .iter()
        .map(|attribute| {
            format!(
                "{} {} <- {}",
                attribute("role_definition_name"),
                attribute("scope"),
                attribute("principal_id")
            )
        })
        .collect()
}

/// The resources of type `kind` in a Terraform export, each as a lookup of its attributes'
/// expressions by key (empty for a key the block lacks).
fn terraform_blocks(terraform: &str, kind: &str) -> Vec<impl Fn(&str) -> String> {
    let body = hcl::parse(terraform).expect("the Terraform export parses");
    body.into_blocks()
        .filter(|block| block.labels().first().map(hcl::BlockLabel::as_str) == Some(kind))
        .map(|block| {
            move |key: &str| {
                block
                    .body()
                    .attributes()
                    .find(|a| a.key() == key)
                    .map(|a| a.expr().to_string())
                    .unwrap_or_default()
            }
        })
        .collect()
}

#[test]
fn every_format_grants_the_new_cluster_identity_network_contributor_on_its_vnet_group() {
    // The VNet is in network-rg, the cluster in the template's ml-rg: the role goes into a
    // deployment of its own into network-rg, which waits for the cluster.
    let plan = plan("v2_private_spoke_k8s");
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let roles = arm_in_deployments(&arm, ROLE_ASSIGNMENT);
    assert_eq!(roles.len(), 1, "{roles:?}");
    let (holder, role) = &roles[0];
    assert_eq!(holder, "vnetplan-network-rg-roles");
    let cluster_id = "resourceId('ml-rg', 'Microsoft.ContainerService/managedClusters', 'k8s-inf')";
    let definition = "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', \
                      '4d97b98b-1d4f-4787-a291-c67834d212e7')";
    assert_eq!(role["name"], format!("[guid('network-rg', {cluster_id}, {definition})]"));
    assert_eq!(role["properties"]["roleDefinitionId"], format!("[{definition}]"));
    assert_eq!(
        role["properties"]["principalId"],
        format!("[reference({cluster_id}, '2024-02-01', 'full').identity.principalId]")
    );
    assert_eq!(role["properties"]["principalType"], "ServicePrincipal");
    let deployment = arm["resources"]
        .as_array()
        .and_then(|resources| resources.iter().find(|resource| resource["name"] == holder.as_str()))
        .expect("the role deployment");
    assert_eq!(deployment["resourceGroup"], "network-rg");
    assert_eq!(deployment["dependsOn"], serde_json::json!([format!("[{cluster_id}]")]));

    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("principalId: aks_k8s_inf.identity.principalId"), "{bicep}");
    assert!(bicep.contains("resource roles_network_rg 'Microsoft.Resources/deployments@"), "{bicep}");

    assert_eq!(
        terraform_roles(&document(&plan, ExportFormat::Terraform)),
        ["\"Network Contributor\" data.azurerm_resource_group.network_rg_group.id <- \
             azurerm_kubernetes_cluster.k8s_inf.identity[0].principal_id"]
    );
    let script = document(&plan, ExportFormat::AzScript);
    assert!(
        script.contains(
            "vnet_group_id=$(az group show -n network-rg --query id -o tsv)\naz role assignment create \\\n  \
             --assignee \"$cluster_identity\" \\\n  --role 'Network Contributor' \\\n  --scope \"$vnet_group_id\""
        ),
        "{script}"
    );

    // The VNet in the template's own group: the role is a resource of the template, after the
    // cluster. A plan that records the grant still gets it, since the identity is new.
    let mut plan = plan;
    plan.vnets.iter_mut().for_each(|vnet| vnet.resource_group = "ml-rg".to_owned());
    plan.aks_clusters[0].network_contributor_granted = Some(true);
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let roles = arm_in_deployments(&arm, ROLE_ASSIGNMENT);
    assert_eq!(roles.len(), 1);
    assert!(roles[0].0.is_empty(), "in the template's own group");
    assert_eq!(roles[0].1["dependsOn"], serde_json::json!([format!("[{cluster_id}]")]));
    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("  dependsOn: [\n    aks_k8s_inf\n  ]"), "{bicep}");

    // A service principal exists before the template: the plan's field speaks for it.
    plan.aks_clusters[0].identity = Some(crate::plan::Identity::ServicePrincipal);
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    assert!(arm_in_deployments(&arm, ROLE_ASSIGNMENT).is_empty());
    assert!(terraform_roles(&document(&plan, ExportFormat::Terraform)).is_empty());
}

#[test]
fn a_node_port_router_is_admitted_at_the_node_subnet_on_the_node_port_range() {
    let mut plan = plan("v2_default_aks");
    if let Some(azure_ml) = plan.aks_clusters[0].azure_ml.as_mut() {
        azure_ml.inference_router_service_type = Some(crate::plan::RouterServiceType::NodePort);
    }
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let groups = arm_in_deployments(&arm, "Microsoft.Network/networkSecurityGroups");
    let rule = groups
        .iter()
        .flat_map(|(_, nsg)| nsg["properties"]["securityRules"].as_array().cloned().unwrap_or_default())
        .find(|rule| rule["name"] == "allow-scoring-ml-aks")
        .expect("the scoring rule");
    assert_eq!(rule["properties"]["destinationAddressPrefix"], "10.1.0.0/22");
    assert_eq!(rule["properties"]["destinationPortRanges"], serde_json::json!(["30000-32767"]));
    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("destinationAddressPrefix: '10.1.0.0/22'"), "{bicep}");
    assert!(bicep.contains("'30000-32767'") && !bicep.contains("'443'"), "{bicep}");

    let terraform = document(&plan, ExportFormat::Terraform);
    let rules = terraform_blocks(&terraform, "azurerm_network_security_rule");
    let attribute = rules.first().expect("the scoring rule");
    assert_eq!(attribute("destination_address_prefix"), "\"10.1.0.0/22\"");
    assert_eq!(attribute("destination_port_ranges").replace([' ', '\n'], ""), "[\"30000-32767\"]");

    for format in [ExportFormat::AzScript, ExportFormat::Az, ExportFormat::SdkV2] {
        let text = document(&plan, format);
        assert!(
            text.contains("--destination-address-prefixes 10.1.0.0/22 \\")
                && text.contains("--destination-port-ranges 30000-32767"),
            "{}: {text}",
            format.name()
        );
        assert!(!text.contains("--destination-port-ranges 80 443"), "{}", format.name());
    }
}

#[test]
fn the_az_script_installs_the_extension_binds_and_attaches_a_v2_cluster_as_the_az_steps_do() {
    let mut plans: Vec<(&str, Plan)> =
        ["v2_private_aks", "v2_default_aks", "v2_private_spoke_k8s", "v2_managed_network"]
            .into_iter()
            .map(|name| (name, plan(name)))
            .collect();
    let mut bound = plan("v2_default_aks");
    bound.aks_clusters[0].trusted_access = Some(true);
    assert!(bound.aks_clusters[0].trusted_access(), "a plan that reaches the binding");
    plans.push(("trusted access", bound));
    for (name, plan) in plans {
        let script = document(&plan, ExportFormat::AzScript);
        let cluster = &plan.aks_clusters[0];
        let steps = steps(&plan, &check(&plan), Lang::En);
        let code = |fragment: &str| {
            steps
                .iter()
                .find(|step| step.title.contains(fragment))
                .map(|step| step.code.clone())
                .unwrap_or_else(|| panic!("{name}: no step {fragment}"))
        };
        let mut expected = vec![
            code("Install the Azure ML extension"),
            code("as Kubernetes compute with the Azure ML CLI v2"),
        ];
        if cluster.trusted_access() {
            expected.push(code("Grant the workspace Trusted Access"));
        }
        for code in expected {
            assert!(script.contains(&code), "{name}: the script lacks\n{code}\n---\n{script}");
        }
        assert!(
            script.contains("az ml compute attach") && script.contains("az k8s-extension create"),
            "{name}"
        );
        assert_eq!(
            cluster.trusted_access(),
            script.contains("az aks trustedaccess rolebinding create"),
            "{name}"
        );
        let surge = format!(
            "az aks nodepool update -g ml-rg --cluster-name {} -n nodepool1 --max-surge {}",
            cluster.name,
            template::surge(cluster)
        );
        assert!(script.contains(&surge), "{name}: {surge} missing from\n{script}");
        assert!(script.contains(": \"${WORKSPACE_NAME:?"), "{name}");
    }
}

#[test]
fn a_reused_v1_cluster_is_annotated_before_a_template_installs_the_extension() {
    let mut plan = plan("v2_default_aks");
    plan.aks_clusters[0].azure_ml.get_or_insert_with(Default::default).reuses_v1_cluster = Some(true);
    let command = "kubectl annotate deployment azureml-fe azureml-fe-enable-upgrade=true";
    let steps = steps(&plan, &check(&plan), Lang::En);
    let extension = steps
        .iter()
        .find(|step| step.title.contains("Install the Azure ML extension"))
        .map(|step| step.code.clone())
        .expect("an extension step");
    assert!(extension.contains(&format!("{command}\naz k8s-extension create")), "{extension}");
    // The templates tell the step in the az steps' own words.
    let reason = extension
        .lines()
        .find(|line| line.contains("was a v1 AksCompute"))
        .and_then(|line| line.strip_prefix("# "))
        .expect("the az steps say why");
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let notes = arm["metadata"]["notes"].as_array().expect("notes");
    assert!(
        notes
            .iter()
            .filter_map(|note| note.as_str())
            .any(|note| note.contains(command) && note.contains(reason)),
        "{notes:?}"
    );
    for (format, comment) in [(ExportFormat::Bicep, "// "), (ExportFormat::Terraform, "# ")] {
        let text = document(&plan, format);
        let header: Vec<&str> = text.lines().take_while(|line| line.starts_with(comment)).collect();
        assert!(
            header.iter().any(|line| line.contains(command) && line.contains(reason)),
            "{}: {header:?}",
            format.name()
        );
    }
    // The script runs the command itself, so it does not ask for it.
    let script = document(&plan, ExportFormat::AzScript);
    assert!(script.contains(&format!("{command}\naz k8s-extension create")), "{script}");
    assert!(!script.contains("A template cannot run kubectl"), "{script}");
    // A cluster that was never a v1 compute needs nothing of the kind.
    let fresh = self::plan("v2_default_aks");
    for format in ExportFormat::ALL {
        assert!(!document(&fresh, format).contains(command), "{}", format.name());
    }
}

#[test]
fn no_format_guesses_a_service_tag_rules_protocol() {
    // The plan has no protocol for a service tag rule: each format asks for it.
    let plan = plan("v2_managed_network");
    let arm: serde_json::Value =
        serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
    let destination = arm["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|resource| &resource["properties"]["destination"])
        .find(|destination| destination["serviceTag"] == "AzureMonitor")
        .expect("the service tag rule");
    assert_eq!(destination["protocol"], "[parameters('outbound_rule_1_protocol')]");
    let parameter = &arm["parameters"]["outbound_rule_1_protocol"];
    assert_eq!(parameter["type"], "string");
    assert!(parameter.get("defaultValue").is_none(), "{parameter}");
    let bicep = document(&plan, ExportFormat::Bicep);
    assert!(bicep.contains("param outbound_rule_1_protocol string\n"), "{bicep}");
    assert!(bicep.contains("protocol: outbound_rule_1_protocol\n"), "{bicep}");
    let terraform = document(&plan, ExportFormat::Terraform);
    assert!(terraform.contains("variable \"outbound_rule_1_protocol\" {"), "{terraform}");
    let protocols: Vec<&str> =
        terraform.lines().map(str::trim_start).filter(|line| line.starts_with("protocol ")).collect();
    assert_eq!(protocols, ["protocol     = var.outbound_rule_1_protocol"], "{terraform}");
    for format in [ExportFormat::Az, ExportFormat::SdkV2, ExportFormat::Yaml] {
        assert!(document(&plan, format).contains("<TCP, UDP, ICMP or *>"), "{}", format.name());
    }
}

#[test]
fn the_trusted_access_step_gives_the_plans_own_reason_for_the_binding() {
    let binding = |change: &dyn Fn(&mut crate::plan::AksCluster)| {
        let mut plan = plan("v2_default_aks");
        plan.aks_clusters[0].trusted_access = Some(true);
        change(&mut plan.aks_clusters[0]);
        let steps = steps(&plan, &check(&plan), Lang::En);
        let code = steps
            .iter()
            .find(|step| step.title.contains("Grant the workspace Trusted Access"))
            .map(|step| step.code.clone())
            .expect("a Trusted Access step");
        // The script writes the same commands, reasons included.
        assert!(document(&plan, ExportFormat::AzScript).contains(&code), "{code}");
        code
    };
    let no_accounts = "no local accounts";
    let ranges = "admits only its authorized IP ranges";
    let fqdn = "keeps a public FQDN";
    let planned = "The plan grants the workspace Trusted Access";

    let code =
        binding(&|cluster| cluster.api_server_authorized_ip_ranges = vec!["203.0.113.0/24".to_owned()]);
    assert!(code.contains(ranges) && !code.contains(no_accounts) && !code.contains(planned), "{code}");

    let code = binding(&|cluster| cluster.local_accounts_disabled = Some(true));
    assert!(code.contains(no_accounts) && !code.contains(ranges) && !code.contains(planned), "{code}");

    let code = binding(&|cluster| {
        cluster.private_cluster = Some(true);
        cluster.private_cluster_public_fqdn = Some(true);
    });
    assert!(code.contains(fqdn) && !code.contains(no_accounts), "{code}");

    let code = binding(&|_| {});
    assert!(code.contains(planned) && !code.contains(no_accounts) && !code.contains(ranges), "{code}");
    assert!(code.contains("Azure ML reaches the cluster through this binding"), "{code}");
}

#[test]
fn a_cluster_built_with_az_gets_the_templates_network_policy() {
    let mut plans: Vec<(&str, Plan)> =
        ["v2_default_aks", "v2_private_aks", "v2_private_spoke_k8s", "v2_managed_network"]
            .into_iter()
            .map(|name| (name, plan(name)))
            .collect();
    // A v1 cluster that the script creates, where the az steps leave creation to Azure ML.
    let v1 = crate::parse_plan(include_str!("../../../../examples/default-aks.json")).expect("a valid plan");
    plans.push(("default_aks", v1));
    let flag = format!("--network-policy {}", template::NETWORK_POLICY);
    for (name, plan) in plans {
        let arm: serde_json::Value =
            serde_json::from_str(&document(&plan, ExportFormat::Arm)).expect("the ARM template is JSON");
        let policies: Vec<&serde_json::Value> = arm["resources"]
            .as_array()
            .expect("resources")
            .iter()
            .filter(|resource| resource["type"] == "Microsoft.ContainerService/managedClusters")
            .map(|resource| &resource["properties"]["networkProfile"]["networkPolicy"])
            .collect();
        assert!(!policies.is_empty() && policies.iter().all(|policy| **policy == template::NETWORK_POLICY));
        for format in [ExportFormat::Az, ExportFormat::AzScript] {
            let text = document(&plan, format);
            let creates: Vec<&str> = text.split("\naz aks create ").skip(1).collect();
            match format {
                ExportFormat::AzScript => assert_eq!(creates.len(), policies.len(), "{name}: {text}"),
                _ => assert_eq!(creates.is_empty(), name == "default_aks", "{name}: {text}"),
            }
            for create in creates {
                let command = create.split("\n\n").next().unwrap_or_default();
                let command = command.split("\naz ").next().unwrap_or_default();
                assert!(command.contains(&flag), "{name} {}: {command}", format.name());
            }
        }
    }
}
