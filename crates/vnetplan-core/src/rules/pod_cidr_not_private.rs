use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings, Severity};
use crate::net::{is_private_or_shared, Range, AKS_RESERVED, MULTICAST};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when the pod range (podCidr) of a kubenet or overlay cluster leaves private address space: \
         10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) or 100.64.0.0/10 (RFC 6598). A pod range in \
         multicast space, 224.0.0.0/4, is an error.",
        "Avertit quand la plage des pods (podCidr) d’un cluster kubenet ou overlay sort de l’espace \
         d’adresses privé : 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) ou 100.64.0.0/10 \
         (RFC 6598). Une plage de pods dans l’espace de multidiffusion, 224.0.0.0/4, est une erreur."
    ),
    why: text!(
        "AKS supports pod ranges in private and shared address space only. It does not block a public \
         pod range, but such a cluster is outside Microsoft's support, and its pods cannot reach the \
         internet hosts whose addresses the range takes. A multicast pod range is refused at creation \
         since the release of 2023-10-01. The reserved blocks 169.254.0.0/16 and 192.0.2.0/24 are \
         reported by pod-cidr-reserved-range instead.",
        "AKS ne prend en charge que des plages de pods dans l’espace d’adresses privé ou partagé. Il ne \
         bloque pas une plage de pods publique, mais un tel cluster sort du support de Microsoft, et ses \
         pods ne peuvent plus joindre les hôtes d’Internet dont la plage prend les adresses. Une plage de \
         pods de multidiffusion est refusée à la création depuis la version du 2023-10-01. Les blocs \
         réservés 169.254.0.0/16 et 192.0.2.0/24 relèvent plutôt de pod-cidr-reserved-range."
    ),
    example: Example(&[
        ("/aksClusters/0/networkPluginMode", r#""overlay""#),
        ("/aksClusters/0/podCidr", r#""20.4.0.0/16""#),
    ]),
    fix: text!(
        "Move the pod range to a private or shared block that nothing else in the plan or its connected \
         networks uses, for example 10.244.0.0/16.",
        "Déplacez la plage des pods vers un bloc privé ou partagé que rien d’autre n’utilise dans le plan \
         ni dans les réseaux qui y sont reliés, par exemple 10.244.0.0/16."
    ),
    sources: &[sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY, sources::AKS_CHANGELOG],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _, pod_net) in context.clusters_with_pod_range() {
        let pod = Range::of(pod_net);
        if is_private_or_shared(pod) || AKS_RESERVED.iter().any(|reserved| reserved.overlaps(pod)) {
            continue;
        }
        let draft = |message| {
            Draft::new(message, vec![pointer::cluster(index, "podCidr")])
                .with_fix(move_cluster_range(index, ClusterRange::Pod))
        };
        if pod.overlaps(MULTICAST) {
            out.push_as(
                Severity::Error,
                draft(msg!(
                    [
                        "pod CIDR {pod} of cluster '{cluster}' takes multicast addresses, which AKS refuses \
                         for a pod range",
                        "la plage des pods {pod} du cluster « {cluster} » prend des adresses de \
                         multidiffusion, qu’AKS refuse pour une plage de pods"
                    ],
                    pod = pod_net,
                    cluster = &cluster.name,
                )),
            );
        } else {
            out.push(draft(msg!(
                [
                    "pod CIDR {pod} of cluster '{cluster}' lies outside private and shared address space, \
                     where AKS does not support a pod range",
                    "la plage des pods {pod} du cluster « {cluster} » est hors de l’espace d’adresses privé \
                     et partagé, où AKS ne prend pas en charge de plage de pods"
                ],
                pod = pod_net,
                cluster = &cluster.name,
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrNotPrivate;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn overlay(pod: &str) -> [(&'static str, serde_json::Value); 2] {
        [("/aksClusters/0/networkPluginMode", json!("overlay")), ("/aksClusters/0/podCidr", json!(pod))]
    }

    #[test]
    fn warns_on_a_public_range() {
        let found = assert_fires(PodCidrNotPrivate, &overlay("20.4.0.0/16"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr"]);
        assert_eq!(
            found[0].message,
            "pod CIDR 20.4.0.0/16 of cluster 'ml-aks' lies outside private and shared address space, where \
             AKS does not support a pod range"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des pods 20.4.0.0/16 du cluster « ml-aks » est hors de l’espace d’adresses privé et \
             partagé, où AKS ne prend pas en charge de plage de pods"
        );
        assert_fix_resolves(PodCidrNotPrivate, &overlay("20.4.0.0/16"));
        // Loopback is no public space either; the message must not call it that.
        let loopback = assert_fires(PodCidrNotPrivate, &overlay("127.0.0.0/16"));
        assert!(loopback[0].message.contains("outside private and shared"), "{}", loopback[0].message);
    }

    #[test]
    fn refuses_a_multicast_range_for_kubenet_too() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("224.4.0.0/16")),
        ];
        let found = assert_fires(PodCidrNotPrivate, &changes);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.contains("takes multicast addresses"), "{}", found[0].message);
        assert_fix_resolves(PodCidrNotPrivate, &changes);
    }

    #[test]
    fn quiet_in_private_or_shared_space_on_reserved_blocks_and_on_plain_azure_cni() {
        assert_quiet(PodCidrNotPrivate, &[]);
        for pod in ["10.244.0.0/16", "172.28.0.0/15", "100.64.0.0/16", "192.168.0.0/16", "192.0.2.0/24"] {
            assert_quiet(PodCidrNotPrivate, &overlay(pod));
        }
        // Plain Azure CNI takes pod addresses from the node subnet and ignores a pod range.
        assert_quiet(PodCidrNotPrivate, &[("/aksClusters/0/podCidr", json!("20.4.0.0/16"))]);
    }
}
