//! Tests of `ws_close_codes_registry::parse` against its contract.
//!
//! Acceptance tests run on a dated copy of IANA's document
//! (`tests/data/websocket-2025-07-30.xml`, the registry as it stood on that
//! date, so the expectations hold when the live snapshot moves on) and on
//! small hand-written documents; rejection tests break one thing in a
//! small valid document and check the error's element and its exact line and
//! column (1-based, column in characters, pointing at the element's `<`).
//! Every expected position is first checked against the test document itself,
//! so a miscounted expectation fails loudly instead of testing the wrong thing.

use ws_close_codes_registry::{
    parse, Date, Error, Person, Position, Record, Reference, ReferenceKind, Registry, Span,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// IANA's document as of 2025-07-30 (a fixed copy, not the live snapshot).
const FIXTURE: &str = include_str!("data/websocket-2025-07-30.xml");

/// Start of a small valid document: one range and one record (1000).
/// Lines are numbered in the comments; [`doc`] appends records from line 19.
const HEAD: &str = concat!(
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
const EXTRA: u32 = 19;

/// End of the small document: closes the close-code registry, then an
/// opcode registry (whose values would be invalid close codes) and `people`.
const TAIL: &str = concat!(
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
fn doc(extra: &str) -> String {
    assert!(extra.is_empty() || extra.ends_with('\n'));
    format!("{HEAD}{extra}{TAIL}")
}

/// A record of five lines: `<record>` at column 5 of its first line,
/// `<value>` at column 7 of its second line.
fn record(value: &str, description: &str) -> String {
    format!(
        "    <record>\n      <value>{value}</value>\n      <description>{description}</description>\n      <contact/>\n    </record>\n"
    )
}

fn parse_str(text: &str) -> Result<Registry, Error> {
    parse(text.as_bytes())
}

fn parse_ok(text: &str) -> Registry {
    match parse_str(text) {
        Ok(registry) => registry,
        Err(err) => panic!("expected the document to parse, got: {err}\n--- document ---\n{text}"),
    }
}

fn parse_err(text: &str) -> Error {
    match parse_str(text) {
        Ok(registry) => panic!(
            "expected an error, but the document parsed into {} records\n--- document ---\n{text}",
            registry.records.len()
        ),
        Err(err) => err,
    }
}

fn date(text: &str) -> Date {
    let parts: Vec<&str> = text.split('-').collect();
    Date {
        year: parts[0].parse().unwrap(),
        month: parts[1].parse().unwrap(),
        day: parts.get(2).map(|d| d.parse().unwrap()),
    }
}

fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

/// The text of `text` from line `line`, column `column` (both 1-based,
/// column in characters) to the end of that line.
fn text_at(text: &str, line: u32, column: u32) -> String {
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
fn expect_err_at(text: &str, line: u32, column: u32, element: &str) -> Error {
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
fn expect_err_near(text: &str, lines: std::ops::RangeInclusive<u32>) -> Error {
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

fn registered(registry: &Registry) -> Vec<u16> {
    registry.registered_codes().map(|r| r.span.start).collect()
}

fn spans(registry: &Registry) -> Vec<String> {
    registry
        .records
        .iter()
        .map(|r| r.span.to_string())
        .collect()
}

fn kinds_and_data(record: &Record) -> Vec<(&'static str, &str)> {
    record
        .references
        .iter()
        .map(|r| (r.kind.as_str(), r.data.as_str()))
        .collect()
}

// ---------------------------------------------------------------------------
// The test documents themselves
// ---------------------------------------------------------------------------

#[test]
fn the_small_document_is_as_numbered() {
    assert_eq!(HEAD.lines().count() as u32, EXTRA - 1);
    let d = doc(&record("1001", "Going Away"));
    assert_eq!(text_at(&d, EXTRA, 5), "<record>");
    assert_eq!(text_at(&d, EXTRA + 1, 7), "<value>1001</value>");
    assert_eq!(text_at(&d, 2, 1), HEAD.lines().nth(1).unwrap());
}

#[test]
fn the_small_document_parses() {
    let registry = parse_ok(&doc(""));
    assert_eq!(registry.document_updated, date("2025-07-30"));
    assert_eq!(registry.title, "WebSocket Close Code Number Registry");
    assert_eq!(registry.expert.as_deref(), Some("Alexey Melnikov"));
    assert_eq!(registry.ranges.len(), 1);
    assert_eq!(
        registry.ranges[0].span,
        Span {
            start: 1000,
            end: 2999
        }
    );
    assert_eq!(registry.ranges[0].registration_rule, "Standards Action");
    assert_eq!(registry.ranges[0].position, pos(9, 5));
    assert_eq!(
        registry.records.len(),
        1,
        "the opcode record must not leak in"
    );
    let normal = &registry.records[0];
    assert_eq!(normal.span, Span::single(1000));
    assert_eq!(normal.description, "Normal Closure");
    assert_eq!(normal.position, pos(13, 5));
    assert_eq!(
        normal.contact,
        Some(Person {
            id: "IESG_HYBI".into(),
            name: Some("IESG HYBI WG".into()),
            uri: Some("mailto:hybi&ietf.org".into()),
            updated: Some(date("2011-12")),
        })
    );
    assert_eq!(
        normal.references,
        vec![Reference {
            kind: ReferenceKind::Rfc,
            data: "rfc6455".into()
        }]
    );
    assert_eq!(normal.date, None);
    assert_eq!(normal.updated, None);
}

#[test]
fn the_data_files_parse() {
    let small = parse(include_bytes!("data/small.xml")).unwrap();
    assert_eq!(registered(&small), [1000, 3000]);
    assert_eq!(small.document_updated, date("2021-09-06"));
    let leo = small.record_for(3000).unwrap();
    assert_eq!(leo.contact.as_ref().unwrap().display_name(), "Leo Tietz");
    assert_eq!(leo.date, Some(date("2021-09-06")));
    assert!(leo.references.is_empty());
}

// ---------------------------------------------------------------------------
// Acceptance: IANA's document as of 2025-07-30
// ---------------------------------------------------------------------------

type Row = (
    &'static str,                            // value
    &'static str,                            // description, collapsed
    Option<(&'static str, &'static str)>,    // contact: person id, display name
    &'static [(&'static str, &'static str)], // references: type, data
    Option<&'static str>,                    // date attribute
    Option<&'static str>,                    // updated attribute
);

const HYBI: Option<(&str, &str)> = Some(("IESG_HYBI", "IESG HYBI WG"));
const MELNIKOV: Option<(&str, &str)> = Some(("Alexey_Melnikov", "Alexey Melnikov"));
const RFC6455: &[(&str, &str)] = &[("rfc", "rfc6455")];
const URI_1012: &str = "https://mailarchive.ietf.org/arch/msg/hybi/P_1vbD9uyHl63nbIIbFxKMfSwcM/";
const URI_1014: &str = "https://mailarchive.ietf.org/arch/msg/hybi/l1lK4ZImO70jmcYorRa1lsLdvzY/";
const DESCRIPTION_1014: &str = "The server was acting as a gateway or proxy and received an invalid response from the upstream server. This is similar to 502 HTTP Status Code.";

/// The close-code registry as IANA published it on 2026-06-10.
const TABLE: &[Row] = &[
    ("1000", "Normal Closure", HYBI, RFC6455, None, None),
    ("1001", "Going Away", HYBI, RFC6455, None, None),
    ("1002", "Protocol error", HYBI, RFC6455, None, None),
    ("1003", "Unsupported Data", HYBI, RFC6455, None, None),
    ("1004", "Reserved", HYBI, RFC6455, None, None),
    ("1005", "No Status Rcvd", HYBI, RFC6455, None, None),
    ("1006", "Abnormal Closure", HYBI, RFC6455, None, None),
    (
        "1007",
        "Invalid frame payload data",
        HYBI,
        RFC6455,
        None,
        None,
    ),
    ("1008", "Policy Violation", HYBI, RFC6455, None, None),
    ("1009", "Message Too Big", HYBI, RFC6455, None, None),
    ("1010", "Mandatory Ext.", HYBI, RFC6455, None, None),
    (
        "1011",
        "Internal Error",
        HYBI,
        &[("rfc", "rfc6455"), ("rfc-errata", "3227")],
        None,
        None,
    ),
    (
        "1012",
        "Service Restart",
        MELNIKOV,
        &[("uri", URI_1012)],
        None,
        Some("2025-07-30"),
    ),
    (
        "1013",
        "Try Again Later",
        MELNIKOV,
        &[("uri", URI_1012)],
        None,
        Some("2025-07-30"),
    ),
    (
        "1014",
        DESCRIPTION_1014,
        MELNIKOV,
        &[("uri", URI_1014)],
        Some("2016-10-10"),
        Some("2025-07-30"),
    ),
    ("1015", "TLS handshake", HYBI, RFC6455, None, None),
    ("1016-2999", "Unassigned", None, &[], None, None),
    (
        "3000",
        "Unauthorized",
        Some(("Leo_Tietz", "Leo Tietz")),
        &[],
        Some("2021-09-06"),
        None,
    ),
    ("3001-3002", "Unassigned", None, &[], None, None),
    (
        "3003",
        "Forbidden",
        Some(("Ada_Young", "Ada Young")),
        &[],
        Some("2023-02-22"),
        None,
    ),
    ("3004-3007", "Unassigned", None, &[], None, None),
    (
        "3008",
        "Timeout",
        Some(("Morgan_Jones", "Morgan Jones")),
        &[],
        Some("2024-02-01"),
        None,
    ),
    ("3009-3999", "Unassigned", None, &[], None, None),
    (
        "4000-4999",
        "Reserved for Private Use",
        None,
        RFC6455,
        None,
        None,
    ),
];

fn fixture() -> Registry {
    parse_ok(FIXTURE)
}

#[test]
fn fixture_header() {
    let registry = fixture();
    assert_eq!(registry.document_updated, date("2025-07-30"));
    assert_eq!(registry.document_updated.to_string(), "2025-07-30");
    assert_eq!(registry.title, "WebSocket Close Code Number Registry");
    assert_eq!(registry.expert.as_deref(), Some("Alexey Melnikov"));
}

#[test]
fn fixture_ranges_and_rules() {
    let registry = fixture();
    let ranges: Vec<(String, &str)> = registry
        .ranges
        .iter()
        .map(|r| (r.span.to_string(), r.registration_rule.as_str()))
        .collect();
    assert_eq!(
        ranges,
        [
            (
                "1000-2999".to_owned(),
                "Standards Action, Specification Required or IESG Review"
            ),
            ("3000-3999".to_owned(), "First Come First Served"),
        ]
    );
    assert_eq!(
        registry.range_for(1014).map(|r| r.span),
        Some(Span {
            start: 1000,
            end: 2999
        })
    );
    assert_eq!(
        registry.range_for(3008).map(|r| r.span),
        Some(Span {
            start: 3000,
            end: 3999
        })
    );
    assert!(registry.range_for(4000).is_none());
    assert!(registry.range_for(999).is_none());
}

#[test]
fn fixture_records_match_the_table() {
    let registry = fixture();
    let got: Vec<String> = spans(&registry);
    let want: Vec<String> = TABLE.iter().map(|row| row.0.to_owned()).collect();
    assert_eq!(got, want, "record values, in order");
    for (record, &(value, description, contact, references, date_attr, updated_attr)) in
        registry.records.iter().zip(TABLE)
    {
        assert_eq!(record.description, description, "description of {value}");
        assert_eq!(
            record
                .contact
                .as_ref()
                .map(|p| (p.id.as_str(), p.display_name())),
            contact,
            "contact of {value}"
        );
        assert_eq!(kinds_and_data(record), references, "references of {value}");
        assert_eq!(record.date, date_attr.map(date), "date of {value}");
        assert_eq!(record.updated, updated_attr.map(date), "updated of {value}");
    }
}

#[test]
fn fixture_registered_codes() {
    let registry = fixture();
    let mut want: Vec<u16> = (1000..=1015).collect();
    want.extend([3000, 3003, 3008]);
    assert_eq!(registered(&registry), want);
    assert_eq!(registry.registered_codes().count(), 19);
    assert!(registry.registered_codes().all(|r| r.span.is_single()));
}

#[test]
fn fixture_1014_description_is_collapsed_to_one_line() {
    let registry = fixture();
    let record = registry.record_for(1014).unwrap();
    assert_eq!(record.description, DESCRIPTION_1014);
    assert!(!record.description.contains(['\n', '\r', '\t']));
    assert!(!record.description.contains("  "));
    // The fixture really does wrap it, so the collapsing is being tested.
    let start = FIXTURE.find("<description>The server").unwrap();
    let end = start + FIXTURE[start..].find("</description>").unwrap();
    assert!(FIXTURE[start..end].contains('\n'));
}

#[test]
fn fixture_contacts_resolve_to_people() {
    let registry = fixture();
    let hybi = registry.record_for(1000).unwrap().contact.clone().unwrap();
    assert_eq!(
        hybi,
        Person {
            id: "IESG_HYBI".into(),
            name: Some("IESG HYBI WG".into()),
            uri: Some("mailto:hybi&ietf.org".into()),
            updated: Some(date("2011-12")),
        }
    );
    let alexey = registry.record_for(1012).unwrap().contact.clone().unwrap();
    assert_eq!(alexey.id, "Alexey_Melnikov");
    assert_eq!(alexey.name.as_deref(), Some("Alexey Melnikov"));
    assert_eq!(alexey.updated, Some(date("2016-10-10")));
    let uri = alexey.uri.as_deref().unwrap();
    assert!(uri.starts_with("mailto:") && uri.contains('&') && !uri.contains("&amp;"));
    for value in [2000, 3001, 3005, 3500, 4000] {
        assert_eq!(registry.record_for(value).unwrap().contact, None, "{value}");
    }
}

#[test]
fn fixture_references() {
    let registry = fixture();
    let internal = registry.record_for(1011).unwrap();
    assert_eq!(
        internal.references,
        vec![
            Reference {
                kind: ReferenceKind::Rfc,
                data: "rfc6455".into()
            },
            Reference {
                kind: ReferenceKind::RfcErrata,
                data: "3227".into()
            },
        ]
    );
    // The contact's xref is not a reference.
    assert!(registry
        .records
        .iter()
        .flat_map(|r| &r.references)
        .all(|r| r.kind != ReferenceKind::Person));
    assert_eq!(
        registry.record_for(1013).unwrap().references[0].kind,
        ReferenceKind::Uri
    );
}

#[test]
fn fixture_has_no_record_from_other_registries() {
    let registry = fixture();
    assert_eq!(registry.records.len(), TABLE.len());
    for record in &registry.records {
        assert!(
            record.span.start >= 1000 && record.span.end <= 4999,
            "{} leaked in",
            record.span
        );
        for foreign in [
            "Continuation Frame",
            "Text Frame",
            "Binary Frame",
            "Connection Close Frame",
            "Ping Frame",
            "Pong Frame",
            "Interim",
            "Standard",
            "Per-Message Compressed",
        ] {
            assert_ne!(record.description, foreign);
        }
    }
    for opcode in 0..=15 {
        assert!(registry.record_for(opcode).is_none(), "opcode {opcode}");
    }
    assert!(registry.record_for(999).is_none());
    assert!(registry.record_for(5000).is_none());
    assert!(registry.record_for(65535).is_none());
}

#[test]
fn fixture_record_for_finds_ranges() {
    let registry = fixture();
    let gap = registry.record_for(2000).unwrap();
    assert_eq!(
        gap.span,
        Span {
            start: 1016,
            end: 2999
        }
    );
    assert_eq!(gap.description, "Unassigned");
    assert!(!gap.is_assigned());
    assert!(!gap.is_registered_code());
    assert_eq!(registry.record_for(1016).unwrap().span, gap.span);
    assert_eq!(registry.record_for(2999).unwrap().span, gap.span);
    assert_eq!(registry.record_for(3000).unwrap().span, Span::single(3000));
    assert_eq!(
        registry.record_for(3002).unwrap().span,
        Span {
            start: 3001,
            end: 3002
        }
    );
    let private = registry.record_for(4321).unwrap();
    assert_eq!(
        private.span,
        Span {
            start: 4000,
            end: 4999
        }
    );
    assert!(private.is_assigned());
    assert!(!private.is_registered_code());
}

#[test]
fn fixture_records_are_sorted_and_disjoint() {
    let registry = fixture();
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

#[test]
fn fixture_positions_point_at_the_elements() {
    let registry = fixture();
    for record in &registry.records {
        let Position { line, column } = record.position;
        assert!(
            text_at(FIXTURE, line, column).starts_with("<record"),
            "{}: {} is not a <record>",
            record.span,
            record.position
        );
        assert_eq!(
            text_at(FIXTURE, line + 1, 1).trim(),
            format!("<value>{}</value>", record.span),
            "{}",
            record.span
        );
    }
    for range in &registry.ranges {
        let Position { line, column } = range.position;
        assert!(text_at(FIXTURE, line, column).starts_with("<range>"));
        assert_eq!(
            text_at(FIXTURE, line + 1, 1).trim(),
            format!("<value>{}</value>", range.span)
        );
    }
}

// ---------------------------------------------------------------------------
// Acceptance: selection, decoding, skipping, sorting
// ---------------------------------------------------------------------------

#[test]
fn selects_by_id_even_when_another_registry_comes_first() {
    // The opcode registry comes first and has records of the same shape, with
    // values that would be rejected as close codes.
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2024-02-01</updated>\n",
        "  <registry id=\"opcode\">\n",
        "    <title>WebSocket Opcode Registry</title>\n",
        "    <record><value>0</value><description>Continuation Frame</description></record>\n",
        "    <record><value>3-7</value><description>Unassigned</description></record>\n",
        "    <record><value>9</value><description>Ping Frame</description></record>\n",
        "    <record><value>9</value><description>Duplicate</description></record>\n",
        "  </registry>\n",
        "  <registry id=\"framing-header-bits\">\n",
        "    <title>WebSocket Framing Header Bits Registry</title>\n",
        "    <record><value>RSV1</value><description>Per-Message Compressed</description></record>\n",
        "  </registry>\n",
        "  <registry id=\"close-code-number\">\n",
        "    <title>WebSocket Close Code Number Registry</title>\n",
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</description>\n",
        "      <contact/>\n",
        "    </record>\n",
        "  </registry>\n",
        "  <registry id=\"version-number\">\n",
        "    <title>WebSocket Version Number Registry</title>\n",
        "    <record><value>13</value><description>Standard</description></record>\n",
        "  </registry>\n",
        "  <people/>\n",
        "</registry>\n",
    );
    let registry = parse_ok(text);
    assert_eq!(spans(&registry), ["1001"]);
    assert_eq!(registry.records[0].description, "Going Away");
    assert_eq!(registry.records[0].position, pos(18, 5));
    assert_eq!(registry.document_updated, date("2024-02-01"));
    assert_eq!(registry.title, "WebSocket Close Code Number Registry");
    assert_eq!(registry.expert, None);
    assert!(registry.ranges.is_empty());
}

#[test]
fn records_out_of_order_come_back_sorted() {
    let registry = parse(include_bytes!("data/out-of-order.xml")).unwrap();
    assert_eq!(
        spans(&registry),
        [
            "1000",
            "1001",
            "1002-3007",
            "3008",
            "3009-3999",
            "4000-4999"
        ]
    );
    assert_eq!(registered(&registry), [1000, 1001, 3008]);
    let ranges: Vec<String> = registry.ranges.iter().map(|r| r.span.to_string()).collect();
    assert_eq!(ranges, ["1000-2999", "3000-3999"]);
    assert_eq!(
        registry.ranges[0].registration_rule,
        "Standards Action, Specification Required or IESG Review"
    );
    // Positions still point at the records where they are in the document.
    assert_eq!(registry.record_for(1000).unwrap().position, pos(39, 5));
    assert_eq!(registry.record_for(4000).unwrap().position, pos(17, 5));
    assert_eq!(registry.record_for(2000).unwrap().description, "Unassigned");
    assert_eq!(
        registry
            .record_for(3008)
            .unwrap()
            .contact
            .as_ref()
            .unwrap()
            .display_name(),
        "Morgan Jones"
    );
}

#[test]
fn records_out_of_order_inline() {
    let extra = [
        record("3000", "Unauthorized"),
        record("2000-2999", "Unassigned"),
        record("1001", "Going Away"),
        record("1002-1999", "Unassigned"),
    ]
    .concat();
    let registry = parse_ok(&doc(&extra));
    assert_eq!(
        spans(&registry),
        ["1000", "1001", "1002-1999", "2000-2999", "3000"]
    );
    let positions: Vec<Position> = registry.records.iter().map(|r| r.position).collect();
    assert_eq!(
        positions,
        [pos(13, 5), pos(29, 5), pos(34, 5), pos(24, 5), pos(19, 5)]
    );
}

#[test]
fn utf8_bom_is_accepted() {
    let with_bom = include_bytes!("data/small-bom.xml");
    assert_eq!(&with_bom[..3], b"\xEF\xBB\xBF");
    let registry = parse(with_bom).unwrap();
    assert_eq!(registry, parse(include_bytes!("data/small.xml")).unwrap());

    let mut text = vec![0xEF, 0xBB, 0xBF];
    text.extend_from_slice(doc("").as_bytes());
    let registry = parse(&text).unwrap();
    assert_eq!(registered(&registry), [1000]);
    // The BOM is not a character of line 1, and line 13 is unaffected anyway.
    assert_eq!(registry.records[0].position, pos(13, 5));
}

#[test]
fn comments_and_processing_instructions_are_skipped() {
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<?xml-stylesheet type=\"text/xsl\" href=\"websocket.xsl\"?>\n",
        "<?oxygen RNGSchema=\"websocket.rng\" type=\"xml\"?>\n",
        "<?xml-model href=\"websocket.rng\" schematypens=\"http://relaxng.org/ns/structure/1.0\" ?>\n",
        "<!-- A comment before the root: <registry id=\"close-code-number\"> -->\n",
        "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <!-- <record><value>1</value></record> -->\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2025-07-30</updated>\n",
        "  <?some-pi with=\"data\"?>\n",
        "  <registry id=\"close-code-number\">\n",
        "    <!-- records follow -->\n",
        "    <title>WebSocket Close Code Number Registry</title>\n",
        "    <record>\n",
        "      <?pi inside a record?>\n",
        "      <value>1000</value>\n",
        "      <!-- <value>9999</value> -->\n",
        "      <description>Normal<!-- a comment inside the text --> Closure</description>\n",
        "      <contact><!-- nobody yet --></contact>\n",
        "      <!-- <xref type=\"rfc\" data=\"rfc0000\"/> -->\n",
        "      <xref type=\"rfc\" data=\"rfc6455\"/>\n",
        "    </record>\n",
        "    <!-- <record><value>1001</value><description>x</description></record> -->\n",
        "  </registry>\n",
        "  <people>\n",
        "    <!-- no one -->\n",
        "  </people>\n",
        "</registry>\n",
        "<!-- trailing comment -->\n",
        "<?trailing-pi?>\n",
    );
    let registry = parse_ok(text);
    assert_eq!(spans(&registry), ["1000"]);
    let record = &registry.records[0];
    assert_eq!(record.description, "Normal Closure");
    assert_eq!(record.contact, None);
    assert_eq!(kinds_and_data(record), [("rfc", "rfc6455")]);
    assert_eq!(record.position, pos(14, 5));
}

#[test]
fn character_references_decode() {
    let extra = concat!(
        "    <record date=\"2021-09-06\">\n",
        "      <value>&#51;&#x30;00</value>\n",
        "      <description>Ping &amp; Pong &lt;&quot;x&quot;&gt; &apos;caf&#233;&apos; &#x263A;</description>\n",
        "      <contact><xref type=\"person\" data=\"Leo&#95;Tietz\"/></contact>\n",
        "      <xref type=\"uri\" data=\"https://example.org/close?a=1&amp;b=2\"/>\n",
        "      <xref type=\"text\">Tom &amp; Jerry&#x2019;s note (see &quot;Section 2&quot;)</xref>\n",
        "    </record>\n",
    );
    let registry = parse_ok(&doc(extra));
    let record = registry.record_for(3000).expect("&#51;&#x30;00 is 3000");
    assert_eq!(record.span, Span::single(3000));
    assert_eq!(record.description, "Ping & Pong <\"x\"> 'café' \u{263A}");
    assert_eq!(record.contact.as_ref().unwrap().id, "Leo_Tietz");
    assert_eq!(
        kinds_and_data(record),
        [
            ("uri", "https://example.org/close?a=1&b=2"),
            ("text", "Tom & Jerry\u{2019}s note (see \"Section 2\")"),
        ]
    );
    // People's text is decoded too.
    assert_eq!(
        registry
            .record_for(1000)
            .unwrap()
            .contact
            .as_ref()
            .unwrap()
            .uri
            .as_deref(),
        Some("mailto:hybi&ietf.org")
    );
}

#[test]
fn all_reference_kinds_in_document_order() {
    let extra = concat!(
        "    <record date=\"2023-02-22\" updated=\"2025-07-30\">\n",
        "      <value>3003</value>\n",
        "      <description>Forbidden</description>\n",
        "      <contact><xref type=\"person\" data=\"Leo_Tietz\"/></contact>\n",
        "      <xref type=\"draft\" data=\"draft-ietf-hybi-thewebsocketprotocol-17\"/>\n",
        "      <xref type=\"uri\" data=\"https://example.com/ws\"/>\n",
        "      <xref type=\"person\" data=\"IESG_HYBI\"/>\n",
        "      <xref type=\"text\">\n        Private communication,\n        2023\n      </xref>\n",
        "      <xref type=\"rfc-errata\" data=\"3227\"/>\n",
        "      <xref type=\"rfc\" data=\"rfc6455\"/>\n",
        "    </record>\n",
    );
    let registry = parse_ok(&doc(extra));
    let record = registry.record_for(3003).unwrap();
    assert_eq!(
        record.references,
        vec![
            Reference {
                kind: ReferenceKind::Draft,
                data: "draft-ietf-hybi-thewebsocketprotocol-17".into()
            },
            Reference {
                kind: ReferenceKind::Uri,
                data: "https://example.com/ws".into()
            },
            Reference {
                kind: ReferenceKind::Person,
                data: "IESG_HYBI".into()
            },
            Reference {
                kind: ReferenceKind::Text,
                data: "Private communication, 2023".into()
            },
            Reference {
                kind: ReferenceKind::RfcErrata,
                data: "3227".into()
            },
            Reference {
                kind: ReferenceKind::Rfc,
                data: "rfc6455".into()
            },
        ]
    );
    assert_eq!(record.contact.as_ref().unwrap().display_name(), "Leo Tietz");
    assert_eq!(record.date, Some(date("2023-02-22")));
    assert_eq!(record.updated, Some(date("2025-07-30")));
}

#[test]
fn whitespace_in_text_is_collapsed() {
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>\n\t  Going \t\t  Away\r\n   again  </description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    let registry = parse_ok(&doc(extra));
    assert_eq!(
        registry.record_for(1001).unwrap().description,
        "Going Away again"
    );
}

#[test]
fn contacts_resolve_to_people_or_none() {
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</description>\n",
        "      <contact><xref type=\"person\" data=\"Nameless\"/></contact>\n",
        "    </record>\n",
        "    <record>\n",
        "      <value>1002</value>\n",
        "      <description>Protocol error</description>\n",
        "      <contact/>\n",
        "    </record>\n",
        "    <record>\n",
        "      <value>1003</value>\n",
        "      <description>Unsupported Data</description>\n",
        "      <contact></contact>\n",
        "    </record>\n",
        "    <record>\n",
        "      <value>3000</value>\n",
        "      <description>Unauthorized</description>\n",
        "      <contact><xref type=\"person\" data=\"Leo_Tietz\"/></contact>\n",
        "    </record>\n",
    );
    let registry = parse_ok(&doc(extra));
    let nameless = registry.record_for(1001).unwrap().contact.clone().unwrap();
    assert_eq!(
        nameless,
        Person {
            id: "Nameless".into(),
            name: None,
            uri: None,
            updated: None,
        }
    );
    assert_eq!(nameless.display_name(), "Nameless");
    assert_eq!(registry.record_for(1002).unwrap().contact, None);
    assert_eq!(registry.record_for(1003).unwrap().contact, None);
    let leo = registry.record_for(3000).unwrap().contact.clone().unwrap();
    assert_eq!(leo.name.as_deref(), Some("Leo Tietz"));
    assert_eq!(leo.uri.as_deref(), Some("mailto:leo.tietz&example.net"));
    assert_eq!(leo.updated, Some(date("2021-09-06")));
}

#[test]
fn adjacent_and_wide_spans_are_accepted() {
    let extra = [
        record("1001-2999", "Unassigned"),
        record("3000", "Unauthorized"),
        record("3001-3999", "Unassigned"),
        record("4000-4999", "Reserved for Private Use"),
    ]
    .concat();
    let registry = parse_ok(&doc(&extra));
    assert_eq!(
        spans(&registry),
        ["1000", "1001-2999", "3000", "3001-3999", "4000-4999"]
    );
    assert_eq!(registered(&registry), [1000, 3000]);
    // Single codes at both ends of 1000..=4999.
    let registry = parse_ok(&doc(&record("4999", "Last")));
    assert_eq!(registered(&registry), [1000, 4999]);
}

#[test]
fn dates_on_records() {
    let extra = concat!(
        "    <record date=\"2016-10-10\" updated=\"2025-07-30\">\n",
        "      <value>1014</value>\n",
        "      <description>Bad Gateway</description>\n",
        "      <contact/>\n",
        "    </record>\n",
        "    <record updated=\"2024-02-29\">\n",
        "      <value>1012</value>\n",
        "      <description>Service Restart</description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    let registry = parse_ok(&doc(extra));
    let gateway = registry.record_for(1014).unwrap();
    assert_eq!(
        gateway.date,
        Some(Date {
            year: 2016,
            month: 10,
            day: Some(10)
        })
    );
    assert_eq!(gateway.updated, Some(date("2025-07-30")));
    let restart = registry.record_for(1012).unwrap();
    assert_eq!(restart.date, None);
    assert_eq!(restart.updated, Some(date("2024-02-29")));
}

#[test]
fn crlf_line_endings_and_tabs() {
    let text = doc(&record("1001", "Going Away")).replace('\n', "\r\n");
    let registry = parse_ok(&text);
    assert_eq!(registered(&registry), [1000, 1001]);
    assert_eq!(registry.record_for(1001).unwrap().position, pos(EXTRA, 5));

    // With CRLF, errors are still placed by line and character.
    let text = doc(&record("10x1", "Going Away")).replace('\n', "\r\n");
    let err = parse_err(&text);
    assert_eq!(err.element.as_deref(), Some("<value>"));
    assert_eq!(err.position, Some(pos(EXTRA + 1, 7)));

    // A tab is one character.
    let text = doc(
        "\t<record>\n\t\t<value>abc</value>\n\t\t<description>x</description>\n\t\t<contact/>\n\t</record>\n",
    );
    expect_err_at(&text, EXTRA + 1, 3, "<value>");
}

// ---------------------------------------------------------------------------
// Rejections with an exact place
// ---------------------------------------------------------------------------

#[test]
fn rejects_a_document_without_the_close_code_registry() {
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2025-07-30</updated>\n",
        "  <registry id=\"opcode\">\n",
        "    <title>WebSocket Opcode Registry</title>\n",
        "    <record>\n",
        "      <value>1000</value>\n",
        "      <description>Looks like a close code</description>\n",
        "    </record>\n",
        "  </registry>\n",
        "  <people/>\n",
        "</registry>\n",
    );
    expect_err_at(text, 2, 1, "<registry>");

    // The root's start tag after comments and instructions, not at column 1.
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<?xml-stylesheet type=\"text/xsl\" href=\"websocket.xsl\"?>\n",
        "<!-- é --> <registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2025-07-30</updated>\n",
        "  <registry id=\"close-code-numbers\">\n",
        "    <title>Not quite</title>\n",
        "  </registry>\n",
        "  <people/>\n",
        "</registry>\n",
    );
    expect_err_at(text, 3, 12, "<registry>");
}

#[test]
fn rejects_values_that_are_not_numbers_or_ranges() {
    for bad in [
        "abc",
        "",
        "   ",
        "-1",
        "-1000",
        "0x3E8",
        "0X3E8",
        "10 00",
        "70000",
        "65536",
        "99999999999999999999",
        "3999-3009",
        "1001-1000",
        "1000-",
        "-",
        "1000-1001-1002",
        "1000-70000",
        "1e3",
        "1000.0",
        "+1000",
        "١٠٠٠",
        "１０００",
    ] {
        let text = doc(&record(bad, "Bad value"));
        let err = parse_err(&text);
        assert_eq!(err.element.as_deref(), Some("<value>"), "{bad:?}: {err}");
        assert_eq!(err.position, Some(pos(EXTRA + 1, 7)), "{bad:?}: {err}");
    }
}

#[test]
fn rejects_a_bad_value_on_a_known_line() {
    let err = expect_err_at(&doc(&record("0x3E8", "Hex")), 20, 7, "<value>");
    assert!(
        err.to_string().starts_with("line 20, column 7: <value>: "),
        "{err}"
    );
    // The bad record after a good one: the position moves with it.
    let extra = [
        record("1001", "Going Away"),
        record("3999-3009", "Reversed"),
    ]
    .concat();
    expect_err_at(&doc(&extra), 25, 7, "<value>");
}

#[test]
fn rejects_a_bad_value_in_a_range() {
    let extra = concat!(
        "    <range>\n",
        "      <value>3000-</value>\n",
        "      <registration_rule>First Come First Served</registration_rule>\n",
        "    </range>\n",
    );
    expect_err_at(&doc(extra), EXTRA + 1, 7, "<value>");
}

#[test]
fn rejects_duplicate_values_at_the_later_record() {
    // 1000 is already the record on line 13.
    expect_err_at(&doc(&record("1000", "Again")), EXTRA + 1, 7, "<value>");
    let extra = [
        record("3000", "Unauthorized"),
        record("1001", "Going Away"),
        record("3000", "Unauthorized again"),
    ]
    .concat();
    expect_err_at(&doc(&extra), EXTRA + 11, 7, "<value>");
}

#[test]
fn rejects_overlapping_values_at_the_later_record() {
    // A single code inside an earlier range.
    let extra = [record("3000-3999", "Unassigned"), record("3500", "Inside")].concat();
    expect_err_at(&doc(&extra), EXTRA + 6, 7, "<value>");
    // A range over an earlier single code: the range is the later one.
    let extra = [record("3500", "Inside"), record("3000-3999", "Unassigned")].concat();
    expect_err_at(&doc(&extra), EXTRA + 6, 7, "<value>");
    // Two ranges sharing their edge.
    let extra = [
        record("1001-2000", "Unassigned"),
        record("2000-2999", "Unassigned"),
    ]
    .concat();
    expect_err_at(&doc(&extra), EXTRA + 6, 7, "<value>");
    // A range over the base document's 1000.
    expect_err_at(&doc(&record("999-1001", "Over")), EXTRA + 1, 7, "<value>");
}

#[test]
fn rejects_single_codes_outside_1000_to_4999() {
    for bad in ["999", "5000", "0", "1", "15", "65535"] {
        let text = doc(&record(bad, "Outside"));
        let err = parse_err(&text);
        assert_eq!(err.element.as_deref(), Some("<value>"), "{bad}: {err}");
        assert_eq!(err.position, Some(pos(EXTRA + 1, 7)), "{bad}: {err}");
    }
}

#[test]
fn rejects_a_contact_naming_no_person() {
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</description>\n",
        "      <contact><xref type=\"person\" data=\"Nobody_Here\"/></contact>\n",
        "    </record>\n",
    );
    expect_err_at(&doc(extra), EXTRA + 3, 16, "<xref>");

    // An id that differs from exactly one person's in letter case only
    // names that person, with a quirk at the place (tests/quirks.rs has
    // the refused case of two such persons).
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</description>\n",
        "      <contact>\n",
        "        <xref type=\"person\" data=\"iesg_hybi\"/>\n",
        "      </contact>\n",
        "    </record>\n",
    );
    let registry = parse_ok(&doc(extra));
    let contact = registry.record_for(1001).unwrap().contact.as_ref().unwrap();
    assert_eq!(contact.id, "IESG_HYBI");
    let places: Vec<(Position, &str)> = registry
        .quirks
        .iter()
        .map(|q| (q.position, q.element.as_str()))
        .collect();
    assert_eq!(places, [(pos(EXTRA + 4, 9), "<xref>")]);
}

#[test]
fn rejects_a_contact_when_the_document_has_no_people() {
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2025-07-30</updated>\n",
        "  <registry id=\"close-code-number\">\n",
        "    <title>WebSocket Close Code Number Registry</title>\n",
        "    <record>\n",
        "      <value>1000</value>\n",
        "      <description>Normal Closure</description>\n",
        "      <contact><xref type=\"person\" data=\"IESG_HYBI\"/></contact>\n",
        "    </record>\n",
        "  </registry>\n",
        "</registry>\n",
    );
    expect_err_at(text, 10, 16, "<xref>");
}

