use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::ACI_DELEGATION;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The subnet an ACI deployment names must be delegated to \
         Microsoft.ContainerInstance/containerGroups.",
        "Le sous-réseau que nomme un déploiement ACI doit être délégué à \
         Microsoft.ContainerInstance/containerGroups."
    ),
    why: text!(
        "Container Instances only places a container group in a subnet delegated to \
         Microsoft.ContainerInstance/containerGroups. Without the delegation the container group cannot \
         be created and the Azure ML web service deployment fails. Once delegated, the subnet holds \
         container groups and nothing else.",
        "Container Instances ne place un groupe de conteneurs que dans un sous-réseau délégué à \
         Microsoft.ContainerInstance/containerGroups. Sans cette délégation, le groupe de conteneurs ne \
         peut pas être créé et le déploiement du service web Azure ML échoue. Une fois délégué, le \
         sous-réseau n’accueille plus que des groupes de conteneurs."
    ),
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "aci", "addressPrefix": "10.1.8.0/24"}"#),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
    ]),
    fix: text!(
        "Delegate the subnet to Microsoft.ContainerInstance/containerGroups (in the portal, or with az \
         network vnet subnet update --delegations). If the subnet also holds AKS nodes or an internal \
         load balancer, give the deployment a subnet of its own instead, since those cannot live in a \
         delegated subnet.",
        "Déléguez le sous-réseau à Microsoft.ContainerInstance/containerGroups (dans le portail, ou \
         avec az network vnet subnet update --delegations). Si le sous-réseau porte aussi des nœuds AKS \
         ou un équilibreur de charge interne, donnez plutôt au déploiement un sous-réseau à lui, car \
         ceux-ci ne peuvent pas se trouver dans un sous-réseau délégué."
    ),
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23, sources::CONTAINER_INSTANCES_VNET],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let mut used_by_aks: Option<Vec<(usize, usize)>> = None;
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let (Some(vnet), Some(subnet_index)) = (placement.vnet, placement.subnet) else { continue };
        let Some(subnet) = context.subnet(vnet, subnet_index) else { continue };
        if subnet.is_aci_delegated() {
            continue;
        }
        let current = if subnet.delegations.is_empty() {
            text!("it has none", "il n’a aucune délégation").message()
        } else {
            msg!(
                ["it has {delegations}", "il est délégué à {delegations}"],
                delegations = subnet.delegations.join(", ")
            )
        };
        let delegations = pointer::subnet_delegations(vnet, subnet_index);
        let aks = used_by_aks.get_or_insert_with(|| aks_subnets(context));
        let fix = aks.binary_search(&(vnet, subnet_index)).is_err().then(|| {
            let mut value: Vec<Value> = subnet.delegations.iter().cloned().map(Value::String).collect();
            value.push(Value::String(ACI_DELEGATION.to_owned()));
            let title = msg!(
                [
                    "delegate subnet '{subnet}' to {delegation}",
                    "déléguer le sous-réseau « {subnet} » à {delegation}"
                ],
                subnet = &subnet.name,
                delegation = ACI_DELEGATION,
            );
            Fix::set(title, delegations.clone(), Value::Array(value))
        });
        let message = msg!(
            [
                "subnet '{subnet}' of VNet '{vnet}' holds ACI deployment '{deployment}' but is not \
                 delegated to {delegation} ({current})",
                "le sous-réseau « {subnet} » du VNet « {vnet} » accueille le déploiement ACI \
                 « {deployment} » mais n’est pas délégué à {delegation} ({current})"
            ],
            subnet = &subnet.name,
            vnet = context.vnet_name(vnet),
            deployment = &deployment.name,
            delegation = ACI_DELEGATION,
        )
        .with_message("current", current);
        out.push(Draft::new(message, vec![delegations, pointer::aci(index, "subnet")]).with_fix(fix));
    }
}

/// Node and internal load balancer subnets: delegating one of them would only trade this
/// finding for an AKS error, so no fix is offered there.
fn aks_subnets(context: &Context<'_>) -> Vec<(usize, usize)> {
    let mut subnets = Vec::new();
    for (_, _, facts) in context.clusters() {
        let Some(vnet) = facts.node.vnet else { continue };
        subnets.extend(facts.node.subnet.map(|subnet| (vnet, subnet)));
        subnets.extend(facts.load_balancer_subnet.map(|subnet| (vnet, subnet)));
    }
    crate::sorting::set(subnets)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciSubnetNotDelegated;
    use crate::testing::{aci, aci_with, assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_an_undelegated_subnet() {
        let changes = aci_with(&[("/vnets/0/subnets/1/delegations", json!([]))]);
        let found = assert_fires(AciSubnetNotDelegated, &changes);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/delegations", "/aciDeployments/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aci' of VNet 'ml-vnet' holds ACI deployment 'scoring-aci' but is not delegated to \
             Microsoft.ContainerInstance/containerGroups (it has none)"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « aci » du VNet « ml-vnet » accueille le déploiement ACI « scoring-aci » \
             mais n’est pas délégué à Microsoft.ContainerInstance/containerGroups (il n’a aucune délégation)"
        );
        let fix = found[0].fix.as_ref().expect("a plain subnet can be delegated");
        assert_eq!(
            fix.text.render(Lang::Fr),
            "déléguer le sous-réseau « aci » à Microsoft.ContainerInstance/containerGroups"
        );
        assert_eq!(fix.changes[0].value, json!(["Microsoft.ContainerInstance/containerGroups"]));
        assert_fix_resolves(AciSubnetNotDelegated, &changes);
    }

    #[test]
    fn fix_keeps_the_other_delegations() {
        let changes = aci_with(&[("/vnets/0/subnets/1/delegations", json!(["Microsoft.Web/serverFarms"]))]);
        let found = assert_fires(AciSubnetNotDelegated, &changes);
        let fix = found[0].fix.as_ref().expect("a plain subnet can be delegated");
        assert_eq!(
            fix.changes[0].value,
            json!(["Microsoft.Web/serverFarms", "Microsoft.ContainerInstance/containerGroups"])
        );
    }

    #[test]
    fn no_fix_for_an_aks_subnet() {
        let found =
            assert_fires(AciSubnetNotDelegated, &aci_with(&[("/aciDeployments/0/subnet", json!("aks"))]));
        assert_eq!(found[0].subjects[0], "/vnets/0/subnets/0/delegations");
        assert!(found[0].fix.is_none());
        let load_balancer = aci_with(&[
            ("/vnets/0/subnets/-", json!({"name": "ilb", "addressPrefix": "10.1.9.0/24"})),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
            ("/aciDeployments/0/subnet", json!("ilb")),
        ]);
        assert!(assert_fires(AciSubnetNotDelegated, &load_balancer)[0].fix.is_none());
    }

    #[test]
    fn quiet_when_delegated_or_unresolved() {
        assert_quiet(AciSubnetNotDelegated, &aci());
        assert_quiet(
            AciSubnetNotDelegated,
            &aci_with(&[(
                "/vnets/0/subnets/1/delegations",
                json!(["microsoft.containerinstance/containergroups"]),
            )]),
        );
        assert_quiet(AciSubnetNotDelegated, &aci_with(&[("/aciDeployments/0/subnet", json!("missing"))]));
    }
}
