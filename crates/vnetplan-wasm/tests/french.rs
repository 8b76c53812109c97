//! The texts the page fetches for French must hold every message it shows: the page's own build
//! keeps only the English of each and a tag of its French (`vnetplan_core::text::french_tag`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use vnetplan_core::reference::REFERENCE_PLAN;
use vnetplan_core::text::french_tag;
use vnetplan_core::{check, migrate, plan_from_value, set_pointer, RuleId, Text};
use vnetplan_wasm::french::TEXTS;

fn listed() -> HashSet<(&'static str, &'static str)> {
    TEXTS.iter().copied().collect()
}

fn is_listed(listed: &HashSet<(&'static str, &'static str)>, text: Text) -> bool {
    listed.contains(&(text.en, text.fr))
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
        assert!(is_listed(&listed, summary), "{}: summary '{}' is not listed", rule.id(), summary.en);
        let Ok(plan) = plan_from_value(&example_of(rule)) else { continue };
        for finding in check(&plan).findings {
            let texts = std::iter::once(finding.text.text()).chain(finding.fix.map(|fix| fix.text.text()));
            for text in texts {
                assert!(is_listed(&listed, text), "{}: '{}' is not listed", finding.rule.id(), text.en);
                checked += 1;
            }
        }
        for note in migrate(&plan).1 {
            assert!(
                is_listed(&listed, note.text.text()),
                "{}: '{}' is not listed",
                note.code,
                note.text.text().en
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} texts were checked");
}

#[test]
fn an_english_text_and_a_tag_find_one_french_text() {
    let mut found = HashMap::new();
    for &(english, french) in TEXTS {
        if let Some(other) = found.insert((english, french_tag(french)), french) {
            assert_eq!(other, french, "two French texts of '{english}' share a tag");
        }
    }
    assert!(found.len() > 500, "only {} texts are listed", found.len());
    let fix: HashSet<&str> =
        TEXTS.iter().filter(|(english, _)| *english == "Fix").map(|&(_, french)| french).collect();
    assert!(fix.len() > 1, "\"Fix\" reads differently as a button and as a heading: {fix:?}");
}

#[test]
fn the_documentation_is_left_to_the_module_that_shows_it() {
    let listed = listed();
    let doc = RuleId::OverlappingSubnets.doc();
    assert!(!is_listed(&listed, doc.what));
    assert!(!is_listed(&listed, doc.fix));
}

#[test]
fn french_texts_write_the_typographic_apostrophe() {
    // The page, the notes and the exports write "l’espace", never "l'espace": a French text
    // that mixes both forms reads as written by two hands.
    let letter = |c: char| c.is_alphabetic();
    for (_, french) in TEXTS {
        let chars: Vec<char> = french.chars().collect();
        let straight = chars.windows(3).any(|w| matches!(w, [a, '\'', b] if letter(*a) && letter(*b)));
        assert!(!straight, "a straight apostrophe in: {french}");
    }
}
