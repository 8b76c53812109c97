use serde_json::json;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{AksCluster, Choice, Provisioning};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster with privateCluster true (its API server reached over Private Link) must have \
         provisioning \"attach\", not \"create\".",
        "Un cluster dont privateCluster vaut true (serveur d’API joint via Private Link) doit avoir \
         provisioning à « attach », et non à « create ».",
    ),
    why: text!(
        "Azure ML v1 cannot create a private AKS cluster. Its documentation asks you to build the \
         private cluster with AKS tooling (the portal, az aks or a template) and then attach the \
         finished cluster to the workspace as a compute target.",
        "Azure ML v1 ne sait pas créer de cluster AKS privé. Sa documentation demande de construire le \
         cluster privé avec les outils d’AKS (portail, az aks ou modèle), puis de rattacher le cluster \
         terminé à l’espace de travail comme cible de calcul.",
    ),
    example: Example(&[("/aksClusters/0/privateCluster", "true")]),
    fix: text!(
        "Create the private cluster in AKS first, in the planned VNet and subnet, then attach it to the \
         workspace; in the plan, set provisioning to \"attach\".",
        "Créez d’abord le cluster privé dans AKS, dans le VNet et le sous-réseau prévus, puis \
         rattachez-le à l’espace de travail ; dans le plan, passez provisioning à « attach ».",
    ),
    sources: &[
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        if !cluster.private_cluster() || cluster.provisioning() != Provisioning::Create {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "private cluster '{cluster}' is planned to be created by Azure ML, which cannot \
                         create private clusters; create it in AKS first, then attach it",
                        "le plan fait créer le cluster privé « {cluster} » par Azure ML, qui ne sait pas \
                         créer de cluster privé ; créez-le d’abord dans AKS, puis attachez-le"
                    ],
                    cluster = &cluster.name,
                ),
                vec![pointer::cluster(index, "provisioning"), pointer::cluster(index, "privateCluster")],
            )
            .with_fix(Some(attach_fix(index, cluster))),
        );
    }
}

/// Attaching a cluster built with AKS tooling. Building it is a design choice, so the fix also
/// chooses what the plan otherwise leaves open and Azure ML v1 needs: no public FQDN. Left
/// unstated, an attached private cluster would get private-cluster-public-fqdn-unstated.
fn attach_fix(index: usize, cluster: &AksCluster) -> Fix {
    let attach = (pointer::cluster(index, "provisioning"), json!(Provisioning::Attach.as_str()));
    if cluster.private_cluster_public_fqdn.is_some() {
        let title = msg!(
            [
                "create cluster '{cluster}' in AKS yourself and attach it to the workspace",
                "créer vous-même le cluster « {cluster} » dans AKS et l’attacher à l’espace de travail"
            ],
            cluster = &cluster.name,
        );
        return Fix::new(title, vec![attach]);
    }
    let title = msg!(
        [
            "create cluster '{cluster}' in AKS yourself, without a public FQDN (`az aks create \
             --enable-private-cluster --disable-public-fqdn`), and attach it to the workspace",
            "créer vous-même le cluster « {cluster} » dans AKS, sans FQDN public (`az aks create \
             --enable-private-cluster --disable-public-fqdn`), et l’attacher à l’espace de travail"
        ],
        cluster = &cluster.name,
    );
    Fix::new(title, vec![attach, (pointer::cluster(index, "privateClusterPublicFqdn"), json!(false))])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId;
    use crate::catalog::RuleId::{PrivateClusterMustBeAttached, PrivateClusterPublicFqdnUnstated};
    use crate::finding::FixKind;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_private_cluster_to_create() {
        // The plugin is written: an attach cluster without one is assumed to use overlay, which
        // would then need a pod range (`pod-cidr-missing`).
        let changes = [
            ("/aksClusters/0/privateCluster", json!(true)),
            ("/aksClusters/0/networkPlugin", json!("azure")),
        ];
        let found = assert_fires(PrivateClusterMustBeAttached, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/provisioning", "/aksClusters/0/privateCluster"]);
        assert_eq!(
            found[0].message,
            "private cluster 'ml-aks' is planned to be created by Azure ML, which cannot create private \
             clusters; create it in AKS first, then attach it"
        );
        let fix = found[0].fix.as_ref().expect("attaching always resolves it");
        assert_eq!(fix.kind, FixKind::Design, "the cluster is still to be built");
        assert_eq!(fix.changes[0].value, json!("attach"));
        assert_eq!(fix.changes[1].path, "/aksClusters/0/privateClusterPublicFqdn");
        assert_eq!(fix.changes[1].value, json!(false));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le plan fait créer le cluster privé « ml-aks » par Azure ML, qui ne sait pas créer de \
             cluster privé ; créez-le d’abord dans AKS, puis attachez-le"
        );
        assert_fix_resolves(PrivateClusterMustBeAttached, &changes);
        // suggest applies it: the attached cluster has nothing left unstated about its public name.
        let mut plan = crate::testing::plan_with(&changes);
        let suggested = crate::suggest(&plan);
        let rules: Vec<RuleId> = crate::check(&suggested).findings.iter().map(|f| f.rule).collect();
        assert!(!rules.contains(&PrivateClusterMustBeAttached), "{rules:?}");
        assert!(!rules.contains(&PrivateClusterPublicFqdnUnstated), "{rules:?}");
        // A stated public FQDN is the plan's to keep: the fix only attaches.
        plan.aks_clusters[0].private_cluster_public_fqdn = Some(true);
        let found = crate::check(&plan);
        let fix = found
            .findings
            .iter()
            .find(|f| f.rule == PrivateClusterMustBeAttached)
            .and_then(|f| f.fix.as_ref());
        assert_eq!(fix.map(|fix| fix.changes.len()), Some(1));
    }

    #[test]
    fn quiet_for_an_attached_private_cluster_or_a_public_one() {
        assert_quiet(PrivateClusterMustBeAttached, &[]);
        assert_quiet(
            PrivateClusterMustBeAttached,
            &[
                ("/aksClusters/0/privateCluster", json!(true)),
                ("/aksClusters/0/provisioning", json!("attach")),
            ],
        );
    }
}
