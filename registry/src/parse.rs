//! Registry document bytes to a validated [`Registry`].
//!
//! The close-code registry is found by its `id` (`close-code-number`), never
//! by the shape of its records: other registries of the same document (the
//! opcodes, for one) also have `record`s with `value` and `description`.
//!
//! # Quirks
//!
//! A few slips that IANA's documents have made, or that a hand-edited
//! document plausibly makes, can be read in exactly one way. [`parse`]
//! reads them that way and records a [`Quirk`] for each, naming its place
//! (see [`Registry::quirks`]). The list is short on purpose; each entry says
//! why its reading is certain.
//!
//! - **Surrounding whitespace** (as [`str::trim`] removes it) in the `type`
//!   and `data` attributes of `xref`, the `id` of a `person`, the `date` and
//!   `updated` attributes of a `record`, the `id` of the close-code
//!   `registry` and the text of a `value`. None of these values can begin
//!   or end with whitespace in IANA's format, so it is layout or a typing
//!   slip; IANA's own `websocket.xml` of 2015-2016 named a contact
//!   `data="Alexey_Melnikov "` while `people` listed `Alexey_Melnikov`.
//! - **Whitespace around the `-` of a range** (`3009 - 3999`): two numbers
//!   with a dash between them are a range however they are spaced.
//! - **An en dash (U+2013) for the `-` of a range** (`3009–3999`): the en
//!   dash is the typographic range dash that editors substitute for `-`;
//!   nothing else in a `value` can use it. Other dashes (the minus sign, the
//!   em dash) are not accepted.
//! - **An `xref` `type` in another letter case** (`RFC`, `Person`): the six
//!   types IANA uses differ in more than letter case, so at most one
//!   matches.
//! - **A contact id that differs from exactly one person id in ASCII letter
//!   case only**, when no person has that id exactly: a contact must name
//!   a person of `people`, and only one person is that name. Other letters
//!   must match exactly (Unicode case mapping makes different characters
//!   equal, the Kelvin sign and `K` for one, which is no certain reading).
//! - **A person listed twice with the same content** (id after trimming,
//!   name, address, date): both entries say the same thing, so they are one
//!   person.
//!
//! Everything whose reading is not certain is still an [`Error`] at its
//! place: two persons whose ids are equal (after trimming) but whose
//! content differs, a contact id that matches two persons by letter case
//! only and none exactly, a document with two close-code registries, other
//! spacing inside a value (`30 08`), a `value` with child elements.

use std::collections::BTreeMap;

use crate::error::{Error, Quirk};
use crate::model::{
    Date, Person, Position, RangeRule, Record, Reference, ReferenceKind, Registry, Span,
};
use crate::xml::{collapse_whitespace, parse_document, truncate, Element};

/// The `id` of the close-code registry inside IANA's WebSocket document.
const CLOSE_CODE_REGISTRY_ID: &str = "close-code-number";

/// The longest text (description, name, reference, rule) accepted, in
/// bytes. IANA's longest close-code text is under 200 bytes; anything near
/// this limit is not a registry entry.
pub const MAX_TEXT_LEN: usize = 4096;

/// Parses and validates an IANA WebSocket registry document (`websocket.xml`).
///
/// The slips listed in the [module documentation](self#quirks), which have
/// exactly one reading, are read that way and listed in
/// [`Registry::quirks`] with their places.
///
/// # Errors
///
/// An [`Error`] naming the element, its line and column, and the problem:
/// malformed XML, not UTF-8, an entity that is not predefined, a character
/// XML 1.0 forbids, no (or a second) close-code registry, a `value` that is
/// not `N` or `A-B` within 0..=65535, overlapping values, a single code
/// outside 1000..=4999, a contact naming no person (or, by letter case
/// only, several), a missing `value` or `description`, a malformed date.
///
/// # Example
///
/// ```
/// let document = br#"<?xml version='1.0' encoding='UTF-8'?>
/// <registry xmlns="http://www.iana.org/assignments" id="websocket">
///   <updated>2025-07-30</updated>
///   <registry id="close-code-number">
///     <title>WebSocket Close Code Number Registry</title>
///     <record><value>1000</value><description>Normal Closure</description><contact/></record>
///     <record><value>5000</value><description>Too high</description><contact/></record>
///   </registry>
/// </registry>"#;
/// let error = ws_close_codes_registry::parse(document).unwrap_err();
/// assert_eq!(error.to_string(),
///     "line 7, column 13: <value>: 5000 is a single code outside 1000..=4999");
/// ```
pub fn parse(bytes: &[u8]) -> Result<Registry, Error> {
    parse_with_bounds(bytes, (1000, 4999))
}

