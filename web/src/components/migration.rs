//! "Migrate to v2": the button that asks for the plan rewritten by the core's migration, which
//! the page fetches on first use, and the notes of the last migration, shown beside the findings
//! across reloads, until they are put away, Undo takes the migration back or another plan
//! replaces this one.

use std::rc::Rc;

use serde_json::Value;
use vnetplan_core::Plan;
use yew::prelude::*;

use crate::dom;
use crate::extras::MigrationNote;
use crate::i18n::{Lang, T};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct MigrationProps {
    pub plan: Rc<Plan>,
    /// The plan as a document, to tell which of a note's fields the migrated plan still has.
    pub document: Rc<Value>,
    pub notes: Rc<Vec<MigrationNote>>,
    /// A migration has been asked for and is loading.
    pub busy: bool,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn MigrationPanel(props: &MigrationProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    // What the migration rewrites: a plan without either is already on v2 and comes back as is.
    let has_v1 = plan.aks_clusters.iter().any(|cluster| !cluster.is_v2()) || !plan.aci_deployments.is_empty();
    let migrate = props.dispatch.reform(|_: MouseEvent| Action::Migrate { cluster: None });
    // A migration removes the button that asked for it once nothing is left on v1: the focus then
    // goes to what the migration did. Notes the page opened with, from the autosave, were not
    // just made, and leave the focus where the page puts it.
    let opened_with = use_mut_ref(|| props.notes.clone());
    // No step of this visit made restored notes, so Undo cannot take them back.
    let restored = Rc::ptr_eq(&props.notes, &opened_with.borrow());
    use_effect_with(props.notes.clone(), move |notes| {
        if !notes.is_empty() && !restored {
            dom::focus_element_if_lost("migration");
        }
    });
    let intro = if restored { T::MigrationNotesRestored } else { T::MigrationNotes };
    let put_away = props.dispatch.reform(|_: MouseEvent| {
        // The button goes with the notes: the focus stays in the panel that held them.
        dom::focus_element("migration");
        Action::DismissMigrationNotes
    });
    html! {
        <section class="card migration-card" id="migration" tabindex="-1" aria-labelledby="migration-title">
            <h2 id="migration-title">{ T::MigrationTitle.get(lang) }</h2>
            if has_v1 {
                <p class="hint">{ T::MigrateHint.get(lang) }</p>
                <button type="button" id="migrate" class="fix" onclick={migrate} aria-busy={props.busy.to_string()}>{ T::Migrate.get(lang) }</button>
            } else {
                <p class="hint">{ T::NothingToMigrate.get(lang) }</p>
            }
            <div aria-live="polite">
                if props.busy { <p class="hint" id="migration-loading">{ T::ExtrasLoading.get(lang) }</p> }
                if !props.notes.is_empty() {
                    <p class="migration-intro">{ intro.get(lang) }</p>
                    <ul class="migration-notes">
                        { for props.notes.iter().map(|note| html! {
                            <li class="migration-note" data-code={note.code.clone()} data-subject={note.subject().to_owned()}>
                                <code class="rule-id">{ note.code.clone() }</code>
                                <p class="message">{ note.message(lang).to_owned() }</p>
                                <ul class="subjects" aria-label={T::Fields.get(lang)}>
                                    { for note.subjects.iter().map(|subject| subject_link(subject, &props.document, &props.dispatch)) }
                                </ul>
                            </li>
                        }) }
                    </ul>
                }
            </div>
            // Outside the live region, which would read the button's name with every change of the notes.
            if !props.notes.is_empty() {
                <button type="button" id="dismiss-migration-notes" onclick={put_away}>{ T::DismissMigrationNotes.get(lang) }</button>
            }
        </section>
    }
}

/// A note's field: a link to it while the plan has it, as a finding's are; the migration may have
/// removed it (an ACI deployment), and then only its name remains.
fn subject_link(subject: &str, document: &Value, dispatch: &Callback<Action>) -> Html {
    if document.pointer(subject).is_none() {
        return html! { <li><code>{ subject }</code></li> };
    }
    let onclick = {
        let subject = subject.to_owned();
        dispatch.reform(move |_: MouseEvent| {
            dom::focus_field(&subject);
            Action::Select(Some(subject.clone()))
        })
    };
    html! {
        <li><button type="button" class="subject" data-subject={subject.to_owned()} {onclick}><code>{ subject }</code></button></li>
    }
}
