use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::Range;
use crate::plan::Provisioning;

/// The value the Azure CLI and the Azure ML SDK have always defaulted to.
const DEFAULT_BRIDGE: &str = "172.17.0.1/16";
const DEFAULT_BLOCK: Range = Range::block(172, 17, 0, 1, 16);

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("An AKS cluster that Azure ML creates (provisioning \"create\") must have a docker \
           bridge range (dockerBridgeCidr), even though AKS itself no longer uses it."),
    why: english!("The Azure ML v1 SDK treats its custom-VNet settings as one unit: VNet name, VNet \
          resource group, subnet, service range, DNS service IP and docker bridge range are \
          either all given or none. When the bridge is missing the SDK's provisioning \
          configuration rejects the whole set, saying that not all virtual network \
          information was provided. Attached clusters already exist and are not affected."),
    example: Example::Fragment("{ \"name\": \"ml-aks\", \"provisioning\": \"create\", \"serviceCidr\": \
              \"10.2.0.0/16\", \"dnsServiceIP\": \"10.2.0.10\", \"dockerBridgeCidr\": null }"),
    fix: english!("Set dockerBridgeCidr to the customary 172.17.0.1/16, or, when the plan already \
          uses any part of 172.17.0.0/16, to another private block that nothing in the plan \
          uses."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let mut default_is_free = None;
    for (index, cluster, _) in context.clusters() {
        if cluster.provisioning() != Provisioning::Create || cluster.docker_bridge_cidr.is_some() {
            continue;
        }
        // Every range of the plan is gathered once, and only when some cluster needs a value.
        let free = *default_is_free.get_or_insert_with(|| {
            !context
                .occupied_ranges(Some((index, ClusterRange::DockerBridge)))
                .iter()
                .any(|taken| taken.overlaps(DEFAULT_BLOCK))
        });
        let fix = if free {
            Some(Fix::set(
                format!("set the docker bridge range to {DEFAULT_BRIDGE}, the customary value, which is free here"),
                pointer::cluster(index, "dockerBridgeCidr"),
                DEFAULT_BRIDGE,
            ))
        } else {
            move_cluster_range(index, ClusterRange::DockerBridge)
        };
        out.push(
            Draft::new(format!(
                    "cluster '{}' is created by Azure ML but has no docker bridge range; the v1 SDK takes \
                     the custom VNet settings only together with dockerBridgeCidr",
                    cluster.name
                ),
                vec![pointer::cluster(index, "dockerBridgeCidr")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeMissing;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_created_cluster_without_a_bridge() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!(null))];
        let found = assert_fires(DockerBridgeMissing, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is created by Azure ML but has no docker bridge range; the v1 SDK takes \
             the custom VNet settings only together with dockerBridgeCidr"
        );
        let fix = found[0].fix.as_ref().expect("a bridge value is always offered here");
        assert_eq!(fix.changes[0].value, json!("172.17.0.1/16"));
        assert_fix_resolves(DockerBridgeMissing, &changes);
    }

    #[test]
    fn picks_another_block_when_the_default_is_taken() {
        let changes = [
            (
                "/externalRanges",
                json!([{ "name": "branch", "addressPrefix": "172.16.0.0/14", "kind": "vpn" }]),
            ),
            ("/aksClusters/0/dockerBridgeCidr", json!(null)),
        ];
        let found = assert_fires(DockerBridgeMissing, &changes);
        let fix = found[0].fix.as_ref().expect("a free block exists");
        assert_eq!(fix.changes[0].path, "/aksClusters/0/dockerBridgeCidr");
        assert_eq!(fix.changes[0].value, json!("10.0.0.1/16"));
        assert_fix_resolves(DockerBridgeMissing, &changes);
    }

    #[test]
    fn quiet_with_a_bridge_or_for_attached_clusters() {
        assert_quiet(DockerBridgeMissing, &[]);
        assert_quiet(
            DockerBridgeMissing,
            &[
                ("/aksClusters/0/provisioning", json!("attach")),
                ("/aksClusters/0/dockerBridgeCidr", json!(null)),
            ],
        );
    }
}
