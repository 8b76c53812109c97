//! Turning what the Azure CLI prints into a plan that can be checked at once.
//!
//! [`import`] takes the text of one or more documents, recognises each by its content, and
//! combines them into one [`Plan`]:
//!
//! - `az network vnet show -o json` (one VNet) and `az network vnet list -o json` (a list),
//! - `az aks show -o json` (one cluster) and `az aks list -o json` (a list),
//! - an ARM template (`az group export`, the portal's "Export template", or one written by hand).
//!
//! Azure describes far more than a plan holds. Bookkeeping (identifiers, etags, provisioning
//! states, GUIDs) is left out on purpose: each reader lists those fields as informational.
//! Every other field the plan has no place for becomes an [`ImportNote`] that names the
//! document and the field, so nothing is dropped without a word. Values stay as Azure wrote
//! them, template expressions included: the check then reports whatever is not usable.
//!
//! # From an AKS cluster to a plan cluster
//!
//! A plan cluster has one node subnet: the `vnetSubnetId` of the first pool in `System` mode
//! (of the first pool when none says). Every pool whose nodes sit in that subnet draws
//! addresses from it, so `nodeCount` is the sum of those pools' nodes, counting an autoscaled
//! pool at its `maxCount`, the most the subnet must hold. Pools in other subnets are noted.
//! `maxPods` is the largest of the counted pools' and `maxSurge` the largest of their surges,
//! because AKS upgrades one pool at a time. The cluster is `attach`ed: it already exists.
//!
//! [`merge`] adds an import to a plan being edited, for the page's "Import from Azure" dialog.

mod aks;
mod template;
#[cfg(test)]
mod tests;
mod vnet;

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::parse::child_pointer;
use crate::plan::{AksCluster, ExternalRange, ExternalRangeKind, Plan, Vnet};

use aks::{NodeSubnet, ReadCluster};
use vnet::PeeredRange;

/// The resource group of VNets read from a template, which never says where it is deployed.
pub const TEMPLATE_RESOURCE_GROUP: &str = "(from template)";

/// The VNet name of a cluster whose VNet AKS created itself and that the documents lack.
pub const MANAGED_VNET: &str = "(managed by AKS)";

/// The subnet AKS creates in a VNet it manages.
const MANAGED_SUBNET: &str = "aks-subnet";

/// A plan read from Azure's output, with what could not be carried over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub plan: Plan,
    pub notes: Vec<ImportNote>,
}

/// A field of a document that the plan does not hold as Azure wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportNote {
    /// Index into the documents given to [`import`]; `None` when the note is about the plan
    /// as a whole. An index rather than a name lets a caller say which file it was.
    pub document: Option<usize>,
    /// JSON pointer of the field in that document; empty for the document itself.
    pub pointer: String,
    pub message: String,
}

impl ImportNote {
    /// Where the note comes from, as "document 2, /subnets/1/routeTable" (counting from 1).
    pub fn source(&self) -> String {
        source(self.document, &self.pointer)
    }
}

fn source(document: Option<usize>, pointer: &str) -> String {
    match document {
        Some(index) if pointer.is_empty() => format!("document {}", index + 1),
        Some(index) => format!("document {}, {pointer}", index + 1),
        None => "the plan".to_owned(),
    }
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source(), self.message)
    }
}

/// Why the documents could not be imported. `document` is an index into the documents given
/// to [`import`]; messages count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The document holds nothing but white space.
    EmptyDocument { document: usize },
    /// The document is not JSON; `line` and `column` count from 1.
    NotJson { document: usize, line: usize, column: usize, detail: String },
    /// The JSON at `pointer` is none of the shapes this module reads.
    UnknownShape { document: usize, pointer: String, found: String },
    /// A known shape lacks what identifies it, such as a name.
    Invalid { document: usize, pointer: String, message: String },
    /// No document held a VNet or an AKS cluster.
    NothingToImport,
}

