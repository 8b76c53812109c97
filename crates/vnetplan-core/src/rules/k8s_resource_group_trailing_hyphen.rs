use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when the workspace's resource group name ends with a hyphen and the plan has a Kubernetes \
         compute cluster (azureMl.api \"v2\").",
        "Avertit quand le nom du groupe de ressources de l’espace de travail se termine par un tiret et que \
         le plan a un cluster de calcul Kubernetes (azureMl.api « v2 »)."
    ),
    why: text!(
        "Azure accepts a resource group name that ends with a hyphen, but Azure ML's troubleshooting guide \
         for Kubernetes compute names that final hyphen, on the workspace's name or its resource group's, as \
         a common cause of InternalServerError when deployments, endpoints or jobs are created on the \
         cluster. The attach succeeds and the failure comes later, at the first deployment. The plan does not \
         record the workspace's own name, so only the resource group is checked.",
        "Azure accepte un nom de groupe de ressources qui se termine par un tiret, mais le guide de dépannage \
         d’Azure ML pour le calcul Kubernetes cite ce tiret final, sur le nom de l’espace de travail ou sur \
         celui de son groupe de ressources, comme une cause fréquente d’InternalServerError à la création \
         de déploiements, de points de terminaison ou de travaux sur le cluster. L’attachement réussit et \
         l’échec vient plus tard, au premier déploiement. Le plan n’enregistre pas le nom de l’espace de \
         travail : seul le groupe de ressources est vérifié."
    ),
    example: Example(&[
        ("/workspace/resourceGroup", r#""ml-rg-""#),
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
    ]),
    fix: text!(
        "Put the workspace in a resource group whose name ends with a letter or a digit, and check that the \
         workspace's own name does not end with a hyphen either. A resource group cannot be renamed: create \
         the workspace in a new one.",
        "Placez l’espace de travail dans un groupe de ressources dont le nom se termine par une lettre ou un \
         chiffre, et vérifiez que le nom de l’espace de travail lui-même ne se termine pas non plus par un \
         tiret. Un groupe de ressources ne se renomme pas : créez l’espace de travail dans un nouveau groupe."
    ),
    sources: &[sources::HOW_TO_TROUBLESHOOT_KUBERNETES_COMPUTE_2025_03_11],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let group = &context.plan.workspace.resource_group;
    if !group.ends_with('-') {
        return;
    }
    let Some((index, cluster, _)) = context.clusters().find(|(_, cluster, _)| cluster.is_v2()) else {
        return;
    };
    out.report(
        msg!(
            [
                "the workspace's resource group '{group}' ends with a hyphen, which makes deployments on \
                 Kubernetes compute '{cluster}' fail with InternalServerError",
                "le groupe de ressources « {group} » de l’espace de travail se termine par un tiret, ce qui fait \
                 échouer les déploiements sur le calcul Kubernetes « {cluster} » avec InternalServerError"
            ],
            group = group,
            cluster = &cluster.name,
        ),
        vec![pointer::workspace("resourceGroup"), pointer::cluster(index, "azureMl/api")],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::K8sResourceGroupTrailingHyphen;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    #[test]
    fn fires_for_a_trailing_hyphen_with_kubernetes_compute() {
        let mut changes = v2_cluster();
        changes.push(("/workspace/resourceGroup", json!("ml-rg-")));
        let found = assert_fires(K8sResourceGroupTrailingHyphen, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/workspace/resourceGroup", "/aksClusters/0/azureMl/api"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le groupe de ressources « ml-rg- » de l’espace de travail se termine par un tiret, ce qui fait \
             échouer les déploiements sur le calcul Kubernetes « ml-aks » avec InternalServerError"
        );
    }

    #[test]
    fn quiet_without_kubernetes_compute_or_the_hyphen() {
        assert_quiet(K8sResourceGroupTrailingHyphen, &[("/workspace/resourceGroup", json!("ml-rg-"))]);
        let mut changes = v2_cluster();
        changes.push(("/workspace/resourceGroup", json!("ml-rg-1")));
        assert_quiet(K8sResourceGroupTrailingHyphen, &changes);
    }
}
