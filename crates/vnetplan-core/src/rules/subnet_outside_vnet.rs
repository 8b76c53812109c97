use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::{ipv6_contains, ipv6_overlap, Range};
use crate::pointer;
use crate::sources;
use crate::text::Message;

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
    example: Example(&[("/vnets/0/subnets/0/addressPrefix", r#""10.2.0.0/22""#)]),
    fix: text!(
        "Move the subnet into one of the VNet's prefixes, or add to the VNet an address prefix that \
         covers the subnet.",
        "Placez le sous-réseau dans l’un des préfixes du VNet, ou ajoutez au VNet un préfixe d’adresse \
         qui couvre le sous-réseau."
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        // A prefix that is neither IPv4 nor IPv6 might hold the subnet; invalid-cidr reports it.
        let unreadable =
            facts.prefixes.iter().zip(&facts.prefixes_v6).any(|(v4, v6)| v4.is_none() && v6.is_none());
        if unreadable {
            continue;
        }
        let written: Vec<String> = facts.prefixes.iter().flatten().map(ToString::to_string).collect();
        for (s, net) in facts.subnets.iter().enumerate() {
            let Some(net) = net else { continue };
            let range = Range::of(*net);
            if facts.prefix_index.any_containing(range) {
                continue;
            }
            let overlapping = context.prefixes_overlapping(v, range);
            let touched: Vec<usize> = overlapping.iter().map(|(p, _)| *p).collect();
            let outside = Outside { vnet: v, subnet: s, net: net.to_string(), touched };
            out.report(outside.message(context, &written, "IPv4"), outside.subjects());
        }
        let written_v6: Vec<String> = facts.prefixes_v6.iter().flatten().map(ToString::to_string).collect();
        for (s, net) in facts.subnets_v6.iter().enumerate() {
            let Some(net) = *net else { continue };
            let holders =
                facts.prefixes_v6.iter().enumerate().filter_map(|(p, prefix)| Some((p, (*prefix)?)));
            let mut touched = Vec::new();
            let mut inside = false;
            for (p, prefix) in holders {
                inside |= ipv6_contains(prefix, net);
                if ipv6_overlap(prefix, net) {
                    touched.push(p);
                }
            }
            if inside {
                continue;
            }
            let outside = Outside { vnet: v, subnet: s, net: net.to_string(), touched };
            out.report(outside.message(context, &written_v6, "IPv6"), outside.subjects());
        }
    }
}

/// A subnet that no address prefix of its own family holds, with the prefixes it runs into.
struct Outside {
    vnet: usize,
    subnet: usize,
    net: String,
    touched: Vec<usize>,
}

impl Outside {
    fn subjects(&self) -> Vec<String> {
        let mut subjects = vec![pointer::subnet_prefix(self.vnet, self.subnet)];
        if self.touched.is_empty() {
            subjects.push(pointer::vnet(self.vnet, "addressPrefixes"));
        } else {
            subjects.extend(self.touched.iter().map(|p| pointer::vnet_prefix(self.vnet, *p)));
        }
        subjects
    }

    /// `written` lists the VNet's prefixes of the subnet's family, `family` names it.
    fn message(&self, context: &Context<'_>, written: &[String], family: &str) -> Message {
        let subnet = context.subnet_name(self.vnet, self.subnet);
        let vnet = context.vnet_name(self.vnet);
        if written.is_empty() {
            // A dual-stack VNet can lack one family entirely: listing nothing would read as a
            // VNet without address space.
            return msg!(
                [
                    "subnet '{subnet}' ({net}) is {family} but VNet '{vnet}' has no {family} address prefix",
                    "le sous-réseau « {subnet} » ({net}) est en {family}, mais le VNet « {vnet} » n’a aucun \
                     préfixe d’adresses {family}"
                ],
                subnet = subnet,
                net = &self.net,
                family = family,
                vnet = vnet,
            );
        }
        msg!(
            [
                "subnet '{subnet}' ({net}) is not inside any address prefix of VNet '{vnet}' ({listed})",
                "le sous-réseau « {subnet} » ({net}) n’est dans aucun préfixe d’adresses du VNet « {vnet} » \
                 ({listed})"
            ],
            subnet = subnet,
            net = &self.net,
            vnet = vnet,
            listed = written.join(", "),
        )
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::SubnetOutsideVnet;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn dual_stack(subnet: &str) -> [(&'static str, serde_json::Value); 2] {
        [
            ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
            ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": subnet})),
        ]
    }

    #[test]
    fn fires_on_an_ipv6_subnet_outside_the_ipv6_prefixes() {
        let found = assert_fires(SubnetOutsideVnet, &dual_stack("fd00:11::/64"));
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/vnets/0/subnets/1/addressPrefix", "/vnets/0/addressPrefixes"]);
        assert_eq!(
            finding.message,
            "subnet 'v6' (fd00:11::/64) is not inside any address prefix of VNet 'ml-vnet' (fd00:10::/48)"
        );
        // Larger than the prefix it starts in: it overlaps that prefix without fitting in it.
        let found = assert_fires(SubnetOutsideVnet, &dual_stack("fd00::/16"));
        assert_eq!(
            found.first().map(|f| f.subjects.as_slice()),
            Some(
                &["/vnets/0/subnets/1/addressPrefix".to_owned(), "/vnets/0/addressPrefixes/1".to_owned()][..]
            )
        );
    }

    #[test]
    fn quiet_on_ipv6_subnets_inside_an_ipv6_prefix_up_to_its_edges() {
        for subnet in ["fd00:10::/64", "fd00:10:0:ffff::/64", "fd00:10::/48"] {
            assert_quiet(SubnetOutsideVnet, &dual_stack(subnet));
        }
    }

    #[test]
    fn never_compares_ipv6_subnets_with_ipv4_prefixes() {
        let changes = [("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "::/0"}))];
        let found = assert_fires(SubnetOutsideVnet, &changes);
        let finding = found.first().expect("one finding");
        assert_eq!(
            finding.message,
            "subnet 'v6' (::/0) is IPv6 but VNet 'ml-vnet' has no IPv6 address prefix"
        );
        assert_eq!(
            finding.text.render(Lang::Fr),
            "le sous-réseau « v6 » (::/0) est en IPv6, mais le VNet « ml-vnet » n’a aucun préfixe \
             d’adresses IPv6"
        );
    }

    #[test]
    fn checks_ipv4_subnets_of_a_dual_stack_vnet() {
        let mut changes = dual_stack("fd00:10::/64").to_vec();
        changes.push(("/vnets/0/subnets/0/addressPrefix", json!("10.2.0.0/22")));
        let found = assert_fires(SubnetOutsideVnet, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/subnets/0/addressPrefix", "/vnets/0/addressPrefixes"]]);
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some(
                "subnet 'aks' (10.2.0.0/22) is not inside any address prefix of VNet 'ml-vnet' (10.1.0.0/16)"
            )
        );
    }

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
        assert_eq!(
            finding.text.render(Lang::Fr),
            "le sous-réseau « aks » (10.2.0.0/22) n’est dans aucun préfixe d’adresses du VNet « ml-vnet » \
             (10.1.0.0/16)"
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
