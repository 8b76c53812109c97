use crate::range_fixes::conventional_dns_ip;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The DNS service IP (dnsServiceIP) of an AKS cluster must not be the first host \
           address of the Kubernetes service range, the network address plus one."),
    why: english!("Kubernetes always gives that address to the API server's own service, \
          kubernetes.default.svc.cluster.local. The AKS documentation says not to use it for \
          DNS, and cluster tooling refuses it because the two services would claim the same \
          address."),
    example: Example::Fragment("\"serviceCidr\": \"10.0.0.0/16\" with \"dnsServiceIP\": \"10.0.0.1\""),
    fix: english!("Use another address of the service range for DNS; the usual choice is its tenth \
          address, such as 10.0.0.10 for 10.0.0.0/16."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(service), Some(dns)) = (facts.service, facts.dns) else { continue };
        let range = Range::of(service);
        let address = u32::from(dns);
        if range.first.checked_add(1) != Some(address) || !range.contains_address(address) {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "DNS service IP {dns} of cluster '{}' is the first address of its service CIDR {service}, \
                     which Kubernetes gives to the kubernetes.default service",
                    cluster.name
                ),
                vec![pointer::cluster(index, "dnsServiceIP"), pointer::cluster(index, "serviceCidr")],
            )
            .with_fix(conventional_dns_ip(index, service)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DnsIpIsFirstAddress;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_the_dot_one_address() {
        let changes = [("/aksClusters/0/dnsServiceIP", json!("10.2.0.1"))];
        let found = assert_fires(DnsIpIsFirstAddress, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dnsServiceIP", "/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "DNS service IP 10.2.0.1 of cluster 'ml-aks' is the first address of its service CIDR \
             10.2.0.0/16, which Kubernetes gives to the kubernetes.default service"
        );
        let fix = found[0].fix.as_ref().expect("the range has a tenth address");
        assert_eq!(fix.changes[0].value, json!("10.2.0.10"));
        assert_fix_resolves(DnsIpIsFirstAddress, &changes);
    }

    #[test]
    fn quiet_on_other_addresses() {
        assert_quiet(DnsIpIsFirstAddress, &[]);
        assert_quiet(DnsIpIsFirstAddress, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.2"))]);
        assert_quiet(DnsIpIsFirstAddress, &[("/aksClusters/0/dnsServiceIP", json!("10.2.1.1"))]);
        assert_quiet(DnsIpIsFirstAddress, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.0"))]);
    }
}
