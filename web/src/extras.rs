//! What the first screen does not need, fetched on first use. The Azure steps and exports, the
//! import, the migration to Azure ML v2 and the rule explanations come from the JS package's own
//! wasm module, which has every one of them, so the page's module carries only the checker, the
//! editor and the map. The French texts come from a file the build writes beside the page.
//!
//! `web/boot.js` defines `window.vnetplanExtras()`, which loads that module once (from the
//! build's folder, or from the single offline file, where it is inline) and resolves to its
//! functions. Values cross as JSON text, as the package's API defines them. It also defines
//! `window.vnetplanFrench()`, which resolves to the French texts, fetched or read inline the
//! same way, as `[English, French]` pairs.

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use vnetplan_core::export::ExportFormat;
use vnetplan_core::{plan_from_value, Lang, Message, Plan};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::T;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = window, js_name = vnetplanExtras, catch)]
    fn load_extras() -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = window, js_name = vnetplanFrench, catch)]
    fn load_french() -> Result<js_sys::Promise, JsValue>;
}

/// Why an on-demand call gave no answer, in the words the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ExtrasError {
    /// The module could not be fetched or started: offline before it was ever cached, or blocked.
    Unavailable,
    /// The module was still on its way when `boot.js` stopped waiting for it: a stalled network.
    TimedOut,
    /// The module answered with an error, such as a document it cannot read. The module says
    /// it in the language it was asked in, so it stays in that language.
    Refused(Message),
}

impl ExtrasError {
    /// Why, in the page's language where the page wrote the reason.
    pub fn message(&self) -> Message {
        match self {
            Self::Unavailable => T::ExtrasUnavailable.text().message(),
            Self::TimedOut => T::ExtrasTooSlow.text().message(),
            Self::Refused(reason) => reason.clone(),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

/// One step of the guide, as the package's `steps` returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Step {
    pub section: String,
    pub title: String,
    pub language: String,
    pub code: String,
    pub flagged: Vec<String>,
}

/// A rule's documentation, as the package's `explain` returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Explanation {
    pub what: String,
    pub why: String,
    pub example: String,
    pub fix: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Source {
    pub title: String,
    pub location: String,
    pub date: String,
}

/// A note of an import, as the package's `importAzure` returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ImportNote {
    pub document: Option<usize>,
    pub pointer: String,
    pub message: String,
}

impl ImportNote {
    /// Where the note comes from, as "document 2, /subnets/1" (counting from 1), in `lang`.
    pub fn source(&self, lang: Lang) -> String {
        vnetplan_core::import::source_in(self.document, &self.pointer, lang)
    }
}

/// A merged import: the plan, and its notes in each language so that switching the page's
/// language later shows them in the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    pub notes: [Vec<ImportNote>; 2],
}

impl Imported {
    pub fn notes(&self, lang: Lang) -> &[ImportNote] {
        let [english, french] = &self.notes;
        match lang {
            Lang::En => english,
            Lang::Fr => french,
        }
    }
}

/// A plan rewritten for Azure ML v2, as the package's `migrate` returns it, with each note in
/// both languages so that switching the page's language shows the notes in the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Migrated {
    pub plan: Plan,
    pub notes: Vec<MigrationNote>,
}

/// What the migration changed or left to do, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationNote {
    pub code: String,
    /// JSON pointers into the plan, most relevant first.
    pub subjects: Vec<String>,
    /// The message in English, then in French.
    pub messages: [String; 2],
}

impl MigrationNote {
    pub fn message(&self, lang: Lang) -> &str {
        let [english, french] = &self.messages;
        match lang {
            Lang::En => english,
            Lang::Fr => french,
        }
    }

    /// The first subject: where the note belongs.
    pub fn subject(&self) -> &str {
        self.subjects.first().map_or("", String::as_str)
    }
}

#[derive(Deserialize)]
struct ImportAnswer {
    plan: serde_json::Value,
    notes: Vec<ImportNote>,
}

fn options(lang: Lang) -> JsValue {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"lang".into(), &lang.as_str().into());
    options.into()
}

fn message_of(error: &JsValue) -> Message {
    let words = error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    Message::verbatim(words)
}

