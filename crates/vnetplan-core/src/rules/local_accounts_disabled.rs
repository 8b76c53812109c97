use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::Provisioning;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports an AKS cluster used by Azure ML v1 (no azureMl block, or api \"v1\") with local accounts \
         disabled (localAccountsDisabled true). Kubernetes compute (v2) has a rule of its own, \
         k8s-local-accounts-disabled.",
        "Signale un cluster AKS utilisé par Azure ML v1 (sans bloc azureMl, ou api « v1 ») dont les \
         comptes locaux sont désactivés (localAccountsDisabled à true). Le calcul Kubernetes (v2) a sa \
         propre règle, k8s-local-accounts-disabled."
    ),
    why: text!(
        "Azure ML reaches a cluster through its local admin credential, which AKS stops handing out once \
         local accounts are disabled. Trusted Access is the only way around that, and it serves \
         Kubernetes compute only, never the v1 AksCompute; the current extension article lists clusters \
         without local accounts as unsupported. A v1 cluster without them cannot be attached or deployed \
         to, whatever else the plan records.",
        "Azure ML joint un cluster par son identifiant d’administration local, qu’AKS cesse de délivrer \
         une fois les comptes locaux désactivés. L’accès approuvé (Trusted Access) est le seul moyen de \
         contourner cela, et il ne sert que le calcul Kubernetes, jamais l’AksCompute de v1 ; l’article \
         actuel sur l’extension range les clusters sans comptes locaux parmi les cas non pris en charge. \
         Un cluster v1 qui n’en a plus ne peut être ni attaché ni servir de cible de déploiement, quoi que \
         le plan consigne d’autre."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/localAccountsDisabled", "true"),
    ]),
    fix: text!(
        "Keep the cluster's local accounts (az aks update --enable-local-accounts) and limit who may list \
         its admin credential; or move the cluster to Kubernetes compute, where Trusted Access allows \
         disabling them in the public cloud.",
        "Gardez les comptes locaux du cluster (az aks update --enable-local-accounts) et limitez qui peut \
         lister son identifiant d’administration ; ou passez le cluster au calcul Kubernetes, où l’accès \
         approuvé permet de les désactiver dans le cloud public."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        if !cluster.local_accounts_disabled() {
            continue;
        }
        let target = pointer::cluster(index, "localAccountsDisabled");
        // An attached cluster exists: turning its local accounts back on is done in Azure, and
        // the fix records it (an attestation).
        let title = if cluster.provisioning() == Provisioning::Attach {
            msg!(
                [
                    "turn the local accounts of cluster '{cluster}' back on with `az aks update --resource-group \
                     <its resource group> --name {cluster} --enable-local-accounts`",
                    "réactiver les comptes locaux du cluster « {cluster} » avec `az aks update --resource-group \
                     <son groupe de ressources> --name {cluster} --enable-local-accounts`"
                ],
                cluster = &cluster.name,
            )
        } else {
            msg!(
                [
                    "keep the local accounts of cluster '{cluster}'",
                    "garder les comptes locaux du cluster « {cluster} »"
                ],
                cluster = &cluster.name,
            )
        };
        let fix = Fix::set(title, target.clone(), false);
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' has its local accounts disabled, but Azure ML v1 needs them: it \
                         reaches a cluster through its local admin credential and cannot use Trusted \
                         Access instead",
                        "le cluster « {cluster} » a ses comptes locaux désactivés, or Azure ML v1 en a \
                         besoin : il joint un cluster par son identifiant d’administration local et ne peut \
                         pas recourir à l’accès approuvé à la place"
                    ],
                    cluster = &cluster.name,
                ),
                vec![target],
            )
            .with_fix(Some(fix)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::LocalAccountsDisabled;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_v1_cluster_without_local_accounts_even_with_trusted_access() {
        let changes = [
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/localAccountsDisabled", json!(true)),
        ];
        let found = assert_fires(LocalAccountsDisabled, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/aksClusters/0/localAccountsDisabled"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' has its local accounts disabled, but Azure ML v1 needs them: it reaches a \
             cluster through its local admin credential and cannot use Trusted Access instead"
        );
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .starts_with("le cluster « ml-aks » a ses comptes locaux désactivés"));
        assert_fix_resolves(LocalAccountsDisabled, &changes);
        // The cluster exists: its local accounts are turned on in Azure, which suggest cannot do.
        let fix = found[0].fix.as_ref().expect("local accounts can be turned on");
        assert_eq!(fix.kind, FixKind::Attestation);
        assert!(fix.text.render(Lang::En).contains("--name ml-aks --enable-local-accounts"));
        let plan = crate::testing::plan_with(&changes);
        assert_eq!(crate::suggest(&plan).aks_clusters[0].local_accounts_disabled, Some(true));
        let mut trusted = changes.to_vec();
        trusted.push(("/aksClusters/0/trustedAccess", json!(true)));
        assert_fires(LocalAccountsDisabled, &trusted);
        // A cluster Azure ML creates gets them, and disabling them afterwards breaks it just the same;
        // that is still a choice of the plan.
        let planned = assert_fires(LocalAccountsDisabled, &changes[1..]);
        assert_eq!(planned[0].fix.as_ref().map(|fix| fix.kind), Some(FixKind::Design));
    }

    #[test]
    fn quiet_with_local_accounts_or_for_kubernetes_compute() {
        assert_quiet(LocalAccountsDisabled, &[]);
        assert_quiet(LocalAccountsDisabled, &[("/aksClusters/0/localAccountsDisabled", json!(false))]);
        let mut v2 = crate::testing::v2_cluster();
        v2.push(("/aksClusters/0/localAccountsDisabled", json!(true)));
        assert_quiet(LocalAccountsDisabled, &v2);
    }
}
