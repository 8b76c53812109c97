//! The report as text a person can act on: each finding with the values involved and its fix.

use std::fmt::Write;

use serde_json::Value;

use crate::check::Report;
use crate::text::{Lang, Message, Text};
use crate::Plan;

/// Renders a report for a terminal or a CI log, in `lang`. Values of the subjects are read from
/// `plan`.
pub fn render_text(plan: &Plan, report: &Report, lang: Lang) -> String {
    let document = serde_json::to_value(plan).unwrap_or(Value::Null);
    let mut text = String::new();
    for finding in &report.findings {
        let message = finding.text.render(lang);
        let _ = writeln!(text, "{}[{}]: {message}", finding.severity.as_str(), finding.rule.id());
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
            let title = fix.text.render(lang);
            let _ = writeln!(
                text,
                "  {}",
                msg!(["fix: {title}", "correction : {title}"], title = title).render(lang)
            );
            for change in &fix.changes {
                let set = msg!(
                    ["set {path} to {value}", "fixer {path} à {value}"],
                    path = &change.path,
                    value = &change.value
                );
                let _ = writeln!(text, "       {}", set.render(lang));
            }
        }
        text.push('\n');
    }
    if !report.capacity.is_empty() {
        let heading = if report.capacity.iter().any(|row| row.pod_subnet.is_some()) {
            text!("node and pod subnet capacity:", "capacité des sous-réseaux de nœuds et de pods :")
        } else {
            text!("node subnet capacity:", "capacité des sous-réseaux de nœuds :")
        };
        let _ = writeln!(text, "{}", heading.get(lang));
        for row in &report.capacity {
            let line = msg!(
                [
                    "{cluster} in {vnet}/{subnet}: needs {needed} of {usable} usable addresses",
                    "{cluster} dans {vnet}/{subnet} : demande {needed} des {usable} adresses utilisables"
                ],
                cluster = &row.cluster,
                vnet = &row.vnet,
                subnet = &row.subnet,
                needed = row.needed,
                usable = row.usable,
            );
            let line = with_subnet_total(line, row.needed, row.subnet_needed);
            let _ = writeln!(text, "  {}", line.render(lang));
            if let Some(pods) = &row.pod_subnet {
                let line = msg!(
                    [
                        "{cluster}'s pods in {vnet}/{subnet}: need {needed} of {usable} usable addresses",
                        "pods de {cluster} dans {vnet}/{subnet} : demandent {needed} des {usable} adresses \
                         utilisables"
                    ],
                    cluster = &row.cluster,
                    vnet = &row.vnet,
                    subnet = &pods.subnet,
                    needed = pods.needed,
                    usable = pods.usable,
                );
                let line = with_subnet_total(line, pods.needed, pods.subnet_needed);
                let _ = writeln!(text, "  {}", line.render(lang));
            }
        }
        text.push('\n');
    }
    let summary = report.summary;
    let _ = writeln!(
        text,
        "{}, {}, {}",
        count(summary.errors, text!("error", "erreur"), text!("errors", "erreurs"), lang),
        count(summary.warnings, text!("warning", "avertissement"), text!("warnings", "avertissements"), lang),
        count(summary.infos, text!("info", "information"), text!("infos", "informations"), lang),
    );
    if !report.findings.is_empty() {
        let why = text!(
            "why a rule matters: vnetplan rules <rule-id>",
            "pourquoi une règle compte : vnetplan --lang fr rules <id-de-règle>"
        );
        let _ = writeln!(text, "{}", why.get(lang));
    }
    text
}

/// A capacity line, followed by the subnet's whole need when that differs from the line's own: a
/// cluster's need can fit while the subnet, shared with other tenants, does not.
fn with_subnet_total(line: Message, needed: u64, total: u64) -> Message {
    if total == needed {
        return line;
    }
    msg!(
        [
            "{line}, {total} with everything else in the subnet",
            "{line}, {total} avec tout ce que le sous-réseau contient d’autre"
        ],
        total = total,
    )
    .with_message("line", line)
}

