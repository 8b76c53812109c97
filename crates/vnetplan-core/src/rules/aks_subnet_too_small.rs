use crate::capacity::{fitting_subnet, node_subnets, who_needs, NodeSubnet};
use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A node subnet must have enough usable addresses (its size less the 5 Azure keeps) for every \
         cluster that uses it, at the peak of an upgrade. Each cluster needs (nodeCount + maxSurge) x (1 \
         + maxPods) on plain Azure CNI and nodeCount + maxSurge on kubenet, overlay or a pod subnet, where \
         maxSurge defaults to 10% of the nodes, rounded up; the pods of a cluster whose pod subnet it is \
         take (nodeCount + maxSurge) x maxPods, maxPods rounded up to whole batches of 16; an internal load balancer in the subnet and the API \
         server endpoint of a private cluster take one more each, and the workspace's private endpoint, \
         when it is placed there, takes three. The needs of all clusters sharing the subnet are added \
         up, and the finding names each of them.",
        "Un sous-réseau de nœuds doit avoir assez d’adresses utilisables (sa taille moins les 5 que \
         garde Azure) pour tous les clusters qui l’utilisent, au pic d’une mise à niveau. Chaque cluster \
         demande (nodeCount + maxSurge) x (1 + maxPods) en Azure CNI classique et nodeCount + maxSurge \
         en kubenet, en overlay ou avec un sous-réseau de pods, où maxSurge vaut par défaut 10 % des \
         nœuds, arrondi au supérieur ; les pods d’un cluster dont c’est le sous-réseau de pods en prennent \
         (nodeCount + maxSurge) x maxPods, maxPods arrondi à des lots entiers de 16 ; un \
         équilibreur de charge interne dans le sous-réseau et le point de terminaison du serveur d’API \
         d’un cluster privé en prennent une de plus chacun, et le point de terminaison privé de \
         l’espace de travail, s’il y est placé, en prend trois. Les besoins de tous les clusters qui \
         partagent le sous-réseau s’additionnent, et le constat les nomme tous."
    ),
    why: text!(
        "Azure hands out node addresses, and on plain Azure CNI pod addresses too, from this subnet. \
         When it runs dry, creating, scaling or upgrading a cluster fails with SubnetIsFull or \
         InsufficientSubnetSize. The AKS sizing guide works an example: 50 nodes, a surge of 1 and 30 \
         pods per node need 51 + 51 x 30 = 1,581 addresses, so a /21 or larger. AKS has raised its \
         default surge for new node pools from one node to 10%.",
        "Azure attribue les adresses des nœuds, et en Azure CNI classique celles des pods aussi, dans \
         ce sous-réseau. Quand il est épuisé, la création, la mise à l’échelle ou la mise à niveau d’un \
         cluster échoue avec SubnetIsFull ou InsufficientSubnetSize. Le guide de dimensionnement d’AKS \
         donne un exemple : 50 nœuds, un maxSurge de 1 et 30 pods par nœud demandent 51 + 51 x 30 = 1 \
         581 adresses, soit un /21 ou plus. Pour les nouveaux pools de nœuds, AKS a porté la valeur par \
         défaut de maxSurge d’un nœud à 10 %."
    ),
    example: Example(&[
        ("/aksClusters/0/nodeCount", "50"),
        ("/aksClusters/0/maxSurge", "1"),
        ("/aksClusters/0/maxPods", "30"),
    ]),
    fix: text!(
        "Give the node subnet at least the prefix the message names, or need fewer addresses: fewer \
         nodes, a smaller maxPods, Azure CNI Overlay (which takes pod addresses from the pod range), or \
         a subnet of its own for one of the clusters. No change is proposed automatically, because \
         resizing or moving a subnet that other resources may use is the user’s decision.",
        "Donnez au sous-réseau de nœuds au moins le préfixe qu’indique le message, ou réduisez le \
         besoin : moins de nœuds, un maxPods plus petit, Azure CNI Overlay (qui prend les adresses des \
         pods dans la plage des pods) ou un sous-réseau à part pour l’un des clusters. Aucune \
         modification n’est proposée automatiquement, car redimensionner ou déplacer un sous-réseau que \
         d’autres ressources peuvent utiliser est une décision de l’utilisateur."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
        sources::CONFIGURE_KUBENET_2026_04_16,
        sources::AKS_CHANGELOG,
        sources::HOW_TO_CUSTOM_DNS_2026_03_26,
        sources::CONCEPTS_NETWORK_AZURE_CNI_POD_SUBNET,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // One finding per node subnet, sized for every cluster in it.
    for node in node_subnets(context) {
        let NodeSubnet { vnet, subnet, net, usable, subnet_needed: needed, .. } = node;
        if usable >= needed {
            continue;
        }
        let fits = fitting_subnet(needed);
        let message = msg!(
            [
                "{who} {needed} addresses in subnet '{subnet}' ({net}) of VNet '{vnet}', which has \
                 {usable} usable; {fits}",
                "{who} {needed} adresses dans le sous-réseau « {subnet} » ({net}) du VNet « {vnet} », qui \
                 en a {usable} utilisables ; {fits}"
            ],
            needed = needed,
            subnet = context.subnet_name(vnet, subnet),
            net = net,
            vnet = context.vnet_name(vnet),
            usable = usable,
        )
        .with_message("who", who_needs(context, &node))
        .with_message("fits", fits);
        out.report(message, node.subjects());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksSubnetTooSmall;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn fifty_nodes(subnet: &str) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/vnets/0/subnets/0/addressPrefix", json!(subnet)),
            ("/aksClusters/0/nodeCount", json!(50)),
            ("/aksClusters/0/maxSurge", json!(1)),
            ("/aksClusters/0/maxPods", json!(30)),
        ]
    }

    #[test]
    fn the_documented_example_does_not_fit_a_slash_22() {
        let found = assert_fires(AksSubnetTooSmall, &fifty_nodes("10.1.0.0/22"));
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/0/addressPrefix", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' needs 1581 addresses in subnet 'aks' (10.1.0.0/22) of VNet 'ml-vnet', \
             which has 1019 usable; a /21 or larger fits"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » demande 1581 adresses dans le sous-réseau « aks » (10.1.0.0/22) du \
             VNet « ml-vnet », qui en a 1019 utilisables ; un /21 ou plus grand suffit"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn the_documented_example_fits_a_slash_21() {
        assert_quiet(AksSubnetTooSmall, &fifty_nodes("10.1.0.0/21"));
    }

    #[test]
    fn counts_the_load_balancer_and_the_private_endpoint() {
        // An overlay pool of 1 node plus the surge takes 2 of the 3 usable addresses of a /29.
        let overlay = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/29")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ("/aksClusters/0/nodeCount", json!(1)),
        ];
        let load_balancer = ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer"));
        let private = ("/aksClusters/0/privateCluster", json!(true));
        let with = |extra: &[(&'static str, serde_json::Value)]| [&overlay[..], extra].concat();
        assert_quiet(AksSubnetTooSmall, &overlay);
        assert_quiet(AksSubnetTooSmall, &with(std::slice::from_ref(&load_balancer)));
        assert_quiet(AksSubnetTooSmall, &with(std::slice::from_ref(&private)));
        let found = assert_fires(AksSubnetTooSmall, &with(&[load_balancer, private]));
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' needs 4 addresses in subnet 'aks' (10.1.0.0/29) of VNet 'ml-vnet', \
             which has 3 usable; a /28 or larger fits"
        );
    }

    #[test]
    fn the_workspace_private_endpoint_takes_three_addresses_of_the_subnet_it_is_in() {
        // 22 overlay nodes, a surge of 3 and the internal load balancer take 26 of the 27 usable
        // addresses of a /27: the endpoint's three are what no longer fit.
        let cluster = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/27")),
            ("/vnets/0/subnets/-", json!({"name": "endpoints", "addressPrefix": "10.1.1.0/28"})),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ("/aksClusters/0/nodeCount", json!(22)),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
        ];
        let endpoint_in = |subnet: &str| {
            let mut changes = cluster.to_vec();
            changes.push(("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": subnet})));
            changes
        };
        assert_quiet(AksSubnetTooSmall, &cluster);
        assert_quiet(AksSubnetTooSmall, &endpoint_in("endpoints"));
        // Azure matches the subnet's name without regard to case, and so does the count.
        let found = assert_fires(AksSubnetTooSmall, &endpoint_in("AKS"));
        assert_eq!(
            found[0].subjects,
            [
                "/vnets/0/subnets/0/addressPrefix",
                "/aksClusters/0/subnet",
                "/workspace/privateEndpoint/subnet"
            ]
        );
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' and the workspace's private endpoint need 29 addresses in subnet 'aks' \
             (10.1.0.0/27) of VNet 'ml-vnet', which has 27 usable; a /26 or larger fits"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » et le point de terminaison privé de l’espace de travail demandent 29 \
             adresses dans le sous-réseau « aks » (10.1.0.0/27) du VNet « ml-vnet », qui en a 27 \
             utilisables ; un /26 ou plus grand suffit"
        );
    }

    #[test]
    fn a_load_balancer_in_another_subnet_takes_nothing_here() {
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/29")),
            ("/vnets/0/subnets/-", json!({"name": "ilb", "addressPrefix": "10.1.1.0/28"})),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ("/aksClusters/0/nodeCount", json!(2)),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
        ];
        assert_quiet(AksSubnetTooSmall, &changes);
    }

    #[test]
    fn kubenet_needs_only_node_addresses() {
        assert_quiet(
            AksSubnetTooSmall,
            &[
                ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/29")),
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
                ("/aksClusters/0/nodeCount", json!(2)),
            ],
        );
        assert_quiet(AksSubnetTooSmall, &[]);
    }
}
