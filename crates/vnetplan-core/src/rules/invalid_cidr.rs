use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::{parse_cidr, parse_prefix, ValueError};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Every CIDR field (VNet address prefixes, subnet prefixes, external ranges, and a \
           cluster's service, pod and docker bridge ranges) must read as an IPv4 block \
           a.b.c.d/n: four decimal octets from 0 to 255 without leading zeros, a prefix \
           length from 0 to 32, and nothing else around it."),
    why: english!("Azure, the AKS resource provider and the Azure ML SDK reject a value they cannot \
          parse, often only after minutes of provisioning. Some tools read a leading zero as \
          octal, so 010.1.0.0 can mean 8.1.0.0 to one tool and 10.1.0.0 to another."),
    example: Example::Fragment("\"addressPrefix\": \"010.1.0.0/16\" or \"serviceCidr\": \"10.0.0.0\" (no /n)"),
    fix: english!("Write the block in plain dotted-quad form with its prefix length, for example \
          10.1.0.0/16. The message says which part of the value is wrong."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // Only text the context could not read is parsed again, to learn why.
    // 1.1: VNet, subnet and external prefixes may be IPv6; an unreadable IPv6 prefix there is
    // invalid, while an IPv6 value in a Kubernetes field is ipv6-not-supported.
    for field in context.cidr_fields().iter().filter(|field| field.net.is_none() && field.net6.is_none()) {
        let read = if field.takes_ipv6() {
            parse_prefix(field.text).map(|_| ())
        } else {
            parse_cidr(field.text).map(|_| ())
        };
        match read {
            Ok(()) | Err(ValueError::Ipv6) => {}
            Err(error) => out.report(format!("{} is not a valid IPv4 CIDR ({:?}): {error}", field.label(context.plan), field.text),
                vec![field.pointer()],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::InvalidCidr;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_on_malformed_values() {
        for bad in ["010.1.0.0/16", "10.0.0.0", "1.2.3.4/33", "10.0.0.0/24 ", "", "١٠.0.0.0/8"] {
            let found = assert_fires(InvalidCidr, &[("/vnets/0/addressPrefixes/0", json!(bad))]);
            assert_eq!(found[0].subjects, ["/vnets/0/addressPrefixes/0"]);
        }
        let found = assert_fires(InvalidCidr, &[("/aksClusters/0/serviceCidr", json!("10.0.0.0"))]);
        assert_eq!(
            found[0].message,
            "the Kubernetes service range of cluster 'ml-aks' is not a valid IPv4 CIDR (\"10.0.0.0\"): \
             the prefix length is missing; write it as a.b.c.d/n"
        );
    }

    #[test]
    fn quiet_on_valid_and_ipv6_values() {
        assert_quiet(InvalidCidr, &[]);
        assert_quiet(InvalidCidr, &[("/aksClusters/0/dockerBridgeCidr", json!("172.17.0.1/16"))]);
        assert_quiet(InvalidCidr, &[("/vnets/0/addressPrefixes/0", json!("fd00::/48"))]);
    }
}
