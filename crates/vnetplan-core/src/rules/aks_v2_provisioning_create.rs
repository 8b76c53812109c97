use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, Provisioning};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes compute cluster (azureMl.api \"v2\") whose provisioning is \"create\", \
         whether the plan writes it or leaves it to the default.",
        "Signale un cluster de calcul Kubernetes (azureMl.api « v2 ») dont provisioning vaut « create », \
         que le plan l’écrive ou s’en remette à la valeur par défaut."
    ),
    why: text!(
        "With v2, Azure ML never builds the AKS cluster itself: you create it beforehand (az aks create, \
         an ARM or Bicep template), install the Azure ML extension on it, then attach it to the \
         workspace. A plan that expects Azure ML to create the cluster describes a step that does not \
         exist.",
        "Avec la v2, Azure ML ne construit jamais lui-même le cluster AKS : vous le créez au préalable \
         (az aks create, un modèle ARM ou Bicep), vous y installez l’extension Azure ML, puis vous \
         l’attachez à l’espace de travail. Un plan qui compte sur Azure ML pour créer le cluster décrit \
         une étape qui n’existe pas."
    ),
    example: Example(&[(
        "/aksClusters/0/azureMl",
        r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#,
    )]),
    fix: text!(
        "Set provisioning to \"attach\" and create the cluster on your side with the values of the plan, \
         using az aks create or a template, before attaching it.",
        "Mettez provisioning à « attach » et créez le cluster de votre côté avec les valeurs du plan, par \
         az aks create ou un modèle, avant de l’attacher."
    ),
    sources: &[
        sources::HOW_TO_ATTACH_KUBERNETES_ANYWHERE_2026_01_27,
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || cluster.provisioning() != Provisioning::Create {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' is Kubernetes compute but asks Azure ML to create it; v2 only attaches \
                 a cluster made beforehand with az aks create or a template",
                "le cluster « {cluster} » est un calcul Kubernetes mais demande à Azure ML de le créer ; la v2 \
                 ne fait qu’attacher un cluster créé au préalable par az aks create ou un modèle"
            ],
            cluster = &cluster.name,
        );
        let fix = Fix::set(
            msg!(
                ["attach cluster '{cluster}' instead", "attacher plutôt le cluster « {cluster} »"],
                cluster = &cluster.name,
            ),
            pointer::cluster(index, "provisioning"),
            Provisioning::Attach.as_str(),
        );
        // Written or defaulted, the field to change is the same one.
        out.push(
            Draft::new(
                message,
                vec![pointer::cluster(index, "provisioning"), pointer::cluster(index, "azureMl/api")],
            )
            .with_fix(Some(fix)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksV2ProvisioningCreate;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn v2() -> (&'static str, serde_json::Value) {
        ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"}))
    }

    #[test]
    fn fires_when_a_v2_cluster_is_created_by_default_or_by_name() {
        for changes in [vec![v2()], vec![v2(), ("/aksClusters/0/provisioning", json!("create"))]] {
            let found = assert_fires(AksV2ProvisioningCreate, &changes);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].severity, Severity::Error);
            assert_eq!(found[0].subjects, ["/aksClusters/0/provisioning", "/aksClusters/0/azureMl/api"]);
            assert_eq!(
                found[0].text.render(Lang::Fr),
                "le cluster « ml-aks » est un calcul Kubernetes mais demande à Azure ML de le créer ; la v2 ne \
                 fait qu’attacher un cluster créé au préalable par az aks create ou un modèle"
            );
            let fix = found[0].fix.as_ref().expect("attach is always possible");
            assert_eq!(fix.changes[0].value, json!("attach"));
            assert_fix_resolves(AksV2ProvisioningCreate, &changes);
        }
    }

    #[test]
    fn quiet_for_an_attached_v2_cluster_and_for_v1() {
        assert_quiet(AksV2ProvisioningCreate, &[v2(), ("/aksClusters/0/provisioning", json!("attach"))]);
        assert_quiet(AksV2ProvisioningCreate, &[("/aksClusters/0/provisioning", json!("create"))]);
    }
}
