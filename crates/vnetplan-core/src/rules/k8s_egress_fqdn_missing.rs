use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, RuleFindings, Severity};
use crate::pointer;
use crate::rules::shared::{
    append_fix, fixed_names, gap, outside_public_cloud_clusters, subjects, Need, AKS_CORE, AZURE_ML,
    CLUSTER_EXTENSIONS,
};
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When egress is restricted and the plan lists the host names its firewall allows \
         (allowedFqdns), checks that the names Kubernetes compute needs are all allowed: those of AKS \
         itself (aks-core), of the cluster extension that installs Azure ML (cluster-extensions), and of \
         the workspace’s services (azure-ml). Reports once per group, listing what no entry covers. \
         Wildcard entries count, and placeholders such as <acr> stand for your resource names. A private \
         cluster's nodes reach the API server through its private endpoint, so its public name \
         (*.hcp.<region>.azmk8s.io) is not asked of them. The lists are those of Azure's public cloud: \
         for a cluster or workspace in Azure Government, Azure in China or an air-gapped cloud, the rule \
         judges no name and warns that the firewall must be compared with that cloud's own lists.",
        "Quand le trafic sortant est restreint et que le plan énumère les noms d’hôte autorisés par son \
         pare-feu (allowedFqdns), vérifie que tous les noms dont le calcul Kubernetes a besoin sont \
         autorisés : ceux d’AKS lui-même (aks-core), de l’extension de cluster qui installe Azure ML \
         (cluster-extensions) et des services de l’espace de travail (azure-ml). Signale une fois par \
         groupe, en citant ce qu’aucune entrée ne couvre. Les entrées génériques comptent, et les \
         marqueurs comme <acr> désignent les noms de vos ressources. Les nœuds d’un cluster privé \
         joignent le serveur d’API par son point de terminaison privé : son nom public \
         (*.hcp.<region>.azmk8s.io) ne leur est pas demandé. Les listes sont celles du cloud public \
         d’Azure : pour un cluster ou un espace de travail dans Azure Government, Azure en Chine ou un \
         cloud isolé, la règle ne juge aucun nom et avertit que le pare-feu doit être comparé aux listes \
         de ce cloud."
    ),
    why: text!(
        "A firewall that filters by name drops whatever is not listed. Without the AKS names the nodes \
         cannot register or pull system images; without the extension names the Azure ML extension never \
         installs or loses its configuration; without the workspace names deployments cannot fetch \
         images from the registry, models from storage, or talk to the workspace. These failures show up \
         late, as extension health errors or stuck deployments.",
        "Un pare-feu qui filtre par nom rejette tout ce qui n’est pas listé. Sans les noms d’AKS, les \
         nœuds ne peuvent ni s’enregistrer ni tirer les images système ; sans ceux de l’extension, \
         l’extension Azure ML ne s’installe jamais ou perd sa configuration ; sans ceux de l’espace de \
         travail, les déploiements ne peuvent ni récupérer les images du registre ni les modèles du \
         stockage, ni dialoguer avec l’espace de travail. Ces pannes se révèlent tard, sous forme \
         d’erreurs de santé de l’extension ou de déploiements bloqués."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
        ("/egress", r#"{"restricted": true, "allowedFqdns": ["mcr.microsoft.com"]}"#),
    ]),
    fix: text!(
        "Allow the missing names in the firewall, then list them in allowedFqdns. For the azure-ml \
         group, write the real names of your registry, storage account and workspace, or a wildcard such \
         as *.azurecr.io.",
        "Autorisez les noms manquants dans le pare-feu, puis ajoutez-les à allowedFqdns. Pour le groupe \
         azure-ml, écrivez les vrais noms de votre registre, de votre compte de stockage et de votre \
         espace de travail, ou un nom générique comme *.azurecr.io."
    ),
    sources: &[
        Source {
            title: "Outbound network and FQDN rules for Azure Kubernetes Service (AKS) clusters",
            location: "https://learn.microsoft.com/azure/aks/outbound-rules-control-egress",
            date: "2026-06-18",
        },
        sources::HOW_TO_ACCESS_AZUREML_BEHIND_FIREWALL,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let groups: [(&str, &[Need], bool); 3] = [
        ("aks-core", AKS_CORE, true),
        ("cluster-extensions", CLUSTER_EXTENSIONS, true),
        ("azure-ml", AZURE_ML, false),
    ];
    let fixed = fixed_names(&[AKS_CORE, CLUSTER_EXTENSIONS, AZURE_ML]);
    for (group, needs, per_cluster) in groups {
        let Some(gap) = gap(context, needs, per_cluster, &fixed) else {
            continue;
        };
        // The azure-ml names hold placeholders: only the user knows the real names to write.
        let fix = per_cluster.then(|| append_fix(context, &gap.missing));
        out.push(
            Draft::new(
                msg!(
                    [
                        "egress is filtered by name and allowedFqdns misses names of group {group} that \
                         Kubernetes compute needs: {names}",
                        "le trafic sortant est filtré par nom et allowedFqdns omet des noms du groupe \
                         {group} nécessaires au calcul Kubernetes : {names}"
                    ],
                    group = group,
                    names = gap.missing.join(", "),
                ),
                subjects(&gap),
            )
            .with_fix(fix),
        );
    }
    for (index, region) in outside_public_cloud_clusters(context) {
        let cluster = context.plan.aks_clusters.get(index).map_or("", |cluster| cluster.name.as_str());
        let message = msg!(
            [
                "egress is filtered by name, and cluster '{cluster}' depends on region '{region}', outside \
                 Azure's public cloud, where AKS, the cluster extensions and Azure ML go by other host names \
                 than the ones this rule knows: compare allowedFqdns with that cloud's lists",
                "le trafic sortant est filtré par nom, et le cluster « {cluster} » dépend de la région \
                 « {region} », hors du cloud public d’Azure, où AKS, les extensions de cluster et Azure ML \
                 portent d’autres noms d’hôte que ceux que cette règle connaît : comparez allowedFqdns aux \
                 listes de ce cloud"
            ],
            cluster = cluster,
            region = region,
        );
        out.push_as(
            Severity::Warning,
            Draft::new(message, vec![pointer::egress("allowedFqdns"), pointer::cluster_whole(index)]),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sEgressFqdnMissing;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    pub(crate) const EVERYTHING: [&str; 17] = [
        "*.azmk8s.io",
        "mcr.microsoft.com",
        "*.data.mcr.microsoft.com",
        "mcr-0001.mcr-msedge.net",
        "management.azure.com",
        "login.microsoftonline.com",
        "packages.microsoft.com",
        "acs-mirror.azureedge.net",
        "packages.aks.azure.com",
        "eastus2.dp.kubernetesconfiguration.azure.com",
        "*.azurecr.io",
        "*.ingestion.msftcloudes.com",
        "*.microsoftmetrics.com",
        "marketplaceapi.microsoft.com",
        "*.blob.core.windows.net",
        "*.api.azureml.ms",
        "eastus2.experiments.azureml.net",
    ];

    fn v2_plan(fqdns: &[&str]) -> Vec<(&'static str, Value)> {
        vec![
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
            ("/egress", json!({"restricted": true, "allowedFqdns": fqdns})),
        ]
    }

    #[test]
    fn fires_per_group_with_an_attestation_for_the_fixed_names() {
        let mut fqdns = EVERYTHING.to_vec();
        fqdns.retain(|name| *name != "*.azmk8s.io");
        let mut changes = v2_plan(&fqdns);
        changes.push(("/aksClusters/0/region", json!("westus3")));
        let found = assert_fires(K8sEgressFqdnMissing, &changes);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|finding| finding.severity == Severity::Error));
        let core = found.iter().find(|f| f.message.contains("aks-core")).expect("aks-core is reported");
        assert_eq!(core.subjects, ["/egress/allowedFqdns", "/aksClusters/0"]);
        assert_eq!(
            core.text.render(Lang::Fr),
            "le trafic sortant est filtré par nom et allowedFqdns omet des noms du groupe aks-core \
             nécessaires au calcul Kubernetes : *.hcp.westus3.azmk8s.io"
        );
        let fix = core.fix.as_ref().expect("fixed names can be appended");
        assert_eq!(fix.kind, FixKind::Attestation);
        assert_eq!(
            fix.changes[0].value.as_array().and_then(|names| names.last()),
            Some(&json!("*.hcp.westus3.azmk8s.io"))
        );
        let extensions =
            found.iter().find(|f| f.message.contains("cluster-extensions")).expect("the cluster region");
        assert!(extensions.message.ends_with(": westus3.dp.kubernetesconfiguration.azure.com"));
        assert!(found.iter().all(|f| !f.message.contains("azure-ml")), "the plan region is covered");
    }

    #[test]
    fn the_azure_ml_group_has_no_fix() {
        let mut fqdns = EVERYTHING.to_vec();
        fqdns.retain(|name| *name != "eastus2.experiments.azureml.net");
        let found = assert_fires(K8sEgressFqdnMissing, &v2_plan(&fqdns));
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .ends_with("group azure-ml that Kubernetes compute needs: eastus2.experiments.azureml.net"));
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn the_extensions_registry_does_not_stand_for_the_workspaces() {
        // The names the extensions pull from, written out, in place of a wildcard for all registries.
        let mut fqdns: Vec<&str> =
            EVERYTHING.iter().copied().filter(|name| *name != "*.azurecr.io").collect();
        fqdns.extend([
            "arcmktplaceprod.azurecr.io",
            "arcmktplaceprod.centralindia.data.azurecr.io",
            "arcmktplaceprod.japaneast.data.azurecr.io",
            "arcmktplaceprod.westus2.data.azurecr.io",
            "arcmktplaceprod.westeurope.data.azurecr.io",
            "arcmktplaceprod.eastus.data.azurecr.io",
        ]);
        let found = assert_fires(K8sEgressFqdnMissing, &v2_plan(&fqdns));
        assert_eq!(found.len(), 1, "only the workspace's registry is missing");
        assert!(
            found[0].message.ends_with(
                "group azure-ml that Kubernetes compute needs: <acr>.azurecr.io, <acr>.eastus2.data.azurecr.io"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn outside_the_public_cloud_the_names_are_not_judged_but_said_to_be_unchecked() {
        // The public names pass nothing there, and the cloud's own names are not flagged.
        for fqdns in
            [EVERYTHING.to_vec(), vec!["*.cx.aks.containerservice.azure.us", "management.usgovcloudapi.net"]]
        {
            let mut changes = v2_plan(&fqdns);
            changes.push(("/aksClusters/0/region", json!("usgovvirginia")));
            let found = assert_fires(K8sEgressFqdnMissing, &changes);
            let unchecked: Vec<_> =
                found.iter().map(|finding| (finding.severity, finding.subjects.clone())).collect();
            assert_eq!(
                unchecked,
                [(Severity::Warning, vec!["/egress/allowedFqdns".to_owned(), "/aksClusters/0".to_owned()])]
            );
            assert!(found[0].message.contains("region 'usgovvirginia', outside Azure's public cloud"));
        }
        // A workspace there leaves its cluster's names unjudged as well.
        let mut changes = v2_plan(&["mcr.microsoft.com"]);
        changes.push(("/region", json!("chinanorth3")));
        let found = assert_fires(K8sEgressFqdnMissing, &changes);
        assert!(found.iter().all(|finding| finding.severity == Severity::Warning), "{found:?}");
    }

    #[test]
    fn a_private_cluster_needs_no_public_api_server_name() {
        let fqdns: Vec<&str> = EVERYTHING.iter().copied().filter(|name| *name != "*.azmk8s.io").collect();
        let mut changes = v2_plan(&fqdns);
        changes.push(("/aksClusters/0/privateCluster", json!(true)));
        assert_quiet(K8sEgressFqdnMissing, &changes);
    }

    #[test]
    fn quiet_when_everything_is_covered_or_nothing_is_filtered() {
        assert_quiet(K8sEgressFqdnMissing, &v2_plan(&EVERYTHING));
        assert_quiet(K8sEgressFqdnMissing, &v2_plan(&["*"]));
        let mut v1 = v2_plan(&[]);
        v1.truncate(1);
        v1.push(("/egress", json!({"restricted": true, "allowedFqdns": []})));
        assert_quiet(K8sEgressFqdnMissing, &v1);
        let mut unrestricted = v2_plan(&[]);
        unrestricted.push(("/egress/restricted", json!(false)));
        assert_quiet(K8sEgressFqdnMissing, &unrestricted);
    }
}
