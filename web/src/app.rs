//! The page: it owns the state, keeps it saved, and lays out the editor, the map and the
//! findings. Components render; `vnetplan-core` computes.

use std::rc::Rc;
use std::str::FromStr;

use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use vnetplan_core::{parse_plan_through_tree, Message, Plan};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::azure::{AzureSteps, ImportDialog};
use crate::components::editor::Editor;
use crate::components::fields::use_shown_choice;
use crate::components::findings::{CapacityPanel, FindingsPanel};
use crate::components::map::AddressMapView;
use crate::components::migration::MigrationPanel;
use crate::extras::ExtrasError;
use crate::i18n::{counted, Lang, T};
use crate::presets::Preset;
use crate::share::{fragment_for, link_in, plan_from_link, LinkError};
use crate::state::{Action, Autosave, FrameGate, Notice, NoticeKind, State};
use crate::UnknownName;
use crate::{dom, extras};

const LANG_KEY: &str = "vnetplan.lang";
const THEME_KEY: &str = "vnetplan.theme";
/// The id of the toolbar's language list.
const LANGUAGE_LIST: &str = "language";

/// What the page opens with: a plan from the link, else the autosaved plan, else the guide's
/// default AKS setup. A link's plan replaces the autosaved one as one undo step, so that Undo
/// brings back the work the autosave kept (the autosave keeps the link's plan for this tab only,
/// until it is changed, so that the next tab opens with that work). A link
/// that cannot be read leaves the autosaved plan in place and says why. An embedded view shows
/// only its link's plan: it neither reads nor writes the autosave, which belongs to the person's
/// own planner on the same site.
fn initial_state(saved: Option<State>, embedded: bool, link: Option<Result<Plan, LinkError>>) -> State {
    match link {
        Some(Ok(plan)) if embedded => State::new(plan),
        Some(Ok(plan)) => {
            dom::clear_hash();
            let notice = Some(Notice::Done(NoticeKind::LinkLoaded));
            match saved {
                Some(saved) if *saved.plan != plan => {
                    saved.after(Action::Replace { plan: Box::new(plan), notice })
                }
                // The link holds the plan saved already: there is nothing to undo.
                saved => {
                    let mut state = saved.unwrap_or_else(|| State::new(plan));
                    state.notice = notice;
                    state
                }
            }
        }
        Some(Err(error)) => {
            let mut state = saved.unwrap_or_else(|| State::new(Preset::DefaultAks.plan()));
            let headline = if embedded { NoticeKind::EmbeddedLinkBroken } else { NoticeKind::LinkBroken };
            state.notice = Some(Notice::Error { headline, detail: error.message() });
            state
        }
        None => saved.unwrap_or_else(|| State::new(Preset::DefaultAks.plan())),
    }
}

/// The language the person chose before, or their browser's.
pub(crate) fn wanted_lang() -> Lang {
    dom::stored(LANG_KEY)
        .and_then(|code| code.parse().ok())
        .or_else(|| dom::browser_language().parse().ok())
        .unwrap_or(Lang::En)
}

/// The language the page opens in when `wanted` is asked for: French only once its texts are
/// here (`start` fetches them first when French is wanted).
fn opening_lang(wanted: Lang) -> Lang {
    match wanted {
        Lang::Fr if !vnetplan_core::text::french_available() => Lang::En,
        wanted => wanted,
    }
}

/// The colour scheme picked in the toolbar. The stylesheet knows only light and dark: `System`
/// is resolved here, and follows the system's setting when it changes while the page is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    fn label(self) -> T {
        match self {
            Self::System => T::ThemeSystem,
            Self::Light => T::ThemeLight,
            Self::Dark => T::ThemeDark,
        }
    }

    fn is_dark(self) -> bool {
        match self {
            Self::System => dom::system_prefers_dark(),
            Self::Light => false,
            Self::Dark => true,
        }
    }
}

impl FromStr for Theme {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<Self, UnknownName> {
        Self::ALL.into_iter().find(|theme| theme.as_str() == name).ok_or(UnknownName)
    }
}

/// The value of the `<select>` that `event` changed, read as one of its enum's names.
fn chosen<V: FromStr>(event: &Event) -> Option<V> {
    event.target()?.dyn_into::<HtmlSelectElement>().ok()?.value().parse().ok()
}

