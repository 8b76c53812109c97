//! The page's components. They render what the state and the core computed, and turn user
//! actions into [`crate::state::Action`]s.

pub mod azure;
pub mod editor;
pub mod fields;
pub mod findings;
pub mod map;
pub mod migration;
pub mod v2_cluster;
pub mod v2_sections;

/// `value` with two decimals, as the SVG drawings take their coordinates. Integer arithmetic
/// on purpose: the standard float formatting would bring its own machinery (about 15 KB) into
/// the page's wasm for this one use.
pub fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    // Saturates far outside any drawing's range.
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn decimals_read_as_the_standard_two_decimal_format_does() {
        for value in [0.0, 0.004, 0.005, 1.0, 12.345_6, 99.999, 100.0, 1_234.5, -0.6, -12.34, 1e9] {
            assert_eq!(decimal(value), format!("{value:.2}"), "{value}");
        }
        assert_eq!(decimal(f64::NAN), "0");
        assert_eq!(decimal(f64::INFINITY), "0");
    }
}
