use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, RuleFindings, Severity};
use crate::plan::OutboundRuleType;
use crate::pointer;
use crate::sources;

/// The resource types that Learn lists as private endpoint targets of a managed network, written
/// in lower case because ARM compares provider namespaces and types without regard to case. Azure
/// SQL Managed Instance left the list in 2025 but is kept, since earlier managed networks used it;
/// Application Gateway carries private access to other networks and on-premises; Function Apps
/// (`microsoft.web/sites`) are named where the same page explains approving such endpoints.
const SUPPORTED_TARGET_TYPES: &[&str] = &[
    "microsoft.machinelearningservices/workspaces",
    "microsoft.machinelearningservices/registries",
    "microsoft.storage/storageaccounts",
    "microsoft.containerregistry/registries",
    "microsoft.keyvault/vaults",
    "microsoft.cognitiveservices/accounts",
    "microsoft.search/searchservices",
    "microsoft.sql/servers",
    "microsoft.sql/managedinstances",
    "microsoft.datafactory/factories",
    "microsoft.documentdb/databaseaccounts",
    "microsoft.eventhub/namespaces",
    "microsoft.cache/redis",
    "microsoft.cache/redisenterprise",
    "microsoft.databricks/workspaces",
    "microsoft.dbformariadb/servers",
    "microsoft.dbforpostgresql/servers",
    "microsoft.dbforpostgresql/flexibleservers",
    "microsoft.dbformysql/servers",
    "microsoft.dbformysql/flexibleservers",
    "microsoft.apimanagement/service",
    "microsoft.insights/privatelinkscopes",
    "microsoft.network/applicationgateways",
    "microsoft.web/sites",
];

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Checks the destination of each privateEndpoint outbound rule of the workspace managed network: it \
         must be an ARM resource ID, of a resource type that the managed network can reach through a private \
         endpoint.",
        "Vérifie la destination de chaque règle sortante privateEndpoint du réseau managé de l’espace de \
         travail : ce doit être un ID de ressource ARM, d’un type de ressource que le réseau managé sait \
         joindre par un point de terminaison privé."
    ),
    why: text!(
        "Azure ML creates the private endpoint of such a rule itself, inside the managed network, from the \
         resource ID it is given. Without a resource ID there is nothing to connect to and the rule is \
         refused, as a blank destination is. Learn lists the services it supports as targets (Azure ML workspaces and registries, \
         Storage, Container Registry, Key Vault, AI services, AI Search, SQL, Data Factory, Cosmos DB, Event \
         Hubs, Redis, Databricks, the MariaDB, PostgreSQL and MySQL databases, API Management, Application \
         Insights through a private link scope, and Application Gateway for other networks). Another type, \
         such as a Private Link service of your own, is outside that list and may not be provisioned.",
        "Azure ML crée lui-même le point de terminaison privé d’une telle règle, dans le réseau managé, à \
         partir de l’ID de ressource donné. Sans ID de ressource, il n’y a rien à joindre et la règle est \
         refusée, comme l’est une destination vide. Learn liste les services qu’il prend en charge comme cibles (espaces de travail et \
         registres Azure ML, Stockage, Container Registry, Key Vault, services d’IA, AI Search, SQL, Data \
         Factory, Cosmos DB, Event Hubs, Redis, Databricks, les bases MariaDB, PostgreSQL et MySQL, API \
         Management, Application Insights par une étendue de liaison privée, et Application Gateway pour \
         les autres réseaux). Un autre type, comme votre propre service Private Link, est hors de cette \
         liste et risque de ne pas être approvisionné."
    ),
    example: Example(&[(
        "/workspace/managedNetwork",
        r#"{"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [{"name": "vendor", "type": "privateEndpoint", "destination": "/subscriptions/0000/resourceGroups/net-rg/providers/Microsoft.Network/privateLinkServices/vendor-pls"}]}"#,
    )]),
    fix: text!(
        "Give the full resource ID of the target (/subscriptions/…/resourceGroups/…/providers/Namespace/type/\
         name). For a service outside the supported list, reach it through an Application Gateway with a \
         private endpoint rule, or through an FQDN rule where the mode allows one.",
        "Donnez l’ID de ressource complet de la cible (/subscriptions/…/resourceGroups/…/providers/\
         Espace/type/nom). Pour un service hors de la liste prise en charge, joignez-le par une Application \
         Gateway avec une règle de point de terminaison privé, ou par une règle FQDN là où le mode l’admet."
    ),
    sources: &[sources::HOW_TO_MANAGED_NETWORK_2025_05_23],
};

