use crate::catalog::{Example, RuleDoc};
use crate::context::{Context, Placement};
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Every subnet named by an AKS cluster (its node subnet, its pod subnet and its loadBalancerSubnet), an ACI \
         deployment or the workspace private endpoint must exist in the VNet named with it. Names compare \
         without regard to case, as Azure's do; a reference that resolves only that way is left to \
         name-case-differs. A load balancer subnet is reported here only when no VNet of the plan has a \
         subnet of that name.",
        "Tout sous-réseau nommé par un cluster AKS (son sous-réseau de nœuds, son sous-réseau de pods et son loadBalancerSubnet), \
         par un déploiement ACI ou par le point de terminaison privé de l’espace de travail doit exister \
         dans le VNet nommé avec lui. Les noms se comparent sans tenir compte de la casse, comme dans \
         Azure ; une référence qui ne se résout que de cette façon relève de name-case-differs. Un \
         sous-réseau d’équilibreur de charge n’est signalé ici que si aucun VNet du plan n’a de \
         sous-réseau de ce nom."
    ),
    why: text!(
        "Azure ML and AKS address a subnet through its VNet and its name. A name that is not there fails \
         the deployment when the subnet's resource ID is looked up, and the plan cannot check the size, \
         delegations or overlaps of a subnet it does not describe.",
        "Azure ML et AKS désignent un sous-réseau par son VNet et son nom. Un nom introuvable fait \
         échouer le déploiement au moment de résoudre l’ID de ressource du sous-réseau, et le plan ne peut \
         vérifier ni la taille, ni les délégations, ni les chevauchements d’un sous-réseau qu’il ne décrit \
         pas."
    ),
    example: Example(&[("/aksClusters/0/subnet", r#""nodes""#)]),
    fix: text!(
        "Correct the name to a subnet of that VNet, or add the subnet to the VNet with its address \
         prefix.",
        "Corrigez le nom pour désigner un sous-réseau de ce VNet, ou ajoutez le sous-réseau au VNet avec \
         son préfixe d’adresse."
    ),
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31, sources::HOW_TO_CONFIGURE_PRIVATE_LINK],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    for (index, cluster, facts) in context.clusters() {
        let owner = || msg!(["cluster '{name}'", "le cluster « {name} »"], name = &cluster.name);
        if let Some(subnet) = cluster.subnet.as_deref() {
            report_subnet(context, out, owner(), facts.node, subnet, pointer::cluster(index, "subnet"));
        }
        // Azure CNI Pod Subnet takes the pod subnet from the node subnet's VNet.
        if let Some(pod_subnet) = cluster.pods_subnet() {
            let placement = Placement { vnet: facts.node.vnet, subnet: facts.pod_subnet };
            report_subnet(context, out, owner(), placement, pod_subnet, pointer::cluster(index, "podSubnet"));
            if cluster.in_managed_vnet() {
                out.report(
                    msg!(
                        [
                            "cluster '{cluster}' names pod subnet '{subnet}' but no VNet of its own: a pod subnet \
                             belongs to the VNet of the node subnet, and the VNet AKS creates and manages holds \
                             none of the plan's subnets",
                            "le cluster « {cluster} » nomme le sous-réseau de pods « {subnet} » mais aucun VNet à \
                             lui : un sous-réseau de pods appartient au VNet du sous-réseau de nœuds, et le VNet \
                             qu’AKS crée et gère ne contient aucun sous-réseau du plan"
                        ],
                        cluster = &cluster.name,
                        subnet = pod_subnet,
                    ),
                    vec![pointer::cluster(index, "podSubnet"), pointer::cluster(index, "vnet")],
                );
            }
        }
        // v2 ignores loadBalancerSubnet; aks-v2-v1-only-setting reports it there.
        let (false, Some(_), Some(name)) =
            (cluster.is_v2(), facts.node.vnet, cluster.load_balancer_subnet.as_deref())
        else {
            continue;
        };
        // A subnet of another VNet is a different mistake, ilb-subnet-outside-cluster-vnet.
        if (0..context.vnets.len()).any(|other| context.subnet_named(other, name).is_some()) {
            continue;
        }
        out.report(
            msg!(
                [
                    "the load balancer subnet '{name}' of cluster '{cluster}' is not a subnet of any VNet in \
                     the plan",
                    "le sous-réseau d’équilibreur de charge « {name} » du cluster « {cluster} » n’est un \
                     sous-réseau d’aucun VNet du plan"
                ],
                name = name,
                cluster = &cluster.name,
            ),
            vec![pointer::cluster(index, "loadBalancerSubnet")],
        );
    }
    for (index, (deployment, placement)) in plan.aci_deployments.iter().zip(&context.aci).enumerate() {
        let owner =
            msg!(["ACI deployment '{name}'", "le déploiement ACI « {name} »"], name = &deployment.name);
        report_subnet(context, out, owner, *placement, &deployment.subnet, pointer::aci(index, "subnet"));
    }
    if let Some(endpoint) = &plan.workspace.private_endpoint {
        let placement = context.placement(&endpoint.vnet, &endpoint.subnet);
        let owner =
            text!("the workspace private endpoint", "le point de terminaison privé de l’espace de travail")
                .message();
        report_subnet(context, out, owner, placement, &endpoint.subnet, pointer::private_endpoint("subnet"));
    }
}

/// Reports `subnet` when its VNet resolved and it did not; an unknown VNet is reported alone.
fn report_subnet(
    context: &Context<'_>,
    out: &mut RuleFindings<'_>,
    owner: Message,
    placement: Placement,
    subnet: &str,
    target: String,
) {
    let (Some(vnet), None) = (placement.vnet, placement.subnet) else { return };
    out.report(
        msg!(
            [
                "{owner} names subnet '{subnet}', which VNet '{vnet}' does not have",
                "{owner} nomme le sous-réseau « {subnet} », que le VNet « {vnet} » n’a pas"
            ],
            subnet = subnet,
            vnet = context.vnet_name(vnet),
        )
        .with_message("owner", owner),
        vec![target],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::UnknownSubnet;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet, base};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_pod_subnet_of_a_cluster_in_the_aks_managed_vnet() {
        let mut cluster = base()["aksClusters"][0].clone();
        let fields = cluster.as_object_mut().expect("a cluster is an object");
        fields.remove("vnet");
        fields.remove("subnet");
        fields.insert("podSubnet".to_owned(), json!("aks"));
        let changes = [("/aksClusters/0", cluster)];
        let found = assert_fires(UnknownSubnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet", "/aksClusters/0/vnet"]);
        assert!(found[0]
            .message
            .starts_with("cluster 'ml-aks' names pod subnet 'aks' but no VNet of its own"));
    }

    #[test]
    fn fires_on_a_pod_subnet_missing_from_the_cluster_vnet_and_ignores_one_that_gives_no_pod_an_address() {
        let found = assert_fires(UnknownSubnet, &[("/aksClusters/0/podSubnet", json!("pods"))]);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' names subnet 'pods', which VNet 'ml-vnet' does not have"
        );
        assert_quiet(UnknownSubnet, &[("/aksClusters/0/podSubnet", json!("Aks"))]);
        assert_quiet(
            UnknownSubnet,
            &[
                ("/aksClusters/0/podSubnet", json!("pods")),
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ],
        );
    }

    #[test]
    fn quiet_on_a_subnet_that_differs_only_in_case() {
        // 1.1: Azure resolves names without regard to case, so 'AKS' is subnet 'aks'.
        assert_quiet(UnknownSubnet, &[("/aksClusters/0/subnet", json!("AKS"))]);
        assert_quiet(
            UnknownSubnet,
            &[
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/loadBalancerSubnet", json!("Aks")),
            ],
        );
        let changes = aci_with(&[
            ("/aciDeployments/0/subnet", json!("ACI")),
            ("/workspace/privateEndpoint", json!({"vnet": "ML-VNET", "subnet": "Aks"})),
        ]);
        assert_quiet(UnknownSubnet, &changes);
    }

    #[test]
    fn fires_on_deployments_and_the_private_endpoint_without_a_fix() {
        let changes = aci_with(&[
            ("/aciDeployments/0/subnet", json!("containers")),
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "pe"})),
        ]);
        let found = assert_fires(UnknownSubnet, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(subjects, [["/aciDeployments/0/subnet"], ["/workspace/privateEndpoint/subnet"]]);
        assert!(found.iter().all(|f| f.fix.is_none()));
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ACI deployment 'scoring-aci' names subnet 'containers', which VNet 'ml-vnet' does not have",
                "the workspace private endpoint names subnet 'pe', which VNet 'ml-vnet' does not have",
            ]
        );
        assert_eq!(
            found.first().map(|f| f.text.render(Lang::Fr)).as_deref(),
            Some("le déploiement ACI « scoring-aci » nomme le sous-réseau « containers », que le VNet « ml-vnet » n’a pas")
        );
    }

    #[test]
    fn fires_on_a_load_balancer_subnet_named_nowhere() {
        let changes = [
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
        ];
        let found = assert_fires(UnknownSubnet, &changes);
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/aksClusters/0/loadBalancerSubnet"]);
        assert_eq!(
            finding.message,
            "the load balancer subnet 'ilb' of cluster 'ml-aks' is not a subnet of any VNet in the plan"
        );
        assert_eq!(
            finding.text.render(Lang::Fr),
            "le sous-réseau d’équilibreur de charge « ilb » du cluster « ml-aks » n’est un sous-réseau \
             d’aucun VNet du plan"
        );
    }

    #[test]
    fn quiet_on_a_load_balancer_subnet_of_another_vnet() {
        let changes = [
            (
                "/vnets/-",
                json!({"name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": ["10.5.0.0/16"],
                       "subnets": [{"name": "ilb", "addressPrefix": "10.5.0.0/24"}]}),
            ),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
        ];
        assert_quiet(UnknownSubnet, &changes);
    }

    #[test]
    fn quiet_when_names_resolve_or_the_vnet_is_unknown() {
        assert_quiet(UnknownSubnet, &[]);
        assert_quiet(UnknownSubnet, &aci());
        assert_quiet(
            UnknownSubnet,
            &[("/aksClusters/0/vnet", json!("other")), ("/aksClusters/0/subnet", json!("x"))],
        );
        assert_quiet(
            UnknownSubnet,
            &[("/workspace/privateEndpoint", json!({"vnet": "hub", "subnet": "pe"}))],
        );
    }
}
