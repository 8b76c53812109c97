use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes an AKS cluster whose API server is public (privateCluster false) and admits every \
         address (apiServerAuthorizedIpRanges empty). The Terraform, ARM and Bicep exports keep it so, \
         and the scanner checks it fails (checkov CKV_AZURE_6 and CKV_AZURE_115) carry a skip that \
         names this finding.",
        "Signale un cluster AKS dont le serveur d’API est public (privateCluster à false) et admet \
         toute adresse (apiServerAuthorizedIpRanges vide). Les exports Terraform, ARM et Bicep le \
         gardent ainsi, et les contrôles du scanner qu’il ne passe pas (checkov CKV_AZURE_6 et \
         CKV_AZURE_115) portent une exemption qui nomme ce constat."
    ),
    why: text!(
        "Each way of closing the API server costs something with Azure ML. Azure ML v1 cannot create a \
         private cluster: it must be created in AKS and then attached. Authorized IP ranges must let in \
         Azure ML's control plane for the workspace region and its paired region, unless the cluster \
         grants Azure ML Trusted Access, which only Kubernetes compute (v2) in the public cloud can use. \
         A public API server without ranges works in every case, and any address can try to reach it.",
        "Chaque façon de fermer le serveur d’API a un prix avec Azure ML. Azure ML v1 ne sait pas créer \
         de cluster privé : il faut le créer dans AKS, puis l’attacher. Les plages d’IP autorisées \
         doivent laisser entrer le plan de contrôle d’Azure ML pour la région de l’espace de travail et \
         sa région jumelée, sauf si le cluster accorde l’accès approuvé (Trusted Access) à Azure ML, que \
         seul le calcul Kubernetes (v2) du cloud public peut utiliser. Un serveur d’API public sans \
         plages fonctionne dans tous les cas, et n’importe quelle adresse peut tenter de le joindre."
    ),
    example: Example(&[
        ("/aksClusters/0/privateCluster", "false"),
        ("/aksClusters/0/apiServerAuthorizedIpRanges", "[]"),
    ]),
    fix: text!(
        "For Kubernetes compute, make the cluster private (privateCluster true), or list your \
         administrators' ranges together with Azure ML's in apiServerAuthorizedIpRanges, or grant \
         Trusted Access and record trustedAccess true. For a v1 cluster, create the private cluster in \
         AKS and attach it. A public API server may also be a deliberate choice: the finding only \
         records it.",
        "Pour le calcul Kubernetes, rendez le cluster privé (privateCluster à true), ou listez dans \
         apiServerAuthorizedIpRanges les plages de vos administrateurs avec celles d’Azure ML, ou \
         accordez l’accès approuvé et consignez trustedAccess à true. Pour un cluster v1, créez le \
         cluster privé dans AKS et attachez-le. Un serveur d’API public peut aussi être un choix \
         délibéré : le constat ne fait que le consigner."
    ),
    sources: &[
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.private_cluster() || !cluster.api_server_authorized_ip_ranges.is_empty() {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' has a public API server open to any address: it is neither private \
                 nor limited to authorized IP ranges",
                "le cluster « {cluster} » a un serveur d’API public ouvert à toute adresse : il n’est ni \
                 privé ni limité à des plages d’IP autorisées"
            ],
            cluster = &cluster.name,
        );
        out.report(
            message,
            vec![
                pointer::cluster(index, "privateCluster"),
                pointer::cluster(index, "apiServerAuthorizedIpRanges"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksApiServerPublic;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_public_api_server_without_ranges() {
        let found = assert_fires(AksApiServerPublic, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/privateCluster", "/aksClusters/0/apiServerAuthorizedIpRanges"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » a un serveur d’API public ouvert à toute adresse : il n’est ni privé ni \
             limité à des plages d’IP autorisées"
        );
    }

    #[test]
    fn quiet_on_a_private_cluster_or_with_authorized_ranges() {
        assert_quiet(
            AksApiServerPublic,
            &[
                ("/aksClusters/0/privateCluster", json!(true)),
                ("/aksClusters/0/provisioning", json!("attach")),
            ],
        );
        assert_quiet(
            AksApiServerPublic,
            &[("/aksClusters/0/apiServerAuthorizedIpRanges", json!(["203.0.113.0/24"]))],
        );
    }
}
