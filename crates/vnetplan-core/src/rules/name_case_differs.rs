use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A reference to a VNet or subnet (a cluster's vnet, subnet and loadBalancerSubnet, an ACI \
         deployment's vnet and subnet, the workspace private endpoint's vnet and subnet) should spell \
         the name exactly as the VNet or subnet does. The rule notes each reference that finds its \
         target only once letter case is ignored, such as Default for a subnet called default.",
        "Une référence à un VNet ou à un sous-réseau (vnet, subnet et loadBalancerSubnet d’un cluster, \
         vnet et subnet d’un déploiement ACI ou du point de terminaison privé de l’espace de travail) \
         devrait écrire le nom exactement comme le VNet ou le sous-réseau lui-même. La règle relève \
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
    subnet: bool,
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for mismatch in mismatches(context) {
        let message = if mismatch.subnet {
            msg!(
                [
                    "{holder} names subnet '{written}', which the plan spells '{actual}'; Azure ignores \
                     the case of resource names, but one spelling keeps the plan unambiguous",
                    "{holder} nomme le sous-réseau « {written} », que le plan écrit « {actual} » ; Azure \
                     ignore la casse des noms de ressources, mais une seule graphie garde le plan sans \
                     ambiguïté"
                ],
                written = mismatch.written,
                actual = mismatch.actual,
            )
        } else {
            msg!(
                [
                    "{holder} names VNet '{written}', which the plan spells '{actual}'; Azure ignores the \
                     case of resource names, but one spelling keeps the plan unambiguous",
                    "{holder} nomme le VNet « {written} », que le plan écrit « {actual} » ; Azure ignore la \
                     casse des noms de ressources, mais une seule graphie garde le plan sans ambiguïté"
                ],
                written = mismatch.written,
                actual = mismatch.actual,
            )
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
/// deployments, then the private endpoint.
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
                subnet: false,
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
                subnet: true,
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
                subnet: true,
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
    fn quiet_on_exact_names_and_on_names_that_do_not_resolve() {
        assert_quiet(NameCaseDiffers, &[]);
        assert_quiet(NameCaseDiffers, &aci_with(&[]));
        // A name that matches nothing is unknown-subnet's, not a matter of case.
        assert_quiet(NameCaseDiffers, &[("/aksClusters/0/subnet", json!("nodes"))]);
    }
}
