use serde_json::Value;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{Context, Placement};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::is_aks_delegation;
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The node subnet of an AKS cluster must not be delegated to any service, and its pod subnet \
         under Azure CNI Pod Subnet to none but AKS itself (Microsoft.ContainerService/managedClusters).",
        "Le sous-réseau des nœuds d’un cluster AKS ne doit être délégué à aucun service, et son \
         sous-réseau de pods en Azure CNI Pod Subnet à aucun autre qu’AKS lui-même \
         (Microsoft.ContainerService/managedClusters)."
    ),
    why: text!(
        "A delegated subnet belongs to the service it is delegated to (for example \
         Microsoft.ContainerInstance/containerGroups for ACI), and Azure keeps other resources out of \
         it. The AKS documentation states that a node pool subnet cannot be delegated, and the resource \
         provider refuses one with SubnetWithExternalResourcesCannotBeUsedByOtherResources, or with \
         SubnetIsDelegated even when the delegation names AKS. Under Azure CNI Pod Subnet the pods' \
         addresses come from the pod subnet and sit on the nodes' network interfaces, so a pod subnet \
         delegated to another service is refused the same way. AKS delegates the pod subnet to \
         Microsoft.ContainerService/managedClusters on its own when it creates the cluster, so that \
         delegation is expected there: an existing cluster's pod subnet shows it, and a pod subnet \
         delegated to AKS beforehand is accepted.",
        "Un sous-réseau délégué appartient au service auquel il est délégué (par exemple \
         Microsoft.ContainerInstance/containerGroups pour ACI), et Azure en écarte les autres \
         ressources. La documentation d’AKS précise que le sous-réseau d’un pool de nœuds ne peut pas \
         être délégué, et le fournisseur de ressources le refuse avec \
         SubnetWithExternalResourcesCannotBeUsedByOtherResources, ou avec SubnetIsDelegated même quand \
         la délégation nomme AKS. En Azure CNI Pod Subnet, les adresses des pods viennent du \
         sous-réseau de pods et se placent sur les interfaces réseau des nœuds : un sous-réseau de pods \
         délégué à un autre service est refusé de la même façon. AKS délègue lui-même le sous-réseau de \
         pods à Microsoft.ContainerService/managedClusters quand il crée le cluster : cette délégation \
         y est donc attendue, le sous-réseau de pods d’un cluster existant la montre, et un sous-réseau \
         de pods délégué à AKS d’avance est accepté."
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
        Source {
            title: "MicrosoftDocs/azure-docs issue 69774: AKS refuses a node subnet delegated to AKS with \
                    SubnetIsDelegated",
            location: "https://github.com/MicrosoftDocs/azure-docs/issues/69774",
            date: "2021-01-31",
        },
        Source {
            title: "MicrosoftDocs/azure-docs issue 103167: dynamic IP allocation delegates the pod subnet \
                    to AKS",
            location: "https://github.com/MicrosoftDocs/azure-docs/issues/103167",
            date: "2022-12-27",
        },
        Source {
            title: "Azure/ARO-HCP pull requests 469 and 471: AKS adds the pod subnet's delegation itself, \
                    and a delegation made beforehand stays",
            location: "https://github.com/Azure/ARO-HCP/pull/471",
            date: "2024-08-08",
        },
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
            let (refused, kept): (Vec<&String>, Vec<&String>) = subnet
                .delegations
                .iter()
                .partition(|name| matches!(role, SubnetRole::Nodes) || !is_aks_delegation(name));
            if refused.is_empty() {
                continue;
            }
            let used_by_aci =
                context.aci.contains(&Placement { vnet: Some(vnet), subnet: Some(subnet_index) });
            let fix = (!used_by_aci).then(|| {
                let title = if kept.is_empty() {
                    msg!(
                        [
                            "remove the delegations of subnet '{subnet}', which no ACI deployment of the plan uses",
                            "retirer les délégations du sous-réseau « {subnet} », qu’aucun déploiement ACI du plan \
                             n’utilise"
                        ],
                        subnet = &subnet.name,
                    )
                } else {
                    msg!(
                        [
                            "remove the delegations of subnet '{subnet}' other than AKS's own; no ACI deployment \
                             of the plan uses it",
                            "retirer les délégations du sous-réseau « {subnet} » autres que celle d’AKS ; aucun \
                             déploiement ACI du plan ne l’utilise"
                        ],
                        subnet = &subnet.name,
                    )
                };
                let kept = kept.iter().map(|name| Value::String((*name).clone())).collect();
                Fix::set(title, pointer::subnet_delegations(vnet, subnet_index), Value::Array(kept))
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
            .with_message("delegations", quoted_list(&refused));
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
    /// network interfaces, which a subnet delegated to another service refuses as it refuses the
    /// nodes. AKS's own delegation is the one it adds there itself.
    Pods,
}

/// Each name in the quotation marks of the message's language, separated by commas.
fn quoted_list(names: &[&String]) -> Message {
    let quoted = |name: &&String| msg!(["'{name}'", "« {name} »"], name = *name);
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
    use serde_json::{json, Value};

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

    /// Base's cluster on Azure CNI with its pods in a new subnet `pods`, delegated as given.
    fn pod_subnet_delegated_to(delegations: Value) -> Vec<(&'static str, Value)> {
        vec![
            (
                "/vnets/0/subnets/-",
                json!({"name": "pods", "addressPrefix": "10.1.8.0/24", "delegations": delegations}),
            ),
            ("/aksClusters/0/networkPlugin", json!("azure")),
            ("/aksClusters/0/podSubnet", json!("pods")),
        ]
    }

    #[test]
    fn quiet_on_a_pod_subnet_delegated_to_aks_whatever_the_case() {
        assert_quiet(
            AksSubnetDelegated,
            &pod_subnet_delegated_to(json!(["Microsoft.ContainerService/managedClusters"])),
        );
        assert_quiet(
            AksSubnetDelegated,
            &pod_subnet_delegated_to(json!(["microsoft.containerservice/managedclusters"])),
        );
    }

    #[test]
    fn fires_on_a_node_subnet_delegated_to_aks() {
        let changes =
            [("/vnets/0/subnets/0/delegations", json!(["Microsoft.ContainerService/managedClusters"]))];
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert!(found[0].message.ends_with("delegated to 'Microsoft.ContainerService/managedClusters'"));
        assert_fix_resolves(AksSubnetDelegated, &changes);
    }

    #[test]
    fn names_only_the_other_services_of_a_pod_subnet_and_keeps_the_aks_delegation() {
        let changes = pod_subnet_delegated_to(json!([
            "Microsoft.ContainerService/managedClusters",
            "Microsoft.Web/serverFarms"
        ]));
        let found = assert_fires(AksSubnetDelegated, &changes);
        assert_eq!(
            found[0].message,
            "subnet 'pods' of VNet 'ml-vnet', the pod subnet of cluster 'ml-aks', is delegated to \
             'Microsoft.Web/serverFarms'"
        );
        let fix = found[0].fix.as_ref().expect("no ACI deployment uses the subnet");
        assert_eq!(
            fix.text.render(Lang::En),
            "remove the delegations of subnet 'pods' other than AKS's own; no ACI deployment of the plan uses it"
        );
        assert_eq!(fix.changes[0].value, json!(["Microsoft.ContainerService/managedClusters"]));
        assert_fix_resolves(AksSubnetDelegated, &changes);
    }

    #[test]
    fn quiet_on_an_undelegated_node_subnet() {
        assert_quiet(AksSubnetDelegated, &[]);
        assert_quiet(AksSubnetDelegated, &aci());
        assert_quiet(AksSubnetDelegated, &aci_with(&[("/aksClusters/0/podSubnet", json!("aks"))]));
    }
}
