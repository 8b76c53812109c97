use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::pointer;
use crate::finding::RuleFindings;

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
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "aci", "addressPrefix": "10.1.2.0/24"}"#),
    ]),
    fix: text!(
        "Move one of the two subnets to a free block of the VNet's address space, for example \
         10.1.8.0/24 beside a 10.1.0.0/22 node subnet.",
        "Déplacez l’un des deux sous-réseaux vers un bloc libre de l’espace d’adressage du VNet, par \
         exemple 10.1.8.0/24 à côté d’un sous-réseau de nœuds en 10.1.0.0/22.",
    ),
    sources: &[
        Source {
            title: "Azure Virtual Network frequently asked questions (FAQ)",
            location: "MicrosoftDocs/azure-docs:articles/virtual-network/virtual-networks-faq.md@004ec532",
            date: "2019-02-12",
        },
    ],
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