/// The plan of the link the page was opened with, read before the first render.
pub async fn opening_link() -> Option<Result<Plan, LinkError>> {
    let hash = dom::location_hash();
    Some(plan_from_link(link_in(&hash)?).await)
}

#[derive(Properties)]
pub struct AppProps {
    /// What [`opening_link`] read, taken once, when the state is made.
    pub link: Rc<std::cell::Cell<Option<Result<Plan, LinkError>>>>,
    /// The language the person wants ([`wanted_lang`], which `start` has read already).
    pub wanted: Lang,
    /// The page opened in English because French had not come in time, and it may still come.
    pub french_in_flight: bool,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.link, &other.link)
            && self.wanted == other.wanted
            && self.french_in_flight == other.french_in_flight
    }
}

/// Where the focus goes once a switch of the phone's tabs has rendered.
enum AfterTab {
    /// The field at this pointer, in the editor's tab.
    Field(String),
    /// The findings, in the results tab.
    Findings,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let embedded = *use_memo((), |()| dom::is_embedded());
    let wanted = props.wanted;
    let opening = *use_memo((), move |()| opening_lang(wanted));
    // Handed on to the autosave, which then knows what the storage holds already.
    let restored = use_mut_ref(|| if embedded { None } else { Autosave::restore() });
    let state = use_reducer(|| {
        let saved = restored.borrow().as_ref().map(|restored| restored.state.clone());
        let mut state = initial_state(saved, embedded, props.link.take());
        if opening != wanted {
            state.notice = Some(french_unavailable(&ExtrasError::Unavailable));
        }
        state
    });
    let lang = use_state(|| opening);
    let lang_loading = use_state_eq(|| false);
    let theme =
        use_state(|| dom::stored(THEME_KEY).and_then(|name| name.parse().ok()).unwrap_or(Theme::System));
    let share = use_state(|| None::<Share>);
    let reader = use_mut_ref(|| None::<FileReader>);

