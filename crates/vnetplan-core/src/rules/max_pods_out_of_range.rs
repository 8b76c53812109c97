use crate::capacity::still_fits;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::AksCluster;

const MIN_PODS: u32 = 10;
const MAX_PODS: u32 = 250;
/// Pods every node pool must have room for, whatever maxPods says.
const POOL_MIN_PODS: u32 = 30;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("maxPods, the number of pods each node may run, must lie between 10 and 250. Only \
           an explicit value can be outside: the plugin defaults (30, 110 and 250) are all \
           inside."),
    why: english!("AKS accepts 10 to 250 pods per node with every network plugin and strictly \
          enforces the minimum; anything else is refused with an invalid maxPods parameter \
          when the node pool is created."),
    example: Example::Fragment("\"maxPods\": 5 or \"maxPods\": 300"),
    fix: english!("Bring maxPods into range: 250 when it is above; when it is below, 10, or more when \
          the pool would otherwise hold fewer than 30 pods. The fix is left out when the \
          higher value would overflow a plain Azure CNI node subnet that fits today."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let Some(pods) = cluster.max_pods else { continue };
        let (bound, target) = if pods < MIN_PODS {
            (
                "below the AKS minimum of 10",
                MIN_PODS.max(
                    u32::try_from(u64::from(POOL_MIN_PODS).div_ceil(cluster.node_count.max(1)))
                        .unwrap_or(u32::MAX),
                ),
            )
        } else if pods > MAX_PODS {
            ("above the AKS maximum of 250", MAX_PODS)
        } else {
            continue;
        };
        let raised = AksCluster { max_pods: Some(target), ..cluster.clone() };
        let fix = still_fits(context, index, &raised).then(|| {
            Fix::set(format!("set maxPods to {target}"), pointer::cluster(index, "maxPods"), target)
        });
        out.push(
            Draft::new(format!("cluster '{}' sets maxPods {pods}, {bound}", cluster.name),
                vec![pointer::cluster(index, "maxPods")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::MaxPodsOutOfRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn fix_value(changes: &[(&str, serde_json::Value)]) -> Option<serde_json::Value> {
        let found = assert_fires(MaxPodsOutOfRange, changes);
        found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone())
    }

    #[test]
    fn fires_above_250() {
        let changes = [("/aksClusters/0/maxPods", json!(300))];
        let found = assert_fires(MaxPodsOutOfRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/maxPods"]);
        assert_eq!(found[0].message, "cluster 'ml-aks' sets maxPods 300, above the AKS maximum of 250");
        assert_eq!(fix_value(&changes), Some(json!(250)));
        assert_fix_resolves(MaxPodsOutOfRange, &changes);
    }

    #[test]
    fn fires_below_10() {
        let changes = [("/aksClusters/0/maxPods", json!(5))];
        let found = assert_fires(MaxPodsOutOfRange, &changes);
        assert_eq!(found[0].message, "cluster 'ml-aks' sets maxPods 5, below the AKS minimum of 10");
        assert_eq!(fix_value(&changes), Some(json!(10)));
        assert_fix_resolves(MaxPodsOutOfRange, &changes);
    }

    #[test]
    fn fix_keeps_a_small_pool_at_30_pods() {
        let changes = [("/aksClusters/0/maxPods", json!(5)), ("/aksClusters/0/nodeCount", json!(2))];
        assert_eq!(fix_value(&changes), Some(json!(15)));
        assert_fix_resolves(MaxPodsOutOfRange, &changes);
    }

    #[test]
    fn no_fix_when_the_raise_would_overflow_the_subnet() {
        // 6 nodes at the peak x (1 + 8) = 54 fit the 59 usable addresses of a /26; x (1 + 10) = 66
        // would not.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/26")),
            ("/aksClusters/0/nodeCount", json!(5)),
            ("/aksClusters/0/maxPods", json!(8)),
        ];
        assert_eq!(fix_value(&changes), None);
    }

    #[test]
    fn quiet_inside_the_range_and_on_defaults() {
        assert_quiet(MaxPodsOutOfRange, &[]);
        assert_quiet(MaxPodsOutOfRange, &[("/aksClusters/0/maxPods", json!(10))]);
        assert_quiet(MaxPodsOutOfRange, &[("/aksClusters/0/maxPods", json!(250))]);
    }
}
