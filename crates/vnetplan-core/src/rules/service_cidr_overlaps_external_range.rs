use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster must share no address with an \
         external range of the plan: a peered VNet, an on-premises network, or a range reached over VPN or \
         ExpressRoute.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS ne doit partager aucune adresse \
         avec une plage externe du plan : VNet appairé, réseau sur site, ou plage joignable par VPN ou \
         ExpressRoute."
    ),
    why: text!(
        "Service addresses exist only inside the cluster, where kube-proxy captures every packet sent to \
         them. Pods therefore cannot reach the real hosts that use the same addresses in a peered or \
         on-premises network: their traffic ends at a Kubernetes service, or nowhere. The AKS \
         documentation requires the service range to stay clear of peered VNets and on-premises addresses.",
        "Les adresses de service n’existent qu’à l’intérieur du cluster, où kube-proxy intercepte tout \
         paquet qui leur est destiné. Les pods ne peuvent donc plus joindre les vraies machines qui \
         portent les mêmes adresses dans un réseau appairé ou sur site : leur trafic aboutit à un service \
         Kubernetes, ou nulle part. La documentation d’AKS exige que la plage des services évite les VNets \
         appairés et les adresses sur site."
    ),
    example: Example(&[(
        "/externalRanges",
        r#"[{"name": "datacenter", "addressPrefix": "10.2.0.0/16", "kind": "onPremises"}]"#,
    )]),
    fix: text!(
        "Move the service range to a block that no network reachable from the VNet uses, and move \
         dnsServiceIP into it (its .10 address is the usual choice).",
        "Déplacez la plage des services vers un bloc qu’aucun réseau joignable depuis le VNet n’utilise, \
         et déplacez dnsServiceIP avec elle (on choisit d’ordinaire son adresse .10)."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
        sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY,
        sources::CONFIGURE_KUBENET_2026_08_21,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service_range() else { continue };
        for (external, range) in context.externals_overlapping(service) {
            let name = context.external_name(external);
            out.push(
                Draft::new(
                    msg!(
                        [
                            "service CIDR {cidr} of cluster '{cluster}' overlaps external range '{name}' ({range})",
                            "la plage de services {cidr} du cluster « {cluster} » chevauche la plage externe \
                             « {name} » ({range})"
                        ],
                        cidr = &cluster.service_cidr,
                        cluster = &cluster.name,
                        name = name,
                        range = range,
                    ),
                    vec![pointer::cluster(index, "serviceCidr"), pointer::external(external)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Service)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn external(prefix: &str) -> (&'static str, serde_json::Value) {
        ("/externalRanges", json!([{ "name": "datacenter", "addressPrefix": prefix, "kind": "onPremises" }]))
    }

    #[test]
    fn fires_when_an_on_premises_range_holds_the_service_range() {
        let changes = [external("10.0.0.0/14")];
        let found = assert_fires(ServiceCidrOverlapsExternalRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/externalRanges/0/addressPrefix"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.2.0.0/16 of cluster 'ml-aks' overlaps external range 'datacenter' (10.0.0.0/14)"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.2.0.0/16 du cluster « ml-aks » chevauche la plage externe \
             « datacenter » (10.0.0.0/14)"
        );
        assert_fix_resolves(ServiceCidrOverlapsExternalRange, &changes);
    }

    #[test]
    fn fires_on_partial_overlap() {
        assert_fires(ServiceCidrOverlapsExternalRange, &[external("10.2.200.0/24")]);
    }

    #[test]
    fn quiet_when_the_ranges_are_apart() {
        assert_quiet(ServiceCidrOverlapsExternalRange, &[]);
        assert_quiet(ServiceCidrOverlapsExternalRange, &[external("192.168.0.0/16")]);
        assert_quiet(ServiceCidrOverlapsExternalRange, &[external("10.3.0.0/16")]);
    }
}
