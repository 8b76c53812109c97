//! The few browser facilities the page needs, behind functions that never panic: without a
//! window (or with storage disabled) they quietly do nothing.

use wasm_bindgen::JsCast;

use web_sys::{HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition, SvgElement};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The browser's storage for the whole site, or for this tab alone (kept across its reloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    Site,
    Tab,
}

fn storage(which: Storage) -> Option<web_sys::Storage> {
    let window = window()?;
    match which {
        Storage::Site => window.local_storage(),
        Storage::Tab => window.session_storage(),
    }
    .ok()?
}

pub fn stored(key: &str) -> Option<String> {
    stored_in(Storage::Site, key)
}

pub fn stored_in(which: Storage, key: &str) -> Option<String> {
    storage(which)?.get_item(key).ok()?
}

pub fn store(key: &str, value: &str) {
    store_in(Storage::Site, key, value);
}

pub fn store_in(which: Storage, key: &str, value: &str) {
    if let Some(storage) = storage(which) {
        // A full or disabled storage loses only the autosave, never the plan on screen.
        let _ = storage.set_item(key, value);
    }
}

/// Whether the page was opened with `?embed`, as an iframe in another page.
pub fn is_embedded() -> bool {
    let search = window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|part| part == "embed" || part.starts_with("embed="))
}

/// The full planner's address for the plan an embedded view shows.
pub fn full_planner_address(fragment: &str) -> String {
    without_embed(&address_without_hash(), fragment)
}

/// `address` without its `embed` query parameter, followed by `fragment`.
fn without_embed(address: &str, fragment: &str) -> String {
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|part| !part.is_empty() && *part != "embed" && !part.starts_with("embed="))
        .collect();
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    format!("{path}{query}{fragment}")
}

/// Registers the service worker that keeps the page working offline after one visit. Pages
/// opened from disk cannot have one, and need none: everything they use is in the file.
pub fn register_service_worker() {
    let Some(window) = window() else { return };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let navigator = window.navigator();
    if js_sys::Reflect::has(&navigator, &wasm_bindgen::JsValue::from_str("serviceWorker")).unwrap_or(false) {
        let _ = navigator.service_worker().register("./sw.js");
    }
}

/// Whether `web/boot.js` found that a newer release took this page over before the planner
/// listened for its `vnetplan-new-release` event.
pub fn new_release_installed() -> bool {
    window()
        .and_then(|window| js_sys::Reflect::get(&window, &"vnetplanNewRelease".into()).ok())
        .is_some_and(|flag| flag.is_truthy())
}

pub fn reload() {
    if let Some(window) = window() {
        let _ = window.location().reload();
    }
}

pub fn location_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's address without its fragment.
pub fn address_without_hash() -> String {
    let Some(location) = window().map(|w| w.location()) else { return String::new() };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Drops the fragment from the address bar without a reload, so that a reload restores the
/// autosaved plan the user went on to edit, not the link's original.
pub fn clear_hash() {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address_without_hash()));
    }
}

pub fn browser_language() -> String {
    window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

const DARK_SCHEME: &str = "(prefers-color-scheme: dark)";
/// The stylesheet's breakpoint, under which the editor and the results are tabs.
const NARROW: &str = "(max-width: 900px)";

fn media_query(query: &str) -> Option<web_sys::MediaQueryList> {
    window()?.match_media(query).ok()?
}

/// Calls `changed` whenever `query` starts or stops matching, for as long as the returned
/// listener lives.
fn on_media_change(query: &str, changed: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    let query = media_query(query)?;
    Some(gloo::events::EventListener::new(&query, "change", move |_| changed()))
}

pub fn system_prefers_dark() -> bool {
    media_query(DARK_SCHEME).is_some_and(|query| query.matches())
}

/// Calls `changed` whenever the system switches between light and dark, for as long as the
/// returned listener lives.
pub fn on_system_theme_change(changed: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    on_media_change(DARK_SCHEME, changed)
}

/// Whether the page is laid out for a narrow screen, where the editor and the results are tabs.
pub fn is_narrow() -> bool {
    media_query(NARROW).is_some_and(|query| query.matches())
}

/// Calls `changed` whenever the page goes from the wide layout to the narrow one or back, for as
/// long as the returned listener lives.
pub fn on_narrow_change(changed: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    on_media_change(NARROW, changed)
}

/// Calls `handler` on each `event` the window receives, for as long as the returned listener
/// lives.
pub fn on_window(event: &'static str, handler: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    let window = window()?;
    Some(gloo::events::EventListener::new(&window, event, move |_| handler()))
}

/// Calls `handler` on every `event` that reaches the window, in the capture phase: before the
/// listeners of the element the event is for.
pub fn on_window_first(
    event: &'static str,
    handler: impl Fn() + 'static,
) -> Option<gloo::events::EventListener> {
    let window = window()?;
    let options = gloo::events::EventListenerOptions::run_in_capture_phase();
    Some(gloo::events::EventListener::new_with_options(&window, event, options, move |_| handler()))
}

/// Whether the page is out of sight: another tab, a minimised window, or being left.
pub fn is_hidden() -> bool {
    window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// Puts `message` above everything else on the page, for when the page itself has failed. The
/// rest stays on screen so what was typed can still be read and copied. Built with DOM calls,
/// not markup, so the message cannot inject any.
pub fn show_failure(message: &str) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    let Ok(element) = document.create_element("p") else { return };
    element.set_id("page-failure");
    let _ = element.set_attribute("role", "alert");
    element.set_text_content(Some(message));
    let _ = body.prepend_with_node_1(&element);
}

/// Whether a modal dialog covers the page.
pub fn modal_dialog_open() -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("dialog:modal").ok().flatten())
        .is_some()
}

