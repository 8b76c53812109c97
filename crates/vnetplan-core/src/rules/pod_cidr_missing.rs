use serde_json::Value;

use crate::range_fixes::{move_cluster_range, pod_prefix_for};
use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterRange, Context};
use crate::pointer;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::Range;
use crate::plan::NetworkPlugin;

/// The pod range AKS picks when none is given.
const AKS_DEFAULT_POD_RANGE: Range = Range::block(10, 244, 0, 0, 16);
const AKS_DEFAULT_POD_CIDR: &str = "10.244.0.0/16";

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes a kubenet cluster, or an Azure CNI cluster in overlay mode, that leaves podCidr out. AKS \
         then gives it its default pod range, 10.244.0.0/16, and the planner checks that range as if \
         the plan had written it.",
        "Signale un cluster kubenet, ou Azure CNI en mode overlay, qui omet podCidr. AKS lui attribue \
         alors sa plage de pods par défaut, 10.244.0.0/16, et le planificateur vérifie cette plage \
         comme si le plan l’avait écrite.",
    ),
    why: text!(
        "With kubenet and overlay, pods take no addresses from the node subnet: each node gets a /24 out \
         of the pod range. Leaving the field out is valid, but the range cannot be replaced once the \
         cluster exists (overlay can only extend it), so the plan is clearer when it states the range \
         it relies on, where reviewers can see it.",
        "Avec kubenet et overlay, les pods ne prennent aucune adresse dans le sous-réseau des nœuds : \
         chaque nœud reçoit un /24 de la plage des pods. Omettre le champ est valide, mais la plage ne \
         peut plus être remplacée une fois le cluster créé (overlay permet seulement de l’étendre) ; le \
         plan gagne donc en clarté à écrire la plage dont il dépend, là où ses relecteurs la voient.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
    ]),
    fix: text!(
        "Write the pod range into podCidr. The suggested fix writes 10.244.0.0/16 when nothing else in \
         the plan uses it and it holds a /24 for every node; otherwise it picks a free private block \
         that is large enough.",
        "Inscrivez la plage des pods dans podCidr. La correction proposée écrit 10.244.0.0/16 si rien \
         d’autre dans le plan ne l’utilise et qu’elle offre un /24 à chaque nœud ; sinon, elle choisit \
         un bloc privé libre et assez grand.",
    ),
    sources: &[
        Source {
            title: "Configure Azure CNI Overlay networking in Azure Kubernetes Service (AKS)",
            location: "https://learn.microsoft.com/azure/aks/azure-cni-overlay",
            date: "2026-07-31",
        },
        Source {
            title: "Use kubenet networking with your own IP address ranges in Azure Kubernetes Service \
             (AKS)",
            location: "https://learn.microsoft.com/azure/aks/configure-kubenet",
            date: "2026-04-16",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.pod_cidr.is_some() || cluster.pods_use_node_subnet() {
            continue;
        }
        let (setup, field) = if cluster.plugin() == NetworkPlugin::Kubenet {
            ("kubenet", "networkPlugin")
        } else {
            ("Azure CNI Overlay", "networkPluginMode")
        };
        out.push(
            Draft::new(format!(
                    "cluster '{}' uses {setup} but has no podCidr to carve each node's /24 from",
                    cluster.name
                ),
                vec![pointer::cluster(index, "podCidr"), pointer::cluster(index, field)],
            )
            .with_fix(
                default_range_fix(context, index)
                    .or_else(|| move_cluster_range(index, ClusterRange::Pod)),
            ),
        );
    }
}

/// AKS's own default, when the plan leaves it free and it is large enough: the value the user
/// would most likely recognise.
fn default_range_fix(context: &Context<'_>, index: usize) -> Option<Fix> {
    let (cluster, _) = context.cluster(index)?;
    let holds_every_node = pod_prefix_for(cluster.peak_nodes()) >= 16;
    let free = !context
        .occupied_ranges(Some((index, ClusterRange::Pod)))
        .iter()
        .any(|range| range.overlaps(AKS_DEFAULT_POD_RANGE));
    (holds_every_node && free).then(|| {
        Fix::set(
            format!(
                "use AKS's default pod range {AKS_DEFAULT_POD_CIDR}, which nothing else in the plan uses"
            ),
            pointer::cluster(index, "podCidr"),
            Value::String(AKS_DEFAULT_POD_CIDR.to_owned()),
        )
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrMissing;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    fn fix_value(changes: &[(&str, serde_json::Value)]) -> serde_json::Value {
        let found = assert_fires(PodCidrMissing, changes);
        found[0].fix.as_ref().expect("a free range exists").changes[0].value.clone()
    }

    #[test]
    fn fires_on_kubenet_without_a_pod_range() {
        let changes = [("/aksClusters/0/networkPlugin", json!("kubenet"))];
        let found = assert_fires(PodCidrMissing, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' uses kubenet but has no podCidr to carve each node's /24 from"
        );
        assert_eq!(fix_value(&changes), json!("10.244.0.0/16"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fires_on_overlay_without_a_pod_range() {
        let changes = [("/aksClusters/0/networkPluginMode", json!("overlay"))];
        let found = assert_fires(PodCidrMissing, &changes);
        assert_eq!(found[0].subjects[1], "/aksClusters/0/networkPluginMode");
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fix_avoids_a_taken_default() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            (
                "/externalRanges",
                json!([{"name": "onprem", "addressPrefix": "10.240.0.0/12", "kind": "onPremises"}]),
            ),
        ];
        let value = fix_value(&changes);
        assert_ne!(value, json!("10.244.0.0/16"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fix_grows_past_the_default_for_a_large_pool() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/nodeCount", json!(300)),
        ];
        // 1.1: the default 10.244.0.0/16 is the range being checked, so the fix grows it in place.
        assert_eq!(fix_value(&changes), json!("10.244.0.0/15"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn quiet_with_a_pod_range_or_plain_azure_cni() {
        assert_quiet(PodCidrMissing, &[]);
        assert_quiet(
            PodCidrMissing,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