/// [`parse`] with other bounds for single registered codes than RFC 6455's
/// 1000..=4999: for synthetic registries (benchmarks of the generator at
/// 10,000 or 65,536 codes), never for IANA's document.
///
/// # Errors
///
/// As [`parse`], with `single_codes` in place of 1000..=4999.
///
/// # Example
///
/// ```
/// let document = br#"<registry id="websocket"><updated>2026-01-01</updated>
///   <registry id="close-code-number">
///     <record><value>7</value><description>Seven</description></record>
///   </registry></registry>"#;
/// assert!(ws_close_codes_registry::parse(document).is_err());
/// let registry = ws_close_codes_registry::parse::parse_with_bounds(document, (0, u16::MAX))?;
/// assert_eq!(registry.records[0].span.start, 7);
/// # Ok::<(), ws_close_codes_registry::Error>(())
/// ```
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
    let title = registry.element("title").map(Element::text);
    let expert = registry.element("expert").map(Element::text);

    let mut ranges = Vec::new();
    for range in registry.elements_named("range") {
        let value = required(range, "value")?;
        let span = parse_span(value, &mut quirks)?;
        let rule = range.element("registration_rule").map(text_of);
        let registration_rule = rule.transpose()?.unwrap_or_default();
        let position = range.position;
        let range = RangeRule {
            span,
            registration_rule,
            position,
        };
        ranges.push((range, value.position));
    }
    let ranges = sorted_without_overlap(ranges, |r| r.span, "range")?;
    let mut records = Vec::new();
    for record in registry.elements_named("record") {
        records.push(parse_record(record, &people, single_codes, &mut quirks)?);
    }

    // People come last in the document but are read first: document order.
    quirks.0.sort_by_key(|quirk| quirk.position);
    Ok(Registry {
        document_updated,
        title: title.unwrap_or_default(),
        expert: expert.filter(|t| !t.is_empty()),
        ranges,
        records: sorted_without_overlap(records, |r| r.span, "record")?,
        position: registry.position,
        quirks: quirks.0,
    })
}

/// The quirks absorbed so far.
#[derive(Default)]
struct Quirks(Vec<Quirk>);

impl Quirks {
    /// Notes that `element` `had` something, which was read as `read`.
    fn read_as(&mut self, element: &Element, had: String, read: &str) {
        let (position, element) = (element.position, element.tag());
        let message = format!("{had}; read as {read}");
        self.0.push(Quirk {
            position,
            element,
            message,
        });
    }

    /// `value` without surrounding whitespace, noting a quirk about `what`
    /// (like `attribute date`) when there was some.
    fn trim<'a>(&mut self, element: &Element, what: &str, value: &'a str) -> &'a str {
        let trimmed = value.trim();
        if trimmed.len() != value.len() {
            let had = format!("{what} {} has surrounding whitespace", quote(value));
            self.read_as(element, had, &quote(trimmed));
        }
        trimmed
    }
}

/// Document text quoted for a message: at most 80 characters, in quotes,
/// with escapes for quotes, backslashes and control characters.
fn quote(text: &str) -> String {
    format!("{:?}", truncate(text, 80))
}

/// The `<registry id="close-code-number">` child of the root: exactly one,
/// its id compared without surrounding whitespace.
fn close_code_registry<'a>(root: &'a Element, quirks: &mut Quirks) -> Result<&'a Element, Error> {
    let id = |e: &Element| e.attribute("id").unwrap_or_default().to_owned();
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
    quirks.trim(registry, "id", &id(registry));
    Ok(registry)
}

/// The document's people by id, with where each is listed, and the ids by
/// their ASCII lower case (for contacts that differ in letter case only).
struct People {
    by_id: BTreeMap<String, (Person, Position)>,
    by_lower_case: BTreeMap<String, Vec<String>>,
}

