//! `suggest` resolves address conflicts and never makes a plan worse.

use vnetplan_core::net::{parse_cidr, parse_ipv4, Range};
use vnetplan_core::{check, parse_plan, suggest};
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
            vnetplan_core::render_text(&fixed, &report)
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
