//! The editor for the whole plan. Every field is bound to the JSON pointer of its value, which is
//! also how findings, the map and the share link name it.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Value};
use vnetplan_core::{sorting, AksCluster, NetworkPluginMode, Plan, Report, Vnet};
use yew::prelude::*;

use super::fields::{CheckField, Kind, Note, SelectField, TextField};
use super::{v2_cluster, v2_sections};
use crate::dom;
use crate::drafts::Drafts;
use crate::i18n::{Lang, T};
use crate::state::{value_text, Action, NewItem, Refusal};

/// A list of the plan that the editor shows a page at a time: a plan may hold thousands of
/// subnets, or hundreds of VNets or on-premises ranges, and rendering every field of every one
/// took seconds on opening and lagged each keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum List {
    Vnets,
    Subnets { vnet: usize },
    ExternalRanges,
    Clusters,
    OnlineEndpoints,
    AciDeployments,
}

impl List {
    /// Items shown before "show more": a card of many fields costs more to render than a row.
    fn page(self) -> usize {
        match self {
            Self::Vnets | Self::Clusters => 10,
            Self::OnlineEndpoints | Self::AciDeployments => 20,
            Self::Subnets { .. } | Self::ExternalRanges => 40,
        }
    }

    fn hidden(self) -> T {
        match self {
            Self::Vnets => T::VnetsHidden,
            Self::Subnets { .. } => T::SubnetsHidden,
            Self::ExternalRanges => T::ExternalRangesHidden,
            Self::Clusters => T::ClustersHidden,
            Self::OnlineEndpoints => T::EndpointsHidden,
            Self::AciDeployments => T::AciDeploymentsHidden,
        }
    }

    /// The index of the item of this list that `pointer` is in or at: `/aksClusters/4/vnet` is
    /// in item 4 of the clusters, `/vnets/2/subnets/7` is item 7 of VNet 2's subnets.
    fn index_of(self, pointer: &str) -> Option<usize> {
        let rest = match self {
            Self::Vnets => pointer.strip_prefix("/vnets/")?,
            Self::Subnets { vnet } => {
                let (index, rest) = Self::Vnets.index_of(pointer).zip(pointer.split('/').nth(3))?;
                (index == vnet && rest == "subnets").then(|| pointer.splitn(5, '/').nth(4)).flatten()?
            }
            Self::ExternalRanges => pointer.strip_prefix("/externalRanges/")?,
            Self::Clusters => pointer.strip_prefix("/aksClusters/")?,
            Self::OnlineEndpoints => pointer.strip_prefix("/onlineEndpoints/")?,
            Self::AciDeployments => pointer.strip_prefix("/aciDeployments/")?,
        };
        rest.split('/').next()?.parse().ok()
    }

    /// The name field of item `index`, which every kind of item has.
    fn name_field(self, index: usize) -> String {
        match self {
            Self::Vnets => format!("/vnets/{index}/name"),
            Self::Subnets { vnet } => format!("/vnets/{vnet}/subnets/{index}/name"),
            Self::ExternalRanges => format!("/externalRanges/{index}/name"),
            Self::Clusters => format!("/aksClusters/{index}/name"),
            Self::OnlineEndpoints => format!("/onlineEndpoints/{index}/name"),
            Self::AciDeployments => format!("/aciDeployments/{index}/name"),
        }
    }
}

/// How many items of each list the editor shows; a list not named shows its first page. The
/// editor has few lists, so a scan does what a map would, without a map's code in the page.
type Pages = Vec<(List, usize)>;

fn page_end(pages: &Pages, list: List) -> usize {
    pages.iter().find(|(shown, _)| *shown == list).map_or(list.page(), |(_, end)| *end)
}

