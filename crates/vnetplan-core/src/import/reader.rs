//! Reading one document's objects into plan values, with a note for everything the plan
//! cannot hold as written, and the template expressions that values may be.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use serde_json::{Map, Value};

use super::json::{id_name, is_set, listed, lookup, same_name, Field, Obj};
use super::template::Module;
use super::{ImportError, ImportNote};
use crate::parse::child_pointer;
use crate::text::{Message, Text};

/// Fields every template resource may have, which the template reader handles itself
/// (`condition`, `copy`, `resources`) or which only order the deployment.
const RESOURCE_FIELDS: &[&str] =
    &["apiVersion", "comments", "condition", "copy", "dependsOn", "metadata", "resources", "scope"];

/// Reads one document's objects and collects its notes.
pub(super) struct Reader<'a> {
    pub(super) document: usize,
    /// The template being read, whose expressions refer to its parameters and variables;
    /// `None` for CLI and REST output.
    pub(super) template: Option<Scope<'a>>,
    /// The nested deployments of the template, whose outputs its other resources may read.
    pub(super) modules: Vec<Module<'a>>,
    pub(super) notes: Vec<ImportNote>,
    /// Each note's place and words, so that what a copy loop says once per copy is said once.
    said: HashSet<(String, String)>,
    /// Set while a copy of a loop is read: what a value comes to is then noted for the first
    /// copy that reads it, which shows how the loop builds them.
    pub(super) in_copy: bool,
    /// The places where a copy has noted what a value comes to.
    valued: HashSet<String>,
    /// How many more items the document's copy loops and lists may build.
    built: usize,
}

/// The most items the copy loops and the lists of one document build: ARM deploys at most 800
/// resources from a template, whose expanded form stays under 4 MB, and a VNet holds at most
/// 3,000 subnets, while loops nested in loops could otherwise make millions.
const BUILT_LIMIT: usize = 5_000;

/// What a string field holds, which decides what an unresolved expression in it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expect {
    Name,
    Location,
    Cidr,
    Service,
    /// A count of nodes, which the plan needs as a number.
    Count,
    /// A pool's pods per node, which AKS's default for the network mode replaces.
    MaxPods,
    /// How many copies a template's copy loop makes, whose consequence its own note gives.
    Copies,
    /// A switch such as `enablePrivateCluster`, which the plan needs as true or false.
    Flag,
}

impl Expect {
    fn consequence(self) -> Text {
        match self {
            Self::Cidr => text!(
                "the plan keeps its text, which the check reports as unresolved until you write the deployed value",
                "le plan garde son texte, que la vérification signale comme non résolu tant que la valeur déployée n’est pas écrite"
            ),
            Self::Name => text!("the plan keeps its text as the name", "le plan garde son texte comme nom"),
            Self::Location => text!(
                "the plan leaves the resource's region unset, so it is taken to be in the plan's region",
                "le plan laisse la région de la ressource non renseignée, elle est donc supposée dans la région du plan"
            ),
            Self::Service => text!(
                "the plan keeps its text as the delegation's service",
                "le plan garde son texte comme service de la délégation"
            ),
            Self::Count => text!(
                "the plan cannot count it; write the deployed number in the plan",
                "le plan ne peut pas le compter ; écrivez dans le plan le nombre déployé"
            ),
            Self::MaxPods => text!(
                "the plan takes AKS's default pods per node for the cluster's network mode; write the deployed number in the plan",
                "le plan prend le nombre de pods par nœud par défaut d’AKS pour le mode réseau du cluster ; écrivez dans le plan le nombre déployé"
            ),
            Self::Copies => text!(
                "vnetplan cannot tell how many copies the loop makes",
                "vnetplan ne peut pas savoir combien de copies la boucle produit"
            ),
            Self::Flag => text!(
                "the plan takes the setting as off; write the deployed value in the plan",
                "le plan considère le réglage comme désactivé ; écrivez dans le plan la valeur déployée"
            ),
        }
    }
}

impl<'a> Reader<'a> {
    pub(super) fn new(document: usize) -> Self {
        Self {
            document,
            template: None,
            modules: Vec::new(),
            notes: Vec::new(),
            said: HashSet::new(),
            in_copy: false,
            valued: HashSet::new(),
            built: BUILT_LIMIT,
        }
    }

    pub(super) fn note(&mut self, pointer: &str, text: Message) {
        let note = ImportNote::new(Some(self.document), pointer, text);
        if self.said.insert((note.pointer.clone(), note.message.clone())) {
            self.notes.push(note);
        }
    }

    /// Takes back the notes said after the first `from` that `taken_back` picks, so that they
    /// may be said again.
    pub(super) fn unsay(&mut self, from: usize, taken_back: impl Fn(&ImportNote) -> bool) {
        let since = self.notes.split_off(from.min(self.notes.len()));
        for note in since {
            if taken_back(&note) {
                self.valued.remove(&note.pointer);
                self.said.remove(&(note.pointer, note.message));
            } else {
                self.notes.push(note);
            }
        }
    }

    /// Notes what an expression's value came to, unless another copy of a loop has noted it
    /// at the same place: the copies' values differ, and the first shows how they are built.
    pub(super) fn value_note(&mut self, pointer: &str, text: Message) {
        if !self.in_copy || self.valued.insert(pointer.to_owned()) {
            self.note(pointer, text);
        }
    }

    /// Runs `read` with the template's scope set to `scope` and `in_copy` to whether a copy of
    /// a loop is read, then restores both, whatever `read` returns.
    pub(super) fn in_scope<T>(
        &mut self,
        scope: Option<Scope<'a>>,
        in_copy: bool,
        read: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let own = std::mem::replace(&mut self.template, scope);
        let outer_copy = std::mem::replace(&mut self.in_copy, in_copy);
        let result = read(self);
        self.template = own;
        self.in_copy = outer_copy;
        result
    }

