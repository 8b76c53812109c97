use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes, once per plan, that its AKS clusters and ACI deployments go through the Azure ML v1 \
         flow (AksCompute and AciWebservice, driven by the v1 CLI or SDK). A cluster counts unless its \
         azureMl block says api \"v2\" (Kubernetes compute); online endpoints never count.",
        "Signale, une seule fois par plan, que ses clusters AKS et ses déploiements ACI passent par le \
         parcours Azure ML v1 (AksCompute et AciWebservice, pilotés par la CLI ou le SDK v1). Un cluster \
         compte sauf si son bloc azureMl indique api « v2 » (calcul Kubernetes) ; les points de \
         terminaison en ligne ne comptent jamais.",
    ),
    why: text!(
        "Microsoft ended support for the Azure ML CLI v1 (the azure-cli-ml extension) on 30 September \
         2025 and for the Python SDK v1 on 30 June 2026. Services deployed that way keep answering, but \
         their tooling gets no fixes any more, and the documentation calls deploying AKS and ACI web \
         services with v1 a legacy path. A network plan made today is better aimed at the successors.",
        "Microsoft a cessé de prendre en charge la CLI Azure ML v1 (l’extension azure-cli-ml) le \
         30 septembre 2025, puis le SDK Python v1 le 30 juin 2026. Les services déployés ainsi \
         continuent de répondre, mais leurs outils ne reçoivent plus de correctifs, et la documentation \
         qualifie d’héritée la publication de services web AKS et ACI par la v1. Un plan réseau conçu \
         aujourd’hui a tout intérêt à viser leurs successeurs.",
    ),
    example: Example(&[(
        "/aciDeployments",
        r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aks"}]"#,
    )]),
    fix: text!(
        "Plan the v2 successors instead: Kubernetes compute (an AKS cluster with the Azure ML extension, \
         attached to the workspace) for AKS web services, and managed online endpoints for ACI and AKS \
         web services. `vnetplan migrate` turns this plan into a starting point for them. The finding \
         has no automatic fix, since the move changes what gets deployed.",
        "Planifiez plutôt les successeurs v2 : le calcul Kubernetes (un cluster AKS doté de l’extension \
         Azure ML, attaché à l’espace de travail) pour les services web AKS, et les points de \
         terminaison en ligne managés pour les services web ACI et AKS. `vnetplan migrate` transforme ce \
         plan en point de départ pour eux. Le constat n’a pas de correction automatique, car ce passage \
         change ce qui est déployé.",
    ),
    sources: &[
        Source {
            title: "Upgrade to v2 (Azure Machine Learning)",
            location: "https://learn.microsoft.com/azure/machine-learning/how-to-migrate-from-v1",
            date: "2026-02-05",
        },
        sources::HOW_TO_ATTACH_KUBERNETES_ANYWHERE_2026_01_27,
        Source {
            title: "Upgrade steps for Azure Container Instances web services to managed online endpoints",
            location:
                "https://learn.microsoft.com/azure/machine-learning/migrate-to-v2-managed-online-endpoints",
            date: "2026-03-26",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    let v1_clusters: Vec<usize> = context.v1_clusters().map(|(index, _, _)| index).collect();
    let (clusters, deployments) = (v1_clusters.len(), plan.aci_deployments.len());
    let counted = match (count_clusters(clusters), count_deployments(deployments)) {
        (None, None) => return,
        (Some(one), None) | (None, Some(one)) => one,
        (Some(clusters), Some(deployments)) => {
            msg!(["{clusters} and {deployments}", "{clusters} et {deployments}"])
                .with_message("clusters", clusters)
                .with_message("deployments", deployments)
        }
    };
    // The pointer names the field that moves a cluster to v2, written or not.
    let subjects = v1_clusters
        .into_iter()
        .map(|index| pointer::cluster(index, "azureMl/api"))
        .chain((0..deployments).map(pointer::aci_deployment))
        .collect();
    out.report(
        msg!([
            "the plan deploys {counted} through Azure ML v1, whose CLI lost support on 30 September 2025 \
             and SDK on 30 June 2026; plan Kubernetes compute (AKS with the Azure ML extension) or \
             managed online endpoints instead, which `vnetplan migrate` prepares",
            "le plan déploie {counted} avec Azure ML v1, dont la CLI n’est plus prise en charge depuis le \
             30 septembre 2025 et le SDK depuis le 30 juin 2026 ; planifiez plutôt le calcul Kubernetes \
             (AKS avec l’extension Azure ML) ou des points de terminaison en ligne managés, que \
             `vnetplan migrate` prépare"
        ])
        .with_message("counted", counted),
        subjects,
    );
}

fn count_clusters(count: usize) -> Option<Message> {
    match count {
        0 => None,
        1 => Some(msg!(["1 AKS cluster", "1 cluster AKS"])),
        _ => Some(msg!(["{count} AKS clusters", "{count} clusters AKS"], count = count)),
    }
}

fn count_deployments(count: usize) -> Option<Message> {
    match count {
        0 => None,
        1 => Some(msg!(["1 ACI deployment", "1 déploiement ACI"])),
        _ => Some(msg!(["{count} ACI deployments", "{count} déploiements ACI"], count = count)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::SdkV1OutOfSupport;
    use crate::finding::Severity;
    use crate::testing::{aci, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_once_for_every_cluster_of_the_plan() {
        let found = assert_fires(SdkV1OutOfSupport, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/azureMl/api"]);
        assert!(found[0].fix.is_none());
        assert!(found[0].message.starts_with("the plan deploys 1 AKS cluster through Azure ML v1"));
        assert!(
            found[0].text.render(Lang::Fr).starts_with("le plan déploie 1 cluster AKS avec Azure ML v1"),
            "{}",
            found[0].text.render(Lang::Fr)
        );
    }

    #[test]
    fn lists_clusters_then_aci_deployments_in_one_finding() {
        let mut changes = aci();
        changes.push((
            "/aksClusters/-",
            json!({
                "name": "second", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.3.0.0/16",
                "dnsServiceIP": "10.3.0.10", "nodeCount": 3
            }),
        ));
        let found = assert_fires(SdkV1OutOfSupport, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/azureMl/api", "/aksClusters/1/azureMl/api", "/aciDeployments/0"]
        );
        assert!(found[0].message.starts_with("the plan deploys 2 AKS clusters and 1 ACI deployment through"));
        assert!(found[0]
            .text
            .render(Lang::Fr)
            .starts_with("le plan déploie 2 clusters AKS et 1 déploiement ACI avec"));
    }

    #[test]
    fn fires_for_aci_alone() {
        let mut changes = aci();
        changes.push(("/aksClusters", json!([])));
        let found = assert_fires(SdkV1OutOfSupport, &changes);
        assert_eq!(found[0].subjects, ["/aciDeployments/0"]);
    }

    #[test]
    fn quiet_without_clusters_or_deployments() {
        assert_quiet(SdkV1OutOfSupport, &[("/aksClusters", json!([]))]);
    }

    #[test]
    fn a_cluster_on_kubernetes_compute_is_not_on_the_v1_flow() {
        let v2 = json!({ "api": "v2", "inferenceRouterServiceType": "loadBalancer" });
        assert_quiet(
            SdkV1OutOfSupport,
            &[("/aksClusters/0/provisioning", json!("attach")), ("/aksClusters/0/azureMl", v2.clone())],
        );
        // With a v1 deployment beside it, only the deployment is named.
        let mut changes = aci();
        changes.push(("/aksClusters/0/azureMl", v2));
        let found = assert_fires(SdkV1OutOfSupport, &changes);
        assert_eq!(found[0].subjects, ["/aciDeployments/0"]);
    }
}
