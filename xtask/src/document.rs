//! The drill's edits of a registry document's text, the way IANA changes
//! it: register a code in an unassigned range, drop a record, reword a
//! description, remove or add a reference, change a contact or the dates,
//! add a person, date the document.
//!
//! Every edit keeps the rest of the text byte for byte. Records are found
//! through the parser (its positions point at each `<record`), never by
//! searching the text for a value, so an edit cannot land in another
//! registry of the document.
//!
//! ```
//! use xtask::document::Document;
//!
//! let newer = Document::new(ws_close_codes_registry::SNAPSHOT_XML)
//!     .register(3999, "Example", "2099-01-02", Some("Morgan_Jones"), &[])
//!     .unwrap()
//!     .updated("2099-01-02");
//! let registry = newer.parse().unwrap();
//! assert_eq!(registry.record_for(3999).unwrap().description, "Example");
//! ```

use std::ops::Range;

use ws_close_codes_registry::{self as registry, Position, Record, Registry, Span};

use crate::report::join;

/// A registry document's text, edited step by step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    text: String,
}

/// `text` as XML character data or attribute value.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// `<xref type="KIND" data="DATA"/>`.
fn xref(kind: &str, data: &str) -> String {
    let [kind, data] = [kind, data].map(escape);
    format!("<xref type=\"{kind}\" data=\"{data}\"/>")
}

/// A `<contact>` that names the person `id`.
fn person(id: &str) -> String {
    format!("<contact>{}</contact>", xref("person", id))
}

/// The byte range of the first `<tag>` element in `text`, empty or not.
fn element(text: &str, tag: &str) -> Option<Range<usize>> {
    let start = text.find(&format!("<{tag}"))?;
    let end = start + text[start..].find('>')? + 1;
    if text[..end].ends_with("/>") {
        return Some(start..end);
    }
    let close = format!("</{tag}>");
    Some(start..end + text[end..].find(&close)? + close.len())
}

/// The byte offset of a parser position (1-based line, column in
/// characters) in `text`.
fn offset_of(text: &str, position: Position) -> usize {
    let line = (text.split_inclusive('\n').take(position.line as usize - 1))
        .map(str::len)
        .sum();
    let column = position.column.saturating_sub(1) as usize;
    (text[line..].char_indices().nth(column)).map_or(text.len(), |(i, _)| line + i)
}