    /// A subnet's setting that holds something once evaluated: compiled Bicep writes one that
    /// an item of a loop may lack as `json('null')`, `tryGet(…)` or an empty list.
    /// One that comes to nothing is noted, since other values may give the subnet the setting.
    pub(super) fn setting<'f>(&mut self, object: &Obj<'f>, key: &str) -> Option<Field<'f>> {
        let field = object.get(key)?;
        let text = field.value.as_str().unwrap_or_default();
        let Some(scope) = self.template.as_ref().filter(|scope| scope.is_nothing(text)) else {
            return Some(field);
        };
        let note = scope.nothing_note(text);
        self.value_note(&field.pointer, note);
        None
    }

    /// Whether the document's loops and lists may still build anything.
    pub(super) fn can_build(&self) -> bool {
        self.built > 0
    }

    /// Takes one item from what the document's loops and lists may still build: `false` once
    /// they have built [`BUILT_LIMIT`], which is noted the first time, at `pointer`.
    pub(super) fn build_one(&mut self, pointer: &str) -> bool {
        if self.built == 0 {
            return false;
        }
        self.built -= 1;
        if self.built == 0 {
            self.note(
                pointer,
                msg!(
                    [
                        "the document's copy loops and lists build more than {limit} items, far more than ARM deploys from one template: what they build past this one is not imported",
                        "les boucles copy et les listes du document construisent plus de {limit} éléments, bien plus qu’ARM n’en déploie depuis un modèle : ce qu’elles construisent après celui-ci n’est pas importé"
                    ],
                    limit = BUILT_LIMIT
                ),
            );
        }
        true
    }

    pub(super) fn invalid(&self, pointer: &str, message: Message) -> ImportError {
        ImportError::Invalid { document: self.document, pointer: pointer.to_owned(), message }
    }

    /// Notes every field of `object` that holds something and that neither the reader reads
    /// (`read`) nor the module leaves out on purpose (`informational`).
    pub(super) fn unread(&mut self, object: &Obj<'_>, read: &[&str], informational: &[&str]) {
        let envelope = if self.template.is_some() { RESOURCE_FIELDS } else { &[] };
        for (key, field) in object.fields() {
            if listed(read, key) || listed(informational, key) || listed(envelope, key) {
                continue;
            }
            if is_set(field.value) {
                self.note(
                    &field.pointer,
                    msg!(
                        [
                            "'{key}' is not imported: the plan has no place for it",
                            "« {key} » n’est pas importé : le plan n’a pas de place pour ce champ"
                        ],
                        key = key
                    ),
                );
            }
        }
    }

    /// The object's name, which everything else about it hangs on.
    /// `what` names the kind of object; the French texts around it take a masculine noun.
    pub(super) fn name(&mut self, object: &Obj<'_>, what: Text) -> Result<String, ImportError> {
        match object.get("name") {
            Some(field) => match field.value.as_str() {
                Some(text) => Ok(self.text(text, &field.pointer, Expect::Name)),
                None => Err(self.invalid(
                    &field.pointer,
                    msg!([
                        "the name of a {what} must be a string",
                        "le nom d’un {what} doit être une chaîne"
                    ])
                    .with_message("what", what.message()),
                )),
            },
            None => Err(self.invalid(
                &child_pointer(&object.pointer, "name"),
                msg!(["a {what} without a name", "un {what} sans nom"]).with_message("what", what.message()),
            )),
        }
    }

    /// A string field as the plan keeps it: in a template, an expression whose value the
    /// template states is replaced by it, and any other stays as written; both are noted.
    pub(super) fn text(&mut self, text: &str, pointer: &str, expect: Expect) -> String {
        match self.resolve(text, pointer, expect) {
            Resolved::Text(kept) => kept,
            Resolved::List(items) => {
                // A list where one value is expected: the first stands for the field.
                items.into_iter().next().unwrap_or_default()
            }
        }
    }

    fn resolve(&mut self, text: &str, pointer: &str, expect: Expect) -> Resolved {
        let Some(scope) = &self.template else {
            return Resolved::Text(text.to_owned());
        };
        if !is_expression(text) {
            return Resolved::Text(unescaped(text));
        }
        if let Some((source, value)) = scope.literal(text) {
            let shown = match &value {
                Resolved::Text(kept) => kept.clone(),
                Resolved::List(items) => items.join(", "),
            };
            self.value_note(pointer, source.note(text, &shown));
            return value;
        }
        match scope.built(text) {
            Some(value) => {
                self.value_note(pointer, scope.built_source().note(text, &value));
                Resolved::Text(value)
            }
            None if scope.oversized(text) => {
                self.note(
                    pointer,
                    msg!(
                        [
                            "'{expression}' stands for a value longer than any name, range or list of them that vnetplan reads: {consequence}",
                            "« {expression} » désigne une valeur plus longue que tout nom, toute plage ou liste de plages que lit vnetplan : {consequence}"
                        ],
                        expression = text
                    )
                    .with_message("consequence", expect.consequence().message()),
                );
                Resolved::Text(text.to_owned())
            }
            None => {
                self.note(pointer, unresolved(text, expect));
                Resolved::Text(text.to_owned())
            }
        }
    }

    /// The items of a list field: as written, or in a template, when the field is an
    /// expression that comes to a list the template states (`[parameters('subnets')]`), that
    /// list's items, which notes place at the field, and a note saying where they come from.
    /// `None` for an expression that comes to no list, which the caller notes.
    pub(super) fn list_items<'f>(&mut self, field: &Field<'f>) -> Option<Vec<Field<'f>>>
    where
        'a: 'f,
    {
        let Some(text) = field.value.as_str() else {
            return Some(field.items());
        };
        let items = self.template.as_ref()?.json(text)?.as_array()?;
        self.value_note(
            &field.pointer,
            msg!(
                [
                    "'{expression}' comes to a list of {count} that the template states, each read here",
                    "« {expression} » donne une liste de {count} que le modèle indique, chacun lu ici"
                ],
                expression = text,
                count = items.len()
            ),
        );
        let mut read = Vec::new();
        for value in items {
            if !self.build_one(&field.pointer) {
                break;
            }
            read.push(Field { value, pointer: field.pointer.clone() });
        }
        Some(read)
    }

    /// A whole number: a JSON number, or in a template an expression whose value the template
    /// states as one, which is noted. `None` for null, and for anything else with a note of what
    /// the plan makes of it (`expect`), since a count read as nothing is zero or a default; an
    /// expression the template does not state is noted as unresolved.
    pub(super) fn whole_number(&mut self, field: &Field<'_>, expect: Expect) -> Option<u64> {
        let text = match field.value {
            Value::Null => return None,
            Value::Number(number) if number.as_u64().is_some() => return number.as_u64(),
            Value::String(text) if is_expression(text) => text,
            other => {
                self.note(&field.pointer, wrong_kind(other, expect));
                return None;
            }
        };
        let stated = self.template.as_ref()?.number(text);
        self.noted(&field.pointer, text, stated, expect)
    }

    /// A switch: a JSON boolean, or in a template an expression whose value the template states
    /// as one (`true`, or the text `"True"`), which is noted. `None` when the field is absent,
    /// null or anything else, which is noted; an expression the template does not state is noted
    /// as unresolved.
    pub(super) fn flag(&mut self, object: &Obj<'_>, key: &str) -> Option<bool> {
        let field = object.raw(key)?;
        let text = match field.value {
            Value::Null => return None,
            Value::Bool(on) => return Some(*on),
            Value::String(text) if is_expression(text) => text,
            other => {
                self.note(&field.pointer, wrong_kind(other, Expect::Flag));
                return None;
            }
        };
        let stated = self.template.as_ref()?.switch(text);
        self.noted(&field.pointer, text, stated, Expect::Flag)
    }

    /// Notes what the template expression `text` at `pointer` came to: the value the template
    /// states for it, or nothing, with what that means for a field that holds `expect`.
    fn noted<T: ToString>(
        &mut self,
        pointer: &str,
        text: &str,
        stated: Option<(Source, T)>,
        expect: Expect,
    ) -> Option<T> {
        match stated {
            Some((source, value)) => {
                self.value_note(pointer, source.note(text, &value.to_string()));
                Some(value)
            }
            None => {
                self.note(pointer, unresolved(text, expect));
                None
            }
        }
    }

    /// The objects of a list, noting each item that is something else: a pool or a peering
    /// dropped without a word would leave the plan short of nodes or routes.
    pub(super) fn objects<'f>(&mut self, field: &Field<'f>) -> Vec<Obj<'f>> {
        let mut objects = Vec::new();
        for item in field.items() {
            match Obj::new(item.value, item.pointer.clone()) {
                Some(object) => objects.push(object),
                None => self.note(
                    &item.pointer,
                    msg!(
                        [
                            "expected an object here, found {found}; not imported",
                            "un objet était attendu ici, trouvé {found} ; non importé"
                        ],
                        found = quoted(item.value)
                    ),
                ),
            }
        }
        objects
    }

    /// A list of strings: items that are not strings are noted, and in a template an
    /// expression standing for the whole list gives the list it resolves to, or itself.
    pub(super) fn strings(&mut self, field: &Field<'_>, expect: Expect) -> Vec<String> {
        match field.value {
            Value::String(text) => match self.resolve(text, &field.pointer, expect) {
                Resolved::Text(kept) => vec![kept],
                Resolved::List(items) => items,
            },
            Value::Array(_) => field
                .items()
                .into_iter()
                .filter_map(|item| match item.value.as_str() {
                    Some(text) => Some(self.text(text, &item.pointer, expect)),
                    None => {
                        self.note(&item.pointer, not_a_string(item.value));
                        None
                    }
                })
                .collect(),
            other => {
                self.note(
                    &field.pointer,
                    msg!(
                        [
                            "expected a list of strings, found {found}; not imported",
                            "une liste de chaînes était attendue, trouvé {found} ; non importé"
                        ],
                        found = quoted(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    /// A string field, noting a value of another type.
    pub(super) fn string(&mut self, object: &Obj<'_>, key: &str, expect: Expect) -> Option<String> {
        let field = object.get(key)?;
        match field.value.as_str() {
            Some(text) => Some(self.text(text, &field.pointer, expect)),
            None => {
                self.note(&field.pointer, not_a_string(field.value));
                None
            }
        }
    }

    /// The region a resource is in, in the short form the plan uses (`eastus2`): templates
    /// often spell the display name (`East US 2`).
    pub(super) fn location(&mut self, object: &Obj<'_>) -> Option<String> {
        let field = object.get("location")?;
        let Some(text) = field.value.as_str() else {
            self.note(&field.pointer, not_a_string(field.value));
            return None;
        };
        let text = self.text(text, &field.pointer, Expect::Location);
        if is_expression(&text) {
            return Some(text);
        }
        let short: String =
            text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if short != text {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "'{text}' becomes '{short}', the short form the plan uses",
                        "« {text} » devient « {short} », la forme courte qu’utilise le plan"
                    ],
                    text = &text,
                    short = &short
                ),
            );
        }
        Some(short)
    }

    /// The resource group an object names, or the one in its id.
    pub(super) fn resource_group(&self, object: &Obj<'_>) -> Option<String> {
        object
            .str("resourceGroup")
            .or_else(|| object.str("id").and_then(super::json::id_resource_group))
            .map(str::to_owned)
    }

    /// The subscription a resource's own id names, when it has one.
    pub(super) fn subscription(&self, object: &Obj<'_>) -> Option<String> {
        if let Some(scope) = &self.template {
            return scope.target.subscription.clone();
        }
        object.own_str("id").filter(|id| !is_expression(id)).and_then(super::json::id_subscription)
    }

    /// The name of the resource a `{ "id": … }` reference points to, or "" without one.
    pub(super) fn reference_name(&self, object: &Obj<'_>, key: &str) -> String {
        object.object(key).and_then(|reference| reference.str("id")).map_or_else(String::new, |id| {
            // A template computes the id; its text says more than any part of it.
            if is_expression(id) {
                id.to_owned()
            } else {
                id_name(id).to_owned()
            }
        })
    }
}

/// A value an expression resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Resolved {
    Text(String),
    List(Vec<String>),
}

/// That the template expression `text` stays unresolved, and what that means for a field that
/// holds `expect`.
fn unresolved(text: &str, expect: Expect) -> Message {
    msg!(
        [
            "'{expression}' is a template expression that vnetplan cannot resolve: {consequence}",
            "« {expression} » est une expression de modèle que vnetplan ne sait pas résoudre : {consequence}"
        ],
        expression = text
    )
    .with_message("consequence", expect.consequence().message())
}

/// A value of the wrong type where a count or a switch belongs, with what the plan makes of it.
fn wrong_kind(value: &Value, expect: Expect) -> Message {
    let message = match expect {
        Expect::Flag => msg!(
            [
                "expected true or false here, found {found}: {consequence}",
                "true ou false était attendu ici, trouvé {found} : {consequence}"
            ],
            found = quoted(value)
        ),
        _ => msg!(
            [
                "expected a whole number here, found {found}: {consequence}",
                "un nombre entier était attendu ici, trouvé {found} : {consequence}"
            ],
            found = quoted(value)
        ),
    };
    message.with_message("consequence", expect.consequence().message())
}

fn not_a_string(value: &Value) -> Message {
    msg!(
        [
            "expected a string here, found {found}; not imported",
            "une chaîne était attendue ici, trouvé {found} ; non importé"
        ],
        found = quoted(value)
    )
}

/// A value as the document wrote it, cut short when long.
pub(super) fn quoted(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text,
    }
}

