use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The Kubernetes service range (serviceCidr) of an AKS cluster should stay out of the \
           address space of the cluster's own VNet, even where no subnet has claimed those \
           addresses yet. Overlaps with an existing subnet are reported by \
           service-cidr-overlaps-subnet instead."),
    why: english!("The AKS documentation asks for a service range outside the cluster's VNet and warns \
          that overlapping ranges behave unpredictably. The resource provider has accepted \
          such a range at creation, but the Azure portal flags it, users report later \
          operations failing on it, and the first subnet someone adds in that part of the \
          VNet makes the cluster fail its next upgrade with \
          ServiceCidrOverlapExistingSubnetsCidr."),
    example: Example::Fragment("VNet 10.1.0.0/16 whose only subnet is 10.1.0.0/22, and serviceCidr 10.1.128.0/17"),
    fix: english!("Choose a service range that no VNet, peered network or on-premises network uses, \
          such as 10.2.0.0/16, and put dnsServiceIP inside it (10.2.0.10)."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(service)) = (facts.node.vnet, facts.service_range()) else { continue };
        if !context.subnets_overlapping(vnet, service).is_empty() {
            continue;
        }
        let prefixes = context.prefixes_overlapping(vnet, service);
        if prefixes.is_empty() {
            continue;
        }
        let (subjects, listed) = overlapped_prefixes(index, vnet, &prefixes);
        out.push(
            Draft::new(format!(
                    "service CIDR {} of cluster '{}' overlaps the address space of VNet '{}' ({listed}) \
                     outside any of its subnets",
                    cluster.service_cidr,
                    cluster.name,
                    context.vnet_name(vnet)
                ),
                subjects,
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

/// The subjects of a finding about cluster `index`'s service range reaching into `prefixes` of
/// VNet `vnet`, and those prefixes as its message lists them.
pub(super) fn overlapped_prefixes(
    index: usize,
    vnet: usize,
    prefixes: &[(usize, Range)],
) -> (Vec<String>, String) {
    let mut subjects = vec![pointer::cluster(index, "serviceCidr")];
    subjects.extend(prefixes.iter().map(|(prefix, _)| pointer::vnet_prefix(vnet, *prefix)));
    let listed: Vec<String> = prefixes.iter().map(|(_, range)| range.to_string()).collect();
    (subjects, listed.join(", "))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrOverlapsVnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_service_range_in_unused_vnet_space() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("10.1.128.0/17")),
            ("/aksClusters/0/dnsServiceIP", json!("10.1.128.10")),
        ];
        let found = assert_fires(ServiceCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.1.128.0/17 of cluster 'ml-aks' overlaps the address space of VNet \
             'ml-vnet' (10.1.0.0/16) outside any of its subnets"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.2.0.0/17"));
        assert_eq!(fix.changes[1].value, json!("10.2.0.10"));
        assert_fix_resolves(ServiceCidrOverlapsVnet, &changes);
    }

    #[test]
    fn names_every_overlapping_prefix() {
        let changes = [
            ("/vnets/0/addressPrefixes", json!(["10.4.0.0/16", "10.5.0.0/16", "10.1.0.0/16"])),
            ("/aksClusters/0/serviceCidr", json!("10.4.0.0/15")),
            ("/aksClusters/0/dnsServiceIP", json!("10.4.0.10")),
        ];
        let found = assert_fires(ServiceCidrOverlapsVnet, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/serviceCidr", "/vnets/0/addressPrefixes/0", "/vnets/0/addressPrefixes/1"]
        );
        assert!(found[0].message.contains("(10.4.0.0/16, 10.5.0.0/16)"), "{}", found[0].message);
    }

    #[test]
    fn quiet_outside_the_vnet_or_when_a_subnet_overlaps() {
        assert_quiet(ServiceCidrOverlapsVnet, &[]);
        assert_quiet(ServiceCidrOverlapsVnet, &[("/aksClusters/0/serviceCidr", json!("10.1.0.0/16"))]);
    }
}
