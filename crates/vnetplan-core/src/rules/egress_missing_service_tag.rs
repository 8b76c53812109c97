use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::region_name;
use crate::pointer;
use crate::rules::shared::nothing_behind_egress;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When outbound traffic is restricted, allowedServiceTags should hold every tag that Azure ML \
         lists for inference: AzureActiveDirectory, AzureMachineLearning, AzureResourceManager, \
         Storage (or Storage.<region>), AzureFrontDoor.FrontEnd, AzureFrontDoor.FirstParty, \
         MicrosoftContainerRegistry and AzureMonitor, and VirtualNetwork as well when something sits \
         behind a private endpoint (the workspace, or a registry with acrInVnet). A tag scoped to the \
         plan's region stands for the global one, and case is ignored. AzureContainerRegistry has a rule of its own. A plan with \
         no AKS cluster and no ACI deployment has nothing behind that egress, and is left alone.",
        "Quand le trafic sortant est restreint, allowedServiceTags doit contenir toutes les balises \
         qu’Azure ML indique pour l’inférence : AzureActiveDirectory, AzureMachineLearning, \
         AzureResourceManager, Storage (ou Storage.<région>), AzureFrontDoor.FrontEnd, \
         AzureFrontDoor.FirstParty, MicrosoftContainerRegistry et AzureMonitor, ainsi que VirtualNetwork \
         quand un élément est joint par un point de terminaison privé (l’espace de travail, ou un \
         registre avec acrInVnet). Une balise limitée à \
         la région du plan vaut pour la balise globale, et la casse est ignorée. \
         AzureContainerRegistry relève d’une règle distincte. Un plan sans cluster AKS ni déploiement \
         ACI n’a rien derrière cette sortie, et n’est pas concerné."
    ),
    why: text!(
        "A network that overrides the default outbound rules cuts a deployment off from the services \
         it depends on: Microsoft Entra ID for tokens, the Azure ML service, Resource Manager, the \
         workspace's storage account, the base images Microsoft publishes \
         (MicrosoftContainerRegistry together with AzureFrontDoor.FirstParty, which also set up the \
         Azure ML router on AKS), Front Door and Azure Monitor. Private endpoints hold addresses of \
         the VNet or of a peered one, so once the default rule that lets traffic flow within the VNet \
         is overridden, they too need an explicit allow to VirtualNetwork. The deployment may be \
         created and then fail to authenticate, to load its model or to report its health.",
        "Un réseau qui remplace les règles sortantes par défaut coupe le déploiement des services \
         dont il dépend : Microsoft Entra ID pour les jetons, le service Azure ML, Resource Manager, \
         le compte de stockage de l’espace de travail, les images de base publiées par Microsoft \
         (MicrosoftContainerRegistry avec AzureFrontDoor.FirstParty, qui servent aussi à installer \
         le routeur Azure ML sur AKS), Front Door et Azure Monitor. Les points de terminaison privés \
         ont des adresses du VNet ou d’un VNet appairé : une fois remplacée la règle par défaut qui \
         laisse circuler le trafic dans le VNet, il faut aussi autoriser explicitement VirtualNetwork \
         pour les joindre. Le déploiement peut être créé, \
         puis échouer à s’authentifier, à charger son modèle ou à signaler son état de santé."
    ),
    example: Example(&[(
        "/egress",
        r#"{"restricted": true, "allowedServiceTags": ["AzureContainerRegistry.eastus2", "AzureActiveDirectory"]}"#,
    )]),
    fix: text!(
        "Add outbound rules for the missing tags (HTTPS on port 443 for each; AzureMachineLearning \
         and AzureActiveDirectory need further ports, listed in the Azure ML article on inbound and \
         outbound traffic) and add the tags to allowedServiceTags.",
        "Ajoutez des règles sortantes pour les balises manquantes (HTTPS sur le port 443 pour \
         chacune ; AzureMachineLearning et AzureActiveDirectory demandent d’autres ports, indiqués \
         dans l’article Azure ML sur le trafic entrant et sortant), puis ajoutez ces balises à \
         allowedServiceTags."
    ),
    sources: &[
        sources::HOW_TO_ACCESS_AZUREML_BEHIND_FIREWALL,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

/// The tags Azure ML inference needs, and whether the fix should scope the tag to the region.
const ALWAYS_REQUIRED: [(&str, bool); 8] = [
    ("AzureActiveDirectory", false),
    ("AzureMachineLearning", false),
    ("AzureResourceManager", false),
    ("Storage", true),
    ("AzureFrontDoor.FrontEnd", false),
    ("AzureFrontDoor.FirstParty", false),
    ("MicrosoftContainerRegistry", false),
    ("AzureMonitor", false),
];

/// Needed only when a private endpoint is in the VNet or a peered one: the default rule that
/// allowed traffic towards the VNet's own addresses is what a restricted egress overrides.
const PRIVATE_ENDPOINT_TAG: (&str, bool) = ("VirtualNetwork", false);

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if !plan.egress.restricted() || nothing_behind_egress(plan) {
        return;
    }
    let tags = &plan.egress.allowed_service_tags;
    let region = region_name(&plan.region);
    let workspace = &plan.workspace;
    let behind_private_endpoint = workspace.private_endpoint.is_some() || workspace.acr_in_vnet();
    let missing: Vec<String> = ALWAYS_REQUIRED
        .iter()
        .chain(behind_private_endpoint.then_some(&PRIVATE_ENDPOINT_TAG))
        .filter(|(tag, _)| !allows(tags, tag, &region))
        .map(
            |(tag, scoped)| {
                if *scoped && !region.is_empty() {
                    format!("{tag}.{region}")
                } else {
                    (*tag).to_owned()
                }
            },
        )
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut named: Option<Message> = None;
    for tag in &missing {
        named = Some(match named {
            None => msg!(["'{tag}'", "« {tag} »"], tag = tag),
            Some(before) => {
                msg!(["{before}, '{tag}'", "{before}, « {tag} »"], tag = tag).with_message("before", before)
            }
        });
    }
    let Some(named) = named else {
        return;
    };
    let mut value: Vec<Value> = tags.iter().cloned().map(Value::String).collect();
    value.extend(missing.iter().cloned().map(Value::String));
    let subject = pointer::egress("allowedServiceTags");
    out.push(
        Draft::new(
            msg!([
                "egress is restricted and the allowed service tags miss {named}, which Azure ML \
                 inference uses",
                "le trafic sortant est restreint et les balises de service autorisées omettent {named}, \
                 dont se sert l’inférence Azure ML"
            ])
            .with_message("named", named),
            vec![subject.clone()],
        )
        .with_fix(Some(Fix::set(
            if missing.len() == 1 {
                msg!(
                    ["allow the service tag {tags}", "autoriser la balise de service {tags}"],
                    tags = missing.join(", ")
                )
            } else {
                msg!(
                    ["allow the service tags {tags}", "autoriser les balises de service {tags}"],
                    tags = missing.join(", ")
                )
            },
            subject,
            Value::Array(value),
        ))),
    );
}

