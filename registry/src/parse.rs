//! Registry document bytes to a validated [`Registry`]. The close-code
//! registry is found by its `id`, never by the shape of its records.
//!
//! # Quirks
//!
//! Slips with exactly one reading are read that way and noted as [`Quirk`]s;
//! any other irregularity is an [`Error`]. Absorbed, and why it is certain:
//! surrounding whitespace in `xref` `type`/`data`, `person` `id`, record
//! `date`/`updated`, the registry `id` and `value` text (none can have any in
//! IANA's format; its 2015-2016 document named `"Alexey_Melnikov "`); spaces
//! around a range's `-` or an en dash for it (two numbers with a dash between
//! are a range; other dashes are refused); an `xref` `type` in another letter
//! case (IANA's six types differ in more than case); a contact id that differs
//! from exactly one person id in ASCII letter case only (Unicode case mapping
//! makes the Kelvin sign a `K`); a person listed twice with the same content.

use std::collections::BTreeMap;

use crate::error::{Error, Quirk};
use crate::model::{
    Date, Person, Position, RangeRule, Record, Reference, ReferenceKind, Registry, Span,
};
use crate::xml::{collapse_whitespace, parse_document, truncate, Element, Node};

/// The `id` of the close-code registry inside IANA's WebSocket document.
const CLOSE_CODE_REGISTRY_ID: &str = "close-code-number";

/// The longest text (description, name, reference, rule) accepted, in bytes.
pub const MAX_TEXT_LEN: usize = 4096;

/// Parses and validates an IANA WebSocket registry document (`websocket.xml`);
/// an error names the line, column and element of what the format does not allow.
pub fn parse(bytes: &[u8]) -> Result<Registry, Error> {
    parse_with_bounds(bytes, (1000, 4999))
}

/// [`parse`] with other bounds for single codes than 1000..=4999, for
/// synthetic registries (benchmarks), never for IANA's document.
pub fn parse_with_bounds(bytes: &[u8], single_codes: (u16, u16)) -> Result<Registry, Error> {
    let root = parse_document(bytes)?;
    if root.name != "registry" {
        return Err(root.error("the root element must be <registry> (an IANA registry document)"));
    }
    let updated = root
        .element("updated")
        .ok_or_else(|| root.error("the document has no <updated> date"))?;
    let document_updated = date(updated, "the date", &updated.text(), false)?;
    let mut quirks = Quirks::default();
    let people = people(&root, &mut quirks)?;
    let registry = close_code_registry(&root, &mut quirks)?;
    let mut ranges = Vec::new();
    for range in registry.elements_named("range") {
        let value = required(range, "value")?;
        let rule = RangeRule {
            span: parse_span(value, &mut quirks)?,
            registration_rule: child(range, "registration_rule", text_of)?.unwrap_or_default(),
            position: range.position,
        };
        ranges.push((rule, value.position));
    }
    let ranges = sorted_without_overlap(ranges, |r| r.span, "range")?;
    let records = registry.elements_named("record");
    let records = records.map(|r| parse_record(r, &people, single_codes, &mut quirks));
    let records = records.collect::<Result<_, _>>()?;
    // People come last in the document but are read first: document order.
    quirks.0.sort_by_key(|quirk| quirk.position);
    let text = |name| registry.element(name).map(Element::text);
    Ok(Registry {
        document_updated,
        title: text("title").unwrap_or_default(),
        expert: text("expert").filter(|t| !t.is_empty()),
        ranges,
        records: sorted_without_overlap(records, |r| r.span, "record")?,
        position: registry.position,
        quirks: quirks.0,
    })
}

#[derive(Default)]
struct Quirks(Vec<Quirk>);

impl Quirks {
    /// Notes that `element` `had` something, which was read as `read`.
    fn read_as(&mut self, element: &Element, had: String, read: &str) {
        self.0.push(Quirk {
            position: element.position,
            element: element.tag(),
            message: format!("{had}; read as {read}"),
        });
    }

    /// `value` trimmed, noting a quirk about `what` when it had whitespace.
    fn trim<'a>(&mut self, element: &Element, what: &str, value: &'a str) -> &'a str {
        let trimmed = value.trim();
        if trimmed.len() != value.len() {
            let had = format!("{what} {} has surrounding whitespace", quote(value));
            self.read_as(element, had, &quote(trimmed));
        }
        trimmed
    }
}

