use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("An AKS cluster must be in the same Azure region as the VNet of its node subnet. \
           A cluster or VNet without a region of its own is in the plan's region."),
    why: english!("A VNet is a regional resource and AKS can only place nodes in a subnet of its own \
          region. The AKS documentation requires an existing VNet to be in the cluster's \
          location and subscription, and the Azure ML guide repeats it for inference \
          clusters: creating or attaching such a cluster fails."),
    example: Example::Fragment("\"region\": \"eastus2\" on the plan and VNet 'ml-vnet', and \"region\": \
              \"westeurope\" on the cluster"),
    fix: english!("Put the cluster in the VNet's region, or use a VNet of the cluster's region. No \
          change is proposed automatically, as which of the two should move is a design \
          choice."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    for (index, cluster, facts) in context.clusters() {
        let Some(vnet_index) = facts.node.vnet else { continue };
        let Some(vnet) = context.vnet(vnet_index) else { continue };
        let (cluster_region, vnet_region) = (plan.cluster_region(cluster), plan.vnet_region(vnet));
        if cluster_region == vnet_region {
            continue;
        }
        // A region left out is the plan's, so the plan's field is the one to change.
        let cluster_field =
            if cluster.region.is_some() { pointer::cluster(index, "region") } else { pointer::region() };
        let vnet_field =
            if vnet.region.is_some() { pointer::vnet(vnet_index, "region") } else { pointer::region() };
        out.report(format!(
                "cluster '{}' is in region '{cluster_region}' but its VNet '{}' is in '{vnet_region}'",
                cluster.name, vnet.name
            ),
            vec![cluster_field, vnet_field],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksRegionMismatch;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_on_a_cluster_in_another_region() {
        let found = assert_fires(AksRegionMismatch, &[("/aksClusters/0/region", json!("westeurope"))]);
        assert_eq!(found[0].subjects, ["/aksClusters/0/region", "/region"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is in region 'westeurope' but its VNet 'ml-vnet' is in 'eastus2'"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_on_a_vnet_in_another_region() {
        let found = assert_fires(AksRegionMismatch, &[("/vnets/0/region", json!("eastus"))]);
        assert_eq!(found[0].subjects, ["/region", "/vnets/0/region"]);
    }

    #[test]
    fn compares_exactly() {
        assert_fires(AksRegionMismatch, &[("/aksClusters/0/region", json!("EastUS2"))]);
    }

    #[test]
    fn quiet_in_one_region() {
        assert_quiet(AksRegionMismatch, &[]);
        assert_quiet(
            AksRegionMismatch,
            &[("/aksClusters/0/region", json!("westeurope")), ("/vnets/0/region", json!("westeurope"))],
        );
        assert_quiet(AksRegionMismatch, &[("/aksClusters/0/vnet", json!("elsewhere"))]);
    }
}
