use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::Range;
use crate::rules::shared::dns_ip_finding;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The DNS service IP (dnsServiceIP) of an AKS cluster must be an address of the cluster’s \
         Kubernetes service range (serviceCidr).",
        "L’IP du service DNS (dnsServiceIP) d’un cluster AKS doit être une adresse de la plage des \
         services Kubernetes du cluster (serviceCidr)."
    ),
    why: text!(
        "The cluster DNS runs as a Kubernetes service, so its address is handed out from the service \
         range like any other service address. The AKS resource provider refuses a DNS IP outside that \
         range with DnsServiceIpOutOfServiceCidr. It typically happens when the service range is changed \
         and the DNS IP is left as it was.",
        "Le DNS du cluster tourne comme un service Kubernetes : son adresse est donc prise dans la \
         plage des services, comme celle de tout autre service. Le fournisseur de ressources AKS refuse \
         une IP DNS hors de cette plage avec DnsServiceIpOutOfServiceCidr. Cela arrive typiquement quand \
         on change la plage des services en laissant l’IP DNS telle quelle."
    ),
    example: Example(&[("/aksClusters/0/serviceCidr", r#""10.200.0.0/16""#)]),
    fix: text!(
        "Set dnsServiceIP to an address inside the service range; by convention its tenth address, \
         10.200.0.10 for 10.200.0.0/16.",
        "Donnez à dnsServiceIP une adresse de la plage des services ; par convention sa dixième \
         adresse, 10.200.0.10 pour 10.200.0.0/16."
    ),
    sources: &[sources::CONCEPTS_NETWORK_LEGACY_CNI, sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(service), Some(dns)) = (facts.service, facts.dns) else { continue };
        if Range::of(service).contains_address(u32::from(dns)) {
            continue;
        }
        let message = msg!(
            [
                "DNS service IP {dns} of cluster '{cluster}' is outside its service CIDR {service}",
                "l’IP du service DNS {dns} du cluster « {cluster} » est hors de sa plage de services \
                 {service}"
            ],
            dns = dns,
            cluster = &cluster.name,
            service = service,
        );
        out.push(dns_ip_finding(index, service, message));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DnsIpOutsideServiceCidr;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_the_documented_mismatch() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("10.200.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.0.0.10")),
        ];
        let found = assert_fires(DnsIpOutsideServiceCidr, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dnsServiceIP", "/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "DNS service IP 10.0.0.10 of cluster 'ml-aks' is outside its service CIDR 10.200.0.0/16"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’IP du service DNS 10.0.0.10 du cluster « ml-aks » est hors de sa plage de services \
             10.200.0.0/16"
        );
        let fix = found[0].fix.as_ref().expect("the range has a tenth address");
        assert_eq!(fix.changes[0].value, json!("10.200.0.10"));
        assert_fix_resolves(DnsIpOutsideServiceCidr, &changes);
    }

    #[test]
    fn fires_just_past_the_broadcast_address() {
        assert_fires(DnsIpOutsideServiceCidr, &[("/aksClusters/0/dnsServiceIP", json!("10.3.0.0"))]);
    }

    #[test]
    fn quiet_inside_the_range_or_when_a_value_does_not_parse() {
        assert_quiet(DnsIpOutsideServiceCidr, &[]);
        assert_quiet(DnsIpOutsideServiceCidr, &[("/aksClusters/0/dnsServiceIP", json!("10.2.255.254"))]);
        assert_quiet(DnsIpOutsideServiceCidr, &[("/aksClusters/0/dnsServiceIP", json!("10.0.0.300"))]);
        assert_quiet(DnsIpOutsideServiceCidr, &[("/aksClusters/0/serviceCidr", json!("10.200.0.0"))]);
    }
}
