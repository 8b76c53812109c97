use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("A cluster on plain Azure CNI (networkPlugin \"azure\" without networkPluginMode \
           \"overlay\") must leave podCidr empty, because that plugin has no separate pod \
           range."),
    why: english!("With plain Azure CNI every pod receives an address of the node subnet, so a pod \
          range means nothing to it. The Azure CLI refuses --pod-cidr in that setup and asks \
          for overlay mode or kubenet instead; Terraform and the older AKS validation reject \
          the same combination."),
    example: Example::Fragment("\"networkPlugin\": \"azure\", \"networkPluginMode\": null, \"podCidr\": \
              \"10.244.0.0/16\""),
    fix: english!("Either clear podCidr and keep plain Azure CNI, whose pods use node subnet \
          addresses (the node subnet must then be sized for them), or keep the pod range and \
          set networkPluginMode to \"overlay\". The suggested fix clears podCidr, the smaller \
          change."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let Some(pod) = cluster.pod_cidr.as_deref() else { continue };
        if !cluster.pods_use_node_subnet() {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "cluster '{}' sets podCidr {pod} but uses Azure CNI without overlay, where pods \
                     take node subnet addresses; clear podCidr, or set networkPluginMode to \
                     'overlay' to keep a separate pod range",
                    cluster.name
                ),
                vec![pointer::cluster(index, "podCidr"), pointer::cluster(index, "networkPlugin")],
            )
            .with_fix(Some(Fix::set(
                "clear podCidr: plain Azure CNI gives pods addresses of the node subnet".to_owned(),
                pointer::cluster(index, "podCidr"),
                Value::Null,
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrWithAzureCni;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_pod_range_with_plain_azure_cni() {
        let changes = [("/aksClusters/0/podCidr", json!("10.244.0.0/16"))];
        let found = assert_fires(PodCidrWithAzureCni, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' sets podCidr 10.244.0.0/16 but uses Azure CNI without overlay, where \
             pods take node subnet addresses; clear podCidr, or set networkPluginMode to 'overlay' \
             to keep a separate pod range"
        );
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(json!(null)));
        assert_fix_resolves(PodCidrWithAzureCni, &changes);
    }

    #[test]
    fn fires_even_when_the_value_does_not_parse() {
        assert_fires(PodCidrWithAzureCni, &[("/aksClusters/0/podCidr", json!("10.244.0.0"))]);
    }

    #[test]
    fn quiet_without_a_pod_range_or_with_overlay_or_kubenet() {
        assert_quiet(PodCidrWithAzureCni, &[]);
        let pod = ("/aksClusters/0/podCidr", json!("10.244.0.0/16"));
        assert_quiet(
            PodCidrWithAzureCni,
            &[pod.clone(), ("/aksClusters/0/networkPluginMode", json!("overlay"))],
        );
        assert_quiet(PodCidrWithAzureCni, &[pod, ("/aksClusters/0/networkPlugin", json!("kubenet"))]);
    }
}
