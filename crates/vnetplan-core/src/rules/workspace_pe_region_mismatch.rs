use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{same_region, Provisioning};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When the workspace has a private endpoint, every AKS cluster must be in the plan's region, which \
         is the workspace's.",
        "Quand l’espace de travail a un point de terminaison privé, chaque cluster AKS doit être dans la \
         région du plan, qui est celle de l’espace de travail."
    ),
    why: text!(
        "Azure ML documents that a workspace reached through a private endpoint can only use AKS clusters \
         in its own Azure region: a cluster elsewhere cannot be created or attached as an inference target \
         for it.",
        "Azure ML indique qu’un espace de travail joint par un point de terminaison privé ne peut \
         utiliser que des clusters AKS de sa propre région Azure : un cluster situé ailleurs ne peut être \
         ni créé ni attaché comme cible d’inférence pour lui."
    ),
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "pe", "addressPrefix": "10.1.4.0/27"}"#),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "pe"}"#),
        ("/vnets/0/region", r#""westus2""#),
        ("/aksClusters/0/region", r#""westus2""#),
    ]),
    fix: text!(
        "Plan the cluster, and the VNet it lives in, in the workspace's region; or use a workspace in the \
         cluster's region.",
        "Prévoyez le cluster, et le VNet qui l’héberge, dans la région de l’espace de travail ; ou \
         utilisez un espace de travail situé dans la région du cluster."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::HOW_TO_CONFIGURE_PRIVATE_LINK,
        sources::HOW_TO_SECURE_KUBERNETES_INFERENCING_ENVIRONMENT,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if plan.workspace.private_endpoint.is_none() {
        return;
    }
    for (index, cluster, facts) in context.clusters() {
        let region = plan.cluster_region(cluster);
        if same_region(region, &plan.region) {
            continue;
        }
        // Moving only the cluster is safe when its VNet is already in the workspace region;
        // otherwise it would part the cluster from its VNet's region. A cluster that exists
        // cannot move: it is created again, which the plan's values do not say how to do.
        let movable = cluster.provisioning() != Provisioning::Attach;
        let vnet_in_region = movable
            && facts
                .node
                .vnet
                .and_then(|v| context.vnet(v))
                .is_some_and(|vnet| same_region(plan.vnet_region(vnet), &plan.region));
        let fix = vnet_in_region.then(|| {
            Fix::set(
                msg!(
                    [
                        "move cluster '{cluster}' to the workspace region {region}",
                        "déplacer le cluster « {cluster} » dans la région de l’espace de travail, {region}"
                    ],
                    cluster = &cluster.name,
                    region = &plan.region,
                ),
                pointer::cluster(index, "region"),
                plan.region.as_str(),
            )
        });
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' is in {region} but the workspace, which has a private endpoint, \
                         is in {workspace}",
                        "le cluster « {cluster} » est dans la région {region}, mais l’espace de travail, qui a \
                         un point de terminaison privé, est dans la région {workspace}"
                    ],
                    cluster = &cluster.name,
                    region = region,
                    workspace = &plan.region,
                ),
                vec![
                    pointer::cluster(index, "region"),
                    pointer::region(),
                    pointer::workspace("privateEndpoint"),
                ],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::WorkspacePeRegionMismatch;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn private_endpoint() -> (&'static str, serde_json::Value) {
        ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}))
    }

    #[test]
    fn fires_on_a_cluster_outside_the_workspace_region() {
        let changes = [private_endpoint(), ("/aksClusters/0/region", json!("westus2"))];
        let found = assert_fires(WorkspacePeRegionMismatch, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/region", "/region", "/workspace/privateEndpoint"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is in westus2 but the workspace, which has a private endpoint, is in eastus2"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » est dans la région westus2, mais l’espace de travail, qui a un point de \
             terminaison privé, est dans la région eastus2"
        );
        let fix = found[0].fix.as_ref().expect("the VNet is in the workspace region");
        assert_eq!(fix.title, "move cluster 'ml-aks' to the workspace region eastus2");
        assert_eq!(
            fix.text.render(Lang::Fr),
            "déplacer le cluster « ml-aks » dans la région de l’espace de travail, eastus2"
        );
        assert_eq!(fix.changes[0].value, json!("eastus2"));
        assert_fix_resolves(WorkspacePeRegionMismatch, &changes);
    }

    #[test]
    fn offers_no_fix_when_the_vnet_is_in_the_cluster_region_or_the_cluster_exists() {
        // Moving the cluster alone would part it from its VNet; a cluster that exists cannot move.
        for reason in
            [("/vnets/0/region", json!("westus2")), ("/aksClusters/0/provisioning", json!("attach"))]
        {
            let changes = [private_endpoint(), ("/aksClusters/0/region", json!("westus2")), reason];
            let found = assert_fires(WorkspacePeRegionMismatch, &changes);
            assert_eq!(found[0].fix, None);
        }
    }

    #[test]
    fn quiet_without_a_private_endpoint_or_in_the_same_region() {
        assert_quiet(WorkspacePeRegionMismatch, &[("/aksClusters/0/region", json!("westus2"))]);
        assert_quiet(WorkspacePeRegionMismatch, &[private_endpoint()]);
        assert_quiet(
            WorkspacePeRegionMismatch,
            &[private_endpoint(), ("/aksClusters/0/region", json!("eastus2"))],
        );
        assert_quiet(
            WorkspacePeRegionMismatch,
            &[private_endpoint(), ("/aksClusters/0/region", json!("East US 2"))],
        );
        assert_fires(
            WorkspacePeRegionMismatch,
            &[private_endpoint(), ("/aksClusters/0/region", json!("East US"))],
        );
    }
}
