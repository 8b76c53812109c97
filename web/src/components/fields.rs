//! Labelled form fields bound to a JSON pointer of the plan. Each shows what the user typed, the
//! findings whose first subject is this field, and why a value cannot be taken.

use serde_json::Value;
use vnetplan_core::{is_namespace_name, Severity};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::dom::field_id;
use crate::i18n::{Lang, T};
use crate::state::{surge_value, Action, Edit};

/// How a text field's content becomes a value of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    OptionalText,
    Count { min: u32, nullable: bool },
    List,
    Surge,
    Namespace,
}

impl Kind {
    fn edit(self, text: String) -> Edit {
        match self {
            Self::Text => Edit::Text(text),
            Self::OptionalText => Edit::OptionalText(text),
            Self::Count { min, nullable } => Edit::Count { text, min, nullable },
            Self::List => Edit::List(text),
            Self::Surge => Edit::Surge(text),
            Self::Namespace => Edit::Namespace(text),
        }
    }

    /// Why `text` cannot be taken: a count that is not a whole number in range, a surge that is
    /// neither a count nor a percentage.
    fn problem(self, text: &str, lang: Lang) -> Option<String> {
        if self == Self::Surge {
            return surge_value(text).is_none().then(|| T::SurgeError.get(lang).to_owned());
        }
        if self == Self::Namespace {
            let trimmed = text.trim();
            let valid = trimmed.is_empty() || is_namespace_name(trimmed);
            return (!valid).then(|| T::NamespaceError.get(lang).to_owned());
        }
        let Self::Count { min, nullable } = self else { return None };
        let trimmed = text.trim();
        if (trimmed.is_empty() && nullable) || trimmed.parse::<u32>().is_ok_and(|n| n >= min) {
            return None;
        }
        let message = if nullable { T::CountOrEmptyError } else { T::CountError };
        Some(message.get(lang).replace("{min}", &min.to_string()))
    }
}

/// A finding shown beside the field it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub severity: Severity,
    pub text: String,
}

