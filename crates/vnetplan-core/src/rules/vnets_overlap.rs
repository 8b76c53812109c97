use ipnet::{Ipv4Net, Ipv6Net};

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, RuleFindings, Severity};
use crate::net::{ipv6_overlap, Range};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Two VNets of the plan should share no address: no address prefix of one may overlap an address \
         prefix of the other. IPv6 prefixes are compared with IPv6 prefixes only.",
        "Deux VNets du plan ne devraient partager aucune adresse : aucun préfixe d’adresse de l’un ne \
         doit chevaucher un préfixe de l’autre. Les préfixes IPv6 ne sont comparés qu’à des préfixes IPv6."
    ),
    why: text!(
        "Azure creates overlapping VNets without complaint, which is why this is a warning, but it \
         refuses to peer them (so the overlap is an error when the plan records a peering between the \
         two), and a VPN or ExpressRoute path between them cannot route either. The \
         workspace private endpoint, the inference clusters and their clients usually need to reach each \
         other sooner or later, and overlapping spaces close that door.",
        "Azure crée sans broncher des VNets qui se chevauchent, d’où un simple avertissement, mais il \
         refuse de les appairer (le chevauchement est donc une erreur quand le plan consigne un \
         appairage entre eux), et un chemin VPN ou ExpressRoute entre eux ne peut pas router non plus. \
         Le point de terminaison privé de l’espace de travail, les clusters d’inférence et leurs clients \
         doivent en général se joindre tôt ou tard : des espaces qui se chevauchent ferment cette porte."
    ),
    example: Example(&[(
        "/vnets/-",
        r#"{"name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": ["10.1.128.0/24"], "subnets": []}"#,
    )]),
    fix: text!(
        "Give each VNet its own block of private address space, for example 10.1.0.0/16 for one and \
         10.3.0.0/16 for the other.",
        "Donnez à chaque VNet son propre bloc d’espace d’adresses privé, par exemple 10.1.0.0/16 pour \
         l’un et 10.3.0.0/16 pour l’autre."
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12, sources::CONCEPTS_NETWORK_LEGACY_CNI],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // Every pair of overlapping prefixes is visited, not only the nearest nesting ones, so that a
    // VNet inside another that also holds a third is paired with both. Each VNet pair keeps the
    // first overlapping prefixes found for it, IPv4 before IPv6.
    let mut clashes: Vec<((usize, usize), Clash)> = Vec::new();
    for (v, facts) in context.vnets.iter().enumerate() {
        for (p, net) in facts.prefixes.iter().enumerate() {
            let Some(net) = net else { continue };
            for (w, q, _) in context.other_vnets_overlapping(Some(v), Range::of(*net)) {
                let Some(Some(other)) = context.vnets.get(w).and_then(|facts| facts.prefixes.get(q)) else {
                    continue;
                };
                if w > v {
                    clashes.push((
                        (v, w),
                        Clash { first_index: p, second_index: q, nets: Nets::V4(*net, *other) },
                    ));
                }
            }
        }
    }
    // Dual-stack VNets are few and hold few IPv6 prefixes, so a plain scan of the pairs suffices.
    let v6: Vec<(usize, usize, Ipv6Net)> = context
        .vnets
        .iter()
        .enumerate()
        .flat_map(|(v, facts)| {
            facts.prefixes_v6.iter().enumerate().filter_map(move |(p, net)| Some((v, p, (*net)?)))
        })
        .collect();
    for (k, &(v, p, net)) in v6.iter().enumerate() {
        for &(w, q, other) in v6.iter().skip(k + 1) {
            if w != v && ipv6_overlap(net, other) {
                let (first, second) =
                    if v < w { ((v, p, net), (w, q, other)) } else { ((w, q, other), (v, p, net)) };
                let nets = Nets::V6(first.2, second.2);
                clashes.push((
                    (first.0, second.0),
                    Clash { first_index: first.1, second_index: second.1, nets },
                ));
            }
        }
    }
    // Stable, so each pair keeps the clash found first.
    crate::sorting::sort_by_key(&mut clashes, |(pair, _)| *pair);
    clashes.dedup_by_key(|(pair, _)| *pair);
    for ((v, w), clash) in clashes {
        let (first, second) = match clash.nets {
            Nets::V4(first, second) => (first.to_string(), second.to_string()),
            Nets::V6(first, second) => (first.to_string(), second.to_string()),
        };
        let (vnet, other) = (context.vnet_name(v), context.vnet_name(w));
        let subjects =
            vec![pointer::vnet_prefix(v, clash.first_index), pointer::vnet_prefix(w, clash.second_index)];
        if context.peered(vnet, other) {
            // The plan counts on a peering that Azure refuses to create, and every check that reads
            // the peering as a route would pass a path that does not exist.
            let message = msg!(
                [
                    "address prefix {first} of VNet '{vnet}' overlaps address prefix {second} of VNet \
                     '{other}', so Azure refuses the peering the plan records between them",
                    "le préfixe d’adresses {first} du VNet « {vnet} » chevauche le préfixe d’adresses \
                     {second} du VNet « {other} » : Azure refuse l’appairage que le plan consigne entre eux"
                ],
                first = &first,
                vnet = vnet,
                second = &second,
                other = other,
            );
            out.push_as(Severity::Error, Draft::new(message, subjects));
            continue;
        }
        out.report(
            msg!(
                [
                    "address prefix {first} of VNet '{vnet}' overlaps address prefix {second} of VNet \
                     '{other}', so the two VNets can never be peered",
                    "le préfixe d’adresses {first} du VNet « {vnet} » chevauche le préfixe d’adresses \
                     {second} du VNet « {other} » : les deux VNets ne pourront jamais être appairés"
                ],
                first = &first,
                vnet = vnet,
                second = &second,
                other = other,
            ),
            subjects,
        );
    }
}

