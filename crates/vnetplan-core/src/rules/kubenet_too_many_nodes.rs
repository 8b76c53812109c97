use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::plan::NetworkPlugin;

/// Routes an Azure route table holds, and so nodes a kubenet cluster can have.
const ROUTE_LIMIT: u64 = 400;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("A kubenet cluster must never run more than 400 nodes at once, counting the \
           upgrade surge: nodeCount + maxSurge <= 400."),
    why: english!("Kubenet sends pod traffic through a user-defined route table with one route per \
          node, and an Azure route table takes at most 400 routes. The AKS documentation \
          draws the consequence: a kubenet cluster cannot grow beyond 400 nodes, and the \
          surge node of an upgrade needs its route too."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"nodeCount\": 400, \"maxSurge\": 1"),
    fix: english!("Lower nodeCount or maxSurge so that their sum is at most 400, or move the cluster \
          to Azure CNI Overlay, which needs no route per node. No change is proposed \
          automatically: both change what the cluster can run."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet || cluster.peak_nodes() <= ROUTE_LIMIT {
            continue;
        }
        out.report(format!(
                "kubenet cluster '{}' can run {} nodes ({} plus a surge of {}), more than the \
                 {ROUTE_LIMIT} routes a route table holds",
                cluster.name,
                cluster.peak_nodes(),
                cluster.node_count,
                cluster.surge_nodes()
            ),
            vec![pointer::cluster(index, "nodeCount"), pointer::cluster(index, "maxSurge")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::KubenetTooManyNodes;
    use crate::testing::{assert_fires, assert_quiet};

    fn kubenet(nodes: u32) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/15")),
            ("/aksClusters/0/nodeCount", json!(nodes)),
            ("/aksClusters/0/maxSurge", json!(1)),
        ]
    }

    #[test]
    fn fires_when_the_surge_passes_400() {
        let found = assert_fires(KubenetTooManyNodes, &kubenet(400));
        assert_eq!(found[0].subjects, ["/aksClusters/0/nodeCount", "/aksClusters/0/maxSurge"]);
        assert_eq!(
            found[0].message,
            "kubenet cluster 'ml-aks' can run 401 nodes (400 plus a surge of 1), more than the 400 \
             routes a route table holds"
        );
    }

    #[test]
    fn default_surge_is_ten_percent_rounded_up() {
        let mut changes = kubenet(364);
        changes.pop();
        let found = assert_fires(KubenetTooManyNodes, &changes);
        assert!(found[0].message.contains("401 nodes (364 plus a surge of 37)"), "{}", found[0].message);
        changes.push(("/aksClusters/0/nodeCount", json!(363)));
        assert_quiet(KubenetTooManyNodes, &changes);
    }

    #[test]
    fn quiet_at_400_and_on_azure_cni() {
        assert_quiet(KubenetTooManyNodes, &kubenet(399));
        assert_quiet(KubenetTooManyNodes, &[("/aksClusters/0/nodeCount", json!(1000))]);
    }
}
