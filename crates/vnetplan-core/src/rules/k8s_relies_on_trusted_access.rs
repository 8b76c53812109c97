use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a Kubernetes compute cluster (azureMl.api \"v2\") that counts on Trusted Access \
         (trustedAccess true) to work with local accounts disabled, or as a private cluster with a public \
         FQDN.",
        "Avertit pour un cluster de calcul Kubernetes (azureMl.api « v2 ») qui compte sur l’accès approuvé \
         (trustedAccess à true) pour fonctionner avec les comptes locaux désactivés, ou en cluster privé \
         doté d’un FQDN public."
    ),
    why: text!(
        "Only the older AML-Kubernetes page describes these setups as working through Trusted Access, \
         with conditions: public cloud only, a role binding for each workspace, and computes attached \
         before the binding must be attached again. Current Learn articles still list both setups as \
         unsupported, so the design rests on a path Microsoft no longer documents.",
        "Seule l’ancienne page AML-Kubernetes décrit ces montages comme fonctionnant par l’accès approuvé, \
         sous conditions : cloud public uniquement, une liaison de rôle par espace de travail, et les \
         calculs attachés avant la liaison doivent être attachés de nouveau. Les articles Learn actuels \
         les rangent toujours parmi les cas non pris en charge : la conception repose donc sur un chemin \
         que Microsoft ne documente plus."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/localAccountsDisabled", "true"),
        ("/aksClusters/0/trustedAccess", "true"),
    ]),
    fix: text!(
        "Prefer a supported setup: local accounts enabled and no public FQDN on a private cluster. If the \
         cluster must stay as it is, check that it is in the public cloud, bind Trusted Access for every \
         workspace that uses it, and attach again the computes attached before the binding.",
        "Préférez un montage pris en charge : comptes locaux activés et pas de FQDN public sur un cluster \
         privé. Si le cluster doit rester tel quel, vérifiez qu’il est dans le cloud public, liez l’accès \
         approuvé pour chaque espace de travail qui l’utilise, et attachez de nouveau les calculs attachés \
         avant la liaison."
    ),
    sources: &[
        sources::AZUREML_AKS_TA_SUPPORT_2024_07_05,
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::HOW_TO_SECURE_KUBERNETES_INFERENCING_ENVIRONMENT,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || !cluster.trusted_access() {
            continue;
        }
        let (local, fqdn) = (cluster.local_accounts_disabled(), cluster.private_cluster_public_fqdn());
        let setup = match (local, fqdn) {
            (false, false) => continue,
            (true, false) => msg!(["local accounts disabled", "des comptes locaux désactivés"]),
            (false, true) => {
                msg!(["a public FQDN on a private cluster", "un FQDN public sur un cluster privé"])
            }
            (true, true) => msg!([
                "local accounts disabled and a public FQDN on a private cluster",
                "des comptes locaux désactivés et un FQDN public sur un cluster privé"
            ]),
        };
        let mut subjects = vec![pointer::cluster(index, "trustedAccess")];
        if local {
            subjects.push(pointer::cluster(index, "localAccountsDisabled"));
        }
        if fqdn {
            subjects.push(pointer::cluster(index, "privateClusterPublicFqdn"));
        }
        let message = msg!(
            [
                "cluster '{cluster}' relies on Trusted Access for {setup}, which only the older \
                 AML-Kubernetes page supports (public cloud, one binding per workspace, re-attach earlier \
                 computes); current Learn lists it as unsupported",
                "le cluster « {cluster} » compte sur l’accès approuvé pour {setup}, ce que seule l’ancienne \
                 page AML-Kubernetes prend en charge (cloud public, une liaison par espace de travail, \
                 calculs antérieurs à rattacher) ; Learn le range aujourd’hui parmi les cas non pris en \
                 charge"
            ],
            cluster = &cluster.name,
        )
        .with_message("setup", setup);
        out.report(message, subjects);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sReliesOnTrustedAccess;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2_with(extra: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
        let mut changes = vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/aksClusters/0/trustedAccess", json!(true)),
        ];
        changes.extend(extra.iter().cloned());
        changes
    }

    #[test]
    fn fires_for_both_setups_in_one_finding() {
        let found = assert_fires(
            K8sReliesOnTrustedAccess,
            &v2_with(&[
                ("/aksClusters/0/localAccountsDisabled", json!(true)),
                ("/aksClusters/0/privateCluster", json!(true)),
                ("/aksClusters/0/privateClusterPublicFqdn", json!(true)),
            ]),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            [
                "/aksClusters/0/trustedAccess",
                "/aksClusters/0/localAccountsDisabled",
                "/aksClusters/0/privateClusterPublicFqdn"
            ]
        );
        let french = found[0].text.render(Lang::Fr);
        assert!(
            french.starts_with(
                "le cluster « ml-aks » compte sur l’accès approuvé pour des comptes locaux désactivés et un \
                 FQDN public sur un cluster privé, ce que"
            ),
            "{french}"
        );
    }

    #[test]
    fn quiet_when_trusted_access_backs_nothing_unsupported() {
        assert_quiet(K8sReliesOnTrustedAccess, &v2_with(&[]));
        // A public FQDN on a cluster that is not private is not the unsupported setup.
        assert_quiet(
            K8sReliesOnTrustedAccess,
            &v2_with(&[("/aksClusters/0/privateClusterPublicFqdn", json!(true))]),
        );
        let mut untrusted = v2_with(&[("/aksClusters/0/localAccountsDisabled", json!(true))]);
        untrusted.push(("/aksClusters/0/trustedAccess", json!(false)));
        assert_quiet(K8sReliesOnTrustedAccess, &untrusted);
    }
}
