//! What a check reports: findings, their fixes, and the severity scale.

use std::cmp::Ordering;

use serde::Serialize;
use serde_json::Value;

use crate::catalog::RuleId;
use crate::range_fixes::RangeMove;
use crate::text::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Azure or the Azure ML SDK rejects it, or the documentation says it must not be.
    Error,
    /// It deploys, but breaks a scenario or goes against the documentation's advice.
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// One problem in a plan: what is wrong, which fields it involves, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// The message in the report's language (English unless [`Finding::localize`] changed it).
    pub message: String,
    /// JSON pointers into the plan, most relevant first; never empty.
    pub subjects: Vec<String>,
    pub fix: Option<Fix>,
    /// The message in every language, so a report can be shown in another after the check.
    #[serde(skip)]
    pub text: Message,
}

impl Finding {
    /// The report's order: severity, rule ID, then subjects with array indices compared as
    /// numbers so that `/vnets/10` comes after `/vnets/2`.
    pub fn report_order(&self, other: &Self) -> Ordering {
        self.severity
            .cmp(&other.severity)
            .then_with(|| self.rule.id().cmp(other.rule.id()))
            .then_with(|| compare_subjects(&self.subjects, &other.subjects))
            .then_with(|| self.message.cmp(&other.message))
    }

    /// Renders the message and the fix's title in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        self.message = self.text.render(lang);
        if let Some(fix) = &mut self.fix {
            fix.title = fix.text.render(lang);
        }
    }
}

fn compare_subjects(left: &[String], right: &[String]) -> Ordering {
    for (a, b) in left.iter().zip(right) {
        let order = crate::pointer::compare(a, b);
        if order != Ordering::Equal {
            return order;
        }
    }
    left.len().cmp(&right.len())
}

/// Changes that resolve a finding, each a JSON pointer and the value to put there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub kind: FixKind,
    pub changes: Vec<Change>,
    #[serde(skip)]
    pub text: Message,
    /// A range move whose block the check has yet to pick (see `range_fixes::choose_fixes`).
    #[serde(skip)]
    pub(crate) pending: Option<RangeMove>,
}

/// Whether applying a fix changes the design, or records that a person did something in Azure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    Design,
    Attestation,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Design => "design",
            Self::Attestation => "attestation",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub path: String,
    pub value: Value,
}

impl Fix {
    /// A design fix; the check marks it an attestation when its changes record facts about Azure.
    pub fn new(title: impl Into<Message>, changes: Vec<(String, Value)>) -> Self {
        let text = title.into();
        Self {
            title: text.render(Lang::En),
            kind: FixKind::Design,
            changes: changes.into_iter().map(|(path, value)| Change { path, value }).collect(),
            text,
            pending: None,
        }
    }

    pub(crate) fn pending(moved: RangeMove) -> Self {
        // The pass that picks the block writes the real title; this one is never shown.
        let placeholder = text!("move the range to a free block", "déplacer la plage vers un bloc libre");
        Self { pending: Some(moved), ..Self::new(placeholder, Vec::new()) }
    }

    /// A fix that sets one field.
    pub fn set(title: impl Into<Message>, path: String, value: impl Into<Value>) -> Self {
        Self::new(title, vec![(path, value.into())])
    }
}

/// What a rule reports, before the catalog binds it to the rule's ID.
#[derive(Debug)]
pub(crate) struct Draft {
    message: Message,
    subjects: Vec<String>,
    fix: Option<Fix>,
}

impl Draft {
    pub(crate) fn new(message: impl Into<Message>, subjects: Vec<String>) -> Self {
        Self { message: message.into(), subjects, fix: None }
    }

    pub(crate) fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}

/// Every finding of one check.
#[derive(Debug, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    /// Where one rule reports: every finding pushed through it carries that rule's ID.
    pub(crate) fn for_rule(&mut self, rule: RuleId) -> RuleFindings<'_> {
        RuleFindings { rule, severity: rule.default_severity(), out: self }
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter()
    }
}

/// The findings of one rule: a rule cannot report under another rule's ID.
pub(crate) struct RuleFindings<'a> {
    rule: RuleId,
    severity: Severity,
    out: &'a mut Findings,
}

impl RuleFindings<'_> {
    pub(crate) fn push(&mut self, draft: Draft) {
        self.push_as(self.severity, draft);
    }

    /// For the rules whose contract lowers or raises the severity in a stated case.
    pub(crate) fn push_as(&mut self, severity: Severity, draft: Draft) {
        self.out.0.push(Finding {
            rule: self.rule,
            severity,
            message: draft.message.render(Lang::En),
            subjects: draft.subjects,
            fix: draft.fix,
            text: draft.message,
        });
    }

    /// Records a finding without a fix.
    pub(crate) fn report(&mut self, message: impl Into<Message>, subjects: Vec<String>) {
        self.push(Draft::new(message, subjects));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_sort_indices_as_numbers() {
        assert_eq!(crate::pointer::compare("/vnets/2/name", "/vnets/10/name"), Ordering::Less);
        assert_eq!(crate::pointer::compare("/aksClusters/0", "/vnets/0"), Ordering::Less);
        assert_eq!(crate::pointer::compare("/vnets/0", "/vnets/0/name"), Ordering::Less);
    }
}
