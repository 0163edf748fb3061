//! Helpers shared by the registry crate's parser tests: a small valid
//! document whose lines are numbered, and assertions that check an error's
//! place against the document itself.

#![allow(dead_code)]

use ws_close_codes_registry::{parse, Date, Error, Position, Record, Registry, Span};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Start of a small valid document: one range and one record (1000).
/// Lines are numbered in the comments; [`doc`] appends records from line 19.
pub const HEAD: &str = concat!(
    "<?xml version='1.0' encoding='UTF-8'?>\n", // 1
    "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n", // 2
    "  <title>WebSocket Protocol Registries</title>\n", // 3
    "  <created>2011-12-06</created>\n",        // 4
    "  <updated>2025-07-30</updated>\n",        // 5
    "  <registry id=\"close-code-number\">\n",  // 6
    "    <title>WebSocket Close Code Number Registry</title>\n", // 7
    "    <expert>Alexey Melnikov</expert>\n",   // 8
    "    <range>\n",                            // 9
    "      <value>1000-2999</value>\n",         // 10
    "      <registration_rule>Standards Action</registration_rule>\n", // 11
    "    </range>\n",                           // 12
    "    <record>\n",                           // 13
    "      <value>1000</value>\n",              // 14
    "      <description>Normal Closure</description>\n", // 15
    "      <contact><xref type=\"person\" data=\"IESG_HYBI\"/></contact>\n", // 16
    "      <xref type=\"rfc\" data=\"rfc6455\"/>\n", // 17
    "    </record>\n",                          // 18
);

/// The line on which the text passed to [`doc`] starts.
pub const EXTRA: u32 = 19;

/// End of the small document: closes the close-code registry, then an
/// opcode registry (whose values would be invalid close codes) and `people`.
pub const TAIL: &str = concat!(
    "  </registry>\n",
    "  <registry id=\"opcode\">\n",
    "    <title>WebSocket Opcode Registry</title>\n",
    "    <record>\n",
    "      <value>1</value>\n",
    "      <description>Text Frame</description>\n",
    "      <xref type=\"rfc\" data=\"rfc6455\"/>\n",
    "    </record>\n",
    "  </registry>\n",
    "  <people>\n",
    "    <person id=\"IESG_HYBI\">\n",
    "      <name>IESG HYBI WG</name>\n",
    "      <uri>mailto:hybi&amp;ietf.org</uri>\n",
    "      <updated>2011-12</updated>\n",
    "    </person>\n",
    "    <person id=\"Leo_Tietz\">\n",
    "      <name>Leo Tietz</name>\n",
    "      <uri>mailto:leo.tietz&amp;example.net</uri>\n",
    "      <updated>2021-09-06</updated>\n",
    "    </person>\n",
    "    <person id=\"Nameless\">\n",
    "    </person>\n",
    "  </people>\n",
    "</registry>\n",
);

/// The small valid document with `extra` (whole lines) after record 1000.
pub fn doc(extra: &str) -> String {
    assert!(extra.is_empty() || extra.ends_with('\n'));
    format!("{HEAD}{extra}{TAIL}")
}

/// A record of five lines: `<record>` at column 5 of its first line,
/// `<value>` at column 7 of its second line.
pub fn record(value: &str, description: &str) -> String {
    format!(
        "    <record>\n      <value>{value}</value>\n      <description>{description}</description>\n      <contact/>\n    </record>\n"
    )
}

pub fn parse_str(text: &str) -> Result<Registry, Error> {
    parse(text.as_bytes())
}

pub fn parse_ok(text: &str) -> Registry {
    match parse_str(text) {
        Ok(registry) => registry,
        Err(err) => panic!("expected the document to parse, got: {err}\n--- document ---\n{text}"),
    }
}

pub fn parse_err(text: &str) -> Error {
    match parse_str(text) {
        Ok(registry) => panic!(
            "expected an error, but the document parsed into {} records\n--- document ---\n{text}",
            registry.records.len()
        ),
        Err(err) => err,
    }
}

pub fn date(text: &str) -> Date {
    let parts: Vec<&str> = text.split('-').collect();
    Date {
        year: parts[0].parse().unwrap(),
        month: parts[1].parse().unwrap(),
        day: parts.get(2).map(|d| d.parse().unwrap()),
    }
}

pub fn span(start: u16, end: u16) -> Span {
    Span { start, end }
}

pub fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

/// The text of `text` from line `line`, column `column` (both 1-based,
/// column in characters) to the end of that line.
pub fn text_at(text: &str, line: u32, column: u32) -> String {
    let line_text = text
        .split('\n')
        .nth(line as usize - 1)
        .unwrap_or_else(|| panic!("the document has no line {line}"));
    line_text.chars().skip(column as usize - 1).collect()
}

/// Parses `text`, expects an error at `line`/`column` about `element`
/// (like `<value>`), and returns it. Checks first that the document really
/// has that element's start tag there.
#[track_caller]
pub fn expect_err_at(text: &str, line: u32, column: u32, element: &str) -> Error {
    let tag = element.trim_end_matches('>');
    let there = text_at(text, line, column);
    assert!(
        there.starts_with(tag),
        "test bug: line {line}, column {column} of the document is {there:?}, not {element}"
    );
    let err = parse_err(text);
    assert_eq!(
        err.element.as_deref(),
        Some(element),
        "wrong element in error: {err}"
    );
    assert_eq!(
        err.position,
        Some(pos(line, column)),
        "wrong position in error: {err}"
    );
    assert!(
        !err.message.trim().is_empty(),
        "error without a message: {err:?}"
    );
    err
}

/// Expects an error whose position is on one of `lines`.
#[track_caller]
pub fn expect_err_near(text: &str, lines: std::ops::RangeInclusive<u32>) -> Error {
    let err = parse_err(text);
    let position = err
        .position
        .unwrap_or_else(|| panic!("error without a position: {err}"));
    assert!(
        lines.contains(&position.line),
        "error at {position}, expected a line in {lines:?}: {err}"
    );
    assert!(position.column >= 1, "columns are 1-based: {err}");
    err
}

pub fn registered(registry: &Registry) -> Vec<u16> {
    registry.registered_codes().map(|r| r.span.start).collect()
}

pub fn spans(registry: &Registry) -> Vec<String> {
    registry
        .records
        .iter()
        .map(|r| r.span.to_string())
        .collect()
}

pub fn kinds_and_data(record: &Record) -> Vec<(&'static str, &str)> {
    record
        .references
        .iter()
        .map(|r| (r.kind.as_str(), r.data.as_str()))
        .collect()
}

/// Asserts that the records of `registry` are in ascending order and do
/// not overlap, and that its ranges are in ascending order.
#[track_caller]
pub fn assert_sorted_and_disjoint(registry: &Registry) {
    for pair in registry.records.windows(2) {
        assert!(
            pair[0].span.end < pair[1].span.start,
            "{} then {}",
            pair[0].span,
            pair[1].span
        );
    }
    for pair in registry.ranges.windows(2) {
        assert!(pair[0].span < pair[1].span);
    }
}
