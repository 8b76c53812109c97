//! The rule catalog's types and lookups. The catalog itself is the table in `rules.rs`.

use serde::{Serialize, Serializer};

use crate::finding::Severity;
pub use crate::rules::RuleId;
use crate::text::{Lang, Text};

/// A rule's documentation: what it checks, why, an example that makes it fire, the fix, and the
/// dated sources it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// What the rule checks.
    pub what: Text,
    /// Why it matters: what Azure or the SDK does with such a plan.
    pub why: Text,
    /// What makes it fire.
    pub example: Example,
    /// How to resolve it.
    pub fix: Text,
    /// Where the facts behind the rule come from, and how old they are.
    pub sources: &'static [Source],
}

/// An example of a plan on which a rule fires: changes to the reference plan
/// ([`crate::reference::REFERENCE_PLAN`]), each a JSON pointer and the JSON text of its new value
/// (`-` appends to a list). A test applies them and expects the rule to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example(pub &'static [(&'static str, &'static str)]);

/// A dated source: an article or a repository path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The article's title or the repository path.
    pub title: &'static str,
    /// Where to read it: an address, or `repository:path`.
    pub location: &'static str,
    /// The date the source gives (`YYYY-MM-DD`, or `YYYY-MM`), or the commit where it gives none.
    pub date: &'static str,
}

impl RuleId {
    /// Warnings that a plan on a retired Azure ML flow gets however well it is designed: the
    /// guide's own setups carry them. Tests of "a clean plan" allow these and nothing else.
    pub const RETIREMENT_NOTICES: &'static [Self] = &[Self::SdkV1OutOfSupport, Self::AciVnetRetired];

    /// One line saying what the rule reports, in English.
    pub fn summary(self) -> &'static str {
        self.summary_text().en
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|rule| rule.id() == id)
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// The catalog as `rules()` returns it to JavaScript: ID, severity and summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSummary {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

pub fn rule_summaries(lang: Lang) -> Vec<RuleSummary> {
    RuleId::ALL
        .iter()
        .map(|rule| RuleSummary {
            id: rule.id(),
            severity: rule.default_severity(),
            summary: rule.summary_text().get(lang),
        })
        .collect()
}

/// A rule's documentation in one language, as `explain()` returns it to JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleExplanation {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub example: String,
    pub fix: &'static str,
    pub sources: &'static [Source],
}

impl RuleId {
    pub fn explanation(self, lang: Lang) -> RuleExplanation {
        let doc = self.doc();
        RuleExplanation {
            id: self.id(),
            severity: self.default_severity(),
            summary: self.summary_text().get(lang),
            what: doc.what.get(lang),
            why: doc.why.get(lang),
            example: doc.example.render(lang),
            fix: doc.fix.get(lang),
            sources: doc.sources,
        }
    }
}

impl Example {
    /// The example as text: the fragment, or the changes one per line after a lead-in.
    pub fn render(self, lang: Lang) -> String {
        let mut out = text!(
            "Starting from the reference plan (`vnetplan rules --reference-plan`), set:",
            "À partir du plan de référence (`vnetplan rules --reference-plan`), fixer :"
        )
        .get(lang)
        .to_owned();
        for (path, value) in self.0 {
            out.push_str(&format!("\n  {path} = {value}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let ids: HashSet<&str> = RuleId::ALL.iter().map(|rule| rule.id()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for rule in RuleId::ALL {
            assert_eq!(RuleId::from_id(rule.id()), Some(*rule));
        }
    }

    #[test]
    fn ids_name_the_problem_in_kebab_case() {
        for rule in RuleId::ALL {
            let id = rule.id();
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id} is not kebab-case"
            );
            assert!(
                !id.starts_with("no-") && !id.starts_with("avoid-") && !id.starts_with("prefer-"),
                "{id}"
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RuleId::ALL {
            let doc = rule.doc();
            for (part, text) in [("what", doc.what), ("why", doc.why), ("fix", doc.fix)] {
                assert!(text.en.trim().len() >= 20, "{} has no real '{part}' section", rule.id());
            }
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.id());
        }
    }

    #[test]
    fn the_table_lists_every_rule_once_in_declaration_order() {
        for (index, rule) in RuleId::ALL.iter().enumerate() {
            assert_eq!(*rule as usize, index, "{}", rule.id());
        }
    }

    #[test]
    fn documented_examples_fire() {
        for rule in RuleId::ALL {
            let Example(changes) = rule.doc().example;
            let changes: Vec<(&str, serde_json::Value)> = changes
                .iter()
                .map(|(path, value)| {
                    let value = serde_json::from_str(value).unwrap_or_else(|error| {
                        panic!("{}: example value {value} is not JSON: {error}", rule.id())
                    });
                    (*path, value)
                })
                .collect();
            crate::testing::assert_fires(*rule, &changes);
        }
    }

    #[test]
    fn every_rule_rests_on_dated_sources() {
        for rule in RuleId::ALL {
            let sources = rule.doc().sources;
            assert!(!sources.is_empty(), "{} names no source", rule.id());
            for source in sources {
                assert!(
                    !source.title.is_empty() && !source.location.is_empty() && source.date.len() >= 4,
                    "{}: incomplete source {source:?}",
                    rule.id()
                );
            }
        }
    }

    #[test]
    fn every_rule_explanation_is_in_both_languages() {
        for rule in RuleId::ALL {
            let doc = rule.doc();
            for (part, text) in [("what", doc.what), ("why", doc.why), ("fix", doc.fix)] {
                assert_ne!(text.en, text.fr, "{}: '{part}' has no French", rule.id());
            }
        }
    }

    #[test]
    fn every_rule_has_a_french_summary() {
        for rule in RuleId::ALL {
            let summary = rule.summary_text();
            assert_ne!(summary.en, summary.fr, "{} has no French summary", rule.id());
        }
    }
}
