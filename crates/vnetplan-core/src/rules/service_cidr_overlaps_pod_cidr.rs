use crate::range_fixes::move_cluster_range;
use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("The Kubernetes service range (serviceCidr) and the pod range (podCidr) of the same \
           AKS cluster must not share any address."),
    why: english!("With kubenet or Azure CNI overlay every node takes a /24 of the pod range for its \
          pods, while kube-proxy intercepts every address of the service range. An address \
          in both would be a pod and a service at once, so traffic to such pods goes to the \
          wrong place. The AKS documentation requires the two ranges to be disjoint."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"podCidr\": \"10.244.0.0/16\", \
              \"serviceCidr\": \"10.244.0.0/16\""),
    fix: english!("Keep the pod range and move the service range to a free block, for example \
          10.2.0.0/16 with dnsServiceIP 10.2.0.10."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(service), Some(pod)) = (facts.service_range(), facts.pod_range()) else { continue };
        if !service.overlaps(pod) {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "service CIDR {} of cluster '{}' overlaps its pod CIDR {}",
                    cluster.service_cidr,
                    cluster.name,
                    cluster.pod_cidr.as_deref().unwrap_or_default()
                ),
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
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.3.0.0/16"));
        assert_eq!(fix.changes[1].value, json!("10.3.0.10"));
        assert_fix_resolves(ServiceCidrOverlapsPodCidr, &changes);
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
