use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::rules::shared::public_fqdn_unstated;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a private Kubernetes compute cluster (azureMl.api \"v2\", privateCluster true) whose \
         plan leaves privateClusterPublicFqdn out while Trusted Access is not recorded: the plan reads the \
         missing field as no public FQDN, which is not what AKS does by default.",
        "Avertit pour un cluster de calcul Kubernetes privé (azureMl.api « v2 », privateCluster à true) \
         dont le plan omet privateClusterPublicFqdn sans que l’accès approuvé soit consigné : le plan lit \
         le champ absent comme l’absence de FQDN public, ce qui n’est pas le choix par défaut d’AKS."
    ),
    why: text!(
        "AKS gives a private cluster a public FQDN beside its private one unless it is created with \
         --disable-public-fqdn or updated that way. A v2 cluster exists before Azure ML attaches it, so \
         unless someone turned the public name off, it has one, and the Azure ML extension does not \
         support a private cluster with a public FQDN unless Trusted Access is set up \
         (k8s-private-cluster-public-fqdn). Left unstated, the plan would pass a cluster that the extension \
         cannot use.",
        "AKS donne à un cluster privé un FQDN public à côté de son FQDN privé, sauf s’il est créé avec \
         --disable-public-fqdn ou mis à jour ainsi. Un cluster v2 existe avant qu’Azure ML l’attache : à \
         moins que quelqu’un ait désactivé le nom public, il en a un, et l’extension Azure ML ne prend pas \
         en charge un cluster privé doté d’un FQDN public sans accès approuvé \
         (k8s-private-cluster-public-fqdn). Sans cette information, le plan validerait un cluster que \
         l’extension ne peut pas utiliser."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/privateCluster", "true"),
    ]),
    fix: text!(
        "Read the cluster's setting with az aks show --query apiServerAccessProfile.enablePrivateClusterPublicFqdn. \
         If it is true, turn the public FQDN off (az aks update --disable-public-fqdn) or set up Trusted \
         Access; then write privateClusterPublicFqdn into the plan. The fix records false, to be confirmed \
         first.",
        "Lisez le réglage du cluster avec az aks show --query \
         apiServerAccessProfile.enablePrivateClusterPublicFqdn. S’il vaut true, désactivez le FQDN public \
         (az aks update --disable-public-fqdn) ou mettez en place l’accès approuvé ; puis écrivez \
         privateClusterPublicFqdn dans le plan. Le correctif inscrit false, à confirmer d’abord."
    ),
    sources: &[
        Source {
            title: "Create a private Azure Kubernetes Service (AKS) cluster",
            location: "https://learn.microsoft.com/azure/aks/private-clusters",
            date: "2024-09-23",
        },
        sources::HOW_TO_SECURE_KUBERNETES_INFERENCING_ENVIRONMENT,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let unstated = cluster.private_cluster_public_fqdn.is_none();
        if !cluster.is_v2() || !cluster.private_cluster() || !unstated || cluster.trusted_access() {
            continue;
        }
        let unsupported_by = msg!([
            "the Azure ML extension does not support without Trusted Access",
            "que l’extension Azure ML ne prend pas en charge sans accès approuvé"
        ]);
        out.push(public_fqdn_unstated(index, cluster, unsupported_by));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sPublicFqdnUnstated;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn private_v2(extra: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
        let mut changes = v2_cluster();
        changes.push(("/aksClusters/0/privateCluster", json!(true)));
        changes.extend(extra.iter().cloned());
        changes
    }

    #[test]
    fn fires_on_a_private_v2_cluster_that_leaves_its_public_fqdn_unstated() {
        let changes = private_v2(&[]);
        let found = assert_fires(K8sPublicFqdnUnstated, &changes);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/privateClusterPublicFqdn", "/aksClusters/0/privateCluster"]
        );
        assert!(found[0]
            .message
            .starts_with("private cluster 'ml-aks' does not say whether its API server keeps a public FQDN"));
        assert!(found[0].text.render(Lang::Fr).starts_with("le cluster privé « ml-aks » ne dit pas"));
        let fix = found[0].fix.as_ref().expect("the answer can be recorded");
        assert_eq!(fix.kind, FixKind::Attestation, "only Azure knows the cluster's setting");
        assert_eq!(fix.changes[0].value, json!(false));
        assert_fix_resolves(K8sPublicFqdnUnstated, &changes);
    }

    #[test]
    fn quiet_when_stated_public_trusted_or_v1() {
        assert_quiet(
            K8sPublicFqdnUnstated,
            &private_v2(&[("/aksClusters/0/privateClusterPublicFqdn", json!(false))]),
        );
        assert_quiet(K8sPublicFqdnUnstated, &private_v2(&[("/aksClusters/0/trustedAccess", json!(true))]));
        assert_quiet(K8sPublicFqdnUnstated, &v2_cluster());
        assert_quiet(K8sPublicFqdnUnstated, &[("/aksClusters/0/privateCluster", json!(true))]);
    }
}
