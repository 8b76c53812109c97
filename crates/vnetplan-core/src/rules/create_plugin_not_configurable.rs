use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, Provisioning};
use crate::pointer;
use crate::rules::shared::unbuildable_plugin_settings;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster that Azure ML is to create (provisioning \"create\", the default) must not ask for \
         another network setup than the one Azure ML v1 builds: the rule fires on networkPlugin \
         \"kubenet\", on networkPluginMode \"overlay\", on a podCidr and on a \
         podSubnet.",
        "Un cluster qu’Azure ML doit créer (provisioning « create », la valeur par défaut) ne doit pas \
         demander une autre configuration réseau que celle que construit Azure ML v1 : la règle se \
         déclenche sur networkPlugin « kubenet », sur networkPluginMode « overlay », sur un podCidr et sur \
         un podSubnet."
    ),
    why: text!(
        "The v1 SDK's networking configuration for a new cluster carries the subnet, the service range, \
         the DNS service IP and the docker bridge, and nothing about the plugin or a pod subnet: Azure \
         ML always creates such a cluster with flat Azure CNI, its pods in the node subnet. A plan that \
         expects kubenet, overlay or a pod subnet would be checked against a network that never gets \
         built.",
        "La configuration réseau du SDK v1 pour un nouveau cluster porte le sous-réseau, la plage de \
         services, l’IP du service DNS et le pont Docker, et rien sur le plug-in ni sur un sous-réseau de \
         pods : Azure ML crée toujours un tel cluster avec Azure CNI à plat, ses pods dans le sous-réseau \
         des nœuds. Un plan qui attend kubenet, overlay ou un sous-réseau de pods serait vérifié contre \
         un réseau qui ne sera jamais construit."
    ),
    example: Example(&[("/aksClusters/0/networkPlugin", r#""kubenet""#)]),
    fix: text!(
        "Create the cluster yourself with az aks create (or the template vnetplan exports), with the \
         plugin you want, then attach it to the workspace and set provisioning to \"attach\"; or drop \
         the plugin settings to keep flat Azure CNI.",
        "Créez vous-même le cluster avec az aks create (ou le modèle qu’exporte vnetplan), avec le \
         plug-in voulu, puis attachez-le à l’espace de travail et passez provisioning à « attach » ; \
         ou retirez les réglages de plug-in pour garder Azure CNI à plat."
    ),
    sources: &[
        Source {
            title: "azureml-core 1.61.0.post4: AksNetworkingConfiguration (no network plugin field)",
            location: "azureml-core 1.61.0.post4 (PyPI wheel):azureml/_restclient/models/aks_networking_configuration.py",
            date: "1.61.0.post4",
        },
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        if cluster.provisioning() != Provisioning::Create {
            continue;
        }
        // One finding per setting, so that fixing one of them leaves the others' findings as they
        // were.
        let fields = unbuildable_plugin_settings(cluster);
        for (field, value) in fields {
            let fix = Fix::set(
                msg!(
                    [
                        "create cluster '{cluster}' with `az aks create` (or the exported template), then \
                         attach it: set provisioning to \"attach\"",
                        "créer le cluster « {cluster} » avec `az aks create` (ou le modèle exporté), puis \
                         l’attacher : passer provisioning à « attach »"
                    ],
                    cluster = &cluster.name,
                ),
                pointer::cluster(index, "provisioning"),
                Provisioning::Attach.as_str(),
            );
            out.push(
                Draft::new(
                    msg!(
                        [
                            "cluster '{cluster}' is to be created by Azure ML, which builds it with flat \
                             Azure CNI and takes no plugin setting, yet the plan sets {field} \"{value}\"; \
                             create it with `az aks create` (or the exported template) and attach it",
                            "le cluster « {cluster} » doit être créé par Azure ML, qui le construit avec \
                             Azure CNI à plat et n’accepte aucun réglage de plug-in, or le plan définit \
                             {field} « {value} » ; créez-le avec `az aks create` (ou le modèle exporté) et \
                             attachez-le"
                        ],
                        cluster = &cluster.name,
                        field = field,
                        value = value,
                    ),
                    vec![pointer::cluster(index, field)],
                )
                .with_fix(Some(fix)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::CreatePluginNotConfigurable;
    use crate::finding::FixKind;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_pod_subnet_for_a_created_cluster_and_not_for_an_attached_one() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/22"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
        ];
        let found = assert_fires(CreatePluginNotConfigurable, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet"]);
        assert!(found[0].message.contains("yet the plan sets podSubnet \"pods\""), "{}", found[0].message);
        let mut attached = changes.to_vec();
        attached.push(("/aksClusters/0/provisioning", json!("attach")));
        assert_quiet(CreatePluginNotConfigurable, &attached);
    }

    #[test]
    fn fires_on_kubenet_for_a_created_cluster() {
        let changes = [("/aksClusters/0/networkPlugin", json!("kubenet"))];
        let found = assert_fires(CreatePluginNotConfigurable, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is to be created by Azure ML, which builds it with flat Azure CNI and takes \
             no plugin setting, yet the plan sets networkPlugin \"kubenet\"; create it with `az aks \
             create` (or the exported template) and attach it"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » doit être créé par Azure ML, qui le construit avec Azure CNI à plat et \
             n’accepte aucun réglage de plug-in, or le plan définit networkPlugin « kubenet » ; créez-le \
             avec `az aks create` (ou le modèle exporté) et attachez-le"
        );
        let fix = found[0].fix.as_ref().expect("attaching is always possible");
        assert_eq!(fix.kind, FixKind::Design);
        assert_eq!(fix.changes[0].path, "/aksClusters/0/provisioning");
        assert_eq!(fix.changes[0].value, json!("attach"));
        assert_fix_resolves(CreatePluginNotConfigurable, &changes);
    }

    #[test]
    fn fires_on_overlay_and_on_a_pod_range_written_with_create() {
        let changes = [
            ("/aksClusters/0/provisioning", json!("create")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ];
        let found = assert_fires(CreatePluginNotConfigurable, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/aksClusters/0/networkPluginMode"]]);
        assert_fix_resolves(CreatePluginNotConfigurable, &changes);
        // Alone, a pod range is what asks for something Azure ML cannot build.
        let found =
            assert_fires(CreatePluginNotConfigurable, &[("/aksClusters/0/podCidr", json!("10.244.0.0/16"))]);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr"]);
        assert!(
            found[0].message.contains("the plan sets podCidr \"10.244.0.0/16\";"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn quiet_on_flat_azure_cni_and_on_attached_clusters() {
        assert_quiet(CreatePluginNotConfigurable, &[]);
        assert_quiet(CreatePluginNotConfigurable, &[("/aksClusters/0/networkPlugin", json!("azure"))]);
        assert_quiet(
            CreatePluginNotConfigurable,
            &[
                ("/aksClusters/0/provisioning", json!("attach")),
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
