use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{AksCluster, Provisioning};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about every AKS cluster that leaves out both vnet and subnet: such a cluster lives in \
         the virtual network that AKS creates for it. Its node subnet is not checked, while its \
         service, DNS and pod ranges still are, against every range of the plan. A cluster that \
         Azure ML v1 creates there gets a second warning: the SDK sends its network settings only \
         with a VNet name, so its service range and DNS address are AKS's choice, not the plan's.",
        "Avertit pour chaque cluster AKS qui omet à la fois vnet et subnet : un tel cluster vit dans le \
         réseau virtuel qu’AKS crée pour lui. Son sous-réseau de nœuds n’est pas vérifié, mais ses \
         plages de services, de DNS et de pods le sont toujours, face à toutes les plages du plan. Un \
         cluster qu’Azure ML v1 y crée reçoit un second avertissement : le SDK n’envoie ses \
         paramètres réseau qu’avec un nom de VNet, sa plage de services et son adresse DNS sont donc \
         choisies par AKS, et non par le plan."
    ),
    why: text!(
        "The Azure ML guide isolates inference by placing the cluster in a virtual network of your own, \
         next to the workspace’s private endpoints, with network security groups you control. A VNet \
         that AKS creates sits in the cluster’s node resource group and is managed by AKS, so none of \
         that applies: the plan cannot size its subnet, peer it or route it, and the workspace \
         resources are not reached privately from it.",
        "Le guide d’Azure ML isole l’inférence en plaçant le cluster dans un réseau virtuel qui vous \
         appartient, à côté des points de terminaison privés de l’espace de travail, avec des groupes de \
         sécurité réseau que vous contrôlez. Un VNet créé par AKS se trouve dans le groupe de ressources \
         des nœuds du cluster et c’est AKS qui le gère : rien de tout cela ne s’applique, le plan ne peut \
         ni dimensionner son sous-réseau, ni l’appairer, ni le router, et les ressources de l’espace de \
         travail n’y sont pas jointes en privé."
    ),
    example: Example(&[(
        "/aksClusters/0",
        r#"{"name": "ml-aks", "serviceCidr": "10.2.0.0/16", "dnsServiceIP": "10.2.0.10", "dockerBridgeCidr": "172.17.0.1/16", "nodeCount": 3, "networkContributorGranted": true}"#,
    )]),
    fix: text!(
        "Give the cluster a vnet and a subnet of the plan, for example a /22 node subnet in the VNet \
         that holds the workspace private endpoint. An existing cluster cannot move to another VNet: \
         create a new one there and attach it instead.",
        "Donnez au cluster un vnet et un subnet du plan, par exemple un sous-réseau de nœuds /22 dans \
         le VNet qui porte le point de terminaison privé de l’espace de travail. Un cluster existant ne \
         peut pas changer de VNet : créez-en un nouveau à cet endroit et attachez-le à sa place."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::CONFIGURE_KUBENET_2026_08_21,
        Source {
            title: "azureml-core 1.61.0.post4: AksCompute._build_create_payload (network settings sent only \
                    with a VNet name)",
            location: "azureml-core 1.61.0.post4 (PyPI wheel):azureml/core/compute/aks.py",
            date: "1.61.0.post4",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.in_managed_vnet() {
            continue;
        }
        let message = msg!(
            [
                "cluster '{cluster}' names no VNet or subnet, so it runs in the VNet that AKS creates and \
                 manages, where the network isolation of the Azure ML guide does not apply",
                "le cluster « {cluster} » ne nomme ni VNet ni sous-réseau : il tourne donc dans le VNet \
                 qu’AKS crée et gère, où l’isolement réseau du guide d’Azure ML ne s’applique pas"
            ],
            cluster = &cluster.name,
        );
        // The omitted field is the one to write, so the pointer names it although it is absent.
        out.report(message, vec![pointer::cluster(index, "vnet")]);
        if !cluster.is_v2() && cluster.provisioning() == Provisioning::Create {
            report_ranges_not_sent(index, cluster, out);
        }
    }
}

