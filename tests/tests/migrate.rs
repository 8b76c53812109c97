//! `migrate` on the example plans: the guide's four setups migrated are pinned by snapshots (the
//! plan and its notes), and every example, broken or not, migrates to a plan that migrates to
//! itself.

use vnetplan_core::{migrate, parse_plan, Lang};
use vnetplan_tests::{json_files, load, repo_root, stem};

/// The plan as the CLI prints it, then the notes as the CLI prints them.
fn migrated_text(path: &std::path::Path, lang: Lang) -> String {
    let (plan, notes) = migrate(&load(path));
    let mut text = plan.to_json();
    text.push_str("\n\n# notes\n");
    for mut note in notes {
        note.localize(lang);
        text.push_str(&format!("{} {}: {}\n", note.code, note.subject(), note.message));
    }
    text
}

#[test]
fn guide_setups_migrate_as_pinned() {
    for path in json_files(&repo_root().join("examples")) {
        insta::assert_snapshot!(stem(&path), migrated_text(&path, Lang::En));
    }
}

#[test]
fn broken_examples_migrate_as_pinned() {
    for path in json_files(&repo_root().join("examples/broken")) {
        insta::assert_snapshot!(format!("broken__{}", stem(&path)), migrated_text(&path, Lang::En));
    }
}

#[test]
fn notes_are_pinned_in_french_too() {
    let path = repo_root().join("examples/aci-vnet.json");
    insta::assert_snapshot!("aci-vnet.fr", migrated_text(&path, Lang::Fr));
}

#[test]
fn every_example_migrates_to_a_fixed_point() {
    let mut files = json_files(&repo_root().join("examples"));
    files.extend(json_files(&repo_root().join("examples/broken")));
    for path in files {
        let (once, notes) = migrate(&load(&path));
        assert!(!notes.is_empty(), "{}: every example has v1 workloads", path.display());
        assert_eq!(migrate(&once), (once.clone(), Vec::new()), "{}", path.display());
        assert_eq!(parse_plan(&once.to_json()).as_ref(), Ok(&once), "{}", path.display());
        assert!(once.aci_deployments.is_empty() && once.aks_clusters.iter().all(|c| c.is_v2()));
    }
}

#[test]
fn no_migrated_cluster_keeps_the_scoring_nsg_attestation() {
    let mut files = json_files(&repo_root().join("examples"));
    files.extend(json_files(&repo_root().join("examples/broken")));
    for path in files {
        let plan = load(&path);
        let (migrated, notes) = migrate(&plan);
        for (index, (before, after)) in plan.aks_clusters.iter().zip(&migrated.aks_clusters).enumerate() {
            if before.is_v2() {
                continue;
            }
            assert_eq!(after.nsg_allows_scoring_inbound, None, "{}: cluster {index}", path.display());
            let subject = format!("/aksClusters/{index}/nsgAllowsScoringInbound");
            let noted =
                notes.iter().any(|note| note.code == "nsg-rule-not-carried" && note.subject() == subject);
            assert_eq!(
                noted,
                before.nsg_allows_scoring_inbound == Some(true),
                "{}: {subject}",
                path.display()
            );
        }
    }
}

#[test]
fn migrated_endpoints_take_names_azure_ml_accepts() {
    let plan = parse_plan(
        r#"{"schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "rg"},
            "vnets": [{"name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.0.0.0/16"],
              "subnets": [{"name": "aci", "addressPrefix": "10.0.1.0/24",
                "delegations": ["Microsoft.ContainerInstance/containerGroups"]}]}],
            "aciDeployments": [
              {"name": "scoring_aci_2021", "vnet": "v", "subnet": "aci"},
              {"name": "scoring-service-for-the-retail-stores", "vnet": "v", "subnet": "aci"},
              {"name": "2021", "vnet": "v", "subnet": "aci"}],
            "onlineEndpoints": [{"name": "scoring-service-for-the-retail-s", "kind": "managed"}]}"#,
    )
    .expect("parses");
    let (migrated, notes) = migrate(&plan);
    let names: Vec<&str> = migrated.online_endpoints.iter().map(|endpoint| endpoint.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "scoring-service-for-the-retail-s",
            "scoring-aci-2021",
            "scoring-service-for-the-retail-2",
            "aci-2021"
        ]
    );
    let renamed: Vec<&str> =
        notes.iter().filter(|note| note.code == "endpoint-renamed").map(|note| note.subject()).collect();
    assert_eq!(renamed, ["/aciDeployments/0/name", "/aciDeployments/1/name", "/aciDeployments/2/name"]);
    let second =
        notes.iter().find(|note| note.subject() == "/aciDeployments/1/name").map(|note| &note.message);
    assert_eq!(
        second.map(String::as_str),
        Some(
            "ACI deployment 'scoring-service-for-the-retail-stores' becomes the endpoint \
             'scoring-service-for-the-retail-2', because Azure ML refuses \
             'scoring-service-for-the-retail-stores' as an online endpoint name (its length is 37, where 3 \
             to 32 characters are allowed) and another endpoint already has the name that would have \
             replaced it"
        )
    );
    let report = vnetplan_core::check(&migrated);
    let refused: Vec<&str> = report
        .findings
        .iter()
        .filter(|finding| finding.rule.id() == "online-endpoint-name-invalid")
        .map(|finding| finding.message.as_str())
        .collect();
    assert_eq!(refused, Vec::<&str>::new());
}

