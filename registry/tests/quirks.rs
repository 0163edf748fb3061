//! Slips in real registry documents: those with one reading are absorbed
//! with a warning ([`Quirk`]) that names the place, the others are refused
//! at their place.
//!
//! The documents are `tests/data/quirks/iana-2016.xml`, shaped like the
//! `websocket.xml` IANA served in 2016 (the contacts of 1012-1014 name
//! `"Alexey_Melnikov "` with a trailing space), and `tests/data/quirks/base.xml`,
//! a small clean document into which each test writes one slip. Every
//! expected place is first checked against the document itself (the
//! element's start tag is there), so a miscounted expectation fails loudly.

mod common;

use common::{span, text_at};
use ws_close_codes_registry::{
    parse, Date, Error, Person, Position, Quirk, ReferenceKind, Registry, Span, SNAPSHOT_XML,
};

const IANA_2016: &str = include_str!("data/quirks/iana-2016.xml");
const BASE: &str = include_str!("data/quirks/base.xml");

// ---------------------------------------------------------------------------
// Helpers

/// `BASE` with `old`, which must occur exactly once, replaced by `new`.
#[track_caller]
fn edit(old: &str, new: &str) -> String {
    edits(&[(old, new)])
}

/// `BASE` with several replacements, each of a text that occurs once.
#[track_caller]
fn edits(replacements: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (old, new) in replacements {
        assert_eq!(
            text.matches(old).count(),
            1,
            "test bug: {old:?} is not unique"
        );
        text = text.replacen(old, new, 1);
    }
    text
}

/// Checks that `element`'s start tag is at `line`/`column` of `text`.
#[track_caller]
fn assert_tag_at(text: &str, line: u32, column: u32, element: &str) {
    let there = text_at(text, line, column);
    let tag = element.trim_end_matches('>');
    assert!(
        there.starts_with(tag) && !there[tag.len()..].starts_with(|c: char| c.is_alphanumeric()),
        "test bug: line {line}, column {column} is {there:?}, not {element}"
    );
}

#[track_caller]
fn parse_ok(text: &str) -> Registry {
    parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("expected the document to parse, got: {e}\n{text}"))
}

/// Parses `text` and checks that its quirks are exactly `expected`, in
/// their `Display` form (`line L, column C: <element>: message`), in that
/// order, and that each names the place of its element's start tag.
#[track_caller]
fn parse_with_quirks(text: &str, expected: &[&str]) -> Registry {
    let registry = parse_ok(text);
    let got: Vec<String> = registry.quirks.iter().map(|q| q.to_string()).collect();
    assert_eq!(got, expected);
    for quirk in &registry.quirks {
        let Position { line, column } = quirk.position;
        let place = format!("line {line}, column {column}: {}: ", quirk.element);
        assert!(quirk.to_string().starts_with(&place), "{quirk}");
        assert_tag_at(text, line, column, &quirk.element);
    }
    registry
}

/// Parses `text`, expects an error at `line`/`column` about `element` whose
/// message contains each of `says`, and returns it.
#[track_caller]
fn refused_at(text: &str, line: u32, column: u32, element: &str, says: &[&str]) -> Error {
    assert_tag_at(text, line, column, element);
    let err = match parse(text.as_bytes()) {
        Ok(registry) => panic!(
            "expected an error, but the document parsed with quirks {:?}",
            registry.quirks
        ),
        Err(err) => err,
    };
    assert_eq!(err.element.as_deref(), Some(element), "{err}");
    assert_eq!(err.position, Some(Position { line, column }), "{err}");
    let prefix = format!("line {line}, column {column}: {element}: ");
    assert!(err.to_string().starts_with(&prefix), "{err}");
    for part in says {
        assert!(err.message.contains(part), "{part:?} not in: {err}");
    }
    err
}

fn date(year: u16, month: u8, day: u8) -> Option<Date> {
    Some(Date {
        year,
        month,
        day: Some(day),
    })
}

fn contact_id(registry: &Registry, code: u16) -> &str {
    &registry
        .record_for(code)
        .unwrap_or_else(|| panic!("no record for {code}"))
        .contact
        .as_ref()
        .unwrap_or_else(|| panic!("{code} has no contact"))
        .id
}

fn leo() -> Person {
    Person {
        id: "Leo_Tietz".into(),
        name: Some("Leo Tietz".into()),
        uri: Some("mailto:leo.tietz&example.net".into()),
        updated: date(2021, 9, 6),
    }
}

