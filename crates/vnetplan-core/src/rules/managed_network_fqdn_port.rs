use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{OutboundRuleType, PortRange};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Flags each fqdn outbound rule of the workspace managed network whose ports reach beyond 80 and \
         443: another port, a range, or \"*\".",
        "Signale chaque règle sortante fqdn du réseau managé de l’espace de travail dont les ports vont \
         au-delà de 80 et 443 : un autre port, une plage ou « * »."
    ),
    why: text!(
        "A managed network carries fqdn rules through an Azure Firewall that it runs for you, and that \
         firewall only lets host-name rules use HTTP and HTTPS. A rule for any other port is refused, \
         so whatever needed that port stays blocked.",
        "Un réseau managé applique les règles fqdn au moyen d’un pare-feu Azure qu’il gère pour vous, et \
         ce pare-feu ne permet aux règles par nom d’hôte que HTTP et HTTPS. Une règle vers un autre port \
         est refusée, si bien que ce qui en avait besoin reste bloqué."
    ),
    example: Example(&[(
        "/workspace/managedNetwork",
        r#"{"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [{"name": "db", "type": "fqdn", "destination": "db.contoso.com", "ports": ["443", "5432"]}]}"#,
    )]),
    fix: text!(
        "Keep ports 80 and 443 only in fqdn rules. For another port, reach the destination through a \
         private endpoint rule, or through a service tag rule when the service has one.",
        "Ne gardez que les ports 80 et 443 dans les règles fqdn. Pour un autre port, joignez la \
         destination par une règle de point de terminaison privé, ou par une règle de balise de service \
         quand le service en a une."
    ),
    sources: &[sources::HOW_TO_MANAGED_NETWORK_2025_05_23],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(network) = context.plan.workspace.managed_network.as_ref() else {
        return;
    };
    for (index, rule) in network.outbound_rules.iter().enumerate() {
        if rule.rule_type != OutboundRuleType::Fqdn {
            continue;
        }
        // Unwritten ports default to 80 and 443, so only a written list can go wrong.
        let Some(ports) = rule.ports.as_ref() else {
            continue;
        };
        let offending = ports.iter().enumerate().find(|(_, text)| !web_port(text));
        let Some((position, text)) = offending else {
            continue;
        };
        out.report(
            msg!(
                [
                    "fqdn outbound rule '{rule}' asks for port {port}, but the managed network allows only \
                     ports 80 and 443 in rules by host name",
                    "la règle sortante fqdn « {rule} » demande le port {port}, alors que le réseau managé \
                     n’accepte que les ports 80 et 443 dans les règles par nom d’hôte"
                ],
                rule = &rule.name,
                port = text,
            ),
            vec![pointer::outbound_rule(index, &format!("ports/{position}"))],
        );
    }
}

fn web_port(text: &str) -> bool {
    PortRange::parse(text).is_some_and(|range| range.first == range.last && matches!(range.first, 80 | 443))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ManagedNetworkFqdnPort;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn rules(ports: Value) -> (&'static str, Value) {
        (
            "/workspace/managedNetwork",
            json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
                {"name": "monitor", "type": "serviceTag", "destination": "AzureMonitor", "ports": ["*"]},
                {"name": "web", "type": "fqdn", "destination": "example.com", "ports": ports}
            ]}),
        )
    }

    #[test]
    fn fires_on_the_first_port_other_than_80_and_443() {
        let found = assert_fires(ManagedNetworkFqdnPort, &[rules(json!(["443", "80-443", "*"]))]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/workspace/managedNetwork/outboundRules/1/ports/1"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la règle sortante fqdn « web » demande le port 80-443, alors que le réseau managé n’accepte \
             que les ports 80 et 443 dans les règles par nom d’hôte"
        );
        let star = assert_fires(ManagedNetworkFqdnPort, &[rules(json!(["*"]))]);
        assert_eq!(star[0].subjects, ["/workspace/managedNetwork/outboundRules/1/ports/0"]);
    }

    #[test]
    fn quiet_for_web_ports_and_the_default() {
        assert_quiet(ManagedNetworkFqdnPort, &[rules(json!(["80", "443"]))]);
        let default_ports = json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
            {"name": "web", "type": "fqdn", "destination": "example.com"}
        ]});
        assert_quiet(ManagedNetworkFqdnPort, &[("/workspace/managedNetwork", default_ports)]);
    }
}
