//! Registry bytes to a small element tree with positions. Only XML's
//! predefined entities and character references are expanded; characters
//! XML 1.0 forbids are refused, a raw one after the whole document is read
//! (so malformed markup around it is reported first).

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Positions};
use crate::model::Position;

/// Largest document accepted, in bytes. IANA's document is about 20 KiB.
pub(crate) const MAX_DOCUMENT_LEN: usize = 16 * 1024 * 1024;

/// Deepest element nesting accepted. IANA's document nests four levels.
pub(crate) const MAX_DEPTH: usize = 32;

/// An element: local names, unescaped attribute values, where it starts.
pub(crate) struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub position: Position,
}

pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        let found = self.attributes.iter().find(|(key, _)| key == name);
        found.map(|(_, value)| value.as_str())
    }

    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter_map(move |node| match node {
            Node::Element(element) if element.name == name => Some(element),
            _ => None,
        })
    }

    pub fn element<'a>(&'a self, name: &'a str) -> Option<&'a Element> {
        self.elements_named(name).next()
    }

    /// All text inside, descendants' set apart by spaces, as written.
    pub fn raw_text(&self) -> String {
        let text = self.children.iter().map(|node| match node {
            Node::Text(text) => text.clone(),
            Node::Element(child) => format!(" {} ", child.raw_text()),
        });
        text.collect()
    }

    /// [`Element::raw_text`], whitespace collapsed.
    pub fn text(&self) -> String {
        collapse_whitespace(&self.raw_text())
    }

    /// `<name>`, for messages.
    pub fn tag(&self) -> String {
        format!("<{}>", self.name)
    }

    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::at(self.position, self.tag(), message)
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, for quoting untrusted text.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Parses a whole document into its root element.
pub(crate) fn parse_document(bytes: &[u8]) -> Result<Element, Error> {
    let positions = Positions::new(bytes);
    let text = decode(bytes, &positions)?;
    // Positions are of the original bytes: a BOM's width is added.
    let bom = bytes.len() - text.len();
    let at_byte = |offset: usize| positions.at(bom.saturating_add(offset));
    let at = |offset: u64| at_byte(usize::try_from(offset).unwrap_or(usize::MAX));
    let tag = |start: &BytesStart<'_>| format!("<{}>", start.local_name().as_ref());
    let in_document = |at, message: &str| Error::at(at, "document", message);
    let context = |stack: &[Element]| stack.last().map_or_else(|| "document".into(), Element::tag);
    // Where a slice of the document (an attribute value) starts.
    let place = |part: &str| {
        let offset = part.as_ptr().addr().checked_sub(text.as_ptr().addr())?;
        (offset + part.len() <= text.len()).then(|| at_byte(offset))
    };

    // The first forbidden character, found in one pass; the element it is
    // in is learnt while reading.
    let forbidden = text.char_indices().find(|&(_, c)| !is_xml_char(c));
    let forbidden_at = forbidden.map(|(bad, _)| u64::try_from(bad).unwrap_or(u64::MAX));
    let mut forbidden_in: Option<String> = None;

    // quick-xml's defaults: end names checked, empty elements and text kept as written.
    let mut reader = Reader::from_str(text);

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
        let read = offset..reader.buffer_position();
        if forbidden_in.is_none() && forbidden_at.is_some_and(|bad| read.contains(&bad)) {
            forbidden_in = Some(match &event {
                Event::Start(start) | Event::Empty(start) => tag(start),
                Event::Decl(_) => "<?xml?>".to_owned(),
                _ => context(&stack),
            });
        }
        let new_element = |start: &BytesStart<'_>| element(start, at(offset), &place);
        let node = match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(in_document(at(offset), "more than one root element"));
            }
            Event::Start(start) if stack.len() >= MAX_DEPTH => {
                let message = format!("elements nested deeper than {MAX_DEPTH} levels");
                return Err(Error::at(at(offset), tag(&start), message));
            }
            Event::Start(start) => {
                stack.push(new_element(&start)?);
                continue;
            }
            Event::Empty(start) => Node::Element(new_element(&start)?),
            Event::End(_) => match stack.pop() {
                Some(element) => Node::Element(element),
                None => return Err(in_document(at(offset), "end tag without a start tag")),
            },
            Event::Text(content) => Node::Text(content.xml10_content().into_owned()),
            Event::CData(content) => Node::Text(content.xml10_content().into_owned()),
            Event::GeneralRef(reference) => {
                let predefined = quick_xml::escape::resolve_predefined_entity(&reference);
                let resolved = match predefined {
                    _ if reference.is_char_ref() => char_reference(&reference).map(String::from),
                    Some(text) => Ok(text.to_owned()),
                    None => Err(format!(
                        "entity &{}; is not one of XML's predefined entities; \
                         other entities are not expanded",
                        truncate(&reference, 40)
                    )),
                };
                Node::Text(resolved.map_err(|m| Error::at(at(offset), context(&stack), m))?)
            }
            Event::Decl(decl) => match decl.encoding().and_then(Result::ok) {
                Some(encoding) if !matches!(&*encoding.to_ascii_lowercase(), "utf-8" | "utf8") => {
                    let shown = truncate(&encoding.to_ascii_lowercase(), 40);
                    let message =
                        format!("the document declares encoding {shown:?}; only UTF-8 is accepted");
                    return Err(Error::at(at(offset), "<?xml?>", message));
                }
                _ => continue,
            },
            Event::Comment(_) | Event::PI(_) | Event::DocType(_) => continue,
            Event::Eof => break,
        };
        // A complete element or text goes to its parent; an element
        // outside any becomes the root.
        match (stack.last_mut(), node) {
            (Some(parent), node) => parent.children.push(node),
            (None, Node::Element(element)) => root = Some(element),
            (None, Node::Text(text)) if text.trim().is_empty() => {}
            (None, Node::Text(_)) => {
                return Err(in_document(at(offset), "text outside the root element"))
            }
        }
    }
    if let Some((bad, c)) = forbidden {
        let element = forbidden_in.unwrap_or_else(|| "document".to_owned());
        return Err(Error::at(at_byte(bad), element, forbids(c)));
    }
    if let Some(open) = stack.last() {
        return Err(open.error("malformed XML: the element is never closed"));
    }
    root.ok_or_else(|| in_document(at(0), "the document has no root element"))
}