/// The `Leo_Tietz` person element of `BASE` (lines 76-80).
const LEO: &str = "    <person id=\"Leo_Tietz\">\n      <name>Leo Tietz</name>\n      \
                   <uri>mailto:leo.tietz&amp;example.net</uri>\n      \
                   <updated>2021-09-06</updated>\n    </person>\n";

// ---------------------------------------------------------------------------
// Documents without quirks

#[test]
fn documents_without_quirks_give_no_warnings() {
    assert!(BASE.contains(LEO), "test bug: LEO is not BASE's person");
    for (name, text) in [
        ("base.xml", BASE),
        ("the snapshot", SNAPSHOT_XML),
        ("small.xml", include_str!("data/small.xml")),
        ("out-of-order.xml", include_str!("data/out-of-order.xml")),
    ] {
        let registry = parse_ok(text);
        assert_eq!(registry.quirks, Vec::<Quirk>::new(), "{name}");
    }
    let base = parse_ok(BASE);
    assert_eq!(base.record_for(3000).unwrap().contact, Some(leo()));
}

// ---------------------------------------------------------------------------
// IANA's document of 2016

#[test]
fn iana_2016_document_parses_with_its_trailing_space_contacts() {
    let melnikov = "has surrounding whitespace; read as \"Alexey_Melnikov\"";
    let registry = parse_with_quirks(
        IANA_2016,
        &[
            &format!("line 190, column 16: <xref>: person id \"Alexey_Melnikov \" {melnikov}"),
            &format!("line 196, column 16: <xref>: person id \"Alexey_Melnikov \" {melnikov}"),
            &format!("line 204, column 16: <xref>: person id \"Alexey_Melnikov \" {melnikov}"),
        ],
    );
    // The places are the three contacts that carry the space.
    for line in [190, 196, 204] {
        assert!(
            text_at(IANA_2016, line, 16).contains("data=\"Alexey_Melnikov \""),
            "line {line}"
        );
    }

    assert_eq!(registry.document_updated, date(2016, 10, 10).unwrap());
    let registered: Vec<u16> = registry.registered_codes().map(|r| r.span.start).collect();
    assert_eq!(registered, (1000..=1015).collect::<Vec<u16>>());
    let spans: Vec<(Span, &str)> = registry
        .records
        .iter()
        .filter(|r| !r.span.is_single())
        .map(|r| (r.span, r.description.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            (span(1016, 3999), "Unassigned"),
            (span(4000, 4999), "Reserved for Private Use"),
        ]
    );
    let melnikov = Person {
        id: "Alexey_Melnikov".into(),
        name: Some("Alexey Melnikov".into()),
        uri: Some("mailto:alexey.melnikov&isode.com".into()),
        updated: date(2016, 10, 10),
    };
    for code in 1000..=1015 {
        let record = registry.record_for(code).unwrap();
        let contact = record.contact.as_ref().unwrap();
        if (1012..=1014).contains(&code) {
            assert_eq!(contact, &melnikov, "{code}");
        } else {
            assert_eq!(contact.id, "IESG_HYBI", "{code}");
            assert_eq!(contact.display_name(), "IESG HYBI WG", "{code}");
        }
        let expected_date = if code == 1014 {
            date(2016, 10, 10)
        } else {
            None
        };
        assert_eq!(record.date, expected_date, "{code}");
        assert_eq!(record.updated, None, "{code}");
    }
}

// ---------------------------------------------------------------------------
// Absorbed quirks, one test each

#[test]
fn surrounding_whitespace_in_a_contact_id_is_trimmed() {
    // Leading no-break space (U+00A0) and a trailing tab, as references:
    // Unicode whitespace, as `str::trim` sees it.
    let text = edit(
        "<contact><xref type=\"person\" data=\"Leo_Tietz\"/>",
        "<contact><xref type=\"person\" data=\"&#xA0;Leo_Tietz&#x9;\"/>",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 51, column 16: <xref>: person id \"\\u{a0}Leo_Tietz\\t\" has surrounding \
             whitespace; read as \"Leo_Tietz\"",
        ],
    );
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));
}

