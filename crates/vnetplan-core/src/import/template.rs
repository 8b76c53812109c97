//! Reading an ARM template: its VNets, with subnets declared inline, as nested child resources
//! or as top-level `Microsoft.Network/virtualNetworks/subnets` resources.
//!
//! Templates compute values with expressions (`[parameters('prefix')]`). Those built from the
//! values the template states, with the functions `reader.rs` follows, are evaluated and noted;
//! any other is kept as written and noted, since the deployment's own values are not known.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::aks::{subnet_in, ChildPool, ReadCluster, SubnetId, COPY_LIMIT};
use super::json::{
    id_resource_group, id_segment, id_subscription, lookup, same_name, same_subscription, Field, Obj,
};
use super::reader::{
    call, is_expression, joined_pieces, quoted, stated_values, Expect, Piece, Reader, Scope, Target,
};
use super::vnet::ReadVnet;
use super::{
    may_share_group, ImportError, ImportNote, AGENT_POOL_TYPE, CLUSTER_TYPE, DEPLOYMENT_TYPE, SUBNET_TYPE,
    TEMPLATE_RESOURCE_GROUP, VNET_TYPE,
};
use crate::parse::child_pointer;
use crate::text::{Message, Text};

/// Top-level fields of a template other than its resources: they define inputs, outputs and
/// helpers, none of which is a resource.
const TEMPLATE_INFORMATIONAL: &[&str] = &[
    "$schema",
    "contentVersion",
    "apiProfile",
    "definitions",
    "extensions",
    "functions",
    "imports",
    "languageVersion",
    "metadata",
    "outputs",
    "parameters",
    "variables",
];

/// Values a template is deployed with, from a document of their own.
pub(super) struct ParameterSource<'v> {
    pub(super) document: usize,
    /// Each parameter's `{ "value": … }`, by name.
    values: &'v Map<String, Value>,
    /// Whether it is the record of a deployment that ran rather than a parameter file.
    record: bool,
    /// The resource group, and the subscription when its id says, of a deployment that ran.
    place: Option<(String, Option<String>)>,
    /// How a deployment that ran ended: `Succeeded`, `Failed`, `Canceled`, or still running.
    state: Option<&'v str>,
}

/// A deployment parameter file (`deploymentParameters.json`, or what `bicep build-params`
/// writes), or what `az deployment group show` prints of a deployment that ran, which holds the
/// values it was deployed with and where it went.
pub(super) fn parameter_source(document: usize, value: &Value) -> Option<ParameterSource<'_>> {
    let map = value.as_object()?;
    let kind = lookup(map, "type").and_then(|(_, kind)| kind.as_str()).unwrap_or_default();
    if same_name(kind, DEPLOYMENT_TYPE) {
        let (_, properties) = lookup(map, "properties")?;
        let (_, values) = lookup(properties.as_object()?, "parameters")?;
        let id = lookup(map, "id").and_then(|(_, id)| id.as_str()).unwrap_or_default();
        let group = lookup(map, "resourceGroup")
            .and_then(|(_, group)| group.as_str())
            .or_else(|| id_resource_group(id))
            .filter(|group| !group.is_empty());
        let place = group.map(|group| (group.to_owned(), id_subscription(id)));
        let state =
            lookup(properties.as_object()?, "provisioningState").and_then(|(_, state)| state.as_str());
        let values = values.as_object()?;
        return Some(ParameterSource { document, values, record: true, place, state });
    }
    let schema = lookup(map, "$schema").and_then(|(_, schema)| schema.as_str()).unwrap_or_default();
    let named = schema.to_ascii_lowercase().contains("deploymentparameters");
    let shaped = lookup(map, "contentVersion").is_some() && lookup(map, "resources").is_none();
    let (_, parameters) = lookup(map, "parameters")?;
    (named || (shaped && !is_template(map))).then_some(())?;
    let values = parameters.as_object()?;
    Some(ParameterSource { document, values, record: false, place: None, state: None })
}

impl ParameterSource<'_> {
    fn what(&self) -> Message {
        match self.record {
            true => msg!([
                "the record of a deployment that ran (az deployment group show)",
                "l’enregistrement d’un déploiement effectué (az deployment group show)"
            ]),
            false => msg!(["a deployment parameter file", "un fichier de paramètres de déploiement"]),
        }
    }

    fn note(&self, pointer: &str, message: Message) -> ImportNote {
        ImportNote::new(Some(self.document), pointer, message.with_message("what", self.what()))
    }

    /// Where the values are written, for notes on one of them.
    fn values_pointer(&self) -> &'static str {
        match self.record {
            true => "/properties/parameters",
            false => "/parameters",
        }
    }
}

/// What a template is deployed with, from the parameter sources that go to it.
#[derive(Default)]
pub(super) struct Given {
    values: Map<String, Value>,
    place: Option<(String, Option<String>)>,
}

