//! Documents the parser refuses: each breaks one thing in a small valid
//! document, and the test checks the error's element and its exact line
//! and column (1-based, column in characters, pointing at the element's
//! `<`). Every expected position is first checked against the test
//! document itself, so a miscounted expectation fails loudly instead of
//! testing the wrong thing.

mod common;

#[allow(unused_imports)]
use common::*;
use ws_close_codes_registry::{parse, Error, Position};

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
    let bad_values = concat!(
        "abc||   |-1|-1000|0x3E8|0X3E8|10 00|70000|65536|99999999999999999999|3999-3009|",
        "1001-1000|1000-|-|1000-1001-1002|1000-70000|1e3|1000.0|+1000|١٠٠٠|１０００",
    );
    for bad in bad_values.split('|') {
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
    let bad =
        "date=2021-13-01|date=yesterday|date=|date=2021-00-10|date=2021-01-32|date=2021-01-00|\
               date=21-09-06|date=2021/09/06|updated=yesterday|updated=2025-07-30T00:00:00Z|\
               updated=2025-13-30";
    for attribute in bad.split('|') {
        let (name, value) = attribute.split_once('=').unwrap();
        let record = record("3000", "Unauthorized")
            .replace("<record>", &format!("<record {name}=\"{value}\">"));
        let err = parse_err(&doc(&record));
        let place = (err.element.as_deref(), err.position);
        assert_eq!(
            place,
            (Some("<record>"), Some(pos(EXTRA, 5))),
            "{attribute}: {err}"
        );
        assert!(
            err.message
                .contains(&format!("attribute {name} \"{value}\"")),
            "{err}"
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
fn rejects_bytes_that_are_not_a_utf8_document_at_their_place() {
    let mut invalid = doc(&record("1001", "Going Away")).into_bytes();
    let at = invalid.windows(5).position(|w| w == b"Going").unwrap();
    invalid[at] = 0xFF;
    let text = doc("");
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let le = include_bytes!("data/small-utf16le.xml");
    let be = include_bytes!("data/small-utf16be.xml");
    assert_eq!((&le[..2], &be[..2]), (&b"\xFF\xFE"[..], &b"\xFE\xFF"[..]));
    for (bytes, place, says) in [
        (&invalid[..], pos(EXTRA + 2, 20), "not valid UTF-8"),
        (le, pos(1, 1), "UTF-16"),
        (be, pos(1, 1), "UTF-16"),
        (b"", pos(1, 1), "empty"),
        (b"\xEF\xBB\xBF", pos(1, 2), "no root element"),
        (b"   \n\t\n", pos(1, 1), "no root element"),
    ] {
        let err = parse_err_bytes(bytes);
        assert_eq!(
            (err.position, err.element.as_deref()),
            (Some(place), Some("document")),
            "{err}"
        );
        assert!(err.message.contains(says), "{err}");
    }
    // UTF-16 without a byte-order mark is UTF-8 with NULs: malformed.
    assert!(parse_err_bytes(&utf16).position.is_some());
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
