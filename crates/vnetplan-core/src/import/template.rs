//! Reading an ARM template: its VNets, with subnets declared inline, as nested child resources
//! or as top-level `Microsoft.Network/virtualNetworks/subnets` resources.
//!
//! Templates compute values with expressions (`[parameters('prefix')]`). Evaluating them would
//! need the deployment's parameters and Azure's function library, so they are kept as written
//! and noted, with the parameter's default value when the template gives one.

use serde_json::{Map, Value};

use super::vnet::ReadVnet;
use super::{same_name, Expect, Field, ImportError, Obj, Reader, SUBNET_TYPE, VNET_TYPE};
use crate::parse::child_pointer;

/// Fields every template resource may have, which the template reader handles itself
/// (`condition`, `copy`, `resources`) or which only order the deployment.
pub(super) const RESOURCE_FIELDS: &[&str] =
    &["apiVersion", "comments", "condition", "copy", "dependsOn", "metadata", "resources", "scope"];

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

/// Whether a top-level object is a deployment template rather than a resource.
pub(super) fn is_template(map: &Map<String, Value>) -> bool {
    let schema = map.get("$schema").and_then(Value::as_str);
    schema.is_some_and(|schema| schema.to_ascii_lowercase().contains("deploymenttemplate"))
        || (map.contains_key("resources") && map.contains_key("contentVersion"))
}

/// Whether a string is a template expression. A leading `[[` escapes a literal bracket.
pub(super) fn is_expression(text: &str) -> bool {
    text.starts_with('[') && !text.starts_with("[[") && text.ends_with(']')
}

/// What a template's expressions can refer to.
pub(super) struct Scope<'a> {
    parameters: Option<&'a Map<String, Value>>,
    variables: Option<&'a Map<String, Value>>,
}

impl Scope<'_> {
    /// The text the plan keeps for a template string, and a note when it is an expression.
    pub(super) fn text(&self, text: &str, expect: Expect) -> (String, Option<String>) {
        if let Some(rest) = text.strip_prefix("[[") {
            return (format!("[{rest}"), None);
        }
        if !is_expression(text) {
            return (text.to_owned(), None);
        }
        let consequence = match expect {
            Expect::Cidr => {
                "the plan keeps its text, which the check reports until you write the deployed value"
            }
            Expect::Name => "the plan keeps its text as the name",
            Expect::Location => "the plan keeps its text, and the VNet is taken to be in the plan's region",
            Expect::Service => "the plan keeps its text as the delegation's service",
        };
        let hint =
            self.known_value(text).map_or_else(String::new, |value| format!(" (it defaults to {value})"));
        (
            text.to_owned(),
            Some(format!(
                "'{text}' is a template expression, which vnetplan does not evaluate: {consequence}{hint}"
            )),
        )
    }

    /// The value of `[parameters('x')]` or `[variables('x')]` when the template states it.
    /// ARM matches parameter and variable names without regard to case.
    fn known_value(&self, text: &str) -> Option<String> {
        let inner = text.strip_prefix('[')?.strip_suffix(']')?;
        let (function, arguments) = call(inner)?;
        let [Piece::Literal(name)] = arguments.as_slice() else {
            return None;
        };
        let value = if same_name(function, "parameters") {
            lookup(self.parameters?, name)?.get("defaultValue")?
        } else if same_name(function, "variables") {
            lookup(self.variables?, name)?
        } else {
            return None;
        };
        let stated = match value {
            Value::String(text) => !is_expression(text),
            Value::Array(items) => {
                items.iter().all(|item| item.as_str().is_some_and(|text| !is_expression(text)))
            }
            _ => false,
        };
        stated.then(|| value.to_string())
    }
}

fn lookup<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.iter().find(|(key, _)| same_name(key, name)).map(|(_, value)| value)
}

/// A subnet declared apart from its VNet's `subnets` list.
struct ChildSubnet<'a> {
    object: Obj<'a>,
    /// The index of the VNet it is nested in, for a child inside a VNet's `resources`.
    nested_in: Option<usize>,
}

