//! Turning a plan into what builds it: the guided steps of the Azure ML guide (Python SDK v1
//! and `az` commands), and the network as code (ARM, Bicep, Terraform, an `az` script).
//!
//! Everything is written from the plan's own values, and the same plan always gives the same
//! bytes. Names are free text: they are quoted for each language, so a name with a quote, a
//! space or a newline stays a name. The steps' prose is in English or French; their code is the
//! same in both.
//!
//! # Organization
//!
//! - [`steps`]: the guided steps, each flagged with the rules whose findings make it wrong.
//! - [`export`]: one document in an [`ExportFormat`]:
//!   - `sdk`: a Python script of the SDK steps; the shell prerequisites are in it as comments.
//!   - `az`: a bash script of the prerequisites and the Azure ML CLI commands (v1 for v1
//!     clusters, v2 for the rest, its YAML files written by the script itself); the ACI
//!     deployment, which only the SDK does, is in it as comments. It does not create the VNets,
//!     since the guide starts from VNets that exist already: `az-script` creates them, as the
//!     templates do.
//!   - `sdk-v2`: a Python script of the v2 steps with azure-ai-ml (`MLClient`); the shell steps
//!     (`az aks create`, the extension) are in it as comments.
//!   - `yaml`: the v2 objects as the YAML files of `az ml … -f`, one YAML document each
//!     ([`yaml_files`] gives them apart).
//!   - `arm`, `bicep`, `terraform`: the VNets, subnets with their delegations, the security
//!     rules, both sides of each peering between them, and each AKS cluster that the plan
//!     creates (an attached cluster already exists, so only its network is there).
//!   - `az-script`: the templates' content as one `az` script, `az aks create` included.

mod arm;
mod az;
mod bicep;
mod infra;
mod prose;
// Open to the crate, so that a command shown anywhere quotes its words with the one shell quoter.
pub(crate) mod quote;
mod steps;
mod template;
mod terraform;
mod yaml;

use std::fmt::Write;

use steps::{guide, Api, Flow, GuideStep, WORKSPACE_VARIABLE};
pub use steps::{steps, Step, StepLanguage};
pub use yaml::{yaml_files, YamlFile};

use crate::text::{Lang, Message};
use crate::{Plan, Report};

/// The kinds of document [`export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Sdk,
    Az,
    Arm,
    Bicep,
    Terraform,
    /// The templates' content as one `az` script.
    AzScript,
    /// The Azure ML v2 steps with the Python SDK v2.
    SdkV2,
    /// The Azure ML v2 objects as YAML files.
    Yaml,
}

impl ExportFormat {
    pub const ALL: [Self; 8] = [
        Self::Sdk,
        Self::Az,
        Self::Arm,
        Self::Bicep,
        Self::Terraform,
        Self::AzScript,
        Self::SdkV2,
        Self::Yaml,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Sdk => "sdk",
            Self::Az => "az",
            Self::Arm => "arm",
            Self::Bicep => "bicep",
            Self::Terraform => "terraform",
            Self::AzScript => "az-script",
            Self::SdkV2 => "sdk-v2",
            Self::Yaml => "yaml",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }
}

/// The plan as one document in `format`. `report` is the plan's check, which flags the steps
/// that its findings make wrong; the comments and descriptions are in `lang`.
///
/// # Examples
///
/// ```
/// use vnetplan_core::export::{export, ExportFormat};
/// use vnetplan_core::{check, Lang};
///
/// let plan = vnetplan_core::parse_plan(include_str!("../../../examples/default-aks.json")).unwrap();
/// let report = check(&plan);
/// let arm: serde_json::Value =
///     serde_json::from_str(&export(&plan, &report, ExportFormat::Arm, Lang::En)).unwrap();
/// assert_eq!(arm["contentVersion"], "1.0.0.0");
/// ```
pub fn export(plan: &Plan, report: &Report, format: ExportFormat, lang: Lang) -> String {
    match format {
        ExportFormat::Sdk => sdk_document(plan, report, lang),
        ExportFormat::Az => az_document(plan, report, lang),
        ExportFormat::Arm => arm::render(plan, lang),
        ExportFormat::Bicep => bicep::render(plan, lang),
        ExportFormat::Terraform => terraform::render(plan, lang),
        ExportFormat::AzScript => az::script(plan, lang),
        ExportFormat::SdkV2 => sdk_v2_document(plan, report, lang),
        ExportFormat::Yaml => yaml::document(plan, report, lang),
    }
}

fn sdk_document(plan: &Plan, report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    write_comment(&mut out, &prose::SDK_HEADER.message().with_message("plan", plan_title(plan)), lang);
    if has_v2(plan) {
        write_comment(&mut out, &prose::SDK_LEAVES_V2.message(), lang);
    }
    write_comment(&mut out, &prose::PLACEHOLDERS_NOTE.message(), lang);
    out.push_str("from azureml.core import Workspace\n\nws = Workspace.from_config()\n");
    let keep = |entry: &GuideStep| matches!(entry.flow, Flow::Both | Flow::Sdk) && entry.api != Api::V2;
    write_steps(&mut out, &guide(plan, report, lang), keep, StepLanguage::Python, lang);
    out
}