pub(super) use crate::names::is_expression;

/// The longest id [`Scope::evaluate`] builds: variables that join one another could otherwise double
/// a text at every step.
const ID_LIMIT: usize = 2048;
/// How many calls [`Scope::evaluate`] evaluates for one id: real ids take a handful, while variables
/// that refer to one another in a cycle, which ARM refuses, or that each join several others
/// would otherwise keep it busy without end.
const ID_CALLS: usize = 128;

/// The most items ARM's `range` makes, and the largest number it may reach.
const RANGE_LIMIT: i64 = 10_000;
const END_LIMIT: i64 = 2_147_483_647;

/// The most items a list parameter or variable may hold to be read: address spaces and
/// delegations hold a handful.
const LIST_LIMIT: usize = 64;

/// Whether a parameter's or variable's value is small enough to copy into every field that
/// refers to it: no longer than any name, range or id, and a list no more than [`LIST_LIMIT`]
/// items, even empty ones, whose whole length is what counts. A longer one would cost memory
/// out of all proportion to the template, so it stays unresolved.
fn fits(value: &Value) -> bool {
    let length = |value: &Value| value.as_str().map_or(0, str::len);
    match value {
        Value::Array(items) => {
            items.len() <= LIST_LIMIT && items.iter().map(length).sum::<usize>() <= ID_LIMIT
        }
        single => length(single) <= ID_LIMIT,
    }
}

/// A template string as ARM reads it: `[[` escapes the bracket of a text that would otherwise
/// be an expression, one that also ends with `]`; any other text is as written.
fn unescaped(text: &str) -> String {
    match text.strip_prefix("[[").filter(|_| text.ends_with(']')) {
        Some(rest) => format!("[{rest}"),
        None => text.to_owned(),
    }
}

/// What a template's expressions can refer to.
#[derive(Clone)]
pub(super) struct Scope<'a> {
    parameters: Option<&'a Map<String, Value>>,
    variables: Option<&'a Map<String, Value>>,
    /// Set for a nested template whose deployment evaluates it in its own scope.
    passed: Option<Passed<'a>>,
    pub(super) target: Target,
    /// The resource group a `resourceId` that names none means. ARM evaluates a nested
    /// template in `outer` scope, its default, as its parent: there it stays the parent's group
    /// even though the resources go to the deployment's.
    id_group: String,
    /// The copy of the resource's own loop being read: what `copyIndex()` counts.
    resource_copy: Option<Copying>,
    /// The copy of the property loop being read, inside the resource's: only its name reaches it.
    property_copy: Option<Copying>,
}

/// One copy of a copy loop: the loop's name and the copy's number.
#[derive(Clone)]
struct Copying {
    name: String,
    index: u64,
}

/// Where a template's resources are deployed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Target {
    /// [`super::TEMPLATE_RESOURCE_GROUP`] unless a nested deployment names its group.
    pub(super) resource_group: String,
    /// The subscription a nested deployment names; `None` is the deployment's own.
    pub(super) subscription: Option<String>,
    /// The nested deployment, by pointer, and its name: two deployments' resources whose
    /// names or groups are unresolved need not be the same resources.
    pub(super) deployment: Option<(String, String)>,
    /// The pointer of the nearest deployment that names its group or subscription; `None` for
    /// the top-level template's place. Resources of one place are surely in one group.
    pub(super) place: Option<String>,
    /// Whether the deployment computes its group or subscription in a way vnetplan cannot follow.
    pub(super) unresolved_place: bool,
}

impl Target {
    /// Where a top-level template deploys: a resource group it does not name.
    pub(super) fn unnamed() -> Self {
        Self {
            resource_group: super::TEMPLATE_RESOURCE_GROUP.to_owned(),
            subscription: None,
            deployment: None,
            place: None,
            unresolved_place: false,
        }
    }
}

/// The values a nested deployment gives its template's parameters, as the template that holds
/// the deployment writes them: often its own parameters, passed on.
#[derive(Clone)]
struct Passed<'a> {
    values: Option<&'a Map<String, Value>>,
    from: Box<Scope<'a>>,
    /// Whether the values come from a parameter file or a deployment's record, whose values
    /// are plain JSON rather than expressions of a template.
    plain: bool,
}

/// Where a resolved value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Parameter(String),
    Variable(String),
    PassedIn(String),
    /// Built by template functions from such values; `nested` when a deployment passes the
    /// template's parameters.
    Built {
        nested: bool,
    },
}

