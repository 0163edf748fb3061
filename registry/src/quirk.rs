//! Irregularities of a registry document that have exactly one reading.
//!
//! IANA's documents do not always follow their own format to the letter:
//! the `websocket.xml` it served in 2015 and 2016 named a contact
//! `data="Alexey_Melnikov "` while `people` listed `Alexey_Melnikov`. Where
//! such a slip can be read in one way only, [`crate::parse`](fn@crate::parse)
//! reads it that way and records a [`Quirk`] saying where it was, what was
//! there and how it was read; where the reading is not certain, it refuses
//! the document as before.

use std::fmt;

use crate::error::write_escaped;
use crate::model::Position;

/// An irregularity that [`parse`](fn@crate::parse) absorbed, and how it read
/// it.
///
/// It names the place (line, column and element) like an [`Error`]
/// does, and its `Display` form is the same: `line L, column C: <element>:
/// message`, with control and bidirectional characters escaped. The
/// message quotes the document's text (at most 80 characters of it, as
/// errors do) and says what it was read as.
///
/// [`Error`]: crate::Error
///
/// # Example
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
///
/// let quirk = &registry.quirks[0];
/// assert_eq!((quirk.position.line, quirk.position.column), (7, 16));
/// assert_eq!(quirk.element, "<xref>");
/// assert_eq!(
///     quirk.to_string(),
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

impl Quirk {
    /// A quirk at a position, about an element.
    ///
    /// ```
    /// use ws_close_codes_registry::{Position, Quirk};
    ///
    /// let quirk = Quirk::at(Position { line: 3, column: 5 }, "<value>", "read as \"1000\"");
    /// assert_eq!(quirk.to_string(), "line 3, column 5: <value>: read as \"1000\"");
    /// ```
    pub fn at(position: Position, element: impl Into<String>, message: impl Into<String>) -> Self {
        Quirk {
            position,
            element: element.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Quirk {
    /// Written like [`crate::Error`]'s: the message quotes the document, so
    /// control and bidirectional characters are written as `\u{...}`
    /// escapes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.position)?;
        write_escaped(f, &self.element)?;
        f.write_str(": ")?;
        write_escaped(f, &self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_escapes_control_and_bidi_characters() {
        let quirk = Quirk::at(
            Position { line: 4, column: 9 },
            "<x\u{1b}]0;>",
            "id \"a\u{202e}b\u{7}\" read as \"a\"\r\n",
        );
        assert_eq!(
            quirk.to_string(),
            "line 4, column 9: <x\\u{1b}]0;>: id \"a\\u{202e}b\\u{7}\" read as \"a\"\\u{d}\\u{a}"
        );
    }
}
