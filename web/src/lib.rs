//! The vnetplan planner page: a Yew application over `vnetplan-core`.
//!
//! # Organization
//!
//! - [`app`]: the page, its toolbar, share links and file loading.
//! - [`state`]: the page's state and every change to it, as plain testable Rust, and the
//!   autosave.
//! - [`components`]: the editor, the address map, the findings and the capacity gauges.
//! - [`share`]: the `#plan=` link format; [`presets`]: the guide's setups; [`i18n`]: English and
//!   French; [`dom`]: the few browser calls the page makes; [`extras`]: what is fetched on first
//!   use (the Azure steps, the import, the migration to v2, the rule explanations, French).

pub mod app;
pub mod components;
pub mod dom;
pub mod drafts;
pub mod extras;
pub mod i18n;
pub mod presets;
pub mod share;
pub mod state;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;

pub use app::App;

/// Why a name read from storage, a `<select>` or the browser is none of an enum's: the caller
/// falls back to its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownName;

/// Shown when the page panics: after that it no longer answers, and the person must know.
const FAILURE: &str = "vnetplan stopped after an internal error (details in the browser console). \
     Reload the page to go on from the last saved plan. / vnetplan s’est arrêté sur une erreur \
     interne (détails dans la console du navigateur). Rechargez la page pour reprendre le dernier \
     plan enregistré.";

/// Mounts the page on the document body, after the panic hook: through Yew, which otherwise
/// installs its own, console-only hook when it renders.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        dom::show_failure(FAILURE);
    }));
    // French is fetched on first use: a page that opens in French waits for it under the boot
    // message, which says "loading" in both languages, rather than showing English first. A
    // network that neither answers nor fails must not keep the planner from opening, so after
    // FRENCH_WAIT_MS it opens in English, and French can be chosen once it has come. A link's
    // plan is decompressed by the browser, which answers asynchronously: the page waits for it
    // too, at the same time, so that it never shows another plan first.
    let wanted = app::wanted_lang();
    let wants_french = wanted == i18n::Lang::Fr && !vnetplan_core::text::french_available();
    let french = if wants_french { French::Waiting } else { French::Settled };
    let opening = Rc::new(RefCell::new(Opening { link: None, wanted, french }));
    if wants_french {
        let gave_up = opening.clone();
        Timeout::new(FRENCH_WAIT_MS, move || {
            let mut waiting = gave_up.borrow_mut();
            if waiting.french == French::Waiting {
                waiting.french = French::GaveUp;
            }
            drop(waiting);
            Opening::render_when_ready(&gave_up);
        })
        .forget();
        let settled = opening.clone();
        extras::run(extras::install_french(), move |_| {
            settled.borrow_mut().french = French::Settled;
            Opening::render_when_ready(&settled);
        });
    }
    extras::run(app::opening_link(), move |link| {
        opening.borrow_mut().link = Some(link);
        Opening::render_when_ready(&opening);
    });
}

/// What the first render waits for.
struct Opening {
    /// The opening link's plan, once read (`Some(None)` when the page has no link), until the
    /// render takes it.
    link: Option<Option<Result<vnetplan_core::Plan, share::LinkError>>>,
    wanted: i18n::Lang,
    french: French,
}

/// Where the French texts are when the page wants them and starts without them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum French {
    Waiting,
    /// Still on their way after `FRENCH_WAIT_MS`: the page opens in English and keeps waiting.
    GaveUp,
    /// Here, failed, or not wanted: nothing more to wait for.
    Settled,
}

impl Opening {
    fn render_when_ready(opening: &Rc<RefCell<Self>>) {
        let mut opening = opening.borrow_mut();
        if opening.french == French::Waiting {
            return;
        }
        let Some(link) = opening.link.take() else { return };
        let props = app::AppProps {
            link: Rc::new(Cell::new(link)),
            wanted: opening.wanted,
            french_in_flight: opening.french == French::GaveUp,
        };
        drop(opening);
        dom::remove_element("boot");
        yew::Renderer::<App>::with_props(props).render();
    }
}

const FRENCH_WAIT_MS: u32 = 5_000;
