use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::{ipv6_overlap, Range};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "No address prefix of a VNet may share an address with an external range of the plan: a peered \
         VNet, an on-premises network, a VPN or an ExpressRoute range. IPv6 prefixes are compared with \
         IPv6 ranges only.",
        "Aucun préfixe d’adresse d’un VNet ne doit partager d’adresse avec une plage externe du plan : \
         VNet appairé, réseau sur site, plage VPN ou ExpressRoute. Les préfixes IPv6 ne sont comparés \
         qu’aux plages IPv6."
    ),
    why: text!(
        "Traffic between the VNet and the other network is routed by address. Where the same addresses \
         exist on both sides, Azure refuses the peering, and over VPN or ExpressRoute the packets for the \
         shared addresses stay on the wrong side: clients cannot reach the scoring endpoint, or the \
         cluster cannot reach its dependencies.",
        "Le trafic entre le VNet et l’autre réseau est routé selon les adresses. Là où les mêmes adresses \
         existent des deux côtés, Azure refuse l’appairage, et par VPN ou ExpressRoute les paquets \
         destinés aux adresses communes restent du mauvais côté : les clients ne joignent pas le point de \
         terminaison de scoring, ou le cluster ne joint pas ses dépendances."
    ),
    example: Example(&[(
        "/externalRanges",
        r#"[{"name": "onprem", "addressPrefix": "10.1.128.0/17", "kind": "onPremises"}]"#,
    )]),
    fix: text!(
        "Move the VNet to address space that none of the connected networks uses; if the external range \
         is listed too broadly, narrow it to what is really routed.",
        "Placez le VNet dans un espace d’adresses qu’aucun réseau connecté n’utilise ; si la plage \
         externe est déclarée trop largement, réduisez-la à ce qui est réellement routé."
    ),
    sources: &[
        sources::VIRTUAL_NETWORKS_FAQ_2019_02_12,
        sources::CONFIGURE_KUBENET_2026_08_21,
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        for (p, net) in facts.prefixes.iter().enumerate() {
            let Some(net) = net else { continue };
            for (e, _) in context.externals_overlapping(Range::of(*net)) {
                report(context, out, (v, p, &net.to_string()), e);
            }
        }
        for (p, net) in facts.prefixes_v6.iter().enumerate() {
            let Some(net) = *net else { continue };
            let overlapping = context
                .externals_v6
                .iter()
                .enumerate()
                .filter(|(_, external)| external.is_some_and(|external| ipv6_overlap(net, external)));
            for (e, _) in overlapping {
                report(context, out, (v, p, &net.to_string()), e);
            }
        }
    }
}

/// Reports address prefix `p` of VNet `v`, shown as `net`, against external range `e`.
fn report(context: &Context<'_>, out: &mut RuleFindings<'_>, (v, p, net): (usize, usize, &str), e: usize) {
    let Some(external) = context.plan.external_ranges.get(e) else { return };
    out.report(
        msg!(
            [
                "address prefix {net} of VNet '{vnet}' overlaps external range '{name}' ({range})",
                "le préfixe d’adresses {net} du VNet « {vnet} » chevauche la plage externe « {name} » \
                 ({range})"
            ],
            net = net,
            vnet = context.vnet_name(v),
            name = &external.name,
            range = &external.address_prefix,
        ),
        vec![pointer::vnet_prefix(v, p), pointer::external(e)],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::VnetOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn externals(prefixes: &[&str]) -> (&'static str, Value) {
        let ranges: Vec<Value> = prefixes
            .iter()
            .enumerate()
            .map(|(i, prefix)| json!({"name": format!("net{i}"), "addressPrefix": prefix, "kind": "onPremises"}))
            .collect();
        ("/externalRanges", Value::Array(ranges))
    }

    #[test]
    fn fires_for_each_overlapping_external_range() {
        let found = assert_fires(
            VnetOverlapsExternalRange,
            &[externals(&["192.168.0.0/16", "10.1.128.0/17", "10.0.0.0/8"])],
        );
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/vnets/0/addressPrefixes/0", "/externalRanges/1/addressPrefix"],
                ["/vnets/0/addressPrefixes/0", "/externalRanges/2/addressPrefix"],
            ]
        );
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some(
                "address prefix 10.1.0.0/16 of VNet 'ml-vnet' overlaps external range 'net1' (10.1.128.0/17)"
            )
        );
        assert_eq!(
            found.first().map(|f| f.text.render(Lang::Fr)).as_deref(),
            Some(
                "le préfixe d’adresses 10.1.0.0/16 du VNet « ml-vnet » chevauche la plage externe « net1 » \
                 (10.1.128.0/17)"
            )
        );
    }

    #[test]
    fn fires_on_an_ipv6_prefix_inside_an_ipv6_external_range() {
        let changes = [("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")), externals(&["fd00::/16"])];
        let found = assert_fires(VnetOverlapsExternalRange, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/vnets/0/addressPrefixes/1", "/externalRanges/0/addressPrefix"]]);
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some("address prefix fd00:10::/48 of VNet 'ml-vnet' overlaps external range 'net0' (fd00::/16)")
        );
    }

    #[test]
    fn quiet_on_adjacent_ipv6_ranges_and_across_families() {
        let own = ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48"));
        assert_quiet(VnetOverlapsExternalRange, &[own, externals(&["fd00:11::/48"])]);
        // Neither ::/0 nor an IPv4-mapped prefix is ever compared with the VNet's 10.1.0.0/16.
        assert_quiet(VnetOverlapsExternalRange, &[externals(&["::/0", "::ffff:10.1.0.0/112"])]);
    }

    #[test]
    fn quiet_on_separate_or_invalid_external_ranges() {
        assert_quiet(VnetOverlapsExternalRange, &[externals(&["10.2.0.0/16", "192.168.0.0/16"])]);
        assert_quiet(VnetOverlapsExternalRange, &[externals(&["10.1.0.0"])]);
    }
}
