//! The report as text a person can act on: each finding with the values involved and its fix.

use std::fmt::Write;

use serde_json::Value;

use crate::check::Report;
use crate::text::{Lang, Text};
use crate::Plan;

/// Renders a report for a terminal or a CI log. Values of the subjects are read from `plan`.
pub fn render_text(plan: &Plan, report: &Report) -> String {
    let document = serde_json::to_value(plan).unwrap_or(Value::Null);
    let mut text = String::new();
    for finding in &report.findings {
        let _ = writeln!(text, "{}[{}]: {}", finding.severity.as_str(), finding.rule.id(), finding.message);
        for subject in &finding.subjects {
            match document.pointer(subject) {
                Some(value) if !value.is_object() && !value.is_array() => {
                    let _ = writeln!(text, "  --> {subject} = {value}");
                }
                _ => {
                    let _ = writeln!(text, "  --> {subject}");
                }
            }
        }
        if let Some(fix) = &finding.fix {
            let _ = writeln!(text, "  fix: {}", fix.title);
            for change in &fix.changes {
                let _ = writeln!(text, "       set {} to {}", change.path, change.value);
            }
        }
        text.push('\n');
    }
    if !report.capacity.is_empty() {
        text.push_str("node subnet capacity:\n");
        for row in &report.capacity {
            let _ = writeln!(
                text,
                "  {} in {}/{}: needs {} of {} usable addresses",
                row.cluster, row.vnet, row.subnet, row.needed, row.usable
            );
        }
        text.push('\n');
    }
    let summary = report.summary;
    let _ = writeln!(
        text,
        "{} {}, {} {}, {} {}",
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings"),
        summary.infos,
        plural(summary.infos, "info", "infos"),
    );
    if !report.findings.is_empty() {
        text.push_str("why a rule matters: vnetplan rules <rule-id>\n");
    }
    text
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// A rule's full documentation as text, for `vnetplan rules ID`.
pub fn render_rule(rule: crate::RuleId, lang: Lang) -> String {
    let doc = rule.doc();
    let heading = |text: Text| text.get(lang);
    let mut out = format!(
        "{id} ({severity})\n{summary}\n\n{what_heading}\n{what}\n\n{why_heading}\n{why}\n\n{example_heading}\n",
        id = rule.id(),
        severity = rule.default_severity().as_str(),
        summary = rule.summary_text().get(lang),
        what_heading = heading(text!("What it checks", "Ce que la règle vérifie")),
        what = doc.what.get(lang).trim(),
        why_heading = heading(text!("Why it matters", "Pourquoi c’est important")),
        why = doc.why.get(lang).trim(),
        example_heading = heading(text!("Example", "Exemple")),
    );
    let _ = writeln!(out, "{}", doc.example.render(lang));
    let _ = write!(
        out,
        "\n{}\n{}\n\n{}\n",
        heading(text!("Fix", "Correction")),
        doc.fix.get(lang).trim(),
        heading(text!("Sources", "Sources"))
    );
    for source in doc.sources {
        let _ = writeln!(out, "- {} ({}), {}", source.title, source.date, source.location);
    }
    out
}
