use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings, Severity};
use crate::net::Range;
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::rules::shared::peered_with_own;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The pod range of a kubenet or overlay cluster (podCidr, or AKS's default 10.244.0.0/16 when it \
         is left out) should not share any address with a VNet of the plan other than the cluster's \
         own.",
        "La plage des pods d’un cluster kubenet ou overlay (podCidr, ou 10.244.0.0/16, la valeur par \
         défaut d’AKS, s’il est omis) ne devrait partager aucune adresse avec un autre VNet du plan que \
         celui du cluster.",
    ),
    why: text!(
        "AKS does not look at other VNets, so it creates the cluster. But as soon as that VNet is peered \
         with, or routed to, the cluster's VNet, pods can no longer reach the machines whose addresses \
         fall in the pod range; the AKS documentation asks for pod ranges that stay clear of connected \
         networks. When the plan records that peering, the overlap is an error, as it is for a peered \
         range written as an external range.",
        "AKS ne regarde pas les autres VNets et crée donc le cluster. Mais dès que ce VNet est appairé \
         ou routé vers celui du cluster, les pods ne peuvent plus joindre les machines dont l’adresse \
         tombe dans la plage des pods ; la documentation AKS demande des plages de pods à l’écart des \
         réseaux connectés. Quand le plan note cet appairage, le chevauchement est une erreur, comme pour \
         une plage appairée écrite en plage externe.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/16""#),
        (
            "/vnets/-",
            r#"{"name": "shared-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.244.16.0/20"], "subnets": []}"#,
        ),
    ]),
    fix: text!(
        "Move the pod range to a private block that no VNet, external range or other cluster range uses, \
         with a /24 for each node.",
        "Déplacez la plage des pods vers un bloc privé qu’aucun VNet, aucune plage externe ni aucune \
         autre plage de cluster n’utilise, avec un /24 par nœud.",
    ),
    sources: &[sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts, pod_net) in context.clusters_with_pod_range() {
        // Without the cluster's own VNet there is no telling which VNets are the "other" ones.
        let Some(own) = facts.node.vnet else { continue };
        for (vnet, prefix, range) in context.other_vnets_overlapping(Some(own), Range::of(pod_net)) {
            let message = msg!(
                [
                    "pod CIDR {pod} of cluster '{cluster}' overlaps address prefix {range} of VNet '{vnet}'",
                    "la plage des pods {pod} du cluster « {cluster} » chevauche le préfixe d’adresses {range} \
                     du VNet « {vnet} »"
                ],
                pod = pod_net,
                cluster = &cluster.name,
                range = range,
                vnet = context.vnet_name(vnet),
            );
            let subjects = vec![pointer::cluster(index, "podCidr"), pointer::vnet_prefix(vnet, prefix)];
            let fix = move_cluster_range(index, ClusterRange::Pod);
            match peered_with_own(context, Some(own), vnet) {
                Some(peering) => out.push_as(
                    Severity::Error,
                    Draft::new(peering.appended_to(message), subjects).with_fix(fix),
                ),
                None => out.push(Draft::new(message, subjects).with_fix(fix)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrOverlapsOtherVnet;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn other_vnet(prefix: &str) -> (&'static str, serde_json::Value) {
        (
            "/vnets/-",
            json!({"name": "shared-vnet", "resourceGroup": "ml-rg", "addressPrefixes": [prefix], "subnets": []}),
        )
    }

    #[test]
    fn fires_on_another_vnet_inside_the_pods() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            other_vnet("10.244.16.0/20"),
        ];
        let found = assert_fires(PodCidrOverlapsOtherVnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/1/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/16 of cluster 'ml-aks' overlaps address prefix 10.244.16.0/20 of VNet 'shared-vnet'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des pods 10.244.0.0/16 du cluster « ml-aks » chevauche le préfixe d’adresses \
             10.244.16.0/20 du VNet « shared-vnet »"
        );
        assert_fix_resolves(PodCidrOverlapsOtherVnet, &changes);
    }

    #[test]
    fn an_overlap_with_a_vnet_peered_with_the_clusters_is_an_error() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            other_vnet("10.244.16.0/20"),
            ("/vnets/0/peerings", json!(["shared-vnet"])),
        ];
        let found = assert_fires(PodCidrOverlapsOtherVnet, &changes);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/16 of cluster 'ml-aks' overlaps address prefix 10.244.16.0/20 of VNet \
             'shared-vnet', a VNet peered with the cluster's VNet 'ml-vnet'"
        );
        let found = assert_fires(PodCidrOverlapsOtherVnet, &changes[..3]);
        assert_eq!(found[0].severity, Severity::Warning, "without the peering");
    }

    #[test]
    fn quiet_on_the_own_vnet_and_on_separate_ranges() {
        assert_quiet(PodCidrOverlapsOtherVnet, &[]);
        let overlay = ("/aksClusters/0/networkPluginMode", json!("overlay"));
        assert_quiet(
            PodCidrOverlapsOtherVnet,
            &[overlay.clone(), ("/aksClusters/0/podCidr", json!("10.1.128.0/17"))],
        );
        assert_quiet(
            PodCidrOverlapsOtherVnet,
            &[overlay, ("/aksClusters/0/podCidr", json!("10.244.0.0/16")), other_vnet("10.245.0.0/16")],
        );
    }
}
