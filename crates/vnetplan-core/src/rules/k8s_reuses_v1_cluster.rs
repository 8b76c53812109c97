use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a v2 cluster with reusesV1Cluster true: the Azure ML extension goes onto an AKS \
         cluster that still serves v1 web services.",
        "Avertit pour un cluster v2 dont reusesV1Cluster vaut true : l’extension Azure ML s’installe \
         sur un cluster AKS qui sert encore des services web v1."
    ),
    why: text!(
        "Installing the extension on a cluster already attached through v1 is a preview path. The two \
         routers are not kept apart: the v1 azureml-fe and the v2 inference router each route to the \
         other’s models, so the scoring traffic of one flow can reach the other. And when Azure ML \
         created the cluster, deleting the v1 compute deletes the AKS cluster itself.",
        "Installer l’extension sur un cluster déjà attaché par la v1 est un parcours en préversion. Les \
         deux routeurs ne sont pas cloisonnés : l’azureml-fe de la v1 et le routeur d’inférence de la v2 \
         acheminent chacun vers les modèles de l’autre, si bien que le trafic de scoring d’un parcours \
         peut atteindre l’autre. Et quand Azure ML a créé le cluster, supprimer le calcul v1 supprime le \
         cluster AKS lui-même."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        (
            "/aksClusters/0/azureMl",
            r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer", "reusesV1Cluster": true}"#,
        ),
    ]),
    fix: text!(
        "Prefer a new cluster for Kubernetes compute and retire the v1 web services. If the cluster must \
         be shared for a while, treat both flows’ models as reachable through either router, and detach \
         the v1 compute when done, never delete it if Azure ML created the cluster.",
        "Préférez un nouveau cluster pour le calcul Kubernetes et retirez les services web v1. Si le \
         cluster doit être partagé un temps, considérez que les modèles des deux parcours sont joignables \
         par l’un ou l’autre routeur, et détachez le calcul v1 ensuite, sans jamais le supprimer si \
         Azure ML a créé le cluster."
    ),
    sources: &[
        sources::ATTACH_COMPUTE_ON_AKS_V1_CLUSTER_2024_04_30,
        sources::HOW_TO_TROUBLESHOOT_KUBERNETES_EXTENSION_2025_03_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || !cluster.azure_ml().reuses_v1_cluster() {
            continue;
        }
        out.report(
            msg!(
                [
                    "cluster '{cluster}' reuses a v1 cluster for Kubernetes compute, a preview path where \
                     the v1 and v2 routers each serve the other’s models; detach the v1 compute rather \
                     than delete it",
                    "le cluster « {cluster} » réutilise un cluster v1 comme calcul Kubernetes, un parcours \
                     en préversion où les routeurs v1 et v2 servent chacun les modèles de l’autre ; \
                     détachez le calcul v1 plutôt que de le supprimer"
                ],
                cluster = &cluster.name,
            ),
            vec![pointer::cluster(index, "azureMl/reusesV1Cluster")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::K8sReusesV1Cluster;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2(reuses: Option<bool>) -> Vec<(&'static str, serde_json::Value)> {
        let mut azure_ml = json!({ "api": "v2", "inferenceRouterServiceType": "loadBalancer" });
        if let (Some(reuses), Some(object)) = (reuses, azure_ml.as_object_mut()) {
            object.insert("reusesV1Cluster".to_owned(), json!(reuses));
        }
        vec![("/aksClusters/0/provisioning", json!("attach")), ("/aksClusters/0/azureMl", azure_ml)]
    }

    #[test]
    fn warns_on_reuse() {
        let found = assert_fires(K8sReusesV1Cluster, &v2(Some(true)));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/azureMl/reusesV1Cluster"]);
        assert!(found[0].fix.is_none());
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » réutilise un cluster v1 comme calcul Kubernetes, un parcours en \
             préversion où les routeurs v1 et v2 servent chacun les modèles de l’autre ; détachez le \
             calcul v1 plutôt que de le supprimer"
        );
    }

    #[test]
    fn quiet_without_reuse() {
        assert_quiet(K8sReusesV1Cluster, &v2(Some(false)));
        assert_quiet(K8sReusesV1Cluster, &v2(None));
    }
}
