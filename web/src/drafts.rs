//! Text typed into fields that the plan cannot hold yet, keyed by the field's JSON pointer.
//!
//! The texts live in a JSON object rather than a map of strings of their own: the page already
//! carries the code of serde_json's map for every plan it reads, and a second kind of ordered
//! map would add its own copy of that code to every first visit.

use serde::Serialize;
use serde_json::{Map, Value};

/// Pending texts by pointer. Every value is a string.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Drafts(Map<String, Value>);

impl Drafts {
    /// The text waiting in the field at `pointer`.
    pub fn get(&self, pointer: &str) -> Option<&str> {
        self.0.get(pointer).and_then(Value::as_str)
    }

    pub fn insert(&mut self, pointer: String, text: String) {
        self.0.insert(pointer, Value::String(text));
    }

    pub fn remove(&mut self, pointer: &str) {
        self.0.remove(pointer);
    }

    /// Keeps the drafts whose pointer `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.0.retain(|pointer, _| keep(pointer));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|(pointer, text)| Some((pointer.as_str(), text.as_str()?)))
    }

    /// The drafts an autosave wrote: its string values, whatever else a hand edit left there.
    pub fn from_saved(saved: &Map<String, Value>) -> Self {
        Self(
            saved
                .iter()
                .filter(|(_, text)| text.is_string())
                .map(|(key, text)| (key.clone(), text.clone()))
                .collect(),
        )
    }
}

impl FromIterator<(String, String)> for Drafts {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(drafts: I) -> Self {
        Self(drafts.into_iter().map(|(pointer, text)| (pointer, Value::String(text))).collect())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn holds_texts_by_pointer_and_writes_them_as_an_object() {
        let mut drafts = Drafts::default();
        drafts.insert("/vnets/1/name".to_owned(), "b".to_owned());
        drafts.insert("/vnets/0/name".to_owned(), "a".to_owned());
        drafts.insert("/vnets/0/name".to_owned(), "a2".to_owned());
        assert_eq!(drafts.get("/vnets/0/name"), Some("a2"));
        assert_eq!(drafts.get("/vnets/2/name"), None);
        let mut listed: Vec<(&str, &str)> = drafts.iter().collect();
        // The page's objects keep their fields in the order they came; other builds sort them.
        listed.sort_unstable();
        assert_eq!(listed, [("/vnets/0/name", "a2"), ("/vnets/1/name", "b")]);
        assert_eq!(
            serde_json::to_value(&drafts).ok(),
            Some(json!({ "/vnets/0/name": "a2", "/vnets/1/name": "b" }))
        );
        drafts.retain(|pointer| pointer.starts_with("/vnets/1"));
        assert_eq!(drafts.len(), 1);
        drafts.remove("/vnets/1/name");
        assert!(drafts.is_empty());
    }

    #[test]
    fn reads_only_the_strings_of_a_saved_object() {
        let saved = json!({ "/aksClusters/0/nodeCount": "1x", "/vnets/0/name": 3, "/x": null });
        let drafts = Drafts::from_saved(saved.as_object().unwrap_or(&Map::new()));
        assert_eq!(drafts.iter().collect::<Vec<_>>(), [("/aksClusters/0/nodeCount", "1x")]);
    }
}
