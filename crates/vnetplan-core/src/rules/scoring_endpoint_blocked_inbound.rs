use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterFacts, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{AksCluster, RouterServiceType};
use crate::pointer;
use crate::sources;
use crate::text::Message;

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
         addresses to the scoring endpoint's IP on TCP 443 (or 80 without TLS), or, for a v2 router on a \
         node port, to the node subnet on ports 30000-32767, then set nsgAllowsScoringInbound to true. All deployments on one AKS cluster share that IP, so one rule \
         per cluster is enough.",
        "Ajoutez au NSG du sous-réseau du cluster une règle de sécurité entrante qui autorise les \
         adresses des appelants vers l’IP du point de terminaison de scoring en TCP 443 (ou 80 sans \
         TLS), ou, pour un routeur v2 sur un port de nœud, vers le sous-réseau des nœuds sur les ports \
         30000-32767, puis passez nsgAllowsScoringInbound à true. Tous les déploiements d’un même cluster AKS \
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
                inbound_rule_fix(context, cluster, facts, resource_group),
                pointer::cluster(index, "nsgAllowsScoringInbound"),
                true,
            ))),
        );
    }
}

/// The attestation's command, aimed where callers arrive: a v2 router on a node port is reached
/// on every node's address in the node port range, any other router on the scoring IP, over HTTPS
/// unless a v2 cluster allows plain HTTP.
fn inbound_rule_fix(
    context: &Context<'_>,
    cluster: &AksCluster,
    facts: &ClusterFacts,
    group: &str,
) -> Message {
    let azure_ml = cluster.azure_ml();
    let node_port = cluster.is_v2() && azure_ml.router_service_type() == Some(RouterServiceType::NodePort);
    let (destination, ports) = if node_port {
        let node_subnet = facts.node.vnet.zip(facts.node.subnet).and_then(|(v, s)| context.subnet(v, s));
        (node_subnet.map_or("<node-subnet-prefix>", |subnet| subnet.address_prefix.as_str()), "30000-32767")
    } else if cluster.is_v2() && azure_ml.allow_insecure_connections() {
        ("<scoring-ip>", "80")
    } else {
        ("<scoring-ip>", "443")
    };
    let fix = msg!(
        [
            "admit outside callers to the scoring endpoint of cluster '{cluster}' with an NSG inbound rule on \
             the cluster's subnet, then record it here: `az network nsg rule create --resource-group {group} \
             --nsg-name <nsg> --name allow-scoring --priority 200 --direction Inbound --access Allow \
             --protocol Tcp --destination-address-prefixes {destination} --destination-port-ranges {ports}`",
            "admettre les appelants externes vers le point de terminaison de scoring du cluster « {cluster} » \
             par une règle NSG entrante sur le sous-réseau du cluster, puis l’indiquer ici : `az network nsg \
             rule create --resource-group {group} --nsg-name <nsg> --name allow-scoring --priority 200 \
             --direction Inbound --access Allow --protocol Tcp --destination-address-prefixes {destination} \
             --destination-port-ranges {ports}`"
        ],
        cluster = &cluster.name,
        group = group,
        destination = destination,
        ports = ports,
    );
    if cluster.is_v2() {
        return fix;
    }
    // v1 leaves TLS to the deployment, which the plan does not hold.
    msg!(["{fix} (80 without TLS)", "{fix} (80 sans TLS)"]).with_message("fix", fix)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ScoringEndpointBlockedInbound;
    use crate::finding::FixKind;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn a_v2_router_gets_its_own_destination_and_port() {
        let fix_title = |azure_ml: serde_json::Value| {
            let changes = [
                ("/aksClusters/0/provisioning", json!("attach")),
                ("/aksClusters/0/azureMl", azure_ml),
                ("/aksClusters/0/scoringFromOutsideVnet", json!(true)),
            ];
            let found = assert_fires(ScoringEndpointBlockedInbound, &changes);
            found[0].fix.as_ref().expect("an attestation").title.clone()
        };
        let node_port = fix_title(json!({"api": "v2", "inferenceRouterServiceType": "nodePort"}));
        assert!(
            node_port.ends_with(
                "--destination-address-prefixes 10.1.0.0/22 --destination-port-ranges 30000-32767`"
            ),
            "{node_port}"
        );
        let plain = fix_title(
            json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer", "allowInsecureConnections": true}),
        );
        assert!(plain.ends_with("<scoring-ip> --destination-port-ranges 80`"), "{plain}");
        let tls = fix_title(json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"}));
        assert!(tls.ends_with("<scoring-ip> --destination-port-ranges 443`"), "{tls}");
    }

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
            "admettre les appelants externes vers le point de terminaison de scoring du cluster « ml-aks »"
        ));
        assert!(fix.title.ends_with("--destination-port-ranges 443` (80 without TLS)"), "{}", fix.title);
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
