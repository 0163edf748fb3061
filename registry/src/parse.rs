//! Registry document bytes to a validated [`Registry`].
//!
//! The close-code registry is found by its `id` (`close-code-number`), never
//! by the shape of its records: other registries of the same document (the
//! opcodes, for one) also have `record`s with `value` and `description`.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::model::{
    Date, Person, Position, RangeRule, Record, Reference, ReferenceKind, Registry, Span,
};
use crate::xml::{collapse_whitespace, parse_document, truncate, Element};

/// The `id` of the close-code registry inside IANA's WebSocket document.
pub const CLOSE_CODE_REGISTRY_ID: &str = "close-code-number";

/// The longest text (description, name, reference, rule) accepted, in
/// bytes. IANA's longest close-code text is under 200 bytes; anything near
/// this limit is not a registry entry.
pub const MAX_TEXT_LEN: usize = 4096;

/// The lowest and highest value a single registered code may have: RFC 6455
/// section 7.4.2 defines 1000-4999, and IANA registers single codes only in
/// 1000-3999 (4000-4999 is private use).
pub const SINGLE_CODE_BOUNDS: (u16, u16) = (1000, 4999);

/// Parses and validates an IANA WebSocket registry document (`websocket.xml`).
///
/// # Errors
///
/// An [`Error`] naming the element, its line and column, and the problem:
/// malformed XML (or not UTF-8, or an entity other than XML's predefined
/// ones), no `<registry id="close-code-number">`, a `value` that is not a
/// number or `a-b` range within 0..=65535, duplicate or overlapping values,
/// a single code outside 1000..=4999, a contact that names no person of
/// `people`, a record without `value` or `description`, or a malformed date.
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
    parse_with_bounds(bytes, SINGLE_CODE_BOUNDS)
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
        return Err(Error::at(
            root.position,
            root.tag(),
            "the root element must be <registry> (an IANA registry document)",
        ));
    }
    let document_updated = match root.element("updated") {
        Some(updated) => parse_date(&updated.text(), false)
            .ok_or_else(|| date_error(updated, "", &updated.text()))?,
        None => {
            return Err(Error::at(
                root.position,
                root.tag(),
                "the document has no <updated> date",
            ))
        }
    };
    let people = people(&root)?;
    let registry = root
        .elements_named("registry")
        .find(|r| r.attribute("id") == Some(CLOSE_CODE_REGISTRY_ID))
        .ok_or_else(|| {
            Error::at(
                root.position,
                root.tag(),
                format!("the document has no close-code registry (<registry id=\"{CLOSE_CODE_REGISTRY_ID}\">)"),
            )
        })?;

    let title = registry
        .element("title")
        .map(Element::text)
        .unwrap_or_default();
    let expert = registry
        .element("expert")
        .map(Element::text)
        .filter(|t| !t.is_empty());

    let mut ranges = Vec::new();
    for range in registry.elements_named("range") {
        let value = required(range, "value")?;
        let span = parse_span(value)?;
        let rule = range
            .element("registration_rule")
            .map(text_of)
            .transpose()?
            .unwrap_or_default();
        ranges.push((
            RangeRule {
                span,
                registration_rule: rule,
                position: range.position,
            },
            value.position,
        ));
    }
    let ranges = sorted_without_overlap(ranges, |r| r.span, "range")?;

    let mut records = Vec::new();
    for record in registry.elements_named("record") {
        records.push(parse_record(record, &people, single_codes)?);
    }
    let records = sorted_without_overlap(records, |r| r.span, "record")?;

    Ok(Registry {
        document_updated,
        title,
        expert,
        ranges,
        records,
        position: registry.position,
    })
}

