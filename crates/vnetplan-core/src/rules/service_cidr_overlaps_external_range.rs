use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The Kubernetes service range (serviceCidr) of an AKS cluster must not share any \
           address with an external range of the plan: a peered VNet, an on-premises \
           network, or a range reached over VPN or ExpressRoute."),
    why: english!("Inside the cluster, kube-proxy treats every address of the service range as a \
          Kubernetes service. Pods then cannot reach the real machines that hold the same \
          addresses in a peered or on-premises network, and the traffic silently goes to the \
          wrong place. The AKS documentation forbids overlaps with peered VNets and \
          on-premises addresses."),
    example: Example::Fragment("externalRanges: [{ \"name\": \"datacenter\", \"addressPrefix\": \"10.2.0.0/16\", \
              \"kind\": \"onPremises\" }] with serviceCidr 10.2.0.0/16"),
    fix: english!("Move the service range to a block that none of the networks the VNet can reach \
          uses, and move dnsServiceIP with it (its .10 address)."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service_range() else { continue };
        for (external, range) in context.externals_overlapping(service) {
            let name = context.external_name(external);
            out.push(
                Draft::new(format!(
                        "service CIDR {} of cluster '{}' overlaps external range '{name}' ({range})",
                        cluster.service_cidr, cluster.name
                    ),
                    vec![pointer::cluster(index, "serviceCidr"), pointer::external(external)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Service)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn external(prefix: &str) -> (&'static str, serde_json::Value) {
        ("/externalRanges", json!([{ "name": "datacenter", "addressPrefix": prefix, "kind": "onPremises" }]))
    }

    #[test]
    fn fires_when_an_on_premises_range_holds_the_service_range() {
        let changes = [external("10.0.0.0/14")];
        let found = assert_fires(ServiceCidrOverlapsExternalRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/externalRanges/0/addressPrefix"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.2.0.0/16 of cluster 'ml-aks' overlaps external range 'datacenter' (10.0.0.0/14)"
        );
        assert_fix_resolves(ServiceCidrOverlapsExternalRange, &changes);
    }

    #[test]
    fn fires_on_partial_overlap() {
        assert_fires(ServiceCidrOverlapsExternalRange, &[external("10.2.200.0/24")]);
    }

    #[test]
    fn quiet_when_the_ranges_are_apart() {
        assert_quiet(ServiceCidrOverlapsExternalRange, &[]);
        assert_quiet(ServiceCidrOverlapsExternalRange, &[external("192.168.0.0/16")]);
        assert_quiet(ServiceCidrOverlapsExternalRange, &[external("10.3.0.0/16")]);
    }
}