/// Service tag names are matched without regard to case, as Azure writes regions in mixed case
/// (Storage.EastUS2) while `region` is Azure's lower-case name.
fn allows(tags: &[String], tag: &str, region: &str) -> bool {
    let regional = format!("{tag}.{region}");
    tags.iter().any(|allowed| allowed.eq_ignore_ascii_case(tag) || allowed.eq_ignore_ascii_case(&regional))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::EgressMissingServiceTag;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    const ALL: [&str; 8] = [
        "AzureActiveDirectory",
        "AzureMachineLearning",
        "AzureResourceManager",
        "Storage.eastus2",
        "AzureFrontDoor.FrontEnd",
        "AzureFrontDoor.FirstParty",
        "MicrosoftContainerRegistry",
        "AzureMonitor",
    ];

    #[test]
    fn fires_listing_every_missing_tag() {
        let changes = [(
            "/egress",
            json!({"restricted": true, "allowedServiceTags": [
                "AzureContainerRegistry.EastUS2", "azureactivedirectory", "AzureMachineLearning.EastUS2",
                "AzureResourceManager", "Storage.WestEurope", "AzureFrontDoor.FrontEnd", "AzureMonitor"
            ]}),
        )];
        let found = assert_fires(EgressMissingServiceTag, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/egress/allowedServiceTags"]);
        assert_eq!(
            found[0].message,
            "egress is restricted and the allowed service tags miss 'Storage.eastus2', \
             'AzureFrontDoor.FirstParty', 'MicrosoftContainerRegistry', which Azure ML inference uses"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le trafic sortant est restreint et les balises de service autorisées omettent « Storage.eastus2 », \
             « AzureFrontDoor.FirstParty », « MicrosoftContainerRegistry », dont se sert l’inférence Azure ML"
        );
        let fix = found[0].fix.as_ref().expect("tags can always be added");
        assert_eq!(
            fix.text.render(Lang::Fr),
            "autoriser les balises de service Storage.eastus2, AzureFrontDoor.FirstParty, MicrosoftContainerRegistry"
        );
        assert_eq!(
            fix.changes[0].value.as_array().map(|tags| tags[7..].to_vec()),
            Some(vec![
                json!("Storage.eastus2"),
                json!("AzureFrontDoor.FirstParty"),
                json!("MicrosoftContainerRegistry")
            ])
        );
        assert_fix_resolves(EgressMissingServiceTag, &changes);
    }

    #[test]
    fn fires_on_an_empty_list() {
        let found = assert_fires(EgressMissingServiceTag, &[("/egress", json!({"restricted": true}))]);
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(json!(ALL)));
    }

    #[test]
    fn asks_for_virtual_network_when_a_private_endpoint_is_behind_the_egress() {
        let everything_else = ("/egress", json!({"restricted": true, "allowedServiceTags": ALL}));
        let workspace_endpoint = ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}));
        for behind in [workspace_endpoint, ("/workspace/acrInVnet", json!(true))] {
            let changes = [everything_else.clone(), behind];
            let found = assert_fires(EgressMissingServiceTag, &changes);
            assert_eq!(
                found[0].message,
                "egress is restricted and the allowed service tags miss 'VirtualNetwork', which Azure ML \
                 inference uses"
            );
            assert_eq!(
                found[0].fix.as_ref().map(|fix| fix.text.render(Lang::En)),
                Some("allow the service tag VirtualNetwork".to_owned())
            );
            assert_fix_resolves(EgressMissingServiceTag, &changes);
        }
        let mut with_virtual_network = ALL.to_vec();
        with_virtual_network.push("virtualnetwork");
        assert_quiet(
            EgressMissingServiceTag,
            &[
                ("/egress", json!({"restricted": true, "allowedServiceTags": with_virtual_network})),
                ("/workspace/acrInVnet", json!(true)),
            ],
        );
    }

    #[test]
    fn quiet_when_nothing_runs_in_the_vnet() {
        let endpoints_only = [
            ("/egress", json!({"restricted": true})),
            ("/aksClusters", json!([])),
            ("/onlineEndpoints", json!([{"name": "scoring", "kind": "managed"}])),
        ];
        assert_quiet(EgressMissingServiceTag, &endpoints_only);
        assert_fires(EgressMissingServiceTag, &endpoints_only[..1]);
    }

    #[test]
    fn quiet_when_all_are_allowed_or_unrestricted() {
        assert_quiet(EgressMissingServiceTag, &[]);
        assert_quiet(EgressMissingServiceTag, &[("/egress", json!({"restricted": false}))]);
        assert_quiet(
            EgressMissingServiceTag,
            &[("/egress", json!({"restricted": true, "allowedServiceTags": ALL}))],
        );
        let mut global = ALL.to_vec();
        global[3] = "STORAGE";
        assert_quiet(
            EgressMissingServiceTag,
            &[("/egress", json!({"restricted": true, "allowedServiceTags": global}))],
        );
    }

    #[test]
    fn names_the_regional_tag_from_the_region_azure_reads() {
        let display_name = ("/region", json!("East US 2"));
        assert_quiet(
            EgressMissingServiceTag,
            &[display_name.clone(), ("/egress", json!({"restricted": true, "allowedServiceTags": ALL}))],
        );
        let found =
            assert_fires(EgressMissingServiceTag, &[display_name, ("/egress", json!({"restricted": true}))]);
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(json!(ALL)));
    }
}
