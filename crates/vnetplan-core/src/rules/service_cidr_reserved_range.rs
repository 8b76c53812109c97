use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings};
use crate::net::{Range, AKS_RESERVED};
use crate::pointer;
use crate::range_fixes::move_cluster_range;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster must not touch the ranges AKS \
         reserves: 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24. Partial overlap counts, \
         so a range that contains one of them, such as 172.16.0.0/12, is refused too.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS ne doit toucher aucune des \
         plages réservées par AKS : 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 et 192.0.2.0/24. Un \
         chevauchement partiel compte : une plage qui en contient une, comme 172.16.0.0/12, est refusée \
         elle aussi."
    ),
    why: text!(
        "AKS uses these blocks itself, and its documentation puts them off limits for the service range, \
         the pod range and the cluster's VNet alike. A cluster that uses them does not provision, and in \
         the past it failed late, with an error that did not name the cause.",
        "AKS utilise lui-même ces blocs, et sa documentation les interdit aussi bien à la plage des \
         services qu’à la plage des pods et au VNet du cluster. Un cluster qui les utilise ne se déploie \
         pas, et l’échec survenait autrefois tard, avec une erreur qui n’en nommait pas la cause."
    ),
    example: Example(&[
        ("/aksClusters/0/serviceCidr", r#""172.30.0.0/16""#),
        ("/aksClusters/0/dnsServiceIP", r#""172.30.0.10""#),
    ]),
    fix: text!(
        "Move the service range to a private block outside the reserved ones, for example 10.2.0.0/16, \
         and set dnsServiceIP to its .10 address.",
        "Déplacez la plage des services vers un bloc privé hors des plages réservées, par exemple \
         10.2.0.0/16, et donnez à dnsServiceIP son adresse .10."
    ),
    sources: &[sources::CONCEPTS_NETWORK_CNI_OVERVIEW, sources::CONCEPTS_NETWORK_LEGACY_CNI],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service_range() else { continue };
        let hits: Vec<&Range> = AKS_RESERVED.iter().filter(|reserved| reserved.overlaps(service)).collect();
        let Some(reserved) = reserved_ranges(&hits) else { continue };
        out.push(
            Draft::new(
                msg!(
                    [
                        "service CIDR {cidr} of cluster '{cluster}' overlaps {reserved}",
                        "la plage de services {cidr} du cluster « {cluster} » chevauche {reserved}"
                    ],
                    cidr = &cluster.service_cidr,
                    cluster = &cluster.name,
                )
                .with_message("reserved", reserved),
                vec![pointer::cluster(index, "serviceCidr")],
            )
            .with_fix(move_cluster_range(index, ClusterRange::Service)),
        );
    }
}

/// The reserved ranges a service range touches, as the message lists them; `None` for none.
fn reserved_ranges(hits: &[&Range]) -> Option<Message> {
    match hits {
        [] => None,
        [one] => Some(msg!(["{range}, reserved by AKS", "la plage {range}, réservée par AKS"], range = one)),
        [first, middle @ .., last] => {
            // French separates all but the last with commas, where the English wording keeps "and".
            let listed = middle.iter().fold(msg!(["{range}", "{range}"], range = first), |listed, range| {
                msg!(["{listed} and {range}", "{listed}, {range}"], range = range)
                    .with_message("listed", listed)
            });
            Some(
                msg!(
                    [
                        "{listed} and {last}, reserved by AKS",
                        "les plages {listed} et {last}, réservées par AKS"
                    ],
                    last = last
                )
                .with_message("listed", listed),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ServiceCidrReservedRange;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_on_a_reserved_range() {
        let changes = [
            ("/aksClusters/0/serviceCidr", json!("172.30.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("172.30.0.10")),
        ];
        let found = assert_fires(ServiceCidrReservedRange, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr"]);
        assert_eq!(
            found[0].message,
            "service CIDR 172.30.0.0/16 of cluster 'ml-aks' overlaps 172.30.0.0/16, reserved by AKS"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 172.30.0.0/16 du cluster « ml-aks » chevauche la plage 172.30.0.0/16, \
             réservée par AKS"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("172.29.0.0/16"));
        assert_fix_resolves(ServiceCidrReservedRange, &changes);
    }

    #[test]
    fn fires_on_a_range_that_contains_reserved_ones() {
        let found =
            assert_fires(ServiceCidrReservedRange, &[("/aksClusters/0/serviceCidr", json!("172.16.0.0/12"))]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("172.30.0.0/16 and 172.31.0.0/16"), "{}", found[0].message);
        let french = found[0].text.render(Lang::Fr);
        assert!(
            french.ends_with("chevauche les plages 172.30.0.0/16 et 172.31.0.0/16, réservées par AKS"),
            "{french}"
        );
        assert_fires(ServiceCidrReservedRange, &[("/aksClusters/0/serviceCidr", json!("192.0.2.128/25"))]);
        let all =
            assert_fires(ServiceCidrReservedRange, &[("/aksClusters/0/serviceCidr", json!("128.0.0.0/1"))]);
        assert_eq!(
            all[0].text.render(Lang::Fr),
            "la plage de services 128.0.0.0/1 du cluster « ml-aks » chevauche les plages 169.254.0.0/16, \
             172.30.0.0/16, 172.31.0.0/16 et 192.0.2.0/24, réservées par AKS"
        );
        assert!(all[0].message.ends_with(
            "169.254.0.0/16 and 172.30.0.0/16 and 172.31.0.0/16 and 192.0.2.0/24, reserved by AKS"
        ));
    }

    #[test]
    fn quiet_next_to_the_reserved_ranges() {
        assert_quiet(ServiceCidrReservedRange, &[]);
        assert_quiet(ServiceCidrReservedRange, &[("/aksClusters/0/serviceCidr", json!("172.29.0.0/16"))]);
        assert_quiet(ServiceCidrReservedRange, &[("/aksClusters/0/serviceCidr", json!("192.0.3.0/24"))]);
    }
}
