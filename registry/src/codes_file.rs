//! The shape of `names.toml` and `descriptions.toml`: one `[codes]` table
//! keyed by close code.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Positions};
use crate::model::Position;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File<T> {
    #[serde(default = "BTreeMap::new")]
    codes: BTreeMap<Spanned<String>, T>,
}

/// One entry of the `[codes]` table.
pub(crate) struct Code<T> {
    /// The key as written, like `1000`.
    pub key: String,
    /// Where the key is.
    pub at: Position,
    pub value: T,
}

impl<T> Code<T> {
    /// An error about the entry, or its `field` (like `.ident`), at its key.
    pub fn error(&self, field: &str, message: impl Into<String>) -> Error {
        Error::at(self.at, format!("codes.{}{field}", self.key), message)
    }

    /// The close code the key names: decimal digits without leading zeros.
    pub fn code(&self) -> Option<u16> {
        crate::parse::decimal(&self.key).ok()
    }
}

/// The entries of `text`'s `[codes]` table, in document order.
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Result<Vec<Code<T>>, Error> {
    let positions = Positions::new(text.as_bytes());
    let file: File<T> = toml::from_str(text).map_err(|error| Error {
        position: error.span().map(|span| positions.at(span.start)),
        element: None,
        message: error.message().trim_end().to_owned(),
    })?;
    let mut codes: Vec<_> = file.codes.into_iter().collect();
    codes.sort_by_key(|(key, _)| key.span().start);
    let codes = codes.into_iter().map(|(key, value)| Code {
        at: positions.at(key.span().start),
        key: key.into_inner(),
        value,
    });
    Ok(codes.collect())
}