fn people(root: &Element) -> Result<BTreeMap<String, Person>, Error> {
    let mut people = BTreeMap::new();
    for person in root
        .elements_named("people")
        .flat_map(|p| p.elements_named("person"))
    {
        let id = person
            .attribute("id")
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| {
                Error::at(
                    person.position,
                    person.tag(),
                    "a person needs an id attribute",
                )
            })?;
        check_len(person, id)?;
        let updated = match person.element("updated") {
            Some(element) => Some(
                parse_date(&element.text(), true)
                    .ok_or_else(|| date_error(element, "", &element.text()))?,
            ),
            None => None,
        };
        let entry = Person {
            id: id.to_owned(),
            name: person
                .element("name")
                .map(text_of)
                .transpose()?
                .filter(|n| !n.is_empty()),
            uri: person
                .element("uri")
                .map(text_of)
                .transpose()?
                .filter(|u| !u.is_empty()),
            updated,
        };
        if people.insert(id.to_owned(), entry).is_some() {
            return Err(Error::at(
                person.position,
                person.tag(),
                format!("person id {:?} appears twice", truncate(id, 80)),
            ));
        }
    }
    Ok(people)
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
        return Err(Error::at(
            element.position,
            element.tag(),
            format!(
                "the text is {} bytes long; at most {MAX_TEXT_LEN} are accepted",
                text.len()
            ),
        ));
    }
    Ok(())
}

fn required<'a>(element: &'a Element, child: &str) -> Result<&'a Element, Error> {
    element
        .element(child)
        .ok_or_else(|| Error::at(element.position, element.tag(), format!("has no <{child}>")))
}

/// One `record`, and where its `value` starts (overlap errors name it).
fn parse_record(
    record: &Element,
    people: &BTreeMap<String, Person>,
    single_codes: (u16, u16),
) -> Result<(Record, Position), Error> {
    let value = required(record, "value")?;
    let span = parse_span(value)?;
    let description = text_of(required(record, "description")?)?;
    if description.is_empty() {
        return Err(Error::at(
            record.position,
            record.tag(),
            "has an empty <description>",
        ));
    }
    if span.is_single() {
        let (low, high) = single_codes;
        if !(low..=high).contains(&span.start) {
            return Err(Error::at(
                value.position,
                value.tag(),
                format!("{} is a single code outside {low}..={high}", span.start),
            ));
        }
    }
    let date_attribute = |name: &str| -> Result<Option<Date>, Error> {
        match record.attribute(name) {
            None => Ok(None),
            Some(text) => parse_date(text, false)
                .map(Some)
                .ok_or_else(|| date_error(record, name, text)),
        }
    };
    let contact = match record.element("contact") {
        None => None,
        Some(contact) => parse_contact(contact, people)?,
    };
    let references = record
        .elements_named("xref")
        .map(parse_reference)
        .collect::<Result<Vec<_>, _>>()?;
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
    people: &BTreeMap<String, Person>,
) -> Result<Option<Person>, Error> {
    if let Some(xref) = contact.element("xref") {
        let id = xref.attribute("data").unwrap_or_default();
        if xref.attribute("type") != Some("person") {
            return Err(Error::at(
                xref.position,
                xref.tag(),
                "a contact must be an <xref type=\"person\" data=\"...\"/>",
            ));
        }
        return people.get(id).cloned().map(Some).ok_or_else(|| {
            Error::at(
                xref.position,
                xref.tag(),
                format!(
                    "the contact names person {:?}, who is not in <people>",
                    truncate(id, 80)
                ),
            )
        });
    }
    // A contact written as plain text names someone outside <people>.
    let text = text_of(contact)?;
    Ok((!text.is_empty()).then(|| Person {
        id: text.clone(),
        name: Some(text),
        uri: None,
        updated: None,
    }))
}

fn parse_reference(xref: &Element) -> Result<Reference, Error> {
    let kind_text = xref.attribute("type").unwrap_or_default();
    let kind = ReferenceKind::from_type(kind_text).ok_or_else(|| {
        Error::at(
            xref.position,
            xref.tag(),
            format!(
                "unknown reference type {:?} (expected rfc, rfc-errata, uri, draft, person or text)",
                truncate(kind_text, 40)
            ),
        )
    })?;
    let data = match (kind, xref.attribute("data")) {
        (ReferenceKind::Text, None) => text_of(xref)?,
        (_, Some(data)) => {
            check_len(xref, data)?;
            collapse_whitespace(data)
        }
        (_, None) => String::new(),
    };
    if data.is_empty() {
        return Err(Error::at(
            xref.position,
            xref.tag(),
            "a reference needs a data attribute (or text for type=\"text\")",
        ));
    }
    Ok(Reference { kind, data })
}

