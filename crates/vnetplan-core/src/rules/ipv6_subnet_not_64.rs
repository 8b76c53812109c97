use ipnet::Ipv6Net;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{CidrOwner, Context, VnetFacts};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::ipv6_contains;
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
        "Give the subnet a /64 of its own inside one of the VNet's IPv6 address prefixes. The fix \
         offered picks a /64 no other subnet of the VNet uses: the one that holds a smaller prefix, or \
         the first /64 of a larger one, when that block is free, and otherwise the first free /64 of \
         the VNet. When the VNet's IPv6 space has no free /64, no fix is offered: widen that space or \
         move another subnet first.",
        "Donnez au sous-réseau un /64 à lui seul, à l’intérieur de l’un des préfixes d’adresses IPv6 du \
         VNet. Le correctif proposé choisit un /64 qu’aucun autre sous-réseau du VNet n’occupe : celui \
         qui contient un préfixe plus petit, ou le premier /64 d’un préfixe plus grand, si ce bloc est \
         libre, sinon le premier /64 libre du VNet. Si l’espace IPv6 du VNet n’a plus de /64 libre, \
         aucun correctif n’est proposé : agrandissez cet espace ou déplacez d’abord un autre \
         sous-réseau."
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
    // The fields come VNet by VNet, so the room of one VNet is gathered once, when its first
    // finding needs it, and the blocks its fixes claim carry over to the next finding there.
    let mut room: Option<(usize, Room)> = None;
    for field in context.cidr_fields() {
        let (CidrOwner::Subnet { vnet, subnet }, Some(net)) = (field.owner, field.net6) else {
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
        if room.as_ref().is_none_or(|(of, _)| *of != vnet) {
            room = context.vnets.get(vnet).map(|facts| (vnet, Room::of(facts)));
        }
        let fix = room.as_mut().and_then(|(_, room)| room.claim(subnet, net)).map(|block| {
            let block = block.to_string();
            Fix::set(
                msg!(["write the /64 {block}", "écrire le /64 {block}"], block = &block),
                target.clone(),
                block,
            )
        });
        out.push(Draft::new(message, vec![target]).with_fix(fix));
    }
}

/// How many /64s the search for a free one tries in a VNet, all its IPv6 prefixes together.
/// A /48 holds 65,536 of them and a /32 four billion, while a VNet holds a few thousand subnets
/// at most: a few thousand tries find room in any VNet not packed from its first address, and
/// bound the cost of a finding in one that is. Past the cap no fix is offered, which is safe;
/// the person can still choose a /64 by hand.
const CANDIDATES_TRIED: usize = 4096;

/// One VNet's IPv6 space and what its subnets take of it, to find the /64 a fix can write.
struct Room {
    /// The VNet's IPv6 prefixes in the order written; a fix must land wholly inside one.
    prefixes: Vec<Ipv6Net>,
    /// Each IPv6 subnet of the VNet as its first and last address and its index, sorted; a
    /// block an earlier fix of this check proposed has no index.
    used: Vec<(u128, u128, Option<usize>)>,
}

impl Room {
    fn of(facts: &VnetFacts<'_>) -> Self {
        let prefixes = facts.prefixes_v6.iter().flatten().map(Ipv6Net::trunc).collect();
        let mut used: Vec<(u128, u128, Option<usize>)> = facts
            .subnets_v6
            .iter()
            .enumerate()
            .filter_map(|(s, net)| net.map(|net| (span(net).0, span(net).1, Some(s))))
            .collect();
        crate::sorting::sort(&mut used);
        Self { prefixes, used }
    }

