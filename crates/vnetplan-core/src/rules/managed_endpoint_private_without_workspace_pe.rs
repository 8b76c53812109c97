use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{EndpointKind, NetworkAccess};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Flags each managed online endpoint that turns public network access off while the plan gives \
         the workspace no private endpoint.",
        "Signale chaque point de terminaison en ligne managé qui coupe l’accès réseau public alors que \
         le plan ne donne aucun point de terminaison privé à l’espace de travail."
    ),
    why: text!(
        "A managed endpoint has no address in your network. Once its public access is off, scoring \
         requests can only arrive through the workspace’s private endpoint, which carries the \
         endpoint’s traffic as well. Without one, no client can call the endpoint at all.",
        "Un point de terminaison managé n’a pas d’adresse dans votre réseau. Dès que son accès public \
         est coupé, les requêtes de scoring ne peuvent arriver que par le point de terminaison privé de \
         l’espace de travail, qui transporte aussi le trafic du point de terminaison. Sans lui, aucun \
         client ne peut l’appeler."
    ),
    example: Example(&[(
        "/onlineEndpoints",
        r#"[{"name": "scoring", "kind": "managed", "publicNetworkAccess": "disabled"}]"#,
    )]),
    fix: text!(
        "Give the workspace a private endpoint in a subnet your clients reach (workspace.privateEndpoint), \
         or leave the endpoint’s public network access enabled.",
        "Donnez à l’espace de travail un point de terminaison privé dans un sous-réseau que vos clients \
         atteignent (workspace.privateEndpoint), ou laissez activé l’accès réseau public du point de \
         terminaison."
    ),
    sources: &[sources::CONCEPT_SECURE_ONLINE_ENDPOINT_2024_02_29],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if plan.workspace.private_endpoint.is_some() {
        return;
    }
    for (index, endpoint) in plan.online_endpoints.iter().enumerate() {
        if endpoint.kind != EndpointKind::Managed
            || endpoint.public_network_access() != Some(NetworkAccess::Disabled)
        {
            continue;
        }
        out.report(
            msg!(
                [
                    "managed endpoint '{endpoint}' turns public access off, but the workspace has no \
                     private endpoint, so nothing can reach it",
                    "le point de terminaison managé « {endpoint} » coupe l’accès public, mais l’espace de \
                     travail n’a pas de point de terminaison privé : plus rien ne peut l’atteindre"
                ],
                endpoint = &endpoint.name,
            ),
            vec![
                pointer::online_endpoint(index, "publicNetworkAccess"),
                pointer::workspace("privateEndpoint"),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ManagedEndpointPrivateWithoutWorkspacePe;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn endpoints(access: Value) -> (&'static str, Value) {
        (
            "/onlineEndpoints",
            json!([
                {"name": "open", "kind": "managed"},
                {"name": "closed", "kind": "managed", "publicNetworkAccess": access}
            ]),
        )
    }

    #[test]
    fn fires_for_a_closed_endpoint_without_workspace_private_endpoint() {
        let found = assert_fires(ManagedEndpointPrivateWithoutWorkspacePe, &[endpoints(json!("disabled"))]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            ["/onlineEndpoints/1/publicNetworkAccess", "/workspace/privateEndpoint"]
        );
        assert!(found[0].fix.is_none());
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison managé « closed » coupe l’accès public, mais l’espace de travail n’a \
             pas de point de terminaison privé : plus rien ne peut l’atteindre"
        );
    }

    #[test]
    fn quiet_when_public_or_the_workspace_is_private() {
        assert_quiet(ManagedEndpointPrivateWithoutWorkspacePe, &[endpoints(json!("enabled"))]);
        assert_quiet(
            ManagedEndpointPrivateWithoutWorkspacePe,
            &[
                endpoints(json!("disabled")),
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.8.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
            ],
        );
    }
}