/// What one of `boot.js`'s loaders resolves to. It fails as timed out when the loader gave up
/// waiting, and as unavailable however else it fails.
async fn loaded(loader: fn() -> Result<js_sys::Promise, JsValue>) -> Result<JsValue, ExtrasError> {
    let promise = loader().map_err(|_| ExtrasError::Unavailable)?;
    JsFuture::from(promise).await.map_err(|error| {
        let timed_out = error.dyn_ref::<js_sys::Error>().is_some_and(|error| error.name() == "TimeoutError");
        if timed_out {
            ExtrasError::TimedOut
        } else {
            ExtrasError::Unavailable
        }
    })
}

/// Calls the module's function `name` and returns its answer unchanged.
async fn call(name: &str, arguments: Vec<JsValue>) -> Result<JsValue, ExtrasError> {
    let module = loaded(load_extras).await?;
    let function = js_sys::Reflect::get(&module, &name.into())
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Function>().ok())
        .ok_or(ExtrasError::Unavailable)?;
    let arguments: js_sys::Array = arguments.into_iter().collect();
    function.apply(&JsValue::NULL, &arguments).map_err(|error| ExtrasError::Refused(message_of(&error)))
}

/// Calls `name` and reads its answer, an object or list, into `T`.
async fn call_json<T: DeserializeOwned>(name: &str, arguments: Vec<JsValue>) -> Result<T, ExtrasError> {
    let answer = call(name, arguments).await?;
    let text = js_sys::JSON::stringify(&answer).map_err(|error| ExtrasError::Refused(message_of(&error)))?;
    serde_json::from_str(&String::from(text))
        .map_err(|error| ExtrasError::Refused(Message::verbatim(error.to_string())))
}

/// Fetches the French texts, once: after that French reads as French everywhere on the page.
pub async fn install_french() -> Result<(), ExtrasError> {
    if vnetplan_core::text::french_available() {
        return Ok(());
    }
    let texts: js_sys::Array = loaded(load_french).await?.dyn_into().map_err(|_| ExtrasError::Unavailable)?;
    let pair = |pair: JsValue| {
        let pair = pair.dyn_into::<js_sys::Array>().ok()?;
        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
    };
    vnetplan_core::text::install_french(texts.iter().filter_map(pair).collect());
    Ok(())
}

pub async fn steps(plan: String, lang: Lang) -> Result<Vec<Step>, ExtrasError> {
    call_json("steps", vec![plan.into(), options(lang)]).await
}

pub async fn export(plan: String, format: ExportFormat, lang: Lang) -> Result<String, ExtrasError> {
    let answer = call("exportPlan", vec![plan.into(), format.name().into(), options(lang)]).await?;
    answer.as_string().ok_or_else(|| ExtrasError::Refused(Message::verbatim("the export is not text")))
}

pub async fn explain(rule: &'static str, lang: Lang) -> Result<Explanation, ExtrasError> {
    call_json("explain", vec![rule.into(), options(lang)]).await
}

/// The documents read and merged into `plan`, with the notes in both languages. Asked in `lang`
/// first, so that a refusal says why in the page's language.
pub async fn import_into(plan: String, documents: Vec<String>, lang: Lang) -> Result<Imported, ExtrasError> {
    let documents: js_sys::Array = documents.iter().map(|text| JsValue::from_str(text)).collect();
    let answer = |lang: Lang| {
        let options = options(lang);
        let _ = js_sys::Reflect::set(&options, &"into".into(), &plan.as_str().into());
        call_json::<ImportAnswer>("importAzure", vec![documents.clone().into(), options])
    };
    let (english, french) = match lang {
        Lang::En => (answer(Lang::En).await?, answer(Lang::Fr).await?),
        Lang::Fr => {
            let french = answer(Lang::Fr).await?;
            (answer(Lang::En).await?, french)
        }
    };
    let plan = plan_from_value(&english.plan).map_err(|error| ExtrasError::Refused(error.message()))?;
    Ok(Imported { plan, notes: [english.notes, french.notes] })
}

/// `plan` rewritten for Azure ML v2, with the notes in both languages.
pub async fn migrate(plan: String) -> Result<Migrated, ExtrasError> {
    // Read as a JSON tree, whose reader the page already has, rather than through a derived
    // reader of its own: that code would outweigh what moving the migration out saves.
    let answer =
        |lang: Lang| call_json::<serde_json::Value>("migrate", vec![plan.as_str().into(), options(lang)]);
    let english = answer(Lang::En).await?;
    let french = answer(Lang::Fr).await?;
    migrated_from(&english, &french)
}

