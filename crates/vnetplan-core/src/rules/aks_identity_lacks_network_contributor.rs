use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::export::quote::shell;
use crate::finding::{Draft, Fix, RuleFindings, Severity};
use crate::plan::{AksCluster, Identity};
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster in a VNet of the plan needs its managed identity or service principal to hold the \
         Network Contributor role on the resource group of that VNet. networkContributorGranted false is \
         an error; when the field is absent, the grant is not recorded and the finding is a warning. A \
         VNet in a resource group named MC_…, where AKS puts the network it makes itself, is left out.",
        "Un cluster placé dans un VNet du plan a besoin que son identité managée ou son principal de \
         service ait le rôle Network Contributor sur le groupe de ressources de ce VNet. \
         networkContributorGranted à false est une erreur ; si le champ est absent, l’attribution n’est \
         pas consignée et le constat est un avertissement. Un VNet d’un groupe de ressources nommé MC_…, \
         où AKS place le réseau qu’il crée lui-même, est laissé de côté."
    ),
    why: text!(
        "When Azure ML creates or attaches an AKS cluster in a virtual network made beforehand, AKS \
         changes that network on the cluster’s behalf (node network interfaces, load balancer front \
         ends, routes). The Azure ML guide requires the cluster identity to hold Network Contributor on \
         the resource group of the VNet for this, and AKS itself asks for the role on the subnet at \
         least. Without it those operations are denied, and provisioning or the internal load balancer \
         fails.",
        "Quand Azure ML crée ou attache un cluster AKS dans un réseau virtuel créé au préalable, AKS \
         modifie ce réseau pour le compte du cluster (interfaces réseau des nœuds, adresses frontales de \
         l’équilibreur de charge, routes). Le guide d’Azure ML exige pour cela que l’identité du cluster \
         ait le rôle Network Contributor sur le groupe de ressources du VNet, et AKS lui-même demande ce \
         rôle au moins sur le sous-réseau. Sans lui, ces opérations sont refusées, et le provisionnement \
         ou l’équilibreur de charge interne échoue."
    ),
    example: Example(&[("/aksClusters/0/networkContributorGranted", "false")]),
    fix: text!(
        "Find the cluster identity’s principal ID (or the service principal’s client ID) with az aks \
         show and the ID of the VNet’s resource group with az group show, then assign Network \
         Contributor with az role assignment create; the finding’s fix gives the three commands with the \
         plan’s names. When the field is absent, check for an existing grant with az role assignment \
         list --assignee and the resource group as scope, and record the result. A new role assignment \
         can take a while to apply.",
        "Obtenez l’ID du principal de l’identité du cluster (ou l’ID client du principal de service) \
         avec az aks show et l’ID du groupe de ressources du VNet avec az group show, puis attribuez \
         Network Contributor avec az role assignment create ; le correctif du constat donne les trois \
         commandes avec les noms du plan. Si le champ est absent, vérifiez s’il existe déjà une \
         attribution avec az role assignment list --assignee et le groupe de ressources comme étendue, \
         puis consignez le résultat. Une nouvelle attribution de rôle peut mettre un moment à prendre \
         effet."
    ),
    sources: &[sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31, sources::CONCEPTS_NETWORK_CNI_OVERVIEW],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let granted = cluster.network_contributor_granted;
        if granted == Some(true) {
            continue;
        }
        // A cluster in the AKS-managed VNet resolves to no VNet here, so it is left out.
        let Some(vnet_index) = facts.node.vnet else { continue };
        let Some(vnet) = context.vnet(vnet_index) else { continue };
        // AKS makes the VNet of a cluster without one of its own in the node resource group, which
        // it names MC_<group>_<cluster>_<region> and where the cluster identity already has its
        // rights; an import can bring that VNet into the plan.
        if vnet.resource_group.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("MC_")) {
            continue;
        }
        let field = pointer::cluster(index, "networkContributorGranted");
        let subjects = vec![field.clone(), pointer::vnet(vnet_index, "resourceGroup")];
        let lookups = lookups(cluster, &context.plan.workspace.resource_group, &vnet.resource_group);
        if granted == Some(false) {
            let message = msg!(
                [
                    "the {kind} of cluster '{cluster}' lacks Network Contributor on resource group \
                     '{group}' of its VNet '{vnet}'",
                    "{kind} du cluster « {cluster} » n’a pas le rôle Network Contributor sur le groupe de \
                     ressources « {group} » de son VNet « {vnet} »"
                ],
                cluster = &cluster.name,
                group = &vnet.resource_group,
                vnet = &vnet.name,
            )
            .with_message("kind", identity_kind(cluster));
            let title = msg!(
                [
                    "grant the cluster identity Network Contributor on resource group '{group}': \
                     {lookups}, then run `az role assignment create --assignee <id> --role \"Network \
                     Contributor\" --scope <rg id>`",
                    "attribuer à l’identité du cluster le rôle Network Contributor sur le groupe de \
                     ressources « {group} » : {lookups}, puis lancez `az role assignment create --assignee \
                     <id> --role \"Network Contributor\" --scope <rg id>`"
                ],
                group = &vnet.resource_group,
            )
            .with_message("lookups", lookups);
            out.push(Draft::new(message, subjects).with_fix(Some(Fix::set(title, field, true))));
            continue;
        }
        // Not recorded is not missing: the grant may well exist, so the finding asks to look.
        let message = msg!(
            [
                "nothing records whether the {kind} of cluster '{cluster}' holds Network Contributor on \
                 resource group '{group}' of its VNet '{vnet}' (networkContributorGranted is absent); to \
                 verify it, {lookups}, then run `az role assignment list --assignee <id> --scope <rg id> \
                 --role \"Network Contributor\" --include-inherited`, which lists the grant if it exists",
                "rien n’indique si {kind} du cluster « {cluster} » a le rôle Network Contributor sur le \
                 groupe de ressources « {group} » de son VNet « {vnet} » (networkContributorGranted est \
                 absent) ; pour le vérifier, {lookups}, puis lancez `az role assignment list --assignee \
                 <id> --scope <rg id> --role \"Network Contributor\" --include-inherited`, qui affiche \
                 l’attribution si elle existe"
            ],
            cluster = &cluster.name,
            group = &vnet.resource_group,
            vnet = &vnet.name,
        )
        .with_message("kind", identity_kind(cluster))
        .with_message("lookups", lookups);
        let title = msg!(
            [
                "record that the cluster identity holds Network Contributor on resource group '{group}' \
                 once `az role assignment list` shows the grant; if it shows none, first run `az role \
                 assignment create --assignee <id> --role \"Network Contributor\" --scope <rg id>`",
                "consigner que l’identité du cluster a le rôle Network Contributor sur le groupe de \
                 ressources « {group} » une fois que `az role assignment list` affiche l’attribution ; \
                 s’il n’en affiche aucune, lancez d’abord `az role assignment create --assignee <id> \
                 --role \"Network Contributor\" --scope <rg id>`"
            ],
            group = &vnet.resource_group,
        );
        out.push_as(
            Severity::Warning,
            Draft::new(message, subjects).with_fix(Some(Fix::set(title, field, true))),
        );
    }
}