/// Overlapping prefixes of a pair of VNets: their indices in each VNet, and the prefixes.
struct Clash {
    first_index: usize,
    second_index: usize,
    nets: Nets,
}

enum Nets {
    V4(Ipv4Net, Ipv4Net),
    V6(Ipv6Net, Ipv6Net),
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::VnetsOverlap;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn vnet(name: &str, prefixes: &[&str]) -> (&'static str, Value) {
        (
            "/vnets/-",
            json!({"name": name, "resourceGroup": "ml-rg", "addressPrefixes": prefixes, "subnets": []}),
        )
    }

    #[test]
    fn is_an_error_when_the_plan_records_the_peering() {
        let mut hub = vnet("hub", &["10.1.128.0/24"]);
        hub.1["peerings"] = json!(["ML-VNET"]);
        let found = assert_fires(VnetsOverlap, &[hub]);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "address prefix 10.1.0.0/16 of VNet 'ml-vnet' overlaps address prefix 10.1.128.0/24 of VNet \
             'hub', so Azure refuses the peering the plan records between them"
        );
        let found = assert_fires(VnetsOverlap, &[vnet("hub", &["10.1.128.0/24"])]);
        assert_eq!(found[0].severity, Severity::Warning, "without the peering");
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
        assert_eq!(
            found.first().map(|f| f.text.render(Lang::Fr)).as_deref(),
            Some(
                "le préfixe d’adresses 10.1.0.0/16 du VNet « ml-vnet » chevauche le préfixe d’adresses \
                 10.1.128.0/24 du VNet « hub » : les deux VNets ne pourront jamais être appairés"
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
    fn fires_on_overlapping_ipv6_prefixes() {
        let changes =
            [("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")), vnet("hub", &["fd00:10:0:8000::/56"])];
        let found = assert_fires(VnetsOverlap, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/addressPrefixes/1", "/vnets/1/addressPrefixes/0"]]);
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some(
                "address prefix fd00:10::/48 of VNet 'ml-vnet' overlaps address prefix fd00:10:0:8000::/56 of \
                 VNet 'hub', so the two VNets can never be peered"
            )
        );
    }

    #[test]
    fn quiet_on_adjacent_ipv6_prefixes_and_across_families() {
        let own = ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48"));
        assert_quiet(VnetsOverlap, &[own, vnet("hub", &["fd00:11::/48"])]);
        // An IPv4-mapped IPv6 prefix is IPv6 all the same: it is never compared with 10.1.0.0/16.
        assert_quiet(VnetsOverlap, &[vnet("hub", &["::ffff:10.1.0.0/112", "::/0"])]);
    }

    #[test]
    fn quiet_on_separate_vnets_and_on_overlaps_within_one_vnet() {
        assert_quiet(VnetsOverlap, &[vnet("hub", &["10.3.0.0/16"])]);
        assert_quiet(VnetsOverlap, &[("/vnets/0/addressPrefixes/-", json!("10.1.4.0/24"))]);
    }
}
