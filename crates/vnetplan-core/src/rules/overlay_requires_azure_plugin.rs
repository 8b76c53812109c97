use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, NetworkPlugin, NetworkPluginMode};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "networkPluginMode \"overlay\" is a mode of Azure CNI, so a cluster that sets it must use \
         networkPlugin \"azure\", not kubenet.",
        "networkPluginMode « overlay » est un mode d’Azure CNI : un cluster qui le définit doit donc \
         utiliser networkPlugin « azure », et non kubenet.",
    ),
    why: text!(
        "Overlay exists only as a mode of the Azure CNI plugin: AKS and the Azure CLI take \
         --network-plugin-mode overlay only together with --network-plugin azure. Paired with kubenet, \
         the plan describes a cluster that cannot be created.",
        "Le mode overlay n’existe que pour le plug-in Azure CNI : AKS et l’Azure CLI n’acceptent \
         --network-plugin-mode overlay qu’avec --network-plugin azure. Associé à kubenet, le plan \
         décrit un cluster impossible à créer.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/16""#),
    ]),
    fix: text!(
        "Set networkPlugin to \"azure\" to get Azure CNI Overlay, which keeps the pod range and is the \
         supported successor of kubenet (retired on 31 March 2028). If kubenet is really meant, remove \
         networkPluginMode instead.",
        "Passez networkPlugin à « azure » pour obtenir Azure CNI Overlay, qui conserve la plage des pods \
         et succède officiellement à kubenet (retiré le 31 mars 2028). Si c’est bien kubenet que vous \
         voulez, supprimez plutôt networkPluginMode.",
    ),
    sources: &[sources::AZURE_CNI_OVERLAY, sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet || cluster.mode() != Some(NetworkPluginMode::Overlay) {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' sets networkPluginMode 'overlay' with networkPlugin 'kubenet', \
                         but overlay is a mode of Azure CNI only",
                        "le cluster « {cluster} » définit networkPluginMode « overlay » avec networkPlugin \
                         « kubenet », alors qu’overlay n’est qu’un mode d’Azure CNI"
                    ],
                    cluster = &cluster.name,
                ),
                vec![pointer::cluster(index, "networkPluginMode"), pointer::cluster(index, "networkPlugin")],
            )
            .with_fix(Some(Fix::set(
                text!(
                    "set networkPlugin to 'azure' to use Azure CNI Overlay",
                    "passer networkPlugin à « azure » pour utiliser Azure CNI Overlay"
                ),
                pointer::cluster(index, "networkPlugin"),
                NetworkPlugin::Azure.as_str(),
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OverlayRequiresAzurePlugin;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_overlay_with_kubenet() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ];
        let found = assert_fires(OverlayRequiresAzurePlugin, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkPluginMode", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' sets networkPluginMode 'overlay' with networkPlugin 'kubenet', but \
             overlay is a mode of Azure CNI only"
        );
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(json!("azure")));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » définit networkPluginMode « overlay » avec networkPlugin « kubenet », \
             alors qu’overlay n’est qu’un mode d’Azure CNI"
        );
        assert_fix_resolves(OverlayRequiresAzurePlugin, &changes);
    }

    #[test]
    fn quiet_on_azure_overlay_and_plain_kubenet() {
        assert_quiet(OverlayRequiresAzurePlugin, &[]);
        let pod = ("/aksClusters/0/podCidr", json!("10.244.0.0/16"));
        assert_quiet(
            OverlayRequiresAzurePlugin,
            &[pod.clone(), ("/aksClusters/0/networkPluginMode", json!("overlay"))],
        );
        assert_quiet(OverlayRequiresAzurePlugin, &[pod, ("/aksClusters/0/networkPlugin", json!("kubenet"))]);
    }
}
