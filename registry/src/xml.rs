//! Registry bytes to a small element tree, with positions.
//!
//! The tree keeps only what the registry format uses: elements (local
//! names, attributes, children, where they start) and text. Comments,
//! processing instructions and the document type declaration are skipped;
//! entities other than XML's five predefined ones and character references
//! are refused rather than expanded, so a document can never pull in
//! outside content or grow by expansion.
//!
//! Characters that XML 1.0 forbids (production \[2\] `Char`: every control
//! character below U+0020 but tab, line feed and carriage return, and
//! U+FFFE and U+FFFF) are refused at their place, written raw anywhere in
//! the document or as a character reference (`&#x1;`, `&#xFFFE;`; a
//! reference to nothing that is a character, `&#0;` or the surrogate
//! `&#xD800;`, is refused too). A reference is refused when it is read; a
//! raw character once the whole document has been read, so that malformed
//! markup around it is reported as it was before.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::error::{position_of, Error, Positions};
use crate::model::Position;

/// Largest document accepted, in bytes. IANA's document is about 20 KiB.
pub(crate) const MAX_DOCUMENT_LEN: usize = 16 * 1024 * 1024;

/// Deepest element nesting accepted. IANA's document nests four levels.
pub(crate) const MAX_DEPTH: usize = 32;

/// An element of the document.
#[derive(Debug)]
pub(crate) struct Element {
    /// Local name (namespace prefix dropped).
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// Child nodes in document order.
    pub children: Vec<Node>,
    /// Where the start tag begins.
    pub position: Position,
}

/// A node of the tree.
#[derive(Debug)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Child elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// Child elements called `name`.
    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element called `name`.
    pub fn element(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All text inside the element, descendants included, with runs of
    /// whitespace collapsed to one space and trimmed.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        collapse_whitespace(&raw)
    }

    /// The element's own text nodes, joined as written: not collapsed, not
    /// trimmed, child elements left out.
    pub fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                Node::Text(text) => Some(text.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => {
                    out.push(' ');
                    element.collect_text(out);
                    out.push(' ');
                }
            }
        }
    }

    /// `<name>`, for error messages.
    pub fn tag(&self) -> String {
        format!("<{}>", self.name)
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a whole document into its root element.
pub(crate) fn parse_document(bytes: &[u8]) -> Result<Element, Error> {
    let text = decode(bytes)?;
    // Positions are reported against the original bytes: skip a BOM's width.
    let bom = bytes.len() - text.len();
    // Offsets only grow while reading, so positions are computed
    // incrementally: one pass over the document, not one per event.
    let positions = Positions::new(bytes);
    let at_byte = |offset: usize| positions.at(bom.saturating_add(offset));
    let at = |offset: u64| at_byte(usize::try_from(offset).unwrap_or(usize::MAX));

    // The first character XML 1.0 forbids, found in one pass over the whole
    // text; the element it is in is learnt while reading.
    let forbidden = text.char_indices().find(|&(_, c)| !is_xml_char(c));
    let mut forbidden_in: Option<String> = None;

    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);

    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let offset = reader.buffer_position();
        let event = reader.read_event().map_err(|e| Error {
            // Where the faulty markup starts, not where reading stopped.
            position: Some(at(reader.error_position())),
            element: stack.last().map(Element::tag),
            message: format!("malformed XML: {e}"),
        })?;
        if let Some((bad, _)) = forbidden {
            let end = reader.buffer_position();
            if forbidden_in.is_none()
                && (offset..end).contains(&u64::try_from(bad).unwrap_or(u64::MAX))
            {
                forbidden_in = Some(match &event {
                    Event::Start(start) | Event::Empty(start) => format!("<{}>", local_name(start)),
                    Event::Decl(_) => "<?xml?>".to_owned(),
                    _ => stack
                        .last()
                        .map_or_else(|| "document".to_owned(), Element::tag),
                });
            }
        }
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return Err(Error::at(
                    at(offset),
                    "document",
                    "more than one root element",
                ));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::at(
                        at(offset),
                        format!("<{}>", local_name(&start)),
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(element(&start, at(offset), text, &at_byte)?);
            }
            Event::Empty(start) => {
                let element = element(&start, at(offset), text, &at_byte)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or_else(|| {
                    Error::at(at(offset), "document", "end tag without a start tag")
                })?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::Text(content) => push_text(&mut stack, &content.xml10_content(), at(offset))?,
            Event::CData(content) => {
                push_text(&mut stack, &content.xml10_content(), at(offset))?;
            }
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    match char_reference(&reference) {
                        Ok(c) => c.to_string(),
                        Err(message) => {
                            return Err(Error::at(
                                at(offset),
                                stack
                                    .last()
                                    .map_or_else(|| "document".to_owned(), Element::tag),
                                message,
                            ))
                        }
                    }
                } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&reference)
                {
                    text.to_owned()
                } else {
                    return Err(Error::at(
                        at(offset),
                        stack
                            .last()
                            .map_or_else(|| "document".to_owned(), Element::tag),
                        format!(
                            "entity &{}; is not one of XML's predefined entities; \
                             other entities are not expanded",
                            truncate(&reference, 40)
                        ),
                    ));
                };
                push_text(&mut stack, &resolved, at(offset))?;
            }
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding() {
                    let encoding = encoding.to_ascii_lowercase();
                    if encoding != "utf-8" && encoding != "utf8" {
                        return Err(Error::at(
                            at(offset),
                            "<?xml?>",
                            format!(
                                "the document declares encoding {:?}; only UTF-8 is accepted",
                                truncate(&encoding, 40)
                            ),
                        ));
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if let Some((bad, c)) = forbidden {
        return Err(Error::at(
            at_byte(bad),
            forbidden_in.unwrap_or_else(|| "document".to_owned()),
            forbids(c),
        ));
    }
    if let Some(open) = stack.last() {
        return Err(Error::at(
            open.position,
            open.tag(),
            "malformed XML: the element is never closed",
        ));
    }
    root.ok_or_else(|| Error::at(at(0), "document", "the document has no root element"))
}

fn push_text(stack: &mut [Element], text: &str, position: Position) -> Result<(), Error> {
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(Node::Text(text.to_owned()));
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(Error::at(
            position,
            "document",
            "text outside the root element",
        )),
    }
}

fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

/// The element of start tag `start`, which begins at `position`; `at`
/// places a byte offset of `text`, the document the tag was read from.
fn element(
    start: &BytesStart<'_>,
    position: Position,
    text: &str,
    at: &dyn Fn(usize) -> Position,
) -> Result<Element, Error> {
    let name = local_name(start);
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| {
            Error::at(
                position,
                format!("<{name}>"),
                format!("malformed attribute: {e}"),
            )
        })?;
        let key = attribute.key.local_name().as_ref().to_owned();
        if let Some((index, message)) = invalid_char_reference(&attribute.value) {
            // At the reference itself, when the value is a slice of the
            // document (always, reading from a `&str`); else at the tag.
            let place =
                offset_in(text, &attribute.value).map_or(position, |value| at(value + index));
            return Err(Error::at(
                place,
                format!("<{name}>"),
                format!("attribute {key}: {message}"),
            ));
        }
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .map_err(|e| {
                Error::at(
                    position,
                    format!("<{name}>"),
                    format!("attribute {key}: {e} (only XML's predefined entities are expanded)"),
                )
            })?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        position,
    })
}

/// Whether XML 1.0 allows `c` in a document (production \[2\] `Char`),
/// raw or as a character reference.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
    )
}

/// The error message for a character XML 1.0 forbids. It names the
/// character as `U+XXXX`, never quotes it.
fn forbids(c: char) -> String {
    let kind = if c.is_control() {
        "control character"
    } else if matches!(c, '\u{FFFE}' | '\u{FFFF}') {
        "noncharacter"
    } else {
        "character"
    };
    format!("XML 1.0 forbids the {kind} U+{:04X}", u32::from(c))
}

/// The character that the character reference `&BODY;` stands for (`body`
/// starts with `#`), or the error message when it stands for none or for
/// one that XML 1.0 forbids.
fn char_reference(body: &str) -> Result<char, String> {
    let invalid = format!("invalid character reference &{};", truncate(body, 40));
    match BytesRef::new(body).resolve_char_ref() {
        Ok(Some(c)) if is_xml_char(c) => Ok(c),
        Ok(Some(c)) => Err(format!("{invalid} ({})", forbids(c))),
        _ => Err(invalid),
    }
}

/// The first character reference of a raw attribute value that is invalid
/// or stands for a character XML 1.0 forbids: its byte offset in `raw` and
/// the error message. A reference without its `;` is left to the
/// attribute's normalisation, which refuses it.
fn invalid_char_reference(raw: &str) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(amp) = raw[from..].find("&#") {
        let amp = from + amp;
        let semicolon = amp + raw[amp..].find(';')?;
        if let Err(message) = char_reference(&raw[amp + 1..semicolon]) {
            return Some((amp, message));
        }
        from = semicolon + 1;
    }
    None
}

/// The byte offset of `part` in `text`, when `part` is a slice of it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let offset = part.as_ptr().addr().checked_sub(text.as_ptr().addr())?;
    (offset + part.len() <= text.len()).then_some(offset)
}

/// The document as UTF-8 text, without a UTF-8 byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, Error> {
    if bytes.is_empty() {
        return Err(Error::at(
            Position { line: 1, column: 1 },
            "document",
            "the document is empty",
        ));
    }
    if bytes.len() > MAX_DOCUMENT_LEN {
        // The place is the first byte past the limit.
        return Err(Error::at(
            position_of(bytes, MAX_DOCUMENT_LEN),
            "document",
            format!(
                "the document is {} bytes long; at most {MAX_DOCUMENT_LEN} are accepted",
                bytes.len()
            ),
        ));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(Error::at(
            Position { line: 1, column: 1 },
            "document",
            "the document is UTF-16 (it starts with a UTF-16 byte-order mark); only UTF-8 is accepted",
        ));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let offset = bytes.len() - body.len() + e.valid_up_to();
        Error::at(
            position_of(bytes, offset),
            "document",
            format!("the document is not valid UTF-8 (invalid byte at offset {offset})"),
        )
    })
}

/// At most `max` characters of `text`, for quoting untrusted text in errors.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}
