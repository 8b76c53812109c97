//! The findings panel and the capacity gauges. Each finding element carries `data-rule` and
//! `data-severity`; its subjects link to the fields, and its Fix button applies the core's fix.

use std::rc::Rc;

use serde_json::Value;
use vnetplan_core::{Example, Finding, Report, Severity};
use yew::prelude::*;

use crate::dom;
use crate::i18n::{rule_headline, Lang, T};
use crate::state::{value_text, Action};

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub report: Rc<Report>,
    pub document: Rc<Value>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// Findings shown before "show all": a wide conflict in a large plan can produce thousands.
const FINDINGS_PAGE: usize = 100;

#[component]
pub fn FindingsPanel(props: &FindingsProps) -> Html {
    let show_all = use_state(|| false);
    let lang = props.lang;
    let summary = props.report.summary;
    let serious = summary.errors + summary.warnings;
    html! {
        <section class="card findings-card" id="findings" tabindex="-1" aria-labelledby="findings-title">
            <h2 id="findings-title">{ T::Findings.get(lang) }</h2>
            <p class="counts" aria-live="polite">
                <span class="count sev-error">{ counted(summary.errors, T::OneError, T::Errors, lang) }</span>
                <span class="count sev-warning">{ counted(summary.warnings, T::OneWarning, T::Warnings, lang) }</span>
                <span class="count sev-info">{ counted(summary.infos, T::OneInfo, T::Infos, lang) }</span>
            </p>
            if serious == 0 { <p class="all-clear">{ T::NoProblems.get(lang) }</p> }
            <ul class="findings">
                { for props.report.findings.iter().take(if *show_all { usize::MAX } else { FINDINGS_PAGE }).map(|finding| {
                    let values: Vec<String> =
                        finding.subjects.iter().map(|subject| value_text(&props.document, subject)).collect();
                    html! { <FindingItem finding={finding.clone()} {values} {lang} dispatch={props.dispatch.clone()} /> }
                }) }
            </ul>
            if !*show_all && props.report.findings.len() > FINDINGS_PAGE {
                <p class="more">
                    { T::FindingsHidden.get(lang).replace("{count}", &(props.report.findings.len() - FINDINGS_PAGE).to_string()) }{ " " }
                    <button type="button" class="show-all" onclick={let show_all = show_all.clone(); Callback::from(move |_| show_all.set(true))}>{ T::ShowAll.get(lang) }</button>
                </p>
            }
        </section>
    }
}

/// "1 error", "2 errors"; French also reads "0 erreur" as singular.
fn counted(count: usize, one: T, many: T, lang: Lang) -> String {
    let singular = count == 1 || (count == 0 && lang == Lang::Fr);
    format!("{count} {}", if singular { one.get(lang) } else { many.get(lang) })
}

#[derive(Properties, PartialEq)]
struct FindingProps {
    finding: Finding,
    /// The plan's value at each subject, for the links.
    values: Vec<String>,
    lang: Lang,
    dispatch: Callback<Action>,
}

fn severity_label(severity: Severity) -> T {
    match severity {
        Severity::Error => T::SeverityError,
        Severity::Warning => T::SeverityWarning,
        Severity::Info => T::SeverityInfo,
    }
}

