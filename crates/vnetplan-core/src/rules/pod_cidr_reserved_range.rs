use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::{Range, AKS_RESERVED};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The pod range (podCidr) of a kubenet or overlay cluster must not touch any of the ranges AKS \
         keeps for itself: 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24. Any overlap \
         counts, not only a pod range that lies inside one of them.",
        "La plage des pods (podCidr) d’un cluster kubenet ou overlay ne doit toucher aucune des plages \
         qu’AKS se réserve : 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 et 192.0.2.0/24. Tout \
         chevauchement compte, pas seulement une plage de pods contenue dans l’une d’elles.",
    ),
    why: text!(
        "AKS uses these ranges for its own plumbing and refuses, at creation and on update, a pod range \
         that overlaps one of them. Wide ranges are caught too: 172.16.0.0/12 looks like ordinary \
         private space, yet it contains 172.30.0.0/16 and 172.31.0.0/16.",
        "AKS utilise ces plages pour son propre fonctionnement et refuse, à la création comme à la mise \
         à jour, une plage de pods qui en chevauche une. Les plages larges sont concernées aussi : \
         172.16.0.0/12 ressemble à un espace privé ordinaire, mais contient 172.30.0.0/16 et \
         172.31.0.0/16.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""172.16.0.0/12""#),
    ]),
    fix: text!(
        "Move the pod range to a block clear of the four reserved ranges and of everything else in the \
         plan, for example 10.244.0.0/16.",
        "Déplacez la plage des pods vers un bloc à l’écart des quatre plages réservées et de tout le \
         reste du plan, par exemple 10.244.0.0/16.",
    ),
    sources: &[sources::CONCEPTS_NETWORK_CNI_OVERVIEW, sources::CONFIGURE_KUBENET_2026_04_16],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _, pod_net) in context.clusters_with_pod_range() {
        let pod = Range::of(pod_net);
        let mut hit = AKS_RESERVED.iter().filter(|reserved| reserved.overlaps(pod));
        let Some(first) = hit.next() else { continue };
        let reserved = hit.fold(msg!(["{range}", "{range}"], range = first), |list, range| {
            msg!(["{list} and {range}", "{list} et {range}"], range = range).with_message("list", list)
        });
        out.push(
            Draft::new(
                msg!(
                    [
                        "pod CIDR {pod} of cluster '{cluster}' overlaps {reserved}, which AKS reserves",
                        "la plage des pods {pod} du cluster « {cluster} » chevauche {reserved}, qu’AKS \
                         réserve"
                    ],
                    pod = pod_net,
                    cluster = &cluster.name,
                )
                .with_message("reserved", reserved),
                vec![pointer::cluster(index, "podCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Pod)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrReservedRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_range_that_contains_reserved_blocks() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podCidr", json!("172.16.0.0/12")),
        ];
        let found = assert_fires(PodCidrReservedRange, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 172.16.0.0/12 of cluster 'ml-aks' overlaps 172.30.0.0/16 and 172.31.0.0/16, \
             which AKS reserves"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des pods 172.16.0.0/12 du cluster « ml-aks » chevauche 172.30.0.0/16 et \
             172.31.0.0/16, qu’AKS réserve"
        );
        assert_fix_resolves(PodCidrReservedRange, &changes);
    }

    #[test]
    fn fires_on_a_range_inside_a_reserved_block() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("192.0.2.0/24")),
        ];
        assert_fires(PodCidrReservedRange, &changes);
        assert_fix_resolves(PodCidrReservedRange, &changes);
    }

    #[test]
    fn quiet_beside_the_reserved_blocks_or_on_plain_azure_cni() {
        assert_quiet(PodCidrReservedRange, &[]);
        assert_quiet(
            PodCidrReservedRange,
            &[
                ("/aksClusters/0/networkPluginMode", json!("overlay")),
                ("/aksClusters/0/podCidr", json!("172.28.0.0/15")),
            ],
        );
        assert_quiet(PodCidrReservedRange, &[("/aksClusters/0/podCidr", json!("172.16.0.0/12"))]);
    }
}
