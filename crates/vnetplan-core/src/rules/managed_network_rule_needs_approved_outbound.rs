use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{Choice, IsolationMode, OutboundRuleType};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Flags each outbound rule of type fqdn or serviceTag in the workspace managed network when its \
         isolation mode is not allowOnlyApprovedOutbound.",
        "Signale chaque règle sortante de type fqdn ou serviceTag du réseau managé de l’espace de travail \
         quand son mode d’isolement n’est pas allowOnlyApprovedOutbound."
    ),
    why: text!(
        "Rules that name host names or service tags only make sense where outbound traffic is denied by \
         default: Azure ML accepts them in the allowOnlyApprovedOutbound mode alone. In \
         allowInternetOutbound mode everything already goes out, so only private endpoint rules are \
         accepted there, and without a managed network no rule applies at all.",
        "Les règles qui nomment des noms d’hôte ou des balises de service n’ont de sens que là où le \
         trafic sortant est refusé par défaut : Azure ML ne les accepte qu’en mode \
         allowOnlyApprovedOutbound. En mode allowInternetOutbound, tout sort déjà, si bien que seules les \
         règles de point de terminaison privé y sont admises, et sans réseau managé aucune règle ne \
         s’applique."
    ),
    example: Example(&[(
        "/workspace/managedNetwork",
        r#"{"isolationMode": "allowInternetOutbound", "outboundRules": [{"name": "pypi", "type": "fqdn", "destination": "pypi.org"}]}"#,
    )]),
    fix: text!(
        "Switch the managed network to allowOnlyApprovedOutbound if outbound traffic must be limited, or \
         drop the fqdn and serviceTag rules, which the current mode does not need.",
        "Passez le réseau managé en allowOnlyApprovedOutbound si le trafic sortant doit être limité, ou \
         supprimez les règles fqdn et serviceTag, dont le mode actuel n’a pas besoin."
    ),
    sources: &[sources::HOW_TO_MANAGED_NETWORK_2025_05_23],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(network) = context.plan.workspace.managed_network.as_ref() else {
        return;
    };
    let mode = network.isolation_mode;
    if mode == IsolationMode::AllowOnlyApprovedOutbound {
        return;
    }
    for (index, rule) in network.outbound_rules.iter().enumerate() {
        if rule.rule_type == OutboundRuleType::PrivateEndpoint {
            continue;
        }
        out.report(
            msg!(
                [
                    "outbound rule '{rule}' of type {kind} is only accepted when the managed network \
                     allows approved outbound traffic only, not in mode {mode}",
                    "la règle sortante « {rule} » de type {kind} n’est acceptée que si le réseau managé \
                     n’autorise que le trafic sortant approuvé, pas en mode {mode}"
                ],
                rule = &rule.name,
                kind = rule.rule_type.as_str(),
                mode = mode.as_str(),
            ),
            vec![pointer::outbound_rule(index, "type"), pointer::managed_network("isolationMode")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ManagedNetworkRuleNeedsApprovedOutbound;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn network(mode: &str) -> (&'static str, Value) {
        (
            "/workspace/managedNetwork",
            json!({"isolationMode": mode, "outboundRules": [
                {"name": "storage-pe", "type": "privateEndpoint", "destination": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a"},
                {"name": "monitor", "type": "serviceTag", "destination": "AzureMonitor"}
            ]}),
        )
    }

    #[test]
    fn fires_for_a_service_tag_rule_outside_approved_outbound() {
        let found =
            assert_fires(ManagedNetworkRuleNeedsApprovedOutbound, &[network("allowInternetOutbound")]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/workspace/managedNetwork/outboundRules/1/type", "/workspace/managedNetwork/isolationMode"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la règle sortante « monitor » de type serviceTag n’est acceptée que si le réseau managé \
             n’autorise que le trafic sortant approuvé, pas en mode allowInternetOutbound"
        );
        assert_fires(ManagedNetworkRuleNeedsApprovedOutbound, &[network("disabled")]);
    }

    #[test]
    fn quiet_in_approved_outbound_mode() {
        assert_quiet(ManagedNetworkRuleNeedsApprovedOutbound, &[network("allowOnlyApprovedOutbound")]);
        assert_quiet(ManagedNetworkRuleNeedsApprovedOutbound, &[]);
    }
}
