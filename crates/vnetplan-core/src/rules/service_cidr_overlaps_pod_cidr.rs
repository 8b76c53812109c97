use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::plan::AKS_DEFAULT_POD_CIDR;
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) and the pod range of one AKS cluster must share no \
         address. The pod range is podCidr or, for a kubenet or overlay cluster that leaves it out, AKS's \
         default 10.244.0.0/16. Flat Azure CNI has no pod range: its pods take addresses in the node \
         subnet.",
        "La plage des services Kubernetes (serviceCidr) et la plage des pods d’un même cluster AKS ne \
         doivent partager aucune adresse. La plage des pods est podCidr ou, pour un cluster kubenet ou \
         overlay qui l’omet, la valeur par défaut d’AKS, 10.244.0.0/16. Azure CNI à plat n’a pas de plage \
         des pods : ses pods prennent leurs adresses dans le sous-réseau des nœuds."
    ),
    why: text!(
        "With kubenet or Azure CNI Overlay each node takes a /24 of the pod range for its pods, while \
         kube-proxy intercepts every address of the service range. An address in both ranges would name a \
         pod and a service at once, so traffic to such pods goes astray. The AKS documentation requires \
         the two ranges to be disjoint.",
        "Avec kubenet ou Azure CNI Overlay, chaque nœud prend un /24 de la plage des pods pour ses pods, \
         tandis que kube-proxy intercepte toutes les adresses de la plage des services. Une adresse \
         présente dans les deux plages désignerait à la fois un pod et un service : le trafic destiné à \
         ces pods s’égare. La documentation d’AKS exige que les deux plages soient disjointes."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""10.2.0.0/17""#),
    ]),
    fix: text!(
        "Keep the pod range and move the service range to a free block, for example 10.3.0.0/16 with \
         dnsServiceIP 10.3.0.10.",
        "Gardez la plage des pods et déplacez la plage des services vers un bloc libre, par exemple \
         10.3.0.0/16 avec dnsServiceIP 10.3.0.10."
    ),
    sources: &[sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY, sources::CONFIGURE_KUBENET_2026_08_21],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(service), Some(pod)) = (facts.service_range(), facts.pod_range()) else { continue };
        if !service.overlaps(pod) {
            continue;
        }
        // Without a written podCidr the clash is with AKS's default, which the message must name
        // since the plan shows no value to compare with.
        let message = match cluster.pod_cidr.as_deref() {
            Some(pod) => msg!(
                [
                    "service CIDR {cidr} of cluster '{cluster}' overlaps its pod CIDR {pod}",
                    "la plage de services {cidr} du cluster « {cluster} » chevauche sa plage de pods {pod}"
                ],
                cidr = &cluster.service_cidr,
                cluster = &cluster.name,
                pod = pod,
            ),
            None => msg!(
                [
                    "service CIDR {cidr} of cluster '{cluster}' overlaps {pod}, the pod range AKS uses when \
                     podCidr is not set",
                    "la plage de services {cidr} du cluster « {cluster} » chevauche {pod}, la plage de pods \
                     qu’AKS prend quand podCidr n’est pas défini"
                ],
                cidr = &cluster.service_cidr,
                cluster = &cluster.name,
                pod = AKS_DEFAULT_POD_CIDR,
            ),
        };
        out.push(
            Draft::new(
                message,
                vec![pointer::cluster(index, "serviceCidr"), pointer::cluster(index, "podCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrOverlapsPodCidr;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_the_pod_range_sits_in_the_service_range() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.2.0.0/17")),
        ];
        let found = assert_fires(ServiceCidrOverlapsPodCidr, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/aksClusters/0/podCidr"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.2.0.0/16 of cluster 'ml-aks' overlaps its pod CIDR 10.2.0.0/17"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.2.0.0/16 du cluster « ml-aks » chevauche sa plage de pods 10.2.0.0/17"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.3.0.0/16"));
        assert_eq!(fix.changes[1].value, json!("10.3.0.10"));
        assert_fix_resolves(ServiceCidrOverlapsPodCidr, &changes);
    }

    #[test]
    fn fires_on_the_default_pod_range_when_none_is_written() {
        let changes = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/serviceCidr", json!("10.244.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.244.0.10")),
        ];
        let found = assert_fires(ServiceCidrOverlapsPodCidr, &changes);
        assert_eq!(
            found[0].message,
            "service CIDR 10.244.0.0/16 of cluster 'ml-aks' overlaps 10.244.0.0/16, the pod range AKS \
             uses when podCidr is not set"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.244.0.0/16 du cluster « ml-aks » chevauche 10.244.0.0/16, la plage \
             de pods qu’AKS prend quand podCidr n’est pas défini"
        );
    }

    #[test]
    fn quiet_next_to_the_default_pod_range() {
        assert_quiet(
            ServiceCidrOverlapsPodCidr,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/serviceCidr", json!("10.245.0.0/16")),
                ("/aksClusters/0/dnsServiceIP", json!("10.245.0.10")),
            ],
        );
    }

    #[test]
    fn quiet_when_disjoint_or_without_pod_range() {
        assert_quiet(ServiceCidrOverlapsPodCidr, &[]);
        assert_quiet(
            ServiceCidrOverlapsPodCidr,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
