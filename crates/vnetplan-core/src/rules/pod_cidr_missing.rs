use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::Range;
use crate::plan::{NetworkPlugin, Provisioning, AKS_DEFAULT_POD_CIDR};
use crate::pointer;
use crate::range_fixes::{move_cluster_range, pod_prefix_for};
use crate::sources;

/// [`AKS_DEFAULT_POD_CIDR`] as a range, to compare without parsing.
const AKS_DEFAULT_POD_RANGE: Range = Range::block(10, 244, 0, 0, 16);

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Notes a kubenet cluster, or an Azure CNI cluster in overlay mode, that leaves podCidr out. AKS \
         then gives it its default pod range, 10.244.0.0/16, and the planner checks that range as if \
         the plan had written it.",
        "Signale un cluster kubenet, ou Azure CNI en mode overlay, qui omet podCidr. AKS lui attribue \
         alors sa plage de pods par défaut, 10.244.0.0/16, et le planificateur vérifie cette plage \
         comme si le plan l’avait écrite.",
    ),
    why: text!(
        "With kubenet and overlay, pods take no addresses from the node subnet: each node gets a /24 out \
         of the pod range. Leaving the field out is valid, but the range cannot be replaced once the \
         cluster exists (overlay can only extend it), so the plan is clearer when it states the range \
         it relies on, where reviewers can see it.",
        "Avec kubenet et overlay, les pods ne prennent aucune adresse dans le sous-réseau des nœuds : \
         chaque nœud reçoit un /24 de la plage des pods. Omettre le champ est valide, mais la plage ne \
         peut plus être remplacée une fois le cluster créé (overlay permet seulement de l’étendre) ; le \
         plan gagne donc en clarté à écrire la plage dont il dépend, là où ses relecteurs la voient.",
    ),
    example: Example(&[("/aksClusters/0/networkPluginMode", r#""overlay""#)]),
    fix: text!(
        "Write the pod range into podCidr. The suggested fix writes 10.244.0.0/16 when nothing else in \
         the plan uses it and it holds a /24 for every node; otherwise it picks a free private block \
         that is large enough.",
        "Inscrivez la plage des pods dans podCidr. La correction proposée écrit 10.244.0.0/16 si rien \
         d’autre dans le plan ne l’utilise et qu’elle offre un /24 à chaque nœud ; sinon, elle choisit \
         un bloc privé libre et assez grand.",
    ),
    sources: &[sources::AZURE_CNI_OVERLAY, sources::CONFIGURE_KUBENET_2026_04_16],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.pod_cidr_defaulted() {
            continue;
        }
        let (setup, field) = if cluster.plugin() == NetworkPlugin::Kubenet {
            ("kubenet", "networkPlugin")
        } else {
            ("Azure CNI Overlay", "networkPluginMode")
        };
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' uses {setup} without a podCidr, so AKS gives it its default \
                         pod range {default}, which this check treats as if the plan had written it",
                        "le cluster « {cluster} » utilise {setup} sans podCidr : AKS lui donne donc sa \
                         plage d’adresses de pods par défaut, {default}, que cette vérification traite \
                         comme si le plan l’avait écrite"
                    ],
                    cluster = &cluster.name,
                    setup = setup,
                    default = AKS_DEFAULT_POD_CIDR,
                ),
                vec![pointer::cluster(index, "podCidr"), pointer::cluster(index, field)],
            )
            .with_fix(
                default_range_fix(context, index).or_else(|| move_cluster_range(index, ClusterRange::Pod)),
            ),
        );
    }
}

