use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{AcrSku, Choice, EndpointKind, IsolationMode, NetworkAccess};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Checks the two things a private container registry needs for Azure ML v2 deployments, once per \
         plan each. First, a registry reached through a private endpoint (acrInVnet, a managed \
         network in allowOnlyApprovedOutbound mode, which always gives the registry one, or, without a \
         managed network, a managed endpoint with legacyEgressPublicNetworkAccess \"disabled\", whose \
         deployments each get one) must be on the \
         Premium tier when the plan has online endpoints or Kubernetes compute. Second, a registry in \
         the VNet needs an image build compute (managedNetwork.imageBuildCompute) when the plan has a \
         managed online endpoint.",
        "Vérifie les deux conditions qu’un registre de conteneurs privé doit remplir pour les \
         déploiements Azure ML v2, une fois par plan pour chacune. D’une part, un registre joint par un \
         point de terminaison privé (acrInVnet, un réseau managé en mode allowOnlyApprovedOutbound, \
         qui lui en donne toujours un, ou, sans réseau managé, un point de terminaison managé dont \
         legacyEgressPublicNetworkAccess vaut « disabled », chacun de ses déploiements en recevant un) \
         doit être au niveau Premium si le plan comporte des points de terminaison en ligne ou du calcul Kubernetes. D’autre part, un registre dans le VNet exige un \
         calcul de génération d’images (managedNetwork.imageBuildCompute) si le plan comporte un point \
         de terminaison en ligne managé."
    ),
    why: text!(
        "Azure Container Registry offers private endpoints on its Premium tier only, so a Basic or \
         Standard registry cannot be reached privately and images cannot be pulled. And once the \
         registry sits behind the network, ACR Tasks can no longer build the environment images of a \
         deployment: Azure ML must build them on a compute cluster of the workspace instead, which it \
         only does when one is named.",
        "Azure Container Registry ne propose de points de terminaison privés qu’au niveau Premium : un \
         registre Basic ou Standard ne peut donc pas être joint en privé, et les images ne peuvent pas \
         être tirées. De plus, une fois le registre derrière le réseau, ACR Tasks ne peut plus générer \
         les images d’environnement d’un déploiement : Azure ML doit alors les générer sur un cluster de \
         calcul de l’espace de travail, ce qu’il ne fait que si un tel cluster est désigné."
    ),
    example: Example(&[
        ("/workspace/acrInVnet", "true"),
        ("/workspace/acrSku", r#""Standard""#),
        ("/onlineEndpoints", r#"[{"name": "scoring", "kind": "managed"}]"#),
    ]),
    fix: text!(
        "Move the registry to the Premium tier, and name a compute cluster of the workspace in \
         managedNetwork.imageBuildCompute (az ml workspace update --image-build-compute).",
        "Passez le registre au niveau Premium, et désignez un cluster de calcul de l’espace de travail \
         dans managedNetwork.imageBuildCompute (az ml workspace update --image-build-compute)."
    ),
    sources: &[
        Source {
            title: "Secure your managed online endpoints with network isolation",
            location: "https://learn.microsoft.com/azure/machine-learning/how-to-secure-online-endpoint",
            date: "2025-03-31",
        },
        sources::HOW_TO_MANAGED_NETWORK_2025_05_23,
        sources::HOW_TO_SECURE_KUBERNETES_INFERENCING_ENVIRONMENT,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    let workspace = &plan.workspace;
    let has_v2 =
        !plan.online_endpoints.is_empty() || context.clusters().any(|(_, cluster, _)| cluster.is_v2());
    let sku = workspace.acr_sku.filter(|sku| *sku != AcrSku::Premium);
    let private_by = if workspace.acr_in_vnet() {
        Some(pointer::workspace("acrInVnet"))
    } else if workspace.isolation_mode() == IsolationMode::AllowOnlyApprovedOutbound {
        Some(pointer::managed_network("isolationMode"))
    } else if workspace.isolation_mode() == IsolationMode::Disabled {
        // Without a workspace managed network, the legacy flag still gives each deployment a
        // network of its own, with private endpoints to the workspace, its storage and registry.
        plan.online_endpoints
            .iter()
            .position(|endpoint| {
                endpoint.kind == EndpointKind::Managed
                    && endpoint.legacy_egress_public_network_access == Some(NetworkAccess::Disabled)
            })
            .map(|endpoint| pointer::online_endpoint(endpoint, "legacyEgressPublicNetworkAccess"))
    } else {
        None
    };
    if let (Some(sku), Some(reason), true) = (sku, private_by, has_v2) {
        out.report(
            msg!(
                [
                    "the container registry is reached through a private endpoint, which Azure Container \
                     Registry offers on Premium only, but its tier is {sku}",
                    "le registre de conteneurs est joint par un point de terminaison privé, ce \
                     qu’Azure Container Registry ne propose qu’au niveau Premium, mais son niveau est {sku}"
                ],
                sku = sku.as_str(),
            ),
            vec![pointer::workspace("acrSku"), reason],
        );
    }
    let builder = workspace.managed_network.as_ref().and_then(|network| network.image_build_compute());
    let first_managed =
        plan.online_endpoints.iter().position(|endpoint| endpoint.kind == EndpointKind::Managed);
    if let (true, None, Some(endpoint)) = (workspace.acr_in_vnet(), builder, first_managed) {
        out.report(
            msg!([
                "the container registry is in the VNet and the plan has a managed online endpoint, but no \
                 image build compute is named, so ACR Tasks cannot build the deployment images",
                "le registre de conteneurs est dans le VNet et le plan comporte un point de terminaison en \
                 ligne managé, mais aucun calcul de génération d’images n’est désigné : ACR Tasks ne peut \
                 donc pas générer les images des déploiements"
            ]),
            vec![
                pointer::managed_network("imageBuildCompute"),
                pointer::workspace("acrInVnet"),
                pointer::online_endpoint_whole(endpoint),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PrivateAcrSetupIncomplete;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_for_a_standard_registry_behind_approved_outbound() {
        let changes = [
            ("/workspace/acrSku", json!("Basic")),
            (
                "/workspace/managedNetwork",
                json!({"isolationMode": "allowOnlyApprovedOutbound", "imageBuildCompute": "cpu"}),
            ),
            ("/onlineEndpoints", json!([{"name": "scoring", "kind": "managed"}])),
        ];
        let found = assert_fires(PrivateAcrSetupIncomplete, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/workspace/acrSku", "/workspace/managedNetwork/isolationMode"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le registre de conteneurs est joint par un point de terminaison privé, ce qu’Azure Container \
             Registry ne propose qu’au niveau Premium, mais son niveau est Basic"
        );
    }

    #[test]
    fn fires_for_a_standard_registry_behind_the_legacy_per_deployment_isolation() {
        let legacy = |access: &str| {
            json!([
                {"name": "open", "kind": "managed"},
                {"name": "scoring", "kind": "managed", "legacyEgressPublicNetworkAccess": access}
            ])
        };
        let changes = [("/workspace/acrSku", json!("Standard")), ("/onlineEndpoints", legacy("disabled"))];
        let found = assert_fires(PrivateAcrSetupIncomplete, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/workspace/acrSku", "/onlineEndpoints/1/legacyEgressPublicNetworkAccess"]
        );
        assert_quiet(
            PrivateAcrSetupIncomplete,
            &[("/workspace/acrSku", json!("Standard")), ("/onlineEndpoints", legacy("enabled"))],
        );
        assert_quiet(
            PrivateAcrSetupIncomplete,
            &[("/workspace/acrSku", json!("Premium")), ("/onlineEndpoints", legacy("disabled"))],
        );
        // With a workspace managed network the flag no longer applies.
        let mut managed = changes.to_vec();
        managed.push(("/workspace/managedNetwork", json!({"isolationMode": "allowInternetOutbound"})));
        assert_quiet(PrivateAcrSetupIncomplete, &managed);
    }

    #[test]
    fn fires_for_a_registry_in_the_vnet_without_an_image_builder() {
        let changes = [
            ("/workspace/acrInVnet", json!(true)),
            ("/workspace/acrSku", json!("Premium")),
            (
                "/onlineEndpoints",
                json!([{"name": "k8s", "kind": "kubernetes", "compute": "ml-aks"}, {"name": "scoring", "kind": "managed"}]),
            ),
        ];
        let found = assert_fires(PrivateAcrSetupIncomplete, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/workspace/managedNetwork/imageBuildCompute", "/workspace/acrInVnet", "/onlineEndpoints/1"]
        );
        // Spaces name no compute.
        let mut blank = changes.to_vec();
        blank.push((
            "/workspace/managedNetwork",
            json!({"isolationMode": "allowOnlyApprovedOutbound", "imageBuildCompute": "   "}),
        ));
        assert_eq!(assert_fires(PrivateAcrSetupIncomplete, &blank).len(), 1);
    }

    #[test]
    fn quiet_with_premium_and_a_builder_or_without_v2() {
        assert_quiet(
            PrivateAcrSetupIncomplete,
            &[
                ("/workspace/acrInVnet", json!(true)),
                ("/workspace/acrSku", json!("Premium")),
                (
                    "/workspace/managedNetwork",
                    json!({"isolationMode": "allowOnlyApprovedOutbound", "imageBuildCompute": "cpu"}),
                ),
                ("/onlineEndpoints", json!([{"name": "scoring", "kind": "managed"}])),
            ],
        );
        assert_quiet(
            PrivateAcrSetupIncomplete,
            &[("/workspace/acrInVnet", json!(true)), ("/workspace/acrSku", json!("Standard"))],
        );
    }
}
