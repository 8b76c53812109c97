use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An ACI deployment in a VNet cannot be combined with a workspace container registry that sits \
         behind the VNet (workspace.acrInVnet is true).",
        "Un déploiement ACI dans un VNet ne peut pas aller avec un registre de conteneurs de l’espace \
         de travail placé derrière le VNet (workspace.acrInVnet à true)."
    ),
    why: text!(
        "Container Instances pulls the web service image from the workspace’s Azure Container Registry. \
         The Azure ML guide for ACI in a virtual network says that this registry must not be inside the \
         network: when it is, the image cannot be pulled and the deployment fails.",
        "Container Instances récupère l’image du service web dans le registre Azure Container Registry \
         de l’espace de travail. Le guide d’Azure ML pour ACI dans un réseau virtuel exige que ce \
         registre ne soit pas dans le réseau : s’il y est, l’image ne peut pas être récupérée et le \
         déploiement échoue."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
        ("/workspace/acrInVnet", "true"),
    ]),
    fix: text!(
        "Keep the workspace container registry reachable from outside the VNet, or serve the model from \
         the AKS cluster or a managed online endpoint, both of which can pull from a registry behind the \
         VNet.",
        "Laissez le registre de conteneurs de l’espace de travail joignable depuis l’extérieur du VNet, \
         ou servez le modèle depuis le cluster AKS ou un point de terminaison en ligne managé, qui \
         savent tous deux récupérer une image dans un registre placé derrière le VNet."
    ),
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    if !context.plan.workspace.acr_in_vnet() {
        return;
    }
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        out.report(
            msg!(
                [
                    "the ACI deployment '{deployment}' runs in VNet '{vnet}', but the workspace container \
                     registry is behind the VNet (acrInVnet is true) where ACI cannot pull from it",
                    "le déploiement ACI « {deployment} » s’exécute dans le VNet « {vnet} », mais le \
                     registre de conteneurs de l’espace de travail est derrière le VNet (acrInVnet vaut \
                     true) et ACI ne peut pas y récupérer d’images"
                ],
                deployment = &deployment.name,
                vnet = &deployment.vnet,
            ),
            vec![pointer::aci(index, "vnet"), pointer::workspace("acrInVnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciAcrInVnet;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_with_a_registry_behind_the_vnet() {
        let found = assert_fires(AciAcrInVnet, &aci_with(&[("/workspace/acrInVnet", json!(true))]));
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet", "/workspace/acrInVnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' runs in VNet 'ml-vnet', but the workspace container registry \
             is behind the VNet (acrInVnet is true) where ACI cannot pull from it"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le déploiement ACI « scoring-aci » s’exécute dans le VNet « ml-vnet », mais le registre de \
             conteneurs de l’espace de travail est derrière le VNet (acrInVnet vaut true) et ACI ne peut \
             pas y récupérer d’images"
        );
    }

    #[test]
    fn quiet_without_aci_or_with_a_public_registry() {
        assert_quiet(AciAcrInVnet, &aci());
        assert_quiet(AciAcrInVnet, &[("/workspace/acrInVnet", json!(true))]);
    }
}
