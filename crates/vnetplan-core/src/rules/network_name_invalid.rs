use std::ops::RangeInclusive;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::names::{is_expression, subnet_azure_name, vnet_azure_name};
use crate::pointer;
use crate::text::Message;

/// The Microsoft.Network rows of Resource Manager's naming table, and its definition of
/// "alphanumeric" as the ASCII letters and digits alone.
const RESOURCE_NAME_RULES: Source = Source {
    title: "Naming rules and restrictions for Azure resources (Microsoft.Network: virtualNetworks and \
            virtualnetworks / subnets)",
    location: "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules",
    date: "2025-08-04",
};

const VNET_LENGTH: RangeInclusive<usize> = 2..=64;
const SUBNET_LENGTH: RangeInclusive<usize> = 1..=80;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A VNet name must have 2 to 64 characters and a subnet name 1 to 80. Both may hold only ASCII \
         letters, digits, underscores, periods and hyphens, must start with a letter or a digit, and must \
         end with a letter, a digit or an underscore. Letters outside ASCII, such as é, count as \
         characters that are not allowed: the naming rules define an alphanumeric as a to z, A to Z or \
         0 to 9. The tags the import adds to tell names apart are the plan's own and stay out of the \
         check, as they stay out of every template and script vnetplan writes: on a VNet, \
         everything from the first \" (\" on, such as \" (rg-b)\" in \"ml-vnet (rg-b)\"; on a subnet, \
         a trailing \" [prefix N]\". A name that is still a template expression, such as \
         [parameters('vnetName')], is only known once deployed and is not judged.",
        "Un nom de VNet doit compter de 2 à 64 caractères, un nom de sous-réseau de 1 à 80. L’un comme \
         l’autre ne peut contenir que des lettres ASCII, des chiffres, des tirets bas, des points et des \
         tirets, doit commencer par une lettre ou un chiffre et finir par une lettre, un chiffre ou un \
         tiret bas. Les lettres hors ASCII, comme é, comptent parmi les caractères refusés : les règles \
         de nommage définissent un caractère alphanumérique comme a à z, A à Z ou 0 à 9. Les marques \
         que l’import ajoute pour distinguer des noms appartiennent au plan et restent hors de la \
         vérification, comme elles restent hors de tout modèle et script écrit par vnetplan : sur un \
         VNet, tout à partir du premier « ( » précédé d’une espace, comme « (rg-b) » dans \
         « ml-vnet (rg-b) » ; sur un sous-réseau, un « [prefix N] » final. Un nom qui reste une \
         expression de modèle, comme [parameters('vnetName')], n’est connu qu’au déploiement et n’est \
         pas jugé."
    ),
    why: text!(
        "Azure Resource Manager checks these names when the VNet or the subnet is created, and refuses \
         the request: the deployment stops before the network exists, so no cluster, container group or \
         private endpoint planned in it can follow. A plan with such a name describes a network that \
         cannot be built.",
        "Azure Resource Manager vérifie ces noms à la création du VNet ou du sous-réseau et refuse la \
         requête : le déploiement s’arrête avant que le réseau existe, et aucun cluster, groupe de \
         conteneurs ou point de terminaison privé prévu dedans ne peut suivre. Un plan qui porte un tel \
         nom décrit un réseau impossible à construire."
    ),
    example: Example(&[(
        "/vnets/0/subnets/-",
        r#"{"name": "private endpoints", "addressPrefix": "10.1.9.0/24"}"#,
    )]),
    fix: text!(
        "Rename the VNet or the subnet within those limits, for example by turning spaces into hyphens \
         and removing a trailing period or hyphen, then update every cluster, deployment, private \
         endpoint and peering that names it. No fix is proposed automatically, since a rename must reach \
         every one of those references and any template written from the plan.",
        "Renommez le VNet ou le sous-réseau dans ces limites, par exemple en changeant les espaces en \
         tirets et en ôtant un point ou un tiret final, puis mettez à jour chaque cluster, déploiement, \
         point de terminaison privé et appairage qui le nomme. Aucune correction n’est proposée \
         automatiquement : un renommage doit atteindre chacune de ces références et tout modèle écrit à \
         partir du plan."
    ),
    sources: &[RESOURCE_NAME_RULES],
};

