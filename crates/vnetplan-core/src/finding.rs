//! What a check reports: findings, their fixes, and the severity scale.

use std::cmp::Ordering;

use serde::Serialize;
use serde_json::Value;

use crate::catalog::RuleId;

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
    pub message: String,
    /// JSON pointers into the plan, most relevant first; never empty.
    pub subjects: Vec<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(rule: RuleId, message: String, subjects: Vec<String>) -> Self {
        Self { rule, severity: rule.default_severity(), message, subjects, fix: None }
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// The report's order: severity, rule ID, then subjects with array indices compared as
    /// numbers so that `/vnets/10` comes after `/vnets/2`.
    pub fn report_order(&self, other: &Self) -> Ordering {
        self.severity
            .cmp(&other.severity)
            .then_with(|| self.rule.id().cmp(other.rule.id()))
            .then_with(|| compare_subjects(&self.subjects, &other.subjects))
            .then_with(|| self.message.cmp(&other.message))
    }
}

fn compare_subjects(left: &[String], right: &[String]) -> Ordering {
    for (a, b) in left.iter().zip(right) {
        let order = compare_pointers(a, b);
        if order != Ordering::Equal {
            return order;
        }
    }
    left.len().cmp(&right.len())
}

fn compare_pointers(left: &str, right: &str) -> Ordering {
    let mut a = left.split('/');
    let mut b = right.split('/');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// Changes that resolve a finding, each a JSON pointer and the value to put there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub path: String,
    pub value: Value,
}

impl Fix {
    pub fn new(title: String, changes: Vec<(String, Value)>) -> Self {
        Self { title, changes: changes.into_iter().map(|(path, value)| Change { path, value }).collect() }
    }

    /// A fix that sets one field.
    pub fn set(title: String, path: String, value: impl Into<Value>) -> Self {
        Self::new(title, vec![(path, value.into())])
    }
}

/// Where rules put what they find.
#[derive(Debug, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        self.0.push(finding);
    }

    /// Records a finding without a fix.
    pub fn report(&mut self, rule: RuleId, message: String, subjects: Vec<String>) {
        self.push(Finding::new(rule, message, subjects));
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_sort_indices_as_numbers() {
        assert_eq!(compare_pointers("/vnets/2/name", "/vnets/10/name"), Ordering::Less);
        assert_eq!(compare_pointers("/aksClusters/0", "/vnets/0"), Ordering::Less);
        assert_eq!(compare_pointers("/vnets/0", "/vnets/0/name"), Ordering::Less);
    }
}
