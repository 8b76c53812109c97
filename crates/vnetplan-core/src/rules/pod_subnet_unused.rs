use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A podSubnet belongs to Azure CNI Pod Subnet: networkPlugin \"azure\" without networkPluginMode \
         \"overlay\". The rule fires when a cluster names a pod subnet but runs kubenet or overlay.",
        "Un podSubnet relève d’Azure CNI Pod Subnet : networkPlugin « azure » sans networkPluginMode \
         « overlay ». La règle se déclenche quand un cluster nomme un sous-réseau de pods mais fonctionne \
         en kubenet ou en overlay."
    ),
    why: text!(
        "AKS gives pods their addresses one way per cluster: from a pod range outside the VNet (kubenet, \
         overlay), from the node subnet (Node Subnet, legacy) or from a subnet of their own (Pod Subnet). \
         With kubenet or overlay the pods never take an address of the named subnet: the field records \
         a choice the cluster does not make, and the checks size no subnet for these pods.",
        "AKS donne leurs adresses aux pods d’une seule façon par cluster : depuis une plage de pods hors \
         du VNet (kubenet, overlay), depuis le sous-réseau des nœuds (Node Subnet, ancien) ou depuis un \
         sous-réseau à eux (Pod Subnet). En kubenet ou en overlay, les pods ne prennent jamais d’adresse \
         du sous-réseau nommé : le champ consigne un choix que le cluster ne fait pas, et les vérifications \
         ne dimensionnent aucun sous-réseau pour ces pods."
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""192.168.0.0/16""#),
        ("/aksClusters/0/podSubnet", r#""aks""#),
    ]),
    fix: text!(
        "Remove podSubnet to keep kubenet or overlay, or, for pods with VNet addresses of their own \
         subnet, set networkPlugin to \"azure\" without overlay. The suggested fix removes podSubnet.",
        "Retirez podSubnet pour garder kubenet ou overlay, ou, pour des pods aux adresses du VNet dans \
         leur propre sous-réseau, passez networkPlugin à « azure » sans overlay. La correction proposée \
         retire podSubnet."
    ),
    sources: &[sources::CONCEPTS_NETWORK_CNI_OVERVIEW, sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let Some(pod_subnet) = cluster.pod_subnet.as_deref() else { continue };
        if !cluster.pods_use_pod_cidr() {
            continue;
        }
        let (mode, mode_field) = if cluster.is_kubenet() {
            ("kubenet", "networkPlugin")
        } else {
            ("overlay", "networkPluginMode")
        };
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' names pod subnet '{subnet}' but runs {mode}, whose pods take \
                         addresses of the pod range, never of a subnet",
                        "le cluster « {cluster} » nomme le sous-réseau de pods « {subnet} » mais fonctionne \
                         en {mode}, dont les pods prennent des adresses de la plage de pods, jamais d’un \
                         sous-réseau"
                    ],
                    cluster = &cluster.name,
                    subnet = pod_subnet,
                    mode = mode,
                ),
                vec![pointer::cluster(index, "podSubnet"), pointer::cluster(index, mode_field)],
            )
            .with_fix(Some(Fix::set(
                text!(
                    "remove podSubnet: kubenet and overlay give pods addresses of the pod range",
                    "retirer podSubnet : kubenet et overlay donnent aux pods des adresses de la plage de pods"
                ),
                pointer::cluster(index, "podSubnet"),
                Value::Null,
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodSubnetUnused;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_pod_subnet_beside_overlay_or_kubenet() {
        let overlay = [
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/podSubnet", json!("aks")),
        ];
        let found = assert_fires(PodSubnetUnused, &overlay);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet", "/aksClusters/0/networkPluginMode"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' names pod subnet 'aks' but runs overlay, whose pods take addresses of the pod \
             range, never of a subnet"
        );
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .starts_with("le cluster « ml-aks » nomme le sous-réseau de pods"));
        assert_fix_resolves(PodSubnetUnused, &overlay);
        let kubenet =
            [("/aksClusters/0/networkPlugin", json!("kubenet")), ("/aksClusters/0/podSubnet", json!("aks"))];
        let found = assert_fires(PodSubnetUnused, &kubenet);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podSubnet", "/aksClusters/0/networkPlugin"]);
    }

    #[test]
    fn quiet_under_azure_cni_without_overlay() {
        assert_quiet(PodSubnetUnused, &[]);
        assert_quiet(PodSubnetUnused, &[("/aksClusters/0/podSubnet", json!("aks"))]);
        assert_quiet(PodSubnetUnused, &[("/aksClusters/0/networkPluginMode", json!("overlay"))]);
    }
}
