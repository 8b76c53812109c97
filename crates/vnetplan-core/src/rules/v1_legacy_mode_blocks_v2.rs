use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports, once per plan, a workspace with v1LegacyMode true while the plan has an online \
         endpoint or a v2 cluster.",
        "Signale, une seule fois par plan, un espace de travail dont v1LegacyMode vaut true alors que \
         le plan compte un point de terminaison en ligne ou un cluster v2."
    ),
    why: text!(
        "The legacy mode flag keeps a workspace on the v1 network isolation behaviour and switches the \
         v2 API off for it. Managed online endpoints cannot be created in such a workspace, and the v2 \
         tooling that attaches Kubernetes compute and deploys to it goes through that same API, so the \
         v2 part of the plan cannot be deployed until the flag is off.",
        "L’indicateur de mode hérité maintient l’espace de travail dans le comportement d’isolement \
         réseau de la v1 et y coupe l’API v2. On ne peut alors pas créer de point de terminaison en \
         ligne managé dans cet espace de travail, et les outils v2 qui attachent le calcul Kubernetes \
         et y déploient passent par cette même API : la partie v2 du plan reste indéployable tant que \
         l’indicateur est actif."
    ),
    example: Example(&[
        ("/workspace/v1LegacyMode", "true"),
        ("/onlineEndpoints", r#"[{"name": "fraud", "kind": "managed"}]"#),
    ]),
    fix: text!(
        "Turn the flag off in Azure by updating the workspace property v1LegacyMode to false with an \
         ARM update (az resource update or a template); the change takes 30 to 60 minutes to apply. \
         Then record false in the plan.",
        "Désactivez l’indicateur dans Azure en passant la propriété v1LegacyMode de l’espace de travail \
         à false par une mise à jour ARM (az resource update ou un modèle) ; la modification met 30 à \
         60 minutes à s’appliquer. Inscrivez ensuite false dans le plan."
    ),
    sources: &[
        Source {
            title: "Managed network isolation: limitations of managed online endpoints (include)",
            location: "MicrosoftDocs/azure-ai-docs:articles/machine-learning/includes/\
                       machine-learning-managed-vnet-online-endpoint-limitations.md",
            date: "2023-08-15",
        },
        Source {
            title: "Network isolation change with the Azure Machine Learning v2 API",
            location:
                "https://learn.microsoft.com/azure/machine-learning/how-to-configure-network-isolation-with-v2",
            date: "2023-09-13",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if !plan.workspace.v1_legacy_mode() {
        return;
    }
    let v2_clusters: Vec<usize> =
        context.clusters().filter(|(_, cluster, _)| cluster.is_v2()).map(|(index, _, _)| index).collect();
    let endpoints = plan.online_endpoints.len();
    if v2_clusters.is_empty() && endpoints == 0 {
        return;
    }
    let flag = pointer::workspace("v1LegacyMode");
    let subjects = std::iter::once(flag.clone())
        .chain(v2_clusters.iter().map(|&index| pointer::cluster(index, "azureMl/api")))
        .chain((0..endpoints).map(|index| pointer::online_endpoint(index, "kind")))
        .collect();
    let needs = match (v2_clusters.is_empty(), endpoints) {
        (false, 0) => msg!(["the plan’s v2 clusters", "les clusters v2 du plan"]),
        (true, _) => msg!(["the plan’s online endpoints", "les points de terminaison en ligne du plan"]),
        (false, _) => msg!([
            "the plan’s online endpoints and v2 clusters",
            "les points de terminaison en ligne et les clusters v2 du plan"
        ]),
    };
    let message = msg!([
        "the workspace has v1LegacyMode true, which switches off the v2 API that {needs} depend on",
        "l’espace de travail a v1LegacyMode à true, ce qui coupe l’API v2 dont dépendent {needs}"
    ])
    .with_message("needs", needs);
    // Only Azure can clear the flag, so the fix records that the ARM update was made.
    let title = msg!([
        "v1LegacyMode was set to false on the workspace with an ARM update (it takes 30 to 60 minutes)",
        "v1LegacyMode a été passé à false sur l’espace de travail par une mise à jour ARM (comptez 30 à \
         60 minutes)"
    ]);
    out.push(Draft::new(message, subjects).with_fix(Some(Fix::set(title, flag, false))));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::V1LegacyModeBlocksV2;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_once_naming_v2_clusters_then_endpoints() {
        let found = assert_fires(
            V1LegacyModeBlocksV2,
            &[
                ("/workspace/v1LegacyMode", json!(true)),
                ("/aksClusters/0/provisioning", json!("attach")),
                (
                    "/aksClusters/0/azureMl",
                    json!({ "api": "v2", "inferenceRouterServiceType": "loadBalancer" }),
                ),
                ("/onlineEndpoints", json!([{ "name": "fraud", "kind": "managed" }])),
            ],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/workspace/v1LegacyMode", "/aksClusters/0/azureMl/api", "/onlineEndpoints/0/kind"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’espace de travail a v1LegacyMode à true, ce qui coupe l’API v2 dont dépendent les points \
             de terminaison en ligne et les clusters v2 du plan"
        );
        let fix = found[0].fix.as_ref().expect("the flag can be attested off");
        assert_eq!(fix.kind, FixKind::Attestation);
        assert_eq!(fix.changes[0].path, "/workspace/v1LegacyMode");
        assert_eq!(fix.changes[0].value, json!(false));
    }

    #[test]
    fn quiet_without_the_flag_or_without_anything_v2() {
        // The reference cluster is on v1, which the flag does not hinder.
        assert_quiet(V1LegacyModeBlocksV2, &[("/workspace/v1LegacyMode", json!(true))]);
        assert_quiet(
            V1LegacyModeBlocksV2,
            &[
                ("/workspace/v1LegacyMode", json!(false)),
                ("/onlineEndpoints", json!([{ "name": "fraud", "kind": "managed" }])),
            ],
        );
    }
}
