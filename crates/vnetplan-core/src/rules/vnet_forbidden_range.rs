use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::{Range, VNET_FORBIDDEN};
use crate::pointer;
use crate::sources;
use crate::text::Text;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "No IPv4 address prefix of a VNet may take an address of the ranges Azure keeps out of every \
         virtual network: multicast 224.0.0.0/4, broadcast 255.255.255.255/32, loopback 127.0.0.0/8, \
         link-local 169.254.0.0/16 and the platform address 168.63.129.16/32.",
        "Aucun préfixe d’adresse IPv4 d’un VNet ne peut prendre une adresse des plages qu’Azure exclut de \
         tout réseau virtuel : multidiffusion 224.0.0.0/4, diffusion 255.255.255.255/32, bouclage \
         127.0.0.0/8, liaison locale 169.254.0.0/16 et l’adresse de plateforme 168.63.129.16/32."
    ),
    why: text!(
        "Azure refuses a VNet address space that touches these ranges: multicast, broadcast, loopback and \
         link-local addresses have no place in a VNet, and 168.63.129.16 is the virtual IP through which \
         every VM reaches Azure DNS, DHCP and the health probes.",
        "Azure refuse un espace d’adresses de VNet qui touche ces plages : les adresses de \
         multidiffusion, de diffusion, de bouclage et de liaison locale n’ont pas leur place dans un VNet, \
         et 168.63.129.16 est l’IP virtuelle par laquelle chaque VM joint le DNS d’Azure, le DHCP et les \
         sondes d’intégrité."
    ),
    example: Example(&[("/vnets/0/addressPrefixes/-", r#""168.63.0.0/16""#)]),
    fix: text!(
        "Use private address space for the VNet, such as a block of 10.0.0.0/8, 172.16.0.0/12 or \
         192.168.0.0/16 that no other network of yours uses.",
        "Utilisez de l’espace d’adresses privé pour le VNet, par exemple un bloc de 10.0.0.0/8, \
         172.16.0.0/12 ou 192.168.0.0/16 qu’aucun autre de vos réseaux n’utilise."
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12],
};

/// What each entry of [`VNET_FORBIDDEN`] is, in the same order.
const PURPOSES: [Text; 5] = [
    text!("multicast", "multidiffusion"),
    text!("broadcast", "diffusion"),
    text!("loopback", "bouclage"),
    text!("link-local", "liaison locale"),
    text!("Azure's platform address", "adresse de plateforme d’Azure"),
];

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        for (p, net) in facts.prefixes.iter().enumerate() {
            let Some(net) = net else { continue };
            let range = Range::of(*net);
            for (forbidden, purpose) in VNET_FORBIDDEN.iter().zip(PURPOSES) {
                if !range.overlaps(*forbidden) {
                    continue;
                }
                out.report(
                    msg!(
                        [
                            "address prefix {net} of VNet '{vnet}' overlaps {forbidden} ({purpose}), which \
                             Azure does not allow in a VNet",
                            "le préfixe d’adresses {net} du VNet « {vnet} » chevauche {forbidden} ({purpose}), \
                             qu’Azure n’autorise dans aucun VNet"
                        ],
                        net = net,
                        vnet = context.vnet_name(v),
                        forbidden = forbidden,
                    )
                    .with_message("purpose", purpose.message()),
                    vec![pointer::vnet_prefix(v, p)],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::VnetForbiddenRange;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_once_per_forbidden_range_touched() {
        let found =
            assert_fires(VnetForbiddenRange, &[("/vnets/0/addressPrefixes/-", json!("168.63.0.0/16"))]);
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/vnets/0/addressPrefixes/1"]);
        assert_eq!(
            finding.message,
            "address prefix 168.63.0.0/16 of VNet 'ml-vnet' overlaps 168.63.129.16 (Azure's platform \
             address), which Azure does not allow in a VNet"
        );
        assert_eq!(
            finding.text.render(Lang::Fr),
            "le préfixe d’adresses 168.63.0.0/16 du VNet « ml-vnet » chevauche 168.63.129.16 (adresse de \
             plateforme d’Azure), qu’Azure n’autorise dans aucun VNet"
        );
        let everything =
            assert_fires(VnetForbiddenRange, &[("/vnets/0/addressPrefixes/0", json!("0.0.0.0/0"))]);
        assert_eq!(everything.len(), 5);
    }

    #[test]
    fn fires_on_a_prefix_inside_loopback() {
        let found =
            assert_fires(VnetForbiddenRange, &[("/vnets/0/addressPrefixes/0", json!("127.1.0.0/16"))]);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["address prefix 127.1.0.0/16 of VNet 'ml-vnet' overlaps 127.0.0.0/8 (loopback), which Azure \
              does not allow in a VNet"]
        );
    }

    #[test]
    fn quiet_on_ipv6_prefixes() {
        // IPv6 has its own multicast, loopback and link-local blocks; the rule lists IPv4 ones only.
        for prefix in ["ff00::/8", "::1/128", "fe80::/10", "::/0"] {
            assert_quiet(VnetForbiddenRange, &[("/vnets/0/addressPrefixes/-", json!(prefix))]);
        }
    }

    #[test]
    fn quiet_on_private_space_and_neighbours() {
        assert_quiet(VnetForbiddenRange, &[]);
        assert_quiet(VnetForbiddenRange, &[("/vnets/0/addressPrefixes/-", json!("168.63.128.0/24"))]);
        assert_quiet(VnetForbiddenRange, &[("/vnets/0/addressPrefixes/-", json!("169.255.0.0/16"))]);
    }
}
