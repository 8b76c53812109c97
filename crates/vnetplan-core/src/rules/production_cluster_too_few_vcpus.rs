use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::ClusterPurpose;
use crate::pointer;
use crate::rules::shared::{node_count_fits, PRODUCTION_NODES};
use crate::sources;

/// The vCPUs Azure ML asks of a production (FastProd) cluster, summed over its nodes.
const PRODUCTION_VCPUS: u32 = 12;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When vcpusPerNode is given for a FastProd cluster (the default purpose), nodeCount times \
         vcpusPerNode must come to at least 12 vCPUs.",
        "Quand vcpusPerNode est renseigné pour un cluster FastProd (l’usage par défaut), nodeCount \
         multiplié par vcpusPerNode doit atteindre au moins 12 vCPU.",
    ),
    why: text!(
        "Azure ML v1 requires a production cluster to offer at least 12 virtual CPUs in total, counted \
         as the number of nodes times the cores of the VM size. Creating or attaching a FastProd \
         cluster below that fails: two 4-core nodes are not enough, three are.",
        "Azure ML v1 exige qu’un cluster de production offre au moins 12 processeurs virtuels au total, \
         soit le nombre de nœuds multiplié par le nombre de cœurs de la taille de VM. Créer ou \
         rattacher un cluster FastProd sous ce seuil échoue : deux nœuds à 4 cœurs ne suffisent pas, \
         trois oui.",
    ),
    example: Example(&[("/aksClusters/0/vcpusPerNode", "2")]),
    fix: text!(
        "Add nodes until the total reaches 12 vCPUs (three 4-core nodes, for example), choose a VM size \
         with more cores, or set clusterPurpose to \"DevTest\" for a cluster that serves no production \
         traffic.",
        "Ajoutez des nœuds jusqu’à atteindre 12 vCPU (trois nœuds à 4 cœurs, par exemple), choisissez \
         une taille de VM avec plus de cœurs, ou passez clusterPurpose à « DevTest » pour un cluster \
         qui ne sert pas de trafic de production.",
    ),
    sources: &[
        Source {
            title: "Deploy a model to an Azure Kubernetes Service cluster",
            location:
                "MicrosoftDocs/azure-docs:articles/machine-learning/how-to-deploy-azure-kubernetes-service.md",
            date: "2020-01-16",
        },
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.v1_clusters() {
        if cluster.cluster_purpose() != ClusterPurpose::FastProd {
            continue;
        }
        let Some(vcpus) = cluster.vcpus() else { continue };
        let total = cluster.node_count.saturating_mul(u64::from(vcpus));
        if total >= u64::from(PRODUCTION_VCPUS) {
            continue;
        }
        let mut message = msg!(
            [
                "FastProd cluster '{cluster}' has {total} vCPUs ({nodes} nodes of {vcpus} each), fewer than \
                 the {needed} a production cluster needs",
                "le cluster FastProd « {cluster} » a {total} vCPU ({nodes} nœuds de {vcpus} chacun), moins \
                 que les {needed} qu’exige un cluster de production"
            ],
            cluster = &cluster.name,
            total = total,
            nodes = cluster.node_count,
            vcpus = vcpus,
            needed = PRODUCTION_VCPUS,
        );
        let fix = match nodes_for_enough_vcpus(vcpus) {
            None => {
                message = msg!([
                    "{finding}; nodes without vCPUs never reach that, so pick another VM size or set \
                     clusterPurpose to DevTest",
                    "{finding} ; des nœuds sans vCPU n’y arriveront jamais : choisissez une autre taille \
                     de machine virtuelle ou passez clusterPurpose à DevTest"
                ])
                .with_message("finding", message);
                None
            }
            Some(nodes) => match node_count_fits(context, index, cluster, facts, nodes) {
                Ok(()) => Some(Fix::set(
                    msg!(
                        [
                            "raise nodeCount to {nodes}, which gives {total} vCPUs",
                            "porter nodeCount à {nodes}, ce qui donne {total} vCPU"
                        ],
                        nodes = nodes,
                        total = u64::from(nodes) * u64::from(vcpus),
                    ),
                    pointer::cluster(index, "nodeCount"),
                    nodes,
                )),
                Err(reason) => {
                    message = msg!([
                        "{finding}; {reason}, so make room for them, pick a larger VM size or set \
                         clusterPurpose to DevTest",
                        "{finding} ; {reason} : faites-leur de la place, choisissez une taille de machine \
                         virtuelle plus grande ou passez clusterPurpose à DevTest"
                    ])
                    .with_message("finding", message)
                    .with_message("reason", reason);
                    None
                }
            },
        };
        out.push(
            Draft::new(
                message,
                vec![
                    pointer::cluster(index, "nodeCount"),
                    pointer::cluster(index, "vcpusPerNode"),
                    pointer::cluster(index, "clusterPurpose"),
                ],
            )
            .with_fix(fix),
        );
    }
}

