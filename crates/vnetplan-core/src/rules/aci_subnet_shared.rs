use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;
use crate::text::{Message, Text};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The subnet of an ACI deployment must hold container groups only: it must not also be the node \
         subnet, the pod subnet or the internal load balancer subnet of an AKS cluster, nor the subnet \
         of the workspace private endpoint. Names are compared without regard to case.",
        "Le sous-réseau d’un déploiement ACI ne doit contenir que des groupes de conteneurs : il ne \
         doit être ni le sous-réseau des nœuds, des pods ou de l’équilibreur de charge interne d’un cluster AKS, \
         ni celui du point de terminaison privé de l’espace de travail. Les noms sont comparés sans \
         tenir compte de la casse."
    ),
    why: text!(
        "A subnet delegated to Microsoft.ContainerInstance/containerGroups accepts container groups \
         only, and Container Instances refuses a subnet that already holds other resources. AKS nodes or \
         pods, a load balancer front end or a private endpoint therefore cannot share it: whichever comes second \
         fails. AKS reports SubnetWithExternalResourcesCannotBeUsedByOtherResources, and a private \
         endpoint cannot go into a delegated subnet.",
        "Un sous-réseau délégué à Microsoft.ContainerInstance/containerGroups n’accepte que des groupes \
         de conteneurs, et Container Instances refuse un sous-réseau qui contient déjà d’autres \
         ressources. Des nœuds ou des pods AKS, l’adresse frontale d’un équilibreur de charge ou un point de \
         terminaison privé ne peuvent donc pas le partager : celui qui arrive en second échoue. AKS \
         renvoie SubnetWithExternalResourcesCannotBeUsedByOtherResources, et un point de terminaison \
         privé ne peut pas être placé dans un sous-réseau délégué."
    ),
    example: Example(&[(
        "/aciDeployments",
        r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aks"}]"#,
    )]),
    fix: text!(
        "Add a separate subnet for ACI, for example a /24 beside the node subnet, delegate it to \
         Microsoft.ContainerInstance/containerGroups and point the deployment at it. Keep the AKS nodes, \
         the internal load balancer and the private endpoint in subnets without delegation.",
        "Ajoutez un sous-réseau distinct pour ACI, par exemple un /24 à côté du sous-réseau des nœuds, \
         déléguez-le à Microsoft.ContainerInstance/containerGroups et faites-y pointer le déploiement. \
         Laissez les nœuds AKS, l’équilibreur de charge interne et le point de terminaison privé dans \
         des sous-réseaux sans délégation."
    ),
    sources: &[
        sources::CONTAINER_INSTANCES_VIRTUAL_NETWORK_CONCEPTS,
        sources::SUBNET_DELEGATION_OVERVIEW,
        sources::CONCEPTS_NETWORK_CNI_OVERVIEW,
    ],
};

/// Another resource in a subnet: the pointer to where the plan places it, and its description.
type Tenant = (String, Message);

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    if context.plan.aci_deployments.is_empty() {
        return;
    }
    let tenants = other_tenants(context);
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) else { continue };
        for (subject, what) in crate::sorting::group(&tenants, &(vnet, subnet)) {
            let message = msg!(
                [
                    "subnet '{subnet}' of VNet '{vnet}' holds ACI deployment '{deployment}' and is also \
                     {what}",
                    "le sous-réseau « {subnet} » du VNet « {vnet} » accueille le déploiement ACI \
                     « {deployment} » et est aussi {what}"
                ],
                subnet = context.subnet_name(vnet, subnet),
                vnet = context.vnet_name(vnet),
                deployment = &deployment.name,
            )
            .with_message("what", what.clone());
            out.report(message, vec![pointer::aci(index, "subnet"), subject.clone()]);
        }
    }
}

