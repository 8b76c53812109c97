use std::cmp::Ordering;

use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings, Severity};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;

/// Kubernetes caps an IPv4 service range at 2^20 addresses, so /12 is the shortest prefix.
const SHORTEST_PREFIX: u8 = 12;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster must be a /12 or smaller, at most \
         1,048,576 addresses: its prefix length must be 12 or more. A /12 \
         itself draws a warning.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS doit être un /12 ou plus petite, \
         soit au plus 1 048 576 adresses : la longueur de son préfixe doit valoir 12 ou plus. Un \
         /12 lui-même donne un avertissement."
    ),
    why: text!(
        "Kubernetes keeps a table of every service address and refuses IPv4 service ranges with a prefix \
         shorter than /12, so a /8 or a /11 does not deploy. The AKS documentation words its ceiling as \
         smaller than /12, which leaves out a /12 itself; Kubernetes accepts one, so it is a warning, not \
         an error. A range that large would also swallow much of the private address space that VNets and connected \
         networks need.",
        "Kubernetes tient une table de toutes les adresses de service et refuse les plages de services \
         IPv4 dont le préfixe est plus court que /12, si bien qu’un /8 ou un /11 ne se déploie pas. La \
         documentation d’AKS formule son plafond comme « plus petit que /12 », ce qui exclut un /12 \
         lui-même ; Kubernetes en accepte un, d’où un avertissement plutôt qu’une erreur. Une plage aussi vaste engloutirait en outre une bonne \
         part de l’espace d’adresses privé dont les VNets et les réseaux connectés ont besoin."
    ),
    example: Example(&[
        ("/aksClusters/0/serviceCidr", r#""10.32.0.0/11""#),
        ("/aksClusters/0/dnsServiceIP", r#""10.32.0.10""#),
    ]),
    fix: text!(
        "Use a far smaller service range: a /16 (65,536 services) is more than any cluster needs, for \
         example 10.2.0.0/16 with dnsServiceIP 10.2.0.10.",
        "Prenez une plage des services bien plus petite : un /16 (65 536 services) suffit largement à \
         tout cluster, par exemple 10.2.0.0/16 avec dnsServiceIP 10.2.0.10."
    ),
    sources: &[
        sources::CONCEPTS_NETWORK_IP_ADDRESS_PLANNING,
        sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY,
        Source {
            title: "acs-engine: validation of the AKS agentPoolOnly API (v20180331)",
            location: "Azure/acs-engine:pkg/api/agentPoolOnlyApi/v20180331/validate.go@36d434b2a7102ab8f4219f095787c7ab31b5ddd6",
            date: "2019-03-08",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service else { continue };
        let draft = |message| {
            Draft::new(message, vec![pointer::cluster(index, "serviceCidr")])
                .with_fix(move_cluster_range(index, ClusterRange::Service))
        };
        match service.prefix_len().cmp(&SHORTEST_PREFIX) {
            Ordering::Greater => {}
            Ordering::Equal => out.push_as(
                Severity::Warning,
                draft(msg!(
                    [
                        "service CIDR {cidr} of cluster '{cluster}' is a /12: Kubernetes accepts it, but the \
                         AKS documentation asks for a range smaller than /12",
                        "la plage de services {cidr} du cluster « {cluster} » est un /12 : Kubernetes \
                         l’accepte, mais la documentation d’AKS demande une plage plus petite que /12"
                    ],
                    cidr = &cluster.service_cidr,
                    cluster = &cluster.name,
                )),
            ),
            Ordering::Less => out.push(draft(msg!(
                [
                    "service CIDR {cidr} of cluster '{cluster}' is a /{length}, larger than the /{limit} AKS \
                     allows",
                    "la plage de services {cidr} du cluster « {cluster} » est un /{length}, plus grand que le \
                     /{limit} qu’AKS autorise"
                ],
                cidr = &cluster.service_cidr,
                cluster = &cluster.name,
                length = service.prefix_len(),
                limit = SHORTEST_PREFIX,
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrTooLarge;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_slash_8() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("10.0.0.0/8")),
            ("/aksClusters/0/dnsServiceIP", json!("10.0.0.10")),
        ];
        let found = assert_fires(ServiceCidrTooLarge, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.0.0.0/8 of cluster 'ml-aks' is a /8, larger than the /12 AKS allows"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.0.0.0/8 du cluster « ml-aks » est un /8, plus grand que le /12 \
             qu’AKS autorise"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.0.0.0/16"));
        assert_eq!(fix.changes[1].value, json!("10.0.0.10"));
        assert_fix_resolves(ServiceCidrTooLarge, &changes);
    }

    #[test]
    fn fires_just_past_the_limit() {
        assert_fires(ServiceCidrTooLarge, &[("/aksClusters/0/serviceCidr", json!("10.32.0.0/11"))]);
    }

    #[test]
    fn warns_at_slash_12() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("10.16.0.0/12")),
            ("/aksClusters/0/dnsServiceIP", json!("10.16.0.10")),
        ];
        let found = assert_fires(ServiceCidrTooLarge, &changes);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "service CIDR 10.16.0.0/12 of cluster 'ml-aks' is a /12: Kubernetes accepts it, but the AKS \
             documentation asks for a range smaller than /12"
        );
        assert_fix_resolves(ServiceCidrTooLarge, &changes);
    }

    #[test]
    fn quiet_at_slash_13_and_smaller() {
        assert_quiet(ServiceCidrTooLarge, &[]);
        assert_quiet(
            ServiceCidrTooLarge,
            &[
                ("/aksClusters/0/serviceCidr", json!("10.16.0.0/13")),
                ("/aksClusters/0/dnsServiceIP", json!("10.16.0.10")),
            ],
        );
    }
}
