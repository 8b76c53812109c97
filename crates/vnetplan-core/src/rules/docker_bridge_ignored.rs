use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Notes every AKS cluster that sets a docker bridge range (dockerBridgeCidr), to \
           explain what the value does today."),
    why: english!("AKS nodes now run containerd rather than Docker, so no bridge network is created \
          from this range: AKS marks the field as unused and the Azure CLI hides and drops \
          its option. The Azure ML v1 SDK still insists on it when it creates a cluster in a \
          custom VNet, so the value is kept only to get past that check."),
    example: Example::Fragment("\"dockerBridgeCidr\": \"172.17.0.1/16\" on any cluster"),
    fix: english!("Nothing needs to change. Keep the value on clusters that Azure ML creates, outside \
          every range the plan uses, and expect AKS to ignore it."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(bridge) = facts.docker_bridge else { continue };
        out.report(format!(
                "docker bridge range {bridge} of cluster '{}' is ignored by current AKS nodes (containerd); \
                 it only satisfies the Azure ML v1 SDK",
                cluster.name
            ),
            vec![pointer::cluster(index, "dockerBridgeCidr")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeIgnored;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_when_a_bridge_is_set() {
        let found = assert_fires(DockerBridgeIgnored, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 172.17.0.1/16 of cluster 'ml-aks' is ignored by current AKS nodes \
             (containerd); it only satisfies the Azure ML v1 SDK"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn quiet_without_a_valid_bridge() {
        assert_quiet(DockerBridgeIgnored, &[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
        assert_quiet(DockerBridgeIgnored, &[("/aksClusters/0/dockerBridgeCidr", json!("172.17.0.1"))]);
    }
}
