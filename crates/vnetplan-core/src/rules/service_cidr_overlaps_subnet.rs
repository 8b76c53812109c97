use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster must share no address with any \
         subnet of the cluster's VNet, not only with the node subnet.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS ne doit partager aucune adresse \
         avec un sous-réseau du VNet du cluster, quel qu’il soit, et pas seulement avec le sous-réseau des \
         nœuds."
    ),
    why: text!(
        "Service IPs are virtual and exist only inside the cluster; where they overlap a subnet, \
         kube-proxy captures traffic meant for the machines of that subnet. The AKS resource provider \
         therefore rejects the cluster with ServiceCidrOverlapExistingSubnetsCidr, at creation and again \
         before every upgrade. Keeping the SDK default 10.0.0.0/16 in a 10.0.0.0/16 VNet is the most \
         common way to hit this.",
        "Les IP de service sont virtuelles et n’existent qu’à l’intérieur du cluster ; là où elles \
         chevauchent un sous-réseau, kube-proxy capte le trafic destiné aux machines de ce sous-réseau. Le \
         fournisseur de ressources AKS refuse donc le cluster avec ServiceCidrOverlapExistingSubnetsCidr, \
         à la création puis avant chaque mise à niveau. Garder la valeur par défaut du SDK, 10.0.0.0/16, \
         dans un VNet en 10.0.0.0/16 est la façon la plus courante d’y tomber."
    ),
    example: Example(&[
        ("/vnets/0/addressPrefixes/0", r#""10.0.0.0/16""#),
        ("/vnets/0/subnets/0/addressPrefix", r#""10.0.0.0/24""#),
        ("/aksClusters/0/serviceCidr", r#""10.0.0.0/16""#),
        ("/aksClusters/0/dnsServiceIP", r#""10.0.0.10""#),
    ]),
    fix: text!(
        "Choose a service range outside every VNet, peered network and on-premises range, for example \
         10.2.0.0/16 when that block is free, and move dnsServiceIP into it (10.2.0.10).",
        "Choisissez une plage des services hors de tout VNet, réseau appairé et plage sur site, par \
         exemple 10.2.0.0/16 si ce bloc est libre, et placez dnsServiceIP dedans (10.2.0.10)."
    ),
    sources: &[
        sources::ERROR_CODE_SERVICECIDROVERLAPEXISTINGSUBNETSCIDR,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(service)) = (facts.node.vnet, facts.service_range()) else { continue };
        let overlapping = context.subnets_overlapping(vnet, service);
        let Some(&(first, first_range)) = overlapping.first() else { continue };
        // One finding per cluster: a wide service range can cover thousands of subnets, and a
        // single move fixes them all. Every subnet is still a subject so the map marks it.
        let first_subnet = context.subnet_name(vnet, first);
        let covered = match overlapping.len() - 1 {
            0 => msg!(
                ["subnet '{subnet}' ({range})", "le sous-réseau « {subnet} » ({range})"],
                subnet = first_subnet,
                range = first_range,
            ),
            1 => msg!(
                [
                    "subnet '{subnet}' ({range}) and 1 more subnet",
                    "le sous-réseau « {subnet} » ({range}) et 1 autre sous-réseau"
                ],
                subnet = first_subnet,
                range = first_range,
            ),
            more => msg!(
                [
                    "subnet '{subnet}' ({range}) and {more} more subnets",
                    "le sous-réseau « {subnet} » ({range}) et {more} autres sous-réseaux"
                ],
                subnet = first_subnet,
                range = first_range,
                more = more,
            ),
        };
        let mut subjects = vec![pointer::cluster(index, "serviceCidr")];
        subjects.extend(overlapping.iter().map(|(subnet, _)| pointer::subnet_prefix(vnet, *subnet)));
        out.push(
            Draft::new(
                msg!(
                    [
                        "service CIDR {cidr} of cluster '{cluster}' overlaps {covered} of VNet '{vnet}'",
                        "la plage de services {cidr} du cluster « {cluster} » chevauche {covered} du VNet \
                         « {vnet} »"
                    ],
                    cidr = &cluster.service_cidr,
                    cluster = &cluster.name,
                    vnet = context.vnet_name(vnet),
                )
                .with_message("covered", covered),
                subjects,
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrOverlapsSubnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_the_sdk_default_inside_the_vnet() {
        let changes = [
            ("/vnets/0/addressPrefixes/0", json!("10.0.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.0.0.0/24")),
            ("/aksClusters/0/serviceCidr", json!("10.0.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.0.0.10")),
        ];
        let found = assert_fires(ServiceCidrOverlapsSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/vnets/0/subnets/0/addressPrefix"]);
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.1.0.0/16"));
        assert_eq!(fix.changes[1].value, json!("10.1.0.10"));
        assert_fix_resolves(ServiceCidrOverlapsSubnet, &changes);
    }

    #[test]
    fn fires_for_any_subnet_not_only_the_node_subnet() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "other", "addressPrefix": "10.1.200.0/24"})),
            ("/aksClusters/0/serviceCidr", json!("10.1.192.0/18")),
        ];
        let found = assert_fires(ServiceCidrOverlapsSubnet, &changes);
        assert_eq!(found[0].subjects[1], "/vnets/0/subnets/1/addressPrefix");
    }

    #[test]
    fn one_finding_names_every_covered_subnet() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "b", "addressPrefix": "10.1.4.0/24"})),
            ("/vnets/0/subnets/-", json!({"name": "c", "addressPrefix": "10.1.5.0/24"})),
            ("/aksClusters/0/serviceCidr", json!("10.1.0.0/16")),
        ];
        let found = assert_fires(ServiceCidrOverlapsSubnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "service CIDR 10.1.0.0/16 of cluster 'ml-aks' overlaps subnet 'aks' (10.1.0.0/22) and 2 more subnets of VNet 'ml-vnet'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.1.0.0/16 du cluster « ml-aks » chevauche le sous-réseau « aks » \
             (10.1.0.0/22) et 2 autres sous-réseaux du VNet « ml-vnet »"
        );
        assert_eq!(found[0].subjects.len(), 4);
    }

    #[test]
    fn quiet_when_outside_every_subnet() {
        assert_quiet(ServiceCidrOverlapsSubnet, &[]);
        assert_quiet(ServiceCidrOverlapsSubnet, &[("/aksClusters/0/serviceCidr", json!("10.1.128.0/17"))]);
    }
}
