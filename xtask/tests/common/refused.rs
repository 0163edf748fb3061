//! The documents that `cargo xtask regen --from DOC` must refuse, and the
//! check of a refusal: exit status 1, an error that names `DOC`, `line N,
//! column M` and the element and quotes no raw control or bidirectional
//! character, and every file of the copy byte-identical afterwards. Most
//! cases are built from the dated fixture; those that do not depend on it
//! are read from `tests/data/hostile/`. `hostile_refused.rs` runs them and
//! `hostile_corpus.rs` writes them out for the fuzz targets.

use std::fs;

use super::hostile::{
    is_bidi, record, registry_with, replaced, snapshot, unassigned, unused_doctype, xml, Copy,
    Documents, MAX_TEXT, MORGAN, UNASSIGNED_3009,
};

/// Where an error must point.
pub enum At {
    /// The first character of the `n`-th (0-based) occurrence of the text.
    Nth(Vec<u8>, usize),
    /// A line and column.
    LineColumn(u32, u32),
}

pub fn at(marker: &str) -> At {
    At::Nth(marker.as_bytes().to_vec(), 0)
}

/// A document that must be refused.
pub struct Refused {
    pub name: String,
    pub document: Vec<u8>,
    pub at: At,
    pub element: String,
    pub says: String,
}

pub fn refused(
    name: &str,
    document: impl Into<Vec<u8>>,
    at: At,
    element: &str,
    says: &str,
) -> Refused {
    Refused {
        name: name.to_owned(),
        document: document.into(),
        at,
        element: element.to_owned(),
        says: says.to_owned(),
    }
}

/// Line and column (1-based, column in characters) of byte `offset`, as
/// the error messages count them.
pub fn line_column(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before[start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line as u32, column as u32)
}

pub fn find_nth(haystack: &[u8], needle: &[u8], n: usize) -> Option<usize> {
    (0..=haystack.len().saturating_sub(needle.len()))
        .filter(|&i| haystack[i..].starts_with(needle))
        .nth(n)
}

/// Runs `regen --from` with a refused document and checks the outcome;
/// `Err` says what is wrong.
pub fn check_refused(copy: &Copy, documents: &Documents, case: &Refused) -> Result<(), String> {
    let name = &case.name;
    let (line, column) = match &case.at {
        At::Nth(marker, n) => {
            let offset = find_nth(&case.document, marker, *n).ok_or_else(|| {
                format!(
                    "{name}: the marker {:?} is not in the document",
                    String::from_utf8_lossy(marker)
                )
            })?;
            line_column(&case.document, offset)
        }
        At::LineColumn(line, column) => (*line, *column),
    };
    let path = documents.write(&format!("{name}.xml"), &case.document);
    let before = copy.files();
    let run = copy.xtask(&["regen", "--from", &path]);
    let place = format!(
        "error: {path}: line {line}, column {column}: {}: ",
        case.element
    );
    let mut wrong = Vec::new();
    if run.code != 1 {
        wrong.push(format!("exit status {}", run.code));
    }
    if !run.out.is_empty() {
        wrong.push(format!("output {:?}", run.out));
    }
    if !run.err.starts_with(&place) {
        wrong.push(format!("expected the place {place:?}"));
    }
    if !run.err.contains(&case.says) {
        wrong.push(format!("expected {:?} in the message", case.says));
    }
    if run
        .err
        .trim_end()
        .contains(|c: char| c.is_control() || is_bidi(c))
    {
        wrong.push("a raw control or bidi character in the message".into());
    }
    if copy.files() != before {
        wrong.push("files changed".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name}: {}\n    got {:?}",
            wrong.join("; "),
            run.err
        ))
    }
}

pub fn assert_refused(copy: &Copy, documents: &Documents, case: &Refused) {
    if let Err(wrong) = check_refused(copy, documents, case) {
        panic!("{wrong}");
    }
}

/// The fixture with the description of 3008 ("Timeout") replaced.
pub fn timeout_described(xml: &str) -> String {
    replaced(
        "<description>Timeout</description>",
        &format!("<description>{xml}</description>"),
    )
}

/// The fixture with the value of 3008 replaced.
pub fn timeout_valued(value: &str) -> String {
    replaced("<value>3008</value>", &format!("<value>{value}</value>"))
}

/// The fixture with one more record at 3009 (and 3010-3999 unassigned) and
/// `people` added.
pub fn with_record_3009(record_xml: &str, people: &str) -> String {
    registry_with(
        &format!("{record_xml}{}", unassigned(3010, 3999).trim_end()),
        people,
    )
}

