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