impl Source {
    fn note(&self, expression: &str, value: &str) -> Message {
        match self {
            Self::Parameter(name) => msg!(
                [
                    "'{expression}' takes the default value of parameter '{name}', '{value}'; a deployment that passes another value differs",
                    "« {expression} » prend la valeur par défaut du paramètre « {name} », « {value} » ; un déploiement qui passe une autre valeur diffère"
                ],
                expression = expression,
                name = name,
                value = value
            ),
            Self::Variable(name) => msg!(
                [
                    "'{expression}' takes the value of variable '{name}', '{value}'",
                    "« {expression} » prend la valeur de la variable « {name} », « {value} »"
                ],
                expression = expression,
                name = name,
                value = value
            ),
            Self::PassedIn(name) => msg!(
                [
                    "'{expression}' takes the value its deployment passes to parameter '{name}', '{value}'",
                    "« {expression} » prend la valeur que son déploiement passe au paramètre « {name} », « {value} »"
                ],
                expression = expression,
                name = name,
                value = value
            ),
            Self::Built { nested: true } => msg!(
                [
                    "'{expression}' comes to '{value}' with the values the template states, each parameter at the value its deployment passes or else at its default; a deployment that passes others differs",
                    "« {expression} » donne « {value} » avec les valeurs que le modèle indique, chaque paramètre à la valeur que son déploiement passe, sinon à sa valeur par défaut ; un déploiement qui en passe d’autres diffère"
                ],
                expression = expression,
                value = value
            ),
            Self::Built { nested: false } => msg!(
                [
                    "'{expression}' comes to '{value}' with the values the template states, parameters at their defaults; a deployment that passes others differs",
                    "« {expression} » donne « {value} » avec les valeurs que le modèle indique, paramètres à leur valeur par défaut ; un déploiement qui en passe d’autres diffère"
                ],
                expression = expression,
                value = value
            ),
        }
    }
}

impl<'a> Scope<'a> {
    /// The scope of a top-level template, deployed to a resource group it does not name.
    pub(super) fn of(template: &'a Map<String, Value>) -> Self {
        let section = |key: &str| lookup(template, key).and_then(|(_, value)| value.as_object());
        Self {
            parameters: section("parameters"),
            variables: section("variables"),
            passed: None,
            target: Target::unnamed(),
            id_group: super::TEMPLATE_RESOURCE_GROUP.to_owned(),
            resource_copy: None,
            property_copy: None,
        }
    }

    /// The scope of a top-level template deployed with `values` from a parameter file, written
    /// as a deployment passes them to a nested template.
    pub(super) fn given(template: &'a Map<String, Value>, values: &'a Map<String, Value>) -> Self {
        let plain = Self::of(template);
        let passed = Passed { values: Some(values), from: Box::new(plain.clone()), plain: true };
        Self { passed: Some(passed), ..plain }
    }

    /// This scope with its resources deployed to resource group `group` of `subscription`, as a
    /// deployment that ran says.
    pub(super) fn deployed_to(self, group: &str, subscription: Option<&str>) -> Self {
        let target = Target {
            resource_group: group.to_owned(),
            subscription: subscription.map(str::to_owned),
            ..self.target.clone()
        };
        Self { id_group: group.to_owned(), target, ..self }
    }

    /// The scope of a template nested in a deployment that evaluates it on its own (`inner`),
    /// given `values` for its parameters from this one.
    pub(super) fn inner(
        &self,
        template: &'a Map<String, Value>,
        values: Option<&'a Map<String, Value>>,
        target: Target,
    ) -> Self {
        Self {
            passed: Some(Passed { values, from: Box::new(self.clone()), plain: false }),
            id_group: target.resource_group.clone(),
            target,
            ..Self::of(template)
        }
    }

    /// The resource group a `resourceId` that names none means here.
    pub(super) fn default_group(&self) -> &str {
        &self.id_group
    }

    /// This scope with its resources deployed to `target`: a nested deployment that evaluates
    /// its template in the enclosing one's scope (`outer`, ARM's default).
    pub(super) fn outer(&self, target: Target) -> Self {
        Self { target, ..self.clone() }
    }

    /// This scope while copy `index` of the property copy loop `name` is read.
    pub(super) fn copying(&self, name: &str, index: u64) -> Self {
        Self { property_copy: Some(Copying { name: name.to_owned(), index }), ..self.clone() }
    }

    /// This scope while copy `index` of the resource's own copy loop `name` is read.
    pub(super) fn looping(&self, name: &str, index: u64) -> Self {
        Self { resource_copy: Some(Copying { name: name.to_owned(), index }), ..self.clone() }
    }

    /// The text a template expression builds from literals, the parameters and variables the
    /// template states, and the functions [`Self::term`] follows: names such as
    /// `format('{0}-aks', parameters('prefix'))`, and subnet and VNet ids as exported and
    /// quickstart templates build them, often in variables. An id that names no subscription,
    /// as templates rarely do, starts at its resource group; one that names no group is in
    /// [`Self::default_group`].
    pub(super) fn evaluate(&self, text: &str) -> Option<String> {
        self.computed(text)?.into_text()
    }

