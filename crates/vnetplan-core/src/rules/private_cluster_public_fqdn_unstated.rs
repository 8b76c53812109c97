use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::Provisioning;
use crate::rules::shared::public_fqdn_unstated;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a private cluster that Azure ML v1 attaches (privateCluster true) whose plan leaves \
         privateClusterPublicFqdn out: the plan reads the missing field as no public FQDN, while AKS keeps \
         one unless it was turned off. Kubernetes compute (v2) has a rule of its own, \
         k8s-public-fqdn-unstated.",
        "Avertit pour un cluster privé qu’Azure ML v1 attache (privateCluster à true) dont le plan omet \
         privateClusterPublicFqdn : le plan lit le champ absent comme l’absence de FQDN public, alors \
         qu’AKS en garde un tant qu’il n’a pas été désactivé. Le calcul Kubernetes (v2) a sa propre règle, \
         k8s-public-fqdn-unstated."
    ),
    why: text!(
        "AKS gives a private cluster a public FQDN beside its private one unless it is created with \
         --disable-public-fqdn or updated that way, and the cluster exists before Azure ML v1 attaches it. \
         Azure ML v1 does not support a private cluster with a public FQDN, and Trusted Access, which lifts \
         that limit for Kubernetes compute, does not apply to v1 (private-cluster-public-fqdn). Left \
         unstated, the plan would pass a cluster that v1 does not support.",
        "AKS donne à un cluster privé un FQDN public à côté de son FQDN privé, sauf s’il est créé avec \
         --disable-public-fqdn ou mis à jour ainsi, et le cluster existe avant qu’Azure ML v1 l’attache. \
         Azure ML v1 ne prend pas en charge un cluster privé doté d’un FQDN public, et l’accès approuvé, qui \
         lève cette limite pour le calcul Kubernetes, ne s’applique pas à v1 \
         (private-cluster-public-fqdn). Sans cette information, le plan validerait un cluster que v1 ne \
         prend pas en charge."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/privateCluster", "true"),
    ]),
    fix: text!(
        "Read the cluster's setting with az aks show --query apiServerAccessProfile.enablePrivateClusterPublicFqdn. \
         If it is true, turn the public FQDN off with az aks update --disable-public-fqdn; then write \
         privateClusterPublicFqdn into the plan. The fix records false, to be confirmed first.",
        "Lisez le réglage du cluster avec az aks show --query \
         apiServerAccessProfile.enablePrivateClusterPublicFqdn. S’il vaut true, désactivez le FQDN public \
         avec az aks update --disable-public-fqdn ; puis écrivez privateClusterPublicFqdn dans le plan. Le \
         correctif inscrit false, à confirmer d’abord."
    ),
    sources: &[
        Source {
            title: "Create a private Azure Kubernetes Service (AKS) cluster",
            location: "https://learn.microsoft.com/azure/aks/private-clusters",
            date: "2024-09-23",
        },
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        // A cluster Azure ML is to create cannot be private at all, which another rule reports.
        let attached = cluster.provisioning() == Provisioning::Attach;
        if !attached || !cluster.private_cluster() || cluster.private_cluster_public_fqdn.is_some() {
            continue;
        }
        let unsupported_by = msg!(["Azure ML v1 does not support", "qu’Azure ML v1 ne prend pas en charge"]);
        out.push(public_fqdn_unstated(index, cluster, unsupported_by));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::{PrivateClusterPublicFqdn, PrivateClusterPublicFqdnUnstated};
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn private_attached(extra: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
        let mut changes = vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/privateCluster", json!(true)),
        ];
        changes.extend(extra.iter().cloned());
        changes
    }

    #[test]
    fn fires_on_an_attached_private_v1_cluster_that_leaves_its_public_fqdn_unstated() {
        let changes = private_attached(&[]);
        let found = assert_fires(PrivateClusterPublicFqdnUnstated, &changes);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/privateClusterPublicFqdn", "/aksClusters/0/privateCluster"]
        );
        assert_eq!(
            found[0].message,
            "private cluster 'ml-aks' does not say whether its API server keeps a public FQDN, which AKS gives \
             a private cluster unless it is turned off, and which Azure ML v1 does not support"
        );
        assert!(found[0].text.render(Lang::Fr).starts_with("le cluster privé « ml-aks » ne dit pas"));
        let fix = found[0].fix.as_ref().expect("the answer can be recorded");
        assert_eq!(fix.kind, FixKind::Attestation, "only Azure knows the cluster's setting");
        assert_eq!(fix.changes[0].value, json!(false));
        assert_fix_resolves(PrivateClusterPublicFqdnUnstated, &changes);
        // Trusted Access does not help v1, so recording it leaves the question open.
        assert_fires(
            PrivateClusterPublicFqdnUnstated,
            &private_attached(&[("/aksClusters/0/trustedAccess", json!(true))]),
        );
    }

    #[test]
    fn quiet_once_stated_for_a_public_cluster_a_created_one_or_v2() {
        let stated_off = private_attached(&[("/aksClusters/0/privateClusterPublicFqdn", json!(false))]);
        assert_quiet(PrivateClusterPublicFqdnUnstated, &stated_off);
        // Stated on, the error of private-cluster-public-fqdn speaks instead.
        let stated_on = private_attached(&[("/aksClusters/0/privateClusterPublicFqdn", json!(true))]);
        assert_quiet(PrivateClusterPublicFqdnUnstated, &stated_on);
        assert_fires(PrivateClusterPublicFqdn, &stated_on);
        assert_quiet(PrivateClusterPublicFqdnUnstated, &[("/aksClusters/0/provisioning", json!("attach"))]);
        assert_quiet(PrivateClusterPublicFqdnUnstated, &[("/aksClusters/0/privateCluster", json!(true))]);
        let mut v2 = crate::testing::v2_cluster();
        v2.push(("/aksClusters/0/privateCluster", json!(true)));
        assert_quiet(PrivateClusterPublicFqdnUnstated, &v2);
    }
}
