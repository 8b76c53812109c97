//! The Azure ML v2 objects as the YAML files that `az ml … -f` reads: each Kubernetes compute
//! (`az ml compute attach -f`), the workspace's managed network (`az ml workspace update -f`) and
//! each online endpoint (`az ml online-endpoint create -f`). The keys are those of the
//! azure-ai-ml schemas, which `load_compute`, `load_workspace` and `load_online_endpoint` apply.
//!
//! Every value from the plan is a double-quoted scalar written as JSON writes a string: YAML's
//! double-quoted style reads JSON's escapes, so a name with a colon, a quote or a newline stays
//! one string.

use std::fmt::Write;

use super::prose::{NO_YAML, PLACEHOLDERS_NOTE, YAML_HEADER};
use super::quote;
use super::steps::v2::{
    isolation_mode, port_ranges, rule_type, PROTOCOL_PLACEHOLDER, SUBRESOURCE_PLACEHOLDER,
};
use super::steps::{guide, GuideStep};
use super::{plan_title, write_comment};
use crate::check::Report;
use crate::plan::{AksCluster, Choice, ManagedNetwork, OnlineEndpoint, OutboundRuleType, Plan};
use crate::text::Lang;

pub(super) const WORKSPACE_FILE_NAME: &str = "workspace-network.yml";

/// One YAML file of the plan: its name and its whole text, comments included, ending with a
/// newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlFile {
    pub name: String,
    pub text: String,
}

/// The plan's YAML files, in the order of the steps, each opening with comments in `lang`.
///
/// # Examples
///
/// ```
/// use vnetplan_core::{check, export::yaml_files, Lang};
///
/// let plan = vnetplan_core::parse_plan(include_str!("../../../../examples/v2/default-aks.json")).unwrap();
/// let files = yaml_files(&plan, &check(&plan), Lang::En);
/// assert_eq!(files[0].name, "compute-ml-aks.yml");
/// assert!(files[0].text.contains("type: kubernetes"));
/// ```
pub fn yaml_files(plan: &Plan, report: &Report, lang: Lang) -> Vec<YamlFile> {
    guide(plan, report, lang)
        .into_iter()
        .filter_map(|GuideStep { step, file, .. }| {
            let name = file?;
            let mut text = String::new();
            let header =
                msg!(YAML_HEADER, file = quote::comment(&name)).with_message("plan", plan_title(plan));
            write_comment(&mut text, &header, lang);
            if step.code.contains('<') {
                write_comment(&mut text, &PLACEHOLDERS_NOTE.message(), lang);
            }
            if !step.flagged.is_empty() {
                write_comment(&mut text, &msg!(super::prose::FLAGGED, rules = step.flagged.join(", ")), lang);
            }
            text.push_str(&step.code);
            text.push('\n');
            Some(YamlFile { name, text })
        })
        .collect()
}

/// Every YAML file of the plan in one stream, one YAML document each, the file name in the
/// comment that opens it; the CLI writes them apart with `--out-dir`.
pub(super) fn document(plan: &Plan, report: &Report, lang: Lang) -> String {
    let files = yaml_files(plan, report, lang);
    if files.is_empty() {
        let mut out = String::new();
        write_comment(&mut out, &NO_YAML.message(), lang);
        return out;
    }
    let mut out = String::new();
    for file in files {
        out.push_str("---\n");
        out.push_str(&file.text);
    }
    out
}

/// A YAML scalar holding `text` exactly.
fn scalar(text: &str) -> String {
    // A string always serialises.
    serde_json::to_string(text).unwrap_or_default()
}

/// `stem-<label>.yml`, with the entry's position added when an earlier entry's name gives the
/// same label, so that no two files share a name.
fn file_name<'a>(stem: &str, names: impl Iterator<Item = &'a str>, index: usize) -> String {
    let labels: Vec<String> = names.map(|name| quote::label(name, 60)).collect();
    let Some(label) = labels.get(index) else {
        return format!("{stem}-{}.yml", index + 1);
    };
    if labels.iter().take(index).any(|earlier| earlier == label) {
        format!("{stem}-{label}-{}.yml", index + 1)
    } else {
        format!("{stem}-{label}.yml")
    }
}

