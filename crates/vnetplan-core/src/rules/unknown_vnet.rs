use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Every VNet named by an AKS cluster, an ACI deployment, the workspace private endpoint or a VNet's \
         peerings must be one of the plan's VNets. Names compare without regard to case, as Azure's do; a reference that \
         matches only in another case is left to name-case-differs. A cluster that omits both vnet and \
         subnet lives in a VNet that AKS manages and names none.",
        "Tout VNet nommé par un cluster AKS, un déploiement ACI, le point de terminaison privé de \
         l’espace de travail ou les peerings d’un VNet doit être l’un des VNets du plan. Les noms se comparent sans tenir compte de \
         la casse, comme dans Azure ; une référence qui ne correspond que dans une autre casse relève de \
         name-case-differs. Un cluster qui omet à la fois vnet et subnet vit dans un VNet géré par AKS et \
         n’en nomme aucun."
    ),
    why: text!(
        "The Azure ML SDK builds the subnet's resource ID from these names, so a VNet that does not exist \
         fails the deployment with a resource-not-found error. The plan also cannot check the address \
         space, subnet sizes or delegations of a VNet it does not describe.",
        "Le SDK Azure ML construit l’ID de ressource du sous-réseau à partir de ces noms : un VNet \
         inexistant fait échouer le déploiement avec une erreur de ressource introuvable. Le plan ne peut \
         pas non plus vérifier l’espace d’adresses, la taille des sous-réseaux ni les délégations d’un \
         VNet qu’il ne décrit pas."
    ),
    example: Example(&[("/aksClusters/0/vnet", r#""ml-vnet-prod""#)]),
    fix: text!(
        "Correct the name to the VNet you mean, or add that VNet to the plan with its address prefixes \
         and subnets.",
        "Corrigez le nom pour désigner le VNet voulu, ou ajoutez ce VNet au plan avec ses préfixes \
         d’adresse et ses sous-réseaux."
    ),
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31, sources::HOW_TO_CONFIGURE_PRIVATE_LINK],
};

/// Something in the plan that names a VNet.
struct Reference<'p> {
    owner: Message,
    vnet: &'p str,
    pointer: String,
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for reference in references(context) {
        if context.vnet_named(reference.vnet).is_some() {
            continue;
        }
        out.report(
            msg!(
                [
                    "{owner} names VNet '{vnet}', which is not in the plan",
                    "{owner} nomme le VNet « {vnet} », absent du plan"
                ],
                vnet = reference.vnet,
            )
            .with_message("owner", reference.owner),
            vec![reference.pointer],
        );
    }
}

