use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

/// Kubernetes caps an IPv4 service range at 2^20 addresses, so /12 is the shortest prefix.
const SHORTEST_PREFIX: u8 = 12;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The Kubernetes service range (serviceCidr) of an AKS cluster must hold at most a \
           /12, that is 1,048,576 addresses: its prefix length must be 12 or more."),
    why: english!("The Kubernetes API server tracks every service address in memory and refuses IPv4 \
          service ranges shorter than /12, and the AKS documentation sets the same ceiling, \
          so a /8 or /11 does not deploy. Such a range would also swallow a large part of \
          the private address space that VNets and peered networks need."),
    example: Example::Fragment("\"serviceCidr\": \"10.0.0.0/8\", \"dnsServiceIP\": \"10.0.0.10\""),
    fix: english!("Use a much smaller service range; a /16 (65,536 services) is more than any cluster \
          needs, for example 10.2.0.0/16 with dnsServiceIP 10.2.0.10."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service else { continue };
        if service.prefix_len() >= SHORTEST_PREFIX {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "service CIDR {} of cluster '{}' is a /{}, larger than the /{SHORTEST_PREFIX} AKS allows",
                    cluster.service_cidr,
                    cluster.name,
                    service.prefix_len()
                ),
                vec![pointer::cluster(index, "serviceCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrTooLarge;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_slash_8() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("10.0.0.0/8")),
            ("/aksClusters/0/dnsServiceIP", json!("10.0.0.10")),
        ];
        let found = assert_fires(ServiceCidrTooLarge, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.0.0.0/8 of cluster 'ml-aks' is a /8, larger than the /12 AKS allows"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.0.0.0/16"));
        assert_eq!(fix.changes[1].value, json!("10.0.0.10"));
        assert_fix_resolves(ServiceCidrTooLarge, &changes);
    }

    #[test]
    fn fires_just_past_the_limit() {
        assert_fires(ServiceCidrTooLarge, &[("/aksClusters/0/serviceCidr", json!("10.32.0.0/11"))]);
    }

    #[test]
    fn quiet_at_slash_12_and_smaller() {
        assert_quiet(ServiceCidrTooLarge, &[]);
        assert_quiet(ServiceCidrTooLarge, &[("/aksClusters/0/serviceCidr", json!("10.16.0.0/12"))]);
    }
}
