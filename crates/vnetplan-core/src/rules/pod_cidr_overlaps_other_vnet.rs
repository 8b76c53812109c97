use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The pod range (podCidr) of a kubenet or overlay cluster should not share any \
           address with a VNet of the plan other than the cluster's own."),
    why: english!("AKS does not see the other VNets, so it accepts the cluster. But as soon as that \
          VNet is peered or routed to the cluster's VNet, pods can no longer reach the \
          machines whose addresses fall in the pod range, and the AKS documentation asks for \
          pod ranges that stay clear of connected networks."),
    example: Example::Fragment("VNet 'shared-vnet' with addressPrefixes [\"10.244.0.0/16\"] and, on a kubenet \
              cluster in 'ml-vnet', \"podCidr\": \"10.244.0.0/16\""),
    fix: english!("Move the pod range to a private block that no VNet, external range or other \
          cluster range uses, keeping a /24 per node."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts, pod_net) in context.clusters_with_pod_range() {
        // Without the cluster's own VNet there is no telling which VNets are the "other" ones.
        let Some(own) = facts.node.vnet else { continue };
        for (vnet, prefix, range) in context.other_vnets_overlapping(Some(own), Range::of(pod_net)) {
            out.push(
                Draft::new(format!(
                        "pod CIDR {pod_net} of cluster '{}' overlaps address prefix {range} of VNet '{}'",
                        cluster.name,
                        context.vnet_name(vnet)
                    ),
                    vec![pointer::cluster(index, "podCidr"), pointer::vnet_prefix(vnet, prefix)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Pod)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrOverlapsOtherVnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn other_vnet(prefix: &str) -> (&'static str, serde_json::Value) {
        (
            "/vnets/-",
            json!({"name": "shared-vnet", "resourceGroup": "ml-rg", "addressPrefixes": [prefix], "subnets": []}),
        )
    }

    #[test]
    fn fires_on_another_vnet_inside_the_pods() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            other_vnet("10.244.16.0/20"),
        ];
        let found = assert_fires(PodCidrOverlapsOtherVnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/1/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/16 of cluster 'ml-aks' overlaps address prefix 10.244.16.0/20 of VNet 'shared-vnet'"
        );
        assert_fix_resolves(PodCidrOverlapsOtherVnet, &changes);
    }

    #[test]
    fn quiet_on_the_own_vnet_and_on_separate_ranges() {
        assert_quiet(PodCidrOverlapsOtherVnet, &[]);
        let overlay = ("/aksClusters/0/networkPluginMode", json!("overlay"));
        assert_quiet(
            PodCidrOverlapsOtherVnet,
            &[overlay.clone(), ("/aksClusters/0/podCidr", json!("10.1.128.0/17"))],
        );
        assert_quiet(
            PodCidrOverlapsOtherVnet,
            &[overlay, ("/aksClusters/0/podCidr", json!("10.244.0.0/16")), other_vnet("10.245.0.0/16")],
        );
    }
}
