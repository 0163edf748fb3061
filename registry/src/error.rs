//! What is wrong, or what was absorbed, and where: [`Error`] and [`Quirk`].

use std::fmt;

use crate::model::Position;

/// An error in a registry document, a pin file or a curated file. `Display`
/// gives `line L, column C: <element>: message`.
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
}

impl fmt::Display for Error {
    /// Escapes control and bidirectional characters of the untrusted text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{position}: ")?;
        }
        let element = self.element.iter().map(|e| (e.as_str(), ": "));
        for (text, end) in element.chain([(self.message.as_str(), "")]) {
            for c in text.chars() {
                if c.is_control() || crate::names::is_bidi_control(c) {
                    write!(f, "\\u{{{:x}}}", u32::from(c))?;
                } else {
                    fmt::Write::write_char(f, c)?;
                }
            }
            f.write_str(end)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// An irregularity with exactly one reading that [`parse`](fn@crate::parse)
/// absorbed (see the [`parse`](mod@crate::parse) module), where it was and
/// how it was read; `Display` as [`Error`]'s.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quirk {
    /// Where the element concerned starts in the document.
    pub position: Position,
    /// The element concerned, like `<xref>`.
    pub element: String,
    /// What was absorbed and how it was read, for a person.
    pub message: String,
}

impl fmt::Display for Quirk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Error::at(self.position, self.element.as_str(), self.message.as_str()).fmt(f)
    }
}

/// Places of byte offsets in a text, scanning on from the previous one.
pub(crate) struct Positions<'a> {
    text: &'a [u8],
    /// (offset, line, column) of the last answer.
    last: std::cell::Cell<(usize, u32, u32)>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        Positions {
            text,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// The line and column (in characters) of `offset`, clamped to the end.
    pub(crate) fn at(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let (mut from, mut line, mut column) = self.last.get();
        if offset < from {
            (from, line, column) = (0, 1, 1);
        }
        for &b in &self.text[from..offset] {
            if b == b'\n' {
                (line, column) = (line.saturating_add(1), 1);
            } else if (b & 0xC0) != 0x80 {
                column = column.saturating_add(1);
            }
        }
        self.last.set((offset, line, column));
        Position { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_in_any_order() {
        let positions = Positions::new("a\u{e9}\u{202e}\n\n  <b>\u{1f980}x\n".as_bytes());
        // After "a", "é" (2 bytes), U+202E (3) and "\n"; backwards; after
        // "  <b>"; after the 4-byte crab; past the end, clamped.
        for (offset, line, column) in [(7, 2, 1), (1, 1, 2), (13, 3, 6), (17, 3, 7), (99, 4, 1)] {
            assert_eq!(positions.at(offset), Position { line, column }, "{offset}");
        }
    }
}
