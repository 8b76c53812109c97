use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::net::{parse_ipv4, ValueError};
use crate::pointer;
use crate::range_fixes::dns_ip_for;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The DNS service IP (dnsServiceIP) of every AKS cluster must be a single IPv4 address: four \
         decimal numbers from 0 to 255 separated by dots, with no leading zeros, no prefix length \
         and no spaces around it.",
        "L’IP du service DNS (dnsServiceIP) de chaque cluster AKS doit être une seule adresse IPv4 : \
         quatre nombres décimaux de 0 à 255 séparés par des points, sans zéro initial, sans longueur \
         de préfixe et sans espace autour."
    ),
    why: text!(
        "The Azure ML v1 SDK and the AKS resource provider match this value against an IPv4 address \
         pattern and refuse the cluster when it does not fit, sometimes only once provisioning has \
         started. A value such as 10.2.0.010 is ambiguous as well, because some resolvers read a \
         leading zero as octal. An IPv6 address is reported by ipv6-not-supported instead.",
        "Le SDK Azure ML v1 et le fournisseur de ressources AKS comparent cette valeur à un motif \
         d’adresse IPv4 et refusent le cluster si elle n’y correspond pas, parfois une fois le \
         provisionnement déjà commencé. Une valeur comme 10.2.0.010 est en outre ambiguë, car \
         certains résolveurs lisent un zéro initial comme de l’octal. Une adresse IPv6 relève plutôt \
         d’ipv6-not-supported."
    ),
    example: Example(&[("/aksClusters/0/dnsServiceIP", r#""10.2.0.256""#)]),
    fix: text!(
        "Write one address inside the cluster's service range, by convention its tenth: with \
         serviceCidr 10.2.0.0/16, use 10.2.0.10.",
        "Écrivez une seule adresse dans la plage des services du cluster, par convention la dixième \
         : avec serviceCidr 10.2.0.0/16, utilisez 10.2.0.10."
    ),
    sources: &[sources::AKS_NETWORKING_CONFIGURATION, sources::ERRORS],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let error = match parse_ipv4(&cluster.dns_service_ip) {
            // An IPv6 address is a readable value in the wrong family: ipv6-not-supported says so.
            Ok(_) | Err(ValueError::Ipv6) => continue,
            Err(error) => error,
        };
        let target = pointer::cluster(index, "dnsServiceIP");
        let fix = facts.service.and_then(|service| {
            let dns = dns_ip_for(service)?;
            Some(Fix::set(
                msg!(
                    [
                        "use {dns}, an address of the service range {service}",
                        "utiliser {dns}, une adresse de la plage des services {service}"
                    ],
                    dns = dns,
                    service = service.trunc(),
                ),
                target.clone(),
                dns.to_string(),
            ))
        });
        out.push(
            Draft::new(
                msg!(
                    [
                        "the DNS service IP of cluster '{cluster}' is not a valid IPv4 address ({text}): \
                         {error}",
                        "l’IP du service DNS du cluster « {cluster} » n’est pas une adresse IPv4 valide \
                         ({text}) : {error}"
                    ],
                    cluster = &cluster.name,
                    // Quoted as Rust would, so stray spaces and invisible characters show.
                    text = format!("{:?}", cluster.dns_service_ip),
                )
                .with_message("error", error.message()),
                vec![target],
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::InvalidIp;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_malformed_addresses() {
        for bad in ["10.2.0.256", "10.2.0.010", "10.2.0.10/32", "10.2.0", " 10.2.0.10", "", "dns"] {
            let found = assert_fires(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!(bad))]);
            let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
            assert_eq!(subjects, [["/aksClusters/0/dnsServiceIP"]], "for {bad:?}");
        }
    }

    #[test]
    fn message_names_the_cluster_and_the_problem() {
        let found = assert_fires(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.256"))]);
        let finding = found.first().expect("one finding");
        assert_eq!(
            finding.message,
            "the DNS service IP of cluster 'ml-aks' is not a valid IPv4 address (\"10.2.0.256\"): \
             '256' is larger than 255"
        );
        let fix = finding.fix.as_ref().expect("the service range is valid");
        assert_eq!(fix.title, "use 10.2.0.10, an address of the service range 10.2.0.0/16");
        assert_eq!(
            finding.text.render(Lang::Fr),
            "l’IP du service DNS du cluster « ml-aks » n’est pas une adresse IPv4 valide (\"10.2.0.256\") : \
             « 256 » dépasse 255"
        );
        assert_eq!(
            fix.text.render(Lang::Fr),
            "utiliser 10.2.0.10, une adresse de la plage des services 10.2.0.0/16"
        );
        assert_fix_resolves(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.256"))]);
    }

    #[test]
    fn no_fix_without_a_valid_service_range() {
        let found = assert_fires(
            InvalidIp,
            &[("/aksClusters/0/dnsServiceIP", json!("x")), ("/aksClusters/0/serviceCidr", json!("10.2.0.0"))],
        );
        assert!(found.iter().all(|f| f.fix.is_none()));
    }

    #[test]
    fn quiet_on_valid_and_ipv6_addresses() {
        assert_quiet(InvalidIp, &[]);
        assert_quiet(InvalidIp, &[("/aksClusters/0/dnsServiceIP", json!("fd00::10"))]);
    }
}