fn note_list(id: &str, notes: &[Note], problem: Option<&str>) -> Html {
    if notes.is_empty() && problem.is_none() {
        return Html::default();
    }
    html! {
        <ul class="notes" id={id.to_owned()}>
            if let Some(problem) = problem { <li class="note sev-error">{ problem }</li> }
            { for notes.iter().map(|note| html! { <li class={classes!("note", format!("sev-{}", note.severity.as_str()))}>{ &note.text }</li> }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub pointer: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub kind: Kind,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    #[prop_or_default]
    pub notes: Vec<Note>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub selected: bool,
    /// The value the plan holds while the field shows other text: the findings, the map, links
    /// and downloads use it until the text is one the plan takes.
    #[prop_or_default]
    pub kept: Option<AttrValue>,
    /// Why the plan did not take the text shown, when the plan's reader refused it rather than
    /// the field's own check (a list's items are each checked by the reader).
    #[prop_or_default]
    pub refusal: Option<AttrValue>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = field_id(&props.pointer);
    let note_id = format!("note:{}", props.pointer);
    let problem = props.kind.problem(&props.value, props.lang).or_else(|| {
        props.refusal.as_ref().map(|refusal| T::ValueRefused.get(props.lang).replace("{detail}", refusal))
    });
    let problem = problem.map(|problem| match &props.kept {
        Some(kept) if !kept.is_empty() => {
            // A reason from the plan's reader ends without a full stop; the sentence after it
            // needs one.
            let stop = if problem.ends_with(['.', '?', '!']) { "" } else { "." };
            format!("{problem}{stop} {}", T::PlanKeeps.get(props.lang).replace("{value}", kept))
        }
        _ => problem,
    });
    let invalid = problem.is_some() || props.notes.iter().any(|n| n.severity == Severity::Error);
    let oninput = {
        let (pointer, kind, dispatch) = (props.pointer.to_string(), props.kind, props.dispatch.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                dispatch.emit(Action::Edit { pointer: pointer.clone(), edit: kind.edit(input.value()) });
            }
        })
    };
    let inputmode = matches!(props.kind, Kind::Count { .. }).then_some("numeric");
    // The hint says what a right value looks like, so a screen reader reads it with the field,
    // before any problem with the value.
    let hint_id = format!("hint:{}", props.pointer);
    let described: Vec<&str> = [
        props.hint.is_some().then_some(hint_id.as_str()),
        (!props.notes.is_empty() || problem.is_some()).then_some(note_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        <div class={classes!("field", props.selected.then_some("selected"), invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <input id={id} type="text" value={props.value.clone()} {oninput} spellcheck="false" autocomplete="off"
                inputmode={inputmode} aria-invalid={invalid.to_string()} aria-describedby={described}
                data-pointer={props.pointer.clone()} />
            if let Some(hint) = &props.hint { <small class="hint" id={hint_id}>{ hint }</small> }
            { note_list(&note_id, &props.notes, problem.as_deref()) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub pointer: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub dispatch: Callback<Action>,
    #[prop_or_default]
    pub notes: Vec<Note>,
    /// The values a checked and an unchecked box stand for; booleans by default.
    #[prop_or_default]
    pub values: Option<(Value, Value)>,
}

#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let id = field_id(&props.pointer);
    let note_id = format!("note:{}", props.pointer);
    let onchange = {
        let (pointer, values, dispatch) =
            (props.pointer.to_string(), props.values.clone(), props.dispatch.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
                return;
            };
            let checked = input.checked();
            let value = match &values {
                Some((on, off)) => {
                    if checked {
                        on.clone()
                    } else {
                        off.clone()
                    }
                }
                None => Value::Bool(checked),
            };
            dispatch.emit(Action::Edit { pointer: pointer.clone(), edit: Edit::Value(value) });
        })
    };
    let described = (!props.notes.is_empty()).then(|| note_id.clone());
    html! {
        <div class="field check">
            <input id={id.clone()} type="checkbox" checked={props.checked} {onchange} aria-describedby={described}
                data-pointer={props.pointer.clone()} />
            <label for={id}>{ &props.label }</label>
            { note_list(&note_id, &props.notes, None) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub pointer: AttrValue,
    pub label: AttrValue,
    /// The plan's current value, as the JSON string it is stored as.
    pub current: AttrValue,
    pub options: Vec<(&'static str, AttrValue)>,
    /// For an optional field, the label of a first choice that leaves the field out of the plan,
    /// so that its documented default applies.
    #[prop_or_default]
    pub unset: Option<AttrValue>,
    pub dispatch: Callback<Action>,
    #[prop_or_default]
    pub notes: Vec<Note>,
}

/// A `<select>` (given the returned ref) that shows `current`, when there is one, after every
/// render. A choice the state did not take (a migration or a language that failed to load, say)
/// must not stay on screen, and an option's `selected` attribute no longer moves a list that the
/// user has changed.
#[hook]
pub fn use_shown_choice(current: Option<AttrValue>) -> NodeRef {
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect(move || {
            let Some(current) = current else { return };
            if let Some(select) = select.cast::<HtmlSelectElement>() {
                if select.value() != current.as_str() {
                    select.set_value(&current);
                }
            }
        });
    }
    select
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = field_id(&props.pointer);
    let note_id = format!("note:{}", props.pointer);
    let onchange = {
        let (pointer, dispatch) = (props.pointer.to_string(), props.dispatch.clone());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                let value = select.value();
                let value = if value.is_empty() { Value::Null } else { Value::String(value) };
                dispatch.emit(Action::Edit { pointer: pointer.clone(), edit: Edit::Value(value) });
            }
        })
    };
    // A value that is none of the options (a field left to its default) is left to the browser,
    // which shows the first option, as the `selected` attributes say.
    let listed = props.options.iter().any(|(value, _)| *value == props.current.as_str())
        || (props.current.is_empty() && props.unset.is_some());
    let select = use_shown_choice(listed.then(|| props.current.clone()));
    let described = (!props.notes.is_empty()).then(|| note_id.clone());
    html! {
        <div class="field">
            <label for={id.clone()}>{ &props.label }</label>
            <select ref={select} id={id} {onchange} aria-describedby={described} data-pointer={props.pointer.clone()}>
                if let Some(unset) = &props.unset {
                    <option value="" selected={props.current.is_empty()}>{ unset }</option>
                }
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={*value} selected={props.current == *value}>{ label }</option>
                }) }
            </select>
            { note_list(&note_id, &props.notes, None) }
        </div>
    }
}
