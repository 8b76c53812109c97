use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, EndpointKind, IsolationMode};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about each managed online endpoint that sets legacyEgressPublicNetworkAccess while the \
         workspace has a managed network (isolation allowInternetOutbound or allowOnlyApprovedOutbound).",
        "Avertit pour chaque point de terminaison en ligne managé qui renseigne \
         legacyEgressPublicNetworkAccess alors que l’espace de travail a un réseau managé (isolement \
         allowInternetOutbound ou allowOnlyApprovedOutbound)."
    ),
    why: text!(
        "The flag belongs to the older way of isolating a deployment’s outbound traffic. With a managed \
         network, that traffic follows the network’s isolation mode and outbound rules instead, so the \
         flag has no effect, and Microsoft asks not to set it. Leaving it in the plan suggests a control \
         that does not exist.",
        "Ce paramètre relève de l’ancienne façon d’isoler le trafic sortant d’un déploiement. Avec un \
         réseau managé, ce trafic suit à la place le mode d’isolement et les règles sortantes du réseau : \
         le paramètre reste donc sans effet, et Microsoft demande de ne pas le renseigner. Le garder dans \
         le plan laisse croire à un contrôle qui n’existe pas."
    ),
    example: Example(&[
        ("/workspace/managedNetwork", r#"{"isolationMode": "allowOnlyApprovedOutbound"}"#),
        (
            "/onlineEndpoints",
            r#"[{"name": "scoring", "kind": "managed", "legacyEgressPublicNetworkAccess": "disabled"}]"#,
        ),
    ]),
    fix: text!(
        "Remove legacyEgressPublicNetworkAccess from the endpoint, and control its outbound traffic with \
         the managed network’s isolation mode and outbound rules.",
        "Retirez legacyEgressPublicNetworkAccess du point de terminaison, et réglez son trafic sortant \
         par le mode d’isolement et les règles sortantes du réseau managé."
    ),
    sources: &[sources::CONCEPT_SECURE_ONLINE_ENDPOINT_2024_02_29],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    let mode = plan.workspace.isolation_mode();
    if mode == IsolationMode::Disabled {
        return;
    }
    for (index, endpoint) in plan.online_endpoints.iter().enumerate() {
        if endpoint.kind != EndpointKind::Managed || endpoint.legacy_egress_public_network_access.is_none() {
            continue;
        }
        let subject = pointer::online_endpoint(index, "legacyEgressPublicNetworkAccess");
        out.push(
            Draft::new(
                msg!(
                    [
                        "managed endpoint '{endpoint}' sets legacyEgressPublicNetworkAccess, which the \
                         managed network in mode {mode} overrides; the flag should not be set",
                        "le point de terminaison managé « {endpoint} » renseigne \
                         legacyEgressPublicNetworkAccess, que le réseau managé en mode {mode} remplace : \
                         ce paramètre ne doit pas être renseigné"
                    ],
                    endpoint = &endpoint.name,
                    mode = mode.as_str(),
                ),
                vec![subject.clone(), pointer::managed_network("isolationMode")],
            )
            .with_fix(Some(Fix::set(
                msg!(["remove legacyEgressPublicNetworkAccess", "retirer legacyEgressPublicNetworkAccess"]),
                subject,
                Value::Null,
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ManagedEndpointLegacyEgressIgnored;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn plan(mode: &str) -> Vec<(&'static str, Value)> {
        vec![
            ("/workspace/managedNetwork", json!({ "isolationMode": mode })),
            (
                "/onlineEndpoints",
                json!([
                    {"name": "plain", "kind": "managed"},
                    {"name": "legacy", "kind": "managed", "legacyEgressPublicNetworkAccess": "enabled"}
                ]),
            ),
        ]
    }

    #[test]
    fn warns_when_a_managed_network_overrides_the_flag() {
        let changes = plan("allowInternetOutbound");
        let found = assert_fires(ManagedEndpointLegacyEgressIgnored, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            ["/onlineEndpoints/1/legacyEgressPublicNetworkAccess", "/workspace/managedNetwork/isolationMode"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison managé « legacy » renseigne legacyEgressPublicNetworkAccess, que le \
             réseau managé en mode allowInternetOutbound remplace : ce paramètre ne doit pas être renseigné"
        );
        let fix = found[0].fix.as_ref().expect("the flag can always be removed");
        assert_eq!(fix.kind, FixKind::Design);
        assert_eq!(fix.changes[0].value, Value::Null);
        assert_fix_resolves(ManagedEndpointLegacyEgressIgnored, &changes);
        assert_fires(ManagedEndpointLegacyEgressIgnored, &plan("allowOnlyApprovedOutbound"));
    }

    #[test]
    fn quiet_without_a_managed_network() {
        assert_quiet(ManagedEndpointLegacyEgressIgnored, &plan("disabled"));
        assert_quiet(ManagedEndpointLegacyEgressIgnored, &plan("disabled")[1..]);
    }
}
