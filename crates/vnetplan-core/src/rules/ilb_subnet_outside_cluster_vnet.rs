use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The loadBalancerSubnet of a cluster must be a subnet of the cluster's own VNet. This \
           rule reports the case where the name matches no subnet there but does match a \
           subnet of some other VNet in the plan; a name found nowhere is left to \
           unknown-subnet."),
    why: english!("AKS places the internal load balancer's front end in a subnet of the virtual network \
          the cluster's nodes live in, and its documentation says the subnet must be in that \
          same network. A subnet of a peered or unrelated VNet cannot be used, so the service \
          never gets its private address."),
    example: Example::Fragment("cluster in VNet 'ml-vnet' with \"loadBalancerType\": \"InternalLoadBalancer\", \
              \"loadBalancerSubnet\": \"ilb\", where 'ilb' is a subnet of VNet 'hub-vnet'"),
    fix: english!("Create the load balancer subnet inside the cluster's VNet (or pick one that is already \
          there) and name that one, or leave loadBalancerSubnet empty so the load balancer uses \
          the node subnet."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(name) = cluster.load_balancer_subnet.as_deref() else { continue };
        let Some(vnet) = facts.node.vnet else { continue };
        if context.subnet_named(vnet, name).is_some() {
            continue;
        }
        let elsewhere = (0..context.vnets.len())
            .filter(|other| *other != vnet)
            .find_map(|other| context.subnet_named(other, name).map(|subnet| (other, subnet)));
        let Some((other, subnet)) = elsewhere else { continue };
        out.report(format!(
                "load balancer subnet '{name}' of cluster '{}' is a subnet of VNet '{}', not of the \
                 cluster's VNet '{}'",
                cluster.name,
                context.vnet_name(other),
                cluster.vnet_name()
            ),
            vec![pointer::cluster(index, "loadBalancerSubnet"), pointer::subnet(other, subnet, "name")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbSubnetOutsideClusterVnet;
    use crate::testing::{assert_fires, assert_quiet};

    fn hub_vnet() -> (&'static str, serde_json::Value) {
        (
            "/vnets/-",
            json!({
                "name": "hub-vnet",
                "resourceGroup": "ml-rg",
                "addressPrefixes": ["10.5.0.0/16"],
                "subnets": [
                    { "name": "gateway", "addressPrefix": "10.5.0.0/24" },
                    { "name": "ilb", "addressPrefix": "10.5.1.0/24" }
                ]
            }),
        )
    }

    #[test]
    fn fires_on_a_subnet_of_another_vnet() {
        let changes = [
            hub_vnet(),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
        ];
        let found = assert_fires(IlbSubnetOutsideClusterVnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerSubnet", "/vnets/1/subnets/1/name"]);
        assert_eq!(
            found[0].message,
            "load balancer subnet 'ilb' of cluster 'ml-aks' is a subnet of VNet 'hub-vnet', not of the \
             cluster's VNet 'ml-vnet'"
        );
    }

    #[test]
    fn quiet_in_the_cluster_vnet_or_when_named_nowhere() {
        assert_quiet(IlbSubnetOutsideClusterVnet, &[]);
        assert_quiet(
            IlbSubnetOutsideClusterVnet,
            &[
                hub_vnet(),
                ("/vnets/0/subnets/-", json!({"name": "ilb", "addressPrefix": "10.1.4.0/24"})),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
            ],
        );
        assert_quiet(
            IlbSubnetOutsideClusterVnet,
            &[
                hub_vnet(),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("missing")),
            ],
        );
    }
}
