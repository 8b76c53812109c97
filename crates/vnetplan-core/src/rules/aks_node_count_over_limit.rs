use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::Provisioning;
use crate::pointer;
use crate::sources;
use crate::text::Text;

/// Nodes AKS lets one Virtual Machine Scale Sets node pool hold.
const POOL_LIMIT: u64 = 1000;

/// Nodes AKS lets one cluster hold across all its node pools.
const CLUSTER_LIMIT: u64 = 5000;

const OVER_POOL_LIMIT: Text = text!(
    "cluster '{cluster}' asks for {nodes} nodes, more than the {limit} AKS allows in one node pool; \
     Azure ML v1 creates the cluster with a single pool, so every node would be in it",
    "le cluster « {cluster} » demande {nodes} nœuds, plus que les {limit} qu’AKS admet dans un pool \
     de nœuds ; Azure ML v1 crée le cluster avec un seul pool, qui recevrait donc tous les nœuds"
);

const OVER_CLUSTER_LIMIT: Text = text!(
    "cluster '{cluster}' asks for {nodes} nodes, more than the {limit} AKS allows in one cluster \
     across all its node pools",
    "le cluster « {cluster} » demande {nodes} nœuds, plus que les {limit} qu’AKS admet dans un \
     cluster, tous pools de nœuds confondus"
);

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster must not ask for more nodes than AKS lets it have. A cluster Azure ML v1 creates \
         (provisioning \"create\", the default) has nodeCount <= 1000; any other cluster, attached \
         or used as a v2 Kubernetes compute, has nodeCount <= 5000. The extra nodes of an upgrade \
         (maxSurge) are not counted: no source found says they count towards either limit.",
        "Un cluster ne doit pas demander plus de nœuds qu’AKS ne lui en permet. Un cluster créé par \
         Azure ML v1 (provisioning \"create\", la valeur par défaut) respecte nodeCount <= 1000 ; tout \
         autre cluster, attaché ou utilisé comme calcul Kubernetes v2, respecte nodeCount <= 5000. Les \
         nœuds supplémentaires d’une mise à niveau (maxSurge) ne sont pas comptés : aucune source \
         trouvée ne dit qu’ils entrent dans l’une ou l’autre limite."
    ),
    why: text!(
        "AKS holds a Virtual Machine Scale Sets node pool to 1,000 nodes and a cluster to 5,000 nodes \
         across all its pools. Azure ML v1 creates a cluster from a single agent count, so all its \
         nodes go into one pool and AKS refuses the cluster beyond 1,000. An attached cluster may \
         spread its nodes over several pools, which the plan does not record, so from 1,001 to 5,000 \
         nodes it is not judged; beyond 5,000 no split into pools helps. The 5,000 is the limit of the \
         Standard and Premium pricing tiers: a cluster on the Free tier is meant for 1,000 nodes at \
         most (and recommended for fewer than 10). The plan records no tier, so the rule takes the \
         cluster to be on Standard or Premium.",
        "AKS limite un pool de nœuds Virtual Machine Scale Sets à 1 000 nœuds et un cluster à 5 000 \
         nœuds, tous pools confondus. Azure ML v1 crée un cluster à partir d’un seul nombre d’agents : \
         tous ses nœuds vont dans un même pool, et AKS refuse le cluster au-delà de 1 000. Un cluster \
         attaché peut répartir ses nœuds sur plusieurs pools, ce que le plan n’enregistre pas : de \
         1 001 à 5 000 nœuds, il n’est donc pas jugé ; au-delà de 5 000, aucun découpage en pools \
         n’y change rien. Ces 5 000 nœuds sont la limite des niveaux tarifaires Standard et Premium : \
         un cluster au niveau gratuit (Free) est prévu pour 1 000 nœuds au plus (et conseillé pour \
         moins de 10). Le plan n’indique pas de niveau : la règle suppose donc que le cluster est en \
         Standard ou en Premium."
    ),
    example: Example(&[
        ("/vnets/0/addressPrefixes/0", r#""10.4.0.0/14""#),
        ("/vnets/0/subnets/0/addressPrefix", r#""10.4.0.0/15""#),
        ("/aksClusters/0/nodeCount", r#"1200"#),
    ]),
    fix: text!(
        "Lower nodeCount to the limit. A cluster that needs more than 1,000 nodes can be created \
         beforehand with several node pools and then attached. No change is proposed automatically: \
         the number of nodes is a capacity choice.",
        "Ramenez nodeCount à la limite. Un cluster qui a besoin de plus de 1 000 nœuds peut être créé \
         au préalable avec plusieurs pools de nœuds, puis attaché. Aucune modification n’est proposée \
         automatiquement : le nombre de nœuds est un choix de capacité."
    ),
    sources: &[
        Source {
            title: "Quotas, virtual machine size restrictions, and region availability in Azure Kubernetes \
                    Service (AKS): service quotas and limits",
            location: "https://learn.microsoft.com/azure/aks/quotas-skus-regions",
            date: "2025-07-15",
        },
        Source {
            title: "AKS limits include: maximum nodes per node pool (1000) and per cluster (5000 across all \
                    node pools)",
            location: "MicrosoftDocs/azure-docs:includes/container-service-limits.md@03adcc30b28ecad9f81aba5638a15fb1930f5ec0",
            date: "2024-01-12",
        },
        Source {
            title: "Free, Standard, and Premium pricing tiers for Azure Kubernetes Service (AKS) cluster \
                    management: the Free tier can support up to 1,000 nodes, Standard and Premium up to \
                    5,000",
            location: "MicrosoftDocs/azure-aks-docs:articles/aks/free-standard-pricing-tiers.md@9035379d67649cefb2c6f9c9004f8b166d8367e7",
            date: "2024-06-07",
        },
        sources::AKS_PROVISIONING_CONFIGURATION,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        // A v2 cluster is never created by Azure ML, whatever it asks (aks-v2-provisioning-create).
        let one_pool = !cluster.is_v2() && cluster.provisioning() == Provisioning::Create;
        // The pool limit is the lower one, so a single-pool cluster is judged by it alone.
        let (text, limit) =
            if one_pool { (OVER_POOL_LIMIT, POOL_LIMIT) } else { (OVER_CLUSTER_LIMIT, CLUSTER_LIMIT) };
        if cluster.node_count <= limit {
            continue;
        }
        out.report(
            msg!(text, cluster = &cluster.name, nodes = cluster.node_count, limit = limit),
            vec![pointer::cluster(index, "nodeCount")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::{AksNodeCountOverLimit, AksV2ProvisioningCreate};
    use crate::testing::{assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn created(nodes: u64) -> Vec<(&'static str, serde_json::Value)> {
        vec![("/aksClusters/0/nodeCount", json!(nodes))]
    }

    fn attached(nodes: u64) -> Vec<(&'static str, serde_json::Value)> {
        vec![("/aksClusters/0/provisioning", json!("attach")), ("/aksClusters/0/nodeCount", json!(nodes))]
    }

    #[test]
    fn fires_when_a_created_cluster_passes_one_pool() {
        let found = assert_fires(AksNodeCountOverLimit, &created(1001));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/nodeCount"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' asks for 1001 nodes, more than the 1000 AKS allows in one node pool; Azure \
             ML v1 creates the cluster with a single pool, so every node would be in it"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » demande 1001 nœuds, plus que les 1000 qu’AKS admet dans un pool de \
             nœuds ; Azure ML v1 crée le cluster avec un seul pool, qui recevrait donc tous les nœuds"
        );
    }

    #[test]
    fn fires_when_an_attached_cluster_passes_the_cluster_limit() {
        let found = assert_fires(AksNodeCountOverLimit, &attached(5001));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/nodeCount"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' asks for 5001 nodes, more than the 5000 AKS allows in one cluster across \
             all its node pools"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » demande 5001 nœuds, plus que les 5000 qu’AKS admet dans un cluster, \
             tous pools de nœuds confondus"
        );
    }

    #[test]
    fn a_v2_cluster_is_held_to_the_cluster_limit() {
        let mut changes = crate::testing::v2_cluster();
        changes.push(("/aksClusters/0/nodeCount", json!(5000)));
        assert_quiet(AksNodeCountOverLimit, &changes);
        changes.push(("/aksClusters/0/nodeCount", json!(5001)));
        assert_fires(AksNodeCountOverLimit, &changes);
    }

    /// A v2 cluster that leaves `provisioning` out reads as one Azure ML would create, yet Azure ML
    /// never creates a v2 cluster: it must be held to the cluster limit, not the one-pool limit.
    #[test]
    fn a_v2_cluster_without_provisioning_is_not_held_to_one_pool() {
        let mut changes: Vec<_> =
            v2_cluster().into_iter().filter(|(path, _)| !path.ends_with("/provisioning")).collect();
        // Overlay keeps the pods out of the VNet, so 3,000 nodes fit a /20 and stay under the
        // VNet's address limit: the plan trips as few other rules as it can.
        changes.extend([
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.128.0.0/12")),
            ("/vnets/0/addressPrefixes/0", json!("10.4.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.4.0.0/20")),
            ("/aksClusters/0/nodeCount", json!(3000)),
        ]);
        // Without `provisioning` the cluster reads as one to create, which is what puts the
        // one-pool limit within reach; that rule says so.
        assert_fires(AksV2ProvisioningCreate, &changes);
        assert_quiet(AksNodeCountOverLimit, &changes);
    }

    #[test]
    fn quiet_at_the_limits_and_for_attached_pools_it_cannot_see() {
        assert_quiet(AksNodeCountOverLimit, &created(1000));
        assert_quiet(AksNodeCountOverLimit, &attached(5000));
        assert_quiet(AksNodeCountOverLimit, &attached(1500));
    }

    #[test]
    fn surge_nodes_are_not_counted() {
        let mut changes = created(1000);
        changes.push(("/aksClusters/0/maxSurge", json!(50)));
        assert_quiet(AksNodeCountOverLimit, &changes);
    }
}
