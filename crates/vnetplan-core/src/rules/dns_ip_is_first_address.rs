use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::Range;
use crate::rules::shared::dns_ip_finding;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The DNS service IP (dnsServiceIP) of an AKS cluster must not be the first host address of the \
         Kubernetes service range, its network address plus one.",
        "L’IP du service DNS (dnsServiceIP) d’un cluster AKS ne doit pas être la première adresse \
         d’hôte de la plage des services Kubernetes, c’est-à-dire son adresse de réseau plus un."
    ),
    why: text!(
        "Kubernetes always gives that address to the API server’s own service, \
         kubernetes.default.svc.cluster.local. The AKS documentation says not to use it for DNS, and the \
         validation AKS inherited from acs-engine refuses it, because the two services would claim the \
         same address.",
        "Kubernetes attribue toujours cette adresse au service du serveur d’API lui-même, \
         kubernetes.default.svc.cluster.local. La documentation d’AKS demande de ne pas l’utiliser pour \
         le DNS, et la validation qu’AKS tient d’acs-engine la refuse, puisque les deux services \
         réclameraient la même adresse."
    ),
    example: Example(&[
        ("/aksClusters/0/dnsServiceIP", r#""10.2.0.1""#),
    ]),
    fix: text!(
        "Use another address of the service range for DNS; the usual choice is its tenth address, such \
         as 10.2.0.10 for 10.2.0.0/16.",
        "Prenez une autre adresse de la plage des services pour le DNS ; le choix habituel est sa \
         dixième adresse, par exemple 10.2.0.10 pour 10.2.0.0/16."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_LEGACY_CNI,
        Source {
            title: "acs-engine: AKS agent-pool-only API validation (v20180331)",
            location: "Azure/acs-engine:pkg/api/agentPoolOnlyApi/v20180331/validate.go@36d434b2a7102ab8f4219f095787c7ab31b5ddd6",
            date: "2019-03-08",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(service), Some(dns)) = (facts.service, facts.dns) else { continue };
        let range = Range::of(service);
        let address = u32::from(dns);
        if range.first.checked_add(1) != Some(address) || !range.contains_address(address) {
            continue;
        }
        let message = msg!(
            [
                "DNS service IP {dns} of cluster '{cluster}' is the first address of its service CIDR \
                 {service}, which Kubernetes gives to the kubernetes.default service",
                "l’IP du service DNS {dns} du cluster « {cluster} » est la première adresse de sa plage \
                 de services {service}, que Kubernetes attribue au service kubernetes.default"
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

    use crate::catalog::RuleId::DnsIpIsFirstAddress;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_the_dot_one_address() {
        let changes = [("/aksClusters/0/dnsServiceIP", json!("10.2.0.1"))];
        let found = assert_fires(DnsIpIsFirstAddress, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dnsServiceIP", "/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "DNS service IP 10.2.0.1 of cluster 'ml-aks' is the first address of its service CIDR \
             10.2.0.0/16, which Kubernetes gives to the kubernetes.default service"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’IP du service DNS 10.2.0.1 du cluster « ml-aks » est la première adresse de sa plage de \
             services 10.2.0.0/16, que Kubernetes attribue au service kubernetes.default"
        );
        let fix = found[0].fix.as_ref().expect("the range has a tenth address");
        assert_eq!(fix.changes[0].value, json!("10.2.0.10"));
        assert_fix_resolves(DnsIpIsFirstAddress, &changes);
    }

    #[test]
    fn quiet_on_other_addresses() {
        assert_quiet(DnsIpIsFirstAddress, &[]);
        assert_quiet(DnsIpIsFirstAddress, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.2"))]);
        assert_quiet(DnsIpIsFirstAddress, &[("/aksClusters/0/dnsServiceIP", json!("10.2.1.1"))]);
        assert_quiet(DnsIpIsFirstAddress, &[("/aksClusters/0/dnsServiceIP", json!("10.2.0.0"))]);
    }
}
