use std::fmt::Display;

use ipnet::Ipv6Net;
use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::{ipv6_contains, ipv6_overlap, Range};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The address prefixes of one VNet must not share addresses: no prefix may repeat another or lie \
         inside it. IPv6 prefixes are compared with IPv6 prefixes only.",
        "Les préfixes d’adresse d’un même VNet ne doivent partager aucune adresse : aucun préfixe ne \
         peut en répéter un autre ni être contenu dans un autre. Les préfixes IPv6 ne sont comparés \
         qu’à des préfixes IPv6.",
    ),
    why: text!(
        "Azure refuses an address space whose prefixes overlap, since each address of the VNet must \
         belong to exactly one prefix. Two overlapping CIDR blocks always nest, so the inner one adds \
         no address the outer one does not already hold.",
        "Azure refuse un espace d’adressage dont les préfixes se chevauchent, car chaque adresse du VNet \
         doit appartenir à un seul préfixe. Deux blocs CIDR qui se chevauchent sont toujours imbriqués \
         : le bloc intérieur n’ajoute aucune adresse que l’extérieur ne contienne déjà.",
    ),
    example: Example(&[("/vnets/0/addressPrefixes/-", r#""10.1.4.0/22""#)]),
    fix: text!(
        "Remove the prefix that lies inside the other; every subnet it held stays inside the larger \
         prefix.",
        "Supprimez le préfixe contenu dans l’autre ; chaque sous-réseau qu’il contenait reste dans le \
         préfixe le plus large.",
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12, sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        for (a, b) in facts.prefix_index.overlapping_pairs() {
            let (Some(Some(net_a)), Some(Some(net_b))) = (facts.prefixes.get(a), facts.prefixes.get(b))
            else {
                continue;
            };
            // Overlapping CIDR blocks always nest, so one of the pair holds the other. For a
            // repeated block the pair lists the earlier index first, so the repeat is dropped.
            let (inner, outer) = if Range::of(*net_a).contains(Range::of(*net_b)) {
                ((b, net_b), (a, net_a))
            } else {
                ((a, net_a), (b, net_b))
            };
            report(context, out, v, (inner.0, inner.1), (outer.0, outer.1));
        }
        // Few VNets hold more than a couple of IPv6 prefixes, so every pair is compared directly.
        let prefixes_v6: Vec<(usize, Ipv6Net)> =
            facts.prefixes_v6.iter().enumerate().filter_map(|(p, net)| Some((p, (*net)?))).collect();
        for (i, (a, net_a)) in prefixes_v6.iter().enumerate() {
            for (b, net_b) in prefixes_v6.iter().skip(i + 1) {
                if !ipv6_overlap(*net_a, *net_b) {
                    continue;
                }
                // As above: the earlier of two equal prefixes is the one kept.
                if ipv6_contains(*net_a, *net_b) {
                    report(context, out, v, (*b, net_b), (*a, net_a));
                } else {
                    report(context, out, v, (*a, net_a), (*b, net_b));
                }
            }
        }
    }
}

fn report(
    context: &Context<'_>,
    out: &mut RuleFindings<'_>,
    v: usize,
    (inner, inner_net): (usize, &dyn Display),
    (outer, outer_net): (usize, &dyn Display),
) {
    let fix = context.vnet(v).map(|vnet| {
        let kept: Vec<Value> = vnet
            .address_prefixes
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != inner)
            .map(|(_, text)| Value::from(text.as_str()))
            .collect();
        Fix::set(
            msg!(
                [
                    "remove the address prefix {inner}, which {outer} already covers",
                    "supprimer le préfixe d’adresses {inner}, que {outer} couvre déjà"
                ],
                inner = inner_net,
                outer = outer_net,
            ),
            pointer::vnet(v, "addressPrefixes"),
            kept,
        )
    });
    out.push(
        Draft::new(
            msg!(
                [
                    "address prefix {inner} of VNet '{vnet}' overlaps its address prefix {outer}, which \
                     already holds all of it",
                    "le préfixe d’adresses {inner} du VNet « {vnet} » chevauche son préfixe d’adresses \
                     {outer}, qui le contient déjà entièrement"
                ],
                inner = inner_net,
                vnet = context.vnet_name(v),
                outer = outer_net,
            ),
            vec![pointer::vnet_prefix(v, inner), pointer::vnet_prefix(v, outer)],
        )
        .with_fix(fix),
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OverlappingVnetPrefixes;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_nested_prefix_and_removes_it() {
        let changes = [("/vnets/0/addressPrefixes", json!(["10.1.4.0/22", "10.1.0.0/16"]))];
        let found = assert_fires(OverlappingVnetPrefixes, &changes);
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/vnets/0/addressPrefixes/0", "/vnets/0/addressPrefixes/1"]);
        assert_eq!(
            finding.message,
            "address prefix 10.1.4.0/22 of VNet 'ml-vnet' overlaps its address prefix 10.1.0.0/16, \
             which already holds all of it"
        );
        let fix = finding.fix.as_ref().expect("a fix");
        assert_eq!(fix.changes.first().map(|c| &c.value), Some(&json!(["10.1.0.0/16"])));
        assert_eq!(
            finding.text.render(Lang::Fr),
            "le préfixe d’adresses 10.1.4.0/22 du VNet « ml-vnet » chevauche son préfixe d’adresses \
             10.1.0.0/16, qui le contient déjà entièrement"
        );
        assert_eq!(
            fix.text.render(Lang::Fr),
            "supprimer le préfixe d’adresses 10.1.4.0/22, que 10.1.0.0/16 couvre déjà"
        );
        assert_fix_resolves(OverlappingVnetPrefixes, &changes);
    }

    #[test]
    fn fires_on_a_repeated_prefix_and_keeps_the_first() {
        let changes = [("/vnets/0/addressPrefixes/-", json!("10.1.0.0/16"))];
        let found = assert_fires(OverlappingVnetPrefixes, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/addressPrefixes/1", "/vnets/0/addressPrefixes/0"]]);
        assert_fix_resolves(OverlappingVnetPrefixes, &changes);
    }

    #[test]
    fn fires_on_nested_ipv6_prefixes_and_removes_the_inner_one() {
        let changes =
            [("/vnets/0/addressPrefixes", json!(["10.1.0.0/16", "fd00:10:0:4::/64", "fd00:10::/48"]))];
        let found = assert_fires(OverlappingVnetPrefixes, &changes);
        assert_eq!(found.len(), 1);
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/vnets/0/addressPrefixes/1", "/vnets/0/addressPrefixes/2"]);
        assert_eq!(
            finding.message,
            "address prefix fd00:10:0:4::/64 of VNet 'ml-vnet' overlaps its address prefix fd00:10::/48, \
             which already holds all of it"
        );
        let fix = finding.fix.as_ref().expect("a fix");
        assert_eq!(fix.changes.first().map(|c| &c.value), Some(&json!(["10.1.0.0/16", "fd00:10::/48"])));
        assert_fix_resolves(OverlappingVnetPrefixes, &changes);
    }

    #[test]
    fn a_repeated_ipv6_prefix_keeps_the_first() {
        let changes = [("/vnets/0/addressPrefixes", json!(["10.1.0.0/16", "fd00:10::/48", "fd00:10::/48"]))];
        let found = assert_fires(OverlappingVnetPrefixes, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/addressPrefixes/2", "/vnets/0/addressPrefixes/1"]]);
    }

    #[test]
    fn quiet_on_separate_ipv6_prefixes_and_across_address_families() {
        assert_quiet(
            OverlappingVnetPrefixes,
            &[("/vnets/0/addressPrefixes", json!(["10.1.0.0/16", "fd00:10::/48", "fd00:11::/48"]))],
        );
        // The IPv4-mapped form of 10.1.0.0/16 is still IPv6: Azure keeps the families apart.
        assert_quiet(
            OverlappingVnetPrefixes,
            &[("/vnets/0/addressPrefixes/-", json!("::ffff:10.1.0.0/112"))],
        );
    }

    #[test]
    fn quiet_on_separate_prefixes() {
        assert_quiet(OverlappingVnetPrefixes, &[]);
        assert_quiet(OverlappingVnetPrefixes, &[("/vnets/0/addressPrefixes/-", json!("10.2.0.0/16"))]);
    }
}
