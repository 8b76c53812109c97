use crate::capacity::{node_subnets, who_needs, NodeSubnet};
use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::smallest_subnet_for;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A node subnet should hold every cluster that uses it at its upgrade peak and still have room \
         for one more node of the most demanding of them: 1 + maxPods addresses for plain Azure CNI, 1 \
         address for kubenet or overlay. The need is summed over all clusters sharing the subnet.",
        "Un sous-réseau de nœuds devrait contenir tous les clusters qui l’utilisent au pic de leur mise \
         à niveau, et garder encore la place d’un nœud de plus pour le plus exigeant d’entre eux : 1 + \
         maxPods adresses en Azure CNI classique, 1 adresse en kubenet ou en overlay. Le besoin est \
         additionné sur tous les clusters qui partagent le sous-réseau."
    ),
    why: text!(
        "A subnet sized to the exact need works until the first scale-out, a larger surge or a new \
         internal load balancer, which then fails with SubnetIsFull. The AKS documentation warns that a \
         subnet cannot in practice run the largest node count its size allows, and a subnet in use is \
         hard to grow later.",
        "Un sous-réseau dimensionné au plus juste fonctionne jusqu’au premier ajout de nœuds, à un \
         maxSurge plus élevé ou à un nouvel équilibreur de charge interne, qui échoue alors avec \
         SubnetIsFull. La documentation d’AKS prévient qu’un sous-réseau ne peut pas, en pratique, faire \
         tourner le nombre maximal de nœuds que permet sa taille, et un sous-réseau en service est \
         difficile à agrandir ensuite."
    ),
    example: Example(&[
        ("/vnets/0/subnets/0/addressPrefix", r#""10.1.0.0/25""#),
        ("/aksClusters/0/maxPods", "29"),
    ]),
    fix: text!(
        "Plan a larger node subnet (the message names a prefix that leaves room for one more node), \
         lower maxPods, or move a cluster to a subnet of its own. No change is proposed automatically: \
         resizing a subnet is the user’s decision.",
        "Prévoyez un sous-réseau de nœuds plus grand (le message indique un préfixe qui laisse la place \
         d’un nœud de plus), baissez maxPods ou donnez à un cluster son propre sous-réseau. Aucune \
         modification n’est proposée automatiquement : redimensionner un sous-réseau est une décision de \
         l’utilisateur."
    ),
    sources: &[sources::CONCEPTS_NETWORK_LEGACY_CNI, sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // One finding per node subnet: one more node of whichever cluster there needs the most.
    for node in node_subnets(context) {
        let NodeSubnet { vnet, subnet, net, usable, subnet_needed: needed, headroom: per_node, .. } = node;
        let with_one_more = needed.saturating_add(per_node);
        if usable < needed || usable >= with_one_more {
            continue;
        }
        let mut message = msg!(
            [
                "subnet '{subnet}' ({net}) of VNet '{vnet}' has {usable} usable addresses and {who} \
                 {needed}, so one more node ({per_node} addresses) would not fit",
                "le sous-réseau « {subnet} » ({net}) du VNet « {vnet} » a {usable} adresses utilisables et \
                 {who} {needed} : un nœud de plus ({per_node} adresses) n’y tiendrait pas"
            ],
            subnet = context.subnet_name(vnet, subnet),
            net = net,
            vnet = context.vnet_name(vnet),
            usable = usable,
            needed = needed,
            per_node = per_node,
        )
        .with_message("who", who_needs(context, &node));
        if let Some(len) = smallest_subnet_for(with_one_more) {
            message = msg!(
                [
                    "{fits_now}; a /{len} leaves room for one more",
                    "{fits_now} ; un /{len} laisse la place d’un nœud de plus"
                ],
                len = len,
            )
            .with_message("fits_now", message);
        }
        out.report(message, node.subjects());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksSubnetNoHeadroom;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_one_more_node_would_not_fit() {
        // 4 nodes x (1 + 29) = 120 of 123 usable: 3 spare, 30 needed for another node.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/25")),
            ("/aksClusters/0/maxPods", json!(29)),
        ];
        let found = assert_fires(AksSubnetNoHeadroom, &changes);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/0/addressPrefix", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aks' (10.1.0.0/25) of VNet 'ml-vnet' has 123 usable addresses and cluster \
             'ml-aks' needs 120, so one more node (30 addresses) would not fit; a /24 leaves room \
             for one more"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « aks » (10.1.0.0/25) du VNet « ml-vnet » a 123 adresses utilisables et le \
             cluster « ml-aks » demande 120 : un nœud de plus (30 adresses) n’y tiendrait pas ; un /24 \
             laisse la place d’un nœud de plus"
        );
    }

    #[test]
    fn fires_on_an_exact_fit_with_kubenet() {
        // A /29 has 3 usable addresses: 2 nodes plus a surge of 1.
        assert_fires(
            AksSubnetNoHeadroom,
            &[
                ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/29")),
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
                ("/aksClusters/0/nodeCount", json!(2)),
            ],
        );
    }

    #[test]
    fn quiet_with_room_or_when_already_too_small() {
        assert_quiet(AksSubnetNoHeadroom, &[]);
        assert_quiet(AksSubnetNoHeadroom, &[("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/25"))]);
        assert_quiet(
            AksSubnetNoHeadroom,
            &[
                ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/25")),
                ("/aksClusters/0/maxPods", json!(20)),
            ],
        );
    }
}