/// Document text quoted for a message: at most 80 characters, escaped.
fn quote(text: &str) -> String {
    format!("{:?}", truncate(text, 80))
}

/// The one `<registry id="close-code-number">` child of the root.
fn close_code_registry<'a>(root: &'a Element, quirks: &mut Quirks) -> Result<&'a Element, Error> {
    let id = |e: &'a Element| e.attribute("id").unwrap_or_default();
    let mut found = root
        .elements_named("registry")
        .filter(|e| id(e).trim() == CLOSE_CODE_REGISTRY_ID);
    let registry = found.next().ok_or_else(|| {
        root.error(format!(
            "the document has no close-code registry (<registry id=\"{CLOSE_CODE_REGISTRY_ID}\">)"
        ))
    })?;
    if let Some(second) = found.next() {
        return Err(second.error(format!(
            "a second close-code registry (the first is at {}); which one to read is not certain",
            registry.position
        )));
    }
    quirks.trim(registry, "id", id(registry));
    Ok(registry)
}

/// The people by id (and where each is listed), and their ids by lower case.
struct People {
    by_id: BTreeMap<String, (Person, Position)>,
    by_lower_case: BTreeMap<String, Vec<String>>,
}

fn people(root: &Element, quirks: &mut Quirks) -> Result<People, Error> {
    let mut by_id: BTreeMap<String, (Person, Position)> = BTreeMap::new();
    let lists = root.elements_named("people");
    for person in lists.flat_map(|list| list.elements_named("person")) {
        let raw_id = person
            .attribute("id")
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| person.error("a person needs an id attribute"))?;
        let id = quirks.trim(person, "id", checked(person, raw_id)?);
        let entry = Person {
            updated: child(person, "updated", |e| date(e, "the date", &e.text(), true))?,
            id: id.to_owned(),
            name: child(person, "name", text_of)?.filter(|n| !n.is_empty()),
            uri: child(person, "uri", text_of)?.filter(|u| !u.is_empty()),
        };
        match by_id.get(id) {
            None => {
                by_id.insert(id.to_owned(), (entry, person.position));
            }
            Some((first, at)) if *first == entry => {
                let id = quote(id);
                let had =
                    format!("person {id} is listed twice with the same content (first at {at})");
                quirks.read_as(person, had, "one person");
            }
            Some((_, at)) => {
                let id_text = if id == raw_id {
                    quote(id)
                } else {
                    format!("{} (read as {})", quote(raw_id), quote(id))
                };
                return Err(person.error(format!(
                    "person id {id_text} appears twice (first at {at}) with different content; \
                     which one contacts name is not certain"
                )));
            }
        }
    }
    let mut by_lower_case: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for id in by_id.keys() {
        let lower = id.to_ascii_lowercase();
        by_lower_case.entry(lower).or_default().push(id.clone());
    }
    Ok(People {
        by_id,
        by_lower_case,
    })
}

/// The element's text, whitespace collapsed, at most [`MAX_TEXT_LEN`] bytes.
fn text_of(element: &Element) -> Result<String, Error> {
    checked(element, element.text())
}

/// `text`, unless longer than [`MAX_TEXT_LEN`] bytes.
fn checked<T: AsRef<str>>(element: &Element, text: T) -> Result<T, Error> {
    let length = text.as_ref().len();
    if length > MAX_TEXT_LEN {
        let message =
            format!("the text is {length} bytes long; at most {MAX_TEXT_LEN} are accepted");
        return Err(element.error(message));
    }
    Ok(text)
}

/// What `read` makes of the first `name` child of `element`, if there is one.
fn child<T>(
    element: &Element,
    name: &str,
    read: impl FnOnce(&Element) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    element.element(name).map(read).transpose()
}

fn required<'a>(element: &'a Element, child: &'a str) -> Result<&'a Element, Error> {
    let missing = || element.error(format!("has no <{child}>"));
    element.element(child).ok_or_else(missing)
}

