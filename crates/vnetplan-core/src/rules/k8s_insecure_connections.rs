use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::RouterServiceType;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a Kubernetes compute cluster (azureMl.api \"v2\") that allows insecure connections \
         while its inference router is exposed through a load balancer. A router of type clusterIP or \
         nodePort is left alone.",
        "Avertit pour un cluster de calcul Kubernetes (azureMl.api « v2 ») qui autorise les connexions non \
         sécurisées alors que son routeur d’inférence est exposé par un équilibreur de charge. Un routeur \
         de type clusterIP ou nodePort n’est pas concerné."
    ),
    why: text!(
        "With allowInsecureConnections, azureml-fe answers plain HTTP, and with inferenceRouterServiceType \
         loadBalancer nothing stands between it and the clients: requests, keys and scoring data cross \
         the network unencrypted. Behind clusterIP or nodePort, the documented pattern puts an ingress \
         of your own in front to terminate TLS, which the plan cannot show, so no warning is given there.",
        "Avec allowInsecureConnections, azureml-fe répond en HTTP en clair, et avec \
         inferenceRouterServiceType à loadBalancer rien ne s’interpose entre lui et les clients : \
         requêtes, clés et données de scoring traversent le réseau sans chiffrement. Derrière clusterIP \
         ou nodePort, le schéma documenté place devant votre propre entrée qui termine le TLS, ce que le \
         plan ne peut pas montrer : aucun avertissement n’est donc émis dans ce cas."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        (
            "/aksClusters/0/azureMl",
            r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer", "allowInsecureConnections": true}"#,
        ),
    ]),
    fix: text!(
        "Serve HTTPS from the router: set allowInsecureConnections to false and give sslCname and \
         sslCertificate. Or keep HTTP and switch the router to clusterIP or nodePort behind an ingress \
         that terminates TLS.",
        "Servez du HTTPS depuis le routeur : mettez allowInsecureConnections à false et renseignez \
         sslCname et sslCertificate. Ou gardez le HTTP et passez le routeur en clusterIP ou nodePort \
         derrière une entrée qui termine le TLS."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::REFERENCE_KUBERNETES_2022_06_06,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let azure_ml = cluster.azure_ml();
        if !cluster.is_v2()
            || !azure_ml.allow_insecure_connections()
            || azure_ml.router_service_type() != Some(RouterServiceType::LoadBalancer)
        {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' lets its router answer plain HTTP on its load balancer, so scoring \
                 traffic and keys travel unencrypted",
                "le cluster « {cluster} » laisse son routeur répondre en HTTP en clair sur son équilibreur de \
                 charge : le trafic de scoring et les clés circulent sans chiffrement"
            ],
            cluster = &cluster.name,
        );
        out.report(
            message,
            vec![
                pointer::cluster(index, "azureMl/allowInsecureConnections"),
                pointer::cluster(index, "azureMl/inferenceRouterServiceType"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sInsecureConnections;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2(service_type: &str, insecure: bool) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            (
                "/aksClusters/0/azureMl",
                json!({"api": "v2", "inferenceRouterServiceType": service_type, "allowInsecureConnections": insecure}),
            ),
        ]
    }

    #[test]
    fn fires_for_http_on_a_load_balancer() {
        let found = assert_fires(K8sInsecureConnections, &v2("loadBalancer", true));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            [
                "/aksClusters/0/azureMl/allowInsecureConnections",
                "/aksClusters/0/azureMl/inferenceRouterServiceType"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » laisse son routeur répondre en HTTP en clair sur son équilibreur de charge : \
             le trafic de scoring et les clés circulent sans chiffrement"
        );
    }

    #[test]
    fn quiet_behind_an_ingress_or_with_tls() {
        assert_quiet(K8sInsecureConnections, &v2("clusterIP", true));
        assert_quiet(K8sInsecureConnections, &v2("nodePort", true));
        assert_quiet(K8sInsecureConnections, &v2("loadBalancer", false));
    }
}
