use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::plan::Provisioning;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Notes every cluster planned with loadBalancerType InternalLoadBalancer, since that \
           choice has to be made outside the Azure ML studio."),
    why: english!("The studio's dialog for creating an AKS compute target has no way to ask for a \
          private IP, so a plan with an internal load balancer cannot be carried out by \
          clicking through it. For a cluster that is attached, the v1 SDK changes the load \
          balancer with an update (AksUpdateConfiguration) once the attach is done."),
    example: Example::Fragment("\"provisioning\": \"create\", \"loadBalancerType\": \"InternalLoadBalancer\""),
    fix: english!("Nothing in the plan needs to change. Create the cluster with the Azure ML SDK or CLI \
          and pass the load balancer type and subnet there; for an attached cluster, attach it \
          first and then apply an AksUpdateConfiguration with the internal load balancer."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.has_internal_load_balancer() {
            continue;
        }
        let advice = match cluster.provisioning() {
            Provisioning::Create => "create it with the SDK or CLI",
            Provisioning::Attach => {
                "attach it, then switch the load balancer with an AksUpdateConfiguration once the \
                 attach has finished"
            }
        };
        out.report(format!(
                "cluster '{}' uses an internal load balancer, which the studio cannot set up: {advice}",
                cluster.name
            ),
            vec![pointer::cluster(index, "loadBalancerType"), pointer::cluster(index, "provisioning")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbNotInStudio;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_for_a_created_cluster() {
        let found = assert_fires(
            IlbNotInStudio,
            &[("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer"))],
        );
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerType", "/aksClusters/0/provisioning"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' uses an internal load balancer, which the studio cannot set up: create it with \
             the SDK or CLI"
        );
    }

    #[test]
    fn tells_an_attached_cluster_to_update_after_the_attach() {
        let found = assert_fires(
            IlbNotInStudio,
            &[
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/provisioning", json!("attach")),
            ],
        );
        assert!(found[0].message.ends_with("AksUpdateConfiguration once the attach has finished"));
    }

    #[test]
    fn quiet_with_a_public_load_balancer() {
        assert_quiet(IlbNotInStudio, &[]);
    }
}
