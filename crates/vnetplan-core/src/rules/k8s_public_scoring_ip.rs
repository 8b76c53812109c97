use crate::capacity;
use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{Choice, InternalLoadBalancerProvider, LoadBalancerType};
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns about a Kubernetes compute cluster (azureMl.api \"v2\") whose router gets a public load \
         balancer (inferenceRouterServiceType loadBalancer without internalLoadBalancerProvider) in a \
         plan that otherwise aims to be private: the workspace has a private endpoint, or this cluster or \
         a v1 cluster asks for loadBalancerType InternalLoadBalancer.",
        "Avertit pour un cluster de calcul Kubernetes (azureMl.api « v2 ») dont le routeur reçoit un \
         équilibreur de charge public (inferenceRouterServiceType à loadBalancer sans \
         internalLoadBalancerProvider) dans un plan qui se veut privé par ailleurs : l’espace de travail a \
         un point de terminaison privé, ou ce cluster ou un cluster v1 demande loadBalancerType à \
         InternalLoadBalancer."
    ),
    why: text!(
        "The extension only makes the load balancer internal when internalLoadBalancerProvider is azure. \
         Otherwise azureml-fe gets a public IP address, and the scoring endpoints answer from the \
         internet whatever the workspace's private endpoint or the v1 loadBalancerType say: v2 does not \
         read loadBalancerType at all.",
        "L’extension ne rend l’équilibreur de charge interne que si internalLoadBalancerProvider vaut \
         azure. Sinon azureml-fe reçoit une adresse IP publique, et les points de scoring répondent depuis \
         Internet quoi que disent le point de terminaison privé de l’espace de travail ou le \
         loadBalancerType v1 : la v2 ne lit pas du tout loadBalancerType."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/workspace/privateEndpoint", r#"{"vnet": "ml-vnet", "subnet": "aks"}"#),
    ]),
    fix: text!(
        "Set azureMl.internalLoadBalancerProvider to \"azure\", which places the router's frontend in the \
         node subnet; the subnet needs one free address for it. The fix is offered only when it has one.",
        "Mettez azureMl.internalLoadBalancerProvider à « azure », ce qui place le frontal du routeur dans \
         le sous-réseau des nœuds ; il y faut une adresse libre. La correction n’est proposée que si elle \
         existe."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        Source {
            title: "MicrosoftDocs/azure-docs issue 77654: the scoring endpoint gets a public IP address",
            location: "https://github.com/MicrosoftDocs/azure-docs/issues/77654",
            date: "2021-06-30",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    let private_endpoint = plan.workspace.private_endpoint.is_some();
    let v1_internal: Vec<usize> = context
        .v1_clusters()
        .filter(|(_, cluster, _)| cluster.has_internal_load_balancer())
        .map(|(index, _, _)| index)
        .collect();
    for (index, cluster, _) in context.clusters() {
        if !cluster.is_v2() || !cluster.azure_ml().has_public_router() {
            continue;
        }
        let own_internal = cluster.load_balancer_type == Some(LoadBalancerType::InternalLoadBalancer);
        let reason = if private_endpoint {
            msg!([
                "the workspace has a private endpoint",
                "l’espace de travail a un point de terminaison privé"
            ])
        } else if own_internal {
            msg!([
                "its loadBalancerType asks for an internal load balancer",
                "son loadBalancerType demande un équilibreur interne"
            ])
        } else if !v1_internal.is_empty() {
            msg!([
                "a v1 cluster of the plan uses an internal load balancer",
                "un cluster v1 du plan utilise un équilibreur interne"
            ])
        } else {
            continue;
        };
        let mut subjects = vec![
            pointer::cluster(index, "azureMl/internalLoadBalancerProvider"),
            pointer::cluster(index, "azureMl/inferenceRouterServiceType"),
        ];
        if private_endpoint {
            subjects.push(pointer::workspace("privateEndpoint"));
        }
        if own_internal {
            subjects.push(pointer::cluster(index, "loadBalancerType"));
        }
        subjects.extend(v1_internal.iter().map(|&other| pointer::cluster(other, "loadBalancerType")));
        out.push(Draft::new(message(&cluster.name, reason), subjects).with_fix(internal_fix(context, index)));
    }
}

fn message(cluster: &str, reason: Message) -> Message {
    msg!(
        [
            "cluster '{cluster}' gives its router a public IP address although {reason}; scoring is \
             reachable from the internet",
            "le cluster « {cluster} » donne à son routeur une adresse IP publique alors que {reason} ; le \
             scoring est joignable depuis Internet"
        ],
        cluster = cluster,
    )
    .with_message("reason", reason)
}

/// The internal frontend takes one more address of the node subnet, so the fix is only safe when
/// the subnet, shared or not, still has it free.
fn internal_fix(context: &Context<'_>, index: usize) -> Option<Fix> {
    let node = capacity::node_subnet(context, index)?;
    if node.subnet_needed.saturating_add(1) > node.usable {
        return None;
    }
    let (cluster, _) = context.cluster(index)?;
    Some(Fix::set(
        msg!(
            [
                "give cluster '{cluster}' an internal load balancer in its node subnet",
                "donner au cluster « {cluster} » un équilibreur interne dans son sous-réseau de nœuds"
            ],
            cluster = &cluster.name,
        ),
        pointer::cluster(index, "azureMl/internalLoadBalancerProvider"),
        InternalLoadBalancerProvider::Azure.as_str(),
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sPublicScoringIp;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn with(extra: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
        let mut changes = v2_cluster();
        changes.extend(extra.iter().cloned());
        changes
    }

    #[test]
    fn fires_beside_a_workspace_private_endpoint() {
        let changes = with(&[("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}))]);
        let found = assert_fires(K8sPublicScoringIp, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            [
                "/aksClusters/0/azureMl/internalLoadBalancerProvider",
                "/aksClusters/0/azureMl/inferenceRouterServiceType",
                "/workspace/privateEndpoint"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » donne à son routeur une adresse IP publique alors que l’espace de travail a \
             un point de terminaison privé ; le scoring est joignable depuis Internet"
        );
        let fix = found[0].fix.as_ref().expect("the /22 has room");
        assert_eq!(fix.changes[0].value, json!("azure"));
        assert_fix_resolves(K8sPublicScoringIp, &changes);
    }

    #[test]
    fn names_every_internal_load_balancer_asked_for() {
        let v1 = json!({
            "name": "legacy", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.3.0.0/16",
            "dnsServiceIP": "10.3.0.10", "nodeCount": 3, "loadBalancerType": "InternalLoadBalancer"
        });
        let changes = with(&[
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/-", v1),
        ]);
        let found = assert_fires(K8sPublicScoringIp, &changes);
        assert_eq!(found.len(), 1);
        assert!(found[0].subjects.contains(&"/aksClusters/0/loadBalancerType".to_owned()));
        assert!(found[0].subjects.contains(&"/aksClusters/1/loadBalancerType".to_owned()));
        assert!(found[0]
            .message
            .contains("although its loadBalancerType asks for an internal load balancer"));
    }

    #[test]
    fn no_fix_when_the_node_subnet_is_full() {
        // Flat Azure CNI with 30 pods a node already fills a /25 at the upgrade peak.
        let changes = with(&[
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"})),
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/25")),
            ("/aksClusters/0/networkPlugin", json!("azure")),
            ("/aksClusters/0/nodeCount", json!(3)),
        ]);
        let found = assert_fires(K8sPublicScoringIp, &changes);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn quiet_when_internal_or_nothing_private() {
        assert_quiet(K8sPublicScoringIp, &v2_cluster());
        assert_quiet(
            K8sPublicScoringIp,
            &with(&[
                ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"})),
                ("/aksClusters/0/azureMl/internalLoadBalancerProvider", json!("azure")),
            ]),
        );
    }
}