/// Removes the element `id`, e.g. index.html's loading message once the page runs.
pub fn remove_element(id: &str) {
    if let Some(element) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        element.remove();
    }
}

pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}

/// Says what the page is in the language it shows, for what reads the page's description
/// (a bookmark, a link preview, a screen reader's page summary).
pub fn set_description(text: &str) {
    let meta = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=\"description\"]").ok().flatten());
    if let Some(meta) = meta {
        let _ = meta.set_attribute("content", text);
    }
}

/// The id of the editor field for a JSON pointer.
pub fn field_id(pointer: &str) -> String {
    format!("field:{pointer}")
}

/// Moves keyboard focus to the editor field of `pointer`, scrolling it into view.
pub fn focus_field(pointer: &str) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let Some(element) = document.get_element_by_id(&field_id(pointer)) else { return };
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    focus(element);
}

pub fn focus_element(id: &str) {
    if let Some(element) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        focus(element);
    }
}

/// Moves keyboard focus to the first element that `selector` matches.
pub fn focus_first(selector: &str) {
    let element = window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = element {
        focus(element);
    }
}

/// Focuses an HTML or an SVG element: each kind has a `focus` of its own.
fn focus(element: web_sys::Element) {
    match element.dyn_into::<HtmlElement>() {
        Ok(html) => drop(html.focus()),
        Err(other) => {
            if let Ok(svg) = other.dyn_into::<SvgElement>() {
                drop(svg.focus());
            }
        }
    }
}

/// Focuses the element `id` if the focus has fallen back to the page's body, as it does when the
/// focused element leaves the page, or is about to, as a focused control just disabled is (the
/// browser moves its focus to the body only at its next rendering step).
pub fn focus_element_if_lost(id: &str) {
    let document = window().and_then(|w| w.document());
    let lost = document.as_ref().is_some_and(|d| {
        d.active_element()
            .is_none_or(|active| active.tag_name() == "BODY" || active.matches(":disabled").unwrap_or(false))
    });
    if lost {
        focus_element(id);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(anchor) =
        document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Puts `text` on the clipboard where the browser allows it, then tells `done` whether it did.
pub fn copy_to_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = window() else { return done(false) };
    let navigator = window.navigator();
    // Browsers give pages served over plain HTTP (other than localhost) no clipboard at all.
    let has_clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|value| !value.is_undefined());
    if !has_clipboard {
        return done(false);
    }
    let promise = navigator.clipboard().write_text(text);
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let settle = |copied: bool| {
        let done = done.clone();
        wasm_bindgen::closure::Closure::once(move |_: wasm_bindgen::JsValue| {
            if let Some(done) = done.borrow_mut().take() {
                done(copied);
            }
        })
    };
    let (ok, failed) = (settle(true), settle(false));
    let _ = promise.then2(&ok, &failed);
    // The promise settles once, after this function returns: the closures must outlive it.
    ok.forget();
    failed.forget();
}

/// Calls `then` once, before the browser paints its next frame. Without a window it is never
/// called.
pub fn on_next_frame(then: impl FnOnce() + 'static) {
    let Some(window) = window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    let _ = window.request_animation_frame(callback.unchecked_ref());
}

/// Calls `then` once, after the browser has painted its next frame.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    on_next_frame(move || {
        gloo::timers::callback::Timeout::new(0, then).forget();
    });
}

/// Whether the page was opened from a file on disk (the single-file offline page).
pub fn is_file_page() -> bool {
    window().and_then(|w| w.location().protocol().ok()).is_some_and(|protocol| protocol == "file:")
}

#[cfg(test)]
mod tests {
    use super::without_embed;

    #[test]
    fn the_full_planner_link_drops_only_the_embed_parameter() {
        assert_eq!(without_embed("https://x/p/?embed", "#plan=a"), "https://x/p/#plan=a");
        assert_eq!(without_embed("https://x/p/?lang=fr&embed=1", "#plan=a"), "https://x/p/?lang=fr#plan=a");
        assert_eq!(without_embed("https://x/p/", "#plan=a"), "https://x/p/#plan=a");
    }
}
