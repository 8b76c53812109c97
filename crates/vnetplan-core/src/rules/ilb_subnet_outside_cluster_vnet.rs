use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster's loadBalancerSubnet must be a subnet of the cluster's own VNet. The rule reports \
         a name that matches no subnet there but does match a subnet of another VNet of the plan; a \
         name found nowhere is left to unknown-subnet. Names are compared without regard to case.",
        "Le loadBalancerSubnet d’un cluster doit être un sous-réseau du VNet du cluster. La règle \
         signale un nom qui ne correspond à aucun sous-réseau de ce VNet mais à un sous-réseau d’un \
         autre VNet du plan ; un nom qui n’existe nulle part relève d’unknown-subnet. Les noms se \
         comparent sans tenir compte de la casse."
    ),
    why: text!(
        "AKS places an internal load balancer's front end in a subnet of the virtual network that \
         holds the cluster, and its documentation requires that subnet to be in that same network. A \
         subnet of a peered or unrelated VNet cannot be used, so the service never receives its \
         private address.",
        "AKS place l’adresse frontale d’un équilibreur de charge interne dans un sous-réseau du \
         réseau virtuel qui héberge le cluster, et sa documentation exige que ce sous-réseau \
         appartienne à ce même réseau. Un sous-réseau d’un VNet appairé ou sans rapport ne peut pas \
         servir : le service ne reçoit jamais son adresse privée."
    ),
    example: Example(&[
        (
            "/vnets/-",
            r#"{"name": "hub-vnet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.5.0.0/16"], "subnets": [{"name": "ilb", "addressPrefix": "10.5.1.0/24"}]}"#,
        ),
        ("/aksClusters/0/loadBalancerType", r#""InternalLoadBalancer""#),
        ("/aksClusters/0/loadBalancerSubnet", r#""ilb""#),
    ]),
    fix: text!(
        "Create the load balancer subnet inside the cluster's VNet (or choose one already there) and \
         name it, or leave loadBalancerSubnet empty so that the load balancer uses the node subnet.",
        "Créez le sous-réseau de l’équilibreur de charge dans le VNet du cluster (ou choisissez-en \
         un qui s’y trouve déjà) et nommez-le, ou laissez loadBalancerSubnet vide pour que \
         l’équilibreur de charge utilise le sous-réseau des nœuds."
    ),
    sources: &[sources::INTERNAL_LB_2026_07_31],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.v1_clusters() {
        let Some(name) = cluster.load_balancer_subnet.as_deref() else { continue };
        let Some(vnet) = facts.node.vnet else { continue };
        if context.subnet_named(vnet, name).is_some() {
            continue;
        }
        let elsewhere = (0..context.vnets.len())
            .filter(|other| *other != vnet)
            .find_map(|other| context.subnet_named(other, name).map(|subnet| (other, subnet)));
        let Some((other, subnet)) = elsewhere else { continue };
        out.report(
            msg!(
                [
                    "load balancer subnet '{name}' of cluster '{cluster}' is a subnet of VNet '{other}', not \
                     of the cluster's VNet '{vnet}'",
                    "le sous-réseau d’équilibreur de charge « {name} » du cluster « {cluster} » appartient \
                     au VNet « {other} », pas au VNet du cluster « {vnet} »"
                ],
                name = name,
                cluster = &cluster.name,
                other = context.vnet_name(other),
                vnet = cluster.vnet_name(),
            ),
            vec![pointer::cluster(index, "loadBalancerSubnet"), pointer::subnet(other, subnet, "name")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbSubnetOutsideClusterVnet;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn hub_vnet() -> (&'static str, serde_json::Value) {
        (
            "/vnets/-",
            json!({
                "name": "hub-vnet",
                "resourceGroup": "ml-rg",
                "addressPrefixes": ["10.5.0.0/16"],
                "subnets": [
                    { "name": "gateway", "addressPrefix": "10.5.0.0/24" },
                    { "name": "ilb", "addressPrefix": "10.5.1.0/24" }
                ]
            }),
        )
    }

    #[test]
    fn fires_on_a_subnet_of_another_vnet() {
        let changes = [
            hub_vnet(),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
        ];
        let found = assert_fires(IlbSubnetOutsideClusterVnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerSubnet", "/vnets/1/subnets/1/name"]);
        assert_eq!(
            found[0].message,
            "load balancer subnet 'ilb' of cluster 'ml-aks' is a subnet of VNet 'hub-vnet', not of the \
             cluster's VNet 'ml-vnet'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau d’équilibreur de charge « ilb » du cluster « ml-aks » appartient au VNet \
             « hub-vnet », pas au VNet du cluster « ml-vnet »"
        );
    }

    #[test]
    fn quiet_in_the_cluster_vnet_or_when_named_nowhere() {
        assert_quiet(IlbSubnetOutsideClusterVnet, &[]);
        assert_quiet(
            IlbSubnetOutsideClusterVnet,
            &[
                hub_vnet(),
                ("/vnets/0/subnets/-", json!({"name": "ilb", "addressPrefix": "10.1.4.0/24"})),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
            ],
        );
        assert_quiet(
            IlbSubnetOutsideClusterVnet,
            &[
                hub_vnet(),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("missing")),
            ],
        );
    }
}
