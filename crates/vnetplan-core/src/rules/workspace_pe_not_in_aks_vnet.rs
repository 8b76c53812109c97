use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("When the workspace has a private endpoint, it should sit in the same VNet as every \
           AKS cluster of the plan; this warns for each cluster whose VNet is another one."),
    why: english!("Azure ML's v1 guidance asks that, for an AKS cluster behind a VNet, the workspace and \
          its storage, key vault and container registry be reachable through private or \
          service endpoints in the cluster's own VNet. With the endpoint in another network \
          the cluster depends on peering and private DNS to reach the workspace, and \
          deployments fail when either is missing."),
    example: Example::Fragment("\"workspace\": { \"privateEndpoint\": { \"vnet\": \"hub-vnet\", \"subnet\": \"pe\" } } \
              with a cluster in \"vnet\": \"ml-vnet\""),
    fix: english!("Put the workspace private endpoint (and those of its associated resources) in a \
          subnet of the cluster's VNet, or add one there in addition to the existing endpoint."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(endpoint) = &context.plan.workspace.private_endpoint else { return };
    let Some(endpoint_vnet) = context.vnet_named(&endpoint.vnet) else { return };
    for (index, cluster, facts) in context.clusters() {
        let Some(cluster_vnet) = facts.node.vnet else { continue };
        if cluster_vnet == endpoint_vnet {
            continue;
        }
        out.report(format!(
                "the workspace private endpoint is in VNet '{}' but cluster '{}' is in VNet '{}'",
                endpoint.vnet,
                cluster.name,
                cluster.vnet_name()
            ),
            vec![pointer::private_endpoint("vnet"), pointer::cluster(index, "vnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::WorkspacePeNotInAksVnet;
    use crate::testing::{assert_fires, assert_quiet};

    fn hub_vnet() -> (&'static str, serde_json::Value) {
        (
            "/vnets/-",
            json!({
                "name": "hub-vnet",
                "resourceGroup": "ml-rg",
                "addressPrefixes": ["10.5.0.0/16"],
                "subnets": [{ "name": "pe", "addressPrefix": "10.5.0.0/24" }]
            }),
        )
    }

    #[test]
    fn fires_on_an_endpoint_in_another_vnet() {
        let changes =
            [hub_vnet(), ("/workspace/privateEndpoint", json!({"vnet": "hub-vnet", "subnet": "pe"}))];
        let found = assert_fires(WorkspacePeNotInAksVnet, &changes);
        assert_eq!(found[0].subjects, ["/workspace/privateEndpoint/vnet", "/aksClusters/0/vnet"]);
        assert_eq!(
            found[0].message,
            "the workspace private endpoint is in VNet 'hub-vnet' but cluster 'ml-aks' is in VNet 'ml-vnet'"
        );
    }

    #[test]
    fn quiet_in_the_cluster_vnet_without_an_endpoint_or_when_unresolved() {
        assert_quiet(WorkspacePeNotInAksVnet, &[hub_vnet()]);
        assert_quiet(
            WorkspacePeNotInAksVnet,
            &[("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}))],
        );
        assert_quiet(
            WorkspacePeNotInAksVnet,
            &[("/workspace/privateEndpoint", json!({"vnet": "nowhere", "subnet": "pe"}))],
        );
    }
}
