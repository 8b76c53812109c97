use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The pod range (podCidr) of a kubenet or overlay cluster must not share any address \
           with the address prefixes or the subnets of the cluster's own VNet."),
    why: english!("With kubenet and overlay, pod addresses live outside the VNet and are reached \
          through routes or encapsulation. If the pod range lies inside the VNet, a pod \
          address and a real machine can be the same address. The AKS resource provider \
          refuses such a cluster with NetworkProfileCIDROverlapVNET on networkProfile.podCIDR."),
    example: Example::Fragment("VNet addressPrefixes [\"10.240.0.0/16\"] and, on an overlay cluster in it, \
              \"podCidr\": \"10.240.100.0/24\""),
    fix: english!("Move the pod range to a private block outside the VNet and every range it can \
          reach, for example 10.244.0.0/16 when that is free, keeping a /24 per node."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts, pod_net) in context.clusters_with_pod_range() {
        let Some(vnet) = facts.node.vnet else { continue };
        let pod = Range::of(pod_net);
        let vnet_name = context.vnet_name(vnet);
        let prefixes = context.prefixes_overlapping(vnet, pod);
        let report = |out: &mut RuleFindings<'_>, what: String, subject: String| {
            out.push(
                Draft::new(format!(
                        "pod CIDR {pod_net} of cluster '{}' overlaps {what} of its VNet '{vnet_name}'",
                        cluster.name
                    ),
                    vec![pointer::cluster(index, "podCidr"), subject],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Pod)),
            );
        };
        for (prefix, range) in &prefixes {
            report(out, format!("address prefix {range}"), pointer::vnet_prefix(vnet, *prefix));
        }
        // A subnet inside an overlapping prefix adds nothing new; one outside every prefix (a
        // plan error of its own) still collides with the pods and is named on its own.
        for (subnet, range) in context.subnets_overlapping(vnet, pod) {
            if prefixes.iter().any(|(_, prefix)| prefix.contains(range)) {
                continue;
            }
            let name = context.subnet_name(vnet, subnet);
            report(out, format!("subnet '{name}' ({range})"), pointer::subnet_prefix(vnet, subnet));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrOverlapsVnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_the_documented_overlay_example() {
        let changes = [
            ("/vnets/0/addressPrefixes/0", json!("10.240.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.240.0.0/22")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.240.100.0/24")),
        ];
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.240.100.0/24 of cluster 'ml-aks' overlaps address prefix 10.240.0.0/16 of \
             its VNet 'ml-vnet'"
        );
        assert_fix_resolves(PodCidrOverlapsVnet, &changes);
    }

    #[test]
    fn fires_on_a_subnet_outside_the_prefixes() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "stray", "addressPrefix": "10.244.0.0/24"})),
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ];
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/0/subnets/1/addressPrefix"]);
        assert_fix_resolves(PodCidrOverlapsVnet, &changes);
    }

    #[test]
    fn quiet_outside_the_vnet_or_on_plain_azure_cni() {
        assert_quiet(PodCidrOverlapsVnet, &[]);
        assert_quiet(
            PodCidrOverlapsVnet,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
        assert_quiet(PodCidrOverlapsVnet, &[("/aksClusters/0/podCidr", json!("10.1.128.0/17"))]);
    }
}
