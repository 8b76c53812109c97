use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::NetworkPlugin;
use crate::pointer;
use crate::sources;

/// Routes an Azure route table holds, and so nodes a kubenet cluster can have.
const ROUTE_LIMIT: u64 = 400;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A kubenet cluster must never run more than 400 nodes at once, counting the extra nodes of \
         an upgrade: nodeCount + maxSurge <= 400, where maxSurge defaults to \"10%\", that is 10% of \
         nodeCount rounded up.",
        "Un cluster kubenet ne doit jamais faire tourner plus de 400 nœuds à la fois, nœuds \
         supplémentaires d’une mise à niveau compris : nodeCount + maxSurge <= 400, où maxSurge vaut \
         par défaut \"10%\", soit 10 % de nodeCount arrondi à l’entier supérieur."
    ),
    why: text!(
        "Kubenet routes pod traffic through a user-defined route table with one route per node, and \
         an Azure route table holds at most 400 routes. The AKS documentation draws the consequence: \
         a kubenet cluster cannot grow beyond 400 nodes, and each surge node of an upgrade needs a \
         route too.",
        "Kubenet achemine le trafic des pods par une table de routage définie par l’utilisateur, \
         avec une route par nœud, et une table de routage Azure contient au plus 400 routes. La \
         documentation AKS en tire la conséquence : un cluster kubenet ne peut pas dépasser 400 \
         nœuds, et chaque nœud supplémentaire d’une mise à niveau a lui aussi besoin d’une route."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/15""#),
        ("/aksClusters/0/nodeCount", r#"400"#),
        ("/aksClusters/0/maxSurge", r#"1"#),
    ]),
    fix: text!(
        "Lower nodeCount or maxSurge until their sum is at most 400, or move the cluster to Azure \
         CNI Overlay, which needs no route per node. No change is proposed automatically: either one \
         changes what the cluster can run.",
        "Réduisez nodeCount ou maxSurge jusqu’à ce que leur somme ne dépasse pas 400, ou passez le \
         cluster à Azure CNI Overlay, qui n’a pas besoin d’une route par nœud. Aucune modification \
         n’est proposée automatiquement : l’une comme l’autre change ce que le cluster peut \
         exécuter."
    ),
    sources: &[
        sources::CONFIGURE_KUBENET_2026_04_16,
        Source {
            title: "AKS release notes: Release 2025-03-16 (default maxSurge 10%)",
            location: "https://github.com/Azure/AKS/blob/master/CHANGELOG.md",
            date: "2025-03-16",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet || cluster.peak_nodes() <= ROUTE_LIMIT {
            continue;
        }
        out.report(
            msg!(
                [
                    "kubenet cluster '{cluster}' can run {peak} nodes ({nodes} plus a surge of {surge}), \
                     more than the {limit} routes a route table holds",
                    "le cluster kubenet « {cluster} » peut compter {peak} nœuds ({nodes} plus un \
                     surplus de {surge}), plus que les {limit} routes que contient une table de routage"
                ],
                cluster = &cluster.name,
                peak = cluster.peak_nodes(),
                nodes = cluster.node_count,
                surge = cluster.surge_nodes(),
                limit = ROUTE_LIMIT,
            ),
            vec![pointer::cluster(index, "nodeCount"), pointer::cluster(index, "maxSurge")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::KubenetTooManyNodes;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn kubenet(nodes: u32) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/15")),
            ("/aksClusters/0/nodeCount", json!(nodes)),
            ("/aksClusters/0/maxSurge", json!(1)),
        ]
    }

    #[test]
    fn fires_when_the_surge_passes_400() {
        let found = assert_fires(KubenetTooManyNodes, &kubenet(400));
        assert_eq!(found[0].subjects, ["/aksClusters/0/nodeCount", "/aksClusters/0/maxSurge"]);
        assert_eq!(
            found[0].message,
            "kubenet cluster 'ml-aks' can run 401 nodes (400 plus a surge of 1), more than the 400 \
             routes a route table holds"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster kubenet « ml-aks » peut compter 401 nœuds (400 plus un surplus de 1), plus que \
             les 400 routes que contient une table de routage"
        );
    }

    #[test]
    fn default_surge_is_ten_percent_rounded_up() {
        let mut changes = kubenet(364);
        changes.pop();
        let found = assert_fires(KubenetTooManyNodes, &changes);
        assert!(found[0].message.contains("401 nodes (364 plus a surge of 37)"), "{}", found[0].message);
        changes.push(("/aksClusters/0/nodeCount", json!(363)));
        assert_quiet(KubenetTooManyNodes, &changes);
    }

    #[test]
    fn quiet_at_400_and_on_azure_cni() {
        assert_quiet(KubenetTooManyNodes, &kubenet(399));
        assert_quiet(KubenetTooManyNodes, &[("/aksClusters/0/nodeCount", json!(1000))]);
    }
}
