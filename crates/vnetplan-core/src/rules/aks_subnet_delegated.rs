use serde_json::Value;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::pointer;
use crate::finding::{Draft, Fix, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The node subnet of an AKS cluster must not be delegated to any service.",
        "Le sous-réseau des nœuds d’un cluster AKS ne doit être délégué à aucun service."
    ),
    why: text!(
        "A delegated subnet belongs to the service it is delegated to (for example \
         Microsoft.ContainerInstance/containerGroups for ACI), and Azure keeps other resources out of \
         it. The AKS documentation states that a node pool subnet cannot be delegated, and the resource \
         provider refuses one with SubnetWithExternalResourcesCannotBeUsedByOtherResources.",
        "Un sous-réseau délégué appartient au service auquel il est délégué (par exemple \
         Microsoft.ContainerInstance/containerGroups pour ACI), et Azure en écarte les autres \
         ressources. La documentation d’AKS précise que le sous-réseau d’un pool de nœuds ne peut pas \
         être délégué, et le fournisseur de ressources le refuse avec \
         SubnetWithExternalResourcesCannotBeUsedByOtherResources."
    ),
    example: Example(&[
        ("/vnets/0/subnets/0/delegations", r#"["Microsoft.ContainerInstance/containerGroups"]"#),
    ]),
    fix: text!(
        "Give the cluster a subnet of its own without delegations. When no ACI deployment of the plan \
         uses the subnet, the suggested fix removes the delegation instead; otherwise keep the delegated \
         subnet for ACI and move the nodes elsewhere.",
        "Donnez au cluster un sous-réseau à lui, sans délégation. Si aucun déploiement ACI du plan \
         n’utilise ce sous-réseau, le correctif proposé retire plutôt la délégation ; sinon, gardez le \
         sous-réseau délégué pour ACI et placez les nœuds ailleurs."
    ),
    sources: &[
        Source {
            title: "Azure Kubernetes Service (AKS) CNI networking overview",
            location: "https://learn.microsoft.com/azure/aks/concepts-network-cni-overview",
            date: "2026-07-10",
        },
        Source {
            title: "AKS Legacy Container Networking Interfaces (CNI)",
            location: "https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni",
            date: "2026-08-21",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(subnet_index)) = (facts.node.vnet, facts.node.subnet) else { continue };
        let Some(subnet) = context.subnet(vnet, subnet_index) else { continue };
        if subnet.delegations.is_empty() {
            continue;
        }
        let used_by_aci = context.aci.contains(&facts.node);
        let fix = (!used_by_aci).then(|| {
            Fix::set(
                format!(
                    "remove the delegations of subnet '{}', which no ACI deployment of the plan uses",
                    subnet.name
                ),
                pointer::subnet_delegations(vnet, subnet_index),
                Value::Array(Vec::new()),
            )
        });
        out.push(
            Draft::new(format!(
                    "subnet '{}' of VNet '{}', the node subnet of cluster '{}', is delegated to '{}'",
                    subnet.name,
                    context.vnet_name(vnet),
                    cluster.name,
                    subnet.delegations.join("', '")
                ),
                vec![pointer::subnet_delegations(vnet, subnet_index), pointer::cluster(index, "subnet")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksSubnetDelegated;
    use crate::testing::{aci, aci_with, assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_delegated_node_subnet() {
        let changes = [("/vnets/0/subnets/0/delegations", json!(["Microsoft.Web/serverFarms"]))];
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/0/delegations", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aks' of VNet 'ml-vnet', the node subnet of cluster 'ml-aks', is delegated to \
             'Microsoft.Web/serverFarms'"
        );
        assert_fix_resolves(AksSubnetDelegated, &changes);
    }

    #[test]
    fn no_fix_when_aci_uses_the_subnet() {
        let changes = aci_with(&[("/aksClusters/0/subnet", json!("aci"))]);
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert_eq!(found[0].subjects[0], "/vnets/0/subnets/1/delegations");
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn quiet_on_an_undelegated_node_subnet() {
        assert_quiet(AksSubnetDelegated, &[]);
        assert_quiet(AksSubnetDelegated, &aci());
    }
}
