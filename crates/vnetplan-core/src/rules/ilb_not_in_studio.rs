use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::Provisioning;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes every cluster planned with loadBalancerType InternalLoadBalancer, because that choice \
         cannot be made in the Azure ML studio.",
        "Signale chaque cluster prévu avec loadBalancerType InternalLoadBalancer, car ce choix ne \
         peut pas se faire dans le studio Azure ML."
    ),
    why: text!(
        "The studio's dialog for creating an AKS inference cluster offers no private IP, so a plan \
         with an internal load balancer cannot be carried out by clicking through it. The v1 SDK and \
         the v1 CLI extension can create such a cluster; for an attached cluster, the load balancer \
         is switched by an update once the attach has finished.",
        "La boîte de dialogue du studio qui crée un cluster d’inférence AKS ne propose pas d’IP \
         privée : un plan avec un équilibreur de charge interne ne peut donc pas être appliqué en \
         quelques clics. Le SDK v1 et l’extension CLI v1 savent créer un tel cluster ; pour un \
         cluster attaché, l’équilibreur de charge est changé par une mise à jour une fois \
         l’attachement terminé."
    ),
    example: Example(&[("/aksClusters/0/loadBalancerType", r#""InternalLoadBalancer""#)]),
    fix: text!(
        "Nothing in the plan has to change. Create the cluster with the Azure ML SDK or CLI and pass \
         the load balancer type and subnet there; for an attached cluster, attach it first, then \
         apply an AksUpdateConfiguration with the internal load balancer.",
        "Le plan n’a pas à changer. Créez le cluster avec le SDK ou la CLI Azure ML en leur passant \
         le type et le sous-réseau de l’équilibreur de charge ; pour un cluster attaché, attachez-le \
         d’abord, puis appliquez une AksUpdateConfiguration avec l’équilibreur de charge interne."
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2020_10_23,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        if !cluster.has_internal_load_balancer() {
            continue;
        }
        let advice = match cluster.provisioning() {
            Provisioning::Create => {
                msg!(["create it with the SDK or CLI", "créez-le avec le SDK ou la CLI"])
            }
            Provisioning::Attach => msg!([
                "attach it, then switch the load balancer with an AksUpdateConfiguration once the \
                 attach has finished",
                "attachez-le, puis changez d’équilibreur de charge avec une AksUpdateConfiguration une \
                 fois l’attachement terminé"
            ]),
        };
        out.report(
            msg!(
                [
                    "cluster '{cluster}' uses an internal load balancer, which the studio cannot set up: \
                     {advice}",
                    "le cluster « {cluster} » utilise un équilibreur de charge interne, que le studio ne \
                     sait pas configurer : {advice}"
                ],
                cluster = &cluster.name,
            )
            .with_message("advice", advice),
            vec![pointer::cluster(index, "loadBalancerType"), pointer::cluster(index, "provisioning")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbNotInStudio;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_for_a_created_cluster() {
        let found = assert_fires(
            IlbNotInStudio,
            &[("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer"))],
        );
        assert_eq!(found[0].subjects, ["/aksClusters/0/loadBalancerType", "/aksClusters/0/provisioning"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' uses an internal load balancer, which the studio cannot set up: create it with \
             the SDK or CLI"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » utilise un équilibreur de charge interne, que le studio ne sait pas \
             configurer : créez-le avec le SDK ou la CLI"
        );
    }

    #[test]
    fn tells_an_attached_cluster_to_update_after_the_attach() {
        let found = assert_fires(
            IlbNotInStudio,
            &[
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
                ("/aksClusters/0/provisioning", json!("attach")),
            ],
        );
        assert!(found[0].message.ends_with("AksUpdateConfiguration once the attach has finished"));
        assert!(found[0].text.render(Lang::Fr).ends_with("une fois l’attachement terminé"));
    }

    #[test]
    fn quiet_with_a_public_load_balancer() {
        assert_quiet(IlbNotInStudio, &[]);
    }
}
