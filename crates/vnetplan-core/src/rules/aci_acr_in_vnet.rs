use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("An ACI deployment in a VNet cannot be combined with a workspace container registry that \
           sits behind the VNet (workspace.acrInVnet)."),
    why: english!("Container Instances pulls the web service image from the workspace's Azure Container \
          Registry. Azure ML documents that, for ACI inside a virtual network, that registry must \
          not be in the virtual network; with the registry locked into the VNet the image pull, and \
          with it the deployment, fails."),
    example: Example::Fragment("\"workspace\": { \"resourceGroup\": \"ml-rg\", \"acrInVnet\": true } with \
              \"aciDeployments\": [{ \"name\": \"scoring-aci\", \"vnet\": \"ml-vnet\", \
              \"subnet\": \"aci\" }]"),
    fix: english!("Keep the workspace container registry reachable from outside the VNet, or deploy the web \
          service to the AKS cluster or a managed online endpoint, which can pull from a registry \
          behind the VNet."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    if !context.plan.workspace.acr_in_vnet() {
        return;
    }
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        out.report(format!(
                "the ACI deployment '{}' runs in VNet '{}', but the workspace container registry is behind \
                 the VNet (acrInVnet is true) where ACI cannot pull from it",
                deployment.name, deployment.vnet
            ),
            vec![pointer::aci(index, "vnet"), pointer::workspace("acrInVnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciAcrInVnet;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};

    #[test]
    fn fires_with_a_registry_behind_the_vnet() {
        let found = assert_fires(AciAcrInVnet, &aci_with(&[("/workspace/acrInVnet", json!(true))]));
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet", "/workspace/acrInVnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' runs in VNet 'ml-vnet', but the workspace container registry \
             is behind the VNet (acrInVnet is true) where ACI cannot pull from it"
        );
    }

    #[test]
    fn quiet_without_aci_or_with_a_public_registry() {
        assert_quiet(AciAcrInVnet, &aci());
        assert_quiet(AciAcrInVnet, &[("/workspace/acrInVnet", json!(true))]);
    }
}
