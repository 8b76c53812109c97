use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, RuleFindings, Severity};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When the workspace has a private endpoint, it should sit in the VNet of every AKS cluster of the \
         plan; the rule warns once for each cluster whose VNet is another one that the plan records as \
         peered with it, and reports an error for a v1 cluster whose VNet is not peered with it. For an \
         unpeered v2 cluster the error is k8s-workspace-pe-not-reachable's.",
        "Quand l’espace de travail a un point de terminaison privé, celui-ci devrait se trouver dans le \
         VNet de chaque cluster AKS du plan ; la règle avertit une fois pour chaque cluster dont le VNet \
         est un autre que le plan dit appairé avec lui, et signale une erreur pour un cluster v1 dont le \
         VNet ne l’est pas. Pour un cluster v2 sans appairage, l’erreur est celle de \
         k8s-workspace-pe-not-reachable."
    ),
    why: text!(
        "The v1 inferencing guide requires that, for an AKS cluster behind a VNet, the workspace and its \
         storage, key vault and container registry have private or service endpoints in the cluster's \
         VNet. Newer Azure ML guidance also accepts a VNet peered with the cluster's, which is why a \
         peered VNet is a warning: the cluster then depends on the peering and on private DNS to reach the \
         workspace, and deployments fail when either is missing. Without a peering nothing carries the \
         cluster's traffic to the endpoint at all.",
        "Le guide d’inférence v1 exige que, pour un cluster AKS derrière un VNet, l’espace de travail et \
         son stockage, son coffre de clés et son registre de conteneurs aient des points de terminaison \
         privés ou de service dans le VNet du cluster. La documentation Azure ML plus récente accepte \
         aussi un VNet appairé avec celui du cluster, d’où un simple avertissement pour un VNet appairé : \
         le cluster dépend alors de l’appairage et du DNS privé pour joindre l’espace de travail, et les \
         déploiements échouent si l’un des deux manque. Sans appairage, rien n’achemine le trafic du \
         cluster jusqu’au point de terminaison."
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
        let peered = context.peered(context.vnet_name(cluster_vnet), &endpoint.vnet);
        // A v2 cluster in a VNet not peered with the endpoint's cannot reach the workspace at all:
        // that error is k8s-workspace-pe-not-reachable's, and this rule would only repeat it.
        if cluster.is_v2() && !peered {
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
        let subjects = vec![pointer::private_endpoint("vnet"), pointer::cluster(index, "vnet")];
        if !peered {
            // Nothing joins the two VNets, so the v1 cluster cannot reach the workspace either, as
            // k8s-workspace-pe-not-reachable says of a v2 one.
            let message = msg!([
                "{message}, and the plan records no peering between them, so the cluster cannot \
                     reach the workspace; if they are peered, list the peering in peerings",
                "{message}, et le plan ne consigne aucun appairage entre eux : le cluster ne peut pas \
                     joindre l’espace de travail ; s’ils sont appairés, indiquez l’appairage dans peerings"
            ])
            .with_message("message", message);
            out.push_as(Severity::Error, Draft::new(message, subjects));
            continue;
        }
        // Through a peering the cluster reaches the endpoint only if the names resolve to it there.
        let message = msg!(
            [
                "{message}; the two are peered, so the endpoint's private DNS zones must also be \
                 linked to VNet '{vnet}'",
                "{message} ; les deux sont appairés : les zones DNS privées du point de terminaison \
                 doivent donc aussi être liées au VNet « {vnet} »"
            ],
            vnet = cluster.vnet_name(),
        )
        .with_message("message", message);
        out.report(message, subjects);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::WorkspacePeNotInAksVnet;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet, hub_vnet};
    use crate::text::Lang;

    #[test]
    fn an_unpeered_vnet_is_an_error_and_a_peered_one_a_warning() {
        let mut changes =
            vec![hub_vnet(), ("/workspace/privateEndpoint", json!({"vnet": "hub-vnet", "subnet": "pe"}))];
        let found = assert_fires(WorkspacePeNotInAksVnet, &changes);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/workspace/privateEndpoint/vnet", "/aksClusters/0/vnet"]);
        assert_eq!(
            found[0].message,
            "the workspace private endpoint is in VNet 'hub-vnet' but cluster 'ml-aks' is in VNet 'ml-vnet', \
             and the plan records no peering between them, so the cluster cannot reach the workspace; if \
             they are peered, list the peering in peerings"
        );
        changes.push(("/vnets/0/peerings", json!(["hub-vnet"])));
        let found = assert_fires(WorkspacePeNotInAksVnet, &changes);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison privé de l’espace de travail est dans le VNet « hub-vnet », mais le \
             cluster « ml-aks » est dans le VNet « ml-vnet » ; les deux sont appairés : les zones DNS \
             privées du point de terminaison doivent donc aussi être liées au VNet « ml-vnet »"
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