/// The `namespace/type` of an ARM resource ID, in lower case, or `None` when the text is not one.
fn target_type(resource_id: &str) -> Option<String> {
    let lower = resource_id.to_ascii_lowercase();
    if !lower.starts_with("/subscriptions/") {
        return None;
    }
    let (_, after) = lower.split_once("/providers/")?;
    let mut parts = after.split('/');
    let namespace = parts.next().filter(|part| !part.is_empty())?;
    let kind = parts.next().filter(|part| !part.is_empty())?;
    parts.next().filter(|name| !name.is_empty())?;
    Some(format!("{namespace}/{kind}"))
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(network) = context.plan.workspace.managed_network.as_ref() else {
        return;
    };
    for (index, rule) in network.outbound_rules.iter().enumerate() {
        if rule.rule_type != OutboundRuleType::PrivateEndpoint {
            continue;
        }
        let subjects = vec![pointer::outbound_rule(index, "destination")];
        if rule.destination.trim().is_empty() {
            let message = msg!(
                [
                    "private endpoint rule '{rule}' has no destination: it needs the ARM resource ID of the \
                     resource to reach (/subscriptions/…/providers/Namespace/type/name)",
                    "la règle de point de terminaison privé « {rule} » n’a pas de destination : il lui faut l’ID \
                     de ressource ARM de la ressource à joindre (/subscriptions/…/providers/Espace/type/nom)"
                ],
                rule = &rule.name,
            );
            out.push_as(Severity::Error, Draft::new(message, subjects));
            continue;
        }
        match target_type(&rule.destination) {
            None => out.push_as(
                Severity::Error,
                Draft::new(
                    msg!(
                        [
                            "private endpoint rule '{rule}' targets '{destination}', which is not an ARM \
                             resource ID (/subscriptions/…/providers/Namespace/type/name)",
                            "la règle de point de terminaison privé « {rule} » vise « {destination} », qui \
                             n’est pas un ID de ressource ARM (/subscriptions/…/providers/Espace/type/nom)"
                        ],
                        rule = &rule.name,
                        destination = &rule.destination,
                    ),
                    subjects,
                ),
            ),
            Some(kind) if !SUPPORTED_TARGET_TYPES.contains(&kind.as_str()) => out.report(
                msg!(
                    [
                        "private endpoint rule '{rule}' targets a resource of type {kind}, which is not among \
                         the targets Learn lists for a managed network",
                        "la règle de point de terminaison privé « {rule} » vise une ressource de type {kind}, \
                         qui n’est pas parmi les cibles que Learn liste pour un réseau managé"
                    ],
                    rule = &rule.name,
                    kind = kind,
                ),
                subjects,
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::target_type;
    use crate::catalog::RuleId::ManagedNetworkPeTargetUnsupported;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn network(destination: &str) -> [(&'static str, Value); 1] {
        [(
            "/workspace/managedNetwork",
            json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
                {"name": "pypi", "type": "fqdn", "destination": "pypi.org"},
                {"name": "target", "type": "privateEndpoint", "destination": destination}
            ]}),
        )]
    }

    #[test]
    fn a_private_link_service_is_outside_the_list() {
        let found = assert_fires(
            ManagedNetworkPeTargetUnsupported,
            &network("/subscriptions/0000/resourceGroups/net-rg/providers/Microsoft.Network/privateLinkServices/pls"),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/workspace/managedNetwork/outboundRules/1/destination"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la règle de point de terminaison privé « target » vise une ressource de type \
             microsoft.network/privatelinkservices, qui n’est pas parmi les cibles que Learn liste pour un \
             réseau managé"
        );
    }

    #[test]
    fn a_destination_that_is_no_resource_id_is_an_error() {
        for destination in ["mystorage.blob.core.windows.net", "/subscriptions/0000/resourceGroups/rg"] {
            let found = assert_fires(ManagedNetworkPeTargetUnsupported, &network(destination));
            assert_eq!(found[0].severity, Severity::Error, "{destination}");
        }
    }

    #[test]
    fn a_blank_destination_is_an_error() {
        let found = assert_fires(ManagedNetworkPeTargetUnsupported, &network(" "));
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.starts_with("private endpoint rule 'target' has no destination"));
    }

    #[test]
    fn quiet_for_listed_targets_in_any_case() {
        for destination in [
            "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/mlstore",
            "/SUBSCRIPTIONS/0000/resourceGroups/rg/providers/microsoft.keyvault/VAULTS/ml-kv",
            "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/privateLinkScopes/ampls",
        ] {
            assert_quiet(ManagedNetworkPeTargetUnsupported, &network(destination));
        }
        assert_quiet(ManagedNetworkPeTargetUnsupported, &[]);
    }

    #[test]
    fn the_type_is_the_first_one_after_the_provider() {
        assert_eq!(
            target_type("/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a/blobServices/default")
                .as_deref(),
            Some("microsoft.storage/storageaccounts")
        );
        assert_eq!(
            target_type("/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/"),
            None
        );
    }
}