fn references<'p>(context: &Context<'p>) -> Vec<Reference<'p>> {
    let plan = context.plan;
    // A cluster without `vnet` and `subnet` lives in the AKS-managed VNet: it names none.
    let clusters = plan.aks_clusters.iter().enumerate().filter_map(|(index, cluster)| {
        Some(Reference {
            owner: msg!(["cluster '{name}'", "le cluster « {name} »"], name = &cluster.name),
            vnet: cluster.vnet.as_deref()?,
            pointer: pointer::cluster(index, "vnet"),
        })
    });
    let deployments = plan.aci_deployments.iter().enumerate().map(|(index, deployment)| Reference {
        owner: msg!(["ACI deployment '{name}'", "le déploiement ACI « {name} »"], name = &deployment.name),
        vnet: &deployment.vnet,
        pointer: pointer::aci(index, "vnet"),
    });
    let endpoint = plan.workspace.private_endpoint.iter().map(|endpoint| Reference {
        owner: text!(
            "the workspace private endpoint",
            "le point de terminaison privé de l’espace de travail"
        )
        .message(),
        vnet: &endpoint.vnet,
        pointer: pointer::private_endpoint("vnet"),
    });
    // A peering to a VNet outside the plan reaches nothing the plan can check: the rules that
    // ask whether two VNets are peered would silently count it as absent.
    let peerings = plan.vnets.iter().enumerate().flat_map(|(v, vnet)| {
        vnet.peerings.iter().enumerate().map(move |(index, peer)| Reference {
            owner: msg!(["a peering of VNet '{name}'", "un appairage du VNet « {name} »"], name = &vnet.name),
            vnet: peer,
            pointer: pointer::peering(v, index),
        })
    });
    clusters.chain(deployments).chain(endpoint).chain(peerings).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::UnknownVnet;
    use crate::testing::{aci_with, assert_fires, assert_quiet, hub_vnet};
    use crate::text::Lang;

    #[test]
    fn quiet_on_names_that_differ_only_in_case() {
        // 1.1: Azure resolves names without regard to case.
        assert_quiet(UnknownVnet, &[("/aksClusters/0/vnet", json!("ML-VNet"))]);
        assert_quiet(
            UnknownVnet,
            &[("/aksClusters/0/vnet", json!("ML-VNET")), ("/aksClusters/0/subnet", json!("AKS"))],
        );
        assert_quiet(
            UnknownVnet,
            &[("/aksClusters/0/vnet", json!("ML-VNET")), ("/aksClusters/0/subnet", json!("nodes"))],
        );
    }

    #[test]
    fn quiet_for_a_cluster_in_the_aks_managed_vnet() {
        let plan = crate::testing::plan_with(&[]);
        let mut managed = plan.clone();
        if let Some(cluster) = managed.aks_clusters.first_mut() {
            cluster.vnet = None;
            cluster.subnet = None;
        }
        let report = crate::check(&managed);
        assert!(!report
            .findings
            .iter()
            .any(|f| matches!(f.rule, UnknownVnet | crate::RuleId::UnknownSubnet)));
    }

    #[test]
    fn fires_on_deployments_and_the_private_endpoint() {
        let changes = aci_with(&[
            ("/aciDeployments/0/vnet", json!("other")),
            ("/workspace/privateEndpoint", json!({"vnet": "hub", "subnet": "pe"})),
        ]);
        let found = assert_fires(UnknownVnet, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/aciDeployments/0/vnet"], ["/workspace/privateEndpoint/vnet"]]);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ACI deployment 'scoring-aci' names VNet 'other', which is not in the plan",
                "the workspace private endpoint names VNet 'hub', which is not in the plan",
            ]
        );
        let french: Vec<String> = found.iter().map(|f| f.text.render(Lang::Fr)).collect();
        assert_eq!(
            french,
            [
                "le déploiement ACI « scoring-aci » nomme le VNet « other », absent du plan",
                "le point de terminaison privé de l’espace de travail nomme le VNet « hub », absent du plan",
            ]
        );
        assert!(found.iter().all(|f| f.fix.is_none()));
    }

    #[test]
    fn fires_on_a_peering_to_a_vnet_outside_the_plan() {
        let found = assert_fires(UnknownVnet, &[("/vnets/0/peerings", json!(["hub-vnet"]))]);
        assert_eq!(found[0].subjects, ["/vnets/0/peerings/0"]);
        assert_eq!(
            found[0].message,
            "a peering of VNet 'ml-vnet' names VNet 'hub-vnet', which is not in the plan"
        );
    }

    #[test]
    fn quiet_on_a_peering_to_a_vnet_of_the_plan_in_any_case() {
        assert_quiet(UnknownVnet, &[hub_vnet(), ("/vnets/0/peerings", json!(["hub-vnet"]))]);
        assert_quiet(UnknownVnet, &[hub_vnet(), ("/vnets/0/peerings", json!(["HUB-VNet"]))]);
    }

    #[test]
    fn quiet_when_every_vnet_resolves() {
        assert_quiet(UnknownVnet, &[]);
        let changes =
            aci_with(&[("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}))]);
        assert_quiet(UnknownVnet, &changes);
    }
}
