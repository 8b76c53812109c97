use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when the docker bridge range (dockerBridgeCidr) of an AKS cluster shares addresses \
         with an external range of the plan: a peered VNet, an on-premises network, or a range \
         reached over VPN or ExpressRoute.",
        "Signale une plage de pont Docker (dockerBridgeCidr) d’un cluster AKS qui partage des \
         adresses avec une plage externe du plan : VNet appairé, réseau local, ou plage jointe par \
         VPN ou ExpressRoute."
    ),
    why: text!(
        "A node that runs Docker hands traffic for the bridge block to its own bridge, so machines \
         of a connected network whose addresses fall inside that block cannot be reached from it. \
         Earlier AKS documentation asked for a bridge that overlaps no other range in use on the \
         network. Since API version 2023-04-01 AKS ignores the field and its nodes run containerd, \
         which is why this is a warning.",
        "Un nœud qui exécute Docker remet à son propre pont le trafic destiné au bloc du pont : les \
         machines d’un réseau connecté dont l’adresse s’y trouve sont injoignables depuis ce nœud. \
         L’ancienne documentation AKS demandait un pont qui ne chevauche aucune autre plage utilisée \
         sur le réseau. Depuis la version d’API 2023-04-01, AKS ignore ce champ et ses nœuds \
         utilisent containerd ; c’est pourquoi il s’agit d’un avertissement."
    ),
    example: Example(&[(
        "/externalRanges",
        r#"[{"name": "branch", "addressPrefix": "172.17.0.0/16", "kind": "vpn"}]"#,
    )]),
    fix: text!(
        "Move the bridge to a private block that no connected network uses, for example \
         172.18.0.1/16, and confirm the choice against the organisation's own address records.",
        "Déplacez le pont vers un bloc privé qu’aucun réseau connecté n’utilise, par exemple \
         172.18.0.1/16, et vérifiez ce choix dans les registres d’adresses de l’organisation."
    ),
    sources: &[sources::CONFIGURE_KUBENET_2023_08_16, sources::CONFIGURE_AZURE_CNI, sources::CHANGELOG],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(bridge), Some(written)) = (facts.docker_bridge_range(), facts.docker_bridge) else {
            continue;
        };
        for (external, range) in context.externals_overlapping(bridge) {
            let name = context.external_name(external);
            out.push(
                Draft::new(
                    msg!(
                        [
                        "docker bridge range {written} of cluster '{cluster}' overlaps external range '{name}' \
                        ({range}); AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks \
                        its format, so the overlap matters only to that SDK",
                        "la plage du pont Docker {written} du cluster « {cluster} » chevauche la plage externe « \
                        {name} » ({range}) ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en \
                        vérifie que le format : ce chevauchement ne concerne donc que ce SDK"
                        ],
                        written = written,
                        cluster = &cluster.name,
                        name = name,
                        range = range,
                    ),
                    vec![pointer::cluster(index, "dockerBridgeCidr"), pointer::external(external)],
                )
                .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::DockerBridgeOverlapsExternalRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn external(prefix: &str) -> (&'static str, Value) {
        ("/externalRanges", json!([{ "name": "branch", "addressPrefix": prefix, "kind": "vpn" }]))
    }

    #[test]
    fn fires_when_a_vpn_range_holds_the_bridge() {
        let changes = [external("172.17.0.0/16")];
        let found = assert_fires(DockerBridgeOverlapsExternalRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/externalRanges/0/addressPrefix"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 172.17.0.1/16 of cluster 'ml-aks' overlaps external range 'branch' (172.17.0.0/16)\
             ; AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks its format, so \
             the overlap matters only to that SDK"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage du pont Docker 172.17.0.1/16 du cluster « ml-aks » chevauche la plage externe « branch » \
             (172.17.0.0/16) ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en vérifie que le \
             format : ce chevauchement ne concerne donc que ce SDK"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.18.0.1/16"));
        assert_fix_resolves(DockerBridgeOverlapsExternalRange, &changes);
    }

    #[test]
    fn quiet_when_apart_or_absent() {
        assert_quiet(DockerBridgeOverlapsExternalRange, &[]);
        assert_quiet(DockerBridgeOverlapsExternalRange, &[external("192.168.0.0/16")]);
        assert_quiet(
            DockerBridgeOverlapsExternalRange,
            &[external("172.17.0.0/16"), ("/aksClusters/0/dockerBridgeCidr", json!(null))],
        );
    }
}
