use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The VNet an ACI deployment uses must be in the same resource group as the Azure Machine \
           Learning workspace."),
    why: english!("Azure ML only deploys a web service to Container Instances in a virtual network when that \
          network lives in the workspace's own resource group; its documentation lists this among \
          the conditions for ACI in a VNet. With the network elsewhere the deployment cannot use it."),
    example: Example::Fragment("\"workspace\": { \"resourceGroup\": \"ml-rg\" } with VNet 'ml-vnet' in \
              \"resourceGroup\": \"network-rg\" and an ACI deployment in 'ml-vnet'"),
    fix: english!("Place the ACI subnet in a VNet of the workspace's resource group, or move the VNet into that \
          resource group. Resource group names are compared without regard to case, as Azure does."),
    sources: &[],
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
        out.report(format!(
                "the ACI deployment '{}' uses VNet '{}' in resource group '{}', but the workspace is in \
                 resource group '{workspace_group}'",
                deployment.name, vnet.name, vnet.resource_group
            ),
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
    }

    #[test]
    fn quiet_in_the_workspace_group_whatever_the_case() {
        assert_quiet(AciVnetResourceGroupMismatch, &aci());
        assert_quiet(AciVnetResourceGroupMismatch, &aci_with(&[("/vnets/0/resourceGroup", json!("ML-RG"))]));
        assert_quiet(AciVnetResourceGroupMismatch, &[("/vnets/0/resourceGroup", json!("network-rg"))]);
    }
}