/// Every subnet that holds something other than container groups, with those tenants in plan
/// order.
fn other_tenants(context: &Context<'_>) -> Vec<((usize, usize), Vec<Tenant>)> {
    const NODE_SUBNET: Text =
        text!("the node subnet of cluster '{cluster}'", "le sous-réseau des nœuds du cluster « {cluster} »");
    const POD_SUBNET: Text =
        text!("the pod subnet of cluster '{cluster}'", "le sous-réseau des pods du cluster « {cluster} »");
    const LOAD_BALANCER_SUBNET: Text = text!(
        "the internal load balancer subnet of cluster '{cluster}'",
        "le sous-réseau de l’équilibreur de charge interne du cluster « {cluster} »"
    );
    let mut tenants: Vec<((usize, usize), Tenant)> = Vec::new();
    for (index, cluster, facts) in context.clusters() {
        let Some(vnet) = facts.node.vnet else { continue };
        // A load balancer in the node subnet is already covered by the node subnet finding.
        let load_balancer = facts.load_balancer_subnet.filter(|subnet| Some(*subnet) != facts.node.subnet);
        let pods = facts.pod_subnet.filter(|subnet| Some(*subnet) != facts.node.subnet);
        for (subnet, field, what) in [
            (facts.node.subnet, "subnet", NODE_SUBNET),
            (pods, "podSubnet", POD_SUBNET),
            (load_balancer, "loadBalancerSubnet", LOAD_BALANCER_SUBNET),
        ] {
            let Some(subnet) = subnet else { continue };
            let what = msg!(what, cluster = &cluster.name);
            tenants.push(((vnet, subnet), (pointer::cluster(index, field), what)));
        }
    }
    if let Some(endpoint) = &context.plan.workspace.private_endpoint {
        let placement = context.placement(&endpoint.vnet, &endpoint.subnet);
        if let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) {
            tenants.push((
                (vnet, subnet),
                (
                    pointer::private_endpoint("subnet"),
                    text!(
                        "the subnet of the workspace private endpoint",
                        "le sous-réseau du point de terminaison privé de l’espace de travail"
                    )
                    .message(),
                ),
            ));
        }
    }
    crate::sorting::grouped(tenants)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciSubnetShared;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_the_aks_node_subnet() {
        let found = assert_fires(AciSubnetShared, &aci_with(&[("/aciDeployments/0/subnet", json!("aks"))]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/aksClusters/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aks' of VNet 'ml-vnet' holds ACI deployment 'scoring-aci' and is also the node \
             subnet of cluster 'ml-aks'"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « aks » du VNet « ml-vnet » accueille le déploiement ACI « scoring-aci » et \
             est aussi le sous-réseau des nœuds du cluster « ml-aks »"
        );
    }

    #[test]
    fn fires_on_a_pod_subnet_and_not_on_one_that_gives_no_pod_an_address() {
        let found = assert_fires(AciSubnetShared, &aci_with(&[("/aksClusters/0/podSubnet", json!("aci"))]));
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/aksClusters/0/podSubnet"]);
        assert!(
            found[0].message.ends_with("is also the pod subnet of cluster 'ml-aks'"),
            "{}",
            found[0].message
        );
        assert_quiet(
            AciSubnetShared,
            &aci_with(&[
                ("/aksClusters/0/podSubnet", json!("aci")),
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ]),
        );
    }

    #[test]
    fn fires_on_the_load_balancer_subnet() {
        let found = assert_fires(
            AciSubnetShared,
            &aci_with(&[
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("aci")),
            ]),
        );
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/aksClusters/0/loadBalancerSubnet"]);
    }

    #[test]
    fn fires_on_the_private_endpoint_subnet() {
        let found = assert_fires(
            AciSubnetShared,
            &aci_with(&[("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aci"}))]),
        );
        assert_eq!(found[0].subjects, ["/aciDeployments/0/subnet", "/workspace/privateEndpoint/subnet"]);
    }

    #[test]
    fn quiet_on_a_subnet_of_its_own() {
        assert_quiet(AciSubnetShared, &aci());
        assert_quiet(
            AciSubnetShared,
            &aci_with(&[
                ("/vnets/0/subnets/-", json!({"name": "pe", "addressPrefix": "10.1.9.0/24"})),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ]),
        );
    }
}
