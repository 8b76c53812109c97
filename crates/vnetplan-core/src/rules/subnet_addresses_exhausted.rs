use crate::capacity::{and_list, fitting_subnet, subnet_tenants};
use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::usable_addresses;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Counts the addresses taken in each subnet that is no cluster's node subnet: three for the \
         workspace's private endpoint, one for each v1 internal load balancer placed there, one for each \
         ACI deployment, and, for each cluster whose pod subnet it is (Azure CNI Pod Subnet), its maximum \
         pods per node, rounded up to whole batches of 16, times its nodes at the peak of an upgrade. It \
         reports a subnet that has fewer usable \
         addresses than that.",
        "Compte les adresses prises dans chaque sous-réseau qui n’est le sous-réseau de nœuds d’aucun \
         cluster : trois pour le point de terminaison privé de l’espace de travail, une par équilibreur de \
         charge interne v1 qui y est placé, une par déploiement ACI et, pour chaque cluster dont c’est le \
         sous-réseau de pods (Azure CNI Pod Subnet), son maximum de pods par nœud, arrondi à des lots \
         entiers de 16, fois ses nœuds au plus fort d’une mise à niveau. Signale un sous-réseau qui a moins d’adresses utilisables que cela."
    ),
    why: text!(
        "Azure keeps five addresses of every subnet, so a /29 has three left. The workspace's private \
         endpoint takes three of them (the workspace API, the notebooks and the inference endpoints), an \
         internal load balancer takes one for its front end from the subnet it is given, and every ACI \
         container group takes one private address of its delegated subnet. Under Azure CNI Pod Subnet \
         every node reserves addresses of the pod subnet for as many pods as it may run, surge nodes \
         included, and Azure hands them to a node 16 at a time, so a node holds whole batches of 16 and \
         never fewer than 16. When none is left, the endpoint, the load balancer or the container group is refused \
         with SubnetIsFull, and nodes that cannot get their pod addresses fail to join. Node subnets are \
         counted with their clusters by aks-subnet-too-small.",
        "Azure garde cinq adresses de chaque sous-réseau : il en reste trois dans un /29. Le point de \
         terminaison privé de l’espace de travail en prend trois (l’API de l’espace de travail, les \
         notebooks et les points de terminaison d’inférence), un équilibreur de charge interne en prend une \
         pour sa façade dans le sous-réseau qu’on lui donne, et chaque groupe de conteneurs ACI prend une \
         adresse privée de son sous-réseau délégué. En Azure CNI Pod Subnet, chaque nœud réserve dans le \
         sous-réseau de pods des adresses pour tous les pods qu’il peut exécuter, nœuds de surge compris, \
         et Azure les lui remet par 16 : un nœud en détient des lots entiers de 16, et jamais moins de 16. \
         Quand il n’en reste plus, le point de terminaison, l’équilibreur ou le groupe de conteneurs est \
         refusé avec SubnetIsFull, et les nœuds qui n’obtiennent pas les adresses de leurs pods ne \
         rejoignent pas le cluster. Les sous-réseaux de nœuds sont comptés avec leurs clusters par \
         aks-subnet-too-small."
    ),
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "pe", "addressPrefix": "10.1.8.0/29"}"#),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "pe"}"#),
        ("/aksClusters/0/loadBalancerType", r#""InternalLoadBalancer""#),
        ("/aksClusters/0/loadBalancerSubnet", r#""pe""#),
    ]),
    fix: text!(
        "Widen the subnet, or move some of what it holds to another subnet. The smallest subnet that fits \
         is named in the finding.",
        "Élargissez le sous-réseau, ou déplacez une partie de ce qu’il accueille dans un autre \
         sous-réseau. Le plus petit sous-réseau qui convient est nommé dans le constat."
    ),
    sources: &[
        sources::HOW_TO_CUSTOM_DNS_2026_03_26,
        sources::INTERNAL_LB_2026_07_31,
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
        sources::CONCEPTS_NETWORK_AZURE_CNI_POD_SUBNET,
        sources::CONTAINER_INSTANCES_VNET,
        sources::VIRTUAL_NETWORKS_FAQ_2019_02_12,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for ((vnet, subnet), tenants) in subnet_tenants(context) {
        let is_node_subnet = context
            .clusters()
            .any(|(_, _, facts)| facts.node.vnet == Some(vnet) && facts.node.subnet == Some(subnet));
        let Some(net) = context.subnet_net(vnet, subnet) else { continue };
        let needed = tenants.iter().fold(0u64, |sum, tenant| sum.saturating_add(tenant.addresses));
        let usable = usable_addresses(net);
        if is_node_subnet || needed <= usable {
            continue;
        }
        let mut whats = tenants.iter().map(|tenant| tenant.what.clone());
        let Some(first) = whats.next() else { continue };
        let holders = and_list(first, whats.collect());
        let message = msg!(
            [
                "subnet '{subnet}' ({prefix}) of VNet '{vnet}' has {usable} usable addresses, but {holders} \
                 take {needed}; {fits}",
                "le sous-réseau « {subnet} » ({prefix}) du VNet « {vnet} » a {usable} adresses utilisables, \
                 mais {holders} en prennent {needed} ; {fits}"
            ],
            subnet = context.subnet_name(vnet, subnet),
            prefix = net.to_string(),
            vnet = context.vnet_name(vnet),
            usable = usable.to_string(),
            needed = needed.to_string(),
        )
        .with_message("fits", fitting_subnet(needed))
        .with_message("holders", holders);
        let mut subjects = vec![pointer::subnet_prefix(vnet, subnet)];
        subjects.extend(tenants.into_iter().map(|tenant| tenant.subject));
        out.report(message, subjects);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::SubnetAddressesExhausted;
    use crate::finding::Severity;
    use crate::testing::{aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    fn endpoint_and_load_balancer(prefix: &str) -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": prefix})),
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("pe")),
        ]
    }

    #[test]
    fn the_endpoint_and_a_load_balancer_overflow_a_slash_29() {
        let found = assert_fires(SubnetAddressesExhausted, &endpoint_and_load_balancer("10.1.8.0/29"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "subnet 'pe' (10.1.8.0/29) of VNet 'ml-vnet' has 3 usable addresses, but the workspace's private \
             endpoint and the internal load balancer of cluster 'ml-aks' take 4; a /28 or larger fits"
        );
        assert_eq!(
            found[0].subjects,
            [
                "/vnets/0/subnets/1/addressPrefix",
                "/workspace/privateEndpoint/subnet",
                "/aksClusters/0/loadBalancerSubnet"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « pe » (10.1.8.0/29) du VNet « ml-vnet » a 3 adresses utilisables, mais le point \
             de terminaison privé de l’espace de travail et l’équilibreur de charge interne du cluster \
             « ml-aks » en prennent 4 ; un /28 ou plus grand suffit"
        );
        assert_quiet(SubnetAddressesExhausted, &endpoint_and_load_balancer("10.1.8.0/28"));
    }

    #[test]
    fn four_container_groups_overflow_a_slash_29() {
        let deployment = |name: &str| json!({"name": name, "vnet": "ml-vnet", "subnet": "aci"});
        let mut changes = aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/29"))]);
        changes.extend(["b", "c"].map(|name| ("/aciDeployments/-", deployment(name))));
        assert_quiet(SubnetAddressesExhausted, &changes);
        changes.push(("/aciDeployments/-", deployment("d")));
        let found = assert_fires(SubnetAddressesExhausted, &changes);
        assert!(found[0].message.contains("take 4; a /28 or larger fits"), "{}", found[0].message);
    }

    #[test]
    fn a_node_subnet_is_left_to_the_cluster_rules() {
        let changes = [("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}))];
        assert_quiet(SubnetAddressesExhausted, &changes);
    }
}
