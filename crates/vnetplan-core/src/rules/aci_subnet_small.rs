use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The subnet of an ACI deployment should be a /28 or larger, that is, its prefix length \
           should be 28 or less."),
    why: english!("Azure keeps five addresses of every subnet for itself, so a /29 leaves three for container \
          groups and anything smaller leaves fewer. The Container Instances guidance is to size one \
          step above /29 so that every container group keeps spare addresses, for example while it \
          is redeployed."),
    example: Example::Fragment("\"subnets\": [{ \"name\": \"aci\", \"addressPrefix\": \"10.1.8.0/29\", \
              \"delegations\": [\"Microsoft.ContainerInstance/containerGroups\"] }]"),
    fix: english!("Give the ACI subnet a prefix of /28 or shorter, for example 10.1.8.0/28 or 10.1.8.0/24, \
          taken from free space of the VNet so that it overlaps no other subnet."),
    sources: &[],
};

/// The longest prefix the Container Instances guidance recommends.
const LONGEST_PREFIX: u8 = 28;

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) else { continue };
        let Some(net) = context.subnet_net(vnet, subnet) else { continue };
        if net.prefix_len() <= LONGEST_PREFIX {
            continue;
        }
        out.report(format!(
                "subnet '{}' ({net}) of VNet '{}' for ACI deployment '{}' is smaller than /{LONGEST_PREFIX}",
                context.subnet_name(vnet, subnet),
                context.vnet_name(vnet),
                deployment.name
            ),
            vec![pointer::subnet_prefix(vnet, subnet), pointer::aci(index, "subnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciSubnetSmall;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};

    #[test]
    fn fires_on_a_29() {
        let found = assert_fires(
            AciSubnetSmall,
            &aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/29"))]),
        );
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/addressPrefix", "/aciDeployments/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aci' (10.1.8.0/29) of VNet 'ml-vnet' for ACI deployment 'scoring-aci' is smaller \
             than /28"
        );
    }

    #[test]
    fn quiet_from_28_up_and_on_unparsable_prefixes() {
        assert_quiet(AciSubnetSmall, &aci());
        assert_quiet(
            AciSubnetSmall,
            &aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/28"))]),
        );
        assert_quiet(
            AciSubnetSmall,
            &aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/33"))]),
        );
    }
}
