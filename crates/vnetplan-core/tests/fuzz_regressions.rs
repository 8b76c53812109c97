//! Inputs that once made the core panic, found by the fuzz targets in `fuzz/` and reduced by
//! hand to what triggers them. Each test fails on the code before its fix.

use vnetplan_core::{check, parse_plan, suggest, RuleId};

/// A plan with one VNet `v` holding subnet `aks` (10.0.0.0/24), and one cluster in it whose
/// fields are `cluster`'s members on top of a valid default.
fn plan_with_cluster(cluster: &str) -> vnetplan_core::Plan {
    let text = format!(
        r#"{{
          "schemaVersion": 1, "region": "eastus2", "workspace": {{ "resourceGroup": "rg" }},
          "vnets": [{{ "name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.0.0.0/16"],
                       "subnets": [{{ "name": "aks", "addressPrefix": "10.0.0.0/24" }}] }}],
          "aksClusters": [{{ "name": "a", "vnet": "v", "subnet": "aks", "serviceCidr": "10.1.0.0/16",
                             "dnsServiceIP": "10.1.0.10", "networkContributorGranted": true,
                             {cluster} }}]
        }}"#
    );
    parse_plan(&text).expect("the regression plan is a valid document")
}

/// Every count at u32::MAX saturates the node-subnet need at u64::MAX; adding the private
/// cluster's API endpoint to it overflowed.
#[test]
fn node_subnet_need_saturates_with_maximal_counts() {
    let plan = plan_with_cluster(
        r#""nodeCount": 4294967295, "maxSurge": 4294967295, "maxPods": 4294967295,
           "privateCluster": true, "loadBalancerType": "InternalLoadBalancer""#,
    );
    let report = check(&plan);
    assert!(report.findings.iter().any(|finding| finding.rule == RuleId::AksSubnetTooSmall));
    assert_eq!(report.capacity.first().map(|row| row.needed), Some(u64::MAX));
    let _ = check(&suggest(&plan));
}
