use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

/// Replicas of azureml-fe that high availability spreads over distinct nodes.
const HA_NODES: u64 = 3;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes compute cluster (azureMl.api \"v2\") that keeps the inference router in \
         high availability (inferenceRouterHA, true unless written otherwise) with fewer than 3 nodes.",
        "Signale un cluster de calcul Kubernetes (azureMl.api « v2 ») qui garde le routeur d’inférence en \
         haute disponibilité (inferenceRouterHA, vrai sauf mention contraire) avec moins de 3 nœuds."
    ),
    why: text!(
        "In high availability the extension runs three azureml-fe replicas, each on its own node. With \
         fewer nodes some replicas cannot be scheduled, and the extension health check stops with error \
         E40002.",
        "En haute disponibilité, l’extension lance trois réplicas d’azureml-fe, chacun sur son propre \
         nœud. Avec moins de nœuds, certains réplicas ne peuvent pas être placés, et la vérification \
         d’intégrité de l’extension s’arrête sur l’erreur E40002."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/nodeCount", "2"),
    ]),
    fix: text!(
        "Give the cluster at least 3 nodes, or, for a development cluster, set inferenceRouterHA to false \
         so that a single router replica runs.",
        "Donnez au cluster au moins 3 nœuds ou, pour un cluster de développement, mettez \
         inferenceRouterHA à false afin qu’un seul réplica du routeur tourne."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::HOW_TO_TROUBLESHOOT_KUBERNETES_EXTENSION_2025_03_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || !cluster.azure_ml().inference_router_ha() || cluster.node_count >= HA_NODES {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' runs the inference router in high availability on {count} node(s), \
                 fewer than the 3 its replicas need (health check E40002)",
                "le cluster « {cluster} » fait tourner le routeur d’inférence en haute disponibilité sur \
                 {count} nœud(s), moins que les 3 qu’exigent ses réplicas (vérification E40002)"
            ],
            cluster = &cluster.name,
            count = cluster.node_count,
        );
        let fix = Fix::set(
            msg!(
                [
                    "run a single router replica on cluster '{cluster}'",
                    "faire tourner un seul réplica du routeur sur le cluster « {cluster} »"
                ],
                cluster = &cluster.name,
            ),
            pointer::cluster(index, "azureMl/inferenceRouterHA"),
            false,
        );
        out.push(
            Draft::new(
                message,
                vec![
                    pointer::cluster(index, "azureMl/inferenceRouterHA"),
                    pointer::cluster(index, "nodeCount"),
                ],
            )
            .with_fix(Some(fix)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sRouterHaTooFewNodes;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn v2_with(nodes: u64) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/aksClusters/0/nodeCount", json!(nodes)),
        ]
    }

    #[test]
    fn fires_below_three_nodes_and_offers_a_single_replica() {
        let found = assert_fires(K8sRouterHaTooFewNodes, &v2_with(2));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/azureMl/inferenceRouterHA", "/aksClusters/0/nodeCount"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » fait tourner le routeur d’inférence en haute disponibilité sur 2 nœud(s), \
             moins que les 3 qu’exigent ses réplicas (vérification E40002)"
        );
        let fix = found[0].fix.as_ref().expect("a single replica always fits");
        assert_eq!(fix.changes[0].value, json!(false));
        assert_fix_resolves(K8sRouterHaTooFewNodes, &v2_with(2));
    }

    #[test]
    fn quiet_from_three_nodes_or_without_ha() {
        assert_quiet(K8sRouterHaTooFewNodes, &v2_with(3));
        let mut single = v2_with(1);
        single.push(("/aksClusters/0/azureMl/inferenceRouterHA", json!(false)));
        assert_quiet(K8sRouterHaTooFewNodes, &single);
    }
}
