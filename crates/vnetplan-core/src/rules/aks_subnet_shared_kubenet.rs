use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{AksCluster, NetworkPlugin};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A kubenet cluster must have its node subnet to itself: no other cluster, kubenet or Azure CNI, \
         may put its nodes in the same subnet, nor, under Azure CNI Pod Subnet, its pods. Names are \
         compared without regard to case.",
        "Un cluster kubenet doit avoir son sous-réseau de nœuds pour lui seul : aucun autre cluster, \
         kubenet ou Azure CNI, ne peut placer ses nœuds dans le même sous-réseau, ni, en Azure CNI Pod \
         Subnet, ses pods. Les noms sont comparés sans tenir compte de la casse."
    ),
    why: text!(
        "Kubenet reaches pods through a route table attached to the node subnet, with one route per \
         node towards that node’s pod block. A subnet has a single route table, so two clusters would \
         overwrite each other’s routes. The AKS documentation says plainly that kubenet clusters cannot \
         share a subnet, unlike Azure CNI clusters.",
        "Kubenet atteint les pods par une table de routage associée au sous-réseau des nœuds, avec une \
         route par nœud vers le bloc de pods de ce nœud. Un sous-réseau n’a qu’une table de routage : \
         deux clusters écraseraient donc les routes l’un de l’autre. La documentation d’AKS dit \
         clairement que les clusters kubenet ne peuvent pas partager un sous-réseau, contrairement aux \
         clusters Azure CNI."
    ),
    example: Example(&[(
        "/aksClusters/-",
        r#"{"name": "second-aks", "provisioning": "attach", "vnet": "ml-vnet", "subnet": "aks", "networkPlugin": "kubenet", "podCidr": "10.245.0.0/16", "serviceCidr": "10.2.0.0/16", "dnsServiceIP": "10.2.0.10", "nodeCount": 3, "networkContributorGranted": true}"#,
    )]),
    fix: text!(
        "Add a subnet for each kubenet cluster and point the cluster’s subnet field at it. No change is \
         proposed automatically, since choosing a new subnet’s range is the user’s decision.",
        "Ajoutez un sous-réseau pour chaque cluster kubenet et faites-y pointer le champ subnet du \
         cluster. Aucune modification n’est proposée automatiquement, car le choix de la plage \
         d’adresses d’un nouveau sous-réseau revient à l’utilisateur."
    ),
    sources: &[sources::CONFIGURE_KUBENET_2026_04_16, sources::CONCEPTS_NETWORK_CNI_OVERVIEW],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // A cluster is in a subnet through its nodes, or under Azure CNI Pod Subnet through its pods.
    let tenants = context.clusters().flat_map(|(index, cluster, facts)| {
        let vnet = facts.node.vnet;
        let nodes = vnet.zip(facts.node.subnet).map(|at| (at, (index, cluster, Through::Nodes)));
        let pod_subnet = facts.pod_subnet.filter(|_| !facts.pods_in_node_subnet());
        let pods = vnet.zip(pod_subnet).map(|at| (at, (index, cluster, Through::Pods)));
        nodes.into_iter().chain(pods)
    });
    let by_subnet = crate::sorting::grouped(tenants.collect());
    for ((vnet, subnet), clusters) in by_subnet.into_iter().filter(|(_, clusters)| clusters.len() > 1) {
        for (position, &first) in clusters.iter().enumerate() {
            for &second in clusters.iter().skip(position + 1) {
                // Only a cluster's nodes make it a kubenet tenant: kubenet has no pod subnet.
                let kubenet_nodes = |(_, cluster, through): (usize, &AksCluster, Through)| {
                    through == Through::Nodes && is_kubenet(cluster)
                };
                let ((k, kubenet, _), (o, other, other_through)) =
                    match (kubenet_nodes(first), kubenet_nodes(second)) {
                        (true, _) => (first, second),
                        (false, true) => (second, first),
                        (false, false) => continue,
                    };
                let (kubenet, other_name) = (&kubenet.name, &other.name);
                let (subnet_name, vnet_name) = (context.subnet_name(vnet, subnet), context.vnet_name(vnet));
                // Plugin names are product names, the same in every language.
                let (message, other_field) = match other_through {
                    Through::Nodes => (
                        msg!(
                            [
                                "kubenet cluster '{kubenet}' shares its node subnet '{subnet}' of VNet '{vnet}' \
                                 with {plugin} cluster '{other}'",
                                "le cluster kubenet « {kubenet} » partage son sous-réseau de nœuds « {subnet} » \
                                 du VNet « {vnet} » avec le cluster {plugin} « {other} »"
                            ],
                            kubenet = kubenet,
                            subnet = subnet_name,
                            vnet = vnet_name,
                            plugin = if is_kubenet(other) { "kubenet" } else { "Azure CNI" },
                            other = other_name,
                        ),
                        "subnet",
                    ),
                    Through::Pods => (
                        msg!(
                            [
                                "kubenet cluster '{kubenet}' shares its node subnet '{subnet}' of VNet '{vnet}' \
                                 with the pods of Azure CNI cluster '{other}'",
                                "le cluster kubenet « {kubenet} » partage son sous-réseau de nœuds « {subnet} » \
                                 du VNet « {vnet} » avec les pods du cluster Azure CNI « {other} »"
                            ],
                            kubenet = kubenet,
                            subnet = subnet_name,
                            vnet = vnet_name,
                            other = other_name,
                        ),
                        "podSubnet",
                    ),
                };
                out.report(message, vec![pointer::cluster(k, "subnet"), pointer::cluster(o, other_field)]);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Through {
    Nodes,
    Pods,
}

fn is_kubenet(cluster: &AksCluster) -> bool {
    cluster.plugin() == NetworkPlugin::Kubenet
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::AksSubnetSharedKubenet;
    use crate::testing::{assert_fires, assert_quiet, base};
    use crate::text::Lang;

    fn second_cluster(plugin: &str, subnet: &str) -> (&'static str, Value) {
        let mut cluster = base()["aksClusters"][0].clone();
        cluster["name"] = json!("second-aks");
        cluster["subnet"] = json!(subnet);
        cluster["networkPlugin"] = json!(plugin);
        if plugin == "kubenet" {
            cluster["podCidr"] = json!("10.245.0.0/16");
        }
        ("/aksClusters/-", cluster)
    }

    #[test]
    fn fires_for_kubenet_nodes_in_another_clusters_pod_subnet() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/22"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
            second_cluster("kubenet", "pods"),
        ];
        let found = assert_fires(AksSubnetSharedKubenet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/1/subnet", "/aksClusters/0/podSubnet"]);
        assert_eq!(
            found[0].message,
            "kubenet cluster 'second-aks' shares its node subnet 'pods' of VNet 'ml-vnet' with the pods of \
             Azure CNI cluster 'ml-aks'"
        );
        assert!(found[0].text.render(Lang::Fr).ends_with("avec les pods du cluster Azure CNI « ml-aks »"));
        // Pods in the node subnet of an Azure CNI cluster are that cluster's own business.
        let mut cni = changes.to_vec();
        cni[2] = second_cluster("azure", "pods");
        assert_quiet(AksSubnetSharedKubenet, &cni);
    }

    #[test]
    fn fires_once_for_kubenet_beside_azure_cni() {
        let changes = [second_cluster("kubenet", "aks")];
        let found = assert_fires(AksSubnetSharedKubenet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/1/subnet", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "kubenet cluster 'second-aks' shares its node subnet 'aks' of VNet 'ml-vnet' with Azure \
             CNI cluster 'ml-aks'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster kubenet « second-aks » partage son sous-réseau de nœuds « aks » du VNet « ml-vnet » \
             avec le cluster Azure CNI « ml-aks »"
        );
    }

    #[test]
    fn fires_for_each_pair_with_a_kubenet_cluster() {
        let mut third = second_cluster("azure", "aks");
        third.1["name"] = json!("third-aks");
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            second_cluster("kubenet", "aks"),
            third,
        ];
        let found = assert_fires(AksSubnetSharedKubenet, &changes);
        let subjects: Vec<_> = found.iter().map(|f| f.subjects.clone()).collect();
        assert_eq!(
            subjects,
            [
                ["/aksClusters/0/subnet", "/aksClusters/1/subnet"],
                ["/aksClusters/0/subnet", "/aksClusters/2/subnet"],
                ["/aksClusters/1/subnet", "/aksClusters/2/subnet"],
            ]
        );
    }

    #[test]
    fn quiet_for_azure_cni_clusters_and_separate_subnets() {
        assert_quiet(AksSubnetSharedKubenet, &[]);
        assert_quiet(AksSubnetSharedKubenet, &[second_cluster("azure", "aks")]);
        assert_quiet(
            AksSubnetSharedKubenet,
            &[
                ("/vnets/0/subnets/-", json!({"name": "aks2", "addressPrefix": "10.1.4.0/22"})),
                second_cluster("kubenet", "aks2"),
            ],
        );
    }
}
