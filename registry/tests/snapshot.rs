//! The live snapshot (`registry/websocket.xml`) as the parser reads it,
//! compared with an independent reading of the same file
//! (`ws_close_codes_test_support::reading`), and the invariants every valid
//! registry has. Nothing here names today's codes: these tests hold for
//! whatever IANA registers next.

mod common;

use common::{assert_sorted_and_disjoint, text_at};
use ws_close_codes_registry::{parse, Position, Registry, SNAPSHOT_XML};
use ws_close_codes_test_support::reading::{repository_root, Reading};

fn snapshot_file() -> String {
    std::fs::read_to_string(repository_root().join("registry/websocket.xml")).unwrap()
}

fn snapshot() -> Registry {
    parse(snapshot_file().as_bytes()).unwrap_or_else(|e| panic!("the snapshot: {e}"))
}

#[test]
fn the_bundled_constant_is_the_file() {
    assert_eq!(SNAPSHOT_XML, snapshot_file());
    let built = ws_close_codes_registry::bundled().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        built.catalog.entries.len(),
        snapshot().registered_codes().count()
    );
}

#[test]
fn the_parser_agrees_with_an_independent_reading() {
    let registry = snapshot();
    let reading = Reading::of_repository();
    assert_eq!(
        registry.document_updated.to_string(),
        reading.document_updated
    );
    let values: Vec<u16> = registry.registered_codes().map(|r| r.span.start).collect();
    assert_eq!(values, reading.values(), "registered codes");
    for record in registry.registered_codes() {
        let value = record.span.start;
        let expected = reading.code(value).unwrap();
        assert_eq!(record.description, expected.iana_description, "{value}");
        assert_eq!(
            record.contact.as_ref().map(|p| p.display_name()),
            expected.contact.as_deref(),
            "contact of {value}"
        );
        assert_eq!(
            record.date.map(|d| d.to_string()),
            expected.registered_on,
            "date of {value}"
        );
        assert_eq!(
            record.updated.map(|d| d.to_string()),
            expected.updated_on,
            "updated of {value}"
        );
        let references: Vec<(&str, &str)> = record
            .references
            .iter()
            .map(|r| (r.kind.as_str(), r.data.as_str()))
            .collect();
        let want: Vec<(&str, &str)> = expected
            .references
            .iter()
            .map(|r| (r.kind.as_str(), r.data.as_str()))
            .collect();
        assert_eq!(references, want, "references of {value}");
        let labels: Vec<String> = record.references.iter().map(|r| r.label()).collect();
        let want: Vec<&str> = expected
            .references
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(labels, want, "labels of {value}");
        let urls: Vec<Option<String>> = record.references.iter().map(|r| r.url()).collect();
        let want: Vec<Option<String>> = expected.references.iter().map(|r| r.url.clone()).collect();
        assert_eq!(urls, want, "links of {value}");
    }
}

#[test]
fn records_are_sorted_disjoint_and_inside_the_code_space() {
    let registry = snapshot();
    assert_sorted_and_disjoint(&registry);
    // Only the close-code registry's records: the other registries of the
    // document (opcodes 0-15 among them) hold values outside 1000-4999.
    for record in &registry.records {
        assert!(
            record.span.start >= 1000 && record.span.end <= 4999,
            "{}",
            record.span
        );
    }
    for record in registry.registered_codes() {
        assert!(record.span.is_single());
        assert!(!record.description.is_empty());
    }
}

#[test]
fn positions_point_at_the_elements() {
    let text = snapshot_file();
    let at = |Position { line, column }: Position| text_at(&text, line, column);
    let registry = snapshot();
    for record in &registry.records {
        assert!(
            at(record.position).starts_with("<record"),
            "{}: {}",
            record.span,
            record.position
        );
    }
    for range in &registry.ranges {
        assert!(at(range.position).starts_with("<range"), "{}", range.span);
    }
}