impl ImportError {
    /// The index of the document at fault, if one is.
    pub fn document(&self) -> Option<usize> {
        match self {
            Self::EmptyDocument { document }
            | Self::NotJson { document, .. }
            | Self::UnknownShape { document, .. }
            | Self::Invalid { document, .. } => Some(*document),
            Self::NothingToImport => None,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyDocument { document } => write!(f, "document {} is empty", document + 1),
            Self::NotJson { document, line, column, detail } => {
                write!(
                    f,
                    "document {} is not valid JSON: line {line}, column {column}: {detail}",
                    document + 1
                )
            }
            Self::UnknownShape { document, pointer, found } => {
                let at = if pointer.is_empty() { String::new() } else { format!(", {pointer}") };
                write!(
                    f,
                    "document {}{at}: {found} is not something vnetplan imports; it reads the JSON \
                     printed by `az network vnet show`, `az network vnet list`, `az aks show` and \
                     `az aks list`, and ARM templates",
                    document + 1
                )
            }
            Self::Invalid { document, pointer, message } => {
                write!(f, "document {}, {pointer}: {message}", document + 1)
            }
            Self::NothingToImport => {
                write!(f, "the documents hold no virtual network and no AKS cluster to import")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads the documents (each the text of one file or paste) into one plan.
///
/// # Examples
///
/// ```
/// let show = r#"{
///   "type": "Microsoft.Network/virtualNetworks", "name": "ml-vnet", "resourceGroup": "ml-rg",
///   "location": "eastus2", "addressSpace": { "addressPrefixes": ["10.1.0.0/16"] },
///   "subnets": [{ "name": "aks", "addressPrefix": "10.1.0.0/22" }]
/// }"#;
/// let imported = vnetplan_core::import::import(&[show]).unwrap();
/// assert_eq!(imported.plan.vnets[0].subnets[0].address_prefix, "10.1.0.0/22");
/// assert!(!vnetplan_core::check(&imported.plan).has_errors());
/// ```
pub fn import(documents: &[&str]) -> Result<Imported, ImportError> {
    let mut found = Found::default();
    for (document, text) in documents.iter().enumerate() {
        if text.trim().is_empty() {
            return Err(ImportError::EmptyDocument { document });
        }
        let value: Value =
            serde_json::from_str(crate::parse::strip_bom(text)).map_err(|error| ImportError::NotJson {
                document,
                line: error.line(),
                column: error.column(),
                detail: syntax_detail(&error),
            })?;
        read_document(document, &value, &mut found)?;
    }
    found.finish()
}

fn syntax_detail(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json ends its message with " at line L column C", which is reported separately.
    text.rsplit_once(" at line ").map_or(text.clone(), |(head, _)| head.to_owned())
}

/// Adds an import to `into`: a VNet or cluster with the name of one already there replaces
/// it in place, the others are appended. Peered ranges are added unless the plan already has
/// them, and a peered range of a VNet the plan now holds is dropped, since it would collide
/// with that VNet. An empty region or workspace resource group is taken from the import.
///
/// # Examples
///
/// ```
/// use vnetplan_core::{import::merge, Plan};
///
/// let mut imported = Plan::empty("eastus2", "ml-rg");
/// imported.vnets = vec![vnetplan_core::Vnet {
///     name: "ml-vnet".into(), resource_group: "ml-rg".into(), region: None,
///     address_prefixes: vec!["10.1.0.0/16".into()], subnets: vec![], peerings: vec![],
/// }];
/// let merged = merge(&Plan::empty("", ""), &imported);
/// assert_eq!((merged.region.as_str(), merged.vnets.len()), ("eastus2", 1));
/// ```
pub fn merge(into: &Plan, imported: &Plan) -> Plan {
    let mut plan = into.clone();
    for vnet in &imported.vnets {
        match plan.vnets.iter_mut().find(|existing| existing.name == vnet.name) {
            Some(existing) => existing.clone_from(vnet),
            None => plan.vnets.push(vnet.clone()),
        }
    }
    for cluster in &imported.aks_clusters {
        match plan.aks_clusters.iter_mut().find(|existing| existing.name == cluster.name) {
            Some(existing) => existing.clone_from(cluster),
            None => plan.aks_clusters.push(cluster.clone()),
        }
    }
    plan.external_ranges.retain(|range| !is_range_of_vnet(range, &imported.vnets));
    for range in &imported.external_ranges {
        if !plan.external_ranges.contains(range) && !is_range_of_vnet(range, &plan.vnets) {
            plan.external_ranges.push(range.clone());
        }
    }
    if plan.region.is_empty() {
        plan.region.clone_from(&imported.region);
    }
    if plan.workspace.resource_group.is_empty() {
        plan.workspace.resource_group.clone_from(&imported.workspace.resource_group);
    }
    plan
}

/// Whether `range` stands for one of `vnets` as the far end of a peering.
fn is_range_of_vnet(range: &ExternalRange, vnets: &[Vnet]) -> bool {
    range.kind == ExternalRangeKind::PeeredVnet
        && vnets
            .iter()
            .any(|vnet| vnet.name == range.name && vnet.address_prefixes.contains(&range.address_prefix))
}

/// What every document read so far holds, before names are resolved across documents.
#[derive(Default)]
struct Found {
    vnets: Vec<Sourced<Vnet>>,
    ranges: Vec<PeeredRange>,
    clusters: Vec<Sourced<ReadCluster>>,
    notes: Vec<ImportNote>,
}

/// An item with the place it was read from.
struct Sourced<T> {
    item: T,
    document: usize,
    pointer: String,
}

impl<T> Sourced<T> {
    fn note(&self, pointer: &str, message: String) -> ImportNote {
        ImportNote { document: Some(self.document), pointer: pointer.to_owned(), message }
    }
}

impl Found {
    /// A VNet read twice (a `show` beside a `list`) is one VNet: the later copy replaces it.
    fn add_vnet(&mut self, vnet: Sourced<Vnet>) {
        let identity = |vnet: &Vnet| (vnet.name.clone(), vnet.resource_group.clone());
        add_once(&mut self.vnets, &mut self.notes, vnet, "VNet", identity);
    }

    fn add_cluster(&mut self, cluster: Sourced<ReadCluster>) {
        let identity = |read: &ReadCluster| (read.cluster.name.clone(), read.resource_group.clone());
        add_once(&mut self.clusters, &mut self.notes, cluster, "cluster", identity);
    }

    /// Resolves clusters and peerings against every VNet read, and assembles the plan.
    fn finish(mut self) -> Result<Imported, ImportError> {
        if self.vnets.is_empty() && self.clusters.is_empty() {
            return Err(ImportError::NothingToImport);
        }
        let vnets: Vec<Vnet> = self.vnets.iter().map(|vnet| vnet.item.clone()).collect();
        let mut external_ranges: Vec<ExternalRange> = Vec::new();
        for peered in &self.ranges {
            let imported = peered.remote.as_ref().is_some_and(|(resource_group, name)| {
                vnets.iter().any(|vnet| is_vnet(vnet, resource_group, name))
            });
            if !imported && !external_ranges.contains(&peered.range) {
                external_ranges.push(peered.range.clone());
            }
        }
        let mut clusters = Vec::with_capacity(self.clusters.len());
        for read in &self.clusters {
            let (cluster, note) = place_cluster(read, &vnets);
            self.notes.extend(note);
            clusters.push(cluster);
        }
        let region = plan_region(&vnets, &clusters);
        let vnets: Vec<Vnet> = vnets
            .into_iter()
            .map(|mut vnet| {
                // A location the template computes is taken to be the plan's region.
                if vnet.region.as_deref().is_some_and(template::is_expression) {
                    vnet.region = None;
                }
                vnet
            })
            .collect();
        let (resource_group, from) = match (vnets.first(), self.clusters.first()) {
            (Some(vnet), _) => (vnet.resource_group.clone(), format!("VNet '{}'", vnet.name)),
            (None, Some(read)) => {
                (read.item.resource_group.clone(), format!("cluster '{}'", read.item.cluster.name))
            }
            (None, None) => (String::new(), String::new()),
        };
        let mut plan = Plan::empty(&region, &resource_group);
        plan.vnets = vnets;
        plan.external_ranges = external_ranges;
        plan.aks_clusters = clusters;
        if region.is_empty() {
            self.notes.push(plan_note("no document gives a location: set the plan's region".to_owned()));
        }
        self.notes.push(plan_note(format!(
            "these outputs do not describe the workspace: its resource group is taken from {from} \
             ('{resource_group}'), with no private endpoint and no container registry behind the \
             VNet; outbound traffic is taken as unrestricted and your VNet and subnet join rights as \
             granted. Correct these in the plan where they differ"
        )));
        Ok(Imported { plan, notes: self.notes })
    }
}

/// Adds `item`, replacing an earlier one with the same name and resource group.
fn add_once<T>(
    items: &mut Vec<Sourced<T>>,
    notes: &mut Vec<ImportNote>,
    item: Sourced<T>,
    what: &str,
    identity: impl Fn(&T) -> (String, String),
) {
    let (name, resource_group) = identity(&item.item);
    let earlier = items.iter_mut().find(|earlier| {
        let (earlier_name, earlier_group) = identity(&earlier.item);
        same_name(&earlier_name, &name) && same_name(&earlier_group, &resource_group)
    });
    match earlier {
        Some(earlier) => {
            notes.push(item.note(
                &item.pointer,
                format!(
                    "{what} '{name}' of resource group '{resource_group}' was already read from {}; \
                     this later copy replaces it",
                    source(Some(earlier.document), &earlier.pointer)
                ),
            ));
            *earlier = item;
        }
        None => items.push(item),
    }
}

fn plan_note(message: String) -> ImportNote {
    ImportNote { document: None, pointer: String::new(), message }
}

/// The first location Azure states outright (a VNet's, else a cluster's); a template
/// expression only when nothing better exists.
fn plan_region(vnets: &[Vnet], clusters: &[AksCluster]) -> String {
    let mut stated = vnets
        .iter()
        .filter_map(|vnet| vnet.region.as_deref())
        .chain(clusters.iter().filter_map(|cluster| cluster.region.as_deref()));
    let first = stated.clone().next();
    stated.find(|region| !template::is_expression(region)).or(first).unwrap_or_default().to_owned()
}

/// ARM names are case-insensitive, and ids often spell resource groups in lower case.
fn same_name(left: &str, right: &str) -> bool {
    left.eq_ignore_ascii_case(right)
}

/// Whether `vnet` is the VNet an id names. A template VNet's resource group is unknown, so
/// its name alone decides.
fn is_vnet(vnet: &Vnet, resource_group: &str, name: &str) -> bool {
    same_name(&vnet.name, name)
        && (same_name(&vnet.resource_group, resource_group) || vnet.resource_group == TEMPLATE_RESOURCE_GROUP)
}

/// Names a cluster's node VNet and subnet as the imported VNets spell them.
fn place_cluster(read: &Sourced<ReadCluster>, vnets: &[Vnet]) -> (AksCluster, Option<ImportNote>) {
    let mut cluster = read.item.cluster.clone();
    let pointer = &read.item.subnet_pointer;
    let note = match &read.item.node_subnet {
        NodeSubnet::Id(id) => match vnets.iter().find(|vnet| is_vnet(vnet, &id.resource_group, &id.vnet)) {
            Some(vnet) => {
                cluster.vnet = Some(vnet.name.clone());
                match vnet.subnets.iter().find(|subnet| same_name(&subnet.name, &id.subnet)) {
                    Some(subnet) => {
                        cluster.subnet = Some(subnet.name.clone());
                        None
                    }
                    None => {
                        cluster.subnet = Some(id.subnet.clone());
                        Some(format!(
                            "subnet '{}' is not among the subnets of VNet '{}' as imported, so the \
                             check reports it as unknown",
                            id.subnet, vnet.name
                        ))
                    }
                }
            }
            None => {
                cluster.vnet = Some(id.vnet.clone());
                cluster.subnet = Some(id.subnet.clone());
                Some(format!(
                    "the node subnet is in VNet '{vnet}' of resource group '{rg}', which these \
                     documents do not hold, so the check reports the VNet as unknown; unless the \
                     plan already has it, import it too: az network vnet show --resource-group \
                     {rg} --name {vnet} -o json",
                    vnet = id.vnet,
                    rg = id.resource_group
                ))
            }
        },
        NodeSubnet::Managed { node_resource_group } => {
            let group = node_resource_group.as_deref();
            match group.and_then(|group| vnets.iter().find(|vnet| same_name(&vnet.resource_group, group))) {
                Some(vnet) => {
                    cluster.vnet = Some(vnet.name.clone());
                    let subnet = vnet
                        .subnets
                        .iter()
                        .find(|subnet| same_name(&subnet.name, MANAGED_SUBNET))
                        .or_else(|| vnet.subnets.first());
                    cluster.subnet =
                        Some(subnet.map_or_else(|| MANAGED_SUBNET.to_owned(), |s| s.name.clone()));
                    Some(format!(
                        "no pool names a subnet: AKS created this cluster's VNet itself; it is taken \
                         to be VNet '{}', found in the cluster's node resource group",
                        vnet.name
                    ))
                }
                None => {
                    cluster.vnet = Some(MANAGED_VNET.to_owned());
                    cluster.subnet = Some(MANAGED_SUBNET.to_owned());
                    let how = group.map_or_else(String::new, |group| {
                        format!(
                            "; to check its addresses, import it as well: az network vnet list \
                             --resource-group {group} -o json"
                        )
                    });
                    Some(format!(
                        "no pool names a subnet: AKS created and manages this cluster's VNet, so the \
                         plan names it '{MANAGED_VNET}'{how}"
                    ))
                }
            }
        }
        NodeSubnet::Unreadable(text) => {
            cluster.vnet = Some(text.clone());
            cluster.subnet = Some(String::new());
            Some(format!(
                "'{text}' is not a subnet id (/subscriptions/…/resourceGroups/…/providers/\
                 Microsoft.Network/virtualNetworks/…/subnets/…): the plan keeps it as the VNet name"
            ))
        }
    };
    let note = note.map(|message| read.note(pointer, message));
    (cluster, note)
}

/// Sends one parsed document to the reader for its shape.
fn read_document(document: usize, value: &Value, found: &mut Found) -> Result<(), ImportError> {
    match value {
        Value::Array(items) => read_list(document, items, found),
        Value::Object(map) if template::is_template(map) => {
            let mut reader = Reader::new(document);
            let vnets = reader.template(value)?;
            for (pointer, read) in vnets {
                found.ranges.extend(read.peerings);
                found.add_vnet(Sourced { item: read.vnet, document, pointer });
            }
            found.notes.append(&mut reader.notes);
            Ok(())
        }
        _ => {
            if read_resource(document, value, String::new(), found)? {
                Ok(())
            } else {
                Err(ImportError::UnknownShape { document, pointer: String::new(), found: describe(value) })
            }
        }
    }
}

/// A list printed by `az … list`: items of other types are noted, but a list holding nothing
/// this module reads is the wrong document.
fn read_list(document: usize, items: &[Value], found: &mut Found) -> Result<(), ImportError> {
    if items.is_empty() {
        found.notes.push(ImportNote {
            document: Some(document),
            pointer: String::new(),
            message: "the list is empty: nothing to import from it".to_owned(),
        });
        return Ok(());
    }
    let mut skipped = Vec::new();
    let mut any = false;
    for (index, item) in items.iter().enumerate() {
        let pointer = format!("/{index}");
        if read_resource(document, item, pointer.clone(), found)? {
            any = true;
        } else if let Some(kind) = item.get("type").and_then(Value::as_str) {
            skipped.push(ImportNote {
                document: Some(document),
                message: format!("a resource of type '{kind}' is not imported"),
                pointer,
            });
        } else {
            return Err(ImportError::UnknownShape { document, pointer, found: describe(item) });
        }
    }
    if !any {
        return Err(ImportError::UnknownShape {
            document,
            pointer: String::new(),
            found: format!("a list whose first item is {}", items.first().map_or_else(String::new, describe)),
        });
    }
    found.notes.append(&mut skipped);
    Ok(())
}

/// Reads a VNet or a cluster as the CLI prints it; `false` when `value` is neither.
fn read_resource(
    document: usize,
    value: &Value,
    pointer: String,
    found: &mut Found,
) -> Result<bool, ImportError> {
    let Some(object) = Obj::new(value, pointer.clone()) else {
        return Ok(false);
    };
    let mut reader = Reader::new(document);
    match Shape::of(object.map) {
        Some(Shape::Vnet) => {
            let read = reader.vnet(&object)?;
            found.notes.append(&mut reader.notes);
            found.ranges.extend(read.peerings);
            found.add_vnet(Sourced { item: read.vnet, document, pointer });
        }
        Some(Shape::Cluster) => {
            let cluster = reader.cluster(&object)?;
            found.notes.append(&mut reader.notes);
            found.add_cluster(Sourced { item: cluster, document, pointer });
        }
        None => return Ok(false),
    }
    Ok(true)
}

const VNET_TYPE: &str = "Microsoft.Network/virtualNetworks";
const SUBNET_TYPE: &str = "Microsoft.Network/virtualNetworks/subnets";
const CLUSTER_TYPE: &str = "Microsoft.ContainerService/managedClusters";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Vnet,
    Cluster,
}

impl Shape {
    /// By `type` where the object has one (ARM compares types without regard to case), else by
    /// the fields only that kind of object has.
    fn of(map: &Map<String, Value>) -> Option<Self> {
        match map.get("type").and_then(Value::as_str) {
            Some(kind) if same_name(kind, VNET_TYPE) => Some(Self::Vnet),
            Some(kind) if same_name(kind, CLUSTER_TYPE) => Some(Self::Cluster),
            Some(_) => None,
            None if map.contains_key("addressSpace") && map.contains_key("subnets") => Some(Self::Vnet),
            None if map.contains_key("agentPoolProfiles") && map.contains_key("networkProfile") => {
                Some(Self::Cluster)
            }
            None => None,
        }
    }
}

/// A few words on what a document holds, for an error that says it is not importable.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(map) => match map.get("type").and_then(Value::as_str) {
            Some(kind) => format!("an object of type '{kind}'"),
            None if map.is_empty() => "an empty object".to_owned(),
            None => {
                let keys: Vec<&str> = map.keys().take(4).map(String::as_str).collect();
                let more = if map.len() > keys.len() { ", …" } else { "" };
                format!("an object with the fields {}{more}", keys.join(", "))
            }
        },
    }
}

