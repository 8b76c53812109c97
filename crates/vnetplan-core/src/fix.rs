//! Applying fixes: to one finding, or all of them (`suggest`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::catalog::RuleId;
use crate::check::{check, Report};
use crate::finding::{Change, Finding, Fix, FixKind, Severity};
use crate::parse::{plan_from_value, ParseError};
use crate::text::Message;
use crate::Plan;

/// The plan with one fix's changes made. A change whose path does not exist in the plan, or
/// whose value the plan format does not accept, leaves nothing changed and says why.
pub fn apply_fix(plan: &Plan, fix: &Fix) -> Result<Plan, ParseError> {
    let document = serde_json::to_value(plan)
        .map_err(|error| ParseError::at(String::new(), Message::verbatim(error.to_string())))?;
    apply_fix_to_document(document, fix)
}

/// [`apply_fix`] for a caller that keeps the plan's JSON document already, as the page does:
/// the plan is read back from `document` with the fix's changes made.
pub fn apply_fix_to_document(mut value: Value, fix: &Fix) -> Result<Plan, ParseError> {
    for change in &fix.changes {
        set_pointer(&mut value, &change.path, change.value.clone())
            .map_err(|problem| ParseError::at(change.path.clone(), Message::verbatim(problem)))?;
    }
    plan_from_value(&value)
}

/// Puts `new` at an RFC 6901 pointer. The last token may name a new member of an object, or
/// `-` (or the length) to append to an array. A plan leaves out the lists and objects it does not
/// use (absent stays absent), so a member of an object missing on the way is created: a list when
/// the token after it appends (`-` or `0`), an object otherwise. An index past the end of a list,
/// or a token into a value that is neither, is still an error.
pub fn set_pointer(root: &mut Value, pointer: &str, new: Value) -> Result<(), String> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!("'{pointer}' is not a JSON pointer: it must start with '/'"));
    };
    let tokens: Vec<String> = rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
    let Some((last, parents)) = tokens.split_last() else {
        return Err("the pointer is empty".to_owned());
    };
    let mut target = root;
    for (depth, token) in parents.iter().enumerate() {
        let next = tokens.get(depth + 1).map_or("", String::as_str);
        target = match target {
            Value::Object(map) => Some(map.entry(token.clone()).or_insert_with(|| {
                if next == "-" || next == "0" {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(serde_json::Map::new())
                }
            })),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| format!("nothing at '{token}' in {pointer}"))?;
    }
    match target {
        Value::Object(map) => {
            map.insert(last.clone(), new);
            Ok(())
        }
        Value::Array(items) => {
            let length = items.len();
            match last.as_str() {
                "-" => items.push(new),
                index => match index.parse::<usize>() {
                    Ok(i) if i == length => items.push(new),
                    Ok(i) if i < length => {
                        if let Some(slot) = items.get_mut(i) {
                            *slot = new;
                        }
                    }
                    _ => return Err(format!("'{index}' is not an index of a list of {length}")),
                },
            }
            Ok(())
        }
        _ => Err(format!("'{pointer}' does not lead into an object or a list")),
    }
}

/// Removes what an RFC 6901 pointer names: a member of an object or an item of a list.
pub fn remove_pointer(root: &mut Value, pointer: &str) -> Result<Value, String> {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return Err(format!("'{pointer}' is not a JSON pointer: it must start with '/'"));
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    let container = if parent.is_empty() { Some(root) } else { root.pointer_mut(parent) };
    match container {
        Some(Value::Object(map)) => map.remove(&key).ok_or_else(|| format!("nothing at {pointer}")),
        Some(Value::Array(items)) => match key.parse::<usize>() {
            Ok(index) if index < items.len() => Ok(items.remove(index)),
            _ => Err(format!("'{key}' is not an index of a list of {}", items.len())),
        },
        _ => Err(format!("nothing at {parent}")),
    }
}

type FindingKey = (RuleId, Vec<String>);

fn keys(report: &Report, severity: Severity) -> HashSet<FindingKey> {
    report
        .findings
        .iter()
        .filter(|finding| finding.severity == severity)
        .map(|finding| (finding.rule, finding.subjects.clone()))
        .collect()
}

/// A fix is kept only when it removes its own finding and brings no error or warning that was
/// not there before: `suggest` must never make a plan worse.
fn improves(before: &Report, after: &Report, fixed: &Finding) -> bool {
    let key = (fixed.rule, fixed.subjects.clone());
    let gone = !after.findings.iter().any(|finding| (finding.rule, finding.subjects.clone()) == key);
    gone && [Severity::Error, Severity::Warning]
        .into_iter()
        .all(|severity| keys(after, severity).is_subset(&keys(before, severity)))
}

