//! The findings panel and the capacity gauges. Each finding element carries `data-rule` and
//! `data-severity`; its subjects link to the fields, and its Fix button applies the core's fix.

use std::rc::Rc;

use serde_json::Value;
use vnetplan_core::{Finding, Fix, FixKind, Report, Severity};
use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::components::decimal;
use crate::dom;
use crate::extras::{self, Explanation, ExtrasError};
use crate::i18n::{counted, number, rule_headline, Lang, T};
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
/// Fields named per finding; the rest are counted. A service range over a VNet's 4,000 subnets
/// names every one, and reading each one's value on every keystroke took milliseconds.
const SUBJECTS_SHOWN: usize = 12;

#[component]
pub fn FindingsPanel(props: &FindingsProps) -> Html {
    let show_all = use_state(|| false);
    // "Show all" goes once pressed: the focus goes to the first finding it showed.
    use_effect_with(*show_all, |shown_all| {
        if *shown_all {
            dom::focus_element_if_lost(&finding_id(FINDINGS_PAGE));
        }
    });
    // Where focus goes once the fix at this index is applied: the focus would otherwise fall to
    // the body with the removed finding, where the page's shortcuts (Undo) no longer run.
    let pending_focus = use_mut_ref(|| None::<(usize, String)>);
    {
        let pending_focus = pending_focus.clone();
        let shown = if *show_all { usize::MAX } else { FINDINGS_PAGE };
        use_effect_with(props.report.clone(), move |report| {
            if let Some((index, field)) = pending_focus.borrow_mut().take() {
                if index < report.findings.len().min(shown) {
                    dom::focus_element(&finding_id(index));
                } else {
                    dom::focus_field(&field);
                }
            }
        });
    }
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
                { for props.report.findings.iter().take(if *show_all { usize::MAX } else { FINDINGS_PAGE }).enumerate().map(|(index, finding)| {
                    let values: Vec<String> = finding
                        .subjects
                        .iter()
                        .take(SUBJECTS_SHOWN)
                        .map(|subject| value_text(&props.document, subject))
                        .collect();
                    let on_fix = {
                        let (pending_focus, dispatch) = (pending_focus.clone(), props.dispatch.clone());
                        Callback::from(move |fix: Fix| {
                            let field = fix.changes.first().map(|change| change.path.clone()).unwrap_or_default();
                            *pending_focus.borrow_mut() = Some((index, field));
                            dispatch.emit(Action::ApplyFix(fix));
                        })
                    };
                    html! { <FindingItem finding={finding.clone()} {index} {values} {lang} dispatch={props.dispatch.clone()} {on_fix} /> }
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

#[derive(Properties, PartialEq)]
struct FindingProps {
    finding: Finding,
    /// The finding's place in the report, for its element's id.
    index: usize,
    /// The plan's value at each subject shown, for the links.
    values: Vec<String>,
    lang: Lang,
    dispatch: Callback<Action>,
    /// Applies the finding's fix, once confirmed where it needs confirming.
    on_fix: Callback<Fix>,
}

/// The id of the element of the finding at `index` of the report.
fn finding_id(index: usize) -> String {
    format!("finding-{index}")
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
    let doc_id =
        format!("why-{}-{}", id, finding.subjects.first().map_or("", String::as_str).replace('/', "-"));
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <li class={classes!("finding", format!("sev-{}", finding.severity.as_str()))} id={finding_id(props.index)}
            tabindex="-1" aria-labelledby={format!("{doc_id}-head")} data-rule={id} data-severity={finding.severity.as_str()}>
            <p class="finding-head" id={format!("{doc_id}-head")}>
                <span class="badge">{ severity_label(finding.severity).get(lang) }</span>
                <strong>{ rule_headline(finding.rule, lang) }</strong>
                <code class="rule-id">{ id }</code>
            </p>
            <p class="message">{ finding.text.render(lang) }</p>
            <ul class="subjects" aria-label={T::Fields.get(lang)}>
                { for finding.subjects.iter().zip(&props.values).map(|(subject, value)| {
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
                if finding.subjects.len() > SUBJECTS_SHOWN { <li>{ format!("… +{}", finding.subjects.len() - SUBJECTS_SHOWN) }</li> }
            </ul>
            if let Some(fix) = &finding.fix {
                if fix.kind == FixKind::Attestation {
                    <AttestationFix fix={fix.clone()} id={format!("{doc_id}-fix")} {lang} on_fix={props.on_fix.clone()} />
                } else {
                    <p class="fix-line">
                        <button type="button" class="fix" aria-describedby={format!("{doc_id}-fix")}
                            onclick={let fix = fix.clone(); props.on_fix.reform(move |_| fix.clone())}>
                            { T::Fix.get(lang) }
                        </button>
                        <span id={format!("{doc_id}-fix")}>{ fix.text.render(lang) }</span>
                    </p>
                }
            }
            <button type="button" class="why" aria-expanded={open.to_string()} aria-controls={doc_id.clone()} onclick={toggle}>
                { if *open { T::HideWhy.get(lang) } else { T::Why.get(lang) } }
            </button>
            <div class="rule-doc" id={doc_id} hidden={!*open}>
                if *open { <RuleDoc rule={id} {lang} /> }
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AttestationProps {
    fix: Fix,
    /// The id of the fix's title, which the button and the dialog are described by.
    id: String,
    lang: Lang,
    on_fix: Callback<Fix>,
}

/// A fix that records something done in Azure rather than changing the design: applying it
/// unasked would claim a role assignment or a rule nobody made, so it asks first.
#[component]
fn AttestationFix(props: &AttestationProps) -> Html {
    let dialog = use_node_ref();
    let lang = props.lang;
    let title_id = format!("{}-confirm", props.id);
    let open = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        })
    };
    let close = |dialog: &NodeRef| {
        if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
            dialog.close();
        }
    };
    let cancel = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| close(&dialog))
    };
    let confirm = {
        let (dialog, fix, on_fix) = (dialog.clone(), props.fix.clone(), props.on_fix.clone());
        Callback::from(move |_: MouseEvent| {
            close(&dialog);
            on_fix.emit(fix.clone());
        })
    };
    let text = props.fix.text.render(lang);
    html! {
        <div class="fix-line">
            <button type="button" class="fix attest" aria-describedby={props.id.clone()} aria-haspopup="dialog" onclick={open}>
                { T::RecordAsDone.get(lang) }
            </button>
            <span id={props.id.clone()}>{ text.clone() }</span>
            <dialog ref={dialog} class="confirm-attestation" aria-labelledby={title_id.clone()}>
                <h2 id={title_id}>{ T::AttestTitle.get(lang) }</h2>
                <p>{ T::AttestBody.get(lang) }</p>
                <p class="attest-command">{ text }</p>
                <p class="dialog-actions">
                    <button type="button" class="cancel" autofocus=true onclick={cancel}>{ T::Cancel.get(lang) }</button>
                    <button type="button" class="confirm fix" onclick={confirm}>{ T::ConfirmRecorded.get(lang) }</button>
                </p>
            </dialog>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CapacityProps {
    pub report: Rc<Report>,
    pub lang: Lang,
}

/// One node subnet as its gauge shows it: what every cluster in it needs together, against what
/// it has, and each cluster's own share.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SubnetGauge<'a> {
    vnet: &'a str,
    subnet: &'a str,
    usable: u64,
    needed: u64,
    /// The largest per-node need in the subnet: the room one more node takes.
    per_node: u64,
    /// Each cluster's share: its name, its addresses, and whether they are its pods' alone.
    shares: Vec<(&'a str, u64, bool)>,
}

/// The report's capacity rows, one per cluster, gathered into one gauge per node subnet and per
/// pod subnet, in the order of the first cluster in each.
fn subnet_gauges(report: &Report) -> Vec<SubnetGauge<'_>> {
    fn add<'a>(gauges: &mut Vec<SubnetGauge<'a>>, gauge: SubnetGauge<'a>) {
        match gauges.iter_mut().find(|known| known.vnet == gauge.vnet && known.subnet == gauge.subnet) {
            Some(known) => {
                known.shares.extend(gauge.shares);
                known.per_node = known.per_node.max(gauge.per_node);
            }
            None => gauges.push(gauge),
        }
    }
    let mut gauges = Vec::new();
    for row in &report.capacity {
        add(
            &mut gauges,
            SubnetGauge {
                vnet: &row.vnet,
                subnet: &row.subnet,
                usable: row.usable,
                needed: row.subnet_needed,
                per_node: row.per_node,
                shares: vec![(row.cluster.as_str(), row.needed, false)],
            },
        );
    }
    // After every node subnet, so that a pod subnet that is another cluster's node subnet adds its
    // share there; its figures are the same either way.
    for row in &report.capacity {
        let Some(pods) = &row.pod_subnet else { continue };
        add(
            &mut gauges,
            SubnetGauge {
                vnet: &row.vnet,
                subnet: &pods.subnet,
                usable: pods.usable,
                needed: pods.subnet_needed,
                per_node: 0,
                shares: vec![(row.cluster.as_str(), pods.needed, true)],
            },
        );
    }
    gauges
}

/// A share's width on its gauge, in percent of the larger of the subnet's room and its need, so
/// that an overfull subnet's shares still fit the bar.
fn share_width(share: u64, gauge: &SubnetGauge<'_>) -> f64 {
    let whole = gauge.usable.max(gauge.needed).max(1);
    share as f64 * 100.0 / whole as f64
}

/// Where each cluster's share starts on its gauge and how wide it is, one after the other.
fn share_spans(gauge: &SubnetGauge<'_>) -> Vec<(f64, f64)> {
    let mut start = 0.0;
    gauge
        .shares
        .iter()
        .map(|(_, share, _)| {
            let width = share_width(*share, gauge);
            let span = (start, width);
            start += width;
            span
        })
        .collect()
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
                { for subnet_gauges(&props.report).iter().enumerate().map(|(index, gauge)| {
                    let text = T::CapacityRow.get(lang)
                        .replace("{needed}", &number(gauge.needed, lang))
                        .replace("{usable}", &number(gauge.usable, lang));
                    let over = gauge.needed > gauge.usable;
                    let gauge_id = format!("capacity-{index}");
                    html! {
                        <li class={classes!("gauge", over.then_some("over"))} data-vnet={gauge.vnet.to_owned()}
                            data-subnet={gauge.subnet.to_owned()}>
                            <label for={gauge_id.clone()}>{ format!("VNet {} → {}", gauge.vnet, gauge.subnet) }</label>
                            <meter id={gauge_id} min="0" max={gauge.usable.max(1).to_string()} value={gauge.needed.to_string()}
                                low={(gauge.usable * 3 / 4).to_string()} high={gauge.usable.saturating_sub(gauge.per_node).to_string()}
                                optimum="0" aria-valuetext={text.clone()}>{ text.clone() }</meter>
                            <svg class="shares-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                                { for share_spans(gauge).into_iter().map(|(x, width)| html! {
                                    <rect class="share" x={decimal(x)} y="0" width={decimal(width)} height="6" />
                                }) }
                                <rect class="room-end" x={decimal(share_width(gauge.usable, gauge) - 0.6)} y="0" width="0.6" height="6" />
                            </svg>
                            <span class="gauge-text">{ text }</span>
                            <ul class="shares" aria-label={T::ClusterShares.get(lang)}>
                                { for gauge.shares.iter().map(|(cluster, share, pods)| html! {
                                    <li class="share-item" data-cluster={cluster.to_string()} data-pods={pods.then_some("true")}>
                                        { if *pods { T::PodShare } else { T::ClusterShare }.get(lang)
                                            .replace("{cluster}", cluster).replace("{needed}", &number(*share, lang)) }
                                    </li>
                                }) }
                            </ul>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RuleDocProps {
    rule: &'static str,
    lang: Lang,
}

/// A rule's explanation, fetched from the on-demand module the first time it is opened.
#[component]
fn RuleDoc(props: &RuleDocProps) -> Html {
    let lang = props.lang;
    let explained = use_state(|| None::<Result<Rc<Explanation>, ExtrasError>>);
    {
        let explained = explained.clone();
        use_effect_with((props.rule, lang), move |(rule, lang)| {
            extras::run(extras::explain(rule, *lang), move |answer| explained.set(Some(answer.map(Rc::new))));
        });
    }
    match &*explained {
        None => html! { <p class="hint" role="status">{ T::ExtrasLoading.get(lang) }</p> },
        Some(Err(error)) => html! { <p class="extras-error" role="alert">{ error.render(lang) }</p> },
        Some(Ok(doc)) => {
            // Several explanations can be open at once: in a screen reader's list of headings,
            // each names its rule.
            let heading = |title: T| {
                html! { <h3>{ title.get(lang) }<span class="visually-hidden">{ format!(" ({})", props.rule) }</span></h3> }
            };
            html! {
            <>
                { heading(T::WhatItChecks) }<p>{ &doc.what }</p>
                { heading(T::WhyItMatters) }<p>{ &doc.why }</p>
                { heading(T::Example) }<pre class="example">{ &doc.example }</pre>
                { heading(T::HowToFix) }<p>{ &doc.fix }</p>
                if !doc.sources.is_empty() {
                    { heading(T::Sources) }
                    // The sources are cited by their own titles, which are in English.
                    <ul class="sources" lang="en">{ for doc.sources.iter().map(|source| html! {
                        <li>{ format!("{} ({}), {}", source.title, source.date, source.location) }</li>
                    }) }</ul>
                }
            </>
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use vnetplan_core::{check, plan_from_value};

    use super::*;

    fn cluster(name: &str, subnet: &str, service: &str) -> serde_json::Value {
        json!({"name": name, "vnet": "v", "subnet": subnet, "networkPlugin": "azure", "serviceCidr": service,
               "dnsServiceIP": service.replace("0/16", "10"), "nodeCount": 4})
    }

    #[test]
    fn a_shared_subnet_is_one_gauge_listing_every_cluster() {
        let plan = plan_from_value(&json!({
            "schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "rg"},
            "vnets": [{"name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.1.0.0/16"], "subnets": [
                {"name": "aks", "addressPrefix": "10.1.0.0/24"}, {"name": "other", "addressPrefix": "10.1.4.0/22"}]}],
            "aksClusters": [cluster("a", "aks", "10.2.0.0/16"), cluster("b", "other", "10.3.0.0/16"),
                            cluster("c", "aks", "10.4.0.0/16")],
        }))
        .expect("the plan parses");
        let report = check(&plan);
        let gauges = subnet_gauges(&report);
        assert_eq!(gauges.len(), 2);
        // 4 nodes and a 10% surge: 5 nodes of 31 addresses each, per cluster.
        assert_eq!((gauges[0].subnet, gauges[0].needed, gauges[0].usable), ("aks", 310, 251));
        assert_eq!(gauges[0].shares, [("a", 155, false), ("c", 155, false)]);
        assert_eq!((gauges[1].subnet, gauges[1].needed, gauges[1].usable), ("other", 155, 1019));
        assert_eq!(gauges[1].shares, [("b", 155, false)]);
        // Overfull: the shares are drawn against the need, so together they fill the bar.
        assert!((share_width(155, &gauges[0]) - 50.0).abs() < 1e-9);
        assert!((share_width(251, &gauges[0]) - 251.0 * 100.0 / 310.0).abs() < 1e-9);
        assert!((share_width(1019, &gauges[1]) - 100.0).abs() < 1e-9);
        assert_eq!(share_spans(&gauges[0]), [(0.0, 50.0), (50.0, 50.0)]);
    }

    #[test]
    fn pods_get_a_share_on_their_pod_subnets_gauge() {
        let mut pods_in_other = cluster("b", "other", "10.3.0.0/16");
        pods_in_other["podSubnet"] = json!("aks");
        let mut pods_alone = cluster("c", "other", "10.4.0.0/16");
        pods_alone["podSubnet"] = json!("pods");
        let plan = plan_from_value(&json!({
            "schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "rg"},
            "vnets": [{"name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.1.0.0/16"], "subnets": [
                {"name": "aks", "addressPrefix": "10.1.0.0/24"}, {"name": "other", "addressPrefix": "10.1.4.0/22"},
                {"name": "pods", "addressPrefix": "10.1.8.0/22"}]}],
            "aksClusters": [cluster("a", "aks", "10.2.0.0/16"), pods_in_other, pods_alone],
        }))
        .expect("the plan parses");
        let report = check(&plan);
        let gauges = subnet_gauges(&report);
        let subnets: Vec<&str> = gauges.iter().map(|gauge| gauge.subnet).collect();
        assert_eq!(subnets, ["aks", "other", "pods"]);
        // a's 5 nodes of 31 addresses, then b's 5 nodes of 110 pods in batches of 16 (112 each), in
        // a's node subnet.
        assert_eq!(gauges[0].needed, 715);
        assert_eq!(gauges[0].shares, [("a", 155, false), ("b", 560, true)]);
        assert_eq!(gauges[1].shares, [("b", 5, false), ("c", 5, false)]);
        assert_eq!((gauges[2].needed, gauges[2].usable), (560, 1019));
        assert_eq!(gauges[2].shares, [("c", 560, true)]);
    }
}