/// The values each template takes from the parameter sources imported with it, by the
/// template's document, and a note on each source saying where its values go.
///
/// ARM deploys a template with a file only when the template declares every parameter the file
/// gives, so a file goes to the one template that does. A file that fits none goes to the one
/// template that declares most of its parameters, whose deployment the values it lacks would
/// make fail, as notes say. A file that fits two templates alike goes to neither: giving it to
/// both would make two deployments one. Several files for one template merge, the later
/// winning, as `az deployment` merges several `--parameters`.
pub(super) fn parameter_files(
    sources: &[ParameterSource<'_>],
    templates: &[(usize, Vec<String>)],
) -> (HashMap<usize, Given>, Vec<ImportNote>) {
    let declares = |parameters: &[String], name: &str| parameters.iter().any(|known| same_name(known, name));
    let mut notes = Vec::new();
    let mut chosen: Vec<(&ParameterSource<'_>, usize)> = Vec::new();
    for source in sources {
        if let Some(state) = source.state.filter(|state| !same_name(state, "Succeeded")) {
            notes.push(source.note(
                "/properties/provisioningState",
                msg!(
                    [
                        "{what}: the deployment's state is '{state}', so Azure may hold only part of what its template declares, or something else; the plan shows what the template deploys with these values",
                        "{what} : l’état du déploiement est « {state} », Azure peut donc ne contenir qu’une partie de ce que son modèle déclare, ou autre chose ; le plan montre ce que le modèle déploie avec ces valeurs"
                    ],
                    state = state
                ),
            ));
        }
        let fitted = |(_, parameters): &(usize, Vec<String>)| {
            source.values.keys().filter(|name| declares(parameters, name)).count()
        };
        let whole: Vec<usize> = templates
            .iter()
            .filter(|template| fitted(template) == source.values.len())
            .map(|(template, _)| *template)
            .collect();
        let most = templates.iter().map(fitted).max().unwrap_or(0);
        let best: Vec<usize> = match whole.is_empty() {
            false => whole,
            true => templates
                .iter()
                .filter(|template| most > 0 && fitted(template) == most)
                .map(|(template, _)| *template)
                .collect(),
        };
        match best.as_slice() {
            [template] => chosen.push((source, *template)),
            [] => notes.push(source.note(
                "",
                match templates.is_empty() {
                    true => msg!([
                        "{what} imported with no template: its values go nowhere; import it together with the template it goes with",
                        "{what} importé sans modèle : ses valeurs ne servent à rien ; importez-le avec le modèle qui va avec"
                    ]),
                    false => msg!([
                        "{what} whose parameters no imported template declares: its values go nowhere; import it together with the template it goes with",
                        "{what} dont aucun modèle importé ne déclare les paramètres : ses valeurs ne servent à rien ; importez-le avec le modèle qui va avec"
                    ]),
                },
            )),
            several => notes.push(source.note(
                "",
                msg!(
                    [
                        "{what} that the templates of documents {documents} could each go with: vnetplan cannot tell which deployment it belongs to, so none takes its values; import each template with its own, one import after the other",
                        "{what} avec lequel les modèles des documents {documents} pourraient chacun aller : vnetplan ne peut pas savoir à quel déploiement il appartient, aucun ne prend donc ses valeurs ; importez chaque modèle avec le sien, une importation après l’autre"
                    ],
                    documents = several.iter().map(|template| (template + 1).to_string()).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
    let mut given: HashMap<usize, Given> = HashMap::new();
    for (index, &(source, template)) in chosen.iter().enumerate() {
        let parameters =
            templates.iter().find(|(known, _)| *known == template).map_or(&[][..], |(_, names)| names);
        let replaced_later = |name: &str| {
            chosen
                .iter()
                .skip(index + 1)
                .any(|(later, to)| *to == template && later.values.keys().any(|key| same_name(key, name)))
        };
        let merged = given.entry(template).or_default();
        if source.place.is_some() {
            merged.place.clone_from(&source.place);
        }
        let (mut taken, mut replaced) = (0, Vec::new());
        for (name, value) in source.values {
            merged.values.retain(|known, _| !same_name(known, name));
            merged.values.insert(name.clone(), value.clone());
            if !declares(parameters, name) {
                notes.push(source.note(
                    &child_pointer(source.values_pointer(), name),
                    msg!(
                        [
                            "the template of document {template}, which this is read with, does not declare parameter '{name}': a deployment with these values fails until the template declares it or they drop it",
                            "le modèle du document {template}, avec lequel ceci est lu, ne déclare pas le paramètre « {name} » : un déploiement avec ces valeurs échoue tant que le modèle ne le déclare pas ou qu’elles ne le retirent pas"
                        ],
                        template = template + 1,
                        name = name
                    ),
                ));
            } else if replaced_later(name) {
                replaced.push(name.as_str());
            } else {
                taken += 1;
            }
        }
        let message = match replaced.is_empty() {
            true => msg!(
                [
                    "{what}: the template of document {template} takes its values for {taken} parameters instead of their defaults",
                    "{what} : le modèle du document {template} prend ses valeurs pour {taken} paramètres au lieu de leurs valeurs par défaut"
                ],
                template = template + 1,
                taken = taken
            ),
            false => msg!(
                [
                    "{what}: the template of document {template} takes its values for {taken} parameters instead of their defaults, and a later one's for {names}",
                    "{what} : le modèle du document {template} prend ses valeurs pour {taken} paramètres au lieu de leurs valeurs par défaut, et celles d’un suivant pour {names}"
                ],
                template = template + 1,
                taken = taken,
                names = listed_names(&replaced)
            ),
        };
        notes.push(source.note("", message));
        if let Some((group, _)) = &source.place {
            notes.push(source.note(
                "",
                msg!(
                    [
                        "{what}: what the template of document {template} declares is placed in the deployment's resource group '{group}'",
                        "{what} : ce que déclare le modèle du document {template} est placé dans le groupe de ressources « {group} » du déploiement"
                    ],
                    template = template + 1,
                    group = group
                ),
            ));
        }
    }
    (given, notes)
}

/// The names of the parameters a template document declares at its top level.
pub(super) fn declared_parameters(value: &Value) -> Option<Vec<String>> {
    let map = value.as_object().filter(|map| is_template(map))?;
    let (_, parameters) = lookup(map, "parameters")?;
    Some(parameters.as_object()?.keys().cloned().collect())
}

/// Whether a top-level object is a deployment template rather than a resource.
pub(super) fn is_template(map: &serde_json::Map<String, Value>) -> bool {
    let schema = lookup(map, "$schema").and_then(|(_, schema)| schema.as_str());
    schema.is_some_and(|schema| schema.to_ascii_lowercase().contains("deploymenttemplate"))
        || (lookup(map, "resources").is_some() && lookup(map, "contentVersion").is_some())
}

/// What a template declares that the plan holds, each with the pointer of its resource.
pub(super) struct TemplateRead {
    pub(super) vnets: Vec<(String, ReadVnet)>,
    pub(super) clusters: Vec<(String, ReadCluster)>,
    /// Where each VNet, then each cluster, was deployed, in the same order.
    vnet_targets: Vec<Target>,
    cluster_targets: Vec<Target>,
    /// The names of the VNets and clusters that their conditions leave out, as [`canonical`]
    /// writes them.
    vnets_left_out: HashSet<String>,
    clusters_left_out: HashSet<String>,
}

/// A subnet declared apart from its VNet's `subnets` list.
struct ChildSubnet<'a> {
    object: Obj<'a>,
    /// The index of the VNet it is nested in, for a child inside a VNet's `resources`.
    nested_in: Option<usize>,
    /// The scope of the template that declares it, which may be nested in a deployment.
    scope: Option<Scope<'a>>,
    /// Whether it is a copy of a loop.
    in_copy: bool,
}

/// A nested deployment, as other resources of its template see it: they read its outputs by
/// its name, or in language version 2.0 by its symbolic name.
pub(super) struct Module<'a> {
    names: Vec<String>,
    outputs: Option<&'a Map<String, Value>>,
    scope: Scope<'a>,
}

/// A nested deployment's template with the scope its expressions are evaluated in.
struct Nested<'a> {
    template: Obj<'a>,
    scope: Scope<'a>,
}

/// The fields of a `Microsoft.Resources/deployments` resource that say what it deploys and
/// where, top-level or under `properties`.
const DEPLOYMENT_READ: &[&str] = &[
    "name",
    "type",
    "resourceGroup",
    "subscriptionId",
    "template",
    "templateLink",
    "parameters",
    "parametersLink",
    "expressionEvaluationOptions",
];

/// Fields of a deployment that change how it runs or what it keeps, not what it deploys: in
/// incremental and complete mode alike, the template's resources are deployed as written.
const DEPLOYMENT_INFORMATIONAL: &[&str] =
    &["location", "mode", "debugSetting", "onErrorDeployment", "validationLevel", "tags"];

impl<'a> Reader<'a> {
    /// Every VNet and cluster the template declares, nested deployments' included.
    pub(super) fn template(
        &mut self,
        value: &'a Value,
        given: Option<&'a Given>,
    ) -> Result<TemplateRead, ImportError> {
        let mut read = TemplateRead {
            vnets: Vec::new(),
            clusters: Vec::new(),
            vnet_targets: Vec::new(),
            cluster_targets: Vec::new(),
            vnets_left_out: HashSet::new(),
            clusters_left_out: HashSet::new(),
        };
        let Some(root) = Obj::new(value, String::new()) else {
            return Ok(read);
        };
        self.template = Some(match given {
            Some(Given { values, place: Some((group, subscription)) }) => {
                Scope::given(root.map, values).deployed_to(group, subscription.as_deref())
            }
            Some(Given { values, place: None }) => Scope::given(root.map, values),
            None => Scope::of(root.map),
        });
        let mut children = Vec::new();
        self.declared(&root, &mut read, &mut children)?;
        // Attached once everything is read, since a nested deployment may add a subnet to a
        // VNet that the template declares after it.
        for child in children {
            self.in_scope(child.scope.clone(), child.in_copy, |reader| {
                reader.attach(&child, &mut read.vnets, &read.vnet_targets, &read.vnets_left_out)
            })?;
        }
        self.apart_by_deployment(&mut read);
        let unplaced = read.vnets.iter().any(|(_, read)| read.vnet.resource_group == TEMPLATE_RESOURCE_GROUP)
            || read.clusters.iter().any(|(_, read)| read.resource_group == TEMPLATE_RESOURCE_GROUP);
        let all_left_out = !(read.vnets_left_out.is_empty() && read.clusters_left_out.is_empty());
        if read.vnets.is_empty() && read.clusters.is_empty() && all_left_out {
            self.note(
                "",
                msg!([
                    "every virtual network and AKS cluster the template declares is left out by its condition with the values the template states",
                    "chaque réseau virtuel et chaque cluster AKS que le modèle déclare est omis par sa condition avec les valeurs que le modèle indique"
                ]),
            );
        } else if read.vnets.is_empty() && read.clusters.is_empty() {
            self.note(
                "",
                msg!([
                    "the template declares no virtual network and no AKS cluster",
                    "le modèle ne déclare ni réseau virtuel ni cluster AKS"
                ]),
            );
        } else if unplaced {
            self.note(
                "",
                msg!(
                    [
                        "a template does not say which resource group it is deployed to: what it declares gets the resource group '{group}'; write the real one in the plan",
                        "un modèle ne dit pas dans quel groupe de ressources il est déployé : ce qu’il déclare reçoit le groupe de ressources « {group} » ; écrivez le vrai dans le plan"
                    ],
                    group = TEMPLATE_RESOURCE_GROUP
                ),
            );
        }
        Ok(read)
    }

    /// Reads the resources of `root`, a template or one nested in a deployment, in the scope
    /// `self.template` holds; child subnets wait in `children` for every VNet to be read.
    fn declared(
        &mut self,
        root: &Obj<'a>,
        read: &mut TemplateRead,
        children: &mut Vec<ChildSubnet<'a>>,
    ) -> Result<(), ImportError> {
        let pools = self.child_pools(root);
        let mut claimed = vec![false; pools.len()];
        // Registered first, so that a cluster written before a module can read its outputs.
        let mut nested = Vec::new();
        for (symbol, resource) in resources(root) {
            let Some(object) = Obj::new(resource.value, resource.pointer) else { continue };
            if same_name(object.own_str("type").unwrap_or_default(), DEPLOYMENT_TYPE) && !is_existing(&object)
            {
                nested.extend(self.nested(&object, symbol));
            }
        }
        for (_, resource) in resources(root) {
            let Some(object) = Obj::new(resource.value, resource.pointer.clone()) else {
                self.note(
                    &resource.pointer,
                    msg!([
                        "expected a resource object; not imported",
                        "un objet de ressource était attendu ; non importé"
                    ]),
                );
                continue;
            };
            let kind = object.own_str("type").unwrap_or_default();
            if is_existing(&object) {
                self.existing(&object, kind);
                continue;
            }
            let planned =
                [VNET_TYPE, SUBNET_TYPE, CLUSTER_TYPE].iter().any(|planned| same_name(kind, planned));
            // A copied resource's condition is weighed with its copy loop, copy by copy.
            let copied = object.object("copy").is_some();
            if planned && !copied && !self.deployed(&object) {
                self.left_out(&object, read);
                continue;
            }
            if same_name(kind, VNET_TYPE) {
                self.envelope(&object);
                for (scope, in_copy) in self.resource_copies(&object, read) {
                    self.in_scope(scope, in_copy, |reader| reader.read_vnet(&object, read, children))?;
                }
            } else if same_name(kind, SUBNET_TYPE) {
                for (scope, in_copy) in self.resource_copies(&object, read) {
                    children.push(ChildSubnet { object: object.clone(), nested_in: None, scope, in_copy });
                }
            } else if same_name(kind, CLUSTER_TYPE) {
                self.envelope(&object);
                let copies = self.copies(&object);
                let name = object.own_str("name").unwrap_or_default();
                let resolved = self.template.as_ref().and_then(|scope| scope.text_value(name));
                let names_it = |parent: &str| {
                    same_text(parent, name)
                        || resolved.as_deref().is_some_and(|value| same_text(parent, value))
                };
                let mut own = Vec::new();
                for ((parent, pool), claimed) in pools.iter().zip(claimed.iter_mut()) {
                    if names_it(parent) {
                        *claimed = true;
                        own.push(pool.clone());
                    }
                }
                match copies {
                    Some(copies) => {
                        let written = resolved.clone().unwrap_or_else(|| name.to_owned());
                        self.cluster_copies(&object, &own, copies, &written, read)?;
                    }
                    None if copied && !self.deployed(&object) => self.left_out(&object, read),
                    None => {
                        let cluster = self.cluster(&object, &own)?;
                        read.clusters.push((object.pointer.clone(), cluster));
                    }
                }
                read.cluster_targets.resize(read.clusters.len(), self.target());
            } else if same_name(kind, AGENT_POOL_TYPE) || same_name(kind, DEPLOYMENT_TYPE) {
                // Read with the cluster it names, or above.
            } else {
                self.not_imported(&object, kind);
            }
        }
        for Nested { template, scope } in nested {
            let own = self.template.replace(scope);
            let result = self.declared(&template, read, children);
            self.template = own;
            result?;
        }
        for ((parent, pool), _) in pools.iter().zip(&claimed).filter(|(_, claimed)| !**claimed) {
            if read.clusters_left_out.contains(&canonical(parent)) {
                self.orphan(&pool.resource.pointer, parent, false);
                continue;
            }
            self.note(
                &pool.resource.pointer,
                msg!(
                    [
                        "this node pool belongs to cluster '{parent}', which the template does not declare: it is not imported",
                        "ce pool de nœuds appartient au cluster « {parent} », que le modèle ne déclare pas : il n’est pas importé"
                    ],
                    parent = parent
                ),
            );
        }
        self.unread(root, &["resources"], TEMPLATE_INFORMATIONAL);
        Ok(())
    }

    /// Reads one VNet resource, or one copy of it, in the scope the template holds; its nested
    /// child subnets wait in `children`.
    fn read_vnet(
        &mut self,
        object: &Obj<'a>,
        read: &mut TemplateRead,
        children: &mut Vec<ChildSubnet<'a>>,
    ) -> Result<(), ImportError> {
        let vnet = self.vnet(object)?;
        let index = read.vnets.len();
        for nested in object.get("resources").map_or_else(Vec::new, |field| field.objects()) {
            let kind = nested.own_str("type").unwrap_or_default();
            if same_name(kind, "subnets") || same_name(kind, SUBNET_TYPE) {
                if !self.deployed(&nested) {
                    continue;
                }
                let scope = self.template.clone();
                let child =
                    ChildSubnet { object: nested, nested_in: Some(index), scope, in_copy: self.in_copy };
                children.push(child);
            } else {
                self.not_imported(&nested, kind);
            }
        }
        read.vnets.push((object.pointer.clone(), vnet));
        read.vnet_targets.push(self.target());
        Ok(())
    }

    /// A nested deployment's template and scope, registered as a module whose outputs other
    /// resources may read. A linked template is not fetched: the page and the CLI read only
    /// what they are given.
    fn nested(&mut self, object: &Obj<'a>, symbol: Option<&str>) -> Option<Nested<'a>> {
        if !self.deployed(object) {
            return None;
        }
        self.envelope(object);
        self.unread(object, DEPLOYMENT_READ, DEPLOYMENT_INFORMATIONAL);
        if let Some(link) = object.get("templateLink") {
            let uri = link
                .value
                .get("uri")
                .or_else(|| link.value.get("id"))
                .and_then(Value::as_str)
                .map_or_else(|| quoted(link.value), str::to_owned);
            self.note(
                &link.pointer,
                msg!(
                    [
                        "this deployment's template is linked from {uri}, which vnetplan does not fetch: what it declares is not imported; import that template as another document, which then knows neither this deployment's resource group nor the parameters it passes",
                        "le modèle de ce déploiement est lié depuis {uri}, que vnetplan ne récupère pas : ce qu’il déclare n’est pas importé ; importez ce modèle comme un autre document, qui ne connaît alors ni le groupe de ressources de ce déploiement ni les paramètres qu’il passe"
                    ],
                    uri = uri
                ),
            );
            return None;
        }
        let Some(template) = object.object("template") else {
            self.not_imported(object, DEPLOYMENT_TYPE);
            return None;
        };
        let current = self.template.clone()?;
        let written = object.own_str("name").unwrap_or_default();
        let name = current.text_value(written).unwrap_or_else(|| written.to_owned());
        let target = self.deployment_target(object, &current, &name);
        let evaluated_inside = object
            .object("expressionEvaluationOptions")
            .and_then(|options| options.str("scope"))
            .is_some_and(|scope| same_name(scope, "inner"));
        if let Some(link) = object.get("parametersLink").filter(|_| evaluated_inside) {
            self.note(
                &link.pointer,
                msg!([
                    "this deployment takes its parameters from a linked file, which vnetplan does not fetch: its template's parameters take their default values",
                    "ce déploiement prend ses paramètres dans un fichier lié, que vnetplan ne récupère pas : les paramètres de son modèle prennent leur valeur par défaut"
                ]),
            );
        }
        let scope = if evaluated_inside {
            let values = object.object("parameters").map(|parameters| parameters.map);
            current.inner(template.map, values, target)
        } else {
            current.outer(target)
        };
        let mut names: Vec<String> = symbol.map(str::to_owned).into_iter().collect();
        names.push(name);
        let outputs = lookup(template.map, "outputs").and_then(|(_, outputs)| outputs.as_object());
        self.modules.push(Module { names, outputs, scope: scope.clone() });
        Some(Nested { template, scope })
    }

    /// Where a nested deployment deploys: the resource group and subscription it names, else the
    /// enclosing template's. One it computes in a way vnetplan cannot follow is left unknown, as
    /// a top-level template's group is.
    fn deployment_target(&mut self, object: &Obj<'_>, current: &Scope<'_>, name: &str) -> Target {
        let mut target =
            Target { deployment: Some((object.pointer.clone(), name.to_owned())), ..current.target.clone() };
        if object.get("resourceGroup").is_some() || object.get("subscriptionId").is_some() {
            target.place = Some(object.pointer.clone());
        }
        if let Some(group) = self.placed(object, current, "resourceGroup") {
            target.unresolved_place |= group.is_none();
            target.resource_group = group.unwrap_or_else(|| TEMPLATE_RESOURCE_GROUP.to_owned());
        }
        if let Some(subscription) = self.placed(object, current, "subscriptionId") {
            target.unresolved_place |= subscription.is_none();
            target.subscription = subscription;
        }
        target
    }

    /// The deployment's `key`, its resource group or subscription: `None` when it gives none,
    /// `Some(None)` when vnetplan cannot resolve the one it gives, which is noted.
    fn placed(&mut self, object: &Obj<'_>, current: &Scope<'_>, key: &str) -> Option<Option<String>> {
        let field = object.get(key)?;
        let written = field.value.as_str().unwrap_or_default();
        if written.is_empty() || (is_expression(written) && current.text_value(written).is_none()) {
            let message = if same_name(key, "resourceGroup") {
                msg!(
                    [
                        "this deployment goes to resource group {place}, which vnetplan cannot resolve: what it declares is taken to be in the resource group '{unknown}', and kept apart from what other deployments declare under the same names",
                        "ce déploiement va dans le groupe de ressources {place}, que vnetplan ne sait pas résoudre : ce qu’il déclare est supposé dans le groupe de ressources « {unknown} », et tenu à part de ce que d’autres déploiements déclarent sous les mêmes noms"
                    ],
                    place = quoted(field.value),
                    unknown = TEMPLATE_RESOURCE_GROUP
                )
            } else {
                msg!(
                    [
                        "this deployment goes to subscription {place}, which vnetplan cannot resolve: what it declares is kept apart from what other deployments declare under the same names",
                        "ce déploiement va dans l’abonnement {place}, que vnetplan ne sait pas résoudre : ce qu’il déclare est tenu à part de ce que d’autres déploiements déclarent sous les mêmes noms"
                    ],
                    place = quoted(field.value)
                )
            };
            self.note(&field.pointer, message);
            return Some(None);
        }
        Some(Some(self.text(written, &field.pointer, Expect::Name)))
    }

    /// Where the resources being read are deployed.
    fn target(&self) -> Target {
        self.template.as_ref().map_or_else(Target::unnamed, |scope| scope.target.clone())
    }

    /// Names apart a VNet or cluster that shares its name and resource group with one of another
    /// deployment only because the name, group or subscription stays unresolved: the same text
    /// in two deployments need not be one resource, and merging them would lose one.
    fn apart_by_deployment(&mut self, read: &mut TemplateRead) {
        let vnets = read.vnets.iter_mut().map(|(pointer, read)| {
            (pointer.as_str(), &mut read.vnet.name, read.vnet.resource_group.as_str())
        });
        let notes = apart(vnets.zip(&read.vnet_targets));
        let clusters = read
            .clusters
            .iter_mut()
            .map(|(pointer, read)| (pointer.as_str(), &mut read.cluster.name, read.resource_group.as_str()));
        for (pointer, note) in notes.into_iter().chain(apart(clusters.zip(&read.cluster_targets))) {
            self.note(&pointer, note);
        }
    }

    /// The subnet that `[reference(…).outputs.name.value]` stands for, written in `scope` or
    /// passed to it as a parameter, when the nested deployment it reads is in the template and
    /// its output names the subnet by values its template states: compiled Bicep hands a
    /// module's subnet to a cluster, or to the module that declares the cluster, this way.
    pub(super) fn module_subnet(&self, scope: &Scope<'_>, expression: &str) -> Option<SubnetId> {
        let (scope, expression) = scope.written(expression);
        let inner = expression.strip_prefix('[')?.strip_suffix(']')?;
        let (reference, path) = inner.rsplit_once(".outputs.")?;
        let output = path.strip_suffix(".value")?;
        let (function, arguments) = call(reference)?;
        if !same_name(function, "reference") {
            return None;
        }
        let (name, group) = match arguments.first()? {
            Piece::Literal(name) => (name.clone(), None),
            Piece::Expression(target) => deployment_named(scope, target)?,
        };
        // Two modules may share a deployment name in different resource groups; a reference
        // that could mean either reads neither.
        let mut modules = self.modules.iter().filter(|module| {
            let in_group = |group: &String| may_share_group(&module.scope.target.resource_group, group);
            module.names.iter().any(|known| same_text(known, &name)) && group.as_ref().is_none_or(in_group)
        });
        let (Some(module), None) = (modules.next(), modules.next()) else {
            return None;
        };
        let (_, declared) = lookup(module.outputs?, output)?;
        let (_, value) = lookup(declared.as_object()?, "value")?;
        subnet_in(&module.scope, value.as_str()?)
    }

    /// The node pools the template declares as resources of their own, each with the name of
    /// its cluster as the template writes it.
    fn child_pools(&mut self, root: &Obj<'a>) -> Vec<(String, ChildPool<'a>)> {
        let mut pools = Vec::new();
        for (_, resource) in resources(root) {
            let Some(object) = Obj::new(resource.value, resource.pointer) else { continue };
            if !same_name(object.own_str("type").unwrap_or_default(), AGENT_POOL_TYPE)
                || is_existing(&object)
                || !self.deployed(&object)
            {
                continue;
            }
            match object.own_str("name").and_then(child_name) {
                Some((cluster, name)) => {
                    let value = |part: String| {
                        self.template.as_ref().and_then(|scope| scope.text_value(&part)).unwrap_or(part)
                    };
                    let (cluster, name) = (value(cluster), value(name));
                    pools.push((cluster, ChildPool { name, resource: object }));
                }
                None => self.not_imported(&object, AGENT_POOL_TYPE),
            }
        }
        pools
    }

    /// Notes a resource the template refers to without defining it. It states none of the
    /// resource's settings (a VNet's address space, a subnet's prefix), so as a plan item it would
    /// be empty and would stand in for the real one that another document prints.
    fn existing(&mut self, object: &Obj<'_>, kind: &str) {
        let written = object.own_str("name").unwrap_or_default();
        let name = self.template.as_ref().and_then(|scope| {
            let value = |part: &str| scope.text_value(part).unwrap_or_else(|| part.to_owned());
            scope.text_value(written).or_else(|| {
                let (parent, child) = child_name(written)?;
                Some(format!("{}/{}", value(&parent), value(&child)))
            })
        });
        self.note(
            &object.pointer,
            msg!(
                [
                    "resource '{name}' of type '{kind}' is marked existing: the template refers to it without defining it, so it is not imported; references to it are matched with what the other documents hold",
                    "la ressource « {name} » de type « {kind} » est marquée existing : le modèle s’y réfère sans la définir, elle n’est donc pas importée ; les références qui la visent sont rapprochées de ce que contiennent les autres documents"
                ],
                name = name.as_deref().unwrap_or(written),
                kind = kind
            ),
        );
    }

    fn not_imported(&mut self, object: &Obj<'_>, kind: &str) {
        let name = object.own_str("name").unwrap_or_default();
        let message = match (name.is_empty(), kind.is_empty()) {
            (_, true) => msg!(
                [
                    "resource '{name}' without a type is not imported",
                    "la ressource « {name} » sans type n’est pas importée"
                ],
                name = name
            ),
            (true, false) => msg!(
                [
                    "a resource of type '{kind}' is not imported",
                    "une ressource de type « {kind} » n’est pas importée"
                ],
                kind = kind
            ),
            (false, false) => msg!(
                [
                    "resource '{name}' of type '{kind}' is not imported",
                    "la ressource « {name} » de type « {kind} » n’est pas importée"
                ],
                name = name,
                kind = kind
            ),
        };
        self.note(&object.pointer, message);
    }

    /// Whether the resource is deployed with the values the template states, as its
    /// `condition` decides: one that is not is noted and left out of the plan, which would
    /// otherwise hold a network or cluster that the deployment does not make. A condition that
    /// cannot be evaluated is noted, and the resource read as if it held.
    fn deployed(&mut self, object: &Obj<'_>) -> bool {
        let Some((key, condition)) = lookup(object.map, "condition") else {
            return true;
        };
        let pointer = child_pointer(&object.pointer, key);
        let written = condition.as_str().unwrap_or_default();
        let decided = match condition {
            Value::Bool(holds) => Some(*holds),
            _ => self.template.as_ref().and_then(|scope| scope.holds(written)),
        };
        let note = match (decided, condition) {
            (Some(true), Value::Bool(_)) => return true,
            (Some(false), Value::Bool(_)) => msg!([
                "the condition is false: Azure does not deploy this resource, so it is not imported",
                "la condition est fausse : Azure ne déploie pas cette ressource, elle n’est donc pas importée"
            ]),
            (Some(true), _) => msg!(
                [
                    "deployed only when {condition}, which holds with the values the template states, {values}: imported; a deployment that passes others may leave it out",
                    "déployé seulement si {condition}, ce qui est vrai avec les valeurs que le modèle indique, {values} : importé ; un déploiement qui en passe d’autres peut l’omettre"
                ],
                condition = written
            )
            .with_message("values", self.stated_values().message()),
            (Some(false), _) => msg!(
                [
                    "deployed only when {condition}, which is false with the values the template states, {values}: not imported; to plan a deployment that makes it, import the template with that deployment's parameter file",
                    "déployé seulement si {condition}, ce qui est faux avec les valeurs que le modèle indique, {values} : non importé ; pour planifier un déploiement qui la crée, importez le modèle avec le fichier de paramètres de ce déploiement"
                ],
                condition = written
            )
            .with_message("values", self.stated_values().message()),
            (None, _) => msg!(
                [
                    "deployed only when {condition}; imported as if it were",
                    "déployé seulement si {condition} ; importé comme si c’était le cas"
                ],
                condition = if condition.is_string() { written.to_owned() } else { quoted(condition) }
            ),
        };
        self.note(&pointer, note);
        decided != Some(false)
    }

    /// Which values the template's expressions are evaluated with.
    fn stated_values(&self) -> Text {
        stated_values(self.template.as_ref().is_some_and(Scope::is_nested))
    }

    /// Records a VNet or cluster that its condition leaves out, and notes each child subnet
    /// written inside it that is deployed all the same: ARM's conditions do not reach a
    /// resource's children, which then go into a parent that must already exist.
    fn left_out(&mut self, object: &Obj<'_>, read: &mut TemplateRead) {
        let written = object.own_str("name").unwrap_or_default();
        let name = self.template.as_ref().and_then(|scope| scope.text_value(written));
        let name = name.unwrap_or_else(|| written.to_owned());
        if !same_name(object.own_str("type").unwrap_or_default(), VNET_TYPE) {
            read.clusters_left_out.insert(canonical(&name));
            return;
        }
        self.vnet_left_out(object, &name, read);
    }

    /// Records VNet `name`, written at `object`, as left out by its condition, and notes each
    /// child subnet written inside it that is deployed all the same.
    fn vnet_left_out(&mut self, object: &Obj<'_>, name: &str, read: &mut TemplateRead) {
        for nested in object.get("resources").map_or_else(Vec::new, |field| field.objects()) {
            let kind = nested.own_str("type").unwrap_or_default();
            if !(same_name(kind, "subnets") || same_name(kind, SUBNET_TYPE)) {
                self.not_imported(&nested, kind);
            } else if self.deployed(&nested) {
                self.orphan(&nested.pointer, name, true);
            }
        }
        read.vnets_left_out.insert(canonical(name));
    }

    /// Notes a subnet (or a node pool) deployed into a VNet (or cluster) `parent` that the
    /// template's values leave out.
    fn orphan(&mut self, pointer: &str, parent: &str, subnet: bool) {
        let note = match subnet {
            true => msg!(
                [
                    "this subnet's VNet '{parent}' is left out by its condition, but a condition does not reach child resources: ARM still deploys the subnet, into an existing VNet '{parent}' that this template does not describe. It is not imported; import that VNet from what Azure prints for it",
                    "le VNet « {parent} » de ce sous-réseau est omis par sa condition, mais une condition ne s’étend pas aux ressources enfants : ARM déploie quand même le sous-réseau, dans un VNet « {parent} » existant que ce modèle ne décrit pas. Il n’est pas importé ; importez ce VNet depuis ce qu’Azure affiche pour lui"
                ],
                parent = parent
            ),
            false => msg!(
                [
                    "this node pool's cluster '{parent}' is left out by its condition, but a condition does not reach child resources: ARM still deploys the pool, into an existing cluster '{parent}' that this template does not describe. It is not imported; import that cluster from what Azure prints for it",
                    "le cluster « {parent} » de ce pool de nœuds est omis par sa condition, mais une condition ne s’étend pas aux ressources enfants : ARM déploie quand même le pool, dans un cluster « {parent} » existant que ce modèle ne décrit pas. Il n’est pas importé ; importez ce cluster depuis ce qu’Azure affiche pour lui"
                ],
                parent = parent
            ),
        };
        self.note(pointer, note);
    }

    /// Notes for the resource fields that make a deployment differ from what is written.
    fn envelope(&mut self, object: &Obj<'_>) {
        let kind = object.own_str("type").unwrap_or_default();
        // A cluster's, VNet's or subnet's own copies are read one by one.
        let expanded = [CLUSTER_TYPE, VNET_TYPE, SUBNET_TYPE].iter().any(|read| same_name(kind, read));
        if let Some((key, _)) = lookup(object.map, "copy").filter(|_| !expanded) {
            self.note(
                &child_pointer(&object.pointer, key),
                msg!([
                    "the resource is repeated by a copy loop, which vnetplan does not expand: it is imported once, as written",
                    "la ressource est répétée par une boucle copy, que vnetplan ne déroule pas : elle est importée une fois, telle qu’écrite"
                ]),
            );
        }
        if let Some(field) = object.object("properties").and_then(|properties| properties.raw("copy")) {
            // A cluster's copied node pools are read with the cluster, a VNet's copied subnets
            // with the VNet.
            let read_with = if same_name(kind, VNET_TYPE) { "subnets" } else { "agentPoolProfiles" };
            let names: Vec<&str> = field.value.as_array().map_or_else(Vec::new, |loops| {
                loops
                    .iter()
                    .filter_map(|l| l.get("name")?.as_str())
                    .filter(|name| !same_name(name, read_with))
                    .collect()
            });
            if names.is_empty() && field.value.as_array().is_some_and(|loops| !loops.is_empty()) {
                return;
            }
            self.note(
                &field.pointer,
                msg!(
                    [
                        "a copy loop builds {built}, which vnetplan does not expand: what it builds is not imported",
                        "une boucle copy construit {built}, que vnetplan ne déroule pas : ce qu’elle construit n’est pas importé"
                    ],
                    built = if names.is_empty() { "properties".to_owned() } else { names.join(", ") }
                ),
            );
        }
    }

    /// Reads each copy of a cluster that its copy loop deploys and its condition keeps, in the
    /// copy's own scope, named as the loop names it when every name resolves apart, else after
    /// its `written` name with the copy's number.
    fn cluster_copies(
        &mut self,
        object: &Obj<'a>,
        pools: &[ChildPool<'a>],
        (count, at, loop_name): (u64, String, String),
        written: &str,
        read: &mut TemplateRead,
    ) -> Result<(), ImportError> {
        let names = self
            .copy_names(object.own_str("name").unwrap_or_default(), count, &loop_name)
            .unwrap_or_else(|| (0..count).map(|index| format!("{written}[{index}]")).collect());
        let current = self.template.clone();
        let scopes: Vec<Option<Scope<'a>>> =
            (0..count).map(|index| current.as_ref().map(|scope| scope.looping(&loop_name, index))).collect();
        let kept = self.kept_copies(object, &scopes, &names);
        let first = read.clusters.len();
        for (index, (scope, name)) in scopes.into_iter().zip(&names).enumerate() {
            if !self.build_one(&at) {
                break;
            }
            if !kept.get(index).copied().unwrap_or(true) {
                read.clusters_left_out.insert(canonical(name));
                continue;
            }
            let mut cluster = self.in_scope(scope, true, |reader| reader.cluster(object, pools))?;
            cluster.cluster.name.clone_from(name);
            read.clusters.push((object.pointer.clone(), cluster));
        }
        let copies = read.clusters.get(first..).unwrap_or_default();
        let name_of = |copy: Option<&(String, ReadCluster)>| {
            copy.map_or_else(String::new, |(_, read)| read.cluster.name.clone())
        };
        let (first, last) = (name_of(copies.first()), name_of(copies.last()));
        self.note(
            &at,
            msg!(
                [
                    "a copy loop deploys this cluster {count} times: the plan holds {held} clusters, '{first}' to '{last}'",
                    "une boucle copy déploie ce cluster {count} fois : le plan contient {held} clusters, de « {first} » à « {last} »"
                ],
                count = count,
                held = copies.len(),
                first = first,
                last = last,
            ),
        );
        Ok(())
    }

    /// How many times a resource's copy loop deploys it, with where the loop is written and its
    /// name: its count, a number or what the template's values make it, at most ARM's 800.
    /// `None` without a loop, or when the count cannot be read and the resource is read once.
    fn copies(&mut self, object: &Obj<'_>) -> Option<(u64, String, String)> {
        let copy = object.object("copy")?;
        let Some(count) = copy.get("count").and_then(|field| self.whole_number(&field, Expect::Copies))
        else {
            self.note(
                &copy.pointer,
                msg!([
                    "this copy loop's count cannot be read: the resource is imported once, as written",
                    "le nombre de cette boucle copy ne se lit pas : la ressource est importée une fois, telle qu’écrite"
                ]),
            );
            return None;
        };
        let loop_name = copy.str("name").unwrap_or_default().to_owned();
        if count > COPY_LIMIT {
            self.note(&copy.pointer, over_copy_limit(count));
        }
        Some((count.min(COPY_LIMIT), copy.pointer, loop_name))
    }

    /// The names the copies of loop `loop_name` get from the `written` one, when each resolves
    /// with its copy's number and no two are the same: copies that could not be told apart
    /// would merge into one.
    fn copy_names(&self, written: &str, count: u64, loop_name: &str) -> Option<Vec<String>> {
        let scope = self.template.as_ref()?;
        names_apart((0..count).map(|index| scope.looping(loop_name, index)), written)
    }

    /// The scopes to read a VNet or subnet resource in, each with whether it is a copy after its
    /// loop's first: one for each copy that its copy loop deploys and its condition keeps, when
    /// the copies' names resolve apart; else the resource once, as written, if its condition
    /// keeps it. What is left out is recorded in `read`.
    fn resource_copies(
        &mut self,
        object: &Obj<'_>,
        read: &mut TemplateRead,
    ) -> Vec<(Option<Scope<'a>>, bool)> {
        let current = self.template.clone();
        let Some((count, at, loop_name)) = self.copies(object) else {
            return self.read_once(object, read, current);
        };
        if !self.can_build() {
            return Vec::new();
        }
        let written = object.own_str("name").unwrap_or_default();
        let Some(names) = self.copy_names(written, count, &loop_name) else {
            self.note(
                &at,
                msg!([
                    "a copy loop repeats this resource, and vnetplan cannot tell its copies' names apart: it is imported once, as written",
                    "une boucle copy répète cette ressource, et vnetplan ne sait pas distinguer les noms de ses copies : elle est importée une fois, telle qu’écrite"
                ]),
            );
            return self.read_once(object, read, current);
        };
        let scopes: Vec<Option<Scope<'a>>> =
            (0..count).map(|index| current.as_ref().map(|scope| scope.looping(&loop_name, index))).collect();
        let kept = self.kept_copies(object, &scopes, &names);
        let is_vnet = same_name(object.own_str("type").unwrap_or_default(), VNET_TYPE);
        let note = match (names.first(), names.last()) {
            (Some(first), Some(last)) => msg!(
                [
                    "a copy loop deploys this resource {count} times, from '{first}' to '{last}': each copy is read",
                    "une boucle copy déploie cette ressource {count} fois, de « {first} » à « {last} » : chaque copie est lue"
                ],
                count = count,
                first = first,
                last = last
            ),
            _ => msg!([
                "the copy loop's count is 0: Azure deploys no copy of this resource, so it is not imported",
                "le nombre de la boucle copy est 0 : Azure ne déploie aucune copie de cette ressource, elle n’est donc pas importée"
            ]),
        };
        self.note(&at, note);
        let mut read_copies = Vec::new();
        // ARM counts every copy toward a template's resources, whatever its condition decides.
        for (index, (scope, name)) in scopes.into_iter().zip(&names).enumerate() {
            if !self.build_one(&at) {
                break;
            }
            match kept.get(index).copied().unwrap_or(true) {
                true => read_copies.push((scope, true)),
                false if is_vnet => {
                    self.in_scope(scope, true, |reader| reader.vnet_left_out(object, name, read));
                }
                false => {}
            }
        }
        if is_vnet && names.is_empty() {
            read.vnets_left_out.insert(canonical(written));
        }
        read_copies
    }

    /// A resource read once, as written, in `scope`, when its condition keeps it.
    fn read_once(
        &mut self,
        object: &Obj<'_>,
        read: &mut TemplateRead,
        scope: Option<Scope<'a>>,
    ) -> Vec<(Option<Scope<'a>>, bool)> {
        if !self.deployed(object) {
            self.left_out(object, read);
            return Vec::new();
        }
        vec![(scope, self.in_copy)]
    }

    /// Which copies of a copied resource its condition keeps, each evaluated with its copy's
    /// number, as ARM does; one note says what the condition decided.
    fn kept_copies(&mut self, object: &Obj<'_>, scopes: &[Option<Scope<'a>>], names: &[String]) -> Vec<bool> {
        let Some((key, condition)) = lookup(object.map, "condition") else {
            return vec![true; scopes.len()];
        };
        let pointer = child_pointer(&object.pointer, key);
        let decided: Vec<Option<bool>> = scopes
            .iter()
            .map(|scope| match condition {
                Value::Bool(holds) => Some(*holds),
                written => scope.as_ref().and_then(|scope| scope.holds(written.as_str()?)),
            })
            .collect();
        let left: Vec<&str> = decided
            .iter()
            .zip(names)
            .filter(|(decided, _)| **decided == Some(false))
            .map(|(_, name)| name.as_str())
            .collect();
        let open = decided.iter().filter(|decided| decided.is_none()).count();
        let written = condition.as_str().map_or_else(|| quoted(condition), str::to_owned);
        if open > 0 {
            self.note(
                &pointer,
                msg!(
                    [
                        "deployed only when {condition}, which vnetplan cannot evaluate for {open} of the copies: they are imported as if it held",
                        "déployé seulement si {condition}, que vnetplan ne sait pas évaluer pour {open} des copies : elles sont importées comme si elle était vraie"
                    ],
                    condition = &written,
                    open = open
                ),
            );
        }
        if *condition == Value::Bool(false) {
            self.note(
                &pointer,
                msg!([
                    "the condition is false: Azure deploys no copy of this resource, so none is imported",
                    "la condition est fausse : Azure ne déploie aucune copie de cette ressource, aucune n’est donc importée"
                ]),
            );
        } else if !left.is_empty() {
            self.note(
                &pointer,
                msg!(
                    [
                        "deployed only when {condition}, which is false with the values the template states, {values}, for {count} of the copies: {names}; those are not imported",
                        "déployé seulement si {condition}, ce qui est faux avec les valeurs que le modèle indique, {values}, pour {count} des copies : {names} ; celles-ci ne sont pas importées"
                    ],
                    condition = &written,
                    count = left.len(),
                    names = listed_names(&left)
                )
                .with_message("values", self.stated_values().message()),
            );
        }
        let held = decided.iter().filter(|decided| **decided == Some(true)).count();
        if held > 0 && condition.is_string() {
            self.note(
                &pointer,
                msg!(
                    [
                        "deployed only when {condition}, which holds with the values the template states, {values}, for {held} of the {count} copies: those are imported; a deployment that passes others may leave them out",
                        "déployé seulement si {condition}, ce qui est vrai avec les valeurs que le modèle indique, {values}, pour {held} des {count} copies : celles-ci sont importées ; un déploiement qui en passe d’autres peut les omettre"
                    ],
                    condition = &written,
                    held = held,
                    count = decided.len()
                )
                .with_message("values", self.stated_values().message()),
            );
        }
        decided.into_iter().map(|decided| decided != Some(false)).collect()
    }

    /// Whether the name part `written`, a text or an expression, comes to `value`.
    fn comes_to(&self, written: &str, value: &str) -> bool {
        match self.template.as_ref().and_then(|scope| scope.text_value(written)) {
            Some(evaluated) => evaluated == value,
            None => !is_expression(written) && written == value,
        }
    }

    /// Adds a child subnet resource to the VNet it names.
    fn attach(
        &mut self,
        child: &ChildSubnet<'_>,
        vnets: &mut [(String, ReadVnet)],
        targets: &[Target],
        left_out: &HashSet<String>,
    ) -> Result<(), ImportError> {
        let object = &child.object;
        let pointer = child_pointer(&object.pointer, "name");
        let Some(full_name) = object.own_str("name") else {
            return Err(self.invalid(
                &pointer,
                msg!(["a subnet resource without a name", "une ressource de sous-réseau sans nom"]),
            ));
        };
        // A name built in one text (`format('net/sub{0}', copyIndex())`) splits once evaluated.
        let evaluated = self
            .template
            .as_ref()
            .and_then(|scope| scope.text_value(full_name))
            .filter(|name| name.matches('/').count() == 1);
        let written = child_name(full_name);
        let split = match (evaluated.as_deref().and_then(|name| name.split_once('/')), written) {
            // The parts as written, when each comes to its part of the whole, keep the notes on
            // where each value comes from.
            (Some((parent, name)), Some(parts))
                if self.comes_to(&parts.0, parent) && self.comes_to(&parts.1, name) =>
            {
                Some(parts)
            }
            (Some((parent, name)), _) => Some((parent.to_owned(), name.to_owned())),
            (None, written) => written,
        };
        let (index, name) = match (child.nested_in, split) {
            // A nested child may carry its VNet's name in front of its own, or not.
            (Some(index), Some((_, name))) => (index, name),
            (Some(index), None) => (index, full_name.to_owned()),
            (None, Some((parent, name))) => {
                let resolved = self.template.as_ref().and_then(|scope| scope.text_value(&parent));
                let names_it = |vnet: &str| {
                    same_text(vnet, &parent)
                        || resolved.as_deref().is_some_and(|value| same_text(vnet, value))
                };
                let target = self.target();
                let candidates = parent_candidates(vnets, targets, &target, names_it);
                match candidates.as_slice() {
                    [index] => (*index, name),
                    [_, _, ..] => {
                        // With its group or theirs unknown, any of them could be its VNet.
                        self.note(
                            &object.pointer,
                            msg!(
                                [
                                    "this subnet belongs to a VNet '{parent}', and the template declares {count} of that name in resource groups or subscriptions it may be deployed to: it is not imported; write it in the plan under the right one",
                                    "ce sous-réseau appartient à un VNet « {parent} », et le modèle en déclare {count} de ce nom dans des groupes de ressources ou des abonnements où il peut être déployé : il n’est pas importé ; écrivez-le dans le plan sous le bon"
                                ],
                                parent = parent,
                                count = candidates.len()
                            ),
                        );
                        return Ok(());
                    }
                    [] if left_out.contains(&canonical(&parent))
                        || resolved.as_deref().is_some_and(|value| left_out.contains(&canonical(value))) =>
                    {
                        let parent = resolved.unwrap_or(parent);
                        self.orphan(&object.pointer, &parent, true);
                        return Ok(());
                    }
                    [] => {
                        self.note(
                            &object.pointer,
                            msg!(
                                [
                                    "this subnet belongs to VNet '{parent}', which the template does not declare: it is not imported",
                                    "ce sous-réseau appartient au VNet « {parent} », que le modèle ne déclare pas : il n’est pas importé"
                                ],
                                parent = parent
                            ),
                        );
                        return Ok(());
                    }
                }
            }
            (None, None) => {
                self.note(
                    &pointer,
                    msg!(
                        [
                            "cannot tell which VNet '{name}' belongs to: the subnet is not imported",
                            "impossible de savoir à quel VNet appartient « {name} » : le sous-réseau n’est pas importé"
                        ],
                        name = full_name
                    ),
                );
                return Ok(());
            }
        };
        let Some((_, read)) = vnets.get_mut(index) else {
            return Ok(());
        };
        self.envelope(object);
        let name = self.text(&name, &pointer, Expect::Name);
        if let Some((key, computed)) = lookup(object.map, "properties").filter(|(_, value)| value.is_string())
        {
            // A template that patches a deployed subnet writes its whole settings as an
            // expression, such as union(reference(subnet), policies): read as written, it would
            // replace the subnet's prefix with none.
            let known = read.vnet.subnets.iter().any(|subnet| same_text(&subnet.name, &name));
            let message = if known {
                msg!(
                    [
                        "the settings of subnet '{name}' are computed by {computed}, which vnetplan does not evaluate: the values the template declares for it elsewhere are kept",
                        "les réglages du sous-réseau « {name} » sont calculés par {computed}, que vnetplan n’évalue pas : les valeurs que le modèle déclare ailleurs pour lui sont gardées"
                    ],
                    name = &name,
                    computed = quoted(computed)
                )
            } else {
                msg!(
                    [
                        "the settings of subnet '{name}' are computed by {computed}, which vnetplan does not evaluate: the subnet is not imported",
                        "les réglages du sous-réseau « {name} » sont calculés par {computed}, que vnetplan n’évalue pas : le sous-réseau n’est pas importé"
                    ],
                    name = &name,
                    computed = quoted(computed)
                )
            };
            self.note(&child_pointer(&object.pointer, key), message);
            return Ok(());
        }
        let before = self.notes.len();
        let (subnet, more) = self.subnet(object, Some(name))?;
        let subnets = &mut read.vnet.subnets;
        match subnets.iter_mut().find(|inline| same_text(&inline.name, &subnet.name)) {
            // Exports declare every subnet twice, alike; the inline copy already has its notes.
            Some(inline) if *inline == subnet => self.unsay(before, |_| true),
            Some(inline) => {
                self.note(
                    &object.pointer,
                    msg!(
                        [
                            "subnet '{name}' is declared inside its VNet and again as a resource, differently; the resource is deployed last, so its values are kept",
                            "le sous-réseau « {name} » est déclaré dans son VNet et de nouveau comme ressource, différemment ; la ressource est déployée en dernier, ses valeurs sont donc gardées"
                        ],
                        name = &subnet.name
                    ),
                );
                *inline = subnet;
            }
            None => subnets.push(subnet),
        }
        for extra in more {
            if !subnets.iter().any(|known| same_text(&known.name, &extra.name)) {
                subnets.push(extra);
            }
        }
        Ok(())
    }
}

/// The VNets a `vnet/subnet` resource deployed to `target` may belong to, of those `names_it`
/// accepts: one declared in its own place; else one in its known resource group and a
/// subscription it may be in; else one where either group is unknown. Declarations of one VNet
/// in one known place are one VNet, which the import keeps as its last copy: that copy alone
/// stands for them, so that the subnet stays on the VNet the plan keeps.
fn parent_candidates(
    vnets: &[(String, ReadVnet)],
    targets: &[Target],
    target: &Target,
    names_it: impl Fn(&str) -> bool,
) -> Vec<usize> {
    let read = |index: usize| vnets.get(index).map(|(_, read)| read);
    let named: Vec<usize> =
        (0..vnets.len()).filter(|&index| read(index).is_some_and(|read| names_it(&read.vnet.name))).collect();
    let same_place =
        |index: &usize| targets.get(*index).is_some_and(|declared| declared.place == target.place);
    let reachable = |index: &usize, exact: bool| {
        let (Some(read), Some(declared)) = (read(*index), targets.get(*index)) else { return false };
        let group = &read.vnet.resource_group;
        let place = if exact {
            same_name(group, &target.resource_group)
                && group != TEMPLATE_RESOURCE_GROUP
                && !declared.unresolved_place
        } else {
            may_share_group(group, &target.resource_group)
        };
        place && same_subscription(read.subscription.as_deref(), target.subscription.as_deref())
    };
    let steps: [Vec<usize>; 3] = [
        named.iter().copied().filter(same_place).collect(),
        named.iter().copied().filter(|index| reachable(index, true)).collect(),
        named.iter().copied().filter(|index| reachable(index, false)).collect(),
    ];
    let chosen = steps.into_iter().find(|step| !step.is_empty()).unwrap_or_default();
    // What the import merges: one name in one known group and subscription.
    let merged_as = |index: usize| {
        let (read, declared) = (read(index)?, targets.get(index)?);
        let name = &read.vnet.name;
        (!declared.unresolved_place && !is_expression(name)).then(|| {
            let subscription = read.subscription.as_deref().map(str::to_ascii_lowercase);
            (canonical(name), read.vnet.resource_group.to_ascii_lowercase(), subscription)
        })
    };
    // Merged VNets share a name, so the namesakes hold every copy.
    let mut last_copy = HashMap::new();
    for &index in &named {
        if let Some(key) = merged_as(index) {
            last_copy.insert(key, index);
        }
    }
    let mut kept: Vec<usize> = Vec::new();
    for index in chosen {
        let last = merged_as(index).and_then(|key| last_copy.get(&key).copied()).unwrap_or(index);
        if !kept.contains(&last) {
            kept.push(last);
        }
    }
    kept
}

/// For each item after the first of its name and group, read in another deployment where
/// something about either stays unresolved, its new name and a note at its pointer.
fn apart<'n>(
    items: impl Iterator<Item = ((&'n str, &'n mut String, &'n str), &'n Target)>,
) -> Vec<(String, crate::text::Message)> {
    let key = |name: &str, group: &str| (canonical(name), group.to_ascii_lowercase());
    let mut seen: HashMap<(String, String), Vec<&Target>> = HashMap::new();
    let mut notes = Vec::new();
    for ((pointer, name, group), target) in items {
        let uncertain = |other: &&Target| {
            other.deployment != target.deployment
                && (is_expression(name) || other.unresolved_place || target.unresolved_place)
        };
        let clash = seen.get(&key(name, group)).is_some_and(|others| others.iter().any(uncertain));
        if clash {
            let place = target.deployment.as_ref().map_or("template", |(_, deployment)| deployment.as_str());
            let distinct = crate::names::told_apart(name, &format!("deployment {place}"));
            notes.push((
                pointer.to_owned(),
                msg!(
                    [
                        "another deployment of the template also declares '{name}', where a name, resource group or subscription stays unresolved; the two may be different resources, so this one is named '{distinct}' in the plan",
                        "un autre déploiement du modèle déclare aussi « {name} », où un nom, un groupe de ressources ou un abonnement reste non résolu ; ce peuvent être deux ressources différentes, celle-ci est donc nommée « {distinct} » dans le plan"
                    ],
                    name = name.as_str(),
                    distinct = &distinct
                ),
            ));
            *name = distinct;
        }
        seen.entry(key(name, group)).or_default().push(target);
    }
    notes
}

/// The resources of a template: a list, or (language version 2.0) an object keyed by
/// symbolic name.
fn resources<'a>(root: &Obj<'a>) -> Vec<(Option<&'a str>, Field<'a>)> {
    let Some((key, value)) = lookup(root.map, "resources") else {
        return Vec::new();
    };
    let base = child_pointer(&root.pointer, key);
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, value)| (None, Field { value, pointer: format!("{base}/{index}") }))
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| (Some(key.as_str()), Field { value, pointer: child_pointer(&base, key) }))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a resource is one the template refers to (`"existing": true`, language version 2.0)
/// rather than one it deploys.
fn is_existing(object: &Obj<'_>) -> bool {
    lookup(object.map, "existing").is_some_and(|(_, value)| *value == Value::Bool(true))
}

/// Names compared as ARM compares them, and expressions compared without their spacing.
fn same_text(left: &str, right: &str) -> bool {
    canonical(left) == canonical(right)
}

fn canonical(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

/// Splits a child resource's name `vnet/subnet` into its VNet's name and its own. Names built
/// by `concat(…)` or `format('{0}/{1}', …)`, as exported and compiled templates write them,
/// are split where a literal slash separates the parts, each part kept as text or expression.
pub(super) fn child_name(full_name: &str) -> Option<(String, String)> {
    let pieces = match full_name.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
        Some(inner) if is_expression(full_name) => joined_pieces(inner)?,
        _ => vec![Piece::Literal(full_name.to_owned())],
    };
    let mut parts: Vec<Vec<Piece>> = vec![Vec::new()];
    for piece in pieces {
        match piece {
            Piece::Literal(text) => {
                let mut split = text.split('/');
                if let (Some(first), Some(current)) = (split.next(), parts.last_mut()) {
                    if !first.is_empty() {
                        current.push(Piece::Literal(first.to_owned()));
                    }
                }
                for rest in split {
                    parts.push(if rest.is_empty() {
                        Vec::new()
                    } else {
                        vec![Piece::Literal(rest.to_owned())]
                    });
                }
            }
            expression @ Piece::Expression(_) => {
                if let Some(current) = parts.last_mut() {
                    current.push(expression);
                }
            }
        }
    }
    let [parent, child] = parts.as_slice() else {
        return None;
    };
    Some((part_text(parent)?, part_text(child)?))
}

/// One part of a split name as the plan keeps it: literal text, or one expression in brackets.
fn part_text(pieces: &[Piece]) -> Option<String> {
    match pieces {
        [Piece::Literal(text)] => Some(text.clone()),
        [Piece::Expression(expression)] => Some(format!("[{expression}]")),
        _ => None,
    }
}

/// The deployment name in `resourceId(…, 'Microsoft.Resources/deployments', name)`, or in the
/// `extensionResourceId` call that compiled Bicep writes for a module deployed to another
/// resource group, with the values `scope` states, and the resource group it names when that
/// can be read.
fn deployment_named(scope: &Scope<'_>, target: &str) -> Option<(String, Option<String>)> {
    let (function, arguments) = call(target)?;
    let at = arguments.iter().position(|argument| {
        scope.argument(argument).is_some_and(|kind| same_name(&kind, DEPLOYMENT_TYPE))
    })?;
    let name = scope.argument(arguments.get(at + 1)?)?;
    let before = arguments.get(..at)?;
    let group = if same_name(function, "resourceId") {
        match before {
            [] => Some(scope.default_group().to_owned()),
            [.., group] => scope.argument(group),
        }
    } else if same_name(function, "extensionResourceId") {
        // The scope is an id such as format('/subscriptions/{0}/resourceGroups/{1}', …), whose
        // subscription is usually `subscription().subscriptionId`, which no template states.
        let [Piece::Expression(parent)] = before else { return None };
        let pieces = joined_pieces(parent)?;
        let text: String =
            pieces.iter().map(|piece| scope.argument(piece).unwrap_or_else(|| "?".to_owned())).collect();
        id_segment(&text, "resourceGroups").filter(|group| *group != "?").map(str::to_owned)
    } else {
        return None;
    };
    Some((name, group))
}

/// A note on a copy loop's count past ARM's limit.
fn over_copy_limit(count: u64) -> Message {
    msg!(
        [
            "this copy loop's count, {count}, is more than the 800 copies ARM allows: a deployment of this template fails; the plan holds the first 800",
            "le nombre de cette boucle copy, {count}, dépasse les 800 copies qu’ARM autorise : un déploiement de ce modèle échoue ; le plan contient les 800 premières"
        ],
        count = count
    )
}

/// Names for a note: the first ten, then how many more.
pub(super) fn listed_names(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    match names.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => {
            format!("{}, and {more} more", names.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", "))
        }
        _ => names.join(", "),
    }
}

