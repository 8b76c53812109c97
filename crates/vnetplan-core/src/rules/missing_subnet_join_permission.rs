use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::rules::shared::{first_appearances, first_few, joined_subnets};
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The user who deploys the plan must hold Microsoft.Network/virtualNetworks/subnets/join/action \
         on every subnet where the plan places an AKS node pool, an ACI deployment or the workspace \
         private endpoint; the plan records this as permissions.subnetJoin. A plan that places nothing \
         in a subnet does not need it.",
        "L’utilisateur qui déploie le plan doit disposer de \
         Microsoft.Network/virtualNetworks/subnets/join/action sur chaque sous-réseau où le plan place \
         un pool de nœuds AKS, un déploiement ACI ou le point de terminaison privé de l’espace de \
         travail ; le plan le consigne dans permissions.subnetJoin. Un plan qui ne place rien dans un \
         sous-réseau n’en a pas besoin.",
    ),
    why: text!(
        "Azure authorizes placing a network interface, a node pool or a container group on the subnet \
         itself, separately from the VNet. Azure ML lists the subnet join action among the rights its \
         users need for network isolation (an older version of the page spelled it \
         virtualNetworks/subnet/join/action, an action that does not exist). Without it, Azure Resource \
         Manager rejects the deployment with AuthorizationFailed.",
        "Azure vérifie sur le sous-réseau lui-même, indépendamment du VNet, le droit d’y placer une \
         interface réseau, un pool de nœuds ou un groupe de conteneurs. Azure ML range l’action de \
         jonction au sous-réseau parmi les droits nécessaires à ses utilisateurs pour l’isolement \
         réseau (une ancienne version de la page l’écrivait virtualNetworks/subnet/join/action, une \
         action qui n’existe pas). Sans elle, Azure Resource Manager refuse le déploiement avec \
         AuthorizationFailed.",
    ),
    example: Example(&[("/permissions", r#"{"subnetJoin": false}"#)]),
    fix: text!(
        "Ask an administrator to grant you, on the subnets or their VNet, a role that includes \
         Microsoft.Network/virtualNetworks/subnets/join/action, such as Network Contributor or a custom \
         role, then set permissions.subnetJoin to true. Permissions are granted outside the plan, so \
         there is no automatic fix.",
        "Demandez à un administrateur de vous attribuer, sur les sous-réseaux ou sur leur VNet, un rôle \
         qui comprend Microsoft.Network/virtualNetworks/subnets/join/action, par exemple Network \
         Contributor ou un rôle personnalisé, puis passez permissions.subnetJoin à true. Les \
         autorisations s’accordent hors du plan : il n’y a donc pas de correction automatique.",
    ),
    sources: &[sources::NETWORK_RBAC, sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31],
};

const ACTION: &str = "Microsoft.Network/virtualNetworks/subnets/join/action";

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if plan.permissions.subnet_join() {
        return;
    }
    let subnets: Vec<Message> = first_appearances(joined_subnets(plan))
        .into_iter()
        .map(|(vnet, subnet)| {
            msg!(
                ["'{subnet}' of VNet '{vnet}'", "« {subnet} » du VNet « {vnet} »"],
                subnet = subnet,
                vnet = vnet
            )
        })
        .collect();
    let Some(named) = first_few(&subnets) else { return };
    let message = if subnets.len() == 1 {
        msg!([
            "the planning user lacks {action}, which placing resources in subnet {named} requires",
            "l’utilisateur qui déploie le plan n’a pas {action}, qu’exige le placement de ressources dans le \
             sous-réseau {named}"
        ], action = ACTION)
    } else {
        msg!([
            "the planning user lacks {action}, which placing resources in subnets {named} requires",
            "l’utilisateur qui déploie le plan n’a pas {action}, qu’exige le placement de ressources dans les \
             sous-réseaux {named}"
        ], action = ACTION)
    };
    out.report(message.with_message("named", named), vec![pointer::permissions("subnetJoin")]);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::MissingSubnetJoinPermission;
    use crate::testing::{aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_naming_the_subnets() {
        let changes = aci_with(&[("/permissions", json!({"subnetJoin": false}))]);
        let found = assert_fires(MissingSubnetJoinPermission, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/permissions/subnetJoin"]);
        assert_eq!(
            found[0].message,
            "the planning user lacks Microsoft.Network/virtualNetworks/subnets/join/action, which placing \
             resources in subnets 'aks' of VNet 'ml-vnet', 'aci' of VNet 'ml-vnet' requires"
        );
        assert!(found[0].fix.is_none());
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’utilisateur qui déploie le plan n’a pas Microsoft.Network/virtualNetworks/subnets/join/action, \
             qu’exige le placement de ressources dans les sous-réseaux « aks » du VNet « ml-vnet », \
             « aci » du VNet « ml-vnet »"
        );
    }

    #[test]
    fn names_a_single_subnet_in_the_singular_and_counts_the_rest() {
        let single = [("/permissions", json!({"subnetJoin": false}))];
        let found = assert_fires(MissingSubnetJoinPermission, &single);
        assert!(
            found[0].message.ends_with("in subnet 'aks' of VNet 'ml-vnet' requires"),
            "{}",
            found[0].message
        );
        let mut many = aci_with(&[("/permissions", json!({"subnetJoin": false}))]);
        for name in ["b", "c", "d"] {
            many.push(("/vnets/0/subnets/-", json!({"name": name, "addressPrefix": "10.1.9.0/24"})));
        }
        many.push((
            "/aciDeployments",
            json!([
                {"name": "one", "vnet": "ml-vnet", "subnet": "aci"},
                {"name": "two", "vnet": "ml-vnet", "subnet": "b"},
                {"name": "three", "vnet": "ml-vnet", "subnet": "c"},
                {"name": "four", "vnet": "ml-vnet", "subnet": "d"}
            ]),
        ));
        let found = assert_fires(MissingSubnetJoinPermission, &many);
        assert!(
            found[0].message.ends_with("'b' of VNet 'ml-vnet' and 2 more requires"),
            "{}",
            found[0].message
        );
        assert!(found[0].text.render(Lang::Fr).ends_with("« b » du VNet « ml-vnet » et 2 autres"));
    }

    #[test]
    fn quiet_when_granted_or_nothing_joins_a_subnet() {
        assert_quiet(MissingSubnetJoinPermission, &[]);
        assert_quiet(MissingSubnetJoinPermission, &[("/permissions", json!({"vnetJoin": false}))]);
        assert_quiet(
            MissingSubnetJoinPermission,
            &[("/aksClusters", json!([])), ("/permissions", json!({"subnetJoin": false}))],
        );
    }
}