pub fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

/// Every refused case built from the fixture or read from
/// `tests/data/hostile/`.
pub fn refused_cases() -> Vec<Refused> {
    let mut cases = Vec::new();
    let long = |n: usize| "d".repeat(n);

    // Values.
    for (name, value, says) in [
        ("value-overflow", "70000", "within 0..=65535"),
        ("value-65536", "65536", "within 0..=65535"),
        (
            "value-huge",
            "99999999999999999999999999999",
            "within 0..=65535",
        ),
        ("value-negative", "-1", "expected decimal digits"),
        ("value-empty", "", "expected decimal digits"),
        ("value-hex", "0xBC0", "expected decimal digits"),
        ("value-inner-space", "30 08", "expected decimal digits"),
        ("value-plus", "+3008", "expected decimal digits"),
        ("value-fullwidth", "３００８", "expected decimal digits"),
        ("value-leading-zero", "03008", "leading zeros"),
        ("value-decimal", "3008.0", "expected decimal digits"),
        ("value-exponent", "3.008e3", "expected decimal digits"),
        (
            "value-above-single-codes",
            "5000",
            "single code outside 1000..=4999",
        ),
        (
            "value-below-single-codes",
            "999",
            "single code outside 1000..=4999",
        ),
        ("value-zero", "0", "single code outside 1000..=4999"),
    ] {
        let document = timeout_valued(&xml(value, false));
        let marker = format!(
            "<value>{}</value>\n      <description>Timeout",
            xml(value, false)
        );
        cases.push(refused(name, document, at(&marker), "<value>", says));
    }
    for (name, value, says) in [
        ("range-reversed", "3999-3009", "reversed"),
        ("range-open", "3009-", "expected decimal digits"),
        ("range-double-dash", "3009--3999", "expected decimal digits"),
        ("range-overflow", "3009-65536", "within 0..=65535"),
    ] {
        let document = replaced(
            "<value>3009-3999</value>",
            &format!("<value>{value}</value>"),
        );
        cases.push(refused(
            name,
            document,
            at(&format!("<value>{value}</value>")),
            "<value>",
            says,
        ));
    }
    cases.push(refused(
        "record-overlaps-a-range",
        replaced(
            UNASSIGNED_3009,
            &format!(
                "{}{UNASSIGNED_3009}",
                record("3500", "Overlapping", MORGAN, "")
            ),
        ),
        at("<value>3009-3999</value>"),
        "<value>",
        "overlaps",
    ));
    cases.push(refused(
        "record-duplicate",
        replaced(
            "<record>\n      <value>3009-3999</value>",
            "<record>\n      <value>3008</value>\n      <description>Timeout again</description>\n    \
             </record>\n    <record>\n      <value>3009-3999</value>",
        ),
        At::Nth(b"<value>3008</value>".to_vec(), 1),
        "<value>",
        "duplicates",
    ));
    cases.push(refused(
        "range-overlaps-a-range",
        replaced(
            "<record>\n      <value>1000</value>",
            "<range>\n      <value>2500-3500</value>\n      <registration_rule>Mine</registration_rule>\n    \
             </range>\n    <record>\n      <value>1000</value>",
        ),
        at("<value>2500-3500</value>"),
        "<value>",
        "overlaps",
    ));
    cases.push(refused(
        "person-duplicate",
        replaced(
            "</people>",
            "  <person id=\"Morgan_Jones\">\n      <name>Mallory</name>\n    </person>\n  </people>",
        ),
        At::Nth(b"<person id=\"Morgan_Jones\">".to_vec(), 1),
        "<person>",
        "appears twice",
    ));

    // Structure and dates.
    cases.push(refused(
        "date-impossible",
        replaced(
            "<record date=\"2024-02-01\">",
            "<record date=\"2025-02-30\">",
        ),
        at("<record date=\"2025-02-30\">"),
        "<record>",
        "is not a date",
    ));
    cases.push(refused(
        "document-date-impossible",
        replaced(
            "<updated>2025-07-30</updated>",
            "<updated>2025-13-01</updated>",
        ),
        at("<updated>2025-13-01</updated>"),
        "<updated>",
        "is not a date",
    ));
    cases.push(refused(
        "no-document-date",
        replaced("<updated>2025-07-30</updated>", ""),
        at("<registry xmlns"),
        "<registry>",
        "no <updated> date",
    ));
    cases.push(refused(
        "no-close-code-registry",
        replaced("id=\"close-code-number\"", "id=\"close-codes\""),
        at("<registry xmlns"),
        "<registry>",
        "no close-code registry",
    ));
    cases.push(refused(
        "contact-unknown-person",
        replaced("data=\"Morgan_Jones\"", "data=\"Mallory\""),
        at("<xref type=\"person\" data=\"Mallory\""),
        "<xref>",
        "\"Mallory\", who is not in <people>",
    ));
    cases.push(refused(
        "contact-not-a-person",
        replaced(
            "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>",
            "<contact><xref type=\"uri\" data=\"javascript:alert(1)\"/></contact>",
        ),
        at("<xref type=\"uri\" data=\"javascript"),
        "<xref>",
        "a contact must be",
    ));
    cases.push(refused(
        "reference-unknown-type",
        replaced(
            "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>",
            "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>\n      \
             <xref type=\"javascript\" data=\"alert(1)\"/>",
        ),
        at("<xref type=\"javascript\""),
        "<xref>",
        "unknown reference type \"javascript\"",
    ));
    cases.push(refused(
        "record-without-value",
        replaced(
            "<record date=\"2024-02-01\">\n      <value>3008</value>",
            "<record date=\"2024-02-01\">",
        ),
        at("<record date=\"2024-02-01\">"),
        "<record>",
        "has no <value>",
    ));
    cases.push(refused(
        "record-without-description",
        timeout_described("").replacen("<description></description>", "", 1),
        at("<record date=\"2024-02-01\">"),
        "<record>",
        "has no <description>",
    ));
    cases.push(refused(
        "description-only-whitespace",
        timeout_described(" \n\t &#x20;&#xA; "),
        at("<record date=\"2024-02-01\">"),
        "<record>",
        "empty <description>",
    ));
    cases.push(refused(
        "no-protocol-range",
        replaced(
            "<range>\n      <value>1000-2999</value>\n      <registration_rule>Standards Action, \
             Specification Required or IESG Review</registration_rule>\n    </range>",
            "",
        ),
        at("<registry id=\"close-code-number\">"),
        "<registry>",
        "no <range> holding 1000",
    ));
    cases.push(refused(
        "no-private-use-record",
        replaced(
            "<record>\n      <value>4000-4999</value>\n      <description>Reserved for Private Use</description>",
            "<record>\n      <value>4000-4999</value>\n      <description>Unassigned</description>",
        ),
        at("<registry id=\"close-code-number\">"),
        "<registry>",
        "holding 4000",
    ));

    // Text lengths: one byte over the limit in every field, and megabytes.
    let over = MAX_TEXT + 1;
    cases.push(refused(
        "description-over-limit",
        timeout_described(&long(over)),
        at("<description>dddd"),
        "<description>",
        &format!("{over} bytes long; at most {MAX_TEXT}"),
    ));
    cases.push(refused(
        "description-megabytes",
        timeout_described(&"<b>&lt;script&gt;</b> ".repeat(100_000)),
        at("<description><b>"),
        "<description>",
        "at most 4096 are accepted",
    ));
    let person = |inner: &str, id: &str| {
        with_record_3009(
            &record(
                "3009",
                "Long Person",
                &format!("<contact><xref type=\"person\" data=\"{id}\"/></contact>"),
                "",
            ),
            &format!("  <person id=\"{id}\">{inner}</person>\n  "),
        )
    };
    cases.push(refused(
        "person-name-over-limit",
        person(&format!("<name>{}</name>", long(over)), "Long_Name"),
        at("<name>dddd"),
        "<name>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "person-uri-over-limit",
        person(&format!("<uri>{}</uri>", long(over)), "Long_Uri"),
        at("<uri>dddd"),
        "<uri>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "person-id-over-limit",
        person("", &long(over)),
        at("<person id=\"dddd"),
        "<person>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "contact-text-over-limit",
        with_record_3009(
            &record(
                "3009",
                "Long Contact",
                &format!("<contact>{}</contact>", long(over)),
                "",
            ),
            "",
        ),
        at("<contact>dddd"),
        "<contact>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "uri-reference-over-limit",
        with_record_3009(
            &record(
                "3009",
                "Long Uri",
                MORGAN,
                &format!(
                    "<xref type=\"uri\" data=\"https://e.example/{}\"/>",
                    long(over)
                ),
            ),
            "",
        ),
        at("<xref type=\"uri\" data=\"https://e.example/dddd"),
        "<xref>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "text-reference-over-limit",
        with_record_3009(
            &record(
                "3009",
                "Long Text",
                MORGAN,
                &format!("<xref type=\"text\">{}</xref>", long(over)),
            ),
            "",
        ),
        at("<xref type=\"text\">dddd"),
        "<xref>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "registration-rule-over-limit",
        replaced(
            "<registration_rule>First Come First Served</registration_rule>\n    </range>",
            &format!(
                "<registration_rule>{}</registration_rule>\n    </range>",
                long(over)
            ),
        ),
        at("<registration_rule>dddd"),
        "<registration_rule>",
        "at most 4096 are accepted",
    ));

    // Character references that are no character, and entities.
    for (name, reference) in [
        ("reference-nul", "&#0;"),
        ("reference-nul-hex", "&#x0;"),
        ("reference-surrogate", "&#xD800;"),
        ("reference-low-surrogate", "&#xDFFF;"),
        ("reference-above-unicode", "&#x110000;"),
        ("reference-overflow", "&#99999999999999999999;"),
        ("reference-empty", "&#;"),
        ("reference-empty-hex", "&#x;"),
        ("reference-not-decimal", "&#12a;"),
        ("reference-not-hex", "&#xG;"),
    ] {
        cases.push(refused(
            name,
            timeout_described(&format!("Time{reference}out")),
            at(reference),
            "<description>",
            "invalid character reference",
        ));
    }
    // Characters that XML 1.0 forbids (all controls below U+0020 but tab,
    // line feed and carriage return; U+FFFE and U+FFFF), raw and as
    // references, in a description and in an attribute value.
    for (name, character, says) in [
        (
            "raw-soh",
            "\u{1}",
            "XML 1.0 forbids the control character U+0001",
        ),
        (
            "raw-nul",
            "\u{0}",
            "XML 1.0 forbids the control character U+0000",
        ),
        (
            "raw-escape",
            "\u{1b}",
            "XML 1.0 forbids the control character U+001B",
        ),
        (
            "raw-fffe",
            "\u{FFFE}",
            "XML 1.0 forbids the noncharacter U+FFFE",
        ),
        (
            "raw-ffff",
            "\u{FFFF}",
            "XML 1.0 forbids the noncharacter U+FFFF",
        ),
    ] {
        cases.push(refused(
            &format!("{name}-in-description"),
            timeout_described(&format!("Time{character}out")),
            at(character),
            "<description>",
            says,
        ));
        cases.push(refused(
            &format!("{name}-in-attribute"),
            replaced(
                "data=\"Morgan_Jones\"",
                &format!("data=\"Morgan{character}_Jones\""),
            ),
            at(character),
            "<xref>",
            says,
        ));
    }
    for (name, reference, says) in [
        (
            "reference-soh",
            "&#x1;",
            "invalid character reference &#x1; (XML 1.0 forbids the control character U+0001)",
        ),
        (
            "reference-soh-decimal",
            "&#1;",
            "invalid character reference &#1; (XML 1.0 forbids the control character U+0001)",
        ),
        (
            "reference-fffe",
            "&#xFFFE;",
            "invalid character reference &#xFFFE; (XML 1.0 forbids the noncharacter U+FFFE)",
        ),
        (
            "reference-ffff",
            "&#65535;",
            "invalid character reference &#65535; (XML 1.0 forbids the noncharacter U+FFFF)",
        ),
    ] {
        cases.push(refused(
            name,
            timeout_described(&format!("Time{reference}out")),
            at(reference),
            "<description>",
            says,
        ));
    }
    for (name, reference, says) in [
        (
            "reference-soh-in-attribute",
            "&#x1;",
            "attribute data: invalid character reference &#x1; (XML 1.0 forbids the control \
             character U+0001)",
        ),
        (
            "reference-surrogate-in-attribute",
            "&#xD800;",
            "attribute data: invalid character reference &#xD800;",
        ),
        (
            "reference-nul-in-attribute",
            "&#0;",
            "attribute data: invalid character reference &#0;",
        ),
    ] {
        cases.push(refused(
            name,
            replaced(
                "data=\"Morgan_Jones\"",
                &format!("data=\"Morgan{reference}_Jones\""),
            ),
            at(reference),
            "<xref>",
            says,
        ));
    }
    let lol = unused_doctype("http://127.0.0.1:9", "file:///etc/passwd");
    let with_doctype =
        |text: String| text.replacen("<registry xmlns", &format!("{lol}<registry xmlns"), 1);
    for entity in ["lol9", "remote", "local"] {
        cases.push(refused(
            &format!("entity-{entity}-used"),
            with_doctype(timeout_described(&format!("Time &{entity}; out"))),
            at(&format!("&{entity};")),
            "<description>",
            "not one of XML's predefined entities",
        ));
    }
    cases.push(refused(
        "entity-undeclared",
        timeout_described("Time&nbsp;out"),
        at("&nbsp;"),
        "<description>",
        "not one of XML's predefined entities",
    ));
    cases.push(refused(
        "entity-in-attribute",
        with_doctype(replaced("data=\"Morgan_Jones\"", "data=\"&remote;\"")),
        at("<xref type=\"person\" data=\"&remote;\""),
        "<xref>",
        "only XML's predefined entities are expanded",
    ));

    // Encodings.
    cases.push(refused(
        "declared-iso-8859-1",
        replaced("encoding='UTF-8'", "encoding='ISO-8859-1'"),
        At::LineColumn(1, 1),
        "<?xml?>",
        "only UTF-8 is accepted",
    ));
    cases.push(refused(
        "declared-utf-16",
        replaced("encoding='UTF-8'", "encoding='UTF-16'"),
        At::LineColumn(1, 1),
        "<?xml?>",
        "only UTF-8 is accepted",
    ));
    cases.push(refused(
        "declared-escape-sequence",
        replaced("encoding='UTF-8'", "encoding='\u{1b}[2J\u{202E}'"),
        At::LineColumn(1, 1),
        "<?xml?>",
        "only UTF-8 is accepted",
    ));
    for (name, bytes) in [
        ("latin1-byte", &b"Timeo\xE9t"[..]),
        ("cp1252-quotes", &b"\x93Timeout\x94"[..]),
        ("overlong-utf8", &b"Time\xC0\xAFout"[..]),
        ("surrogate-utf8", &b"Time\xED\xA0\x80out"[..]),
        ("truncated-utf8", &b"Time\xE2\x82"[..]),
    ] {
        let mut document = snapshot().into_bytes();
        let at = find_nth(&document, b"Timeout</description>", 0).unwrap();
        document.splice(at..at + b"Timeout".len(), bytes.iter().copied());
        let bad = at + bytes.iter().position(|&b| b >= 0x80).unwrap();
        let (line, column) = line_column(&document, bad);
        cases.push(refused(
            name,
            document,
            At::LineColumn(line, column),
            "document",
            "not valid UTF-8",
        ));
    }
    for (name, big_endian) in [("utf16le-bom", false), ("utf16be-bom", true)] {
        cases.push(refused(
            name,
            utf16(&snapshot(), big_endian, true),
            At::LineColumn(1, 1),
            "document",
            "UTF-16",
        ));
    }
    cases.push(refused(
        "utf16le-without-bom",
        utf16(&snapshot(), false, false),
        At::LineColumn(1, 1),
        "<\\u{0}?\\u{0}x\\u{0}m\\u{0}l\\u{0}>",
        "malformed",
    ));

    // Not a registry at all.
    cases.push(refused(
        "empty",
        Vec::new(),
        At::LineColumn(1, 1),
        "document",
        "empty",
    ));
    cases.push(refused(
        "whitespace-only",
        &b" \n\t\n"[..],
        At::LineColumn(1, 1),
        "document",
        "no root element",
    ));
    cases.push(refused(
        "json",
        &b"{\"registry\": {\"records\": []}}"[..],
        At::LineColumn(1, 1),
        "document",
        "text outside the root element",
    ));
    cases.push(refused(
        "two-roots",
        format!("{}<registry id=\"second\"/>\n", snapshot()),
        at("<registry id=\"second\"/>"),
        "document",
        "more than one root element",
    ));
    let mut cut = snapshot();
    cut.truncate(cut.find("Timeout</description>").unwrap());
    let (line, column) = line_column(cut.as_bytes(), cut.len() - "<description>".len());
    cases.push(refused(
        "truncated",
        cut,
        At::LineColumn(line, column),
        "<description>",
        "never closed",
    ));
    cases.push(refused(
        "mismatched-end-tag",
        replaced("Timeout</description>", "Timeout</descriptio>"),
        at("</descriptio>"),
        "<description>",
        "expected `</description>`, but `</descriptio>` was found",
    ));
    cases.push(refused(
        "terminal-escape-in-end-tag",
        replaced(
            "Timeout</description>",
            "Timeout</description\u{1b}]0;pwned\u{7}\u{1b}[2J>",
        ),
        at("</description\u{1b}"),
        "<description>",
        "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J",
    ));
    cases.push(refused(
        "bidi-in-end-tag",
        replaced("Timeout</description>", "Timeout</descr\u{202E}iption>"),
        at("</descr\u{202E}"),
        "<description>",
        "\\u{202e}",
    ));
    cases.push(refused(
        "duplicate-attribute",
        replaced(
            "<record date=\"2024-02-01\">",
            "<record date=\"2024-02-01\" date=\"2030-01-01\">",
        ),
        at("<record date=\"2024-02-01\" date"),
        "<record>",
        "malformed attribute",
    ));
    cases.push(refused(
        "unquoted-attribute",
        replaced("<record date=\"2024-02-01\">", "<record date=2024-02-01>"),
        at("<record date=2024"),
        "<record>",
        "malformed attribute",
    ));
    // 4 levels to the description, then 28 <b>: the 29th is level 33.
    cases.push(refused(
        "nesting-33-levels",
        timeout_described(&format!("{}x{}", "<b>".repeat(29), "</b>".repeat(29))),
        At::Nth(b"<b>".to_vec(), 28),
        "<b>",
        "nested deeper than 32 levels",
    ));
    cases.push(refused(
        "nesting-a-million-levels",
        timeout_described(&"<b>".repeat(1_000_000)),
        At::Nth(b"<b>".to_vec(), 28),
        "<b>",
        "nested deeper than 32 levels",
    ));

    // The files that do not depend on the fixture.
    let data = xtask::workspace_root().join("xtask/tests/data/hostile");
    let file = |name: &str| fs::read(data.join(name)).unwrap();
    cases.push(refused(
        "file-billion-laughs",
        file("billion-laughs.xml"),
        at("&lol9;"),
        "<description>",
        "entity &lol9; is not one of XML's predefined entities",
    ));
    cases.push(refused(
        "file-external-entity-file",
        file("external-entity-file.xml"),
        at("&passwd;"),
        "<description>",
        "entity &passwd; is not",
    ));
    cases.push(refused(
        "file-external-entity-http",
        file("external-entity-http.xml"),
        at("&remote;"),
        "<description>",
        "entity &remote; is not",
    ));
    cases.push(refused(
        "file-parameter-entity",
        file("parameter-entity.xml"),
        at("&wrapped;"),
        "<description>",
        "entity &wrapped; is not",
    ));
    let latin1 = file("latin1.xml");
    let bad = latin1.iter().position(|&b| b >= 0x80).unwrap();
    let (line, column) = line_column(&latin1, bad);
    cases.push(refused(
        "file-latin1",
        latin1,
        At::LineColumn(line, column),
        "document",
        "not valid UTF-8",
    ));
    // Its Latin-1 bytes are refused before the declaration is read.
    let declared = file("declared-iso-8859-1.xml");
    let bad = declared.iter().position(|&b| b >= 0x80).unwrap();
    let (line, column) = line_column(&declared, bad);
    cases.push(refused(
        "file-declared-iso-8859-1",
        declared,
        At::LineColumn(line, column),
        "document",
        "not valid UTF-8",
    ));
    cases.push(refused(
        "file-empty",
        file("empty.xml"),
        At::LineColumn(1, 1),
        "document",
        "the document is empty",
    ));
    cases.push(refused(
        "file-json",
        file("not-xml.json"),
        At::LineColumn(1, 1),
        "document",
        "text outside the root element",
    ));
    cases.push(refused(
        "file-png",
        file("png-header.png"),
        At::LineColumn(1, 1),
        "document",
        "not valid UTF-8 (invalid byte at offset 0)",
    ));
    // HTML as it is served is seldom well-formed XML ...
    cases.push(refused(
        "file-html",
        file("page.html"),
        at("</p>"),
        "<br>",
        "malformed XML",
    ));
    // ... and when it is, it is not a registry.
    cases.push(refused(
        "xhtml",
        &b"<?xml version='1.0'?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<body><p>Moved</p></body></html>\n"[..],
        at("<html"),
        "<html>",
        "the root element must be <registry>",
    ));
    cases
}
