use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::Range;
use crate::plan::Provisioning;
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

/// The value the Azure CLI and the Azure ML SDK have always defaulted to.
const DEFAULT_BRIDGE: &str = "172.17.0.1/16";
const DEFAULT_BLOCK: Range = Range::block(172, 17, 0, 1, 16);

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An AKS cluster that Azure ML creates (provisioning \"create\") in a VNet of the plan must \
         have a docker bridge range (dockerBridgeCidr), although AKS itself has ignored the field since \
         API version 2023-04-01. A cluster created in the VNet that AKS manages is left out: no VNet \
         setting is sent for it.",
        "Un cluster AKS créé par Azure ML (provisioning \"create\") dans un VNet du plan doit avoir \
         une plage de pont Docker (dockerBridgeCidr), bien qu’AKS ignore ce champ depuis la version \
         d’API 2023-04-01. Un cluster créé dans le VNet géré par AKS n’est pas concerné : aucun \
         paramètre de VNet n’est envoyé pour lui."
    ),
    why: text!(
        "The Azure ML v1 SDK accepts the custom-VNet settings of a new cluster only as a complete \
         set: VNet name, VNet resource group, subnet, service range, DNS service IP and docker \
         bridge range. Without the bridge, the provisioning configuration rejects the whole set with \
         an error saying that not all virtual network information was provided, and the cluster is \
         never created. Attached clusters already exist, so the rule leaves them alone.",
        "Le SDK Azure ML v1 n’accepte les paramètres de VNet personnalisé d’un nouveau cluster que \
         sous forme d’ensemble complet : nom du VNet, groupe de ressources du VNet, sous-réseau, \
         plage des services, IP du service DNS et plage du pont Docker. Sans pont, la configuration \
         de provisionnement rejette tout l’ensemble avec une erreur indiquant que les informations \
         de réseau virtuel sont incomplètes, et le cluster n’est jamais créé. Les clusters attachés \
         existent déjà : la règle ne les concerne pas."
    ),
    example: Example(&[("/aksClusters/0/dockerBridgeCidr", r#"null"#)]),
    fix: text!(
        "Set dockerBridgeCidr to 172.17.0.1/16, AKS's customary default, when no range of the plan \
         touches 172.17.0.0/16; otherwise pick another private block that nothing in the plan uses. \
         The value only satisfies the SDK, so any unused block will do.",
        "Donnez à dockerBridgeCidr la valeur par défaut habituelle d’AKS, 172.17.0.1/16, si aucune \
         plage du plan ne touche 172.17.0.0/16 ; sinon, choisissez un autre bloc privé que rien \
         n’utilise dans le plan. La valeur ne sert qu’à satisfaire le SDK : tout bloc libre \
         convient."
    ),
    sources: &[
        Source {
            title: "azureml-core 1.61.0.post4: AksProvisioningConfiguration.validate_configuration",
            location: "azureml-core 1.61.0.post4 (PyPI wheel):azureml/core/compute/aks.py",
            date: "1.61.0.post4",
        },
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::CHANGELOG,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let mut default_is_free = None;
    for (index, cluster, _) in context.v1_clusters() {
        // Outside a VNet of the plan the SDK sends none of the six settings, the bridge included.
        if cluster.provisioning() != Provisioning::Create
            || cluster.docker_bridge_cidr.is_some()
            || cluster.in_managed_vnet()
        {
            continue;
        }
        // Every range of the plan is gathered once, and only when some cluster needs a value.
        let free = *default_is_free.get_or_insert_with(|| {
            !context
                .occupied_ranges(Some((index, ClusterRange::DockerBridge)))
                .iter()
                .any(|taken| taken.overlaps(DEFAULT_BLOCK))
        });
        let fix = if free {
            Some(Fix::set(
                msg!(
                    [
                        "set the docker bridge range to {bridge}, the customary value, which is free here",
                        "fixer la plage du pont Docker à {bridge}, la valeur habituelle, libre ici"
                    ],
                    bridge = DEFAULT_BRIDGE
                ),
                pointer::cluster(index, "dockerBridgeCidr"),
                DEFAULT_BRIDGE,
            ))
        } else {
            move_cluster_range(index, ClusterRange::DockerBridge)
        };
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' is created by Azure ML but has no docker bridge range; the v1 SDK \
                         takes the custom VNet settings only together with dockerBridgeCidr",
                        "le cluster « {cluster} » est créé par Azure ML mais n’a pas de plage de pont Docker ; \
                         le SDK v1 n’accepte les paramètres de VNet personnalisés qu’accompagnés de \
                         dockerBridgeCidr"
                    ],
                    cluster = &cluster.name
                ),
                vec![pointer::cluster(index, "dockerBridgeCidr")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeMissing;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_created_cluster_without_a_bridge() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!(null))];
        let found = assert_fires(DockerBridgeMissing, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is created by Azure ML but has no docker bridge range; the v1 SDK takes \
             the custom VNet settings only together with dockerBridgeCidr"
        );
        let fix = found[0].fix.as_ref().expect("a bridge value is always offered here");
        assert_eq!(fix.changes[0].value, json!("172.17.0.1/16"));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » est créé par Azure ML mais n’a pas de plage de pont Docker ; le SDK v1 \
             n’accepte les paramètres de VNet personnalisés qu’accompagnés de dockerBridgeCidr"
        );
        assert_eq!(
            fix.text.render(Lang::Fr),
            "fixer la plage du pont Docker à 172.17.0.1/16, la valeur habituelle, libre ici"
        );
        assert_fix_resolves(DockerBridgeMissing, &changes);
    }

    #[test]
    fn picks_another_block_when_the_default_is_taken() {
        let changes = [
            (
                "/externalRanges",
                json!([{ "name": "branch", "addressPrefix": "172.16.0.0/14", "kind": "vpn" }]),
            ),
            ("/aksClusters/0/dockerBridgeCidr", json!(null)),
        ];
        let found = assert_fires(DockerBridgeMissing, &changes);
        let fix = found[0].fix.as_ref().expect("a free block exists");
        assert_eq!(fix.changes[0].path, "/aksClusters/0/dockerBridgeCidr");
        assert_eq!(fix.changes[0].value, json!("10.0.0.1/16"));
        assert_fix_resolves(DockerBridgeMissing, &changes);
    }

    #[test]
    fn quiet_for_a_created_cluster_in_the_aks_managed_vnet() {
        let mut plan = crate::testing::plan_with(&[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
        plan.aks_clusters[0].vnet = None;
        plan.aks_clusters[0].subnet = None;
        assert!(crate::testing::findings(DockerBridgeMissing, &plan).is_empty());
    }

    #[test]
    fn quiet_with_a_bridge_or_for_attached_clusters() {
        assert_quiet(DockerBridgeMissing, &[]);
        assert_quiet(
            DockerBridgeMissing,
            &[
                ("/aksClusters/0/provisioning", json!("attach")),
                ("/aksClusters/0/dockerBridgeCidr", json!(null)),
            ],
        );
    }

    #[test]
    fn quiet_on_a_v2_cluster_whose_bridge_no_sdk_asks_for() {
        assert_quiet(
            DockerBridgeMissing,
            &[
                ("/aksClusters/0/dockerBridgeCidr", json!(null)),
                ("/aksClusters/0/azureMl", json!({ "api": "v2", "inferenceRouterServiceType": "clusterIP" })),
            ],
        );
    }
}
