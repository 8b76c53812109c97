//! From plan to Azure and back: the guide's steps for the current plan with copy buttons and
//! downloads, and a dialog that merges what `az` printed into the plan.

use std::rc::Rc;

use serde_json::Value;
use vnetplan_core::export::ExportFormat;
use web_sys::{HtmlDialogElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::dom;
use crate::extras::{self, ExtrasError, ImportNote, Imported, Step};
use crate::i18n::{Lang, T};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct StepsProps {
    /// The plan as the state serialised it, which is what the on-demand module reads.
    pub document: Rc<Value>,
    pub lang: Lang,
}

/// Download names and types for each export format.
fn download_name(format: ExportFormat) -> (&'static str, &'static str) {
    match format {
        ExportFormat::Sdk => ("vnetplan-steps.py", "Python SDK v1"),
        ExportFormat::Az => ("vnetplan-steps.sh", "az CLI"),
        ExportFormat::Arm => ("vnetplan-network.json", "ARM"),
        ExportFormat::Bicep => ("vnetplan-network.bicep", "Bicep"),
        ExportFormat::Terraform => ("vnetplan-network.tf", "Terraform"),
        ExportFormat::AzScript => ("vnetplan-network.sh", "az script"),
        ExportFormat::SdkV2 => ("vnetplan-steps-v2.py", "Python SDK v2"),
        ExportFormat::Yaml => ("vnetplan-v2.yml", "YAML (v2)"),
    }
}

/// What the steps panel shows while it is open.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Steps(Rc<Vec<Step>>),
    Failed(ExtrasError),
}

#[component]
pub fn AzureSteps(props: &StepsProps) -> Html {
    let open = use_state(|| false);
    // The step copied last, and whether the browser let it be copied.
    let copied = use_state(|| None::<(usize, bool)>);
    let shown = use_state(|| Shown::Loading);
    let export_failure = use_state(|| None::<ExtrasError>);
    // Answers can arrive out of order while the plan changes: only the latest request's is shown.
    let latest = use_mut_ref(|| 0_u32);
    let lang = props.lang;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    // The steps are only written while the panel is open: they are not needed on every keystroke.
    {
        let (shown, latest) = (shown.clone(), latest.clone());
        use_effect_with((*open, props.document.clone(), lang), move |(open, document, lang)| {
            if *open {
                let request = latest.borrow().wrapping_add(1);
                *latest.borrow_mut() = request;
                extras::run(extras::steps(document.to_string(), *lang), move |answer| {
                    if *latest.borrow() == request {
                        shown.set(answer.map(Rc::new).map_or_else(Shown::Failed, Shown::Steps));
                    }
                });
            }
        });
    }
    let body = if *open {
        let downloads = ExportFormat::ALL.iter().map(|format| {
            let (name, label) = download_name(*format);
            let (document, format, export_failure) = (props.document.clone(), *format, export_failure.clone());
            let onclick = Callback::from(move |_| {
                let export_failure = export_failure.clone();
                extras::run(extras::export(document.to_string(), format, lang), move |answer| match answer {
                    Ok(text) => {
                        dom::download(name, &text);
                        export_failure.set(None);
                    }
                    Err(error) => export_failure.set(Some(error)),
                });
            });
            html! { <button type="button" class="download" data-format={format.name()} {onclick}>{ label }</button> }
        });
        let content = match &*shown {
            Shown::Loading => html! { <p class="hint" role="status">{ T::ExtrasLoading.get(lang) }</p> },
            Shown::Failed(error) => html! { <p class="extras-error" role="alert">{ error.render(lang) }</p> },
            Shown::Steps(all) if all.is_empty() => html! { <p class="hint">{ T::NoSteps.get(lang) }</p> },
            Shown::Steps(all) => step_list(all, &copied, lang),
        };
        html! {
            <div id="azure-steps-body">
                <p class="downloads">{ T::Downloads.get(lang) }{ " " }{ for downloads }</p>
                if let Some(error) = &*export_failure {
                    <p class="extras-error" role="alert">{ error.render(lang) }</p>
                }
                { content }
            </div>
        }
    } else {
        Html::default()
    };
    html! {
        <section class="card steps-card" aria-labelledby="steps-title">
            <h2 id="steps-title">{ T::AzureSteps.get(lang) }</h2>
            <p class="hint">{ T::AzureStepsHint.get(lang) }</p>
            <button type="button" id="toggle-steps" aria-expanded={open.to_string()}
                aria-controls={open.then_some("azure-steps-body")}
                onclick={toggle}>
                { if *open { T::HideSteps.get(lang) } else { T::ShowSteps.get(lang) } }
            </button>
            { body }
        </section>
    }
}

