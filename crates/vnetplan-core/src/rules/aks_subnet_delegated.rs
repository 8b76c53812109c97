use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::{Context, Placement};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The node subnet of an AKS cluster, and its pod subnet under Azure CNI Pod Subnet, must not be \
         delegated to any service.",
        "Le sous-réseau des nœuds d’un cluster AKS, et son sous-réseau de pods en Azure CNI Pod Subnet, \
         ne doivent être délégués à aucun service."
    ),
    why: text!(
        "A delegated subnet belongs to the service it is delegated to (for example \
         Microsoft.ContainerInstance/containerGroups for ACI), and Azure keeps other resources out of \
         it. The AKS documentation states that a node pool subnet cannot be delegated, and the resource \
         provider refuses one with SubnetWithExternalResourcesCannotBeUsedByOtherResources. Under Azure \
         CNI Pod Subnet the pods' addresses come from the pod subnet and sit on the nodes' network \
         interfaces, so a delegated pod subnet is refused the same way.",
        "Un sous-réseau délégué appartient au service auquel il est délégué (par exemple \
         Microsoft.ContainerInstance/containerGroups pour ACI), et Azure en écarte les autres \
         ressources. La documentation d’AKS précise que le sous-réseau d’un pool de nœuds ne peut pas \
         être délégué, et le fournisseur de ressources le refuse avec \
         SubnetWithExternalResourcesCannotBeUsedByOtherResources. En Azure CNI Pod Subnet, les adresses \
         des pods viennent du sous-réseau de pods et se placent sur les interfaces réseau des nœuds : un \
         sous-réseau de pods délégué est refusé de la même façon."
    ),
    example: Example(&[(
        "/vnets/0/subnets/0/delegations",
        r#"["Microsoft.ContainerInstance/containerGroups"]"#,
    )]),
    fix: text!(
        "Give the cluster a subnet of its own without delegations. When no ACI deployment of the plan \
         uses the subnet, the suggested fix removes the delegation instead; otherwise keep the delegated \
         subnet for ACI and move the nodes elsewhere.",
        "Donnez au cluster un sous-réseau à lui, sans délégation. Si aucun déploiement ACI du plan \
         n’utilise ce sous-réseau, le correctif proposé retire plutôt la délégation ; sinon, gardez le \
         sous-réseau délégué pour ACI et placez les nœuds ailleurs."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_CNI_OVERVIEW,
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
        sources::CONTAINER_INSTANCES_VNET,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(vnet) = facts.node.vnet else { continue };
        let pod_subnet = facts.pod_subnet.filter(|_| !facts.pods_in_node_subnet());
        let roles = [(facts.node.subnet, SubnetRole::Nodes), (pod_subnet, SubnetRole::Pods)];
        for (subnet_index, role) in roles {
            let Some(subnet_index) = subnet_index else { continue };
            let Some(subnet) = context.subnet(vnet, subnet_index) else { continue };
            if subnet.delegations.is_empty() {
                continue;
            }
            let used_by_aci =
                context.aci.contains(&Placement { vnet: Some(vnet), subnet: Some(subnet_index) });
            let fix = (!used_by_aci).then(|| {
                let title = msg!(
                    [
                        "remove the delegations of subnet '{subnet}', which no ACI deployment of the plan uses",
                        "retirer les délégations du sous-réseau « {subnet} », qu’aucun déploiement ACI du plan \
                         n’utilise"
                    ],
                    subnet = &subnet.name,
                );
                Fix::set(title, pointer::subnet_delegations(vnet, subnet_index), Value::Array(Vec::new()))
            });
            let message = match role {
                SubnetRole::Nodes => msg!(
                    [
                        "subnet '{subnet}' of VNet '{vnet}', the node subnet of cluster '{cluster}', is \
                         delegated to {delegations}",
                        "le sous-réseau « {subnet} » du VNet « {vnet} », sous-réseau des nœuds du cluster \
                         « {cluster} », est délégué à {delegations}"
                    ],
                    subnet = &subnet.name,
                    vnet = context.vnet_name(vnet),
                    cluster = &cluster.name,
                ),
                SubnetRole::Pods => msg!(
                    [
                        "subnet '{subnet}' of VNet '{vnet}', the pod subnet of cluster '{cluster}', is \
                         delegated to {delegations}",
                        "le sous-réseau « {subnet} » du VNet « {vnet} », sous-réseau des pods du cluster \
                         « {cluster} », est délégué à {delegations}"
                    ],
                    subnet = &subnet.name,
                    vnet = context.vnet_name(vnet),
                    cluster = &cluster.name,
                ),
            }
            .with_message("delegations", quoted_list(&subnet.delegations));
            let field = match role {
                SubnetRole::Nodes => "subnet",
                SubnetRole::Pods => "podSubnet",
            };
            out.push(
                Draft::new(
                    message,
                    vec![pointer::subnet_delegations(vnet, subnet_index), pointer::cluster(index, field)],
                )
                .with_fix(fix),
            );
        }
    }
}

