//! `suggest` resolves address conflicts and never makes a plan worse.

use vnetplan_core::net::{parse_cidr, parse_ipv4, Range};
use vnetplan_core::{check, parse_plan, suggest, suggest_with_fixes, FixKind};
use vnetplan_tests::{error_keys, json_files, load, repo_root};

#[test]
fn address_conflicts_are_all_resolved() {
    for file in ["sdk-default-service-cidr.json", "dns-outside-service-cidr.json", "address-conflicts.json"] {
        let plan = load(&repo_root().join("examples/broken").join(file));
        let fixed = suggest(&plan);
        let report = check(&fixed);
        assert!(
            !report.has_errors(),
            "{file} still has errors after suggest:\n{}",
            vnetplan_core::render_text(&fixed, &report, vnetplan_core::Lang::En)
        );
    }
}

#[test]
fn suggest_never_adds_an_error() {
    let root = repo_root();
    for dir in ["examples", "examples/broken", "tests/fixtures"] {
        for path in json_files(&root.join(dir)) {
            let plan = load(&path);
            let before = error_keys(&plan);
            for error in error_keys(&suggest(&plan)) {
                assert!(before.contains(&error), "{}: suggest added {error:?}", path.display());
            }
        }
    }
}

#[test]
fn a_fix_that_an_earlier_one_carried_out_is_not_listed_as_applied() {
    // Two findings about cluster 'kube''s pod range offer the same move; only the first changes
    // the plan.
    let plan = load(&repo_root().join("examples/broken/address-conflicts.json"));
    let suggestion = suggest_with_fixes(&plan);
    let titles: Vec<&str> = suggestion.applied.iter().map(|applied| applied.fix.title.as_str()).collect();
    let pod_moves =
        titles.iter().filter(|title| title.contains("for the pod range of cluster 'kube'")).count();
    assert_eq!(pod_moves, 1, "{titles:#?}");
    assert!(suggestion.applied.iter().all(|applied| !applied.fix.changes.is_empty()));
}

#[test]
fn a_moved_service_range_brings_its_dns_ip() {
    let plan = load(&repo_root().join("examples/broken/sdk-default-service-cidr.json"));
    let fixed = suggest(&plan);
    let cluster = fixed.aks_clusters.first().expect("one cluster");
    assert_ne!(cluster.service_cidr, "10.0.0.0/16");
    let service = Range::of(parse_cidr(&cluster.service_cidr).expect("the new range parses"));
    let dns = u32::from(parse_ipv4(&cluster.dns_service_ip).expect("the new DNS IP parses"));
    assert_eq!(dns, service.first + 10, "the DNS IP is the tenth address of {}", cluster.service_cidr);
    assert!(parse_plan(&fixed.to_json()).is_ok());
}

/// A plan whose cluster has no recorded grant, no NSG rule and a user without join rights, and
/// whose three cluster ranges all sit on the node subnet.
fn colliding_plan_with_missing_attestations() -> vnetplan_core::Plan {
    parse_plan(
        r#"{
          "schemaVersion": 1, "region": "eastus2", "workspace": { "resourceGroup": "ml-rg" },
          "vnets": [{ "name": "ml-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.1.0.0/16"],
                      "subnets": [{ "name": "aks", "addressPrefix": "10.1.0.0/22" }] }],
          "aksClusters": [{ "name": "ml-aks", "vnet": "ml-vnet", "subnet": "aks",
            "networkPlugin": "azure", "networkPluginMode": "overlay", "provisioning": "attach",
            "serviceCidr": "10.1.0.0/16", "dnsServiceIP": "10.1.0.10", "podCidr": "10.1.0.0/16",
            "nodeCount": 3, "networkContributorGranted": false,
            "scoringFromOutsideVnet": true, "nsgAllowsScoringInbound": false }],
          "permissions": { "vnetJoin": false, "subnetJoin": false }
        }"#,
    )
    .expect("the plan parses")
}

#[test]
fn suggest_leaves_attestations_to_people() {
    let plan = colliding_plan_with_missing_attestations();
    let report = check(&plan);
    let attestations: Vec<_> = report
        .findings
        .iter()
        .filter_map(|finding| finding.fix.as_ref())
        .filter(|fix| fix.kind == FixKind::Attestation)
        .collect();
    assert!(attestations.len() >= 3, "the plan offers attestations: {attestations:#?}");
    let fixed = suggest(&plan);
    let cluster = fixed.aks_clusters.first().expect("one cluster");
    assert_eq!(cluster.network_contributor_granted, Some(false));
    assert_eq!(cluster.nsg_allows_scoring_inbound, plan.aks_clusters[0].nsg_allows_scoring_inbound);
    assert_eq!(fixed.permissions, plan.permissions);
    // The cluster exists (attach): its ranges are facts of Azure, so suggest moves none of them.
    assert_eq!(cluster.service_cidr, "10.1.0.0/16");
    assert_eq!(cluster.pod_cidr.as_deref(), Some("10.1.0.0/16"));
}

#[test]
fn the_fixes_of_one_report_pick_disjoint_blocks() {
    // Three ranges on the same addresses: a created cluster's service and pod ranges and its
    // docker bridge all inside the VNet, so three range fixes compete for free blocks.
    let plan = parse_plan(
        r#"{
          "schemaVersion": 1, "region": "eastus2", "workspace": { "resourceGroup": "ml-rg" },
          "vnets": [{ "name": "ml-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.0.0.0/16"],
                      "subnets": [{ "name": "aks", "addressPrefix": "10.0.0.0/22" }] }],
          "aksClusters": [
            { "name": "one", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.0.0.0/16",
              "dnsServiceIP": "10.0.0.10", "dockerBridgeCidr": "10.0.0.1/16", "nodeCount": 3,
              "networkContributorGranted": true },
            { "name": "two", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.0.0.0/16",
              "dnsServiceIP": "10.0.0.10", "dockerBridgeCidr": "172.17.0.1/16", "nodeCount": 3,
              "networkContributorGranted": true }
          ]
        }"#,
    )
    .expect("the plan parses");
    let report = check(&plan);
    let mut blocks: Vec<(String, Range)> = Vec::new();
    for fix in report.findings.iter().filter_map(|finding| finding.fix.as_ref()) {
        for change in &fix.changes {
            let Some(text) = change.value.as_str() else { continue };
            // `Range::of` drops the host part a docker bridge is written with.
            let (true, Ok(net)) = (change.path.ends_with("Cidr"), parse_cidr(text)) else { continue };
            let range = Range::of(net);
            if !blocks.iter().any(|(path, block)| *path == change.path && *block == range) {
                blocks.push((change.path.clone(), range));
            }
        }
    }
    assert!(blocks.len() >= 3, "three ranges are moved: {blocks:?}");
    for (i, (path, block)) in blocks.iter().enumerate() {
        for (other_path, other) in blocks.iter().skip(i + 1) {
            let both_bridges = path.ends_with("dockerBridgeCidr") && other_path.ends_with("dockerBridgeCidr");
            assert!(
                both_bridges || !block.overlaps(*other),
                "{path} and {other_path} were given overlapping blocks {block} and {other}"
            );
        }
    }
    // Applying every fix one by one adds no overlap among them.
    let fixed = suggest(&plan);
    assert!(
        !check(&fixed).has_errors(),
        "{}",
        vnetplan_core::render_text(&fixed, &check(&fixed), vnetplan_core::Lang::En)
    );
}
