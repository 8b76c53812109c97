use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::Identity;
use crate::pointer;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes compute cluster (azureMl.api \"v2\") whose identity is a service principal.",
        "Signale un cluster de calcul Kubernetes (azureMl.api « v2 ») dont l’identité est un principal de \
         service."
    ),
    why: text!(
        "The Azure ML extension lists AKS clusters that run with a service principal among its \
         limitations: it cannot be installed on them. Switching such a cluster to a managed identity is \
         possible, but AKS then recreates its node pools, which is a disruption to plan for.",
        "L’extension Azure ML range les clusters AKS qui tournent avec un principal de service parmi ses \
         limitations : elle ne peut pas y être installée. Passer un tel cluster à une identité managée \
         est possible, mais AKS recrée alors ses pools de nœuds, une interruption à prévoir."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/identity", r#""servicePrincipal""#),
    ]),
    fix: text!(
        "Move the cluster to a managed identity (az aks update --enable-managed-identity) during a \
         maintenance window, since its node pools are rebuilt, then set identity to \"systemAssigned\".",
        "Passez le cluster à une identité managée (az aks update --enable-managed-identity) pendant une \
         fenêtre de maintenance, puisque ses pools de nœuds sont reconstruits, puis mettez identity à \
         « systemAssigned »."
    ),
    sources: &[Source {
        title: "Deploy Azure Machine Learning extension on AKS or Arc Kubernetes cluster (Limitations)",
        location: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
        date: "2026-01-28",
    }],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || cluster.identity() != Identity::ServicePrincipal {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' runs with a service principal, on which the Azure ML extension cannot be \
                 installed; moving it to a managed identity recreates its node pools",
                "le cluster « {cluster} » tourne avec un principal de service, sur lequel l’extension Azure ML \
                 ne peut pas être installée ; le passer à une identité managée recrée ses pools de nœuds"
            ],
            cluster = &cluster.name,
        );
        out.report(
            message,
            vec![pointer::cluster(index, "identity"), pointer::cluster(index, "azureMl/api")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sServicePrincipalIdentity;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2_with(identity: &str) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/aksClusters/0/identity", json!(identity)),
        ]
    }

    #[test]
    fn fires_on_a_v2_cluster_with_a_service_principal() {
        let found = assert_fires(K8sServicePrincipalIdentity, &v2_with("servicePrincipal"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/aksClusters/0/identity", "/aksClusters/0/azureMl/api"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » tourne avec un principal de service, sur lequel l’extension Azure ML ne \
             peut pas être installée ; le passer à une identité managée recrée ses pools de nœuds"
        );
    }

    #[test]
    fn quiet_with_a_managed_identity_or_on_v1() {
        assert_quiet(K8sServicePrincipalIdentity, &v2_with("systemAssigned"));
        assert_quiet(K8sServicePrincipalIdentity, &[("/aksClusters/0/identity", json!("servicePrincipal"))]);
    }
}
