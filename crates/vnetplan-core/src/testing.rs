//! Helpers for the pass/fail tests in the rule files.
//!
//! Every test starts from one valid plan (the guide's default AKS cluster in a VNet) and changes
//! a few fields by JSON pointer, so each test shows exactly what makes a rule fire.

use serde_json::{json, Value};

use crate::catalog::RuleId;
use crate::context::Context;
use crate::finding::{Finding, Findings, Severity};
use crate::fix::{apply_fix, set_pointer};
use crate::{check, plan_from_value, Plan};

/// The reference plan: no errors or warnings, one VNet, one AKS node subnet, one Azure CNI cluster.
pub(crate) fn base() -> Value {
    serde_json::from_str(crate::reference::REFERENCE_PLAN).expect("the reference plan is JSON")
}

/// Changes that add a delegated ACI subnet and a deployment in it to [`base`].
pub(crate) fn aci() -> Vec<(&'static str, Value)> {
    vec![
        (
            "/vnets/0/subnets/-",
            json!({
                "name": "aci",
                "addressPrefix": "10.1.8.0/24",
                "delegations": ["Microsoft.ContainerInstance/containerGroups"]
            }),
        ),
        ("/aciDeployments", json!([{ "name": "scoring-aci", "vnet": "ml-vnet", "subnet": "aci" }])),
    ]
}

/// Changes that make [`base`]'s cluster an Azure ML v2 Kubernetes compute behind a load balancer.
pub(crate) fn v2_cluster() -> Vec<(&'static str, Value)> {
    vec![
        ("/aksClusters/0/provisioning", json!("attach")),
        ("/aksClusters/0/azureMl", json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"})),
    ]
}

/// A second VNet, `hub-vnet`, with a subnet `pe` for the workspace private endpoint.
pub(crate) fn hub_vnet() -> (&'static str, Value) {
    (
        "/vnets/-",
        json!({
            "name": "hub-vnet",
            "resourceGroup": "ml-rg",
            "addressPrefixes": ["10.5.0.0/16"],
            "subnets": [{ "name": "pe", "addressPrefix": "10.5.0.0/24" }]
        }),
    )
}

/// [`aci`] followed by `extra`, for tests that change the ACI setup.
pub(crate) fn aci_with(extra: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
    let mut changes = aci();
    changes.extend(extra.iter().cloned());
    changes
}

/// [`base`] with `changes` made, in order.
pub(crate) fn plan_with(changes: &[(&str, Value)]) -> Plan {
    let mut value = base();
    for (path, new) in changes {
        set_pointer(&mut value, path, new.clone()).expect("test change applies to the base plan");
    }
    plan_from_value(&value).expect("test plan is a valid document")
}

/// What one rule alone reports for a plan.
pub(crate) fn findings(rule: RuleId, plan: &Plan) -> Vec<Finding> {
    let context = Context::new(plan);
    let mut out = Findings::default();
    rule.run(&context, &mut out);
    let mut found = out.into_vec();
    found.sort_by(Finding::report_order);
    crate::range_fixes::choose_fixes(&context, &mut found);
    found
}

/// Asserts that `rule` fires on [`base`] with `changes`, and returns what it reported.
pub(crate) fn assert_fires(rule: RuleId, changes: &[(&str, Value)]) -> Vec<Finding> {
    let found = findings(rule, &plan_with(changes));
    assert!(!found.is_empty(), "{} did not fire for {changes:?}", rule.id());
    for finding in &found {
        assert_eq!(finding.rule, rule);
        assert!(!finding.subjects.is_empty(), "{} reported no subject", rule.id());
    }
    found
}

/// Asserts that `rule` stays quiet on [`base`] with `changes`.
pub(crate) fn assert_quiet(rule: RuleId, changes: &[(&str, Value)]) {
    let found = findings(rule, &plan_with(changes));
    assert!(found.is_empty(), "{} fired for {changes:?}: {found:#?}", rule.id());
}

/// Asserts that the first finding's fix removes it and adds no error to the plan.
pub(crate) fn assert_fix_resolves(rule: RuleId, changes: &[(&str, Value)]) {
    let plan = plan_with(changes);
    let before = check(&plan);
    let found = findings(rule, &plan);
    let finding = found.first().expect("the rule fires");
    let fix = finding.fix.as_ref().expect("the finding has a fix");
    let fixed = apply_fix(&plan, fix).expect("the fix applies");
    let remaining = findings(rule, &fixed);
    assert!(
        !remaining.iter().any(|f| f.subjects == finding.subjects),
        "the fix of {} left the finding: {remaining:#?}",
        rule.id()
    );
    let after = check(&fixed);
    for error in after.findings.iter().filter(|f| f.severity == Severity::Error) {
        assert!(
            before.findings.iter().any(|f| f.rule == error.rule && f.subjects == error.subjects),
            "the fix of {} brought a new error: {error:#?}",
            rule.id()
        );
    }
}

#[test]
fn base_plan_has_no_errors_or_warnings() {
    for (changes, expected) in [(vec![], RuleId::RETIREMENT_NOTICES), (aci(), RuleId::RETIREMENT_NOTICES)] {
        let report = check(&plan_with(&changes));
        let serious: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info && !expected.contains(&f.rule))
            .collect();
        assert!(serious.is_empty(), "{serious:#?}");
    }
}
