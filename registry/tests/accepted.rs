//! Documents the parser accepts, and how it reads them: the small
//! numbered document of `common`, the data files, selection by registry id,
//! decoding, skipping, sorting, whitespace, contacts and dates.

mod common;

#[allow(unused_imports)]
use common::*;
use ws_close_codes_registry::{parse, Date, Person, Position, Reference, ReferenceKind, Span};

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
    assert_eq!(registry.ranges[0].span, span(1000, 2999));
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
        kinds_and_data(record),
        [
            ("draft", "draft-ietf-hybi-thewebsocketprotocol-17"),
            ("uri", "https://example.com/ws"),
            ("person", "IESG_HYBI"),
            ("text", "Private communication, 2023"),
            ("rfc-errata", "3227"),
            ("rfc", "rfc6455"),
        ]
    );
    let kinds: Vec<ReferenceKind> = record.references.iter().map(|r| r.kind).collect();
    use ReferenceKind::*;
    assert_eq!(kinds, [Draft, Uri, Person, Text, RfcErrata, Rfc]);
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
