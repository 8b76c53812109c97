//! Turning what the Azure CLI prints into a plan that can be checked at once.
//!
//! [`import`] takes the text of one or more documents, recognises each by its content, and
//! combines them into one [`Plan`]:
//!
//! - `az network vnet show -o json` (one VNet) and `az network vnet list -o json` (a list),
//! - `az aks show -o json` (one cluster) and `az aks list -o json` (a list),
//! - an ARM template (`az group export`, the portal's "Export template", compiled Bicep, or one
//!   written by hand), nested deployments with an inline template included.
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
//! `maxPods` is the largest of the counted pools'. `maxSurge` is the sum of their surges, a
//! pool that states none surging by AKS's default and none by more than its own nodes, as AKS
//! cuts a larger surge: pools can be upgraded at the same time, each adding its surge nodes to
//! the subnet. It is left out when it equals what the check assumes without it. The cluster is
//! `attach`ed: it already exists.
//!
//! [`merge`] adds an import to a plan being edited, for the page's "Import from Azure" dialog.

mod aks;
mod json;
mod reader;
mod template;
#[cfg(test)]
mod tests;
mod vnet;

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::plan::{AksCluster, ExternalRange, ExternalRangeKind, Plan, Vnet};
use crate::text::{Lang, Message};

use aks::{NodeSubnet, ReadCluster, SubnetId};
use json::{describe, lookup, same_name, same_subscription, Obj};
use reader::{is_expression, Reader};
use vnet::{Peering, ReadVnet};

/// The resource group of VNets read from a template, which never says where it is deployed.
pub const TEMPLATE_RESOURCE_GROUP: &str = "(from template)";

/// A plan read from Azure's output, with what could not be carried over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub plan: Plan,
    pub notes: Vec<ImportNote>,
    /// Each peering from an imported VNet (by its name in the plan) to a VNet the documents do
    /// not hold, which the plan keeps as an external range; merged into a plan that holds that
    /// VNet, the peering is recorded between the two.
    #[serde(skip)]
    pub(crate) peered_outside: Vec<(String, ExternalRange)>,
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
    /// The note in the import's language (English unless [`Imported::localize`] changed it).
    pub message: String,
    /// The note in every language, so it can be shown in another after the import.
    #[serde(skip)]
    pub text: Message,
}

impl ImportNote {
    fn new(document: Option<usize>, pointer: &str, text: Message) -> Self {
        Self { document, pointer: pointer.to_owned(), message: text.render(Lang::En), text }
    }

    /// Where the note comes from, as "document 2, /subnets/1/routeTable" (counting from 1).
    pub fn source(&self) -> String {
        source(self.document, &self.pointer)
    }

    /// The note with its source, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let message = self.text.render(lang);
        format!("{}{}{message}", source_in(self.document, &self.pointer, lang), lang.colon())
    }
}

impl Imported {
    /// Renders every note's message in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        for note in &mut self.notes {
            note.message = note.text.render(lang);
        }
    }
}

/// Where a note comes from, as "document 2, /subnets/1/routeTable" (counting from 1) or "the
/// plan, /vnets/0".
pub fn source(document: Option<usize>, pointer: &str) -> String {
    match document {
        Some(index) if pointer.is_empty() => format!("document {}", index + 1),
        Some(index) => format!("document {}, {pointer}", index + 1),
        None if pointer.is_empty() => "the plan".to_owned(),
        None => format!("the plan, {pointer}"),
    }
}

/// [`source`] in `lang`.
pub fn source_in(document: Option<usize>, pointer: &str, lang: Lang) -> String {
    match (document, lang) {
        (None, Lang::Fr) if pointer.is_empty() => "le plan".to_owned(),
        (None, Lang::Fr) => format!("le plan, {pointer}"),
        _ => source(document, pointer),
    }
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Why the documents could not be imported. `document` is an index into the documents given
/// to [`import`]; messages count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The document holds nothing but white space.
    EmptyDocument { document: usize },
    /// The document is not JSON; `line` and `column` count from 1. `hint` says what the text
    /// looks like instead, when that is clear.
    NotJson { document: usize, line: usize, column: usize, detail: String, hint: Option<Message> },
    /// The JSON at `pointer` is none of the shapes this module reads.
    UnknownShape { document: usize, pointer: String, found: Message },
    /// A known shape lacks what identifies it, such as a name.
    Invalid { document: usize, pointer: String, message: Message },
    /// No document held a VNet or an AKS cluster. The notes say what the documents held instead,
    /// such as a template whose networks are in a linked template.
    NothingToImport { notes: Vec<ImportNote> },
}

impl ImportError {
    /// The index of the document at fault, if one is.
    pub fn document(&self) -> Option<usize> {
        match self {
            Self::EmptyDocument { document }
            | Self::NotJson { document, .. }
            | Self::UnknownShape { document, .. }
            | Self::Invalid { document, .. } => Some(*document),
            Self::NothingToImport { .. } => None,
        }
    }

