use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "An ACI deployment placed in a VNet must not set a DNS name label (dnsNameLabel).",
        "Un déploiement ACI placé dans un VNet ne doit pas définir d’étiquette de nom DNS \
         (dnsNameLabel)."
    ),
    why: text!(
        "A DNS name label gives a container group a public fully qualified domain name, and a container \
         group inside a virtual network cannot be exposed to the internet, neither by a public IP nor by \
         such a name. The Azure ML v1 SDK lets the combination through, so it only fails when Container \
         Instances creates the group.",
        "Une étiquette de nom DNS donne au groupe de conteneurs un nom de domaine complet public, or un \
         groupe de conteneurs placé dans un réseau virtuel ne peut être exposé à Internet ni par une IP \
         publique ni par un tel nom. Le SDK Azure ML v1 laisse passer la combinaison : elle n’échoue \
         qu’au moment où Container Instances crée le groupe."
    ),
    example: Example(&[
        (
            "/vnets/0/subnets/-",
            r#"{"name": "aci", "addressPrefix": "10.1.8.0/24", "delegations": ["Microsoft.ContainerInstance/containerGroups"]}"#,
        ),
        (
            "/aciDeployments",
            r#"[{"name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci", "dnsNameLabel": "my-scoring"}]"#,
        ),
    ]),
    fix: text!(
        "Remove the DNS name label (set dnsNameLabel to null) and call the service on its private IP \
         from inside the VNet or a peered network. If it must be reachable from the internet, put a \
         gateway in front of it, or deploy it outside the VNet.",
        "Supprimez l’étiquette de nom DNS (dnsNameLabel à null) et appelez le service sur son IP privée \
         depuis le VNet ou un réseau appairé. S’il doit être joignable depuis Internet, placez une \
         passerelle devant lui, ou déployez-le hors du VNet."
    ),
    sources: &[sources::CONTAINER_INSTANCES_VIRTUAL_NETWORK_CONCEPTS],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, deployment) in context.plan.aci_deployments.iter().enumerate() {
        let Some(label) = &deployment.dns_name_label else { continue };
        let subject = pointer::aci(index, "dnsNameLabel");
        let message = msg!(
            [
                "the ACI deployment '{deployment}' in VNet '{vnet}' sets DNS name label '{label}', which \
                 a container group in a VNet cannot have",
                "le déploiement ACI « {deployment} » du VNet « {vnet} » définit l’étiquette de nom DNS \
                 « {label} », qu’un groupe de conteneurs placé dans un VNet ne peut pas avoir"
            ],
            deployment = &deployment.name,
            vnet = &deployment.vnet,
            label = label,
        );
        let title = msg!(
            [
                "remove the DNS name label of deployment '{deployment}'",
                "supprimer l’étiquette de nom DNS du déploiement « {deployment} »"
            ],
            deployment = &deployment.name,
        );
        out.push(Draft::new(message, vec![subject.clone()]).with_fix(Some(Fix::set(
            title,
            subject,
            Value::Null,
        ))));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::AciDnsLabelInVnet;
    use crate::testing::{aci, aci_with, assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

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
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le déploiement ACI « scoring-aci » du VNet « ml-vnet » définit l’étiquette de nom DNS \
             « my-scoring », qu’un groupe de conteneurs placé dans un VNet ne peut pas avoir"
        );
        let fix = found[0].fix.as_ref().expect("removing the label resolves it");
        assert_eq!(
            fix.text.render(Lang::Fr),
            "supprimer l’étiquette de nom DNS du déploiement « scoring-aci »"
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
