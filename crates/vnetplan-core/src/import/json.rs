//! Walking the JSON that Azure prints: objects with their pointers, property names matched
//! without regard to case as ARM matches them, and the parts of resource ids.

use serde_json::{Map, Value};

use crate::parse::child_pointer;
use crate::text::Message;

/// ARM names are case-insensitive, and ids often spell resource groups in lower case.
pub(super) fn same_name(left: &str, right: &str) -> bool {
    left.eq_ignore_ascii_case(right)
}

/// The value of `key` in `map`, however the document spells the key (`vnetSubnetID` for
/// `vnetSubnetId`), with the spelling it used so pointers name the real field. An exact match
/// wins over another spelling of the same name.
pub(super) fn lookup<'a>(map: &'a Map<String, Value>, key: &str) -> Option<(&'a str, &'a Value)> {
    map.get_key_value(key)
        .or_else(|| map.iter().find(|(name, _)| same_name(name, key)))
        .map(|(name, value)| (name.as_str(), value))
}

/// Whether `key` is one of `names`, whatever its case.
pub(super) fn listed(names: &[&str], key: &str) -> bool {
    names.iter().any(|name| same_name(name, key))
}

/// An object of a document with its JSON pointer. ARM nests a resource's settings under
/// `properties` where the CLI prints them flat, so lookups try both places.
#[derive(Clone)]
pub(super) struct Obj<'a> {
    pub(super) map: &'a Map<String, Value>,
    pub(super) pointer: String,
}

/// A value of a document with its JSON pointer.
pub(super) struct Field<'a> {
    pub(super) value: &'a Value,
    pub(super) pointer: String,
}

impl<'a> Obj<'a> {
    pub(super) fn new(value: &'a Value, pointer: String) -> Option<Self> {
        value.as_object().map(|map| Self { map, pointer })
    }

    fn properties(&self) -> Option<(&'a str, &'a Map<String, Value>)> {
        let (key, value) = lookup(self.map, "properties")?;
        value.as_object().map(|map| (key, map))
    }

    /// A top-level string such as a resource's `type` or `name`, never one under `properties`.
    pub(super) fn own_str(&self, key: &str) -> Option<&'a str> {
        lookup(self.map, key).and_then(|(_, value)| value.as_str())
    }

    /// A field that holds something, at the top or under `properties`.
    pub(super) fn get(&self, key: &str) -> Option<Field<'a>> {
        self.raw(key).filter(|field| is_set(field.value))
    }

    /// A field whatever it holds, for the few where `false` says something.
    pub(super) fn raw(&self, key: &str) -> Option<Field<'a>> {
        if let Some((name, value)) = lookup(self.map, key) {
            return Some(Field { value, pointer: child_pointer(&self.pointer, name) });
        }
        let (properties, map) = self.properties()?;
        let (name, value) = lookup(map, key)?;
        Some(Field { value, pointer: child_pointer(&child_pointer(&self.pointer, properties), name) })
    }

    pub(super) fn object(&self, key: &str) -> Option<Obj<'a>> {
        self.get(key).and_then(|field| Obj::new(field.value, field.pointer))
    }

    pub(super) fn str(&self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(|field| field.value.as_str())
    }

    /// Every field, those under `properties` included, sorted by name so that notes come in
    /// the same order whatever the JSON map keeps.
    pub(super) fn fields(&self) -> Vec<(&'a str, Field<'a>)> {
        let nested = self.properties();
        let mut fields: Vec<(&'a str, Field<'a>)> = self
            .map
            .iter()
            .filter(|(key, _)| nested.is_none_or(|(properties, _)| key.as_str() != properties))
            .map(|(key, value)| (key.as_str(), Field { value, pointer: child_pointer(&self.pointer, key) }))
            .collect();
        if let Some((properties, map)) = nested {
            let base = child_pointer(&self.pointer, properties);
            fields.extend(
                map.iter()
                    .map(|(key, value)| (key.as_str(), Field { value, pointer: child_pointer(&base, key) })),
            );
        }
        fields.sort_by_key(|(key, _)| *key);
        fields
    }
}

impl<'a> Field<'a> {
    /// The items of a list with their pointers; nothing for another value.
    pub(super) fn items(&self) -> Vec<Field<'a>> {
        self.value.as_array().map_or_else(Vec::new, |items| {
            items
                .iter()
                .enumerate()
                .map(|(index, value)| Field { value, pointer: format!("{}/{index}", self.pointer) })
                .collect()
        })
    }

    pub(super) fn objects(&self) -> Vec<Obj<'a>> {
        self.items().into_iter().filter_map(|item| Obj::new(item.value, item.pointer)).collect()
    }
}

/// Whether a value says anything: the CLI prints every unset field as null, false or empty.
pub(super) fn is_set(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        Value::Bool(true) | Value::Number(_) => true,
    }
}

/// The value after `key` in an Azure resource id, matching segment names without regard to
/// case (ids print `resourceGroups` and `resourcegroups` alike). An id alternates names and
/// values (`resourceGroups/{group}/providers/{namespace}/virtualNetworks/{vnet}`), so only names
/// are compared: a resource group called `virtualNetworks` is a value, never the key.
pub(super) fn id_segment<'i>(id: &'i str, key: &str) -> Option<&'i str> {
    let segments: Vec<&str> = id.split('/').filter(|segment| !segment.is_empty()).collect();
    segments.chunks(2).find_map(|pair| match pair {
        [name, value] if same_name(name, key) => Some(*value),
        _ => None,
    })
}

pub(super) fn id_resource_group(id: &str) -> Option<&str> {
    id_segment(id, "resourceGroups")
}

pub(super) fn id_subscription(id: &str) -> Option<String> {
    id_segment(id, "subscriptions").map(str::to_owned)
}

/// Whether two resources may be in one subscription: only ids that name two different ones say
/// they are not. Templates and CLI output without ids say nothing.
pub(super) fn same_subscription(left: Option<&str>, right: Option<&str>) -> bool {
    match (left, right) {
        (Some(left), Some(right)) => same_name(left, right),
        _ => true,
    }
}

/// The last segment of an id: the name of the resource it identifies.
pub(super) fn id_name(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

/// A few words on what a document holds, for an error that says it is not importable.
pub(super) fn describe(value: &Value) -> Message {
    match value {
        Value::Null => msg!(["null", "null"]),
        Value::Bool(_) => msg!(["a boolean", "un booléen"]),
        Value::Number(_) => msg!(["a number", "un nombre"]),
        Value::String(_) => msg!(["a string", "une chaîne"]),
        Value::Array(_) => msg!(["a list", "une liste"]),
        Value::Object(map) => match lookup(map, "type").and_then(|(_, kind)| kind.as_str()) {
            Some(kind) => msg!(["an object of type '{kind}'", "un objet de type « {kind} »"], kind = kind),
            None if map.is_empty() => msg!(["an empty object", "un objet vide"]),
            None => {
                // Sorted, so that the message is the same whatever order the map keeps.
                let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
                crate::sorting::sort(&mut keys);
                keys.truncate(4);
                let more = if map.len() > keys.len() { ", …" } else { "" };
                msg!(
                    ["an object with the fields {fields}", "un objet aux champs {fields}"],
                    fields = format!("{}{more}", keys.join(", "))
                )
            }
        },
    }
}
