//! The example plans: the guide's four setups check clean, the broken ones fail the way Azure
//! would, and the text report of each is pinned by a snapshot.

use vnetplan_core::export::{export, ExportFormat};
use vnetplan_core::import::{import, TEMPLATE_RESOURCE_GROUP};
use vnetplan_core::plan::Vnet;
use vnetplan_core::{check, render_text, Lang, RuleId, Severity};
use vnetplan_tests::{json_files, load, repo_root, stem};

#[test]
fn guide_setups_have_no_errors_or_warnings_beyond_retirement_notices() {
    let files = json_files(&repo_root().join("examples"));
    assert_eq!(files.len(), 4, "the guide has four setups");
    for path in files {
        let report = check(&load(&path));
        let serious: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info && !RuleId::RETIREMENT_NOTICES.contains(&f.rule))
            .collect();
        assert!(serious.is_empty(), "{}: {serious:#?}", path.display());
    }
}

#[test]
fn broken_examples_have_errors() {
    for path in json_files(&repo_root().join("examples/broken")) {
        assert!(check(&load(&path)).has_errors(), "{} checks clean", path.display());
    }
}

fn rules_found(file: &str) -> Vec<RuleId> {
    let report = check(&load(&repo_root().join(file)));
    report.findings.iter().map(|finding| finding.rule).collect()
}

#[test]
fn the_sdk_default_service_range_collides_with_the_subnet() {
    assert!(rules_found("examples/broken/sdk-default-service-cidr.json")
        .contains(&RuleId::ServiceCidrOverlapsSubnet));
}

#[test]
fn a_dns_ip_left_at_its_default_is_outside_the_service_range() {
    assert!(rules_found("examples/broken/dns-outside-service-cidr.json")
        .contains(&RuleId::DnsIpOutsideServiceCidr));
}

#[test]
fn fifty_cni_nodes_need_a_slash_21() {
    let plan = load(&repo_root().join("examples/broken/subnet-too-small-for-cni.json"));
    let report = check(&plan);
    let row = report.capacity.first().expect("the cluster's subnet resolves");
    // 50 nodes with the default surge of 10% (5 nodes), 31 addresses each.
    assert_eq!((row.needed, row.usable), (1_705, 1_019));
    assert!(report.findings.iter().any(|f| f.rule == RuleId::AksSubnetTooSmall));
}

#[test]
fn text_reports_match_their_snapshots() {
    let root = repo_root();
    for dir in ["examples", "examples/v2", "examples/broken", "tests/fixtures"] {
        for path in json_files(&root.join(dir)) {
            let plan = load(&path);
            let text = render_text(&plan, &check(&plan), vnetplan_core::Lang::En);
            insta::assert_snapshot!(format!("{}__{}", dir.replace('/', "_"), stem(&path)), text);
        }
    }
}

#[test]
fn checking_twice_gives_identical_json() {
    for dir in ["examples", "examples/v2", "examples/broken", "tests/fixtures"] {
        for path in json_files(&repo_root().join(dir)) {
            let plan = load(&path);
            assert_eq!(check(&plan).to_json(), check(&plan).to_json(), "{}", path.display());
        }
    }
}

#[test]
fn every_finding_and_fix_reads_in_french_too() {
    let root = repo_root();
    for dir in ["examples", "examples/v2", "examples/broken", "tests/fixtures"] {
        for path in json_files(&root.join(dir)) {
            for finding in check(&load(&path)).findings {
                let (english, french) = (finding.text.render(Lang::En), finding.text.render(Lang::Fr));
                assert_ne!(
                    english,
                    french,
                    "{}: {} has no French message",
                    path.display(),
                    finding.rule.id()
                );
                if let Some(fix) = &finding.fix {
                    assert_ne!(
                        fix.text.render(Lang::En),
                        fix.text.render(Lang::Fr),
                        "{}: the fix of {} has no French title",
                        path.display(),
                        finding.rule.id()
                    );
                }
            }
        }
    }
}

/// The ARM template vnetplan writes puts each network outside the workspace's resource group
/// in a nested deployment; importing that template must give back every VNet, in its group,
/// with its ranges.
#[test]
fn an_exported_arm_template_imports_back_to_the_plans_networks() {
    let mut files = json_files(&repo_root().join("examples"));
    files.extend(json_files(&repo_root().join("examples/v2")));
    let mut nested = 0;
    for path in files {
        let plan = load(&path);
        if plan.vnets.is_empty() {
            continue;
        }
        let template = export(&plan, &check(&plan), ExportFormat::Arm, Lang::En);
        nested += template.matches("Microsoft.Resources/deployments").count();
        let imported = import(&[&template]).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        // The template is deployed to the workspace's group, which it does not name.
        let group = |vnet: &Vnet| match vnet.resource_group.as_str() {
            TEMPLATE_RESOURCE_GROUP => plan.workspace.resource_group.clone(),
            named => named.to_owned(),
        };
        let networks = |vnets: &[Vnet]| -> Vec<String> {
            let mut networks: Vec<String> = vnets
                .iter()
                .map(|vnet| {
                    let subnets: Vec<String> =
                        vnet.subnets.iter().map(|s| format!("{} {}", s.name, s.address_prefix)).collect();
                    format!("{} in {}: {:?} {subnets:?}", vnet.name, group(vnet), vnet.address_prefixes)
                })
                .collect();
            networks.sort();
            networks
        };
        assert_eq!(networks(&imported.plan.vnets), networks(&plan.vnets), "{}", path.display());
    }
    assert!(nested > 0, "some example keeps its network in a resource group of its own");
}
