//! Curated descriptions (`descriptions.toml`) of codes whose IANA
//! description is only a title.

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

    /// Parses `descriptions.toml` (`[codes]` maps code values to text,
    /// whitespace collapsed); an error names the place of a bad entry.
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