    /// The /64 for subnet `subnet`, written `net`: the one that holds it or starts it when that
    /// is free, else the first free /64 of the VNet. The block is kept as taken, so that two
    /// fixes of one report never propose the same block: applying both must not make the two
    /// subnets overlap.
    fn claim(&mut self, subnet: usize, net: Ipv6Net) -> Option<Ipv6Net> {
        let taken = self.taken_by_others(subnet);
        let free = |block: &Ipv6Net| {
            self.prefixes.iter().any(|prefix| ipv6_contains(*prefix, *block)) && !overlaps(&taken, *block)
        };
        let own = Ipv6Net::new(net.network(), IPV6_SUBNET_LENGTH).ok().map(|block| block.trunc());
        let block = own.filter(free).or_else(|| {
            self.prefixes
                .iter()
                .filter_map(|prefix| prefix.subnets(IPV6_SUBNET_LENGTH).ok())
                .flatten()
                .take(CANDIDATES_TRIED)
                .find(free)
        })?;
        let (first, last) = span(block);
        let at = self.used.partition_point(|entry| (entry.0, entry.1) < (first, last));
        self.used.insert(at, (first, last, None));
        Some(block)
    }

    /// What the VNet's other subnets, and the blocks already claimed, take: sorted, with
    /// overlapping and touching spans joined so that one binary search answers for a block.
    fn taken_by_others(&self, subnet: usize) -> Vec<(u128, u128)> {
        let mut joined: Vec<(u128, u128)> = Vec::with_capacity(self.used.len());
        for &(first, last, owner) in &self.used {
            if owner == Some(subnet) {
                continue;
            }
            match joined.last_mut() {
                Some(previous) if first <= previous.1.saturating_add(1) => previous.1 = previous.1.max(last),
                _ => joined.push((first, last)),
            }
        }
        joined
    }
}

/// The first and last address of a prefix, host bits ignored.
fn span(net: Ipv6Net) -> (u128, u128) {
    (u128::from(net.network()), u128::from(net.broadcast()))
}

/// Whether `block` shares an address with any span of `taken`, which [`Room::taken_by_others`]
/// sorted and joined: the spans' ends then rise with their starts.
fn overlaps(taken: &[(u128, u128)], block: Ipv6Net) -> bool {
    let (first, last) = span(block);
    let at = taken.partition_point(|span| span.1 < first);
    taken.get(at).is_some_and(|span| span.0 <= last)
}

#[cfg(test)]
mod tests {
    use ipnet::Ipv6Net;
    use serde_json::{json, Value};

