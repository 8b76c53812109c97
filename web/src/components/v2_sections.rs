//! The editor's sections for what Azure ML v2 adds to a plan: online endpoints, the workspace's
//! managed network with its outbound rules, VNet peerings and the firewall's host names.

use serde_json::{json, Value};
use vnetplan_core::{Choice, EndpointKind, OnlineEndpoint, Plan};
use yew::prelude::*;

use super::editor::{Form, List};
use super::fields::{CheckField, Kind, SelectField};
use crate::i18n::T;
use crate::state::{Action, Edit, NewItem};

const ACCESS: [(&str, T); 2] = [("enabled", T::AccessEnabled), ("disabled", T::AccessDisabled)];

pub(super) fn online_endpoints(form: &Form<'_>, plan: &Plan) -> Html {
    html! {
        <section class="group" aria-labelledby="endpoints-title">
            <h2 id="endpoints-title">{ form.t(T::OnlineEndpoints) }</h2>
            <p class="hint">{ form.t(T::OnlineEndpointsHint) }</p>
            { for form.items(List::OnlineEndpoints, &plan.online_endpoints).map(|(k, endpoint)| {
                let p = |field: &str| format!("/onlineEndpoints/{k}/{field}");
                let managed = endpoint.kind == EndpointKind::Managed;
                // A field that does not apply to the endpoint's kind stays visible while it holds
                // a value, so the finding about it has a field to point at.
                html! {
                    <fieldset class="card row endpoint">
                        <legend><h3>{ form.card_title(&endpoint.name) }</h3></legend>
                        { form.text(p("name"), form.t(T::Name), Kind::Text) }
                        { endpoint_kind(form, plan, k, endpoint) }
                        if !managed || endpoint.compute.is_some() {
                            { form.text(p("compute"), form.t(T::EndpointCompute), Kind::OptionalText) }
                        }
                        if managed || endpoint.public_network_access.is_some() {
                            { form.select(p("publicNetworkAccess"), T::PublicNetworkAccess, &ACCESS, true) }
                        }
                        if managed || endpoint.legacy_egress_public_network_access.is_some() {
                            { form.select(p("legacyEgressPublicNetworkAccess"), T::LegacyEgress, &ACCESS, true) }
                        }
                        { form.remove(format!("/onlineEndpoints/{k}"), &endpoint.name) }
                    </fieldset>
                }
            }) }
            { form.more(List::OnlineEndpoints, plan.online_endpoints.len()) }
            { form.add_to(List::OnlineEndpoints, plan.online_endpoints.len(), NewItem::OnlineEndpoint, T::AddEndpoint) }
        </section>
    }
}

/// The endpoint's kind. A Kubernetes endpoint cannot be without its compute, so choosing a kind
/// rewrites the endpoint: it keeps its name, drops what the new kind does not take, and a
/// Kubernetes endpoint runs on the plan's first v2 cluster (or names none yet, which a finding
/// then points at).
fn endpoint_kind(form: &Form<'_>, plan: &Plan, k: usize, endpoint: &OnlineEndpoint) -> Html {
    let pointer = format!("/onlineEndpoints/{k}/kind");
    let compute = plan
        .aks_clusters
        .iter()
        .find(|cluster| cluster.is_v2())
        .map_or_else(String::new, |cluster| cluster.name.clone());
    let name = endpoint.name.clone();
    let dispatch = form.dispatch.reform(move |action: Action| {
        let kubernetes = matches!(&action, Action::Edit { edit: Edit::Value(Value::String(kind)), .. }
            if kind == EndpointKind::Kubernetes.as_str());
        let rewritten = if kubernetes {
            json!({ "name": name, "kind": "kubernetes", "compute": compute })
        } else {
            json!({ "name": name, "kind": "managed" })
        };
        Action::Edit { pointer: format!("/onlineEndpoints/{k}"), edit: Edit::Value(rewritten) }
    });
    let options = vec![
        (EndpointKind::Managed.as_str(), AttrValue::from(form.t(T::EndpointManaged))),
        (EndpointKind::Kubernetes.as_str(), AttrValue::from(form.t(T::EndpointKubernetes))),
    ];
    html! {
        <SelectField pointer={pointer.clone()} label={form.t(T::Kind)} current={endpoint.kind.as_str()}
            {options} {dispatch} notes={form.notes(&pointer)} />
    }
}

