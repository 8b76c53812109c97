//! Two exports and no glue: the caller writes the plan's UTF-8 into memory from `reserve`, and
//! `check` leaves the report's JSON in memory and returns its length. Nothing else is linked in,
//! so the wasm's size is what the checker itself costs.

use vnetplan_core::{check as check_plan, parse_plan, Lang};

/// Room for `len` bytes of plan text, for the caller to fill and pass to `check`.
#[no_mangle]
pub extern "C" fn reserve(len: usize) -> *mut u8 {
    let mut room = Vec::<u8>::with_capacity(len);
    let start = room.as_mut_ptr();
    std::mem::forget(room);
    start
}

/// Checks the plan text at `start` (from `reserve(len)`), in English; the report, or the reason
/// the text is not a plan, is left in memory and its length returned.
///
/// # Safety
///
/// `start` and `len` must come from one call to `reserve`, with `len` bytes written there.
#[no_mangle]
pub unsafe extern "C" fn check(start: *mut u8, len: usize) -> usize {
    let bytes = unsafe { Vec::from_raw_parts(start, len, len) };
    let out = match String::from_utf8(bytes).map_err(|e| e.to_string()).and_then(|text| {
        parse_plan(&text).map_err(|e| e.to_string())
    }) {
        Ok(plan) => {
            let mut report = check_plan(&plan);
            report.localize(Lang::En);
            serde_json::to_string(&report).unwrap_or_default()
        }
        Err(reason) => reason,
    };
    let written = out.len();
    std::mem::forget(out);
    written
}
