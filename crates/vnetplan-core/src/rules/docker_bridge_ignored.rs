use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes every AKS cluster that sets a docker bridge range (dockerBridgeCidr), to say what the \
         value still does.",
        "Signale chaque cluster AKS qui définit une plage de pont Docker (dockerBridgeCidr), pour dire \
         à quoi la valeur sert encore."
    ),
    why: text!(
        "AKS nodes run containerd rather than Docker, so no bridge network is built from this range. \
         The AKS documentation calls the field no longer in use, and the AKS API dropped it from version \
         2023-04-01; the Azure CLI hides its option. The Azure ML v1 SDK still insists on it when it \
         creates a cluster in a custom VNet, so the value only gets past that check. For the same reason \
         its overlaps with other ranges are now warnings, not errors.",
        "Les nœuds AKS utilisent containerd et non plus Docker : aucun réseau de pont n’est créé à \
         partir de cette plage. La documentation d’AKS indique que le champ n’est plus utilisé, et l’API \
         d’AKS l’a retiré à partir de la version 2023-04-01 ; l’Azure CLI masque son option. Le SDK \
         Azure ML v1 l’exige pourtant encore quand il crée un cluster dans un VNet personnalisé : la \
         valeur ne sert donc qu’à passer ce contrôle. Pour la même raison, ses chevauchements avec \
         d’autres plages sont désormais des avertissements, et non des erreurs."
    ),
    example: Example(&[
        ("/aksClusters/0/dockerBridgeCidr", r#""172.17.0.1/16""#),
    ]),
    fix: text!(
        "Nothing needs to change. Keep the value on clusters that Azure ML creates, preferably AKS’s \
         default 172.17.0.1/16 outside every range of the plan, and expect AKS to ignore it.",
        "Rien à changer. Gardez la valeur sur les clusters que crée Azure ML, de préférence la valeur \
         par défaut d’AKS, 172.17.0.1/16, hors de toutes les plages du plan, et attendez-vous à ce \
         qu’AKS l’ignore."
    ),
    sources: &[
        Source {
            title: "Configure Azure CNI networking in Azure Kubernetes Service (AKS)",
            location: "MicrosoftDocs/azure-aks-docs:articles/aks/configure-azure-cni.md@c429a311de629d9e39647f4912d4818cb2be8ce2",
            date: "2023-07-20",
        },
        sources::AKS_CHANGELOG,
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(bridge) = facts.docker_bridge else { continue };
        out.report(
            msg!(
                [
                    "docker bridge range {bridge} of cluster '{cluster}' is ignored by current AKS nodes \
                     (containerd); it only satisfies the Azure ML v1 SDK",
                    "la plage du pont Docker {bridge} du cluster « {cluster} » est ignorée par les nœuds \
                     AKS actuels (containerd) ; elle ne sert qu’à satisfaire le SDK Azure ML v1"
                ],
                bridge = bridge,
                cluster = &cluster.name,
            ),
            vec![pointer::cluster(index, "dockerBridgeCidr")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DockerBridgeIgnored;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_a_bridge_is_set() {
        let found = assert_fires(DockerBridgeIgnored, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dockerBridgeCidr"]);
        assert_eq!(
            found[0].message,
            "docker bridge range 172.17.0.1/16 of cluster 'ml-aks' is ignored by current AKS nodes \
             (containerd); it only satisfies the Azure ML v1 SDK"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage du pont Docker 172.17.0.1/16 du cluster « ml-aks » est ignorée par les nœuds AKS \
             actuels (containerd) ; elle ne sert qu’à satisfaire le SDK Azure ML v1"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn quiet_without_a_valid_bridge() {
        assert_quiet(DockerBridgeIgnored, &[("/aksClusters/0/dockerBridgeCidr", json!(null))]);
        assert_quiet(DockerBridgeIgnored, &[("/aksClusters/0/dockerBridgeCidr", json!("172.17.0.1"))]);
    }
}
