use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns, once per field, when a Kubernetes compute cluster (azureMl.api \"v2\") still writes \
         clusterPurpose, loadBalancerType or loadBalancerSubnet, three settings of the v1 AksCompute flow.",
        "Avertit, une fois par champ, quand un cluster de calcul Kubernetes (azureMl.api « v2 ») écrit \
         encore clusterPurpose, loadBalancerType ou loadBalancerSubnet, trois réglages du parcours v1 \
         AksCompute."
    ),
    why: text!(
        "The Azure ML extension reads none of them. Router redundancy comes from inferenceRouterHA, the \
         exposure of the router from inferenceRouterServiceType and internalLoadBalancerProvider, and an \
         internal load balancer always takes its frontend address from the node subnet. A plan that \
         keeps the v1 values suggests a design the cluster will not get.",
        "L’extension Azure ML n’en lit aucun. La redondance du routeur dépend d’inferenceRouterHA, son \
         exposition d’inferenceRouterServiceType et d’internalLoadBalancerProvider, et un équilibreur \
         interne prend toujours l’adresse de son frontal dans le sous-réseau des nœuds. Un plan qui garde \
         les valeurs v1 laisse croire à une conception que le cluster n’aura pas."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/clusterPurpose", r#""DevTest""#),
    ]),
    fix: text!(
        "Remove the v1 field and write its v2 counterpart: inferenceRouterHA for clusterPurpose, \
         inferenceRouterServiceType with internalLoadBalancerProvider for loadBalancerType. \
         loadBalancerSubnet has none: plan the extra address in the node subnet.",
        "Retirez le champ v1 et écrivez son équivalent v2 : inferenceRouterHA pour clusterPurpose, \
         inferenceRouterServiceType avec internalLoadBalancerProvider pour loadBalancerType. \
         loadBalancerSubnet n’en a pas : prévoyez l’adresse supplémentaire dans le sous-réseau des nœuds."
    ),
    sources: &[
        sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21,
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        sources::INTERNAL_LB_2026_07_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() {
            continue;
        }
        let fields = [
            ("clusterPurpose", cluster.cluster_purpose.is_some()),
            ("loadBalancerType", cluster.load_balancer_type.is_some()),
            ("loadBalancerSubnet", cluster.load_balancer_subnet.is_some()),
        ];
        for (field, set) in fields {
            if !set {
                continue;
            }
            let message = msg!(
                [
                    "cluster '{cluster}' sets {field}, which Kubernetes compute ignores; {instead}",
                    "le cluster « {cluster} » définit {field}, que le calcul Kubernetes ignore ; {instead}"
                ],
                cluster = &cluster.name,
                field = field,
            )
            .with_message("instead", counterpart(field));
            out.report(message, vec![pointer::cluster(index, field), pointer::cluster(index, "azureMl/api")]);
        }
    }
}

fn counterpart(field: &str) -> Message {
    match field {
        "clusterPurpose" => msg!([
            "router redundancy is set by azureMl.inferenceRouterHA",
            "la redondance du routeur se règle par azureMl.inferenceRouterHA"
        ]),
        "loadBalancerType" => msg!([
            "the router's exposure is set by azureMl.inferenceRouterServiceType and \
             azureMl.internalLoadBalancerProvider",
            "l’exposition du routeur se règle par azureMl.inferenceRouterServiceType et \
             azureMl.internalLoadBalancerProvider"
        ]),
        _ => msg!([
            "nothing replaces it: the internal frontend takes an address of the node subnet",
            "rien ne le remplace : le frontal interne prend une adresse du sous-réseau des nœuds"
        ]),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksV2V1OnlySetting;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    #[test]
    fn fires_once_per_v1_field_with_its_counterpart() {
        let mut changes = v2_cluster();
        changes.push(("/aksClusters/0/clusterPurpose", json!("FastProd")));
        changes.push(("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")));
        changes.push(("/aksClusters/0/loadBalancerSubnet", json!("aks")));
        let found = assert_fires(AksV2V1OnlySetting, &changes);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(found[0].subjects, ["/aksClusters/0/clusterPurpose", "/aksClusters/0/azureMl/api"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' sets clusterPurpose, which Kubernetes compute ignores; router redundancy is \
             set by azureMl.inferenceRouterHA"
        );
        assert_eq!(
            found[1].text.render(Lang::Fr),
            "le cluster « ml-aks » définit loadBalancerSubnet, que le calcul Kubernetes ignore ; rien ne le \
             remplace : le frontal interne prend une adresse du sous-réseau des nœuds"
        );
    }

    #[test]
    fn quiet_without_the_fields_or_on_v1() {
        assert_quiet(AksV2V1OnlySetting, &v2_cluster());
        assert_quiet(AksV2V1OnlySetting, &[("/aksClusters/0/clusterPurpose", json!("DevTest"))]);
    }
}
