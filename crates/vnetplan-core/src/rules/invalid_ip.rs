use crate::range_fixes::dns_ip_for;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::{parse_ipv4, ValueError};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The DNS service IP (dnsServiceIP) of every AKS cluster must be one plain IPv4 \
           address: four decimal numbers from 0 to 255 separated by dots, with no leading \
           zeros, no prefix length and no spaces around it."),
    why: english!("The Azure ML v1 SDK and the AKS resource provider check this value against an \
          address pattern and refuse the cluster when it does not match, sometimes only after \
          provisioning has already started. A value such as 10.0.0.010 is also ambiguous, \
          because some resolvers read a leading zero as an octal number."),
    example: Example::Fragment("\"dnsServiceIP\": \"10.2.0.256\", \"10.2.0.010\" or \"10.2.0.10/32\""),
    fix: english!("Write a single address inside the cluster's service range, conventionally its tenth \
          address: with serviceCidr 10.2.0.0/16, use 10.2.0.10."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let error = match parse_ipv4(&cluster.dns_service_ip) {
            // An IPv6 address is a readable value in the wrong family: ipv6-not-supported says so.
            Ok(_) | Err(ValueError::Ipv6) => continue,
            Err(error) => error,
        };
        let target = pointer::cluster(index, "dnsServiceIP");
        let fix = facts.service.and_then(|service| {
            let dns = dns_ip_for(service)?;
            Some(Fix::set(
                format!("use {dns}, an address of the service range {}", service.trunc()),
                target.clone(),
                dns.to_string(),
            ))
        });
        out.push(
            Draft::new(format!(
                    "the DNS service IP of cluster '{}' is not a valid IPv4 address ({:?}): {error}",
                    cluster.name, cluster.dns_service_ip
                ),
                vec![target],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::InvalidIp;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_malformed_addresses() {
        for bad in ["10.2.0.256", "10.2.0.010", "10.2.0.10/32", "10.2.0", " 10.2.0.10", "", "dns"] {
            let found = assert_fires(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!(bad))]);
            let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
            assert_eq!(subjects, [["/aksClusters/0/dnsServiceIP"]], "for {bad:?}");
        }
    }

    #[test]
    fn message_names_the_cluster_and_the_problem() {
        let found = assert_fires(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.256"))]);
        let finding = found.first().expect("one finding");
        assert_eq!(
            finding.message,
            "the DNS service IP of cluster 'ml-aks' is not a valid IPv4 address (\"10.2.0.256\"): \
             '256' is larger than 255"
        );
        let fix = finding.fix.as_ref().expect("the service range is valid");
        assert_eq!(fix.title, "use 10.2.0.10, an address of the service range 10.2.0.0/16");
        assert_fix_resolves(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.256"))]);
    }

    #[test]
    fn no_fix_without_a_valid_service_range() {
        let found = assert_fires(
            InvalidIp,
            &[("/aksClusters/0/dnsServiceIP", json!("x")), ("/aksClusters/0/serviceCidr", json!("10.2.0.0"))],
        );
        assert!(found.iter().all(|f| f.fix.is_none()));
    }

    #[test]
    fn quiet_on_valid_and_ipv6_addresses() {
        assert_quiet(InvalidIp, &[]);
        assert_quiet(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!("fd00::10"))]);
    }
}