#[test]
fn surrounding_whitespace_in_an_xref_type_is_trimmed() {
    let text = edit(
        "      <contact><xref type=\"person\" data=\"IESG_HYBI\"/></contact>\n      <xref type=\"rfc\"",
        "      <contact><xref type=\"person\" data=\"IESG_HYBI\"/></contact>\n      <xref type=\" rfc\"",
    );
    let registry = parse_with_quirks(
        &text,
        &["line 30, column 7: <xref>: type \" rfc\" has surrounding whitespace; read as \"rfc\""],
    );
    let reference = &registry.record_for(1000).unwrap().references[0];
    assert_eq!(reference.kind, ReferenceKind::Rfc);
    assert_eq!(reference.data, "rfc6455");
    assert_eq!(
        reference.url().as_deref(),
        Some("https://www.rfc-editor.org/rfc/rfc6455")
    );

    // In a contact too.
    let text = edit(
        "<contact><xref type=\"person\" data=\"Leo_Tietz\"/>",
        "<contact><xref type=\"person \" data=\"Leo_Tietz\"/>",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 51, column 16: <xref>: type \"person \" has surrounding whitespace; read as \
             \"person\"",
        ],
    );
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));
}

#[test]
fn surrounding_whitespace_in_reference_data_is_trimmed() {
    let text = edit(
        "      <contact/>\n      <xref type=\"rfc\" data=\"rfc6455\"/>",
        "      <contact/>\n      <xref type=\"rfc\" data=\"rfc6455 \"/>",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 62, column 7: <xref>: data \"rfc6455 \" has surrounding whitespace; read as \
             \"rfc6455\"",
        ],
    );
    let reference = &registry.record_for(4000).unwrap().references[0];
    assert_eq!(
        (reference.kind, reference.data.as_str()),
        (ReferenceKind::Rfc, "rfc6455")
    );
}

#[test]
fn surrounding_whitespace_in_a_person_id_is_trimmed() {
    let text = edit("<person id=\"Leo_Tietz\">", "<person id=\" Leo_Tietz\">");
    let registry = parse_with_quirks(
        &text,
        &[
            "line 76, column 5: <person>: id \" Leo_Tietz\" has surrounding whitespace; read as \
             \"Leo_Tietz\"",
        ],
    );
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));
}

#[test]
fn surrounding_whitespace_in_record_dates_is_trimmed() {
    let text = edit(
        "<record date=\"2016-10-10\" updated=\"2025-07-30\">",
        "<record date=\"2016-10-10 \" updated=\"&#x3000;2025-07-30\">",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 37, column 5: <record>: attribute date \"2016-10-10 \" has surrounding \
                 whitespace; read as \"2016-10-10\"",
            "line 37, column 5: <record>: attribute updated \"\\u{3000}2025-07-30\" has \
                 surrounding whitespace; read as \"2025-07-30\"",
        ],
    );
    let gateway = registry.record_for(1014).unwrap();
    assert_eq!(gateway.date, date(2016, 10, 10));
    assert_eq!(gateway.updated, date(2025, 7, 30));
}

#[test]
fn surrounding_whitespace_in_the_registry_id_is_trimmed() {
    let text = edit(
        "<registry id=\"close-code-number\">",
        "<registry id=\" close-code-number\">",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 14, column 3: <registry>: id \" close-code-number\" has surrounding whitespace; \
             read as \"close-code-number\"",
        ],
    );
    assert_eq!(registry.title, "WebSocket Close Code Number Registry");
    assert_eq!(
        registry.position,
        Position {
            line: 14,
            column: 3
        }
    );
    assert_eq!(registry.records.len(), 7);
}

#[test]
fn surrounding_whitespace_in_a_value_is_trimmed() {
    let text = edit("<value>1014</value>", "<value>\n        1014 </value>");
    let registry = parse_with_quirks(
        &text,
        &[
            "line 38, column 7: <value>: the value \"\\n        1014 \" has surrounding \
             whitespace; read as \"1014\"",
        ],
    );
    assert_eq!(
        registry.record_for(1014).unwrap().description,
        "Bad Gateway"
    );
    assert_eq!(registry.record_for(1014).unwrap().span, Span::single(1014));
}

#[test]
fn whitespace_around_the_hyphen_of_a_range_is_absorbed() {
    let text = edits(&[
        ("<value>3001-3999</value>", "<value>3001 - 3999</value>"),
        ("<value>1000-2999</value>", "<value>1000 -2999</value>"),
    ]);
    let registry = parse_with_quirks(
        &text,
        &[
            "line 19, column 7: <value>: the value \"1000 -2999\" has whitespace around its \
                 \"-\"; read as \"1000-2999\"",
            "line 54, column 7: <value>: the value \"3001 - 3999\" has whitespace around its \
                 \"-\"; read as \"3001-3999\"",
        ],
    );
    let range = span(3001, 3999);
    assert_eq!(registry.record_for(3001).unwrap().span, range);
    assert_eq!(registry.record_for(3999).unwrap().span, range);
    assert_eq!(registry.record_for(3000).unwrap().span, Span::single(3000));
    assert_eq!(registry.range_for(2999).unwrap().span, span(1000, 2999));
}

