use crate::capacity::still_fits;
use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{AksCluster, Provisioning};
use crate::pointer;

const MIN_PODS: u32 = 10;
const MAX_PODS: u32 = 250;
/// Pods every node pool must have room for, whatever maxPods says.
const POOL_MIN_PODS: u32 = 30;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "maxPods, the number of pods each node may run, must lie between 10 and 250. Only an \
         explicit value can fall outside: the plugin defaults (30 for Azure CNI, 110 for kubenet, \
         250 for overlay) are all inside.",
        "maxPods, le nombre de pods qu’un nœud peut exécuter, doit être compris entre 10 et 250. \
         Seule une valeur explicite peut en sortir : les valeurs par défaut des plug-ins (30 pour \
         Azure CNI, 110 pour kubenet, 250 pour overlay) sont toutes dans l’intervalle."
    ),
    why: text!(
        "AKS accepts 10 to 250 pods per node with every network plugin and enforces the minimum \
         strictly; any other value is refused as an invalid maxPods parameter when the node pool is \
         created.",
        "AKS accepte de 10 à 250 pods par nœud, quel que soit le plug-in réseau, et applique \
         strictement le minimum ; toute autre valeur est refusée comme paramètre maxPods invalide à \
         la création du pool de nœuds."
    ),
    example: Example(&[("/aksClusters/0/maxPods", r#"300"#)]),
    fix: text!(
        "Bring maxPods into range: 250 when it is above; when it is below, 10, or more if the pool \
         would otherwise hold fewer than 30 pods. No fix is offered when the higher value would \
         overflow an Azure CNI node subnet without overlay that fits today.",
        "Ramenez maxPods dans l’intervalle : 250 s’il est au-dessus ; s’il est en dessous, 10, ou \
         davantage si le pool contenait sinon moins de 30 pods. Aucune correction n’est proposée \
         quand la valeur relevée ferait déborder un sous-réseau de nœuds Azure CNI sans overlay qui \
         suffit aujourd’hui."
    ),
    sources: &[Source {
        title: "IP address planning for Azure Kubernetes Service (AKS)",
        location: "https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning",
        date: "2026-04-16",
    }],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let Some(pods) = cluster.max_pods else { continue };
        let (bound, target) = if pods < MIN_PODS {
            (
                msg!(["below the AKS minimum of {min}", "sous le minimum AKS de {min}"], min = MIN_PODS),
                MIN_PODS.max(
                    u32::try_from(u64::from(POOL_MIN_PODS).div_ceil(cluster.node_count.max(1)))
                        .unwrap_or(u32::MAX),
                ),
            )
        } else if pods > MAX_PODS {
            (
                msg!(["above the AKS maximum of {max}", "au-dessus du maximum AKS de {max}"], max = MAX_PODS),
                MAX_PODS,
            )
        } else {
            continue;
        };
        let raised = AksCluster { max_pods: Some(target), ..cluster.clone() };
        let fix = still_fits(context, index, &raised).then(|| {
            let mut title = msg!(["set maxPods to {target}", "fixer maxPods à {target}"], target = target);
            // The pod limit of an existing cluster is a fact of Azure: the plan can only record it.
            if cluster.provisioning() == Provisioning::Attach {
                title = msg!(
                    [
                        "cluster '{cluster}' already exists: read its pod limit with `az aks show --name \
                         {cluster} --query agentPoolProfiles[].maxPods`, and change the node pool if needed; \
                         the plan's choice would be: {title}",
                        "le cluster « {cluster} » existe déjà : lisez sa limite de pods avec `az aks show \
                         --name {cluster} --query agentPoolProfiles[].maxPods`, et modifiez le pool de nœuds \
                         si besoin ; le choix du plan serait : {title}"
                    ],
                    cluster = &cluster.name,
                )
                .with_message("title", title);
            }
            Fix::set(title, pointer::cluster(index, "maxPods"), target)
        });
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' sets maxPods {pods}, {bound}",
                        "le cluster « {cluster} » fixe maxPods à {pods}, {bound}"
                    ],
                    cluster = &cluster.name,
                    pods = pods,
                )
                .with_message("bound", bound),
                vec![pointer::cluster(index, "maxPods")],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::MaxPodsOutOfRange;
    use crate::finding::FixKind;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn fix_value(changes: &[(&str, serde_json::Value)]) -> Option<serde_json::Value> {
        let found = assert_fires(MaxPodsOutOfRange, changes);
        found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone())
    }

    #[test]
    fn fires_above_250() {
        let changes = [("/aksClusters/0/maxPods", json!(300))];
        let found = assert_fires(MaxPodsOutOfRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/maxPods"]);
        assert_eq!(found[0].message, "cluster 'ml-aks' sets maxPods 300, above the AKS maximum of 250");
        assert_eq!(fix_value(&changes), Some(json!(250)));
        assert_fix_resolves(MaxPodsOutOfRange, &changes);
    }

    #[test]
    fn fires_below_10() {
        let changes = [("/aksClusters/0/maxPods", json!(5))];
        let found = assert_fires(MaxPodsOutOfRange, &changes);
        assert_eq!(found[0].message, "cluster 'ml-aks' sets maxPods 5, below the AKS minimum of 10");
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » fixe maxPods à 5, sous le minimum AKS de 10"
        );
        let title = found[0].fix.as_ref().map(|fix| fix.text.render(Lang::Fr));
        assert_eq!(title.as_deref(), Some("fixer maxPods à 10"));
        assert_eq!(fix_value(&changes), Some(json!(10)));
        assert_fix_resolves(MaxPodsOutOfRange, &changes);
    }

    #[test]
    fn fix_for_an_attached_cluster_says_to_read_azure() {
        let changes =
            [("/aksClusters/0/maxPods", json!(300)), ("/aksClusters/0/provisioning", json!("attach"))];
        let found = assert_fires(MaxPodsOutOfRange, &changes);
        let fix = found[0].fix.as_ref().expect("250 fits the subnet");
        assert_eq!(fix.kind, FixKind::Attestation);
        assert!(
            fix.title.contains("`az aks show --name ml-aks --query agentPoolProfiles[].maxPods`"),
            "{}",
            fix.title
        );
        assert!(fix.title.ends_with("the plan's choice would be: set maxPods to 250"), "{}", fix.title);
        assert!(fix.text.render(Lang::Fr).ends_with("le choix du plan serait : fixer maxPods à 250"));
    }

    #[test]
    fn fix_keeps_a_small_pool_at_30_pods() {
        let changes = [("/aksClusters/0/maxPods", json!(5)), ("/aksClusters/0/nodeCount", json!(2))];
        assert_eq!(fix_value(&changes), Some(json!(15)));
        assert_fix_resolves(MaxPodsOutOfRange, &changes);
    }

    #[test]
    fn no_fix_when_the_raise_would_overflow_the_subnet() {
        // 6 nodes at the peak x (1 + 8) = 54 fit the 59 usable addresses of a /26; x (1 + 10) = 66
        // would not.
        let changes = [
            ("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.0/26")),
            ("/aksClusters/0/nodeCount", json!(5)),
            ("/aksClusters/0/maxPods", json!(8)),
        ];
        assert_eq!(fix_value(&changes), None);
    }

    #[test]
    fn quiet_inside_the_range_and_on_defaults() {
        assert_quiet(MaxPodsOutOfRange, &[]);
        assert_quiet(MaxPodsOutOfRange, &[("/aksClusters/0/maxPods", json!(10))]);
        assert_quiet(MaxPodsOutOfRange, &[("/aksClusters/0/maxPods", json!(250))]);
    }
}
