use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

/// Every node gets a block of this prefix length out of the pod range.
const NODE_BLOCK: u8 = 24;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The pod range of a kubenet or overlay cluster (podCidr, or AKS's default 10.244.0.0/16 when it \
         is left out) must hold one /24 block for every node that can exist at once: nodeCount plus \
         maxSurge, where maxSurge defaults to 10% of the nodes, rounded up. A range longer than /24 \
         holds none.",
        "La plage des pods d’un cluster kubenet ou overlay (podCidr, ou 10.244.0.0/16, la valeur par \
         défaut d’AKS, s’il est omis) doit contenir un bloc /24 pour chaque nœud pouvant exister en \
         même temps : nodeCount plus maxSurge, maxSurge valant par défaut 10 % des nœuds, arrondi au \
         supérieur. Une plage plus longue que /24 n’en contient aucun.",
    ),
    why: text!(
        "Kubenet and overlay give each node its own /24 from the pod range. A node that finds no free \
         block gets no pods, so a scale-out or the extra nodes of an upgrade fail. The range cannot be \
         replaced once the cluster exists, which is why the AKS documentation asks for room for the \
         largest size the pool will reach.",
        "Kubenet et overlay attribuent à chaque nœud son propre /24 dans la plage des pods. Un nœud qui \
         ne trouve aucun bloc libre ne reçoit aucun pod : une montée en charge ou les nœuds \
         supplémentaires d’une mise à niveau échouent. La plage ne peut plus être remplacée une fois le \
         cluster créé ; c’est pourquoi la documentation AKS demande de prévoir la plus grande taille \
         que le pool atteindra.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/23""#),
    ]),
    fix: text!(
        "Give the pod range a shorter prefix, with a /24 per node at the peak (a /22 holds 4 nodes, a \
         /16 holds 256), on a block nothing else in the plan uses.",
        "Donnez à la plage des pods un préfixe plus court, avec un /24 par nœud au plus fort (un /22 \
         accueille 4 nœuds, un /16 en accueille 256), sur un bloc qu’aucun autre élément du plan \
         n’utilise.",
    ),
    sources: &[
        sources::CONFIGURE_KUBENET_2026_04_16,
        sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY,
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _, pod) in context.clusters_with_pod_range() {
        let len = pod.prefix_len();
        let peak = cluster.peak_nodes();
        let message = if len > NODE_BLOCK {
            msg!(
                [
                    "pod CIDR {pod} of cluster '{cluster}' is smaller than the /{block} each node takes",
                    "la plage des pods {pod} du cluster « {cluster} » est plus petite que le /{block} que \
                     prend chaque nœud"
                ],
                pod = pod,
                cluster = &cluster.name,
                block = NODE_BLOCK,
            )
        } else {
            let blocks = 1u64 << (NODE_BLOCK - len);
            if blocks >= peak {
                continue;
            }
            let held = if blocks == 1 {
                msg!(["1 node block", "1 bloc de nœud"])
            } else {
                msg!(["{blocks} node blocks", "{blocks} blocs de nœud"], blocks = blocks)
            };
            msg!(
                [
                    "pod CIDR {pod} of cluster '{cluster}' holds {held} (/{block}) but the cluster can run \
                     {peak} nodes ({nodes} plus a surge of {surge})",
                    "la plage des pods {pod} du cluster « {cluster} » contient {held} (/{block}), mais le \
                     cluster peut faire tourner {peak} nœuds ({nodes} plus {surge} en surplus pendant une \
                     mise à niveau)"
                ],
                pod = pod,
                cluster = &cluster.name,
                block = NODE_BLOCK,
                peak = peak,
                nodes = cluster.node_count,
                surge = cluster.surge_nodes(),
            )
            .with_message("held", held)
        };
        out.push(
            Draft::new(
                message,
                vec![
                    pointer::cluster(index, "podCidr"),
                    pointer::cluster(index, "nodeCount"),
                    pointer::cluster(index, "maxSurge"),
                ],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Pod)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrTooSmall;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn kubenet(pod: &str) -> Vec<(&'static str, serde_json::Value)> {
        vec![("/aksClusters/0/networkPlugin", json!("kubenet")), ("/aksClusters/0/podCidr", json!(pod))]
    }

    #[test]
    fn fires_when_the_nodes_outnumber_the_blocks() {
        let changes = kubenet("10.244.0.0/23");
        let found = assert_fires(PodCidrTooSmall, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/podCidr", "/aksClusters/0/nodeCount", "/aksClusters/0/maxSurge"]
        );
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/23 of cluster 'ml-aks' holds 2 node blocks (/24) but the cluster \
             can run 4 nodes (3 plus a surge of 1)"
        );
        let fix = found[0].fix.as_ref().expect("a larger block is free");
        assert_eq!(
            fix.changes[0].value,
            json!("10.244.0.0/16"),
            "the smallest pod range a fix proposes is a /16"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des pods 10.244.0.0/23 du cluster « ml-aks » contient 2 blocs de nœud (/24), mais le \
             cluster peut faire tourner 4 nœuds (3 plus 1 en surplus pendant une mise à niveau)"
        );
        assert_fix_resolves(PodCidrTooSmall, &changes);
    }

    #[test]
    fn fires_below_one_node_block() {
        let changes = kubenet("10.244.0.0/25");
        let found = assert_fires(PodCidrTooSmall, &changes);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/25 of cluster 'ml-aks' is smaller than the /24 each node takes"
        );
        assert_fix_resolves(PodCidrTooSmall, &changes);
    }

    #[test]
    fn quiet_when_every_node_has_a_block() {
        assert_quiet(PodCidrTooSmall, &[]);
        assert_quiet(PodCidrTooSmall, &kubenet("10.244.0.0/22"));
        let mut single = kubenet("10.244.0.0/24");
        single.extend([("/aksClusters/0/nodeCount", json!(1)), ("/aksClusters/0/maxSurge", json!(0))]);
        assert_quiet(PodCidrTooSmall, &single);
        assert_quiet(PodCidrTooSmall, &[("/aksClusters/0/podCidr", json!("10.244.0.0/25"))]);
    }
}
