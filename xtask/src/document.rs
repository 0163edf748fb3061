//! Edits of a registry document's text, the way IANA changes it: register
//! a code inside an unassigned range, reword a description, move a
//! reference, change a contact, drop a record, add a person, move the
//! document's date.
//!
//! The edits keep the rest of the document byte for byte, so a diff of two
//! versions shows only the change. Records are found through the parser
//! (its positions point at each `<record`), never by searching the text
//! for a value, so an edit cannot land in another registry of the document.
//!
//! ```
//! use xtask::document::Document;
//!
//! let base = ws_close_codes_registry::SNAPSHOT_XML;
//! let newer = Document::new(base)
//!     .register(3999, "Example", "2099-01-02", Some("Morgan_Jones"), &[])
//!     .unwrap()
//!     .updated("2099-01-02");
//! let registry = ws_close_codes_registry::parse(newer.text().as_bytes()).unwrap();
//! assert_eq!(registry.record_for(3999).unwrap().description, "Example");
//! ```

use std::fmt::Write as _;

use ws_close_codes_registry::{self as registry, Position, Record, Registry};

/// A registry document's text, edited step by step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    text: String,
}

/// An edit that cannot be made: the document has no such record, the value
/// is not free, the document does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// `text` as XML character data or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The byte offset of a parser position (1-based line, column in
/// characters) in `text`.
fn offset_of(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 1..position.line {
        line_start += text[line_start..].find('\n').map_or(0, |i| i + 1);
    }
    let column = usize::try_from(position.column).unwrap_or(1).max(1) - 1;
    text[line_start..]
        .char_indices()
        .nth(column)
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// The byte range of the `<contact>` element in a record's text.
fn contact_range(value: u16, record: &str) -> Result<(usize, usize), EditError> {
    let open = record
        .find("<contact")
        .ok_or_else(|| EditError(format!("{value} has no <contact>")))?;
    let close = match (record[open..].find("</contact>"), record[open..].find('>')) {
        // `<contact/>`: the first `>` closes an empty element.
        (_, Some(gt)) if record[open..open + gt].ends_with('/') => open + gt + 1,
        (Some(at), _) => open + at + "</contact>".len(),
        _ => return Err(EditError(format!("{value}: unclosed <contact>"))),
    };
    Ok((open, close))
}

/// The attributes (`name="value"`) of a start tag's inside.
fn attributes(inside: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = inside.trim_start();
    while let Some(eq) = rest.find('=') {
        let quote = rest[eq + 1..].chars().next().unwrap_or('"');
        let Some(close) = rest[eq + 2..].find(quote) else {
            break;
        };
        let end = eq + 2 + close + 1;
        found.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    found
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

    /// The text, as bytes for `regen --from`.
    pub fn into_bytes(self) -> Vec<u8> {
        self.text.into_bytes()
    }

    /// The document parsed.
    ///
    /// # Errors
    ///
    /// When it does not parse.
    pub fn parse(&self) -> Result<Registry, EditError> {
        registry::parse(self.text.as_bytes()).map_err(|e| EditError(format!("the document: {e}")))
    }

    /// The byte range of the `<record>` element of `record`.
    fn record_range(&self, record: &Record) -> Result<(usize, usize), EditError> {
        let start = offset_of(&self.text, record.position);
        let rest = &self.text[start..];
        if !rest.starts_with("<record") {
            return Err(EditError(format!(
                "no <record> at {} for {}",
                record.position, record.span
            )));
        }
        // A self-closing record has no children, so it cannot be valid.
        let end = rest
            .find("</record>")
            .ok_or_else(|| EditError(format!("the record of {} is not closed", record.span)))?;
        Ok((start, start + end + "</record>".len()))
    }

    /// The record whose single value is `value`, as text.
    fn registered(&self, value: u16) -> Result<(usize, usize), EditError> {
        let registry = self.parse()?;
        let record = registry
            .record_for(value)
            .filter(|r| r.span.is_single())
            .ok_or_else(|| EditError(format!("{value} has no record of its own")))?;
        self.record_range(record)
    }

    /// The indentation of the line `at` is on.
    fn indent_at(&self, at: usize) -> &str {
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.text[line_start..at];
        &line[..line.len() - line.trim_start().len()]
    }

    fn replace(mut self, range: (usize, usize), with: &str) -> Document {
        self.text.replace_range(range.0..range.1, with);
        self
    }

    /// Registers `value`, which must lie in an unassigned record: the
    /// record is split around it, and the new record gets `description`,
    /// the `date` attribute, a contact (a person id, or none) and
    /// `references` (`(type, data)` pairs) as IANA writes them.
    ///
    /// # Errors
    ///
    /// When `value` is not inside an unassigned record.
    pub fn register(
        self,
        value: u16,
        description: &str,
        date: &str,
        contact: Option<&str>,
        references: &[(&str, &str)],
    ) -> Result<Document, EditError> {
        let registry = self.parse()?;
        let record = registry
            .record_for(value)
            .filter(|r| !r.is_assigned())
            .ok_or_else(|| EditError(format!("{value} is not inside an unassigned record")))?;
        let (span, range) = (record.span, self.record_range(record)?);
        let indent = self.indent_at(range.0).to_owned();
        let inner = format!("{indent}  ");
        let unassigned = |first: u16, last: u16| {
            let value = if first == last {
                first.to_string()
            } else {
                format!("{first}-{last}")
            };
            format!(
                "<record>\n{inner}<value>{value}</value>\n{inner}<description>Unassigned</description>\n\
                 {inner}<contact/>\n{indent}</record>"
            )
        };
        let mut new = format!(
            "<record date=\"{}\">\n{inner}<value>{value}</value>\n{inner}<description>{}</description>\n",
            escape(date),
            escape(description)
        );
        match contact {
            Some(id) => {
                let _ = writeln!(
                    new,
                    "{inner}<contact><xref type=\"person\" data=\"{}\"/></contact>",
                    escape(id)
                );
            }
            None => {
                let _ = writeln!(new, "{inner}<contact/>");
            }
        }
        for (kind, data) in references {
            let _ = writeln!(
                new,
                "{inner}<xref type=\"{}\" data=\"{}\"/>",
                escape(kind),
                escape(data)
            );
        }
        new.push_str(&indent);
        new.push_str("</record>");
        let mut parts = Vec::new();
        if span.start < value {
            parts.push(unassigned(span.start, value - 1));
        }
        parts.push(new);
        if value < span.end {
            parts.push(unassigned(value + 1, span.end));
        }
        Ok(self.replace(range, &parts.join(&format!("\n{indent}"))))
    }

    /// Removes the record of the registered code `value`, as a stale copy
    /// that predates the registration would lack it.
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own.
    pub fn without(self, value: u16) -> Result<Document, EditError> {
        let (start, end) = self.registered(value)?;
        // The line break and indentation before the record go with it.
        let start = self.text[..start].rfind('\n').unwrap_or(start);
        Ok(self.replace((start, end), ""))
    }

    /// Replaces the description of the registered code `value`.
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own.
    pub fn reword(self, value: u16, description: &str) -> Result<Document, EditError> {
        let (start, end) = self.registered(value)?;
        let record = &self.text[start..end];
        let open = record
            .find("<description>")
            .ok_or_else(|| EditError(format!("{value} has no <description>")))?;
        let close = record
            .find("</description>")
            .ok_or_else(|| EditError(format!("{value} has no </description>")))?;
        let range = (start + open + "<description>".len(), start + close);
        Ok(self.replace(range, &escape(description)))
    }

    /// Replaces the `data` of the reference of `value` whose data is `old`
    /// (a reference that moved to another address).
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own or no such reference.
    pub fn move_reference(self, value: u16, old: &str, new: &str) -> Result<Document, EditError> {
        let (start, end) = self.registered(value)?;
        let needle = format!("data=\"{}\"", escape(old));
        let at = self.text[start..end]
            .find(&needle)
            .ok_or_else(|| EditError(format!("{value} has no reference {old:?}")))?;
        let range = (start + at, start + at + needle.len());
        Ok(self.replace(range, &format!("data=\"{}\"", escape(new))))
    }

    /// Replaces the contact of `value` by plain text (a contact outside
    /// `<people>`).
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own or no contact element.
    pub fn contact_text(self, value: u16, text: &str) -> Result<Document, EditError> {
        self.replace_contact(value, &format!("<contact>{}</contact>", escape(text)))
    }

    /// Replaces the `<contact>` element of `value` by `contact`.
    fn replace_contact(self, value: u16, contact: &str) -> Result<Document, EditError> {
        self.edit_record(value, |record| {
            let (open, close) = contact_range(value, record)?;
            Ok(format!("{}{contact}{}", &record[..open], &record[close..]))
        })
    }

    /// Rewrites the `<record>` element of the registered code `value`:
    /// `edit` gets its text and returns the new text.
    fn edit_record(
        self,
        value: u16,
        edit: impl FnOnce(&str) -> Result<String, EditError>,
    ) -> Result<Document, EditError> {
        let range = self.registered(value)?;
        let new = edit(&self.text[range.0..range.1])?;
        Ok(self.replace(range, &new))
    }

    /// Removes the reference of `value` whose data is `data`, with its line.
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own or no such reference.
    pub fn remove_reference(self, value: u16, data: &str) -> Result<Document, EditError> {
        self.edit_record(value, |record| {
            let needle = format!("data=\"{}\"", escape(data));
            let at = record
                .find(&needle)
                .filter(|&at| !record[..at].ends_with("type=\"person\" "))
                .ok_or_else(|| EditError(format!("{value} has no reference {data:?}")))?;
            let start = record[..at].rfind('\n').unwrap_or(0);
            let end = at + record[at..].find("/>").map_or(needle.len(), |e| e + 2);
            Ok(format!("{}{}", &record[..start], &record[end..]))
        })
    }

    /// Adds a reference (`<xref type="KIND" data="DATA"/>`) as the last
    /// element of the record of `value`.
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own.
    pub fn add_reference(self, value: u16, kind: &str, data: &str) -> Result<Document, EditError> {
        self.edit_record(value, |record| {
            let close = record.rfind("</record>").unwrap_or(record.len());
            let line_start = record[..close].rfind('\n').map_or(0, |i| i + 1);
            let indent = &record[line_start..close];
            Ok(format!(
                "{}  <xref type=\"{}\" data=\"{}\"/>\n{indent}</record>",
                &record[..close],
                escape(kind),
                escape(data)
            ))
        })
    }

    /// Makes the person `id` (of `<people>`) the contact of `value`.
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own or no contact element.
    pub fn contact_person(self, value: u16, id: &str) -> Result<Document, EditError> {
        let contact = format!(
            "<contact><xref type=\"person\" data=\"{}\"/></contact>",
            escape(id)
        );
        self.replace_contact(value, &contact)
    }

    /// Sets the record's `date` attribute (when `date` is given: where the
    /// record has one it moves, otherwise it is added) and its `updated`
    /// attribute.
    ///
    /// # Errors
    ///
    /// When `value` has no record of its own.
    pub fn redate(
        self,
        value: u16,
        date: Option<&str>,
        updated: &str,
    ) -> Result<Document, EditError> {
        self.edit_record(value, |record| {
            let end = record
                .find('>')
                .ok_or_else(|| EditError(format!("the record of {value} has no start tag")))?;
            let mut tag = String::from("<record");
            if let Some(date) = date {
                let _ = write!(tag, " date=\"{}\"", escape(date));
            }
            let _ = write!(tag, " updated=\"{}\"", escape(updated));
            // Other attributes are kept as they are.
            for attribute in attributes(&record["<record".len()..end]) {
                if !attribute.starts_with("date=") && !attribute.starts_with("updated=") {
                    let _ = write!(tag, " {attribute}");
                }
            }
            Ok(format!("{tag}{}", &record[end..]))
        })
    }

    /// Adds a person to `<people>`.
    ///
    /// # Errors
    ///
    /// When the document has no `</people>`.
    pub fn add_person(
        self,
        id: &str,
        name: &str,
        uri: &str,
        updated: &str,
    ) -> Result<Document, EditError> {
        let at = self
            .text
            .rfind("</people>")
            .ok_or_else(|| EditError("the document has no </people>".into()))?;
        let indent = self.indent_at(at).to_owned();
        let inner = format!("{indent}    ");
        let person = format!(
            "  <person id=\"{}\">\n{inner}<name>{}</name>\n{inner}<uri>{}</uri>\n{inner}<updated>{}</updated>\n\
             {indent}  </person>\n{indent}",
            escape(id),
            escape(name),
            escape(uri),
            escape(updated)
        );
        Ok(self.replace((at, at), &person))
    }

    /// Sets the document's own `<updated>` date (the first one, before any
    /// registry).
    pub fn updated(self, date: &str) -> Document {
        let Some(open) = self.text.find("<updated>") else {
            return self;
        };
        let start = open + "<updated>".len();
        let Some(length) = self.text[start..].find("</updated>") else {
            return self;
        };
        self.replace((start, start + length), &escape(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Document {
        Document::new(registry::SNAPSHOT_XML)
    }

    /// The first unassigned single value in `range`.
    fn free(registry: &Registry, range: std::ops::RangeInclusive<u16>) -> u16 {
        range
            .into_iter()
            .find(|&v| registry.record_for(v).is_some_and(|r| !r.is_assigned()))
            .unwrap()
    }

    #[test]
    fn registering_splits_the_unassigned_record_and_keeps_the_rest() {
        let registry = base().parse().unwrap();
        let value = free(&registry, 3000..=3999);
        let gap = registry.record_for(value).unwrap().span;
        let doc = base()
            .register(
                value,
                "A & B",
                "2099-01-02",
                Some("Morgan_Jones"),
                &[("rfc", "rfc9999")],
            )
            .unwrap();
        let new = doc.parse().unwrap();
        let record = new.record_for(value).unwrap();
        assert_eq!(record.description, "A & B");
        assert_eq!(record.contact.as_ref().unwrap().id, "Morgan_Jones");
        assert_eq!(record.references[0].data, "rfc9999");
        assert_eq!(record.date.unwrap().to_string(), "2099-01-02");
        if gap.start < value {
            assert_eq!(new.record_for(value - 1).unwrap().span.end, value - 1);
        }
        if value < gap.end {
            assert_eq!(new.record_for(value + 1).unwrap().span.start, value + 1);
        }
        assert_eq!(
            new.registered_codes().count(),
            registry.registered_codes().count() + 1
        );
        // Everything before the split record is unchanged.
        let at = offset_of(base().text(), registry.record_for(value).unwrap().position);
        assert_eq!(&doc.text()[..at], &base().text()[..at]);
    }

    #[test]
    fn registering_a_taken_value_is_refused() {
        let error = base()
            .register(1000, "x", "2099-01-02", None, &[])
            .unwrap_err();
        assert!(
            error.0.contains("1000 is not inside an unassigned record"),
            "{error}"
        );
    }

    #[test]
    fn rewording_moving_contacts_and_removal() {
        let registry = base().parse().unwrap();
        let code = registry
            .registered_codes()
            .find(|r| r.contact.is_some())
            .unwrap();
        let value = code.span.start;
        let doc = base()
            .reword(value, "Reworded <text>")
            .unwrap()
            .contact_text(value, "Someone Else")
            .unwrap();
        let parsed = doc.parse().unwrap();
        let record = parsed.record_for(value).unwrap();
        assert_eq!(record.description, "Reworded <text>");
        assert_eq!(
            record.contact.as_ref().unwrap().display_name(),
            "Someone Else"
        );

        let with_reference = registry
            .registered_codes()
            .find(|r| !r.references.is_empty())
            .unwrap();
        let old = with_reference.references[0].data.clone();
        let value = with_reference.span.start;
        let moved = base()
            .move_reference(value, &old, "https://example.org/new")
            .unwrap();
        let parsed = moved.parse().unwrap();
        assert_eq!(
            parsed.record_for(value).unwrap().references[0].data,
            "https://example.org/new"
        );

        let without = base().without(value).unwrap();
        let parsed = without.parse().unwrap();
        assert!(parsed.record_for(value).is_none());
        assert_eq!(
            parsed.registered_codes().count(),
            registry.registered_codes().count() - 1
        );
    }

    #[test]
    fn references_contacts_and_record_dates() {
        let registry = base().parse().unwrap();
        let code = registry
            .registered_codes()
            .find(|r| !r.references.is_empty() && r.contact.is_some())
            .unwrap();
        let value = code.span.start;
        let first = code.references[0].clone();
        let person = "Test_Person";
        let doc = base()
            .add_person(
                person,
                "Test Person",
                "mailto:test&example.org",
                "2030-01-01",
            )
            .unwrap()
            .remove_reference(value, &first.data)
            .unwrap()
            .add_reference(value, "uri", "https://example.org/a&b")
            .unwrap()
            .contact_person(value, person)
            .unwrap()
            .redate(value, Some("2031-02-03"), "2032-04-05")
            .unwrap();
        let parsed = doc.parse().unwrap();
        let record = parsed.record_for(value).unwrap();
        assert!(!record.references.contains(&first));
        assert_eq!(record.references.len(), code.references.len());
        let added = record.references.last().unwrap();
        assert_eq!(added.data, "https://example.org/a&b");
        assert_eq!(record.contact.as_ref().unwrap().id, person);
        assert_eq!(record.date.unwrap().to_string(), "2031-02-03");
        assert_eq!(record.updated.unwrap().to_string(), "2032-04-05");
        // Nothing else changed: the other codes parse as before.
        for other in registry
            .registered_codes()
            .filter(|r| r.span.start != value)
        {
            assert_eq!(parsed.record_for(other.span.start), Some(other));
        }
        // Without a date, a record keeps `updated` only; a reference it does
        // not have cannot be removed.
        assert!(base().remove_reference(value, "rfc0").is_err());
        let doc = base().redate(value, None, "2030-01-01").unwrap();
        let record = doc.parse().unwrap().record_for(value).cloned().unwrap();
        assert_eq!(
            (record.date, record.updated.map(|d| d.to_string())),
            (None, Some("2030-01-01".into()))
        );
    }

    #[test]
    fn people_and_dates() {
        let doc = base()
            .add_person(
                "New_Person",
                "New Person",
                "mailto:new&example.org",
                "2099-01",
            )
            .unwrap()
            .register(3999, "Ours", "2099-01-02", Some("New_Person"), &[])
            .unwrap()
            .updated("2099-01-02");
        let parsed = doc.parse().unwrap();
        assert_eq!(parsed.document_updated.to_string(), "2099-01-02");
        let contact = parsed.record_for(3999).unwrap().contact.clone().unwrap();
        assert_eq!(contact.display_name(), "New Person");
        assert_eq!(contact.uri.as_deref(), Some("mailto:new&example.org"));
    }

    #[test]
    fn offsets_of_positions() {
        let text = "ab\n\u{e9}<x>\n";
        assert_eq!(offset_of(text, Position { line: 1, column: 1 }), 0);
        assert_eq!(offset_of(text, Position { line: 2, column: 2 }), 5);
        assert_eq!(
            &text[offset_of(text, Position { line: 2, column: 2 })..],
            "<x>\n"
        );
    }
}
