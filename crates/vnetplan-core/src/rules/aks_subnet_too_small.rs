use crate::capacity::{cluster_names, node_subnets, NodeSubnet};
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::net::smallest_subnet_for;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The node subnet of an AKS cluster must have enough usable addresses (its size less \
           the 5 Azure keeps) for the cluster at the peak of an upgrade. Plain Azure CNI needs \
           (nodeCount + maxSurge) x (1 + maxPods); kubenet and overlay need nodeCount + \
           maxSurge; an internal load balancer placed in the node subnet and the API server \
           endpoint of a private cluster take one more each."),
    why: english!("Azure hands out node and, on plain Azure CNI, pod addresses from this subnet. When \
          it runs dry, creating, scaling or upgrading the cluster fails with SubnetIsFull or \
          InsufficientSubnetSize. The AKS sizing guide works the example: 50 nodes, a surge \
          of 1 and 30 pods per node need 51 + 51 x 30 = 1,581 addresses, so a /21 or larger."),
    example: Example::Fragment("\"networkPlugin\": \"azure\", \"nodeCount\": 50, \"maxSurge\": 1, \"maxPods\": \
              30 in a node subnet \"addressPrefix\": \"10.1.0.0/22\" (1,019 usable)"),
    fix: english!("Give the node subnet at least the prefix the message names, or need fewer \
          addresses: fewer nodes, a smaller maxPods, or Azure CNI Overlay, which takes pod \
          addresses from the pod range. No change is proposed automatically, because \
          resizing or moving a subnet that other resources may use is the user's decision."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // One finding per node subnet, sized for every cluster in it.
    for NodeSubnet { vnet, subnet, net, usable, subnet_needed: needed, clusters, .. } in node_subnets(context)
    {
        if usable >= needed {
            continue;
        }
        let fits = smallest_subnet_for(needed).map_or_else(
            || "no single subnet is that large".to_owned(),
            |len| format!("a /{len} or larger fits"),
        );
        let who = cluster_names(context, &clusters);
        let mut subjects = vec![pointer::subnet_prefix(vnet, subnet)];
        subjects.extend(clusters.iter().map(|index| pointer::cluster(*index, "subnet")));
        out.report(format!(
                "{who} {needed} addresses in subnet '{}' ({net}) of VNet '{}', which has \
                 {usable} usable; {fits}",
                context.subnet_name(vnet, subnet),
                context.vnet_name(vnet)
            ),
            subjects,
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksSubnetTooSmall;
    use crate::testing::{assert_fires, assert_quiet};

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