/// The element of `start`, at `position`; `place` places a slice of the document.
fn element(
    start: &BytesStart<'_>,
    position: Position,
    place: &dyn Fn(&str) -> Option<Position>,
) -> Result<Element, Error> {
    let name = start.local_name().as_ref().to_owned();
    let tag = format!("<{name}>");
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute
            .map_err(|e| Error::at(position, &tag, format!("malformed attribute: {e}")))?;
        let key = attribute.key.local_name().as_ref().to_owned();
        if let Some((index, message)) = invalid_char_reference(&attribute.value) {
            // At the reference itself: the value is a slice of the document.
            let place = place(&attribute.value[index..]).unwrap_or(position);
            return Err(Error::at(place, tag, format!("attribute {key}: {message}")));
        }
        let value = attribute.normalized_value(quick_xml::XmlVersion::Explicit1_0);
        let value = value.map_err(|e| {
            let message =
                format!("attribute {key}: {e} (only XML's predefined entities are expanded)");
            Error::at(position, &tag, message)
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

/// Whether XML 1.0 allows `c` in a document (production \[2\] `Char`).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The message for a character XML 1.0 forbids, named as `U+XXXX`.
fn forbids(c: char) -> String {
    let kind = match c {
        c if c.is_control() => "control character",
        '\u{FFFE}' | '\u{FFFF}' => "noncharacter",
        _ => "character",
    };
    format!("XML 1.0 forbids the {kind} U+{:04X}", u32::from(c))
}

/// The character `&BODY;` stands for, or why it is invalid or forbidden.
fn char_reference(body: &str) -> Result<char, String> {
    let invalid = format!("invalid character reference &{};", truncate(body, 40));
    match BytesRef::new(body).resolve_char_ref() {
        Ok(Some(c)) if is_xml_char(c) => Ok(c),
        Ok(Some(c)) => Err(format!("{invalid} ({})", forbids(c))),
        _ => Err(invalid),
    }
}

/// The offset and message of a raw attribute value's first invalid character
/// reference (one without `;` is left to normalisation, which refuses it).
fn invalid_char_reference(raw: &str) -> Option<(usize, String)> {
    raw.match_indices("&#").find_map(|(amp, _)| {
        let semicolon = amp + raw[amp..].find(';')?;
        let message = char_reference(&raw[amp + 1..semicolon]).err()?;
        Some((amp, message))
    })
}

/// The document as UTF-8 text, without a UTF-8 byte-order mark.
fn decode<'a>(bytes: &'a [u8], positions: &Positions<'_>) -> Result<&'a str, Error> {
    let refuse = |offset, message: &str| Err(Error::at(positions.at(offset), "document", message));
    if bytes.is_empty() {
        return refuse(0, "the document is empty");
    }
    if bytes.len() > MAX_DOCUMENT_LEN {
        // The place is the first byte past the limit.
        let length = bytes.len();
        let message =
            format!("the document is {length} bytes long; at most {MAX_DOCUMENT_LEN} are accepted");
        return refuse(MAX_DOCUMENT_LEN, &message);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        let message = "the document is UTF-16 (it starts with a UTF-16 byte-order mark); \
                       only UTF-8 is accepted";
        return refuse(0, message);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body).or_else(|e| {
        let offset = bytes.len() - body.len() + e.valid_up_to();
        let message = format!("the document is not valid UTF-8 (invalid byte at offset {offset})");
        refuse(offset, &message)
    })
}
