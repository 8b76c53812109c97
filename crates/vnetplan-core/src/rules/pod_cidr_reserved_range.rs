use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::{Range, AKS_RESERVED};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The pod range (podCidr) of a kubenet or overlay cluster must not touch any of the \
           ranges AKS keeps for itself: 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and \
           192.0.2.0/24. Any overlap counts, not only a pod range inside one of them."),
    why: english!("AKS uses these ranges for its own plumbing and refuses a pod range that overlaps \
          one of them, at creation and on update. That catches wide ranges too: \
          172.16.0.0/12 looks like ordinary private space, yet it contains 172.30.0.0/16 and \
          172.31.0.0/16."),
    example: Example::Fragment("\"networkPluginMode\": \"overlay\", \"podCidr\": \"172.16.0.0/12\""),
    fix: english!("Move the pod range to a block clear of the four reserved ranges and of everything \
          else in the plan, for example 10.244.0.0/16."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _, pod_net) in context.clusters_with_pod_range() {
        let pod = Range::of(pod_net);
        let hit: Vec<String> =
            AKS_RESERVED.iter().filter(|reserved| reserved.overlaps(pod)).map(ToString::to_string).collect();
        if hit.is_empty() {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "pod CIDR {pod_net} of cluster '{}' overlaps {}, which AKS reserves",
                    cluster.name,
                    hit.join(" and ")
                ),
                vec![pointer::cluster(index, "podCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Pod)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrReservedRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_range_that_contains_reserved_blocks() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("172.16.0.0/12")),
        ];
        let found = assert_fires(PodCidrReservedRange, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 172.16.0.0/12 of cluster 'ml-aks' overlaps 172.30.0.0/16 and 172.31.0.0/16, \
             which AKS reserves"
        );
        assert_fix_resolves(PodCidrReservedRange, &changes);
    }

    #[test]
    fn fires_on_a_range_inside_a_reserved_block() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("192.0.2.0/24")),
        ];
        assert_fires(PodCidrReservedRange, &changes);
        assert_fix_resolves(PodCidrReservedRange, &changes);
    }

    #[test]
    fn quiet_beside_the_reserved_blocks_or_on_plain_azure_cni() {
        assert_quiet(PodCidrReservedRange, &[]);
        assert_quiet(
            PodCidrReservedRange,
            &[
                ("/aksClusters/0/networkPluginMode", json!("overlay")),
                ("/aksClusters/0/podCidr", json!("172.28.0.0/15")),
            ],
        );
        assert_quiet(PodCidrReservedRange, &[("/aksClusters/0/podCidr", json!("172.16.0.0/12"))]);
    }
}
