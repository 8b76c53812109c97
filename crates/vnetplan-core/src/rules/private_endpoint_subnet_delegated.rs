use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The workspace's private endpoint cannot be placed in a subnet delegated to a service.",
        "Le point de terminaison privé de l’espace de travail ne peut pas être placé dans un sous-réseau \
         délégué à un service."
    ),
    why: text!(
        "A delegated subnet belongs to the service it is delegated to, and Azure refuses to create a \
         private endpoint in it. A subnet delegated to Azure Container Instances accepts container groups \
         and nothing else. The subnet left behind by an ACI deployment that was moved away, or one \
         delegated to another service, is still delegated. When an ACI deployment shares the subnet, \
         aci-subnet-shared reports it instead.",
        "Un sous-réseau délégué appartient au service auquel il est délégué, et Azure refuse d’y créer un \
         point de terminaison privé. Un sous-réseau délégué à Azure Container Instances n’accepte que des \
         groupes de conteneurs. Le sous-réseau laissé par un déploiement ACI déplacé ailleurs, ou délégué \
         à un autre service, reste délégué. Quand un déploiement ACI partage le sous-réseau, \
         aci-subnet-shared le signale à la place."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "aci"}"#),
    ]),
    fix: text!(
        "Place the private endpoint in a subnet without delegation, or remove the delegation if nothing of \
         that service is left in the subnet.",
        "Placez le point de terminaison privé dans un sous-réseau sans délégation, ou retirez la délégation \
         si plus rien de ce service ne reste dans le sous-réseau."
    ),
    sources: &[sources::SUBNET_DELEGATION_OVERVIEW, sources::CONTAINER_INSTANCES_VIRTUAL_NETWORK_CONCEPTS],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(endpoint) = &context.plan.workspace.private_endpoint else { return };
    let placement = context.placement(&endpoint.vnet, &endpoint.subnet);
    let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) else { return };
    let Some(delegated) = context.subnet(vnet, subnet).filter(|found| !found.delegations.is_empty()) else {
        return;
    };
    let shared_with_aci = context.aci.iter().any(|aci| aci.vnet == Some(vnet) && aci.subnet == Some(subnet));
    if shared_with_aci {
        return;
    }
    out.report(
        msg!(
            [
                "the workspace's private endpoint is placed in subnet '{subnet}' of VNet '{vnet}', which is \
                 delegated to {delegation}",
                "le point de terminaison privé de l’espace de travail est placé dans le sous-réseau \
                 « {subnet} » du VNet « {vnet} », délégué à {delegation}"
            ],
            subnet = context.subnet_name(vnet, subnet),
            vnet = context.vnet_name(vnet),
            delegation = delegated.delegations.join(", "),
        ),
        vec![pointer::private_endpoint("subnet"), pointer::subnet(vnet, subnet, "delegations")],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PrivateEndpointSubnetDelegated;
    use crate::testing::{aci, assert_fires, assert_quiet};
    use crate::text::Lang;

    const ACI_SUBNET: &str = "Microsoft.ContainerInstance/containerGroups";

    #[test]
    fn fires_for_a_delegated_subnet_without_container_groups() {
        let changes = [
            (
                "/vnets/0/subnets/-",
                json!({"name": "old-aci", "addressPrefix": "10.1.8.0/24", "delegations": [ACI_SUBNET]}),
            ),
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "old-aci"})),
        ];
        let found = assert_fires(PrivateEndpointSubnetDelegated, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/workspace/privateEndpoint/subnet", "/vnets/0/subnets/1/delegations"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison privé de l’espace de travail est placé dans le sous-réseau « old-aci » \
             du VNet « ml-vnet », délégué à Microsoft.ContainerInstance/containerGroups"
        );
    }

    #[test]
    fn quiet_without_delegation_or_when_aci_shares_the_subnet() {
        let plain = [
            ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.8.0/24"})),
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
        ];
        assert_quiet(PrivateEndpointSubnetDelegated, &plain);
        let mut shared = aci();
        shared.push(("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aci"})));
        assert_quiet(PrivateEndpointSubnetDelegated, &shared);
    }
}
