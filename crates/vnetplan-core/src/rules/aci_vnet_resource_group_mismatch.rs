use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The VNet of an ACI deployment must be in the resource group of the Azure Machine Learning \
         workspace. Resource group names are compared without regard to case, as Azure does.",
        "Le VNet d’un déploiement ACI doit se trouver dans le groupe de ressources de l’espace de \
         travail Azure Machine Learning. Les noms de groupes de ressources sont comparés sans tenir \
         compte de la casse, comme le fait Azure."
    ),
    why: text!(
        "The Azure ML guide lists this among the conditions for Container Instances in a virtual \
         network: Azure ML deploys the web service into a VNet only when that network lives in the \
         workspace’s own resource group. With the VNet elsewhere the deployment cannot use it.",
        "Le guide d’Azure ML en fait l’une des conditions de Container Instances dans un réseau virtuel \
         : Azure ML ne déploie le service web dans un VNet que si ce réseau se trouve dans le groupe de \
         ressources de l’espace de travail. Si le VNet est ailleurs, le déploiement ne peut pas s’en \
         servir."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
        ("/vnets/0/resourceGroup", r#""network-rg""#),
    ]),
    fix: text!(
        "Put the ACI subnet in a VNet of the workspace’s resource group, or move the VNet into that \
         resource group.",
        "Placez le sous-réseau ACI dans un VNet du groupe de ressources de l’espace de travail, ou \
         déplacez le VNet dans ce groupe de ressources."
    ),
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let workspace_group = &context.plan.workspace.resource_group;
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let Some(vnet_index) = placement.vnet else { continue };
        let Some(vnet) = context.vnet(vnet_index) else { continue };
        // Azure resource group names are case-insensitive.
        if vnet.resource_group.eq_ignore_ascii_case(workspace_group) {
            continue;
        }
        let message = msg!(
            [
                "the ACI deployment '{deployment}' uses VNet '{vnet}' in resource group '{group}', but the \
                 workspace is in resource group '{workspace}'",
                "le déploiement ACI « {deployment} » utilise le VNet « {vnet} » du groupe de ressources \
                 « {group} », mais l’espace de travail est dans le groupe de ressources « {workspace} »"
            ],
            deployment = &deployment.name,
            vnet = &vnet.name,
            group = &vnet.resource_group,
            workspace = workspace_group,
        );
        out.report(
            message,
            vec![
                pointer::vnet(vnet_index, "resourceGroup"),
                pointer::aci(index, "vnet"),
                pointer::workspace("resourceGroup"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciVnetResourceGroupMismatch;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_another_resource_group() {
        let found = assert_fires(
            AciVnetResourceGroupMismatch,
            &aci_with(&[("/vnets/0/resourceGroup", json!("network-rg"))]),
        );
        assert_eq!(
            found[0].subjects,
            ["/vnets/0/resourceGroup", "/aciDeployments/0/vnet", "/workspace/resourceGroup"]
        );
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' uses VNet 'ml-vnet' in resource group 'network-rg', but the \
             workspace is in resource group 'ml-rg'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le déploiement ACI « scoring-aci » utilise le VNet « ml-vnet » du groupe de ressources \
             « network-rg », mais l’espace de travail est dans le groupe de ressources « ml-rg »"
        );
    }

    #[test]
    fn quiet_in_the_workspace_group_whatever_the_case() {
        assert_quiet(AciVnetResourceGroupMismatch, &aci());
        assert_quiet(AciVnetResourceGroupMismatch, &aci_with(&[("/vnets/0/resourceGroup", json!("ML-RG"))]));
        assert_quiet(AciVnetResourceGroupMismatch, &[("/vnets/0/resourceGroup", json!("network-rg"))]);
    }
}
