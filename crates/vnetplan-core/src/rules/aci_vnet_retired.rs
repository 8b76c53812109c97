use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about every ACI deployment in a VNet: current Azure Machine Learning documentation no \
         longer supports Container Instances inside a virtual network.",
        "Avertit pour chaque déploiement ACI dans un VNet : la documentation actuelle d’Azure Machine \
         Learning ne prend plus en charge Container Instances dans un réseau virtuel."
    ),
    why: text!(
        "Since July 2024 the v1 article on deploying to Container Instances states that ACI in a \
         virtual network is not supported and points to managed online endpoints for network isolation. \
         The v1 SDK and CLI that deploy to ACI are themselves out of support, so such a plan has no \
         supported future even if it still deploys today. The finding is a warning, since existing \
         deployments keep running.",
        "Depuis juillet 2024, l’article v1 sur le déploiement dans Container Instances indique qu’ACI \
         dans un réseau virtuel n’est pas pris en charge et renvoie aux points de terminaison en ligne \
         managés pour l’isolement réseau. Le SDK et la CLI v1 qui déploient sur ACI ne sont eux-mêmes \
         plus pris en charge : un tel plan n’a donc pas d’avenir pris en charge, même s’il se déploie \
         encore aujourd’hui. Le constat est un avertissement, car les déploiements existants continuent \
         de fonctionner."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
    ]),
    fix: text!(
        "Serve the model from a managed online endpoint with network isolation, or from the AKS cluster \
         in the VNet; `vnetplan migrate` drafts the managed online endpoint from this plan. Keep ACI for \
         quick tests outside the VNet.",
        "Servez le modèle depuis un point de terminaison en ligne managé avec isolement réseau, ou \
         depuis le cluster AKS dans le VNet ; `vnetplan migrate` prépare le point de terminaison en \
         ligne managé à partir de ce plan. Gardez ACI pour des tests rapides hors du VNet."
    ),
    sources: &[
        Source {
            title: "Deploy a model to Azure Container Instances with CLI (v1)",
            location:
                "https://learn.microsoft.com/azure/machine-learning/v1/how-to-deploy-azure-container-instance",
            date: "2024-07-10",
        },
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        let message = msg!(
            [
                "the ACI deployment '{deployment}' runs in VNet '{vnet}', which the current Azure ML v1 \
                 documentation does not support; its successor is a managed online endpoint, which \
                 `vnetplan migrate` prepares",
                "le déploiement ACI « {deployment} » s’exécute dans le VNet « {vnet} », ce que la \
                 documentation actuelle d’Azure ML v1 ne prend pas en charge ; il a pour successeur un \
                 point de terminaison en ligne managé, que `vnetplan migrate` prépare"
            ],
            deployment = &deployment.name,
            vnet = &deployment.vnet,
        );
        out.report(message, vec![pointer::aci(index, "vnet")]);
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::RuleId::AciVnetRetired;
    use crate::finding::Severity;
    use crate::testing::{aci, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn warns_on_any_aci_deployment_and_names_the_migration() {
        let found = assert_fires(AciVnetRetired, &aci());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' runs in VNet 'ml-vnet', which the current Azure ML v1 \
             documentation does not support; its successor is a managed online endpoint, which \
             `vnetplan migrate` prepares"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le déploiement ACI « scoring-aci » s’exécute dans le VNet « ml-vnet », ce que la \
             documentation actuelle d’Azure ML v1 ne prend pas en charge ; il a pour successeur un point \
             de terminaison en ligne managé, que `vnetplan migrate` prépare"
        );
    }

    #[test]
    fn quiet_without_aci() {
        assert_quiet(AciVnetRetired, &[]);
    }
}
