use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;
use crate::plan::NetworkPlugin;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Notes every cluster that chooses the kubenet network plugin."),
    why: english!("Microsoft retires kubenet networking for AKS on 31 March 2028; the Azure CLI help \
          and the AKS documentation both announce it. A cluster planned on kubenet today \
          will have to be migrated before that date."),
    example: Example::Fragment("\"networkPlugin\": \"kubenet\", \"podCidr\": \"10.244.0.0/16\""),
    fix: english!("Prefer Azure CNI Overlay (\"networkPlugin\": \"azure\", \"networkPluginMode\": \
          \"overlay\"): it also takes pod addresses from a separate pod range, so the same \
          podCidr can stay, and it has no 400-node route limit. No change is proposed \
          automatically, as switching plugins is a design decision."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet {
            continue;
        }
        out.report(format!(
                "cluster '{}' uses kubenet, which AKS retires on 31 March 2028; Azure CNI Overlay \
                 is its successor",
                cluster.name
            ),
            vec![pointer::cluster(index, "networkPlugin")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::KubenetRetiring;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_on_kubenet() {
        let found = assert_fires(
            KubenetRetiring,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' uses kubenet, which AKS retires on 31 March 2028; Azure CNI Overlay is \
             its successor"
        );
    }

    #[test]
    fn quiet_on_azure_cni_and_overlay() {
        assert_quiet(KubenetRetiring, &[]);
        assert_quiet(
            KubenetRetiring,
            &[
                ("/aksClusters/0/networkPluginMode", json!("overlay")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
