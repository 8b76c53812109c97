use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The subnet of an ACI deployment should be a /28 or larger, that is, have a prefix length of 28 \
         or less.",
        "Le sous-réseau d’un déploiement ACI devrait être un /28 ou plus grand, c’est-à-dire avoir une \
         longueur de préfixe de 28 au plus."
    ),
    why: text!(
        "Azure keeps five addresses of every subnet, so a /29 leaves three for container groups. The \
         Container Instances guidance is to go one size above /29, so that each container group keeps \
         spare addresses, for example while it is redeployed.",
        "Azure réserve cinq adresses dans chaque sous-réseau : un /29 n’en laisse donc que trois aux \
         groupes de conteneurs. Container Instances conseille de prendre une taille au-dessus du /29, \
         pour que chaque groupe de conteneurs garde des adresses de réserve, par exemple pendant un \
         redéploiement."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/29", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        ("/aciDeployments", r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci"}]"#),
    ]),
    fix: text!(
        "Give the ACI subnet a /28 or a shorter prefix, for example 10.1.8.0/28 or 10.1.8.0/24, taken \
         from free space of the VNet so that it overlaps no other subnet.",
        "Donnez au sous-réseau ACI un /28 ou un préfixe plus court, par exemple 10.1.8.0/28 ou \
         10.1.8.0/24, pris dans l’espace libre du VNet afin qu’il ne chevauche aucun autre sous-réseau."
    ),
    sources: &[sources::CONTAINER_INSTANCES_VNET, sources::VIRTUAL_NETWORKS_FAQ_2019_02_12],
};

/// The longest prefix the Container Instances guidance recommends.
const LONGEST_PREFIX: u8 = 28;

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, (deployment, placement)) in context.plan.aci_deployments.iter().zip(&context.aci).enumerate()
    {
        let (Some(vnet), Some(subnet)) = (placement.vnet, placement.subnet) else { continue };
        let Some(net) = context.subnet_net(vnet, subnet) else { continue };
        if net.prefix_len() <= LONGEST_PREFIX {
            continue;
        }
        let message = msg!(
            [
                "subnet '{subnet}' ({net}) of VNet '{vnet}' for ACI deployment '{deployment}' is smaller \
                 than /{longest}",
                "le sous-réseau « {subnet} » ({net}) du VNet « {vnet} », destiné au déploiement ACI \
                 « {deployment} », est plus petit qu’un /{longest}"
            ],
            subnet = context.subnet_name(vnet, subnet),
            net = net,
            vnet = context.vnet_name(vnet),
            deployment = &deployment.name,
            longest = LONGEST_PREFIX,
        );
        out.report(message, vec![pointer::subnet_prefix(vnet, subnet), pointer::aci(index, "subnet")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::AciSubnetSmall;
    use crate::testing::{aci, aci_with, assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_29() {
        let found = assert_fires(
            AciSubnetSmall,
            &aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/29"))]),
        );
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/addressPrefix", "/aciDeployments/0/subnet"]);
        assert_eq!(
            found[0].message,
            "subnet 'aci' (10.1.8.0/29) of VNet 'ml-vnet' for ACI deployment 'scoring-aci' is smaller \
             than /28"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le sous-réseau « aci » (10.1.8.0/29) du VNet « ml-vnet », destiné au déploiement ACI \
             « scoring-aci », est plus petit qu’un /28"
        );
    }

    #[test]
    fn quiet_from_28_up_and_on_unparsable_prefixes() {
        assert_quiet(AciSubnetSmall, &aci());
        assert_quiet(
            AciSubnetSmall,
            &aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/28"))]),
        );
        assert_quiet(
            AciSubnetSmall,
            &aci_with(&[("/vnets/0/subnets/1/addressPrefix", json!("10.1.8.0/33"))]),
        );
    }
}
