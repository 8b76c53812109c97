use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::rules::shared::first_few;
use crate::sources;
use crate::text::Message;

/// The longest subnet, VNet or resource group name Azure CNI Overlay takes with a subnet of the
/// user's own.
const MAX_NAME: usize = 63;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster on Azure CNI Overlay (an attach cluster with no networkPlugin is taken to be one) or \
         on Azure CNI Pod Subnet whose node subnet, pod subnet, VNet or VNet resource group has a name \
         longer than 63 characters.",
        "Un cluster en Azure CNI Overlay (un cluster attaché sans networkPlugin est considéré comme tel) \
         ou en Azure CNI Pod Subnet dont le sous-réseau des nœuds, le sous-réseau des pods, le VNet ou le \
         groupe de ressources du VNet porte un nom de plus de 63 caractères.",
    ),
    why: text!(
        "Overlay clusters placed in a subnet the user brings are limited to names of 63 characters or \
         fewer for that subnet, its VNet and the VNet's resource group, a limit AKS has listed among \
         overlay's restrictions since its November 2023 release; AKS applies the same limit to Azure CNI \
         Pod Subnet with dynamic IP allocation. Azure itself accepts longer names \
         (up to 80 or 90 characters), so the plan can be valid for the network and still be refused \
         when the cluster is created.",
        "Les clusters overlay placés dans un sous-réseau fourni par l’utilisateur n’admettent, pour ce \
         sous-réseau, son VNet et le groupe de ressources du VNet, que des noms de 63 caractères au \
         plus : AKS range cette limite parmi les restrictions d’overlay depuis sa version de novembre \
         2023, et l’applique aussi à Azure CNI Pod Subnet en allocation dynamique. Azure accepte pourtant des noms plus longs (jusqu’à 80 ou 90 caractères) : le plan peut \
         donc convenir au réseau et être refusé à la création du cluster.",
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/vnets/0/resourceGroup", r#""rg-machine-learning-inference-production-westeurope-network-0001""#),
    ]),
    fix: text!(
        "Shorten the names to 63 characters or fewer, which for an existing VNet or resource group \
         means creating a new one and moving the resources into it; or keep the names and use plain \
         Azure CNI, which has no such limit. Renames reach outside the plan, so there is no automatic \
         fix.",
        "Raccourcissez les noms à 63 caractères au plus, ce qui, pour un VNet ou un groupe de ressources \
         existant, revient à en créer un nouveau et à y déplacer les ressources ; ou gardez les noms et \
         passez à Azure CNI classique, qui n’a pas cette limite. Les renommages dépassent le plan : il \
         n’y a donc pas de correction automatique.",
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY,
        Source {
            title: "AKS release notes, Release 2023-11-28",
            location: "https://github.com/Azure/AKS/blob/master/CHANGELOG.md",
            date: "2023-11-28",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let pod_subnet = cluster.pods_subnet().is_some();
        if !(cluster.is_overlay() || pod_subnet) || cluster.in_managed_vnet() {
            continue;
        }
        let mut long: Vec<(Message, String)> = Vec::new();
        let mut note = |text: crate::text::Text, name: &str, subject: String| {
            let length = name.chars().count();
            if length > MAX_NAME {
                long.push((msg!(text, name = name, length = length), subject));
            }
        };
        // The names Azure checks are the resources' own; the cluster's references stand in for
        // them only when they name nothing in the plan.
        let vnet = facts.node.vnet.and_then(|v| Some((v, context.vnet(v)?)));
        match facts.node.vnet.zip(facts.node.subnet) {
            Some((v, s)) => note(SUBNET, context.subnet_name(v, s), pointer::subnet(v, s, "name")),
            None => note(SUBNET, cluster.subnet_name(), pointer::cluster(index, "subnet")),
        }
        match vnet {
            Some((v, found)) => {
                note(VNET, &found.name, pointer::vnet(v, "name"));
                note(RESOURCE_GROUP, &found.resource_group, pointer::vnet(v, "resourceGroup"));
            }
            None => note(VNET, cluster.vnet_name(), pointer::cluster(index, "vnet")),
        }
        let own_pod_subnet = facts.pod_subnet.filter(|_| !facts.pods_in_node_subnet());
        match facts.node.vnet.zip(own_pod_subnet) {
            Some((v, s)) => note(SUBNET, context.subnet_name(v, s), pointer::subnet(v, s, "name")),
            None if pod_subnet && !facts.pods_in_node_subnet() => {
                let name = cluster.pod_subnet.as_deref().unwrap_or_default();
                note(SUBNET, name, pointer::cluster(index, "podSubnet"));
            }
            None => {}
        }
        let labels: Vec<Message> = long.iter().map(|(label, _)| label.clone()).collect();
        let Some(named) = first_few(&labels) else { continue };
        let setup = if pod_subnet {
            msg!(["uses Azure CNI Pod Subnet", "utilise Azure CNI Pod Subnet"])
        } else if cluster.plugin_assumed() {
            msg!([
                "is taken to use Azure CNI Overlay (it names no networkPlugin)",
                "est considéré comme en Azure CNI Overlay (il ne nomme aucun networkPlugin)"
            ])
        } else {
            msg!(["uses Azure CNI Overlay", "utilise Azure CNI Overlay"])
        };
        let mut subjects: Vec<String> = long.into_iter().map(|(_, subject)| subject).collect();
        subjects.push(pointer::cluster(index, if pod_subnet { "podSubnet" } else { "networkPluginMode" }));
        out.report(
            msg!(
                [
                    "cluster '{cluster}' {setup}, which takes subnet, VNet and VNet resource group names of \
                     at most {max} characters; over that limit: {named}",
                    "le cluster « {cluster} » {setup}, qui n’accepte pour le sous-réseau, le VNet et le \
                     groupe de ressources du VNet que des noms de {max} caractères au plus ; dépassent \
                     cette limite : {named}"
                ],
                cluster = &cluster.name,
                max = MAX_NAME,
            )
            .with_message("setup", setup)
            .with_message("named", named),
            subjects,
        );
    }
}

