use std::collections::HashMap;

use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The subnet of an ACI deployment must hold container groups only: it must not also be \
           the node subnet or internal load balancer subnet of an AKS cluster, nor the subnet of \
           the workspace private endpoint."),
    why: english!("A subnet delegated to Microsoft.ContainerInstance/containerGroups accepts nothing but \
          container groups, and ACI refuses a subnet that already contains other kinds of \
          resources. AKS nodes, a load balancer frontend or a private endpoint therefore cannot \
          share it: whichever is deployed second fails (AKS reports \
          SubnetWithExternalResourcesCannotBeUsedByOtherResources, and private endpoints are not \
          allowed in delegated subnets)."),
    example: Example::Fragment("\"aciDeployments\": [{ \"name\": \"scoring-aci\", \"vnet\": \"ml-vnet\", \"subnet\": \"aks\" }] \
              where 'aks' is also the node subnet of cluster 'ml-aks'"),
    fix: english!("Create a separate subnet for ACI, for example a /24 next to the AKS subnet, delegate it to \
          Microsoft.ContainerInstance/containerGroups and point the deployment at it. Keep AKS nodes, \
          the internal load balancer and the private endpoint in undelegated subnets."),
    sources: &[],
};

/// Another resource in a subnet: the pointer to where the plan places it, and its description.
type Tenant = (String, String);

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    if context.plan.aci_deployments.is_empty() {
        return;
    }
    let tenants = other_tenants(context);
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) else { continue };
        let Some(others) = tenants.get(&(vnet, subnet)) else { continue };
        for (subject, what) in others {
            out.report(format!(
                    "subnet '{}' of VNet '{}' holds ACI deployment '{}' and is also {what}",
                    context.subnet_name(vnet, subnet),
                    context.vnet_name(vnet),
                    deployment.name
                ),
                vec![pointer::aci(index, "subnet"), subject.clone()],
            );
        }
    }
}

/// Every subnet that holds something other than container groups, in plan order.
fn other_tenants(context: &Context<'_>) -> HashMap<(usize, usize), Vec<Tenant>> {
    let mut tenants: HashMap<(usize, usize), Vec<Tenant>> = HashMap::new();
    for (index, cluster, facts) in context.clusters() {
        let Some(vnet) = facts.node.vnet else { continue };
        if let Some(subnet) = facts.node.subnet {
            tenants.entry((vnet, subnet)).or_default().push((
                pointer::cluster(index, "subnet"),
                format!("the node subnet of cluster '{}'", cluster.name),
            ));
        }
        // A load balancer in the node subnet is already covered by the node subnet finding.
        if let Some(subnet) = facts.load_balancer_subnet.filter(|subnet| Some(*subnet) != facts.node.subnet) {
            tenants.entry((vnet, subnet)).or_default().push((
                pointer::cluster(index, "loadBalancerSubnet"),
                format!("the internal load balancer subnet of cluster '{}'", cluster.name),
            ));
        }
    }
    if let Some(endpoint) = &context.plan.workspace.private_endpoint {
        let placement = context.placement(&endpoint.vnet, &endpoint.subnet);
        if let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) {
            tenants.entry((vnet, subnet)).or_default().push((
                pointer::private_endpoint("subnet"),
                "the subnet of the workspace private endpoint".to_owned(),
            ));
        }
    }
    tenants
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciSubnetShared;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};

    #[test]
    fn fires_on_the_aks_node_subnet() {
        let found = assert_fires(AciSubnetShared, &aci_with(&[("/aciDeployments/0/subnet", json!("aks"))]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aks' of VNet 'ml-vnet' holds ACI deployment 'scoring-aci' and is also the node \
             subnet of cluster 'ml-aks'"
        );
    }

    #[test]
    fn fires_on_the_load_balancer_subnet() {
        let found = assert_fires(
            AciSubnetShared,
            &aci_with(&[
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("aci")),
            ]),
        );
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/aksClusters/0/loadBalancerSubnet"]);
    }

    #[test]
    fn fires_on_the_private_endpoint_subnet() {
        let found = assert_fires(
            AciSubnetShared,
            &aci_with(&[("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aci"}))]),
        );
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/workspace/privateEndpoint/subnet"]);
    }

    #[test]
    fn quiet_on_a_subnet_of_its_own() {
        assert_quiet(AciSubnetShared, &aci());
        assert_quiet(
            AciSubnetShared,
            &aci_with(&[
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.9.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ]),
        );
    }
}
