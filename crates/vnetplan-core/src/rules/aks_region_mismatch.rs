use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::same_region;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An AKS cluster must be in the same Azure region as the VNet of its node subnet. A cluster or \
         VNet without a region of its own is in the plan’s region. Regions compare as Azure reads them, \
         without regard to case or spaces: East US 2, EastUS2 and eastus2 are one region.",
        "Un cluster AKS doit être dans la même région Azure que le VNet de son sous-réseau de nœuds. Un \
         cluster ou un VNet sans région propre est dans la région du plan. Les régions se comparent comme \
         Azure les lit, sans tenir compte de la casse ni des espaces : East US 2, EastUS2 et eastus2 sont \
         une seule région."
    ),
    why: text!(
        "A VNet is a regional resource, and AKS only places nodes in a subnet of the cluster’s own \
         region. The AKS documentation requires an existing VNet to be in the cluster’s location and \
         subscription, and the Azure ML guide repeats it for inference clusters: creating or attaching \
         such a cluster fails.",
        "Un VNet est une ressource régionale, et AKS ne place des nœuds que dans un sous-réseau de la \
         région du cluster. La documentation d’AKS exige qu’un VNet existant soit dans la région et \
         l’abonnement du cluster, et le guide d’Azure ML le rappelle pour les clusters d’inférence : la \
         création ou l’attachement d’un tel cluster échoue."
    ),
    example: Example(&[("/aksClusters/0/region", r#""westeurope""#)]),
    fix: text!(
        "Put the cluster in the VNet’s region, or use a VNet of the cluster’s region. No change is \
         proposed automatically, because which of the two should move is a design choice.",
        "Placez le cluster dans la région du VNet, ou utilisez un VNet de la région du cluster. Aucune \
         modification n’est proposée automatiquement, car le choix de celui qui doit bouger relève de la \
         conception."
    ),
    sources: &[sources::CONCEPTS_NETWORK_LEGACY_CNI, sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    for (index, cluster, facts) in context.clusters() {
        let Some(vnet_index) = facts.node.vnet else { continue };
        let Some(vnet) = context.vnet(vnet_index) else { continue };
        let (cluster_region, vnet_region) = (plan.cluster_region(cluster), plan.vnet_region(vnet));
        if same_region(cluster_region, vnet_region) {
            continue;
        }
        // A region left out is the plan's, so the plan's field is the one to change.
        let cluster_field =
            if cluster.region.is_some() { pointer::cluster(index, "region") } else { pointer::region() };
        let vnet_field =
            if vnet.region.is_some() { pointer::vnet(vnet_index, "region") } else { pointer::region() };
        let message = msg!(
            [
                "cluster '{cluster}' is in region '{cluster_region}' but its VNet '{vnet}' is in \
                 '{vnet_region}'",
                "le cluster « {cluster} » est dans la région « {cluster_region} » mais son VNet « {vnet} » \
                 est dans « {vnet_region} »"
            ],
            cluster = &cluster.name,
            cluster_region = cluster_region,
            vnet = &vnet.name,
            vnet_region = vnet_region,
        );
        out.report(message, vec![cluster_field, vnet_field]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksRegionMismatch;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_cluster_in_another_region() {
        let found = assert_fires(AksRegionMismatch, &[("/aksClusters/0/region", json!("westeurope"))]);
        assert_eq!(found[0].subjects, ["/aksClusters/0/region", "/region"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is in region 'westeurope' but its VNet 'ml-vnet' is in 'eastus2'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » est dans la région « westeurope » mais son VNet « ml-vnet » est dans \
             « eastus2 »"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_on_a_vnet_in_another_region() {
        let found = assert_fires(AksRegionMismatch, &[("/vnets/0/region", json!("eastus"))]);
        assert_eq!(found[0].subjects, ["/region", "/vnets/0/region"]);
    }

    #[test]
    fn reads_a_region_as_azure_does() {
        // The example plan's VNet takes the plan's region, eastus2.
        assert_quiet(AksRegionMismatch, &[("/aksClusters/0/region", json!("EastUS2"))]);
        assert_quiet(AksRegionMismatch, &[("/aksClusters/0/region", json!("East US 2"))]);
        let found = assert_fires(AksRegionMismatch, &[("/aksClusters/0/region", json!("East US"))]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' is in region 'East US' but its VNet 'ml-vnet' is in 'eastus2'"
        );
    }

    #[test]
    fn quiet_in_one_region() {
        assert_quiet(AksRegionMismatch, &[]);
        assert_quiet(
            AksRegionMismatch,
            &[("/aksClusters/0/region", json!("westeurope")), ("/vnets/0/region", json!("westeurope"))],
        );
        assert_quiet(AksRegionMismatch, &[("/aksClusters/0/vnet", json!("elsewhere"))]);
    }
}