/// The names the copies get from the `written` one, each read in its copy's scope, when each
/// resolves and no two are the same, whatever their case, as Azure compares names: copies that
/// could not be told apart would merge into one.
pub(super) fn names_apart<'s>(copies: impl Iterator<Item = Scope<'s>>, written: &str) -> Option<Vec<String>> {
    let names: Vec<String> = copies.map(|scope| scope.name_of(written)).collect::<Option<_>>()?;
    distinct(&names).then_some(names)
}

/// Whether no two names are the same, whatever their case.
fn distinct(names: &[String]) -> bool {
    let mut sorted: Vec<String> = names.iter().map(|name| name.to_lowercase()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.len() == names.len()
}

/// A property copy loop a reader expands: `copy[]` entry `name`, which builds `count` items
/// from `input`, each in `scope` with `copyIndex(name)` bound to its number.
pub(super) struct PropertyLoop<'o, 'a> {
    pub(super) name: &'o str,
    pub(super) count: u64,
    pub(super) input: Obj<'o>,
    pub(super) scope: Scope<'a>,
    pub(super) pointer: String,
}

impl<'a> Reader<'a> {
    /// The property copy loops of `object` that build its `property` (`subnets`,
    /// `agentPoolProfiles`). One whose count or input cannot be read is noted with `unreadable`
    /// and left out; a count past ARM's 800 is noted and cut to 800.
    pub(super) fn property_loops<'o>(
        &mut self,
        object: &Obj<'o>,
        property: &str,
        unreadable: &Message,
    ) -> Vec<PropertyLoop<'o, 'a>> {
        let Some(loops) = object.object("properties").and_then(|properties| properties.raw("copy")) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for copy in loops.objects() {
            let Some(name) = copy.str("name").filter(|name| same_name(name, property)) else {
                continue;
            };
            let count = copy.get("count").and_then(|field| self.whole_number(&field, Expect::Copies));
            let (Some(count), Some(input), Some(scope)) =
                (count, copy.object("input"), self.template.clone())
            else {
                self.note(&copy.pointer, unreadable.clone());
                continue;
            };
            if count > COPY_LIMIT {
                self.note(&copy.pointer, over_copy_limit(count));
            }
            found.push(PropertyLoop {
                name,
                count: count.min(COPY_LIMIT),
                input,
                scope,
                pointer: copy.pointer,
            });
        }
        found
    }
}