    /// The list or object an expression comes to, as the template writes it.
    pub(super) fn json(&self, text: &str) -> Option<&'a Value> {
        match self.computed(text)? {
            Term::Json(value) => Some(value),
            _ => None,
        }
    }

    /// Whether an expression comes to null, or to an empty list or object.
    pub(super) fn is_nothing(&self, text: &str) -> bool {
        match self.computed(text) {
            Some(Term::Null) => true,
            Some(Term::Json(Value::Array(items))) => items.is_empty(),
            Some(Term::Json(Value::Object(map))) => map.is_empty(),
            _ => false,
        }
    }

    /// Whether a resource's `condition` holds with the values the template states: compiled
    /// Bicep writes `if` on a resource, and quickstarts write `newOrExisting`, this way.
    pub(super) fn holds(&self, condition: &str) -> Option<bool> {
        self.computed(condition)?.switch()
    }

    /// What the expression `[…]` comes to, within [`ID_CALLS`] calls.
    fn computed(&self, text: &str) -> Option<Term<'a>> {
        let inner = text.strip_prefix('[')?.strip_suffix(']').filter(|_| is_expression(text))?;
        let mut calls = ID_CALLS;
        self.term(&Piece::Expression(inner.to_owned()), &mut calls)
    }

    /// What `called` comes to, reached into by `accessors` (`[…]`, `.name`). Kept out of
    /// [`Self::term`], whose frame every nested call repeats, so that its locals cost stack only
    /// where an expression reaches into a list or object.
    #[inline(never)]
    fn reached(&self, called: &str, accessors: Vec<Accessor<'_>>, calls: &mut usize) -> Option<Term<'a>> {
        let mut term = self.term(&Piece::Expression(called.to_owned()), calls)?;
        // A text that is an expression, in a list or object a parameter's default or a
        // variable writes, is evaluated where it is written (compiled Bicep writes
        // `var subnets = [{ prefix: cidrSubnet(space, 24, 0) }]` so).
        let mut home = match self.found(&format!("[{called}]")) {
            Some((Source::PassedIn(_), _, _)) if self.passed.as_ref().is_some_and(|passed| passed.plain) => {
                Home::Plain
            }
            found => Home::Written(found.map_or(self, |(_, _, scope)| scope)),
        };
        for accessor in accessors {
            let member = match accessor {
                Accessor::Property(name) => Term::Text(name.to_owned()),
                Accessor::Index(piece) => self.term(&piece, calls)?,
            };
            term = match (term, member) {
                (Term::Json(Value::Object(map)), Term::Text(name)) => {
                    home.member(lookup(map, &name)?.1, calls)?
                }
                (Term::Json(Value::Array(items)), Term::Number(index)) => {
                    home.member(items.get(usize::try_from(index).ok()?)?, calls)?
                }
                (Term::Looped { name, count, input }, Term::Number(index)) if (0..count).contains(&index) => {
                    // A variable's copy loop builds each item alone, with only its own number.
                    let copy = Copying { name: name.to_owned(), index: u64::try_from(index).ok()? };
                    let scope = Self { resource_copy: None, property_copy: Some(copy), ..self.clone() };
                    home = Home::Copy(Box::new(scope));
                    home.member(input, calls)?
                }
                (Term::Range { start, count }, Term::Number(index)) if (0..count).contains(&index) => {
                    Term::Number(start.checked_add(index)?)
                }
                _ => return None,
            };
        }
        Some(term)
    }

    /// What `piece` comes to, evaluating at most `calls` more calls: literals, whole numbers,
    /// the parameters and variables the template states, with their lists' items and objects'
    /// properties (`[…]`, `.name`, `tryGet`, `length`); `resourceId`, `concat`, `format`,
    /// `replace`, `substring`, `toLower`, `toUpper`, `string`, `int`, `first` or `last` of a
    /// `split` text, `coalesce`, `createArray()`, `null()`, and `copyIndex` of the property loop
    /// being read; and the tests a condition makes: `equals`, `not`, `and`, `or`, `bool`,
    /// `empty`, the comparisons of whole numbers, and `if`, of which only the branch taken is
    /// evaluated, as ARM does. Anything else, or a call whose arguments ARM would refuse, comes
    /// to nothing rather than to a guess.
    fn term(&self, piece: &Piece, calls: &mut usize) -> Option<Term<'a>> {
        let expression = match piece {
            Piece::Literal(text) => return Some(Term::Text(text.clone())),
            // Each call copies its text, so a long one, built to be, would cost far more memory.
            Piece::Expression(expression) if expression.len() > ID_LIMIT => return None,
            Piece::Expression(expression) => expression.trim(),
        };
        *calls = calls.checked_sub(1)?;
        if let Ok(number) = expression.parse::<i64>() {
            return Some(Term::Number(number));
        }
        let (called, accessors) = accessed(expression)?;
        if !accessors.is_empty() {
            return self.reached(called, accessors, calls);
        }
        let (function, arguments) = call(expression)?;
        let function = function.to_ascii_lowercase();
        let text = |piece: &Piece, calls: &mut usize| self.term(piece, calls)?.into_text();
        // The string functions refuse a number, as `concat`, `format` and `string` do not.
        let only_text = |piece: &Piece, calls: &mut usize| match self.term(piece, calls)? {
            Term::Text(text) => Some(text),
            _ => None,
        };
        // .NET maps one character to one where Rust may make several (`ß` to `SS`), so a
        // case change is only made where both agree.
        let ascii = |piece: &Piece, calls: &mut usize| only_text(piece, calls).filter(|text| text.is_ascii());
        let term = match (function.as_str(), arguments.as_slice()) {
            ("variables", [Piece::Literal(name)]) if self.found(&format!("[{expression}]")).is_none() => {
                self.variable_loop(name, calls)?
            }
            ("parameters" | "variables", _) => {
                let (_, value, scope) = self.found(&format!("[{expression}]"))?;
                match value {
                    Value::String(written) if fits(value) => {
                        match written.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
                            Some(inner) if is_expression(written) => {
                                scope.term(&Piece::Expression(inner.to_owned()), calls)?
                            }
                            _ => Term::Text(unescaped(written)),
                        }
                    }
                    Value::String(_) => return None,
                    other => Term::of(other)?,
                }
            }
            ("concat" | "format", _) => {
                let pieces = joined_pieces(expression)?;
                let parts: Option<Vec<String>> = pieces.iter().map(|piece| text(piece, calls)).collect();
                Term::Text(parts?.concat())
            }
            ("tolower", [argument]) => Term::Text(ascii(argument, calls)?.to_ascii_lowercase()),
            ("toupper", [argument]) => Term::Text(ascii(argument, calls)?.to_ascii_uppercase()),
            ("string", [argument]) => Term::Text(text(argument, calls)?),
            ("replace", [original, old, new]) => {
                let (original, old, new) =
                    (only_text(original, calls)?, only_text(old, calls)?, only_text(new, calls)?);
                // ARM refuses an empty text to replace.
                if old.is_empty() {
                    return None;
                }
                // Measured first, so that a text too long to keep is never built.
                let grown = original.matches(old.as_str()).count().checked_mul(new.len())?;
                if original.len().checked_add(grown)? > ID_LIMIT {
                    return None;
                }
                Term::Text(original.replace(&old, &new))
            }
            // ARM asks for the start, though Learn's table calls it optional.
            ("substring", [original, start, rest @ ..]) if rest.len() <= 1 => {
                // ARM counts UTF-16 units; in ASCII they are bytes.
                let original = ascii(original, calls)?;
                let mut number = |piece: &Piece| usize::try_from(self.term(piece, calls)?.number()?).ok();
                let start = number(start)?;
                let end = match rest.first() {
                    Some(length) => start.checked_add(number(length)?)?,
                    None => original.len(),
                };
                Term::Text(original.get(start..end)?.to_owned())
            }
            ("first" | "last", [Piece::Expression(inner)]) => {
                // Only the part of a split text, as templates take a name out of an id:
                // last(split(parameters('vnetId'), '/')).
                let (split, parts) = call(inner)?;
                let [whole, Piece::Literal(separator)] = parts.as_slice() else { return None };
                if !same_name(split, "split") || separator.is_empty() {
                    return None;
                }
                let whole = only_text(whole, calls)?;
                let part = match function.as_str() {
                    "first" => whole.split(separator.as_str()).next(),
                    _ => whole.rsplit(separator.as_str()).next(),
                };
                Term::Text(part?.to_owned())
            }
            ("resourceid", _) => {
                let values: Option<Vec<String>> = arguments.iter().map(|piece| text(piece, calls)).collect();
                Term::Text(self.resource_id(&values?)?)
            }
            ("int", [argument]) => match self.term(argument, calls)? {
                Term::Number(number) => Term::Number(number),
                Term::Text(digits) => Term::Number(digits.parse().ok()?),
                Term::Switch(_) | Term::Json(_) | Term::Null | Term::Range { .. } | Term::Looped { .. } => {
                    return None
                }
            },
            ("true" | "false", [Piece::Expression(nothing)]) if nothing.is_empty() => {
                Term::Switch(function == "true")
            }
            ("bool", [argument]) => Term::Switch(match self.term(argument, calls)? {
                Term::Switch(on) => on,
                Term::Text(word) if word.eq_ignore_ascii_case("true") => true,
                Term::Text(word) if word.eq_ignore_ascii_case("false") => false,
                // Learn: 0 is false and every other whole number true.
                Term::Number(number) => number != 0,
                _ => return None,
            }),
            ("not", [argument]) => Term::Switch(!self.term(argument, calls)?.switch()?),
            ("and" | "or", [_, _, ..]) => {
                // ARM stops at the first argument that decides, which Bicep's `&&` and `||`
                // rely on to guard what follows (`!empty(list) && list[0] == 'x'`).
                let decisive = function == "or";
                for argument in &arguments {
                    if self.term(argument, calls)?.switch()? == decisive {
                        return Some(Term::Switch(decisive));
                    }
                }
                Term::Switch(!decisive)
            }
            ("equals", [left, right]) => {
                let (left, right) = (self.term(left, calls)?, self.term(right, calls)?);
                // How ARM compares a text with a number is not documented.
                if std::mem::discriminant(&left) != std::mem::discriminant(&right) {
                    return None;
                }
                // Case counts: Bicep writes its case-blind `=~` as equals of two toLower calls.
                Term::Switch(left == right)
            }
            ("empty", [argument]) => match self.term(argument, calls)? {
                Term::Text(text) => Term::Switch(text.is_empty()),
                Term::Json(Value::Array(items)) => Term::Switch(items.is_empty()),
                Term::Json(Value::Object(map)) => Term::Switch(map.is_empty()),
                Term::Looped { count, .. } => Term::Switch(count == 0),
                _ => return None,
            },
            ("range", [start, count]) => {
                let (start, count) = (self.term(start, calls)?.number()?, self.term(count, calls)?.number()?);
                // Learn (template-functions-array, range): the count is at most 10,000, and the
                // start plus the count at most the largest 32-bit whole number.
                if !(0..=RANGE_LIMIT).contains(&count)
                    || start.checked_add(count).is_none_or(|end| end > END_LIMIT)
                {
                    return None;
                }
                Term::Range { start, count }
            }
            ("contains", [container, item]) => {
                let item = self.term(item, calls)?;
                Term::Switch(match (self.term(container, calls)?, item) {
                    // Learn: a text's comparison counts case; an object's keys do not.
                    (Term::Text(text), Term::Text(part)) => text.contains(&part),
                    (Term::Json(Value::Object(map)), Term::Text(key)) => lookup(map, &key).is_some(),
                    (Term::Json(Value::Array(items)), item @ (Term::Text(_) | Term::Number(_))) => {
                        items.iter().any(|value| Term::of(value).as_ref() == Some(&item))
                    }
                    (Term::Range { start, count }, Term::Number(number)) => {
                        number.checked_sub(start).is_some_and(|offset| (0..count).contains(&offset))
                    }
                    _ => return None,
                })
            }
            ("cidrsubnet", [network, size, index]) => {
                let network = only_text(network, calls)?;
                let (size, index) = (self.term(size, calls)?.number()?, self.term(index, calls)?.number()?);
                Term::Text(cidr_subnet(&network, size, index)?)
            }
            ("cidrhost", [network, index]) => {
                let network = only_text(network, calls)?;
                Term::Text(cidr_host(&network, self.term(index, calls)?.number()?)?)
            }
            ("json", [Piece::Literal(text)]) if text.trim() == "null" => Term::Null,
            ("length", [argument]) => Term::Number(match self.term(argument, calls)? {
                // ARM counts UTF-16 units; in ASCII they are bytes.
                Term::Text(text) if text.is_ascii() => i64::try_from(text.len()).ok()?,
                Term::Json(Value::Array(items)) => i64::try_from(items.len()).ok()?,
                Term::Json(Value::Object(map)) => i64::try_from(map.len()).ok()?,
                Term::Range { count, .. } | Term::Looped { count, .. } => count,
                _ => return None,
            }),
            ("tryget", [object, key]) => {
                let Term::Json(Value::Object(map)) = self.term(object, calls)? else { return None };
                let Term::Text(key) = self.term(key, calls)? else { return None };
                lookup(map, &key).map_or(Some(Term::Null), |(_, value)| Term::of(value))?
            }
            ("coalesce", [_, ..]) => {
                for argument in &arguments {
                    match self.term(argument, calls)? {
                        Term::Null => continue,
                        found => return Some(found),
                    }
                }
                Term::Null
            }
            ("createarray", [Piece::Expression(nothing)]) if nothing.is_empty() => Term::Json(&EMPTY_LIST),
            ("null", [Piece::Expression(nothing)]) if nothing.is_empty() => Term::Null,
            ("copyindex", _) => {
                let named = |name: &str| {
                    [&self.property_copy, &self.resource_copy]
                        .into_iter()
                        .flatten()
                        .find(|copying| same_name(name, &copying.name))
                };
                let (copying, offset) = match arguments.as_slice() {
                    [Piece::Expression(nothing)] if nothing.is_empty() => {
                        (self.resource_copy.as_ref()?, None)
                    }
                    [Piece::Literal(name)] => (named(name)?, None),
                    [Piece::Literal(name), offset] => (named(name)?, Some(offset)),
                    [offset @ Piece::Expression(_)] => (self.resource_copy.as_ref()?, Some(offset)),
                    _ => return None,
                };
                let offset = match offset {
                    Some(offset) => self.term(offset, calls)?.number()?,
                    None => 0,
                };
                Term::Number(i64::try_from(copying.index).ok()?.checked_add(offset)?)
            }
            ("greater" | "greaterorequals" | "less" | "lessorequals", [left, right]) => {
                // Texts compare in an order ARM does not spell out, so only numbers are compared.
                let left = self.term(left, calls)?.number()?;
                let right = self.term(right, calls)?.number()?;
                Term::Switch(match function.as_str() {
                    "greater" => left > right,
                    "greaterorequals" => left >= right,
                    "less" => left < right,
                    _ => left <= right,
                })
            }
            ("if", [condition, chosen, otherwise]) => {
                let branch = match self.term(condition, calls)?.switch()? {
                    true => chosen,
                    false => otherwise,
                };
                self.term(branch, calls)?
            }
            _ => return None,
        };
        match &term {
            Term::Text(text) if text.len() > ID_LIMIT => None,
            _ => Some(term),
        }
    }

    /// The id `resourceId` builds from its evaluated arguments.
    fn resource_id(&self, values: &[String]) -> Option<String> {
        // A subscription id or a group name holds no slash; a resource type always does.
        let at = values.iter().position(|value| value.contains('/'))?;
        // ARM takes 'Microsoft.Network/virtualNetworks/subnets/', as many templates write it.
        let (namespace, types) = values.get(at)?.trim_end_matches('/').split_once('/')?;
        let names = values.get(at + 1..)?;
        let types: Vec<&str> = types.split('/').collect();
        if types.len() != names.len() {
            return None;
        }
        let mut id = match values.get(..at)? {
            [] => format!("/resourceGroups/{}", self.id_group),
            [group] => format!("/resourceGroups/{group}"),
            [subscription, group] => format!("/subscriptions/{subscription}/resourceGroups/{group}"),
            _ => return None,
        };
        id.push_str("/providers/");
        id.push_str(namespace);
        for (kind, name) in types.iter().zip(names) {
            id.push_str(&format!("/{kind}/{name}"));
        }
        Some(id)
    }

    /// What `[parameters('x')]` (its default) or `[variables('x')]` stands for, as the template
    /// writes it. ARM matches these names without regard to case.
    fn stated(&self, text: &str) -> Option<(Source, &'a Value)> {
        self.found(text).map(|(source, value, _)| (source, value))
    }

    /// What [`Self::stated`] finds, with the scope its value is written in: a value that a
    /// deployment passes is an expression of the template holding the deployment.
    fn found(&self, text: &str) -> Option<(Source, &'a Value, &Self)> {
        let inner = text.strip_prefix('[')?.strip_suffix(']')?;
        let (function, arguments) = call(inner)?;
        let [Piece::Literal(name)] = arguments.as_slice() else {
            return None;
        };
        if same_name(function, "parameters") {
            if let Some(passed) = &self.passed {
                if let Some((_, given)) = passed.values.and_then(|values| lookup(values, name)) {
                    // A Key Vault `reference` instead of a `value` is a secret, never a range.
                    let (_, value) = lookup(given.as_object()?, "value")?;
                    let from = passed.from.as_ref();
                    return match value.as_str().filter(|text| is_expression(text)) {
                        Some(expression) => from
                            .found(expression)
                            .or_else(|| Some((Source::PassedIn(name.clone()), value, from))),
                        // A list or object passed as written holds expressions of the template
                        // that passes it.
                        None if !passed.plain => Some((Source::PassedIn(name.clone()), value, from)),
                        None => Some((Source::PassedIn(name.clone()), value, self)),
                    };
                }
            }
            let (_, parameter) = lookup(self.parameters?, name)?;
            let (_, value) = lookup(parameter.as_object()?, "defaultValue")?;
            Some((Source::Parameter(name.clone()), value, self))
        } else if same_name(function, "variables") {
            let (_, value) = lookup(self.variables?, name)?;
            Some((Source::Variable(name.clone()), value, self))
        } else {
            None
        }
    }

    /// The expression that `text`, a `[parameters('x')]` or `[variables('x')]`, stands for when
    /// its value is another expression, followed to the end, with the scope it is written in:
    /// compiled Bicep passes one module's output to another module as a parameter. A chain that
    /// does not end, which ARM refuses, stops after [`ID_CALLS`] steps.
    pub(super) fn written<'s>(&'s self, text: &'s str) -> (&'s Self, &'s str) {
        let (mut scope, mut text) = (self, text);
        for _ in 0..ID_CALLS {
            match scope.found(text) {
                Some((_, Value::String(next), from)) if is_expression(next) => (scope, text) = (from, next),
                _ => break,
            }
        }
        (scope, text)
    }

    /// The whole number an expression stands for, when the template states it as one or it
    /// comes to one.
    fn number(&self, text: &str) -> Option<(Source, u64)> {
        let stated = self.stated(text).and_then(|(source, value)| match value {
            Value::Number(number) => Some((source, number.as_u64()?)),
            Value::String(digits) => Some((source, digits.trim().parse().ok()?)),
            _ => None,
        });
        stated.or_else(|| {
            let number = u64::try_from(self.computed(text)?.number()?).ok()?;
            Some((self.built_source(), number))
        })
    }

    /// The switch an expression stands for, when the template states it as a boolean or as the
    /// text `true` or `false`, which ARM converts to one, or it comes to one.
    fn switch(&self, text: &str) -> Option<(Source, bool)> {
        let stated = self.stated(text).and_then(|(source, value)| match value {
            Value::Bool(on) => Some((source, *on)),
            Value::String(word) if word.eq_ignore_ascii_case("true") => Some((source, true)),
            Value::String(word) if word.eq_ignore_ascii_case("false") => Some((source, false)),
            _ => None,
        });
        stated.or_else(|| Some((self.built_source(), self.holds(text)?)))
    }

    /// Where a value that template functions build comes from.
    /// Says that the expression `text` comes to nothing with the values this scope states.
    fn nothing_note(&self, text: &str) -> Message {
        msg!(
            [
                "'{expression}' comes to nothing with the values the template states, {values}: the subnet is read without this setting, which a deployment that passes others may give it",
                "« {expression} » ne donne rien avec les valeurs que le modèle indique, {values} : le sous-réseau est lu sans ce réglage, qu’un déploiement qui en passe d’autres peut lui donner"
            ],
            expression = text
        )
        .with_message("values", self.stated_values().message())
    }

    /// The list that the copy loop of variable `name` builds (ARM's variable iteration, which
    /// compiled Bicep writes for `var x = [for …]`), when its count is one the template states,
    /// within ARM's 800.
    fn variable_loop(&self, name: &str, calls: &mut usize) -> Option<Term<'a>> {
        let (_, loops) = lookup(self.variables?, "copy")?;
        let found = loops.as_array()?.iter().find(|copy| {
            copy.get("name").and_then(Value::as_str).is_some_and(|loop_name| same_name(loop_name, name))
        })?;
        let (name, input) = (found.get("name")?.as_str()?, found.get("input")?);
        let count = match found.get("count")? {
            Value::Number(number) => number.as_i64()?,
            Value::String(text) if is_expression(text) => {
                let inner = text.strip_prefix('[')?.strip_suffix(']')?;
                self.term(&Piece::Expression(inner.to_owned()), calls)?.number()?
            }
            _ => return None,
        };
        let limit = i64::try_from(super::aks::COPY_LIMIT).ok()?;
        (0..=limit).contains(&count).then_some(Term::Looped { name, count, input })
    }

    /// Which values this scope's expressions are evaluated with.
    fn stated_values(&self) -> Text {
        stated_values(self.is_nested())
    }

    fn built_source(&self) -> Source {
        Source::Built { nested: self.is_nested() }
    }

    /// The value of `[parameters('x')]` or `[variables('x')]` when the template states it as a
    /// literal string or list of strings that [`fits`].
    fn literal(&self, text: &str) -> Option<(Source, Resolved)> {
        let (source, value) = self.stated(text).filter(|(_, value)| fits(value))?;
        let plain = |value: &Value| value.as_str().filter(|text| !is_expression(text)).map(unescaped);
        let resolved = match value {
            Value::Array(items) => Resolved::List(items.iter().map(plain).collect::<Option<Vec<String>>>()?),
            single => Resolved::Text(plain(single)?),
        };
        Some((source, resolved))
    }

    /// Whether a deployment passes this template's parameters.
    pub(super) fn is_nested(&self) -> bool {
        self.passed.is_some()
    }

    /// Whether `text` names a parameter or variable whose string or list is too long to read.
    fn oversized(&self, text: &str) -> bool {
        self.stated(text).is_some_and(|(_, value)| !fits(value))
    }

    /// A name as written, or what the expression it is comes to.
    pub(super) fn name_of(&self, written: &str) -> Option<String> {
        match is_expression(written) {
            true => self.text_value(written),
            false => Some(unescaped(written)),
        }
    }

    /// The string an expression stands for, without a note: for matching names.
    pub(super) fn text_value(&self, text: &str) -> Option<String> {
        match self.literal(text) {
            Some((_, Resolved::Text(value))) => Some(value),
            Some((_, Resolved::List(_))) => None,
            None => self.built(text),
        }
    }

    /// What [`Self::evaluate`] builds, as a name or range: an id placed in a top-level
    /// template's unknown resource group names nothing real.
    fn built(&self, text: &str) -> Option<String> {
        self.evaluate(text).filter(|value| !value.contains(super::TEMPLATE_RESOURCE_GROUP))
    }

    /// A literal argument, or a `parameters`/`variables` call whose value is a literal string.
    pub(super) fn argument(&self, piece: &Piece) -> Option<String> {
        match piece {
            Piece::Literal(text) => Some(text.clone()),
            Piece::Expression(expression) => match self.literal(&format!("[{expression}]"))? {
                (_, Resolved::Text(text)) => Some(text),
                (_, Resolved::List(_)) => None,
            },
        }
    }
}

