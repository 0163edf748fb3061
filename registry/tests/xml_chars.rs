//! Characters that XML 1.0 forbids (production [2], `Char ::= #x9 | #xA |
//! #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`) are
//! refused at their line and column, written raw or as a character
//! reference, in element text and in attribute values; the allowed
//! characters next to the limits are still read.
//!
//! Every document is the checked-in snapshot with one registered code's
//! record edited: that code and its description are found by parsing the
//! snapshot, never written here, so the tests hold whatever IANA's text
//! says. Expected places are computed from where the character was put.

use ws_close_codes_registry::{parse, Error, Position, ReferenceKind, SNAPSHOT_XML};

/// The characters below U+0020 that XML 1.0 forbids: all but tab, line
/// feed and carriage return.
fn forbidden_controls() -> Vec<char> {
    ('\u{0}'..'\u{20}')
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Every character forbidden raw that valid UTF-8 can carry: the controls
/// and the two noncharacters U+FFFE and U+FFFF (surrogates cannot be
/// encoded in UTF-8, so they can only be references).
fn forbidden_raw() -> Vec<char> {
    let mut chars = forbidden_controls();
    chars.extend(['\u{FFFE}', '\u{FFFF}']);
    chars
}

/// The allowed characters next to the limits of XML 1.0's `Char`.
const ALLOWED_AT_THE_LIMITS: [char; 6] = [
    '\t',
    '\u{20}',
    '\u{D7FF}',
    '\u{E000}',
    '\u{FFFD}',
    '\u{10000}',
];

/// What is put before and after the character under test.
const BEFORE: &str = "Bad";
const AFTER: &str = "Thing";

/// One registered code of the snapshot and where its record is.
struct Target {
    code: u16,
    /// Its description, as parsed.
    description: String,
    /// Byte offset of the description's text (just after `<description>`).
    description_text: usize,
    /// Byte offset just after `</description>`.
    description_end: usize,
}

/// The last registered code of the snapshot, found by parsing it, and its
/// record's `<description>` found in the text after `<value>CODE</value>`
/// of the close-code registry.
fn target() -> Target {
    let registry = parse(SNAPSHOT_XML.as_bytes()).expect("the snapshot parses");
    let record = registry
        .registered_codes()
        .last()
        .expect("the snapshot has registered codes");
    let code = record.span.start;
    let registry_start = SNAPSHOT_XML
        .find("id=\"close-code-number\"")
        .expect("the snapshot has the close-code registry");
    let value = format!("<value>{code}</value>");
    let value_at = registry_start
        + SNAPSHOT_XML[registry_start..]
            .find(&value)
            .unwrap_or_else(|| panic!("test bug: no {value} in the close-code registry"));
    let record_end = value_at
        + SNAPSHOT_XML[value_at..]
            .find("</record>")
            .expect("the record is closed");
    let open = value_at
        + SNAPSHOT_XML[value_at..record_end]
            .find("<description>")
            .unwrap_or_else(|| panic!("test bug: the record of {code} has no <description>"));
    let close = open
        + SNAPSHOT_XML[open..record_end]
            .find("</description>")
            .expect("the description is closed");
    Target {
        code,
        description: record.description.clone(),
        description_text: open + "<description>".len(),
        description_end: close + "</description>".len(),
    }
}

/// A test document and the byte offset of the piece under test in it.
struct Edited {
    text: String,
    at: usize,
}

impl Target {
    /// The snapshot with `BEFORE piece AFTER` and a space at the start of
    /// the target's description.
    fn in_description(&self, piece: &str) -> Edited {
        let at = self.description_text + BEFORE.len();
        let text = format!(
            "{}{BEFORE}{piece}{AFTER} {}",
            &SNAPSHOT_XML[..self.description_text],
            &SNAPSHOT_XML[self.description_text..]
        );
        Edited { text, at }
    }

    /// The snapshot with a `uri` reference whose `data` attribute holds
    /// `piece`, on its own line after the target's description.
    fn in_attribute(&self, piece: &str) -> Edited {
        let start = format!("\n      <xref type=\"uri\" data=\"{}{BEFORE}", self.uri());
        let at = self.description_end + start.len();
        let text = format!(
            "{}{start}{piece}{AFTER}\"/>{}",
            &SNAPSHOT_XML[..self.description_end],
            &SNAPSHOT_XML[self.description_end..]
        );
        Edited { text, at }
    }

    fn uri(&self) -> String {
        format!("https://example.org/{}/", self.code)
    }
}

/// Line and column (1-based, column in characters) of byte `offset`.
fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: u32::try_from(before.matches('\n').count() + 1).unwrap(),
        column: u32::try_from(before[line_start..].chars().count() + 1).unwrap(),
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `U+XXXX`, as the messages name a character.
fn u_plus(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Parses `edited`, expects an error at its piece about `element` whose
/// message contains each of `says`, and whose `Display` form quotes no
/// control character.
#[track_caller]
fn expect_refused(what: &str, edited: &Edited, element: &str, says: &[&str]) -> Error {
    let err = match parse(edited.text.as_bytes()) {
        Ok(_) => panic!("{what}: the document was accepted"),
        Err(err) => err,
    };
    let wanted = position(&edited.text, edited.at);
    assert_eq!(err.position, Some(wanted), "{what}: wrong place: {err}");
    assert_eq!(
        err.element.as_deref(),
        Some(element),
        "{what}: wrong element: {err}"
    );
    for part in says {
        assert!(
            err.message.contains(part),
            "{what}: expected {part:?} in the message: {err}"
        );
    }
    let shown = err.to_string();
    assert!(
        !shown.contains(|c: char| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}')),
        "{what}: a raw character in {shown:?}"
    );
    assert!(
        shown.starts_with(&format!("{wanted}: ")),
        "{what}: {shown:?}"
    );
    err
}

// ---------------------------------------------------------------------------
// Raw characters
// ---------------------------------------------------------------------------

/// How a piece is put into the snapshot.
type Put = fn(&Target, &str) -> Edited;

/// Where the tests put a character: in a description's text, or in an
/// `xref`'s `data` attribute; and the element the errors name.
const PLACES: [(Put, &str); 2] = [
    (Target::in_description, "<description>"),
    (Target::in_attribute, "<xref>"),
];

#[test]
fn raw_forbidden_characters_in_text_and_attributes_are_refused_at_their_place() {
    let target = target();
    for (put, element) in PLACES {
        for c in forbidden_raw() {
            let what = format!("raw {} in {element}", u_plus(c));
            let err = expect_refused(&what, &put(&target, &c.to_string()), element, &[]);
            assert!(err.message.starts_with("XML 1.0 forbids"), "{what}: {err}");
            assert!(err.message.ends_with(&u_plus(c)), "{what}: {err}");
        }
    }
}

#[test]
fn the_messages_say_what_the_character_is() {
    let target = target();
    let control = "XML 1.0 forbids the control character U+0001";
    let reference = format!("invalid character reference &#x1; ({control})");
    for (piece, put, element, message) in [
        (
            "\u{1}",
            Target::in_description as Put,
            "<description>",
            control.to_owned(),
        ),
        (
            "\u{FFFF}",
            Target::in_description,
            "<description>",
            "XML 1.0 forbids the noncharacter U+FFFF".to_owned(),
        ),
        (
            "&#x1;",
            Target::in_description,
            "<description>",
            reference.clone(),
        ),
        (
            "&#x1;",
            Target::in_attribute,
            "<xref>",
            format!("attribute data: {reference}"),
        ),
    ] {
        let err = expect_refused(piece, &put(&target, piece), element, &[]);
        assert_eq!(err.message, message);
    }
}

#[test]
fn raw_forbidden_characters_are_refused_wherever_they_are() {
    let target = target();
    let description = |xml: &str, offset: usize| {
        let mut edited = target.in_description(xml);
        edited.at += offset;
        edited
    };
    // A comment, a CDATA section and a processing instruction inside the
    // description, and an element name: the place is the character's.
    for (what, xml, offset, element) in [
        (
            "comment",
            "<!-- a \u{1} b -->",
            "<!-- a ".len(),
            "<description>",
        ),
        (
            "CDATA",
            "<![CDATA[a \u{1} b]]>",
            "<![CDATA[a ".len(),
            "<description>",
        ),
        (
            "instruction",
            "<?pi a \u{1} b?>",
            "<?pi a ".len(),
            "<description>",
        ),
        ("name", "<b\u{1}>x</b\u{1}>", "<b".len(), "<b\u{1}>"),
    ] {
        expect_refused(
            what,
            &description(xml, offset),
            element,
            &["XML 1.0 forbids the control character U+0001"],
        );
    }
    // Before the root element, after the XML declaration's line.
    let line = SNAPSHOT_XML.find('\n').expect("the snapshot has lines") + 1;
    let text = format!(
        "{}<!-- \u{1} -->\n{}",
        &SNAPSHOT_XML[..line],
        &SNAPSHOT_XML[line..]
    );
    expect_refused(
        "prolog",
        &Edited {
            text,
            at: line + "<!-- ".len(),
        },
        "document",
        &["U+0001"],
    );
}

#[test]
fn the_first_forbidden_character_is_the_one_reported() {
    let target = target();
    let first = target.in_description("\u{2}");
    let text = format!("{}<!-- \u{1} -->\n", first.text);
    expect_refused(
        "two raw characters",
        &Edited { text, at: first.at },
        "<description>",
        &["U+0002"],
    );
}

// ---------------------------------------------------------------------------
// Character references
// ---------------------------------------------------------------------------

/// References to characters XML 1.0 forbids, decimal and hex, with the
/// character when there is one (surrogates are none).
fn forbidden_references() -> Vec<(String, Option<char>)> {
    let mut references = Vec::new();
    for c in forbidden_raw() {
        let n = u32::from(c);
        references.push((format!("&#{n};"), Some(c)));
        references.push((format!("&#x{n:X};"), Some(c)));
    }
    references.push(("&#x0;".into(), Some('\0')));
    references.push(("&#x00000001;".into(), Some('\u{1}')));
    references.push(("&#xfffe;".into(), Some('\u{FFFE}')));
    for surrogate in [0xD800_u32, 0xDBFF, 0xDC00, 0xDFFF] {
        references.push((format!("&#{surrogate};"), None));
        references.push((format!("&#x{surrogate:X};"), None));
    }
    references
}

#[test]
fn references_to_forbidden_characters_are_refused_at_their_place() {
    let target = target();
    let references = forbidden_references();
    for wanted in "&#x1;|&#1;|&#0;|&#xFFFE;|&#65534;|&#xFFFF;|&#65535;|&#xD800;|&#57343;".split('|')
    {
        assert!(
            references.iter().any(|r| r.0 == wanted),
            "test bug: {wanted} is missing"
        );
    }
    for (put, element) in PLACES {
        let attribute = if element == "<xref>" {
            "attribute data: "
        } else {
            ""
        };
        for (reference, c) in &references {
            let says = format!("{attribute}invalid character reference {reference}");
            let err = expect_refused(reference, &put(&target, reference), element, &[&says]);
            if let Some(c) = c.filter(|&c| c != '\0') {
                let named =
                    err.message.contains("XML 1.0 forbids") && err.message.contains(&u_plus(c));
                assert!(named, "{reference}: {err}");
            }
        }
    }
}

#[test]
fn a_forbidden_reference_after_allowed_ones_in_an_attribute_is_placed_exactly() {
    let target = target();
    let allowed = "&#x41;&amp;&#233;\u{E9}&#x10000;";
    let mut edited = target.in_attribute(&format!("{allowed}&#xFFFF;"));
    edited.at += allowed.len();
    expect_refused(
        "after allowed references",
        &edited,
        "<xref>",
        &["&#xFFFF;", "U+FFFF"],
    );
}

// ---------------------------------------------------------------------------
// Allowed characters
// ---------------------------------------------------------------------------

#[test]
fn allowed_characters_next_to_the_limits_are_read() {
    let target = target();
    for c in ALLOWED_AT_THE_LIMITS {
        let n = u32::from(c);
        for (how, piece) in [
            ("raw", c.to_string()),
            ("decimal", format!("&#{n};")),
            ("hex", format!("&#x{n:X};")),
        ] {
            let what = format!("{} {how}", u_plus(c));

            let edited = target.in_description(&piece);
            let registry = parse(edited.text.as_bytes())
                .unwrap_or_else(|e| panic!("{what} in the description: {e}"));
            assert_eq!(
                registry.record_for(target.code).unwrap().description,
                collapse(&format!("{BEFORE}{c}{AFTER} {}", target.description)),
                "{what} in the description"
            );

            let edited = target.in_attribute(&piece);
            let registry = parse(edited.text.as_bytes())
                .unwrap_or_else(|e| panic!("{what} in an attribute: {e}"));
            // A raw tab in an attribute value is normalised to a space;
            // one written as a reference is kept, then collapsed as all
            // whitespace in `data` is.
            let data = collapse(&format!("{}{BEFORE}{c}{AFTER}", target.uri()));
            let references = &registry.record_for(target.code).unwrap().references;
            assert!(
                references
                    .iter()
                    .any(|r| r.kind == ReferenceKind::Uri && r.data == data),
                "{what} in an attribute: no uri {data:?} in {references:?}"
            );
        }
    }
}

#[test]
fn the_snapshot_has_no_forbidden_character_and_parses() {
    assert!(!SNAPSHOT_XML.contains(|c: char| forbidden_raw().contains(&c)));
    parse(SNAPSHOT_XML.as_bytes()).expect("the snapshot parses");
}
