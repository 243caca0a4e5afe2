//! A YAML document as bcfsite writes it for Decap: maps keep the order they are
//! written in, so the settings read top to bottom as the forms do.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A YAML value, in the order it is written.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
    Text(String),
    Int(i64),
    Bool(bool),
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Map(pairs) => {
                let mut m = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            Node::List(items) => {
                let mut l = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    l.serialize_element(item)?;
                }
                l.end()
            }
            Node::Text(t) => s.serialize_str(t),
            Node::Int(n) => s.serialize_i64(*n),
            Node::Bool(b) => s.serialize_bool(*b),
        }
    }
}

impl Node {
    /// The value at `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match self {
            Node::List(items) => items,
            _ => &[],
        }
    }
}

pub fn text(s: &str) -> Node {
    Node::Text(s.to_string())
}

pub fn texts(items: &[&str]) -> Node {
    Node::List(items.iter().map(|s| text(s)).collect())
}

/// A map from `(key, value)` pairs, in order.
pub fn map<const N: usize>(pairs: [(&str, Node); N]) -> Node {
    Node::Map(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}