const SUBNET: crate::text::Text = text!(
    "subnet name '{name}' ({length} characters)",
    "le nom de sous-réseau « {name} » ({length} caractères)"
);
const VNET: crate::text::Text =
    text!("VNet name '{name}' ({length} characters)", "le nom de VNet « {name} » ({length} caractères)");
const RESOURCE_GROUP: crate::text::Text = text!(
    "VNet resource group name '{name}' ({length} characters)",
    "le nom du groupe de ressources du VNet, « {name} » ({length} caractères)"
);

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::OverlayNamesTooLong;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn name(length: usize) -> String {
        "n".repeat(length)
    }

    fn overlay() -> (&'static str, serde_json::Value) {
        ("/aksClusters/0/networkPluginMode", json!("overlay"))
    }

    #[test]
    fn fires_on_a_64_character_subnet_name() {
        let long = name(64);
        let changes =
            [overlay(), ("/vnets/0/subnets/0/name", json!(long)), ("/aksClusters/0/subnet", json!(long))];
        let found = assert_fires(OverlayNamesTooLong, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/0/name", "/aksClusters/0/networkPluginMode"]);
        assert_eq!(
            found[0].message,
            format!(
                "cluster 'ml-aks' uses Azure CNI Overlay, which takes subnet, VNet and VNet resource group \
                 names of at most 63 characters; over that limit: subnet name '{long}' (64 characters)"
            )
        );
        assert!(found[0].fix.is_none());
        assert!(found[0].text.render(Lang::Fr).ends_with(&format!(
            "dépassent cette limite : le nom de sous-réseau « {long} » (64 caractères)"
        )));
    }

    #[test]
    fn names_every_long_name_of_an_assumed_overlay_cluster() {
        let long = name(70);
        let changes = [
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/vnets/0/name", json!(long)),
            ("/vnets/0/resourceGroup", json!(long)),
            ("/aksClusters/0/vnet", json!(long)),
        ];
        let found = assert_fires(OverlayNamesTooLong, &changes);
        assert_eq!(
            found[0].subjects,
            ["/vnets/0/name", "/vnets/0/resourceGroup", "/aksClusters/0/networkPluginMode"]
        );
        assert!(found[0].message.starts_with("cluster 'ml-aks' is taken to use Azure CNI Overlay"));
    }

    #[test]
    fn fires_on_azure_cni_pod_subnet_and_names_a_long_pod_subnet() {
        let long = name(64);
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": long, "addressPrefix": "10.1.8.0/22"})),
            ("/aksClusters/0/podSubnet", json!(long)),
        ];
        let found = assert_fires(OverlayNamesTooLong, &changes);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/name", "/aksClusters/0/podSubnet"]);
        assert!(found[0].message.starts_with("cluster 'ml-aks' uses Azure CNI Pod Subnet, which takes"));
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .starts_with("le cluster « ml-aks » utilise Azure CNI Pod Subnet"));
        let resource_group = [
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/22"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
            ("/vnets/0/resourceGroup", json!(long)),
        ];
        assert_eq!(
            assert_fires(OverlayNamesTooLong, &resource_group)[0].subjects,
            ["/vnets/0/resourceGroup", "/aksClusters/0/podSubnet"]
        );
    }

    #[test]
    fn quiet_at_63_characters_and_off_overlay() {
        let edge = name(63);
        assert_quiet(
            OverlayNamesTooLong,
            &[
                overlay(),
                ("/vnets/0/subnets/0/name", json!(edge)),
                ("/aksClusters/0/subnet", json!(edge)),
                ("/vnets/0/resourceGroup", json!(edge)),
            ],
        );
        let long = name(64);
        assert_quiet(
            OverlayNamesTooLong,
            &[
                ("/vnets/0/resourceGroup", json!(long)),
                ("/vnets/0/subnets/0/name", json!(long)),
                ("/aksClusters/0/subnet", json!(long)),
            ],
        );
    }
}