/// "1 error", "2 warnings", "0 info" in French ([`Lang::is_singular`]).
fn count(n: usize, one: Text, many: Text, lang: Lang) -> String {
    format!("{n} {}", if lang.is_singular(n) { one } else { many }.get(lang))
}

/// A rule's full documentation as text, for `vnetplan rules ID`.
pub fn render_rule(rule: crate::RuleId, lang: Lang) -> String {
    let doc = rule.explanation(lang);
    let heading = |text: Text| text.get(lang);
    let mut out = format!(
        "{id} ({severity})\n{summary}\n\n{what_heading}\n{what}\n\n{why_heading}\n{why}\n\n{example_heading}\n\
         {example}\n\n{fix_heading}\n{fix}\n\n{sources_heading}\n",
        id = doc.id,
        severity = doc.severity.as_str(),
        summary = doc.summary,
        what_heading = heading(text!("What it checks", "Ce que la règle vérifie")),
        what = doc.what.trim(),
        why_heading = heading(text!("Why it matters", "Pourquoi c’est important")),
        why = doc.why.trim(),
        example_heading = heading(text!("Example", "Exemple")),
        example = doc.example,
        fix_heading = heading(text!("Fix", "Correction")),
        fix = doc.fix.trim(),
        sources_heading = heading(text!("Sources", "Sources")),
    );
    for source in doc.sources {
        let _ = writeln!(out, "- {} ({}), {}", source.title, source.date, source.location);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::render_text;
    use crate::check;
    use crate::testing::plan_with;
    use crate::text::Lang;

    fn capacity_lines(changes: &[(&'static str, Value)], lang: Lang) -> Vec<String> {
        let plan = plan_with(changes);
        let text = render_text(&plan, &check(&plan), lang);
        text.lines().filter(|line| line.starts_with("  ml-aks ")).map(str::to_owned).collect()
    }

    #[test]
    fn a_pod_subnet_has_a_capacity_line_of_its_own() {
        let pods = [
            ("/vnets/0/subnets/-", json!({"name": "pods", "addressPrefix": "10.1.8.0/22"})),
            ("/aksClusters/0/podSubnet", json!("pods")),
        ];
        let plan = plan_with(&pods);
        let text = render_text(&plan, &check(&plan), Lang::En);
        let lines: Vec<&str> = text.lines().filter(|line| line.contains("ml-aks")).collect();
        assert!(lines.contains(&"  ml-aks in ml-vnet/aks: needs 4 of 1019 usable addresses"), "{text}");
        assert!(
            lines.contains(&"  ml-aks's pods in ml-vnet/pods: need 448 of 1019 usable addresses"),
            "{text}"
        );
        let french = render_text(&plan, &check(&plan), Lang::Fr);
        assert!(
            french
                .contains("  pods de ml-aks dans ml-vnet/pods : demandent 448 des 1019 adresses utilisables"),
            "{french}"
        );
    }

    #[test]
    fn a_capacity_line_gives_the_subnets_whole_need_when_others_share_it() {
        assert_eq!(
            capacity_lines(&[], Lang::En),
            ["  ml-aks in ml-vnet/aks: needs 124 of 1019 usable addresses"]
        );
        let endpoint = [("/workspace/privateEndpoint", json!({"vnet": "ml-vnet", "subnet": "aks"}))];
        assert_eq!(
            capacity_lines(&endpoint, Lang::En),
            ["  ml-aks in ml-vnet/aks: needs 124 of 1019 usable addresses, 127 with everything else in the subnet"]
        );
        assert_eq!(
            capacity_lines(&endpoint, Lang::Fr),
            ["  ml-aks dans ml-vnet/aks : demande 124 des 1019 adresses utilisables, 127 avec tout ce que le \
              sous-réseau contient d’autre"]
        );
    }
}
