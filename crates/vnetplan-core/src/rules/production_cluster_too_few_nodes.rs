use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::ClusterPurpose;
use crate::pointer;
use crate::rules::shared::{node_count_fits, PRODUCTION_NODES};
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An AKS cluster whose clusterPurpose is FastProd (the default when the field is left out) must \
         run at least three nodes.",
        "Un cluster AKS dont clusterPurpose vaut FastProd (la valeur par défaut quand le champ est omis) \
         doit compter au moins trois nœuds.",
    ),
    why: text!(
        "Azure ML v1 treats a FastProd cluster as a production compute target and requires at least \
         three nodes for it, whether Azure ML creates the cluster or attaches it; only a DevTest \
         cluster may run on a single node. A smaller production cluster is refused when it is created \
         or attached.",
        "Azure ML v1 considère un cluster FastProd comme une cible de calcul de production et lui impose \
         au moins trois nœuds, qu’Azure ML crée le cluster ou le rattache ; seul un cluster DevTest \
         peut tourner sur un seul nœud. Un cluster de production plus petit est refusé à la création ou \
         au rattachement.",
    ),
    example: Example(&[("/aksClusters/0/nodeCount", "2")]),
    fix: text!(
        "Raise nodeCount to 3, making sure the node subnet (and, with kubenet or overlay, the pod range) \
         still has room for the extra nodes, or set clusterPurpose to \"DevTest\" if the cluster will \
         not serve production traffic.",
        "Portez nodeCount à 3 en vérifiant que le sous-réseau des nœuds (et, avec kubenet ou overlay, la \
         plage des pods) a encore de la place pour les nœuds supplémentaires, ou passez clusterPurpose \
         à « DevTest » si le cluster ne servira pas de trafic de production.",
    ),
    sources: &[sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.v1_clusters() {
        if cluster.cluster_purpose() != ClusterPurpose::FastProd
            || cluster.node_count >= u64::from(PRODUCTION_NODES)
        {
            continue;
        }
        let count = if cluster.node_count == 1 {
            msg!(["1 node", "1 nœud"])
        } else {
            msg!(["{count} nodes", "{count} nœuds"], count = cluster.node_count)
        };
        let mut message = msg!(
            [
                "FastProd cluster '{cluster}' has {count}, fewer than the {needed} a production cluster needs",
                "le cluster FastProd « {cluster} » a {count}, moins que les {needed} qu’exige un cluster \
                 de production"
            ],
            cluster = &cluster.name,
            needed = PRODUCTION_NODES,
        )
        .with_message("count", count);
        let fix = match node_count_fits(context, index, cluster, facts, PRODUCTION_NODES) {
            Ok(()) => Some(Fix::set(
                msg!(["raise nodeCount to {nodes}", "porter nodeCount à {nodes}"], nodes = PRODUCTION_NODES),
                pointer::cluster(index, "nodeCount"),
                PRODUCTION_NODES,
            )),
            Err(reason) => {
                message = msg!([
                    "{finding}; {reason}, so make room for them or set clusterPurpose to DevTest",
                    "{finding} ; {reason} : faites-leur de la place ou passez clusterPurpose à DevTest"
                ])
                .with_message("finding", message)
                .with_message("reason", reason);
                None
            }
        };
        out.push(
            Draft::new(
                message,
                vec![pointer::cluster(index, "nodeCount"), pointer::cluster(index, "clusterPurpose")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ProductionClusterTooFewNodes;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet, base};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_two_node_production_cluster() {
        let changes = [("/aksClusters/0/nodeCount", json!(2))];
        let found = assert_fires(ProductionClusterTooFewNodes, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/nodeCount", "/aksClusters/0/clusterPurpose"]);
        assert_eq!(
            found[0].message,
            "FastProd cluster 'ml-aks' has 2 nodes, fewer than the 3 a production cluster needs"
        );
        let fix = found[0].fix.as_ref().expect("the /22 subnet has room for 3 nodes");
        assert_eq!(fix.changes[0].value, json!(3));
        assert_fix_resolves(ProductionClusterTooFewNodes, &changes);
    }

    #[test]
    fn fires_when_purpose_is_left_to_its_default() {
        let found = assert_fires(ProductionClusterTooFewNodes, &[("/aksClusters/0/nodeCount", json!(1))]);
        assert!(found[0].message.contains("has 1 node,"), "{}", found[0].message);
    }

    #[test]
    fn offers_no_fix_when_the_subnet_is_full() {
        // A /25 holds 123 usable addresses: 2 + 1 surge nodes of 31 addresses fit, 3 + 1 do not.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/25")),
            ("/aksClusters/0/nodeCount", json!(2)),
        ];
        let found = assert_fires(ProductionClusterTooFewNodes, &changes);
        assert_eq!(found[0].fix, None);
        assert!(found[0].message.ends_with(
            "; subnet 'aks' (10.1.0.0/25) has 123 usable addresses and would need 124 with 3 nodes, \
             so make room for them or set clusterPurpose to DevTest"
        ));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster FastProd « ml-aks » a 2 nœuds, moins que les 3 qu’exige un cluster de production ; \
             le sous-réseau « aks » (10.1.0.0/25) a 123 adresses utilisables et en demanderait 124 avec 3 nœuds : \
             faites-leur de la place ou passez clusterPurpose à DevTest"
        );
    }

    #[test]
    fn offers_no_fix_when_the_subnet_it_shares_is_full() {
        // The /22 holds 1,019 usable addresses. 'big' takes 29 nodes of 31 addresses (899), so
        // 'ml-aks' fits with 2 + 1 surge nodes (93, 992 in all) but not with 3 + 1 (124, 1,023),
        // although 124 alone would fit.
        let mut big = base()["aksClusters"][0].clone();
        big["name"] = json!("big");
        big["nodeCount"] = json!(26);
        let changes = [("/aksClusters/-", big), ("/aksClusters/0/nodeCount", json!(2))];
        let found = assert_fires(ProductionClusterTooFewNodes, &changes);
        assert_eq!(found[0].fix, None);
        assert!(
            found[0].message.contains(
                "subnet 'aks' (10.1.0.0/22) has 1019 usable addresses and would need 1023 with 3 nodes"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn offers_no_fix_when_the_pod_range_is_full() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/23")),
            ("/aksClusters/0/nodeCount", json!(1)),
        ];
        let found = assert_fires(ProductionClusterTooFewNodes, &changes);
        assert_eq!(found[0].fix, None);
        assert!(
            found[0].message.contains("pod CIDR 10.244.0.0/23 holds 2 /24 blocks"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn offers_no_fix_when_the_pod_subnet_is_full() {
        // 3 + 1 surge nodes of 110 pods take 4 x 112 = 448 addresses (batches of 16); the /24 pod
        // subnet has 251.
        let mut changes = vec![
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/24"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
            ("/aksClusters/0/nodeCount", json!(1)),
        ];
        let found = assert_fires(ProductionClusterTooFewNodes, &changes);
        assert_eq!(found[0].fix, None);
        assert!(
            found[0].message.contains(
                "pod subnet 'pods' (10.1.8.0/24) has 251 usable addresses and would need 448 with the pods of 3 nodes"
            ),
            "{}",
            found[0].message
        );
        // As the node subnet, the same /22 holds 4 nodes and their 448 pod addresses.
        changes[1] = ("/aksClusters/0/podSubnet", json!("aks"));
        assert_fix_resolves(ProductionClusterTooFewNodes, &changes);
        changes.push(("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/24")));
        let found = assert_fires(ProductionClusterTooFewNodes, &changes);
        assert!(
            found[0].message.contains(
                "subnet 'aks' (10.1.0.0/24) has 251 usable addresses and would need 452 with 3 nodes"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn quiet_with_three_nodes_or_for_dev_test() {
        assert_quiet(ProductionClusterTooFewNodes, &[]);
        assert_quiet(
            ProductionClusterTooFewNodes,
            &[("/aksClusters/0/nodeCount", json!(1)), ("/aksClusters/0/clusterPurpose", json!("DevTest"))],
        );
    }
}
