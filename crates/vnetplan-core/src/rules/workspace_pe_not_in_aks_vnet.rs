use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When the workspace has a private endpoint, it should sit in the VNet of every AKS cluster of the \
         plan; the rule warns once for each cluster whose VNet is another one. For a v2 cluster it warns \
         only when the two VNets are peered: an unpeered one is k8s-workspace-pe-not-reachable's error.",
        "Quand l’espace de travail a un point de terminaison privé, celui-ci devrait se trouver dans le \
         VNet de chaque cluster AKS du plan ; la règle avertit une fois pour chaque cluster dont le VNet \
         est un autre. Pour un cluster v2, elle n’avertit que si les deux VNet sont appairés : sans \
         appairage, c’est l’erreur k8s-workspace-pe-not-reachable."
    ),
    why: text!(
        "The v1 inferencing guide requires that, for an AKS cluster behind a VNet, the workspace and its \
         storage, key vault and container registry have private or service endpoints in the cluster's \
         VNet. Newer Azure ML guidance also accepts a VNet peered with the cluster's, which is why this is \
         a warning: the cluster then depends on the peering and on private DNS to reach the workspace, and \
         deployments fail when either is missing.",
        "Le guide d’inférence v1 exige que, pour un cluster AKS derrière un VNet, l’espace de travail et \
         son stockage, son coffre de clés et son registre de conteneurs aient des points de terminaison \
         privés ou de service dans le VNet du cluster. La documentation Azure ML plus récente accepte \
         aussi un VNet appairé avec celui du cluster, d’où un simple avertissement : le cluster dépend \
         alors de l’appairage et du DNS privé pour joindre l’espace de travail, et les déploiements \
         échouent si l’un des deux manque."
    ),
    example: Example(&[
        (
            "/vnets/-",
            r#"{"name": "hub-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.5.0.0/16"], "subnets": [{"name": "pe", "addressPrefix": "10.5.0.0/24"}]}"#,
        ),
        ("/workspace/privateEndpoint", r#"{"vnet": "hub-vnet", "subnet": "pe"}"#),
    ]),
    fix: text!(
        "Put the workspace private endpoint (and those of its associated resources) in a subnet of the \
         cluster's VNet, or add one there next to the existing endpoint. If the endpoint stays in a peered \
         VNet, link its private DNS zones to the cluster's VNet.",
        "Placez le point de terminaison privé de l’espace de travail (et ceux de ses ressources \
         associées) dans un sous-réseau du VNet du cluster, ou ajoutez-en un là, en plus du point de \
         terminaison existant. Si le point de terminaison reste dans un VNet appairé, liez ses zones DNS \
         privées au VNet du cluster."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::HOW_TO_SECURE_KUBERNETES_INFERENCING_ENVIRONMENT,
        sources::HOW_TO_CONFIGURE_PRIVATE_LINK,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(endpoint) = &context.plan.workspace.private_endpoint else { return };
    let Some(endpoint_vnet) = context.vnet_named(&endpoint.vnet) else { return };
    for (index, cluster, facts) in context.clusters() {
        let Some(cluster_vnet) = facts.node.vnet else { continue };
        if cluster_vnet == endpoint_vnet {
            continue;
        }
        // A v2 cluster in a VNet not peered with the endpoint's cannot reach the workspace at all:
        // that error is k8s-workspace-pe-not-reachable's, and this warning would only repeat it.
        if cluster.is_v2() && !context.peered(context.vnet_name(cluster_vnet), &endpoint.vnet) {
            continue;
        }
        let message = msg!(
            [
                "the workspace private endpoint is in VNet '{endpoint}' but cluster '{cluster}' is in VNet \
                 '{vnet}'",
                "le point de terminaison privé de l’espace de travail est dans le VNet « {endpoint} », \
                 mais le cluster « {cluster} » est dans le VNet « {vnet} »"
            ],
            endpoint = &endpoint.vnet,
            cluster = &cluster.name,
            vnet = cluster.vnet_name(),
        );
        // Through a peering the cluster reaches the endpoint only if the names resolve to it there.
        let message = if context.peered(context.vnet_name(cluster_vnet), &endpoint.vnet) {
            msg!(
                [
                    "{message}; the two are peered, so the endpoint's private DNS zones must also be \
                     linked to VNet '{vnet}'",
                    "{message} ; les deux sont appairés : les zones DNS privées du point de terminaison \
                     doivent donc aussi être liées au VNet « {vnet} »"
                ],
                vnet = cluster.vnet_name(),
            )
            .with_message("message", message)
        } else {
            message
        };
        out.report(message, vec![pointer::private_endpoint("vnet"), pointer::cluster(index, "vnet")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::WorkspacePeNotInAksVnet;
    use crate::testing::{assert_fires, assert_quiet, hub_vnet};
    use crate::text::Lang;

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
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison privé de l’espace de travail est dans le VNet « hub-vnet », mais le \
             cluster « ml-aks » est dans le VNet « ml-vnet »"
        );
    }

    #[test]
    fn a_v2_cluster_is_warned_only_when_the_vnets_are_peered() {
        let mut changes = crate::testing::v2_cluster();
        changes.extend([
            hub_vnet(),
            ("/workspace/privateEndpoint", json!({"vnet": "hub-vnet", "subnet": "pe"})),
        ]);
        assert_quiet(WorkspacePeNotInAksVnet, &changes);
        changes.push(("/vnets/1/peerings", json!(["ML-VNet"])));
        let found = assert_fires(WorkspacePeNotInAksVnet, &changes);
        assert_eq!(found[0].subjects, ["/workspace/privateEndpoint/vnet", "/aksClusters/0/vnet"]);
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
