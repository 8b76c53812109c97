use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{name_key, Context};
use crate::finding::RuleFindings;
use crate::plan::EndpointKind;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes online endpoint whose compute field matches the name of no AKS cluster \
         in the plan, case aside.",
        "Signale un point de terminaison en ligne Kubernetes dont le champ compute ne correspond au nom \
         d’aucun cluster AKS du plan, casse mise à part."
    ),
    why: text!(
        "A Kubernetes endpoint runs on the cluster attached to the workspace under that compute name, so \
         the plan needs that cluster to judge the endpoint’s network at all: its VNet, its router and \
         its egress. A name that resolves to nothing is usually a typo or a cluster left out of the \
         plan, and Azure ML would refuse the deployment for the same reason.",
        "Un point de terminaison Kubernetes s’exécute sur le cluster attaché à l’espace de travail sous \
         ce nom de calcul : sans ce cluster, le plan ne peut rien juger du réseau du point de \
         terminaison, ni son VNet, ni son routeur, ni son trafic sortant. Un nom qui ne renvoie à rien \
         tient le plus souvent d’une faute de frappe ou d’un cluster oublié dans le plan, et Azure ML \
         refuserait le déploiement pour la même raison."
    ),
    example: Example(&[(
        "/onlineEndpoints",
        r#"[{"name": "fraud-k8s", "kind": "kubernetes", "compute": "k8s-inf"}]"#,
    )]),
    fix: text!(
        "Write in compute the name of the v2 cluster the endpoint runs on, or add that cluster to \
         aksClusters with its VNet, subnet and azureMl settings.",
        "Indiquez dans compute le nom du cluster v2 sur lequel tourne le point de terminaison, ou \
         ajoutez ce cluster à aksClusters avec son VNet, son sous-réseau et ses réglages azureMl."
    ),
    sources: &[
        Source {
            title: "vnetplan plan format 1.1: Bad input (a name that references nothing is a finding)",
            location: "vnetplan:docs/spec/plan-format.md",
            date: "2026-11-30",
        },
        sources::HOW_TO_ATTACH_KUBERNETES_ANYWHERE_2026_01_27,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    for (index, endpoint) in plan.online_endpoints.iter().enumerate() {
        if endpoint.kind != EndpointKind::Kubernetes {
            continue;
        }
        let Some(compute) = endpoint.compute.as_deref() else { continue };
        let key = name_key(compute);
        if plan.aks_clusters.iter().any(|cluster| name_key(&cluster.name) == key) {
            continue;
        }
        out.report(
            msg!(
                [
                    "the Kubernetes endpoint '{endpoint}' runs on compute '{compute}', which is no AKS \
                     cluster of the plan",
                    "le point de terminaison Kubernetes « {endpoint} » s’exécute sur le calcul \
                     « {compute} », qui n’est aucun cluster AKS du plan"
                ],
                endpoint = &endpoint.name,
                compute = compute,
            ),
            vec![pointer::online_endpoint(index, "compute")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::UnknownCompute;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn endpoint(compute: &str) -> (&'static str, serde_json::Value) {
        ("/onlineEndpoints", json!([{ "name": "fraud-k8s", "kind": "kubernetes", "compute": compute }]))
    }

    #[test]
    fn fires_when_no_cluster_has_the_name() {
        let found = assert_fires(UnknownCompute, &[endpoint("k8s-inf")]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/onlineEndpoints/0/compute"]);
        assert!(found[0].fix.is_none());
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison Kubernetes « fraud-k8s » s’exécute sur le calcul « k8s-inf », qui \
             n’est aucun cluster AKS du plan"
        );
    }

    #[test]
    fn quiet_when_a_cluster_has_the_name_in_any_case() {
        assert_quiet(UnknownCompute, &[endpoint("ml-aks")]);
        assert_quiet(UnknownCompute, &[endpoint("ML-AKS")]);
        assert_quiet(
            UnknownCompute,
            &[("/onlineEndpoints", json!([{ "name": "fraud", "kind": "managed" }]))],
        );
    }
}