/// Parses `1008` or `3009-3999`: decimal digits only, no sign, no spaces
/// inside, no leading zeros, each end within 0..=65535, start <= end.
fn parse_span(value: &Element) -> Result<Span, Error> {
    let raw = value.text();
    let fail = |why: &str| {
        Error::at(
            value.position,
            value.tag(),
            format!(
                "{:?} is not a close code or range: {why}",
                truncate(&raw, 40)
            ),
        )
    };
    let number = |text: &str| -> Result<u16, Error> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(
                "expected decimal digits like 1000 or a range like 3000-3999",
            ));
        }
        if text.len() > 1 && text.starts_with('0') {
            return Err(fail("leading zeros are not allowed"));
        }
        text.parse::<u16>()
            .map_err(|_| fail("values must be within 0..=65535"))
    };
    let span = match raw.split_once('-') {
        None => Span::single(number(&raw)?),
        Some((start, end)) => Span {
            start: number(start)?,
            end: number(end)?,
        },
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
        let (a, a_at) = (&pair[0].0, pair[0].1);
        let (b, b_at) = (&pair[1].0, pair[1].1);
        let (sa, sb) = (span(a), span(b));
        if sa.overlaps(sb) {
            let (later_at, later, earlier_at, earlier) = if a_at > b_at {
                (a_at, sa, b_at, sb)
            } else {
                (b_at, sb, a_at, sa)
            };
            let how = if sa == sb { "duplicates" } else { "overlaps" };
            return Err(Error::at(
                later_at,
                "<value>",
                format!("{what} value {later} {how} {earlier} of the {what} at {earlier_at}"),
            ));
        }
    }
    Ok(items.into_iter().map(|(item, _)| item).collect())
}

/// `YYYY-MM-DD` (or `YYYY-MM` when `month_only_ok`), with a real month and
/// a day that exists in that month.
fn parse_date(text: &str, month_only_ok: bool) -> Option<Date> {
    let text = text.trim();
    let digits = |s: &str, n: usize| {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let mut parts = text.split('-');
    let year = digits(parts.next()?, 4)?;
    let month = u8::try_from(digits(parts.next()?, 2)?).ok()?;
    let day = match parts.next() {
        Some(day) => Some(u8::try_from(digits(day, 2)?).ok()?),
        None if month_only_ok => None,
        None => return None,
    };
    if parts.next().is_some() || !(1..=12).contains(&month) {
        return None;
    }
    if let Some(day) = day {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=days).contains(&day) {
            return None;
        }
    }
    Some(Date { year, month, day })
}

fn date_error(element: &Element, attribute: &str, text: &str) -> Error {
    let what = if attribute.is_empty() {
        "the date".to_owned()
    } else {
        format!("attribute {attribute}")
    };
    Error::at(
        element.position,
        element.tag(),
        format!(
            "{what} {:?} is not a date like 2021-09-06",
            truncate(text, 40)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2024-02-29", false),
            Some(Date {
                year: 2024,
                month: 2,
                day: Some(29)
            })
        );
        assert_eq!(parse_date("2023-02-29", false), None);
        assert_eq!(parse_date("2021-13-01", false), None);
        assert_eq!(parse_date("2021-00-01", false), None);
        assert_eq!(parse_date("2021-04-31", false), None);
        assert_eq!(parse_date("2021-4-03", false), None);
        assert_eq!(parse_date("2021-04", false), None);
        assert_eq!(
            parse_date("2021-04", true),
            Some(Date {
                year: 2021,
                month: 4,
                day: None
            })
        );
        assert_eq!(parse_date("2021-04-03-01", false), None);
        assert_eq!(parse_date("yesterday", false), None);
        assert_eq!(parse_date("", true), None);
    }
}