#[test]
fn an_en_dash_in_a_range_is_read_as_a_hyphen() {
    let text = edit(
        "<value>3001-3999</value>",
        "<value>3001\u{2013}3999</value>",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 54, column 7: <value>: the value \"3001\u{2013}3999\" has an en dash (U+2013) \
             where the format has \"-\"; read as \"3001-3999\"",
        ],
    );
    assert_eq!(registry.record_for(3500).unwrap().span, span(3001, 3999));

    // An en dash with spaces around it: each step is reported, in order.
    let text = edit(
        "<value>3001-3999</value>",
        "<value>3001 &#x2013; 3999</value>",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 54, column 7: <value>: the value \"3001 \u{2013} 3999\" has an en dash \
                 (U+2013) where the format has \"-\"; read as \"3001 - 3999\"",
            "line 54, column 7: <value>: the value \"3001 - 3999\" has whitespace around its \
                 \"-\"; read as \"3001-3999\"",
        ],
    );
    assert_eq!(registry.record_for(3999).unwrap().description, "Unassigned");
}

#[test]
fn an_xref_type_in_another_letter_case_is_read_in_lower_case() {
    let text = edits(&[
        (
            "      <contact><xref type=\"person\" data=\"IESG_HYBI\"/></contact>\n      <xref type=\"rfc\"",
            "      <contact><xref type=\"Person\" data=\"IESG_HYBI\"/></contact>\n      <xref type=\"RFC\"",
        ),
        ("<xref type=\"uri\"", "<xref type=\"URI\""),
    ]);
    let registry = parse_with_quirks(
        &text,
        &[
            "line 29, column 16: <xref>: type \"Person\" is not in lower case; read as \
                 \"person\"",
            "line 30, column 7: <xref>: type \"RFC\" is not in lower case; read as \"rfc\"",
            "line 41, column 7: <xref>: type \"URI\" is not in lower case; read as \"uri\"",
        ],
    );
    let normal = registry.record_for(1000).unwrap();
    assert_eq!(normal.contact.as_ref().unwrap().id, "IESG_HYBI");
    assert_eq!(normal.references[0].kind, ReferenceKind::Rfc);
    let gateway = registry.record_for(1014).unwrap();
    assert_eq!(gateway.references[0].kind, ReferenceKind::Uri);
    assert_eq!(
        gateway.references[0].url().as_deref(),
        Some("https://mailarchive.ietf.org/arch/msg/hybi/l1lK4ZImO70jmcYorRa1lsLdvzY/")
    );
}

#[test]
fn a_contact_id_in_another_letter_case_names_the_one_person_it_can_mean() {
    let text = edit(
        "<contact><xref type=\"person\" data=\"Leo_Tietz\"/>",
        "<contact><xref type=\"person\" data=\"LEO_tietz\"/>",
    );
    let registry = parse_with_quirks(
        &text,
        &[
            "line 51, column 16: <xref>: person id \"LEO_tietz\" is not in <people> but differs \
             only in letter case from \"Leo_Tietz\"; read as \"Leo_Tietz\"",
        ],
    );
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));

    // An exact match wins over case-insensitive ones: no quirk at all.
    let text = edit(
        "  </people>",
        "    <person id=\"LEO_TIETZ\">\n      <name>Someone Else</name>\n    </person>\n  </people>",
    );
    let registry = parse_with_quirks(&text, &[]);
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));
}

#[test]
fn a_person_listed_twice_with_the_same_content_is_one_person() {
    let text = edit(LEO, &format!("{LEO}{LEO}"));
    let registry = parse_with_quirks(
        &text,
        &[
            "line 81, column 5: <person>: person \"Leo_Tietz\" is listed twice with the same \
             content (first at line 76, column 5); read as one person",
        ],
    );
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));

    // The second entry differs only by whitespace around its id: both
    // quirks are reported at its place, trimming first.
    let second = LEO.replace("id=\"Leo_Tietz\"", "id=\"Leo_Tietz \"");
    let text = edit(LEO, &format!("{LEO}{second}"));
    let registry = parse_with_quirks(
        &text,
        &[
            "line 81, column 5: <person>: id \"Leo_Tietz \" has surrounding whitespace; read \
                 as \"Leo_Tietz\"",
            "line 81, column 5: <person>: person \"Leo_Tietz\" is listed twice with the same \
                 content (first at line 76, column 5); read as one person",
        ],
    );
    assert_eq!(registry.record_for(3000).unwrap().contact, Some(leo()));
}

