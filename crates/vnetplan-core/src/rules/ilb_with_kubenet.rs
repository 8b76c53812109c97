use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::NetworkPlugin;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a cluster that combines loadBalancerType InternalLoadBalancer with the kubenet \
         network plugin.",
        "Signale un cluster qui associe loadBalancerType InternalLoadBalancer au plug-in réseau \
         kubenet."
    ),
    why: text!(
        "The 2020 Azure ML guide to securing inference in a VNet stated that an internal load \
         balancer does not work with an AKS cluster on kubenet, and sent clusters that need both a \
         private API server and an internal load balancer to Azure CNI. Later versions of the page \
         dropped the sentence without saying that the combination now works, so the rule warns \
         instead of failing the plan.",
        "Le guide Azure ML de 2020 sur la sécurisation de l’inférence dans un VNet indiquait qu’un \
         équilibreur de charge interne ne fonctionne pas avec un cluster AKS sous kubenet, et \
         renvoyait vers Azure CNI les clusters qui ont besoin à la fois d’un serveur d’API privé et \
         d’un équilibreur de charge interne. Les versions suivantes de la page ont retiré cette \
         phrase sans dire que la combinaison fonctionne désormais : la règle avertit donc au lieu de \
         rejeter le plan."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/16""#),
        ("/aksClusters/0/loadBalancerType", r#""InternalLoadBalancer""#),
    ]),
    fix: text!(
        "Use Azure CNI for a cluster with an internal load balancer (networkPlugin \"azure\", in \
         overlay mode if node-subnet addresses are scarce), or keep kubenet with a public load \
         balancer. Kubenet itself is retired on 31 March 2028.",
        "Utilisez Azure CNI pour un cluster doté d’un équilibreur de charge interne (networkPlugin \
         \"azure\", en mode overlay si les adresses du sous-réseau des nœuds sont rares), ou gardez \
         kubenet avec un équilibreur public. Kubenet lui-même sera retiré le 31 mars 2028."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet || !cluster.has_internal_load_balancer() {
            continue;
        }
        out.report(
            msg!(
                [
                    "cluster '{cluster}' pairs an internal load balancer with kubenet, a combination Azure \
                     ML documented as not working; use Azure CNI for it",
                    "le cluster « {cluster} » associe un équilibreur de charge interne à kubenet, une \
                     combinaison qu’Azure ML a documentée comme ne fonctionnant pas ; utilisez Azure CNI \
                     pour ce cluster"
                ],
                cluster = &cluster.name,
            ),
            vec![pointer::cluster(index, "loadBalancerType"), pointer::cluster(index, "networkPlugin")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbWithKubenet;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn kubenet() -> [(&'static str, serde_json::Value); 2] {
        [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
        ]
    }

    #[test]
    fn fires_on_kubenet_with_an_internal_load_balancer() {
        let mut changes = kubenet().to_vec();
        changes.push(("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")));
        let found = assert_fires(IlbWithKubenet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerType", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' pairs an internal load balancer with kubenet, a combination Azure ML \
             documented as not working; use Azure CNI for it"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » associe un équilibreur de charge interne à kubenet, une combinaison \
             qu’Azure ML a documentée comme ne fonctionnant pas ; utilisez Azure CNI pour ce cluster"
        );
    }

    #[test]
    fn quiet_for_kubenet_alone_or_azure_cni_with_an_internal_load_balancer() {
        assert_quiet(IlbWithKubenet, &kubenet());
        assert_quiet(IlbWithKubenet, &[("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer"))]);
    }
}
