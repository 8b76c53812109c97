use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, NetworkPlugin, NetworkPluginMode};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("networkPluginMode \"overlay\" is a mode of Azure CNI, so a cluster that sets it \
           must also use networkPlugin \"azure\", not kubenet."),
    why: english!("Overlay mode only exists for the Azure CNI plugin: AKS and the Azure CLI accept \
          --network-plugin-mode overlay only together with --network-plugin azure. A plan \
          that pairs it with kubenet describes a cluster that cannot be created."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"networkPluginMode\": \"overlay\", \"podCidr\": \
              \"10.244.0.0/16\""),
    fix: english!("Set networkPlugin to \"azure\" to get Azure CNI Overlay, which keeps the pod range \
          and is the supported successor of kubenet. If kubenet is really wanted, clear \
          networkPluginMode instead."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet || cluster.mode() != Some(NetworkPluginMode::Overlay) {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "cluster '{}' sets networkPluginMode 'overlay' with networkPlugin 'kubenet', \
                     but overlay is a mode of Azure CNI only",
                    cluster.name
                ),
                vec![pointer::cluster(index, "networkPluginMode"), pointer::cluster(index, "networkPlugin")],
            )
            .with_fix(Some(Fix::set(
                "set networkPlugin to 'azure' to use Azure CNI Overlay".to_owned(),
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