/// Findings a v2 example keeps because only a person can decide them: which certificate the
/// router serves, which managed identity replaces a service principal, whether a public scoring
/// address is wanted next to a private workspace, how far to close the cluster's API server and
/// local accounts, whether the private DNS zones of a workspace endpoint in a peered hub are
/// linked to the cluster's spoke (the plan holds no DNS), and which NSG rule admits outside
/// callers to the router that replaced azureml-fe. The README lists the same findings.
const DECISIONS: &[&str] = &[
    "k8s-tls-settings-incomplete",
    "scoring-endpoint-blocked-inbound",
    "k8s-service-principal-identity",
    "k8s-public-scoring-ip",
    "aks-api-server-public",
    "aks-local-accounts-enabled",
    "workspace-pe-not-in-aks-vnet",
    "k8s-public-fqdn-unstated",
];

#[test]
fn four_v2_examples_are_the_guide_setups_migrated() {
    for path in json_files(&repo_root().join("examples")) {
        let migrated = repo_root().join("examples/v2").join(path.file_name().expect("a file name"));
        assert_eq!(
            load(&migrated),
            migrate(&load(&path)).0,
            "{} is not what migrate writes",
            migrated.display()
        );
    }
}

#[test]
fn every_v2_example_checks_with_decisions_only_and_is_its_own_migration() {
    let files = json_files(&repo_root().join("examples/v2"));
    assert_eq!(
        files.len(),
        6,
        "the four guide setups migrated, the private hub-and-spoke and the pod subnet"
    );
    for path in files {
        let plan = load(&path);
        assert_eq!(migrate(&plan), (plan.clone(), Vec::new()), "{}", path.display());
        for finding in &vnetplan_core::check(&plan).findings {
            assert!(
                DECISIONS.contains(&finding.rule.id()),
                "{}: {} is not a decision left to a person: {}",
                path.display(),
                finding.rule.id(),
                finding.message
            );
        }
    }
}

#[test]
fn the_pod_subnet_example_sizes_the_node_subnet_for_nodes_and_the_pod_subnet_for_pods() {
    let report = vnetplan_core::check(&load(&repo_root().join("examples/v2/pod-subnet-k8s.json")));
    let rules: Vec<&str> = report.findings.iter().map(|finding| finding.rule.id()).collect();
    assert_eq!(rules, ["aks-api-server-public", "aks-local-accounts-enabled"]);
    // Three nodes and one surge node, one address each: their 110 pods each are in the /22.
    let row = report.capacity.first().expect("the node subnet resolves");
    assert_eq!((row.needed, row.per_node, row.usable), (4, 1, 27));
}

#[test]
fn the_private_spoke_example_counts_its_internal_router_and_keeps_its_decisions() {
    let report = vnetplan_core::check(&load(&repo_root().join("examples/v2/private-spoke-k8s.json")));
    let rules: Vec<&str> = report.findings.iter().map(|finding| finding.rule.id()).collect();
    assert_eq!(
        rules,
        ["workspace-pe-not-in-aks-vnet", "aks-api-server-public", "aks-local-accounts-enabled"]
    );
    // Three nodes, one surge node, and the router's internal front end.
    assert_eq!(report.capacity.first().map(|row| row.needed), Some(5));
}
