use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The docker bridge range (dockerBridgeCidr) of an AKS cluster must not share any \
           address with the cluster's pod range (podCidr)."),
    why: english!("With kubenet or overlay each node gets a /24 of the pod range for its pods. A bridge \
          block that covers part of the pod range makes nodes that still run Docker deliver \
          traffic for those pods to their local bridge. The AKS documentation of the field \
          asked for a block that collides with neither the service nor the pod range."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"podCidr\": \"172.17.0.0/16\", \
              \"dockerBridgeCidr\": \"172.17.0.1/16\""),
    fix: english!("Move the bridge to a private block that neither the pod range nor anything else in \
          the plan uses, for example 172.18.0.1/16."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(bridge), Some(pod), Some(written)) =
            (facts.docker_bridge_range(), facts.pod_range(), facts.docker_bridge)
        else {
            continue;
        };
        if !bridge.overlaps(pod) {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "docker bridge range {written} of cluster '{}' overlaps its pod CIDR {}",
                    cluster.name,
                    cluster.pod_cidr.as_deref().unwrap_or_default()
                ),
                vec![pointer::cluster(index, "dockerBridgeCidr"), pointer::cluster(index, "podCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeOverlapsPodCidr;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_when_the_pod_range_holds_the_bridge() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("172.16.0.0/14")),
        ];
        let found = assert_fires(DockerBridgeOverlapsPodCidr, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/aksClusters/0/podCidr"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 172.17.0.1/16 of cluster 'ml-aks' overlaps its pod CIDR 172.16.0.0/14"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.20.0.1/16"));
        assert_fix_resolves(DockerBridgeOverlapsPodCidr, &changes);
    }

    #[test]
    fn quiet_when_apart_or_without_pod_range() {
        assert_quiet(DockerBridgeOverlapsPodCidr, &[]);
        assert_quiet(
            DockerBridgeOverlapsPodCidr,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