impl<'a> Reader<'a> {
    /// Every VNet the template declares, with the pointer of its resource.
    pub(super) fn template(&mut self, value: &'a Value) -> Result<Vec<(String, ReadVnet)>, ImportError> {
        let Some(root) = Obj::new(value, String::new()) else {
            return Ok(Vec::new());
        };
        self.template = Some(Scope {
            parameters: root.map.get("parameters").and_then(Value::as_object),
            variables: root.map.get("variables").and_then(Value::as_object),
        });
        let mut vnets: Vec<(String, ReadVnet)> = Vec::new();
        let mut children = Vec::new();
        for resource in resources(&root) {
            let Some(object) = Obj::new(resource.value, resource.pointer.clone()) else {
                self.note(&resource.pointer, "expected a resource object; not imported".to_owned());
                continue;
            };
            let kind = object.map.get("type").and_then(Value::as_str).unwrap_or_default();
            if same_name(kind, VNET_TYPE) {
                self.envelope(&object);
                let read = self.vnet(&object)?;
                let index = vnets.len();
                for nested in object.get("resources").map_or_else(Vec::new, |field| field.objects()) {
                    let kind = nested.map.get("type").and_then(Value::as_str).unwrap_or_default();
                    if same_name(kind, "subnets") || same_name(kind, SUBNET_TYPE) {
                        children.push(ChildSubnet { object: nested, nested_in: Some(index) });
                    } else {
                        self.not_imported(&nested, kind);
                    }
                }
                vnets.push((object.pointer.clone(), read));
            } else if same_name(kind, SUBNET_TYPE) {
                children.push(ChildSubnet { object, nested_in: None });
            } else {
                self.not_imported(&object, kind);
            }
        }
        for child in children {
            self.attach(&child, &mut vnets)?;
        }
        if vnets.is_empty() {
            self.note("", "the template declares no virtual network".to_owned());
        } else {
            self.note(
                "",
                format!(
                    "a template does not say which resource group it is deployed to: its VNets get \
                     the resource group '{}'; write the real one in the plan",
                    super::TEMPLATE_RESOURCE_GROUP
                ),
            );
        }
        self.unread(&root, &["resources"], TEMPLATE_INFORMATIONAL);
        Ok(vnets)
    }

    fn not_imported(&mut self, object: &Obj<'_>, kind: &str) {
        let name = object
            .map
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(String::new, |name| format!(" '{name}'"));
        let kind = if kind.is_empty() { "without a type".to_owned() } else { format!("of type '{kind}'") };
        self.note(&object.pointer, format!("resource{name} {kind} is not imported"));
    }

    /// Notes for the resource fields that make a deployment differ from what is written.
    fn envelope(&mut self, object: &Obj<'_>) {
        if let Some(field) = object.map.get("condition").filter(|condition| **condition != Value::Bool(true))
        {
            self.note(
                &child_pointer(&object.pointer, "condition"),
                format!("deployed only when {field}; imported as if it were"),
            );
        }
        if object.map.contains_key("copy") {
            self.note(
                &child_pointer(&object.pointer, "copy"),
                "the resource is repeated by a copy loop, which vnetplan does not expand: it is imported once, as written"
                    .to_owned(),
            );
        }
        if let Some(copy) = object.properties().and_then(|properties| properties.get("copy")) {
            let names: Vec<&str> = copy.as_array().map_or_else(Vec::new, |loops| {
                loops.iter().filter_map(|l| l.get("name")?.as_str()).collect()
            });
            self.note(
                &child_pointer(&child_pointer(&object.pointer, "properties"), "copy"),
                format!(
                    "a copy loop builds {}, which vnetplan does not expand: what it builds is not imported",
                    if names.is_empty() { "part of the properties".to_owned() } else { names.join(", ") }
                ),
            );
        }
    }

