use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("No two subnets of the same VNet may share an address, whether one sits inside the \
           other or they are the same block."),
    why: english!("Azure hands out each address of a VNet to exactly one subnet, so it rejects a subnet \
          whose range is already taken by another subnet of that VNet. Nodes, pods, load \
          balancers and container groups placed in the two subnets would otherwise collide."),
    example: Example::Fragment("subnets 'aks' 10.1.0.0/22 and 'aci' 10.1.2.0/24 in the same VNet"),
    fix: english!("Move one of the two subnets to a free block of the VNet's address space, for example \
          10.1.8.0/24 next to a 10.1.0.0/22 node subnet."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        for (a, b) in facts.subnet_index.overlapping_pairs() {
            let (first, second) = (a.min(b), a.max(b));
            let (Some(first_net), Some(second_net)) =
                (context.subnet_net(v, first), context.subnet_net(v, second))
            else {
                continue;
            };
            out.report(format!(
                    "subnets '{}' ({first_net}) and '{}' ({second_net}) of VNet '{}' overlap",
                    context.subnet_name(v, first),
                    context.subnet_name(v, second),
                    context.vnet_name(v)
                ),
                vec![pointer::subnet_prefix(v, first), pointer::subnet_prefix(v, second)],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OverlappingSubnets;
    use crate::testing::{aci, assert_fires, assert_quiet};

    #[test]
    fn fires_on_a_subnet_inside_another() {
        let found = assert_fires(
            OverlappingSubnets,
            &[("/vnets/0/subnets/-", json!({"name": "aci", "addressPrefix": "10.1.2.0/24"}))],
        );
        let finding = found.first().expect("one finding");
        assert_eq!(
            finding.subjects,
            ["/vnets/0/subnets/0/addressPrefix", "/vnets/0/subnets/1/addressPrefix"]
        );
        assert_eq!(
            finding.message,
            "subnets 'aks' (10.1.0.0/22) and 'aci' (10.1.2.0/24) of VNet 'ml-vnet' overlap"
        );
    }

    #[test]
    fn fires_on_identical_blocks_declared_before_the_larger_one() {
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.4.0/24")),
            ("/vnets/0/subnets/-", json!({"name": "b", "addressPrefix": "10.1.4.0/24"})),
            ("/vnets/0/subnets/-", json!({"name": "c", "addressPrefix": "10.1.9.0/24"})),
        ];
        let found = assert_fires(OverlappingSubnets, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/subnets/0/addressPrefix", "/vnets/0/subnets/1/addressPrefix"]]);
    }

    #[test]
    fn quiet_on_adjacent_subnets_and_across_vnets() {
        assert_quiet(OverlappingSubnets, &aci());
        assert_quiet(
            OverlappingSubnets,
            &[(
                "/vnets/-",
                json!({"name": "copy", "resourceGroup": "ml-rg", "addressPrefixes": ["10.1.0.0/16"],
                       "subnets": [{"name": "aks", "addressPrefix": "10.1.0.0/22"}]}),
            )],
        );
    }
}
