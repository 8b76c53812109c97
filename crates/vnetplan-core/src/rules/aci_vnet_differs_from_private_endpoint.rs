use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("When the workspace has a private endpoint, an ACI deployment must use the same VNet as \
           that private endpoint."),
    why: english!("The 2020 Azure ML guidance for Container Instances in a virtual network required the \
          deployment's network to be the one holding the workspace private endpoint, since that is \
          where the workspace is reachable privately. Since 2024 the documentation goes further: a \
          workspace with a private endpoint does not support deploying to ACI in a VNet at all and \
          recommends managed online endpoints with network isolation instead. A deployment in a \
          different VNet fails under either reading."),
    example: Example::Fragment("\"workspace\": { \"resourceGroup\": \"ml-rg\", \"privateEndpoint\": { \"vnet\": \"hub-vnet\", \
              \"subnet\": \"pe\" } } with \"aciDeployments\": [{ \"name\": \"scoring-aci\", \
              \"vnet\": \"ml-vnet\", \"subnet\": \"aci\" }]"),
    fix: english!("Put the ACI subnet in the VNet of the workspace private endpoint. Better, since current \
          documentation no longer supports ACI in a VNet beside a private endpoint, move the web \
          service to a managed online endpoint or to the AKS cluster."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(endpoint) = &context.plan.workspace.private_endpoint else { return };
    let Some(endpoint_vnet) = context.vnet_named(&endpoint.vnet) else { return };
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let Some(vnet) = placement.vnet else { continue };
        if vnet == endpoint_vnet {
            continue;
        }
        out.report(format!(
                "the ACI deployment '{}' uses VNet '{}', but the workspace private endpoint is in VNet '{}'",
                deployment.name,
                context.vnet_name(vnet),
                context.vnet_name(endpoint_vnet)
            ),
            vec![pointer::aci(index, "vnet"), pointer::private_endpoint("vnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciVnetDiffersFromPrivateEndpoint;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};

    #[test]
    fn fires_when_the_endpoint_is_in_another_vnet() {
        let changes = aci_with(&[
            (
                "/vnets/-",
                json!({
                    "name": "hub-vnet",
                    "resourceGroup": "ml-rg",
                    "addressPrefixes": ["10.5.0.0/16"],
                    "subnets": [{"name": "pe", "addressPrefix": "10.5.0.0/24"}]
                }),
            ),
            ("/workspace/privateEndpoint", json!({"vnet": "hub-vnet", "subnet": "pe"})),
        ]);
        let found = assert_fires(AciVnetDiffersFromPrivateEndpoint, &changes);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet", "/workspace/privateEndpoint/vnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' uses VNet 'ml-vnet', but the workspace private endpoint is in \
             VNet 'hub-vnet'"
        );
    }

    #[test]
    fn quiet_in_the_same_vnet_or_without_an_endpoint() {
        assert_quiet(AciVnetDiffersFromPrivateEndpoint, &aci());
        assert_quiet(
            AciVnetDiffersFromPrivateEndpoint,
            &aci_with(&[
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.9.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
            ]),
        );
        assert_quiet(
            AciVnetDiffersFromPrivateEndpoint,
            &aci_with(&[("/workspace/privateEndpoint", json!({"vnet": "nowhere", "subnet": "pe"}))]),
        );
    }
}
