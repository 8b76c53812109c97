use crate::capacity::still_fits;
use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::AksCluster;
use crate::pointer;
use crate::sources;

/// Pods every node pool must have room for.
const POOL_MIN_PODS: u64 = 30;
const MIN_PODS: u32 = 10;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Each node pool must have room for at least 30 pods in total: nodeCount x maxPods >= 30, where \
         maxPods is the network plugin's default when the plan leaves it out.",
        "Chaque pool de nœuds doit pouvoir accueillir au moins 30 pods au total : nodeCount x maxPods >= \
         30, maxPods prenant la valeur par défaut du plug-in réseau quand le plan l’omet.",
    ),
    why: text!(
        "AKS accepts a maxPods as low as 10 only if the pool as a whole still holds 30 pods, the room \
         its system pods need, and it enforces that minimum strictly. Two nodes of 10 pods are \
         therefore refused; with 10 pods per node, a pool needs at least 3 nodes.",
        "AKS n’accepte un maxPods descendant jusqu’à 10 que si le pool, dans son ensemble, accueille \
         encore 30 pods, la place qu’exigent ses pods système, et il applique ce minimum strictement. \
         Deux nœuds à 10 pods sont donc refusés ; avec 10 pods par nœud, un pool doit compter au moins \
         3 nœuds.",
    ),
    example: Example(&[("/aksClusters/0/nodeCount", "2"), ("/aksClusters/0/maxPods", "10")]),
    fix: text!(
        "Raise maxPods to 30 divided by nodeCount, rounded up (and at least 10), or add nodes. The \
         suggested fix raises maxPods, unless the larger value would no longer fit a plain Azure CNI \
         node subnet that fits today.",
        "Portez maxPods à 30 divisé par nodeCount, arrondi au supérieur (et au moins 10), ou ajoutez des \
         nœuds. La correction proposée relève maxPods, sauf si la nouvelle valeur ne tenait plus dans \
         un sous-réseau de nœuds Azure CNI classique qui suffit aujourd’hui.",
    ),
    sources: &[sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let pods = cluster.effective_max_pods();
        let room = cluster.node_count.saturating_mul(u64::from(pods));
        if room >= POOL_MIN_PODS {
            continue;
        }
        let nodes = cluster.node_count.max(1);
        let target =
            u32::try_from(POOL_MIN_PODS.div_ceil(nodes)).map_or(MIN_PODS, |value| value.max(MIN_PODS));
        let raised = AksCluster { max_pods: Some(target), ..cluster.clone() };
        let fix = still_fits(context, index, &raised).then(|| {
            Fix::set(
                msg!(
                    [
                        "set maxPods to {target}, so that {nodes} nodes hold at least 30 pods",
                        "fixer maxPods à {target}, pour que {nodes} nœuds accueillent au moins 30 pods"
                    ],
                    target = target,
                    nodes = cluster.node_count,
                ),
                pointer::cluster(index, "maxPods"),
                target,
            )
        });
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' has room for {room} pods ({nodes} nodes x {pods} maxPods), \
                         fewer than the 30 AKS requires of a node pool",
                        "le cluster « {cluster} » a de la place pour {room} pods ({nodes} nœuds x {pods} \
                         maxPods), moins que les 30 qu’AKS exige d’un pool de nœuds"
                    ],
                    cluster = &cluster.name,
                    room = room,
                    nodes = cluster.node_count,
                    pods = pods,
                ),
                vec![pointer::cluster(index, "maxPods"), pointer::cluster(index, "nodeCount")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::NodePoolUnder30Pods;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_two_nodes_of_ten_pods() {
        let changes = [("/aksClusters/0/nodeCount", json!(2)), ("/aksClusters/0/maxPods", json!(10))];
        let found = assert_fires(NodePoolUnder30Pods, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/maxPods", "/aksClusters/0/nodeCount"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' has room for 20 pods (2 nodes x 10 maxPods), fewer than the 30 AKS \
             requires of a node pool"
        );
        let fix = found[0].fix.as_ref().expect("the subnet has room");
        assert_eq!(fix.changes[0].value, json!(15));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » a de la place pour 20 pods (2 nœuds x 10 maxPods), moins que les 30 \
             qu’AKS exige d’un pool de nœuds"
        );
        assert_eq!(
            fix.text.render(Lang::Fr),
            "fixer maxPods à 15, pour que 2 nœuds accueillent au moins 30 pods"
        );
        assert_fix_resolves(NodePoolUnder30Pods, &changes);
    }

    #[test]
    fn no_fix_when_the_raise_would_overflow_the_subnet() {
        // 2 nodes at the peak x (1 + 25) = 52 fit the 59 usable addresses of a /26; the 30 pods a
        // single node needs would take 2 x 31 = 62.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/26")),
            ("/aksClusters/0/nodeCount", json!(1)),
            ("/aksClusters/0/maxPods", json!(25)),
        ];
        let found = assert_fires(NodePoolUnder30Pods, &changes);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn no_fix_when_the_raise_would_overflow_the_pod_subnet() {
        // 2 nodes at the peak x 16 pods = 32 fit the 59 usable addresses of a /26 pod subnet; the
        // 30 pods a single node needs come in two batches of 16, so 2 x 32 = 64. The node subnet
        // has room either way.
        let mut changes = vec![
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/26"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
            ("/aksClusters/0/nodeCount", json!(1)),
            ("/aksClusters/0/maxPods", json!(16)),
        ];
        assert!(assert_fires(NodePoolUnder30Pods, &changes)[0].fix.is_none());
        changes[0] = ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/25"}));
        assert_fix_resolves(NodePoolUnder30Pods, &changes);
    }

    #[test]
    fn quiet_from_30_pods_and_on_defaults() {
        assert_quiet(NodePoolUnder30Pods, &[]);
        assert_quiet(NodePoolUnder30Pods, &[("/aksClusters/0/maxPods", json!(10))]);
        assert_quiet(NodePoolUnder30Pods, &[("/aksClusters/0/nodeCount", json!(1))]);
    }
}
