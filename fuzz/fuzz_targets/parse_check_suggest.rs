//! Raw bytes as a plan document and as `az` output: reading must reject or accept, never panic;
//! an accepted plan must check deterministically, survive its own JSON, and `suggest` must not
//! add an error. Reading without a JSON tree must give exactly what the tree reader gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vnetplan_fuzz::check_then_suggest;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };

    let read = vnetplan_core::parse_plan(text).ok();
    let by_tree = serde_json::from_str(vnetplan_core::parse::strip_bom(text))
        .ok()
        .and_then(|value| vnetplan_core::plan_from_value(&value).ok());
    assert_eq!(read, by_tree, "the two readers disagree");
    if let Some(plan) = read {
        check_then_suggest(&plan);
    }

    // A NUL byte separates documents, so that one input can also hold several `az` outputs to
    // merge; without one, the input is a single document.
    let documents: Vec<&str> = text.split('\0').collect();
    if let Ok(imported) = vnetplan_core::import::import(&documents) {
        let _ = vnetplan_core::check(&imported.plan);
    }
});
