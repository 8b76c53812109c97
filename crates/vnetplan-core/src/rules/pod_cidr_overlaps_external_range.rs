use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The pod range (podCidr) of a kubenet or overlay cluster must not share any address \
           with an external range of the plan: a peered VNet, an on-premises network, a VPN \
           or an ExpressRoute circuit."),
    why: english!("Pods reach those networks by their own addresses (overlay translates them only on \
          the way out of the cluster, kubenet routes them). When a destination sits in the \
          pod range, the node sends the traffic to a pod instead, so the remote network \
          becomes unreachable from the cluster. The AKS documentation says the pod range must \
          not overlap directly connected networks."),
    example: Example::Fragment("externalRanges [{\"name\": \"onprem\", \"addressPrefix\": \"10.244.0.0/16\", \
              \"kind\": \"onPremises\"}] with \"podCidr\": \"10.244.0.0/16\""),
    fix: english!("Move the pod range to a private block that no VNet, external range or other \
          cluster range uses, keeping a /24 per node."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _, pod_net) in context.clusters_with_pod_range() {
        for (external, range) in context.externals_overlapping(Range::of(pod_net)) {
            let name = context.external_name(external);
            out.push(
                Draft::new(format!(
                        "pod CIDR {pod_net} of cluster '{}' overlaps external range '{name}' ({range})",
                        cluster.name
                    ),
                    vec![pointer::cluster(index, "podCidr"), pointer::external(external)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Pod)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn kubenet() -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ]
    }

    #[test]
    fn fires_on_an_on_premises_range_inside_the_pods() {
        let mut changes = kubenet();
        changes.push((
            "/externalRanges",
            json!([{"name": "onprem", "addressPrefix": "10.244.8.0/24", "kind": "onPremises"}]),
        ));
        let found = assert_fires(PodCidrOverlapsExternalRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/externalRanges/0/addressPrefix"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/16 of cluster 'ml-aks' overlaps external range 'onprem' (10.244.8.0/24)"
        );
        assert_fix_resolves(PodCidrOverlapsExternalRange, &changes);
    }

    #[test]
    fn quiet_when_apart_or_on_plain_azure_cni() {
        let external = (
            "/externalRanges",
            json!([{"name": "hub", "addressPrefix": "10.250.0.0/16", "kind": "peeredVnet"}]),
        );
        let mut changes = kubenet();
        changes.push(external);
        assert_quiet(PodCidrOverlapsExternalRange, &changes);
        assert_quiet(
            PodCidrOverlapsExternalRange,
            &[
                ("/aksClusters/0/podCidr", json!("10.250.0.0/16")),
                (
                    "/externalRanges",
                    json!([{"name": "hub", "addressPrefix": "10.250.0.0/16", "kind": "peeredVnet"}]),
                ),
            ],
        );
    }
}
