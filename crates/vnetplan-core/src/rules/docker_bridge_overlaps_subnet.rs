use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The docker bridge range (dockerBridgeCidr) of an AKS cluster must not share any \
           address with a subnet or an address prefix of the cluster's VNet."),
    why: english!("On nodes that still run Docker, the bridge network takes this block on every node, \
          so node traffic to a VNet address inside it stays on the node instead of leaving \
          it. The Azure ML and Azure CLI documentation both say the bridge must lie outside \
          every subnet, and older AKS documentation keeps it out of the VNet's whole address \
          range."),
    example: Example::Fragment("VNet 10.1.0.0/16 with subnet 'aks' 10.1.0.0/22, and \
              \"dockerBridgeCidr\": \"10.1.0.1/16\""),
    fix: english!("Put the bridge in a private block that nothing else in the plan uses; \
          172.17.0.1/16 is the usual value, or 172.18.0.1/16 when that one is taken."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(bridge), Some(written)) =
            (facts.node.vnet, facts.docker_bridge_range(), facts.docker_bridge)
        else {
            continue;
        };
        let vnet_name = context.vnet_name(vnet);
        let subnets = context.subnets_overlapping(vnet, bridge);
        let (what, subject) = if let Some(&(subnet, range)) = subnets.first() {
            let others = match subnets.len().saturating_sub(1) {
                0 => String::new(),
                1 => " and 1 more of its subnets".to_owned(),
                more => format!(" and {more} more of its subnets"),
            };
            (
                format!(
                    "subnet '{}' ({range}) of VNet '{vnet_name}'{others}",
                    context.subnet_name(vnet, subnet)
                ),
                pointer::subnet_prefix(vnet, subnet),
            )
        } else if let Some(&(prefix, range)) = context.prefixes_overlapping(vnet, bridge).first() {
            (format!("address prefix {range} of VNet '{vnet_name}'"), pointer::vnet_prefix(vnet, prefix))
        } else {
            continue;
        };
        out.push(
            Draft::new(format!("docker bridge range {written} of cluster '{}' overlaps {what}", cluster.name),
                vec![pointer::cluster(index, "dockerBridgeCidr"), subject],
            )
            .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeOverlapsSubnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_bridge_over_the_node_subnet() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!("10.1.0.1/16"))];
        let found = assert_fires(DockerBridgeOverlapsSubnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/dockerBridgeCidr", "/vnets/0/subnets/0/addressPrefix"]
        );
        assert_eq!(
            found[0].message,
            "docker bridge range 10.1.0.1/16 of cluster 'ml-aks' overlaps subnet 'aks' (10.1.0.0/22) of VNet 'ml-vnet'"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.17.0.1/16"), "AKS's default bridge is free here");
        assert_fix_resolves(DockerBridgeOverlapsSubnet, &changes);
    }

    #[test]
    fn counts_further_subnets_in_the_message() {
        let changes = [
            ("/vnets/0/subnets/-", json!({ "name": "other", "addressPrefix": "10.1.8.0/24" })),
            ("/aksClusters/0/dockerBridgeCidr", json!("10.1.0.1/16")),
        ];
        let found = assert_fires(DockerBridgeOverlapsSubnet, &changes);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.ends_with("of VNet 'ml-vnet' and 1 more of its subnets"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn falls_back_to_the_vnet_prefix_when_no_subnet_overlaps() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!("10.1.128.1/17"))];
        let found = assert_fires(DockerBridgeOverlapsSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 10.1.128.1/17 of cluster 'ml-aks' overlaps address prefix 10.1.0.0/16 of VNet 'ml-vnet'"
        );
        assert_fix_resolves(DockerBridgeOverlapsSubnet, &changes);
    }

    #[test]
    fn quiet_outside_the_vnet() {
        assert_quiet(DockerBridgeOverlapsSubnet, &[]);
        assert_quiet(
            DockerBridgeOverlapsSubnet,
            &[("/aksClusters/0/dockerBridgeCidr", json!("10.0.0.1/16"))],
        );
        assert_quiet(DockerBridgeOverlapsSubnet, &[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
    }
}
