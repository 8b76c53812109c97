use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes compute cluster (azureMl.api \"v2\") with local accounts disabled \
         (localAccountsDisabled true) and no Trusted Access for Azure ML recorded.",
        "Signale un cluster de calcul Kubernetes (azureMl.api « v2 ») dont les comptes locaux sont \
         désactivés (localAccountsDisabled à true) sans accès approuvé (Trusted Access) consigné pour \
         Azure ML."
    ),
    why: text!(
        "The current extension article lists clusters without local accounts as unsupported: Azure ML \
         relies on the local admin credential to reach the cluster. The older AML-Kubernetes guide \
         makes them work through Trusted Access only, in the public cloud. Without it the attach fails.",
        "L’article actuel sur l’extension range les clusters sans comptes locaux parmi les cas non pris en \
         charge : Azure ML s’appuie sur l’identifiant d’administration local pour joindre le cluster. \
         L’ancien guide AML-Kubernetes ne les fait fonctionner que par l’accès approuvé, et seulement dans \
         le cloud public. Sans lui, l’attachement échoue."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/localAccountsDisabled", "true"),
    ]),
    fix: text!(
        "Enable local accounts on the cluster again, or, in the public cloud, set up Trusted Access for \
         the workspace and record it with trustedAccess true.",
        "Réactivez les comptes locaux du cluster ou, dans le cloud public, mettez en place l’accès \
         approuvé pour l’espace de travail et consignez-le avec trustedAccess à true."
    ),
    sources: &[
        Source {
            title: "Deploy Azure Machine Learning extension on AKS or Arc Kubernetes cluster (unsupported setups)",
            location: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
            date: "2026-01-28",
        },
        Source {
            title: "Azure ML extension on AKS with Trusted Access (public cloud only)",
            location: "Azure/AML-Kubernetes:docs/azureml-aks-ta-support.md",
            date: "2024-07-05",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || !cluster.local_accounts_disabled() || cluster.trusted_access() {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' has local accounts disabled and no Trusted Access, so Azure ML cannot \
                 reach it to attach it",
                "le cluster « {cluster} » a ses comptes locaux désactivés et aucun accès approuvé : Azure ML \
                 ne peut pas le joindre pour l’attacher"
            ],
            cluster = &cluster.name,
        );
        out.report(
            message,
            vec![pointer::cluster(index, "localAccountsDisabled"), pointer::cluster(index, "trustedAccess")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sLocalAccountsDisabled;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2_with(disabled: bool, trusted: bool) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/aksClusters/0/localAccountsDisabled", json!(disabled)),
            ("/aksClusters/0/trustedAccess", json!(trusted)),
        ]
    }

    #[test]
    fn fires_without_trusted_access() {
        let found = assert_fires(K8sLocalAccountsDisabled, &v2_with(true, false));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/localAccountsDisabled", "/aksClusters/0/trustedAccess"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » a ses comptes locaux désactivés et aucun accès approuvé : Azure ML ne peut \
             pas le joindre pour l’attacher"
        );
    }

    #[test]
    fn quiet_with_trusted_access_or_local_accounts() {
        assert_quiet(K8sLocalAccountsDisabled, &v2_with(true, true));
        assert_quiet(K8sLocalAccountsDisabled, &v2_with(false, false));
    }
}
