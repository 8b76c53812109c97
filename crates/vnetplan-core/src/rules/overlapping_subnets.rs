use std::fmt::Display;

use ipnet::Ipv6Net;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::ipv6_overlap;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "No two subnets of one VNet may share an address, whether one lies inside the other, they \
         overlap in part, or they are the same block. IPv6 prefixes are compared with IPv6 prefixes \
         only.",
        "Deux sous-réseaux d’un même VNet ne peuvent partager aucune adresse, que l’un soit contenu dans \
         l’autre, qu’ils se chevauchent en partie ou qu’il s’agisse du même bloc. Les préfixes IPv6 ne \
         sont comparés qu’à des préfixes IPv6.",
    ),
    why: text!(
        "Each address of a VNet belongs to at most one subnet: Azure refuses a subnet whose range is \
         already taken by another subnet of the same VNet. Were it accepted, nodes, pods, load \
         balancers and container groups in the two subnets could be given the same address.",
        "Chaque adresse d’un VNet appartient au plus à un sous-réseau : Azure refuse un sous-réseau dont \
         la plage d’adresses est déjà prise par un autre sous-réseau du même VNet. S’il l’acceptait, \
         des nœuds, des pods, des équilibreurs de charge et des groupes de conteneurs placés dans les \
         deux sous-réseaux pourraient recevoir la même adresse.",
    ),
    example: Example(&[("/vnets/0/subnets/-", r#"{"name": "aci", "addressPrefix": "10.1.2.0/24"}"#)]),
    fix: text!(
        "Move one of the two subnets to a free block of the VNet's address space, for example \
         10.1.8.0/24 beside a 10.1.0.0/22 node subnet.",
        "Déplacez l’un des deux sous-réseaux vers un bloc libre de l’espace d’adressage du VNet, par \
         exemple 10.1.8.0/24 à côté d’un sous-réseau de nœuds en 10.1.0.0/22.",
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12],
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
            report(context, out, v, (first, &first_net), (second, &second_net));
        }
        // A dual-stack VNet has few IPv6 subnets, so comparing every pair costs little and needs no
        // index of its own.
        let subnets_v6: Vec<(usize, Ipv6Net)> =
            facts.subnets_v6.iter().enumerate().filter_map(|(s, net)| Some((s, (*net)?))).collect();
        for (i, (first, first_net)) in subnets_v6.iter().enumerate() {
            for (second, second_net) in subnets_v6.iter().skip(i + 1) {
                if ipv6_overlap(*first_net, *second_net) {
                    report(context, out, v, (*first, first_net), (*second, second_net));
                }
            }
        }
    }
}

fn report(
    context: &Context<'_>,
    out: &mut RuleFindings<'_>,
    vnet: usize,
    (first, first_net): (usize, &dyn Display),
    (second, second_net): (usize, &dyn Display),
) {
    out.report(
        msg!(
            [
                "subnets '{first}' ({first_net}) and '{second}' ({second_net}) of VNet '{vnet}' overlap",
                "les sous-réseaux « {first} » ({first_net}) et « {second} » ({second_net}) du VNet « {vnet} » \
                 se chevauchent"
            ],
            first = context.subnet_name(vnet, first),
            first_net = first_net,
            second = context.subnet_name(vnet, second),
            second_net = second_net,
            vnet = context.vnet_name(vnet),
        ),
        vec![pointer::subnet_prefix(vnet, first), pointer::subnet_prefix(vnet, second)],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OverlappingSubnets;
    use crate::testing::{aci, assert_fires, assert_quiet};
    use crate::text::Lang;

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
        assert_eq!(
            finding.text.render(Lang::Fr),
            "les sous-réseaux « aks » (10.1.0.0/22) et « aci » (10.1.2.0/24) du VNet « ml-vnet » se \
             chevauchent"
        );
    }

    fn dual_stack(first: &str, second: &str) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
            ("/vnets/0/subnets/-", json!({"name": "v6a", "addressPrefix": first})),
            ("/vnets/0/subnets/-", json!({"name": "v6b", "addressPrefix": second})),
        ]
    }

    #[test]
    fn fires_on_overlapping_ipv6_subnets() {
        let found = assert_fires(OverlappingSubnets, &dual_stack("fd00:10::/64", "fd00:10::/56"));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/vnets/0/subnets/1/addressPrefix", "/vnets/0/subnets/2/addressPrefix"]
        );
        assert_eq!(
            found[0].message,
            "subnets 'v6a' (fd00:10::/64) and 'v6b' (fd00:10::/56) of VNet 'ml-vnet' overlap"
        );
    }

    #[test]
    fn quiet_on_adjacent_ipv6_subnets_and_across_address_families() {
        assert_quiet(OverlappingSubnets, &dual_stack("fd00:10::/64", "fd00:10:0:1::/64"));
        // An IPv4-mapped IPv6 prefix names the same numbers as 10.1.0.0/22, yet the two families
        // are separate address spaces in Azure.
        assert_quiet(
            OverlappingSubnets,
            &[("/vnets/0/subnets/-", json!({"name": "mapped", "addressPrefix": "::ffff:10.1.0.0/118"}))],
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
