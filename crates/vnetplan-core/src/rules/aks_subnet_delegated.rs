use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The node subnet of an AKS cluster must carry no delegation to any service."),
    why: english!("A delegated subnet belongs to the service it is delegated to (for example \
          Microsoft.ContainerInstance/containerGroups for ACI), and Azure keeps other \
          resources out of it. The AKS documentation states that a node pool subnet cannot \
          be delegated, and the resource provider refuses it with \
          SubnetWithExternalResourcesCannotBeUsedByOtherResources."),
    example: Example::Fragment("cluster \"subnet\": \"aks\" where subnet 'aks' has \"delegations\": \
              [\"Microsoft.ContainerInstance/containerGroups\"]"),
    fix: english!("Give the cluster a subnet of its own without delegations. When no ACI deployment \
          of the plan uses the subnet, the suggested fix removes the delegation instead; \
          otherwise keep the delegated subnet for ACI and put the nodes elsewhere."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(subnet_index)) = (facts.node.vnet, facts.node.subnet) else { continue };
        let Some(subnet) = context.subnet(vnet, subnet_index) else { continue };
        if subnet.delegations.is_empty() {
            continue;
        }
        let used_by_aci = context.aci.contains(&facts.node);
        let fix = (!used_by_aci).then(|| {
            Fix::set(
                format!(
                    "remove the delegations of subnet '{}', which no ACI deployment of the plan uses",
                    subnet.name
                ),
                pointer::subnet_delegations(vnet, subnet_index),
                Value::Array(Vec::new()),
            )
        });
        out.push(
            Draft::new(format!(
                    "subnet '{}' of VNet '{}', the node subnet of cluster '{}', is delegated to '{}'",
                    subnet.name,
                    context.vnet_name(vnet),
                    cluster.name,
                    subnet.delegations.join("', '")
                ),
                vec![pointer::subnet_delegations(vnet, subnet_index), pointer::cluster(index, "subnet")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksSubnetDelegated;
    use crate::testing::{aci, aci_with, assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_delegated_node_subnet() {
        let changes = [("/vnets/0/subnets/0/delegations", json!(["Microsoft.Web/serverFarms"]))];
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/0/delegations", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aks' of VNet 'ml-vnet', the node subnet of cluster 'ml-aks', is delegated to \
             'Microsoft.Web/serverFarms'"
        );
        assert_fix_resolves(AksSubnetDelegated, &changes);
    }

    #[test]
    fn no_fix_when_aci_uses_the_subnet() {
        let changes = aci_with(&[("/aksClusters/0/subnet", json!("aci"))]);
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert_eq!(found[0].subjects[0], "/vnets/0/subnets/1/delegations");
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn quiet_on_an_undelegated_node_subnet() {
        assert_quiet(AksSubnetDelegated, &[]);
        assert_quiet(AksSubnetDelegated, &aci());
    }
}