/// One `record`, and where its `value` starts (overlap errors name it).
fn parse_record(
    record: &Element,
    people: &People,
    (low, high): (u16, u16),
    quirks: &mut Quirks,
) -> Result<(Record, Position), Error> {
    let value = required(record, "value")?;
    let span = parse_span(value, quirks)?;
    let description = text_of(required(record, "description")?)?;
    if description.is_empty() {
        return Err(record.error("has an empty <description>"));
    }
    if span.is_single() && !(low..=high).contains(&span.start) {
        let message = format!("{} is a single code outside {low}..={high}", span.start);
        return Err(value.error(message));
    }
    let contact = child(record, "contact", |c| parse_contact(c, people, quirks))?;
    let references = record.elements_named("xref");
    let references = references.map(|xref| parse_reference(xref, quirks));
    let references = references.collect::<Result<Vec<_>, _>>()?;
    let mut date_attribute = |name: &str| {
        let raw = record.attribute(name)?;
        let what = format!("attribute {name}");
        quirks.trim(record, &what, raw);
        Some(date(record, &what, raw, false))
    };
    let record = Record {
        span,
        description,
        contact: contact.flatten(),
        references,
        date: date_attribute("date").transpose()?,
        updated: date_attribute("updated").transpose()?,
        position: record.position,
    };
    Ok((record, value.position))
}

fn parse_contact(
    contact: &Element,
    people: &People,
    quirks: &mut Quirks,
) -> Result<Option<Person>, Error> {
    let Some(xref) = contact.element("xref") else {
        // A contact written as plain text names someone outside <people>.
        let text = text_of(contact)?;
        let person = |id: String| Person {
            name: Some(id.clone()),
            id,
            uri: None,
            updated: None,
        };
        return Ok((!text.is_empty()).then(|| person(text)));
    };
    let kind = xref.attribute("type");
    if kind.and_then(|kind| reference_kind(xref, kind, quirks)) != Some(ReferenceKind::Person) {
        return Err(xref.error("a contact must be an <xref type=\"person\" data=\"...\"/>"));
    }
    let data = xref.attribute("data").unwrap_or_default();
    let id = quirks.trim(xref, "person id", data);
    if let Some((person, _)) = people.by_id.get(id) {
        return Ok(Some(person.clone()));
    }
    // Else the only person whose id differs in ASCII letter case only.
    let who = quote(id);
    let not_in_people = format!("the contact names person {who}, who is not in <people>");
    let same_but_case = people.by_lower_case.get(&id.to_ascii_lowercase());
    match same_but_case.map_or(&[][..], Vec::as_slice) {
        [] => Err(xref.error(not_in_people)),
        [only] => {
            let read = quote(only);
            let had = format!(
                "person id {who} is not in <people> but differs only in letter case from {read}"
            );
            quirks.read_as(xref, had, &read);
            Ok(Some(people.by_id[only].0.clone()))
        }
        several => {
            let ids: Vec<String> = several.iter().take(4).map(|id| quote(id)).collect();
            let more = if several.len() > 4 { ", ..." } else { "" };
            Err(xref.error(format!(
                "{not_in_people}; it differs only in letter case from {} people ({}{more}), so \
                 which one is meant is not certain",
                several.len(),
                ids.join(", "),
            )))
        }
    }
}

/// The kind an `xref` `type` names, trimmed and lowered as quirks.
fn reference_kind(xref: &Element, raw: &str, quirks: &mut Quirks) -> Option<ReferenceKind> {
    let kind = quirks.trim(xref, "type", raw);
    let lower = kind.to_ascii_lowercase();
    let known = ReferenceKind::from_type(&lower)?;
    if lower != kind {
        let had = format!("type {} is not in lower case", quote(kind));
        quirks.read_as(xref, had, &quote(&lower));
    }
    Some(known)
}

fn parse_reference(xref: &Element, quirks: &mut Quirks) -> Result<Reference, Error> {
    let kind_text = xref.attribute("type").unwrap_or_default();
    let kind = reference_kind(xref, kind_text, quirks).ok_or_else(|| {
        xref.error(format!(
            "unknown reference type {:?} (expected rfc, rfc-errata, uri, draft, person or text)",
            truncate(kind_text, 40)
        ))
    })?;
    let data = match (kind, xref.attribute("data")) {
        (ReferenceKind::Text, None) => text_of(xref)?,
        (_, Some(data)) => collapse_whitespace(quirks.trim(xref, "data", checked(xref, data)?)),
        (_, None) => String::new(),
    };
    if data.is_empty() {
        return Err(xref.error("a reference needs a data attribute (or text for type=\"text\")"));
    }
    Ok(Reference { kind, data })
}

