//! Turning a plan into what builds it: the guided steps of the Azure ML guide (Python SDK v1
//! and `az` commands), and the network as code (ARM, Bicep, Terraform, an `az` script).
//!
//! Everything is written from the plan's own values, and the same plan always gives the same
//! bytes. Names are free text: they are quoted for each language, so a name with a quote, a
//! space or a newline stays a name.
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
mod quote;
mod steps;
mod template;
mod terraform;

use std::fmt::Write;

use steps::{guide, Flow, GuideStep, WORKSPACE_VARIABLE};
pub use steps::{steps, Step, StepLanguage};

use crate::Plan;

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

/// The plan as one document in `format`.
///
/// # Examples
///
/// ```
/// use vnetplan_core::export::{export, ExportFormat};
///
/// let plan = vnetplan_core::parse_plan(include_str!("../../../examples/default-aks.json")).unwrap();
/// let arm: serde_json::Value = serde_json::from_str(&export(&plan, ExportFormat::Arm)).unwrap();
/// assert_eq!(arm["contentVersion"], "1.0.0.0");
/// ```
pub fn export(plan: &Plan, format: ExportFormat) -> String {
    match format {
        ExportFormat::Sdk => sdk_document(plan),
        ExportFormat::Az => az_document(plan),
        ExportFormat::Arm => arm::render(plan),
        ExportFormat::Bicep => bicep::render(plan),
        ExportFormat::Terraform => terraform::render(plan),
        ExportFormat::AzScript => az::script(plan),
    }
}

fn sdk_document(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Azure ML SDK v1 steps for plan {}, written by vnetplan.", plan_title(plan));
    out.push_str("# The shell prerequisites are here as comments: run them with the Azure CLI first.\n");
    out.push_str("# Values in <angle brackets> are not in the plan: replace them before running.\n");
    out.push_str("from azureml.core import Workspace\n\nws = Workspace.from_config()\n");
    write_steps(&mut out, &guide(plan), Flow::Sdk, StepLanguage::Python);
    out
}

fn az_document(plan: &Plan) -> String {
    let mut out = String::from("#!/usr/bin/env bash\n");
    let _ = writeln!(out, "# Azure CLI steps for plan {}, written by vnetplan.", plan_title(plan));
    out.push_str("# The Azure ML commands come from the CLI v1 extension (azure-cli-ml).\n");
    out.push_str("# Values in <angle brackets> are not in the plan: replace them before running.\n");
    out.push_str("set -euo pipefail\n");
    if !plan.aks_clusters.is_empty() {
        let _ = writeln!(
            out,
            ": \"${{{WORKSPACE_VARIABLE}:?set {WORKSPACE_VARIABLE} to the name of the Azure ML workspace}}\""
        );
    }
    write_steps(&mut out, &guide(plan), Flow::Cli, StepLanguage::Shell);
    out
}

/// Writes the steps of `flow` and those both flows share: code in `language` as it is, code in
/// the other language as comments, since this document's reader runs it elsewhere.
fn write_steps(out: &mut String, steps: &[GuideStep], flow: Flow, language: StepLanguage) {
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
            let _ = writeln!(
                out,
                "# The plan's check finds problems here; resolve them first: {}.",
                step.flagged.join(", ")
            );
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

fn plan_title(plan: &Plan) -> String {
    if plan.name.is_empty() {
        "(unnamed)".to_owned()
    } else {
        format!("'{}'", quote::comment(&plan.name))
    }
}

#[cfg(test)]
mod tests;
