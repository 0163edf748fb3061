//! The two TOML files of the registry crate (`names.toml`,
//! `descriptions.toml`) read into a small tree that keeps where every key
//! is, so errors name the exact line and column.

use toml::de::{DeTable, DeValue};

use crate::error::{position_of, Error};
use crate::model::Position;

/// A value of the files: what they hold is tables of strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// A string.
    Str(String),
    /// A table, its entries in document order.
    Table(Vec<Entry>),
    /// Anything else, by the name of its type (for messages).
    Other(&'static str),
}

/// A key of a table, where it is, and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) at: Position,
    pub(crate) value: Value,
}

/// Parses `text` into its top-level entries, in document order.
///
/// # Errors
///
/// Malformed TOML, at the place the parser names.
pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, Error> {
    let root = DeTable::parse(text).map_err(|error| {
        let message = error.message().trim_end().to_owned();
        match error.span() {
            Some(span) => Error {
                position: Some(position_of(text.as_bytes(), span.start)),
                element: None,
                message,
            },
            None => Error::whole(message),
        }
    })?;
    Ok(entries(text, root.get_ref()))
}

fn entries(text: &str, table: &DeTable<'_>) -> Vec<Entry> {
    let mut items: Vec<_> = table.iter().collect();
    items.sort_by_key(|(key, _)| key.span().start);
    items
        .into_iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            at: position_of(text.as_bytes(), key.span().start),
            value: match value.get_ref() {
                DeValue::String(s) => Value::Str(s.to_string()),
                DeValue::Table(t) => Value::Table(entries(text, t)),
                DeValue::Integer(_) => Value::Other("an integer"),
                DeValue::Float(_) => Value::Other("a float"),
                DeValue::Boolean(_) => Value::Other("a boolean"),
                DeValue::Datetime(_) => Value::Other("a date-time"),
                DeValue::Array(_) => Value::Other("an array"),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_document_order_with_their_places() {
        let tree = parse("[codes]\n1001 = { ident = \"B\" }\n1000 = \"a\"\nx = 5\n").unwrap();
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].key, "codes");
        let Value::Table(codes) = &tree[0].value else {
            panic!()
        };
        let keys: Vec<(&str, u32)> = codes.iter().map(|e| (e.key.as_str(), e.at.line)).collect();
        assert_eq!(keys, [("1001", 2), ("1000", 3), ("x", 4)]);
        assert_eq!(codes[1].value, Value::Str("a".into()));
        assert_eq!(codes[2].value, Value::Other("an integer"));
        assert_eq!(codes[1].at, Position { line: 3, column: 1 });
    }

    #[test]
    fn malformed_toml_names_the_place() {
        let error = parse("[codes]\n1000 = \n").unwrap_err();
        assert_eq!(error.position.map(|p| p.line), Some(2));
    }
}
