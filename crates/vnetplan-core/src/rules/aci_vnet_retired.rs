use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Notes every ACI deployment in a VNet: current Azure Machine Learning documentation no \
           longer supports Container Instances inside a virtual network."),
    why: english!("Since mid-2024 the Azure ML v1 article on deploying to Container Instances states that \
          deploying ACI into a virtual network is unsupported and suggests managed online endpoints \
          for network isolation. SDK v1 itself is deprecated, so a plan that relies on ACI in a VNet \
          has no supported future even when it deploys today."),
    example: Example::Fragment("\"aciDeployments\": [{ \"name\": \"scoring-aci\", \"vnet\": \"ml-vnet\", \"subnet\": \"aci\" }]"),
    fix: english!("For new work, use a managed online endpoint with network isolation, or serve the model from \
          the AKS cluster in the VNet. Keep ACI for quick tests outside the VNet."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        out.report(format!(
                "the ACI deployment '{}' runs in VNet '{}', which current Azure ML documentation no longer \
                 supports; managed online endpoints take its place",
                deployment.name, deployment.vnet
            ),
            vec![pointer::aci(index, "vnet")],
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::RuleId::AciVnetRetired;
    use crate::testing::{aci, assert_fires, assert_quiet};

    #[test]
    fn fires_on_any_aci_deployment() {
        let found = assert_fires(AciVnetRetired, &aci());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/vnet"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' runs in VNet 'ml-vnet', which current Azure ML documentation \
             no longer supports; managed online endpoints take its place"
        );
    }

    #[test]
    fn quiet_without_aci() {
        assert_quiet(AciVnetRetired, &[]);
    }
}
