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
//!   - `az`: a bash script of the prerequisites and the Azure ML CLI v1 commands; the ACI
//!     deployment, which only the SDK does, is in it as comments. It does not create the VNets,
//!     since the guide starts from VNets that exist already: `az-script` creates them, as the
//!     templates do.
//!   - `arm`, `bicep`, `terraform`: the VNets, subnets with their delegations, the security
//!     rules, and each AKS cluster that the plan creates (an attached cluster already exists, so
//!     only its network is there).
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

use std::fmt::Write;

use steps::{guide, Flow, GuideStep, WORKSPACE_VARIABLE};
pub use steps::{steps, Step, StepLanguage};

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
}

impl ExportFormat {
    pub const ALL: [Self; 6] = [Self::Sdk, Self::Az, Self::Arm, Self::Bicep, Self::Terraform, Self::AzScript];

    pub fn name(self) -> &'static str {
        match self {
            Self::Sdk => "sdk",
            Self::Az => "az",
            Self::Arm => "arm",
            Self::Bicep => "bicep",
            Self::Terraform => "terraform",
            Self::AzScript => "az-script",
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
    }
}

fn sdk_document(plan: &Plan, report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    write_comment(&mut out, &prose::SDK_HEADER.message().with_message("plan", plan_title(plan)), lang);
    write_comment(&mut out, &prose::PLACEHOLDERS_NOTE.message(), lang);
    out.push_str("from azureml.core import Workspace\n\nws = Workspace.from_config()\n");
    write_steps(&mut out, &guide(plan, report, lang), Flow::Sdk, StepLanguage::Python, lang);
    out
}

fn az_document(plan: &Plan, report: &Report, lang: Lang) -> String {
    let mut out = String::from("#!/usr/bin/env bash\n");
    write_comment(&mut out, &prose::AZ_HEADER.message().with_message("plan", plan_title(plan)), lang);
    write_comment(&mut out, &prose::PLACEHOLDERS_NOTE.message(), lang);
    out.push_str("set -euo pipefail\n");
    if !plan.aks_clusters.is_empty() {
        let _ = writeln!(
            out,
            ": \"${{{WORKSPACE_VARIABLE}:?set {WORKSPACE_VARIABLE} to the name of the Azure ML workspace}}\""
        );
    }
    write_steps(&mut out, &guide(plan, report, lang), Flow::Cli, StepLanguage::Shell, lang);
    out
}

/// Writes the steps of `flow` and those both flows share: code in `language` as it is, code in
/// the other language as comments, since this document's reader runs it elsewhere.
fn write_steps(out: &mut String, steps: &[GuideStep], flow: Flow, language: StepLanguage, lang: Lang) {
    let mut section = None;
    for GuideStep { step, flow: step_flow } in steps {
        if *step_flow != flow && *step_flow != Flow::Both {
            continue;
        }
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
