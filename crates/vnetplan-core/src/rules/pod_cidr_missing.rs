use serde_json::Value;

use crate::range_fixes::{move_cluster_range, pod_prefix_for};
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::Range;
use crate::plan::NetworkPlugin;

/// The pod range AKS picks when none is given.
const AKS_DEFAULT_POD_RANGE: Range = Range::block(10, 244, 0, 0, 16);
const AKS_DEFAULT_POD_CIDR: &str = "10.244.0.0/16";

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("A kubenet cluster, or an Azure CNI cluster in overlay mode, must state its pod \
           range in podCidr."),
    why: english!("With kubenet and with overlay, pods do not take addresses from the node subnet: \
          each node is handed a /24 out of the pod range instead. AKS would fall back to its \
          default 10.244.0.0/16, but this planner can only check for overlaps, reserved \
          ranges and size against a range the plan actually names, and the range cannot be \
          changed once the cluster exists."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"podCidr\": null"),
    fix: english!("Write the pod range into podCidr: AKS's default 10.244.0.0/16 when nothing in the \
          plan uses it and it holds a /24 for every node, otherwise any private block that no \
          VNet, external range or other cluster range touches."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.pod_cidr.is_some() || cluster.pods_use_node_subnet() {
            continue;
        }
        let (setup, field) = if cluster.plugin() == NetworkPlugin::Kubenet {
            ("kubenet", "networkPlugin")
        } else {
            ("Azure CNI Overlay", "networkPluginMode")
        };
        out.push(
            Draft::new(format!(
                    "cluster '{}' uses {setup} but has no podCidr to carve each node's /24 from",
                    cluster.name
                ),
                vec![pointer::cluster(index, "podCidr"), pointer::cluster(index, field)],
            )
            .with_fix(
                default_range_fix(context, index)
                    .or_else(|| move_cluster_range(index, ClusterRange::Pod)),
            ),
        );
    }
}

/// AKS's own default, when the plan leaves it free and it is large enough: the value the user
/// would most likely recognise.
fn default_range_fix(context: &Context<'_>, index: usize) -> Option<Fix> {
    let (cluster, _) = context.cluster(index)?;
    let holds_every_node = pod_prefix_for(cluster.peak_nodes()) >= 16;
    let free = !context
        .occupied_ranges(Some((index, ClusterRange::Pod)))
        .iter()
        .any(|range| range.overlaps(AKS_DEFAULT_POD_RANGE));
    (holds_every_node && free).then(|| {
        Fix::set(
            format!(
                "use AKS's default pod range {AKS_DEFAULT_POD_CIDR}, which nothing else in the plan uses"
            ),
            pointer::cluster(index, "podCidr"),
            Value::String(AKS_DEFAULT_POD_CIDR.to_owned()),
        )
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrMissing;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn fix_value(changes: &[(&str, serde_json::Value)]) -> serde_json::Value {
        let found = assert_fires(PodCidrMissing, changes);
        found[0].fix.as_ref().expect("a free range exists").changes[0].value.clone()
    }

    #[test]
    fn fires_on_kubenet_without_a_pod_range() {
        let changes = [("/aksClusters/0/networkPlugin", json!("kubenet"))];
        let found = assert_fires(PodCidrMissing, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' uses kubenet but has no podCidr to carve each node's /24 from"
        );
        assert_eq!(fix_value(&changes), json!("10.244.0.0/16"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fires_on_overlay_without_a_pod_range() {
        let changes = [("/aksClusters/0/networkPluginMode", json!("overlay"))];
        let found = assert_fires(PodCidrMissing, &changes);
        assert_eq!(found[0].subjects[1], "/aksClusters/0/networkPluginMode");
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fix_avoids_a_taken_default() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            (
                "/externalRanges",
                json!([{"name": "onprem", "addressPrefix": "10.240.0.0/12", "kind": "onPremises"}]),
            ),
        ];
        let value = fix_value(&changes);
        assert_ne!(value, json!("10.244.0.0/16"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fix_grows_past_the_default_for_a_large_pool() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/nodeCount", json!(300)),
        ];
        // 1.1: the default 10.244.0.0/16 is the range being checked, so the fix grows it in place.
        assert_eq!(fix_value(&changes), json!("10.244.0.0/15"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn quiet_with_a_pod_range_or_plain_azure_cni() {
        assert_quiet(PodCidrMissing, &[]);
        assert_quiet(
            PodCidrMissing,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