/// The v1 SDK builds a new cluster's network settings only around a VNet name: without one it
/// sends no service range, DNS address or bridge, so the plan's values describe nothing AKS uses.
fn report_ranges_not_sent(index: usize, cluster: &AksCluster, out: &mut RuleFindings<'_>) {
    out.report(
        msg!(
            [
                "cluster '{cluster}' is created by Azure ML v1 without a VNet, so the SDK sends none of its \
                 network settings: AKS chooses the service range and DNS address itself, and the plan's \
                 {service} and {dns} are neither applied nor a check of what the cluster will use",
                "le cluster « {cluster} » est créé par Azure ML v1 sans VNet : le SDK n’envoie donc aucun \
                 de ses paramètres réseau, AKS choisit lui-même la plage des services et l’adresse DNS, et \
                 les valeurs {service} et {dns} du plan ne sont ni appliquées ni une vérification de ce \
                 que le cluster utilisera"
            ],
            cluster = &cluster.name,
            service = &cluster.service_cidr,
            dns = &cluster.dns_service_ip,
        ),
        vec![pointer::cluster(index, "serviceCidr"), pointer::cluster(index, "dnsServiceIP")],
    );
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::AksManagedVnet;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn managed_cluster(name: &str) -> Value {
        json!({
            "name": name,
            "serviceCidr": "10.3.0.0/16",
            "dnsServiceIP": "10.3.0.10",
            "nodeCount": 3
        })
    }

    #[test]
    fn warns_on_a_cluster_without_vnet_and_subnet() {
        let mut attached = managed_cluster("dev-aks");
        attached["provisioning"] = json!("attach");
        let found = assert_fires(AksManagedVnet, &[("/aksClusters/-", attached)]);
        assert_eq!(found.len(), 1, "an attached cluster keeps the ranges it has");
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/1/vnet"]);
        assert_eq!(
            found[0].message,
            "cluster 'dev-aks' names no VNet or subnet, so it runs in the VNet that AKS creates and \
             manages, where the network isolation of the Azure ML guide does not apply"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « dev-aks » ne nomme ni VNet ni sous-réseau : il tourne donc dans le VNet qu’AKS \
             crée et gère, où l’isolement réseau du guide d’Azure ML ne s’applique pas"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn says_that_a_cluster_created_through_v1_gets_none_of_the_plans_ranges() {
        let found = assert_fires(AksManagedVnet, &[("/aksClusters/-", managed_cluster("dev-aks"))]);
        let ranges = found.iter().find(|finding| finding.subjects[0].ends_with("serviceCidr"));
        let ranges = ranges.expect("a created cluster is told its ranges are not sent");
        assert_eq!(ranges.subjects, ["/aksClusters/1/serviceCidr", "/aksClusters/1/dnsServiceIP"]);
        assert_eq!(
            ranges.message,
            "cluster 'dev-aks' is created by Azure ML v1 without a VNet, so the SDK sends none of its \
             network settings: AKS chooses the service range and DNS address itself, and the plan's \
             10.3.0.0/16 and 10.3.0.10 are neither applied nor a check of what the cluster will use"
        );
        assert_eq!(
            ranges.text.render(Lang::Fr),
            "le cluster « dev-aks » est créé par Azure ML v1 sans VNet : le SDK n’envoie donc aucun de \
             ses paramètres réseau, AKS choisit lui-même la plage des services et l’adresse DNS, et les \
             valeurs 10.3.0.0/16 et 10.3.0.10 du plan ne sont ni appliquées ni une vérification de ce \
             que le cluster utilisera"
        );
    }

    #[test]
    fn quiet_for_clusters_in_a_vnet_of_the_plan_or_an_unknown_one() {
        assert_quiet(AksManagedVnet, &[]);
        assert_quiet(AksManagedVnet, &[("/aksClusters/0/vnet", json!("elsewhere"))]);
    }
}
