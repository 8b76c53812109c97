use serde_json::json;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

/// The Azure CLI's own check of `az aks create` and `az aks update`.
const AZURE_CLI_AKS_VALIDATION: Source = Source {
    title: "Azure CLI 2.91.0, AKS command validation (refuses authorized IP ranges on a private cluster)",
    location: "Azure/azure-cli 2.91.0 (PyPI wheel):azure/cli/command_modules/acs/",
    date: "2.91.0",
};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A private AKS cluster (privateCluster true) cannot also list API server authorized IP ranges \
         (apiServerAuthorizedIpRanges).",
        "Un cluster AKS privé (privateCluster à true) ne peut pas aussi lister de plages d’IP autorisées \
         pour son serveur d’API (apiServerAuthorizedIpRanges)."
    ),
    why: text!(
        "Authorized ranges filter who may call the public address of the API server. A private cluster's \
         API server has no public address to filter, and the Azure CLI refuses to create or update a \
         cluster that asks for both, so the deployment stops before AKS is even called.",
        "Les plages autorisées filtrent qui peut appeler l’adresse publique du serveur d’API. Le serveur \
         d’API d’un cluster privé n’a pas d’adresse publique à filtrer, et Azure CLI refuse de créer ou \
         de mettre à jour un cluster qui demande les deux : le déploiement s’arrête avant même \
         l’appel à AKS."
    ),
    example: Example(&[
        ("/aksClusters/0/privateCluster", "true"),
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/apiServerAuthorizedIpRanges", r#"["203.0.113.0/24"]"#),
    ]),
    fix: text!(
        "Keep the cluster private and remove the authorized ranges, which protect nothing there; or keep \
         the ranges on a public API server (privateCluster false).",
        "Gardez le cluster privé et retirez les plages autorisées, qui n’y protègent rien ; ou gardez les \
         plages sur un serveur d’API public (privateCluster à false)."
    ),
    sources: &[AZURE_CLI_AKS_VALIDATION, sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.private_cluster() || cluster.api_server_authorized_ip_ranges.is_empty() {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "private cluster '{cluster}' lists API server authorized IP ranges ({ranges}), which \
                         the Azure CLI refuses for a private cluster",
                        "le cluster privé « {cluster} » liste des plages d’IP autorisées pour son serveur \
                         d’API ({ranges}), ce qu’Azure CLI refuse pour un cluster privé"
                    ],
                    cluster = &cluster.name,
                    ranges = cluster.api_server_authorized_ip_ranges.join(", "),
                ),
                vec![
                    pointer::cluster(index, "apiServerAuthorizedIpRanges"),
                    pointer::cluster(index, "privateCluster"),
                ],
            )
            .with_fix(Some(Fix::set(
                msg!(
                    [
                        "remove the authorized IP ranges of private cluster '{cluster}'",
                        "retirer les plages d’IP autorisées du cluster privé « {cluster} »"
                    ],
                    cluster = &cluster.name,
                ),
                pointer::cluster(index, "apiServerAuthorizedIpRanges"),
                json!([]),
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PrivateClusterWithAuthorizedRanges;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn private(ranges: serde_json::Value) -> [(&'static str, serde_json::Value); 3] {
        [
            ("/aksClusters/0/privateCluster", json!(true)),
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/apiServerAuthorizedIpRanges", ranges),
        ]
    }

    #[test]
    fn fires_on_a_private_cluster_with_ranges() {
        let changes = private(json!(["203.0.113.0/24", "198.51.100.7/32"]));
        let found = assert_fires(PrivateClusterWithAuthorizedRanges, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/apiServerAuthorizedIpRanges", "/aksClusters/0/privateCluster"]
        );
        assert_eq!(
            found[0].message,
            "private cluster 'ml-aks' lists API server authorized IP ranges (203.0.113.0/24, 198.51.100.7/32), \
             which the Azure CLI refuses for a private cluster"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster privé « ml-aks » liste des plages d’IP autorisées pour son serveur d’API \
             (203.0.113.0/24, 198.51.100.7/32), ce qu’Azure CLI refuse pour un cluster privé"
        );
        assert_fix_resolves(PrivateClusterWithAuthorizedRanges, &changes);
    }

    #[test]
    fn quiet_on_a_private_cluster_without_ranges_or_a_public_one_with_them() {
        assert_quiet(PrivateClusterWithAuthorizedRanges, &private(json!([])));
        assert_quiet(
            PrivateClusterWithAuthorizedRanges,
            &[("/aksClusters/0/apiServerAuthorizedIpRanges", json!(["203.0.113.0/24"]))],
        );
    }
}
