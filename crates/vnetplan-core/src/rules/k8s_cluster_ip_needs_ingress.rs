use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::RouterServiceType;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a Kubernetes compute cluster (azureMl.api \"v2\") whose inference router is a \
         clusterIP service.",
        "Avertit pour un cluster de calcul Kubernetes (azureMl.api « v2 ») dont le routeur d’inférence est \
         un service clusterIP."
    ),
    why: text!(
        "A clusterIP service has an address inside the cluster only, and that address becomes the \
         scoring URI of every endpoint. Testing from the studio or calling az ml online-endpoint invoke \
         then times out, unless an ingress or load balancer of your own forwards to azureml-fe on port \
         80. The plan has no field for such a component, so it cannot tell whether one exists.",
        "Un service clusterIP n’a d’adresse qu’à l’intérieur du cluster, et cette adresse devient l’URI de \
         scoring de chaque point de terminaison. Le test depuis le studio ou l’appel à \
         az ml online-endpoint invoke expire alors, sauf si votre propre entrée ou équilibreur de charge \
         redirige vers azureml-fe sur le port 80. Le plan n’a aucun champ pour un tel composant : il ne \
         peut donc pas savoir s’il existe."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "clusterIP"}"#),
    ]),
    fix: text!(
        "Put an ingress controller or a load balancer in front of azureml-fe port 80 and call the \
         endpoints through it, or expose the router with inferenceRouterServiceType loadBalancer, \
         internal if it should stay private.",
        "Placez un contrôleur d’entrée ou un équilibreur de charge devant le port 80 d’azureml-fe et \
         appelez les points de terminaison à travers lui, ou exposez le routeur avec \
         inferenceRouterServiceType à loadBalancer, interne s’il doit rester privé."
    ),
    sources: &[
        sources::REFERENCE_KUBERNETES_2022_06_06,
        Source {
            title: "Azure/AML-Kubernetes issue 282: online endpoint invoke times out with clusterIP",
            location: "https://github.com/Azure/AML-Kubernetes/issues/282",
            date: "2023-03-25",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || cluster.azure_ml().router_service_type() != Some(RouterServiceType::ClusterIp)
        {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' exposes its router as clusterIP, so the scoring URI is reachable only \
                 inside the cluster unless an ingress of your own fronts azureml-fe port 80",
                "le cluster « {cluster} » expose son routeur en clusterIP : l’URI de scoring n’est joignable \
                 que depuis le cluster, sauf si votre propre entrée sert de façade au port 80 d’azureml-fe"
            ],
            cluster = &cluster.name,
        );
        out.report(message, vec![pointer::cluster(index, "azureMl/inferenceRouterServiceType")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sClusterIpNeedsIngress;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2(service_type: &str) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": service_type})),
        ]
    }

    #[test]
    fn fires_for_a_cluster_ip_router() {
        let found = assert_fires(K8sClusterIpNeedsIngress, &v2("clusterIP"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/azureMl/inferenceRouterServiceType"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » expose son routeur en clusterIP : l’URI de scoring n’est joignable que \
             depuis le cluster, sauf si votre propre entrée sert de façade au port 80 d’azureml-fe"
        );
    }

    #[test]
    fn quiet_for_node_port_and_load_balancer() {
        assert_quiet(K8sClusterIpNeedsIngress, &v2("nodePort"));
        assert_quiet(K8sClusterIpNeedsIngress, &v2("loadBalancer"));
    }
}
