use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::Range;
use crate::rules::shared::dns_ip_finding;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The DNS service IP (dnsServiceIP) of an AKS cluster must not be the network address (the \
         first) or the broadcast address (the last) of the Kubernetes service range.",
        "L’IP du service DNS (dnsServiceIP) d’un cluster AKS ne doit être ni l’adresse de réseau (la \
         première) ni l’adresse de diffusion (la dernière) de la plage des services Kubernetes."
    ),
    why: text!(
        "Kubernetes leaves the two edge addresses of the service range out of the pool it assigns \
         service IPs from, so the cluster DNS service cannot be created on either of them and name \
         resolution in the cluster never comes up. acs-engine, which AKS grew out of, refuses the \
         broadcast address outright.",
        "Kubernetes exclut les deux adresses extrêmes de la plage des services du pool dans lequel il \
         attribue les IP de service : le service DNS du cluster ne peut donc être créé sur aucune \
         d’elles, et la résolution de noms du cluster ne démarre jamais. acs-engine, dont AKS est issu, \
         refuse d’emblée l’adresse de diffusion."
    ),
    example: Example(&[("/aksClusters/0/dnsServiceIP", r#""10.2.255.255""#)]),
    fix: text!(
        "Pick an address from inside the range instead, conventionally its tenth address (10.2.0.10 for \
         10.2.0.0/16).",
        "Choisissez plutôt une adresse à l’intérieur de la plage, par convention sa dixième adresse \
         (10.2.0.10 pour 10.2.0.0/16)."
    ),
    sources: &[Source {
        title: "acs-engine: vlabs API validation",
        location: "Azure/acs-engine:pkg/api/vlabs/validate.go@36d434b2a7102ab8f4219f095787c7ab31b5ddd6",
        date: "2019-03-08",
    }],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let (Some(service), Some(dns)) = (facts.service, facts.dns) else { continue };
        let range = Range::of(service);
        let which = match u32::from(dns) {
            address if address == range.first => text!("the network address", "l’adresse de réseau"),
            address if address == range.last => text!("the broadcast address", "l’adresse de diffusion"),
            _ => continue,
        };
        let message = msg!(
            [
                "DNS service IP {dns} of cluster '{cluster}' is {which} of its service CIDR {service}",
                "l’IP du service DNS {dns} du cluster « {cluster} » est {which} de sa plage de services \
                 {service}"
            ],
            dns = dns,
            cluster = &cluster.name,
            service = service,
        )
        .with_message("which", which.message());
        out.push(dns_ip_finding(index, service, message));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::DnsIpNotAssignable;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_the_network_address() {
        let changes = [("/aksClusters/0/dnsServiceIP", json!("10.2.0.0"))];
        let found = assert_fires(DnsIpNotAssignable, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/dnsServiceIP", "/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "DNS service IP 10.2.0.0 of cluster 'ml-aks' is the network address of its service CIDR 10.2.0.0/16"
        );
        let fix = found[0].fix.as_ref().expect("the range has a tenth address");
        assert_eq!(fix.changes[0].value, json!("10.2.0.10"));
        assert_fix_resolves(DnsIpNotAssignable, &changes);
    }

    #[test]
    fn fires_on_the_broadcast_address() {
        let changes = [("/aksClusters/0/dnsServiceIP", json!("10.2.255.255"))];
        let found = assert_fires(DnsIpNotAssignable, &changes);
        assert!(found[0].message.contains("the broadcast address"), "{}", found[0].message);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "l’IP du service DNS 10.2.255.255 du cluster « ml-aks » est l’adresse de diffusion de sa \
             plage de services 10.2.0.0/16"
        );
        assert_fix_resolves(DnsIpNotAssignable, &changes);
    }

    #[test]
    fn quiet_on_inner_and_outside_addresses() {
        assert_quiet(DnsIpNotAssignable, &[]);
        assert_quiet(DnsIpNotAssignable, &[("/aksClusters/0/dnsServiceIP", json!("10.2.255.254"))]);
        assert_quiet(DnsIpNotAssignable, &[("/aksClusters/0/dnsServiceIP", json!("10.3.0.0"))]);
    }
}
