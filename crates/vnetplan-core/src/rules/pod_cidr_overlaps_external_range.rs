use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The pod range of a kubenet or overlay cluster (podCidr, or AKS's default 10.244.0.0/16 when it \
         is left out) must not share any address with an external range of the plan: a peered VNet, an \
         on-premises network, a VPN or an ExpressRoute circuit.",
        "La plage des pods d’un cluster kubenet ou overlay (podCidr, ou 10.244.0.0/16, la valeur par \
         défaut d’AKS, s’il est omis) ne doit partager aucune adresse avec une plage externe du plan : \
         VNet appairé, réseau local, VPN ou circuit ExpressRoute.",
    ),
    why: text!(
        "Pods reach those networks from their own addresses (overlay translates them to the node's \
         address on the way out, kubenet routes them). When a destination lies in the pod range, the \
         node hands the packet to the pod network instead, and the remote host becomes unreachable from \
         the cluster. The AKS documentation requires the pod range to stay clear of directly connected \
         networks.",
        "Les pods joignent ces réseaux depuis leurs propres adresses (overlay les traduit en adresse du \
         nœud à la sortie, kubenet les route). Quand une destination se trouve dans la plage des pods, \
         le nœud remet le paquet au réseau des pods, et l’hôte distant devient injoignable depuis le \
         cluster. La documentation AKS exige que la plage des pods reste à l’écart des réseaux \
         directement connectés.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/16""#),
        (
            "/externalRanges",
            r#"[{"name": "onprem", "addressPrefix": "10.244.8.0/24", "kind": "onPremises"}]"#,
        ),
    ]),
    fix: text!(
        "Move the pod range to a private block that no VNet, external range or other cluster range uses, \
         with a /24 for each node.",
        "Déplacez la plage des pods vers un bloc privé qu’aucun VNet, aucune plage externe ni aucune \
         autre plage de cluster n’utilise, avec un /24 par nœud.",
    ),
    sources: &[sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY, sources::CONFIGURE_KUBENET_2026_04_16],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _, pod_net) in context.clusters_with_pod_range() {
        for (external, range) in context.externals_overlapping(Range::of(pod_net)) {
            let name = context.external_name(external);
            out.push(
                Draft::new(
                    msg!(
                        [
                            "pod CIDR {pod} of cluster '{cluster}' overlaps external range '{name}' ({range})",
                            "la plage des pods {pod} du cluster « {cluster} » chevauche la plage externe \
                             « {name} » ({range})"
                        ],
                        pod = pod_net,
                        cluster = &cluster.name,
                        name = name,
                        range = range,
                    ),
                    vec![pointer::cluster(index, "podCidr"), pointer::external(external)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Pod)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn kubenet() -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ]
    }

    #[test]
    fn fires_on_an_on_premises_range_inside_the_pods() {
        let mut changes = kubenet();
        changes.push((
            "/externalRanges",
            json!([{"name": "onprem", "addressPrefix": "10.244.8.0/24", "kind": "onPremises"}]),
        ));
        let found = assert_fires(PodCidrOverlapsExternalRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/externalRanges/0/addressPrefix"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.244.0.0/16 of cluster 'ml-aks' overlaps external range 'onprem' (10.244.8.0/24)"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des pods 10.244.0.0/16 du cluster « ml-aks » chevauche la plage externe « onprem » \
             (10.244.8.0/24)"
        );
        assert_fix_resolves(PodCidrOverlapsExternalRange, &changes);
    }

    #[test]
    fn quiet_when_apart_or_on_plain_azure_cni() {
        let external = (
            "/externalRanges",
            json!([{"name": "hub", "addressPrefix": "10.250.0.0/16", "kind": "peeredVnet"}]),
        );
        let mut changes = kubenet();
        changes.push(external);
        assert_quiet(PodCidrOverlapsExternalRange, &changes);
        assert_quiet(
            PodCidrOverlapsExternalRange,
            &[
                ("/aksClusters/0/podCidr", json!("10.250.0.0/16")),
                (
                    "/externalRanges",
                    json!([{"name": "hub", "addressPrefix": "10.250.0.0/16", "kind": "peeredVnet"}]),
                ),
            ],
        );
    }
}