    // One callback for the page's life: Yew compares callbacks by identity, and a new one on
    // every render would make every component re-render on every keystroke.
    let direct = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |()| Callback::from(move |action: Action| dispatcher.dispatch(action)))).clone()
    };
    let gate = use_mut_ref(FrameGate::default);
    let dispatch = {
        let (gate, direct) = (gate.clone(), direct.clone());
        (*use_memo((), move |()| Callback::from(move |action| FrameGate::send(&gate, &direct, action))))
            .clone()
    };
    // A click acts on the plan the page shows, so the keys still held for the next frame go
    // in first. This runs before the clicked element's own handler, and a browser runs the
    // microtasks, and so the render of those keys, between the two: the handler sees them.
    {
        let (gate, direct) = (gate.clone(), direct.clone());
        use_effect_with((), move |()| {
            let listener = dom::on_window_first("click", move || {
                FrameGate::flush(&gate, &direct);
            });
            move || drop(listener)
        });
    }
    // An embedded view neither reads nor writes the autosave: it has none.
    let autosave = use_memo((), move |()| {
        let restored = restored.borrow_mut().take();
        (!embedded).then(|| Autosave::start(gate, direct, restored.as_ref()))
    });
    {
        let saved = state.clone();
        use_effect_with(
            (state.document.clone(), state.drafts.clone(), state.migration_notes.clone()),
            move |_| {
                if let Some(autosave) = &*autosave {
                    autosave.schedule(&saved);
                }
            },
        );
    }
    use_effect_with((), |()| dom::register_service_worker());
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            let announce = move || dispatch.emit(Action::NewRelease);
            if dom::new_release_installed() {
                announce();
            }
            let listener = dom::on_window("vnetplan-new-release", announce);
            move || drop(listener)
        });
    }
    use_effect_with(*lang, |lang| {
        dom::set_root_attribute("lang", Some(lang.as_str()));
        dom::set_description(T::Tagline.get(*lang));
    });
    use_effect_with(*theme, |theme| {
        dom::store(THEME_KEY, theme.as_str());
        let theme = *theme;
        let apply = move || {
            let shown = if theme.is_dark() { Theme::Dark } else { Theme::Light };
            dom::set_root_attribute("data-theme", Some(shown.as_str()));
        };
        apply();
        let listener = (theme == Theme::System).then(|| dom::on_system_theme_change(apply)).flatten();
        move || drop(listener)
    });
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                // Links are read asynchronously: of two pasted in quick succession, the later wins.
                let latest = Rc::new(std::cell::Cell::new(0_u32));
                EventListener::new(&window, "hashchange", move |_| {
                    let hash = dom::location_hash();
                    let Some(encoded) = link_in(&hash).map(str::to_owned) else { return };
                    dom::clear_hash();
                    let (dispatch, latest) = (dispatch.clone(), latest.clone());
                    let this = latest.get().wrapping_add(1);
                    latest.set(this);
                    extras::run(async move { plan_from_link(&encoded).await }, move |loaded| {
                        if latest.get() != this {
                            return;
                        }
                        dispatch.emit(match loaded {
                            Ok(plan) => Action::Replace {
                                plan: Box::new(plan),
                                notice: Some(Notice::Done(NoticeKind::LinkLoaded)),
                            },
                            Err(error) => Action::Notify(Notice::Error {
                                headline: if embedded {
                                    NoticeKind::EmbeddedLinkKept
                                } else {
                                    NoticeKind::LinkBroken
                                },
                                detail: error.message(),
                            }),
                        })
                    });
                })
            });
            move || drop(listener)
        });
    }

    let t = |key: T| key.get(*lang);

    // The migration comes with the on-demand module: the reducer records the request, and this
    // runs it and hands the answer back, which the reducer applies only to the plan it was for.
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.migrating.clone(), move |migrating| {
            if let Some(request) = migrating.clone() {
                if let Some(input) = request.input() {
                    extras::run(extras::migrate(input.to_json()), move |answer| {
                        let answer = answer.map(Box::new).map_err(|error| error.message());
                        dispatch.emit(Action::Migrated { request, answer });
                    });
                }
            }
        });
    }

    // Undo and redo listen on the window, so that they run wherever focus is, the body
    // included (a Fix removes the button that had it). Outside a text field, or in one with no
    // typing since the plan last changed, they undo plan changes and the browser's own undo is
    // stopped: it would rewrite whichever field was typed into last. While the user types in a
    // field, they are that field's own undo, whose input events then reach the plan as edits.
    let typing = use_mut_ref(|| None::<String>);
    *typing.borrow_mut() = state.typing_in().map(str::to_owned);
    {
        let (dispatch, typing) = (dispatch.clone(), typing.clone());
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                EventListener::new_with_options(
                    &window,
                    "keydown",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                        // A modal dialog (the import) hides the plan: undoing it there would
                        // change what the user cannot see, under an import that is running.
                        if !(event.ctrl_key() || event.meta_key()) || dom::modal_dialog_open() {
                            return;
                        }
                        let action = match event.key().to_lowercase().as_str() {
                            "z" if event.shift_key() => Action::Redo,
                            "z" => Action::Undo,
                            "y" => Action::Redo,
                            _ => return,
                        };
                        let field =
                            event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok());
                        let own_undo = field.is_some_and(|input| {
                            input.type_() == "text"
                                && input.get_attribute("data-pointer").is_some_and(|pointer| {
                                    typing.borrow().as_deref() == Some(pointer.as_str())
                                })
                        }) || event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|element| element.tag_name() == "TEXTAREA");
                        if own_undo {
                            return;
                        }
                        event.prevent_default();
                        dispatch.emit(action);
                    },
                )
            });
            move || drop(listener)
        });
    }

    // Under 900 px the editor and the results are two tabs (the stylesheet hides the other).
    // Picking a field from the results (a map bar, a finding's link) opens the editor's tab.
    let results_tab = use_state_eq(|| false);
    // Only the narrow layout shows the tabs, so only there are the two columns their panels: a
    // screen reader on a wide screen would otherwise hear of panels with no tab to choose them.
    let narrow = use_state_eq(dom::is_narrow);
    {
        let narrow = narrow.clone();
        use_effect_with((), move |()| {
            let listener = dom::on_narrow_change(move || narrow.set(dom::is_narrow()));
            move || drop(listener)
        });
    }
    let panel_role = narrow.then_some("tabpanel");
    // What a tab switch was for is shown only once the tab has rendered, which an effect comes
    // after: a field picked from the results, or the findings skipped to on a phone.
    let focus_after_tab = use_mut_ref(|| None::<AfterTab>);
    {
        let (results_tab, focus_after_tab) = (results_tab.clone(), focus_after_tab.clone());
        use_effect_with((state.selected.clone(), state.picks), move |(selected, _)| {
            if let Some(pointer) = selected.clone() {
                if *results_tab && dom::is_narrow() {
                    *focus_after_tab.borrow_mut() = Some(AfterTab::Field(pointer));
                    results_tab.set(false);
                }
            }
        });
    }
    {
        let focus_after_tab = focus_after_tab.clone();
        use_effect_with(*results_tab, move |_| match focus_after_tab.borrow_mut().take() {
            Some(AfterTab::Field(pointer)) => dom::focus_field(&pointer),
            Some(AfterTab::Findings) => dom::focus_element("findings"),
            None => {}
        });
    }
    // Focused, not followed: the address's fragment may hold a shared plan.
    let skip_to_findings = {
        let results_tab = results_tab.clone();
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            if dom::is_narrow() && !*results_tab {
                *focus_after_tab.borrow_mut() = Some(AfterTab::Findings);
                results_tab.set(true);
            } else {
                dom::focus_element("findings");
            }
        })
    };
    let tab = |results: bool| {
        let results_tab = results_tab.clone();
        Callback::from(move |_: MouseEvent| results_tab.set(results))
    };
    // The arrow keys move between the tabs, as a screen reader announcing tabs leads one to
    // expect; Tab itself reaches only the chosen one and goes on into its panel.
    let on_tab_key = {
        let results_tab = results_tab.clone();
        Callback::from(move |event: KeyboardEvent| {
            let results = match event.key().as_str() {
                "ArrowLeft" | "ArrowRight" => !*results_tab,
                "Home" => false,
                "End" => true,
                _ => return,
            };
            event.prevent_default();
            results_tab.set(results);
            dom::focus_element(if results { "tab-results" } else { "tab-plan" });
        })
    };
    let errors = state.report.summary.errors;

    let preset_choice = use_node_ref();
    let on_load_preset = {
        let dispatch = dispatch.clone();
        let preset_choice = preset_choice.clone();
        Callback::from(move |_| {
            let preset = preset_choice
                .cast::<HtmlSelectElement>()
                .and_then(|select| select.value().parse::<Preset>().ok());
            if let Some(preset) = preset {
                dispatch.emit(Action::Replace {
                    plan: Box::new(preset.plan()),
                    notice: Some(Notice::Done(NoticeKind::PresetLoaded)),
                });
            }
        })
    };
    let on_share = {
        let (plan, document) = (state.plan.clone(), state.document.clone());
        let share = share.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let (plan, document, share, dispatch) =
                (plan.clone(), document.clone(), share.clone(), dispatch.clone());
            extras::run(async move { fragment_for(&document).await }, move |fragment| {
                let fragment = match fragment {
                    Ok(fragment) => fragment,
                    Err(error) => {
                        return dispatch.emit(Action::Notify(Notice::Error {
                            headline: NoticeKind::ShareFailed,
                            detail: error.message(),
                        }));
                    }
                };
                let (url, file_only) = match (dom::is_file_page(), HOSTED_PLANNER) {
                    (true, Some(hosted)) => (format!("{hosted}{fragment}"), false),
                    (file_only, _) => (format!("{}{fragment}", dom::address_without_hash()), file_only),
                };
                let made = Share { url: url.clone(), plan, file_only, copied: None };
                share.set(Some(made.clone()));
                dom::copy_to_clipboard(&url, move |copied| {
                    share.set(Some(Share { copied: Some(copied), ..made }))
                });
            });
        })
    };
    let on_download = {
        let plan = state.plan.clone();
        Callback::from(move |_| {
            let name =
                if plan.name.trim().is_empty() { "vnetplan".to_owned() } else { file_stem(&plan.name) };
            dom::download(&format!("{name}.json"), &(plan.to_json() + "\n"));
        })
    };
    let on_open_file = {
        let dispatch = dispatch.clone();
        let reader = reader.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let dispatch = dispatch.clone();
            let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |read| {
                dispatch.emit(
                    match read
                        .map_err(|error| Message::verbatim(error.to_string()))
                        .and_then(|text| parse_plan_through_tree(&text).map_err(|error| error.message()))
                    {
                        Ok(plan) => Action::Replace {
                            plan: Box::new(plan),
                            notice: Some(Notice::Done(NoticeKind::FileLoaded)),
                        },
                        Err(detail) => {
                            Action::Notify(Notice::Error { headline: NoticeKind::FileBroken, detail })
                        }
                    },
                );
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    // Choosing a language, in the list or with the notice's offer of French once it has come.
    // Made once, as `dispatch` is, so that the notice bar does not render again on every keystroke.
    // Counts the choices made, so that French arriving after a later choice is not shown.
    let lang_choices = use_mut_ref(|| 0_u32);
    let choose_lang = {
        let (lang, lang_loading, dispatch) = (lang.clone(), lang_loading.clone(), dispatch.clone());
        use_callback((), move |choice: Lang, ()| {
            let this_choice = {
                let mut choices = lang_choices.borrow_mut();
                *choices = choices.wrapping_add(1);
                *choices
            };
            let still_wanted = {
                let lang_choices = lang_choices.clone();
                move || *lang_choices.borrow() == this_choice
            };
            dom::store(LANG_KEY, choice.as_str());
            let show = {
                let (lang, dispatch) = (lang.clone(), dispatch.clone());
                move |choice: Lang| {
                    lang.set(choice);
                    if choice == Lang::Fr {
                        dispatch.emit(Action::FrenchLoaded { shown: true });
                    }
                }
            };
            let (lang_loading, dispatch) = (lang_loading.clone(), dispatch.clone());
            if choice == Lang::En || vnetplan_core::text::french_available() {
                lang_loading.set(false);
                show(choice);
                return;
            }
            lang_loading.set(true);
            extras::run(extras::install_french(), move |installed| {
                // A later choice has been made and shown: this answer is for nobody.
                if !still_wanted() {
                    return;
                }
                lang_loading.set(false);
                match installed {
                    Ok(()) => show(Lang::Fr),
                    // The page stays in English, which the list shows again once this renders.
                    Err(error) => dispatch.emit(Action::Notify(french_unavailable(&error))),
                }
            });
        })
    };
    let on_lang = choose_lang.reform(|event: Event| chosen(&event).unwrap_or(Lang::En));
    let show_french = {
        let choose_lang = choose_lang.clone();
        use_callback((), move |_: MouseEvent, ()| {
            choose_lang.emit(Lang::Fr);
            // The button goes with the notice: the focus goes where the language is chosen.
            dom::focus_element(LANGUAGE_LIST);
        })
    };
    // While French loads, the list shows the choice just made, as a cluster's switch does.
    let listed_lang = if *lang_loading { Lang::Fr } else { *lang };
    let language_list = use_shown_choice(Some(AttrValue::from(listed_lang.as_str())));
    // A page that wanted French but opened in English because start() stopped waiting keeps
    // waiting for the fetch still on its way, so that its notice does not go on saying French is
    // missing once it has come. A fetch that failed is not tried again at once: it would likely
    // fail too, and choosing French in the list tries again.
    {
        let dispatch = dispatch.clone();
        let french_in_flight = props.french_in_flight;
        use_effect_with((), move |()| {
            if opening != wanted && french_in_flight {
                extras::run(extras::install_french(), move |installed| {
                    if installed.is_ok() {
                        dispatch.emit(Action::FrenchLoaded { shown: false });
                    }
                });
            }
        });
    }
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |event: Event| theme.set(chosen(&event).unwrap_or(Theme::System)))
    };
    // Deflating the plan for the link is done only when the plan changes, and only when embedded.
    // The link is left without an address until the plan it carries is the one shown.
    let full_planner = use_state_eq(|| None::<String>);
    {
        let full_planner = full_planner.clone();
        use_effect_with(state.document.clone(), move |document| {
            let current = Rc::new(std::cell::Cell::new(true));
            if embedded {
                full_planner.set(None);
                let (document, still_current) = (document.clone(), current.clone());
                extras::run(async move { fragment_for(&document).await }, move |fragment| {
                    if still_current.get() {
                        full_planner.set(fragment.ok().map(|fragment| dom::full_planner_address(&fragment)));
                    }
                });
            }
            move || current.set(false)
        });
    }
    // Undo and Redo disable themselves at either end of the history, and the focus they had then
    // falls to the page's body: it goes to the other button, which has just become possible.
    let other_history_button = use_mut_ref(|| None::<&'static str>);
    {
        let other_history_button = other_history_button.clone();
        use_effect(move || {
            if let Some(other) = other_history_button.borrow_mut().take() {
                dom::focus_element_if_lost(other);
            }
        });
    }
    let history_button = |action: fn() -> Action, other: &'static str| {
        let other_history_button = other_history_button.clone();
        dispatch.reform(move |_: MouseEvent| {
            *other_history_button.borrow_mut() = Some(other);
            action()
        })
    };
    let undo = history_button(|| Action::Undo, "redo");
    let redo = history_button(|| Action::Redo, "undo");

    if embedded {
        let full = (*full_planner).clone();
        return html! {
            <div class="app embed">
                <header class="embed-head">
                    <strong>{ "vnetplan" }</strong>
                    <span class="embed-name">{ &state.plan.name }</span>
                    // A fix applied here says Undo takes it back: the buttons say so too.
                    <button type="button" id="undo" onclick={undo} disabled={!state.can_undo()}
                        aria-keyshortcuts="Control+Z">{ t(T::Undo) }</button>
                    <button type="button" id="redo" onclick={redo} disabled={!state.can_redo()}
                        aria-keyshortcuts="Control+Y">{ t(T::Redo) }</button>
                    <a id="open-full" href={full} target="_blank" rel="noopener">{ t(T::OpenFullPlanner) }</a>
                </header>
                <NoticeBar notice={state.notice.clone()} lang={*lang} dispatch={dispatch.clone()} show_french={show_french.clone()}
                    new_release={state.new_release} />
                <main id="main" tabindex="-1" class="embed-body">
                    <AddressMapView plan={state.plan.clone()} report={state.report.clone()} selected={state.selected.clone()} picks={state.picks} lang={*lang}
                        dispatch={dispatch.clone()} embedded=true />
                    <FindingsPanel report={state.report.clone()} document={state.document.clone()} lang={*lang}
                        dispatch={dispatch.clone()} />
                </main>
            </div>
        };
    }

    html! {
        <div class="app">
            <a class="skip-link" href="#findings" onclick={skip_to_findings}>{ t(T::SkipToFindings) }</a>
            <header class="masthead">
                <div class="brand">
                    <h1>{ "vnetplan" }</h1>
                    <p class="tagline">{ t(T::Tagline) }</p>
                </div>
                <nav class="toolbar" aria-label={t(T::Toolbar)}>
                    <div class="tool-group">
                        <label for="preset">{ t(T::StartFrom) }</label>
                        <select id="preset" ref={preset_choice}>
                            { for Preset::ALL.iter().map(|p| html! {
                                <option value={p.as_str()} selected={*p == Preset::DefaultAks}>{ t(p.label()) }</option>
                            }) }
                        </select>
                        <button type="button" id="load-preset" onclick={on_load_preset}>{ t(T::LoadPreset) }</button>
                    </div>
                    <div class="tool-group">
                        <button type="button" id="undo" onclick={undo} disabled={!state.can_undo()}
                            aria-keyshortcuts="Control+Z">{ t(T::Undo) }</button>
                        <button type="button" id="redo" onclick={redo} disabled={!state.can_redo()}
                            aria-keyshortcuts="Control+Y">{ t(T::Redo) }</button>
                    </div>
                    <div class="tool-group">
                        <button type="button" id="share" onclick={on_share}>{ t(T::ShareLink) }</button>
                        <button type="button" id="download" onclick={on_download}>{ t(T::Download) }</button>
                        <label class="file-button" for="open-file">{ t(T::OpenFile) }</label>
                        <input type="file" id="open-file" class="visually-hidden" accept=".json,application/json"
                            onchange={on_open_file} />
                        <ImportDialog document={state.document.clone()} lang={*lang} dispatch={dispatch.clone()} />
                    </div>
                    <div class="tool-group">
                        <label for={LANGUAGE_LIST}>{ t(T::Language) }</label>
                        <select ref={language_list} id={LANGUAGE_LIST} onchange={on_lang} aria-busy={lang_loading.to_string()}>
                            <option value="en" lang="en" selected={listed_lang == Lang::En}>{ "English" }</option>
                            <option value="fr" lang="fr" selected={listed_lang == Lang::Fr}>{ "Français" }</option>
                        </select>
                        if *lang_loading { <span class="lang-loading" role="status">{ t(T::ExtrasLoading) }</span> }
                        <label for="theme">{ t(T::Theme) }</label>
                        <select id="theme" onchange={on_theme}>
                            { for Theme::ALL.iter().map(|choice| html! {
                                <option value={choice.as_str()} selected={*theme == *choice}>{ t(choice.label()) }</option>
                            }) }
                        </select>
                    </div>
                </nav>
                // A link shows the plan as it was when it was made: it goes once the plan changes.
                if let Some(current) = (*share).clone().filter(|made| Rc::ptr_eq(&made.plan, &state.plan)) {
                    <div class="share-box">
                        <label for="share-url">{ t(T::ShareLink) }</label>
                        <input id="share-url" type="text" readonly=true value={current.url} />
                        <p class="hint">{ t(if current.file_only { T::ShareLinkFileOnly } else { T::ShareLinkHelp }) }</p>
                    </div>
                }
                <p id="share-status" class="share-status" role="status" aria-live="polite">
                    { (*share).as_ref().filter(|made| Rc::ptr_eq(&made.plan, &state.plan)).and_then(|made| made.copied).map(|copied| {
                        t(if copied { T::LinkCopied } else { T::LinkCopyFailed })
                    }).unwrap_or_default() }
                </p>
            </header>
            <NoticeBar notice={state.notice.clone()} lang={*lang} dispatch={dispatch.clone()} show_french={show_french.clone()}
                new_release={state.new_release} />
            <div class="tabs" role="tablist" aria-label={t(T::Views)} onkeydown={on_tab_key}>
                <button type="button" role="tab" id="tab-plan" aria-controls="editor-panel" tabindex={if *results_tab { "-1" } else { "0" }}
                    aria-selected={(!*results_tab).to_string()} onclick={tab(false)}>{ t(T::PlanSection) }</button>
                <button type="button" role="tab" id="tab-results" aria-controls="results-panel" tabindex={if *results_tab { "0" } else { "-1" }}
                    aria-selected={results_tab.to_string()} onclick={tab(true)}>
                    { t(T::ResultsTab) }{ " " }
                    <span class={classes!("tab-count", (errors > 0).then_some("has-errors"))} aria-live="polite">
                        { counted(errors, T::OneError, T::Errors, *lang) }
                    </span>
                </button>
            </div>
            <main id="main" tabindex="-1" class={classes!("layout", if *results_tab { "show-results" } else { "show-editor" })}>
                <section class="editor-column" id="editor-panel" role={panel_role} aria-label={t(T::PlanSection)}>
                    <Editor plan={state.plan.clone()} document={state.document.clone()} drafts={state.drafts.clone()} report={state.report.clone()}
                        selected={state.selected.clone()} picks={state.picks} switching={state.migrating.as_ref().and_then(|request| request.cluster)}
                        refused={state.refused.clone()} lang={*lang} dispatch={dispatch.clone()} />
                </section>
                <section class="results-column" id="results-panel" role={panel_role} aria-label={t(T::ResultsTab)}>
                    <AddressMapView plan={state.plan.clone()} report={state.report.clone()} selected={state.selected.clone()} picks={state.picks} lang={*lang}
                        dispatch={dispatch.clone()} shown={*results_tab} />
                    <FindingsPanel report={state.report.clone()} document={state.document.clone()} lang={*lang}
                        dispatch={dispatch.clone()} />
                    <MigrationPanel plan={state.plan.clone()} document={state.document.clone()} notes={state.migration_notes.clone()} busy={state.migrating.is_some()} lang={*lang}
                        dispatch={dispatch.clone()} />
                    <CapacityPanel report={state.report.clone()} lang={*lang} />
                    <AzureSteps document={state.document.clone()} lang={*lang} />
                </section>
            </main>
            <footer class="footer"><p>{ t(T::Footer) }</p></footer>
        </div>
    }
}

