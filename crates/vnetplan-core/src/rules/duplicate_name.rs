use std::borrow::Cow;
use std::collections::HashMap;

use crate::catalog::{Example, RuleDoc};
use crate::context::{name_key, Context};
use crate::finding::RuleFindings;
use crate::import::TEMPLATE_RESOURCE_GROUP;
use crate::names::{is_expression, tag_names_subscription};
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Names must be unique, compared without regard to case, wherever the plan looks things up by \
         name: among the VNets, among the subnets of one VNet, among the AKS clusters, among the ACI \
         deployments, among the online endpoints and among the managed network's outbound rules. Two \
         VNets whose plan names differ only by the tag an import adds, such as ml-vnet and \
         ml-vnet (rg-a), must not be one name in one resource group.",
        "Les noms doivent être uniques, sans tenir compte de la casse, partout où le plan retrouve \
         un élément par son nom : entre VNets, entre sous-réseaux d’un même VNet, entre clusters \
         AKS, entre déploiements ACI, entre points de terminaison en ligne et entre règles sortantes du \
         réseau managé. Deux VNets dont les noms du plan ne diffèrent que par l’étiquette qu’ajoute \
         un import, comme ml-vnet et ml-vnet (rg-a), ne doivent pas porter un même nom dans un même \
         groupe de ressources."
    ),
    why: text!(
        "Azure resource names are case-insensitive: ml-vnet and ML-VNet name the same VNet, and a \
         second compute target or web service with a name already taken replaces or collides with \
         the first instead of standing beside it. In the plan, a reference to a duplicated name \
         reaches only the first item that holds it, so the later one is never really checked.",
        "Les noms de ressources Azure ne distinguent pas la casse : ml-vnet et ML-VNet désignent le \
         même VNet, et une deuxième cible de calcul ou un deuxième service web portant un nom déjà \
         pris remplace le premier ou entre en conflit avec lui au lieu de coexister. Dans le plan, \
         une référence à un nom en double n’atteint que le premier élément qui le porte : le suivant \
         n’est jamais vraiment vérifié."
    ),
    example: Example(&[("/vnets/0/subnets/-", r#"{"name": "aks", "addressPrefix": "10.1.4.0/24"}"#)]),
    fix: text!(
        "Rename the item that comes second, and update every cluster, deployment or private endpoint \
         that was meant to refer to it.",
        "Renommez l’élément qui vient en second et mettez à jour chaque cluster, déploiement ou \
         point de terminaison privé censé y faire référence."
    ),
    sources: &[sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    report_duplicates(
        out,
        plan.vnets.iter().map(|vnet| vnet.name.as_str()),
        |index| pointer::vnet(index, "name"),
        |name| {
            msg!(
                [
                    "the VNet name '{name}' is already used by an earlier VNet",
                    "le nom de VNet « {name} » est déjà pris par un VNet précédent"
                ],
                name = name
            )
        },
    );
    same_vnet_in_one_group(plan, out);
    // Subnets can number in the many thousands; the context found their duplicates while it
    // indexed their names.
    for ((v, vnet), facts) in plan.vnets.iter().enumerate().zip(&context.vnets) {
        for &(duplicate, first) in &facts.duplicate_subnets {
            let name = context.subnet_name(v, duplicate);
            let message = msg!(
                [
                    "the subnet name '{name}' is already used by an earlier subnet of VNet '{vnet}'",
                    "le nom de sous-réseau « {name} » est déjà pris par un sous-réseau précédent du VNet \
                     « {vnet} »"
                ],
                name = name,
                vnet = &vnet.name,
            );
            out.report(
                noting_case(message, name, context.subnet_name(v, first)),
                vec![pointer::subnet(v, duplicate, "name"), pointer::subnet(v, first, "name")],
            );
        }
    }
    report_duplicates(
        out,
        plan.aks_clusters.iter().map(|cluster| cluster.name.as_str()),
        |index| pointer::cluster(index, "name"),
        |name| {
            msg!(
                [
                    "the cluster name '{name}' is already used by an earlier AKS cluster",
                    "le nom de cluster « {name} » est déjà pris par un cluster AKS précédent"
                ],
                name = name
            )
        },
    );
    report_duplicates(
        out,
        plan.aci_deployments.iter().map(|deployment| deployment.name.as_str()),
        |index| pointer::aci(index, "name"),
        |name| {
            msg!(
                [
                    "the deployment name '{name}' is already used by an earlier ACI deployment",
                    "le nom de déploiement « {name} » est déjà pris par un déploiement ACI précédent"
                ],
                name = name
            )
        },
    );
    report_duplicates(
        out,
        plan.online_endpoints.iter().map(|endpoint| endpoint.name.as_str()),
        |index| pointer::online_endpoint(index, "name"),
        |name| {
            msg!(
                [
                    "the endpoint name '{name}' is already used by an earlier online endpoint",
                    "le nom de point de terminaison « {name} » est déjà pris par un point de terminaison en \
                     ligne précédent"
                ],
                name = name
            )
        },
    );
    // Outbound rules are keyed by name in the managed network: `outbound-rule set` with a name
    // already taken rewrites that rule rather than adding a second one.
    if let Some(network) = &plan.workspace.managed_network {
        report_duplicates(
            out,
            network.outbound_rules.iter().map(|rule| rule.name.as_str()),
            |index| pointer::outbound_rule(index, "name"),
            |name| {
                msg!(
                    [
                        "the outbound rule name '{name}' is already used by an earlier rule of the managed \
                         network",
                        "le nom de règle sortante « {name} » est déjà pris par une règle précédente du réseau \
                         managé"
                    ],
                    name = name
                )
            },
        );
    }
}

/// VNets whose plan names differ only by the tag an import adds (`ml-vnet (rg-b)`) but which
/// share their Azure name and resource group: Azure holds one VNet of a name per group, so the
/// templates would declare one VNet twice. A group or name the import could not resolve says
/// nothing, nor does a tag that names a subscription (`ml-vnet (rg-a, 0000…)`): the import read
/// two subscriptions' namesakes, which Azure holds apart and the plan cannot.
fn same_vnet_in_one_group(plan: &crate::plan::Plan, out: &mut RuleFindings<'_>) {
    let mut first: HashMap<(Cow<'_, str>, Cow<'_, str>), usize> = HashMap::new();
    for (index, vnet) in plan.vnets.iter().enumerate() {
        let azure_name = vnet.azure_name();
        if tag_names_subscription(&vnet.name)
            || is_expression(azure_name)
            || is_expression(&vnet.resource_group)
            || vnet.resource_group == TEMPLATE_RESOURCE_GROUP
        {
            continue;
        }
        let key = (name_key(&vnet.resource_group), name_key(azure_name));
        match first.get(&key).and_then(|&earlier| Some((earlier, plan.vnets.get(earlier)?))) {
            Some((earlier, namesake)) if name_key(&namesake.name) != name_key(&vnet.name) => out.report(
                msg!(
                    [
                        "VNet '{name}' is '{azure}' to Azure, in resource group '{group}' like VNet '{earlier}': a group holds one VNet of a name, so the templates would declare it twice",
                        "le VNet « {name} » s’appelle « {azure} » pour Azure, dans le groupe de ressources « {group} » comme le VNet « {earlier} » : un groupe ne contient qu’un VNet d’un même nom, les modèles le déclareraient donc deux fois"
                    ],
                    name = &vnet.name,
                    azure = azure_name,
                    group = &vnet.resource_group,
                    earlier = &namesake.name,
                ),
                vec![pointer::vnet(index, "name"), pointer::vnet(earlier, "name")],
            ),
            Some(_) => {}
            None => {
                first.insert(key, index);
            }
        }
    }
}

/// Reports every name that an earlier item already has, pointing at it and at the first holder.
fn report_duplicates<'a>(
    out: &mut RuleFindings<'_>,
    names: impl Iterator<Item = &'a str>,
    pointer: impl Fn(usize) -> String,
    message: impl Fn(&str) -> Message,
) {
    let names: Vec<&'a str> = names.collect();
    // Azure resource names are case-insensitive: 'AKS' and 'aks' are one name. The map has the
    // context's type, so the page holds one copy of its code for both.
    let mut first: HashMap<Cow<'a, str>, usize> = HashMap::with_capacity(names.len());
    for (index, name) in names.iter().copied().enumerate() {
        match first.get(&name_key(name)).copied() {
            Some(earlier) => out.report(
                noting_case(message(name), name, names.get(earlier).copied().unwrap_or(name)),
                vec![pointer(index), pointer(earlier)],
            ),
            None => {
                first.insert(name_key(name), index);
            }
        }
    }
}

/// A user who wrote 'AKS' beside 'aks' may think them distinct: the message says why they are not.
fn noting_case(message: Message, name: &str, earlier: &str) -> Message {
    if name == earlier {
        return message;
    }
    msg!(
        [
            "{message}, written '{earlier}' there; Azure compares these names without regard to case",
            "{message}, écrit « {earlier} » ; Azure compare ces noms sans tenir compte de la casse"
        ],
        earlier = earlier
    )
    .with_message("message", message)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DuplicateName;
    use crate::testing::{aci, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_each_later_subnet_with_a_taken_name() {
        let changes = [
            ("/vnets/0/subnets/-", json!({"name": "aks", "addressPrefix": "10.1.4.0/24"})),
            ("/vnets/0/subnets/-", json!({"name": "aks", "addressPrefix": "10.1.5.0/24"})),
        ];
        let found = assert_fires(DuplicateName, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/vnets/0/subnets/1/name", "/vnets/0/subnets/0/name"],
                ["/vnets/0/subnets/2/name", "/vnets/0/subnets/0/name"],
            ]
        );
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some("the subnet name 'aks' is already used by an earlier subnet of VNet 'ml-vnet'")
        );
        assert_eq!(
            found.first().map(|f| f.text.render(Lang::Fr)).as_deref(),
            Some("le nom de sous-réseau « aks » est déjà pris par un sous-réseau précédent du VNet « ml-vnet »")
        );
    }

    #[test]
    fn fires_on_vnets_clusters_and_deployments() {
        let mut changes = aci();
        changes.push((
            "/vnets/-",
            json!({"name": "ml-vnet", "resourceGroup": "other-rg", "addressPrefixes": ["10.9.0.0/16"], "subnets": []}),
        ));
        changes.push((
            "/aksClusters/-",
            json!({
                "name": "ml-aks", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.3.0.0/16",
                "dnsServiceIP": "10.3.0.10", "nodeCount": 3
            }),
        ));
        changes
            .push(("/aciDeployments/-", json!({"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"})));
        let found = assert_fires(DuplicateName, &changes);
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/aciDeployments/1/name", "/aciDeployments/0/name"],
                ["/aksClusters/1/name", "/aksClusters/0/name"],
                ["/vnets/1/name", "/vnets/0/name"],
            ]
        );
    }

    #[test]
    fn fires_on_online_endpoints_and_outbound_rules() {
        let found = assert_fires(
            DuplicateName,
            &[
                ("/onlineEndpoints/-", json!({"name": "fraud", "kind": "managed"})),
                ("/onlineEndpoints/-", json!({"name": "Fraud", "kind": "managed"})),
                (
                    "/workspace/managedNetwork",
                    json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
                        {"name": "pypi", "type": "fqdn", "destination": "pypi.org"},
                        {"name": "pypi", "type": "fqdn", "destination": "files.pythonhosted.org"}
                    ]}),
                ),
            ],
        );
        let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
        assert_eq!(
            subjects,
            [
                ["/onlineEndpoints/1/name", "/onlineEndpoints/0/name"],
                [
                    "/workspace/managedNetwork/outboundRules/1/name",
                    "/workspace/managedNetwork/outboundRules/0/name"
                ],
            ]
        );
        assert_eq!(
            found[1].message,
            "the outbound rule name 'pypi' is already used by an earlier rule of the managed network"
        );
    }

    #[test]
    fn quiet_on_distinct_endpoint_and_outbound_rule_names() {
        assert_quiet(
            DuplicateName,
            &[
                ("/onlineEndpoints/-", json!({"name": "fraud", "kind": "managed"})),
                ("/onlineEndpoints/-", json!({"name": "fraud-2", "kind": "managed"})),
                (
                    "/workspace/managedNetwork",
                    json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
                        {"name": "pypi", "type": "fqdn", "destination": "pypi.org"},
                        {"name": "pypi-files", "type": "fqdn", "destination": "files.pythonhosted.org"}
                    ]}),
                ),
            ],
        );
    }

    #[test]
    fn names_differing_only_in_case_are_duplicates() {
        let found = assert_fires(
            DuplicateName,
            &[("/vnets/0/subnets/-", json!({"name": "AKS", "addressPrefix": "10.1.4.0/24"}))],
        );
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/name", "/vnets/0/subnets/0/name"]);
        assert_eq!(
            found[0].message,
            "the subnet name 'AKS' is already used by an earlier subnet of VNet 'ml-vnet', written 'aks' \
             there; Azure compares these names without regard to case"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le nom de sous-réseau « AKS » est déjà pris par un sous-réseau précédent du VNet « ml-vnet », \
             écrit « aks » ; Azure compare ces noms sans tenir compte de la casse"
        );
        let found = assert_fires(
            DuplicateName,
            &[(
                "/vnets/-",
                json!({"name": "ML-VNet", "resourceGroup": "ml-rg", "addressPrefixes": ["10.9.0.0/16"], "subnets": []}),
            )],
        );
        assert_eq!(found[0].subjects, ["/vnets/1/name", "/vnets/0/name"]);
        assert!(found[0]
            .message
            .ends_with("written 'ml-vnet' there; Azure compares these names without regard to case"));
    }

    #[test]
    fn the_case_note_is_left_out_for_identical_names() {
        let found = assert_fires(
            DuplicateName,
            &[(
                "/aksClusters/-",
                json!({
                    "name": "ml-aks", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.3.0.0/16",
                    "dnsServiceIP": "10.3.0.10", "nodeCount": 3
                }),
            )],
        );
        assert_eq!(found[0].message, "the cluster name 'ml-aks' is already used by an earlier AKS cluster");
    }

    #[test]
    fn fires_on_a_tagged_vnet_that_azure_knows_by_a_name_its_group_already_holds() {
        let tagged = |name: &str, group: &str| {
            (
                "/vnets/-",
                json!({"name": name, "resourceGroup": group, "addressPrefixes": ["10.9.0.0/16"], "subnets": []}),
            )
        };
        let found = assert_fires(DuplicateName, &[tagged("ML-VNET (ml-rg)", "ML-RG")]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/vnets/1/name", "/vnets/0/name"]);
        assert_eq!(
            found[0].message,
            "VNet 'ML-VNET (ml-rg)' is 'ML-VNET' to Azure, in resource group 'ML-RG' like VNet 'ml-vnet': a \
             group holds one VNet of a name, so the templates would declare it twice"
        );
        assert!(found[0].text.render(Lang::Fr).contains("les modèles le déclareraient donc deux fois"));
        // Both tagged, by hand.
        let found =
            assert_fires(DuplicateName, &[tagged("hub (net-rg)", "net-rg"), tagged("hub (copy)", "net-rg")]);
        assert_eq!(found[0].subjects, ["/vnets/2/name", "/vnets/1/name"]);
    }

    #[test]
    fn quiet_on_tagged_namesakes_in_other_or_unknown_groups() {
        let tagged = |name: &str, group: &str| {
            (
                "/vnets/-",
                json!({"name": name, "resourceGroup": group, "addressPrefixes": ["10.9.0.0/16"], "subnets": []}),
            )
        };
        assert_quiet(DuplicateName, &[tagged("ml-vnet (rg-b)", "rg-b")]);
        // What the import names a namesake of the same group in another subscription.
        assert_quiet(DuplicateName, &[tagged("ml-vnet (ml-rg, 0000-sub-2)", "ml-rg")]);
        assert_quiet(
            DuplicateName,
            &[
                tagged("[parameters('vnet')] (document 1)", "(from template)"),
                tagged("[parameters('vnet')] (document 2)", "(from template)"),
            ],
        );
    }

    #[test]
    fn quiet_on_unique_names_and_on_the_same_subnet_name_in_two_vnets() {
        assert_quiet(DuplicateName, &aci());
        assert_quiet(
            DuplicateName,
            &[("/vnets/0/subnets/-", json!({"name": "aks2", "addressPrefix": "10.1.4.0/24"}))],
        );
        assert_quiet(
            DuplicateName,
            &[(
                "/vnets/-",
                json!({"name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": ["10.9.0.0/16"],
                       "subnets": [{"name": "aks", "addressPrefix": "10.9.0.0/24"}]}),
            )],
        );
    }
}
