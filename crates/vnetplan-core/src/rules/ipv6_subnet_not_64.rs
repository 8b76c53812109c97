use ipnet::Ipv6Net;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{CidrOwner, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::sources;

/// The one prefix length Azure gives an IPv6 subnet.
const IPV6_SUBNET_LENGTH: u8 = 64;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A subnet written as an IPv6 prefix must be a /64, neither larger nor smaller. The VNet's own \
         IPv6 address space may be any size that holds its /64 subnets.",
        "Un sous-réseau écrit comme préfixe IPv6 doit être un /64, ni plus grand ni plus petit. \
         L’espace d’adressage IPv6 du VNet lui-même peut avoir toute taille qui contient ses \
         sous-réseaux /64."
    ),
    why: text!(
        "Azure sizes every IPv6 subnet at exactly 64 bits of prefix, so that a subnet can later be \
         routed to networks on premises, whose routers often accept nothing but /64 routes. A dual-stack \
         plan with a /48 or /80 subnet is refused when the subnet is created, although its IPv4 half \
         is fine.",
        "Azure fixe la taille de chaque sous-réseau IPv6 à exactement 64 bits de préfixe, afin qu’un \
         sous-réseau puisse ensuite être routé vers des réseaux locaux, dont les routeurs n’acceptent \
         souvent que des routes /64. Un plan double pile avec un sous-réseau /48 ou /80 est refusé à la \
         création du sous-réseau, même si sa moitié IPv4 est correcte."
    ),
    example: Example(&[
        ("/vnets/0/addressPrefixes/-", r#""fd00:db8::/48""#),
        ("/vnets/0/subnets/-", r#"{"name": "v6", "addressPrefix": "fd00:db8::/80"}"#),
    ]),
    fix: text!(
        "Write the subnet as a /64: the first /64 of a larger prefix, or the /64 that holds a smaller \
         one. Give each further IPv6 subnet a /64 of its own in the VNet's IPv6 space.",
        "Écrivez le sous-réseau comme un /64 : le premier /64 d’un préfixe plus grand, ou le /64 qui \
         contient un préfixe plus petit. Donnez à chaque autre sous-réseau IPv6 son propre /64 dans \
         l’espace IPv6 du VNet."
    ),
    sources: &[
        Source {
            title: "Overview of IPv6 for Azure Virtual Network (IPv6 subnets are exactly /64)",
            location: "MicrosoftDocs/azure-docs:articles/virtual-network/ip-services/ipv6-overview.md",
            date: "2023-08-24",
        },
        sources::VIRTUAL_NETWORKS_FAQ_2019_02_12,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for field in context.cidr_fields() {
        let (CidrOwner::Subnet { .. }, Some(net)) = (field.owner, field.net6) else {
            continue;
        };
        if net.prefix_len() == IPV6_SUBNET_LENGTH {
            continue;
        }
        let target = field.pointer();
        let message = msg!(
            [
                "{field} is the IPv6 prefix {net}, a /{length}; Azure makes every IPv6 subnet a /64",
                "{field} est le préfixe IPv6 {net}, un /{length} ; Azure fait de chaque sous-réseau IPv6 \
                 un /64"
            ],
            net = net.to_string(),
            length = net.prefix_len(),
        )
        .with_message("field", field.label(context.plan));
        let fix = Ipv6Net::new(net.network(), IPV6_SUBNET_LENGTH).ok().map(|block| {
            let block = block.trunc().to_string();
            Fix::set(
                msg!(["write the /64 {block}", "écrire le /64 {block}"], block = &block),
                target.clone(),
                block,
            )
        });
        out.push(Draft::new(message, vec![target]).with_fix(fix));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::Ipv6SubnetNot64;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn ipv6_subnet(prefix: &str) -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/0/addressPrefixes/-", json!("fd00:db8::/48")),
            ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": prefix})),
        ]
    }

    #[test]
    fn fires_on_a_smaller_subnet_and_writes_the_64_that_holds_it() {
        let changes = ipv6_subnet("fd00:db8:0:7:8000::/80");
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        assert_eq!(found.len(), 1);
        let subject = &found[0].subjects[0];
        assert!(subject.starts_with("/vnets/0/subnets/") && subject.ends_with("/addressPrefix"), "{subject}");
        assert_eq!(
            found[0].message,
            "the address prefix of subnet 'v6' in VNet 'ml-vnet' is the IPv6 prefix fd00:db8:0:7:8000::/80, \
             a /80; Azure makes every IPv6 subnet a /64"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le préfixe d’adresses du sous-réseau « v6 » du VNet « ml-vnet » est le préfixe IPv6 \
             fd00:db8:0:7:8000::/80, un /80 ; Azure fait de chaque sous-réseau IPv6 un /64"
        );
        let fix = found[0].fix.as_ref().expect("the enclosing /64 is offered");
        assert_eq!(fix.changes[0].value, json!("fd00:db8:0:7::/64"));
        assert_eq!(fix.text.render(Lang::Fr), "écrire le /64 fd00:db8:0:7::/64");
        assert_fix_resolves(Ipv6SubnetNot64, &changes);
    }

    #[test]
    fn fires_on_a_larger_subnet_and_writes_its_first_64() {
        let changes = ipv6_subnet("fd00:db8::/56");
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        let fix = found[0].fix.as_ref().expect("the first /64 is offered");
        assert_eq!(fix.changes[0].value, json!("fd00:db8::/64"));
        assert_fix_resolves(Ipv6SubnetNot64, &changes);
    }

    #[test]
    fn quiet_on_a_64_subnet_on_ipv4_subnets_and_on_any_vnet_space() {
        assert_quiet(Ipv6SubnetNot64, &ipv6_subnet("fd00:db8:0:1::/64"));
        assert_quiet(Ipv6SubnetNot64, &[("/vnets/0/addressPrefixes/-", json!("fd00:db8::/48"))]);
        assert_quiet(Ipv6SubnetNot64, &[]);
    }
}
