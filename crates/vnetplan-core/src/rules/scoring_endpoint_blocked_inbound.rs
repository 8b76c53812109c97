use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "When scoringFromOutsideVnet is true, nsgAllowsScoringInbound must be true as well: a network \
         security group rule must let callers reach the scoring endpoint.",
        "Quand scoringFromOutsideVnet vaut true, nsgAllowsScoringInbound doit valoir true lui aussi : \
         une règle de groupe de sécurité réseau doit laisser les appelants atteindre le point de \
         terminaison de scoring.",
    ),
    why: text!(
        "A network security group ends with a rule that denies all inbound traffic not coming from the \
         virtual network or the Azure load balancer. Azure ML asks for an inbound rule for the scoring \
         endpoint's IP address when it is called from outside the VNet; without one the deployment \
         succeeds, but outside clients time out.",
        "Un groupe de sécurité réseau se termine par une règle qui refuse tout trafic entrant ne venant \
         ni du réseau virtuel ni de l’équilibreur de charge Azure. Azure ML demande une règle entrante \
         pour l’adresse IP du point de terminaison de scoring quand il est appelé depuis l’extérieur du \
         VNet ; sans elle, le déploiement réussit, mais les appels des clients externes expirent.",
    ),
    example: Example(&[
        ("/aksClusters/0/scoringFromOutsideVnet", "true"),
    ]),
    fix: text!(
        "Add an inbound security rule to the NSG of the cluster's subnet that allows the callers' \
         addresses to the scoring endpoint's IP on TCP 443 (or 80 without TLS), then set \
         nsgAllowsScoringInbound to true. All deployments on one AKS cluster share that IP, so one rule \
         per cluster is enough.",
        "Ajoutez au NSG du sous-réseau du cluster une règle de sécurité entrante qui autorise les \
         adresses des appelants vers l’IP du point de terminaison de scoring en TCP 443 (ou 80 sans \
         TLS), puis passez nsgAllowsScoringInbound à true. Tous les déploiements d’un même cluster AKS \
         partagent cette IP : une règle par cluster suffit.",
    ),
    sources: &[
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
        Source {
            title: "Network security groups",
            location: "MicrosoftDocs/azure-docs:articles/virtual-network/network-security-groups-overview.md@0088bfa7",
            date: "0088bfa7",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.clusters() {
        if !cluster.scoring_from_outside_vnet() || cluster.nsg_allows_scoring_inbound() {
            continue;
        }
        // The NSG and the endpoint's IP are not in the plan; the VNet's resource group is the
        // likeliest home of the subnet's NSG, so the command starts from it.
        let resource_group = facts
            .node
            .vnet
            .and_then(|vnet| context.vnet(vnet))
            .map_or("<resource-group>", |vnet| vnet.resource_group.as_str());
        out.push(
            Draft::new(
                msg!(
                    [
                        "the scoring endpoint of cluster '{cluster}' is called from outside the VNet, but \
                         no NSG inbound rule admits traffic to its IP",
                        "le point de terminaison de scoring du cluster « {cluster} » est appelé depuis \
                         l’extérieur du VNet, mais aucune règle NSG entrante n’admet le trafic vers son IP"
                    ],
                    cluster = &cluster.name,
                ),
                vec![
                    pointer::cluster(index, "nsgAllowsScoringInbound"),
                    pointer::cluster(index, "scoringFromOutsideVnet"),
                ],
            )
            .with_fix(Some(Fix::set(
                msg!(
                    [
                        "admit outside callers to the scoring endpoint IP of cluster '{cluster}' with an NSG \
                         inbound rule on the cluster's subnet, then record it here: `az network nsg rule \
                         create --resource-group {group} --nsg-name <nsg> --name allow-scoring --priority \
                         200 --direction Inbound --access Allow --protocol Tcp \
                         --destination-address-prefixes <scoring-ip> --destination-port-ranges 443` (80 \
                         without TLS)",
                        "admettre les appelants externes vers l’IP du point de terminaison de scoring du \
                         cluster « {cluster} » par une règle NSG entrante sur le sous-réseau du cluster, \
                         puis l’indiquer ici : `az network nsg rule create --resource-group {group} \
                         --nsg-name <nsg> --name allow-scoring --priority 200 --direction Inbound --access \
                         Allow --protocol Tcp --destination-address-prefixes <scoring-ip> \
                         --destination-port-ranges 443` (80 sans TLS)"
                    ],
                    cluster = &cluster.name,
                    group = resource_group,
                ),
                pointer::cluster(index, "nsgAllowsScoringInbound"),
                true,
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ScoringEndpointBlockedInbound;
    use crate::finding::FixKind;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_when_outside_callers_have_no_inbound_rule() {
        let changes = [("/aksClusters/0/scoringFromOutsideVnet", json!(true))];
        let found = assert_fires(ScoringEndpointBlockedInbound, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/nsgAllowsScoringInbound", "/aksClusters/0/scoringFromOutsideVnet"]
        );
        assert_eq!(
            found[0].message,
            "the scoring endpoint of cluster 'ml-aks' is called from outside the VNet, but no NSG inbound \
             rule admits traffic to its IP"
        );
        let fix = found[0].fix.as_ref().expect("recording the rule resolves it");
        assert!(
            fix.title.contains("`az network nsg rule create --resource-group ml-rg --nsg-name <nsg>"),
            "{}",
            fix.title
        );
        assert_eq!(fix.kind, FixKind::Attestation);
        assert!(fix.text.render(Lang::Fr).starts_with(
            "admettre les appelants externes vers l’IP du point de terminaison de scoring du cluster « ml-aks »"
        ));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le point de terminaison de scoring du cluster « ml-aks » est appelé depuis l’extérieur du \
             VNet, mais aucune règle NSG entrante n’admet le trafic vers son IP"
        );
        assert_fix_resolves(ScoringEndpointBlockedInbound, &changes);
    }

    #[test]
    fn quiet_inside_the_vnet_or_with_an_inbound_rule() {
        assert_quiet(ScoringEndpointBlockedInbound, &[]);
        assert_quiet(
            ScoringEndpointBlockedInbound,
            &[
                ("/aksClusters/0/scoringFromOutsideVnet", json!(true)),
                ("/aksClusters/0/nsgAllowsScoringInbound", json!(true)),
            ],
        );
    }
}