/// The workspace's managed network and the two facts about the workspace that only v2 reads.
pub(super) fn managed_network(form: &Form<'_>, plan: &Plan) -> Html {
    let network = plan.workspace.managed_network.as_ref();
    let pointer = "/workspace/managedNetwork";
    html! {
        <fieldset class="card managed-network">
            <legend><h2>{ form.t(T::ManagedNetwork) }</h2></legend>
            <CheckField {pointer} label={form.t(T::HasManagedNetwork)} checked={network.is_some()}
                dispatch={form.dispatch.clone()} notes={form.notes(pointer)}
                values={Some((json!({ "isolationMode": "allowInternetOutbound" }), Value::Null))} />
            if let Some(network) = network {
                <div class="row">
                    { form.select(format!("{pointer}/isolationMode"), T::IsolationMode, &[
                        ("disabled", T::IsolationDisabled), ("allowInternetOutbound", T::IsolationInternet),
                        ("allowOnlyApprovedOutbound", T::IsolationApproved)], false) }
                    { form.text(format!("{pointer}/imageBuildCompute"), form.t(T::ImageBuildCompute), Kind::OptionalText) }
                </div>
                <fieldset class="inner">
                    <legend><h3>{ form.t(T::OutboundRules) }</h3></legend>
                    { for network.outbound_rules.iter().enumerate().map(|(m, rule)| {
                        let p = |field: &str| format!("{pointer}/outboundRules/{m}/{field}");
                        html! {
                            <div class="row outbound-rule">
                                { form.text(p("name"), form.t(T::Name), Kind::Text) }
                                { form.select(p("type"), T::Kind, &[("fqdn", T::RuleFqdn),
                                    ("serviceTag", T::RuleServiceTag), ("privateEndpoint", T::RulePrivateEndpoint)], false) }
                                { form.text(p("destination"), form.t(T::Destination), Kind::Text) }
                                { form.text(p("ports"), form.t(T::Ports), Kind::List) }
                                { form.remove(format!("{pointer}/outboundRules/{m}"), &rule.name) }
                            </div>
                        }
                    }) }
                    { form.add(NewItem::OutboundRule, T::AddOutboundRule) }
                </fieldset>
            }
            <div class="row">
                { form.select("/workspace/acrSku".into(), T::AcrSku, &[
                    ("Basic", T::SkuBasic), ("Standard", T::SkuStandard), ("Premium", T::SkuPremium)], true) }
            </div>
            { form.check("/workspace/v1LegacyMode".into(), T::V1LegacyMode) }
        </fieldset>
    }
}

pub(super) fn peerings(form: &Form<'_>, v: usize) -> Html {
    form.text(format!("/vnets/{v}/peerings"), form.t(T::Peerings), Kind::List)
}

/// The host names a restricted egress allows: `null` while the firewall does not filter by name,
/// which is a different plan from a list that allows no name. The box that starts the list and
/// the list itself are one value, so only one of them shows at a time.
pub(super) fn allowed_fqdns(form: &Form<'_>, plan: &Plan) -> Html {
    let pointer = "/egress/allowedFqdns";
    if plan.egress.allowed_fqdns.is_none() {
        return html! {
            <CheckField {pointer} label={form.t(T::FiltersByName)} checked=false dispatch={form.dispatch.clone()}
                notes={form.notes(pointer)} values={Some((json!([]), Value::Null))} />
        };
    }
    let stop = form
        .dispatch
        .reform(move |_| Action::Edit { pointer: pointer.to_owned(), edit: Edit::Value(Value::Null) });
    html! {
        <div class="row">
            { form.text(pointer.to_owned(), form.t(T::AllowedFqdns), Kind::List) }
            <button type="button" class="remove" onclick={stop}>{ form.t(T::StopFilteringByName) }</button>
        </div>
    }
}
