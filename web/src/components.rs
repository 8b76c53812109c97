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

/// `value` with two decimals, as `{:.2}` writes it, for the coordinates of the SVG drawings.
/// Integer arithmetic on purpose: a map writes thousands of coordinates on each edit, Rust's
/// exact float formatting is slow in wasm (a third of the map's render time), and it would bring
/// its own machinery (about 15 KB) into the page's wasm.
pub fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    #[expect(clippy::cast_possible_truncation, reason = "drawing coordinates are far below 2^53 hundredths")]
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
        let values =
            [0.0, 0.004, 0.005, 1.0, 12.0, 12.345, 12.355, 99.999, 96_047.999, -0.25, -3.5, -12.34, 1e9];
        for value in values {
            assert_eq!(decimal(value), format!("{:.2}", (value * 100.0_f64).round() / 100.0), "{value}");
        }
        assert_eq!(decimal(24.0), "24.00");
        assert_eq!(decimal(f64::NAN), "0");
        assert_eq!(decimal(f64::INFINITY), "0");
    }
}