/// Parses `1008` or `3009-3999` in decimal without leading zeros.
fn parse_span(value: &Element, quirks: &mut Quirks) -> Result<Span, Error> {
    let fail = |why: &str| {
        // The text as a person reads it.
        let shown = truncate(&value.text(), 40);
        value.error(format!("{shown:?} is not a close code or range: {why}"))
    };
    let is_element = |node: &Node| matches!(node, Node::Element(_));
    if value.children.iter().any(is_element) {
        return Err(fail(
            "a value holds text only (it has child elements, so its reading is not certain)",
        ));
    }
    let raw = value.raw_text();
    let mut text = quirks.trim(value, "the value", &raw).to_owned();
    if text.contains('\u{2013}') {
        let hyphen = text.replace('\u{2013}', "-");
        let shown = quote(&text);
        let had = format!("the value {shown} has an en dash (U+2013) where the format has \"-\"");
        quirks.read_as(value, had, &quote(&hyphen));
        text = hyphen;
    }
    let number = |text| decimal(text).map_err(fail);
    let (start, end) = match text.split_once('-') {
        Some((start, end)) => (start.trim_end(), end.trim_start()),
        None => (&text[..], &text[..]),
    };
    let span = Span {
        start: number(start)?,
        end: number(end)?,
    };
    if start.len() + 1 + end.len() < text.len() {
        let had = format!("the value {} has whitespace around its \"-\"", quote(&text));
        quirks.read_as(value, had, &quote(&format!("{start}-{end}")));
    }
    if span.start > span.end {
        return Err(fail("the range is reversed (its start is above its end)"));
    }
    Ok(span)
}

/// `text` as a close code: decimal digits without leading zeros, at most 65535.
pub(crate) fn decimal(text: &str) -> Result<u16, &'static str> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expected decimal digits like 1000 or a range like 3000-3999");
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err("leading zeros are not allowed");
    }
    text.parse().map_err(|_| "values must be within 0..=65535")
}

/// Sorts items by span and refuses overlaps, naming the later one.
fn sorted_without_overlap<T>(
    mut items: Vec<(T, Position)>,
    span: impl Fn(&T) -> Span,
    what: &str,
) -> Result<Vec<T>, Error> {
    items.sort_by_key(|(item, position)| (span(item), *position));
    for pair in items.windows(2) {
        let mut pair = [(pair[0].1, span(&pair[0].0)), (pair[1].1, span(&pair[1].0))];
        // Sorted by start: an item overlaps the one before it if it starts inside it.
        if pair[1].1.start <= pair[0].1.end {
            pair.sort(); // by position
            let [(a_at, a), (b_at, b)] = pair;
            let how = if a == b { "duplicates" } else { "overlaps" };
            let message = format!("{what} value {b} {how} {a} of the {what} at {a_at}");
            return Err(Error::at(b_at, "<value>", message));
        }
    }
    Ok(items.into_iter().map(|(item, _)| item).collect())
}

/// `text` (trimmed) as a real `YYYY-MM-DD` (or `YYYY-MM` if `month_only_ok`).
fn date(element: &Element, what: &str, text: &str, month_only_ok: bool) -> Result<Date, Error> {
    parse_date(text.trim(), month_only_ok).ok_or_else(|| {
        let shown = truncate(text, 40);
        element.error(format!("{what} {shown:?} is not a date like 2021-09-06"))
    })
}

fn parse_date(text: &str, month_only_ok: bool) -> Option<Date> {
    let digits = |s: &str, n: usize| {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u16>().ok())?
    };
    let mut parts = text.split('-');
    let year = digits(parts.next()?, 4)?;
    let month = u8::try_from(digits(parts.next()?, 2)?).ok()?;
    let day = match parts.next() {
        Some(day) => Some(u8::try_from(digits(day, 2)?).ok()?),
        None if month_only_ok => None,
        None => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let valid = parts.next().is_none()
        && (1..=12).contains(&month)
        && day.is_none_or(|day| (1..=days).contains(&day));
    valid.then_some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        let date = |text, month_only| super::parse_date(text, month_only).map(|d| d.to_string());
        assert_eq!(date("2024-02-29", false).as_deref(), Some("2024-02-29"));
        assert_eq!(date("2021-04", true).as_deref(), Some("2021-04"));
        for bad in "2023-02-29 2021-13-01 2021-00-01 2021-04-31 2021-4-03 2021-04 2021-04-03-01 x"
            .split(' ')
            .chain([""])
        {
            assert_eq!(date(bad, false), None, "{bad}");
        }
        assert_eq!(date("", true), None);
    }
}
