use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::{parse_cidr, parse_prefix, ValueError};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Every CIDR field must parse. A cluster's ranges (serviceCidr, podCidr, dockerBridgeCidr) \
         take an IPv4 block a.b.c.d/n: four decimal octets from 0 to 255 without leading zeros, a \
         prefix length from 0 to 32, and nothing around it. VNet, subnet and external prefixes take \
         such a block or an IPv6 prefix in RFC 5952 or RFC 4291 text form, and so do the entries of a \
         cluster's apiServerAuthorizedIpRanges.",
        "Chaque champ CIDR doit être lisible. Les plages d’un cluster (serviceCidr, podCidr, \
         dockerBridgeCidr) prennent un bloc IPv4 a.b.c.d/n : quatre octets décimaux de 0 à 255 sans \
         zéro initial, une longueur de préfixe de 0 à 32, et rien autour. Les préfixes de VNet, de \
         sous-réseau et de plage externe acceptent un tel bloc ou un préfixe IPv6 sous forme texte \
         RFC 5952 ou RFC 4291, tout comme les entrées de apiServerAuthorizedIpRanges d’un cluster."
    ),
    why: text!(
        "Azure, the AKS resource provider and the Azure ML SDK refuse a value they cannot parse, \
         often only after minutes of provisioning. Some tools read a leading zero as octal, so \
         010.1.0.0 is 8.1.0.0 to one tool and 10.1.0.0 to another. A well-formed IPv6 value in a \
         cluster field is reported by ipv6-not-supported instead.",
        "Azure, le fournisseur de ressources AKS et le SDK Azure ML refusent une valeur qu’ils ne \
         savent pas lire, souvent après plusieurs minutes de provisionnement. Certains outils lisent \
         un zéro initial comme de l’octal : 010.1.0.0 vaut 8.1.0.0 pour l’un et 10.1.0.0 pour \
         l’autre. Une valeur IPv6 bien formée dans un champ de cluster relève plutôt \
         d’ipv6-not-supported."
    ),
    example: Example(&[("/aksClusters/0/serviceCidr", r#""10.2.0.0""#)]),
    fix: text!(
        "Write the block in plain form with its prefix length, for example 10.1.0.0/16. The message \
         says which part of the value is wrong.",
        "Écrivez le bloc sous sa forme simple, avec sa longueur de préfixe, par exemple 10.1.0.0/16. \
         Le message indique quelle partie de la valeur est fautive."
    ),
    sources: &[sources::AKS_NETWORKING_CONFIGURATION, sources::ERRORS],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    // Only text the context could not read is parsed again, to learn why.
    // 1.1: VNet, subnet and external prefixes may be IPv6; an unreadable IPv6 prefix there is
    // invalid, while an IPv6 value in a Kubernetes field is ipv6-not-supported.
    for field in context.cidr_fields().iter().filter(|field| field.net.is_none() && field.net6.is_none()) {
        let read = if field.takes_ipv6() {
            parse_prefix(field.text).map(|_| ())
        } else {
            parse_cidr(field.text).map(|_| ())
        };
        match read {
            Ok(()) | Err(ValueError::Ipv6) => {}
            Err(error) => {
                // Quoted as Rust would, so stray spaces and invisible characters show.
                let text = format!("{:?}", field.text);
                if is_template_expression(field.text) {
                    // What an import could not resolve: not a typo, a value still to be supplied.
                    out.report(
                        msg!(
                            [
                                "{field} is an ARM template expression that vnetplan could not resolve \
                                 ({text}): give the parameter a default value or write the address \
                                 range it stands for",
                                "{field} est une expression de modèle ARM que vnetplan n’a pas pu \
                                 résoudre ({text}) : donnez une valeur par défaut au paramètre ou écrivez \
                                 la plage d’adresses qu’elle représente"
                            ],
                            text = text
                        )
                        .with_message("field", field.label(context.plan)),
                        vec![field.pointer()],
                    );
                    continue;
                }
                let message = if field.takes_ipv6() {
                    msg!(
                        [
                            "{field} is not a valid IPv4 or IPv6 prefix ({text}): {error}",
                            "{field} n’est pas un préfixe IPv4 ou IPv6 valide ({text}) : {error}"
                        ],
                        text = text
                    )
                } else {
                    msg!(
                        [
                            "{field} is not a valid IPv4 CIDR ({text}): {error}",
                            "{field} n’est pas un CIDR IPv4 valide ({text}) : {error}"
                        ],
                        text = text
                    )
                };
                out.report(
                    message
                        .with_message("field", field.label(context.plan))
                        .with_message("error", error.message()),
                    vec![field.pointer()],
                );
            }
        }
    }
    report_authorized_ranges(context, out);
}

/// An authorized range that does not parse makes AKS refuse the whole cluster update. Either
/// family is accepted here: which one the API server admits is not this rule's question.
fn report_authorized_ranges(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (c, cluster) in context.plan.aks_clusters.iter().enumerate() {
        for (index, text) in cluster.api_server_authorized_ip_ranges.iter().enumerate() {
            let Err(error) = parse_prefix(text) else { continue };
            out.report(
                msg!(
                    [
                        "authorized IP range {number} of cluster '{cluster}' is not a valid IPv4 CIDR or \
                         IPv6 prefix ({text}): {error}",
                        "la plage d’adresses IP autorisée n° {number} du cluster « {cluster} » n’est pas \
                         un CIDR IPv4 ou un préfixe IPv6 valide ({text}) : {error}"
                    ],
                    number = index + 1,
                    cluster = &cluster.name,
                    text = format!("{text:?}"),
                )
                .with_message("error", error.message()),
                vec![pointer::cluster_authorized_range(c, index)],
            );
        }
    }
}

/// An ARM template expression such as `[parameters('vnetPrefix')]`, as an import keeps it.
fn is_template_expression(text: &str) -> bool {
    text.len() > 2 && text.starts_with('[') && text.ends_with(']') && !text.starts_with("[[")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::InvalidCidr;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_malformed_values() {
        for bad in ["010.1.0.0/16", "10.0.0.0", "1.2.3.4/33", "10.0.0.0/24 ", "", "١٠.0.0.0/8"] {
            let found = assert_fires(InvalidCidr, &[("/vnets/0/addressPrefixes/0", json!(bad))]);
            assert_eq!(found[0].subjects, ["/vnets/0/addressPrefixes/0"]);
        }
        let found = assert_fires(InvalidCidr, &[("/aksClusters/0/serviceCidr", json!("10.0.0.0"))]);
        assert_eq!(
            found[0].message,
            "the Kubernetes service range of cluster 'ml-aks' is not a valid IPv4 CIDR (\"10.0.0.0\"): \
             the prefix length is missing; write it as a.b.c.d/n"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services Kubernetes du cluster « ml-aks » n’est pas un CIDR IPv4 valide \
             (\"10.0.0.0\") : la longueur de préfixe manque ; écrivez-la sous la forme a.b.c.d/n"
        );
    }

    #[test]
    fn fires_on_an_authorized_range_that_does_not_parse() {
        let found = assert_fires(
            InvalidCidr,
            &[("/aksClusters/0/apiServerAuthorizedIpRanges", json!(["203.0.113.0/24", "203.0.113.300/32"]))],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/aksClusters/0/apiServerAuthorizedIpRanges/1"]);
        assert!(found[0].message.starts_with(
            "authorized IP range 2 of cluster 'ml-aks' is not a valid IPv4 CIDR or IPv6 prefix"
        ));
    }

    #[test]
    fn quiet_on_well_formed_authorized_ranges() {
        assert_quiet(
            InvalidCidr,
            &[("/aksClusters/0/apiServerAuthorizedIpRanges", json!(["203.0.113.0/24", "2001:db8::/48"]))],
        );
    }

    #[test]
    fn vnet_subnet_and_external_prefixes_are_not_called_ipv4_only() {
        // 1.1: these fields also take IPv6 prefixes, so the message must not promise IPv4 only.
        let found = assert_fires(InvalidCidr, &[("/vnets/0/addressPrefixes/0", json!("10.1.0.0"))]);
        assert_eq!(
            found[0].message,
            "an address prefix of VNet 'ml-vnet' is not a valid IPv4 or IPv6 prefix (\"10.1.0.0\"): the \
             prefix length is missing; write it as a.b.c.d/n"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "un préfixe d’adresses du VNet « ml-vnet » n’est pas un préfixe IPv4 ou IPv6 valide \
             (\"10.1.0.0\") : la longueur de préfixe manque ; écrivez-la sous la forme a.b.c.d/n"
        );
        for (path, bad) in [
            ("/vnets/0/subnets/0/addressPrefix", json!("fd00::g/64")),
            ("/externalRanges", json!([{"name": "peer", "addressPrefix": "10.9.0.0/33", "kind": "vpn"}])),
        ] {
            let found = assert_fires(InvalidCidr, &[(path, bad)]);
            assert!(found[0].message.contains("is not a valid IPv4 or IPv6 prefix"), "{}", found[0].message);
            assert!(!found[0].message.contains("IPv4 CIDR"), "{}", found[0].message);
        }
    }

    #[test]
    fn quiet_on_valid_and_ipv6_values() {
        assert_quiet(InvalidCidr, &[]);
        assert_quiet(InvalidCidr, &[("/aksClusters/0/dockerBridgeCidr", json!("172.17.0.1/16"))]);
        assert_quiet(InvalidCidr, &[("/vnets/0/addressPrefixes/0", json!("fd00::/48"))]);
    }

    #[test]
    fn an_unresolved_template_expression_is_reported_as_such() {
        let expression = "[parameters('subnetPrefix')]";
        let found = assert_fires(InvalidCidr, &[("/vnets/0/subnets/0/addressPrefix", json!(expression))]);
        assert!(found[0].message.contains("is an ARM template expression that vnetplan could not resolve"));
        assert!(!found[0].message.contains("not a valid"), "{}", found[0].message);
        assert!(found[0].text.render(Lang::Fr).contains("expression de modèle ARM"));
        // An escaped bracket is a literal string in ARM, so it is only a malformed value.
        let found =
            assert_fires(InvalidCidr, &[("/vnets/0/subnets/0/addressPrefix", json!("[[10.0.0.0/24]"))]);
        assert!(found[0].message.contains("not a valid"), "{}", found[0].message);
    }
}
