use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{default_max_pods, NetworkPlugin, Provisioning};
use crate::pointer;
use crate::rules::shared::unbuildable_plugin_settings;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a cluster that Azure ML v1 is to create (provisioning \"create\", the default) whose plan \
         states a maxPods other than the 30 pods per node that AKS gives a flat Azure CNI pool by default. \
         A cluster for which the plan asks kubenet, overlay or a pod range is left to \
         create-plugin-not-configurable, and one in the VNet AKS creates has no subnet of the plan to size.",
        "Signale un cluster qu’Azure ML v1 doit créer (provisioning « create », la valeur par défaut) dont \
         le plan indique un maxPods autre que les 30 pods par nœud qu’AKS donne par défaut à un pool Azure \
         CNI à plat. Un cluster pour lequel le plan demande kubenet, overlay ou une plage de pods relève de \
         create-plugin-not-configurable, et celui du VNet que crée AKS n’a aucun sous-réseau du plan à \
         dimensionner."
    ),
    why: text!(
        "The v1 SDK's provisioning settings carry the node count and size, the network and the load \
         balancer, but no pods per node, so the cluster Azure ML builds runs 30 pods per node whatever the \
         plan says. Each of those pods takes an address of the node subnet: a plan sized for fewer pods \
         counts too few addresses, and AKS then refuses the creation with SubnetIsFull. Unlike the surge, \
         the pods per node of an existing pool cannot be changed afterwards.",
        "Les réglages d’approvisionnement du SDK v1 portent le nombre et la taille des nœuds, le réseau et \
         l’équilibreur de charge, mais aucun nombre de pods par nœud : le cluster que construit Azure ML \
         fait tourner 30 pods par nœud, quoi que dise le plan. Chacun de ces pods prend une adresse du \
         sous-réseau des nœuds : un plan dimensionné pour moins de pods compte trop peu d’adresses, et AKS \
         refuse alors la création avec SubnetIsFull. Contrairement à la montée en charge, le nombre de pods \
         par nœud d’un pool existant ne se change pas après coup."
    ),
    example: Example(&[("/aksClusters/0/maxPods", "10")]),
    fix: text!(
        "Remove maxPods so that the plan counts the 30 pods per node Azure ML's cluster will have, and \
         enlarge the node subnet if a finding then asks for it; or create the cluster yourself with az aks \
         create --max-pods (or the template vnetplan exports), attach it and set provisioning to \
         \"attach\".",
        "Retirez maxPods pour que le plan compte les 30 pods par nœud qu’aura le cluster d’Azure ML, et \
         agrandissez le sous-réseau des nœuds si un constat le demande alors ; ou créez vous-même le \
         cluster avec az aks create --max-pods (ou le modèle qu’exporte vnetplan), attachez-le et passez \
         provisioning à « attach »."
    ),
    sources: &[
        sources::AKS_PROVISIONING_CONFIGURATION,
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // Azure ML creates flat Azure CNI in the plan's subnet.
    let built = default_max_pods(NetworkPlugin::Azure, false, false);
    for (index, cluster, _) in context.v1_clusters() {
        // A plan that asks for another plugin gets create-plugin-not-configurable, whose fix
        // keeps maxPods for the cluster built by hand; in the VNet AKS creates, no subnet of the
        // plan holds the pods.
        let other_plugin = !unbuildable_plugin_settings(cluster).is_empty();
        if cluster.provisioning() != Provisioning::Create || other_plugin || cluster.subnet.is_none() {
            continue;
        }
        let Some(stated) = cluster.max_pods.filter(|pods| *pods != built) else { continue };
        let target = pointer::cluster(index, "maxPods");
        let fix = Fix::set(
            msg!(
                [
                    "remove maxPods from cluster '{cluster}', so that its node subnet is sized for the {built} \
                     pods per node Azure ML's cluster gets",
                    "retirer maxPods du cluster « {cluster} », pour que son sous-réseau des nœuds soit \
                     dimensionné pour les {built} pods par nœud du cluster d’Azure ML"
                ],
                cluster = &cluster.name,
                built = built,
            ),
            target.clone(),
            serde_json::Value::Null,
        );
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' is to be created by Azure ML v1, which sets no pods per node, so \
                         AKS gives it {built} rather than the plan's maxPods {stated}, and the node subnet \
                         must hold addresses for {built} pods per node",
                        "le cluster « {cluster} » doit être créé par Azure ML v1, qui ne fixe aucun nombre de \
                         pods par nœud : AKS lui en donne {built} et non le maxPods {stated} du plan, et le \
                         sous-réseau des nœuds doit avoir des adresses pour {built} pods par nœud"
                    ],
                    cluster = &cluster.name,
                    built = built,
                    stated = stated,
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

    use crate::catalog::RuleId::{
        AksSubnetTooSmall, CreateMaxPodsNotConfigurable, CreatePluginNotConfigurable,
    };
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_a_created_cluster_asks_for_other_pods_per_node() {
        let changes = [("/aksClusters/0/maxPods", json!(10))];
        let found = assert_fires(CreateMaxPodsNotConfigurable, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/aksClusters/0/maxPods"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is to be created by Azure ML v1, which sets no pods per node, so AKS gives it \
             30 rather than the plan's maxPods 10, and the node subnet must hold addresses for 30 pods per \
             node"
        );
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .starts_with("le cluster « ml-aks » doit être créé par Azure ML v1"));
        let fix = found[0].fix.as_ref().expect("removing the field is always possible");
        assert_eq!(fix.kind, FixKind::Design);
        assert_eq!(fix.changes[0].path, "/aksClusters/0/maxPods");
        assert_eq!(fix.changes[0].value, json!(null));
        assert_fix_resolves(CreateMaxPodsNotConfigurable, &changes);
        // More pods than Azure ML gives is no closer to what gets built.
        assert_fires(CreateMaxPodsNotConfigurable, &[("/aksClusters/0/maxPods", json!(60))]);
    }

    #[test]
    fn a_subnet_sized_for_the_stated_pods_alone_is_not_passed() {
        // The reviewer's case: three nodes and a surge node at 10 pods fit a /26, at 30 they do not.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/26")),
            ("/aksClusters/0/maxPods", json!(10)),
        ];
        assert_fires(CreateMaxPodsNotConfigurable, &changes);
        assert_quiet(AksSubnetTooSmall, &changes);
        assert_fires(AksSubnetTooSmall, &changes[..1]);
    }

    #[test]
    fn quiet_for_the_default_an_unstated_value_or_an_attached_cluster() {
        assert_quiet(CreateMaxPodsNotConfigurable, &[]);
        assert_quiet(CreateMaxPodsNotConfigurable, &[("/aksClusters/0/maxPods", json!(30))]);
        assert_quiet(
            CreateMaxPodsNotConfigurable,
            &[("/aksClusters/0/provisioning", json!("attach")), ("/aksClusters/0/maxPods", json!(10))],
        );
        let mut v2 = crate::testing::v2_cluster();
        v2.push(("/aksClusters/0/maxPods", json!(10)));
        assert_quiet(CreateMaxPodsNotConfigurable, &v2);
    }

    #[test]
    fn leaves_other_plugins_and_the_aks_managed_vnet_to_their_own_rules() {
        for other in [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ] {
            let changes = [("/aksClusters/0/maxPods", json!(50)), other];
            assert_quiet(CreateMaxPodsNotConfigurable, &changes);
            assert_fires(CreatePluginNotConfigurable, &changes);
        }
        let mut managed_vnet = crate::testing::plan_with(&[("/aksClusters/0/maxPods", json!(10))]);
        managed_vnet.aks_clusters[0].vnet = None;
        managed_vnet.aks_clusters[0].subnet = None;
        assert!(crate::testing::findings(CreateMaxPodsNotConfigurable, &managed_vnet).is_empty());
    }
}
