//! Share links: the plan travels in the URL fragment as `#plan=` followed by base64url (no
//! padding) of the raw-DEFLATE compressed JSON, so a link works offline and no server sees it.

use std::fmt;

use base64::engine::general_purpose::{URL_SAFE_NO_PAD, URL_SAFE_NO_PAD_INDIFFERENT};
use base64::Engine as _;
use serde_json::Value;
use vnetplan_core::{parse_plan_through_tree, ParseError, Plan};

const KEY: &str = "plan=";
/// A decompressed plan larger than this is refused: a link must not be able to exhaust memory.
const MAX_PLAN_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    NotBase64,
    NotDeflate,
    TooLarge,
    NotUtf8,
    NotAPlan(ParseError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotBase64 => {
                f.write_str("the text after #plan= is not base64url; the link may be cut short")
            }
            Self::NotDeflate => f.write_str("the link's data does not decompress; the link may be cut short"),
            Self::TooLarge => f.write_str("the link's plan is larger than 8 MB once decompressed"),
            Self::NotUtf8 => f.write_str("the link's plan is not UTF-8 text"),
            Self::NotAPlan(error) => write!(f, "the link's plan cannot be read: {error}"),
        }
    }
}

/// The fragment (with its `#`) that carries the plan `document` (the state's serialised plan,
/// which the page already holds: serialising the plan again would take a serializer of its own).
pub fn fragment_for(document: &Value) -> String {
    let json = document.to_string();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("#{KEY}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The plan a URL fragment carries: `None` when the fragment holds no plan at all.
pub fn plan_from_fragment(fragment: &str) -> Option<Result<Plan, LinkError>> {
    let encoded = fragment.trim_start_matches('#').strip_prefix(KEY)?;
    Some(decode(encoded))
}

fn decode(encoded: &str) -> Result<Plan, LinkError> {
    let compressed = URL_SAFE_NO_PAD_INDIFFERENT.decode(encoded.trim()).map_err(|_| LinkError::NotBase64)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_PLAN_BYTES).map_err(|error| {
            if matches!(error.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                LinkError::TooLarge
            } else {
                LinkError::NotDeflate
            }
        })?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotUtf8)?;
    parse_plan_through_tree(&text).map_err(LinkError::NotAPlan)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../examples/default-aks.json");

    #[test]
    fn a_plan_survives_the_round_trip() {
        let plan = parse_plan_through_tree(PLAN).expect("the example parses");
        let fragment = fragment_for(&serde_json::to_value(&plan).expect("a plan serialises"));
        assert!(fragment.starts_with("#plan="));
        assert!(!fragment.contains('=') || fragment.find('=') == Some(5), "no padding: {fragment}");
        assert_eq!(plan_from_fragment(&fragment), Some(Ok(plan)));
    }

    #[test]
    fn the_format_is_raw_deflate_in_base64url() {
        let json = r#"{"schemaVersion":1,"region":"eastus2","workspace":{"resourceGroup":"rg"},"vnets":[]}"#;
        let encoded = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6));
        let plan = plan_from_fragment(&format!("#plan={encoded}")).expect("a plan").expect("it decodes");
        assert_eq!(plan.region, "eastus2");
    }

    #[test]
    fn other_fragments_are_not_plans() {
        assert_eq!(plan_from_fragment(""), None);
        assert_eq!(plan_from_fragment("#findings"), None);
    }

    #[test]
    fn broken_links_say_what_is_wrong() {
        assert_eq!(plan_from_fragment("#plan=%%%"), Some(Err(LinkError::NotBase64)));
        assert_eq!(plan_from_fragment("#plan=AAAA"), Some(Err(LinkError::NotDeflate)));
        let not_json = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{oops", 6));
        assert!(matches!(
            plan_from_fragment(&format!("#plan={not_json}")),
            Some(Err(LinkError::NotAPlan(_)))
        ));
        let bomb =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_PLAN_BYTES + 1], 9));
        assert_eq!(plan_from_fragment(&format!("#plan={bomb}")), Some(Err(LinkError::TooLarge)));
    }
}