#[test]
fn quirks_come_in_document_order_across_people_and_records() {
    // People are read before records but listed after them.
    let text = edits(&[
        ("<person id=\"IESG_HYBI\">", "<person id=\"IESG_HYBI \">"),
        ("<value>3001-3999</value>", "<value>3001 -3999</value>"),
        (
            "<registry id=\"close-code-number\">",
            "<registry id=\"close-code-number \">",
        ),
    ]);
    let registry = parse_ok(&text);
    let places: Vec<(u32, &str)> = registry
        .quirks
        .iter()
        .map(|q| (q.position.line, q.element.as_str()))
        .collect();
    assert_eq!(
        places,
        [(14, "<registry>"), (54, "<value>"), (71, "<person>")]
    );
}

#[test]
fn warnings_escape_and_shorten_the_document_text() {
    // A person id with a right-to-left override and a bell, and a trailing
    // space: the message quotes it escaped.
    let text = edits(&[
        (
            "<person id=\"Leo_Tietz\">",
            "<person id=\"Leo&#x202E;_Tietz&#x7F; \">",
        ),
        ("data=\"Leo_Tietz\"", "data=\"Leo&#x202E;_Tietz&#x7F;\""),
    ]);
    let registry = parse_with_quirks(
        &text,
        &[
            "line 76, column 5: <person>: id \"Leo\\u{202e}_Tietz\\u{7f} \" has surrounding \
             whitespace; read as \"Leo\\u{202e}_Tietz\\u{7f}\"",
        ],
    );
    assert_eq!(
        contact_id(&registry, 3000),
        "Leo\u{202E}_Tietz\u{7f}",
        "the id itself is kept as written, without the space"
    );
    let shown = registry.quirks[0].to_string();
    assert!(!shown.contains(|c: char| c.is_control() || c == '\u{202E}'));

    // A long id is quoted as its first 80 characters and an ellipsis.
    let long = "L".repeat(100);
    let text = edits(&[
        (
            "<person id=\"Leo_Tietz\">",
            &format!("<person id=\"{long} \">"),
        ),
        ("data=\"Leo_Tietz\"", &format!("data=\"{long}\"")),
    ]);
    let short = "L".repeat(80);
    parse_with_quirks(
        &text,
        &[&format!(
            "line 76, column 5: <person>: id \"{short}…\" has surrounding whitespace; read as \
             \"{short}…\""
        )],
    );
}

// ---------------------------------------------------------------------------
// Ambiguous cases, refused at their place

#[test]
fn persons_with_one_id_after_trimming_and_different_content_are_refused() {
    let other =
        "    <person id=\"Leo_Tietz \">\n      <name>Leo Tietz Junior</name>\n    </person>\n";
    let text = edit(LEO, &format!("{LEO}{other}"));
    let err = refused_at(
        &text,
        81,
        5,
        "<person>",
        &[
            "person id \"Leo_Tietz \" (read as \"Leo_Tietz\") appears twice",
            "first at line 76, column 5",
            "different content",
            "not certain",
        ],
    );
    assert_eq!(
        err.to_string(),
        "line 81, column 5: <person>: person id \"Leo_Tietz \" (read as \"Leo_Tietz\") appears \
         twice (first at line 76, column 5) with different content; which one contacts name is \
         not certain"
    );

    // The same with the whitespace on the first entry.
    let first = LEO.replace("id=\"Leo_Tietz\"", "id=\"Leo_Tietz\u{A0}\"");
    let other =
        "    <person id=\"Leo_Tietz\">\n      <name>Leo Tietz Junior</name>\n    </person>\n";
    let text = edit(LEO, &format!("{first}{other}"));
    refused_at(
        &text,
        81,
        5,
        "<person>",
        &["person id \"Leo_Tietz\" appears twice", "line 76, column 5"],
    );
}

#[test]
fn persons_with_one_id_and_different_content_are_refused() {
    let other = LEO.replace("2021-09-06", "2021-09-07");
    let text = edit(LEO, &format!("{LEO}{other}"));
    refused_at(
        &text,
        81,
        5,
        "<person>",
        &[
            "person id \"Leo_Tietz\" appears twice (first at line 76, column 5) with different \
             content",
        ],
    );
}

