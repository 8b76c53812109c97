use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when the docker bridge range (dockerBridgeCidr) of an AKS cluster shares addresses \
         with the cluster's pod range (podCidr): the one written in the plan, or AKS's default \
         10.244.0.0/16 for kubenet and overlay when none is written.",
        "Signale une plage de pont Docker (dockerBridgeCidr) d’un cluster AKS qui partage des \
         adresses avec la plage des pods du cluster (podCidr) : celle écrite dans le plan ou, à \
         défaut, la valeur par défaut d’AKS, 10.244.0.0/16, pour kubenet et overlay."
    ),
    why: text!(
        "With kubenet or Azure CNI Overlay, every node receives a /24 of the pod range for its pods. \
         A node that still runs Docker sends traffic for the bridge block to its local bridge, so \
         pods whose addresses fall inside it cannot be reached from that node. The AKS documentation \
         of the field asked for a block that collides with neither the service range nor the pod \
         range. AKS has ignored the field since API version 2023-04-01, so this is only a warning.",
        "Avec kubenet ou Azure CNI Overlay, chaque nœud reçoit un /24 de la plage des pods pour ses \
         pods. Un nœud qui exécute encore Docker envoie le trafic destiné au bloc du pont vers son \
         pont local : les pods dont l’adresse s’y trouve deviennent injoignables depuis ce nœud. La \
         documentation AKS de ce champ demandait un bloc qui n’entre en conflit ni avec la plage des \
         services ni avec celle des pods. AKS ignore ce champ depuis la version d’API 2023-04-01 : \
         ce n’est donc qu’un avertissement."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""172.16.0.0/14""#),
    ]),
    fix: text!(
        "Keep the pod range and move the bridge to a private block that neither it nor anything else \
         in the plan uses, for example 172.17.0.1/16 when that block is free.",
        "Conservez la plage des pods et déplacez le pont vers un bloc privé que ni elle ni rien \
         d’autre dans le plan n’utilise, par exemple 172.17.0.1/16 si ce bloc est libre."
    ),
    sources: &[
        Source {
            title: "Configure Azure CNI networking in Azure Kubernetes Service (AKS)",
            location: "MicrosoftDocs/azure-aks-docs:articles/aks/configure-azure-cni.md@3469849f2b5273d899efb3cd537c8f70c74fd143",
            date: "2023-04-20",
        },
        sources::CHANGELOG,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(bridge), Some(pod), Some(written)) =
            (facts.docker_bridge_range(), facts.pod_range(), facts.docker_bridge)
        else {
            continue;
        };
        if !bridge.overlaps(pod) {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "docker bridge range {written} of cluster '{cluster}' overlaps its pod CIDR {pod}; AKS \
                        has ignored this field since API 2023-04-01 and the v1 SDK only checks its format, so \
                        the overlap matters only to that SDK",
                        "la plage du pont Docker {written} du cluster « {cluster} » chevauche sa plage de pods \
                        {pod} ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en vérifie que le \
                        format : ce chevauchement ne concerne donc que ce SDK"
                    ],
                    written = written,
                    cluster = &cluster.name,
                    pod = cluster.effective_pod_cidr().unwrap_or_default(),
                ),
                vec![pointer::cluster(index, "dockerBridgeCidr"), pointer::cluster(index, "podCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeOverlapsPodCidr;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_the_pod_range_holds_the_bridge() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("172.16.0.0/14")),
        ];
        let found = assert_fires(DockerBridgeOverlapsPodCidr, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/aksClusters/0/podCidr"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 172.17.0.1/16 of cluster 'ml-aks' overlaps its pod CIDR 172.16.0.0/14\
             ; AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks its format, so \
             the overlap matters only to that SDK"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage du pont Docker 172.17.0.1/16 du cluster « ml-aks » chevauche sa plage de pods \
             172.16.0.0/14 ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en vérifie que le \
             format : ce chevauchement ne concerne donc que ce SDK"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.20.0.1/16"));
        assert_fix_resolves(DockerBridgeOverlapsPodCidr, &changes);
    }

    #[test]
    fn quiet_when_apart_or_without_pod_range() {
        assert_quiet(DockerBridgeOverlapsPodCidr, &[]);
        assert_quiet(
            DockerBridgeOverlapsPodCidr,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
