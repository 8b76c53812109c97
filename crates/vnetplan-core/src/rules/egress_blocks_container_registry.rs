use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::fqdn::covers_among;
use crate::plan::region_name;
use crate::pointer;
use crate::rules::shared::{
    fixed_names, nothing_behind_egress, AKS_CORE, AZURE_ML, CLUSTER_EXTENSIONS, WORKSPACE_REGISTRY,
};
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When outbound traffic is restricted (egress.restricted), allowedServiceTags must include \
         AzureContainerRegistry: the global tag, or AzureContainerRegistry.<region> for the plan's \
         region, unless allowedFqdns admits both of the registry's names (<acr>.azurecr.io and \
         <acr>.<region>.data.azurecr.io). Tags are compared without regard to case. A plan with no AKS \
         cluster and no ACI deployment has nothing behind that egress, and is left alone.",
        "Quand le trafic sortant est restreint (egress.restricted), allowedServiceTags doit contenir \
         AzureContainerRegistry : la balise globale, ou AzureContainerRegistry.<région> pour la \
         région du plan, sauf si allowedFqdns admet les deux noms du registre (<acr>.azurecr.io et \
         <acr>.<région>.data.azurecr.io). Les balises se comparent sans tenir compte de la casse. Un \
         plan sans cluster AKS ni déploiement ACI n’a rien derrière cette sortie, et n’est pas \
         concerné."
    ),
    why: text!(
        "Every Azure ML inference deployment begins by pulling its image from the workspace's \
         container registry. The Azure ML v1 guide says that a network which gives up the default \
         outbound rules must still allow the registry, for example through an NSG rule for the \
         AzureContainerRegistry.<region> service tag. Without it the image pull times out and the \
         deployment never becomes healthy.",
        "Tout déploiement d’inférence Azure ML commence par extraire son image du registre de \
         conteneurs de l’espace de travail. Le guide Azure ML v1 précise qu’un réseau qui renonce \
         aux règles sortantes par défaut doit toujours autoriser le registre, par exemple par une \
         règle NSG pour la balise de service AzureContainerRegistry.<région>. Sans elle, \
         l’extraction de l’image expire et le déploiement n’atteint jamais un état sain."
    ),
    example: Example(&[(
        "/egress",
        r#"{"restricted": true, "allowedServiceTags": ["AzureActiveDirectory", "Storage.eastus2"]}"#,
    )]),
    fix: text!(
        "Add an outbound NSG or firewall rule that allows HTTPS to the AzureContainerRegistry \
         service tag of the workspace's region (for example AzureContainerRegistry.EastUS2), and \
         list that tag in allowedServiceTags.",
        "Ajoutez une règle sortante de NSG ou de pare-feu qui autorise HTTPS vers la balise de \
         service AzureContainerRegistry de la région de l’espace de travail (par exemple \
         AzureContainerRegistry.EastUS2), puis ajoutez cette balise à allowedServiceTags."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::HOW_TO_ACCESS_AZUREML_BEHIND_FIREWALL,
    ],
};

const TAG: &str = "AzureContainerRegistry";

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if !plan.egress.restricted() || nothing_behind_egress(plan) {
        return;
    }
    let tags = &plan.egress.allowed_service_tags;
    let regional = regional_tag(TAG, &plan.region);
    if tags.iter().any(|tag| tag.eq_ignore_ascii_case(TAG) || tag.eq_ignore_ascii_case(&regional)) {
        return;
    }
    // A firewall that filters by host name and admits both of the registry's names lets the
    // pull through without the tag.
    if let Some(entries) = plan.egress.fqdn_allow_list() {
        let fixed = fixed_names(&[AKS_CORE, CLUSTER_EXTENSIONS, AZURE_ML]);
        let admitted =
            |pattern: &&str| entries.iter().any(|entry| covers_among(entry, pattern, &plan.region, &fixed));
        if WORKSPACE_REGISTRY.iter().all(admitted) {
            return;
        }
    }
    let listed = if tags.is_empty() {
        msg!(["none", "aucune"])
    } else {
        msg!(["{tags}", "{tags}"], tags = tags.join(", "))
    };
    let mut value: Vec<Value> = tags.iter().cloned().map(Value::String).collect();
    value.push(Value::String(regional.clone()));
    let subject = pointer::egress("allowedServiceTags");
    out.push(
        Draft::new(
            msg!(
                [
                    "egress is restricted and the allowed service tags ({listed}) hold neither '{tag}' nor \
                     '{regional}', so images cannot be pulled from the workspace container registry",
                    "le trafic sortant est restreint et les balises de service autorisées ({listed}) ne \
                     contiennent ni « {tag} » ni « {regional} » : les images ne peuvent pas être tirées du \
                     registre de conteneurs de l’espace de travail"
                ],
                tag = TAG,
                regional = &regional,
            )
            .with_message("listed", listed),
            vec![subject.clone()],
        )
        .with_fix(Some(Fix::set(
            msg!(
                ["allow the service tag {regional}", "autoriser la balise de service {regional}"],
                regional = &regional
            ),
            subject,
            Value::Array(value),
        ))),
    );
}

