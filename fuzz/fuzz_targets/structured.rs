//! Plans generated from `arbitrary` input, so that most executions reach the rules rather than
//! the reader: checking is deterministic, `suggest` adds no error, the plan survives its own
//! JSON, every export format and the address map handle whatever the plan holds, and migration
//! reaches a fixed point.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vnetplan_core::export::{export, ExportFormat};
use vnetplan_core::Lang;
use vnetplan_fuzz::{check_then_suggest, FuzzPlan};

fuzz_target!(|input: FuzzPlan| {
    let Ok(plan) = vnetplan_core::plan_from_value(&input.to_value()) else { return };
    let report = check_then_suggest(&plan);
    for format in ExportFormat::ALL {
        for lang in Lang::ALL {
            let _ = export(&plan, &report, format, lang);
        }
    }
    // Migration never panics, and a migrated plan is a fixed point of it.
    let (migrated, _) = vnetplan_core::migrate(&plan);
    assert_eq!(vnetplan_core::migrate(&migrated).0, migrated, "migrating twice changed the plan");
    // The map lays out at a desktop's width and at a phone's, in each language.
    for width in [vnetplan_core::layout::DEFAULT_WIDTH, 390.0] {
        for lang in Lang::ALL {
            let _ = vnetplan_core::layout::layout(&plan, &report, width, lang);
        }
    }
});