/// The smallest node count that reaches the vCPU floor without falling below the node floor;
/// `None` when nodes without vCPUs can never reach it.
fn nodes_for_enough_vcpus(vcpus: u32) -> Option<u32> {
    let nodes = PRODUCTION_VCPUS.checked_add(vcpus.checked_sub(1)?)?.checked_div(vcpus)?;
    Some(nodes.max(PRODUCTION_NODES))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::nodes_for_enough_vcpus;
    use crate::catalog::RuleId::ProductionClusterTooFewVcpus;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_two_four_core_nodes() {
        let changes = [("/aksClusters/0/nodeCount", json!(2)), ("/aksClusters/0/vcpusPerNode", json!(4))];
        let found = assert_fires(ProductionClusterTooFewVcpus, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/nodeCount", "/aksClusters/0/vcpusPerNode", "/aksClusters/0/clusterPurpose"]
        );
        assert_eq!(
            found[0].message,
            "FastProd cluster 'ml-aks' has 8 vCPUs (2 nodes of 4 each), fewer than the 12 a production cluster needs"
        );
        let fix = found[0].fix.as_ref().expect("the /22 subnet has room for 3 nodes");
        assert_eq!(fix.title, "raise nodeCount to 3, which gives 12 vCPUs");
        assert_eq!(fix.text.render(Lang::Fr), "porter nodeCount à 3, ce qui donne 12 vCPU");
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster FastProd « ml-aks » a 8 vCPU (2 nœuds de 4 chacun), moins que les 12 qu’exige un \
             cluster de production"
        );
        assert_fix_resolves(ProductionClusterTooFewVcpus, &changes);
    }

    #[test]
    fn fires_on_three_two_core_nodes_and_asks_for_six() {
        let changes = [("/aksClusters/0/vcpusPerNode", json!(2))];
        let found = assert_fires(ProductionClusterTooFewVcpus, &changes);
        let fix = found[0].fix.as_ref().expect("the /22 subnet has room for 6 nodes");
        assert_eq!(fix.changes[0].value, json!(6));
        assert_fix_resolves(ProductionClusterTooFewVcpus, &changes);
    }

    #[test]
    fn offers_no_fix_when_the_subnet_is_full() {
        // A /24 holds 251 usable addresses; 6 + 1 surge nodes of 31 addresses need 217, 12 + 1 need 403.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/24")),
            ("/aksClusters/0/vcpusPerNode", json!(1)),
        ];
        let found = assert_fires(ProductionClusterTooFewVcpus, &changes);
        assert_eq!(found[0].fix, None);
        assert!(found[0].message.contains("set clusterPurpose to DevTest"), "{}", found[0].message);
        assert!(
            found[0].text.render(Lang::Fr).contains("le sous-réseau « aks » (10.1.0.0/24) a 251 adresses"),
            "{}",
            found[0].text.render(Lang::Fr)
        );
    }

    #[test]
    fn reads_the_first_d_generations_by_their_rank() {
        // Standard_D3_v2, the size Azure ML v1 long proposed, has 4 vCPUs, not 3: three are enough.
        assert_quiet(ProductionClusterTooFewVcpus, &[("/aksClusters/0/vmSize", json!("Standard_D3_v2"))]);
        // Standard_DS11_v2 has 2: three of them are 6.
        let found = assert_fires(
            ProductionClusterTooFewVcpus,
            &[("/aksClusters/0/vmSize", json!("Standard_DS11_v2"))],
        );
        assert!(found[0].message.contains("6 vCPUs (3 nodes of 2 each)"), "{}", found[0].message);
    }

    #[test]
    fn node_count_never_drops_below_three() {
        assert_eq!(nodes_for_enough_vcpus(8), Some(3));
        assert_eq!(nodes_for_enough_vcpus(5), Some(3));
        assert_eq!(nodes_for_enough_vcpus(2), Some(6));
        assert_eq!(nodes_for_enough_vcpus(0), None);
    }

    #[test]
    fn quiet_at_twelve_vcpus_without_vcpus_or_for_dev_test() {
        assert_quiet(ProductionClusterTooFewVcpus, &[]);
        assert_quiet(ProductionClusterTooFewVcpus, &[("/aksClusters/0/vcpusPerNode", json!(4))]);
        assert_quiet(
            ProductionClusterTooFewVcpus,
            &[("/aksClusters/0/vcpusPerNode", json!(2)), ("/aksClusters/0/clusterPurpose", json!("DevTest"))],
        );
    }
}