/// A value a template expression comes to, of the kinds vnetplan follows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term<'a> {
    Text(String),
    Number(i64),
    Switch(bool),
    /// A list or an object the template writes, read where it stands.
    Json(&'a Value),
    /// What `tryGet` gives for a property an object lacks, which `coalesce` passes over.
    Null,
    /// The whole numbers `range(start, count)` lists, as Bicep's `for i in range(…)` loops.
    Range {
        start: i64,
        count: i64,
    },
    /// The list a variable's copy loop builds (Bicep's `var x = [for …]`): `count` items, each
    /// `input` evaluated with `copyIndex(name)` at its number.
    Looped {
        name: &'a str,
        count: i64,
        input: &'a Value,
    },
}

/// Where the texts of a list or object reached by accessors are evaluated when they are
/// expressions.
enum Home<'s, 'a> {
    /// In the scope that writes the list or object.
    Written(&'s Scope<'a>),
    /// In one copy of a variable's copy loop.
    Copy(Box<Scope<'a>>),
    /// Nowhere: a parameter file's values are plain JSON.
    Plain,
}

impl<'a> Home<'_, 'a> {
    fn member(&self, value: &'a Value, calls: &mut usize) -> Option<Term<'a>> {
        let scope = match self {
            Self::Written(scope) => Some(*scope),
            Self::Copy(scope) => Some(scope.as_ref()),
            Self::Plain => None,
        };
        match value.as_str() {
            Some(text) if is_expression(text) => {
                let inner = text.strip_prefix('[')?.strip_suffix(']')?;
                scope?.term(&Piece::Expression(inner.to_owned()), calls)
            }
            _ => Term::of(value),
        }
    }
}

/// What `createArray()` makes: compiled Bicep writes `subnet.?delegations ?? []` with it.
static EMPTY_LIST: Value = Value::Array(Vec::new());

impl<'a> Term<'a> {
    /// A value written in a parameter's or variable's list or object. A text there that is an
    /// expression is evaluated where it is written, by the accessor that reaches it: `None`
    /// here.
    fn of(value: &'a Value) -> Option<Self> {
        match value {
            Value::Bool(on) => Some(Self::Switch(*on)),
            Value::Number(number) => Some(Self::Number(number.as_i64()?)),
            Value::String(text) if is_expression(text) => None,
            Value::String(text) => Some(Self::Text(unescaped(text))),
            Value::Array(_) | Value::Object(_) => Some(Self::Json(value)),
            Value::Null => Some(Self::Null),
        }
    }

