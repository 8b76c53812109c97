use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a private Kubernetes compute cluster (azureMl.api \"v2\", privateCluster true) whose API \
         server also has a public FQDN (privateClusterPublicFqdn true) while Trusted Access for Azure ML \
         is not recorded.",
        "Signale un cluster de calcul Kubernetes privé (azureMl.api « v2 », privateCluster à true) dont le \
         serveur d’API a aussi un FQDN public (privateClusterPublicFqdn à true) alors que l’accès approuvé \
         (Trusted Access) pour Azure ML n’est pas consigné."
    ),
    why: text!(
        "The guide for securing Kubernetes inferencing does not support a private cluster that keeps a \
         public FQDN: the extension resolves the API server through the public name, which leads \
         nowhere it can use. The older AML-Kubernetes guide makes this setup work through Trusted Access \
         only.",
        "Le guide de sécurisation de l’inférence Kubernetes ne prend pas en charge un cluster privé qui \
         garde un FQDN public : l’extension résout le serveur d’API par le nom public, qui ne mène nulle \
         part où elle puisse l’utiliser. L’ancien guide AML-Kubernetes ne fait fonctionner ce montage que \
         par l’accès approuvé."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/privateCluster", "true"),
        ("/aksClusters/0/privateClusterPublicFqdn", "true"),
    ]),
    fix: text!(
        "Turn the public FQDN of the private cluster off (az aks update --disable-public-fqdn), or set up \
         Trusted Access for the workspace and record it with trustedAccess true.",
        "Désactivez le FQDN public du cluster privé (az aks update --disable-public-fqdn), ou mettez en \
         place l’accès approuvé pour l’espace de travail et consignez-le avec trustedAccess à true."
    ),
    sources: &[
        Source {
            title: "Secure Azure Kubernetes Service inferencing environment",
            location:
                "https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-environment",
            date: "2026-03-30",
        },
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        // The accessor already requires a private cluster: a public FQDN means nothing otherwise.
        if !cluster.is_v2() || !cluster.private_cluster_public_fqdn() || cluster.trusted_access() {
            continue;
        }
        let message = msg!(
            [
                "private cluster '{cluster}' keeps a public FQDN for its API server without Trusted Access, \
                 a setup the Azure ML extension does not support",
                "le cluster privé « {cluster} » garde un FQDN public pour son serveur d’API sans accès \
                 approuvé, un montage que l’extension Azure ML ne prend pas en charge"
            ],
            cluster = &cluster.name,
        );
        out.report(
            message,
            vec![
                pointer::cluster(index, "privateClusterPublicFqdn"),
                pointer::cluster(index, "privateCluster"),
                pointer::cluster(index, "trustedAccess"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sPrivateClusterPublicFqdn;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2_with(private: bool, trusted: bool) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/aksClusters/0/privateCluster", json!(private)),
            ("/aksClusters/0/privateClusterPublicFqdn", json!(true)),
            ("/aksClusters/0/trustedAccess", json!(trusted)),
        ]
    }

    #[test]
    fn fires_for_a_public_fqdn_without_trusted_access() {
        let found = assert_fires(K8sPrivateClusterPublicFqdn, &v2_with(true, false));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            [
                "/aksClusters/0/privateClusterPublicFqdn",
                "/aksClusters/0/privateCluster",
                "/aksClusters/0/trustedAccess"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster privé « ml-aks » garde un FQDN public pour son serveur d’API sans accès approuvé, un \
             montage que l’extension Azure ML ne prend pas en charge"
        );
    }

    #[test]
    fn quiet_with_trusted_access_or_on_a_public_cluster() {
        assert_quiet(K8sPrivateClusterPublicFqdn, &v2_with(true, true));
        assert_quiet(K8sPrivateClusterPublicFqdn, &v2_with(false, false));
    }
}
