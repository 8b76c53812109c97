use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::pointer;
use crate::finding::RuleFindings;
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Each subnet must lie wholly inside one address prefix of its VNet. A subnet that starts in one \
         prefix and runs past its end, or that is larger than every prefix, counts as outside. An IPv6 \
         subnet is compared with the VNet's IPv6 prefixes only.",
        "Chaque sous-réseau doit tenir entièrement dans un seul préfixe d’adresse de son VNet. Un \
         sous-réseau qui commence dans un préfixe et déborde au-delà de sa fin, ou qui est plus grand que \
         tous les préfixes, est considéré comme en dehors. Un sous-réseau IPv6 n’est comparé qu’aux \
         préfixes IPv6 du VNet."
    ),
    why: text!(
        "A subnet is carved out of its VNet's address space, so Azure refuses to create a subnet whose \
         range the VNet does not hold. Two adjacent prefixes do not help: each subnet must fit inside a \
         single one of them.",
        "Un sous-réseau est découpé dans l’espace d’adresses de son VNet : Azure refuse donc de créer un \
         sous-réseau dont le VNet ne contient pas la plage. Deux préfixes contigus n’y changent rien : \
         chaque sous-réseau doit tenir dans un seul d’entre eux."
    ),
    example: Example(&[
        ("/vnets/0/subnets/0/addressPrefix", r#""10.2.0.0/22""#),
    ]),
    fix: text!(
        "Move the subnet into one of the VNet's prefixes, or add to the VNet an address prefix that \
         covers the subnet.",
        "Placez le sous-réseau dans l’un des préfixes du VNet, ou ajoutez au VNet un préfixe d’adresse \
         qui couvre le sous-réseau."
    ),
    sources: &[
        Source {
            title: "Azure Virtual Network frequently asked questions (FAQ)",
            location: "MicrosoftDocs/azure-docs:articles/virtual-network/virtual-networks-faq.md@004ec532ffd5dbb44ccfc5fa4777731fe874e52c",
            date: "2019-02-12",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        // A prefix that did not parse might hold the subnet; invalid-cidr reports it instead.
        if facts.prefixes.iter().any(Option::is_none) {
            continue;
        }
        let written: Vec<String> = facts.prefixes.iter().flatten().map(ToString::to_string).collect();
        for (s, net) in facts.subnets.iter().enumerate() {
            let Some(net) = net else { continue };
            let range = Range::of(*net);
            let overlapping = context.prefixes_overlapping(v, range);
            if overlapping.iter().any(|(_, prefix)| prefix.contains(range)) {
                continue;
            }
            let mut subjects = vec![pointer::subnet_prefix(v, s)];
            if overlapping.is_empty() {
                subjects.push(pointer::vnet(v, "addressPrefixes"));
            } else {
                subjects.extend(overlapping.iter().map(|(p, _)| pointer::vnet_prefix(v, *p)));
            }
            out.report(format!(
                    "subnet '{}' ({net}) is not inside any address prefix of VNet '{}' ({})",
                    context.subnet_name(v, s),
                    context.vnet_name(v),
                    written.join(", ")
                ),
                subjects,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::SubnetOutsideVnet;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_on_a_subnet_outside_every_prefix() {
        let found =
            assert_fires(SubnetOutsideVnet, &[("/vnets/0/subnets/0/addressPrefix", json!("10.2.0.0/22"))]);
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/vnets/0/subnets/0/addressPrefix", "/vnets/0/addressPrefixes"]);
        assert_eq!(
            finding.message,
            "subnet 'aks' (10.2.0.0/22) is not inside any address prefix of VNet 'ml-vnet' (10.1.0.0/16)"
        );
    }

    #[test]
    fn fires_on_a_subnet_larger_than_the_prefixes_it_spans() {
        let changes = [
            ("/vnets/0/addressPrefixes/-", json!("10.0.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.0.0.0/15")),
        ];
        let found = assert_fires(SubnetOutsideVnet, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [[
                "/vnets/0/subnets/0/addressPrefix",
                "/vnets/0/addressPrefixes/1",
                "/vnets/0/addressPrefixes/0"
            ]]
        );
    }

    #[test]
    fn quiet_inside_any_one_prefix_or_when_a_prefix_is_invalid() {
        assert_quiet(SubnetOutsideVnet, &[]);
        let second_prefix = [
            ("/vnets/0/addressPrefixes/-", json!("192.168.0.0/24")),
            ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "192.168.0.0/28"})),
        ];
        assert_quiet(SubnetOutsideVnet, &second_prefix);
        let invalid_prefix = [
            ("/vnets/0/addressPrefixes/-", json!("192.168.0.0")),
            ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "192.168.0.0/28"})),
        ];
        assert_quiet(SubnetOutsideVnet, &invalid_prefix);
    }
}
