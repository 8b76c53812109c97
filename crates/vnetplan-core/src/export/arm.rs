//! The plan's network and clusters as an ARM template.
//!
//! The document is written by serde_json from data, so it is valid JSON whatever the plan's
//! names hold; keys keep the order written here, whichever features serde_json is built with.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::infra::Infra;
use super::prose::{ARM_DESCRIPTION, ARM_NESTED};
use super::quote;
use super::template::{Group, Kind, Resource, Template, Value, CONTENT_VERSION, SCHEMA};
use crate::{Lang, Plan};

pub(super) fn render(plan: &Plan, lang: Lang) -> String {
    let template = Template::new(&Infra::new(plan, lang));
    let mut json = serde_json::to_string_pretty(&Document(&template)).unwrap_or_default();
    json.push('\n');
    json
}

/// Where to deploy the template and what it leaves out.
fn metadata(template: &Template) -> Value {
    let target = template.groups.first().map_or("", |group| group.resource_group.as_str());
    let mut description = msg!(ARM_DESCRIPTION, group = target).render(template.lang);
    if template.groups.iter().any(|group| group.nested) {
        description.push(' ');
        description.push_str(ARM_NESTED.get(template.lang));
    }
    let mut entries = vec![("description", Value::text(description))];
    if !template.notes.is_empty() {
        entries.push((
            "notes",
            Value::List(template.notes.iter().map(|note| Value::text(note.as_str())).collect()),
        ));
    }
    Value::Object(entries)
}

/// A resource as ARM writes it, also inside a nested deployment's template.
pub(super) fn resource_object(template: &Template, resource: &Resource) -> Value {
    let mut entries = vec![
        ("type", Value::text(resource.kind.type_name())),
        ("apiVersion", Value::text(resource.kind.api_version())),
        ("name", Template::full_name(resource)),
    ];
    if let Some(scope) = resource.scope.and_then(|target| template.scope(target)) {
        entries.push(("scope", scope));
    }
    if let Some(location) = &resource.location {
        entries.push(("location", Value::text(location.as_str())));
    }
    if !resource.comments.is_empty() {
        entries.push(("comments", Value::text(resource.comments.join(". ") + ".")));
    }
    if !resource.skips.is_empty() {
        let directives = resource.skips.iter().map(|skip| Value::text(skip.directive())).collect();
        entries.push(("metadata", Value::Object(vec![("checkov", Value::List(directives))])));
    }
    let depends_on: Vec<Value> =
        resource.depends_on.iter().filter_map(|target| template.dependency(*target)).collect();
    if !depends_on.is_empty() {
        entries.push(("dependsOn", Value::List(depends_on)));
    }
    entries.extend(resource.body.iter().cloned());
    Value::Object(entries)
}

/// A nested deployment that puts `group`'s resources into their own resource group.
pub(super) fn deployment_object(template: &Template, group: &Group) -> Value {
    let resources = group.resources.iter().map(|resource| resource_object(template, resource)).collect();
    let mut entries = vec![
        ("type", Value::text(Kind::Deployment.type_name())),
        ("apiVersion", Value::text(Kind::Deployment.api_version())),
        ("name", Value::text(group.deployment.as_str())),
        ("resourceGroup", Value::text(group.resource_group.as_str())),
    ];
    let depends_on: Vec<Value> =
        group.depends_on.iter().filter_map(|target| template.dependency(*target)).collect();
    if !depends_on.is_empty() {
        entries.push(("dependsOn", Value::List(depends_on)));
    }
    entries.push((
        "properties",
        Value::Object(vec![
            ("mode", Value::text("Incremental")),
            (
                "template",
                Value::Object(vec![
                    ("$schema", Value::text(SCHEMA)),
                    ("contentVersion", Value::text(CONTENT_VERSION)),
                    ("resources", Value::List(resources)),
                ]),
            ),
        ]),
    ));
    Value::Object(entries)
}

struct Document<'a>(&'a Template);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let template = self.0;
        let mut resources = Vec::new();
        for group in template.groups_in_order() {
            if group.nested {
                resources.push(deployment_object(template, group));
            } else {
                resources.extend(group.resources.iter().map(|resource| resource_object(template, resource)));
            }
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("$schema", SCHEMA)?;
        map.serialize_entry("contentVersion", CONTENT_VERSION)?;
        map.serialize_entry("metadata", &Json(&metadata(template)))?;
        if !template.parameters.is_empty() {
            map.serialize_entry("parameters", &Parameters(template))?;
        }
        map.serialize_entry("resources", &Json(&Value::List(resources)))?;
        map.end()
    }
}

struct Parameters<'a>(&'a Template);

impl Serialize for Parameters<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.parameters.len()))?;
        for parameter in &self.0.parameters {
            let kind = if parameter.secure { "securestring" } else { "string" };
            let entry = Value::Object(vec![
                ("type", Value::text(kind)),
                (
                    "metadata",
                    Value::Object(vec![("description", Value::text(parameter.description.as_str()))]),
                ),
            ]);
            map.serialize_entry(&parameter.name, &Json(&entry))?;
        }
        map.end()
    }
}

/// A [`Value`] as ARM JSON: text stays text, and expressions become `[…]` strings.
struct Json<'a>(&'a Value);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Text(text) => serializer.serialize_str(&quote::arm_text(text)),
            Value::Int(number) => serializer.serialize_u64(*number),
            Value::Bool(flag) => serializer.serialize_bool(*flag),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Json(item))?;
                }
                seq.end()
            }
            Value::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, &Json(value))?;
                }
                map.end()
            }
            Value::Call(..) | Value::Parameter(_) | Value::Deployed { .. } => {
                serializer.serialize_str(&format!("[{}]", expression(self.0)))
            }
        }
    }
}

/// A value written inside an ARM expression.
fn expression(value: &Value) -> String {
    match value {
        Value::Text(text) => quote::arm_expression_literal(text),
        Value::Int(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::List(items) => call("createArray", items.iter().map(expression)),
        Value::Object(entries) => call(
            "createObject",
            entries.iter().flat_map(|(key, value)| [quote::arm_expression_literal(key), expression(value)]),
        ),
        Value::Call(function, arguments) => call(function, arguments.iter().map(expression)),
        Value::Parameter(name) => call("parameters", [quote::arm_expression_literal(name)]),
        Value::Deployed { id, api_version, path, .. } => format!(
            "{}.{path}",
            call(
                "reference",
                [
                    expression(id),
                    quote::arm_expression_literal(api_version),
                    quote::arm_expression_literal("full")
                ]
            )
        ),
    }
}

fn call(function: &str, arguments: impl IntoIterator<Item = String>) -> String {
    format!("{function}({})", arguments.into_iter().collect::<Vec<_>>().join(", "))
}
