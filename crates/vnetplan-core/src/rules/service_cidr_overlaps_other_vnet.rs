use crate::catalog::{Example, RuleDoc};
use crate::context::{ClusterRange, Context};
use crate::finding::{Draft, RuleFindings, Severity};
use crate::range_fixes::move_cluster_range;
use crate::rules::shared::{overlapped_prefixes, peered_with_own};
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The Kubernetes service range (serviceCidr) of an AKS cluster should share no address with a VNet \
         of the plan other than the cluster's own. A cluster that has no VNet in the plan (it lives in a \
         VNet that AKS manages) is compared with every VNet of the plan.",
        "La plage des services Kubernetes (serviceCidr) d’un cluster AKS ne devrait partager aucune \
         adresse avec un VNet du plan autre que celui du cluster. Un cluster qui n’a pas de VNet dans le \
         plan (il vit dans un VNet géré par AKS) est comparé à tous les VNets du plan."
    ),
    why: text!(
        "Nothing fails when the cluster is created, hence a warning. But once the two VNets are peered, \
         or joined through a hub, pods can no longer reach the machines of the other VNet whose addresses \
         fall in the service range, because kube-proxy claims those addresses for Kubernetes services. The \
         AKS documentation asks for a service range that overlaps no VNet peered with the cluster's. When \
         the plan records that peering, the overlap is an error, as it is for a peered range written \
         as an external range.",
        "Rien n’échoue à la création du cluster, d’où un simple avertissement. Mais dès que les deux \
         VNets sont appairés, ou reliés par un hub, les pods ne joignent plus les machines de l’autre VNet \
         dont les adresses tombent dans la plage des services, car kube-proxy réserve ces adresses aux \
         services Kubernetes. La documentation d’AKS demande une plage des services qui ne chevauche aucun \
         VNet appairé avec celui du cluster. Quand le plan note cet appairage, le chevauchement est une \
         erreur, comme pour une plage appairée écrite en plage externe."
    ),
    example: Example(&[(
        "/vnets/-",
        r#"{"name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": ["10.2.0.0/16"], "subnets": []}"#,
    )]),
    fix: text!(
        "Choose a service range that lies in no VNet and no external range of the plan, for example \
         10.3.0.0/16 with dnsServiceIP 10.3.0.10.",
        "Choisissez une plage des services qui ne tombe dans aucun VNet ni aucune plage externe du plan, \
         par exemple 10.3.0.0/16 avec dnsServiceIP 10.3.0.10."
    ),
    sources: &[sources::CONCEPTS_NETWORK_LEGACY_CNI, sources::CONCEPTS_NETWORK_AZURE_CNI_OVERLAY],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        let Some(service) = facts.service_range() else { continue };
        let overlapped = context
            .other_vnets_overlapping(facts.node.vnet, service)
            .into_iter()
            .map(|(vnet, prefix, range)| (vnet, (prefix, range)))
            .collect();
        for (vnet, prefixes) in crate::sorting::grouped(overlapped) {
            let (subjects, listed) = overlapped_prefixes(index, vnet, &prefixes);
            let message = msg!(
                [
                    "service CIDR {cidr} of cluster '{cluster}' overlaps VNet '{vnet}' ({listed})",
                    "la plage de services {cidr} du cluster « {cluster} » chevauche le VNet « {vnet} » \
                     ({listed})"
                ],
                cidr = &cluster.service_cidr,
                cluster = &cluster.name,
                vnet = context.vnet_name(vnet),
                listed = listed,
            );
            let fix = move_cluster_range(index, ClusterRange::Service);
            match peered_with_own(context, facts.node.vnet, vnet) {
                Some(peering) => out.push_as(
                    Severity::Error,
                    Draft::new(peering.appended_to(message), subjects).with_fix(fix),
                ),
                None => out.push(Draft::new(message, subjects).with_fix(fix)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::ServiceCidrOverlapsOtherVnet;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn hub(prefixes: &[&str]) -> (&'static str, Value) {
        (
            "/vnets/-",
            json!({ "name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": prefixes, "subnets": [] }),
        )
    }

    #[test]
    fn fires_when_another_vnet_holds_the_service_range() {
        let changes = [hub(&["10.2.0.0/16"])];
        let found = assert_fires(ServiceCidrOverlapsOtherVnet, &changes);
        assert_eq!(found[0].subjects, ["/aksClusters/0/serviceCidr", "/vnets/1/addressPrefixes/0"]);
        assert_eq!(
            found[0].message,
            "service CIDR 10.2.0.0/16 of cluster 'ml-aks' overlaps VNet 'hub' (10.2.0.0/16)"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "la plage de services 10.2.0.0/16 du cluster « ml-aks » chevauche le VNet « hub » (10.2.0.0/16)"
        );
        let fix = found[0].fix.as_ref().expect("a free range exists");
        assert_eq!(fix.changes[0].value, json!("10.3.0.0/16"));
        assert_fix_resolves(ServiceCidrOverlapsOtherVnet, &changes);
    }

    #[test]
    fn an_overlap_with_a_vnet_peered_with_the_clusters_is_an_error() {
        // The plan records the peering once, on either side.
        for peering in [("/vnets/0/peerings", json!(["hub"])), ("/vnets/1/peerings", json!(["ML-VNET"]))] {
            let found = assert_fires(ServiceCidrOverlapsOtherVnet, &[hub(&["10.2.0.0/16"]), peering]);
            assert_eq!(found[0].severity, Severity::Error);
            assert_eq!(
                found[0].message,
                "service CIDR 10.2.0.0/16 of cluster 'ml-aks' overlaps VNet 'hub' (10.2.0.0/16), a VNet peered \
                 with the cluster's VNet 'ml-vnet'"
            );
            assert_eq!(
                found[0].text.render(Lang::Fr),
                "la plage de services 10.2.0.0/16 du cluster « ml-aks » chevauche le VNet « hub » (10.2.0.0/16), \
                 un VNet appairé avec le VNet « ml-vnet » du cluster"
            );
        }
        let found = assert_fires(ServiceCidrOverlapsOtherVnet, &[hub(&["10.2.0.0/16"])]);
        assert_eq!(found[0].severity, Severity::Warning, "without the peering");
    }

    #[test]
    fn reports_each_vnet_once_with_all_its_prefixes() {
        let found = assert_fires(ServiceCidrOverlapsOtherVnet, &[hub(&["10.2.0.0/24", "10.2.8.0/24"])]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/serviceCidr", "/vnets/1/addressPrefixes/0", "/vnets/1/addressPrefixes/1"]
        );
    }

    #[test]
    fn quiet_for_the_cluster_vnet_and_distant_vnets() {
        assert_quiet(ServiceCidrOverlapsOtherVnet, &[]);
        assert_quiet(ServiceCidrOverlapsOtherVnet, &[hub(&["10.3.0.0/16"])]);
        assert_quiet(ServiceCidrOverlapsOtherVnet, &[("/aksClusters/0/serviceCidr", json!("10.1.128.0/17"))]);
    }
}
