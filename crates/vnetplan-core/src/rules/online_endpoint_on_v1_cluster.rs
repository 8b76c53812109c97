use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{name_key, Context};
use crate::finding::RuleFindings;
use crate::plan::EndpointKind;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes online endpoint whose compute is a cluster still on the Azure ML v1 flow \
         (azureMl.api v1, written or by default).",
        "Signale un point de terminaison en ligne Kubernetes dont le calcul est un cluster resté sur le \
         parcours Azure ML v1 (azureMl.api à v1, écrit ou par défaut)."
    ),
    why: text!(
        "A v1 cluster is attached as AksCompute, which serves v1 web services only. The v2 API refuses to \
         create an online endpoint or deployment on it: online endpoints need Kubernetes compute, that \
         is a cluster running the Azure ML extension and attached as such.",
        "Un cluster v1 est attaché comme AksCompute, qui ne sert que des services web v1. L’API v2 \
         refuse d’y créer un point de terminaison en ligne ou un déploiement : les points de \
         terminaison en ligne exigent un calcul Kubernetes, c’est-à-dire un cluster doté de l’extension \
         Azure ML et attaché en tant que tel."
    ),
    example: Example(&[(
        "/onlineEndpoints",
        r#"[{"name": "fraud-k8s", "kind": "kubernetes", "compute": "ml-aks"}]"#,
    )]),
    fix: text!(
        "Move the cluster to v2: install the Azure ML extension, attach it as Kubernetes compute and set \
         azureMl.api to v2 with an inferenceRouterServiceType (`vnetplan migrate` prepares this). Or \
         point the endpoint at a cluster that is already v2, or make it a managed endpoint.",
        "Passez le cluster en v2 : installez l’extension Azure ML, attachez-le comme calcul Kubernetes \
         et mettez azureMl.api à v2 avec un inferenceRouterServiceType (`vnetplan migrate` le prépare). \
         Ou faites pointer le point de terminaison vers un cluster déjà en v2, ou faites-en un point de \
         terminaison managé."
    ),
    sources: &[
        Source {
            title: "azureml-examples issue 1474: online endpoint on an AKS compute attached through v1",
            location: "https://github.com/Azure/azureml-examples/issues/1474",
            date: "2022-07-11",
        },
        sources::HOW_TO_ATTACH_KUBERNETES_ANYWHERE_2026_01_27,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, endpoint) in context.plan.online_endpoints.iter().enumerate() {
        if endpoint.kind != EndpointKind::Kubernetes {
            continue;
        }
        let Some(compute) = endpoint.compute.as_deref() else { continue };
        let key = name_key(compute);
        // The first cluster of that name is the one the name resolves to, as for VNets.
        let Some((cluster_index, cluster, _)) =
            context.clusters().find(|(_, cluster, _)| name_key(&cluster.name) == key)
        else {
            continue;
        };
        if cluster.is_v2() {
            continue;
        }
        out.report(
            msg!(
                [
                    "the Kubernetes endpoint '{endpoint}' runs on cluster '{cluster}', which is on Azure \
                     ML v1, where the v2 API cannot create online endpoints",
                    "le point de terminaison Kubernetes « {endpoint} » s’exécute sur le cluster \
                     « {cluster} », resté sur Azure ML v1, où l’API v2 ne peut pas créer de points de \
                     terminaison en ligne"
                ],
                endpoint = &endpoint.name,
                cluster = &cluster.name,
            ),
            vec![pointer::online_endpoint(index, "compute"), pointer::cluster(cluster_index, "azureMl/api")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OnlineEndpointOnV1Cluster;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn endpoint(compute: &str) -> (&'static str, serde_json::Value) {
        ("/onlineEndpoints", json!([{ "name": "fraud-k8s", "kind": "kubernetes", "compute": compute }]))
    }

    #[test]
    fn fires_on_a_v1_cluster_named_in_any_case() {
        let found = assert_fires(OnlineEndpointOnV1Cluster, &[endpoint("ML-AKS")]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/onlineEndpoints/0/compute", "/aksClusters/0/azureMl/api"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison Kubernetes « fraud-k8s » s’exécute sur le cluster « ml-aks », resté \
             sur Azure ML v1, où l’API v2 ne peut pas créer de points de terminaison en ligne"
        );
    }

    #[test]
    fn quiet_on_a_v2_cluster_or_an_unknown_one() {
        assert_quiet(
            OnlineEndpointOnV1Cluster,
            &[
                ("/aksClusters/0/provisioning", json!("attach")),
                (
                    "/aksClusters/0/azureMl",
                    json!({ "api": "v2", "inferenceRouterServiceType": "loadBalancer" }),
                ),
                endpoint("ml-aks"),
            ],
        );
        // A name that resolves to nothing is unknown-compute's finding.
        assert_quiet(OnlineEndpointOnV1Cluster, &[endpoint("elsewhere")]);
    }
}
