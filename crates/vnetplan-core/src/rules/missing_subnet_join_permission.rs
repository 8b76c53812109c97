use std::collections::HashSet;

use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::rules::missing_vnet_join_permission::{first_few, joined_subnets};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The user who deploys the plan must hold Microsoft.Network/virtualNetworks/subnets/join/action \
           on every subnet the plan puts an AKS node pool, an ACI deployment or the workspace private \
           endpoint into (permissions.subnetJoin). A plan that places nothing in a VNet does not \
           need it."),
    why: english!("Placing a network interface, node pool or container group in a subnet is authorized on the \
          subnet, separately from the VNet. Azure ML names the subnet join action as a right its users \
          need for network isolation (an older version of the page misspelled it as \
          virtualNetworks/subnet/join/action, which matches nothing). Without it Azure Resource \
          Manager refuses the deployment with AuthorizationFailed."),
    example: Example::Fragment("\"permissions\": { \"vnetJoin\": true, \"subnetJoin\": false } with cluster 'ml-aks' in \
              subnet 'aks' of VNet 'ml-vnet'"),
    fix: english!("Ask an administrator to grant you a role that includes \
          Microsoft.Network/virtualNetworks/subnets/join/action on the subnets (or their VNet), such as \
          Network Contributor or a custom role, then set permissions.subnetJoin to true. Permissions \
          are granted outside the plan, so there is no automatic fix."),
    sources: &[],
};

const ACTION: &str = "Microsoft.Network/virtualNetworks/subnets/join/action";

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if plan.permissions.subnet_join() {
        return;
    }
    let mut seen = HashSet::new();
    let subnets: Vec<String> = joined_subnets(plan)
        .filter(|pair| seen.insert(*pair))
        .map(|(vnet, subnet)| format!("'{subnet}' of VNet '{vnet}'"))
        .collect();
    if subnets.is_empty() {
        return;
    }
    let named = first_few(&subnets);
    out.report(format!(
            "the planning user lacks {ACTION}, which placing resources in subnet{} {named} requires",
            if subnets.len() == 1 { "" } else { "s" }
        ),
        vec![pointer::permissions("subnetJoin")],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::MissingSubnetJoinPermission;
    use crate::testing::{aci_with, assert_fires, assert_quiet};

    #[test]
    fn fires_naming_the_subnets() {
        let changes = aci_with(&[("/permissions", json!({"subnetJoin": false}))]);
        let found = assert_fires(MissingSubnetJoinPermission, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/permissions/subnetJoin"]);
        assert_eq!(
            found[0].message,
            "the planning user lacks Microsoft.Network/virtualNetworks/subnets/join/action, which placing \
             resources in subnets 'aks' of VNet 'ml-vnet', 'aci' of VNet 'ml-vnet' requires"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn quiet_when_granted_or_nothing_joins_a_subnet() {
        assert_quiet(MissingSubnetJoinPermission, &[]);
        assert_quiet(MissingSubnetJoinPermission, &[("/permissions", json!({"vnetJoin": false}))]);
        assert_quiet(
            MissingSubnetJoinPermission,
            &[("/aksClusters", json!([])), ("/permissions", json!({"subnetJoin": false}))],
        );
    }
}