    /// The reason in `lang`. A JSON reader's detail that [`crate::parse::json_detail`] does not know stays as
    /// the reader wrote it.
    pub fn render(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::EmptyDocument { document } => format!("le document {} est vide", document + 1),
            Self::NotJson { document, line, column, detail, hint } => format!(
                "le document {} n’est pas du JSON valide : ligne {line}, colonne {column} : {}{}",
                document + 1,
                crate::parse::json_detail(detail).render(lang),
                hint.as_ref().map_or_else(String::new, |hint| format!(" ; {}", hint.render(lang)))
            ),
            Self::UnknownShape { document, pointer, found } => {
                let at = if pointer.is_empty() { String::new() } else { format!(", {pointer}") };
                format!(
                    "document {}{at} : vnetplan n’importe pas {} ; il lit le JSON qu’affichent \
                     `az network vnet show`, `az network vnet list`, `az aks show` et `az aks list`, \
                     ainsi que les modèles ARM",
                    document + 1,
                    found.render(lang)
                )
            }
            Self::Invalid { document, pointer, message } => {
                format!("document {}, {pointer} : {}", document + 1, message.render(lang))
            }
            Self::NothingToImport { notes } => format!(
                "les documents ne contiennent ni réseau virtuel ni cluster AKS à importer{}",
                noted(notes, lang)
            ),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyDocument { document } => write!(f, "document {} is empty", document + 1),
            Self::NotJson { document, line, column, detail, hint } => {
                write!(
                    f,
                    "document {} is not valid JSON: line {line}, column {column}: {detail}",
                    document + 1
                )?;
                match hint {
                    Some(hint) => write!(f, "; {hint}"),
                    None => Ok(()),
                }
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
            Self::NothingToImport { notes } => write!(
                f,
                "the documents hold no virtual network and no AKS cluster to import{}",
                noted(notes, Lang::En)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// The first notes of an import that found nothing, which say why, after a colon.
fn noted(notes: &[ImportNote], lang: Lang) -> String {
    const SHOWN: usize = 3;
    if notes.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = notes.iter().take(SHOWN).map(|note| note.render(lang)).collect();
    let mut text = format!("{}{}", lang.colon(), shown.join(lang.semicolon()));
    let more = notes.len().saturating_sub(SHOWN);
    if more > 0 {
        text.push_str(lang.semicolon());
        text.push_str(&match (more, lang) {
            (1, Lang::En) => "and 1 more note".to_owned(),
            (_, Lang::En) => format!("and {more} more notes"),
            (1, Lang::Fr) => "et 1 autre note".to_owned(),
            (_, Lang::Fr) => format!("et {more} autres notes"),
        });
    }
    text
}

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
    let mut values = Vec::with_capacity(documents.len());
    for (document, text) in documents.iter().enumerate() {
        if text.trim().is_empty() {
            return Err(ImportError::EmptyDocument { document });
        }
        let text = crate::parse::strip_bom(text);
        let value: Value = serde_json::from_str(text).map_err(|error| ImportError::NotJson {
            document,
            line: error.line(),
            column: error.column(),
            detail: crate::parse::syntax_detail(&error),
            hint: not_json_hint(text),
        })?;
        values.push(value);
    }
    // A deployment's parameter files give the templates imported with them their values, in
    // whatever order the documents come, as `az deployment group create` takes them.
    let files: Vec<template::ParameterSource<'_>> = values
        .iter()
        .enumerate()
        .filter_map(|(document, value)| template::parameter_source(document, value))
        .collect();
    let is_file = |document: usize| files.iter().any(|file| file.document == document);
    let templates: Vec<(usize, Vec<String>)> = values
        .iter()
        .enumerate()
        .filter(|(document, _)| !is_file(*document))
        .filter_map(|(document, value)| Some((document, template::declared_parameters(value)?)))
        .collect();
    let (given, notes) = template::parameter_files(&files, &templates);
    for (document, value) in values.iter().enumerate() {
        if !is_file(document) {
            read_document(document, value, given.get(&document), &mut found)?;
        }
    }
    found.notes.extend(notes);
    found.finish()
}

/// What a document that is not JSON looks like, for the two slips that make most of them: an
/// `az` command run without `-o json` (a table, TSV or YAML), and two outputs in one file.
fn not_json_hint(text: &str) -> Option<Message> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with(['{', '[']) {
        return Some(msg!([
            "Azure's JSON output starts with an object or a list; run the az command with --output json (-o json), since tables, TSV and YAML are not read",
            "la sortie JSON d’Azure commence par un objet ou une liste ; lancez la commande az avec --output json (-o json), car les tableaux, le TSV et le YAML ne sont pas lus"
        ]));
    }
    let mut documents = serde_json::Deserializer::from_str(trimmed).into_iter::<serde::de::IgnoredAny>();
    documents.next()?.ok()?;
    let rest = trimmed.get(documents.byte_offset()..)?.trim_start();
    rest.starts_with(['{', '[']).then(|| {
        msg!([
            "a second document starts after the first one ends; give each az output a file or a paste of its own",
            "un deuxième document commence après la fin du premier ; donnez à chaque sortie az son propre fichier ou son propre collage"
        ])
    })
}

/// Adds an import to `into`: a VNet or cluster with the name of one already there, whatever
/// its case, replaces it in place, the others are appended. A replaced cluster keeps what the
/// plan knew of it and Azure's output cannot say (how Azure ML uses it, its grants and NSG
/// rules). Peered ranges are added unless the plan already has
/// them, and a peered range of a VNet the plan now holds is dropped, since it would collide
/// with that VNet. An empty region or workspace resource group is taken from the import.
///
/// A peering Azure shows from an imported VNet to one the documents do not hold is recorded
/// between the two when `into` holds that VNet. A name that differs from the plan's only in case
/// keeps the plan's spelling, in the imported references too, so that no reference of the plan
/// is left in another case.
///
/// # Examples
///
/// ```
/// use vnetplan_core::{import::{import, merge}, Plan};
///
/// let show = r#"{
///   "type": "Microsoft.Network/virtualNetworks", "name": "ml-vnet", "resourceGroup": "ml-rg",
///   "location": "eastus2", "addressSpace": { "addressPrefixes": ["10.1.0.0/16"] }, "subnets": []
/// }"#;
/// let merged = merge(&Plan::empty("", ""), &import(&[show]).unwrap());
/// assert_eq!((merged.region.as_str(), merged.vnets.len()), ("eastus2", 1));
/// ```
pub fn merge(into: &Plan, imported: &Imported) -> Plan {
    let (imported, peered_outside) = in_plan_spelling(into, imported);
    let mut plan = into.clone();
    for vnet in &imported.vnets {
        match plan.vnets.iter_mut().find(|existing| existing.name == vnet.name) {
            Some(existing) => existing.clone_from(vnet),
            None => plan.vnets.push(vnet.clone()),
        }
    }
    for (owner, range) in &peered_outside {
        let unimported = !imported.vnets.iter().any(|vnet| same_name(&vnet.name, &range.name));
        let remote = plan.vnets.iter().position(|vnet| stands_for(range, vnet)).filter(|_| unimported);
        let owner = plan.vnets.iter().position(|vnet| same_name(&vnet.name, owner));
        if let (Some(owner), Some(remote)) = (owner, remote) {
            record_peering(&mut plan.vnets, owner, remote);
        }
    }
    for cluster in &imported.aks_clusters {
        match plan.aks_clusters.iter_mut().find(|existing| existing.name == cluster.name) {
            Some(existing) => *existing = with_unprinted_facts(cluster, existing),
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

/// [`merge`], with notes that say exactly what changed in `into`: the notes on the documents'
/// fields, then one note per item of the plan that was added, replaced or removed, each naming
/// its plan pointer, or one note saying that nothing changed. The import's notes about the
/// plan as a whole describe a new plan, not this one, so they are left out: where one still
/// holds (no region anywhere), it is said again about the merged plan.
pub fn merge_noted(into: &Plan, imported: &Imported) -> Imported {
    let plan = merge(into, imported);
    let mut notes: Vec<ImportNote> =
        imported.notes.iter().filter(|note| note.document.is_some()).cloned().collect();
    notes.extend(changes(into, &plan));
    Imported { plan, notes, peered_outside: Vec::new() }
}

/// The imported plan, with each VNet and cluster whose name differs from one of `into` only in
/// case spelled as `into` spells it, and every imported reference to them with it.
fn in_plan_spelling(into: &Plan, imported: &Imported) -> (Plan, Vec<(String, ExternalRange)>) {
    fn spelled<'a>(mut names: impl Iterator<Item = &'a String>, name: &str) -> String {
        names.find(|known| same_name(known, name)).map_or_else(|| name.to_owned(), Clone::clone)
    }
    let vnet_name = |name: &str| spelled(into.vnets.iter().map(|vnet| &vnet.name), name);
    let mut plan = imported.plan.clone();
    for vnet in &mut plan.vnets {
        vnet.name = vnet_name(&vnet.name);
        for peer in &mut vnet.peerings {
            *peer = vnet_name(peer);
        }
    }
    for cluster in &mut plan.aks_clusters {
        cluster.name = spelled(into.aks_clusters.iter().map(|known| &known.name), &cluster.name);
        if let Some(vnet) = &mut cluster.vnet {
            *vnet = vnet_name(vnet);
        }
    }
    for range in &mut plan.external_ranges {
        range.name = vnet_name(&range.name);
    }
    let peered_outside = imported
        .peered_outside
        .iter()
        .map(|(owner, range)| {
            let mut range = range.clone();
            range.name = vnet_name(&range.name);
            (vnet_name(owner), range)
        })
        .collect();
    (plan, peered_outside)
}

/// The imported cluster, with what the plan knew of it that Azure's output cannot say: how
/// Azure ML uses it, the grants and NSG rules around it, and a private cluster's public FQDN
/// when Azure printed none.
fn with_unprinted_facts(imported: &AksCluster, known: &AksCluster) -> AksCluster {
    let same_size = match (&imported.vm_size, &known.vm_size) {
        (Some(now), Some(before)) => same_name(now, before),
        (now, _) => now.is_none(),
    };
    let private = imported.private_cluster == Some(true);
    AksCluster {
        cluster_purpose: imported.cluster_purpose.or(known.cluster_purpose),
        load_balancer_type: imported.load_balancer_type.or(known.load_balancer_type),
        load_balancer_subnet: imported
            .load_balancer_subnet
            .clone()
            .or_else(|| known.load_balancer_subnet.clone()),
        network_contributor_granted: imported
            .network_contributor_granted
            .or(known.network_contributor_granted),
        scoring_from_outside_vnet: imported.scoring_from_outside_vnet.or(known.scoring_from_outside_vnet),
        nsg_allows_scoring_inbound: imported.nsg_allows_scoring_inbound.or(known.nsg_allows_scoring_inbound),
        azure_ml: imported.azure_ml.clone().or_else(|| known.azure_ml.clone()),
        trusted_access: imported.trusted_access.or(known.trusted_access),
        vcpus_per_node: imported.vcpus_per_node.or(known.vcpus_per_node.filter(|_| same_size)),
        private_cluster_public_fqdn: imported
            .private_cluster_public_fqdn
            .or(known.private_cluster_public_fqdn.filter(|_| private)),
        ..imported.clone()
    }
}

/// A note about the plan at `pointer`.
fn change(pointer: String, text: Message) -> ImportNote {
    ImportNote::new(None, &pointer, text)
}

/// One note per item of the plan that differs between `before` and `after`.
fn changes(before: &Plan, after: &Plan) -> Vec<ImportNote> {
    let mut notes = Vec::new();
    let mut items = |list: &str, what: &str, old: Vec<(&str, bool)>, new: usize| {
        for index in 0..new {
            let pointer = format!("/{list}/{index}");
            match old.get(index) {
                Some((_, true)) => {}
                Some((name, false)) => notes.push(change(
                    pointer,
                    msg!(
                        [
                            "replaced by the imported {what} of the same name ('{name}')",
                            "remplacé par l’élément importé de même nom (« {name} », {what})"
                        ],
                        what = what,
                        name = *name
                    ),
                )),
                None => notes.push(change(
                    pointer,
                    msg!(["added: the imported {what}", "ajouté : l’élément importé ({what})"], what = what),
                )),
            }
        }
    };
    let vnets = before
        .vnets
        .iter()
        .enumerate()
        .map(|(i, vnet)| (vnet.name.as_str(), after.vnets.get(i) == Some(vnet)));
    items("vnets", "VNet", vnets.collect(), after.vnets.len());
    let clusters = before
        .aks_clusters
        .iter()
        .enumerate()
        .map(|(i, cluster)| (cluster.name.as_str(), after.aks_clusters.get(i) == Some(cluster)));
    items("aksClusters", "AKS cluster", clusters.collect(), after.aks_clusters.len());
    for (index, range) in before.external_ranges.iter().enumerate() {
        if !after.external_ranges.contains(range) {
            notes.push(change(
                format!("/externalRanges/{index}"),
                msg!(
                    [
                        "removed: the peered range '{name}' is a VNet of the plan now",
                        "retirée : la plage appairée « {name} » est maintenant un VNet du plan"
                    ],
                    name = range.name.as_str()
                ),
            ));
        }
    }
    for (index, range) in after.external_ranges.iter().enumerate() {
        if !before.external_ranges.contains(range) {
            notes.push(change(
                format!("/externalRanges/{index}"),
                msg!(
                    [
                        "added: the range of the peered VNet '{name}', which the import does not hold",
                        "ajoutée : la plage du VNet appairé « {name} », que l’import ne contient pas"
                    ],
                    name = range.name.as_str()
                ),
            ));
        }
    }
    for (pointer, old, new) in [
        ("/region", &before.region, &after.region),
        ("/workspace/resourceGroup", &before.workspace.resource_group, &after.workspace.resource_group),
    ] {
        if old != new {
            notes.push(change(
                pointer.to_owned(),
                msg!(
                    [
                        "was empty, set to '{value}' from the import; correct it if it differs",
                        "était vide, mis à « {value} » d’après l’import ; corrigez-le s’il diffère"
                    ],
                    value = new.as_str()
                ),
            ));
        }
    }
    if notes.is_empty() {
        notes.push(change(
            String::new(),
            msg!([
                "nothing changed: the plan already holds what these outputs describe",
                "rien n’a changé : le plan contient déjà ce que décrivent ces sorties"
            ]),
        ));
    }
    if after.region.is_empty() {
        notes.push(change(
            "/region".to_owned(),
            msg!([
                "no document gives a location: set the plan's region",
                "aucun document ne donne d’emplacement : indiquez la région du plan"
            ]),
        ));
    }
    notes
}

/// Whether `range` stands for one of `vnets` as the far end of a peering.
fn is_range_of_vnet(range: &ExternalRange, vnets: &[Vnet]) -> bool {
    vnets.iter().any(|vnet| stands_for(range, vnet))
}

/// Whether `range` stands for `vnet` as the far end of a peering.
fn stands_for(range: &ExternalRange, vnet: &Vnet) -> bool {
    range.kind == ExternalRangeKind::PeeredVnet
        && same_name(&vnet.name, &range.name)
        && vnet.address_prefixes.contains(&range.address_prefix)
}

/// What every document read so far holds, before names are resolved across documents.
#[derive(Default)]
struct Found {
    /// Each VNet read; its peerings are moved to `peerings`.
    vnets: Vec<Sourced<ReadVnet>>,
    /// Each peering read, with the VNet that lists it.
    peerings: Vec<(VnetPlace, Peering)>,
    clusters: Vec<Sourced<ReadCluster>>,
    notes: Vec<ImportNote>,
}

/// Where Azure's ids place a VNet: its resource group, name, and subscription when an id says.
pub(super) type VnetPlace = (String, String, Option<String>);

/// An item with the place it was read from.
struct Sourced<T> {
    item: T,
    document: usize,
    pointer: String,
}

impl<T> Sourced<T> {
    fn note(&self, pointer: &str, text: Message) -> ImportNote {
        ImportNote::new(Some(self.document), pointer, text)
    }
}

impl Found {
    /// Adds a VNet, named apart from those of other documents, and says by which resource group
    /// and name it is known now. A VNet read twice (a `show` beside a `list`) is one VNet: the
    /// later copy replaces it.
    fn add_vnet(&mut self, mut found: Sourced<ReadVnet>) -> VnetPlace {
        if let Some((name, note)) = keep_apart(&self.vnets, &found, |read| &read.vnet.name) {
            self.notes.push(note);
            found.item.vnet.name = name;
        }
        let vnet = &found.item.vnet;
        let known_as = (vnet.resource_group.clone(), vnet.name.clone(), found.item.subscription.clone());
        fn identity(found: &ReadVnet) -> Identity<'_> {
            (&found.vnet.name, &found.vnet.resource_group, found.subscription.as_deref())
        }
        add_once(&mut self.vnets, &mut self.notes, found, "VNet", identity);
        known_as
    }

    fn add_cluster(&mut self, mut cluster: Sourced<ReadCluster>) {
        if let Some((name, note)) = keep_apart(&self.clusters, &cluster, |read| &read.cluster.name) {
            self.notes.push(note);
            cluster.item.cluster.name = name;
        }
        fn identity(read: &ReadCluster) -> Identity<'_> {
            (&read.cluster.name, &read.resource_group, read.subscription.as_deref())
        }
        add_once(&mut self.clusters, &mut self.notes, cluster, "cluster", identity);
    }

    /// Reads one resource of a known shape into what was found.
    fn add(&mut self, document: usize, pointer: String, read: Read) {
        match read {
            Read::Vnet(mut read) => {
                let peerings = std::mem::take(&mut read.peerings);
                let owner = self.add_vnet(Sourced { item: read, document, pointer });
                self.peerings.extend(peerings.into_iter().map(|peering| (owner.clone(), peering)));
            }
            Read::Cluster(cluster) => self.add_cluster(Sourced { item: *cluster, document, pointer }),
        }
    }

    /// Resolves clusters and peerings against every VNet read, and assembles the plan.
    fn finish(mut self) -> Result<Imported, ImportError> {
        if self.vnets.is_empty() && self.clusters.is_empty() {
            return Err(ImportError::NothingToImport { notes: self.notes });
        }
        let mut vnets: Vec<Vnet> = self.vnets.iter().map(|found| found.item.vnet.clone()).collect();
        let subscriptions: Vec<Option<&str>> =
            self.vnets.iter().map(|found| found.item.subscription.as_deref()).collect();
        // Azure's ids name a VNet by subscription, resource group and name; the plan by name alone.
        let as_read: Vec<String> = vnets.iter().map(|vnet| vnet.name.clone()).collect();
        self.notes.extend(name_apart_by_group(&mut vnets, &subscriptions));
        let mut external_ranges: Vec<ExternalRange> = Vec::new();
        let mut peered_outside = Vec::new();
        for ((owner_group, owner_name, owner_subscription), peering) in &self.peerings {
            let find = |vnets: &[Vnet], group: &str, name: &str, subscription: Option<&str>| {
                vnet_named_by(vnets, &as_read, &subscriptions, (group, name, subscription))
            };
            let remote = peering
                .remote
                .as_ref()
                .and_then(|(group, name, subscription)| find(&vnets, group, name, subscription.as_deref()));
            match (remote, find(&vnets, owner_group, owner_name, owner_subscription.as_deref())) {
                // Both ends are in the plan: the peering is recorded once, on the side that lists it.
                (Some(remote), Some(owner)) => record_peering(&mut vnets, owner, remote),
                (Some(_), None) => {}
                (None, owner) => {
                    self.notes.extend(peering.unshown.clone());
                    let owner = owner.and_then(|owner| vnets.get(owner));
                    for range in &peering.ranges {
                        if let Some(owner) = owner {
                            peered_outside.push((owner.name.clone(), range.clone()));
                        }
                        if !external_ranges.contains(range) {
                            external_ranges.push(range.clone());
                        }
                    }
                }
            }
        }
        let mut clusters = Vec::with_capacity(self.clusters.len());
        for read in &self.clusters {
            let (cluster, note) = place_cluster(read, &vnets, &as_read, &subscriptions);
            self.notes.extend(note);
            clusters.push(cluster);
        }
        let places: Vec<(&str, Option<&str>)> = self
            .clusters
            .iter()
            .map(|read| (read.item.resource_group.as_str(), read.item.subscription.as_deref()))
            .collect();
        self.notes.extend(name_clusters_apart_by_group(&mut clusters, &places));
        // A location the template computes is taken to be the plan's region: kept as written, it
        // would differ from every region Azure states and make a false mismatch.
        let computed = |region: &mut Option<String>| {
            if region.as_deref().is_some_and(is_expression) {
                *region = None;
            }
        };
        for vnet in &mut vnets {
            computed(&mut vnet.region);
        }
        for cluster in &mut clusters {
            computed(&mut cluster.region);
        }
        let region = plan_region(&vnets, &clusters);
        let (resource_group, from) = match (vnets.first(), self.clusters.first()) {
            (Some(vnet), _) => (
                vnet.resource_group.clone(),
                msg!(["VNet '{name}'", "le VNet « {name} »"], name = &vnet.name),
            ),
            (None, Some(read)) => (
                read.item.resource_group.clone(),
                msg!(["cluster '{name}'", "le cluster « {name} »"], name = &read.item.cluster.name),
            ),
            (None, None) => (String::new(), msg!(["nothing", "rien"])),
        };
        let mut plan = Plan::empty(&region, &resource_group);
        plan.vnets = vnets;
        plan.external_ranges = external_ranges;
        plan.aks_clusters = clusters;
        if region.is_empty() {
            self.notes.push(plan_note(msg!([
                "no document gives a location: set the plan's region",
                "aucun document ne donne d’emplacement : indiquez la région du plan"
            ])));
        }
        self.notes.push(plan_note(
            msg!(
                [
                    "these outputs do not describe the workspace: its resource group is taken from {from} ('{group}'), with no private endpoint and no container registry behind the VNet; outbound traffic and your VNet and subnet join rights are not recorded, and the check applies the contract's defaults. Correct these in the plan where they differ",
                    "ces sorties ne décrivent pas l’espace de travail : son groupe de ressources est pris sur {from} (« {group} »), sans point de terminaison privé ni registre de conteneurs derrière le VNet ; le trafic sortant et vos droits de jonction au VNet et au sous-réseau ne sont pas renseignés, et la vérification applique les valeurs par défaut du contrat. Corrigez-les dans le plan s’ils diffèrent"
                ],
                group = &resource_group
            )
            .with_message("from", from),
        ));
        Ok(Imported { plan, notes: self.notes, peered_outside })
    }
}

/// A resource's name, resource group and, when an id says, subscription.
type Identity<'a> = (&'a str, &'a str, Option<&'a str>);

/// Adds `item`, replacing an earlier one with the same name and resource group, unless their
/// ids name two different subscriptions.
fn add_once<T>(
    items: &mut Vec<Sourced<T>>,
    notes: &mut Vec<ImportNote>,
    item: Sourced<T>,
    what: &str,
    identity: fn(&T) -> Identity<'_>,
) {
    let (name, resource_group, subscription) = identity(&item.item);
    let earlier = items.iter_mut().find(|earlier| {
        let (earlier_name, earlier_group, earlier_subscription) = identity(&earlier.item);
        same_name(earlier_name, name)
            && same_name(earlier_group, resource_group)
            && same_subscription(earlier_subscription, subscription)
    });
    match earlier {
        Some(earlier) => {
            notes.push(item.note(
                &item.pointer,
                msg!(
                    [
                        "{what} '{name}' of resource group '{group}' was already read from {source}; this later copy replaces it",
                        "{what} « {name} » du groupe de ressources « {group} » a déjà été lu dans {source} ; cette copie ultérieure le remplace"
                    ],
                    what = what,
                    name = &name,
                    group = &resource_group,
                    source = source(Some(earlier.document), &earlier.pointer)
                ),
            ));
            *earlier = item;
        }
        None => items.push(item),
    }
}

/// Names an item whose name is an unresolved template expression apart from an earlier item of
/// another document with the same name: the same text in two templates need not be the same
/// deployed name, and merging them would lose one. Gives the name it gets and the note saying so.
fn keep_apart<T>(
    earlier: &[Sourced<T>],
    item: &Sourced<T>,
    name_of: fn(&T) -> &String,
) -> Option<(String, ImportNote)> {
    let name = name_of(&item.item);
    if !is_expression(name) {
        return None;
    }
    let taken = |candidate: &str| earlier.iter().any(|other| same_name(name_of(&other.item), candidate));
    let clash =
        earlier.iter().any(|other| other.document != item.document && same_name(name_of(&other.item), name));
    if !clash {
        return None;
    }
    let distinct = (item.document + 1..)
        .map(|number| crate::names::told_apart(name, &format!("document {number}")))
        .find(|candidate| !taken(candidate))?;
    let note = item.note(
        &item.pointer,
        msg!(
            [
                "another document also names a resource '{name}', an expression that vnetplan cannot resolve; the two may be different resources, so this one is named '{distinct}' in the plan",
                "un autre document nomme aussi une ressource « {name} », une expression que vnetplan ne sait pas résoudre ; ce peuvent être deux ressources différentes, celle-ci est donc nommée « {distinct} » dans le plan"
            ],
            name = name,
            distinct = &distinct
        ),
    );
    Some((distinct, note))
}

fn plan_note(text: Message) -> ImportNote {
    ImportNote::new(None, "", text)
}

/// The first location Azure states outright (a VNet's, else a cluster's), or none: a template
/// expression is no region the check can compare, so the plan asks for one instead.
fn plan_region(vnets: &[Vnet], clusters: &[AksCluster]) -> String {
    vnets
        .iter()
        .filter_map(|vnet| vnet.region.as_deref())
        .chain(clusters.iter().filter_map(|cluster| cluster.region.as_deref()))
        .find(|region| !is_expression(region))
        .unwrap_or_default()
        .to_owned()
}

/// Records that VNet `owner` is peered with VNet `remote`, unless either already lists the other.
fn record_peering(vnets: &mut [Vnet], owner: usize, remote: usize) {
    let names = |index: usize| vnets.get(index).map(|vnet| (vnet.name.clone(), vnet.peerings.clone()));
    let (Some((owner_name, owner_peers)), Some((remote_name, remote_peers))) = (names(owner), names(remote))
    else {
        return;
    };
    let lists = |peers: &[String], name: &str| peers.iter().any(|peer| same_name(peer, name));
    if owner == remote || lists(&owner_peers, &remote_name) || lists(&remote_peers, &owner_name) {
        return;
    }
    if let Some(vnet) = vnets.get_mut(owner) {
        vnet.peerings.push(remote_name);
    }
}

/// Gives each VNet that shares its name with an earlier one of another resource group (or of
/// another subscription) a name of its own, its group's in brackets (and its subscription's), so
/// that the plan's references by name find the right one. `subscriptions` holds each VNet's.
fn name_apart_by_group(vnets: &mut [Vnet], subscriptions: &[Option<&str>]) -> Vec<ImportNote> {
    let from_template = |vnet: &Vnet| vnet.resource_group == TEMPLATE_RESOURCE_GROUP;
    // A template's VNet named like one whose group is known (printed by Azure, or deployed by a
    // nested deployment that names its group) is the one told apart, whichever came first: its
    // resource group is unknown, the other's is a fact.
    let beside_printed: Vec<bool> = vnets
        .iter()
        .map(|vnet| {
            from_template(vnet)
                && vnets.iter().any(|other| !from_template(other) && same_name(&other.name, &vnet.name))
        })
        .collect();
    let read: Vec<(String, String, Option<&str>)> = vnets
        .iter()
        .zip(subscriptions)
        .zip(&beside_printed)
        .filter(|(_, beside)| !**beside)
        .map(|((vnet, subscription), _)| (vnet.name.clone(), vnet.resource_group.clone(), *subscription))
        .collect();
    let mut places = places_apart(&read).into_iter();
    let mut notes = Vec::new();
    for (vnet, beside) in vnets.iter_mut().zip(beside_printed) {
        if beside {
            let distinct = crate::names::told_apart(&vnet.name, "template");
            notes.push(plan_note(msg!(
                [
                    "VNet '{name}' of a template, which does not say its resource group, shares its name with a VNet whose resource group is known, and the plan names VNets by name alone: it is '{distinct}' in the plan. If the two are one VNet, delete one of them from the plan",
                    "le VNet « {name} » d’un modèle, qui ne dit pas son groupe de ressources, porte le même nom qu’un VNet dont le groupe de ressources est connu, et le plan ne nomme les VNets que par leur nom : il s’appelle « {distinct} » dans le plan. Si les deux sont un même VNet, supprimez l’un d’eux du plan"
                ],
                name = &vnet.name,
                distinct = &distinct
            )));
            vnet.name = distinct;
            continue;
        }
        let Some(place) = places.next().flatten() else { continue };
        let distinct = crate::names::told_apart(&vnet.name, &place);
        notes.push(plan_note(msg!(
            [
                "VNet '{name}' of resource group '{group}' shares its name with a VNet of another resource group or subscription, and the plan names VNets by name alone: it is '{distinct}' in the plan, and clusters and peerings that Azure's ids place in it name it so",
                "le VNet « {name} » du groupe de ressources « {group} » porte le même nom qu’un VNet d’un autre groupe de ressources ou d’un autre abonnement, et le plan ne nomme les VNets que par leur nom : il s’appelle « {distinct} » dans le plan, et les clusters et appairages que les identifiants d’Azure y placent le nomment ainsi"
            ],
            name = &vnet.name,
            group = &vnet.resource_group,
            distinct = &distinct
        )));
        vnet.name = distinct;
    }
    notes
}

/// Gives each cluster that shares its name with an earlier one of another resource group or
/// subscription (`az aks list` spans a subscription) a name of its own. The name also names the
/// compute target, which takes letters, digits and hyphens only, so the cluster is numbered
/// (`ml-aks-2`) rather than named after its group. `places` holds each cluster's resource group
/// and subscription.
fn name_clusters_apart_by_group(
    clusters: &mut [AksCluster],
    places: &[(&str, Option<&str>)],
) -> Vec<ImportNote> {
    let read: Vec<(String, String, Option<&str>)> = clusters
        .iter()
        .zip(places)
        .map(|(cluster, (group, subscription))| (cluster.name.clone(), (*group).to_owned(), *subscription))
        .collect();
    let mut notes = Vec::new();
    for (index, place) in places_apart(&read).into_iter().enumerate() {
        let (Some(place), Some((name, group, _))) = (place, read.get(index)) else { continue };
        let taken = |candidate: &str| clusters.iter().any(|cluster| same_name(&cluster.name, candidate));
        let Some(distinct) =
            (2..).map(|number| format!("{name}-{number}")).find(|candidate| !taken(candidate))
        else {
            continue;
        };
        notes.push(plan_note(msg!(
            [
                "AKS cluster '{name}' of resource group '{group}' shares its name with a cluster of another resource group or subscription ({place}), and the plan names clusters by name alone: it is '{distinct}' in the plan",
                "le cluster AKS « {name} » du groupe de ressources « {group} » porte le même nom qu’un cluster d’un autre groupe de ressources ou d’un autre abonnement ({place}), et le plan ne nomme les clusters que par leur nom : il s’appelle « {distinct} » dans le plan"
            ],
            name = name.as_str(),
            group = group.as_str(),
            place = place,
            distinct = &distinct
        )));
        if let Some(cluster) = clusters.get_mut(index) {
            cluster.name = distinct;
        }
    }
    notes
}

/// For each resource, as read (name, resource group, subscription), what tells it apart from an
/// earlier one of the same name: its resource group, or when that is the same too, its group and
/// subscription. `None` when no earlier resource shares its name. The names compared are those
/// read, never those given since, so three resources of one name are told apart from each other.
fn places_apart(read: &[(String, String, Option<&str>)]) -> Vec<Option<String>> {
    let mut places = Vec::with_capacity(read.len());
    for (index, (name, group, subscription)) in read.iter().enumerate() {
        let (mut other_group, mut other_subscription) = (false, false);
        for (earlier_name, earlier_group, earlier_subscription) in read.iter().take(index) {
            if !same_name(earlier_name, name) {
                continue;
            }
            if !same_name(earlier_group, group) {
                other_group = true;
            } else if !same_subscription(*earlier_subscription, *subscription) {
                other_subscription = true;
            }
        }
        places.push(match subscription {
            Some(subscription) if other_subscription => {
                Some(crate::names::group_in_subscription(group, subscription))
            }
            _ if other_group => Some(group.clone()),
            _ => None,
        });
    }
    places
}

/// The VNet an id names by (resource group, name, subscription), among `vnets` called `as_read`
/// in the documents. One read with that very resource group wins over a template's, whose group
/// is unknown and matches any, so a printed VNet is never passed over for a template's namesake.
fn vnet_named_by(
    vnets: &[Vnet],
    as_read: &[String],
    subscriptions: &[Option<&str>],
    (group, name, subscription): (&str, &str, Option<&str>),
) -> Option<usize> {
    let matching = || {
        vnets.iter().zip(as_read).zip(subscriptions).enumerate().filter(
            move |(_, ((vnet, read), vnet_subscription))| {
                is_vnet(vnet, read, group, name) && same_subscription(**vnet_subscription, subscription)
            },
        )
    };
    matching()
        .find(|(_, ((vnet, _), _))| same_name(&vnet.resource_group, group))
        .or_else(|| matching().next())
        .map(|(index, _)| index)
}

/// Whether `vnet`, called `read` in the documents, is the VNet an id names. A template leaves the
/// resource group unknown, on either side, and then the name alone decides.
fn is_vnet(vnet: &Vnet, read: &str, resource_group: &str, name: &str) -> bool {
    same_name(read, name) && may_share_group(&vnet.resource_group, resource_group)
}

/// Whether two resource groups may be one: they have one name, or a template leaves either
/// unknown.
fn may_share_group(left: &str, right: &str) -> bool {
    same_name(left, right) || left == TEMPLATE_RESOURCE_GROUP || right == TEMPLATE_RESOURCE_GROUP
}

/// Names a cluster's node VNet and subnet as the imported VNets spell them.
fn place_cluster(
    read: &Sourced<ReadCluster>,
    vnets: &[Vnet],
    as_read: &[String],
    subscriptions: &[Option<&str>],
) -> (AksCluster, Option<ImportNote>) {
    let mut cluster = read.item.cluster.clone();
    let pointer = &read.item.subnet_pointer;
    let named = |id: &SubnetId| {
        let place = (id.resource_group.as_str(), id.vnet.as_str(), id.subscription.as_deref());
        vnet_named_by(vnets, as_read, subscriptions, place)
            .and_then(|index| vnets.get(index).zip(as_read.get(index)))
    };
    let note = match &read.item.node_subnet {
        NodeSubnet::Id(id) => match named(id).map(|(vnet, _)| vnet) {
            Some(vnet) => {
                cluster.vnet = Some(vnet.name.clone());
                match vnet.subnets.iter().find(|subnet| same_name(&subnet.name, &id.subnet)) {
                    Some(subnet) => {
                        cluster.subnet = Some(subnet.name.clone());
                        None
                    }
                    None => {
                        cluster.subnet = Some(id.subnet.clone());
                        Some(msg!(
                            [
                                "subnet '{subnet}' is not among the subnets of VNet '{vnet}' as imported, so the check reports it as unknown",
                                "le sous-réseau « {subnet} » n’est pas parmi les sous-réseaux du VNet « {vnet} » importé, donc la vérification le signale comme inconnu"
                            ],
                            subnet = &id.subnet,
                            vnet = &vnet.name
                        ))
                    }
                }
            }
            None => {
                cluster.vnet = Some(id.vnet.clone());
                cluster.subnet = Some(id.subnet.clone());
                // A template does not say where it deploys, so the command cannot name the group.
                let rg = if id.resource_group == TEMPLATE_RESOURCE_GROUP {
                    "<resource-group>"
                } else {
                    &id.resource_group
                };
                Some(msg!(
                    [
                        "the node subnet is in VNet '{vnet}' of resource group '{rg}', which these documents do not hold, so the check reports the VNet as unknown; unless the plan already has it, import it too: az network vnet show --resource-group {rg} --name {vnet} -o json",
                        "le sous-réseau des nœuds est dans le VNet « {vnet} » du groupe de ressources « {rg} », que ces documents ne contiennent pas, donc la vérification signale le VNet comme inconnu ; sauf si le plan l’a déjà, importez-le aussi : az network vnet show --resource-group {rg} --name {vnet} -o json"
                    ],
                    vnet = &id.vnet,
                    rg = rg
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
                        .find(|subnet| same_name(&subnet.name, crate::plan::AKS_MANAGED_SUBNET))
                        .or_else(|| vnet.subnets.first());
                    cluster.subnet = Some(
                        subnet.map_or_else(|| crate::plan::AKS_MANAGED_SUBNET.to_owned(), |s| s.name.clone()),
                    );
                    Some(msg!(
                        [
                            "no pool names a subnet: AKS created this cluster's VNet itself; it is taken to be VNet '{vnet}', found in the cluster's node resource group",
                            "aucun pool ne nomme de sous-réseau : AKS a créé lui-même le VNet de ce cluster ; c’est supposé être le VNet « {vnet} », trouvé dans le groupe de ressources des nœuds du cluster"
                        ],
                        vnet = &vnet.name
                    ))
                }
                None => {
                    let how = group.map_or_else(String::new, |group| {
                        format!("az network vnet list --resource-group {group} -o json")
                    });
                    Some(if how.is_empty() {
                        msg!([
                            "no pool names a subnet: AKS created and manages this cluster's VNet, which the plan leaves out (vnet and subnet omitted)",
                            "aucun pool ne nomme de sous-réseau : AKS a créé et gère le VNet de ce cluster, que le plan laisse de côté (vnet et subnet omis)"
                        ])
                    } else {
                        msg!(
                            [
                                "no pool names a subnet: AKS created and manages this cluster's VNet, which the plan leaves out (vnet and subnet omitted); to check its addresses, import it as well: {how}",
                                "aucun pool ne nomme de sous-réseau : AKS a créé et gère le VNet de ce cluster, que le plan laisse de côté (vnet et subnet omis) ; pour vérifier ses adresses, importez-le aussi : {how}"
                            ],
                            how = how
                        )
                    })
                }
            }
        }
        NodeSubnet::Unreadable(text) => {
            cluster.vnet = Some(text.clone());
            cluster.subnet = Some(String::new());
            Some(msg!(
                [
                    "'{text}' is not a subnet id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…) that vnetplan can read: the plan keeps it as the VNet name",
                    "« {text} » n’est pas un identifiant de sous-réseau (/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…) que vnetplan sait lire : le plan le garde comme nom du VNet"
                ],
                text = text
            ))
        }
    };
    let note = note.map(|message| read.note(pointer, message));
    (cluster, note)
}

/// A resource read from a document.
enum Read {
    Vnet(ReadVnet),
    Cluster(Box<ReadCluster>),
}

/// Sends one parsed document to the reader for its shape.
fn read_document(
    document: usize,
    value: &Value,
    given: Option<&template::Given>,
    found: &mut Found,
) -> Result<(), ImportError> {
    let object = value.as_object();
    if object.is_some_and(template::is_template) {
        let mut reader = Reader::new(document);
        let read = reader.template(value, given)?;
        found.notes.append(&mut reader.notes);
        for (pointer, vnet) in read.vnets {
            found.add(document, pointer, Read::Vnet(vnet));
        }
        for (pointer, cluster) in read.clusters {
            found.add(document, pointer, Read::Cluster(Box::new(cluster)));
        }
        return Ok(());
    }
    if let Some((pointer, inner)) = object.and_then(unwrap) {
        note_next_page(document, object, found);
        return match inner {
            Value::Array(items) => read_list(document, items, &pointer, found),
            inner if read_resource(document, inner, pointer.clone(), found)? => Ok(()),
            inner => Err(ImportError::UnknownShape { document, pointer, found: describe(inner) }),
        };
    }
    match value {
        Value::Array(items) => read_list(document, items, "", found),
        _ if read_resource(document, value, String::new(), found)? => Ok(()),
        _ => Err(ImportError::UnknownShape { document, pointer: String::new(), found: describe(value) }),
    }
}

/// A REST list longer than one page ends with a `nextLink`, which `az rest` prints without
/// following: what the other pages hold is missing from the plan unless they are imported too.
fn note_next_page(document: usize, object: Option<&serde_json::Map<String, Value>>, found: &mut Found) {
    let Some((key, Value::String(link))) = object.and_then(|map| lookup(map, "nextLink")) else {
        return;
    };
    if link.is_empty() {
        return;
    }
    found.notes.push(ImportNote::new(
        Some(document),
        &crate::parse::child_pointer("", key),
        msg!([
            "the list is one page of several: fetch its nextLink (az rest --url with that address) and import each page too, or the plan lacks what they hold",
            "la liste n’est qu’une page parmi plusieurs : récupérez son nextLink (az rest --url avec cette adresse) et importez aussi chaque page, sans quoi le plan ne contient pas ce qu’elles renferment"
        ]),
    ));
}

/// What a wrapper holds: the list of `{"value": [...]}` (a REST list, with its `nextLink`), or
/// the one resource of an object with a single field, such as `{"newVNet": {...}}` printed by
/// `az network vnet create`. A resource is never a wrapper, however few fields it has.
fn unwrap(map: &serde_json::Map<String, Value>) -> Option<(String, &Value)> {
    if let Some((key, list @ Value::Array(_))) = lookup(map, "value") {
        let others = map.keys().filter(|other| !same_name(other, key) && !same_name(other, "nextLink"));
        if others.count() == 0 {
            return Some((format!("/{key}"), list));
        }
    }
    match map.iter().next() {
        Some((key, inner @ Value::Object(fields))) if map.len() == 1 && Shape::of(fields).is_some() => {
            Some((crate::parse::child_pointer("", key), inner))
        }
        _ => None,
    }
}

/// A list printed by `az … list` or a REST list: items of other types are noted, but a list
/// holding nothing this module reads is the wrong document.
fn read_list(document: usize, items: &[Value], base: &str, found: &mut Found) -> Result<(), ImportError> {
    if items.is_empty() {
        found.notes.push(ImportNote::new(
            Some(document),
            base,
            msg!(["the list is empty: nothing to import from it", "la liste est vide : rien à en importer"]),
        ));
        return Ok(());
    }
    let mut skipped = Vec::new();
    let mut any = false;
    for (index, item) in items.iter().enumerate() {
        let pointer = format!("{base}/{index}");
        if read_resource(document, item, pointer.clone(), found)? {
            any = true;
        } else if let Some(kind) =
            item.as_object().and_then(|map| lookup(map, "type")).and_then(|(_, kind)| kind.as_str())
        {
            skipped.push(ImportNote::new(
                Some(document),
                &pointer,
                msg!(
                    [
                        "a resource of type '{kind}' is not imported",
                        "une ressource de type « {kind} » n’est pas importée"
                    ],
                    kind = kind
                ),
            ));
        } else {
            return Err(ImportError::UnknownShape { document, pointer, found: describe(item) });
        }
    }
    if !any {
        return Err(ImportError::UnknownShape {
            document,
            pointer: base.to_owned(),
            found: match items.first() {
                Some(first) => msg!([
                    "a list whose first item is {item}",
                    "une liste dont le premier élément est {item}"
                ])
                .with_message("item", describe(first)),
                None => msg!(["an empty list", "une liste vide"]),
            },
        });
    }
    found.notes.append(&mut skipped);
    Ok(())
}

/// Reads a VNet or a cluster as the CLI or the REST API prints it; `false` when `value` is
/// neither.
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
    let read = match Shape::of(object.map) {
        Some(Shape::Vnet) => Read::Vnet(reader.vnet(&object)?),
        Some(Shape::Cluster) => Read::Cluster(Box::new(reader.cluster(&object, &[])?)),
        None => return Ok(false),
    };
    found.notes.append(&mut reader.notes);
    found.add(document, pointer, read);
    Ok(true)
}

const VNET_TYPE: &str = "Microsoft.Network/virtualNetworks";
const SUBNET_TYPE: &str = "Microsoft.Network/virtualNetworks/subnets";
const CLUSTER_TYPE: &str = "Microsoft.ContainerService/managedClusters";
const AGENT_POOL_TYPE: &str = "Microsoft.ContainerService/managedClusters/agentPools";
const DEPLOYMENT_TYPE: &str = "Microsoft.Resources/deployments";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Vnet,
    Cluster,
}

impl Shape {
    /// By `type` where the object has one (ARM compares types without regard to case), else by
    /// the fields only that kind of object has.
    fn of(map: &serde_json::Map<String, Value>) -> Option<Self> {
        let object = Obj { map, pointer: String::new() };
        match object.own_str("type") {
            Some(kind) if same_name(kind, VNET_TYPE) => Some(Self::Vnet),
            Some(kind) if same_name(kind, CLUSTER_TYPE) => Some(Self::Cluster),
            Some(_) => None,
            None if object.raw("addressSpace").is_some() && object.raw("subnets").is_some() => {
                Some(Self::Vnet)
            }
            None if object.raw("agentPoolProfiles").is_some() && object.raw("networkProfile").is_some() => {
                Some(Self::Cluster)
            }
            None => None,
        }
    }
}
