use serde_json::Value;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings, Severity};
use crate::plan::RouterServiceType;
use crate::pointer;

/// The extension's own template in the AML-Kubernetes repository, which picks the router's service.
const AMLK8S_DEPLOY_EXTENSION_TEMPLATE: Source = Source {
    title: "AML-Kubernetes: files/deployextension.json, the extension's ARM template (node port is chosen \
            before the internal load balancer)",
    location: "Azure/AML-Kubernetes:files/deployextension.json@b533ee4",
    date: "2024-08-15",
};

/// The `az k8s-extension` partner code for Azure ML, which checks the settings before installing.
const K8S_EXTENSION_AZUREML_VALIDATION: Source = Source {
    title: "az k8s-extension, Azure ML settings validation (refuses nodePort with an internal load \
            balancer provider)",
    location: "Azure/azure-cli-extensions:src/k8s-extension/azext_k8s_extension/partner_extensions/\
               AzureMLKubernetes.py@3f6c0da",
    date: "k8s-extension 1.2.0 and later",
};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Flags a Kubernetes compute cluster (azureMl.api \"v2\") that sets internalLoadBalancerProvider while \
         its router is not a loadBalancer service.",
        "Signale un cluster de calcul Kubernetes (azureMl.api « v2 ») qui définit \
         internalLoadBalancerProvider alors que son routeur n’est pas un service loadBalancer."
    ),
    why: text!(
        "The provider only makes the router's load balancer internal; nodePort and clusterIP routers have \
         no load balancer to make internal. With nodePort, az k8s-extension create stops with an error \
         saying the two settings exclude each other, and the extension's template keeps the node port and \
         drops the provider. With clusterIP the setting is accepted and does nothing. Either way the plan \
         counts on a private front end that will not exist, or on a command that will fail.",
        "Le fournisseur ne fait que rendre interne l’équilibreur de charge du routeur ; un routeur nodePort \
         ou clusterIP n’a pas d’équilibreur à rendre interne. Avec nodePort, az k8s-extension create \
         s’arrête sur une erreur disant que les deux réglages s’excluent, et le modèle de l’extension garde \
         le port de nœud en ignorant le fournisseur. Avec clusterIP, le réglage est accepté et ne fait rien. \
         Dans les deux cas, le plan compte sur une façade privée qui n’existera pas, ou sur une commande qui \
         échouera."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        (
            "/aksClusters/0/azureMl",
            r#"{"api": "v2", "inferenceRouterServiceType": "nodePort", "internalLoadBalancerProvider": "azure"}"#,
        ),
    ]),
    fix: text!(
        "For a private router behind an internal load balancer, set inferenceRouterServiceType to \
         loadBalancer. To keep nodePort or clusterIP, remove internalLoadBalancerProvider.",
        "Pour un routeur privé derrière un équilibreur de charge interne, mettez inferenceRouterServiceType \
         à loadBalancer. Pour garder nodePort ou clusterIP, retirez internalLoadBalancerProvider."
    ),
    sources: &[AMLK8S_DEPLOY_EXTENSION_TEMPLATE, K8S_EXTENSION_AZUREML_VALIDATION],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let azure_ml = cluster.azure_ml();
        if !cluster.is_v2() || azure_ml.internal_load_balancer_provider.is_none() {
            continue;
        }
        let service = match azure_ml.router_service_type() {
            Some(service @ (RouterServiceType::NodePort | RouterServiceType::ClusterIp)) => service,
            Some(RouterServiceType::LoadBalancer) | None => continue,
        };
        let subjects = vec![
            pointer::cluster(index, "azureMl/internalLoadBalancerProvider"),
            pointer::cluster(index, "azureMl/inferenceRouterServiceType"),
        ];
        let fix = Some(Fix::set(
            msg!(
                [
                    "remove the internal load balancer provider of cluster '{cluster}'",
                    "retirer le fournisseur d’équilibreur de charge interne du cluster « {cluster} »"
                ],
                cluster = &cluster.name,
            ),
            pointer::cluster(index, "azureMl/internalLoadBalancerProvider"),
            Value::Null,
        ));
        if service == RouterServiceType::NodePort {
            let message = msg!(
                [
                    "cluster '{cluster}' asks for an internal load balancer on a nodePort router, which \
                     az k8s-extension create refuses; the extension's template ignores the provider",
                    "le cluster « {cluster} » demande un équilibreur de charge interne pour un routeur nodePort, \
                     ce qu’az k8s-extension create refuse ; le modèle de l’extension ignore le fournisseur"
                ],
                cluster = &cluster.name,
            );
            out.push_as(Severity::Error, Draft::new(message, subjects).with_fix(fix));
        } else {
            let message = msg!(
                [
                    "cluster '{cluster}' asks for an internal load balancer on a clusterIP router, which has \
                     no load balancer: the setting does nothing",
                    "le cluster « {cluster} » demande un équilibreur de charge interne pour un routeur \
                     clusterIP, qui n’a pas d’équilibreur : le réglage ne fait rien"
                ],
                cluster = &cluster.name,
            );
            out.push(Draft::new(message, subjects).with_fix(fix));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sInternalLbProviderIgnored;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn v2(service_type: &str, provider: Value) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            (
                "/aksClusters/0/azureMl",
                json!({"api": "v2", "inferenceRouterServiceType": service_type,
                       "internalLoadBalancerProvider": provider}),
            ),
        ]
    }

    #[test]
    fn a_node_port_router_with_the_provider_is_refused() {
        let changes = v2("nodePort", json!("azure"));
        let found = assert_fires(K8sInternalLbProviderIgnored, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            [
                "/aksClusters/0/azureMl/internalLoadBalancerProvider",
                "/aksClusters/0/azureMl/inferenceRouterServiceType"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » demande un équilibreur de charge interne pour un routeur nodePort, ce \
             qu’az k8s-extension create refuse ; le modèle de l’extension ignore le fournisseur"
        );
        assert_fix_resolves(K8sInternalLbProviderIgnored, &changes);
    }

    #[test]
    fn a_cluster_ip_router_with_the_provider_is_a_warning() {
        let changes = v2("clusterIP", json!("azure"));
        let found = assert_fires(K8sInternalLbProviderIgnored, &changes);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' asks for an internal load balancer on a clusterIP router, which has no load \
             balancer: the setting does nothing"
        );
        assert_fix_resolves(K8sInternalLbProviderIgnored, &changes);
    }

    #[test]
    fn quiet_for_an_internal_load_balancer_router_or_no_provider() {
        assert_quiet(K8sInternalLbProviderIgnored, &v2("loadBalancer", json!("azure")));
        assert_quiet(K8sInternalLbProviderIgnored, &v2("nodePort", Value::Null));
        assert_quiet(K8sInternalLbProviderIgnored, &v2("clusterIP", Value::Null));
    }
}
