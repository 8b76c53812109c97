use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster on plain Azure CNI (networkPlugin \"azure\" without networkPluginMode \"overlay\") \
         must leave podCidr empty, because that plugin has no separate pod range.",
        "Un cluster en Azure CNI classique (networkPlugin « azure » sans networkPluginMode « overlay ») \
         doit laisser podCidr vide, car ce plug-in n’a pas de plage de pods distincte.",
    ),
    why: text!(
        "With plain Azure CNI every pod takes an address from the node subnet, so a pod range means \
         nothing to it. The Azure CLI refuses --pod-cidr in that setup and points to overlay mode or \
         kubenet instead; Terraform rejects the same combination.",
        "En Azure CNI classique, chaque pod prend une adresse dans le sous-réseau des nœuds : une plage \
         de pods n’y a aucun sens. L’Azure CLI refuse --pod-cidr dans cette configuration et renvoie \
         vers le mode overlay ou kubenet ; Terraform rejette la même combinaison.",
    ),
    example: Example(&[("/aksClusters/0/podCidr", r#""10.244.0.0/16""#)]),
    fix: text!(
        "Either clear podCidr and keep plain Azure CNI, whose pods use node subnet addresses (the node \
         subnet must then be sized for them), or keep the pod range and set networkPluginMode to \
         \"overlay\". A cluster that Azure ML creates can only take the first way, since Azure ML v1 \
         creates plain Azure CNI clusters. The suggested fix clears podCidr.",
        "Soit vous videz podCidr et gardez Azure CNI classique, dont les pods utilisent des adresses du \
         sous-réseau des nœuds (ce sous-réseau doit alors être dimensionné pour eux), soit vous gardez \
         la plage des pods et passez networkPluginMode à « overlay ». Un cluster créé par Azure ML ne \
         peut suivre que la première voie, car Azure ML v1 crée des clusters en Azure CNI classique. La \
         correction proposée vide podCidr.",
    ),
    sources: &[sources::AZURE_CNI_OVERLAY, sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let Some(pod) = cluster.pod_cidr.as_deref() else { continue };
        if cluster.pods_use_pod_cidr() {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' sets podCidr {pod} but uses Azure CNI without overlay, where \
                         pods take addresses of the VNet's subnets; clear podCidr, or set networkPluginMode to \
                         'overlay' to keep a separate pod range",
                        "le cluster « {cluster} » définit podCidr {pod} mais utilise Azure CNI sans \
                         overlay, où les pods prennent leurs adresses dans les sous-réseaux du VNet ; \
                         videz podCidr, ou passez networkPluginMode à « overlay » pour garder une plage \
                         d’adresses distincte pour les pods"
                    ],
                    cluster = &cluster.name,
                    pod = pod,
                ),
                vec![pointer::cluster(index, "podCidr"), pointer::cluster(index, "networkPlugin")],
            )
            .with_fix(Some(Fix::set(
                text!(
                    "clear podCidr: plain Azure CNI gives pods addresses of the node subnet",
                    "vider podCidr : Azure CNI classique donne aux pods des adresses du sous-réseau des nœuds"
                ),
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
    use crate::text::Lang;

    #[test]
    fn fires_on_a_pod_range_with_plain_azure_cni() {
        let changes = [("/aksClusters/0/podCidr", json!("10.244.0.0/16"))];
        let found = assert_fires(PodCidrWithAzureCni, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/aksClusters/0/networkPlugin"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' sets podCidr 10.244.0.0/16 but uses Azure CNI without overlay, where \
             pods take addresses of the VNet's subnets; clear podCidr, or set networkPluginMode to 'overlay' \
             to keep a separate pod range"
        );
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(json!(null)));
        assert!(
            found[0].text.render(Lang::Fr).starts_with(
                "le cluster « ml-aks » définit podCidr 10.244.0.0/16 mais utilise Azure CNI sans overlay"
            ),
            "{}",
            found[0].text.render(Lang::Fr)
        );
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