/// The steps, each with its Copy button. A button is named with its step's title as well, since
/// "Copy" alone, once per step, tells a screen reader's list of buttons nothing; and what a copy
/// did is also said in a status line, as a button's changed text is not announced.
fn step_list(all: &[Step], copied: &UseStateHandle<Option<(usize, bool)>>, lang: Lang) -> Html {
    let mut section = String::new();
    let items = all.iter().enumerate().map(|(index, step)| {
        let heading = (step.section != section).then(|| {
            section.clone_from(&step.section);
            html! { <h3 class="step-section">{ &step.section }</h3> }
        });
        let code = step.code.clone();
        let copy = {
            let copied = copied.clone();
            Callback::from(move |_| {
                let copied = copied.clone();
                dom::copy_to_clipboard(&code, move |done| copied.set(Some((index, done))));
            })
        };
        html! {
            <>
                { heading.unwrap_or_default() }
                <li class={classes!("step", (!step.flagged.is_empty()).then_some("flagged"))}
                    data-language={step.language.clone()} data-flagged={(!step.flagged.is_empty()).to_string()}>
                    <p class="step-title"><strong id={format!("step-title-{index}")}>{ &step.title }</strong>
                        <button type="button" class="copy" id={format!("copy-{index}")} onclick={copy}
                            aria-labelledby={format!("copy-{index} step-title-{index}")}>
                            { match **copied {
                                Some((copied, true)) if copied == index => T::Copied.get(lang),
                                Some((copied, false)) if copied == index => T::CopyRefused.get(lang),
                                _ => T::Copy.get(lang),
                            } }
                        </button>
                    </p>
                    if !step.flagged.is_empty() {
                        <p class="step-flags" role="note">{ T::FlaggedBy.get(lang) }{ " " }
                            { for step.flagged.iter().enumerate().map(|(at, rule)| html! {
                                <>{ if at > 0 { ", " } else { "" } }<code class="rule-id">{ rule }</code></>
                            }) }
                        </p>
                    }
                    <pre><code>{ &step.code }</code></pre>
                </li>
            </>
        }
    });
    let announced = copied.and_then(|(index, done)| {
        let said = if done { T::Copied } else { T::CopyRefused };
        all.get(index).map(|step| format!("{} ({})", said.get(lang), step.title))
    });
    html! {
        <>
            <ol class="steps">{ for items }</ol>
            <p class="visually-hidden" role="status">{ announced.unwrap_or_default() }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub document: Rc<Value>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// What the last import attempt said.
#[derive(Clone, PartialEq)]
enum Outcome {
    Running,
    Merged(Rc<Imported>),
    Failed(ExtrasError),
}

/// The files chosen in the file input `files`.
fn chosen_files(files: &NodeRef) -> Vec<web_sys::File> {
    files
        .cast::<HtmlInputElement>()
        .and_then(|input| input.files())
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

#[component]
pub fn ImportDialog(props: &ImportProps) -> Html {
    let lang = props.lang;
    let dialog = use_node_ref();
    let pasted = use_node_ref();
    let files = use_node_ref();
    let outcome = use_state(|| None::<Outcome>);
    let readers = use_mut_ref(Vec::new);
    // The browser's own picker speaks the browser's language, not the page's: it stays hidden
    // behind a label, and the names of the files chosen are shown here.
    let chosen_names = use_state(String::new);
    let on_files = {
        let (files, chosen_names) = (files.clone(), chosen_names.clone());
        Callback::from(move |_: Event| {
            let names: Vec<String> = chosen_files(&files).iter().map(web_sys::File::name).collect();
            chosen_names.set(names.join(", "));
        })
    };

    let open = {
        let (dialog, outcome) = (dialog.clone(), outcome.clone());
        Callback::from(move |_| {
            outcome.set(None);
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    let finish: Rc<dyn Fn(Vec<String>)> = {
        let (plan, dispatch, outcome) = (props.document.clone(), props.dispatch.clone(), outcome.clone());
        Rc::new(move |documents: Vec<String>| {
            outcome.set(Some(Outcome::Running));
            let (from, dispatch, outcome) = (plan.clone(), dispatch.clone(), outcome.clone());
            // Closing the dialog lets the plan change before the answer comes: the reducer then
            // keeps the plan, and says why.
            extras::run(extras::import_into(plan.to_string(), documents, lang), move |answer| match answer {
                Ok(imported) => {
                    dispatch.emit(Action::Imported { from, plan: Box::new(imported.plan.clone()) });
                    outcome.set(Some(Outcome::Merged(Rc::new(imported))));
                }
                Err(error) => outcome.set(Some(Outcome::Failed(error))),
            });
        })
    };
    let run = {
        let (pasted, files, readers, finish) =
            (pasted.clone(), files.clone(), readers.clone(), finish.clone());
        Callback::from(move |_| {
            let text = pasted.cast::<HtmlTextAreaElement>().map(|area| area.value()).unwrap_or_default();
            let chosen = chosen_files(&files);
            let mut documents: Vec<String> = Vec::new();
            if !text.trim().is_empty() {
                documents.push(text);
            }
            if chosen.is_empty() {
                finish(documents);
                return;
            }
            // Files are read one after the other; the import runs once the last one is in.
            let pending = Rc::new(std::cell::RefCell::new((documents, chosen.len())));
            for file in chosen {
                let (pending, finish) = (pending.clone(), finish.clone());
                let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |read| {
                    let mut state = pending.borrow_mut();
                    state.0.push(read.unwrap_or_default());
                    state.1 -= 1;
                    if state.1 == 0 {
                        let documents = std::mem::take(&mut state.0);
                        drop(state);
                        finish(documents);
                    }
                });
                readers.borrow_mut().push(task);
            }
        })
    };

    html! {
        <>
            <button type="button" id="open-import" onclick={open}>{ T::ImportFromAzure.get(lang) }</button>
            <dialog ref={dialog} id="import-dialog" aria-labelledby="import-title">
                <h2 id="import-title">{ T::ImportFromAzure.get(lang) }</h2>
                <p class="hint">{ T::ImportHint.get(lang) }</p>
                <label for="import-text">{ T::ImportPaste.get(lang) }</label>
                <textarea id="import-text" ref={pasted} rows="10" spellcheck="false" />
                <p class="file-choice">
                    <label class="file-button" for="import-files">{ T::ImportFiles.get(lang) }</label>
                    <input id="import-files" ref={files} type="file" multiple=true accept=".json,application/json"
                        class="visually-hidden" aria-describedby="import-files-chosen" onchange={on_files} />
                    <span id="import-files-chosen">
                        { if chosen_names.is_empty() { T::ImportNoFiles.get(lang).to_owned() } else { (*chosen_names).clone() } }
                    </span>
                </p>
                <p class="dialog-actions">
                    <button type="button" id="run-import" class="fix" onclick={run}>{ T::ImportRun.get(lang) }</button>
                    <button type="button" id="close-import" onclick={close}>{ T::Close.get(lang) }</button>
                </p>
                <div id="import-outcome" role="status" aria-live="polite">
                    { match &*outcome {
                        Some(Outcome::Running) => html! { <p class="hint">{ T::ExtrasLoading.get(lang) }</p> },
                        Some(Outcome::Merged(imported)) => html! {
                            <>
                                <p class="ok">{ T::ImportDone.get(lang) }</p>
                                if !imported.notes(lang).is_empty() {
                                    <p>{ T::ImportNotes.get(lang) }</p>
                                    <ul class="import-notes">{ for imported.notes(lang).iter().map(|note| import_note(note, lang)) }</ul>
                                }
                            </>
                        },
                        Some(Outcome::Failed(error)) => html! {
                            <p class="import-error">{ T::ImportFailed.get(lang) }{ " " }<code>{ error.render(lang) }</code></p>
                        },
                        None => Html::default(),
                    } }
                </div>
            </dialog>
        </>
    }
}

/// A note stands by the field of the pasted document it concerns, in the page's language.
fn import_note(note: &ImportNote, lang: Lang) -> Html {
    html! {
        <li data-document={note.document.map(|index| (index + 1).to_string())} data-pointer={note.pointer.clone()}>
            <code class="note-source">{ note.source(lang) }</code>{ lang.colon() }{ &note.message }
        </li>
    }
}