/// Why Resource Manager refuses `name` under a length limit of `length`, or `None` when it
/// accepts it.
fn fault(name: &str, length: &RangeInclusive<usize>) -> Option<Message> {
    let count = name.chars().count();
    if !length.contains(&count) {
        return Some(msg!(
            [
                "its length is {count}, where {min} to {max} characters are allowed",
                "sa longueur est de {count}, alors que {min} à {max} caractères sont admis"
            ],
            count = count,
            min = length.start(),
            max = length.end(),
        ));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))) {
        return Some(msg!(
            [
                "it contains '{bad}', which is neither an ASCII letter, a digit, an underscore, a period \
                 nor a hyphen",
                "il contient « {bad} », qui n’est ni une lettre ASCII, ni un chiffre, ni un tiret bas, ni \
                 un point, ni un tiret"
            ],
            bad = bad,
        ));
    }
    if let Some(first) = name.chars().next().filter(|c| !c.is_ascii_alphanumeric()) {
        return Some(msg!(
            [
                "it starts with '{first}' instead of a letter or a digit",
                "il commence par « {first} » au lieu d’une lettre ou d’un chiffre"
            ],
            first = first,
        ));
    }
    if let Some(last) = name.chars().next_back().filter(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        return Some(msg!(
            [
                "it ends with '{last}' instead of a letter, a digit or an underscore",
                "il finit par « {last} » au lieu d’une lettre, d’un chiffre ou d’un tiret bas"
            ],
            last = last,
        ));
    }
    None
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, vnet) in context.plan.vnets.iter().enumerate() {
        let vnet_name = vnet_azure_name(&vnet.name);
        // A template's unresolved name is only known once deployed, and Azure judges it then.
        if let Some(reason) = fault(vnet_name, &VNET_LENGTH).filter(|_| !is_expression(vnet_name)) {
            let message = msg!(
                [
                    "VNet name '{name}' is refused by Azure: {reason}. A VNet name has 2 to 64 ASCII \
                     letters, digits, underscores, periods and hyphens, starts with a letter or a digit \
                     and ends with a letter, a digit or an underscore",
                    "le nom de VNet « {name} » est refusé par Azure : {reason}. Un nom de VNet compte de 2 \
                     à 64 lettres ASCII, chiffres, tirets bas, points et tirets, commence par une lettre ou \
                     un chiffre et finit par une lettre, un chiffre ou un tiret bas"
                ],
                name = vnet_name,
            )
            .with_message("reason", reason);
            out.report(message, vec![pointer::vnet(v, "name")]);
        }
        for (s, subnet) in vnet.subnets.iter().enumerate() {
            let subnet_name = subnet_azure_name(&subnet.name);
            // The subnet that keeps the first prefix carries the name, and answers for it.
            if subnet_name.len() != subnet.name.len() && context.subnet_named(v, subnet_name).is_some() {
                continue;
            }
            let Some(reason) = fault(subnet_name, &SUBNET_LENGTH).filter(|_| !is_expression(subnet_name))
            else {
                continue;
            };
            let message = msg!(
                [
                    "subnet name '{name}' of VNet '{vnet}' is refused by Azure: {reason}. A subnet name \
                     has 1 to 80 ASCII letters, digits, underscores, periods and hyphens, starts with a \
                     letter or a digit and ends with a letter, a digit or an underscore",
                    "le nom de sous-réseau « {name} » du VNet « {vnet} » est refusé par Azure : {reason}. \
                     Un nom de sous-réseau compte de 1 à 80 lettres ASCII, chiffres, tirets bas, points et \
                     tirets, commence par une lettre ou un chiffre et finit par une lettre, un chiffre ou \
                     un tiret bas"
                ],
                name = subnet_name,
                vnet = &vnet.name,
            )
            .with_message("reason", reason);
            out.report(message, vec![pointer::subnet(v, s, "name")]);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::NetworkNameInvalid;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    /// The reference plan with its VNet renamed, and the cluster following it.
    fn vnet_named(name: &str) -> [(&'static str, serde_json::Value); 2] {
        [("/vnets/0/name", json!(name)), ("/aksClusters/0/vnet", json!(name))]
    }

    /// The reference plan with a second subnet named `name`.
    fn extra_subnet(name: &str) -> [(&'static str, serde_json::Value); 1] {
        [("/vnets/0/subnets/-", json!({"name": name, "addressPrefix": "10.1.9.0/24"}))]
    }

    #[test]
    fn fires_on_a_vnet_name_with_the_full_message() {
        let found = assert_fires(NetworkNameInvalid, &vnet_named("ml-vnet."));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/vnets/0/name"]);
        assert_eq!(
            found[0].message,
            "VNet name 'ml-vnet.' is refused by Azure: it ends with '.' instead of a letter, a digit or an \
             underscore. A VNet name has 2 to 64 ASCII letters, digits, underscores, periods and hyphens, \
             starts with a letter or a digit and ends with a letter, a digit or an underscore"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le nom de VNet « ml-vnet. » est refusé par Azure : il finit par « . » au lieu d’une lettre, \
             d’un chiffre ou d’un tiret bas. Un nom de VNet compte de 2 à 64 lettres ASCII, chiffres, \
             tirets bas, points et tirets, commence par une lettre ou un chiffre et finit par une lettre, \
             un chiffre ou un tiret bas"
        );
    }

    #[test]
    fn fires_on_a_subnet_name_with_the_full_message() {
        let found = assert_fires(NetworkNameInvalid, &extra_subnet("private endpoints"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/name"]);
        assert_eq!(
            found[0].message,
            "subnet name 'private endpoints' of VNet 'ml-vnet' is refused by Azure: it contains ' ', which \
             is neither an ASCII letter, a digit, an underscore, a period nor a hyphen. A subnet name has 1 \
             to 80 ASCII letters, digits, underscores, periods and hyphens, starts with a letter or a digit \
             and ends with a letter, a digit or an underscore"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le nom de sous-réseau « private endpoints » du VNet « ml-vnet » est refusé par Azure : il \
             contient «   », qui n’est ni une lettre ASCII, ni un chiffre, ni un tiret bas, ni un point, ni \
             un tiret. Un nom de sous-réseau compte de 1 à 80 lettres ASCII, chiffres, tirets bas, points \
             et tirets, commence par une lettre ou un chiffre et finit par une lettre, un chiffre ou un \
             tiret bas"
        );
    }

    #[test]
    fn fires_for_each_kind_of_fault() {
        let (long_vnet, long_subnet) = ("v".repeat(65), "s".repeat(81));
        let vnet_cases = [
            ("v", "its length is 1, where 2 to 64 characters are allowed"),
            (long_vnet.as_str(), "its length is 65, where 2 to 64 characters are allowed"),
            ("réseau", "it contains 'é', which is neither"),
            ("_vnet", "it starts with '_' instead of a letter or a digit"),
            ("vnet-", "it ends with '-' instead of a letter, a digit or an underscore"),
        ];
        for (name, reason) in vnet_cases {
            let found = assert_fires(NetworkNameInvalid, &vnet_named(name));
            assert!(found[0].message.contains(&format!("Azure: {reason}")), "{name}: {}", found[0].message);
        }
        let subnet_cases = [
            ("", "its length is 0, where 1 to 80 characters are allowed"),
            (long_subnet.as_str(), "its length is 81, where 1 to 80 characters are allowed"),
            ("pe/1", "it contains '/', which is neither"),
            (".pe", "it starts with '.' instead of a letter or a digit"),
        ];
        for (name, reason) in subnet_cases {
            let found = assert_fires(NetworkNameInvalid, &extra_subnet(name));
            assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/name"]);
            assert!(found[0].message.contains(&format!("Azure: {reason}")), "{name:?}: {}", found[0].message);
        }
    }

    #[test]
    fn the_import_tags_are_left_out_of_the_names_azure_sees() {
        assert_quiet(NetworkNameInvalid, &vnet_named("ml-vnet (rg-b, 0000-sub)"));
        assert_quiet(NetworkNameInvalid, &vnet_named("ml-vnet (template)"));
        assert_quiet(NetworkNameInvalid, &extra_subnet("aks [prefix 2]"));
        let found = assert_fires(NetworkNameInvalid, &vnet_named("ml vnet (rg-b)"));
        assert!(found[0].message.starts_with("VNet name 'ml vnet' is refused by Azure: it contains ' '"));
        // Without the subnet that keeps the first prefix, the further one answers for the name.
        let found = assert_fires(NetworkNameInvalid, &extra_subnet("pe- [prefix 2]"));
        assert!(found[0].message.starts_with("subnet name 'pe-' of VNet 'ml-vnet' is refused"));
        let mut two = extra_subnet("pe-").to_vec();
        two.push(("/vnets/0/subnets/-", json!({"name": "pe- [prefix 2]", "addressPrefix": "10.1.10.0/24"})));
        let found = assert_fires(NetworkNameInvalid, &two);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/vnets/0/subnets/1/name"]);
        // A bracket of another kind is part of the name Azure sees.
        assert_fires(NetworkNameInvalid, &extra_subnet("aks [2]"));
    }

    #[test]
    fn a_resource_group_with_parentheses_stays_inside_the_tag() {
        assert_quiet(NetworkNameInvalid, &vnet_named("ml-vnet (rg(prod))"));
        assert_quiet(NetworkNameInvalid, &vnet_named("ml-vnet (rg (prod), 0000-sub)"));
        let found = assert_fires(NetworkNameInvalid, &vnet_named("ml-vnet- (rg(prod))"));
        assert!(found[0].message.starts_with("VNet name 'ml-vnet-' is refused by Azure: it ends with '-'"));
    }

    #[test]
    fn quiet_for_names_a_template_has_yet_to_resolve() {
        assert_quiet(NetworkNameInvalid, &vnet_named("[parameters('vnetName')]"));
        assert_quiet(NetworkNameInvalid, &vnet_named("[parameters('vnetName')] (document 2)"));
        assert_quiet(NetworkNameInvalid, &extra_subnet("[variables('subnets')[0].name]"));
        assert_quiet(NetworkNameInvalid, &extra_subnet("[parameters('pe')] [prefix 2]"));
        // A doubled bracket is a literal one, which Azure refuses in a name.
        assert_fires(NetworkNameInvalid, &vnet_named("[[ml-vnet]"));
    }

    #[test]
    fn quiet_for_names_at_the_limits_and_with_every_allowed_character() {
        let long_vnet = format!("v{}", "n".repeat(63));
        for name in ["v1", long_vnet.as_str(), "ml.vnet-01_", "ML_VNET_"] {
            assert_quiet(NetworkNameInvalid, &vnet_named(name));
        }
        let long_subnet = format!("s{}", "n".repeat(79));
        for name in ["a", "7", long_subnet.as_str(), "pe.subnet-01_", "snet_"] {
            assert_quiet(NetworkNameInvalid, &extra_subnet(name));
        }
    }
}