    /// Adds a child subnet resource to the VNet it names.
    fn attach(
        &mut self,
        child: &ChildSubnet<'_>,
        vnets: &mut [(String, ReadVnet)],
    ) -> Result<(), ImportError> {
        let object = &child.object;
        let pointer = child_pointer(&object.pointer, "name");
        let Some(full_name) = object.map.get("name").and_then(Value::as_str) else {
            return Err(self.invalid(&pointer, "a subnet resource without a name"));
        };
        let (index, name) = match (child.nested_in, child_name(full_name)) {
            // A nested child may carry its VNet's name in front of its own, or not.
            (Some(index), Some((_, name))) => (index, name),
            (Some(index), None) => (index, full_name.to_owned()),
            (None, Some((parent, name))) => {
                match vnets.iter().position(|(_, read)| same_text(&read.vnet.name, &parent)) {
                    Some(index) => (index, name),
                    None => {
                        self.note(
                            &object.pointer,
                            format!(
                                "this subnet belongs to VNet '{parent}', which the template does not \
                                 declare: it is not imported"
                            ),
                        );
                        return Ok(());
                    }
                }
            }
            (None, None) => {
                self.note(
                    &pointer,
                    format!("cannot tell which VNet '{full_name}' belongs to: the subnet is not imported"),
                );
                return Ok(());
            }
        };
        let Some((_, read)) = vnets.get_mut(index) else {
            return Ok(());
        };
        self.envelope(object);
        let name = self.text(&name, &pointer, Expect::Name);
        let before = self.notes.len();
        let subnet = self.subnet(object, Some(name))?;
        let subnets = &mut read.vnet.subnets;
        match subnets.iter_mut().find(|inline| same_text(&inline.name, &subnet.name)) {
            // Exports declare every subnet twice, alike; the inline copy already has its notes.
            Some(inline) if *inline == subnet => self.notes.truncate(before),
            Some(inline) => {
                self.note(
                    &object.pointer,
                    format!(
                        "subnet '{}' is declared inside its VNet and again as a resource, differently; \
                         the resource is deployed last, so its values are kept",
                        subnet.name
                    ),
                );
                *inline = subnet;
            }
            None => subnets.push(subnet),
        }
        Ok(())
    }
}

/// The resources of a template: a list, or (language version 2.0) an object keyed by
/// symbolic name.
fn resources<'a>(root: &Obj<'a>) -> Vec<Field<'a>> {
    let base = child_pointer(&root.pointer, "resources");
    match root.map.get("resources") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, value)| Field { value, pointer: format!("{base}/{index}") })
            .collect(),
        Some(Value::Object(map)) => {
            map.iter().map(|(key, value)| Field { value, pointer: child_pointer(&base, key) }).collect()
        }
        _ => Vec::new(),
    }
}

/// Names compared as ARM compares them, and expressions compared without their spacing.
fn same_text(left: &str, right: &str) -> bool {
    let canonical = |text: &str| -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
    };
    canonical(left) == canonical(right)
}

/// Splits a child resource's name `vnet/subnet` into its VNet's name and its own. Names built
/// by `concat(…)` or `format('{0}/{1}', …)`, as exported and compiled templates write them,
/// are split where a literal slash separates the parts, each part kept as text or expression.
pub(super) fn child_name(full_name: &str) -> Option<(String, String)> {
    let pieces = match full_name.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
        Some(inner) if is_expression(full_name) => name_pieces(inner)?,
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

/// The pieces a `concat` or `format` call joins into a name.
fn name_pieces(inner: &str) -> Option<Vec<Piece>> {
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
    let mut pieces = Vec::new();
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        let close = after.find('}')?;
        let index: usize = after.get(1..close)?.parse().ok()?;
        if !before.is_empty() {
            pieces.push(Piece::Literal(before.to_owned()));
        }
        pieces.push(values.get(index)?.clone());
        rest = after.get(close + 1..)?;
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_owned()));
    }
    Some(pieces)
}

/// An argument of a template function: a quoted string or any other expression.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Expression(String),
}

/// Reads `function(argument, …)`, splitting the arguments at their top-level commas.
fn call(expression: &str) -> Option<(&str, Vec<Piece>)> {
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
