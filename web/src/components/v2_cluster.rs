//! A cluster's Azure ML API switch and, for a v2 Kubernetes compute, the settings of the Azure ML
//! extension and the facts about the AKS cluster that the v2 rules read.

use serde_json::{json, Value};
use vnetplan_core::{AksCluster, AzureMlApi, Choice, RouterServiceType};
use yew::prelude::*;

use super::editor::Form;
use super::fields::{CheckField, Kind, SelectField};
use crate::i18n::T;
use crate::state::{Action, Edit};

/// The switch between the legacy AksCompute flow and Kubernetes compute. Choosing v2 migrates
/// this cluster as "Migrate to v2" would, so its v1-only settings become their v2 counterparts
/// and the notes say what else changed. Choosing v1 drops the extension's settings, which v1
/// does not accept; Undo brings them back.
pub(super) fn api_switch(form: &Form<'_>, c: usize, cluster: &AksCluster) -> Html {
    let pointer = format!("/aksClusters/{c}/azureMl/api");
    let dispatch = form.dispatch.reform(move |action: Action| match action {
        Action::Edit { edit: Edit::Value(Value::String(api)), .. } if api == AzureMlApi::V2.as_str() => {
            Action::Migrate { cluster: Some(c) }
        }
        _ => Action::Edit { pointer: format!("/aksClusters/{c}/azureMl"), edit: Edit::Value(Value::Null) },
    });
    // While the migration loads, the switch shows the choice just made.
    let current = if form.switching == Some(c) { AzureMlApi::V2 } else { cluster.azure_ml().api() };
    let options = vec![
        (AzureMlApi::V1.as_str(), AttrValue::from(form.t(T::ApiV1))),
        (AzureMlApi::V2.as_str(), AttrValue::from(form.t(T::ApiV2))),
    ];
    html! {
        <SelectField pointer={pointer.clone()} label={form.t(T::AzureMlApi)} current={current.as_str()}
            {options} {dispatch} notes={form.notes(&pointer)} />
    }
}

/// The extension's settings for a v2 cluster, and the AKS facts, shown for a v2 cluster or while
/// a v1 cluster still holds one of them.
pub(super) fn settings(form: &Form<'_>, c: usize, cluster: &AksCluster) -> Html {
    let p = |field: &str| format!("/aksClusters/{c}/{field}");
    let v2 = cluster.is_v2();
    let facts_set = !cluster.api_server_authorized_ip_ranges.is_empty()
        || cluster.trusted_access.is_some()
        || cluster.local_accounts_disabled.is_some()
        || cluster.private_cluster_public_fqdn.is_some();
    let azure_ml = cluster.azure_ml();
    let show_internal = azure_ml.router_service_type() == Some(RouterServiceType::LoadBalancer)
        || azure_ml.internal_load_balancer_provider.is_some();
    let show_public_fqdn = cluster.private_cluster() || cluster.private_cluster_public_fqdn.is_some();
    let internal = p("azureMl/internalLoadBalancerProvider");
    html! {
        <>
            if v2 {
                <fieldset class="inner extension">
                    <legend><h4>{ form.t(T::ExtensionSettings) }</h4></legend>
                    { form.select(p("azureMl/inferenceRouterServiceType"), T::RouterServiceType, &[
                        ("loadBalancer", T::RouterLoadBalancer), ("nodePort", T::RouterNodePort),
                        ("clusterIP", T::RouterClusterIp)], false) }
                    if show_internal {
                        <CheckField pointer={internal.clone()} label={form.t(T::InternalRouter)}
                            checked={azure_ml.internal_load_balancer_provider.is_some()}
                            dispatch={form.dispatch.clone()} notes={form.notes(&internal)}
                            values={Some((json!("azure"), Value::Null))} />
                    }
                    <div class="row">
                        { form.text(p("azureMl/sslCname"), form.t(T::SslCname), Kind::OptionalText) }
                        { form.select(p("azureMl/sslCertificate"), T::SslCertificate, &[
                            ("secret", T::CertSecret), ("pemFiles", T::CertPemFiles)], true) }
                        { form.text(p("azureMl/namespace"), form.t(T::Namespace), Kind::Namespace) }
                    </div>
                    { form.check(p("azureMl/allowInsecureConnections"), T::AllowInsecure) }
                    { form.check_defaulting(p("azureMl/inferenceRouterHA"), T::RouterHa, true) }
                    { form.check(p("azureMl/reusesV1Cluster"), T::ReusesV1) }
                </fieldset>
            }
            if v2 || facts_set {
                <fieldset class="inner aks-facts">
                    <legend><h4>{ form.t(T::AksFacts) }</h4></legend>
                    { form.text(p("apiServerAuthorizedIpRanges"), form.t(T::AuthorizedRanges), Kind::List) }
                    { form.check(p("trustedAccess"), T::TrustedAccess) }
                    { form.check(p("localAccountsDisabled"), T::LocalAccountsDisabled) }
                    if show_public_fqdn { { form.check(p("privateClusterPublicFqdn"), T::PrivateClusterPublicFqdn) } }
                </fieldset>
            }
        </>
    }
}
