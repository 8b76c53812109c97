use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::EndpointKind;
use crate::pointer;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports, field by field, an online endpoint setting that its kind does not have: \
         publicNetworkAccess or legacyEgressPublicNetworkAccess on a Kubernetes endpoint, compute on a \
         managed endpoint.",
        "Signale, champ par champ, un réglage de point de terminaison en ligne que son type ne possède \
         pas : publicNetworkAccess ou legacyEgressPublicNetworkAccess sur un point de terminaison \
         Kubernetes, compute sur un point de terminaison managé."
    ),
    why: text!(
        "The Azure ML SDK builds Kubernetes and managed endpoints from different schemas. Public access \
         and the legacy egress flag only exist for managed endpoints: a Kubernetes endpoint is reached \
         through the inference router, so its exposure comes from the router’s service type, its load \
         balancer and the cluster’s network security groups. A managed endpoint runs on capacity that \
         Microsoft hosts and names no compute. A setting outside its kind’s schema is rejected or \
         silently does nothing, and the plan would then describe a network that does not exist.",
        "Le SDK Azure ML construit les points de terminaison Kubernetes et managés à partir de schémas \
         distincts. L’accès public et l’indicateur de trafic sortant hérité n’existent que pour les \
         points de terminaison managés : un point de terminaison Kubernetes est joint par le routeur \
         d’inférence, et son exposition dépend donc du type de service du routeur, de son équilibreur \
         de charge et des groupes de sécurité réseau du cluster. Un point de terminaison managé tourne \
         sur une capacité hébergée par Microsoft et ne nomme aucun calcul. Un réglage hors du schéma de \
         son type est refusé ou reste sans effet, et le plan décrirait alors un réseau qui n’existe pas."
    ),
    example: Example(&[(
        "/onlineEndpoints",
        r#"[{"name": "fraud", "kind": "managed", "compute": "ml-aks"}]"#,
    )]),
    fix: text!(
        "Remove the field. To keep a Kubernetes endpoint private, give the cluster an internal router \
         (inferenceRouterServiceType loadBalancer with internalLoadBalancerProvider azure) or restrict \
         its network security groups. To run a managed endpoint on your own cluster, make it a \
         kubernetes endpoint instead.",
        "Supprimez le champ. Pour garder privé un point de terminaison Kubernetes, donnez au cluster un \
         routeur interne (inferenceRouterServiceType loadBalancer avec internalLoadBalancerProvider \
         azure) ou restreignez ses groupes de sécurité réseau. Pour faire tourner un point de \
         terminaison managé sur votre propre cluster, faites-en plutôt un point de terminaison \
         kubernetes."
    ),
    sources: &[
        Source {
            title: "Azure ML SDK v2: online endpoint schemas (KubernetesOnlineEndpointSchema, \
                    ManagedOnlineEndpointSchema)",
            location: "Azure/azure-sdk-for-python:sdk/ml/azure-ai-ml/azure/ai/ml/_schema/_endpoint/online/\
                       online_endpoint.py@dd128dc",
            date: "dd128dc",
        },
        Source {
            title: "Azure ML SDK v2: online deployment schemas",
            location: "Azure/azure-sdk-for-python:sdk/ml/azure-ai-ml/azure/ai/ml/_schema/_deployment/online/\
                       online_deployment.py@5745ac7",
            date: "5745ac7",
        },
        Source {
            title: "Online endpoints and deployments for real-time inference",
            location: "https://learn.microsoft.com/azure/machine-learning/concept-endpoints-online",
            date: "2024-09-23",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, endpoint) in context.plan.online_endpoints.iter().enumerate() {
        let foreign: &[(&str, bool)] = match endpoint.kind {
            EndpointKind::Kubernetes => &[
                ("publicNetworkAccess", endpoint.public_network_access.is_some()),
                ("legacyEgressPublicNetworkAccess", endpoint.legacy_egress_public_network_access.is_some()),
            ],
            EndpointKind::Managed => &[("compute", endpoint.compute.is_some())],
        };
        for &(field, _) in foreign.iter().filter(|(_, set)| *set) {
            let message = match endpoint.kind {
                EndpointKind::Kubernetes => msg!(
                    [
                        "the Kubernetes endpoint '{endpoint}' sets {field}, which only managed endpoints \
                         have; its exposure comes from the cluster’s inference router",
                        "le point de terminaison Kubernetes « {endpoint} » définit {field}, que seuls les \
                         points de terminaison managés possèdent ; son exposition dépend du routeur \
                         d’inférence du cluster"
                    ],
                    endpoint = &endpoint.name,
                    field = field,
                ),
                EndpointKind::Managed => msg!(
                    [
                        "the managed endpoint '{endpoint}' sets {field}, which only Kubernetes endpoints \
                         have; Microsoft hosts its compute",
                        "le point de terminaison managé « {endpoint} » définit {field}, que seuls les \
                         points de terminaison Kubernetes possèdent ; Microsoft héberge son calcul"
                    ],
                    endpoint = &endpoint.name,
                    field = field,
                ),
            };
            out.report(
                message,
                vec![pointer::online_endpoint(index, field), pointer::online_endpoint(index, "kind")],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OnlineEndpointSettingNotForKind;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_per_field_on_a_kubernetes_endpoint() {
        let found = assert_fires(
            OnlineEndpointSettingNotForKind,
            &[(
                "/onlineEndpoints",
                json!([{
                    "name": "fraud-k8s", "kind": "kubernetes", "compute": "ml-aks",
                    "publicNetworkAccess": "disabled", "legacyEgressPublicNetworkAccess": "enabled"
                }]),
            )],
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/onlineEndpoints/0/legacyEgressPublicNetworkAccess", "/onlineEndpoints/0/kind"]
        );
        assert_eq!(found[1].subjects, ["/onlineEndpoints/0/publicNetworkAccess", "/onlineEndpoints/0/kind"]);
        assert_eq!(
            found[1].text.render(Lang::Fr),
            "le point de terminaison Kubernetes « fraud-k8s » définit publicNetworkAccess, que seuls les \
             points de terminaison managés possèdent ; son exposition dépend du routeur d’inférence du \
             cluster"
        );
    }

    #[test]
    fn fires_on_a_managed_endpoint_with_compute() {
        let found = assert_fires(
            OnlineEndpointSettingNotForKind,
            &[("/onlineEndpoints", json!([{ "name": "fraud", "kind": "managed", "compute": "ml-aks" }]))],
        );
        assert_eq!(found[0].subjects, ["/onlineEndpoints/0/compute", "/onlineEndpoints/0/kind"]);
    }

    #[test]
    fn quiet_when_each_kind_keeps_to_its_fields() {
        assert_quiet(
            OnlineEndpointSettingNotForKind,
            &[(
                "/onlineEndpoints",
                json!([
                    { "name": "fraud", "kind": "managed", "publicNetworkAccess": "disabled",
                      "legacyEgressPublicNetworkAccess": "disabled" },
                    { "name": "fraud-k8s", "kind": "kubernetes", "compute": "ml-aks" }
                ]),
            )],
        );
    }
}
