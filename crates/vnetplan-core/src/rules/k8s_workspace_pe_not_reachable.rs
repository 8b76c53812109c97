use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports each v2 cluster whose VNet is neither the VNet of the workspace private endpoint nor \
         peered with it, when that VNet is in the plan. A peering counts when either VNet lists the \
         other in peerings.",
        "Signale chaque cluster v2 dont le VNet n’est ni celui du point de terminaison privé de \
         l’espace de travail ni appairé avec lui, quand ce VNet figure dans le plan. Un appairage compte \
         dès que l’un des deux VNet cite l’autre dans peerings."
    ),
    why: text!(
        "With a private workspace, the Azure ML extension on the cluster calls the workspace, its \
         registry and its storage through their private endpoints. The secure inferencing guide puts the \
         cluster in the VNet of those endpoints or in one peered with it, with private DNS resolving \
         the names there. From a VNet with no route to them, the extension cannot reach the workspace, \
         and attaching the compute or deploying to it fails.",
        "Avec un espace de travail privé, l’extension Azure ML du cluster appelle l’espace de travail, \
         son registre et son stockage par leurs points de terminaison privés. Le guide d’inférence \
         sécurisée place le cluster dans le VNet de ces points de terminaison ou dans un VNet appairé, \
         avec un DNS privé qui y résout les noms. Depuis un VNet sans route vers eux, l’extension ne \
         joint pas l’espace de travail, et l’attachement du calcul comme les déploiements échouent."
    ),
    example: Example(&[
        (
            "/vnets/-",
            r#"{"name": "pe-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.5.0.0/16"], "subnets": [{"name": "pe", "addressPrefix": "10.5.0.0/24"}]}"#,
        ),
        ("/workspace/privateEndpoint", r#"{"vnet": "pe-vnet", "subnet": "pe"}"#),
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
    ]),
    fix: text!(
        "Declare the peering between the two VNets in peerings (and create it in Azure, with the private \
         DNS zones linked to the cluster’s VNet), or add a workspace private endpoint in the cluster’s \
         VNet.",
        "Déclarez l’appairage entre les deux VNet dans peerings (et créez-le dans Azure, avec les zones \
         DNS privées liées au VNet du cluster), ou ajoutez un point de terminaison privé de l’espace de \
         travail dans le VNet du cluster."
    ),
    sources: &[Source {
        title: "Secure an Azure Machine Learning inferencing environment with virtual networks",
        location:
            "https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-environment",
        date: "2026-03-30",
    }],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(endpoint) = &context.plan.workspace.private_endpoint else { return };
    // An endpoint VNet outside the plan may be peered in ways the plan cannot show.
    let Some(endpoint_vnet) = context.vnet_named(&endpoint.vnet).and_then(|index| context.vnet(index)) else {
        return;
    };
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() {
            continue;
        }
        if cluster.vnet.as_deref().is_some_and(|name| context.peered(name, &endpoint_vnet.name)) {
            continue;
        }
        let place = match cluster.vnet.as_deref() {
            Some(vnet) => msg!(["in VNet '{vnet}'", "dans le VNet « {vnet} »"], vnet = vnet),
            None => msg!(["in the VNet that AKS manages", "dans le VNet géré par AKS"]),
        };
        out.report(
            msg!(
                [
                    "cluster '{cluster}' is {place}, which is neither VNet '{endpoint_vnet}' of the \
                     workspace private endpoint nor peered with it, so the Azure ML extension cannot reach \
                     the workspace",
                    "le cluster « {cluster} » est {place}, qui n’est ni le VNet « {endpoint_vnet} » du \
                     point de terminaison privé de l’espace de travail ni appairé avec lui : l’extension \
                     Azure ML ne peut donc pas joindre l’espace de travail"
                ],
                cluster = &cluster.name,
                endpoint_vnet = &endpoint_vnet.name,
            )
            .with_message("place", place),
            vec![pointer::cluster(index, "vnet"), pointer::private_endpoint("vnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sWorkspacePeNotReachable;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn plan(pe_vnet: Value, endpoint_in: &str) -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/-", pe_vnet),
            ("/workspace/privateEndpoint", json!({ "vnet": endpoint_in, "subnet": "pe" })),
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({ "api": "v2", "inferenceRouterServiceType": "loadBalancer" })),
        ]
    }

    fn pe_vnet(peerings: &[&str]) -> Value {
        json!({
            "name": "pe-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.5.0.0/16"],
            "subnets": [{ "name": "pe", "addressPrefix": "10.5.0.0/24" }], "peerings": peerings
        })
    }

    #[test]
    fn fires_when_the_vnets_are_not_peered() {
        let found = assert_fires(K8sWorkspacePeNotReachable, &plan(pe_vnet(&[]), "PE-vnet"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/aksClusters/0/vnet", "/workspace/privateEndpoint/vnet"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » est dans le VNet « ml-vnet », qui n’est ni le VNet « pe-vnet » du point \
             de terminaison privé de l’espace de travail ni appairé avec lui : l’extension Azure ML ne \
             peut donc pas joindre l’espace de travail"
        );
    }

    #[test]
    fn fires_for_a_cluster_in_the_vnet_aks_manages() {
        let mut changes = plan(pe_vnet(&[]), "pe-vnet");
        changes.push((
            "/aksClusters/0",
            json!({
                "name": "ml-aks", "provisioning": "attach", "serviceCidr": "10.2.0.0/16",
                "dnsServiceIP": "10.2.0.10", "nodeCount": 3,
                "azureMl": { "api": "v2", "inferenceRouterServiceType": "loadBalancer" }
            }),
        ));
        let found = assert_fires(K8sWorkspacePeNotReachable, &changes);
        assert!(found[0].message.starts_with("cluster 'ml-aks' is in the VNet that AKS manages, which"));
    }

    #[test]
    fn quiet_when_peered_either_way_or_in_the_same_vnet() {
        assert_quiet(K8sWorkspacePeNotReachable, &plan(pe_vnet(&["ML-VNET"]), "pe-vnet"));
        let mut back = plan(pe_vnet(&[]), "pe-vnet");
        back.push(("/vnets/0/peerings", json!(["pe-vnet"])));
        assert_quiet(K8sWorkspacePeNotReachable, &back);
        assert_quiet(K8sWorkspacePeNotReachable, &plan(pe_vnet(&[]), "ml-vnet"));
        // An endpoint VNet the plan does not hold is left alone.
        assert_quiet(K8sWorkspacePeNotReachable, &plan(pe_vnet(&[]), "far-vnet"));
    }
}
