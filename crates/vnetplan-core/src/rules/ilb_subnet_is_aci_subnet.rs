use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::is_aci_delegation;
use crate::plan::ACI_DELEGATION;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The subnet from which an internal load balancer takes its address (loadBalancerSubnet, or \
         the node subnet when that field is empty) must not be delegated to \
         Microsoft.ContainerInstance/containerGroups.",
        "Le sous-réseau dont un équilibreur de charge interne tire son adresse (loadBalancerSubnet, \
         ou le sous-réseau des nœuds si ce champ est vide) ne doit pas être délégué à \
         Microsoft.ContainerInstance/containerGroups."
    ),
    why: text!(
        "Once a subnet is delegated to Azure Container Instances it can hold container groups only: \
         Azure refuses any other kind of resource there, a load balancer front end included. The \
         Kubernetes service that asks for the private address never gets one, and the scoring \
         endpoint stays unreachable.",
        "Un sous-réseau délégué à Azure Container Instances ne peut contenir que des groupes de \
         conteneurs : Azure y refuse toute autre ressource, y compris l’adresse frontale d’un \
         équilibreur de charge. Le service Kubernetes qui demande l’adresse privée ne l’obtient \
         jamais et le point de terminaison de scoring reste injoignable."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/aksClusters/0/loadBalancerType", r#""InternalLoadBalancer""#),
        ("/aksClusters/0/loadBalancerSubnet", r#""aci""#),
    ]),
    fix: text!(
        "Give the internal load balancer a subnet of its own (or the node subnet) in the cluster's \
         VNet, and keep the delegated subnet for ACI deployments alone.",
        "Donnez à l’équilibreur de charge interne un sous-réseau dédié (ou le sous-réseau des nœuds) \
         dans le VNet du cluster, et réservez le sous-réseau délégué aux seuls déploiements ACI."
    ),
    sources: &[
        sources::CONTAINER_INSTANCES_VIRTUAL_NETWORK_CONCEPTS,
        Source {
            title: "What is subnet delegation?",
            location:
                "MicrosoftDocs/azure-docs:articles/virtual-network/subnet-delegation-overview.md@223ece96",
            date: "223ece96",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.v1_clusters() {
        let (Some(vnet), Some(subnet)) = (facts.node.vnet, facts.load_balancer_subnet) else { continue };
        let Some(delegations) = context.subnet(vnet, subnet).map(|s| &s.delegations) else { continue };
        let Some(position) = delegations.iter().position(|d| is_aci_delegation(d)) else { continue };
        let name = context.subnet_name(vnet, subnet);
        let subnet_named = msg!(["subnet '{name}'", "le sous-réseau « {name} »"], name = name);
        let (field, which) = if cluster.load_balancer_subnet.is_some() {
            ("loadBalancerSubnet", subnet_named)
        } else {
            (
                "subnet",
                msg!([
                    "{subnet} (the node subnet, as loadBalancerSubnet is empty)",
                    "{subnet} (le sous-réseau des nœuds, loadBalancerSubnet étant vide)"
                ])
                .with_message("subnet", subnet_named),
            )
        };
        out.report(
            msg!(
                [
                    "the internal load balancer of cluster '{cluster}' takes its address from {which} of \
                     VNet '{vnet}', which is delegated to {delegation}",
                    "l’équilibreur de charge interne du cluster « {cluster} » prend son adresse dans \
                     {which} du VNet « {vnet} », délégué à {delegation}"
                ],
                cluster = &cluster.name,
                vnet = cluster.vnet_name(),
                delegation = ACI_DELEGATION,
            )
            .with_message("which", which),
            vec![pointer::cluster(index, field), pointer::subnet_delegation(vnet, subnet, position)],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbSubnetIsAciSubnet;
    use crate::testing::{aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_named_aci_subnet() {
        let changes = aci_with(&[
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("aci")),
        ]);
        let found = assert_fires(IlbSubnetIsAciSubnet, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/loadBalancerSubnet", "/vnets/0/subnets/1/delegations/0"]
        );
        assert_eq!(
            found[0].message,
            "the internal load balancer of cluster 'ml-aks' takes its address from subnet 'aci' of VNet \
             'ml-vnet', which is delegated to Microsoft.ContainerInstance/containerGroups"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’équilibreur de charge interne du cluster « ml-aks » prend son adresse dans le sous-réseau \
             « aci » du VNet « ml-vnet », délégué à Microsoft.ContainerInstance/containerGroups"
        );
    }

    #[test]
    fn fires_on_a_delegated_node_subnet_by_default() {
        let changes = [
            (
                "/vnets/0/subnets/0/delegations",
                json!(["Microsoft.Sql/managedInstances", "Microsoft.ContainerInstance/containerGroups"]),
            ),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
        ];
        let found = assert_fires(IlbSubnetIsAciSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/subnet", "/vnets/0/subnets/0/delegations/1"]);
        assert!(found[0].message.contains("(the node subnet, as loadBalancerSubnet is empty)"));
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .contains("(le sous-réseau des nœuds, loadBalancerSubnet étant vide)"));
    }

    #[test]
    fn matches_the_delegation_whatever_its_case() {
        let changes = [
            ("/vnets/0/subnets/0/delegations", json!(["microsoft.containerinstance/containergroups"])),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
        ];
        let found = assert_fires(IlbSubnetIsAciSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/subnet", "/vnets/0/subnets/0/delegations/0"]);
    }

    #[test]
    fn quiet_for_a_public_or_undelegated_load_balancer() {
        assert_quiet(IlbSubnetIsAciSubnet, &[]);
        assert_quiet(
            IlbSubnetIsAciSubnet,
            &[("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer"))],
        );
        let public = aci_with(&[("/aksClusters/0/loadBalancerSubnet", json!("aci"))]);
        assert_quiet(IlbSubnetIsAciSubnet, &public);
    }
}
