use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::net::Range;
use crate::pointer;

/// Fewer addresses than this leave no room for the cluster's own services.
const FEWEST_ADDRESSES: u64 = 10;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when a cluster's Kubernetes service range (serviceCidr) holds fewer than 10 addresses, a /29 \
         or smaller.",
        "Avertit quand la plage des services Kubernetes (serviceCidr) d’un cluster compte moins de 10 \
         adresses, soit un /29 ou plus petit."
    ),
    why: text!(
        "Every cluster starts with services of its own before any workload: the API server's, the DNS \
         service, the metrics server and the add-ons AKS installs, and Azure ML's extension adds its router \
         and more. Kubernetes' own installer refuses a service range of fewer than ten addresses for that \
         reason, since the DNS service sits at the tenth by convention. AKS documents no minimum of its own, \
         so this is a warning: such a range leaves the cluster unable to create the services it needs.",
        "Tout cluster démarre avec ses propres services avant toute charge de travail : celui du serveur \
         d’API, le service DNS, le serveur de métriques et les modules qu’AKS installe, et l’extension \
         Azure ML ajoute son routeur et d’autres. L’installateur de Kubernetes refuse pour cette raison une \
         plage de services de moins de dix adresses, le service DNS se trouvant par convention à la \
         dixième. AKS ne documente pas de minimum propre, d’où un avertissement : une telle plage empêche le \
         cluster de créer les services dont il a besoin."
    ),
    example: Example(&[
        ("/aksClusters/0/serviceCidr", r#""10.2.0.0/30""#),
        ("/aksClusters/0/dnsServiceIP", r#""10.2.0.2""#),
    ]),
    fix: text!(
        "Give the cluster a service range of a /24 or more, for example 10.2.0.0/16 with dnsServiceIP \
         10.2.0.10.",
        "Donnez au cluster une plage de services d’un /24 ou plus, par exemple 10.2.0.0/16 avec \
         dnsServiceIP 10.2.0.10."
    ),
    sources: &[Source {
        title: "Kubernetes kubeadm: the fewest addresses a service subnet may have (MinimumAddressesInServiceSubnet)",
        location: "kubernetes/kubernetes:cmd/kubeadm/app/constants/constants.go@release-1.21",
        date: "2021-04-08",
    }],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service else { continue };
        let addresses = Range::of(service).size();
        if addresses >= FEWEST_ADDRESSES {
            continue;
        }
        out.report(
            msg!(
                [
                    "service CIDR {service} of cluster '{cluster}' holds {addresses} addresses, too few for \
                     the services every cluster runs",
                    "la plage des services {service} du cluster « {cluster} » ne compte que {addresses} \
                     adresses, trop peu pour les services de tout cluster"
                ],
                service = service,
                cluster = &cluster.name,
                addresses = addresses.to_string(),
            ),
            vec![pointer::cluster(index, "serviceCidr")],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrTooSmall;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn service(cidr: &str, dns: &str) -> [(&'static str, serde_json::Value); 2] {
        [("/aksClusters/0/serviceCidr", json!(cidr)), ("/aksClusters/0/dnsServiceIP", json!(dns))]
    }

    #[test]
    fn warns_on_a_slash_29_or_smaller() {
        let found = assert_fires(ServiceCidrTooSmall, &service("10.2.0.0/30", "10.2.0.2"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage des services 10.2.0.0/30 du cluster « ml-aks » ne compte que 4 adresses, trop peu pour \
             les services de tout cluster"
        );
        assert_fires(ServiceCidrTooSmall, &service("10.2.0.0/29", "10.2.0.2"));
    }

    #[test]
    fn quiet_from_a_slash_28() {
        assert_quiet(ServiceCidrTooSmall, &service("10.2.0.0/28", "10.2.0.10"));
        assert_quiet(ServiceCidrTooSmall, &[]);
    }
}