/// The hosted planner that links made in the offline file open, when the build names one
/// (`VNETPLAN_PLANNER_URL`, e.g. `https://example.org/vnetplan/`).
const HOSTED_PLANNER: Option<&str> = option_env!("VNETPLAN_PLANNER_URL");

/// A share link, and the plan it holds.
#[derive(Clone, PartialEq)]
struct Share {
    url: String,
    plan: Rc<Plan>,
    /// Made in a page opened from a file, with no hosted planner to point at.
    file_only: bool,
    /// Whether the copy to the clipboard worked, once the browser says.
    copied: Option<bool>,
}

fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .take(60)
        .collect();
    stem.trim_matches('-').to_owned()
}

fn french_unavailable(why: &ExtrasError) -> Notice {
    Notice::Error { headline: NoticeKind::FrenchUnavailable, detail: why.message() }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    notice: Option<Notice>,
    lang: Lang,
    dispatch: Callback<Action>,
    /// Switches the page to French, offered once its texts have come late.
    show_french: Callback<MouseEvent>,
    new_release: bool,
}

#[component]
fn NoticeBar(props: &NoticeProps) -> Html {
    // Live regions, all always in the page: a region announces what arrives in it only if it
    // was there before, and a role changed on the fly is announced unreliably. Errors interrupt;
    // news waits for a pause. So the notice the page opens with (a link read or refused, French
    // missing) comes once the empty regions have been painted: a second render in the same task
    // would reach the page, and a screen reader, as one.
    let drawn = use_state_eq(|| false);
    {
        let drawn = drawn.clone();
        use_effect_with((), move |()| dom::after_next_paint(move || drawn.set(true)));
    }
    let body = props
        .notice
        .as_ref()
        .filter(|_| *drawn)
        .map_or_else(Html::default, |notice| notice_body(notice, props));
    let (errors, news) = match props.notice {
        Some(Notice::Error { .. }) => (body, Html::default()),
        _ => (Html::default(), body),
    };
    let t = |text: T| text.get(props.lang);
    html! {
        <>
            <div class="notice-slot" role="alert">{ errors }</div>
            <div class="notice-slot" role="status">{ news }</div>
            <div class="release-slot" role="status">
                if props.new_release && *drawn {
                    <div class="notice notice-done" id="release">
                        <p><strong>{ t(T::NoticeNewRelease) }</strong></p>
                        // Leaving the page saves the plan, with the keys the click sent first.
                        <button type="button" id="reload-release" onclick={|_| dom::reload()}>{ t(T::Reload) }</button>
                        { dismiss_button(props, || Action::DismissNewRelease) }
                    </div>
                }
            </div>
        </>
    }
}

