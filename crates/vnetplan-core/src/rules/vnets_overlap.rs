use std::collections::BTreeMap;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::pointer;
use crate::finding::RuleFindings;
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Two VNets of the plan should share no address: no address prefix of one may overlap an address \
         prefix of the other. IPv6 prefixes are compared with IPv6 prefixes only.",
        "Deux VNets du plan ne devraient partager aucune adresse : aucun préfixe d’adresse de l’un ne \
         doit chevaucher un préfixe de l’autre. Les préfixes IPv6 ne sont comparés qu’à des préfixes IPv6."
    ),
    why: text!(
        "Azure creates overlapping VNets without complaint, which is why this is a warning, but it \
         refuses to peer them, and a VPN or ExpressRoute path between them cannot route either. The \
         workspace private endpoint, the inference clusters and their clients usually need to reach each \
         other sooner or later, and overlapping spaces close that door.",
        "Azure crée sans broncher des VNets qui se chevauchent, d’où un simple avertissement, mais il \
         refuse de les appairer, et un chemin VPN ou ExpressRoute entre eux ne peut pas router non plus. \
         Le point de terminaison privé de l’espace de travail, les clusters d’inférence et leurs clients \
         doivent en général se joindre tôt ou tard : des espaces qui se chevauchent ferment cette porte."
    ),
    example: Example(&[
        ("/vnets/-", r#"{"name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": ["10.1.128.0/24"], "subnets": []}"#),
    ]),
    fix: text!(
        "Give each VNet its own block of private address space, for example 10.1.0.0/16 for one and \
         10.3.0.0/16 for the other.",
        "Donnez à chaque VNet son propre bloc d’espace d’adresses privé, par exemple 10.1.0.0/16 pour \
         l’un et 10.3.0.0/16 pour l’autre."
    ),
    sources: &[
        Source {
            title: "Azure Virtual Network frequently asked questions (FAQ)",
            location: "MicrosoftDocs/azure-docs:articles/virtual-network/virtual-networks-faq.md@004ec532ffd5dbb44ccfc5fa4777731fe874e52c",
            date: "2019-02-12",
        },
        Source {
            title: "AKS Legacy Container Networking Interfaces (CNI)",
            location: "https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni",
            date: "2026-08-21",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // Every pair of overlapping prefixes is visited, not only the nearest nesting ones, so that a
    // VNet inside another that also holds a third is paired with both. Each VNet pair keeps the
    // first overlapping prefixes found for it.
    let mut pairs: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    for (v, facts) in context.vnets.iter().enumerate() {
        for (p, net) in facts.prefixes.iter().enumerate() {
            let Some(net) = net else { continue };
            for (w, q, _) in context.other_vnets_overlapping(Some(v), Range::of(*net)) {
                if w > v {
                    pairs.entry((v, w)).or_insert((p, q));
                }
            }
        }
    }
    for ((v, w), (p, q)) in pairs {
        let (Some(Some(net_v)), Some(Some(net_w))) = (
            context.vnets.get(v).and_then(|facts| facts.prefixes.get(p)),
            context.vnets.get(w).and_then(|facts| facts.prefixes.get(q)),
        ) else {
            continue;
        };
        out.report(format!(
                "address prefix {net_v} of VNet '{}' overlaps address prefix {net_w} of VNet '{}', so \
                 the two VNets can never be peered",
                context.vnet_name(v),
                context.vnet_name(w)
            ),
            vec![pointer::vnet_prefix(v, p), pointer::vnet_prefix(w, q)],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::VnetsOverlap;
    use crate::testing::{assert_fires, assert_quiet};

    fn vnet(name: &str, prefixes: &[&str]) -> (&'static str, Value) {
        (
            "/vnets/-",
            json!({"name": name, "resourceGroup": "ml-rg", "addressPrefixes": prefixes, "subnets": []}),
        )
    }

    #[test]
    fn fires_once_per_pair_of_vnets() {
        let found = assert_fires(VnetsOverlap, &[vnet("hub", &["10.1.128.0/24", "10.1.129.0/24"])]);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/addressPrefixes/0", "/vnets/1/addressPrefixes/0"]]);
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some(
                "address prefix 10.1.0.0/16 of VNet 'ml-vnet' overlaps address prefix 10.1.128.0/24 of \
                 VNet 'hub', so the two VNets can never be peered"
            )
        );
    }

    #[test]
    fn pairs_every_vnet_of_a_nested_chain() {
        let found =
            assert_fires(VnetsOverlap, &[vnet("mid", &["10.1.128.0/17"]), vnet("inner", &["10.1.200.0/24"])]);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/vnets/0/addressPrefixes/0", "/vnets/1/addressPrefixes/0"],
                ["/vnets/0/addressPrefixes/0", "/vnets/2/addressPrefixes/0"],
                ["/vnets/1/addressPrefixes/0", "/vnets/2/addressPrefixes/0"],
            ]
        );
    }

    #[test]
    fn quiet_on_separate_vnets_and_on_overlaps_within_one_vnet() {
        assert_quiet(VnetsOverlap, &[vnet("hub", &["10.3.0.0/16"])]);
        assert_quiet(VnetsOverlap, &[("/vnets/0/addressPrefixes/-", json!("10.1.4.0/24"))]);
    }
}
