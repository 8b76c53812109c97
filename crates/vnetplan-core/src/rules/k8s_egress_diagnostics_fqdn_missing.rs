use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, RuleFindings};
use crate::rules::shared::{append_fix, fixed_names, gap, subjects, Need};
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When egress is restricted, the plan lists the host names its firewall allows (allowedFqdns) and \
         it has Kubernetes compute, checks that the names the Azure ML extension sends its diagnostics \
         to are allowed: *.kusto.windows.net (or the region’s ingest-vienna<region>.kusto.windows.net), \
         *.table.core.windows.net and *.queue.core.windows.net.",
        "Quand le trafic sortant est restreint, que le plan énumère les noms d’hôte autorisés par son \
         pare-feu (allowedFqdns) et qu’il comporte du calcul Kubernetes, vérifie que les noms auxquels \
         l’extension Azure ML envoie ses diagnostics sont autorisés : *.kusto.windows.net (ou, pour la \
         région, ingest-vienna<région>.kusto.windows.net), *.table.core.windows.net et \
         *.queue.core.windows.net."
    ),
    why: text!(
        "Scoring keeps working without these names, but the extension’s health check reports error \
         E45003 and Microsoft no longer receives the logs and metrics it needs to investigate a support \
         case about the extension or the router.",
        "Le scoring fonctionne sans ces noms, mais le contrôle de santé de l’extension signale l’erreur \
         E45003, et Microsoft ne reçoit plus les journaux et les métriques qui lui servent à instruire \
         une demande de support sur l’extension ou le routeur."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/egress", r#"{"restricted": true, "allowedFqdns": ["*.table.core.windows.net"]}"#),
    ]),
    fix: text!(
        "Allow the missing names in the firewall, then add them to allowedFqdns.",
        "Autorisez les noms manquants dans le pare-feu, puis ajoutez-les à allowedFqdns."
    ),
    sources: &[
        sources::HOW_TO_ACCESS_AZUREML_BEHIND_FIREWALL,
        Source {
            title: "Azure Machine Learning inference router and connectivity requirements",
            location: "https://learn.microsoft.com/azure/machine-learning/how-to-kubernetes-inference-routing-azureml-fe",
            date: "2024-02-05",
        },
        sources::HOW_TO_TROUBLESHOOT_KUBERNETES_EXTENSION_2025_03_05,
    ],
};

const DIAGNOSTICS: &[Need] = &[
    &["*.kusto.windows.net", "ingest-vienna<region>.kusto.windows.net"],
    &["*.table.core.windows.net"],
    &["*.queue.core.windows.net"],
];

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // No fixed name of the other egress groups ends like these, so this group's own are enough.
    let Some(gap) = gap(context, DIAGNOSTICS, false, &fixed_names(&[DIAGNOSTICS])) else {
        return;
    };
    out.push(
        Draft::new(
            msg!(
                [
                    "egress is filtered by name and allowedFqdns misses {names}, where the Azure ML \
                     extension sends its diagnostics (health check E45003)",
                    "le trafic sortant est filtré par nom et allowedFqdns omet {names}, où l’extension \
                     Azure ML envoie ses diagnostics (contrôle de santé E45003)"
                ],
                names = gap.missing.join(", "),
            ),
            subjects(&gap),
        )
        .with_fix(Some(append_fix(context, &gap.missing))),
    );
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sEgressDiagnosticsFqdnMissing;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn plan(fqdns: &[&str]) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/egress", json!({"restricted": true, "allowedFqdns": fqdns})),
        ]
    }

    #[test]
    fn warns_with_the_uncovered_names() {
        let changes = plan(&["ingest-viennawestus.kusto.windows.net", "*.table.core.windows.net"]);
        let found = assert_fires(K8sEgressDiagnosticsFqdnMissing, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/egress/allowedFqdns", "/aksClusters/0"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le trafic sortant est filtré par nom et allowedFqdns omet *.kusto.windows.net, \
             *.queue.core.windows.net, où l’extension Azure ML envoie ses diagnostics (contrôle de santé \
             E45003)"
        );
        let fix = found[0].fix.as_ref().expect("names can be appended");
        assert_eq!(fix.kind, FixKind::Attestation);
        assert_fix_resolves(K8sEgressDiagnosticsFqdnMissing, &changes);
    }

    #[test]
    fn quiet_when_the_regional_kusto_name_and_the_rest_are_allowed() {
        assert_quiet(
            K8sEgressDiagnosticsFqdnMissing,
            &plan(&[
                "Ingest-ViennaEastUS2.kusto.windows.net",
                "*.table.core.windows.net",
                "*.queue.core.windows.net",
            ]),
        );
        let mut v1 = plan(&[]);
        v1.remove(1);
        assert_quiet(K8sEgressDiagnosticsFqdnMissing, &v1);
    }
}
