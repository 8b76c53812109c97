use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When the workspace has a private endpoint, an ACI deployment must be in the VNet of that \
         private endpoint. VNet names are compared without regard to case.",
        "Quand l’espace de travail a un point de terminaison privé, un déploiement ACI doit se trouver \
         dans le VNet de ce point de terminaison. Les noms de VNet sont comparés sans tenir compte de la \
         casse."
    ),
    why: text!(
        "The 2020 Azure ML guide required Container Instances in a virtual network to use the network \
         of the workspace private endpoint, where the workspace is reachable privately. The v1 guide of \
         2024 goes further: with a workspace private endpoint, ACI in a VNet is not supported at all, \
         and managed online endpoints with network isolation take its place. A deployment in another \
         VNet fails under either text.",
        "Le guide Azure ML de 2020 imposait à Container Instances dans un réseau virtuel d’utiliser le \
         réseau du point de terminaison privé de l’espace de travail, où celui-ci est joignable en \
         privé. Le guide v1 de 2024 va plus loin : avec un point de terminaison privé sur l’espace de \
         travail, ACI dans un VNet n’est plus pris en charge du tout, et les points de terminaison en \
         ligne managés avec isolement réseau le remplacent. Un déploiement dans un autre VNet échoue \
         selon l’un comme l’autre texte."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
        (
            "/vnets/-",
            r#"{"name": "hub-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.5.0.0/16"], "subnets": [{"name": "pe", "addressPrefix": "10.5.0.0/24"}]}"#,
        ),
        ("/workspace/privateEndpoint", r#"{"vnet": "hub-vnet", "subnet": "pe"}"#),
    ]),
    fix: text!(
        "Move the web service to a managed online endpoint or to the AKS cluster, since current \
         guidance no longer supports ACI in a VNet beside a workspace private endpoint. If the \
         deployment must stay on ACI for now, put its subnet in the VNet of the private endpoint.",
        "Passez le service web sur un point de terminaison en ligne managé ou sur le cluster AKS, \
         puisque la documentation actuelle ne prend plus en charge ACI dans un VNet à côté d’un point de \
         terminaison privé de l’espace de travail. Si le déploiement doit rester sur ACI pour l’instant, \
         placez son sous-réseau dans le VNet du point de terminaison privé."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(endpoint) = &context.plan.workspace.private_endpoint else { return };
    let Some(endpoint_vnet) = context.vnet_named(&endpoint.vnet) else { return };
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let Some(vnet) = placement.vnet else { continue };
        if vnet == endpoint_vnet {
            continue;
        }
        let message = msg!(
            [
                "the ACI deployment '{deployment}' uses VNet '{vnet}', but the workspace private endpoint \
                 is in VNet '{endpoint}'",
                "le déploiement ACI « {deployment} » utilise le VNet « {vnet} », mais le point de \
                 terminaison privé de l’espace de travail est dans le VNet « {endpoint} »"
            ],
            deployment = &deployment.name,
            vnet = context.vnet_name(vnet),
            endpoint = context.vnet_name(endpoint_vnet),
        );
        out.report(message, vec![pointer::aci(index, "vnet"), pointer::private_endpoint("vnet")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciVnetDiffersFromPrivateEndpoint;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet, hub_vnet};
    use crate::text::Lang;

    #[test]
    fn fires_when_the_endpoint_is_in_another_vnet() {
        let changes = aci_with(&[
            hub_vnet(),
            ("/workspace/privateEndpoint", json!({"vnet": "hub-vnet", "subnet": "pe"})),
        ]);
        let found = assert_fires(AciVnetDiffersFromPrivateEndpoint, &changes);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet", "/workspace/privateEndpoint/vnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' uses VNet 'ml-vnet', but the workspace private endpoint is in \
             VNet 'hub-vnet'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le déploiement ACI « scoring-aci » utilise le VNet « ml-vnet », mais le point de terminaison \
             privé de l’espace de travail est dans le VNet « hub-vnet »"
        );
    }

    #[test]
    fn quiet_in_the_same_vnet_or_without_an_endpoint() {
        assert_quiet(AciVnetDiffersFromPrivateEndpoint, &aci());
        assert_quiet(
            AciVnetDiffersFromPrivateEndpoint,
            &aci_with(&[
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.9.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
            ]),
        );
        assert_quiet(
            AciVnetDiffersFromPrivateEndpoint,
            &aci_with(&[("/workspace/privateEndpoint", json!({"vnet": "nowhere", "subnet": "pe"}))]),
        );
    }
}