/// The plan with every design fix applied that helps, re-checking after each one. Fixes that
/// would bring a new error or warning are left out, so the result is never worse than the input.
/// Attestations are never applied: they record that a person did something in Azure, which only
/// that person can say.
///
/// # Examples
///
/// ```
/// let plan = vnetplan_core::parse_plan(r#"{
///   "schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "rg"},
///   "vnets": [{"name": "ml-vnet", "resourceGroup": "rg", "addressPrefixes": ["10.0.0.0/16"],
///              "subnets": [{"name": "aks", "addressPrefix": "10.0.0.0/22"}]}],
///   "aksClusters": [{"name": "ml-aks", "vnet": "ml-vnet", "subnet": "aks", "serviceCidr": "10.0.0.0/16",
///     "dnsServiceIP": "10.0.0.10", "dockerBridgeCidr": "172.17.0.1/16", "nodeCount": 3,
///     "networkContributorGranted": true}]
/// }"#).unwrap();
/// assert!(vnetplan_core::check(&plan).has_errors());
/// assert!(!vnetplan_core::check(&vnetplan_core::suggest(&plan)).has_errors());
/// ```
pub fn suggest(plan: &Plan) -> Plan {
    suggest_with_fixes(plan).plan
}

/// What [`suggest`] did: the plan it returns and, in order, each fix it applied with the values
/// that fix overwrote or removed, so that a caller can tell the user what they wrote is gone.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub plan: Plan,
    pub applied: Vec<AppliedFix>,
}

/// One fix [`suggest`] applied.
#[derive(Debug, Clone)]
pub struct AppliedFix {
    pub fix: Fix,
    /// The values the plan held at the fix's paths before it, where it held one that the fix
    /// changed; a fix that sets `null` removes the value.
    pub replaced: Vec<Change>,
}

/// [`suggest`], with the fixes it applied.
pub fn suggest_with_fixes(plan: &Plan) -> Suggestion {
    let mut state = Suggesting { applied: Vec::new(), current: plan.clone(), report: check(plan) };
    // Each round applies at least one fix that removes a finding without adding any, so the
    // number of rounds is bounded by the findings; the cap only guards against surprises.
    for _ in 0..256 {
        // A cluster switched to `attach` is one that exists, whose values are facts of Azure
        // rather than choices: its other fixes are applied first, while they are still choices.
        if !state.round(false) && !state.round(true) {
            break;
        }
    }
    Suggestion { plan: state.current, applied: state.applied }
}

struct Suggesting {
    applied: Vec<AppliedFix>,
    current: Plan,
    report: Report,
}

impl Suggesting {
    /// Applies, in report order, each design fix that still helps: when `provisioning`, only
    /// those that change a cluster's provisioning, and otherwise only the others. Whether any
    /// was applied.
    fn round(&mut self, provisioning: bool) -> bool {
        let mut progressed = false;
        let mut still_found = current_findings(&self.report);
        for listed in self.report.findings.clone() {
            // A fix applied earlier in the round may have removed this finding, or changed what
            // its fix should be: only a finding of the current report, with its current fix, is
            // acted on, so no stale fix undoes what the user typed.
            let at = still_found.get(&(listed.rule, listed.subjects.clone()));
            let Some(finding) = at.and_then(|&at| self.report.findings.get(at)).cloned() else {
                continue;
            };
            let Some(fix) = finding.fix.as_ref().filter(|fix| fix.kind == FixKind::Design) else { continue };
            if changes_provisioning(fix) != provisioning {
                continue;
            }
            // One document both tells what the fix would replace and takes its changes.
            let Ok(document) = serde_json::to_value(&self.current) else { continue };
            let replaced = replaced_values(&document, fix);
            let Ok(candidate) = apply_fix_to_document(document, fix) else { continue };
            // A fix an earlier one already carried out changes nothing, and is not one applied.
            if candidate == self.current {
                continue;
            }
            let next = check(&candidate);
            if improves(&self.report, &next, &finding) {
                self.applied.push(AppliedFix { replaced, fix: fix.clone() });
                self.current = candidate;
                self.report = next;
                still_found = current_findings(&self.report);
                progressed = true;
            }
        }
        progressed
    }
}

fn changes_provisioning(fix: &Fix) -> bool {
    fix.changes
        .iter()
        .any(|change| change.path.starts_with("/aksClusters/") && change.path.ends_with("/provisioning"))
}

/// Where each finding of the report is, by rule and subjects.
fn current_findings(report: &Report) -> HashMap<FindingKey, usize> {
    report
        .findings
        .iter()
        .enumerate()
        .map(|(at, finding)| ((finding.rule, finding.subjects.clone()), at))
        .collect()
}

