use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

/// How v1 names the namespace it deploys to; the workspace name that follows is not in the plan.
const V1_PREFIX: &str = "azureml-";

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a v2 cluster that reuses a v1 cluster (reusesV1Cluster true) and names a namespace \
         beginning with azureml-, the form of the namespaces v1 creates.",
        "Signale un cluster v2 qui réutilise un cluster v1 (reusesV1Cluster à true) et nomme un espace \
         de noms commençant par azureml-, la forme des espaces de noms que crée la v1."
    ),
    why: text!(
        "On a cluster that v1 already uses, v1 deploys each workspace’s web services into a namespace \
         called azureml- followed by the workspace name. The guide for reusing such a cluster says the \
         v2 compute must use another namespace, or the two flows would share, and overwrite, the same \
         objects. The plan does not carry the workspace name, so any namespace with that prefix is \
         taken as the v1 one.",
        "Sur un cluster déjà utilisé par la v1, celle-ci déploie les services web de chaque espace de \
         travail dans un espace de noms appelé azureml- suivi du nom de l’espace de travail. Le guide de \
         réutilisation d’un tel cluster impose au calcul v2 un autre espace de noms, faute de quoi les \
         deux parcours partageraient, et écraseraient, les mêmes objets. Le plan ne porte pas le nom de \
         l’espace de travail : tout espace de noms ayant ce préfixe est donc tenu pour celui de la v1."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        (
            "/aksClusters/0/azureMl",
            r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer", "reusesV1Cluster": true, "namespace": "azureml-fraud-ws"}"#,
        ),
    ]),
    fix: text!(
        "Attach the v2 compute with a namespace of its own that does not begin with azureml-, for \
         example inference-v2.",
        "Attachez le calcul v2 avec un espace de noms qui lui soit propre et ne commence pas par \
         azureml-, par exemple inference-v2."
    ),
    sources: &[sources::ATTACH_COMPUTE_ON_AKS_V1_CLUSTER_2024_04_30],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let azure_ml = cluster.azure_ml();
        if !cluster.is_v2() || !azure_ml.reuses_v1_cluster() {
            continue;
        }
        let namespace = azure_ml.namespace();
        if !namespace.starts_with(V1_PREFIX) {
            continue;
        }
        out.report(
            msg!(
                [
                    "cluster '{cluster}' reuses a v1 cluster and attaches to namespace '{namespace}', \
                     which has the form of the namespaces v1 deploys to",
                    "le cluster « {cluster} » réutilise un cluster v1 et s’attache à l’espace de noms \
                     « {namespace} », qui a la forme des espaces de noms où la v1 déploie"
                ],
                cluster = &cluster.name,
                namespace = namespace,
            ),
            vec![
                pointer::cluster(index, "azureMl/namespace"),
                pointer::cluster(index, "azureMl/reusesV1Cluster"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::K8sNamespaceV1Pattern;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2(reuses: bool, namespace: &str) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            (
                "/aksClusters/0/azureMl",
                json!({
                    "api": "v2", "inferenceRouterServiceType": "loadBalancer",
                    "reusesV1Cluster": reuses, "namespace": namespace
                }),
            ),
        ]
    }

    #[test]
    fn fires_on_the_v1_prefix() {
        let found = assert_fires(K8sNamespaceV1Pattern, &v2(true, "azureml-fraud-ws"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/azureMl/namespace", "/aksClusters/0/azureMl/reusesV1Cluster"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » réutilise un cluster v1 et s’attache à l’espace de noms \
             « azureml-fraud-ws », qui a la forme des espaces de noms où la v1 déploie"
        );
    }

    #[test]
    fn quiet_at_the_boundary() {
        assert_quiet(K8sNamespaceV1Pattern, &v2(true, "azureml"));
        assert_quiet(K8sNamespaceV1Pattern, &v2(true, "inference-v2"));
        assert_quiet(K8sNamespaceV1Pattern, &v2(false, "azureml-fraud-ws"));
    }
}
