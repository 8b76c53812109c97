use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings, Severity};
use crate::net::Range;
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The pod range of a kubenet or overlay cluster (podCidr, or AKS's default 10.244.0.0/16 when it \
         is left out) must not share any address with the subnets of the cluster's own VNet, nor, for \
         kubenet, with its address prefixes. Under Azure CNI Overlay, a pod range that lies in the \
         VNet's address space but in no subnet is a warning.",
        "La plage des pods d’un cluster kubenet ou overlay (podCidr, ou 10.244.0.0/16, la valeur par \
         défaut d’AKS, s’il est omis) ne doit partager aucune adresse avec les sous-réseaux du VNet du \
         cluster, ni, en kubenet, avec ses préfixes d’adresse. En Azure CNI Overlay, une plage de pods \
         située dans l’espace d’adresses du VNet mais dans aucun sous-réseau est un avertissement.",
    ),
    why: text!(
        "With kubenet and overlay, pod addresses live outside the VNet and are reached through routes or \
         the overlay network. A pod range inside the VNet lets a pod and a real machine hold the same \
         address. The AKS resource provider refused such a cluster with NetworkProfileCIDROverlapVNET \
         on networkProfile.podCIDR whenever the pod range touched the VNet's address space. Since its \
         release of 2024-10-25, AKS checks an overlay cluster's pod range against the VNet's subnets \
         only, so a pod range in unused address space is accepted; but a subnet created there later \
         collides with the pods, and traffic from pods to a host placed there is kept in the overlay \
         and never reaches it.",
        "Avec kubenet et overlay, les adresses des pods sont hors du VNet et se joignent par des routes \
         ou par le réseau overlay. Une plage de pods située dans le VNet permet à un pod et à une vraie \
         machine d’avoir la même adresse. Le fournisseur de ressources AKS refusait un tel cluster avec \
         NetworkProfileCIDROverlapVNET sur networkProfile.podCIDR dès que la plage touchait l’espace \
         d’adresses du VNet. Depuis sa version du 2024-10-25, AKS ne compare la plage des pods d’un \
         cluster overlay qu’aux sous-réseaux du VNet : une plage dans un espace inutilisé est acceptée, \
         mais un sous-réseau créé là plus tard entre en collision avec les pods, et le trafic des pods \
         vers une machine placée là reste dans l’overlay sans jamais l’atteindre.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""10.1.0.0/20""#),
    ]),
    fix: text!(
        "Move the pod range to a private block outside the VNet and every network it reaches, for \
         example 10.244.0.0/16 when that is free, with a /24 for each node.",
        "Déplacez la plage des pods vers un bloc privé hors du VNet et de tous les réseaux qu’il \
         atteint, par exemple 10.244.0.0/16 s’il est libre, avec un /24 par nœud.",
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY,
        sources::CONFIGURE_KUBENET_2026_04_16,
        Source {
            title: "AKS release notes, Release 2024-10-25: Azure CNI Overlay checks the pod CIDR against \
                    the VNet's subnets rather than its whole address space",
            location: "https://github.com/Azure/AKS/blob/master/CHANGELOG.md",
            date: "2024-10-25",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts, pod_net) in context.clusters_with_pod_range() {
        let Some(vnet) = facts.node.vnet else { continue };
        let pod = Range::of(pod_net);
        let vnet_name = context.vnet_name(vnet);
        let prefixes = context.prefixes_overlapping(vnet, pod);
        let subnets = context.subnets_overlapping(vnet, pod);
        let overlaps = |what: Message| {
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
            .with_message("what", what)
        };
        let draft = |message: Message, subject: String| {
            Draft::new(message, vec![pointer::cluster(index, "podCidr"), subject])
                .with_fix(move_cluster_range(index, ClusterRange::Pod))
        };
        let subnet_named = |subnet: usize, range: &Range| {
            msg!(
                ["subnet '{name}' ({range})", "le sous-réseau « {name} » ({range})"],
                name = context.subnet_name(vnet, subnet),
                range = range
            )
        };
        if cluster.is_overlay() {
            // AKS compares an overlay pod range with the subnets alone (release of 2024-10-25).
            for (subnet, range) in &subnets {
                out.push(draft(
                    overlaps(subnet_named(*subnet, range)),
                    pointer::subnet_prefix(vnet, *subnet),
                ));
            }
            if subnets.is_empty() {
                for (prefix, range) in &prefixes {
                    let message = msg!(
                        [
                            "pod CIDR {pod} of cluster '{cluster}' overlaps address prefix {range} of its VNet \
                             '{vnet}' where no subnet is yet: AKS accepts this for Azure CNI Overlay, but a \
                             subnet created there later collides with the pods, and pods cannot reach a host \
                             placed there",
                            "la plage des pods {pod} du cluster « {cluster} » chevauche le préfixe d’adresses \
                             {range} de son VNet « {vnet} » là où aucun sous-réseau n’est encore : AKS \
                             l’accepte en Azure CNI Overlay, mais un sous-réseau créé là plus tard entre en \
                             collision avec les pods, et les pods ne peuvent pas joindre une machine placée là"
                        ],
                        pod = pod_net,
                        cluster = &cluster.name,
                        range = range,
                        vnet = vnet_name,
                    );
                    out.push_as(Severity::Warning, draft(message, pointer::vnet_prefix(vnet, *prefix)));
                }
            }
            continue;
        }
        for (prefix, range) in &prefixes {
            let what = msg!(["address prefix {range}", "le préfixe d’adresses {range}"], range = range);
            out.push(draft(overlaps(what), pointer::vnet_prefix(vnet, *prefix)));
        }
        // A subnet inside an overlapping prefix adds nothing new; one outside every prefix (a
        // plan error of its own) still collides with the pods and is named on its own.
        for (subnet, range) in &subnets {
            if prefixes.iter().any(|(_, prefix)| prefix.contains(*range)) {
                continue;
            }
            out.push(draft(overlaps(subnet_named(*subnet, range)), pointer::subnet_prefix(vnet, *subnet)));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::PodCidrOverlapsVnet;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    /// The example the resource provider refused before its release of 2024-10-25: the pod range
    /// lies in the VNet's address space, in no subnet.
    fn old_refusal() -> Vec<(&'static str, Value)> {
        vec![
            ("/vnets/0/addressPrefixes/0", json!("10.240.0.0/16")),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.240.0.0/22")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("10.240.100.0/24")),
        ]
    }

    #[test]
    fn an_overlay_pod_range_in_unused_vnet_space_is_a_warning_since_aks_checks_subnets_only() {
        let changes = old_refusal();
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.240.100.0/24 of cluster 'ml-aks' overlaps address prefix 10.240.0.0/16 of its VNet \
             'ml-vnet' where no subnet is yet: AKS accepts this for Azure CNI Overlay, but a subnet created \
             there later collides with the pods, and pods cannot reach a host placed there"
        );
        assert_fix_resolves(PodCidrOverlapsVnet, &changes);
    }

    #[test]
    fn an_overlay_pod_range_over_a_subnet_is_an_error_naming_each_subnet() {
        let mut changes = old_refusal();
        changes.push(("/aksClusters/0/podCidr", json!("10.240.0.0/21")));
        changes.push(("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.240.4.0/24"})));
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        let reported: Vec<(Severity, &str)> =
            found.iter().map(|finding| (finding.severity, finding.subjects[1].as_str())).collect();
        assert_eq!(
            reported,
            [
                (Severity::Error, "/vnets/0/subnets/0/addressPrefix"),
                (Severity::Error, "/vnets/0/subnets/1/addressPrefix")
            ]
        );
        assert_eq!(
            found[0].message,
            "pod CIDR 10.240.0.0/21 of cluster 'ml-aks' overlaps subnet 'aks' (10.240.0.0/22) of its VNet \
             'ml-vnet'"
        );
        assert_fix_resolves(PodCidrOverlapsVnet, &changes);
    }

    #[test]
    fn a_kubenet_pod_range_in_the_vnet_space_is_an_error() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.1.128.0/17")),
        ];
        let found = assert_fires(PodCidrOverlapsVnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "pod CIDR 10.1.128.0/17 of cluster 'ml-aks' overlaps address prefix 10.1.0.0/16 of its VNet \
             'ml-vnet'"
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