    /// The term as a name, range or id: ARM writes a whole number into text as its digits
    /// (`concat('10.', parameters('octet'), '.0.0/16')`); a boolean names nothing.
    fn into_text(self) -> Option<String> {
        match self {
            Self::Text(text) => Some(text),
            Self::Number(number) => Some(number.to_string()),
            Self::Switch(_) | Self::Json(_) | Self::Null | Self::Range { .. } | Self::Looped { .. } => None,
        }
    }

    fn number(self) -> Option<i64> {
        match self {
            Self::Number(number) => Some(number),
            _ => None,
        }
    }

    fn switch(self) -> Option<bool> {
        match self {
            Self::Switch(on) => Some(on),
            _ => None,
        }
    }
}

/// An argument of a template function: a quoted string or any other expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Literal(String),
    Expression(String),
}

/// What follows a call to reach into the list or object it comes to.
#[derive(Debug)]
enum Accessor<'e> {
    /// `.name`
    Property(&'e str),
    /// `[expression]`
    Index(Piece),
}

/// Splits `parameters('subnets')[copyIndex('subnets')].name`, as compiled Bicep reads a loop's
/// item, into its call and what follows it; a plain call has nothing after it.
fn accessed(expression: &str) -> Option<(&str, Vec<Accessor<'_>>)> {
    let open = expression.find('(')?;
    let (mut depth, mut quoted, mut close) = (0_usize, false, None);
    for (index, character) in expression.char_indices().skip_while(|(index, _)| *index < open) {
        match character {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    close = Some(index);
                    break;
                }
            }
            _ => {}
        }
    }
    let (called, mut rest) = expression.split_at(close? + 1);
    let mut accessors = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            let (name, next) = after.split_at(end);
            if name.is_empty() {
                return None;
            }
            accessors.push(Accessor::Property(name));
            rest = next;
        } else if rest.starts_with('[') {
            let (mut depth, mut quoted, mut end) = (0_usize, false, None);
            for (index, character) in rest.char_indices() {
                match character {
                    '\'' => quoted = !quoted,
                    '[' | '(' if !quoted => depth += 1,
                    ']' | ')' if !quoted => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            end = Some(index);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = end?;
            accessors.push(Accessor::Index(piece(rest.get(1..end)?)));
            rest = rest.get(end + 1..)?;
        } else {
            return None;
        }
    }
    Some((called, accessors))
}

