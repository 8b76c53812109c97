use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::Range;
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The pod range of a kubenet or overlay cluster (podCidr, or AKS's default 10.244.0.0/16 when it \
         is left out) must not share any address with the address prefixes or the subnets of the \
         cluster's own VNet.",
        "La plage des pods d’un cluster kubenet ou overlay (podCidr, ou 10.244.0.0/16, la valeur par \
         défaut d’AKS, s’il est omis) ne doit partager aucune adresse avec les préfixes d’adresse ni \
         avec les sous-réseaux du VNet du cluster.",
    ),
    why: text!(
        "With kubenet and overlay, pod addresses live outside the VNet and are reached through routes or \
         the overlay network. A pod range inside the VNet lets a pod and a real machine hold the same \
         address. The AKS resource provider refuses such a cluster with NetworkProfileCIDROverlapVNET \
         on networkProfile.podCIDR.",
        "Avec kubenet et overlay, les adresses des pods sont hors du VNet et se joignent par des routes \
         ou par le réseau overlay. Une plage de pods située dans le VNet permet à un pod et à une vraie \
         machine d’avoir la même adresse. Le fournisseur de ressources AKS refuse un tel cluster avec \
         NetworkProfileCIDROverlapVNET sur networkProfile.podCIDR.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""10.1.128.0/17""#),
    ]),
    fix: text!(
        "Move the pod range to a private block outside the VNet and every network it reaches, for \
         example 10.244.0.0/16 when that is free, with a /24 for each node.",
        "Déplacez la plage des pods vers un bloc privé hors du VNet et de tous les réseaux qu’il \
         atteint, par exemple 10.244.0.0/16 s’il est libre, avec un /24 par nœud.",
    ),
    sources: &[sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY, sources::CONFIGURE_KUBENET_2026_04_16],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts, pod_net) in context.clusters_with_pod_range() {
        let Some(vnet) = facts.node.vnet else { continue };
        let pod = Range::of(pod_net);
        let vnet_name = context.vnet_name(vnet);
        let prefixes = context.prefixes_overlapping(vnet, pod);
        let report = |out: &mut RuleFindings<'_>, what: Message, subject: String| {
            out.push(
                Draft::new(
                    msg!(
                        [
                            "pod CIDR {pod} of cluster '{cluster}' overlaps {what} of its VNet '{vnet}'",
                            "la plage des pods {pod} du cluster « {cluster} » chevauche {what} de son VNet \
                             « {vnet} »"
                        ],
                        pod = pod_net,
                        cluster = &cluster.name,
                        vnet = vnet_name,
                    )
                    .with_message("what", what),
                    vec![pointer::cluster(index, "podCidr"), subject],
                )
                .with_fix(move_cluster_range(index, ClusterRange::Pod)),
            );
        };
        for (prefix, range) in &prefixes {
            let what = msg!(["address prefix {range}", "le préfixe d’adresses {range}"], range = range);
            report(out, what, pointer::vnet_prefix(vnet, *prefix));
        }
        // A subnet inside an overlapping prefix adds nothing new; one outside every prefix (a
        // plan error of its own) still collides with the pods and is named on its own.
        for (subnet, range) in context.subnets_overlapping(vnet, pod) {
            if prefixes.iter().any(|(_, prefix)| prefix.contains(range)) {
                continue;
            }
            let name = context.subnet_name(vnet, subnet);
            let what = msg!(
                ["subnet '{name}' ({range})", "le sous-réseau « {name} » ({range})"],
                name = name,
                range = range
            );
            report(out, what, pointer::subnet_prefix(vnet, subnet));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrOverlapsVnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_the_documented_overlay_example() {
        let changes = [
            ("/vnets/0/addressPrefixes/0", json!("10.240.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.240.0.0/22")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.240.100.0/24")),
        ];
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.240.100.0/24 of cluster 'ml-aks' overlaps address prefix 10.240.0.0/16 of \
             its VNet 'ml-vnet'"
        );
        assert_fix_resolves(PodCidrOverlapsVnet, &changes);
    }

    #[test]
    fn fires_on_a_subnet_outside_the_prefixes() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "stray", "addressPrefix": "10.244.0.0/24"})),
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ];
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/0/subnets/1/addressPrefix"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des pods 10.244.0.0/16 du cluster « ml-aks » chevauche le sous-réseau « stray » \
             (10.244.0.0/24) de son VNet « ml-vnet »"
        );
        assert_fix_resolves(PodCidrOverlapsVnet, &changes);
    }

    #[test]
    fn quiet_outside_the_vnet_or_on_plain_azure_cni() {
        assert_quiet(PodCidrOverlapsVnet, &[]);
        assert_quiet(
            PodCidrOverlapsVnet,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
        assert_quiet(PodCidrOverlapsVnet, &[("/aksClusters/0/podCidr", json!("10.1.128.0/17"))]);
    }
}