fn notice_body(notice: &Notice, props: &NoticeProps) -> Html {
    let (class, headline, detail) = match notice {
        Notice::Error { headline, detail } => ("notice notice-error", *headline, Some(detail)),
        Notice::Done(kind) => ("notice notice-done", *kind, None),
    };
    let text = match headline {
        NoticeKind::LinkLoaded => T::NoticeLinkLoaded,
        NoticeKind::LinkBroken => T::NoticeLinkBroken,
        NoticeKind::EmbeddedLinkBroken => T::NoticeEmbeddedLinkBroken,
        NoticeKind::EmbeddedLinkKept => T::NoticeEmbeddedLinkKept,
        NoticeKind::ShareFailed => T::NoticeShareFailed,
        NoticeKind::FileLoaded => T::NoticeFileLoaded,
        NoticeKind::FileBroken => T::NoticeFileBroken,
        NoticeKind::FixApplied => T::NoticeFixApplied,
        NoticeKind::FixFailed => T::NoticeFixFailed,
        NoticeKind::EditRefused => T::NoticeEditRefused,
        NoticeKind::PresetLoaded => T::NoticePresetLoaded,
        NoticeKind::Imported => T::NoticeImported,
        NoticeKind::FrenchUnavailable => T::NoticeFrenchUnavailable,
        NoticeKind::FrenchArrived => T::NoticeFrenchArrived,
        NoticeKind::MigrationFailed => T::NoticeMigrationFailed,
        NoticeKind::MigrationOutdated => T::NoticeMigrationOutdated,
        NoticeKind::ImportOutdated => T::NoticeImportOutdated,
    };
    html! {
        <div class={class} id="notice">
            <p><strong>{ text.get(props.lang) }</strong></p>
            if let Some(detail) = detail { <p class="notice-detail">{ detail.render(props.lang) }</p> }
            if headline == NoticeKind::FrenchArrived && props.lang == Lang::En {
                <button type="button" id="show-french" lang="fr" onclick={props.show_french.clone()}>{ T::SwitchToFrench.get(Lang::Fr) }</button>
            }
            { dismiss_button(props, || Action::Dismiss) }
        </div>
    }
}

fn dismiss_button(props: &NoticeProps, dismiss: fn() -> Action) -> Html {
    html! {
        <button type="button" onclick={props.dispatch.reform(move |_| {
            // The button goes with its notice: the focus goes to what the notice stood above.
            dom::focus_element("main");
            dismiss()
        })}>{ T::Dismiss.get(props.lang) }</button>
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn download_names_are_safe() {
        assert_eq!(file_stem("Default AKS / prod"), "Default-AKS---prod");
        assert_eq!(file_stem("<script>"), "script");
    }
}
