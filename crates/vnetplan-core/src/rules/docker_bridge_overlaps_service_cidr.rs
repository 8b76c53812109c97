use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The docker bridge range (dockerBridgeCidr) of an AKS cluster must not share any \
           address with the cluster's Kubernetes service range (serviceCidr)."),
    why: english!("Where Docker is still in use, each node routes the bridge block to its local bridge, \
          which hides any Kubernetes service whose address falls inside it. The Azure ML v1 \
          and Azure CLI documentation name the service range as one of the ranges the bridge \
          must stay out of."),
    example: Example::Fragment("\"serviceCidr\": \"172.17.0.0/16\" with \"dockerBridgeCidr\": \"172.17.0.1/16\""),
    fix: english!("Move the bridge to an unused private block, for example 172.18.0.1/16, and leave the \
          service range where it is."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(bridge), Some(service), Some(written)) =
            (facts.docker_bridge_range(), facts.service_range(), facts.docker_bridge)
        else {
            continue;
        };
        if !bridge.overlaps(service) {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "docker bridge range {written} of cluster '{}' overlaps its service CIDR {}",
                    cluster.name, cluster.service_cidr
                ),
                vec![pointer::cluster(index, "dockerBridgeCidr"), pointer::cluster(index, "serviceCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeOverlapsServiceCidr;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_when_the_bridge_covers_the_service_range() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!("10.2.0.1/16"))];
        let found = assert_fires(DockerBridgeOverlapsServiceCidr, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 10.2.0.1/16 of cluster 'ml-aks' overlaps its service CIDR 10.2.0.0/16"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.17.0.1/16"), "AKS's default bridge is free here");
        assert_fix_resolves(DockerBridgeOverlapsServiceCidr, &changes);
    }

    #[test]
    fn fires_on_partial_overlap() {
        assert_fires(
            DockerBridgeOverlapsServiceCidr,
            &[("/aksClusters/0/dockerBridgeCidr", json!("10.2.128.1/24"))],
        );
    }

    #[test]
    fn quiet_when_apart_or_absent() {
        assert_quiet(DockerBridgeOverlapsServiceCidr, &[]);
        assert_quiet(
            DockerBridgeOverlapsServiceCidr,
            &[("/aksClusters/0/dockerBridgeCidr", json!("10.3.0.1/16"))],
        );
        assert_quiet(DockerBridgeOverlapsServiceCidr, &[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
    }
}
