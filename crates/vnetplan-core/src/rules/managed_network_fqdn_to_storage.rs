use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::fqdn::{covers, normalise};
use crate::plan::{IsolationMode, OutboundRuleType};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Flags each fqdn outbound rule whose destination covers an Azure Storage account endpoint (blob, \
         file, queue, table or dfs under core.windows.net), or names a host under one of those services \
         such as an account's privatelink name, while the managed network allows approved outbound \
         traffic only. Wildcards count: *.blob.core.windows.net covers every account.",
        "Signale chaque règle sortante fqdn dont la destination couvre un point de terminaison de compte \
         Azure Storage (blob, file, queue, table ou dfs sous core.windows.net), ou nomme un hôte sous l’un \
         de ces services comme le nom privatelink d’un compte, alors que le réseau managé n’autorise que \
         le trafic sortant approuvé. Les caractères génériques comptent : *.blob.core.windows.net couvre \
         tous les comptes."
    ),
    why: text!(
        "In the allowOnlyApprovedOutbound mode, Azure ML expects storage to be reached through private \
         endpoints and does not accept host-name rules to storage accounts: the firewall of the managed \
         network would open a path around the private link meant to hold the data in.",
        "En mode allowOnlyApprovedOutbound, Azure ML attend que le stockage soit joint par des points de \
         terminaison privés et n’accepte pas de règles par nom d’hôte vers des comptes de stockage : le \
         pare-feu du réseau managé ouvrirait un chemin qui contourne la liaison privée censée retenir les \
         données."
    ),
    example: Example(&[(
        "/workspace/managedNetwork",
        r#"{"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [{"name": "data", "type": "fqdn", "destination": "mydata.blob.core.windows.net"}]}"#,
    )]),
    fix: text!(
        "Replace the rule with a privateEndpoint rule to the storage account, naming the sub-resource \
         needed (blob, file, queue, table or dfs).",
        "Remplacez la règle par une règle privateEndpoint vers le compte de stockage, en indiquant la \
         sous-ressource voulue (blob, file, queue, table ou dfs)."
    ),
    sources: &[sources::HOW_TO_MANAGED_NETWORK_2025_05_23],
};

const STORAGE: [&str; 5] = [
    "<storage>.blob.core.windows.net",
    "<storage>.file.core.windows.net",
    "<storage>.queue.core.windows.net",
    "<storage>.table.core.windows.net",
    "<storage>.dfs.core.windows.net",
];

/// Whether a destination names a host deeper under a storage service than an account's own
/// name, such as `mysa.privatelink.blob.core.windows.net`, the name a private link gives the
/// account: still storage, which the placeholder patterns, one label deep, do not reach.
fn under_a_storage_service(destination: &str) -> bool {
    let name = normalise(destination);
    STORAGE
        .iter()
        .any(|pattern| pattern.strip_prefix("<storage>").is_some_and(|service| name.ends_with(service)))
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    let Some(network) = plan.workspace.managed_network.as_ref() else {
        return;
    };
    if network.isolation_mode != IsolationMode::AllowOnlyApprovedOutbound {
        return;
    }
    for (index, rule) in network.outbound_rules.iter().enumerate() {
        if rule.rule_type != OutboundRuleType::Fqdn {
            continue;
        }
        let storage = STORAGE.iter().any(|pattern| covers(&rule.destination, pattern, &plan.region))
            || under_a_storage_service(&rule.destination);
        if !storage {
            continue;
        }
        out.report(
            msg!(
                [
                    "fqdn outbound rule '{rule}' opens {destination}, a storage account endpoint; with \
                     approved outbound only, storage is reached through a privateEndpoint rule",
                    "la règle sortante fqdn « {rule} » ouvre {destination}, un point de terminaison de \
                     compte de stockage ; quand seul le trafic sortant approuvé passe, le stockage se \
                     joint par une règle privateEndpoint"
                ],
                rule = &rule.name,
                destination = &rule.destination,
            ),
            vec![pointer::outbound_rule(index, "destination"), pointer::managed_network("isolationMode")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ManagedNetworkFqdnToStorage;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn network(mode: &str, destination: &str) -> (&'static str, Value) {
        (
            "/workspace/managedNetwork",
            json!({"isolationMode": mode, "outboundRules": [
                {"name": "pypi", "type": "fqdn", "destination": "pypi.org"},
                {"name": "data", "type": "fqdn", "destination": destination}
            ]}),
        )
    }

    #[test]
    fn fires_for_a_wildcard_over_storage_accounts() {
        let found = assert_fires(
            ManagedNetworkFqdnToStorage,
            &[network("allowOnlyApprovedOutbound", "*.Queue.core.windows.net")],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            [
                "/workspace/managedNetwork/outboundRules/1/destination",
                "/workspace/managedNetwork/isolationMode"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la règle sortante fqdn « data » ouvre *.Queue.core.windows.net, un point de terminaison de \
             compte de stockage ; quand seul le trafic sortant approuvé passe, le stockage se joint par une \
             règle privateEndpoint"
        );
        assert_fires(
            ManagedNetworkFqdnToStorage,
            &[network("allowOnlyApprovedOutbound", "acct.dfs.core.windows.net")],
        );
    }

    #[test]
    fn fires_for_a_host_deeper_under_a_storage_service() {
        for destination in [
            "mysa.privatelink.blob.core.windows.net",
            "*.privatelink.file.core.windows.net.",
            "a.b.DFS.core.windows.net",
        ] {
            assert_fires(ManagedNetworkFqdnToStorage, &[network("allowOnlyApprovedOutbound", destination)]);
        }
        // The service's own name is no account's, and another suffix is not storage.
        assert_quiet(
            ManagedNetworkFqdnToStorage,
            &[network("allowOnlyApprovedOutbound", "blob.core.windows.net")],
        );
        assert_quiet(
            ManagedNetworkFqdnToStorage,
            &[network("allowOnlyApprovedOutbound", "mysa.privatelink.blob.core.windows.net.evil.example")],
        );
    }

    #[test]
    fn quiet_for_other_names_or_other_modes() {
        assert_quiet(
            ManagedNetworkFqdnToStorage,
            &[network("allowOnlyApprovedOutbound", "acct.web.core.windows.net")],
        );
        assert_quiet(
            ManagedNetworkFqdnToStorage,
            &[network("allowInternetOutbound", "acct.blob.core.windows.net")],
        );
    }
}
