//! The vnetplan planner page: a Yew application over `vnetplan-core`.
//!
//! # Organization
//!
//! - [`app`]: the page, its toolbar, autosave, share links and file loading.
//! - [`state`]: the page's state and every change to it, as plain testable Rust.
//! - [`components`]: the editor, the address map, the findings and the capacity gauges.
//! - [`share`]: the `#plan=` link format; [`presets`]: the guide's setups; [`i18n`]: English and
//!   French; [`dom`]: the few browser calls the page makes.

pub mod app;
pub mod components;
pub mod dom;
pub mod i18n;
pub mod presets;
pub mod share;
pub mod state;

pub use app::App;

/// Mounts the page on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