#[test]
fn a_contact_id_matching_two_persons_by_letter_case_only_is_refused() {
    let text = edits(&[
        (
            "  </people>",
            "    <person id=\"LEO_TIETZ\">\n      <name>Someone Else</name>\n    </person>\n  </people>",
        ),
        ("data=\"Leo_Tietz\"", "data=\"leo_tietz\""),
    ]);
    let err = refused_at(
        &text,
        51,
        16,
        "<xref>",
        &[
            "person \"leo_tietz\", who is not in <people>",
            "letter case from 2 people (\"LEO_TIETZ\", \"Leo_Tietz\")",
            "not certain",
        ],
    );
    assert_eq!(
        err.to_string(),
        "line 51, column 16: <xref>: the contact names person \"leo_tietz\", who is not in \
         <people>; it differs only in letter case from 2 people (\"LEO_TIETZ\", \"Leo_Tietz\"), \
         so which one is meant is not certain"
    );
}

#[test]
fn a_contact_id_matching_only_with_unicode_case_mapping_is_refused() {
    // U+212A KELVIN SIGN lowercases to "k" under Unicode rules; ids are
    // compared in ASCII letter case only.
    let text = edits(&[
        ("<person id=\"Leo_Tietz\">", "<person id=\"Kelvin\">"),
        ("data=\"Leo_Tietz\"", "data=\"\u{212A}elvin\""),
    ]);
    refused_at(&text, 51, 16, "<xref>", &["who is not in <people>"]);
}

#[test]
fn two_close_code_registries_are_refused() {
    let copy = "  <registry id=\"close-code-number \">\n    <title>Copy</title>\n  </registry>\n  <people>";
    let text = edit("  <people>", copy);
    refused_at(
        &text,
        65,
        3,
        "<registry>",
        &[
            "second close-code registry",
            "first is at line 14, column 3",
            "not certain",
        ],
    );
}

#[test]
fn other_dashes_and_spacing_in_values_are_refused() {
    for value in [
        "3001\u{2014}3999", // em dash
        "3001\u{2212}3999", // minus sign
        "3001\u{2010}3999", // hyphen
        "30 01-3999",
        "3001-39 99",
        "3001 \u{2013}- 3999",
        "3001 - - 3999",
        "3001 -",
        "- 3999",
        "3001\u{2013}",
        "3001\u{2013}3500\u{2013}3999",
    ] {
        let text = edit(
            "<value>3001-3999</value>",
            &format!("<value>{value}</value>"),
        );
        let err = refused_at(&text, 54, 7, "<value>", &["is not a close code or range"]);
        assert!(
            err.message.contains("expected decimal digits"),
            "{value:?}: {err}"
        );
    }
    // Markup inside a value: its reading is not certain.
    let text = edit("<value>3001-3999</value>", "<value>3001<b/>-3999</value>");
    refused_at(&text, 54, 7, "<value>", &["text only"]);
    let text = edit("<value>1014</value>", "<value><b>1014</b></value>");
    refused_at(&text, 38, 7, "<value>", &["text only"]);
}

#[test]
fn an_unknown_type_in_another_letter_case_is_refused() {
    let text = edit("<xref type=\"uri\"", "<xref type=\"URL\"");
    refused_at(&text, 41, 7, "<xref>", &["unknown reference type \"URL\""]);
    let text = edit(
        "<contact><xref type=\"person\" data=\"Leo_Tietz\"/>",
        "<contact><xref type=\"PERSONS\" data=\"Leo_Tietz\"/>",
    );
    refused_at(&text, 51, 16, "<xref>", &["a contact must be"]);
}

#[test]
fn surrounding_whitespace_alone_is_refused_where_a_value_is_required() {
    let text = edit("data=\"Leo_Tietz\"", "data=\"  \"");
    refused_at(&text, 51, 16, "<xref>", &["who is not in <people>"]);
    let text = edit("<person id=\"Leo_Tietz\">", "<person id=\" \">");
    refused_at(&text, 76, 5, "<person>", &["needs an id"]);
    let text = edit("<record date=\"2021-09-06\">", "<record date=\" \">");
    refused_at(&text, 48, 5, "<record>", &["is not a date"]);
    let text = edit("<value>1014</value>", "<value> \n </value>");
    refused_at(&text, 38, 7, "<value>", &["expected decimal digits"]);
}
