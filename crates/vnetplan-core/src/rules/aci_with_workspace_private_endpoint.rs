use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about every ACI deployment placed in a VNet when the workspace also has a private \
         endpoint, whichever VNet that endpoint is in.",
        "Avertit pour chaque déploiement ACI placé dans un VNet quand l’espace de travail a aussi un \
         point de terminaison privé, quel que soit le VNet de ce point de terminaison."
    ),
    why: text!(
        "The v1 page on securing inference with virtual networks, revised in January 2024, no longer \
         accepts this pairing: a workspace reached through a private endpoint cannot deploy to \
         Container Instances inside a VNet, and the page sends such workloads to managed online \
         endpoints with network isolation. The 2020 version only asked for both to share one VNet, so \
         older plans may still rely on it. It is a warning because deployments made before keep \
         running, but a new one has no supported path.",
        "La page v1 sur la sécurisation de l’inférence avec des réseaux virtuels, révisée en janvier \
         2024, n’admet plus cette association : un espace de travail joint par un point de terminaison \
         privé ne peut pas déployer sur Container Instances dans un VNet, et la page oriente ces charges \
         vers les points de terminaison en ligne managés avec isolement réseau. La version de 2020 \
         demandait seulement que les deux partagent un même VNet ; d’anciens plans peuvent donc encore \
         s’y fier. C’est un avertissement, car les déploiements existants continuent de tourner, mais \
         un nouveau déploiement n’a plus de voie prise en charge."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/vnets/0/subnets/-", r#"{"name": "pe", "addressPrefix": "10.1.9.0/24"}"#),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "pe"}"#),
    ]),
    fix: text!(
        "Serve the model from a managed online endpoint with network isolation (`vnetplan migrate` \
         drafts it from this plan), or from the AKS cluster in the VNet. If the workspace can do \
         without its private endpoint, removing it also clears the finding, at the cost of private \
         access to the workspace.",
        "Servez le modèle depuis un point de terminaison en ligne managé avec isolement réseau \
         (`vnetplan migrate` le prépare à partir de ce plan), ou depuis le cluster AKS dans le VNet. Si \
         l’espace de travail peut se passer de son point de terminaison privé, le retirer fait aussi \
         disparaître le constat, au prix de l’accès privé à l’espace de travail."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    if context.plan.workspace.private_endpoint.is_none() {
        return;
    }
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        let message = msg!(
            [
                "the ACI deployment '{deployment}' runs in VNet '{vnet}' while the workspace has a private \
                 endpoint, a pairing the Azure ML v1 documentation no longer supports; a managed online \
                 endpoint takes its place",
                "le déploiement ACI « {deployment} » s’exécute dans le VNet « {vnet} » alors que l’espace \
                 de travail a un point de terminaison privé, une association que la documentation d’Azure \
                 ML v1 ne prend plus en charge ; un point de terminaison en ligne managé le remplace"
            ],
            deployment = &deployment.name,
            vnet = &deployment.vnet,
        );
        out.report(message, vec![pointer::aci(index, "vnet"), pointer::private_endpoint("vnet")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciWithWorkspacePrivateEndpoint;
    use crate::finding::Severity;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet, hub_vnet};
    use crate::text::Lang;

    #[test]
    fn warns_once_per_deployment_whatever_the_endpoint_vnet() {
        let changes = aci_with(&[
            ("/aciDeployments/-", json!({"name": "second-aci", "vnet": "ml-vnet", "subnet": "aci"})),
            hub_vnet(),
            ("/workspace/privateEndpoint", json!({"vnet": "hub-vnet", "subnet": "pe"})),
        ]);
        let found = assert_fires(AciWithWorkspacePrivateEndpoint, &changes);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|finding| finding.severity == Severity::Warning));
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet", "/workspace/privateEndpoint/vnet"]);
        assert_eq!(found[1].subjects, ["/aciDeployments/1/vnet", "/workspace/privateEndpoint/vnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' runs in VNet 'ml-vnet' while the workspace has a private \
             endpoint, a pairing the Azure ML v1 documentation no longer supports; a managed online \
             endpoint takes its place"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le déploiement ACI « scoring-aci » s’exécute dans le VNet « ml-vnet » alors que l’espace de \
             travail a un point de terminaison privé, une association que la documentation d’Azure ML v1 \
             ne prend plus en charge ; un point de terminaison en ligne managé le remplace"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_when_the_endpoint_shares_the_deployment_vnet() {
        assert_fires(
            AciWithWorkspacePrivateEndpoint,
            &aci_with(&[
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.9.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
            ]),
        );
    }

    #[test]
    fn quiet_without_an_endpoint_or_without_aci() {
        assert_quiet(AciWithWorkspacePrivateEndpoint, &aci());
        assert_quiet(
            AciWithWorkspacePrivateEndpoint,
            &[
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.9.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
            ],
        );
    }
}
