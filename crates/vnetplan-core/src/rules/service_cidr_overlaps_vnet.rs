use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::range_fixes::move_cluster_range;
use crate::rules::shared::overlapped_prefixes;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster should stay out of the address \
         space of the cluster's own VNet, even where no subnet uses those addresses yet. An overlap with \
         an existing subnet is reported by service-cidr-overlaps-subnet instead.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS devrait rester hors de l’espace \
         d’adresses du VNet du cluster, même là où aucun sous-réseau n’utilise encore ces adresses. Le \
         chevauchement d’un sous-réseau existant relève de service-cidr-overlaps-subnet."
    ),
    why: text!(
        "The AKS documentation advises against a service range inside the cluster's VNet and warns of \
         unpredictable behaviour. The resource provider has accepted such ranges at creation, which is why \
         this is a warning. But Azure networking cannot see the service range: the first subnet someone \
         creates in that part of the VNet makes the next upgrade fail with \
         ServiceCidrOverlapExistingSubnetsCidr.",
        "La documentation d’AKS déconseille une plage des services située dans le VNet du cluster et \
         prévient d’un comportement imprévisible. Le fournisseur de ressources a accepté de telles plages \
         à la création, d’où un simple avertissement. Mais le réseau Azure ne voit pas la plage des \
         services : le premier sous-réseau créé dans cette partie du VNet fait échouer la mise à niveau \
         suivante avec ServiceCidrOverlapExistingSubnetsCidr."
    ),
    example: Example(&[
        ("/aksClusters/0/serviceCidr", r#""10.1.128.0/17""#),
        ("/aksClusters/0/dnsServiceIP", r#""10.1.128.10""#),
    ]),
    fix: text!(
        "Choose a service range that no VNet, peered network or on-premises network uses, such as \
         10.2.0.0/16, and put dnsServiceIP inside it (10.2.0.10).",
        "Choisissez une plage des services qu’aucun VNet, réseau appairé ou réseau sur site n’utilise, \
         comme 10.2.0.0/16, et placez dnsServiceIP dedans (10.2.0.10)."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
        sources::ERROR_CODE_SERVICECIDROVERLAPEXISTINGSUBNETSCIDR,
    ],
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
            Draft::new(
                msg!(
                    [
                        "service CIDR {cidr} of cluster '{cluster}' overlaps the address space of VNet \
                         '{vnet}' ({listed}) outside any of its subnets",
                        "la plage de services {cidr} du cluster « {cluster} » chevauche l’espace d’adresses \
                         du VNet « {vnet} » ({listed}) en dehors de tous ses sous-réseaux"
                    ],
                    cidr = &cluster.service_cidr,
                    cluster = &cluster.name,
                    vnet = context.vnet_name(vnet),
                    listed = listed,
                ),
                subjects,
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrOverlapsVnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

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
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.1.128.0/17 du cluster « ml-aks » chevauche l’espace d’adresses du \
             VNet « ml-vnet » (10.1.0.0/16) en dehors de tous ses sous-réseaux"
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
