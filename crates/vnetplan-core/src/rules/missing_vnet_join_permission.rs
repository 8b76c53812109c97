use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::rules::shared::{first_appearances, first_few, joined_subnets};
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The user who deploys the plan must hold Microsoft.Network/virtualNetworks/join/action on every \
         VNet where the plan places an AKS cluster, an ACI deployment or the workspace private \
         endpoint; the plan records this as permissions.vnetJoin. Only an explicit false is reported: a \
         plan that leaves the field out, or places nothing in a VNet, gets no finding.",
        "L’utilisateur qui déploie le plan doit disposer de \
         Microsoft.Network/virtualNetworks/join/action sur chaque VNet où le plan place un cluster AKS, \
         un déploiement ACI ou le point de terminaison privé de l’espace de travail ; le plan le \
         consigne dans permissions.vnetJoin. Seul un false explicite est signalé : un plan qui omet le \
         champ, ou qui ne place rien dans un VNet, ne reçoit aucun constat.",
    ),
    why: text!(
        "Attaching anything to an existing virtual network is authorized on the VNet itself. Azure ML \
         lists the VNet join action among the rights its users need for network isolation; without it, \
         Azure Resource Manager answers AuthorizationFailed and the cluster, container group or private \
         endpoint is not created. Built-in roles such as Network Contributor include it; Reader and \
         many custom roles do not.",
        "Rattacher quoi que ce soit à un réseau virtuel existant est une autorisation vérifiée sur le \
         VNet lui-même. Azure ML range l’action de jonction au VNet parmi les droits nécessaires à ses \
         utilisateurs pour l’isolement réseau ; sans elle, Azure Resource Manager répond \
         AuthorizationFailed et le cluster, le groupe de conteneurs ou le point de terminaison privé \
         n’est pas créé. Des rôles intégrés comme Network Contributor la comprennent ; Reader et bien \
         des rôles personnalisés, non.",
    ),
    example: Example(&[("/permissions", r#"{"vnetJoin": false}"#)]),
    fix: text!(
        "Ask an administrator of the VNet to grant you a role that includes \
         Microsoft.Network/virtualNetworks/join/action on it, for example Network Contributor or a \
         custom role with that action, then set permissions.vnetJoin to true. The tool cannot grant \
         permissions, so there is no automatic fix.",
        "Demandez à un administrateur du VNet de vous y attribuer un rôle qui comprend \
         Microsoft.Network/virtualNetworks/join/action, par exemple Network Contributor ou un rôle \
         personnalisé doté de cette action, puis passez permissions.vnetJoin à true. L’outil ne peut \
         pas accorder d’autorisations : il n’y a donc pas de correction automatique.",
    ),
    sources: &[sources::NETWORK_RBAC, sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31],
};

const ACTION: &str = "Microsoft.Network/virtualNetworks/join/action";

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if plan.permissions.vnet_join() {
        return;
    }
    let vnets: Vec<Message> = first_appearances(joined_subnets(plan).map(|(vnet, _)| vnet))
        .into_iter()
        .map(|name| msg!(["'{name}'", "« {name} »"], name = name))
        .collect();
    let Some(named) = first_few(&vnets) else { return };
    let message = if vnets.len() == 1 {
        msg!([
            "the planning user lacks {action}, which placing resources in VNet {named} requires",
            "l’utilisateur qui déploie le plan n’a pas {action}, qu’exige le placement de ressources dans le \
             VNet {named}"
        ], action = ACTION)
    } else {
        msg!([
            "the planning user lacks {action}, which placing resources in VNets {named} requires",
            "l’utilisateur qui déploie le plan n’a pas {action}, qu’exige le placement de ressources dans les \
             VNet {named}"
        ], action = ACTION)
    };
    out.report(message.with_message("named", named), vec![pointer::permissions("vnetJoin")]);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::MissingVnetJoinPermission;
    use crate::testing::{aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_a_cluster_needs_the_vnet() {
        let found = assert_fires(MissingVnetJoinPermission, &[("/permissions", json!({"vnetJoin": false}))]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/permissions/vnetJoin"]);
        assert_eq!(
            found[0].message,
            "the planning user lacks Microsoft.Network/virtualNetworks/join/action, which placing resources \
             in VNet 'ml-vnet' requires"
        );
        assert!(found[0].fix.is_none());
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’utilisateur qui déploie le plan n’a pas Microsoft.Network/virtualNetworks/join/action, qu’exige \
             le placement de ressources dans le VNet « ml-vnet »"
        );
    }

    #[test]
    fn fires_for_aci_or_a_private_endpoint_alone() {
        let changes = aci_with(&[("/aksClusters", json!([])), ("/permissions", json!({"vnetJoin": false}))]);
        assert_fires(MissingVnetJoinPermission, &changes);
        let endpoint = [
            ("/aksClusters", json!([])),
            ("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"})),
            ("/permissions", json!({"vnetJoin": false})),
        ];
        assert_fires(MissingVnetJoinPermission, &endpoint);
    }

    #[test]
    fn quiet_when_granted_or_nothing_joins_a_vnet() {
        assert_quiet(MissingVnetJoinPermission, &[]);
        assert_quiet(MissingVnetJoinPermission, &[("/permissions", json!({"subnetJoin": false}))]);
        assert_quiet(
            MissingVnetJoinPermission,
            &[("/aksClusters", json!([])), ("/permissions", json!({"vnetJoin": false}))],
        );
    }
}