fn replaced_values(document: &Value, fix: &Fix) -> Vec<Change> {
    fix.changes
        .iter()
        .filter_map(|change| {
            let old = document.pointer(&change.path).filter(|old| !old.is_null() && **old != change.value)?;
            Some(Change { path: change.path.clone(), value: old.clone() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Replays what `suggest` applied: each fix must be the fix of a finding of the plan as it
    /// stood when it was applied, never one an earlier fix made stale.
    fn assert_each_fix_was_current(plan: &Plan) -> Suggestion {
        let suggestion = suggest_with_fixes(plan);
        let mut replayed = plan.clone();
        for applied in &suggestion.applied {
            let report = check(&replayed);
            assert!(
                report.findings.iter().any(|finding| finding.fix.as_ref() == Some(&applied.fix)),
                "{:?} was no current finding's fix",
                applied.fix.text
            );
            replayed = apply_fix(&replayed, &applied.fix).expect("the fix applies again");
        }
        assert_eq!(replayed, suggestion.plan);
        suggestion
    }

    #[test]
    fn suggest_settles_a_created_clusters_values_before_it_switches_the_cluster_to_attach() {
        // Azure ML cannot create a kubenet cluster, so suggest attaches it, to be created with
        // `az aks create`; its service range is still a choice, and moves off the subnet first.
        let plan = crate::testing::plan_with(&[
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/serviceCidr", json!("10.1.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.1.0.10")),
        ]);
        let suggestion = assert_each_fix_was_current(&plan);
        let cluster = &suggestion.plan.aks_clusters[0];
        assert_eq!(cluster.provisioning, Some(crate::plan::Provisioning::Attach));
        assert_ne!(cluster.service_cidr, "10.1.0.0/16");
        assert!(!check(&suggestion.plan).has_errors());
        // A pod range beside a cluster Azure ML creates with flat Azure CNI: clearing it is the
        // fix of the finding that is current, and nothing stale follows it.
        let plan = crate::testing::plan_with(&[("/aksClusters/0/podCidr", json!("192.168.0.0/16"))]);
        assert_each_fix_was_current(&plan);
    }

    #[test]
    fn suggest_never_applies_a_fix_an_earlier_one_made_stale() {
        // Moving one range off another gives a later finding about the same ranges another fix,
        // or none: the docker bridge's fix listed before the move is no longer the finding's.
        let plan = crate::parse_plan(include_str!("../../../examples/broken/address-conflicts.json"))
            .expect("the example is a plan");
        assert_each_fix_was_current(&plan);
    }

    #[test]
    fn suggest_lists_the_fixes_it_applies_once_each_with_the_values_they_replace() {
        let plan = crate::testing::plan_with(&[
            ("/aksClusters/0/serviceCidr", json!("10.1.0.0/16")),
            ("/aksClusters/0/dnsServiceIP", json!("10.1.0.10")),
        ]);
        let suggestion = suggest_with_fixes(&plan);
        assert_eq!(suggestion.plan, suggest(&plan));
        let moved: Vec<_> = suggestion
            .applied
            .iter()
            .filter(|applied| {
                applied.fix.changes.iter().any(|change| change.path == "/aksClusters/0/serviceCidr")
            })
            .collect();
        assert_eq!(moved.len(), 1, "{:#?}", suggestion.applied);
        let replaced: Vec<(&str, &Value)> =
            moved[0].replaced.iter().map(|change| (change.path.as_str(), &change.value)).collect();
        assert_eq!(
            replaced,
            [
                ("/aksClusters/0/serviceCidr", &json!("10.1.0.0/16")),
                ("/aksClusters/0/dnsServiceIP", &json!("10.1.0.10"))
            ]
        );
        assert!(!check(&suggestion.plan).has_errors());
    }

    #[test]
    fn pointers_set_append_and_refuse() {
        let mut value = json!({"a": [1, 2], "b": {"c": 1}});
        set_pointer(&mut value, "/a/1", json!(5)).expect("replace");
        set_pointer(&mut value, "/a/-", json!(6)).expect("append");
        set_pointer(&mut value, "/b/d", json!("new")).expect("insert");
        set_pointer(&mut value, "/b/x~1y", json!(0)).expect("escaped");
        assert_eq!(value, json!({"a": [1, 5, 6], "b": {"c": 1, "d": "new", "x/y": 0}}));
        assert!(set_pointer(&mut value, "/a/9", json!(0)).is_err());
        assert!(set_pointer(&mut value, "/a/0/q", json!(0)).is_err());
        assert!(set_pointer(&mut value, "a", json!(0)).is_err());
    }

    #[test]
    fn pointers_create_the_containers_a_plan_leaves_out() {
        let mut value = json!({"vnets": []});
        set_pointer(&mut value, "/externalRanges/-", json!({"name": "x"})).expect("list created");
        set_pointer(&mut value, "/egress/restricted", json!(true)).expect("object created");
        set_pointer(&mut value, "/permissions/vnetJoin", json!(false)).expect("object created");
        assert_eq!(
            value,
            json!({"vnets": [], "externalRanges": [{"name": "x"}], "egress": {"restricted": true},
                   "permissions": {"vnetJoin": false}})
        );
    }

    #[test]
    fn pointers_remove_members_and_items() {
        let mut value = json!({"a": [1, 2, 3], "b": {"c": 1}});
        assert_eq!(remove_pointer(&mut value, "/a/1"), Ok(json!(2)));
        assert_eq!(remove_pointer(&mut value, "/b/c"), Ok(json!(1)));
        assert_eq!(value, json!({"a": [1, 3], "b": {}}));
        assert!(remove_pointer(&mut value, "/a/5").is_err());
        assert!(remove_pointer(&mut value, "/zz/0").is_err());
        assert!(remove_pointer(&mut value, "zz").is_err());
    }
}
