use std::collections::BTreeMap;

use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;
use crate::rules::service_cidr_overlaps_vnet::overlapped_prefixes;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The Kubernetes service range (serviceCidr) of an AKS cluster should not share \
           addresses with any VNet of the plan other than the cluster's own."),
    why: english!("Once the VNets are peered, or connected through a hub, pods cannot reach machines \
          of the other VNet whose addresses fall in the service range: kube-proxy claims \
          those addresses for Kubernetes services. The AKS documentation asks for a service \
          range that overlaps no VNet the cluster's VNet peers with. Nothing fails at \
          creation, which is why this is a warning; it breaks the day the VNets are joined."),
    example: Example::Fragment("cluster in VNet 'ml-vnet' (10.1.0.0/16), a second VNet 'hub' with 10.2.0.0/16, \
              and serviceCidr 10.2.0.0/16"),
    fix: english!("Pick a service range that lies in no VNet of the plan and in no external range, \
          for example 10.3.0.0/16 with dnsServiceIP 10.3.0.10."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service_range() else { continue };
        let mut by_vnet: BTreeMap<usize, Vec<(usize, Range)>> = BTreeMap::new();
        for (vnet, prefix, range) in context.other_vnets_overlapping(facts.node.vnet, service) {
            by_vnet.entry(vnet).or_default().push((prefix, range));
        }
        for (vnet, prefixes) in by_vnet {
            let (subjects, listed) = overlapped_prefixes(index, vnet, &prefixes);
            out.push(
                Draft::new(format!(
                        "service CIDR {} of cluster '{}' overlaps VNet '{}' ({listed})",
                        cluster.service_cidr,
                        cluster.name,
                        context.vnet_name(vnet)
                    ),
                    subjects,
                )
                .with_fix(move_cluster_range(index, ClusterRange::Service)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ServiceCidrOverlapsOtherVnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn hub(prefixes: &[&str]) -> (&'static str, Value) {
        (
            "/vnets/-",
            json!({ "name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": prefixes, "subnets": [] }),
        )
    }

    #[test]
    fn fires_when_another_vnet_holds_the_service_range() {
        let changes = [hub(&["10.2.0.0/16"])];
        let found = assert_fires(ServiceCidrOverlapsOtherVnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/vnets/1/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.2.0.0/16 of cluster 'ml-aks' overlaps VNet 'hub' (10.2.0.0/16)"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.3.0.0/16"));
        assert_fix_resolves(ServiceCidrOverlapsOtherVnet, &changes);
    }

    #[test]
    fn reports_each_vnet_once_with_all_its_prefixes() {
        let found = assert_fires(ServiceCidrOverlapsOtherVnet, &[hub(&["10.2.0.0/24", "10.2.8.0/24"])]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/serviceCidr", "/vnets/1/addressPrefixes/0", "/vnets/1/addressPrefixes/1"]
        );
    }

    #[test]
    fn quiet_for_the_cluster_vnet_and_distant_vnets() {
        assert_quiet(ServiceCidrOverlapsOtherVnet, &[]);
        assert_quiet(ServiceCidrOverlapsOtherVnet, &[hub(&["10.3.0.0/16"])]);
        assert_quiet(ServiceCidrOverlapsOtherVnet, &[("/aksClusters/0/serviceCidr", json!("10.1.128.0/17"))]);
    }
}
