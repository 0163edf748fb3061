//! Errors that say what is wrong and where.

use std::fmt;

use crate::model::Position;

/// An error in a registry document, a pin file or a curated file.
///
/// It names the place (line and column, and the element or key when there
/// is one) and says what is wrong. Its `Display` form is
/// `line L, column C: <element>: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Where in the input the problem is, when it can be placed.
    pub position: Option<Position>,
    /// The element (`<record>`) or key (`codes.1014.ident`) concerned.
    pub element: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

impl Error {
    /// An error at a position, about an element.
    pub fn at(position: Position, element: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            position: Some(position),
            element: Some(element.into()),
            message: message.into(),
        }
    }

    /// An error that cannot be placed more precisely than the whole input.
    pub fn whole(message: impl Into<String>) -> Self {
        Error {
            position: None,
            element: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{position}: ")?;
        }
        if let Some(element) = &self.element {
            write!(f, "{element}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Line and column (1-based, column in characters) of byte `offset` in `text`.
pub(crate) fn position_of(text: &[u8], offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Count characters, not bytes: continuation bytes do not start one.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}
