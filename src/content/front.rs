//! A front matter as keys and values, whatever the record kind: what the
//! translation rules read, key by key, as the field table
//! ([`super::kinds`]) says.
//!
//! The typed structs of [`super::records`] say whether a file is well
//! formed; this view only answers "what is written under `key`, and where",
//! for code that works the same way for every kind.

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// One YAML value, with the places of its parts.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A string.
    Text(String),
    /// A number or a boolean, as written by serde.
    Scalar(String),
    /// `~`, `null` or nothing.
    Null,
    /// A sequence.
    List(Vec<Spanned<Node>>),
    /// A mapping, in written order.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    /// The value with strings trimmed, in one line: equal for two values an
    /// editor would call the same.
    pub fn canonical(&self) -> String {
        match self {
            Node::Text(text) => text.trim().to_string(),
            Node::Scalar(value) => value.clone(),
            Node::Null => String::new(),
            Node::List(items) => items
                .iter()
                .map(|i| i.value.canonical())
                .collect::<Vec<_>>()
                .join("\u{1f}"),
            Node::Map(entries) => entries
                .iter()
                .map(|(k, v)| format!("{}\u{1d}{}", k.value, v.value.canonical()))
                .collect::<Vec<_>>()
                .join("\u{1e}"),
        }
    }

    /// The text, when this is a string.
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The value under `key`, when this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Spanned<Node>> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A whole front matter: its top-level keys and values, in written order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Front(pub Vec<(Spanned<String>, Spanned<Node>)>);

impl Front {
    /// Reads `yaml`; `None` when it is not a mapping of string keys (the
    /// typed parse has reported why).
    pub fn parse(yaml: &str) -> Option<Front> {
        if yaml.trim().is_empty() {
            return Some(Front::default());
        }
        match serde_saphyr::from_str_with_options::<Spanned<Node>>(yaml, super::yaml::options())
            .ok()?
            .value
        {
            Node::Map(entries) => Some(Front(entries)),
            Node::Null => Some(Front::default()),
            _ => None,
        }
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Spanned<Node>> {
        self.0.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value::<Spanned<Node>>()?));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_with_their_places() {
        let front = Front::parse(
            "title: \" Hello \"\nduration: 90\ntakeaways:\n  - one\n  - two\nresources:\n  - {label: Recording, url: x}\n",
        )
        .expect("a mapping");
        let title = front.get("title").expect("title");
        assert_eq!(title.value.canonical(), "Hello");
        assert_eq!(
            front.get("duration").map(|d| d.value.canonical()),
            Some("90".into())
        );
        let Some(Node::List(items)) = front.get("takeaways").map(|t| &t.value) else {
            panic!("a list")
        };
        assert_eq!(items[1].value.text(), Some("two"));
        assert_eq!(items[1].referenced.line(), 5);
        let resources = front.get("resources").expect("resources");
        let Node::List(resources) = &resources.value else {
            panic!("a list")
        };
        let label = resources[0].value.get("label").expect("label");
        assert_eq!(label.value.text(), Some("Recording"));
        assert_eq!(front.get("nothing"), None);
        assert_eq!(Front::parse("[1, 2]"), None);
    }
}
