use serde_json::json;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A private AKS cluster that Azure ML v1 uses must not keep a public FQDN for its API server \
         (privateClusterPublicFqdn true). Kubernetes compute (v2) has a rule of its own, \
         k8s-private-cluster-public-fqdn.",
        "Un cluster AKS privé qu’utilise Azure ML v1 ne doit pas garder de FQDN public pour son serveur \
         d’API (privateClusterPublicFqdn à true). Le calcul Kubernetes (v2) a sa propre règle, \
         k8s-private-cluster-public-fqdn."
    ),
    why: text!(
        "Azure ML v1's documentation states that a public FQDN on a private AKS cluster is not supported. \
         Trusted Access, which lifts that limit for Kubernetes compute in the public cloud, does not apply \
         to v1's AksCompute.",
        "La documentation d’Azure ML v1 indique qu’un FQDN public sur un cluster AKS privé n’est pas pris \
         en charge. L’accès approuvé (Trusted Access), qui lève cette limite pour le calcul Kubernetes du \
         cloud public, ne s’applique pas à l’AksCompute de v1."
    ),
    example: Example(&[
        ("/aksClusters/0/privateCluster", "true"),
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/privateClusterPublicFqdn", "true"),
    ]),
    fix: text!(
        "Disable the API server's public FQDN (az aks update --disable-public-fqdn), and record \
         privateClusterPublicFqdn false.",
        "Désactivez le FQDN public du serveur d’API (az aks update --disable-public-fqdn), et consignez \
         privateClusterPublicFqdn à false."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        // The accessor already requires a private cluster: a public FQDN means nothing otherwise.
        if !cluster.private_cluster_public_fqdn() {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "private cluster '{cluster}' keeps a public FQDN for its API server, which Azure ML \
                         v1 does not support",
                        "le cluster privé « {cluster} » garde un FQDN public pour son serveur d’API, ce \
                         qu’Azure ML v1 ne prend pas en charge"
                    ],
                    cluster = &cluster.name,
                ),
                vec![
                    pointer::cluster(index, "privateClusterPublicFqdn"),
                    pointer::cluster(index, "privateCluster"),
                ],
            )
            .with_fix(Some(Fix::set(
                msg!(
                    [
                        "disable the public FQDN of private cluster '{cluster}'",
                        "désactiver le FQDN public du cluster privé « {cluster} »"
                    ],
                    cluster = &cluster.name,
                ),
                pointer::cluster(index, "privateClusterPublicFqdn"),
                json!(false),
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PrivateClusterPublicFqdn;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn private(public_fqdn: bool) -> [(&'static str, serde_json::Value); 3] {
        [
            ("/aksClusters/0/privateCluster", json!(true)),
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/privateClusterPublicFqdn", json!(public_fqdn)),
        ]
    }

    #[test]
    fn fires_on_a_v1_private_cluster_with_a_public_fqdn() {
        let found = assert_fires(PrivateClusterPublicFqdn, &private(true));
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/privateClusterPublicFqdn", "/aksClusters/0/privateCluster"]
        );
        assert_eq!(
            found[0].message,
            "private cluster 'ml-aks' keeps a public FQDN for its API server, which Azure ML v1 does not support"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster privé « ml-aks » garde un FQDN public pour son serveur d’API, ce qu’Azure ML v1 ne \
             prend pas en charge"
        );
        assert_fix_resolves(PrivateClusterPublicFqdn, &private(true));
        // Trusted Access is no way out for v1.
        let mut with_trusted_access = private(true).to_vec();
        with_trusted_access.push(("/aksClusters/0/trustedAccess", json!(true)));
        assert_fires(PrivateClusterPublicFqdn, &with_trusted_access);
    }

    #[test]
    fn quiet_without_a_public_fqdn_or_for_kubernetes_compute() {
        assert_quiet(PrivateClusterPublicFqdn, &private(false));
        assert_quiet(PrivateClusterPublicFqdn, &[("/aksClusters/0/privateClusterPublicFqdn", json!(true))]);
        let mut v2 = private(true).to_vec();
        v2.push((
            "/aksClusters/0/azureMl",
            json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"}),
        ));
        assert_quiet(PrivateClusterPublicFqdn, &v2);
    }
}