/// Reads one document's objects and collects its notes.
struct Reader<'a> {
    document: usize,
    /// The template being read, whose expressions refer to its parameters and variables;
    /// `None` for CLI output.
    template: Option<template::Scope<'a>>,
    notes: Vec<ImportNote>,
}

impl Reader<'_> {
    fn new(document: usize) -> Self {
        Self { document, template: None, notes: Vec::new() }
    }

    fn note(&mut self, pointer: &str, message: String) {
        self.notes.push(ImportNote { document: Some(self.document), pointer: pointer.to_owned(), message });
    }

    fn invalid(&self, pointer: &str, message: &str) -> ImportError {
        ImportError::Invalid {
            document: self.document,
            pointer: pointer.to_owned(),
            message: message.to_owned(),
        }
    }

    /// Notes every field of `object` that holds something and that neither the reader reads
    /// (`read`) nor the module leaves out on purpose (`informational`).
    fn unread(&mut self, object: &Obj<'_>, read: &[&str], informational: &[&str]) {
        let envelope = if self.template.is_some() { template::RESOURCE_FIELDS } else { &[] };
        for (key, field) in object.fields() {
            if read.contains(&key) || informational.contains(&key) || envelope.contains(&key) {
                continue;
            }
            if is_set(field.value) {
                self.note(&field.pointer, format!("'{key}' is not imported: the plan has no place for it"));
            }
        }
    }

    /// The object's name, which everything else about it hangs on.
    fn name(&mut self, object: &Obj<'_>, what: &str) -> Result<String, ImportError> {
        match object.get("name") {
            Some(field) => match field.value.as_str() {
                Some(text) => Ok(self.text(text, &field.pointer, Expect::Name)),
                None => Err(self.invalid(&field.pointer, &format!("the name of a {what} must be a string"))),
            },
            None => {
                Err(self
                    .invalid(&child_pointer(&object.pointer, "name"), &format!("a {what} without a name")))
            }
        }
    }

    /// A string field as the plan keeps it. Only templates hold expressions.
    fn text(&mut self, text: &str, pointer: &str, expect: Expect) -> String {
        match &self.template {
            Some(scope) => {
                let (kept, note) = scope.text(text, expect);
                if let Some(message) = note {
                    self.note(pointer, message);
                }
                kept
            }
            None => text.to_owned(),
        }
    }

    /// A list of strings: items that are not strings are noted, and in a template an
    /// expression standing for the whole list is kept as its only item.
    fn strings(&mut self, field: &Field<'_>, expect: Expect) -> Vec<String> {
        match field.value {
            Value::String(text) => vec![self.text(text, &field.pointer, expect)],
            Value::Array(_) => field
                .items()
                .into_iter()
                .filter_map(|item| match item.value.as_str() {
                    Some(text) => Some(self.text(text, &item.pointer, expect)),
                    None => {
                        self.note(
                            &item.pointer,
                            "expected a string here; this item is not imported".to_owned(),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.note(&field.pointer, "expected a list of strings; not imported".to_owned());
                Vec::new()
            }
        }
    }

    /// A string field, noting a value of another type.
    fn string(&mut self, object: &Obj<'_>, key: &str, expect: Expect) -> Option<String> {
        let field = object.get(key)?;
        match field.value.as_str() {
            Some(text) => Some(self.text(text, &field.pointer, expect)),
            None => {
                self.note(&field.pointer, "expected a string here; not imported".to_owned());
                None
            }
        }
    }

    /// The region a resource is in, in the short form the plan uses (`eastus2`): templates
    /// often spell the display name (`East US 2`).
    fn location(&mut self, object: &Obj<'_>) -> Option<String> {
        let field = object.get("location")?;
        let Some(text) = field.value.as_str() else {
            self.note(&field.pointer, "expected a string here; not imported".to_owned());
            return None;
        };
        if template::is_expression(text) {
            return Some(self.text(text, &field.pointer, Expect::Location));
        }
        let short: String =
            text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if short != text {
            self.note(&field.pointer, format!("'{text}' becomes '{short}', the short form the plan uses"));
        }
        Some(short)
    }

    /// The resource group an object names, or the one in its id.
    fn resource_group(&mut self, object: &Obj<'_>) -> Option<String> {
        object
            .get("resourceGroup")
            .and_then(|field| field.value.as_str())
            .or_else(|| object.get("id").and_then(|field| field.value.as_str()).and_then(id_resource_group))
            .map(str::to_owned)
    }
}

/// What a string field holds, for the note about a template expression in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Name,
    Location,
    Cidr,
    Service,
}

/// An object of a document with its JSON pointer. ARM nests a resource's settings under
/// `properties` where the CLI prints them flat, so lookups try both places.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    pointer: String,
}

