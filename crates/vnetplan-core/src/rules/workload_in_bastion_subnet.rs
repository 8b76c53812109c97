use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::BASTION_SUBNET;
use crate::pointer;
use crate::rules::shared::workloads;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "No AKS node, pod or internal load balancer subnet, ACI deployment or workspace private \
         endpoint may be placed in a subnet named AzureBastionSubnet. Azure reads the name without \
         regard to case.",
        "Aucun sous-réseau de nœuds, de pods ou d’équilibreur de charge interne AKS, aucun déploiement \
         ACI ni le point de terminaison privé de l’espace de travail ne peut être placé dans un \
         sous-réseau nommé AzureBastionSubnet. Azure lit ce nom sans tenir compte de la casse."
    ),
    why: text!(
        "Azure sets the subnet of that name aside for the Bastion host and its instances, and turns \
         down any other resource that asks for an address in it: the deployment fails with the error \
         code AzureBastionSubnet. A cluster, container group or private endpoint written there \
         therefore never comes up, whether or not a Bastion host exists yet.",
        "Azure met le sous-réseau de ce nom de côté pour l’hôte Bastion et ses instances, et refuse \
         toute autre ressource qui y demande une adresse : le déploiement échoue avec le code \
         d’erreur AzureBastionSubnet. Un cluster, un groupe de conteneurs ou un point de terminaison \
         privé écrit là ne démarre donc jamais, qu’un hôte Bastion existe déjà ou non."
    ),
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "AzureBastionSubnet", "addressPrefix": "10.1.9.0/26"}"#),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "AzureBastionSubnet"}"#),
    ]),
    fix: text!(
        "Leave AzureBastionSubnet to Bastion and place the workload in a subnet of its own, for \
         example a new subnet beside the node subnet.",
        "Laissez AzureBastionSubnet à Bastion et placez la charge de travail dans un sous-réseau à \
         elle, par exemple un nouveau sous-réseau à côté de celui des nœuds."
    ),
    sources: &[
        Source {
            title: "Azure/ato-toolkit issue 26: a VM network interface in AzureBastionSubnet is refused \
                    with error code AzureBastionSubnet",
            location: "https://github.com/Azure/ato-toolkit/issues/26",
            date: "2020-09-14",
        },
        Source {
            title: "About Bastion configuration settings (AzureBastionSubnet holds no other resources)",
            location: "MicrosoftDocs/azure-docs:articles/bastion/configuration-settings.md",
            date: "2021-10-12",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for workload in workloads(context) {
        let Some(subnet) = context.subnet(workload.vnet, workload.subnet) else { continue };
        if !subnet.azure_name().eq_ignore_ascii_case(BASTION_SUBNET) {
            continue;
        }
        let message = msg!(
            [
                "subnet '{subnet}' of VNet '{vnet}' holds {what}, but Azure keeps it for Azure Bastion \
                 alone",
                "le sous-réseau « {subnet} » du VNet « {vnet} » accueille {what}, alors qu’Azure le \
                 réserve à Azure Bastion seul"
            ],
            subnet = &subnet.name,
            vnet = context.vnet_name(workload.vnet),
        )
        .with_message("what", workload.what);
        out.report(message, vec![workload.subject, pointer::subnet(workload.vnet, workload.subnet, "name")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::WorkloadInBastionSubnet;
    use crate::testing::{aci_with, assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn bastion(name: &str) -> (&'static str, Value) {
        ("/vnets/0/subnets/-", json!({"name": name, "addressPrefix": "10.1.9.0/26"}))
    }

    #[test]
    fn fires_on_the_node_subnet() {
        let found = assert_fires(
            WorkloadInBastionSubnet,
            &[bastion("AzureBastionSubnet"), ("/aksClusters/0/subnet", json!("AzureBastionSubnet"))],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/subnet", "/vnets/0/subnets/1/name"]);
        assert_eq!(
            found[0].message,
            "subnet 'AzureBastionSubnet' of VNet 'ml-vnet' holds the nodes of cluster 'ml-aks', but \
             Azure keeps it for Azure Bastion alone"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « AzureBastionSubnet » du VNet « ml-vnet » accueille les nœuds du cluster \
             « ml-aks », alors qu’Azure le réserve à Azure Bastion seul"
        );
    }

    #[test]
    fn fires_on_a_pod_subnet_of_a_v2_cluster() {
        let mut changes = v2_cluster();
        changes.extend([
            bastion("AzureBastionSubnet"),
            ("/aksClusters/0/podSubnet", json!("AzureBastionSubnet")),
        ]);
        let found = assert_fires(WorkloadInBastionSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet", "/vnets/0/subnets/1/name"]);
        assert!(found[0].message.contains("holds the pods of cluster 'ml-aks'"), "{}", found[0].message);
    }

    #[test]
    fn fires_on_the_internal_load_balancer_subnet() {
        let found = assert_fires(
            WorkloadInBastionSubnet,
            &[
                bastion("AzureBastionSubnet"),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("AzureBastionSubnet")),
            ],
        );
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerSubnet", "/vnets/0/subnets/1/name"]);
        assert!(found[0].message.contains("the internal load balancer of cluster 'ml-aks'"));
    }

    #[test]
    fn fires_on_an_aci_deployment_and_the_private_endpoint() {
        let found = assert_fires(
            WorkloadInBastionSubnet,
            &aci_with(&[
                bastion("AzureBastionSubnet"),
                ("/aciDeployments/0/subnet", json!("AzureBastionSubnet")),
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "AzureBastionSubnet"})),
            ]),
        );
        assert_eq!(found.len(), 2);
        let subjects: Vec<&str> =
            found.iter().filter_map(|f| f.subjects.first().map(String::as_str)).collect();
        assert!(subjects.contains(&"/aciDeployments/0/subnet"), "{subjects:?}");
        assert!(subjects.contains(&"/workspace/privateEndpoint/subnet"), "{subjects:?}");
        let aci = found.iter().find(|f| f.subjects[0] == "/aciDeployments/0/subnet").expect("an ACI finding");
        assert!(aci.message.contains("holds ACI deployment 'scoring-aci'"), "{}", aci.message);
    }

    #[test]
    fn fires_whatever_the_case() {
        let found = assert_fires(
            WorkloadInBastionSubnet,
            &[bastion("azurebastionsubnet"), ("/aksClusters/0/subnet", json!("azurebastionsubnet"))],
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn quiet_on_other_subnets() {
        assert_quiet(WorkloadInBastionSubnet, &[]);
        assert_quiet(WorkloadInBastionSubnet, &[bastion("AzureBastionSubnet")]);
        assert_quiet(
            WorkloadInBastionSubnet,
            &[bastion("AzureBastionSubnet-old"), ("/aksClusters/0/subnet", json!("AzureBastionSubnet-old"))],
        );
    }
}
