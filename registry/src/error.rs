//! What is wrong, or what was absorbed, and where: [`Error`] and [`Quirk`].

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
    ///
    /// ```
    /// use ws_close_codes_registry::{Error, Position};
    ///
    /// let error = Error::at(Position { line: 3, column: 5 }, "<value>", "not a number");
    /// assert_eq!(error.to_string(), "line 3, column 5: <value>: not a number");
    /// ```
    pub fn at(position: Position, element: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            position: Some(position),
            element: Some(element.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    /// The element and message can quote the document, so control and
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

fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
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

/// An irregularity that [`parse`](fn@crate::parse) absorbed because it has
/// exactly one reading (the list is in the [`parse`](mod@crate::parse)
/// module's documentation), and how it read it.
///
/// It names the place like an [`Error`] does, and its `Display` form is the
/// same, with control and bidirectional characters escaped; the message
/// quotes at most 80 characters of the document's text.
///
/// ```
/// let document = br#"<registry id="websocket">
///   <updated>2016-10-10</updated>
///   <registry id="close-code-number">
///     <record>
///       <value>1012</value>
///       <description>Service Restart</description>
///       <contact><xref type="person" data="Alexey_Melnikov "/></contact>
///     </record>
///   </registry>
///   <people><person id="Alexey_Melnikov"><name>Alexey Melnikov</name></person></people>
/// </registry>"#;
/// let registry = ws_close_codes_registry::parse(document)?;
/// let contact = registry.record_for(1012).unwrap().contact.as_ref().unwrap();
/// assert_eq!(contact.id, "Alexey_Melnikov");
/// assert_eq!(
///     registry.quirks[0].to_string(),
///     "line 7, column 16: <xref>: person id \"Alexey_Melnikov \" has surrounding \
///      whitespace; read as \"Alexey_Melnikov\""
/// );
/// # Ok::<(), ws_close_codes_registry::Error>(())
/// ```
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

/// Line and column of byte offsets in one text, for offsets that mostly
/// grow (as a parser reports them): each call scans only from the previous
/// offset, so a document's positions cost one pass over it.
pub(crate) struct Positions<'a> {
    text: &'a [u8],
    /// (offset, line, column) of the last answer.
    last: std::cell::Cell<(usize, u32, u32)>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        let last = std::cell::Cell::new((0, 1, 1));
        Positions { text, last }
    }

    /// The position of byte `offset` (clamped to the text's length): 1-based
    /// line and column, the column counted in characters.
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
    fn display_escapes_control_and_bidi_characters() {
        let at = Position { line: 2, column: 3 };
        let error = Error::at(at, "<a\u{1b}[2J>", "found `</b\u{202e}\u{0}>`\n");
        let expected = "line 2, column 3: <a\\u{1b}[2J>: found `</b\\u{202e}\\u{0}>`\\u{a}";
        assert_eq!(error.to_string(), expected);
        let quirk = Quirk {
            position: at,
            element: error.element.unwrap(),
            message: error.message,
        };
        assert_eq!(quirk.to_string(), expected);
        let whole = Error {
            position: None,
            element: None,
            message: "a\u{7}".into(),
        };
        assert_eq!(whole.to_string(), "a\\u{7}");
    }

    #[test]
    fn positions_count_lines_and_characters_in_any_order() {
        let text = "a\u{e9}\u{202e}\n\n  <b>\u{1f980}x\n".as_bytes();
        let positions = Positions::new(text);
        let expect = |offset, line, column| {
            assert_eq!(positions.at(offset), Position { line, column }, "{offset}");
        };
        expect(7, 2, 1); // after "a", "é" (2 bytes), U+202E (3 bytes) and "\n"
        expect(1, 1, 2); // backwards
        expect(13, 3, 6); // after "  <b>"
        expect(17, 3, 7); // after the 4-byte crab
        expect(99, 4, 1); // past the end: clamped
    }
}
