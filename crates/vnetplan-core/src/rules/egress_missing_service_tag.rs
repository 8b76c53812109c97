use serde_json::Value;

use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::{Draft, Fix, RuleFindings};

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("When outbound traffic is restricted, the allowed service tags should cover every tag Azure \
           ML lists for inference: AzureActiveDirectory, AzureMachineLearning, AzureResourceManager, \
           Storage (or Storage.<region>), AzureFrontDoor.FrontEnd, AzureFrontDoor.FirstParty, \
           MicrosoftContainerRegistry and AzureMonitor. A tag scoped to the plan's region counts for \
           the global one, and case does not matter. The container registry tag has a rule of its own."),
    why: english!("Overriding the default outbound rules cuts a deployment off from services it talks to: \
          Microsoft Entra ID for tokens (AzureActiveDirectory, ports 80 and 443), the Azure ML \
          service itself (AzureMachineLearning, 443 and a few service ports), Resource Manager, the \
          workspace storage account, the base images Microsoft publishes \
          (MicrosoftContainerRegistry with AzureFrontDoor.FirstParty, which also set up the Azure ML \
          router on AKS), Front Door and Azure Monitor. The deployment may create but then fail to \
          authenticate, load the model or report its health."),
    example: Example::Fragment("\"egress\": { \"restricted\": true, \"allowedServiceTags\": \
              [\"AzureContainerRegistry.eastus2\", \"AzureActiveDirectory\"] }"),
    fix: english!("Add outbound rules for the missing tags (HTTPS 443 in all cases; see the Azure ML firewall \
          guidance for the extra ports of AzureMachineLearning and AzureActiveDirectory) and list them \
          in allowedServiceTags."),
    sources: &[],
};

/// The tags Azure ML inference needs, and whether the fix should scope the tag to the region.
const REQUIRED: [(&str, bool); 8] = [
    ("AzureActiveDirectory", false),
    ("AzureMachineLearning", false),
    ("AzureResourceManager", false),
    ("Storage", true),
    ("AzureFrontDoor.FrontEnd", false),
    ("AzureFrontDoor.FirstParty", false),
    ("MicrosoftContainerRegistry", false),
    ("AzureMonitor", false),
];

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let plan = context.plan;
    if !plan.egress.restricted() {
        return;
    }
    let tags = &plan.egress.allowed_service_tags;
    let region = plan.region.as_str();
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|(tag, _)| !allows(tags, tag, region))
        .map(
            |(tag, scoped)| {
                if *scoped && !region.is_empty() {
                    format!("{tag}.{region}")
                } else {
                    (*tag).to_owned()
                }
            },
        )
        .collect();
    if missing.is_empty() {
        return;
    }
    let named = missing.iter().map(|tag| format!("'{tag}'")).collect::<Vec<_>>().join(", ");
    let mut value: Vec<Value> = tags.iter().cloned().map(Value::String).collect();
    value.extend(missing.iter().cloned().map(Value::String));
    let subject = pointer::egress("allowedServiceTags");
    out.push(
        Draft::new(format!(
                "egress is restricted and the allowed service tags miss {named}, which Azure ML \
                 inference uses"
            ),
            vec![subject.clone()],
        )
        .with_fix(Some(Fix::set(
            format!("allow the service tag{} {}", plural(missing.len()), missing.join(", ")),
            subject,
            Value::Array(value),
        ))),
    );
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// Service tag names are matched without regard to case, as Azure writes regions in mixed case
/// (Storage.EastUS2) while plans write them in lower case.
fn allows(tags: &[String], tag: &str, region: &str) -> bool {
    let regional = format!("{tag}.{region}");
    tags.iter().any(|allowed| allowed.eq_ignore_ascii_case(tag) || allowed.eq_ignore_ascii_case(&regional))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::EgressMissingServiceTag;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};

    const ALL: [&str; 8] = [
        "AzureActiveDirectory",
        "AzureMachineLearning",
        "AzureResourceManager",
        "Storage.eastus2",
        "AzureFrontDoor.FrontEnd",
        "AzureFrontDoor.FirstParty",
        "MicrosoftContainerRegistry",
        "AzureMonitor",
    ];

    #[test]
    fn fires_listing_every_missing_tag() {
        let changes = [(
            "/egress",
            json!({"restricted": true, "allowedServiceTags": [
                "AzureContainerRegistry.EastUS2", "azureactivedirectory", "AzureMachineLearning.EastUS2",
                "AzureResourceManager", "Storage.WestEurope", "AzureFrontDoor.FrontEnd", "AzureMonitor"
            ]}),
        )];
        let found = assert_fires(EgressMissingServiceTag, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, ["/egress/allowedServiceTags"]);
        assert_eq!(
            found[0].message,
            "egress is restricted and the allowed service tags miss 'Storage.eastus2', \
             'AzureFrontDoor.FirstParty', 'MicrosoftContainerRegistry', which Azure ML inference uses"
        );
        let fix = found[0].fix.as_ref().expect("tags can always be added");
        assert_eq!(
            fix.changes[0].value.as_array().map(|tags| tags[7..].to_vec()),
            Some(vec![
                json!("Storage.eastus2"),
                json!("AzureFrontDoor.FirstParty"),
                json!("MicrosoftContainerRegistry")
            ])
        );
        assert_fix_resolves(EgressMissingServiceTag, &changes);
    }

    #[test]
    fn fires_on_an_empty_list() {
        let found = assert_fires(EgressMissingServiceTag, &[("/egress", json!({"restricted": true}))]);
        assert_eq!(found[0].fix.as_ref().map(|fix| fix.changes[0].value.clone()), Some(json!(ALL)));
    }

    #[test]
    fn quiet_when_all_are_allowed_or_unrestricted() {
        assert_quiet(EgressMissingServiceTag, &[]);
        assert_quiet(EgressMissingServiceTag, &[("/egress", json!({"restricted": false}))]);
        assert_quiet(
            EgressMissingServiceTag,
            &[("/egress", json!({"restricted": true, "allowedServiceTags": ALL}))],
        );
        let mut global = ALL.to_vec();
        global[3] = "STORAGE";
        assert_quiet(
            EgressMissingServiceTag,
            &[("/egress", json!({"restricted": true, "allowedServiceTags": global}))],
        );
    }
}
