//! The French texts the page fetches must hold the French of every message it shows: the
//! page's own build keeps only a key of each (`vnetplan_core::text::french_key`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use vnetplan_core::reference::REFERENCE_PLAN;
use vnetplan_core::text::french_key;
use vnetplan_core::{check, migrate, plan_from_value, set_pointer, RuleId};
use vnetplan_wasm::french::FRENCH;

fn listed() -> HashSet<&'static str> {
    FRENCH.iter().copied().collect()
}

/// The reference plan with the changes of `rule`'s documented example.
fn example_of(rule: RuleId) -> Value {
    let mut plan: Value = serde_json::from_str(REFERENCE_PLAN).expect("the reference plan is JSON");
    for (pointer, value) in rule.doc().example.0 {
        let value = serde_json::from_str(value).expect("an example's value is JSON");
        set_pointer(&mut plan, pointer, value).expect("an example's change applies");
    }
    plan
}

#[test]
fn every_rule_summary_and_every_example_finding_fix_and_note_is_listed() {
    let listed = listed();
    let mut checked = 0;
    for &rule in RuleId::ALL {
        let summary = rule.summary_text();
        assert!(listed.contains(summary.fr), "{}: summary '{}' is not listed", rule.id(), summary.fr);
        let Ok(plan) = plan_from_value(&example_of(rule)) else { continue };
        for finding in check(&plan).findings {
            let texts = std::iter::once(finding.text.text()).chain(finding.fix.map(|fix| fix.text.text()));
            for text in texts {
                assert!(listed.contains(text.fr), "{}: '{}' is not listed", finding.rule.id(), text.fr);
                checked += 1;
            }
        }
        for note in migrate(&plan).1 {
            assert!(
                listed.contains(note.text.text().fr),
                "{}: '{}' is not listed",
                note.code,
                note.text.text().fr
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} texts were checked");
}

#[test]
fn no_two_french_texts_share_a_key() {
    let mut keys = HashMap::new();
    for text in FRENCH {
        if let Some(other) = keys.insert(french_key(text), text) {
            assert_eq!(other, text, "two texts share a key");
        }
    }
    assert!(keys.len() > 500, "only {} texts are listed", keys.len());
}

#[test]
fn the_documentation_is_left_to_the_module_that_shows_it() {
    let listed = listed();
    let doc = RuleId::OverlappingSubnets.doc();
    assert!(!listed.contains(doc.what.fr));
    assert!(!listed.contains(doc.fix.fr));
}
