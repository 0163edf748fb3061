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

use ws_close_codes_registry::{self as registry, Position, Record, Registry};

/// A registry document's text, edited step by step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    text: String,
}

/// `text` as XML character data or attribute value.
pub fn escape(text: &str) -> String {
    let entity = |c| match c {
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '&' => Some("&amp;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        _ => None,
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match entity(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
    out
}

/// The byte offset of a parser position (1-based line, column in
/// characters) in `text`.
fn offset_of(text: &str, position: Position) -> usize {
    let line = (text.split_inclusive('\n').take(position.line as usize - 1))
        .map(str::len)
        .sum();
    let column = usize::try_from(position.column).unwrap_or(1).max(1) - 1;
    text[line..]
        .char_indices()
        .nth(column)
        .map_or(text.len(), |(i, _)| line + i)
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

    /// The byte range of the `<record>` element of `record`, and the
    /// indentation of its line.
    fn record_range(&self, record: &Record) -> Result<(usize, usize, String), String> {
        let start = offset_of(&self.text, record.position);
        let rest = &self.text[start..];
        let end = (rest
            .starts_with("<record")
            .then(|| rest.find("</record>"))
            .flatten())
        .ok_or_else(|| {
            format!(
                "no <record>...</record> at {} for {}",
                record.position, record.span
            )
        })?;
        let line = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        Ok((
            start,
            start + end + "</record>".len(),
            self.text[line..start].to_owned(),
        ))
    }

    /// Replaces the `<record>` element of the registered code `value` by
    /// what `edit` makes of its text.
    fn edit(
        self,
        value: u16,
        edit: impl FnOnce(&str) -> Result<String, String>,
    ) -> Result<Document, String> {
        let registry = self.parse()?;
        let record = (registry.record_for(value).filter(|r| r.span.is_single()))
            .ok_or_else(|| format!("{value} has no record of its own"))?;
        let (start, end, _) = self.record_range(record)?;
        let new = edit(&self.text[start..end]).map_err(|e| format!("{value}: {e}"))?;
        let mut text = self.text;
        text.replace_range(start..end, &new);
        Ok(Document { text })
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
        let registry = self.parse()?;
        let record = (registry.record_for(value).filter(|r| !r.is_assigned()))
            .ok_or_else(|| format!("{value} is not inside an unassigned record"))?;
        let (span, (start, end, indent)) = (record.span, self.record_range(record)?);
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
        let contact = contact.map_or("<contact/>".to_owned(), person);
        let mut new = format!(
            "<record date=\"{}\">\n{inner}<value>{value}</value>\n{inner}<description>{}</description>\n{inner}{contact}\n",
            escape(date),
            escape(description)
        );
        for (kind, data) in references {
            new.push_str(&format!(
                "{inner}<xref type=\"{}\" data=\"{}\"/>\n",
                escape(kind),
                escape(data)
            ));
        }
        new.push_str(&format!("{indent}</record>"));
        let before = (span.start < value).then(|| unassigned(span.start, value - 1));
        let after = (value < span.end).then(|| unassigned(value + 1, span.end));
        let parts: Vec<String> = before.into_iter().chain([new]).chain(after).collect();
        let mut text = self.text;
        text.replace_range(start..end, &parts.join(&format!("\n{indent}")));
        Ok(Document { text })
    }

    /// Removes the record of the registered code `value` with its line, as
    /// a stale copy that predates the registration would lack it.
    pub fn without(self, value: u16) -> Result<Document, String> {
        let marker = "\u{0}";
        let text = self.edit(value, |_| Ok(marker.to_owned()))?.text;
        let at = text.find(marker).expect("the marker was just written");
        let line = text[..at].rfind('\n').unwrap_or(at);
        Ok(Document {
            text: format!("{}{}", &text[..line], &text[at + 1..]),
        })
    }

    /// Replaces the description of the registered code `value`.
    pub fn reword(self, value: u16, description: &str) -> Result<Document, String> {
        self.edit(value, |record| {
            let open =
                record.find("<description>").ok_or("no <description>")? + "<description>".len();
            let close = record.find("</description>").ok_or("no </description>")?;
            Ok(format!(
                "{}{}{}",
                &record[..open],
                escape(description),
                &record[close..]
            ))
        })
    }

    /// Replaces the contact of `value`: with the person `id` of `<people>`
    /// when `person` is true, else with plain text.
    pub fn contact(
        self,
        value: u16,
        text_or_id: &str,
        is_person: bool,
    ) -> Result<Document, String> {
        let contact = if is_person {
            person(text_or_id)
        } else {
            format!("<contact>{}</contact>", escape(text_or_id))
        };
        self.edit(value, |record| {
            let open = record.find("<contact").ok_or("no <contact>")?;
            let gt = open + record[open..].find('>').ok_or("unclosed <contact>")?;
            let close = if record[..gt].ends_with('/') {
                gt + 1
            } else {
                open + record[open..]
                    .find("</contact>")
                    .ok_or("unclosed <contact>")?
                    + "</contact>".len()
            };
            Ok(format!("{}{contact}{}", &record[..open], &record[close..]))
        })
    }

    /// Removes the reference of `value` whose data is `data`, with its line.
    pub fn remove_reference(self, value: u16, data: &str) -> Result<Document, String> {
        self.edit(value, |record| {
            let needle = format!("data=\"{}\"", escape(data));
            let at = (record.match_indices(&needle).map(|(at, _)| at))
                .find(|&at| !record[..at].ends_with("type=\"person\" "))
                .ok_or_else(|| format!("no reference {data:?}"))?;
            let start = record[..at].rfind('\n').unwrap_or(0);
            let end = at + record[at..].find("/>").map_or(needle.len(), |e| e + 2);
            Ok(format!("{}{}", &record[..start], &record[end..]))
        })
    }

    /// Adds `<xref type="KIND" data="DATA"/>` as the last element of the
    /// record of `value`.
    pub fn add_reference(self, value: u16, kind: &str, data: &str) -> Result<Document, String> {
        self.edit(value, |record| {
            let close = record.rfind("</record>").unwrap_or(record.len());
            let indent = &record[record[..close].rfind('\n').map_or(0, |i| i + 1)..close];
            let xref = format!(
                "<xref type=\"{}\" data=\"{}\"/>",
                escape(kind),
                escape(data)
            );
            Ok(format!("{}  {xref}\n{indent}</record>", &record[..close]))
        })
    }

    /// Sets the record's `date` attribute (when given) and its `updated`
    /// attribute; IANA's records carry no others.
    pub fn redate(self, value: u16, date: Option<&str>, updated: &str) -> Result<Document, String> {
        self.edit(value, |record| {
            let end = record.find('>').ok_or("no start tag")?;
            let date = date.map_or(String::new(), |d| format!(" date=\"{}\"", escape(d)));
            Ok(format!(
                "<record{date} updated=\"{}\"{}",
                escape(updated),
                &record[end..]
            ))
        })
    }

    /// Adds a person to `<people>`.
    pub fn add_person(
        self,
        id: &str,
        name: &str,
        uri: &str,
        updated: &str,
    ) -> Result<Document, String> {
        let at = self
            .text
            .rfind("</people>")
            .ok_or("the document has no </people>")?;
        let line = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = self.text[line..at].to_owned();
        let inner = format!("{indent}    ");
        let [id, name, uri, updated] = [id, name, uri, updated].map(escape);
        let person = format!(
            "  <person id=\"{id}\">\n{inner}<name>{name}</name>\n{inner}<uri>{uri}</uri>\n\
             {inner}<updated>{updated}</updated>\n{indent}  </person>\n{indent}"
        );
        let mut text = self.text;
        text.insert_str(at, &person);
        Ok(Document { text })
    }

    /// Sets the document's own `<updated>` date (the first one).
    pub fn updated(mut self, date: &str) -> Document {
        if let Some(start) = self.text.find("<updated>").map(|at| at + "<updated>".len()) {
            if let Some(length) = self.text[start..].find("</updated>") {
                self.text
                    .replace_range(start..start + length, &escape(date));
            }
        }
        self
    }
}

/// A `<contact>` that names the person `id`.
fn person(id: &str) -> String {
    format!(
        "<contact><xref type=\"person\" data=\"{}\"/></contact>",
        escape(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Document {
        Document::new(registry::SNAPSHOT_XML)
    }

    #[test]
    fn registering_splits_the_unassigned_record_and_keeps_the_rest() {
        let registry = base().parse().unwrap();
        let value = (3000..=3999)
            .find(|&v| registry.record_for(v).is_some_and(|r| !r.is_assigned()))
            .unwrap();
        let gap = registry.record_for(value).unwrap().span;
        let doc = (base().add_person(
            "New_Person",
            "New Person",
            "mailto:new&example.org",
            "2099-01",
        ))
        .and_then(|d| {
            d.register(
                value,
                "A & B",
                "2099-01-02",
                Some("New_Person"),
                &[("rfc", "rfc9999")],
            )
        })
        .unwrap()
        .updated("2099-01-02");
        let new = doc.parse().unwrap();
        assert_eq!(new.document_updated.to_string(), "2099-01-02");
        let record = new.record_for(value).unwrap();
        assert_eq!(record.description, "A & B");
        let contact = record.contact.as_ref().unwrap();
        assert_eq!(
            (contact.display_name(), contact.uri.as_deref()),
            ("New Person", Some("mailto:new&example.org"))
        );
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
        let error = base()
            .register(1000, "x", "2099-01-02", None, &[])
            .unwrap_err();
        assert!(
            error.contains("1000 is not inside an unassigned record"),
            "{error}"
        );
    }

    #[test]
    fn every_edit_changes_its_record_alone() {
        let registry = base().parse().unwrap();
        let code = registry
            .registered_codes()
            .find(|r| !r.references.is_empty() && r.contact.is_some())
            .unwrap();
        let (value, first) = (code.span.start, code.references[0].clone());
        let doc = (base().reword(value, "Reworded <text>"))
            .and_then(|d| d.remove_reference(value, &first.data))
            .and_then(|d| d.add_reference(value, "uri", "https://example.org/a&b"))
            .and_then(|d| d.contact(value, "Someone Else", false))
            .and_then(|d| d.redate(value, Some("2031-02-03"), "2032-04-05"))
            .unwrap();
        let parsed = doc.parse().unwrap();
        let record = parsed.record_for(value).unwrap();
        assert_eq!(record.description, "Reworded <text>");
        assert!(!record.references.contains(&first));
        assert_eq!(
            record.references.last().unwrap().data,
            "https://example.org/a&b"
        );
        assert_eq!(
            record.contact.as_ref().unwrap().display_name(),
            "Someone Else"
        );
        assert_eq!(record.date.unwrap().to_string(), "2031-02-03");
        assert_eq!(record.updated.unwrap().to_string(), "2032-04-05");
        for other in registry
            .registered_codes()
            .filter(|r| r.span.start != value)
        {
            assert_eq!(parsed.record_for(other.span.start), Some(other));
        }
        let person = code.contact.as_ref().unwrap().id.clone();
        let back = doc.contact(value, &person, true).unwrap().parse().unwrap();
        assert_eq!(back.record_for(value).unwrap().contact, code.contact);
        assert!(base().remove_reference(value, "rfc0").is_err());

        let without = base().without(value).unwrap().parse().unwrap();
        assert!(without.record_for(value).is_none());
        assert_eq!(
            without.registered_codes().count(),
            registry.registered_codes().count() - 1
        );
    }

    #[test]
    fn offsets_of_positions() {
        let text = "ab\n\u{e9}<x>\n";
        assert_eq!(offset_of(text, Position { line: 1, column: 1 }), 0);
        assert_eq!(
            &text[offset_of(text, Position { line: 2, column: 2 })..],
            "<x>\n"
        );
    }
}
