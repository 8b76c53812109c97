use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when the docker bridge range (dockerBridgeCidr) of an AKS cluster shares addresses \
         with the cluster's Kubernetes service range (serviceCidr).",
        "Signale une plage de pont Docker (dockerBridgeCidr) d’un cluster AKS qui partage des \
         adresses avec la plage des services Kubernetes du cluster (serviceCidr)."
    ),
    why: text!(
        "A node that still runs Docker routes the bridge block to its local bridge, which hides \
         every Kubernetes service whose cluster IP falls inside it. The Azure ML v1 guide and the \
         Azure CLI help name the service range among the ranges the bridge must avoid. AKS has \
         ignored the field since API version 2023-04-01, so current clusters are not harmed and the \
         rule is a warning.",
        "Un nœud qui exécute encore Docker achemine le bloc du pont vers son pont local, ce qui \
         masque tout service Kubernetes dont l’IP de cluster s’y trouve. Le guide Azure ML v1 et \
         l’aide de l’Azure CLI citent la plage des services parmi celles que le pont doit éviter. \
         AKS ignore ce champ depuis la version d’API 2023-04-01 : les clusters actuels n’en \
         souffrent pas, d’où un simple avertissement."
    ),
    example: Example(&[("/aksClusters/0/dockerBridgeCidr", r#""10.2.0.1/16""#)]),
    fix: text!(
        "Leave the service range where it is and move the bridge to an unused private block, such as \
         172.17.0.1/16 when that block is free.",
        "Laissez la plage des services en place et déplacez le pont vers un bloc privé inutilisé, \
         par exemple 172.17.0.1/16 si ce bloc est libre."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::CONFIGURE_AZURE_CNI,
        sources::CHANGELOG,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(bridge), Some(service), Some(written)) =
            (facts.docker_bridge_range(), facts.service_range(), facts.docker_bridge)
        else {
            continue;
        };
        if !bridge.overlaps(service) {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "docker bridge range {written} of cluster '{cluster}' overlaps its service CIDR \
                        {service}; AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks \
                        its format, so the overlap matters only to that SDK",
                        "la plage du pont Docker {written} du cluster « {cluster} » chevauche sa plage de \
                        services {service} ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en \
                        vérifie que le format : ce chevauchement ne concerne donc que ce SDK"
                    ],
                    written = written,
                    cluster = &cluster.name,
                    service = &cluster.service_cidr,
                ),
                vec![pointer::cluster(index, "dockerBridgeCidr"), pointer::cluster(index, "serviceCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeOverlapsServiceCidr;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_the_bridge_covers_the_service_range() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!("10.2.0.1/16"))];
        let found = assert_fires(DockerBridgeOverlapsServiceCidr, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 10.2.0.1/16 of cluster 'ml-aks' overlaps its service CIDR 10.2.0.0/16\
             ; AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks its format, so \
             the overlap matters only to that SDK"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage du pont Docker 10.2.0.1/16 du cluster « ml-aks » chevauche sa plage de services \
             10.2.0.0/16 ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en vérifie que le \
             format : ce chevauchement ne concerne donc que ce SDK"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.17.0.1/16"), "AKS's default bridge is free here");
        assert_fix_resolves(DockerBridgeOverlapsServiceCidr, &changes);
    }

    #[test]
    fn fires_on_partial_overlap() {
        assert_fires(
            DockerBridgeOverlapsServiceCidr,
            &[("/aksClusters/0/dockerBridgeCidr", json!("10.2.128.1/24"))],
        );
    }

    #[test]
    fn quiet_when_apart_or_absent() {
        assert_quiet(DockerBridgeOverlapsServiceCidr, &[]);
        assert_quiet(
            DockerBridgeOverlapsServiceCidr,
            &[("/aksClusters/0/dockerBridgeCidr", json!("10.3.0.1/16"))],
        );
        assert_quiet(DockerBridgeOverlapsServiceCidr, &[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
    }
}
