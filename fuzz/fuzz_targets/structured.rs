//! Plans generated from `arbitrary` input, so that most executions reach the rules rather than
//! the reader: checking is deterministic, `suggest` adds no error, the plan survives its own
//! JSON, and every export format and the address map handle whatever the plan holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vnetplan_core::export::{export, ExportFormat};
use vnetplan_fuzz::{check_then_suggest, FuzzPlan};

fuzz_target!(|input: FuzzPlan| {
    let Ok(plan) = vnetplan_core::plan_from_value(&input.to_value()) else { return };
    let report = check_then_suggest(&plan);
    for format in ExportFormat::ALL {
        let _ = export(&plan, format);
    }
    let _ = vnetplan_core::layout::layout(&plan, &report);
});
