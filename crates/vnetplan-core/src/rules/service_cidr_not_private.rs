use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::{is_private_or_shared, AKS_RESERVED};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster must lie in private address space: \
         10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), or the shared 100.64.0.0/10 (RFC 6598). \
         A public block such as 20.0.0.0/16, or a multicast one in 224.0.0.0/4, is refused.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS doit se trouver dans l’espace \
         d’adresses privé : 10.0.0.0/8, 172.16.0.0/12 ou 192.168.0.0/16 (RFC 1918), ou l’espace partagé \
         100.64.0.0/10 (RFC 6598). Un bloc public comme 20.0.0.0/16, ou de multidiffusion dans \
         224.0.0.0/4, est refusé."
    ),
    why: text!(
        "Since its release of 2023-10-01, AKS checks at creation that the service range is not public, \
         multicast addresses included, and refuses the cluster otherwise. A public service range would \
         also hide from the pods the internet hosts whose addresses it takes, since traffic to them stays \
         inside the cluster. The reserved blocks 169.254.0.0/16 and 192.0.2.0/24 are reported by \
         service-cidr-reserved-range instead.",
        "Depuis sa version du 2023-10-01, AKS vérifie à la création que la plage des services n’est pas \
         publique, adresses de multidiffusion comprises, et refuse le cluster sinon. Une plage de services \
         publique cacherait en outre aux pods les hôtes d’Internet dont elle prend les adresses, puisque \
         le trafic vers elles reste dans le cluster. Les blocs réservés 169.254.0.0/16 et 192.0.2.0/24 \
         relèvent plutôt de service-cidr-reserved-range."
    ),
    example: Example(&[
        ("/aksClusters/0/serviceCidr", r#""20.0.0.0/16""#),
        ("/aksClusters/0/dnsServiceIP", r#""20.0.0.10""#),
    ]),
    fix: text!(
        "Move the service range to a private block that nothing else in the plan or its connected \
         networks uses, for example 10.2.0.0/16 with dnsServiceIP 10.2.0.10.",
        "Déplacez la plage des services vers un bloc privé que rien d’autre n’utilise dans le plan ni dans \
         les réseaux qui y sont reliés, par exemple 10.2.0.0/16 avec dnsServiceIP 10.2.0.10."
    ),
    sources: &[sources::AKS_CHANGELOG, sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service_range() else { continue };
        if is_private_or_shared(service) || AKS_RESERVED.iter().any(|reserved| reserved.overlaps(service)) {
            continue;
        }
        out.push(
            Draft::new(
                msg!(
                    [
                        "service CIDR {cidr} of cluster '{cluster}' is not private address space, and AKS \
                         refuses a public or multicast service range",
                        "la plage de services {cidr} du cluster « {cluster} » n’est pas dans l’espace \
                         d’adresses privé, et AKS refuse une plage de services publique ou de multidiffusion"
                    ],
                    cidr = &cluster.service_cidr,
                    cluster = &cluster.name,
                ),
                vec![pointer::cluster(index, "serviceCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrNotPrivate;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_public_range() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("20.0.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("20.0.0.10")),
        ];
        let found = assert_fires(ServiceCidrNotPrivate, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "service CIDR 20.0.0.0/16 of cluster 'ml-aks' is not private address space, and AKS refuses a \
             public or multicast service range"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 20.0.0.0/16 du cluster « ml-aks » n’est pas dans l’espace d’adresses \
             privé, et AKS refuse une plage de services publique ou de multidiffusion"
        );
        assert_fix_resolves(ServiceCidrNotPrivate, &changes);
    }

    #[test]
    fn fires_on_a_multicast_range_and_one_that_leaves_private_space() {
        for service in ["224.1.0.0/16", "11.0.0.0/16", "192.167.0.0/16"] {
            let dns = service.replace(".0.0/16", ".0.10");
            let changes =
                [("/aksClusters/0/serviceCidr", json!(service)), ("/aksClusters/0/dnsServiceIP", json!(dns))];
            assert_fires(ServiceCidrNotPrivate, &changes);
        }
    }

    #[test]
    fn quiet_in_private_or_shared_space_and_on_reserved_blocks() {
        assert_quiet(ServiceCidrNotPrivate, &[]);
        for service in ["172.20.0.0/16", "192.168.0.0/16", "100.64.0.0/16"] {
            let dns = service.replace(".0.0/16", ".0.10");
            let changes =
                [("/aksClusters/0/serviceCidr", json!(service)), ("/aksClusters/0/dnsServiceIP", json!(dns))];
            assert_quiet(ServiceCidrNotPrivate, &changes);
        }
        // service-cidr-reserved-range reports these.
        assert_quiet(
            ServiceCidrNotPrivate,
            &[
                ("/aksClusters/0/serviceCidr", json!("169.254.0.0/16")),
                ("/aksClusters/0/dnsServiceIP", json!("169.254.0.10")),
            ],
        );
    }
}
