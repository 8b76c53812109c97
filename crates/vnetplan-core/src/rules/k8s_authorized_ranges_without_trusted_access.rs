use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a Kubernetes compute cluster (azureMl.api \"v2\") that limits its API server to \
         apiServerAuthorizedIpRanges while Trusted Access for Azure ML is not recorded (trustedAccess \
         false or absent).",
        "Avertit pour un cluster de calcul Kubernetes (azureMl.api « v2 ») qui restreint son serveur d’API \
         à apiServerAuthorizedIpRanges alors que l’accès approuvé (Trusted Access) pour Azure ML n’est pas \
         consigné (trustedAccess à false ou absent)."
    ),
    why: text!(
        "Azure ML's control plane talks to the cluster's API server to install and drive the extension. \
         Without Trusted Access, those calls come from Azure ML's own addresses, so the authorized \
         ranges must include its ranges for the plan's region and for the paired region. The plan does \
         not hold those lists, so it cannot check them; a missing range makes the attach or later \
         deployments fail.",
        "Le plan de contrôle d’Azure ML s’adresse au serveur d’API du cluster pour installer et piloter \
         l’extension. Sans accès approuvé, ces appels viennent des adresses d’Azure ML : les plages \
         autorisées doivent donc inclure ses plages pour la région du plan et pour la région jumelée. Le \
         plan ne contient pas ces listes et ne peut pas les vérifier ; une plage manquante fait échouer \
         l’attachement ou les déploiements suivants."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/apiServerAuthorizedIpRanges", r#"["203.0.113.0/24"]"#),
    ]),
    fix: text!(
        "Grant Azure ML Trusted Access to the cluster and record it with trustedAccess true, or add \
         Azure ML's control-plane ranges for the region and its pair to the authorized ranges.",
        "Accordez à Azure ML l’accès approuvé au cluster et consignez-le avec trustedAccess à true, ou \
         ajoutez aux plages autorisées celles du plan de contrôle d’Azure ML pour la région et sa région \
         jumelée."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || cluster.api_server_authorized_ip_ranges.is_empty() || cluster.trusted_access()
        {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' restricts its API server to authorized ranges without Trusted Access, \
                 so those ranges must hold Azure ML's control-plane ranges for {region} and its paired \
                 region, which the plan cannot show",
                "le cluster « {cluster} » restreint son serveur d’API à des plages autorisées sans accès \
                 approuvé : ces plages doivent contenir celles du plan de contrôle d’Azure ML pour {region} \
                 et sa région jumelée, ce que le plan ne peut pas montrer"
            ],
            cluster = &cluster.name,
            region = &context.plan.region,
        );
        out.report(
            message,
            vec![
                pointer::cluster(index, "apiServerAuthorizedIpRanges"),
                pointer::cluster(index, "trustedAccess"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sAuthorizedRangesWithoutTrustedAccess;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2_with(ranges: Value, trusted: bool) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/aksClusters/0/apiServerAuthorizedIpRanges", ranges),
            ("/aksClusters/0/trustedAccess", json!(trusted)),
        ]
    }

    #[test]
    fn fires_for_ranges_without_trusted_access() {
        let found =
            assert_fires(K8sAuthorizedRangesWithoutTrustedAccess, &v2_with(json!(["203.0.113.0/24"]), false));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/apiServerAuthorizedIpRanges", "/aksClusters/0/trustedAccess"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » restreint son serveur d’API à des plages autorisées sans accès approuvé : \
             ces plages doivent contenir celles du plan de contrôle d’Azure ML pour eastus2 et sa région \
             jumelée, ce que le plan ne peut pas montrer"
        );
    }

    #[test]
    fn quiet_with_trusted_access_or_no_ranges() {
        assert_quiet(K8sAuthorizedRangesWithoutTrustedAccess, &v2_with(json!(["203.0.113.0/24"]), true));
        assert_quiet(K8sAuthorizedRangesWithoutTrustedAccess, &v2_with(json!([]), false));
    }
}
