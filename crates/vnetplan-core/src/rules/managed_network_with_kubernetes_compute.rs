use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{Choice, IsolationMode};
use crate::pointer;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about each v2 cluster of a plan whose workspace has a managed network (isolationMode \
         other than disabled).",
        "Avertit pour chaque cluster v2 d’un plan dont l’espace de travail a un réseau managé \
         (isolationMode autre que disabled)."
    ),
    why: text!(
        "The managed network isolates the compute that Azure ML hosts: compute instances, clusters, \
         serverless jobs and managed online endpoints. Kubernetes compute is not part of it. An attached \
         cluster stays in its own VNet, its outbound traffic follows that VNet’s rules rather than the \
         managed network’s outbound rules, and it reaches a private workspace only through a workspace \
         private endpoint it can route to.",
        "Le réseau managé isole les calculs hébergés par Azure ML : instances et clusters de calcul, \
         travaux serverless et points de terminaison en ligne managés. Le calcul Kubernetes n’en fait \
         pas partie. Un cluster attaché reste dans son propre VNet, son trafic sortant suit les règles \
         de ce VNet et non les règles sortantes du réseau managé, et il ne joint un espace de travail \
         privé que par un point de terminaison privé de l’espace de travail vers lequel il peut router."
    ),
    example: Example(&[
        ("/workspace/managedNetwork", r#"{"isolationMode": "allowInternetOutbound"}"#),
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
    ]),
    fix: text!(
        "Plan the cluster’s network on its own: a workspace private endpoint in its VNet or a peered \
         one, and egress rules on that VNet for what the extension and Azure ML need. The managed \
         network can stay for the compute it does cover.",
        "Planifiez le réseau du cluster à part : un point de terminaison privé de l’espace de travail \
         dans son VNet ou dans un VNet appairé, et des règles de sortie sur ce VNet pour ce dont \
         l’extension et Azure ML ont besoin. Le réseau managé peut rester pour les calculs qu’il \
         couvre bel et bien."
    ),
    sources: &[
        Source {
            title: "Workspace managed network isolation",
            location: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network",
            date: "2025-05-23",
        },
        Source {
            title: "Network isolation configurations in Azure Machine Learning",
            location:
                "https://learn.microsoft.com/azure/machine-learning/concept-network-isolation-configurations",
            date: "2024-10-03",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let mode = context.plan.workspace.isolation_mode();
    if mode == IsolationMode::Disabled {
        return;
    }
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() {
            continue;
        }
        out.report(
            msg!(
                [
                    "cluster '{cluster}' is Kubernetes compute, which the workspace’s managed network \
                     ({mode}) does not cover: it reaches the workspace through its own VNet",
                    "le cluster « {cluster} » est un calcul Kubernetes, que le réseau managé de l’espace \
                     de travail ({mode}) ne couvre pas : il joint l’espace de travail par son propre VNet"
                ],
                cluster = &cluster.name,
                mode = mode.as_str(),
            ),
            vec![pointer::cluster(index, "azureMl/api"), pointer::workspace("managedNetwork/isolationMode")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ManagedNetworkWithKubernetesCompute;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn with_mode(mode: &str) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("/workspace/managedNetwork", json!({ "isolationMode": mode })),
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({ "api": "v2", "inferenceRouterServiceType": "loadBalancer" })),
        ]
    }

    #[test]
    fn warns_per_v2_cluster() {
        let found =
            assert_fires(ManagedNetworkWithKubernetesCompute, &with_mode("allowOnlyApprovedOutbound"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/azureMl/api", "/workspace/managedNetwork/isolationMode"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » est un calcul Kubernetes, que le réseau managé de l’espace de travail \
             (allowOnlyApprovedOutbound) ne couvre pas : il joint l’espace de travail par son propre VNet"
        );
    }

    #[test]
    fn quiet_when_disabled_or_without_v2_cluster() {
        assert_quiet(ManagedNetworkWithKubernetesCompute, &with_mode("disabled"));
        assert_quiet(
            ManagedNetworkWithKubernetesCompute,
            &[("/workspace/managedNetwork", json!({ "isolationMode": "allowInternetOutbound" }))],
        );
    }
}
