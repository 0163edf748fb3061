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
    /// The element and message can quote the document (an element's name,
    /// the XML reader's description of what it found), so control and
    /// bidirectional characters are written as `\u{...}` escapes: an error
    /// about a hostile document cannot send escape sequences to a terminal
    /// or reorder the text of a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{position}: ")?;
        }
        if let Some(element) = &self.element {
            write_escaped(f, element)?;
            f.write_str(": ")?;
        }
        write_escaped(f, &self.message)
    }
}

/// Writes `text` with control and bidirectional characters as `\u{...}`
/// escapes (for errors and quirks, which quote the document).
pub(crate) fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    for c in text.chars() {
        if c.is_control() || crate::names::is_bidi_control(c) {
            write!(f, "\\u{{{:x}}}", u32::from(c))?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

impl std::error::Error for Error {}

/// Line and column (1-based, column in characters) of byte `offset` in `text`.
///
/// This scans `text` from the start; for many positions in one text use
/// [`Positions`], which is linear in the length of the text overall.
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

/// Positions of byte offsets in one text, for offsets that mostly grow (as
/// a parser reports them): each call scans only from the previous offset,
/// so a document's positions cost one pass over it, not one pass each.
/// Same results as [`position_of`].
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

    /// The position of byte `offset` (clamped to the text's length).
    pub(crate) fn at(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let (mut from, mut line, mut column) = self.last.get();
        if offset < from {
            (from, line, column) = (0, 1, 1);
        }
        for &b in &self.text[from..offset] {
            if b == b'\n' {
                line = line.saturating_add(1);
                column = 1;
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
    fn incremental_positions_agree_with_position_of() {
        let text = "a\u{e9}\u{202e}\n\n  <b>\u{1f980}x\n\u{feff}end\n".as_bytes();
        let positions = Positions::new(text);
        // Forwards, backwards (as an error path may ask) and past the end.
        let offsets = (0..=text.len() + 2).chain((0..=text.len()).rev().step_by(3));
        for offset in offsets {
            assert_eq!(
                positions.at(offset),
                position_of(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn display_escapes_control_and_bidi_characters() {
        let error = Error::at(
            Position { line: 2, column: 3 },
            "<a\u{1b}[2J>",
            "found `</b\u{202e}\u{0}>`\n",
        );
        assert_eq!(
            error.to_string(),
            "line 2, column 3: <a\\u{1b}[2J>: found `</b\\u{202e}\\u{0}>`\\u{a}"
        );
    }
}