#[component]
fn FindingItem(props: &FindingProps) -> Html {
    let open = use_state(|| false);
    let finding = &props.finding;
    let lang = props.lang;
    let id = finding.rule.id();
    let doc = finding.rule.doc();
    let doc_id =
        format!("why-{}-{}", id, finding.subjects.first().map_or("", String::as_str).replace('/', "-"));
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <li class={classes!("finding", format!("sev-{}", finding.severity.as_str()))}
            data-rule={id} data-severity={finding.severity.as_str()}>
            <p class="finding-head">
                <span class="badge">{ severity_label(finding.severity).get(lang) }</span>
                <strong>{ rule_headline(finding.rule, lang) }</strong>
                <code class="rule-id">{ id }</code>
            </p>
            <p class="message">{ finding.text.render(lang) }</p>
            <ul class="subjects" aria-label={T::Fields.get(lang)}>
                { for finding.subjects.iter().zip(&props.values).take(12).map(|(subject, value)| {
                    let onclick = {
                        let (subject, dispatch) = (subject.clone(), props.dispatch.clone());
                        Callback::from(move |_| {
                            dispatch.emit(Action::Select(Some(subject.clone())));
                            dom::focus_field(&subject);
                        })
                    };
                    html! {
                        <li><button type="button" class="subject" data-subject={subject.clone()} {onclick}>
                            <code>{ subject }</code>
                            if !value.is_empty() { { " = " }<code>{ value }</code> }
                        </button></li>
                    }
                }) }
                if finding.subjects.len() > 12 { <li>{ format!("… +{}", finding.subjects.len() - 12) }</li> }
            </ul>
            if let Some(fix) = &finding.fix {
                <p class="fix-line">
                    <button type="button" class="fix" aria-describedby={format!("{doc_id}-fix")}
                        onclick={let (fix, dispatch) = (fix.clone(), props.dispatch.clone()); Callback::from(move |_| dispatch.emit(Action::ApplyFix(fix.clone())))}>
                        { T::Fix.get(lang) }
                    </button>
                    <span id={format!("{doc_id}-fix")}>{ fix.text.render(lang) }</span>
                </p>
            }
            <button type="button" class="why" aria-expanded={open.to_string()} aria-controls={doc_id.clone()} onclick={toggle}>
                { if *open { T::HideWhy.get(lang) } else { T::Why.get(lang) } }
            </button>
            <div class="rule-doc" id={doc_id} hidden={!*open}>
                <h3>{ T::WhatItChecks.get(lang) }</h3><p>{ doc.what.get(lang) }</p>
                <h3>{ T::WhyItMatters.get(lang) }</h3><p>{ doc.why.get(lang) }</p>
                <h3>{ T::Example.get(lang) }</h3>{ example(doc.example) }
                <h3>{ T::HowToFix.get(lang) }</h3><p>{ doc.fix.get(lang) }</p>
                if !doc.sources.is_empty() {
                    <h3>{ T::Sources.get(lang) }</h3>
                    <ul class="sources">{ for doc.sources.iter().map(|source| html! {
                        <li>{ format!("{} ({}), {}", source.title, source.date, source.location) }</li>
                    }) }</ul>
                }
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct CapacityProps {
    pub report: Rc<Report>,
    pub lang: Lang,
}

#[component]
pub fn CapacityPanel(props: &CapacityProps) -> Html {
    if props.report.capacity.is_empty() {
        return Html::default();
    }
    let lang = props.lang;
    html! {
        <section class="card capacity-card" aria-labelledby="capacity-title">
            <h2 id="capacity-title">{ T::Capacity.get(lang) }</h2>
            <ul class="capacity">
                { for props.report.capacity.iter().enumerate().map(|(index, row)| {
                    let text = T::CapacityRow.get(lang)
                        .replace("{needed}", &row.needed.to_string())
                        .replace("{usable}", &row.usable.to_string());
                    let over = row.needed > row.usable;
                    let gauge_id = format!("capacity-{index}");
                    html! {
                        <li class={classes!("gauge", over.then_some("over"))}>
                            <label for={gauge_id.clone()}>{ format!("AKS {} → {}/{}", row.cluster, row.vnet, row.subnet) }</label>
                            <meter id={gauge_id} min="0" max={row.usable.max(1).to_string()} value={row.needed.to_string()}
                                low={(row.usable * 3 / 4).to_string()} high={row.usable.saturating_sub(row.per_node).to_string()}
                                optimum="0">{ text.clone() }</meter>
                            <span class="gauge-text">{ text }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

fn example(Example(changes): Example) -> Html {
    html! {
        <ul class="example">{ for changes.iter().map(|(path, value)| html! {
            <li><code>{ format!("{path} = {value}") }</code></li>
        }) }</ul>
    }
}
