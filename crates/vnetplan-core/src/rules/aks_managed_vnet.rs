use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about every AKS cluster that leaves out both vnet and subnet: such a cluster lives in \
         the virtual network that AKS creates for it. Its node subnet is not checked, while its \
         service, DNS and pod ranges still are, against every range of the plan.",
        "Avertit pour chaque cluster AKS qui omet à la fois vnet et subnet : un tel cluster vit dans le \
         réseau virtuel qu’AKS crée pour lui. Son sous-réseau de nœuds n’est pas vérifié, mais ses \
         plages de services, de DNS et de pods le sont toujours, face à toutes les plages du plan."
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
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31, sources::CONFIGURE_KUBENET_2026_08_21],
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
    }
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
        let found = assert_fires(AksManagedVnet, &[("/aksClusters/-", managed_cluster("dev-aks"))]);
        assert_eq!(found.len(), 1);
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
    fn quiet_for_clusters_in_a_vnet_of_the_plan_or_an_unknown_one() {
        assert_quiet(AksManagedVnet, &[]);
        assert_quiet(AksManagedVnet, &[("/aksClusters/0/vnet", json!("elsewhere"))]);
    }
}
