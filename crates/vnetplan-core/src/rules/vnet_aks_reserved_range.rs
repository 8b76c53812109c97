use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::{Range, AKS_RESERVED};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A VNet that holds an AKS cluster must take no address of the ranges AKS reserves: \
         169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24.",
        "Un VNet qui accueille un cluster AKS ne doit prendre aucune adresse des plages réservées par AKS \
         : 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 et 192.0.2.0/24."
    ),
    why: text!(
        "AKS uses these ranges inside every cluster, and its documentation forbids them in the address \
         space of the cluster's VNet as much as in the service and pod ranges. A common way to hit this is \
         a VNet of 172.16.0.0/12, which contains 172.30.0.0/16 and 172.31.0.0/16.",
        "AKS utilise ces plages dans chaque cluster, et sa documentation les interdit dans l’espace \
         d’adresses du VNet du cluster comme dans les plages des services et des pods. Un cas fréquent est \
         un VNet en 172.16.0.0/12, qui contient 172.30.0.0/16 et 172.31.0.0/16."
    ),
    example: Example(&[
        ("/vnets/0/addressPrefixes/0", r#""172.16.0.0/12""#),
        ("/vnets/0/subnets/0/addressPrefix", r#""172.16.0.0/22""#),
    ]),
    fix: text!(
        "Give the cluster's VNet an address space that avoids the four ranges, for example a block of \
         10.0.0.0/8, or a smaller block of 172.16.0.0/12 such as 172.16.0.0/16.",
        "Donnez au VNet du cluster un espace d’adresses qui évite ces quatre plages, par exemple un bloc \
         de 10.0.0.0/8, ou un bloc plus petit de 172.16.0.0/12 comme 172.16.0.0/16."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_CNI_OVERVIEW,
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
        sources::CONFIGURE_KUBENET_2026_08_21,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // A VNet used by several clusters is reported once, naming the first of them.
    let mut first_cluster: Vec<(usize, usize)> =
        context.clusters().filter_map(|(index, _, facts)| Some((facts.node.vnet?, index))).collect();
    // Stable, so the first cluster of each VNet stays in front of the others.
    crate::sorting::sort_by_key(&mut first_cluster, |(vnet, _)| *vnet);
    first_cluster.dedup_by_key(|(vnet, _)| *vnet);
    for (v, cluster) in first_cluster {
        let Some(facts) = context.vnets.get(v) else { continue };
        let cluster_name = context.cluster(cluster).map_or("", |(cluster, _)| cluster.name.as_str());
        for (p, net) in facts.prefixes.iter().enumerate() {
            let Some(net) = net else { continue };
            let range = Range::of(*net);
            for reserved in AKS_RESERVED.iter().filter(|reserved| range.overlaps(**reserved)) {
                out.report(
                    msg!(
                        [
                            "address prefix {net} of VNet '{vnet}', which cluster '{cluster}' uses, \
                             overlaps {reserved}, a range AKS reserves",
                            "le préfixe d’adresses {net} du VNet « {vnet} », qu’utilise le cluster \
                             « {cluster} », chevauche {reserved}, une plage réservée par AKS"
                        ],
                        net = net,
                        vnet = context.vnet_name(v),
                        cluster = cluster_name,
                        reserved = reserved,
                    ),
                    vec![pointer::vnet_prefix(v, p), pointer::cluster(cluster, "vnet")],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::VnetAksReservedRange;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn in_172_16() -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/vnets/0/addressPrefixes/0", json!("172.16.0.0/12")),
            ("/vnets/0/subnets/0/addressPrefix", json!("172.16.0.0/22")),
        ]
    }

    #[test]
    fn fires_once_per_reserved_range_in_the_cluster_vnet() {
        let found = assert_fires(VnetAksReservedRange, &in_172_16());
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/vnets/0/addressPrefixes/0", "/aksClusters/0/vnet"],
                ["/vnets/0/addressPrefixes/0", "/aksClusters/0/vnet"]
            ]
        );
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages.first().copied(),
            Some(
                "address prefix 172.16.0.0/12 of VNet 'ml-vnet', which cluster 'ml-aks' uses, overlaps \
                 172.30.0.0/16, a range AKS reserves"
            )
        );
        assert_eq!(
            found.first().map(|f| f.text.render(Lang::Fr)).as_deref(),
            Some(
                "le préfixe d’adresses 172.16.0.0/12 du VNet « ml-vnet », qu’utilise le cluster « ml-aks », \
                 chevauche 172.30.0.0/16, une plage réservée par AKS"
            )
        );
    }

    #[test]
    fn a_vnet_shared_by_two_clusters_is_reported_once() {
        let mut changes = in_172_16();
        changes.push(("/vnets/0/addressPrefixes/-", json!("192.0.2.0/24")));
        changes.push((
            "/aksClusters/-",
            json!({"name": "second", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.3.0.0/16",
                   "dnsServiceIP": "10.3.0.10", "nodeCount": 3}),
        ));
        let found = assert_fires(VnetAksReservedRange, &changes);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|f| f.subjects.get(1).is_some_and(|s| s == "/aksClusters/0/vnet")));
    }

    #[test]
    fn quiet_on_an_ipv6_prefix_of_the_cluster_vnet() {
        // Read as IPv4, ::/0 would take every reserved range; the rule compares IPv4 only.
        assert_quiet(VnetAksReservedRange, &[("/vnets/0/addressPrefixes/-", json!("::/0"))]);
        assert_quiet(VnetAksReservedRange, &[("/vnets/0/addressPrefixes/-", json!("fd00:10::/48"))]);
    }

    #[test]
    fn quiet_for_vnets_without_a_cluster() {
        assert_quiet(VnetAksReservedRange, &[]);
        assert_quiet(
            VnetAksReservedRange,
            &[(
                "/vnets/-",
                json!({"name": "legacy", "resourceGroup": "ml-rg", "addressPrefixes": ["172.30.0.0/16"], "subnets": []}),
            )],
        );
    }
}
