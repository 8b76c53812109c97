use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{name_key, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A reference to a VNet, subnet or cluster (a cluster's vnet, subnet and loadBalancerSubnet, an \
         ACI deployment's vnet and subnet, the workspace private endpoint's vnet and subnet, a VNet's \
         peerings, an online endpoint's compute) should spell the name exactly as its target does. The rule notes each reference that finds its \
         target only once letter case is ignored, such as Default for a subnet called default.",
        "Une référence à un VNet, à un sous-réseau ou à un cluster (vnet, subnet et loadBalancerSubnet \
         d’un cluster, vnet et subnet d’un déploiement ACI ou du point de terminaison privé de l’espace \
         de travail, peerings d’un VNet, compute d’un point de terminaison en ligne) devrait écrire le \
         nom exactement comme sa cible. La règle relève \
         chaque référence qui ne trouve sa cible qu’en ignorant la casse, par exemple Default pour un \
         sous-réseau nommé default."
    ),
    why: text!(
        "Azure treats resource names as case-insensitive, so the deployment works and the checker \
         resolves the reference the same way. Two spellings of one name still make a plan harder to \
         read and to search, and tools outside Azure that compare names exactly (scripts, templates, \
         reviews) may take them for two different resources.",
        "Azure traite les noms de ressources sans distinction de casse : le déploiement fonctionne et \
         le vérificateur résout la référence de la même façon. Deux graphies d’un même nom rendent \
         pourtant le plan plus difficile à lire et à parcourir, et les outils hors d’Azure qui \
         comparent les noms à l’identique (scripts, modèles, relectures) peuvent y voir deux \
         ressources distinctes."
    ),
    example: Example(&[("/aksClusters/0/subnet", r#""AKS""#)]),
    fix: text!(
        "Write the reference with the exact spelling of the VNet or subnet it names; the fix does so.",
        "Écrivez la référence avec la graphie exacte du VNet ou du sous-réseau qu’elle désigne ; le \
         correctif le fait."
    ),
    sources: &[Source {
        title: "Naming rules and restrictions for Azure resources",
        location: "MicrosoftDocs/azure-docs:articles/azure-resource-manager/management/resource-name-rules.md@849e815a68648a37b5a5aa400ffa61a3143686e8",
        date: "2020-01-16",
    }],
};

/// One reference that resolves only when case is ignored.
struct Mismatch<'p> {
    /// Where the reference is written.
    reference: String,
    /// The `name` field of the VNet or subnet it reaches.
    target: String,
    /// Who holds the reference, for the message.
    holder: Message,
    written: &'p str,
    actual: &'p str,
    kind: TargetKind,
}

#[derive(Clone, Copy)]
enum TargetKind {
    Vnet,
    Subnet,
    Cluster,
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for mismatch in mismatches(context) {
        let message = match mismatch.kind {
            TargetKind::Subnet => msg!(
                [
                    "{holder} names subnet '{written}', which the plan spells '{actual}'; Azure ignores \
                     the case of resource names, but one spelling keeps the plan unambiguous",
                    "{holder} nomme le sous-réseau « {written} », que le plan écrit « {actual} » ; Azure \
                     ignore la casse des noms de ressources, mais une seule graphie garde le plan sans \
                     ambiguïté"
                ],
                written = mismatch.written,
                actual = mismatch.actual,
            ),
            TargetKind::Vnet => msg!(
                [
                    "{holder} names VNet '{written}', which the plan spells '{actual}'; Azure ignores the \
                     case of resource names, but one spelling keeps the plan unambiguous",
                    "{holder} nomme le VNet « {written} », que le plan écrit « {actual} » ; Azure ignore la \
                     casse des noms de ressources, mais une seule graphie garde le plan sans ambiguïté"
                ],
                written = mismatch.written,
                actual = mismatch.actual,
            ),
            TargetKind::Cluster => msg!(
                [
                    "{holder} runs on compute '{written}', which the plan spells '{actual}'; Azure ignores \
                     the case of resource names, but one spelling keeps the plan unambiguous",
                    "{holder} tourne sur le calcul « {written} », que le plan écrit « {actual} » ; Azure \
                     ignore la casse des noms de ressources, mais une seule graphie garde le plan sans \
                     ambiguïté"
                ],
                written = mismatch.written,
                actual = mismatch.actual,
            ),
        };
        let fix = Fix::set(
            msg!(
                ["write '{actual}' as the name is spelled", "écrire « {actual} », la graphie du nom"],
                actual = mismatch.actual
            ),
            mismatch.reference.clone(),
            mismatch.actual,
        );
        out.push(
            Draft::new(
                message.with_message("holder", mismatch.holder),
                vec![mismatch.reference, mismatch.target],
            )
            .with_fix(Some(fix)),
        );
    }
}

/// Every case-only match, in plan order: clusters (VNet, subnet, load balancer subnet), ACI
/// deployments, the private endpoint, peerings, then the online endpoints' computes.
fn mismatches<'p>(context: &Context<'p>) -> Vec<Mismatch<'p>> {
    let plan = context.plan;
    let mut found = Vec::new();
    // Each holder names a VNet and a subnet of it; both may differ in case on their own.
    let mut place = |holder: &dyn Fn() -> Message,
                     field: &dyn Fn(&str) -> String,
                     vnet_written: &'p str,
                     subnet_written: &'p str| {
        let placement = context.placement(vnet_written, subnet_written);
        let Some(vnet) = placement.vnet else { return };
        if context.vnet_case_differs(vnet, vnet_written) {
            found.push(Mismatch {
                reference: field("vnet"),
                target: pointer::vnet(vnet, "name"),
                holder: holder(),
                written: vnet_written,
                actual: context.vnet_name(vnet),
                kind: TargetKind::Vnet,
            });
        }
        let Some(subnet) = placement.subnet else { return };
        if context.subnet_case_differs(vnet, subnet, subnet_written) {
            found.push(Mismatch {
                reference: field("subnet"),
                target: pointer::subnet(vnet, subnet, "name"),
                holder: holder(),
                written: subnet_written,
                actual: context.subnet_name(vnet, subnet),
                kind: TargetKind::Subnet,
            });
        }
    };
    for (index, cluster, _) in context.clusters() {
        if let (Some(vnet), Some(subnet)) = (cluster.vnet.as_deref(), cluster.subnet.as_deref()) {
            place(
                &|| msg!(["cluster '{name}'", "le cluster « {name} »"], name = &cluster.name),
                &|field| pointer::cluster(index, field),
                vnet,
                subnet,
            );
        }
    }
    for (index, deployment) in plan.aci_deployments.iter().enumerate() {
        place(
            &|| msg!(["ACI deployment '{name}'", "le déploiement ACI « {name} »"], name = &deployment.name),
            &|field| pointer::aci(index, field),
            &deployment.vnet,
            &deployment.subnet,
        );
    }
    if let Some(endpoint) = &plan.workspace.private_endpoint {
        place(
            &|| {
                msg!([
                    "the workspace private endpoint",
                    "le point de terminaison privé de l’espace de travail"
                ])
            },
            &pointer::private_endpoint,
            &endpoint.vnet,
            &endpoint.subnet,
        );
    }
    // The load balancer subnet is looked up in the cluster's own VNet.
    for (index, cluster, facts) in context.clusters() {
        let (Some(vnet), Some(subnet), Some(written)) =
            (facts.node.vnet, facts.load_balancer_subnet, cluster.load_balancer_subnet.as_deref())
        else {
            continue;
        };
        if context.subnet_case_differs(vnet, subnet, written) {
            found.push(Mismatch {
                reference: pointer::cluster(index, "loadBalancerSubnet"),
                target: pointer::subnet(vnet, subnet, "name"),
                holder: msg!(
                    [
                        "the load balancer of cluster '{name}'",
                        "l’équilibreur de charge du cluster « {name} »"
                    ],
                    name = &cluster.name
                ),
                written,
                actual: context.subnet_name(vnet, subnet),
                kind: TargetKind::Subnet,
            });
        }
    }
    for (v, vnet) in plan.vnets.iter().enumerate() {
        for (index, written) in vnet.peerings.iter().enumerate() {
            let Some(peer) = context.vnet_named(written) else { continue };
            if context.vnet_case_differs(peer, written) {
                found.push(Mismatch {
                    reference: pointer::peering(v, index),
                    target: pointer::vnet(peer, "name"),
                    holder: msg!(
                        ["a peering of VNet '{name}'", "un appairage du VNet « {name} »"],
                        name = &vnet.name
                    ),
                    written,
                    actual: context.vnet_name(peer),
                    kind: TargetKind::Vnet,
                });
            }
        }
    }
    for (index, endpoint) in plan.online_endpoints.iter().enumerate() {
        let Some(written) = endpoint.compute.as_deref() else { continue };
        let key = name_key(written);
        // The first cluster of that name is the one a lookup reaches; a duplicate is duplicate-name's.
        let Some((cluster_index, cluster)) =
            plan.aks_clusters.iter().enumerate().find(|(_, cluster)| name_key(&cluster.name) == key)
        else {
            continue;
        };
        if cluster.name != written {
            found.push(Mismatch {
                reference: pointer::online_endpoint(index, "compute"),
                target: pointer::cluster(cluster_index, "name"),
                holder: msg!(
                    ["online endpoint '{name}'", "le point de terminaison en ligne « {name} »"],
                    name = &endpoint.name
                ),
                written,
                actual: &cluster.name,
                kind: TargetKind::Cluster,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::NameCaseDiffers;
    use crate::finding::{FixKind, Severity};
    use crate::testing::{aci_with, assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_cluster_subnet_written_in_another_case() {
        let changes = [("/aksClusters/0/subnet", json!("AKS"))];
        let found = assert_fires(NameCaseDiffers, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].subjects, ["/aksClusters/0/subnet", "/vnets/0/subnets/0/name"]);
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' names subnet 'AKS', which the plan spells 'aks'; Azure ignores the case of \
             resource names, but one spelling keeps the plan unambiguous"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » nomme le sous-réseau « AKS », que le plan écrit « aks » ; Azure ignore \
             la casse des noms de ressources, mais une seule graphie garde le plan sans ambiguïté"
        );
        let fix = found[0].fix.as_ref().expect("the exact spelling is known");
        assert_eq!(fix.kind, FixKind::Design);
        assert_eq!(fix.changes[0].value, json!("aks"));
        assert_fix_resolves(NameCaseDiffers, &changes);
    }

    #[test]
    fn fires_on_every_kind_of_reference() {
        let changes = aci_with(&[
            ("/aksClusters/0/vnet", json!("ML-VNet")),
            ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ("/aksClusters/0/loadBalancerSubnet", json!("Aks")),
            ("/aciDeployments/0/subnet", json!("ACI")),
            ("/workspace/privateEndpoint", json!({"vnet": "ML-vnet", "subnet": "aks"})),
        ]);
        let found = assert_fires(NameCaseDiffers, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/aciDeployments/0/subnet", "/vnets/0/subnets/1/name"],
                ["/aksClusters/0/loadBalancerSubnet", "/vnets/0/subnets/0/name"],
                ["/aksClusters/0/vnet", "/vnets/0/name"],
                ["/workspace/privateEndpoint/vnet", "/vnets/0/name"],
            ]
        );
        assert!(found[3].message.starts_with("the workspace private endpoint names VNet 'ML-vnet'"));
    }

    #[test]
    fn fires_on_peerings_and_endpoint_computes() {
        let mut changes = crate::testing::v2_cluster();
        changes.extend([
            crate::testing::hub_vnet(),
            ("/vnets/0/peerings", json!(["HUB-vnet"])),
            ("/onlineEndpoints", json!([{"name": "fraud-k8s", "kind": "kubernetes", "compute": "ML-AKS"}])),
        ]);
        let found = assert_fires(NameCaseDiffers, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [["/onlineEndpoints/0/compute", "/aksClusters/0/name"], ["/vnets/0/peerings/0", "/vnets/1/name"]]
        );
        assert!(found[0].message.starts_with(
            "online endpoint 'fraud-k8s' runs on compute 'ML-AKS', which the plan spells 'ml-aks'"
        ));
        assert_fix_resolves(NameCaseDiffers, &changes);
    }

    #[test]
    fn quiet_on_exact_peerings_and_endpoint_computes() {
        let mut changes = crate::testing::v2_cluster();
        changes.extend([
            crate::testing::hub_vnet(),
            ("/vnets/0/peerings", json!(["hub-vnet"])),
            ("/onlineEndpoints", json!([{"name": "fraud-k8s", "kind": "kubernetes", "compute": "ml-aks"}])),
        ]);
        assert_quiet(NameCaseDiffers, &changes);
    }

    #[test]
    fn quiet_on_exact_names_and_on_names_that_do_not_resolve() {
        assert_quiet(NameCaseDiffers, &[]);
        assert_quiet(NameCaseDiffers, &aci_with(&[]));
        // A name that matches nothing is unknown-subnet's, not a matter of case.
        assert_quiet(NameCaseDiffers, &[("/aksClusters/0/subnet", json!("nodes"))]);
    }
}
