use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, NetworkPlugin, NetworkPluginMode};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An attached cluster (provisioning \"attach\") whose networkPlugin the plan leaves out is \
         checked as Azure CNI Overlay, and the rule says so, so that the assumption is visible.",
        "Un cluster attaché (provisioning « attach ») dont le plan omet networkPlugin est vérifié comme \
         un cluster Azure CNI Overlay, et la règle le signale pour que cette hypothèse reste visible."
    ),
    why: text!(
        "The cluster already exists, so its plugin is a fact that the plan should record rather than \
         guess. AKS gives a new cluster Azure CNI Overlay when no plugin is named, from Kubernetes 1.30 \
         on; an older or differently built cluster may use kubenet or flat Azure CNI, which changes the \
         pod range, the subnet size and several overlap checks.",
        "Le cluster existe déjà : son plug-in est un fait que le plan devrait consigner plutôt que \
         deviner. AKS donne Azure CNI Overlay à un nouveau cluster sans plug-in indiqué depuis \
         Kubernetes 1.30 ; un cluster plus ancien ou construit autrement peut utiliser kubenet ou Azure \
         CNI à plat, ce qui change la plage de pods, la taille du sous-réseau et plusieurs contrôles de \
         chevauchement."
    ),
    example: Example(&[("/aksClusters/0/provisioning", r#""attach""#)]),
    fix: text!(
        "Read the cluster's network profile with az aks show --query networkProfile and write its \
         networkPlugin (and networkPluginMode) into the plan. The fix records Azure CNI Overlay, to be \
         confirmed first.",
        "Lisez le profil réseau du cluster avec az aks show --query networkProfile et reportez son \
         networkPlugin (et son networkPluginMode) dans le plan. Le correctif inscrit Azure CNI Overlay, \
         à confirmer d’abord."
    ),
    sources: &[
        sources::AZURE_CNI_OVERLAY,
        Source {
            title: "AKS API: network plugin defaulted by Kubernetes version (CNI Overlay from 1.30)",
            location: "https://github.com/Azure/azure-rest-api-specs/pull/30845",
            date: "2024-10-03",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.plugin_assumed() {
            continue;
        }
        let target = pointer::cluster(index, "networkPlugin");
        let fix = Fix::new(
            msg!(
                [
                    "confirm with `az aks show --name {cluster} --query networkProfile` that cluster \
                     '{cluster}' uses Azure CNI Overlay, then record networkPlugin \"azure\" and \
                     networkPluginMode \"overlay\"",
                    "confirmer avec `az aks show --name {cluster} --query networkProfile` que le cluster \
                     « {cluster} » utilise Azure CNI Overlay, puis consigner networkPlugin « azure » et \
                     networkPluginMode « overlay »"
                ],
                cluster = &cluster.name,
            ),
            vec![
                (target.clone(), NetworkPlugin::Azure.as_str().into()),
                (pointer::cluster(index, "networkPluginMode"), NetworkPluginMode::Overlay.as_str().into()),
            ],
        );
        out.push(
            Draft::new(
                msg!(
                    [
                        "attached cluster '{cluster}' does not state its network plugin, so it is checked \
                         as Azure CNI Overlay, what AKS picks by default since Kubernetes 1.30",
                        "le cluster attaché « {cluster} » n’indique pas son plug-in réseau : il est donc \
                         vérifié comme Azure CNI Overlay, le choix par défaut d’AKS depuis Kubernetes 1.30"
                    ],
                    cluster = &cluster.name,
                ),
                vec![target],
            )
            .with_fix(Some(fix)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::NetworkPluginAssumed;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_an_attached_cluster_without_a_plugin() {
        let changes = [("/aksClusters/0/provisioning", json!("attach"))];
        let found = assert_fires(NetworkPluginAssumed, &changes);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "attached cluster 'ml-aks' does not state its network plugin, so it is checked as Azure CNI \
             Overlay, what AKS picks by default since Kubernetes 1.30"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster attaché « ml-aks » n’indique pas son plug-in réseau : il est donc vérifié comme \
             Azure CNI Overlay, le choix par défaut d’AKS depuis Kubernetes 1.30"
        );
        let fix = found[0].fix.as_ref().expect("the assumption can be written down");
        assert_eq!(fix.kind, FixKind::Attestation, "the cluster exists: only Azure can confirm it");
        assert!(fix.title.starts_with("confirm with `az aks show --name ml-aks --query networkProfile`"));
        let changes_made: Vec<(&str, &serde_json::Value)> =
            fix.changes.iter().map(|change| (change.path.as_str(), &change.value)).collect();
        assert_eq!(
            changes_made,
            [
                ("/aksClusters/0/networkPlugin", &json!("azure")),
                ("/aksClusters/0/networkPluginMode", &json!("overlay")),
            ]
        );
        assert_fix_resolves(NetworkPluginAssumed, &changes);
    }

    #[test]
    fn quiet_when_the_plugin_is_written_or_the_cluster_is_created() {
        assert_quiet(NetworkPluginAssumed, &[]);
        assert_quiet(
            NetworkPluginAssumed,
            &[
                ("/aksClusters/0/provisioning", json!("attach")),
                ("/aksClusters/0/networkPlugin", json!("azure")),
            ],
        );
        assert_quiet(NetworkPluginAssumed, &[("/aksClusters/0/provisioning", json!("create"))]);
    }
}
