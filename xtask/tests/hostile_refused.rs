//! Malformed and malicious registry documents that
//! `cargo xtask regen --from DOC` must refuse, on a temporary copy of the
//! workspace: the run exits with status 1 and an error that names `DOC`,
//! `line N, column M` and the element and quotes no raw control or
//! bidirectional character, and every file of the copy is byte-identical
//! afterwards. The cases (values, ranges, overlaps, duplicates, dates,
//! text lengths, character references, entities, encodings, BOMs, empty
//! documents, JSON, PNG, HTML, nesting, terminal escapes) are in
//! `common/refused.rs`; this file runs them all, checks the size and time
//! limits at their edges, and that external entities are never fetched or
//! read.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io::ErrorKind;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::hostile::{
    record, registry_with, replaced, unassigned, unused_doctype, Copy, Documents, MAX_TEXT, MORGAN,
};
use common::refused::{
    assert_refused, at, check_refused, line_column, refused, refused_cases, timeout_described,
    with_record_3009, At,
};
use xtask::regen;

#[test]
fn malformed_and_malicious_documents_are_refused_at_their_place() {
    let copy = Copy::new();
    let documents = Documents::new();
    let cases = refused_cases();
    let mut names = BTreeSet::new();
    let mut wrong = Vec::new();
    for case in &cases {
        assert!(
            names.insert(case.name.clone()),
            "two cases named {}",
            case.name
        );
        let started = Instant::now();
        if let Err(message) = check_refused(&copy, &documents, case) {
            wrong.push(message);
        }
        if started.elapsed() > Duration::from_secs(20) {
            wrong.push(format!("{} took {:?}", case.name, started.elapsed()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    eprintln!("{} documents refused", cases.len());
}

/// A padding comment that brings `text` to exactly `len` bytes.
fn padded(text: &str, len: usize) -> Vec<u8> {
    let marker = "<registry xmlns";
    let overhead = "<!--".len() + "-->\n".len();
    let fill = len - text.len() - overhead;
    let mut document = String::with_capacity(len);
    let at = text.find(marker).unwrap();
    document.push_str(&text[..at]);
    document.push_str("<!--");
    document.push_str(&"pad ".repeat(fill / 4));
    document.push_str(&"p".repeat(fill % 4));
    document.push_str("-->\n");
    document.push_str(&text[at..]);
    assert_eq!(document.len(), len);
    document.into_bytes()
}

#[test]
fn documents_at_the_size_limit_are_accepted_and_one_byte_more_is_refused() {
    const MAX_DOCUMENT: usize = 16 * 1024 * 1024;
    let copy = Copy::new();
    let documents = Documents::new();
    let text = registry_with(
        &format!(
            "{}{}",
            record("3009", &"d".repeat(MAX_TEXT), MORGAN, ""),
            unassigned(3010, 3999).trim_end()
        ),
        "",
    );
    let at_limit = padded(&text, MAX_DOCUMENT);
    let started = Instant::now();
    let new = Some(("at-limit.xml", &at_limit[..]));
    let plan = regen::plan(copy.root(), new, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        plan.new.record_for(3009).unwrap().description.len(),
        MAX_TEXT
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );

    let over = padded(&text, MAX_DOCUMENT + 1);
    let (line, column) = line_column(&over, MAX_DOCUMENT);
    assert_refused(
        &copy,
        &documents,
        &refused(
            "over-the-size-limit",
            over,
            At::LineColumn(line, column),
            "document",
            &format!(
                "{} bytes long; at most {MAX_DOCUMENT} are accepted",
                MAX_DOCUMENT + 1
            ),
        ),
    );
}

#[test]
fn many_elements_parse_in_linear_time() {
    // 400,000 empty elements (1.6 MB): with one position computed from the
    // start of the document per element this took minutes.
    let copy = Copy::new();
    let padding = format!("<padding>{}</padding>\n  ", "<a/>".repeat(400_000));
    let document = replaced(
        "<title>WebSocket Protocol Registries</title>",
        &format!("{padding}<title>WebSocket Protocol Registries</title>"),
    );
    let started = Instant::now();
    let new = Some(("new document", document.as_bytes()));
    regen::plan(copy.root(), new, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "400,000 elements took {:?}",
        started.elapsed()
    );
}

#[test]
fn ten_thousand_records_are_generated_in_bounded_time() {
    // Every free single code of 1016-2999 and 3009-3999 registered, and
    // pairs of unassigned values above private use, 10,000 records in all.
    let mut records = String::new();
    let mut count = 0;
    for code in (3009..=3999).chain(1016..=2999) {
        records.push_str(&record(
            &code.to_string(),
            &format!("Generated {code}"),
            MORGAN,
            "",
        ));
        count += 1;
    }
    let mut value: u32 = 5000;
    while count < 10_000 {
        let _ = write!(
            records,
            "<record>\n      <value>{value}-{}</value>\n      <description>Unassigned</description>\n    </record>\n    ",
            value + 1
        );
        value += 2;
        count += 1;
    }
    let text = registry_with(records.trim_end(), "").replacen(
        "<record>\n      <value>1016-2999</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>",
        "",
        1,
    );
    let copy = Copy::new();
    let started = Instant::now();
    let new = Some(("new document", text.as_bytes()));
    let plan = regen::plan(copy.root(), new, false).unwrap_or_else(|e| panic!("{e}"));
    let elapsed = started.elapsed();
    // With the fixture's 22 other records (1000-1015, 3000-3008, 4000-4999).
    assert_eq!(plan.new.records.len(), 10_000 + 22);
    assert_eq!(plan.assigned.len(), 991 + 1984);
    let idents: BTreeSet<&str> = plan.assigned.iter().map(|a| a.ident.as_str()).collect();
    assert_eq!(idents.len(), plan.assigned.len());
    eprintln!("10,000 records planned (parsed, built, generated) in {elapsed:.1?}");
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

#[test]
fn external_entities_are_never_fetched_or_read() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let http = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let secrets = tempfile::tempdir().unwrap();
    let secret = secrets.path().join("secret.txt");
    const SECRET: &str = "SECRET-7f3a9c-MUST-NOT-APPEAR";
    fs::write(&secret, SECRET).unwrap();
    let file = format!("file://{}", secret.display());
    let doctype = unused_doctype(&http, &file);
    let with_doctype =
        |text: String| text.replacen("<registry xmlns", &format!("{doctype}<registry xmlns"), 1);

    let copy = Copy::new();
    let documents = Documents::new();
    for entity in ["remote", "local", "lol9"] {
        assert_refused(
            &copy,
            &documents,
            &refused(
                &format!("used-{entity}"),
                with_doctype(timeout_described(&format!("&{entity};"))),
                at(&format!("&{entity};")),
                "<description>",
                "other entities are not expanded",
            ),
        );
    }
    // Declared and never used: the document is accepted and stored as it is.
    let document = with_doctype(with_record_3009(
        &record("3009", "Entity Free", MORGAN, ""),
        "",
    ));
    let path = documents.write("declared-only.xml", document.as_bytes());
    let run = copy.xtask(&["regen", "--from", &path]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(copy.read(regen::SNAPSHOT), document);

    match listener.accept() {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        other => panic!("something connected to the entity's address: {other:?}"),
    }
    for (name, content) in copy.files() {
        assert!(
            !String::from_utf8_lossy(&content).contains(SECRET),
            "{name} holds the content of the external file"
        );
    }
}