impl Document {
    /// The document `text`.
    pub fn new(text: impl Into<String>) -> Document {
        Document { text: text.into() }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The document parsed.
    pub fn parse(&self) -> Result<Registry, String> {
        registry::parse(self.text.as_bytes()).map_err(|e| format!("the document: {e}"))
    }

    /// The record of `value`: its own when `registered`, else the unassigned
    /// one holding it. Its span, the byte range of its element and the
    /// indentation of its line.
    fn record(&self, value: u16, registered: bool) -> Result<(Span, Range<usize>, String), String> {
        let (wanted, or_else): (fn(&Record) -> bool, _) = match registered {
            true => (|r| r.span.is_single(), "has no record of its own"),
            false => (|r| !r.is_assigned(), "is not inside an unassigned record"),
        };
        let registry = self.parse()?;
        let record = (registry.record_for(value).filter(|r| wanted(r)))
            .ok_or_else(|| format!("{value} {or_else}"))?;
        let (start, span) = (offset_of(&self.text, record.position), record.span);
        let range = element(&self.text[start..], "record").filter(|r| r.start == 0);
        let range = range
            .ok_or_else(|| format!("no <record>...</record> at {} for {span}", record.position))?;
        let line = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = self.text[line..start].to_owned();
        Ok((span, start..start + range.end, indent))
    }

    /// `range` of the text replaced by `new`.
    fn replace(mut self, range: Range<usize>, new: &str) -> Document {
        self.text.replace_range(range, new);
        self
    }

    /// Replaces what `find` locates in the record of the registered code
    /// `value` (`what`, named when missing) by the text it gives.
    fn edit(
        self,
        value: u16,
        what: &str,
        find: impl FnOnce(&str) -> Option<(Range<usize>, String)>,
    ) -> Result<Document, String> {
        let record = self.record(value, true)?.1;
        let (part, new) =
            find(&self.text[record.clone()]).ok_or_else(|| format!("{value}: no {what}"))?;
        Ok(self.replace(record.start + part.start..record.start + part.end, &new))
    }

    /// Registers `value`, which must lie in an unassigned record: the record
    /// is split around it, and the new one gets `description`, the `date`
    /// attribute, a contact (a person id, or none) and `references`
    /// (`(type, data)` pairs) as IANA writes them.
    pub fn register(
        self,
        value: u16,
        description: &str,
        date: &str,
        contact: Option<&str>,
        references: &[(&str, &str)],
    ) -> Result<Document, String> {
        let (span, range, indent) = self.record(value, false)?;
        let (inner, close) = (format!("\n{indent}  "), format!("\n{indent}</record>"));
        let unassigned = |start, end| {
            let span = Span { start, end };
            format!(
                "<record>{inner}<value>{span}</value>{inner}<description>Unassigned</description>\
                 {inner}<contact/>{close}"
            )
        };
        let contact = contact.map_or("<contact/>".to_owned(), person);
        let xrefs = join(references, "", |(k, d)| format!("{inner}{}", xref(k, d)));
        let [date, description] = [date, description].map(escape);
        let new = format!(
            "<record date=\"{date}\">{inner}<value>{value}</value>{inner}<description>{description}\
             </description>{inner}{contact}{xrefs}{close}"
        );
        let before = (span.start < value).then(|| unassigned(span.start, value - 1));
        let after = (value < span.end).then(|| unassigned(value + 1, span.end));
        let parts: Vec<String> = before.into_iter().chain([new]).chain(after).collect();
        Ok(self.replace(range, &parts.join(&format!("\n{indent}"))))
    }

    /// Removes the record of the registered code `value` with its line, as
    /// a stale copy that predates the registration would lack it.
    pub fn without(self, value: u16) -> Result<Document, String> {
        let record = self.record(value, true)?.1;
        let line = self.text[..record.start].rfind('\n');
        Ok(self.replace(line.unwrap_or(record.start)..record.end, ""))
    }

    /// Replaces the description of the registered code `value`.
    pub fn reword(self, value: u16, description: &str) -> Result<Document, String> {
        let new = format!("<description>{}</description>", escape(description));
        let find = |r: &str| Some((element(r, "description")?, new));
        self.edit(value, "<description>", find)
    }

    /// Replaces the contact of `value`: with the person of `<people>` whose
    /// id is `text` when `is_person`, else with `text` itself.
    pub fn contact(self, value: u16, text: &str, is_person: bool) -> Result<Document, String> {
        let new = match is_person {
            true => person(text),
            false => format!("<contact>{}</contact>", escape(text)),
        };
        self.edit(value, "<contact>", |r| Some((element(r, "contact")?, new)))
    }

    /// Removes the reference of `value` whose data is `data`, with its line.
    pub fn remove_reference(self, value: u16, data: &str) -> Result<Document, String> {
        let needle = format!("data=\"{}\"", escape(data));
        self.edit(value, &format!("reference {data:?}"), |record| {
            let at = (record.match_indices(&needle).map(|(at, _)| at))
                .find(|&at| !record[..at].ends_with("type=\"person\" "))?;
            let end = at + record[at..].find("/>")? + 2;
            Some((record[..at].rfind('\n')?..end, String::new()))
        })
    }

    /// Adds `<xref type="KIND" data="DATA"/>` as the last element of the
    /// record of `value`.
    pub fn add_reference(self, value: u16, kind: &str, data: &str) -> Result<Document, String> {
        self.edit(value, "</record> line", |record| {
            let close = record.len() - "</record>".len();
            let end = record[..close].rfind('\n')?;
            let indent = &record[end..close];
            Some((end..end, format!("{indent}  {}", xref(kind, data))))
        })
    }

    /// Sets the record's `date` attribute (when given) and its `updated`
    /// attribute; IANA's records carry no others.
    pub fn redate(self, value: u16, date: Option<&str>, updated: &str) -> Result<Document, String> {
        let date = date.map_or(String::new(), |d| format!(" date=\"{}\"", escape(d)));
        let tag = format!("<record{date} updated=\"{}\">", escape(updated));
        self.edit(value, "start tag", |r| Some((0..r.find('>')? + 1, tag)))
    }

    /// Adds a person to `<people>`.
    pub fn add_person(
        self,
        id: &str,
        name: &str,
        uri: &str,
        updated: &str,
    ) -> Result<Document, String> {
        let at = (self.text.rfind("</people>")).ok_or("the document has no </people>")?;
        let line = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = self.text[line..at].to_owned();
        let inner = format!("{indent}    ");
        let [id, name, uri, updated] = [id, name, uri, updated].map(escape);
        let person = format!(
            "  <person id=\"{id}\">\n{inner}<name>{name}</name>\n{inner}<uri>{uri}</uri>\n\
             {inner}<updated>{updated}</updated>\n{indent}  </person>\n{indent}"
        );
        Ok(self.replace(at..at, &person))
    }

    /// Sets the document's own `<updated>` date (the first one).
    pub fn updated(self, date: &str) -> Document {
        match element(&self.text, "updated") {
            Some(range) => self.replace(range, &format!("<updated>{}</updated>", escape(date))),
            None => self,
        }
    }
}
