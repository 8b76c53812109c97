use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{AksCluster, Identity};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("A cluster placed in a VNet of the plan must have networkContributorGranted true: its \
           managed identity or service principal must hold the Network Contributor role on \
           the resource group that contains that VNet."),
    why: english!("When Azure ML creates or attaches an AKS cluster in a virtual network you made \
          beforehand, AKS changes that network on the cluster's behalf (node NICs, load \
          balancer front ends, routes), and the Azure ML documentation requires the cluster \
          identity to hold Network Contributor on the VNet's resource group for it. Without \
          the role those operations are denied and provisioning or the internal load \
          balancer fails."),
    example: Example::Fragment("cluster 'ml-aks' in VNet 'ml-vnet' (resource group 'net-rg') with \
              \"networkContributorGranted\": false"),
    fix: english!("Look up the cluster identity's principal ID (or the service principal's client ID) \
          with az aks show, look up the ID of the VNet's resource group with az group show, \
          and assign Network Contributor with az role assignment create; the finding's fix \
          spells out the three commands with the plan's names. Role assignments can take a \
          while to take effect."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        if !cluster.network_contributor_missing() {
            continue;
        }
        let Some(vnet_index) = facts.node.vnet else { continue };
        let Some(vnet) = context.vnet(vnet_index) else { continue };
        let kind = match cluster.identity() {
            Identity::SystemAssigned => "system-assigned identity",
            Identity::ServicePrincipal => "service principal",
        };
        out.push(
            Draft::new(format!(
                    "the {kind} of cluster '{}' lacks Network Contributor on resource group '{}' of its \
                     VNet '{}'",
                    cluster.name, vnet.resource_group, vnet.name
                ),
                vec![
                    pointer::cluster(index, "networkContributorGranted"),
                    pointer::vnet(vnet_index, "resourceGroup"),
                ],
            )
            .with_fix(Some(Fix::set(
                grant_title(cluster, &context.plan.workspace.resource_group, &vnet.resource_group),
                pointer::cluster(index, "networkContributorGranted"),
                true,
            ))),
        );
    }
}

/// The `az` commands that grant the role, with the plan's names filled in.
fn grant_title(cluster: &AksCluster, workspace_group: &str, vnet_group: &str) -> String {
    let query = match cluster.identity() {
        Identity::SystemAssigned => "identity.principalId",
        Identity::ServicePrincipal => "servicePrincipalProfile.clientId",
    };
    format!(
        "grant the cluster identity Network Contributor on resource group '{vnet_group}': get <id> with \
         `az aks show -g {} -n {} --query {query} -o tsv` (the plan does not hold the cluster's own \
         resource group, so this uses the workspace's '{workspace_group}'; change it if the cluster \
         lives elsewhere), get <rg id> with `az group show -n {} --query id -o tsv`, then run \
         `az role assignment create --assignee <id> --role \"Network Contributor\" --scope <rg id>`",
        shell_word(workspace_group),
        shell_word(&cluster.name),
        shell_word(vnet_group)
    )
}

/// `text` as one shell word: as it is when it holds only characters the shell leaves alone,
/// otherwise in single quotes, since resource group names may contain parentheses.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':'));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::shell_word;
    use crate::catalog::RuleId::AksIdentityLacksNetworkContributor;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_with_the_commands_for_a_system_assigned_identity() {
        let changes = [
            ("/aksClusters/0/networkContributorGranted", json!(false)),
            ("/vnets/0/resourceGroup", json!("net-rg")),
        ];
        let found = assert_fires(AksIdentityLacksNetworkContributor, &changes);
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
        assert_fix_resolves(AksIdentityLacksNetworkContributor, &changes);
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
        assert_eq!(shell_word("ml-rg"), "ml-rg");
        assert_eq!(shell_word("rg (prod)"), "'rg (prod)'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
