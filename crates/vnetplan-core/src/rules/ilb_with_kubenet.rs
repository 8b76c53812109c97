use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::plan::NetworkPlugin;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Warns about a cluster that combines loadBalancerType InternalLoadBalancer with the \
           kubenet network plugin."),
    why: english!("Azure ML's v1 guidance for network isolation stated that an internal load balancer \
          does not work on an AKS cluster using kubenet, and pointed to Azure CNI for a cluster \
          that needs both a private API server and an internal load balancer. Newer pages no \
          longer repeat the statement, so this is a warning rather than an error, but the \
          combination is not one Azure ML documents as working."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"podCidr\": \"10.244.0.0/16\", \
              \"loadBalancerType\": \"InternalLoadBalancer\""),
    fix: english!("Use Azure CNI (\"networkPlugin\": \"azure\", with overlay mode if node-subnet \
          addresses are scarce) for a cluster with an internal load balancer, or keep kubenet \
          with a public load balancer."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet || !cluster.has_internal_load_balancer() {
            continue;
        }
        out.report(format!(
                "cluster '{}' pairs an internal load balancer with kubenet, a combination Azure ML \
                 documented as not working; use Azure CNI for it",
                cluster.name
            ),
            vec![pointer::cluster(index, "loadBalancerType"), pointer::cluster(index, "networkPlugin")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbWithKubenet;
    use crate::testing::{assert_fires, assert_quiet};

    fn kubenet() -> [(&'static str, serde_json::Value); 2] {
        [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ]
    }

    #[test]
    fn fires_on_kubenet_with_an_internal_load_balancer() {
        let mut changes = kubenet().to_vec();
        changes.push(("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")));
        let found = assert_fires(IlbWithKubenet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerType", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' pairs an internal load balancer with kubenet, a combination Azure ML \
             documented as not working; use Azure CNI for it"
        );
    }

    #[test]
    fn quiet_for_kubenet_alone_or_azure_cni_with_an_internal_load_balancer() {
        assert_quiet(IlbWithKubenet, &kubenet());
        assert_quiet(IlbWithKubenet, &[("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer"))]);
    }
}