/// The tag scoped to `region`; an empty region leaves the global tag, which also satisfies the rule.
fn regional_tag(tag: &str, region: &str) -> String {
    if region.is_empty() {
        tag.to_owned()
    } else {
        format!("{tag}.{}", region_name(region))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::EgressBlocksContainerRegistry;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_without_the_registry_tag() {
        let changes =
            [("/egress", json!({"restricted": true, "allowedServiceTags": ["Storage", "AzureMonitor"]}))];
        let found = assert_fires(EgressBlocksContainerRegistry, &changes);
        assert_eq!(found[0].subjects, ["/egress/allowedServiceTags"]);
        assert_eq!(
            found[0].message,
            "egress is restricted and the allowed service tags (Storage, AzureMonitor) hold neither \
             'AzureContainerRegistry' nor 'AzureContainerRegistry.eastus2', so images cannot be pulled \
             from the workspace container registry"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le trafic sortant est restreint et les balises de service autorisées (Storage, AzureMonitor) \
             ne contiennent ni « AzureContainerRegistry » ni « AzureContainerRegistry.eastus2 » : les \
             images ne peuvent pas être tirées du registre de conteneurs de l’espace de travail"
        );
        let fix = found[0].fix.as_ref().expect("a tag can always be added");
        assert_eq!(
            fix.text.render(Lang::Fr),
            "autoriser la balise de service AzureContainerRegistry.eastus2"
        );
        assert_eq!(
            fix.changes[0].value,
            json!(["Storage", "AzureMonitor", "AzureContainerRegistry.eastus2"])
        );
        assert_fix_resolves(EgressBlocksContainerRegistry, &changes);
    }

    #[test]
    fn a_firewall_that_admits_both_registry_names_lets_the_pull_through() {
        let egress = |fqdns: &[&str]| {
            [("/egress", json!({"restricted": true, "allowedServiceTags": [], "allowedFqdns": fqdns}))]
        };
        assert_quiet(
            EgressBlocksContainerRegistry,
            &egress(&["myacr.azurecr.io", "myacr.eastus2.data.azurecr.io"]),
        );
        assert_quiet(EgressBlocksContainerRegistry, &egress(&["*.azurecr.io"]));
        // One name of the two, or the extensions' registry, which is not the workspace's.
        assert_fires(EgressBlocksContainerRegistry, &egress(&["myacr.azurecr.io"]));
        assert_fires(
            EgressBlocksContainerRegistry,
            &egress(&["arcmktplaceprod.azurecr.io", "arcmktplaceprod.eastus.data.azurecr.io"]),
        );
    }

    #[test]
    fn names_the_regional_tag_from_the_region_azure_reads() {
        let restricted = (
            "/egress",
            json!({"restricted": true, "allowedServiceTags": ["AzureContainerRegistry.EastUS2"]}),
        );
        assert_quiet(EgressBlocksContainerRegistry, &[("/region", json!("East US 2")), restricted]);
        let found = assert_fires(
            EgressBlocksContainerRegistry,
            &[("/region", json!("East US 2")), ("/egress", json!({"restricted": true}))],
        );
        let fix = found[0].fix.as_ref().expect("the tag can be added");
        assert_eq!(fix.changes[0].value, json!(["AzureContainerRegistry.eastus2"]));
    }

    #[test]
    fn fires_for_another_region() {
        let changes = [(
            "/egress",
            json!({"restricted": true, "allowedServiceTags": ["AzureContainerRegistry.WestEurope"]}),
        )];
        assert_fires(EgressBlocksContainerRegistry, &changes);
        let found = assert_fires(EgressBlocksContainerRegistry, &[("/egress", json!({"restricted": true}))]);
        assert!(found[0].text.render(Lang::Fr).contains("autorisées (aucune)"));
        assert!(found[0].message.contains("allowed service tags (none)"));
    }

    #[test]
    fn only_what_runs_in_the_vnet_is_behind_its_egress() {
        let endpoints_only = [
            ("/egress", json!({"restricted": true, "allowedServiceTags": ["Storage"]})),
            ("/aksClusters", json!([])),
            ("/onlineEndpoints", json!([{"name": "scoring", "kind": "managed"}])),
        ];
        assert_quiet(EgressBlocksContainerRegistry, &endpoints_only);
        let mut with_aci = endpoints_only.to_vec();
        with_aci
            .push(("/aciDeployments", json!([{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aks"}])));
        assert_fires(EgressBlocksContainerRegistry, &with_aci);
    }

    #[test]
    fn quiet_with_the_tag_in_any_case_or_unrestricted() {
        assert_quiet(EgressBlocksContainerRegistry, &[]);
        assert_quiet(EgressBlocksContainerRegistry, &[("/egress", json!({"restricted": false}))]);
        for tag in
            ["AzureContainerRegistry", "AzureContainerRegistry.EastUS2", "azurecontainerregistry.eastus2"]
        {
            assert_quiet(
                EgressBlocksContainerRegistry,
                &[("/egress", json!({"restricted": true, "allowedServiceTags": [tag]}))],
            );
        }
    }
}