#[derive(Clone, Copy)]
enum SubnetRole {
    Nodes,
    /// A pod subnet apart from the node subnet: Azure puts the pods' addresses on the nodes'
    /// network interfaces, which a delegated subnet refuses as it refuses the nodes.
    Pods,
}

/// Each name in the quotation marks of the message's language, separated by commas.
fn quoted_list(names: &[String]) -> Message {
    let quoted = |name: &String| msg!(["'{name}'", "« {name} »"], name = name);
    let mut names = names.iter();
    let first = names.next().map_or_else(|| msg!(["''", "« »"]), quoted);
    names.fold(first, |listed, name| {
        msg!(["{listed}, {name}", "{listed}, {name}"])
            .with_message("listed", listed)
            .with_message("name", quoted(name))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksSubnetDelegated;
    use crate::testing::{aci, aci_with, assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

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
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « aks » du VNet « ml-vnet », sous-réseau des nœuds du cluster « ml-aks », est \
             délégué à « Microsoft.Web/serverFarms »"
        );
        let fix = found[0].fix.as_ref().expect("no ACI deployment uses the subnet");
        assert_eq!(
            fix.text.render(Lang::Fr),
            "retirer les délégations du sous-réseau « aks », qu’aucun déploiement ACI du plan n’utilise"
        );
        assert_fix_resolves(AksSubnetDelegated, &changes);
    }

    #[test]
    fn lists_every_delegation_in_each_language() {
        let changes = [(
            "/vnets/0/subnets/0/delegations",
            json!(["Microsoft.Web/serverFarms", "Microsoft.Sql/managedInstances"]),
        )];
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert!(
            found[0]
                .message
                .ends_with("delegated to 'Microsoft.Web/serverFarms', 'Microsoft.Sql/managedInstances'"),
            "{}",
            found[0].message
        );
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .ends_with("délégué à « Microsoft.Web/serverFarms », « Microsoft.Sql/managedInstances »"));
    }

    #[test]
    fn no_fix_when_aci_uses_the_subnet() {
        let changes = aci_with(&[("/aksClusters/0/subnet", json!("aci"))]);
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert_eq!(found[0].subjects[0], "/vnets/0/subnets/1/delegations");
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_on_a_delegated_pod_subnet_and_once_when_it_is_the_node_subnet() {
        let pods = |subnet: &str| {
            aci_with(&[
                ("/aksClusters/0/networkPlugin", json!("azure")),
                ("/aksClusters/0/podSubnet", json!(subnet)),
            ])
        };
        let found = assert_fires(AksSubnetDelegated, &pods("aci"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/delegations", "/aksClusters/0/podSubnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aci' of VNet 'ml-vnet', the pod subnet of cluster 'ml-aks', is delegated to \
             'Microsoft.ContainerInstance/containerGroups'"
        );
        assert!(found[0].fix.is_none(), "ACI uses the subnet");
        assert!(found[0].text.render(Lang::Fr).contains("sous-réseau des pods du cluster « ml-aks »"));
        let mut both = pods("aci");
        both.push(("/aksClusters/0/subnet", json!("aci")));
        let found = assert_fires(AksSubnetDelegated, &both);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects[1], "/aksClusters/0/subnet");
    }

    #[test]
    fn quiet_on_an_undelegated_node_subnet() {
        assert_quiet(AksSubnetDelegated, &[]);
        assert_quiet(AksSubnetDelegated, &aci());
        assert_quiet(AksSubnetDelegated, &aci_with(&[("/aksClusters/0/podSubnet", json!("aks"))]));
    }
}
