use crate::capacity::{node_subnets, subnet_tenants};
use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

/// Private IP addresses one virtual network may hold, whatever its address space.
const PER_VNET: u64 = 65_536;

/// Private IP addresses a group of peered virtual networks may hold together.
const PER_PEERED_GROUP: u64 = 128_000;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Adds up the private addresses the plan places in each VNet at the peak of an upgrade: what \
         every node subnet must hold (nodes, and under flat Azure CNI each node's pods), every pod \
         subnet's reserved pod addresses, internal load balancer front ends, ACI container groups and \
         the workspace's private endpoint. It reports a VNet whose total passes 65,536, and a VNet whose \
         total with the VNets the plan peers with it passes 128,000.",
        "Additionne les adresses privées que le plan place dans chaque VNet au plus fort d’une mise à \
         niveau : ce que doit contenir chaque sous-réseau de nœuds (les nœuds et, en Azure CNI à plat, \
         les pods de chaque nœud), les adresses de pods réservées dans chaque sous-réseau de pods, les \
         adresses frontales des équilibreurs de charge internes, les groupes de conteneurs ACI et le \
         point de terminaison privé de l’espace de travail. Signale un VNet dont le total dépasse \
         65 536, et un VNet dont le total avec les VNets que le plan lui appaire dépasse 128 000."
    ),
    why: text!(
        "A virtual network holds at most 65,536 configured private IP addresses, however large its \
         address space: a /14 has room for four times as many, but Azure stops handing them out at \
         that limit, and VNets peered together hold at most 128,000 between them. Neither limit can \
         be raised. Under flat Azure CNI every pod a node may run takes a VNet address up front; under \
         Azure CNI Pod Subnet a node takes pod addresses 16 at a time as its pods start, and the plan \
         counts a node at its maxPods, what it holds when full. A large cluster thus reaches the limit \
         long before its subnets are full, and the nodes or pods that would pass it fail to start, at \
         creation or in the middle of a scale-out or an upgrade. Azure CNI Overlay gives pods addresses outside the VNet. A pod subnet in \
         static block mode counts each /28 block once rather than each address; the plan does not \
         record that mode, so such a pod subnet is counted by its addresses.",
        "Un réseau virtuel contient au plus 65 536 adresses IP privées configurées, quelle que soit la \
         taille de son espace d’adresses : un /14 en a quatre fois plus, mais Azure cesse d’en \
         distribuer à cette limite, et des VNets appairés en contiennent au plus 128 000 à eux tous. \
         Aucune de ces limites ne peut être relevée. En Azure CNI à plat, chaque pod qu’un nœud peut \
         exécuter prend d’avance une adresse du VNet ; en Azure CNI Pod Subnet, un nœud prend ses \
         adresses de pods 16 à la fois à mesure que ses pods démarrent, et le plan compte un nœud à son \
         maxPods, ce qu’il détient quand il est plein. Un grand cluster atteint donc la limite bien \
         avant que ses sous-réseaux soient pleins, et les nœuds ou pods qui la dépasseraient ne \
         démarrent pas, à la création ou au milieu d’une montée en charge ou d’une mise à niveau. Azure CNI \
         Overlay donne aux pods des adresses hors du VNet. Un sous-réseau de pods en mode de blocs \
         statiques compte chaque bloc /28 une seule fois plutôt que chaque adresse ; le plan ne note \
         pas ce mode, et un tel sous-réseau est compté par ses adresses."
    ),
    example: Example(&[
        ("/vnets/0/addressPrefixes/0", r#""10.0.0.0/14""#),
        ("/vnets/0/subnets/0/addressPrefix", r#""10.0.0.0/14""#),
        ("/aksClusters/0/serviceCidr", r#""10.100.0.0/16""#),
        ("/aksClusters/0/dnsServiceIP", r#""10.100.0.10""#),
        ("/aksClusters/0/networkPlugin", r#""azure""#),
        ("/aksClusters/0/nodeCount", "300"),
        ("/aksClusters/0/maxPods", "250"),
    ]),
    fix: text!(
        "Move the pods out of the VNet with Azure CNI Overlay, lower maxPods or the node count, or \
         spread the clusters over several VNets.",
        "Sortez les pods du VNet avec Azure CNI Overlay, baissez maxPods ou le nombre de nœuds, ou \
         répartissez les clusters sur plusieurs VNets."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
        sources::CONCEPTS_NETWORK_AZURE_CNI_POD_SUBNET,
        Source {
            title: "Azure subscription and service limits: networking limits for Azure Resource Manager \
                    (private IP addresses per virtual network and per group of peered virtual networks)",
            location: "MicrosoftDocs/azure-docs:includes/azure-virtual-network-limits.md@04cb4ea",
            date: "2022-12-05",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let vnets = context.plan.vnets.len();
    let nodes = node_subnets(context);
    let others = subnet_tenants(context);
    let mut totals = vec![0u64; vnets];
    let mut subjects: Vec<Vec<String>> = vec![Vec::new(); vnets];
    for node in &nodes {
        if let (Some(total), Some(held)) = (totals.get_mut(node.vnet), subjects.get_mut(node.vnet)) {
            *total = total.saturating_add(node.subnet_needed);
            held.extend(node.subjects().into_iter().skip(1));
        }
    }
    for ((vnet, subnet), tenants) in &others {
        let in_node_subnet = nodes.iter().any(|node| node.vnet == *vnet && node.subnet == *subnet);
        // A node subnet's figure above holds its tenants but ACI container groups, which no node
        // subnet should hold and its sizing leaves out.
        let counted = tenants.iter().filter(|tenant| !in_node_subnet || tenant.aci);
        if let (Some(total), Some(held)) = (totals.get_mut(*vnet), subjects.get_mut(*vnet)) {
            for tenant in counted {
                *total = total.saturating_add(tenant.addresses);
                held.push(tenant.subject.clone());
            }
        }
    }
    for (vnet, total) in totals.iter().enumerate() {
        if *total <= PER_VNET {
            continue;
        }
        let mut named = vec![pointer::vnet(vnet, "name")];
        named.extend(subjects.get(vnet).into_iter().flatten().cloned());
        out.report(
            msg!(
                [
                    "VNet '{vnet}' would hold {total} private addresses at the peak of an upgrade, over \
                     Azure's limit of 65,536 for one VNet",
                    "le VNet « {vnet} » contiendrait {total} adresses privées au plus fort d’une mise à \
                     niveau, au-delà de la limite d’Azure de 65 536 pour un VNet"
                ],
                vnet = context.vnet_name(vnet),
                total = total.to_string(),
            ),
            named,
        );
    }
    peered_groups(context, &totals, out);
}

/// Each VNet with the VNets the plan peers with it directly, when together they pass the limit
/// of a peered group. A group that only chains further VNets in is larger still, so a direct
/// group over the limit is over it whatever Azure counts as the group; one group is reported once.
fn peered_groups(context: &Context<'_>, totals: &[u64], out: &mut RuleFindings<'_>) {
    let mut peers: Vec<Vec<usize>> = vec![Vec::new(); totals.len()];
    for (index, vnet) in context.plan.vnets.iter().enumerate() {
        for name in &vnet.peerings {
            let Some(other) = context.vnet_named(name).filter(|other| *other != index) else { continue };
            for (from, to) in [(index, other), (other, index)] {
                if let Some(list) = peers.get_mut(from) {
                    if !list.contains(&to) {
                        list.push(to);
                    }
                }
            }
        }
    }
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for (vnet, around) in peers.iter().enumerate() {
        if around.is_empty() {
            continue;
        }
        let mut group = around.clone();
        group.push(vnet);
        group.sort_unstable();
        let total = group
            .iter()
            .fold(0u64, |sum, member| sum.saturating_add(totals.get(*member).copied().unwrap_or_default()));
        if total <= PER_PEERED_GROUP || reported.contains(&group) {
            continue;
        }
        let others: Vec<&str> = around.iter().map(|other| context.vnet_name(*other)).collect();
        out.report(
            msg!(
                [
                    "VNet '{vnet}' and the VNets peered with it ({peers}) would hold {total} private \
                     addresses at the peak of an upgrade, over Azure's limit of 128,000 for a group of \
                     peered VNets",
                    "le VNet « {vnet} » et les VNets qui lui sont appairés ({peers}) contiendraient {total} \
                     adresses privées au plus fort d’une mise à niveau, au-delà de la limite d’Azure de \
                     128 000 pour un groupe de VNets appairés"
                ],
                vnet = context.vnet_name(vnet),
                peers = others.join(", "),
                total = total.to_string(),
            ),
            group.iter().map(|member| pointer::vnet(*member, "name")).collect(),
        );
        reported.push(group);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::VnetPrivateIpLimit;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    /// Base's cluster on flat Azure CNI in one /14 subnet that fills a /14 VNet, with `nodes`
    /// nodes of `max_pods` pods: each node takes one address more than its pods, and 10% more
    /// nodes, rounded up, come while upgrading.
    fn flat_with(nodes: u64, max_pods: u64) -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/0/addressPrefixes/0", json!("10.0.0.0/14")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.0.0.0/14")),
            ("/aksClusters/0/serviceCidr", json!("10.100.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.100.0.10")),
            ("/aksClusters/0/networkPlugin", json!("azure")),
            ("/aksClusters/0/nodeCount", json!(nodes)),
            ("/aksClusters/0/maxPods", json!(max_pods)),
        ]
    }

    fn flat(nodes: u64) -> Vec<(&'static str, Value)> {
        flat_with(nodes, 250)
    }

    /// Asserts that the rule reports `total` addresses, and returns the finding's subjects.
    fn reports_total(changes: &[(&str, Value)], total: u64) -> Vec<String> {
        let found = assert_fires(VnetPrivateIpLimit, changes);
        let said = format!("would hold {total} private addresses");
        assert!(found[0].message.contains(&said), "{}", found[0].message);
        found[0].subjects.clone()
    }

    #[test]
    fn fires_when_flat_cni_pods_pass_the_limit_though_the_subnet_has_room() {
        // 300 nodes and 30 surge nodes of 251 addresses: 82,830, in a subnet of 262,139.
        let found = assert_fires(VnetPrivateIpLimit, &flat(300));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "VNet 'ml-vnet' would hold 82830 private addresses at the peak of an upgrade, over Azure's limit \
             of 65,536 for one VNet"
        );
        assert_eq!(found[0].subjects, ["/vnets/0/name", "/aksClusters/0/subnet"]);
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .contains("au-delà de la limite d’Azure de 65 536 pour un VNet"));
    }

    #[test]
    fn counts_pod_subnets_and_every_cluster_of_the_vnet() {
        // A Pod Subnet cluster of 110 nodes, 121 with surge, each holding 112 pod addresses (110
        // in batches of 16): 121 + 13,552 = 13,673 addresses. Five such clusters take 68,365.
        let mut changes = vec![
            ("/vnets/0/addressPrefixes/0", json!("10.0.0.0/14")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.0.0.0/20")),
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.0.0/16"})),
            ("/aksClusters/0/serviceCidr", json!("10.100.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.100.0.10")),
            ("/aksClusters/0/networkPlugin", json!("azure")),
            ("/aksClusters/0/podSubnet", json!("pods")),
            ("/aksClusters/0/nodeCount", json!(110)),
        ];
        assert_quiet(VnetPrivateIpLimit, &changes);
        for name in ["b", "c", "d", "e"] {
            changes.push((
                "/aksClusters/-",
                json!({
                    "name": name, "vnet": "ml-vnet", "subnet": "aks", "podSubnet": "pods",
                    "networkPlugin": "azure", "nodeCount": 110, "provisioning": "attach",
                    "serviceCidr": "10.100.0.0/16", "dnsServiceIP": "10.100.0.10"
                }),
            ));
        }
        let subjects = reports_total(&changes, 68365);
        assert!(subjects.contains(&"/aksClusters/4/podSubnet".to_owned()), "{subjects:?}");
    }

    /// A VNet `name`, a /14 at 10.`second`.0.0 peered with `peerings`, and in it a flat Azure CNI
    /// cluster of the same name with `nodes` nodes of `max_pods` pods.
    fn spoke(
        name: &str,
        second: u8,
        peerings: &[&str],
        nodes: u64,
        max_pods: u64,
    ) -> [(&'static str, Value); 2] {
        let prefix = format!("10.{second}.0.0/14");
        [
            (
                "/vnets/-",
                json!({
                    "name": name, "resourceGroup": "ml-rg", "addressPrefixes": [prefix], "peerings": peerings,
                    "subnets": [{"name": "aks", "addressPrefix": prefix}]
                }),
            ),
            (
                "/aksClusters/-",
                json!({
                    "name": name, "provisioning": "attach", "vnet": name, "subnet": "aks",
                    "networkPlugin": "azure", "nodeCount": nodes, "maxPods": max_pods,
                    "serviceCidr": "10.100.0.0/16", "dnsServiceIP": "10.100.0.10"
                }),
            ),
        ]
    }

    /// Base's VNet and two more, each holding a flat cluster of 180 nodes of 250 pods: 198 nodes
    /// with surge, 251 addresses each, 49,698 per VNet. Base's VNet lists the VNets given as its
    /// peerings.
    fn three_vnets(peered: &[&str]) -> Vec<(&'static str, Value)> {
        let mut changes = flat(180);
        changes.push(("/vnets/0/peerings", json!(peered)));
        changes.extend(spoke("spoke-a", 4, &[], 180, 250));
        changes.extend(spoke("spoke-b", 8, &[], 180, 250));
        changes
    }

    #[test]
    fn fires_once_for_a_peered_group_over_its_limit_though_each_vnet_is_under_its_own() {
        let found = assert_fires(VnetPrivateIpLimit, &three_vnets(&["spoke-a", "SPOKE-B"]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "VNet 'ml-vnet' and the VNets peered with it (spoke-a, spoke-b) would hold 149094 private \
             addresses at the peak of an upgrade, over Azure's limit of 128,000 for a group of peered VNets"
        );
        assert_eq!(found[0].subjects, ["/vnets/0/name", "/vnets/1/name", "/vnets/2/name"]);
        // Two of the three hold 99,396 between them.
        assert_quiet(VnetPrivateIpLimit, &three_vnets(&["spoke-a"]));
        assert_quiet(VnetPrivateIpLimit, &three_vnets(&[]));
    }

    #[test]
    fn quiet_at_the_limit_and_for_overlay() {
        // 465 nodes and 47 surge nodes of 128 addresses: 65,536 exactly; one node more is 65,664.
        assert_quiet(VnetPrivateIpLimit, &flat_with(465, 127));
        reports_total(&flat_with(466, 127), 65664);
        let mut overlay = flat(300);
        overlay.push(("/aksClusters/0/networkPluginMode", json!("overlay")));
        assert_quiet(VnetPrivateIpLimit, &overlay);
        assert_quiet(VnetPrivateIpLimit, &[]);
    }

    #[test]
    fn what_a_node_subnet_holds_is_counted_once_and_aci_in_it_too() {
        // The workspace endpoint's three addresses in the node subnet tip the exact limit over.
        let mut changes = flat_with(465, 127);
        changes.push(("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"})));
        reports_total(&changes, 65539);
        // A container group placed there, which the node subnet's sizing leaves out, still counts.
        changes.push(("/aciDeployments", json!([{ "name": "score", "vnet": "ml-vnet", "subnet": "aks" }])));
        let subjects = reports_total(&changes, 65540);
        assert!(subjects.contains(&"/aciDeployments/0/subnet".to_owned()), "{subjects:?}");
    }

    /// Base's VNet and `spoke`, peered both ways, each with a flat cluster of `nodes` nodes of
    /// `max_pods` pods.
    fn peered_pair(nodes: u64, max_pods: u64) -> Vec<(&'static str, Value)> {
        let mut changes = flat_with(nodes, max_pods);
        changes.push(("/vnets/0/peerings", json!(["spoke"])));
        changes.extend(spoke("spoke", 4, &["ml-vnet"], nodes, max_pods));
        changes
    }

    #[test]
    fn two_vnets_peered_both_ways_are_one_group_reported_once() {
        // 236 nodes and 24 surge nodes of 251 addresses: 65,260 a VNet, 130,520 the pair.
        let found = assert_fires(VnetPrivateIpLimit, &peered_pair(236, 250));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("would hold 130520 private addresses"), "{}", found[0].message);
    }

    #[test]
    fn a_peered_group_at_its_limit_passes() {
        // 454 nodes and 46 surge nodes of 128 addresses: 64,000 a VNet, 128,000 the pair; a node
        // more in each makes 128,256.
        assert_quiet(VnetPrivateIpLimit, &peered_pair(454, 127));
        reports_total(&peered_pair(455, 127), 128256);
    }
}
