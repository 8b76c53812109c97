//! The checking core of vnetplan: it reads a plan for an Azure Machine Learning inference
//! environment in a virtual network, and says what Azure or the Azure ML SDK will reject, why,
//! and how to fix it.
//!
//! The crate is pure: no I/O, no clock, no knowledge of the browser. The command line, the wasm
//! package and the page all call the same functions.
//!
//! # Organization
//!
//! - [`plan`]: the plan document as types; [`parse`]: reading it with precise errors.
//! - [`net`]: strict IPv4 parsing and the interval arithmetic behind every overlap question.
//! - [`context`]: facts computed once per check (parsed ranges, resolved names, sorted indices).
//! - [`catalog`]: the rule enum; [`rules`]: one module per rule with its docs, check and tests.
//! - [`check`]: running the rules into a [`Report`]; [`capacity`]: node-subnet sizing.
//! - [`range_fixes`]: choosing free blocks for fixes; [`fix`]: applying fixes and `suggest`.
//! - [`render`]: the report as text; [`layout`]: the address map's geometry.
//! - [`export`]: the guided steps (SDK v1, `az`) and the network as ARM, Bicep or Terraform.
//! - [`import`]: a plan from what `az network vnet`, `az aks` and ARM templates print.
//! - [`fqdn`]: whether a firewall's allowed name covers a name a service needs.
//! - [`migrate`]: a v1 plan rewritten for the Azure ML v2 successors, with notes.

#[macro_use]
pub mod text;
pub(crate) mod capacity;
pub mod catalog;
pub mod check;
pub(crate) mod context;
pub mod export;
pub mod finding;
pub mod fix;
pub mod fqdn;
pub mod import;
pub mod layout;
pub mod migrate;
pub(crate) mod names;
pub mod net;
pub mod new_items;
pub mod parse;
pub mod plan;
pub(crate) mod pointer;
pub(crate) mod range_fixes;
pub mod reference;
pub mod render;
mod rules;
pub mod sorting;
pub(crate) mod sources;
#[cfg(test)]
mod testing;

pub use capacity::{CapacityRow, PodSubnetRow};
pub use catalog::{rule_summaries, Example, RuleDoc, RuleId, RuleSummary, Source};
pub use check::{check, Report, Summary};
pub use finding::{Change, Finding, Fix, FixKind, Severity};
pub use fix::{
    apply_fix, apply_fix_to_document, remove_pointer, set_pointer, suggest, suggest_with_fixes, AppliedFix,
    Suggestion,
};
pub use migrate::{migrate, MigrationNote};
pub use parse::{parse_plan, parse_plan_through_tree, plan_from_value, ParseError};
pub use plan::*;
pub use render::{render_rule, render_text};
pub use text::{Lang, Message, Text};
