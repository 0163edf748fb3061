//! The live snapshot (`registry/websocket.xml`) and a dated copy of IANA's
//! document (`tests/data/registry-2025-07-30/`) as the parser reads them,
//! compared with an independent reading of the same files
//! (`ws_close_codes_test_support::reading`), and the invariants every valid
//! registry has. Nothing here names a registry's codes: these tests hold for
//! whatever IANA registers next.

mod common;

use std::path::PathBuf;

use common::{assert_sorted_and_disjoint, text_at};
use ws_close_codes_registry::{parse, Registry, SNAPSHOT_XML};
use ws_close_codes_test_support::reading::{repository_root, Reading};

/// The directories holding a `websocket.xml` with its `names.toml` and
/// `descriptions.toml`.
fn directories() -> [PathBuf; 2] {
    let root = repository_root();
    [
        root.join("registry"),
        root.join("registry/tests/data/registry-2025-07-30"),
    ]
}

/// Each document's text and model.
fn documents() -> Vec<(PathBuf, String, Registry)> {
    let documents = directories().into_iter().map(|dir| {
        let text = std::fs::read_to_string(dir.join("websocket.xml")).unwrap();
        let registry = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
        (dir, text, registry)
    });
    documents.collect()
}

#[test]
fn the_bundled_constant_is_the_file() {
    let (_, text, registry) = &documents()[0];
    assert_eq!(SNAPSHOT_XML, text);
    let built = ws_close_codes_registry::bundled().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        built.catalog.entries.len(),
        registry.registered_codes().count()
    );
}

#[test]
fn the_parser_agrees_with_an_independent_reading() {
    for (dir, _, registry) in documents() {
        let reading = Reading::of_directory(&dir);
        let updated = registry.document_updated.to_string();
        assert_eq!(updated, reading.document_updated, "{dir:?}");
        let values: Vec<u16> = registry.registered_codes().map(|r| r.span.start).collect();
        assert_eq!(values, reading.values(), "registered codes of {dir:?}");
        for record in registry.registered_codes() {
            let value = record.span.start;
            let expected = reading.code(value).unwrap();
            let read = (
                record.description.as_str(),
                record.contact.as_ref().map(|p| p.display_name()),
                record.date.map(|d| d.to_string()),
                record.updated.map(|d| d.to_string()),
            );
            let want = (
                expected.iana_description.as_str(),
                expected.contact.as_deref(),
                expected.registered_on.clone(),
                expected.updated_on.clone(),
            );
            assert_eq!(read, want, "{value} in {dir:?}");
            let references = record.references.iter();
            let references: Vec<_> = references
                .map(|r| (r.kind.as_str(), r.data.as_str(), r.label(), r.url()))
                .collect();
            let want: Vec<_> = (expected.references.iter())
                .map(|r| {
                    (
                        r.kind.as_str(),
                        r.data.as_str(),
                        r.label.clone(),
                        r.url.clone(),
                    )
                })
                .collect();
            assert_eq!(references, want, "references of {value} in {dir:?}");
        }
    }
}

#[test]
fn records_are_sorted_disjoint_and_inside_the_code_space() {
    for (dir, _, registry) in documents() {
        assert_sorted_and_disjoint(&registry);
        // Only the close-code registry's records: the other registries of
        // the document (opcodes 0-15 among them) hold values outside
        // 1000-4999.
        for record in &registry.records {
            let span = record.span;
            assert!(span.start >= 1000 && span.end <= 4999, "{span} in {dir:?}");
            assert!(!record.description.is_empty());
        }
        assert!(!registry.title.is_empty() && !registry.ranges.is_empty());
    }
}

#[test]
fn positions_point_at_the_elements() {
    for (dir, text, registry) in documents() {
        let at = |p: ws_close_codes_registry::Position| text_at(&text, p.line, p.column);
        for record in &registry.records {
            let there = at(record.position);
            assert!(there.starts_with("<record"), "{} in {dir:?}", record.span);
        }
        for range in &registry.ranges {
            let there = at(range.position);
            assert!(there.starts_with("<range"), "{} in {dir:?}", range.span);
        }
    }
}
