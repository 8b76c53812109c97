use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::NetworkPlugin;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes every cluster that uses the kubenet network plugin.",
        "Signale chaque cluster qui utilise le plug-in réseau kubenet."
    ),
    why: text!(
        "Microsoft retires kubenet networking for AKS on 31 March 2028, as the AKS documentation and \
         the Azure CLI help announce. A cluster planned on kubenet today will have to move to \
         another plugin before that date.",
        "Microsoft retire le réseau kubenet d’AKS le 31 mars 2028, comme l’annoncent la \
         documentation AKS et l’aide de l’Azure CLI. Un cluster prévu aujourd’hui sous kubenet devra \
         changer de plug-in avant cette date."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/networkPlugin", r#""kubenet""#),
        ("/aksClusters/0/podCidr", r#""10.244.0.0/16""#),
    ]),
    fix: text!(
        "Prefer Azure CNI Overlay (networkPlugin \"azure\", networkPluginMode \"overlay\"), the \
         successor AKS recommends: it also takes pod addresses from a separate pod range, so the \
         same podCidr can stay, and it has no 400-node route limit. Azure ML v1 cannot choose the \
         plugin of a cluster it creates, so create such a cluster with az aks create and attach it. \
         No change is proposed automatically: switching plugins is a design decision.",
        "Préférez Azure CNI Overlay (networkPlugin \"azure\", networkPluginMode \"overlay\"), le \
         successeur recommandé par AKS : il prend lui aussi les adresses des pods dans une plage à \
         part, si bien que le même podCidr peut rester, et il n’a pas la limite de 400 nœuds imposée \
         par les routes. Azure ML v1 ne peut pas choisir le plug-in d’un cluster qu’il crée : créez \
         un tel cluster avec az aks create, puis attachez-le. Aucune modification n’est proposée \
         automatiquement : changer de plug-in est un choix de conception."
    ),
    sources: &[
        Source {
            title: "Kubenet retirement notice (AKS documentation include)",
            location: "MicrosoftDocs/azure-aks-docs:articles/aks/includes/kubenet-retirement.md@fb060abe6a8f",
            date: "2026-01-14",
        },
        sources::CONFIGURE_KUBENET_2026_04_16,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if cluster.plugin() != NetworkPlugin::Kubenet {
            continue;
        }
        out.report(
            msg!(
                [
                    "cluster '{cluster}' uses kubenet, which AKS retires on 31 March 2028; Azure CNI \
                     Overlay is its successor",
                    "le cluster « {cluster} » utilise kubenet, qu’AKS retire le 31 mars 2028 ; Azure CNI \
                     Overlay lui succède"
                ],
                cluster = &cluster.name,
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
    use crate::text::Lang;

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
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » utilise kubenet, qu’AKS retire le 31 mars 2028 ; Azure CNI Overlay lui \
             succède"
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