/// The plan of the package's English answer, with the notes of both answers paired.
fn migrated_from(english: &serde_json::Value, french: &serde_json::Value) -> Result<Migrated, ExtrasError> {
    let unreadable =
        || ExtrasError::Refused(Message::verbatim("the migration's answer is not the package's"));
    // Each note as its code, its subjects and its message.
    let notes = |answer: &serde_json::Value| -> Option<Vec<(String, Vec<String>, String)>> {
        let text = |value: &serde_json::Value| value.as_str().map(str::to_owned);
        let field = |note: &serde_json::Value, name: &str| note.get(name).and_then(text);
        answer
            .get("notes")?
            .as_array()?
            .iter()
            .map(|note| {
                let subjects = note.get("subjects")?.as_array()?.iter().map(text).collect::<Option<_>>()?;
                Some((field(note, "code")?, subjects, field(note, "message")?))
            })
            .collect()
    };
    let (english_notes, french_notes) =
        (notes(english).ok_or_else(unreadable)?, notes(french).ok_or_else(unreadable)?);
    // The migration is deterministic, so the two answers list the same notes in the same order.
    if english_notes.len() != french_notes.len() {
        return Err(unreadable());
    }
    let mut paired = Vec::with_capacity(english_notes.len());
    for ((code, subjects, english), (french_code, french_subjects, french)) in
        english_notes.into_iter().zip(french_notes)
    {
        if code != french_code || subjects != french_subjects {
            return Err(unreadable());
        }
        paired.push(MigrationNote { code, subjects, messages: [english, french] });
    }
    let plan = english.get("plan").ok_or_else(unreadable)?;
    let plan = plan_from_value(plan).map_err(|error| ExtrasError::Refused(error.message()))?;
    Ok(Migrated { plan, notes: paired })
}

/// Starts `task` and hands its outcome to `done` when it ends; the page goes on meanwhile.
pub fn run<T: 'static>(task: impl Future<Output = T> + 'static, done: impl FnOnce(T) + 'static) {
    wasm_bindgen_futures::spawn_local(async move { done(task.await) });
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use vnetplan_core::parse_plan;

    use super::*;

    /// The package's `migrate` answer in `lang`, made by the core as the package makes it.
    fn package_answer(plan: &Plan, lang: Lang) -> serde_json::Value {
        let (migrated, mut notes) = vnetplan_core::migrate(plan);
        for note in &mut notes {
            note.localize(lang);
        }
        json!({ "plan": serde_json::from_str::<serde_json::Value>(&migrated.to_json()).expect("a plan is JSON"), "notes": notes })
    }

    #[test]
    fn the_two_answers_give_the_plan_and_each_note_in_both_languages() {
        let plan = parse_plan(include_str!("../../examples/aci-vnet.json")).expect("example parses");
        let (expected_plan, expected_notes) = vnetplan_core::migrate(&plan);
        let migrated = migrated_from(&package_answer(&plan, Lang::En), &package_answer(&plan, Lang::Fr))
            .expect("answers pair");
        assert_eq!(migrated.plan, expected_plan);
        assert_eq!(migrated.notes.len(), expected_notes.len());
        for (note, expected) in migrated.notes.iter().zip(&expected_notes) {
            assert_eq!(note.code, expected.code);
            assert_eq!(note.subjects, expected.subjects);
            assert_eq!(note.message(Lang::En), expected.text.render(Lang::En));
            assert_eq!(note.message(Lang::Fr), expected.text.render(Lang::Fr));
            assert_ne!(note.message(Lang::En), note.message(Lang::Fr));
        }
    }

    #[test]
    fn answers_that_do_not_match_are_refused() {
        let plan = parse_plan(include_str!("../../examples/aci-vnet.json")).expect("example parses");
        let english = package_answer(&plan, Lang::En);
        let mut fewer = package_answer(&plan, Lang::Fr);
        fewer["notes"].as_array_mut().expect("notes").pop();
        assert!(matches!(migrated_from(&english, &fewer), Err(ExtrasError::Refused(_))));
        let mut moved = package_answer(&plan, Lang::Fr);
        moved["notes"][0]["subjects"] = json!(["/elsewhere"]);
        assert!(matches!(migrated_from(&english, &moved), Err(ExtrasError::Refused(_))));
        assert!(matches!(migrated_from(&json!({}), &english), Err(ExtrasError::Refused(_))));
    }
}
