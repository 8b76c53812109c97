use serde_json::json;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A v2 Kubernetes compute that counts on Trusted Access for Azure ML (trustedAccess true) must be in \
         a region of Azure's public cloud. A v1 cluster never uses Trusted Access, so the field is not read \
         there.",
        "Un calcul Kubernetes v2 qui compte sur l’accès approuvé pour Azure ML (trustedAccess à true) doit \
         être dans une région du cloud public d’Azure. Un cluster v1 n’utilise jamais l’accès approuvé : le \
         champ n’y est pas lu."
    ),
    why: text!(
        "The only page that documents Azure ML over Trusted Access limits it to the public cloud: Azure \
         Government, Azure in China and the air-gapped clouds do not have it. There, a cluster with local \
         accounts disabled, a public FQDN on a private API server, or authorized ranges that leave Azure \
         ML out cannot be reached by Azure ML, whatever the plan records.",
        "La seule page qui documente Azure ML par l’accès approuvé le limite au cloud public : Azure \
         Government, Azure en Chine et les clouds isolés ne l’ont pas. Là, un cluster aux comptes locaux \
         désactivés, au serveur d’API privé doté d’un FQDN public, ou aux plages autorisées qui laissent \
         Azure ML dehors, est injoignable pour Azure ML, quoi que note le plan."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/aksClusters/0/region", r#""usgovvirginia""#),
        ("/aksClusters/0/trustedAccess", "true"),
    ]),
    fix: text!(
        "In these clouds, keep the cluster reachable without Trusted Access: local accounts enabled, no \
         public FQDN on a private cluster, and authorized ranges that admit Azure ML; then record \
         trustedAccess false.",
        "Dans ces clouds, gardez le cluster joignable sans accès approuvé : comptes locaux activés, pas de \
         FQDN public sur un cluster privé, et des plages autorisées qui admettent Azure ML ; puis \
         consignez trustedAccess à false."
    ),
    sources: &[sources::AZUREML_AKS_TA_SUPPORT_2024_07_05],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        // Trusted Access is how the v2 extension reaches the API server; v1 never asks for it.
        if !cluster.is_v2() || !context.plan.trusted_access_unavailable(cluster) {
            continue;
        }
        let region = context.plan.cluster_region(cluster);
        let region_field =
            if cluster.region.is_some() { pointer::cluster(index, "region") } else { pointer::region() };
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' counts on Trusted Access in region '{region}', outside Azure's \
                         public cloud, where Azure ML does not offer it",
                        "le cluster « {cluster} » compte sur l’accès approuvé dans la région « {region} », hors \
                         du cloud public d’Azure, où Azure ML ne le propose pas"
                    ],
                    cluster = &cluster.name,
                    region = region,
                ),
                vec![pointer::cluster(index, "trustedAccess"), region_field],
            )
            .with_fix(Some(Fix::set(
                msg!(
                    [
                        "record that cluster '{cluster}' has no Trusted Access",
                        "consigner que le cluster « {cluster} » n’a pas d’accès approuvé"
                    ],
                    cluster = &cluster.name,
                ),
                pointer::cluster(index, "trustedAccess"),
                json!(false),
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::TrustedAccessOutsidePublicCloud;
    use crate::testing::{assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn v2_with(extra: &[(&'static str, serde_json::Value)]) -> Vec<(&'static str, serde_json::Value)> {
        let mut changes = v2_cluster();
        changes.extend(extra.iter().cloned());
        changes
    }

    #[test]
    fn fires_in_government_and_china_regions() {
        for region in ["usgovvirginia", "USDoD Central", "chinanorth3"] {
            let found = assert_fires(
                TrustedAccessOutsidePublicCloud,
                &v2_with(&[
                    ("/aksClusters/0/region", json!(region)),
                    ("/aksClusters/0/trustedAccess", json!(true)),
                ]),
            );
            assert_eq!(found[0].subjects, ["/aksClusters/0/trustedAccess", "/aksClusters/0/region"]);
        }
        let found = assert_fires(
            TrustedAccessOutsidePublicCloud,
            &v2_with(&[("/region", json!("chinanorth3")), ("/aksClusters/0/trustedAccess", json!(true))]),
        );
        assert_eq!(found[0].subjects, ["/aksClusters/0/trustedAccess", "/region"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' counts on Trusted Access in region 'chinanorth3', outside Azure's public cloud, \
             where Azure ML does not offer it"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » compte sur l’accès approuvé dans la région « chinanorth3 », hors du cloud \
             public d’Azure, où Azure ML ne le propose pas"
        );
    }

    #[test]
    fn quiet_in_the_public_cloud_without_trusted_access_or_on_v1() {
        assert_quiet(
            TrustedAccessOutsidePublicCloud,
            &v2_with(&[("/aksClusters/0/trustedAccess", json!(true))]),
        );
        assert_quiet(
            TrustedAccessOutsidePublicCloud,
            &v2_with(&[("/aksClusters/0/region", json!("usgovvirginia"))]),
        );
        // A v1 cluster never relies on Trusted Access, whatever its field says.
        assert_quiet(
            TrustedAccessOutsidePublicCloud,
            &[
                ("/aksClusters/0/region", json!("usgovvirginia")),
                ("/aksClusters/0/trustedAccess", json!(true)),
            ],
        );
    }
}
