use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The docker bridge range (dockerBridgeCidr) of an AKS cluster should not share \
           addresses with an external range of the plan: a peered VNet, an on-premises \
           network, or a range reached over VPN or ExpressRoute."),
    why: english!("A node that runs Docker sends traffic for the bridge block to its local bridge, so \
          machines in a peered or on-premises network with addresses in that block are \
          unreachable from it. Earlier AKS documentation asked for a bridge that overlaps no \
          other range in use on the network. Current AKS nodes use containerd and ignore the \
          field, which is why this is only a warning."),
    example: Example::Fragment("externalRanges: [{ \"name\": \"branch\", \"addressPrefix\": \"172.17.0.0/16\", \
              \"kind\": \"vpn\" }] with \"dockerBridgeCidr\": \"172.17.0.1/16\""),
    fix: english!("Move the bridge to a private block that no connected network uses, for example \
          172.18.0.1/16."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(bridge), Some(written)) = (facts.docker_bridge_range(), facts.docker_bridge) else {
            continue;
        };
        for (external, range) in context.externals_overlapping(bridge) {
            let name = context.external_name(external);
            out.push(
                Draft::new(format!(
                        "docker bridge range {written} of cluster '{}' overlaps external range '{name}' ({range})",
                        cluster.name
                    ),
                    vec![pointer::cluster(index, "dockerBridgeCidr"), pointer::external(external)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::DockerBridgeOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn external(prefix: &str) -> (&'static str, Value) {
        ("/externalRanges", json!([{ "name": "branch", "addressPrefix": prefix, "kind": "vpn" }]))
    }

    #[test]
    fn fires_when_a_vpn_range_holds_the_bridge() {
        let changes = [external("172.17.0.0/16")];
        let found = assert_fires(DockerBridgeOverlapsExternalRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/externalRanges/0/addressPrefix"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 172.17.0.1/16 of cluster 'ml-aks' overlaps external range 'branch' (172.17.0.0/16)"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.18.0.1/16"));
        assert_fix_resolves(DockerBridgeOverlapsExternalRange, &changes);
    }

    #[test]
    fn quiet_when_apart_or_absent() {
        assert_quiet(DockerBridgeOverlapsExternalRange, &[]);
        assert_quiet(DockerBridgeOverlapsExternalRange, &[external("192.168.0.0/16")]);
        assert_quiet(
            DockerBridgeOverlapsExternalRange,
            &[external("172.17.0.0/16"), ("/aksClusters/0/dockerBridgeCidr", json!(null))],
        );
    }
}