/// A value of a document with its JSON pointer.
struct Field<'a> {
    value: &'a Value,
    pointer: String,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, pointer: String) -> Option<Self> {
        value.as_object().map(|map| Self { map, pointer })
    }

    fn properties(&self) -> Option<&'a Map<String, Value>> {
        self.map.get("properties").and_then(Value::as_object)
    }

    /// A field that holds something, at the top or under `properties`.
    fn get(&self, key: &str) -> Option<Field<'a>> {
        self.raw(key).filter(|field| is_set(field.value))
    }

    /// A field whatever it holds, for the few where `false` says something.
    fn raw(&self, key: &str) -> Option<Field<'a>> {
        if let Some(value) = self.map.get(key) {
            return Some(Field { value, pointer: child_pointer(&self.pointer, key) });
        }
        let value = self.properties()?.get(key)?;
        Some(Field { value, pointer: child_pointer(&child_pointer(&self.pointer, "properties"), key) })
    }

    fn object(&self, key: &str) -> Option<Obj<'a>> {
        self.get(key).and_then(|field| Obj::new(field.value, field.pointer))
    }

    fn bool(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(|field| field.value.as_bool())
    }

    /// Every field, those under `properties` included, sorted by name so that notes come in
    /// the same order whatever the JSON map keeps.
    fn fields(&self) -> Vec<(&'a str, Field<'a>)> {
        let mut fields: Vec<(&'a str, Field<'a>)> = self
            .map
            .iter()
            .filter(|(key, _)| key.as_str() != "properties" || self.properties().is_none())
            .map(|(key, value)| (key.as_str(), Field { value, pointer: child_pointer(&self.pointer, key) }))
            .collect();
        if let Some(properties) = self.properties() {
            let base = child_pointer(&self.pointer, "properties");
            fields.extend(
                properties
                    .iter()
                    .map(|(key, value)| (key.as_str(), Field { value, pointer: child_pointer(&base, key) })),
            );
        }
        fields.sort_by_key(|(key, _)| *key);
        fields
    }
}

