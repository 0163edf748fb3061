//! Curated descriptions (`registry/descriptions.toml`): the project's own
//! explanation of codes whose IANA description is only a title.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::toml_tree::{self, Value};

/// Curated descriptions by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Curated {
    descriptions: BTreeMap<u16, String>,
}

impl Curated {
    /// The curated description of `value`, if there is one.
    pub fn get(&self, value: u16) -> Option<&str> {
        self.descriptions.get(&value).map(String::as_str)
    }

    /// Parses `descriptions.toml`: one table `[codes]` mapping code values
    /// to description strings. Whitespace in descriptions is collapsed.
    ///
    /// # Errors
    ///
    /// Malformed TOML, unknown keys, a key that is not a code, or a value
    /// that is not a non-empty string; the error names the line and key.
    pub fn parse(text: &str) -> Result<Curated, Error> {
        let mut descriptions = BTreeMap::new();
        for entry in toml_tree::parse(text)? {
            if entry.key != "codes" {
                return Err(Error::at(
                    entry.at,
                    entry.key.as_str(),
                    "unknown key; expected only [codes]",
                ));
            }
            let Value::Table(codes) = entry.value else {
                return Err(Error::at(entry.at, "codes", "must be a table"));
            };
            for code in codes {
                let name = format!("codes.{}", code.key);
                let value: u16 = code
                    .key
                    .parse()
                    .ok()
                    .filter(|_| !code.key.starts_with('0'))
                    .ok_or_else(|| {
                        Error::at(
                            code.at,
                            name.as_str(),
                            "key must be a close code from 1 to 65535",
                        )
                    })?;
                let text = match &code.value {
                    Value::Str(s) => Some(s.split_whitespace().collect::<Vec<_>>().join(" ")),
                    _ => None,
                }
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::at(code.at, name.as_str(), "must be a non-empty string"))?;
                descriptions.insert(value, text);
            }
        }
        Ok(Curated { descriptions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_collapses_whitespace() {
        let curated =
            Curated::parse("[codes]\n1000 = \"\"\"\nA  normal\n   closure.\"\"\"\n").unwrap();
        assert_eq!(curated.get(1000), Some("A normal closure."));
        assert_eq!(curated.get(1001), None);
    }

    #[test]
    fn rejects_bad_files() {
        let err = Curated::parse("[codes]\n1000 = \"ok\"\nabc = \"x\"\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 3);
        assert!(Curated::parse("[codes]\n1000 = 5\n").is_err());
        assert!(Curated::parse("[codes]\n1000 = \"  \"\n").is_err());
        assert!(Curated::parse("[nope]\n").is_err());
        assert!(Curated::parse("[codes\n").is_err());
    }
}
