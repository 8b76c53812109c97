use crate::catalog::{Example, RuleDoc};
use crate::context::{CidrOwner, Context};
use crate::finding::RuleFindings;
use crate::net::{parse_cidr, parse_ipv4, ValueError};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster's Kubernetes fields (serviceCidr, podCidr, dockerBridgeCidr and dnsServiceIP) \
         take IPv4 only, and so does the addressPrefix of a subnet that serves as an AKS node \
         subnet, a pod subnet, a load balancer subnet or an ACI subnet. Elsewhere, IPv6 prefixes of VNets, subnets \
         and external ranges are valid: they describe dual-stack networks.",
        "Les champs Kubernetes d’un cluster (serviceCidr, podCidr, dockerBridgeCidr et dnsServiceIP) \
         n’acceptent que l’IPv4, tout comme l’addressPrefix d’un sous-réseau qui sert de sous-réseau \
         de nœuds AKS, de sous-réseau de pods, de sous-réseau d’équilibreur de charge ou de \
         sous-réseau ACI. Ailleurs, les \
         préfixes IPv6 des VNets, sous-réseaux et plages externes sont valides : ils décrivent des \
         réseaux double pile."
    ),
    why: text!(
        "The Azure ML v1 SDK describes a cluster's network with single IPv4 values and checks them \
         against IPv4 patterns, so an IPv6 range is refused. Dual-stack AKS uses separate list \
         fields that the v1 SDK does not offer, and the plan, for v2 clusters too, holds one value \
         for each of these fields. A pod subnet hands the pods their addresses as a node subnet hands \
         the nodes theirs, and Azure Container Instances in a VNet does not support IPv6 addresses at \
         all.",
        "Le SDK Azure ML v1 décrit le réseau d’un cluster par des valeurs IPv4 uniques qu’il vérifie \
         avec des motifs IPv4 : une plage IPv6 y est refusée. AKS en double pile utilise des champs \
         de liste distincts que le SDK v1 ne propose pas, et le plan, pour les clusters v2 aussi, ne \
         garde qu’une valeur par champ. Un sous-réseau de pods donne leurs adresses aux pods comme un \
         sous-réseau de nœuds aux nœuds, et Azure Container Instances dans un VNet ne prend pas du \
         tout en charge les adresses IPv6."
    ),
    example: Example(&[("/aksClusters/0/serviceCidr", r#""fd00:2::/108""#)]),
    fix: text!(
        "Give the cluster IPv4 values (for example serviceCidr 10.2.0.0/16 with dnsServiceIP \
         10.2.0.10) and give node, pod, load balancer and ACI subnets an IPv4 prefix. The VNet may keep \
         an IPv6 prefix beside its IPv4 one.",
        "Donnez au cluster des valeurs IPv4 (par exemple serviceCidr 10.2.0.0/16 avec dnsServiceIP \
         10.2.0.10) et un préfixe IPv4 aux sous-réseaux de nœuds, de pods, d’équilibreur de charge et \
         ACI. Le \
         VNet peut garder un préfixe IPv6 à côté de son préfixe IPv4."
    ),
    sources: &[sources::AKS_NETWORKING_CONFIGURATION, sources::CONTAINER_INSTANCES_VIRTUAL_NETWORK_CONCEPTS],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // 1.1: IPv6 prefixes are valid in VNets, subnets and external ranges, except on a subnet
    // that must hold IPv4 addresses: an AKS node or pod subnet, a load balancer subnet, an ACI
    // subnet.
    let mut ipv4_only: Vec<(usize, usize)> = Vec::new();
    for (_, _, facts) in context.clusters() {
        ipv4_only.extend(facts.node.vnet.zip(facts.node.subnet));
        ipv4_only.extend(facts.node.vnet.zip(facts.load_balancer_subnet));
        ipv4_only.extend(facts.node.vnet.zip(facts.pod_subnet));
    }
    ipv4_only.extend(context.aci.iter().filter_map(|placement| placement.vnet.zip(placement.subnet)));
    for field in context.cidr_fields().iter().filter(|field| field.net.is_none()) {
        let needs_ipv4 = match field.owner {
            CidrOwner::Subnet { vnet, subnet } => ipv4_only.contains(&(vnet, subnet)),
            CidrOwner::Cluster(..) => true,
            CidrOwner::VnetPrefix { .. } | CidrOwner::External(_) => false,
        };
        if needs_ipv4 && (field.net6.is_some() || parse_cidr(field.text) == Err(ValueError::Ipv6)) {
            out.report(
                msg!(
                    [
                        "{field} is the IPv6 value {text}, where only IPv4 is accepted",
                        "{field} est la valeur IPv6 {text}, là où seul l’IPv4 est accepté"
                    ],
                    text = format!("{:?}", field.text),
                )
                .with_message("field", field.label(context.plan)),
                vec![field.pointer()],
            );
        }
    }
    for (index, cluster, _) in context.clusters() {
        if parse_ipv4(&cluster.dns_service_ip) == Err(ValueError::Ipv6) {
            out.report(
                msg!(
                    [
                        "the DNS service IP of cluster '{cluster}' is the IPv6 address {text}, where only \
                         IPv4 is accepted",
                        "l’IP du service DNS du cluster « {cluster} » est l’adresse IPv6 {text}, là où seul \
                         l’IPv4 est accepté"
                    ],
                    cluster = &cluster.name,
                    text = format!("{:?}", cluster.dns_service_ip),
                ),
                vec![pointer::cluster(index, "dnsServiceIP")],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::Ipv6NotSupported;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn subjects(changes: &[(&str, serde_json::Value)]) -> Vec<Vec<String>> {
        assert_fires(Ipv6NotSupported, changes).into_iter().map(|f| f.subjects).collect()
    }

    #[test]
    fn fires_on_ipv6_kubernetes_ranges_and_ipv6_node_subnets() {
        // 1.1: dual-stack VNet prefixes and subnets that hold no cluster or deployment are valid.
        assert_quiet(Ipv6NotSupported, &[("/vnets/0/addressPrefixes/-", json!("fd00:10::/48"))]);
        assert_quiet(
            Ipv6NotSupported,
            &[
                ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
                ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:10::/64"})),
                (
                    "/externalRanges",
                    json!([{"name": "peer", "addressPrefix": "fd00:20::/48", "kind": "peeredVnet"}]),
                ),
            ],
        );
        // The node subnet must be IPv4.
        assert_eq!(
            subjects(&[("/vnets/0/subnets/0/addressPrefix", json!("fd00:10::/64"))]),
            [["/vnets/0/subnets/0/addressPrefix"]]
        );
        assert_eq!(
            subjects(&[("/aksClusters/0/dockerBridgeCidr", json!("fd00:17::1/64"))]),
            [["/aksClusters/0/dockerBridgeCidr"]]
        );
        let found = assert_fires(Ipv6NotSupported, &[("/aksClusters/0/serviceCidr", json!("fd00:2::/108"))]);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the Kubernetes service range of cluster 'ml-aks' is the IPv6 value \"fd00:2::/108\", \
              where only IPv4 is accepted"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services Kubernetes du cluster « ml-aks » est la valeur IPv6 \"fd00:2::/108\", \
             là où seul l’IPv4 est accepté"
        );
    }

    #[test]
    fn fires_on_an_ipv6_pod_subnet() {
        let changes = [
            ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "fd00:10::/64"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
        ];
        assert_eq!(subjects(&changes), [["/vnets/0/subnets/1/addressPrefix"]]);
    }

    #[test]
    fn fires_on_an_ipv6_dns_service_ip() {
        let found = assert_fires(Ipv6NotSupported, &[("/aksClusters/0/dnsServiceIP", json!("fd00::10"))]);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the DNS service IP of cluster 'ml-aks' is the IPv6 address \"fd00::10\", where only IPv4 \
              is accepted"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’IP du service DNS du cluster « ml-aks » est l’adresse IPv6 \"fd00::10\", là où seul \
             l’IPv4 est accepté"
        );
        assert_eq!(
            subjects(&[("/aksClusters/0/dnsServiceIP", json!("::1"))]),
            [["/aksClusters/0/dnsServiceIP"]]
        );
    }

    #[test]
    fn quiet_on_ipv4_and_on_values_that_are_merely_invalid() {
        assert_quiet(Ipv6NotSupported, &[]);
        assert_quiet(Ipv6NotSupported, &[("/vnets/0/addressPrefixes/0", json!("10.1.0.0"))]);
        assert_quiet(Ipv6NotSupported, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.256"))]);
    }
}
