//! Running every rule over a plan and assembling the report.

use serde::Serialize;

use crate::capacity::{capacity_rows, CapacityRow};
use crate::catalog::RuleId;
use crate::context::Context;
use crate::finding::{Finding, Findings, Severity};
use crate::plan::SCHEMA_VERSION;
use crate::range_fixes::choose_fixes;
use crate::text::Lang;
use crate::Plan;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema_version: u32,
    pub findings: Vec<Finding>,
    pub capacity: Vec<CapacityRow>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Renders every message and fix title in `lang`; the order of findings stays the English one,
    /// so a report reads the same in both languages.
    pub fn localize(&mut self, lang: Lang) {
        for finding in &mut self.findings {
            finding.localize(lang);
        }
    }

    /// The report as pretty JSON; the same plan always gives the same bytes.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Checks a plan against every rule of the catalog.
///
/// # Examples
///
/// ```
/// let plan = vnetplan_core::parse_plan(
///     r#"{"schemaVersion":1,"region":"eastus2","workspace":{"resourceGroup":"rg"},"vnets":[]}"#,
/// ).unwrap();
/// assert!(!vnetplan_core::check(&plan).has_errors());
/// ```
pub fn check(plan: &Plan) -> Report {
    let context = Context::new(plan);
    let mut out = Findings::default();
    for rule in RuleId::ALL {
        rule.run(&context, &mut out);
    }
    let mut findings = out.into_vec();
    crate::sorting::sort_by(&mut findings, Finding::report_order);
    choose_fixes(&context, &mut findings);
    let mut summary = Summary::default();
    for finding in &findings {
        match finding.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    Report { schema_version: SCHEMA_VERSION, findings, capacity: capacity_rows(&context), summary }
}
