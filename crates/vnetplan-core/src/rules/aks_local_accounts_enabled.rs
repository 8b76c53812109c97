use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes an AKS cluster whose local accounts stay enabled (localAccountsDisabled false or \
         absent). The Terraform, ARM and Bicep exports keep them, and the scanner check it fails \
         (checkov CKV_AZURE_141) carries a skip that names this finding.",
        "Signale un cluster AKS dont les comptes locaux restent activés (localAccountsDisabled à false \
         ou absent). Les exports Terraform, ARM et Bicep les gardent, et le contrôle du scanner qu’il ne \
         passe pas (checkov CKV_AZURE_141) porte une exemption qui nomme ce constat."
    ),
    why: text!(
        "With local accounts, whoever can read the cluster admin credential gets into the cluster \
         without Microsoft Entra ID. Azure ML itself reaches a cluster through that credential unless \
         AKS Trusted Access is set up for the workspace. Trusted Access works only for Kubernetes \
         compute (v2) in the public cloud, never for a v1 AksCompute, and the current extension article \
         still lists clusters without local accounts as unsupported. Disabling them therefore breaks \
         Azure ML v1, and needs Trusted Access with v2.",
        "Avec les comptes locaux, quiconque peut lire l’identifiant d’administration du cluster y entre \
         sans Microsoft Entra ID. Azure ML joint lui-même un cluster par cet identifiant, sauf si l’accès \
         approuvé (Trusted Access) d’AKS est mis en place pour l’espace de travail. L’accès approuvé ne \
         fonctionne que pour le calcul Kubernetes (v2) du cloud public, jamais pour un AksCompute v1, et \
         l’article actuel sur l’extension range encore les clusters sans comptes locaux parmi les cas \
         non pris en charge. Les désactiver casse donc Azure ML v1, et exige l’accès approuvé en v2."
    ),
    example: Example(&[("/aksClusters/0/localAccountsDisabled", "false")]),
    fix: text!(
        "For Kubernetes compute in the public cloud, grant Trusted Access (trustedAccess true), then \
         disable local accounts (localAccountsDisabled true). For a v1 cluster, keep them, and limit who \
         may list the cluster admin credential.",
        "Pour le calcul Kubernetes du cloud public, accordez l’accès approuvé (trustedAccess à true), \
         puis désactivez les comptes locaux (localAccountsDisabled à true). Pour un cluster v1, \
         gardez-les, et limitez qui peut lister l’identifiant d’administration du cluster."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.local_accounts_disabled() {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' keeps its local accounts, so its admin credential opens it without \
                 Microsoft Entra ID",
                "le cluster « {cluster} » garde ses comptes locaux : son identifiant d’administration \
                 l’ouvre sans Microsoft Entra ID"
            ],
            cluster = &cluster.name,
        );
        out.report(message, vec![pointer::cluster(index, "localAccountsDisabled")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksLocalAccountsEnabled;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_while_local_accounts_stay() {
        let found = assert_fires(AksLocalAccountsEnabled, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].subjects, ["/aksClusters/0/localAccountsDisabled"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » garde ses comptes locaux : son identifiant d’administration l’ouvre sans \
             Microsoft Entra ID"
        );
    }

    #[test]
    fn quiet_once_local_accounts_are_disabled() {
        assert_quiet(AksLocalAccountsEnabled, &[("/aksClusters/0/localAccountsDisabled", json!(true))]);
    }
}
