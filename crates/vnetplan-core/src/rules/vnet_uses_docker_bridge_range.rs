use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::Range;
use crate::pointer;
use crate::sources;

/// The bridge network Docker creates on a machine by default.
const DOCKER_DEFAULT_BRIDGE: Range = Range::block(172, 17, 0, 0, 16);

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when a VNet of a plan with an AKS cluster or a workspace private endpoint takes addresses \
         from 172.17.0.0/16.",
        "Avertit quand un VNet d’un plan qui compte un cluster AKS ou un point de terminaison privé \
         d’espace de travail prend des adresses dans 172.17.0.0/16."
    ),
    why: text!(
        "172.17.0.0/16 is the bridge network Docker creates by default on any machine that runs it, such \
         as a build agent or a compute instance that builds images. Such a machine sends traffic for those \
         addresses to its own bridge, so it cannot reach what the VNet places there. Azure ML's private \
         endpoint guide asks not to use that range for the VNet.",
        "172.17.0.0/16 est le réseau de pont que Docker crée par défaut sur toute machine où il tourne, \
         comme un agent de build ou une instance de calcul qui construit des images. Une telle machine \
         envoie le trafic de ces adresses vers son propre pont, et ne peut donc pas joindre ce que le VNet \
         y place. Le guide d’Azure ML sur les points de terminaison privés demande de ne pas utiliser \
         cette plage pour le VNet."
    ),
    example: Example(&[("/vnets/0/addressPrefixes", r#"["10.1.0.0/16", "172.17.0.0/16"]"#)]),
    fix: text!(
        "Give the VNet another private range, or move what uses 172.17.0.0/16 out of it.",
        "Donnez au VNet une autre plage privée, ou sortez-en ce qui utilise 172.17.0.0/16."
    ),
    sources: &[sources::HOW_TO_CONFIGURE_PRIVATE_LINK],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if plan.aks_clusters.is_empty() && plan.workspace.private_endpoint.is_none() {
        return;
    }
    for (vnet, prefix, range) in context.other_vnets_overlapping(None, DOCKER_DEFAULT_BRIDGE) {
        let message = msg!(
            [
                "address prefix {range} of VNet '{vnet}' takes addresses from 172.17.0.0/16, Docker's \
                 default bridge network",
                "le préfixe d’adresses {range} du VNet « {vnet} » prend des adresses dans 172.17.0.0/16, le \
                 réseau de pont par défaut de Docker"
            ],
            range = range,
            vnet = context.vnet_name(vnet),
        );
        out.report(message, vec![pointer::vnet_prefix(vnet, prefix)]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::VnetUsesDockerBridgeRange;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_vnet_in_dockers_bridge_range() {
        let found = assert_fires(
            VnetUsesDockerBridgeRange,
            &[("/vnets/0/addressPrefixes", json!(["172.16.0.0/12"]))],
        );
        assert_eq!(found[0].subjects, ["/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "address prefix 172.16.0.0/12 of VNet 'ml-vnet' takes addresses from 172.17.0.0/16, Docker's default \
             bridge network"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le préfixe d’adresses 172.16.0.0/12 du VNet « ml-vnet » prend des adresses dans 172.17.0.0/16, le \
             réseau de pont par défaut de Docker"
        );
    }

    #[test]
    fn quiet_elsewhere_or_without_a_cluster_or_private_endpoint() {
        assert_quiet(VnetUsesDockerBridgeRange, &[]);
        assert_quiet(VnetUsesDockerBridgeRange, &[("/vnets/0/addressPrefixes", json!(["172.18.0.0/16"]))]);
        assert_quiet(
            VnetUsesDockerBridgeRange,
            &[("/vnets/0/addressPrefixes", json!(["172.17.0.0/16"])), ("/aksClusters", json!([]))],
        );
    }
}