/// Shows the items of `list` up to `end`.
fn show_up_to(pages: &UseStateHandle<Pages>, list: List, end: usize) {
    let mut next = (**pages).clone();
    next.retain(|(shown, _)| *shown != list);
    next.push((list, end));
    pages.set(next);
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub plan: Rc<Plan>,
    pub document: Rc<Value>,
    pub drafts: Drafts,
    pub report: Rc<Report>,
    pub selected: Option<String>,
    /// Counts the picks, so that the field picked last, picked again, takes the focus again.
    pub picks: u32,
    /// The cluster whose switch to v2 waits for the migration to load.
    pub switching: Option<usize>,
    /// The field whose text the plan refused last, while it still shows that text.
    pub refused: Option<Refusal>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// What every field of one render needs: the plan as a document to read values by pointer, the
/// drafts, and the findings keyed by the field they are first about.
pub(super) struct Form<'a> {
    document: &'a Value,
    drafts: &'a Drafts,
    /// The notes of each field, from [`sorting::grouped`].
    notes: Vec<(&'a str, Vec<Note>)>,
    selected: Option<&'a str>,
    refused: Option<&'a Refusal>,
    pub(super) switching: Option<usize>,
    lang: Lang,
    pub(super) dispatch: &'a Callback<Action>,
    pages: UseStateHandle<Pages>,
    /// The field that takes the focus once the items a "show" button asked for are drawn.
    reveal: Rc<RefCell<Option<String>>>,
}

impl Form<'_> {
    /// An item's name as its card's heading says it: a heading left empty would stand in the
    /// screen reader's list of headings with nothing to say.
    pub(super) fn card_title<'n>(&self, name: &'n str) -> &'n str {
        if name.trim().is_empty() {
            self.t(T::Unnamed)
        } else {
            name
        }
    }

    pub(super) fn t(&self, key: T) -> &'static str {
        key.get(self.lang)
    }

    fn shown(&self, pointer: &str) -> String {
        match self.drafts.get(pointer) {
            Some(draft) => draft.to_owned(),
            None => value_text(self.document, pointer),
        }
    }

    pub(super) fn notes(&self, pointer: &str) -> Vec<Note> {
        sorting::group(&self.notes, &pointer).to_vec()
    }

    pub(super) fn text(&self, pointer: String, label: &str, kind: Kind) -> Html {
        self.text_with_hint(pointer, label, kind, None)
    }

    fn text_with_hint(&self, pointer: String, label: &str, kind: Kind, hint: Option<T>) -> Html {
        let draft = self.drafts.get(&pointer);
        let drafted = draft.is_some();
        let refusal = self
            .refused
            .filter(|refusal| {
                refusal.pointer == pointer && draft.is_some() && refusal.text.as_deref() == draft
            })
            .map(|refusal| AttrValue::from(refusal.detail.render(self.lang)));
        html! {
            <TextField pointer={pointer.clone()} label={label.to_owned()} value={self.shown(&pointer)} {kind}
                lang={self.lang} dispatch={self.dispatch.clone()} notes={self.notes(&pointer)}
                hint={hint.map(|h| AttrValue::from(self.t(h)))} selected={self.selected == Some(pointer.as_str())}
                kept={drafted.then(|| AttrValue::from(value_text(self.document, &pointer)))} {refusal} />
        }
    }

    pub(super) fn check(&self, pointer: String, label: T) -> Html {
        // An absent flag shows its default: the join permissions default to granted.
        let default = pointer.ends_with("Join");
        self.check_defaulting(pointer, label, default)
    }

    /// A checkbox for a flag that reads as `default` while the plan leaves it out.
    pub(super) fn check_defaulting(&self, pointer: String, label: T, default: bool) -> Html {
        let checked = self.document.pointer(&pointer).and_then(Value::as_bool).unwrap_or(default);
        html! {
            <CheckField pointer={pointer.clone()} label={self.t(label)} {checked} dispatch={self.dispatch.clone()}
                notes={self.notes(&pointer)} />
        }
    }

    /// A choice among `options`; an `optional` field also offers leaving it out of the plan.
    pub(super) fn select(
        &self,
        pointer: String,
        label: T,
        options: &[(&'static str, T)],
        optional: bool,
    ) -> Html {
        let current = self.document.pointer(&pointer).and_then(Value::as_str).unwrap_or_default().to_owned();
        let options: Vec<(&'static str, AttrValue)> =
            options.iter().map(|(value, label)| (*value, AttrValue::from(self.t(*label)))).collect();
        html! {
            <SelectField pointer={pointer.clone()} label={self.t(label)} {current} {options}
                unset={optional.then(|| AttrValue::from(self.t(T::NotSet)))} dispatch={self.dispatch.clone()} notes={self.notes(&pointer)} />
        }
    }

    /// The items of `list`, which holds `all`, to show with their indices: the pages shown so
    /// far, then the item a finding or the map chose, even past them, so that focusing its field
    /// works.
    pub(super) fn items<'i, Item>(
        &self,
        list: List,
        all: &'i [Item],
    ) -> impl Iterator<Item = (usize, &'i Item)> {
        let end = page_end(&self.pages, list).min(all.len());
        let chosen = self
            .selected
            .and_then(|pointer| list.index_of(pointer))
            .filter(|index| (end..all.len()).contains(index));
        (0..end).chain(chosen).filter_map(|index| Some((index, all.get(index)?)))
    }

    /// How many items of `list` are not shown, with the buttons that show more or all of them.
    pub(super) fn more(&self, list: List, count: usize) -> Html {
        let hidden = count.saturating_sub(page_end(&self.pages, list));
        if hidden == 0 {
            return Html::default();
        }
        // Both buttons may go once pressed, and the items they show come before them: the focus
        // goes to the first item shown, where reading and tabbing go on.
        let show = |all: bool| {
            let pages = self.pages.clone();
            let reveal = self.reveal.clone();
            Callback::from(move |_: MouseEvent| {
                let first_new = page_end(&pages, list);
                let end = if all { usize::MAX } else { first_new.saturating_add(list.page() * 5) };
                *reveal.borrow_mut() = Some(list.name_field(first_new));
                show_up_to(&pages, list, end);
            })
        };
        html! {
            <p class="more">
                { self.t(list.hidden()).replace("{count}", &hidden.to_string()) }{ " " }
                <button type="button" class="show-more" onclick={show(false)}>{ self.t(T::ShowMore) }</button>
                <button type="button" class="show-all" onclick={show(true)}>{ self.t(T::ShowAll) }</button>
            </p>
        }
    }

    /// The button that adds an item to `list`, which holds `count`: an item added past the
    /// page is shown at once, not added out of sight.
    pub(super) fn add_to(&self, list: List, count: usize, new: NewItem, label: T) -> Html {
        let pages = self.pages.clone();
        self.add_button(
            self.dispatch.reform(move |_| {
                if page_end(&pages, list) <= count {
                    show_up_to(&pages, list, count + 1);
                }
                Action::Add(new)
            }),
            label,
        )
    }

    pub(super) fn add(&self, new: NewItem, label: T) -> Html {
        self.add_button(self.dispatch.reform(move |_| Action::Add(new)), label)
    }

    fn add_button(&self, onclick: Callback<MouseEvent>, label: T) -> Html {
        html! { <button type="button" class="add" {onclick}>{ self.t(label) }</button> }
    }

    pub(super) fn remove(&self, pointer: String, what: &str) -> Html {
        let label = format!("{} {what}", self.t(T::Remove));
        let onclick = self.dispatch.reform(move |_| Action::Remove { pointer: pointer.clone() });
        html! { <button type="button" class="remove" aria-label={label} {onclick}>{ self.t(T::Remove) }</button> }
    }
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let pages = use_state(Pages::new);
    let notes = sorting::grouped(
        props
            .report
            .findings
            .iter()
            .filter_map(|finding| {
                let first = finding.subjects.first()?;
                Some((
                    first.as_str(),
                    Note { severity: finding.severity, text: finding.text.render(props.lang) },
                ))
            })
            .collect(),
    );
    // The chosen field takes the focus once this render shows it. A finding, a bar or a note
    // focuses its field when clicked, but a field past a page, or a subnet just added from the
    // map, exists only from this render on; and Yew may finish a long render in a later task, so
    // only an effect is sure to come after it.
    use_effect_with((props.selected.clone(), props.picks), |(pointer, _)| {
        if let Some(pointer) = pointer {
            dom::focus_field(pointer);
        }
    });
    let reveal = use_mut_ref(|| None::<String>);
    {
        let reveal = reveal.clone();
        use_effect(move || {
            if let Some(pointer) = reveal.borrow_mut().take() {
                dom::focus_field(&pointer);
            }
        });
    }
    let form = Form {
        document: &props.document,
        drafts: &props.drafts,
        notes,
        selected: props.selected.as_deref(),
        refused: props.refused.as_ref(),
        switching: props.switching,
        lang: props.lang,
        dispatch: &props.dispatch,
        pages,
        reveal,
    };
    let plan = &props.plan;
    html! {
        <form class="editor" onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
            <fieldset class="card">
                <legend><h2>{ form.t(T::PlanSection) }</h2></legend>
                { form.text("/name".into(), form.t(T::Name), Kind::Text) }
                { form.text_with_hint("/region".into(), form.t(T::Region), Kind::Text, Some(T::RegionHint)) }
            </fieldset>
            { workspace(&form, plan) }
            { v2_sections::managed_network(&form, plan) }
            <section class="group" aria-labelledby="vnets-title">
                <h2 id="vnets-title">{ form.t(T::Vnets) }</h2>
                { for form.items(List::Vnets, &plan.vnets).map(|(v, vnet)| vnet_card(&form, v, vnet)) }
                { form.more(List::Vnets, plan.vnets.len()) }
                { form.add_to(List::Vnets, plan.vnets.len(), NewItem::Vnet, T::AddVnet) }
            </section>
            <section class="group" aria-labelledby="external-title">
                <h2 id="external-title">{ form.t(T::ExternalRanges) }</h2>
                <p class="hint">{ form.t(T::ExternalRangesHint) }</p>
                { for form.items(List::ExternalRanges, &plan.external_ranges).map(|(e, range)| html! {
                    <fieldset class="card row">
                        <legend><h3>{ form.card_title(&range.name) }</h3></legend>
                        { form.text(format!("/externalRanges/{e}/name"), form.t(T::Name), Kind::Text) }
                        { form.text(format!("/externalRanges/{e}/addressPrefix"), form.t(T::AddressPrefix), Kind::Text) }
                        { form.select(format!("/externalRanges/{e}/kind"), T::Kind, &[
                            ("peeredVnet", T::KindPeeredVnet), ("onPremises", T::KindOnPremises), ("vpn", T::KindVpn),
                            ("expressRoute", T::KindExpressRoute), ("other", T::KindOther)], false) }
                        { form.remove(format!("/externalRanges/{e}"), &range.name) }
                    </fieldset>
                }) }
                { form.more(List::ExternalRanges, plan.external_ranges.len()) }
                { form.add_to(List::ExternalRanges, plan.external_ranges.len(), NewItem::ExternalRange, T::AddExternal) }
            </section>
            <section class="group" aria-labelledby="clusters-title">
                <h2 id="clusters-title">{ form.t(T::Clusters) }</h2>
                { for form.items(List::Clusters, &plan.aks_clusters).map(|(c, cluster)| cluster_card(&form, c, cluster)) }
                { form.more(List::Clusters, plan.aks_clusters.len()) }
                { form.add_to(List::Clusters, plan.aks_clusters.len(), NewItem::Cluster, T::AddCluster) }
            </section>
            { v2_sections::online_endpoints(&form, plan) }
            <section class="group" aria-labelledby="aci-title">
                <h2 id="aci-title">{ form.t(T::AciDeployments) }</h2>
                { for form.items(List::AciDeployments, &plan.aci_deployments).map(|(a, deployment)| html! {
                    <fieldset class="card row">
                        <legend><h3>{ form.card_title(&deployment.name) }</h3></legend>
                        { form.text(format!("/aciDeployments/{a}/name"), form.t(T::Name), Kind::Text) }
                        { form.text(format!("/aciDeployments/{a}/vnet"), form.t(T::Vnet), Kind::Text) }
                        { form.text(format!("/aciDeployments/{a}/subnet"), form.t(T::Subnet), Kind::Text) }
                        { form.text(format!("/aciDeployments/{a}/dnsNameLabel"), form.t(T::DnsNameLabel), Kind::OptionalText) }
                        { form.remove(format!("/aciDeployments/{a}"), &deployment.name) }
                    </fieldset>
                }) }
                { form.more(List::AciDeployments, plan.aci_deployments.len()) }
                { form.add_to(List::AciDeployments, plan.aci_deployments.len(), NewItem::AciDeployment, T::AddAci) }
            </section>
            <fieldset class="card">
                <legend><h2>{ form.t(T::Egress) }</h2></legend>
                { form.check("/egress/restricted".into(), T::EgressRestricted) }
                if plan.egress.restricted() {
                    { form.text("/egress/allowedServiceTags".into(), form.t(T::AllowedTags), Kind::List) }
                    { v2_sections::allowed_fqdns(&form, plan) }
                }
            </fieldset>
            <fieldset class="card">
                <legend><h2>{ form.t(T::Permissions) }</h2></legend>
                { form.check("/permissions/vnetJoin".into(), T::VnetJoin) }
                { form.check("/permissions/subnetJoin".into(), T::SubnetJoin) }
            </fieldset>
        </form>
    }
}

fn workspace(form: &Form<'_>, plan: &Plan) -> Html {
    let endpoint_on = plan.workspace.private_endpoint.is_some();
    let first_vnet = plan.vnets.first();
    let default_endpoint = json!({
        "vnet": first_vnet.map_or("", |v| v.name.as_str()),
        "subnet": first_vnet.and_then(|v| v.subnets.first()).map_or("", |s| s.name.as_str()),
    });
    html! {
        <fieldset class="card">
            <legend><h2>{ form.t(T::Workspace) }</h2></legend>
            { form.text("/workspace/resourceGroup".into(), form.t(T::ResourceGroup), Kind::Text) }
            { form.check("/workspace/acrInVnet".into(), T::AcrInVnet) }
            <CheckField pointer="/workspace/privateEndpoint" label={form.t(T::HasPrivateEndpoint)} checked={endpoint_on}
                dispatch={form.dispatch.clone()} notes={form.notes("/workspace/privateEndpoint")}
                values={Some((default_endpoint, Value::Null))} />
            if endpoint_on {
                <div class="row">
                    { form.text("/workspace/privateEndpoint/vnet".into(), form.t(T::Vnet), Kind::Text) }
                    { form.text("/workspace/privateEndpoint/subnet".into(), form.t(T::Subnet), Kind::Text) }
                </div>
            }
        </fieldset>
    }
}

fn vnet_card(form: &Form<'_>, v: usize, vnet: &Vnet) -> Html {
    let name = &vnet.name;
    let subnets = List::Subnets { vnet: v };
    let subnet_row = |s: usize, subnet: &vnetplan_core::Subnet| {
        html! {
            <div class="row subnet">
                { form.text(format!("/vnets/{v}/subnets/{s}/name"), form.t(T::Name), Kind::Text) }
                { form.text(format!("/vnets/{v}/subnets/{s}/addressPrefix"), form.t(T::AddressPrefix), Kind::Text) }
                { form.text(format!("/vnets/{v}/subnets/{s}/delegations"), form.t(T::Delegations), Kind::List) }
                { form.remove(format!("/vnets/{v}/subnets/{s}"), &subnet.name) }
            </div>
        }
    };
    html! {
        <fieldset class="card vnet">
            <legend><h3>{ format!("VNet {name}") }</h3></legend>
            <div class="row">
                { form.text(format!("/vnets/{v}/name"), form.t(T::Name), Kind::Text) }
                { form.text(format!("/vnets/{v}/resourceGroup"), form.t(T::ResourceGroup), Kind::Text) }
                { form.text(format!("/vnets/{v}/region"), form.t(T::RegionOptional), Kind::OptionalText) }
            </div>
            { v2_sections::peerings(form, v) }
            <fieldset class="inner">
                <legend><h4>{ form.t(T::AddressPrefixes) }</h4></legend>
                { for vnet.address_prefixes.iter().enumerate().map(|(p, prefix)| html! {
                    <div class="row">
                        { form.text(format!("/vnets/{v}/addressPrefixes/{p}"), &format!("{} {}", form.t(T::AddressPrefix), p + 1), Kind::Text) }
                        if vnet.address_prefixes.len() > 1 { { form.remove(format!("/vnets/{v}/addressPrefixes/{p}"), prefix) } }
                    </div>
                }) }
                { form.add(NewItem::Prefix { vnet: v }, T::AddPrefix) }
            </fieldset>
            <fieldset class="inner">
                <legend><h4>{ form.t(T::Subnets) }</h4></legend>
                { for form.items(subnets, &vnet.subnets).map(|(s, subnet)| subnet_row(s, subnet)) }
                { form.more(subnets, vnet.subnets.len()) }
                { form.add_to(subnets, vnet.subnets.len(), NewItem::Subnet { vnet: v }, T::AddSubnet) }
            </fieldset>
            { form.remove(format!("/vnets/{v}"), &format!("VNet {name}")) }
        </fieldset>
    }
}

fn cluster_card(form: &Form<'_>, c: usize, cluster: &AksCluster) -> Html {
    let p = |field: &str| format!("/aksClusters/{c}/{field}");
    let kubenet = cluster.is_kubenet();
    // Fields that do not apply to the chosen plugin stay visible while they hold a value, so the
    // finding about them can point somewhere.
    let show_overlay = !kubenet || cluster.network_plugin_mode.is_some();
    let show_pod = kubenet || cluster.is_overlay() || cluster.pod_cidr.is_some();
    let show_pod_subnet = !cluster.pods_use_pod_cidr() || cluster.pod_subnet.is_some();
    // A v2 cluster hides the v1-only fields unless they hold a value, which a finding then names.
    let v1 = !cluster.is_v2();
    let show_lb_subnet =
        (v1 && cluster.has_internal_load_balancer()) || cluster.load_balancer_subnet.is_some();
    html! {
        <fieldset class="card cluster">
            <legend><h3>{ format!("AKS {}", cluster.name) }</h3></legend>
            <div class="row">
                { form.text(p("name"), form.t(T::Name), Kind::Text) }
                { form.select(p("provisioning"), T::Provisioning, &[("create", T::ProvisionCreate), ("attach", T::ProvisionAttach)], true) }
                { form.text(p("region"), form.t(T::RegionOptional), Kind::OptionalText) }
                { v2_cluster::api_switch(form, c, cluster) }
            </div>
            <div class="row">
                { form.text(p("vnet"), form.t(T::Vnet), Kind::Text) }
                { form.text(p("subnet"), form.t(T::Subnet), Kind::Text) }
                if show_pod_subnet { { form.text(p("podSubnet"), form.t(T::PodSubnet), Kind::OptionalText) } }
            </div>
            <div class="row">
                { form.select(p("networkPlugin"), T::NetworkPlugin, &[("azure", T::PluginAzure), ("kubenet", T::PluginKubenet)], true) }
                if show_overlay {
                    <CheckField pointer={p("networkPluginMode")} label={form.t(T::OverlayMode)}
                        checked={cluster.network_plugin_mode == Some(NetworkPluginMode::Overlay)}
                        dispatch={form.dispatch.clone()} notes={form.notes(&p("networkPluginMode"))}
                        values={Some((json!("overlay"), Value::Null))} />
                }
                if show_pod { { form.text(p("podCidr"), form.t(T::PodCidr), Kind::OptionalText) } }
            </div>
            <div class="row">
                { form.text(p("serviceCidr"), form.t(T::ServiceCidr), Kind::Text) }
                { form.text(p("dnsServiceIP"), form.t(T::DnsServiceIp), Kind::Text) }
                { form.text(p("dockerBridgeCidr"), form.t(T::DockerBridge), Kind::OptionalText) }
            </div>
            <div class="row">
                { form.text(p("nodeCount"), form.t(T::NodeCount), Kind::Count { min: 1, nullable: false }) }
                { form.text(p("maxSurge"), form.t(T::MaxSurge), Kind::Surge) }
                { form.text(p("maxPods"), form.t(T::MaxPods), Kind::Count { min: 0, nullable: true }) }
                { form.text(p("vcpusPerNode"), form.t(T::VcpusPerNode), Kind::Count { min: 1, nullable: true }) }
            </div>
            <div class="row">
                if v1 || cluster.cluster_purpose.is_some() {
                    { form.select(p("clusterPurpose"), T::ClusterPurpose, &[("FastProd", T::PurposeProd), ("DevTest", T::PurposeDevTest)], true) }
                }
                if v1 || cluster.load_balancer_type.is_some() {
                    { form.select(p("loadBalancerType"), T::LoadBalancerType, &[("PublicIp", T::PublicIp), ("InternalLoadBalancer", T::InternalLoadBalancer)], true) }
                }
                if show_lb_subnet { { form.text(p("loadBalancerSubnet"), form.t(T::LoadBalancerSubnet), Kind::OptionalText) } }
                { form.select(p("identity"), T::Identity, &[("systemAssigned", T::SystemAssigned), ("servicePrincipal", T::ServicePrincipal)], true) }
            </div>
            { v2_cluster::settings(form, c, cluster) }
            { form.check(p("privateCluster"), T::PrivateCluster) }
            { form.check(p("networkContributorGranted"), T::NetworkContributor) }
            { form.check(p("scoringFromOutsideVnet"), T::ScoringOutside) }
            if cluster.scoring_from_outside_vnet() || cluster.nsg_allows_scoring_inbound() {
                { form.check(p("nsgAllowsScoringInbound"), T::NsgInbound) }
            }
            { form.remove(format!("/aksClusters/{c}"), &format!("AKS {}", cluster.name)) }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::List;

    #[test]
    fn a_pointer_says_which_item_of_a_list_it_is_in() {
        assert_eq!(List::Vnets.index_of("/vnets/12/name"), Some(12));
        assert_eq!(List::Subnets { vnet: 3 }.index_of("/vnets/3/subnets/7/addressPrefix"), Some(7));
        assert_eq!(List::Subnets { vnet: 3 }.index_of("/vnets/3/subnets/7"), Some(7));
        assert_eq!(List::Subnets { vnet: 2 }.index_of("/vnets/3/subnets/7/addressPrefix"), None);
        assert_eq!(List::Subnets { vnet: 3 }.index_of("/vnets/3/addressPrefixes/0"), None);
        assert_eq!(List::Clusters.index_of("/aksClusters/4/vnet"), Some(4));
        assert_eq!(List::Vnets.index_of("/vnets/x/name"), None);
        assert_eq!(List::Vnets.index_of("/aksClusters/0/vnet"), None);
    }
}