impl<'a> Field<'a> {
    /// The items of a list with their pointers; nothing for another value.
    fn items(&self) -> Vec<Field<'a>> {
        self.value.as_array().map_or_else(Vec::new, |items| {
            items
                .iter()
                .enumerate()
                .map(|(index, value)| Field { value, pointer: format!("{}/{index}", self.pointer) })
                .collect()
        })
    }

    fn objects(&self) -> Vec<Obj<'a>> {
        self.items().into_iter().filter_map(|item| Obj::new(item.value, item.pointer)).collect()
    }
}

/// Whether a value says anything: the CLI prints every unset field as null, false or empty.
fn is_set(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        Value::Bool(true) | Value::Number(_) => true,
    }
}

/// The segment after `key` in an Azure resource id, matching segment names without regard to
/// case (ids print `resourceGroups` and `resourcegroups` alike).
fn id_segment<'i>(id: &'i str, key: &str) -> Option<&'i str> {
    let mut segments = id.split('/').filter(|segment| !segment.is_empty());
    while let Some(segment) = segments.next() {
        if same_name(segment, key) {
            return segments.next();
        }
    }
    None
}

fn id_resource_group(id: &str) -> Option<&str> {
    id_segment(id, "resourceGroups")
}

/// The last segment of an id: the name of the resource it identifies.
fn id_name(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

/// The name of the resource a `{ "id": … }` reference points to, or "" without one.
fn reference_name(object: &Obj<'_>, key: &str) -> String {
    object.object(key).and_then(|reference| reference.get("id")).and_then(|id| id.value.as_str()).map_or_else(
        String::new,
        |id| {
            // A template computes the id; its text says more than any part of it.
            if template::is_expression(id) {
                id.to_owned()
            } else {
                id_name(id).to_owned()
            }
        },
    )
}