fn sdk_v2_document(plan: &Plan, report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    write_comment(&mut out, &prose::SDK_V2_HEADER.message().with_message("plan", plan_title(plan)), lang);
    if !plan.aks_clusters.iter().all(|cluster| cluster.is_v2()) || !plan.aci_deployments.is_empty() {
        write_comment(&mut out, &prose::SDK_V2_LEAVES_V1.message(), lang);
    }
    write_comment(&mut out, &prose::PLACEHOLDERS_NOTE.message(), lang);
    let _ = writeln!(
        out,
        "from azure.ai.ml import MLClient\nfrom azure.identity import DefaultAzureCredential\n\n\
         ml_client = MLClient(\n    DefaultAzureCredential(),\n    subscription_id={},\n    \
         resource_group_name={},\n    workspace_name={},\n)",
        quote::python("<subscription ID>"),
        quote::python(&plan.workspace.resource_group),
        quote::python("<workspace name>"),
    );
    let keep = |entry: &GuideStep| matches!(entry.flow, Flow::Both | Flow::SdkV2) && entry.api != Api::V1;
    write_steps(&mut out, &guide(plan, report, lang), keep, StepLanguage::Python, lang);
    out
}

/// Whether the plan has anything that only the Azure ML v2 steps set up.
fn has_v2(plan: &Plan) -> bool {
    plan.aks_clusters.iter().any(|cluster| cluster.is_v2())
        || plan.workspace.managed_network.is_some()
        || !plan.online_endpoints.is_empty()
}

fn az_document(plan: &Plan, report: &Report, lang: Lang) -> String {
    let mut out = String::from("#!/usr/bin/env bash\n");
    let header = if has_v2(plan) { prose::AZ_V2_HEADER } else { prose::AZ_HEADER };
    write_comment(&mut out, &header.message().with_message("plan", plan_title(plan)), lang);
    write_comment(&mut out, &prose::PLACEHOLDERS_NOTE.message(), lang);
    out.push_str("set -euo pipefail\n");
    if !plan.aks_clusters.is_empty() || has_v2(plan) {
        require_workspace(&mut out);
    }
    let keep = |entry: &GuideStep| matches!(entry.flow, Flow::Both | Flow::Cli);
    write_steps(&mut out, &guide(plan, report, lang), keep, StepLanguage::Shell, lang);
    out
}

/// Stops a script at once when the workspace's name, which the plan does not hold, is not set.
fn require_workspace(out: &mut String) {
    let _ = writeln!(
        out,
        ": \"${{{WORKSPACE_VARIABLE}:?set {WORKSPACE_VARIABLE} to the name of the Azure ML workspace}}\""
    );
}

/// Writes the steps that `keep` keeps: code in `language` as it is, a YAML file in a shell
/// script as a here-document that writes it, other code as comments, since this document's
/// reader runs it elsewhere.
fn write_steps(
    out: &mut String,
    steps: &[GuideStep],
    keep: impl Fn(&GuideStep) -> bool,
    language: StepLanguage,
    lang: Lang,
) {
    let mut section = None;
    for entry in steps {
        if !keep(entry) {
            continue;
        }
        let step = &entry.step;
        if section != Some(step.section.as_str()) {
            let _ = writeln!(out, "\n# ==== {} ====", quote::comment(&step.section));
            section = Some(step.section.as_str());
        }
        let _ = writeln!(out, "\n# ---- {} ----", quote::comment(&step.title));
        if !step.flagged.is_empty() {
            write_comment(out, &msg!(prose::FLAGGED, rules = step.flagged.join(", ")), lang);
        }
        if step.language == language {
            out.push_str(&step.code);
            out.push('\n');
        } else if let (StepLanguage::Yaml, StepLanguage::Shell, Some(file)) =
            (step.language, language, &entry.file)
        {
            // No line of the generated YAML is the bare word that ends the here-document.
            let _ = writeln!(out, "cat > {} <<'YAML'\n{}\nYAML", quote::shell(file), step.code);
        } else {
            write_as_comments(out, &step.code, step.language);
        }
    }
}

/// Code of the other language, kept readable: its comments stay comments, and each shell
/// command starts with a `$` prompt.
fn write_as_comments(out: &mut String, code: &str, language: StepLanguage) {
    let mut continued = false;
    for line in code.lines() {
        if let Some(text) = line.strip_prefix('#') {
            let _ = writeln!(out, "#{text}");
        } else if line.is_empty() {
            out.push_str("#\n");
        } else {
            let prompt = if language == StepLanguage::Shell && !continued { "$ " } else { "  " };
            let _ = writeln!(out, "# {prompt}{line}");
        }
        continued = line.ends_with('\\');
    }
}

/// `message` in `lang` as line comments, one for each of its lines.
fn write_comment(out: &mut String, message: &Message, lang: Lang) {
    for line in message.render(lang).lines() {
        let _ = writeln!(out, "# {line}");
    }
}

fn plan_title(plan: &Plan) -> Message {
    if plan.name.is_empty() {
        prose::UNNAMED.message()
    } else {
        msg!(prose::PLAN_NAME, name = quote::comment(&plan.name))
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_v2;
