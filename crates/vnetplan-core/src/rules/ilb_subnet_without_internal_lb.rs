use crate::capacity::still_fits;
use crate::catalog::{Example, RuleDoc, Source};
use crate::context::{ClusterFacts, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::plan::{AksCluster, Choice, LoadBalancerType};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A cluster may name a loadBalancerSubnet only when its loadBalancerType is \
         InternalLoadBalancer; with PublicIp, the default, the field must stay empty.",
        "Un cluster ne peut indiquer un loadBalancerSubnet que si son loadBalancerType vaut \
         InternalLoadBalancer ; avec PublicIp, la valeur par défaut, ce champ doit rester vide."
    ),
    why: text!(
        "A public load balancer takes its front end from a public IP address, so a subnet means \
         nothing to it. The Azure ML v1 SDK validates the attach and update configurations and \
         refuses a load balancer subnet together with a public load balancer: the subnet may only \
         differ from its default for an internal one.",
        "Un équilibreur de charge public tire son adresse frontale d’une IP publique : un \
         sous-réseau n’a aucun sens pour lui. Le SDK Azure ML v1 valide les configurations \
         d’attachement et de mise à jour et refuse un sous-réseau d’équilibreur associé à un \
         équilibreur public : le sous-réseau ne peut s’écarter de sa valeur par défaut que pour un \
         équilibreur interne."
    ),
    example: Example(&[
        ("/vnets/0/subnets/-", r#"{"name": "ilb", "addressPrefix": "10.1.4.0/24"}"#),
        ("/aksClusters/0/loadBalancerSubnet", r#""ilb""#),
    ]),
    fix: text!(
        "If the scoring endpoint should have a private address, set loadBalancerType to \
         InternalLoadBalancer; the named subnet must then belong to the cluster's VNet and must not \
         be delegated to ACI. If a public endpoint was intended, remove loadBalancerSubnet.",
        "Si le point de terminaison de scoring doit avoir une adresse privée, passez \
         loadBalancerType à InternalLoadBalancer ; le sous-réseau nommé doit alors appartenir au \
         VNet du cluster et ne pas être délégué à ACI. Si un point de terminaison public était \
         voulu, supprimez loadBalancerSubnet."
    ),
    sources: &[
        Source {
            title: "azureml-core 1.61.0.post4: AksAttachConfiguration and AksUpdateConfiguration validation",
            location: "azureml-core 1.61.0.post4 (PyPI wheel):azureml/core/compute/aks.py",
            date: "1.61.0.post4",
        },
        sources::HOW_TO_SECURE_INFERENCING_VNET_2024_01_31,
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, facts) in context.v1_clusters() {
        if cluster.load_balancer_type() != LoadBalancerType::PublicIp {
            continue;
        }
        let Some(name) = cluster.load_balancer_subnet.as_deref() else { continue };
        let fix = internal_is_safe(context, index, cluster, facts, name).then(|| {
            Fix::set(
                msg!(
                    [
                        "make the load balancer of cluster '{cluster}' internal, in subnet '{name}'",
                        "rendre interne l’équilibreur de charge du cluster « {cluster} », dans le \
                         sous-réseau « {name} »"
                    ],
                    cluster = &cluster.name,
                    name = name,
                ),
                pointer::cluster(index, "loadBalancerType"),
                LoadBalancerType::InternalLoadBalancer.as_str(),
            )
        });
        out.push(
            Draft::new(
                msg!(
                    [
                        "cluster '{cluster}' names load balancer subnet '{name}' but its load balancer is \
                         public (PublicIp); only an internal load balancer takes a subnet",
                        "le cluster « {cluster} » nomme le sous-réseau d’équilibreur de charge « {name} », \
                         mais son équilibreur est public (PublicIp) ; seul un équilibreur de charge interne \
                         prend un sous-réseau"
                    ],
                    cluster = &cluster.name,
                    name = name,
                ),
                vec![
                    pointer::cluster(index, "loadBalancerSubnet"),
                    pointer::cluster(index, "loadBalancerType"),
                ],
            )
            .with_fix(fix),
        );
    }
}

/// Whether switching to an internal load balancer in `name` adds no error: the subnet must be one
/// of the cluster's VNet, be free of ACI (by delegation or by deployment), and when it is the
/// node subnet still have an address for the load balancer's front end.
fn internal_is_safe(
    context: &Context<'_>,
    index: usize,
    cluster: &AksCluster,
    facts: &ClusterFacts,
    name: &str,
) -> bool {
    let Some(vnet) = facts.node.vnet else { return false };
    let Some(subnet) = context.subnet_named(vnet, name) else { return false };
    let delegated_to_aci = context.subnet(vnet, subnet).is_some_and(crate::plan::Subnet::is_aci_delegated);
    let holds_aci =
        context.aci.iter().any(|placement| placement.vnet == Some(vnet) && placement.subnet == Some(subnet));
    if delegated_to_aci || holds_aci {
        return false;
    }
    let internal =
        AksCluster { load_balancer_type: Some(LoadBalancerType::InternalLoadBalancer), ..cluster.clone() };
    still_fits(context, index, &internal)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::IlbSubnetWithoutInternalLb;
    use crate::testing::{aci_with, assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn ilb_subnet() -> (&'static str, serde_json::Value) {
        ("/vnets/0/subnets/-", json!({"name": "ilb", "addressPrefix": "10.1.4.0/24"}))
    }

    #[test]
    fn fires_on_a_subnet_with_a_public_load_balancer() {
        let changes = [ilb_subnet(), ("/aksClusters/0/loadBalancerSubnet", json!("ilb"))];
        let found = assert_fires(IlbSubnetWithoutInternalLb, &changes);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/loadBalancerSubnet", "/aksClusters/0/loadBalancerType"]
        );
        assert_eq!(
            found[0].message,
            "cluster 'ml-aks' names load balancer subnet 'ilb' but its load balancer is public (PublicIp); \
             only an internal load balancer takes a subnet"
        );
        let fix = found[0].fix.as_ref().expect("'ilb' is a plain subnet of the cluster's VNet");
        assert_eq!(fix.changes[0].value, json!("InternalLoadBalancer"));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » nomme le sous-réseau d’équilibreur de charge « ilb », mais son \
             équilibreur est public (PublicIp) ; seul un équilibreur de charge interne prend un sous-réseau"
        );
        assert_eq!(
            fix.text.render(Lang::Fr),
            "rendre interne l’équilibreur de charge du cluster « ml-aks », dans le sous-réseau « ilb »"
        );
        assert_fix_resolves(IlbSubnetWithoutInternalLb, &changes);
    }

    #[test]
    fn offers_no_fix_for_an_aci_subnet() {
        let changes = aci_with(&[("/aksClusters/0/loadBalancerSubnet", json!("aci"))]);
        let found = assert_fires(IlbSubnetWithoutInternalLb, &changes);
        assert_eq!(found[0].fix, None);
    }

    #[test]
    fn offers_no_fix_for_an_aci_delegation_in_another_case() {
        let delegated = json!({
            "name": "ilb",
            "addressPrefix": "10.1.4.0/24",
            "delegations": ["microsoft.containerinstance/containergroups"]
        });
        let changes =
            [("/vnets/0/subnets/-", delegated), ("/aksClusters/0/loadBalancerSubnet", json!("ilb"))];
        let found = assert_fires(IlbSubnetWithoutInternalLb, &changes);
        assert_eq!(found[0].fix, None);
    }

    #[test]
    fn offers_no_fix_for_a_subnet_of_another_vnet() {
        let changes = [("/aksClusters/0/loadBalancerSubnet", json!("elsewhere"))];
        let found = assert_fires(IlbSubnetWithoutInternalLb, &changes);
        assert_eq!(found[0].fix, None);
    }

    #[test]
    fn quiet_without_a_subnet_or_with_an_internal_load_balancer() {
        assert_quiet(IlbSubnetWithoutInternalLb, &[]);
        assert_quiet(
            IlbSubnetWithoutInternalLb,
            &[
                ilb_subnet(),
                ("/aksClusters/0/loadBalancerSubnet", json!("ilb")),
                ("/aksClusters/0/loadBalancerType", json!("InternalLoadBalancer")),
            ],
        );
    }
}