#[test]
fn rejects_a_record_without_value_or_description() {
    let extra = concat!(
        "    <record>\n",
        "      <description>No value</description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    expect_err_at(&doc(extra), EXTRA, 5, "<record>");

    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    expect_err_at(&doc(extra), EXTRA, 5, "<record>");

    let extra = [record("1001", "Going Away"), "    <record/>\n".to_owned()].concat();
    expect_err_at(&doc(&extra), EXTRA + 5, 5, "<record>");
}

#[test]
fn rejects_malformed_record_dates() {
    for (attribute, bad) in [
        ("date", "2021-13-01"),
        ("date", "yesterday"),
        ("date", ""),
        ("date", "2021-00-10"),
        ("date", "2021-01-32"),
        ("date", "2021-01-00"),
        ("date", "21-09-06"),
        ("date", "2021/09/06"),
        ("updated", "yesterday"),
        ("updated", "2025-07-30T00:00:00Z"),
        ("updated", "2025-13-30"),
    ] {
        let extra = format!(
            "    <record {attribute}=\"{bad}\">\n      <value>3000</value>\n      <description>Unauthorized</description>\n      <contact/>\n    </record>\n"
        );
        let text = doc(&extra);
        let err = parse_err(&text);
        assert_eq!(
            err.element.as_deref(),
            Some("<record>"),
            "{attribute}={bad:?}: {err}"
        );
        assert_eq!(
            err.position,
            Some(pos(EXTRA, 5)),
            "{attribute}={bad:?}: {err}"
        );
    }
}

#[test]
fn rejects_a_malformed_date_on_a_known_line() {
    let extra = concat!(
        "    <record date=\"2021-13-01\">\n",
        "      <value>3000</value>\n",
        "      <description>Unauthorized</description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    expect_err_at(&doc(extra), 19, 5, "<record>");
}

#[test]
fn columns_count_characters_not_bytes() {
    // Three two-byte characters and one three-byte character before <record>.
    let extra = concat!(
        "    <!-- éüö☺ --><record>\n",
        "      <description>No value</description>\n",
        "    </record>\n",
    );
    expect_err_at(&doc(extra), EXTRA, 18, "<record>");

    let extra = concat!(
        "    <record>\n",
        "      <!-- Ünïcödé ☺ --> <value>12x</value>\n",
        "      <description>Unicode</description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    expect_err_at(&doc(extra), EXTRA + 1, 26, "<value>");
}

// ---------------------------------------------------------------------------
// Rejections of documents that are not well-formed or not acceptable
// ---------------------------------------------------------------------------

#[test]
fn rejects_a_mismatched_end_tag() {
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</descripton>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    let err = expect_err_near(&doc(extra), EXTRA + 2..=EXTRA + 2);
    assert!(!err.message.is_empty());
}

#[test]
fn rejects_an_unclosed_element() {
    // <record> is never closed; the registry's end tag comes first.
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</description>\n",
        "      <contact/>\n",
    );
    expect_err_near(&doc(extra), EXTRA..=EXTRA + 4);

    // The document stops in the middle of a record.
    let mut text = doc(&record("1001", "Going Away"));
    text.truncate(text.find("<description>Going Away").unwrap());
    let err = parse_err(&text);
    assert!(err.position.is_some(), "{err}");

    // The root is never closed.
    let text = doc("");
    let text = text.trim_end().strip_suffix("</registry>").unwrap();
    let err = parse_err(text);
    assert!(err.position.is_some(), "{err}");
}

#[test]
fn rejects_garbage_markup() {
    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value><!garbage>\n",
        "      <description>Going Away</description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    expect_err_near(&doc(extra), EXTRA + 1..=EXTRA + 1);

    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going & Away</description>\n",
        "      <contact/>\n",
        "    </record>\n",
    );
    expect_err_near(&doc(extra), EXTRA + 1..=EXTRA + 2);

    let extra = concat!(
        "    <record>\n",
        "      <value>1001</value>\n",
        "      <description>Going Away</description>\n",
        "      <contact/>\n",
        "    </record>\n",
        "    </extra>\n",
    );
    expect_err_near(&doc(extra), EXTRA + 5..=EXTRA + 5);
}

#[test]
fn rejects_inputs_that_are_not_xml() {
    for text in [
        "hello, world\n",
        "{\"registry\": \"websocket\"}",
        "<",
        "<registry",
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<?xml version='1.0' encoding='UTF-8'?>\n<!-- only a comment -->\n",
    ] {
        let err = parse_err(text);
        assert!(!err.message.is_empty(), "{text:?}");
    }
    let _ = parse_err_bytes(b"\x00\x01\x02\xFF\xFE garbage");
}

fn parse_err_bytes(bytes: &[u8]) -> Error {
    match parse(bytes) {
        Ok(_) => panic!("expected an error for {bytes:?}"),
        Err(err) => err,
    }
}

#[test]
fn rejects_empty_input() {
    parse_err_bytes(b"");
    parse_err_bytes(b"   \n\t\n");
    parse_err_bytes(b"\xEF\xBB\xBF");
}

#[test]
fn rejects_utf16_documents() {
    let le = include_bytes!("data/small-utf16le.xml");
    assert_eq!(&le[..2], b"\xFF\xFE");
    parse_err_bytes(le);
    let be = include_bytes!("data/small-utf16be.xml");
    assert_eq!(&be[..2], b"\xFE\xFF");
    parse_err_bytes(be);
    // Without a byte order mark.
    let text = doc("");
    let without_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    parse_err_bytes(&without_bom);
}

#[test]
fn rejects_invalid_utf8_in_text() {
    let mut text = doc(&record("1001", "Going Away")).into_bytes();
    let at = text.windows(5).position(|w| w == b"Going").unwrap();
    text[at] = 0xFF;
    parse_err_bytes(&text);
}

#[test]
fn rejects_entities_defined_in_a_doctype() {
    let text = include_str!("data/doctype-entity.xml");
    assert!(text.contains("<!ENTITY closure") && text.contains("&closure;"));
    let err = parse_err(text);
    // Whatever the message, the entity must not have been expanded into a
    // successfully parsed "Normal Closure".
    assert!(!err.message.is_empty());

    // An entity used in an attribute value.
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<!DOCTYPE registry [ <!ENTITY id \"close-code-number\"> ]>\n",
        "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2025-07-30</updated>\n",
        "  <registry id=\"&id;\">\n",
        "    <title>WebSocket Close Code Number Registry</title>\n",
        "    <record><value>1000</value><description>Normal Closure</description><contact/></record>\n",
        "  </registry>\n",
        "  <people/>\n",
        "</registry>\n",
    );
    parse_err(text);
}

#[test]
fn rejects_undefined_entities() {
    for description in [
        "Normal&nbsp;Closure",
        "Normal &closure; Closure",
        "&#xZZ;",
        "&#0;",
        "&#x110000;",
    ] {
        let text = doc(&record("1001", description));
        let err = parse_err(&text);
        assert!(err.position.is_some(), "{description:?}: {err}");
    }
}

#[test]
fn billion_laughs_is_rejected_quickly() {
    let text = concat!(
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<!DOCTYPE registry [\n",
        "  <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n",
        "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n",
        "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n",
        "  <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n",
        "  <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n",
        "  <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n",
        "  <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n",
        "]>\n",
        "<registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n",
        "  <title>WebSocket Protocol Registries</title>\n",
        "  <updated>2025-07-30</updated>\n",
        "  <registry id=\"close-code-number\">\n",
        "    <title>WebSocket Close Code Number Registry</title>\n",
        "    <record><value>1000</value><description>&g;</description><contact/></record>\n",
        "  </registry>\n",
        "  <people/>\n",
        "</registry>\n",
    );
    let started = std::time::Instant::now();
    parse_err(text);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