/// Reads `function(argument, …)`, splitting the arguments at their top-level commas.
pub(super) fn call(expression: &str) -> Option<(&str, Vec<Piece>)> {
    let expression = expression.trim();
    let open = expression.find('(')?;
    let function = expression.get(..open)?.trim();
    let body = expression.get(open + 1..)?.strip_suffix(')')?;
    let mut arguments = Vec::new();
    let (mut depth, mut quoted, mut start) = (0_usize, false, 0);
    for (index, character) in body.char_indices() {
        match character {
            // A quote inside a string is doubled, which toggles twice and changes nothing.
            '\'' => quoted = !quoted,
            '(' | '[' if !quoted => depth += 1,
            ')' | ']' if !quoted => depth = depth.checked_sub(1)?,
            ',' if !quoted && depth == 0 => {
                arguments.push(piece(body.get(start..index)?));
                start = index + 1;
            }
            _ => {}
        }
    }
    if quoted || depth != 0 {
        return None;
    }
    arguments.push(piece(body.get(start..)?));
    Some((function, arguments))
}

fn piece(argument: &str) -> Piece {
    let argument = argument.trim();
    match argument.strip_prefix('\'').and_then(|rest| rest.strip_suffix('\'')) {
        Some(text) => Piece::Literal(text.replace("''", "'")),
        None => Piece::Expression(argument.to_owned()),
    }
}

/// The pieces a `concat` or `format` call joins, as names and ids are built.
pub(super) fn joined_pieces(inner: &str) -> Option<Vec<Piece>> {
    let (function, arguments) = call(inner)?;
    if same_name(function, "concat") {
        return Some(arguments);
    }
    if !same_name(function, "format") {
        return None;
    }
    let (Piece::Literal(pattern), values) = arguments.split_first()? else {
        return None;
    };
    // Doubled braces are .NET's escapes for one brace, which no name or id holds.
    if pattern.contains("{{") || pattern.contains("}}") {
        return None;
    }
    let mut pieces = Vec::new();
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        let close = after.find('}')?;
        if before.contains('}') {
            return None;
        }
        let index: usize = after.get(1..close)?.parse().ok()?;
        if !before.is_empty() {
            pieces.push(Piece::Literal(before.to_owned()));
        }
        pieces.push(values.get(index)?.clone());
        rest = after.get(close + 1..)?;
    }
    if rest.contains('}') {
        return None;
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_owned()));
    }
    Some(pieces)
}

/// Which values a template's expressions are evaluated with: `nested` when a deployment or a
/// parameter file passes its parameters.
pub(super) fn stated_values(nested: bool) -> Text {
    match nested {
        true => text!(
            "each parameter at the value its deployment passes or else at its default",
            "chaque paramètre à la valeur que son déploiement passe, sinon à sa valeur par défaut"
        ),
        false => text!("parameters at their defaults", "paramètres à leur valeur par défaut"),
    }
}

/// A network range in CIDR notation, with its address as a number and the largest prefix length
/// of its family. `None` for anything else, and for a range whose address has bits set past its
/// prefix, whose treatment Learn does not state.
fn network_of(network: &str) -> Option<(IpNet, u128, u8)> {
    let net: IpNet = network.trim().parse().ok()?;
    if net.trunc() != net {
        return None;
    }
    let address = match net.network() {
        IpAddr::V4(address) => u128::from(u32::from(address)),
        IpAddr::V6(address) => u128::from(address),
    };
    Some((net, address, net.max_prefix_len()))
}

/// The address `number` in the family of `like`.
fn address_like(like: &IpNet, number: u128) -> Option<IpAddr> {
    Some(match like {
        IpNet::V4(_) => IpAddr::V4(Ipv4Addr::from(u32::try_from(number).ok()?)),
        IpNet::V6(_) => IpAddr::V6(Ipv6Addr::from(number)),
    })
}

/// ARM's `cidrSubnet(network, newCIDR, subnetIndex)`: the range of prefix length `size` at
/// `index` among those that split `network` (Learn, template-functions-cidr). `None` where ARM
/// fails: a size shorter than the network's or longer than its family's, or an index past the
/// last range.
fn cidr_subnet(network: &str, size: i64, index: i64) -> Option<String> {
    let (net, address, max) = network_of(network)?;
    let size = u8::try_from(size).ok().filter(|size| (net.prefix_len()..=max).contains(size))?;
    let index = u128::try_from(index).ok()?;
    // There are 2^(size - prefix) ranges; a shift of 128 leaves every index in bounds.
    if index.checked_shr(u32::from(size - net.prefix_len())).unwrap_or(0) != 0 {
        return None;
    }
    let offset = index.checked_shl(u32::from(max - size)).unwrap_or(0);
    let subnet = IpNet::new(address_like(&net, address.checked_add(offset)?)?, size).ok()?;
    Some(subnet.to_string())
}

/// ARM's `cidrHost(network, hostIndex)`: the usable address at `index`, counted from the one
/// after the network's own (Learn, template-functions-cidr: index 0 of 192.168.1.0/24 is
/// 192.168.1.1). An IPv4 range's last address is its broadcast, never usable. `None` where ARM
/// fails or Learn does not say: an index past the last usable address, and IPv4 ranges of
/// fewer than four addresses.
fn cidr_host(network: &str, index: i64) -> Option<String> {
    let (net, address, max) = network_of(network)?;
    let span = u128::MAX.checked_shr(u32::from(128 - max + net.prefix_len())).unwrap_or(0);
    let last_usable = match net {
        IpNet::V4(_) if net.prefix_len() > 30 => return None,
        IpNet::V4(_) => span.checked_sub(1)?,
        IpNet::V6(_) => span,
    };
    let step = u128::try_from(index).ok()?.checked_add(1)?;
    if step > last_usable {
        return None;
    }
    Some(address_like(&net, address.checked_add(step)?)?.to_string())
}
