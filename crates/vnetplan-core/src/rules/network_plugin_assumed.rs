use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, NetworkPlugin, NetworkPluginMode};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An attached cluster (provisioning \"attach\") whose networkPlugin the plan leaves out is \
         checked as Azure CNI Overlay, or as Azure CNI Pod Subnet when it names a podSubnet, and the rule \
         says so, so that the assumption is visible.",
        "Un cluster attaché (provisioning « attach ») dont le plan omet networkPlugin est vérifié comme \
         un cluster Azure CNI Overlay, ou Azure CNI Pod Subnet s’il nomme un podSubnet, et la règle le \
         signale pour que cette hypothèse reste visible."
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
        let draft = if cluster.pod_subnet_assumed() {
            let fix = Fix::new(
                msg!(
                    [
                        "confirm with `az aks show --name {cluster} --query networkProfile` that cluster \
                         '{cluster}' uses Azure CNI Pod Subnet, then record networkPlugin \"azure\"",
                        "confirmer avec `az aks show --name {cluster} --query networkProfile` que le cluster \
                         « {cluster} » utilise Azure CNI Pod Subnet, puis consigner networkPlugin « azure »"
                    ],
                    cluster = &cluster.name,
                ),
                vec![(target.clone(), NetworkPlugin::Azure.as_str().into())],
            );
            let message = msg!(
                [
                    "attached cluster '{cluster}' does not state its network plugin but names a pod subnet, \
                     so it is checked as Azure CNI Pod Subnet, the one mode that uses one",
                    "le cluster attaché « {cluster} » n’indique pas son plug-in réseau mais nomme un \
                     sous-réseau de pods : il est donc vérifié comme Azure CNI Pod Subnet, le seul mode qui \
                     en utilise un"
                ],
                cluster = &cluster.name,
            );
            Draft::new(message, vec![target, pointer::cluster(index, "podSubnet")]).with_fix(Some(fix))
        } else {
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
                    (
                        pointer::cluster(index, "networkPluginMode"),
                        NetworkPluginMode::Overlay.as_str().into(),
                    ),
                ],
            );
            let message = msg!(
                [
                    "attached cluster '{cluster}' does not state its network plugin, so it is checked \
                     as Azure CNI Overlay, what AKS picks by default since Kubernetes 1.30",
                    "le cluster attaché « {cluster} » n’indique pas son plug-in réseau : il est donc \
                     vérifié comme Azure CNI Overlay, le choix par défaut d’AKS depuis Kubernetes 1.30"
                ],
                cluster = &cluster.name,
            );
            Draft::new(message, vec![target]).with_fix(Some(fix))
        };
        out.push(draft);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::{NetworkPluginAssumed, PodSubnetUnused, SubnetAddressesExhausted};
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet, plan_with};
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
    fn reads_an_attached_cluster_that_names_a_pod_subnet_as_azure_cni_pod_subnet() {
        // The pod subnet is a /28: 11 usable addresses, while 3 + 1 surge nodes take 16 each.
        let changes = [
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/28"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
        ];
        let plan = plan_with(&changes);
        let cluster = &plan.aks_clusters[0];
        assert!(!cluster.is_overlay() && cluster.pods_subnet() == Some("pods"));
        assert_eq!(cluster.effective_max_pods(), 110);
        let rules: Vec<_> = crate::check(&plan).findings.iter().map(|finding| finding.rule).collect();
        assert!(rules.contains(&SubnetAddressesExhausted) && !rules.contains(&PodSubnetUnused), "{rules:?}");
        let found = assert_fires(NetworkPluginAssumed, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkPlugin", "/aksClusters/0/podSubnet"]);
        assert_eq!(
            found[0].message,
            "attached cluster 'ml-aks' does not state its network plugin but names a pod subnet, so it is \
             checked as Azure CNI Pod Subnet, the one mode that uses one"
        );
        let fix = found[0].fix.as_ref().expect("the assumption can be written down");
        assert_eq!(fix.kind, FixKind::Attestation);
        assert_eq!(fix.changes.len(), 1);
        assert_eq!(
            (fix.changes[0].path.as_str(), &fix.changes[0].value),
            ("/aksClusters/0/networkPlugin", &json!("azure"))
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
