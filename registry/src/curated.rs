//! Curated descriptions (`registry/descriptions.toml`): the project's own
//! explanation of codes whose IANA description is only a title.

use std::collections::BTreeMap;

use crate::codes_file;
use crate::error::Error;
use crate::xml::collapse_whitespace;

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
    ///
    /// ```
    /// use ws_close_codes_registry::Curated;
    ///
    /// let curated = Curated::parse("[codes]\n1000 = \"\"\"\nA  normal\n   closure.\"\"\"\n")?;
    /// assert_eq!(curated.get(1000), Some("A normal closure."));
    /// assert_eq!(curated.get(1001), None);
    /// let error = Curated::parse("[codes]\n1000 = \"ok\"\n1001 = \"  \"\n").unwrap_err();
    /// assert_eq!(error.to_string(), "line 3, column 1: codes.1001: must be a non-empty string");
    /// # Ok::<(), ws_close_codes_registry::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Curated, Error> {
        let mut descriptions = BTreeMap::new();
        for code in codes_file::read::<String>(text)? {
            let value = code
                .code()
                .filter(|&value| value != 0)
                .ok_or_else(|| code.error("", "key must be a close code from 1 to 65535"))?;
            let description = collapse_whitespace(&code.value);
            if description.is_empty() {
                return Err(code.error("", "must be a non-empty string"));
            }
            descriptions.insert(value, description);
        }
        Ok(Curated { descriptions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_refused_at_their_place() {
        for (text, line) in [
            ("[codes]\n1000 = \"ok\"\nabc = \"x\"\n", 3),
            ("[codes]\n1000 = \"ok\"\n0 = \"x\"\n", 3),
            ("[codes]\n\n1000 = 5\n", 3),
            ("[nope]\n", 1),
            ("[codes\n", 1),
        ] {
            let error = Curated::parse(text).unwrap_err();
            assert_eq!(
                error.position.map(|p| p.line),
                Some(line),
                "{text}: {error}"
            );
        }
    }
}