fn people(root: &Element, quirks: &mut Quirks) -> Result<People, Error> {
    let mut by_id: BTreeMap<String, (Person, Position)> = BTreeMap::new();
    let persons = root
        .elements_named("people")
        .flat_map(|p| p.elements_named("person"));
    for person in persons {
        let raw_id = person
            .attribute("id")
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| person.error("a person needs an id attribute"))?;
        check_len(person, raw_id)?;
        let id = quirks.trim(person, "id", raw_id);
        let updated = person.element("updated");
        let updated = updated.map(|e| date(e, "the date", &e.text(), true));
        let updated = updated.transpose()?;
        let child = |name: &str| person.element(name).map(text_of).transpose();
        let entry = Person {
            id: id.to_owned(),
            name: child("name")?.filter(|n| !n.is_empty()),
            uri: child("uri")?.filter(|u| !u.is_empty()),
            updated,
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
        let same = by_lower_case.entry(id.to_ascii_lowercase()).or_default();
        same.push(id.clone());
    }
    Ok(People {
        by_id,
        by_lower_case,
    })
}

/// The element's text, whitespace collapsed, refused when longer than
/// [`MAX_TEXT_LEN`].
fn text_of(element: &Element) -> Result<String, Error> {
    let text = element.text();
    check_len(element, &text)?;
    Ok(text)
}

fn check_len(element: &Element, text: &str) -> Result<(), Error> {
    if text.len() > MAX_TEXT_LEN {
        let length = text.len();
        let message =
            format!("the text is {length} bytes long; at most {MAX_TEXT_LEN} are accepted");
        return Err(element.error(message));
    }
    Ok(())
}

fn required<'a>(element: &'a Element, child: &str) -> Result<&'a Element, Error> {
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
    let contact = match record.element("contact") {
        None => None,
        Some(contact) => parse_contact(contact, people, quirks)?,
    };
    let references = record.elements_named("xref");
    let references = references.map(|xref| parse_reference(xref, quirks));
    let references = references.collect::<Result<Vec<_>, _>>()?;
    let mut date_attribute = |name: &str| match record.attribute(name) {
        None => Ok(None),
        Some(raw) => {
            let what = format!("attribute {name}");
            quirks.trim(record, &what, raw);
            date(record, &what, raw, false).map(Some)
        }
    };
    let record = Record {
        span,
        description,
        contact,
        references,
        date: date_attribute("date")?,
        updated: date_attribute("updated")?,
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
        return Ok((!text.is_empty()).then(|| Person {
            id: text.clone(),
            name: Some(text),
            uri: None,
            updated: None,
        }));
    };
    let kind = xref.attribute("type");
    if kind.and_then(|kind| reference_kind(xref, kind, quirks)) != Some(ReferenceKind::Person) {
        return Err(xref.error("a contact must be an <xref type=\"person\" data=\"...\"/>"));
    }
    let id = quirks.trim(
        xref,
        "person id",
        xref.attribute("data").unwrap_or_default(),
    );
    if let Some((person, _)) = people.by_id.get(id) {
        return Ok(Some(person.clone()));
    }
    // No person has that id; the only one whose id differs from it in
    // ASCII letter case only is certainly meant.
    let not_in_people = format!(
        "the contact names person {}, who is not in <people>",
        quote(id)
    );
    let same_but_case = people.by_lower_case.get(&id.to_ascii_lowercase());
    match same_but_case.map_or(&[][..], Vec::as_slice) {
        [] => Err(xref.error(not_in_people)),
        [only] => {
            let (had, read) = (quote(id), quote(only));
            let had = format!(
                "person id {had} is not in <people> but differs only in letter case from {read}"
            );
            quirks.read_as(xref, had, &read);
            Ok(Some(people.by_id[only].0.clone()))
        }
        several => {
            let ids: Vec<String> = several.iter().take(4).map(|id| quote(id)).collect();
            let more = if several.len() > ids.len() {
                ", ..."
            } else {
                ""
            };
            Err(xref.error(format!(
                "{not_in_people}; it differs only in letter case from {} people ({}{more}), so \
                 which one is meant is not certain",
                several.len(),
                ids.join(", "),
            )))
        }
    }
}

/// The kind an `xref` `type` names: without surrounding whitespace, and in
/// lower case when it is one of IANA's types only in another letter case
/// (each noted as a quirk). `None` for any other text.
fn reference_kind(xref: &Element, raw: &str, quirks: &mut Quirks) -> Option<ReferenceKind> {
    let kind = quirks.trim(xref, "type", raw);
    if let Some(known) = ReferenceKind::from_type(kind) {
        return Some(known);
    }
    let lower = kind.to_ascii_lowercase();
    let known = ReferenceKind::from_type(&lower)?;
    let had = format!("type {} is not in lower case", quote(kind));
    quirks.read_as(xref, had, &quote(&lower));
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
        (_, Some(data)) => {
            check_len(xref, data)?;
            collapse_whitespace(quirks.trim(xref, "data", data))
        }
        (_, None) => String::new(),
    };
    if data.is_empty() {
        return Err(xref.error("a reference needs a data attribute (or text for type=\"text\")"));
    }
    Ok(Reference { kind, data })
}

