//! The plan's network and clusters as Bicep: the same resources as the ARM template, declared
//! with symbols. Resource groups other than the deployment's go into nested deployments, whose
//! inner template is written as ARM objects, since Bicep modules would need files of their own.

use std::fmt::Write;

use super::arm::deployment_object;
use super::infra::Infra;
use super::prose::{DEPLOY_INTO, NESTED_GROUP, NETWORK_HEADER, PEERING_GROUP, ROLE_GROUP};
use super::quote;
use super::template::{Kind, Purpose, Resource, Target, Template, Value};
use crate::{Lang, Plan};

const INDENT: &str = "  ";

pub(super) fn render(plan: &Plan, lang: Lang) -> String {
    let template = Template::new(&Infra::new(plan, lang));
    let mut out = String::new();
    let target = template.groups.first().map_or("", |group| group.resource_group.as_str());
    let _ = writeln!(out, "// {}", NETWORK_HEADER.get(lang));
    let _ = writeln!(out, "// {}", msg!(DEPLOY_INTO, group = quote::comment(target)).render(lang));
    for note in &template.notes {
        let _ = writeln!(out, "// {}.", quote::comment(note));
    }
    out.push_str("targetScope = 'resourceGroup'\n");
    for parameter in &template.parameters {
        out.push('\n');
        if parameter.secure {
            out.push_str("@secure()\n");
        }
        let _ = writeln!(out, "@description({})", quote::bicep(&parameter.description));
        let _ = writeln!(out, "param {} string", parameter.name);
    }
    for group in template.groups_in_order() {
        if group.nested {
            out.push('\n');
            let text = match group.purpose {
                Purpose::Network => NESTED_GROUP,
                Purpose::Peerings => PEERING_GROUP,
                Purpose::Roles => ROLE_GROUP,
            };
            let comment = msg!(text, group = quote::comment(&group.resource_group));
            let _ = writeln!(out, "// {}", comment.render(lang));
            let _ = write!(out, "resource {} '{}' = ", group.symbol, type_reference(Kind::Deployment));
            let object = without_type(deployment_object(&template, group));
            let mut text = String::new();
            write_value(&mut text, &object, 0);
            // Bicep waits for symbols, where ARM's deployment object names IDs.
            let symbols: Vec<&str> =
                group.depends_on.iter().filter_map(|target| symbol(&template, *target)).collect();
            if let (false, Some(body)) = (symbols.is_empty(), text.strip_suffix('}')) {
                out.push_str(body);
                write_depends_on(&mut out, &symbols);
                out.push('}');
            } else {
                out.push_str(&text);
            }
            out.push('\n');
        } else {
            for resource in &group.resources {
                out.push('\n');
                declare(&mut out, &template, resource);
            }
        }
    }
    out
}

fn type_reference(kind: Kind) -> String {
    format!("{}@{}", kind.type_name(), kind.api_version())
}

/// A resource of the template's own group, as a Bicep declaration.
fn declare(out: &mut String, template: &Template, resource: &Resource) {
    for comment in &resource.comments {
        let _ = writeln!(out, "// {}.", quote::comment(comment));
    }
    let _ = writeln!(out, "resource {} '{}' = {{", resource.symbol, type_reference(resource.kind));
    // The scanner reads a skip from a comment inside the declaration's braces.
    for skip in &resource.skips {
        let _ = writeln!(out, "{INDENT}// {}", quote::comment(&skip.directive()));
    }
    write_entry(out, "name", &Template::full_name(resource), 1);
    if let Some(scope) = resource.scope.and_then(|target| symbol(template, target)) {
        let _ = writeln!(out, "{INDENT}scope: {scope}");
    }
    if let Some(location) = &resource.location {
        write_entry(out, "location", &Value::text(location.as_str()), 1);
    }
    for (key, value) in &resource.body {
        write_entry(out, key, value, 1);
    }
    let symbols: Vec<&str> =
        resource.depends_on.iter().filter_map(|target| symbol(template, *target)).collect();
    write_depends_on(out, &symbols);
    out.push_str("}\n");
}

fn write_depends_on(out: &mut String, symbols: &[&str]) {
    if symbols.is_empty() {
        return;
    }
    let _ = writeln!(out, "{INDENT}dependsOn: [");
    for name in symbols {
        let _ = writeln!(out, "{INDENT}{INDENT}{name}");
    }
    let _ = writeln!(out, "{INDENT}]");
}

fn symbol(template: &Template, target: Target) -> Option<&str> {
    match target {
        Target::Resource(group, index) => {
            template.resource(group, index).map(|resource| resource.symbol.as_str())
        }
        Target::Group(group) => template.groups.get(group).map(|group| group.symbol.as_str()),
    }
}

/// A nested deployment's object without the type and API version, which Bicep writes in the
/// declaration itself, and without ARM's dependencies, which Bicep names by symbol.
fn without_type(object: Value) -> Value {
    match object {
        Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .filter(|(key, _)| !matches!(*key, "type" | "apiVersion" | "dependsOn"))
                .collect(),
        ),
        other => other,
    }
}

fn write_value(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::List(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Value::List(items) => {
            out.push_str("[\n");
            for item in items {
                indent(out, depth + 1);
                write_value(out, item, depth + 1);
                out.push('\n');
            }
            indent(out, depth);
            out.push(']');
        }
        Value::Object(entries) => {
            out.push_str("{\n");
            for (key, item) in entries {
                write_entry(out, key, item, depth + 1);
            }
            indent(out, depth);
            out.push('}');
        }
        _ => out.push_str(&expression(value, depth)),
    }
}

/// A literal, a parameter or a function call; lists and objects among a call's arguments are
/// written over several lines, as everywhere else.
fn expression(value: &Value, depth: usize) -> String {
    match value {
        Value::Text(text) => quote::bicep(text),
        Value::Int(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::List(_) | Value::Object(_) => {
            let mut text = String::new();
            write_value(&mut text, value, depth);
            text
        }
        Value::Call(function, arguments) => format!(
            "{function}({})",
            arguments.iter().map(|argument| expression(argument, depth)).collect::<Vec<_>>().join(", ")
        ),
        Value::Parameter(name) => name.clone(),
        Value::Deployed { symbol, path, .. } => format!("{symbol}.{path}"),
    }
}

fn write_entry(out: &mut String, key: &str, value: &Value, depth: usize) {
    indent(out, depth);
    if is_identifier(key) {
        out.push_str(key);
    } else {
        out.push_str(&quote::bicep(key));
    }
    out.push_str(": ");
    write_value(out, value, depth);
    out.push('\n');
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str(INDENT);
    }
}
