use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("When scoringFromOutsideVnet is true, nsgAllowsScoringInbound must be true as well: \
           some network security group rule must admit callers to the scoring endpoint."),
    why: english!("An NSG ends with a rule that denies all inbound traffic not coming from the virtual \
          network or the Azure load balancer. Azure ML's guidance is to add an inbound rule \
          for the scoring endpoint's IP address when it is called from outside the VNet; \
          without one the deployment succeeds but outside clients time out."),
    example: Example::Fragment("\"scoringFromOutsideVnet\": true, \"nsgAllowsScoringInbound\": false"),
    fix: english!("Add an inbound security rule to the NSG of the cluster's subnet that allows the \
          callers' addresses to the scoring endpoint's IP on TCP 443 (or 80 without TLS), then \
          set nsgAllowsScoringInbound to true. Every deployment on one AKS cluster shares that \
          IP, so one rule per cluster is enough."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        if !cluster.scoring_from_outside_vnet() || cluster.nsg_allows_scoring_inbound() {
            continue;
        }
        out.push(
            Draft::new(format!(
                    "the scoring endpoint of cluster '{}' is called from outside the VNet, but no NSG \
                     inbound rule admits traffic to its IP",
                    cluster.name
                ),
                vec![
                    pointer::cluster(index, "nsgAllowsScoringInbound"),
                    pointer::cluster(index, "scoringFromOutsideVnet"),
                ],
            )
            .with_fix(Some(Fix::set(
                format!(
                    "add an NSG inbound rule that allows the scoring endpoint IP of cluster '{}' on \
                     TCP 443 (80 without TLS)",
                    cluster.name
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
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

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