    use crate::catalog::RuleId::{Ipv6SubnetNot64, OverlappingSubnets, SubnetOutsideVnet};
    use crate::finding::Finding;
    use crate::fix::apply_fix;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet, findings, plan_with};
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

    /// The VNet's IPv6 prefix and two /80s cut from the same /64, so that the /64 holding either
    /// one would take the other in too.
    fn two_80s_in_one_64() -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/0/addressPrefixes/-", json!("fd00:db8::/48")),
            ("/vnets/0/subnets/-", json!({"name": "low", "addressPrefix": "fd00:db8:0:7::/80"})),
            ("/vnets/0/subnets/-", json!({"name": "high", "addressPrefix": "fd00:db8:0:7:8000::/80"})),
        ]
    }

    fn proposed(finding: &Finding) -> Ipv6Net {
        let fix = finding.fix.as_ref().expect("a free /64 is offered");
        let value = fix.changes.first().and_then(|change| change.value.as_str()).expect("a prefix");
        value.parse().expect("the fix writes an IPv6 prefix")
    }

    #[test]
    fn never_proposes_the_64_another_subnet_already_uses() {
        let changes = two_80s_in_one_64();
        let plan = plan_with(&changes);
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        assert_eq!(found.len(), 2);
        let shared: Ipv6Net = "fd00:db8:0:7::/64".parse().expect("a prefix");
        let vnet: Ipv6Net = "fd00:db8::/48".parse().expect("a prefix");
        let blocks: Vec<Ipv6Net> = found.iter().map(proposed).collect();
        for (finding, block) in found.iter().zip(&blocks) {
            assert_ne!(*block, shared, "{}", finding.message);
            assert_eq!(block.prefix_len(), 64);
            assert!(vnet.contains(block), "{block} is outside the VNet");
            let written = [
                ("/vnets/0/subnets/1/addressPrefix", "fd00:db8:0:7::/80"),
                ("/vnets/0/subnets/2/addressPrefix", "fd00:db8:0:7:8000::/80"),
            ];
            let others = written.into_iter().filter(|(at, _)| !finding.subjects.iter().any(|s| s == at));
            for (_, other) in others {
                let other: Ipv6Net = other.parse().expect("a prefix");
                assert!(!other.contains(block) && !block.contains(&other), "{block} overlaps {other}");
            }
        }
        assert_ne!(blocks.first(), blocks.get(1), "the two fixes would collide");
        // Someone may apply both fixes of one report in turn without checking in between.
        let mut fixed = plan.clone();
        for finding in &found {
            fixed = apply_fix(&fixed, finding.fix.as_ref().expect("a fix")).expect("the fix applies");
        }
        assert!(findings(Ipv6SubnetNot64, &fixed).is_empty());
        assert!(findings(OverlappingSubnets, &fixed).is_empty());
        assert!(findings(SubnetOutsideVnet, &fixed).is_empty());
        assert_fix_resolves(Ipv6SubnetNot64, &changes);
    }

    #[test]
    fn offers_no_fix_when_the_vnets_only_64_is_taken() {
        let changes = vec![
            ("/vnets/0/addressPrefixes/-", json!("fd00:db8:0:7::/64")),
            ("/vnets/0/subnets/-", json!({"name": "whole", "addressPrefix": "fd00:db8:0:7::/64"})),
            ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:db8:0:7:8000::/80"})),
        ];
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none(), "{:#?}", found[0].fix);
        assert_eq!(
            found[0].message,
            "the address prefix of subnet 'v6' in VNet 'ml-vnet' is the IPv6 prefix fd00:db8:0:7:8000::/80, \
             a /80; Azure makes every IPv6 subnet a /64"
        );
    }

    #[test]
    fn a_subnet_outside_the_vnet_is_moved_into_it() {
        let changes = ipv6_subnet("fd00:abcd:0:7::/80");
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        assert_eq!(proposed(&found[0]).to_string(), "fd00:db8::/64");
        assert_fix_resolves(Ipv6SubnetNot64, &changes);
        let fixed = apply_fix(&plan_with(&changes), found[0].fix.as_ref().expect("a fix")).expect("applies");
        assert!(findings(SubnetOutsideVnet, &fixed).is_empty());
    }

    #[test]
    fn passes_over_the_64s_other_subnets_use() {
        let changes = vec![
            ("/vnets/0/addressPrefixes/-", json!("fd00:db8::/62")),
            ("/vnets/0/subnets/-", json!({"name": "first", "addressPrefix": "fd00:db8::/64"})),
            ("/vnets/0/subnets/-", json!({"name": "second", "addressPrefix": "fd00:db8:0:1::/64"})),
            ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:db8:0:1:8000::/80"})),
        ];
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        assert_eq!(proposed(&found[0]).to_string(), "fd00:db8:0:2::/64");
        assert_fix_resolves(Ipv6SubnetNot64, &changes);
    }

    #[test]
    fn offers_no_fix_in_a_vnet_without_ipv6_space() {
        let changes = vec![("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:db8::/80"}))];
        let found = assert_fires(Ipv6SubnetNot64, &changes);
        assert!(found[0].fix.is_none(), "{:#?}", found[0].fix);
    }

    #[test]
    fn quiet_on_a_64_subnet_on_ipv4_subnets_and_on_any_vnet_space() {
        assert_quiet(Ipv6SubnetNot64, &ipv6_subnet("fd00:db8:0:1::/64"));
        assert_quiet(Ipv6SubnetNot64, &[("/vnets/0/addressPrefixes/-", json!("fd00:db8::/48"))]);
        assert_quiet(Ipv6SubnetNot64, &[]);
    }
}
