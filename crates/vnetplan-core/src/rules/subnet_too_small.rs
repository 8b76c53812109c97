use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Every IPv4 subnet must be at least a /29: a prefix length of 30, 31 or 32 is too long. IPv6 \
         subnets are not checked here.",
        "Tout sous-réseau IPv4 doit être au moins un /29 : une longueur de préfixe de 30, 31 ou 32 est \
         trop grande. Les sous-réseaux IPv6 ne sont pas vérifiés ici."
    ),
    why: text!(
        "Azure keeps five addresses of every subnet for itself (the first four and the last), and a /29 \
         is the smallest IPv4 subnet it lets you create. A /30 would leave nothing for any resource, so \
         Azure refuses it outright.",
        "Azure garde pour lui cinq adresses de chaque sous-réseau (les quatre premières et la dernière), \
         et un /29 est le plus petit sous-réseau IPv4 qu’il permet de créer. Un /30 ne laisserait rien à \
         aucune ressource : Azure le refuse d’emblée."
    ),
    example: Example(&[("/vnets/0/subnets/-", r#"{"name": "tiny", "addressPrefix": "10.1.8.0/30"}"#)]),
    fix: text!(
        "Give the subnet a prefix length of 29 or less, sized for what it will hold; an AKS node subnet \
         or an ACI subnet needs far more than a /29.",
        "Donnez au sous-réseau une longueur de préfixe de 29 ou moins, dimensionnée pour ce qu’il \
         accueillera ; un sous-réseau de nœuds AKS ou un sous-réseau ACI a besoin de bien plus qu’un /29."
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        for (s, net) in facts.subnets.iter().enumerate() {
            let Some(net) = net else { continue };
            if net.prefix_len() <= 29 {
                continue;
            }
            out.report(
                msg!(
                    [
                        "subnet '{subnet}' ({net}) of VNet '{vnet}' is a /{length}, smaller than the /29 \
                         Azure requires",
                        "le sous-réseau « {subnet} » ({net}) du VNet « {vnet} » est un /{length}, plus petit \
                         que le /29 exigé par Azure"
                    ],
                    subnet = context.subnet_name(v, s),
                    net = net,
                    vnet = context.vnet_name(v),
                    length = net.prefix_len(),
                ),
                vec![pointer::subnet_prefix(v, s)],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::SubnetTooSmall;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_prefixes_longer_than_29() {
        for len in [30, 31, 32] {
            let subnet = json!({"name": "tiny", "addressPrefix": format!("10.1.8.0/{len}")});
            let found = assert_fires(SubnetTooSmall, &[("/vnets/0/subnets/-", subnet)]);
            let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
            assert_eq!(subjects, [["/vnets/0/subnets/1/addressPrefix"]]);
        }
        let found = assert_fires(
            SubnetTooSmall,
            &[("/vnets/0/subnets/-", json!({"name": "tiny", "addressPrefix": "10.1.8.0/30"}))],
        );
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some(
                "subnet 'tiny' (10.1.8.0/30) of VNet 'ml-vnet' is a /30, smaller than the /29 Azure requires"
            )
        );
        assert_eq!(
            found.first().map(|f| f.text.render(Lang::Fr)).as_deref(),
            Some(
                "le sous-réseau « tiny » (10.1.8.0/30) du VNet « ml-vnet » est un /30, plus petit que le /29 \
                 exigé par Azure"
            )
        );
    }

    #[test]
    fn quiet_on_small_ipv6_subnets() {
        // The /29 floor is an IPv4 rule: a dual-stack subnet's IPv6 prefix is usually a /64, and
        // even a /127 must not be read against it.
        let changes = [
            ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
            ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:10::/127"})),
        ];
        assert_quiet(SubnetTooSmall, &changes);
    }

    #[test]
    fn quiet_at_29_and_larger() {
        assert_quiet(SubnetTooSmall, &[]);
        assert_quiet(
            SubnetTooSmall,
            &[("/vnets/0/subnets/-", json!({"name": "small", "addressPrefix": "10.1.8.0/29"}))],
        );
    }
}
