//! IANA's document as it stood on 2025-07-30 (a fixed copy in
//! `tests/data/websocket-2025-07-30.xml`, not the live snapshot, so the
//! expectations hold when the snapshot moves on), read record by record
//! against a table written from the published registry.

mod common;

#[allow(unused_imports)]
use common::*;
use ws_close_codes_registry::{Person, Position, Reference, ReferenceKind, Registry, Span};

/// IANA's document as of 2025-07-30 (a fixed copy, not the live snapshot).
const FIXTURE: &str = include_str!("data/websocket-2025-07-30.xml");

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
    assert_sorted_and_disjoint(&fixture());
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
