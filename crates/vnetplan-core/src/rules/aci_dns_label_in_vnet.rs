use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("An ACI deployment placed in a VNet must not set a DNS name label (dnsNameLabel)."),
    why: english!("A DNS name label gives a container group a public fully qualified domain name, and \
          container groups inside a virtual network cannot be exposed to the internet, neither by a \
          public IP nor by such a name. The Azure ML SDK does not stop the combination, so it is \
          only refused when Container Instances creates the group."),
    example: Example::Fragment("\"aciDeployments\": [{ \"name\": \"scoring-aci\", \"vnet\": \"ml-vnet\", \"subnet\": \"aci\", \
              \"dnsNameLabel\": \"my-scoring\" }]"),
    fix: english!("Remove the DNS name label (set dnsNameLabel to null) and call the service on its private IP \
          from inside the VNet or a peered network. If it must be public, put a gateway or load \
          balancer in front of it, or deploy without a VNet."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        let Some(label) = &deployment.dns_name_label else { continue };
        let subject = pointer::aci(index, "dnsNameLabel");
        out.push(
            Draft::new(format!(
                    "the ACI deployment '{}' in VNet '{}' sets DNS name label '{label}', which a container \
                     group in a VNet cannot have",
                    deployment.name, deployment.vnet
                ),
                vec![subject.clone()],
            )
            .with_fix(Some(Fix::set(
                format!("remove the DNS name label of deployment '{}'", deployment.name),
                subject,
                Value::Null,
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::AciDnsLabelInVnet;
    use crate::testing::{aci, aci_with, assert_fires, assert_fix_resolves, assert_quiet};

    #[test]
    fn fires_on_a_label() {
        let changes = aci_with(&[("/aciDeployments/0/dnsNameLabel", json!("my-scoring"))]);
        let found = assert_fires(AciDnsLabelInVnet, &changes);
        assert_eq!(found[0].subjects, ["/aciDeployments/0/dnsNameLabel"]);
        assert_eq!(
            found[0].message,
            "the ACI deployment 'scoring-aci' in VNet 'ml-vnet' sets DNS name label 'my-scoring', which a \
             container group in a VNet cannot have"
        );
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(Value::Null));
        assert_fix_resolves(AciDnsLabelInVnet, &changes);
    }

    #[test]
    fn quiet_without_a_label() {
        assert_quiet(AciDnsLabelInVnet, &aci());
        assert_quiet(AciDnsLabelInVnet, &aci_with(&[("/aciDeployments/0/dnsNameLabel", Value::Null)]));
    }
}