/// AKS's own default, when the plan leaves it free and it is large enough: writing it down
/// changes nothing in Azure, only makes the plan say what it relies on.
fn default_range_fix(context: &Context<'_>, index: usize) -> Option<Fix> {
    let (cluster, _) = context.cluster(index)?;
    let holds_every_node = pod_prefix_for(cluster.peak_nodes()) >= 16;
    let free = !context
        .occupied_ranges(Some((index, ClusterRange::Pod)))
        .iter()
        .any(|range| range.overlaps(AKS_DEFAULT_POD_RANGE));
    if !(holds_every_node && free) {
        return None;
    }
    let title = if cluster.provisioning() == Provisioning::Attach {
        // The cluster exists: its range is a fact to read from Azure, not a choice of the plan.
        msg!(
            [
                "cluster '{cluster}' already exists: check with `az aks show --name {cluster} --query \
                 networkProfile.podCidr` that it uses AKS's default pod range {default}, and write that \
                 value into the plan",
                "le cluster « {cluster} » existe déjà : vérifiez avec `az aks show --name {cluster} --query \
                 networkProfile.podCidr` qu’il utilise la plage d’adresses de pods par défaut d’AKS, \
                 {default}, et inscrivez cette valeur dans le plan"
            ],
            cluster = &cluster.name,
            default = AKS_DEFAULT_POD_CIDR,
        )
    } else {
        msg!(
            [
                "write AKS's default pod range {default} into the plan; nothing else in it uses that block",
                "inscrire dans le plan la plage d’adresses de pods par défaut d’AKS, {default} ; rien \
                 d’autre dans le plan n’utilise ce bloc"
            ],
            default = AKS_DEFAULT_POD_CIDR,
        )
    };
    Some(Fix::set(title, pointer::cluster(index, "podCidr"), Value::String(AKS_DEFAULT_POD_CIDR.to_owned())))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::PodCidrMissing;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn fix_value(changes: &[(&str, serde_json::Value)]) -> serde_json::Value {
        let found = assert_fires(PodCidrMissing, changes);
        found[0].fix.as_ref().expect("a free range exists").changes[0].value.clone()
    }

    #[test]
    fn fires_on_kubenet_without_a_pod_range() {
        let changes = [("/aksClusters/0/networkPlugin", json!("kubenet"))];
        let found = assert_fires(PodCidrMissing, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/podCidr", "/aksClusters/0/networkPlugin"]);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' uses kubenet without a podCidr, so AKS gives it its default pod range \
             10.244.0.0/16, which this check treats as if the plan had written it"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » utilise kubenet sans podCidr : AKS lui donne donc sa plage d’adresses \
             de pods par défaut, 10.244.0.0/16, que cette vérification traite comme si le plan l’avait \
             écrite"
        );
        assert_eq!(fix_value(&changes), json!("10.244.0.0/16"));
        let fix = found[0].fix.as_ref().expect("the default is free");
        assert_eq!(
            fix.title,
            "write AKS's default pod range 10.244.0.0/16 into the plan; nothing else in it uses that block"
        );
        assert_eq!(fix.kind, FixKind::Design);
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fires_on_overlay_without_a_pod_range() {
        let changes = [("/aksClusters/0/networkPluginMode", json!("overlay"))];
        let found = assert_fires(PodCidrMissing, &changes);
        assert_eq!(found[0].subjects[1], "/aksClusters/0/networkPluginMode");
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn an_attached_cluster_is_told_to_read_its_range_from_azure() {
        let changes = [
            ("/aksClusters/0/provisioning", json!("attach")),
            ("/aksClusters/0/networkPlugin", json!("azure")),
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
        ];
        let found = assert_fires(PodCidrMissing, &changes);
        let fix = found[0].fix.as_ref().expect("the default is free");
        assert!(
            fix.title.contains("`az aks show --name ml-aks --query networkProfile.podCidr`"),
            "{}",
            fix.title
        );
        assert_eq!(fix.kind, FixKind::Attestation);
    }

    #[test]
    fn fix_avoids_a_taken_default() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            (
                "/externalRanges",
                json!([{"name": "onprem", "addressPrefix": "10.240.0.0/12", "kind": "onPremises"}]),
            ),
        ];
        let value = fix_value(&changes);
        assert_ne!(value, json!("10.244.0.0/16"));
        let found = assert_fires(PodCidrMissing, &changes);
        let title = &found[0].fix.as_ref().expect("a free block exists").title;
        assert!(
            title.starts_with(&format!("use {} for the pod range", value.as_str().unwrap_or_default())),
            "{title}"
        );
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn fix_grows_past_the_default_for_a_large_pool() {
        let changes = [
            ("/aksClusters/0/networkPluginMode", json!("overlay")),
            ("/aksClusters/0/nodeCount", json!(300)),
        ];
        // 1.1: the default 10.244.0.0/16 is the range being checked, so the fix grows it in place.
        assert_eq!(fix_value(&changes), json!("10.244.0.0/15"));
        assert_fix_resolves(PodCidrMissing, &changes);
    }

    #[test]
    fn quiet_with_a_pod_range_or_plain_azure_cni() {
        assert_quiet(PodCidrMissing, &[]);
        assert_quiet(
            PodCidrMissing,
            &[
                ("/aksClusters/0/networkPlugin", json!("kubenet")),
                ("/aksClusters/0/podCidr", json!("10.244.0.0/16")),
            ],
        );
    }
}
