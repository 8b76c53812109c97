use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::SERVICE_SUBNETS;
use crate::pointer;
use crate::rules::shared::workloads;
use crate::text::Text;

/// The service each name of [`SERVICE_SUBNETS`] is kept for, in the same order.
const SERVICES: [Text; 4] = [
    text!(
        "virtual network gateways (VPN and ExpressRoute)",
        "les passerelles de réseau virtuel (VPN et ExpressRoute)"
    ),
    text!("Azure Firewall", "Azure Firewall"),
    text!("Azure Firewall's management traffic", "le trafic de gestion d’Azure Firewall"),
    text!("Azure Route Server", "Azure Route Server"),
];

// A name added to the shared list without its service would go unreported.
const _: () = assert!(SERVICES.len() == SERVICE_SUBNETS.len());

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "No AKS node, pod or internal load balancer subnet, ACI deployment or workspace private \
         endpoint should be placed in a subnet named GatewaySubnet, AzureFirewallSubnet, \
         AzureFirewallManagementSubnet or RouteServerSubnet. Azure reads these names without regard \
         to case. AzureBastionSubnet has its own rule, workload-in-bastion-subnet.",
        "Aucun sous-réseau de nœuds, de pods ou d’équilibreur de charge interne AKS, aucun déploiement \
         ACI ni le point de terminaison privé de l’espace de travail ne devrait être placé dans un \
         sous-réseau nommé GatewaySubnet, AzureFirewallSubnet, AzureFirewallManagementSubnet ou \
         RouteServerSubnet. Azure lit ces noms sans tenir compte de la casse. AzureBastionSubnet a sa \
         propre règle, workload-in-bastion-subnet."
    ),
    why: text!(
        "Azure puts the instances of a virtual network gateway, of Azure Firewall and of Route Server \
         in the subnet of that name, and adds instances there as the service grows; the firewall's \
         management traffic has its own such subnet. Learn tells you to keep every other resource \
         out of these subnets. This is a warning, not an error: the sources found say what to do, \
         but none shows Azure refusing a workload there, as it does in AzureBastionSubnet. A \
         workload there can still take the addresses the service needs, and sits behind the \
         routes, and without the security group, that the service requires.",
        "Azure place les instances d’une passerelle de réseau virtuel, d’Azure Firewall et de Route \
         Server dans le sous-réseau de ce nom, et y en ajoute quand le service grandit ; le trafic de \
         gestion du pare-feu a son propre sous-réseau de ce genre. Learn demande de tenir toute autre \
         ressource à l’écart de ces sous-réseaux. C’est un avertissement et non une erreur : les \
         sources trouvées disent quoi faire, mais aucune ne montre Azure refuser une charge de \
         travail à cet endroit, comme il le fait dans AzureBastionSubnet. Une charge de travail placée \
         là peut quand même prendre les adresses dont le service a besoin, et se trouve derrière les \
         routes, et sans le groupe de sécurité, qu’exige le service."
    ),
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "GatewaySubnet", "addressPrefix": "10.1.9.0/27"}"#),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "GatewaySubnet"}"#),
    ]),
    fix: text!(
        "Leave the subnet to its service and place the workload in a subnet of its own, for example a \
         new subnet beside the node subnet.",
        "Laissez le sous-réseau à son service et placez la charge de travail dans un sous-réseau à \
         elle, par exemple un nouveau sous-réseau à côté de celui des nœuds."
    ),
    sources: &[
        Source {
            title: "About VPN Gateway configuration settings (deploy nothing else to GatewaySubnet)",
            location:
                "MicrosoftDocs/azure-docs:articles/vpn-gateway/vpn-gateway-about-vpn-gateway-settings.md",
            date: "2020-09-16",
        },
        Source {
            title: "Azure Firewall FAQ (the firewall adds instances in AzureFirewallSubnet as it scales)",
            location: "MicrosoftDocs/azure-docs:articles/firewall/firewall-faq.yml",
            date: "2022-09-12",
        },
        Source {
            title: "Azure Firewall Management NIC (management traffic goes through \
                    AzureFirewallManagementSubnet)",
            location: "MicrosoftDocs/azure-docs:articles/firewall/management-nic.md",
            date: "2024-11-06",
        },
        Source {
            title: "Quickstart: Create and configure Route Server using Azure CLI (RouteServerSubnet is \
                    dedicated to Route Server)",
            location:
                "MicrosoftDocs/azure-docs:articles/route-server/quickstart-configure-route-server-cli.md",
            date: "2021-03-02",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for workload in workloads(context) {
        let Some(subnet) = context.subnet(workload.vnet, workload.subnet) else { continue };
        let name = subnet.azure_name();
        let Some(service) = SERVICE_SUBNETS
            .iter()
            .zip(&SERVICES)
            .find_map(|(reserved, service)| reserved.eq_ignore_ascii_case(name).then_some(service))
        else {
            continue;
        };
        let message = msg!(
            [
                "subnet '{subnet}' of VNet '{vnet}' holds {what}, but Azure keeps a subnet of that name \
                 for {service}",
                "le sous-réseau « {subnet} » du VNet « {vnet} » accueille {what}, alors qu’Azure réserve \
                 un sous-réseau de ce nom pour {service}"
            ],
            subnet = &subnet.name,
            vnet = context.vnet_name(workload.vnet),
        )
        .with_message("what", workload.what)
        .with_message("service", service.message());
        out.report(message, vec![workload.subject, pointer::subnet(workload.vnet, workload.subnet, "name")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::WorkloadInReservedSubnet;
    use crate::testing::{aci_with, assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn reserved(name: &str) -> (&'static str, Value) {
        ("/vnets/0/subnets/-", json!({"name": name, "addressPrefix": "10.1.9.0/26"}))
    }

    #[test]
    fn fires_on_the_node_subnet() {
        let found = assert_fires(
            WorkloadInReservedSubnet,
            &[reserved("GatewaySubnet"), ("/aksClusters/0/subnet", json!("GatewaySubnet"))],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/subnet", "/vnets/0/subnets/1/name"]);
        assert_eq!(
            found[0].message,
            "subnet 'GatewaySubnet' of VNet 'ml-vnet' holds the nodes of cluster 'ml-aks', but Azure \
             keeps a subnet of that name for virtual network gateways (VPN and ExpressRoute)"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « GatewaySubnet » du VNet « ml-vnet » accueille les nœuds du cluster \
             « ml-aks », alors qu’Azure réserve un sous-réseau de ce nom pour les passerelles de réseau \
             virtuel (VPN et ExpressRoute)"
        );
    }

    #[test]
    fn fires_on_a_pod_subnet_of_a_v2_cluster() {
        let mut changes = v2_cluster();
        changes.extend([
            reserved("AzureFirewallSubnet"),
            ("/aksClusters/0/podSubnet", json!("AzureFirewallSubnet")),
        ]);
        let found = assert_fires(WorkloadInReservedSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet", "/vnets/0/subnets/1/name"]);
        assert!(found[0].message.ends_with("for Azure Firewall"), "{}", found[0].message);
    }

    #[test]
    fn fires_on_the_internal_load_balancer_subnet() {
        let found = assert_fires(
            WorkloadInReservedSubnet,
            &[
                reserved("AzureFirewallManagementSubnet"),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("AzureFirewallManagementSubnet")),
            ],
        );
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerSubnet", "/vnets/0/subnets/1/name"]);
        assert!(
            found[0].message.ends_with("for Azure Firewall's management traffic"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn quiet_on_the_load_balancer_subnet_a_v2_cluster_ignores() {
        // Azure ML v2 puts its router's internal load balancer in the node subnet whatever
        // loadBalancerSubnet says, so nothing of the cluster goes to the subnet named there.
        let mut changes = v2_cluster();
        changes.extend([
            reserved("AzureFirewallManagementSubnet"),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("AzureFirewallManagementSubnet")),
        ]);
        assert_quiet(WorkloadInReservedSubnet, &changes);
    }

    #[test]
    fn fires_on_an_aci_deployment_and_the_private_endpoint() {
        let found = assert_fires(
            WorkloadInReservedSubnet,
            &aci_with(&[
                reserved("RouteServerSubnet"),
                ("/aciDeployments/0/subnet", json!("RouteServerSubnet")),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "RouteServerSubnet"})),
            ]),
        );
        assert_eq!(found.len(), 2);
        for finding in &found {
            assert!(finding.message.ends_with("for Azure Route Server"), "{}", finding.message);
        }
        let subjects: Vec<&str> =
            found.iter().filter_map(|f| f.subjects.first().map(String::as_str)).collect();
        assert!(subjects.contains(&"/aciDeployments/0/subnet"), "{subjects:?}");
        assert!(subjects.contains(&"/workspace/privateEndpoint/subnet"), "{subjects:?}");
    }

    #[test]
    fn fires_whatever_the_case() {
        let found = assert_fires(
            WorkloadInReservedSubnet,
            &[reserved("gatewaysubnet"), ("/aksClusters/0/subnet", json!("gatewaysubnet"))],
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("subnet 'gatewaysubnet' of VNet 'ml-vnet'"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn quiet_on_other_subnets() {
        assert_quiet(WorkloadInReservedSubnet, &[]);
        assert_quiet(WorkloadInReservedSubnet, &[reserved("GatewaySubnet")]);
        assert_quiet(
            WorkloadInReservedSubnet,
            &[reserved("GatewaySubnet-old"), ("/aksClusters/0/subnet", json!("GatewaySubnet-old"))],
        );
        // Bastion's subnet is the other rule's.
        assert_quiet(
            WorkloadInReservedSubnet,
            &[reserved("AzureBastionSubnet"), ("/aksClusters/0/subnet", json!("AzureBastionSubnet"))],
        );
    }
}
