use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when the docker bridge range (dockerBridgeCidr) of an AKS cluster shares addresses \
         with a subnet or an address prefix of the cluster's VNet.",
        "Signale une plage de pont Docker (dockerBridgeCidr) d’un cluster AKS qui partage des \
         adresses avec un sous-réseau ou un préfixe d’adresse du VNet du cluster."
    ),
    why: text!(
        "On a node that runs Docker, the bridge claims this block locally, so traffic from the node \
         to VNet addresses inside it never leaves the node. The Azure ML v1 guide and the Azure CLI \
         help both keep the bridge out of every subnet, and AKS documentation up to 2023 kept it out \
         of the VNet's whole address space. Since API version 2023-04-01 AKS ignores the field and \
         its nodes run containerd, so the overlap no longer breaks a new cluster; azureml-core only \
         checks the value's format. Hence a warning, not an error.",
        "Sur un nœud qui exécute Docker, le pont s’approprie ce bloc localement : le trafic du nœud \
         vers les adresses du VNet qui s’y trouvent ne quitte jamais le nœud. Le guide Azure ML v1 \
         et l’aide de l’Azure CLI tiennent tous deux le pont à l’écart de tout sous-réseau, et la \
         documentation AKS jusqu’en 2023 l’écartait de tout l’espace d’adressage du VNet. Depuis la \
         version d’API 2023-04-01, AKS ignore ce champ et ses nœuds utilisent containerd : le \
         chevauchement ne casse plus un nouveau cluster, et azureml-core ne vérifie que le format de \
         la valeur. D’où un avertissement et non une erreur."
    ),
    example: Example(&[("/aksClusters/0/dockerBridgeCidr", r#""10.1.0.1/16""#)]),
    fix: text!(
        "Move the bridge to a private block that nothing else in the plan uses: 172.17.0.1/16, AKS's \
         default, when it is free, or else another unused block such as 172.18.0.1/16.",
        "Déplacez le pont vers un bloc privé que rien d’autre n’utilise dans le plan : \
         172.17.0.1/16, la valeur par défaut d’AKS, s’il est libre, sinon un autre bloc inutilisé \
         comme 172.18.0.1/16."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::CONFIGURE_KUBENET_2023_08_16,
        sources::CHANGELOG,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(bridge), Some(written)) =
            (facts.node.vnet, facts.docker_bridge_range(), facts.docker_bridge)
        else {
            continue;
        };
        let vnet_name = context.vnet_name(vnet);
        let subnets = context.subnets_overlapping(vnet, bridge);
        let (what, subject) = if let Some(&(subnet, range)) = subnets.first() {
            let what = msg!(
                [
                    "subnet '{subnet}' ({range}) of VNet '{vnet}'",
                    "le sous-réseau « {subnet} » ({range}) du VNet « {vnet} »"
                ],
                subnet = context.subnet_name(vnet, subnet),
                range = range,
                vnet = vnet_name,
            );
            let what = match subnets.len().saturating_sub(1) {
                0 => what,
                1 => msg!(["{what} and 1 more of its subnets", "{what} et un autre de ses sous-réseaux"])
                    .with_message("what", what),
                more => msg!(
                    ["{what} and {more} more of its subnets", "{what} et {more} autres de ses sous-réseaux"],
                    more = more
                )
                .with_message("what", what),
            };
            (what, pointer::subnet_prefix(vnet, subnet))
        } else if let Some(&(prefix, range)) = context.prefixes_overlapping(vnet, bridge).first() {
            let what = msg!(
                [
                    "address prefix {range} of VNet '{vnet}'",
                    "le préfixe d’adresses {range} du VNet « {vnet} »"
                ],
                range = range,
                vnet = vnet_name,
            );
            (what, pointer::vnet_prefix(vnet, prefix))
        } else {
            continue;
        };
        out.push(
            Draft::new(
                msg!(
                    [
                        "docker bridge range {written} of cluster '{cluster}' overlaps {what}; AKS has ignored \
                         this field since API 2023-04-01 and the v1 SDK only checks its format, so the \
                         overlap matters only to that SDK",
                        "la plage du pont Docker {written} du cluster « {cluster} » chevauche {what} ; AKS \
                         ignore ce champ depuis l’API 2023-04-01 et le SDK v1 n’en vérifie que le format : \
                         ce chevauchement ne concerne donc que ce SDK"
                    ],
                    written = written,
                    cluster = &cluster.name,
                )
                .with_message("what", what),
                vec![pointer::cluster(index, "dockerBridgeCidr"), subject],
            )
            .with_fix(move_cluster_range(index, ClusterRange::DockerBridge)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeOverlapsSubnet;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_bridge_over_the_node_subnet() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!("10.1.0.1/16"))];
        let found = assert_fires(DockerBridgeOverlapsSubnet, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/dockerBridgeCidr", "/vnets/0/subnets/0/addressPrefix"]
        );
        assert_eq!(
            found[0].message,
            "docker bridge range 10.1.0.1/16 of cluster 'ml-aks' overlaps subnet 'aks' (10.1.0.0/22) of VNet 'ml-vnet'\
             ; AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks its format, so \
             the overlap matters only to that SDK"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage du pont Docker 10.1.0.1/16 du cluster « ml-aks » chevauche le sous-réseau « aks » \
             (10.1.0.0/22) du VNet « ml-vnet » ; AKS ignore ce champ depuis l’API 2023-04-01 et le SDK v1 \
             n’en vérifie que le format : ce chevauchement ne concerne donc que ce SDK"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.17.0.1/16"), "AKS's default bridge is free here");
        assert_fix_resolves(DockerBridgeOverlapsSubnet, &changes);
    }

    #[test]
    fn counts_further_subnets_in_the_message() {
        let changes = [
            ("/vnets/0/subnets/-", json!({ "name": "other", "addressPrefix": "10.1.8.0/24" })),
            ("/aksClusters/0/dockerBridgeCidr", json!("10.1.0.1/16")),
        ];
        let found = assert_fires(DockerBridgeOverlapsSubnet, &changes);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("of VNet 'ml-vnet' and 1 more of its subnets; "),
            "{}",
            found[0].message
        );
        assert!(
            found[0].text.render(Lang::Fr).contains("du VNet « ml-vnet » et un autre de ses sous-réseaux ; "),
            "{}",
            found[0].text.render(Lang::Fr)
        );
    }

    #[test]
    fn falls_back_to_the_vnet_prefix_when_no_subnet_overlaps() {
        let changes = [("/aksClusters/0/dockerBridgeCidr", json!("10.1.128.1/17"))];
        let found = assert_fires(DockerBridgeOverlapsSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr", "/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 10.1.128.1/17 of cluster 'ml-aks' overlaps address prefix 10.1.0.0/16 of VNet \
             'ml-vnet'; AKS has ignored this field since API 2023-04-01 and the v1 SDK only checks its format, so \
             the overlap matters only to that SDK"
        );
        assert_fix_resolves(DockerBridgeOverlapsSubnet, &changes);
    }

    #[test]
    fn quiet_outside_the_vnet() {
        assert_quiet(DockerBridgeOverlapsSubnet, &[]);
        assert_quiet(
            DockerBridgeOverlapsSubnet,
            &[("/aksClusters/0/dockerBridgeCidr", json!("10.0.0.1/16"))],
        );
        assert_quiet(DockerBridgeOverlapsSubnet, &[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
    }
}
