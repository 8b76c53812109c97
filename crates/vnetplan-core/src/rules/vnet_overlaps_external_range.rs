use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("No address prefix of a VNet may share an address with any external range the plan \
           lists: a peered VNet, an on-premises network, a VPN or an ExpressRoute range."),
    why: english!("Traffic between the VNet and that network is routed by address. When the same \
          addresses exist on both sides, Azure refuses the peering, and over a VPN or \
          ExpressRoute packets for the shared addresses stay on the wrong side, so clients \
          cannot reach the scoring endpoint or the cluster cannot reach its dependencies."),
    example: Example::Fragment("VNet prefix 10.1.0.0/16 and an external range 'onprem' of kind onPremises at \
              10.1.128.0/17"),
    fix: english!("Move the VNet to address space that none of the connected networks use; if the \
          external range is listed too broadly, narrow it to what is really routed."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let externals = &context.plan.external_ranges;
    for (v, facts) in context.vnets.iter().enumerate() {
        for (p, net) in facts.prefixes.iter().enumerate() {
            let Some(net) = net else { continue };
            for (e, _) in context.externals_overlapping(Range::of(*net)) {
                let Some(external) = externals.get(e) else { continue };
                out.report(format!(
                        "address prefix {net} of VNet '{}' overlaps external range '{}' ({})",
                        context.vnet_name(v),
                        external.name,
                        external.address_prefix
                    ),
                    vec![pointer::vnet_prefix(v, p), pointer::external(e)],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::VnetOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_quiet};

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
    }

    #[test]
    fn quiet_on_separate_or_invalid_external_ranges() {
        assert_quiet(VnetOverlapsExternalRange, &[externals(&["10.2.0.0/16", "192.168.0.0/16"])]);
        assert_quiet(VnetOverlapsExternalRange, &[externals(&["10.1.0.0"])]);
    }
}