pub(super) fn compute_file_name(plan: &Plan, index: usize) -> String {
    file_name("compute", plan.aks_clusters.iter().map(|cluster| cluster.name.as_str()), index)
}

pub(super) fn endpoint_file_name(plan: &Plan, index: usize) -> String {
    file_name("endpoint", plan.online_endpoints.iter().map(|endpoint| endpoint.name.as_str()), index)
}

pub(super) fn compute(plan: &Plan, cluster: &AksCluster) -> String {
    let resource_id = format!(
        "/subscriptions/<subscription ID>/resourceGroups/{}/providers/Microsoft.ContainerService/managedClusters/{}",
        plan.workspace.resource_group, cluster.name
    );
    let mut out = String::new();
    let _ = writeln!(out, "name: {}", scalar(&cluster.name));
    out.push_str("type: kubernetes\n");
    let _ = writeln!(out, "resource_id: {}", scalar(&resource_id));
    let _ = writeln!(out, "namespace: {}", scalar(cluster.azure_ml().namespace()));
    out.push_str("identity:\n  type: system_assigned");
    out
}

pub(super) fn workspace(network: &ManagedNetwork) -> String {
    let mut out = format!("name: {}\nmanaged_network:\n", scalar("<workspace name>"));
    let _ = writeln!(out, "  isolation_mode: {}", isolation_mode(network.isolation_mode));
    if !network.outbound_rules.is_empty() {
        out.push_str("  outbound_rules:\n");
    }
    for rule in &network.outbound_rules {
        let _ = writeln!(out, "    - name: {}", scalar(&rule.name));
        let _ = writeln!(out, "      type: {}", rule_type(rule.rule_type));
        match rule.rule_type {
            OutboundRuleType::Fqdn => {
                let _ = writeln!(out, "      destination: {}", scalar(&rule.destination));
            }
            OutboundRuleType::ServiceTag => {
                out.push_str("      destination:\n");
                let _ = writeln!(out, "        service_tag: {}", scalar(&rule.destination));
                let _ = writeln!(out, "        protocol: {}", scalar(PROTOCOL_PLACEHOLDER));
                let _ = writeln!(out, "        port_ranges: {}", scalar(&port_ranges(rule)));
            }
            OutboundRuleType::PrivateEndpoint => {
                out.push_str("      destination:\n");
                let _ = writeln!(out, "        service_resource_id: {}", scalar(&rule.destination));
                let _ = writeln!(out, "        subresource_target: {}", scalar(SUBRESOURCE_PLACEHOLDER));
                out.push_str("        spark_enabled: false\n");
            }
        }
    }
    if let Some(compute) = network.image_build_compute() {
        let _ = writeln!(out, "image_build_compute: {}", scalar(compute));
    }
    out.truncate(out.trim_end().len());
    out
}

pub(super) fn endpoint(endpoint: &OnlineEndpoint) -> String {
    let mut out = format!("name: {}", scalar(&endpoint.name));
    if let Some(compute) = &endpoint.compute {
        let _ = write!(out, "\ncompute: {}", scalar(&format!("azureml:{compute}")));
    }
    if let Some(access) = endpoint.public_network_access {
        let _ = write!(out, "\npublic_network_access: {}", access.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_any_text_as_one_string() {
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("say \"hi\"\nnow"), "\"say \\\"hi\\\"\\nnow\"");
    }

    #[test]
    fn file_names_stay_apart_when_names_share_a_label() {
        let names = ["Ab", "ab", "c d"];
        let of = |index| file_name("endpoint", names.iter().copied(), index);
        assert_eq!([of(0), of(1), of(2)], ["endpoint-ab.yml", "endpoint-ab-2.yml", "endpoint-c-d.yml"]);
    }
}
