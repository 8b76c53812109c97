//! Share links: the plan travels in the URL fragment as `#plan=` followed by base64url (no
//! padding) of the raw-DEFLATE compressed JSON, so a link works offline and no server sees it.

use base64::engine::general_purpose::{URL_SAFE_NO_PAD, URL_SAFE_NO_PAD_INDIFFERENT};
use base64::Engine as _;
use js_sys::Uint8Array;
use serde_json::Value;
use vnetplan_core::{parse_plan_through_tree, Message, ParseError, Plan};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::T;

// The browser's own raw DEFLATE, through `web/boot.js`, which defines these only where the
// browser has Compression Streams; calling one that is missing throws, which `catch` returns.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = window, js_name = vnetplanDeflate, catch)]
    fn deflate(text: &str) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = window, js_name = vnetplanInflate, catch)]
    fn inflate(compressed: &[u8], limit: u32) -> Result<js_sys::Promise, JsValue>;
}

const KEY: &str = "plan=";
/// A decompressed plan larger than this is refused: a link must not be able to exhaust memory.
const MAX_PLAN_BYTES: u32 = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// `#plan=` with nothing after it.
    Empty,
    NotBase64,
    NotDeflate,
    TooLarge,
    NotUtf8,
    NotAPlan(ParseError),
    /// The browser lacks the Compression Streams that links are made and read with.
    Unsupported,
}

impl LinkError {
    /// Why the link cannot be opened or made, the plan reader's reason included, in either
    /// language.
    pub fn message(&self) -> Message {
        let text = match self {
            Self::Empty => T::LinkEmpty,
            Self::NotBase64 => T::LinkNotBase64,
            Self::NotDeflate => T::LinkNotDeflate,
            Self::TooLarge => T::LinkTooLarge,
            Self::NotUtf8 => T::LinkNotUtf8,
            Self::NotAPlan(error) => {
                return T::LinkNotAPlan.text().message().with_message("error", error.message())
            }
            Self::Unsupported => T::LinksUnsupported,
        };
        text.text().message()
    }
}

/// The fragment (with its `#`) that carries the plan `document` (the state's serialised plan,
/// which the page already holds: serialising the plan again would take a serializer of its own).
pub async fn fragment_for(document: &Value) -> Result<String, LinkError> {
    let promise = deflate(&document.to_string()).map_err(|_| LinkError::Unsupported)?;
    let compressed = JsFuture::from(promise).await.and_then(JsCast::dyn_into::<Uint8Array>);
    Ok(format!("#{KEY}{}", URL_SAFE_NO_PAD.encode(compressed.map_err(|_| LinkError::Unsupported)?.to_vec())))
}

/// The encoded plan a URL fragment carries: `None` when the fragment holds no plan at all.
pub fn link_in(fragment: &str) -> Option<&str> {
    fragment.trim_start_matches('#').strip_prefix(KEY)
}

/// The plan of a link's encoded part (what [`link_in`] finds).
pub async fn plan_from_link(encoded: &str) -> Result<Plan, LinkError> {
    let compressed = compressed_of(encoded)?;
    let promise = inflate(&compressed, MAX_PLAN_BYTES).map_err(|_| LinkError::Unsupported)?;
    let inflated = JsFuture::from(promise).await.map_err(|_| LinkError::NotDeflate)?;
    plan_of(inflated.dyn_into::<Uint8Array>().ok().map(|bytes| bytes.to_vec()))
}

fn compressed_of(encoded: &str) -> Result<Vec<u8>, LinkError> {
    let encoded = encoded.trim();
    if encoded.is_empty() {
        return Err(LinkError::Empty);
    }
    URL_SAFE_NO_PAD_INDIFFERENT.decode(encoded).map_err(|_| LinkError::NotBase64)
}

/// The plan in a link's decompressed bytes: `None` when they went past the limit.
fn plan_of(inflated: Option<Vec<u8>>) -> Result<Plan, LinkError> {
    let text = String::from_utf8(inflated.ok_or(LinkError::TooLarge)?).map_err(|_| LinkError::NotUtf8)?;
    parse_plan_through_tree(&text).map_err(LinkError::NotAPlan)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The round trip through the browser's DEFLATE, and its limit, are tested in the browser
    // (web/e2e/share.test.mjs, web/e2e/hostile.test.mjs).

    #[test]
    fn only_a_plan_fragment_is_a_link() {
        assert_eq!(link_in("#plan=abc"), Some("abc"));
        assert_eq!(link_in("plan="), Some(""));
        assert_eq!(link_in(""), None);
        assert_eq!(link_in("#findings"), None);
    }

    #[test]
    fn broken_links_say_what_is_wrong() {
        assert_eq!(compressed_of("%%%"), Err(LinkError::NotBase64));
        assert_eq!(compressed_of(" "), Err(LinkError::Empty));
        assert_eq!(compressed_of("AAAA"), Ok(vec![0, 0, 0]));
        assert_eq!(plan_of(None), Err(LinkError::TooLarge));
        assert_eq!(plan_of(Some(vec![0xff, 0xfe])), Err(LinkError::NotUtf8));
        assert!(matches!(plan_of(Some(b"{oops".to_vec())), Err(LinkError::NotAPlan(_))));
    }

    #[test]
    fn decompressed_text_reads_as_its_plan() {
        let text = include_str!("../../examples/default-aks.json");
        let plan = plan_of(Some(text.as_bytes().to_vec())).expect("the example reads");
        assert_eq!(Ok(plan), parse_plan_through_tree(text));
    }
}