/// Which kind of principal the cluster runs as, with its article, as messages start with it.
fn identity_kind(cluster: &AksCluster) -> Message {
    match cluster.identity() {
        Identity::SystemAssigned => {
            text!("system-assigned identity", "l’identité managée affectée par le système").message()
        }
        Identity::ServicePrincipal => text!("service principal", "le principal de service").message(),
    }
}

/// The `az` commands that give the `<id>` and `<rg id>` the role commands take, with the plan's
/// names filled in.
fn lookups(cluster: &AksCluster, workspace_group: &str, vnet_group: &str) -> Message {
    let query = match cluster.identity() {
        Identity::SystemAssigned => "identity.principalId",
        Identity::ServicePrincipal => "servicePrincipalProfile.clientId",
    };
    msg!(
        [
            "get <id> with `az aks show -g {workspace_word} -n {cluster_word} --query {query} -o tsv` (the \
             plan does not hold the cluster's own resource group, so this uses the workspace's \
             '{workspace}'; change it if the cluster lives elsewhere), get <rg id> with `az group show -n \
             {group_word} --query id -o tsv`",
            "obtenez <id> avec `az aks show -g {workspace_word} -n {cluster_word} --query {query} -o tsv` \
             (le plan ne contient pas le groupe de ressources du cluster : la commande prend donc celui \
             de l’espace de travail, « {workspace} » ; changez-le si le cluster est ailleurs), obtenez \
             <rg id> avec `az group show -n {group_word} --query id -o tsv`"
        ],
        workspace_word = shell(workspace_group),
        cluster_word = shell(&cluster.name),
        query = query,
        workspace = workspace_group,
        group_word = shell(vnet_group),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AksIdentityLacksNetworkContributor;
    use crate::export::quote::shell;
    use crate::finding::{Finding, FixKind, Severity};
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet, findings, plan_with};
    use crate::text::Lang;

    /// What the rule reports once the grant is not recorded at all, optionally for a cluster
    /// moved into the AKS-managed VNet.
    fn unrecorded(managed_vnet: bool) -> Vec<Finding> {
        let mut plan = plan_with(&[("/vnets/0/resourceGroup", json!("net-rg"))]);
        if let Some(cluster) = plan.aks_clusters.first_mut() {
            cluster.network_contributor_granted = None;
            if managed_vnet {
                cluster.vnet = None;
                cluster.subnet = None;
            }
        }
        findings(AksIdentityLacksNetworkContributor, &plan)
    }

    #[test]
    fn fires_with_the_commands_for_a_system_assigned_identity() {
        let changes = [
            ("/aksClusters/0/networkContributorGranted", json!(false)),
            ("/vnets/0/resourceGroup", json!("net-rg")),
        ];
        let found = assert_fires(AksIdentityLacksNetworkContributor, &changes);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkContributorGranted", "/vnets/0/resourceGroup"]);
        assert_eq!(
            found[0].message,
            "the system-assigned identity of cluster 'ml-aks' lacks Network Contributor on resource group \
             'net-rg' of its VNet 'ml-vnet'"
        );
        let fix = found[0].fix.as_ref().expect("granting the role resolves it");
        assert_eq!(
            fix.title,
            "grant the cluster identity Network Contributor on resource group 'net-rg': get <id> with \
             `az aks show -g ml-rg -n ml-aks --query identity.principalId -o tsv` (the plan does not hold \
             the cluster's own resource group, so this uses the workspace's 'ml-rg'; change it if the \
             cluster lives elsewhere), get <rg id> with `az group show -n net-rg --query id -o tsv`, then \
             run `az role assignment create --assignee <id> --role \"Network Contributor\" --scope <rg id>`"
        );
        assert_eq!(fix.changes[0].value, json!(true));
        assert_eq!(fix.kind, FixKind::Attestation);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’identité managée affectée par le système du cluster « ml-aks » n’a pas le rôle Network \
             Contributor sur le groupe de ressources « net-rg » de son VNet « ml-vnet »"
        );
        assert!(
            fix.text.render(Lang::Fr).starts_with(
                "attribuer à l’identité du cluster le rôle Network Contributor sur le groupe de \
                 ressources « net-rg » : obtenez <id> avec `az aks show -g ml-rg -n ml-aks"
            ),
            "{}",
            fix.text.render(Lang::Fr)
        );
        assert_fix_resolves(AksIdentityLacksNetworkContributor, &changes);
    }

    #[test]
    fn warns_with_the_command_that_verifies_an_unrecorded_grant() {
        let found = unrecorded(false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/networkContributorGranted", "/vnets/0/resourceGroup"]);
        assert_eq!(
            found[0].message,
            "nothing records whether the system-assigned identity of cluster 'ml-aks' holds Network \
             Contributor on resource group 'net-rg' of its VNet 'ml-vnet' (networkContributorGranted is \
             absent); to verify it, get <id> with `az aks show -g ml-rg -n ml-aks --query \
             identity.principalId -o tsv` (the plan does not hold the cluster's own resource group, so \
             this uses the workspace's 'ml-rg'; change it if the cluster lives elsewhere), get <rg id> \
             with `az group show -n net-rg --query id -o tsv`, then run `az role assignment list \
             --assignee <id> --scope <rg id> --role \"Network Contributor\" --include-inherited`, which \
             lists the grant if it exists"
        );
        assert!(
            found[0].text.render(Lang::Fr).starts_with(
                "rien n’indique si l’identité managée affectée par le système du cluster « ml-aks » a le \
                 rôle Network Contributor"
            ),
            "{}",
            found[0].text.render(Lang::Fr)
        );
        let fix = found[0].fix.as_ref().expect("recording the grant resolves it");
        assert_eq!(fix.changes[0].path, "/aksClusters/0/networkContributorGranted");
        assert_eq!(fix.changes[0].value, json!(true));
        assert_eq!(fix.kind, FixKind::Attestation);
    }

    #[test]
    fn quiet_on_an_unrecorded_grant_in_the_aks_managed_vnet() {
        assert!(unrecorded(true).is_empty());
        let imported = [
            ("/vnets/0/resourceGroup", json!("MC_dev-rg_dev-aks_westeurope")),
            ("/aksClusters/0/networkContributorGranted", json!(false)),
        ];
        assert_quiet(AksIdentityLacksNetworkContributor, &imported);
        let lower = [("/vnets/0/resourceGroup", json!("mc_dev-rg_dev-aks_westeurope"))];
        assert_quiet(AksIdentityLacksNetworkContributor, &lower);
    }

    #[test]
    fn asks_for_the_client_id_of_a_service_principal() {
        let found = assert_fires(
            AksIdentityLacksNetworkContributor,
            &[
                ("/aksClusters/0/networkContributorGranted", json!(false)),
                ("/aksClusters/0/identity", json!("servicePrincipal")),
            ],
        );
        let fix = found[0].fix.as_ref().expect("granting the role resolves it");
        assert!(fix.title.contains("--query servicePrincipalProfile.clientId -o tsv"), "{}", fix.title);
        assert!(found[0].message.starts_with("the service principal of cluster"));
    }

    #[test]
    fn quiet_when_granted_or_the_vnet_is_not_in_the_plan() {
        assert_quiet(AksIdentityLacksNetworkContributor, &[]);
        assert_quiet(
            AksIdentityLacksNetworkContributor,
            &[
                ("/aksClusters/0/networkContributorGranted", json!(false)),
                ("/aksClusters/0/vnet", json!("gone")),
            ],
        );
    }

    #[test]
    fn quotes_names_the_shell_would_split() {
        assert_eq!(shell("ml-rg"), "ml-rg");
        assert_eq!(shell("rg (prod)"), "'rg (prod)'");
        assert_eq!(shell("it's"), r"'it'\''s'");
    }
}