/// Parses `1008` or `3009-3999`: decimal digits only, no sign, no spaces
/// inside the numbers, no leading zeros, each end within 0..=65535, start
/// <= end. Surrounding whitespace, whitespace around the `-` and an en dash
/// for the `-` are read as if absent, each noted as a quirk.
fn parse_span(value: &Element, quirks: &mut Quirks) -> Result<Span, Error> {
    let fail = |why: &str| {
        // The text as a person reads it.
        let shown = truncate(&value.text(), 40);
        value.error(format!("{shown:?} is not a close code or range: {why}"))
    };
    if value.elements().next().is_some() {
        return Err(fail(
            "a value holds text only (it has child elements, so its reading is not certain)",
        ));
    }
    let raw = value.own_text();
    let mut text = quirks.trim(value, "the value", &raw).to_owned();
    if text.contains('\u{2013}') {
        let hyphen = text.replace('\u{2013}', "-");
        let shown = quote(&text);
        let had = format!("the value {shown} has an en dash (U+2013) where the format has \"-\"");
        quirks.read_as(value, had, &quote(&hyphen));
        text = hyphen;
    }
    let number = |text: &str| match text.parse::<u16>() {
        _ if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) => Err(fail(
            "expected decimal digits like 1000 or a range like 3000-3999",
        )),
        _ if text.len() > 1 && text.starts_with('0') => Err(fail("leading zeros are not allowed")),
        Ok(number) => Ok(number),
        Err(_) => Err(fail("values must be within 0..=65535")),
    };
    let span = match text.split_once('-') {
        None => Span::single(number(&text)?),
        Some((start, end)) => {
            let (start, end) = (start.trim_end(), end.trim_start());
            let span = Span {
                start: number(start)?,
                end: number(end)?,
            };
            if start.len() + 1 + end.len() != text.len() {
                let had = format!("the value {} has whitespace around its \"-\"", quote(&text));
                quirks.read_as(value, had, &quote(&format!("{start}-{end}")));
            }
            span
        }
    };
    if span.start > span.end {
        return Err(fail("the range is reversed (its start is above its end)"));
    }
    Ok(span)
}

/// Sorts items by span and refuses overlaps, naming the later one in
/// document order.
fn sorted_without_overlap<T>(
    mut items: Vec<(T, Position)>,
    span: impl Fn(&T) -> Span,
    what: &str,
) -> Result<Vec<T>, Error> {
    items.sort_by_key(|(item, position)| (span(item), *position));
    for pair in items.windows(2) {
        let [(a, a_at), (b, b_at)] = pair else {
            continue;
        };
        let (a, b) = (span(a), span(b));
        if a.overlaps(b) {
            let ((later_at, later), (earlier_at, earlier)) = if a_at > b_at {
                ((a_at, a), (b_at, b))
            } else {
                ((b_at, b), (a_at, a))
            };
            let how = if a == b { "duplicates" } else { "overlaps" };
            let message =
                format!("{what} value {later} {how} {earlier} of the {what} at {earlier_at}");
            return Err(Error::at(*later_at, "<value>", message));
        }
    }
    Ok(items.into_iter().map(|(item, _)| item).collect())
}

/// `text` (without surrounding whitespace) as a date of `element`:
/// `YYYY-MM-DD` (or `YYYY-MM` when `month_only_ok`), a real month and a day
/// that exists in it; else an error quoting `what` and `text`.
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
    use super::parse_date;

    #[test]
    fn dates() {
        let date = |text, month_only_ok| parse_date(text, month_only_ok).map(|d| d.to_string());
        assert_eq!(date("2024-02-29", false).as_deref(), Some("2024-02-29"));
        assert_eq!(date("2021-04", true).as_deref(), Some("2021-04"));
        for bad in [
            "2023-02-29",
            "2021-13-01",
            "2021-00-01",
            "2021-04-31",
            "2021-4-03",
        ] {
            assert_eq!(date(bad, false), None, "{bad}");
        }
        for bad in ["2021-04", "2021-04-03-01", "yesterday", ""] {
            assert_eq!(date(bad, false), None, "{bad}");
        }
        assert_eq!(date("", true), None);
    }
}
